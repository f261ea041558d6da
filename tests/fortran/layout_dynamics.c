/* Prints size and field offsets of the follower-dynamics structs; layout_dynamics.f90 prints the
 * same from the Fortran bind(C) types, and run.sh diffs the two. */
#include <campro.h>

#include <stddef.h>
#include <stdio.h>

#define SIZE(T) printf(#T " size %zu\n", sizeof(T))
#define OFF(T, f) printf(#T "." #f " %zu\n", offsetof(T, f))

int main(void) {
    SIZE(CamproFollowerDynamics);
    OFF(CamproFollowerDynamics, mass); OFF(CamproFollowerDynamics, spring_rate);
    OFF(CamproFollowerDynamics, spring_preload); OFF(CamproFollowerDynamics, damping);
    OFF(CamproFollowerDynamics, external_force);
    SIZE(CamproDynamicsReport);
    OFF(CamproDynamicsReport, min_contact_force); OFF(CamproDynamicsReport, min_contact_force_at);
    OFF(CamproDynamicsReport, max_contact_force); OFF(CamproDynamicsReport, max_contact_force_at);
    OFF(CamproDynamicsReport, max_torque); OFF(CamproDynamicsReport, max_torque_at);
    OFF(CamproDynamicsReport, rms_torque); OFF(CamproDynamicsReport, max_power_factor);
    OFF(CamproDynamicsReport, jump_rpm); OFF(CamproDynamicsReport, separation);
    SIZE(CamproSpringSizing);
    OFF(CamproSpringSizing, spring_rate); OFF(CamproSpringSizing, spring_preload);
    OFF(CamproSpringSizing, critical_angle); OFF(CamproSpringSizing, critical_rpm);
    SIZE(CamproSpeedLimit);
    OFF(CamproSpeedLimit, max_rpm); OFF(CamproSpeedLimit, rpm_by_velocity);
    OFF(CamproSpeedLimit, rpm_by_acceleration); OFF(CamproSpeedLimit, rpm_by_jerk);
    OFF(CamproSpeedLimit, max_velocity); OFF(CamproSpeedLimit, max_velocity_at);
    OFF(CamproSpeedLimit, max_acceleration); OFF(CamproSpeedLimit, max_acceleration_at);
    OFF(CamproSpeedLimit, max_jerk); OFF(CamproSpeedLimit, max_jerk_at);
    OFF(CamproSpeedLimit, limited_by);
    return 0;
}
