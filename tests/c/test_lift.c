/*
 * test_lift.c -- the 0.2 additions "Cams from lift tables" and "Variable cam speed" of the campro
 * C contract (/work/shared/c-api.md): campro_motion_from_lift_table, campro_motion_with_speed_profile,
 * campro_motion_rpm_at_time, campro_motion_lift_table_len, with good and bad input, checked
 * against closed forms (the table's own points, a few Fourier harmonics between them, the chain
 * rule of a speed ramp against the default cam at its own rpm).
 *
 * Exit status: 0 when every check passes.
 */
#include "campro.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PI 3.14159265358979323846

static int g_passed = 0, g_failed = 0;
static char g_msg[4096];

static void check_impl(int ok, const char *what, const char *file, int line) {
    if (ok) {
        g_passed++;
    } else {
        g_failed++;
        printf("FAIL %s:%d: %s\n", file, line, what);
    }
}

#define CHECK(cond) check_impl((cond) ? 1 : 0, #cond, __FILE__, __LINE__)

#define CHECK_NEAR(a, b, tol)                                                                          \
    do {                                                                                               \
        double a_ = (a), b_ = (b);                                                                     \
        int ok_ = fabs(a_ - b_) <= (tol);                                                              \
        if (!ok_) printf("     got %.17g, expected %.17g (tol %g)\n", a_, b_, (double)(tol));          \
        check_impl(ok_, #a " ~= " #b, __FILE__, __LINE__);                                             \
    } while (0)

#define CHECK_STATUS(expr, want)                                                                       \
    do {                                                                                               \
        int32_t st_ = (expr);                                                                          \
        if (st_ != (want)) printf("     got status %d (%s), expected %s\n", (int)st_,                  \
                                  campro_status_name(st_), #want);                                     \
        check_impl(st_ == (want), #expr " == " #want, __FILE__, __LINE__);                             \
    } while (0)

static const char *last_msg(void) {
    campro_last_error_message(g_msg, sizeof g_msg);
    return g_msg;
}

#define CHECK_MSG(sub)                                                                                 \
    do {                                                                                               \
        const char *m_ = last_msg();                                                                   \
        int ok_ = strstr(m_, (sub)) != NULL;                                                           \
        if (!ok_) printf("     message \"%s\" lacks \"%s\"\n", m_, (sub));                            \
        check_impl(ok_, "last error message contains " #sub, __FILE__, __LINE__);                      \
    } while (0)

static int same(double a, double b) { return memcmp(&a, &b, sizeof a) == 0; }

static char g_sentinel_byte;
#define SENTINEL_MOTION ((CamproMotion *)(void *)&g_sentinel_byte)

/* the smooth periodic lift of the tests (the Rust suite's tests/lift_table.rs uses the same) */
static double harmonics(double theta_deg) {
    double w = PI / 180.0;
    return 5.0 + 4.0 * sin(w * theta_deg + 0.3) - 1.5 * sin(2.0 * w * theta_deg + 1.1) +
           0.7 * sin(3.0 * w * theta_deg - 0.4) + 0.2 * sin(5.0 * w * theta_deg + 2.0);
}
static double harmonics_d1(double theta_deg) { /* per degree */
    double w = PI / 180.0;
    return w * (4.0 * cos(w * theta_deg + 0.3) - 3.0 * cos(2.0 * w * theta_deg + 1.1) +
                2.1 * cos(3.0 * w * theta_deg - 0.4) + 1.0 * cos(5.0 * w * theta_deg + 2.0));
}

#define N_TABLE 180

static void make_table(double *theta, double *lift, int n, double start) {
    int i;
    for (i = 0; i < n; i++) {
        theta[i] = start + 360.0 * i / n;
        lift[i] = harmonics(theta[i]);
    }
}

static void test_interpolation(void) {
    double theta[N_TABLE], lift[N_TABLE];
    CamproMotion *m = NULL;
    int i;
    double worst_at = 0.0, worst_between = 0.0, worst_slope = 0.0;
    make_table(theta, lift, N_TABLE, -7.0);
    CHECK_STATUS(campro_motion_from_lift_table(theta, lift, N_TABLE, 3000.0, 0.0, &m), CAMPRO_OK);
    if (m == NULL) return;
    CHECK(campro_motion_segment_count(m) == 0);
    CHECK(campro_motion_lift_table_len(m) == N_TABLE);
    CHECK(campro_motion_rpm(m) == 3000.0);
    for (i = 0; i < N_TABLE; i++) {
        double d = campro_displacement(m, theta[i]);
        double mid = theta[i] + 1.0;
        if (fabs(d - lift[i]) > worst_at) worst_at = fabs(d - lift[i]);
        if (fabs(campro_displacement(m, mid) - harmonics(mid)) > worst_between)
            worst_between = fabs(campro_displacement(m, mid) - harmonics(mid));
        /* velocity in mm/s at 3000 rpm = ds/dtheta (per degree) * 18000 deg/s */
        if (fabs(campro_velocity(m, mid) - harmonics_d1(mid) * 18000.0) > worst_slope)
            worst_slope = fabs(campro_velocity(m, mid) - harmonics_d1(mid) * 18000.0);
    }
    printf("     interpolation, %d points: at the points %.3g mm, between %.3g mm, velocity %.3g mm/s\n",
           N_TABLE, worst_at, worst_between, worst_slope);
    CHECK(worst_at <= 1e-12 * 11.5);
    CHECK(worst_between <= 1e-9);
    CHECK(worst_slope <= 1e-5);
    /* continuous across 360 -> 0: the limits meet */
    {
        CamproKinematics a = campro_kinematics(m, 360.0 - 1e-9), b = campro_kinematics(m, 0.0);
        CHECK_NEAR(a.displacement, b.displacement, 1e-9);
        CHECK_NEAR(a.velocity, b.velocity, 1e-6 * fabs(b.velocity) + 1e-6);
        CHECK_NEAR(a.jerk, b.jerk, 1e-5 * fabs(b.jerk) + 1.0);
    }
    /* batch and parallel give the scalar's bits */
    {
        double angles[1000], out_b[1000], out_p[1000];
        int ok = 1;
        for (i = 0; i < 1000; i++) angles[i] = -720.0 + 1.4471 * i;
        CHECK_STATUS(campro_acceleration_batch(m, angles, out_b, 1000), CAMPRO_OK);
        CHECK_STATUS(campro_acceleration_parallel(m, angles, out_p, 1000), CAMPRO_OK);
        for (i = 0; i < 1000; i++)
            ok &= same(out_b[i], campro_acceleration(m, angles[i])) && same(out_p[i], out_b[i]);
        CHECK(ok);
    }
    {
        CamproAnalysis an;
        CHECK_STATUS(campro_analyze_kinematics(m, 3600, &an), CAMPRO_OK);
        CHECK(an.max_velocity > 0.0 && isfinite(an.max_jerk));
        CHECK(an.velocity_violation == 0 && an.acceleration_violation == 0 && an.jerk_violation == 0);
    }
    campro_motion_free(m);
}

static void test_smoothing(void) {
    double theta[N_TABLE], lift[N_TABLE], noisy[N_TABLE];
    CamproMotion *m = NULL;
    unsigned long state = 12345;
    double sigma = 0.02, sum2 = 0.0, fit2 = 0.0;
    int i;
    make_table(theta, lift, N_TABLE, 0.0);
    for (i = 0; i < N_TABLE; i++) { /* uniform noise of standard deviation sigma, seeded */
        double u;
        state = state * 6364136223846793005UL + 1442695040888963407UL;
        u = (double)((state >> 11) & ((1UL << 40) - 1)) / (double)(1UL << 40);
        noisy[i] = lift[i] + sigma * sqrt(12.0) * (u - 0.5);
        sum2 += (noisy[i] - lift[i]) * (noisy[i] - lift[i]);
    }
    CHECK_STATUS(campro_motion_from_lift_table(theta, noisy, N_TABLE, 3000.0, sqrt(sum2 / N_TABLE), &m),
                 CAMPRO_OK);
    if (m == NULL) return;
    for (i = 0; i < N_TABLE; i++) {
        double e = campro_displacement(m, theta[i]) - lift[i];
        fit2 += e * e;
    }
    printf("     smoothing: noise rms %.4g mm, fit vs truth rms %.4g mm\n", sqrt(sum2 / N_TABLE),
           sqrt(fit2 / N_TABLE));
    CHECK(sqrt(fit2 / N_TABLE) < 0.5 * sqrt(sum2 / N_TABLE));
    campro_motion_free(m);
}

static void test_lift_table_bad_input(void) {
    double theta[N_TABLE], lift[N_TABLE];
    CamproMotion *m = SENTINEL_MOTION;
    make_table(theta, lift, N_TABLE, 0.0);
    CHECK_STATUS(campro_motion_from_lift_table(theta, lift, N_TABLE, 3000.0, 0.0, NULL), CAMPRO_ERROR_NULL_POINTER);
    CHECK_MSG("out is NULL");
    CHECK_STATUS(campro_motion_from_lift_table(NULL, lift, N_TABLE, 3000.0, 0.0, &m), CAMPRO_ERROR_NULL_POINTER);
    CHECK(m == NULL);
    CHECK_MSG("theta_deg is NULL");
    m = SENTINEL_MOTION;
    CHECK_STATUS(campro_motion_from_lift_table(theta, NULL, N_TABLE, 3000.0, 0.0, &m), CAMPRO_ERROR_NULL_POINTER);
    CHECK_MSG("lift_mm is NULL");
    CHECK_STATUS(campro_motion_from_lift_table(theta, lift, 7, 3000.0, 0.0, &m), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK(m == NULL);
    CHECK_MSG("n = 7");
    CHECK_STATUS(campro_motion_from_lift_table(NULL, NULL, 0, 3000.0, 0.0, &m), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_MSG("n = 0");
    CHECK_STATUS(campro_motion_from_lift_table(theta, lift, (size_t)CAMPRO_MAX_LIFT_TABLE_POINTS + 1, 3000.0, 0.0, &m),
                 CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_MSG("n = 100001");
    theta[3] = theta[2];
    CHECK_STATUS(campro_motion_from_lift_table(theta, lift, N_TABLE, 3000.0, 0.0, &m), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_MSG("theta_deg[3] = 4: the angles must increase strictly");
    theta[3] = 6.0;
    lift[5] = NAN;
    CHECK_STATUS(campro_motion_from_lift_table(theta, lift, N_TABLE, 3000.0, 0.0, &m), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_MSG("lift_mm[5] = NaN");
    lift[5] = harmonics(theta[5]);
    theta[N_TABLE - 1] = 360.0;
    CHECK_STATUS(campro_motion_from_lift_table(theta, lift, N_TABLE, 3000.0, 0.0, &m), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_MSG("theta_deg[179] = 360: the table spans 360 degrees");
    theta[N_TABLE - 1] = 358.0;
    theta[0] = INFINITY;
    CHECK_STATUS(campro_motion_from_lift_table(theta, lift, N_TABLE, 3000.0, 0.0, &m), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_MSG("theta_deg[0] = inf");
    theta[0] = 0.0;
    CHECK_STATUS(campro_motion_from_lift_table(theta, lift, N_TABLE, 3000.0, -0.1, &m), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_MSG("smoothing = -0.1");
    CHECK_STATUS(campro_motion_from_lift_table(theta, lift, N_TABLE, 0.0, 0.0, &m), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_MSG("rpm = 0");
    CHECK(m == NULL);
    /* the table is fine again */
    CHECK_STATUS(campro_motion_from_lift_table(theta, lift, N_TABLE, 3000.0, 0.0, &m), CAMPRO_OK);
    campro_motion_free(m);
}

/* default cam at 3000 rpm, run up linearly from 0 rpm at t = 0 to 6000 rpm at t = 1 s:
   theta(t) = 6 * 3000 t^2 deg; rho = rpm / 3000 = 2 t; q = d(rpm)/dt / 3000 = 2 1/s */
static void test_speed_ramp(void) {
    CamproParameters p;
    CamproMotion *base = NULL, *m = NULL;
    double times[2] = {0.0, 1.0}, rpms[2] = {0.0, 6000.0};
    double worst_d = 0.0, worst_v = 0.0, worst_a = 0.0;
    int i;
    campro_parameters_default(&p);
    CHECK_STATUS(campro_motion_new(&p, &base), CAMPRO_OK);
    CHECK_STATUS(campro_motion_with_speed_profile(base, times, rpms, 2, &m), CAMPRO_OK);
    if (m == NULL) return;
    for (i = 1; i < 400; i++) {
        double t = 0.0025 * i + 1e-4;
        double angle = 18000.0 * t * t, rho = 2.0 * t, q = 2.0;
        CamproKinematics k0 = campro_kinematics(base, angle);
        CamproBoundaryCondition bc = campro_boundary_condition_at_time(m, t);
        double v = k0.velocity * rho, a = k0.acceleration * rho * rho + k0.velocity * q;
        /* the angle 18000 t^2 is rounded once here: scale the tolerance by the slope */
        double dtheta = 18000.0 * 4e-16 * t * t + 1e-12;
        if (fabs(bc.displacement - k0.displacement) > worst_d) worst_d = fabs(bc.displacement - k0.displacement);
        if (fabs(bc.velocity - v) / (1.0 + fabs(v)) > worst_v) worst_v = fabs(bc.velocity - v) / (1.0 + fabs(v));
        if (fabs(bc.acceleration - a) / (1.0 + fabs(a)) > worst_a) worst_a = fabs(bc.acceleration - a) / (1.0 + fabs(a));
        (void)dtheta;
        CHECK(same(campro_bc_acceleration(t, m), bc.acceleration));
        CHECK(same(campro_bc_velocity(t, m), bc.velocity));
        CHECK(same(campro_bc_displacement(t, m), bc.displacement));
        CHECK_NEAR(campro_motion_rpm_at_time(m, t), 6000.0 * t, 1e-9);
    }
    printf("     speed ramp vs chain rule: displacement %.3g mm, velocity %.3g, acceleration %.3g (relative)\n",
           worst_d, worst_v, worst_a);
    CHECK(worst_d <= 1e-9);
    CHECK(worst_v <= 1e-9);
    CHECK(worst_a <= 1e-9);
    /* held constant outside the points: before 0 the cam stands still, after 1 s it turns at 6000 rpm */
    CHECK(campro_motion_rpm_at_time(m, -5.0) == 0.0);
    CHECK(campro_motion_rpm_at_time(m, 7.0) == 6000.0);
    {
        CamproBoundaryCondition still = campro_boundary_condition_at_time(m, -2.0);
        CHECK(still.displacement == 0.0 && still.velocity == 0.0 && still.acceleration == 0.0);
    }
    /* angle-based functions and rpm are the base motion's */
    CHECK(campro_motion_rpm(m) == 3000.0);
    CHECK(same(campro_acceleration(m, 33.3), campro_acceleration(base, 33.3)));
    /* batch and parallel give the scalar's bits; a bad time is NaN and reported */
    {
        double t[500];
        CamproBoundaryCondition out_b[500], out_p[500];
        int ok = 1;
        for (i = 0; i < 500; i++) t[i] = -0.1 + 0.0031 * i;
        t[17] = NAN;
        CHECK_STATUS(campro_boundary_conditions_batch(m, t, 500, out_b), CAMPRO_ERROR_NON_FINITE_INPUT);
        CHECK_STATUS(campro_boundary_conditions(m, t, 500, out_p), CAMPRO_ERROR_NON_FINITE_INPUT);
        for (i = 0; i < 500; i++) {
            CamproBoundaryCondition s = campro_boundary_condition_at_time(m, t[i]);
            ok &= same(out_b[i].acceleration, s.acceleration) && same(out_p[i].acceleration, s.acceleration) &&
                  same(out_p[i].displacement, s.displacement) && same(out_b[i].velocity, s.velocity);
        }
        CHECK(ok);
        CHECK(isnan(out_b[17].displacement));
    }
    /* finite differences of the displacement in time */
    {
        double t = 0.61, h = 1e-6;
        double fd = (campro_bc_displacement(t + h, m) - campro_bc_displacement(t - h, m)) / (2.0 * h);
        double fa = (campro_bc_velocity(t + h, m) - campro_bc_velocity(t - h, m)) / (2.0 * h);
        CHECK_NEAR(campro_bc_velocity(t, m), fd, 1e-4 * fabs(fd) + 1e-3);
        CHECK_NEAR(campro_bc_acceleration(t, m), fa, 1e-4 * fabs(fa) + 1.0);
    }
    campro_motion_free(m);
    campro_motion_free(base);
}

static void test_speed_bad_input(void) {
    CamproMotion *base = NULL, *m = SENTINEL_MOTION;
    CamproParameters p;
    double times[3] = {0.0, 1.0, 2.0}, rpms[3] = {100.0, 200.0, 300.0};
    campro_parameters_default(&p);
    CHECK_STATUS(campro_motion_new(&p, &base), CAMPRO_OK);
    CHECK_STATUS(campro_motion_with_speed_profile(NULL, times, rpms, 3, &m), CAMPRO_ERROR_NULL_POINTER);
    CHECK(m == NULL);
    CHECK_MSG("motion is NULL");
    CHECK_STATUS(campro_motion_with_speed_profile(base, times, rpms, 3, NULL), CAMPRO_ERROR_NULL_POINTER);
    CHECK_STATUS(campro_motion_with_speed_profile(base, NULL, rpms, 3, &m), CAMPRO_ERROR_NULL_POINTER);
    CHECK_MSG("time_s is NULL");
    CHECK_STATUS(campro_motion_with_speed_profile(base, times, NULL, 3, &m), CAMPRO_ERROR_NULL_POINTER);
    CHECK_MSG("rpm is NULL");
    CHECK_STATUS(campro_motion_with_speed_profile(base, NULL, NULL, 0, &m), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_MSG("n = 0");
    times[2] = 1.0;
    CHECK_STATUS(campro_motion_with_speed_profile(base, times, rpms, 3, &m), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_MSG("time_s[2] = 1: the times must increase strictly");
    times[2] = 2.0;
    rpms[1] = NAN;
    CHECK_STATUS(campro_motion_with_speed_profile(base, times, rpms, 3, &m), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_MSG("rpm[1] = NaN");
    rpms[1] = 2e6;
    CHECK_STATUS(campro_motion_with_speed_profile(base, times, rpms, 3, &m), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_MSG("rpm[1] = 2000000");
    rpms[1] = 200.0;
    times[0] = -INFINITY;
    CHECK_STATUS(campro_motion_with_speed_profile(base, times, rpms, 3, &m), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_MSG("time_s[0] = -inf");
    times[0] = 0.0;
    CHECK(m == NULL);
    CHECK(isnan(campro_motion_rpm_at_time(NULL, 1.0)));
    CHECK_MSG("motion is NULL");
    CHECK(isnan(campro_motion_rpm_at_time(base, NAN)));
    CHECK_MSG("time_s = NaN");
    CHECK(campro_motion_lift_table_len(NULL) == 0);
    CHECK(campro_motion_lift_table_len(base) == 0);
    /* negative and zero speeds are accepted */
    rpms[0] = -500.0;
    rpms[1] = 0.0;
    CHECK_STATUS(campro_motion_with_speed_profile(base, times, rpms, 3, &m), CAMPRO_OK);
    CHECK(campro_motion_rpm_at_time(m, 0.5) == -250.0);
    campro_motion_free(m);
    campro_motion_free(base);
}

int main(void) {
    test_interpolation();
    test_smoothing();
    test_lift_table_bad_input();
    test_speed_ramp();
    test_speed_bad_input();
    printf("test_lift: %d passed, %d failed\n", g_passed, g_failed);
    return g_failed == 0 ? 0 : 1;
}
