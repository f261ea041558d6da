/*
 * link_check.c -- the header matches the C contract, and a program links and runs.
 * Compiled as C99 with -Werror: every function is assigned to a pointer of exactly the contract's
 * signature (a mismatch is an incompatible-pointer error) and the struct layouts are checked at
 * compile time. Linked once against libcampro.so and once against libcampro.a.
 */
#include "campro.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define STATIC_ASSERT(cond, name) typedef char static_assert_##name[(cond) ? 1 : -1]

STATIC_ASSERT(sizeof(CamproParameters) == 10 * sizeof(double) + 2 * sizeof(int32_t), parameters_size);
STATIC_ASSERT(offsetof(CamproParameters, base_circle_radius) == 0, p0);
STATIC_ASSERT(offsetof(CamproParameters, max_lift) == 8, p1);
STATIC_ASSERT(offsetof(CamproParameters, cam_duration) == 16, p2);
STATIC_ASSERT(offsetof(CamproParameters, rise_duration) == 24, p3);
STATIC_ASSERT(offsetof(CamproParameters, dwell_duration) == 32, p4);
STATIC_ASSERT(offsetof(CamproParameters, fall_duration) == 40, p5);
STATIC_ASSERT(offsetof(CamproParameters, jerk_limit) == 48, p6);
STATIC_ASSERT(offsetof(CamproParameters, acceleration_limit) == 56, p7);
STATIC_ASSERT(offsetof(CamproParameters, velocity_limit) == 64, p8);
STATIC_ASSERT(offsetof(CamproParameters, rpm) == 72, p9);
STATIC_ASSERT(offsetof(CamproParameters, rise_law) == 80, p10);
STATIC_ASSERT(offsetof(CamproParameters, fall_law) == 84, p11);
STATIC_ASSERT(offsetof(CamproSegment, law) == 0 && offsetof(CamproSegment, duration) == 8 &&
                  offsetof(CamproSegment, end_lift) == 16 && sizeof(CamproSegment) == 24,
              segment);
STATIC_ASSERT(sizeof(CamproKinematics) == 32 && offsetof(CamproKinematics, jerk) == 24, kinematics);
STATIC_ASSERT(sizeof(CamproBoundaryCondition) == 24 && offsetof(CamproBoundaryCondition, acceleration) == 16, bc);
STATIC_ASSERT(offsetof(CamproAnalysis, max_velocity) == 0 && offsetof(CamproAnalysis, rms_jerk) == 32 &&
                  offsetof(CamproAnalysis, velocity_violation) == 40 &&
                  offsetof(CamproAnalysis, acceleration_violation) == 44 &&
                  offsetof(CamproAnalysis, jerk_violation) == 48 && sizeof(CamproAnalysis) == 56,
              analysis);
STATIC_ASSERT(sizeof(int32_t) == 4, int32);

int main(void) {
    /* exact contract signatures */
    const char *(*f_version)(void) = campro_version;
    const char *(*f_status_name)(int32_t) = campro_status_name;
    size_t (*f_msg)(char *, size_t) = campro_last_error_message;
    void (*f_default)(CamproParameters *) = campro_parameters_default;
    int32_t (*f_new)(const CamproParameters *, CamproMotion **) = campro_motion_new;
    int32_t (*f_segments)(const CamproSegment *, size_t, double, CamproMotion **) = campro_motion_from_segments;
    int32_t (*f_load)(const char *, CamproMotion **) = campro_motion_load;
    void (*f_free)(CamproMotion *) = campro_motion_free;
    double (*f_scalar[4])(const CamproMotion *, double);
    CamproKinematics (*f_kin)(const CamproMotion *, double) = campro_kinematics;
    int32_t (*f_arr[8])(const CamproMotion *, const double *, double *, size_t);
    int32_t (*f_kinpar)(const CamproMotion *, const double *, size_t, double *, double *, double *, double *) =
        campro_kinematics_parallel;
    int32_t (*f_kinbat)(const CamproMotion *, const double *, size_t, double *, double *, double *, double *) =
        campro_kinematics_batch;
    CamproBoundaryCondition (*f_bc)(const CamproMotion *, double) = campro_boundary_condition_at_time;
    int32_t (*f_bcs)(const CamproMotion *, const double *, size_t, CamproBoundaryCondition *) =
        campro_boundary_conditions;
    int32_t (*f_bcs_batch)(const CamproMotion *, const double *, size_t, CamproBoundaryCondition *) =
        campro_boundary_conditions_batch;
    CamproTimeFunction f_time[3];
    int32_t (*f_analyze)(const CamproMotion *, size_t, CamproAnalysis *) = campro_analyze_kinematics;
    int32_t (*f_threads)(size_t) = campro_set_num_threads;
    double (*f_rpm)(const CamproMotion *) = campro_motion_rpm;
    CamproParameters p;
    CamproMotion *m = NULL;
    double x = 45.0, y = 0.0;
    int failures = 0;

    f_scalar[0] = campro_displacement;
    f_scalar[1] = campro_velocity;
    f_scalar[2] = campro_acceleration;
    f_scalar[3] = campro_jerk;
    f_arr[0] = campro_displacement_batch;
    f_arr[1] = campro_velocity_batch;
    f_arr[2] = campro_acceleration_batch;
    f_arr[3] = campro_jerk_batch;
    f_arr[4] = campro_displacement_parallel;
    f_arr[5] = campro_velocity_parallel;
    f_arr[6] = campro_acceleration_parallel;
    f_arr[7] = campro_jerk_parallel;
    f_time[0] = campro_bc_displacement;
    f_time[1] = campro_bc_velocity;
    f_time[2] = campro_bc_acceleration;
    (void)f_msg; (void)f_segments; (void)f_load; (void)f_kin; (void)f_kinpar; (void)f_kinbat;
    (void)f_bcs; (void)f_bcs_batch; (void)f_analyze; (void)f_threads;

    /* and it runs */
    if (strcmp(f_version(), "0.1.0") != 0) failures++;
    if (strcmp(f_status_name(CAMPRO_ERROR_IO), "CAMPRO_ERROR_IO") != 0) failures++;
    f_default(&p);
    if (f_new(&p, &m) != CAMPRO_OK) {
        printf("link_check: campro_motion_new failed\n");
        return 1;
    }
    if (fabs(f_scalar[0](m, 45.0) - 5.0) > 1e-12) failures++;
    if (fabs(f_scalar[1](m, 45.0) - 4000.0) > 1e-9) failures++;
    if (f_arr[4](m, &x, &y, 1) != CAMPRO_OK || fabs(y - 5.0) > 1e-12) failures++;
    if (fabs(f_time[0](0.0025, m) - f_bc(m, 0.0025).displacement) != 0.0) failures++;
    if (f_rpm(m) != 3000.0) failures++;
    f_free(m);
    printf("link_check: %s\n", failures == 0 ? "ok" : "FAILED");
    return failures == 0 ? 0 : 1;
}
