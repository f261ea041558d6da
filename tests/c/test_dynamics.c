/*
 * test_dynamics.c -- the follower-dynamics functions of the C ABI (../shared/c-api.md, "Follower
 * dynamics", and campro's additions): signatures and layouts, the cross-language reference values
 * of tests/dynamics.rs, closed forms computed here, sized springs re-checked, bad input named.
 *
 * Usage: test_dynamics ROOT   (ROOT: the checkout, for examples/params/)
 * Exit status: 0 when every check passes.
 */
#include "campro.h"

#include <float.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define PI 3.14159265358979323846
#define STATIC_ASSERT(cond, name) typedef char static_assert_##name[(cond) ? 1 : -1]

STATIC_ASSERT(sizeof(CamproFollowerDynamics) == 40 && offsetof(CamproFollowerDynamics, mass) == 0 &&
                  offsetof(CamproFollowerDynamics, spring_rate) == 8 &&
                  offsetof(CamproFollowerDynamics, spring_preload) == 16 &&
                  offsetof(CamproFollowerDynamics, damping) == 24 &&
                  offsetof(CamproFollowerDynamics, external_force) == 32,
              follower_dynamics);
STATIC_ASSERT(offsetof(CamproDynamicsReport, min_contact_force) == 0 &&
                  offsetof(CamproDynamicsReport, max_torque_at) == 40 &&
                  offsetof(CamproDynamicsReport, rms_torque) == 48 &&
                  offsetof(CamproDynamicsReport, max_power_factor) == 56 &&
                  offsetof(CamproDynamicsReport, jump_rpm) == 64 &&
                  offsetof(CamproDynamicsReport, separation) == 72 && sizeof(CamproDynamicsReport) == 80,
              dynamics_report);
STATIC_ASSERT(sizeof(CamproSpringSizing) == 32 && offsetof(CamproSpringSizing, critical_rpm) == 24, sizing);
STATIC_ASSERT(offsetof(CamproSpeedLimit, max_rpm) == 0 && offsetof(CamproSpeedLimit, max_jerk_at) == 72 &&
                  offsetof(CamproSpeedLimit, limited_by) == 80 && sizeof(CamproSpeedLimit) == 88,
              speed_limit);

static int g_passed = 0, g_failed = 0;
static char g_msg[1024];

static void check_impl(int ok, const char *what, int line) {
    if (ok) {
        g_passed++;
    } else {
        g_failed++;
        printf("FAIL test_dynamics.c:%d: %s\n", line, what);
    }
}
#define CHECK(cond) check_impl((cond) ? 1 : 0, #cond, __LINE__)
#define CHECK_REL(a, b, rel)                                                                           \
    do {                                                                                               \
        double a_ = (a), b_ = (b);                                                                     \
        int ok_ = fabs(a_ - b_) <= (rel) * fabs(b_);                                                   \
        if (!ok_) printf("     got %.17g, expected %.17g\n", a_, b_);                                  \
        check_impl(ok_, #a " ~= " #b, __LINE__);                                                       \
    } while (0)

static const char *last_msg(void) {
    campro_last_error_message(g_msg, sizeof g_msg);
    return g_msg;
}
#define CHECK_MSG(text)                                                                                \
    do {                                                                                               \
        int ok_ = strcmp(last_msg(), (text)) == 0;                                                     \
        if (!ok_) printf("     message \"%s\", expected \"%s\"\n", g_msg, (text));                    \
        check_impl(ok_, "message is " #text, __LINE__);                                                \
    } while (0)

/* tests/dynamics.rs REFERENCE: examples/params/valve_dynamics.toml, 3600 angles. */
static const double REFERENCE[13] = {
    273.9088787456995,  4229.385021629543,  250.0,           450.0,           4929.575044716784,
    38.95104300129222,  1958.1104703509538, 6529677711.243186, 4772.88279165222, 37.6972625677634,
    471.2157820970425,  629.6201087236304,  20.447396260519785,
};

static CamproMotion *motion_at(double rpm) {
    CamproParameters p;
    CamproMotion *m = NULL;
    campro_parameters_default(&p);
    p.rpm = rpm;
    if (campro_motion_new(&p, &m) != CAMPRO_OK) printf("motion_new(%g rpm) failed: %s\n", rpm, last_msg());
    return m;
}

static void test_reference(const char *root) {
    char path[4096];
    CamproMotion *m = NULL;
    CamproFollowerDynamics d;
    CamproDynamicsReport r;
    CamproSpringSizing spring, preload;
    CamproSpeedLimit limit;
    int32_t found = -1;
    double got[13];
    int i;

    snprintf(path, sizeof path, "%s/examples/params/valve_dynamics.toml", root);
    CHECK(campro_motion_load(path, &m) == CAMPRO_OK);
    CHECK(campro_follower_dynamics_load(path, &d, &found) == CAMPRO_OK);
    CHECK(found == 1);
    CHECK(d.mass == 0.0657 && d.spring_rate == 20.0 && d.spring_preload == 250.0 && d.damping == 0.0036 &&
          d.external_force == 0.0);
    CHECK(campro_dynamics_check(m, &d, 3600, &r) == CAMPRO_OK);
    CHECK(campro_size_spring(m, &d, 12.5, 6000.0, 1.2, 3600, &spring) == CAMPRO_OK);
    CHECK(campro_size_preload(m, &d, 6000.0, 1.2, 3600, &preload) == CAMPRO_OK);
    CHECK(campro_max_rpm_within_limits(m, 100.0, 500.0, 1000.0, 3600, &limit) == CAMPRO_OK);
    got[0] = campro_contact_force(m, &d, 67.5);
    got[1] = campro_cam_torque(m, &d, 30.0);
    got[2] = r.min_contact_force;
    got[3] = r.max_contact_force;
    got[4] = r.max_torque;
    got[5] = r.max_torque_at;
    got[6] = r.rms_torque;
    got[7] = r.max_power_factor;
    got[8] = r.jump_rpm;
    got[9] = spring.spring_rate;
    got[10] = spring.spring_preload;
    got[11] = preload.spring_preload;
    got[12] = limit.max_rpm;
    for (i = 0; i < 13; i++) CHECK_REL(got[i], REFERENCE[i], 4 * DBL_EPSILON);
    CHECK(r.separation == 0);
    CHECK(limit.limited_by == CAMPRO_LIMITED_BY_JERK);
    CHECK(CAMPRO_LIMITED_BY_NONE == 0 && CAMPRO_LIMITED_BY_VELOCITY == 1 && CAMPRO_LIMITED_BY_ACCELERATION == 2);

    /* A file without the table: found = 0, *out untouched. */
    snprintf(path, sizeof path, "%s/examples/params/camprov5_defaults.toml", root);
    d.mass = 123.0;
    CHECK(campro_follower_dynamics_load(path, &d, &found) == CAMPRO_OK);
    CHECK(found == 0 && d.mass == 123.0);
    CHECK(campro_follower_dynamics_load("/nonexistent/cam.toml", &d, &found) == CAMPRO_ERROR_IO);
    CHECK(strstr(last_msg(), "/nonexistent/cam.toml") != NULL);
    CHECK(campro_follower_dynamics_load(NULL, &d, &found) == CAMPRO_ERROR_NULL_POINTER);
    campro_motion_free(m);
}

/* The default cam's cycloidal rise (h = 10 mm over 90 deg, du/dt = rpm/15 per second). */
static void cycloid(double theta, double rpm, double *s, double *v, double *a) {
    double u = theta / 90.0, r = rpm / 15.0, x = 2.0 * PI * u;
    *s = 10.0 * (u - sin(x) / (2.0 * PI));
    *v = 10.0 * (1.0 - cos(x)) * r;
    *a = 10.0 * 2.0 * PI * sin(x) * r * r;
}

static void test_closed_forms(void) {
    CamproMotion *m = motion_at(3000.0);
    CamproFollowerDynamics d = {0.0657, 20.0, 250.0, 0.0036, 7.0};
    CamproFollowerDynamics rigid = {0.0657, 20.0, 250.0, 0.0, 0.0};
    CamproDynamicsReport r;
    double s, v, a, w = 3000.0 * 2.0 * PI / 60.0, lo = 0.5 + 1e-12, hi = 1.0 - 1e-12, u, n, den, jump;
    double theta;
    for (theta = 1.0; theta < 90.0; theta += 7.3) {
        cycloid(theta, 3000.0, &s, &v, &a);
        CHECK_REL(campro_contact_force(m, &d, theta), 0.0657 * a * 1e-3 + 0.0036 * v + 20.0 * s + 250.0 + 7.0, 1e-12);
        CHECK_REL(campro_cam_torque(m, &d, theta),
                  (0.0657 * a * 1e-3 + 0.0036 * v + 20.0 * s + 257.0) * v / w, 1e-12);
    }
    /* Jump speed without damping: r^2 = min over u in (1/2, 1) of N / D, N = k s + F0,
     * D = -m 1e-3 2 pi h (du/dt)^2 sin(2 pi u); the minimum where N' D - N D' = 0 (bisection). */
    while (hi - lo > 1e-15) {
        double mid = 0.5 * (lo + hi), x = 2.0 * PI * mid;
        double phi = 20.0 * 10.0 * (1.0 - cos(x)) * (-sin(x)) -
                     (20.0 * 10.0 * (mid - sin(x) / (2.0 * PI)) + 250.0) * (-2.0 * PI * cos(x));
        if (phi < 0.0) lo = mid; else hi = mid;
    }
    u = 0.5 * (lo + hi);
    n = 20.0 * 10.0 * (u - sin(2.0 * PI * u) / (2.0 * PI)) + 250.0;
    den = -0.0657 * 1e-3 * 2.0 * PI * 10.0 * 200.0 * 200.0 * sin(2.0 * PI * u);
    jump = 3000.0 * sqrt(n / den);
    CHECK(campro_dynamics_check(m, &rigid, 360, &r) == CAMPRO_OK);
    CHECK_REL(r.jump_rpm, jump, 1e-12);
    CHECK(r.separation == 0);
    campro_motion_free(m);
    /* 1e-9 above the jump speed the follower separates, 1e-9 below it does not. */
    m = motion_at(jump * (1.0 + 1e-9));
    CHECK(campro_dynamics_check(m, &rigid, 3600, &r) == CAMPRO_OK && r.separation == 1);
    campro_motion_free(m);
    m = motion_at(jump * (1.0 - 1e-9));
    CHECK(campro_dynamics_check(m, &rigid, 3600, &r) == CAMPRO_OK && r.separation == 0);
    campro_motion_free(m);
}

static void test_sizing_rechecked(void) {
    CamproMotion *m = motion_at(3000.0), *fast;
    CamproFollowerDynamics d = {0.0657, 20.0, 250.0, 0.0036, 0.0}, sized;
    CamproSpringSizing s;
    CamproDynamicsReport r;
    CHECK(campro_size_spring(m, &d, 12.5, 6000.0, 1.0, 3600, &s) == CAMPRO_OK);
    CHECK(s.spring_preload == 12.5 * s.spring_rate && s.critical_rpm > 0.0 && s.critical_rpm <= 6000.0);
    fast = motion_at(s.critical_rpm);
    sized = d;
    sized.spring_rate = s.spring_rate;
    sized.spring_preload = s.spring_preload;
    CHECK(campro_dynamics_check(fast, &sized, 3600, &r) == CAMPRO_OK && r.separation == 0);
    CHECK(r.jump_rpm >= 6000.0);
    sized.spring_rate *= 1.0 - 1e-9;
    sized.spring_preload = 12.5 * sized.spring_rate;
    CHECK(campro_dynamics_check(fast, &sized, 3600, &r) == CAMPRO_OK && r.separation == 1);
    campro_motion_free(fast);
    CHECK(campro_size_preload(m, &d, 6000.0, 1.0, 3600, &s) == CAMPRO_OK && s.spring_rate == 20.0);
    fast = motion_at(s.critical_rpm);
    sized = d;
    sized.spring_preload = s.spring_preload;
    CHECK(campro_dynamics_check(fast, &sized, 3600, &r) == CAMPRO_OK && r.separation == 0);
    sized.spring_preload *= 1.0 - 1e-9;
    CHECK(campro_dynamics_check(fast, &sized, 3600, &r) == CAMPRO_OK && r.separation == 1);
    campro_motion_free(fast);
    campro_motion_free(m);
}

static void test_batches(void) {
    CamproMotion *m = motion_at(3000.0);
    CamproFollowerDynamics d = {0.0657, 20.0, 250.0, 0.0036, 0.0};
    double theta[500], force[500], torque[500];
    int i, same = 1;
    for (i = 0; i < 500; i++) theta[i] = -720.0 + 3.77 * i;
    CHECK(campro_contact_force_batch(m, &d, theta, force, 500) == CAMPRO_OK);
    CHECK(campro_cam_torque_batch(m, &d, theta, torque, 500) == CAMPRO_OK);
    for (i = 0; i < 500; i++) {
        double f = campro_contact_force(m, &d, theta[i]), t = campro_cam_torque(m, &d, theta[i]);
        same &= memcmp(&f, &force[i], sizeof f) == 0 && memcmp(&t, &torque[i], sizeof t) == 0;
    }
    CHECK(same);
    theta[3] = NAN;
    CHECK(campro_contact_force_batch(m, &d, theta, force, 500) == CAMPRO_ERROR_NON_FINITE_INPUT);
    CHECK(isnan(force[3]) && !isnan(force[4]));
    CHECK(campro_cam_torque_batch(m, &d, NULL, NULL, 0) == CAMPRO_OK);
    CHECK(campro_cam_torque_batch(m, &d, theta, theta, 500) == CAMPRO_ERROR_INVALID_PARAMETER);
    campro_motion_free(m);
}

static void test_bad_input(void) {
    CamproMotion *m = motion_at(3000.0);
    CamproFollowerDynamics ok = {0.1, 10.0, 100.0, 0.01, 0.0}, bad;
    CamproDynamicsReport r;
    CamproSpringSizing s;
    CamproSpeedLimit limit;
    bad = ok;
    bad.mass = -1.0;
    CHECK(isnan(campro_contact_force(m, &bad, 10.0)));
    CHECK_MSG("mass = -1: must be finite and > 0 kg");
    bad = ok;
    bad.spring_rate = NAN;
    CHECK(campro_dynamics_check(m, &bad, 360, &r) == CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_MSG("spring_rate = NaN: must be finite and >= 0 N/mm");
    bad = ok;
    bad.spring_preload = -3.0;
    CHECK(isnan(campro_cam_torque(m, &bad, 10.0)));
    CHECK_MSG("spring_preload = -3: must be finite and >= 0 N");
    bad = ok;
    bad.damping = INFINITY;
    CHECK(campro_size_preload(m, &bad, 6000.0, 1.0, 360, &s) == CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_MSG("damping = inf: must be finite and >= 0 N*s/mm");
    bad = ok;
    bad.external_force = NAN;
    CHECK(campro_size_spring(m, &bad, 1.0, 6000.0, 1.0, 360, &s) == CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_MSG("external_force = NaN: must be finite N");
    CHECK(isnan(campro_contact_force(NULL, &ok, 1.0)));
    CHECK_MSG("motion is NULL");
    CHECK(isnan(campro_contact_force(m, NULL, 1.0)));
    CHECK_MSG("dynamics is NULL");
    CHECK(isnan(campro_contact_force(m, &ok, INFINITY)));
    CHECK_MSG("theta_deg = inf: input must be finite");
    CHECK(campro_dynamics_check(m, &ok, 0, &r) == CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_MSG("num_points = 0: must be > 0");
    CHECK(campro_dynamics_check(m, &ok, 360, NULL) == CAMPRO_ERROR_NULL_POINTER);
    CHECK(campro_size_spring(m, &ok, -1.0, 6000.0, 1.0, 360, &s) == CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_MSG("preload_per_rate_mm = -1: must be finite and >= 0 mm");
    CHECK(campro_size_spring(m, &ok, 1.0, 6000.0, 0.9, 360, &s) == CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_MSG("safety_factor = 0.9: must be finite and within [1, 1000]");
    CHECK(campro_max_rpm_within_limits(m, NAN, 1.0, 1.0, 360, &limit) == CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_MSG("velocity_limit = NaN: must be > 0 (infinity: no limit)");
    CHECK(campro_max_rpm_within_limits(m, INFINITY, INFINITY, INFINITY, 360, &limit) == CAMPRO_OK);
    CHECK(isinf(limit.max_rpm) && limit.limited_by == CAMPRO_LIMITED_BY_NONE);
    campro_motion_free(m);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: test_dynamics ROOT\n");
        return 2;
    }
    test_reference(argv[1]);
    test_closed_forms();
    test_sizing_rechecked();
    test_batches();
    test_bad_input();
    printf("test_dynamics: %d passed, %d failed\n", g_passed, g_failed);
    return g_failed == 0 ? 0 : 1;
}
