/* Prints size and field offsets of every campro struct; layout.f90 prints the same from the
 * Fortran bind(C) types, and run.sh diffs the two. */
#include <campro.h>

#include <stddef.h>
#include <stdio.h>

#define SIZE(T) printf(#T " size %zu\n", sizeof(T))
#define OFF(T, f) printf(#T "." #f " %zu\n", offsetof(T, f))

int main(void) {
    SIZE(CamproParameters);
    OFF(CamproParameters, base_circle_radius); OFF(CamproParameters, max_lift);
    OFF(CamproParameters, cam_duration); OFF(CamproParameters, rise_duration);
    OFF(CamproParameters, dwell_duration); OFF(CamproParameters, fall_duration);
    OFF(CamproParameters, jerk_limit); OFF(CamproParameters, acceleration_limit);
    OFF(CamproParameters, velocity_limit); OFF(CamproParameters, rpm);
    OFF(CamproParameters, rise_law); OFF(CamproParameters, fall_law);
    SIZE(CamproSegment);
    OFF(CamproSegment, law); OFF(CamproSegment, duration); OFF(CamproSegment, end_lift);
    SIZE(CamproKinematics);
    OFF(CamproKinematics, displacement); OFF(CamproKinematics, velocity);
    OFF(CamproKinematics, acceleration); OFF(CamproKinematics, jerk);
    SIZE(CamproBoundaryCondition);
    OFF(CamproBoundaryCondition, displacement); OFF(CamproBoundaryCondition, velocity);
    OFF(CamproBoundaryCondition, acceleration);
    SIZE(CamproAnalysis);
    OFF(CamproAnalysis, max_velocity); OFF(CamproAnalysis, max_acceleration);
    OFF(CamproAnalysis, max_jerk); OFF(CamproAnalysis, rms_acceleration);
    OFF(CamproAnalysis, rms_jerk); OFF(CamproAnalysis, velocity_violation);
    OFF(CamproAnalysis, acceleration_violation); OFF(CamproAnalysis, jerk_violation);
    return 0;
}
