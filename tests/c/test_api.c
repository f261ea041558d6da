/*
 * test_api.c -- every function of the campro C contract (/work/shared/c-api.md), with good and
 * bad input, checked against closed forms of the default cam and against each other.
 *
 * Default cam: cycloidal rise 10 mm over 0..90 deg, high dwell 90..135, cycloidal fall 135..225,
 * low dwell 225..360, 3000 rpm (18000 deg/s, so du/dt = 200 1/s on the rise and the fall).
 *
 * Build: gcc -std=c99 -Wall -Wextra -pedantic -Werror -I include tests/c/test_api.c -L ... -lcampro -lm
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

/* ------------------------------------------------------------------ assertion helpers */

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

/* |a - b| <= tol (and neither is NaN) */
static int near(double a, double b, double tol) { return fabs(a - b) <= tol; }

/* relative closeness, scaled by max(1, |b|) */
static int near_rel(double a, double b, double rel) {
    double scale = fabs(b) > 1.0 ? fabs(b) : 1.0;
    return fabs(a - b) <= rel * scale;
}

#define CHECK_NEAR(a, b, tol)                                                                          \
    do {                                                                                               \
        double a_ = (a), b_ = (b);                                                                     \
        if (!near(a_, b_, (tol))) printf("     got %.17g, expected %.17g\n", a_, b_);                  \
        check_impl(near(a_, b_, (tol)), #a " ~= " #b, __FILE__, __LINE__);                             \
    } while (0)

#define CHECK_REL(a, b, rel)                                                                           \
    do {                                                                                               \
        double a_ = (a), b_ = (b);                                                                     \
        if (!near_rel(a_, b_, (rel))) printf("     got %.17g, expected %.17g\n", a_, b_);              \
        check_impl(near_rel(a_, b_, (rel)), #a " ~= " #b, __FILE__, __LINE__);                         \
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

/* the thread's last error message contains `sub` */
#define CHECK_MSG(sub)                                                                                 \
    do {                                                                                               \
        const char *m_ = last_msg();                                                                   \
        int ok_ = strstr(m_, (sub)) != NULL;                                                           \
        if (!ok_) printf("     message \"%s\" lacks \"%s\"\n", m_, (sub));                            \
        check_impl(ok_, "last error message contains " #sub, __FILE__, __LINE__);                      \
    } while (0)

/* bitwise equality (NaN == NaN when the payload is the same) */
static int same(double a, double b) { return memcmp(&a, &b, sizeof a) == 0; }

static void clear_message(void) {
    /* there is no "clear": provoke a known, unrelated error so later message checks are fresh */
    CamproParameters p;
    CamproMotion *m = NULL;
    campro_parameters_default(&p);
    p.rise_law = 98;
    if (campro_motion_new(&p, &m) == CAMPRO_OK) campro_motion_free(m);
}

static char g_sentinel_byte;
#define SENTINEL_MOTION ((CamproMotion *)(void *)&g_sentinel_byte)

/* ------------------------------------------------------------------ closed forms */

/* default cam at rpm: kinematics by angle (deg), exact formulas of the briefing */
static CamproKinematics expected_default(double theta, double rpm) {
    CamproKinematics k = {0.0, 0.0, 0.0, 0.0};
    double w = 6.0 * rpm / 90.0; /* du/dt, 1/s */
    double h = 10.0, u, sign = 1.0, base = 0.0;
    theta = fmod(theta, 360.0);
    if (theta < 0.0) theta += 360.0;
    if (theta < 90.0) {
        u = theta / 90.0;
    } else if (theta < 135.0) {
        k.displacement = h;
        return k;
    } else if (theta < 225.0) {
        u = (theta - 135.0) / 90.0;
        sign = -1.0;
        base = h;
    } else {
        return k;
    }
    k.displacement = base + sign * h * (u - sin(2.0 * PI * u) / (2.0 * PI));
    k.velocity = sign * h * w * (1.0 - cos(2.0 * PI * u));
    k.acceleration = sign * h * w * w * 2.0 * PI * sin(2.0 * PI * u);
    k.jerk = sign * h * w * w * w * 4.0 * PI * PI * cos(2.0 * PI * u);
    return k;
}

static CamproMotion *make_default(double rpm) {
    CamproParameters p;
    CamproMotion *m = NULL;
    campro_parameters_default(&p);
    p.rpm = rpm;
    if (campro_motion_new(&p, &m) != CAMPRO_OK) {
        printf("FATAL: campro_motion_new(default, rpm %g) failed: %s\n", rpm, last_msg());
        exit(2);
    }
    return m;
}

/* ------------------------------------------------------------------ version, status, messages */

static void test_version_and_status(void) {
    static const char *names[] = {"CAMPRO_OK",
                                  "CAMPRO_ERROR_NULL_POINTER",
                                  "CAMPRO_ERROR_INVALID_PARAMETER",
                                  "CAMPRO_ERROR_NON_FINITE_INPUT",
                                  "CAMPRO_ERROR_PARSE",
                                  "CAMPRO_ERROR_IO",
                                  "CAMPRO_ERROR_BUFFER_TOO_SMALL",
                                  "CAMPRO_ERROR_INTERNAL"};
    static const int32_t unknown[] = {8, -1, 100, INT32_MIN, INT32_MAX};
    const char *v = campro_version();
    int32_t i;
    CHECK(v != NULL);
    CHECK(v != NULL && strcmp(v, "0.1.0") == 0);
    CHECK(v == campro_version()); /* static string */
    CHECK(CAMPRO_OK == 0 && CAMPRO_ERROR_NULL_POINTER == 1 && CAMPRO_ERROR_INVALID_PARAMETER == 2 &&
          CAMPRO_ERROR_NON_FINITE_INPUT == 3 && CAMPRO_ERROR_PARSE == 4 && CAMPRO_ERROR_IO == 5 &&
          CAMPRO_ERROR_BUFFER_TOO_SMALL == 6 && CAMPRO_ERROR_INTERNAL == 7);
    CHECK(CAMPRO_LAW_DWELL == 0 && CAMPRO_LAW_CYCLOIDAL == 1 && CAMPRO_LAW_SIMPLE_HARMONIC == 2 &&
          CAMPRO_LAW_MODIFIED_TRAPEZOIDAL == 3 && CAMPRO_LAW_MODIFIED_SINE == 4 &&
          CAMPRO_LAW_POLYNOMIAL_345 == 5 && CAMPRO_LAW_POLYNOMIAL_4567 == 6 &&
          CAMPRO_LAW_CONSTANT_ACCELERATION == 7);
    CHECK(CAMPRO_MAX_SEGMENTS == 4096);
    for (i = 0; i <= 7; i++) {
        const char *n = campro_status_name(i);
        int ok = n != NULL && strcmp(n, names[i]) == 0;
        if (!ok) printf("     status_name(%d) = \"%s\"\n", (int)i, n ? n : "(null)");
        CHECK(ok);
    }
    for (i = 0; i < (int32_t)(sizeof unknown / sizeof unknown[0]); i++) {
        const char *n = campro_status_name(unknown[i]);
        CHECK(n != NULL && strcmp(n, "CAMPRO_UNKNOWN_STATUS") == 0);
    }
}

/* must run first: "" before any error on this thread */
static void test_message_before_any_error(void) {
    char buf[16];
    memset(buf, 'x', sizeof buf);
    CHECK(campro_last_error_message(NULL, 0) == 0);
    CHECK(campro_last_error_message(buf, sizeof buf) == 0);
    CHECK(buf[0] == '\0');
}

static void test_error_messages(void) {
    CamproParameters p;
    CamproMotion *m = NULL;
    char big[512], small[5], one[1], zero[4];
    size_t len, len2;

    campro_parameters_default(&p);
    p.rise_law = 99;
    CHECK_STATUS(campro_motion_new(&p, &m), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK(m == NULL);

    len = campro_last_error_message(NULL, 0);
    CHECK(len > 0);
    CHECK(campro_last_error_message(NULL, 100) == len); /* NULL buffer: length only */
    memset(big, 'x', sizeof big);
    len2 = campro_last_error_message(big, sizeof big);
    CHECK(len2 == len);
    CHECK(strlen(big) == len);
    CHECK(strstr(big, "rise_law") != NULL);
    CHECK(strstr(big, "99") != NULL);

    /* truncation: cap-1 bytes plus NUL, full length returned */
    memset(small, 'x', sizeof small);
    CHECK(campro_last_error_message(small, sizeof small) == len);
    CHECK(small[4] == '\0');
    CHECK(strncmp(small, big, 4) == 0);
    memset(one, 'x', sizeof one);
    CHECK(campro_last_error_message(one, 1) == len);
    CHECK(one[0] == '\0');
    memset(zero, 'x', sizeof zero);
    CHECK(campro_last_error_message(zero, 0) == len); /* capacity 0: nothing written */
    CHECK(zero[0] == 'x' && zero[1] == 'x');
    /* exactly fitting buffer */
    {
        char *exact = malloc(len + 1);
        CHECK(exact != NULL);
        if (exact) {
            memset(exact, 'x', len + 1);
            CHECK(campro_last_error_message(exact, len + 1) == len);
            CHECK(exact[len] == '\0' && strcmp(exact, big) == 0);
            memset(exact, 'x', len + 1);
            CHECK(campro_last_error_message(exact, len) == len); /* one short: truncated by one */
            CHECK(exact[len - 1] == '\0' && strncmp(exact, big, len - 1) == 0);
            free(exact);
        }
    }

    /* successful calls do not clear the message */
    campro_parameters_default(&p);
    CHECK_STATUS(campro_motion_new(&p, &m), CAMPRO_OK);
    CHECK(m != NULL);
    CHECK(campro_displacement(m, 45.0) == 5.0 || near(campro_displacement(m, 45.0), 5.0, 1e-12));
    CHECK(campro_last_error_message(NULL, 0) == len);
    campro_last_error_message(big, sizeof big);
    CHECK(strstr(big, "rise_law") != NULL);

    campro_motion_free(m);

    /* a new error replaces it */
    p.fall_law = -1;
    CHECK_STATUS(campro_motion_new(&p, &m), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK(m == NULL);
    CHECK_MSG("fall_law");
    CHECK_MSG("-1");
}

/* ------------------------------------------------------------------ creation */

static void test_parameters_default(void) {
    CamproParameters p;
    memset(&p, 0xAB, sizeof p);
    campro_parameters_default(&p);
    CHECK(p.base_circle_radius == 25.0);
    CHECK(p.max_lift == 10.0);
    CHECK(p.cam_duration == 180.0);
    CHECK(p.rise_duration == 90.0);
    CHECK(p.dwell_duration == 45.0);
    CHECK(p.fall_duration == 90.0);
    CHECK(p.jerk_limit == 1000.0);
    CHECK(p.acceleration_limit == 500.0);
    CHECK(p.velocity_limit == 100.0);
    CHECK(p.rpm == 3000.0);
    CHECK(p.rise_law == CAMPRO_LAW_CYCLOIDAL);
    CHECK(p.fall_law == CAMPRO_LAW_CYCLOIDAL);
    campro_parameters_default(NULL); /* must be a no-op, not a crash */
}

typedef struct DoubleCase {
    const char *field;
    size_t offset;
    double value;
} DoubleCase;

static void test_motion_new(void) {
    CamproParameters p, base;
    CamproMotion *m = SENTINEL_MOTION;
    const DoubleCase bad[] = {
        {"base_circle_radius", offsetof(CamproParameters, base_circle_radius), 0.0},
        {"base_circle_radius", offsetof(CamproParameters, base_circle_radius), -1.0},
        {"base_circle_radius", offsetof(CamproParameters, base_circle_radius), NAN},
        {"base_circle_radius", offsetof(CamproParameters, base_circle_radius), INFINITY},
        {"max_lift", offsetof(CamproParameters, max_lift), 0.0},
        {"max_lift", offsetof(CamproParameters, max_lift), -10.0},
        {"max_lift", offsetof(CamproParameters, max_lift), NAN},
        {"max_lift", offsetof(CamproParameters, max_lift), INFINITY},
        {"cam_duration", offsetof(CamproParameters, cam_duration), -1.0},
        {"cam_duration", offsetof(CamproParameters, cam_duration), 360.5},
        {"cam_duration", offsetof(CamproParameters, cam_duration), NAN},
        {"cam_duration", offsetof(CamproParameters, cam_duration), -INFINITY},
        {"rise_duration", offsetof(CamproParameters, rise_duration), -5.0},
        {"rise_duration", offsetof(CamproParameters, rise_duration), 0.0},
        {"rise_duration", offsetof(CamproParameters, rise_duration), NAN},
        {"rise_duration", offsetof(CamproParameters, rise_duration), INFINITY},
        {"rise_duration", offsetof(CamproParameters, rise_duration), 400.0},
        {"dwell_duration", offsetof(CamproParameters, dwell_duration), -1.0},
        {"dwell_duration", offsetof(CamproParameters, dwell_duration), NAN},
        {"dwell_duration", offsetof(CamproParameters, dwell_duration), INFINITY},
        {"fall_duration", offsetof(CamproParameters, fall_duration), -90.0},
        {"fall_duration", offsetof(CamproParameters, fall_duration), 0.0},
        {"fall_duration", offsetof(CamproParameters, fall_duration), NAN},
        {"fall_duration", offsetof(CamproParameters, fall_duration), 361.0},
        {"jerk_limit", offsetof(CamproParameters, jerk_limit), 0.0},
        {"jerk_limit", offsetof(CamproParameters, jerk_limit), NAN},
        {"jerk_limit", offsetof(CamproParameters, jerk_limit), -INFINITY},
        {"acceleration_limit", offsetof(CamproParameters, acceleration_limit), -1.0},
        {"acceleration_limit", offsetof(CamproParameters, acceleration_limit), NAN},
        {"velocity_limit", offsetof(CamproParameters, velocity_limit), 0.0},
        {"velocity_limit", offsetof(CamproParameters, velocity_limit), INFINITY},
        {"rpm", offsetof(CamproParameters, rpm), 0.0},
        {"rpm", offsetof(CamproParameters, rpm), -3000.0},
        {"rpm", offsetof(CamproParameters, rpm), NAN},
        {"rpm", offsetof(CamproParameters, rpm), INFINITY},
    };
    const int32_t bad_laws[] = {99, -1, 0, 8, INT32_MIN, INT32_MAX};
    size_t i;
    int32_t rl, fl;

    campro_parameters_default(&base);

    /* NULLs */
    CHECK_STATUS(campro_motion_new(NULL, &m), CAMPRO_ERROR_NULL_POINTER);
    CHECK(m == NULL);
    CHECK(campro_last_error_message(NULL, 0) > 0);
    CHECK_STATUS(campro_motion_new(&base, NULL), CAMPRO_ERROR_NULL_POINTER);
    CHECK_STATUS(campro_motion_new(NULL, NULL), CAMPRO_ERROR_NULL_POINTER);

    /* every numeric field with impossible values */
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int32_t st;
        const char *msg;
        p = base;
        memcpy((char *)&p + bad[i].offset, &bad[i].value, sizeof(double));
        m = SENTINEL_MOTION;
        clear_message();
        st = campro_motion_new(&p, &m);
        msg = last_msg();
        if (st != CAMPRO_ERROR_INVALID_PARAMETER || m != NULL || strstr(msg, bad[i].field) == NULL)
            printf("     %s = %g: status %d, message \"%s\"\n", bad[i].field, bad[i].value, (int)st, msg);
        CHECK(st == CAMPRO_ERROR_INVALID_PARAMETER);
        CHECK(m == NULL);
        CHECK(strstr(msg, bad[i].field) != NULL);
        if (st == CAMPRO_OK) campro_motion_free(m);
    }

    /* durations over one revolution together */
    p = base;
    p.rise_duration = 200.0;
    p.dwell_duration = 100.0;
    p.fall_duration = 100.0;
    m = SENTINEL_MOTION;
    CHECK_STATUS(campro_motion_new(&p, &m), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK(m == NULL);
    CHECK_MSG("duration");

    /* invalid laws, rise and fall */
    for (i = 0; i < sizeof bad_laws / sizeof bad_laws[0]; i++) {
        char val[32];
        sprintf(val, "%ld", (long)bad_laws[i]);
        p = base;
        p.rise_law = bad_laws[i];
        m = SENTINEL_MOTION;
        CHECK_STATUS(campro_motion_new(&p, &m), CAMPRO_ERROR_INVALID_PARAMETER);
        CHECK(m == NULL);
        CHECK_MSG("rise_law");
        CHECK_MSG(val);
        p = base;
        p.fall_law = bad_laws[i];
        m = SENTINEL_MOTION;
        CHECK_STATUS(campro_motion_new(&p, &m), CAMPRO_ERROR_INVALID_PARAMETER);
        CHECK(m == NULL);
        CHECK_MSG("fall_law");
    }

    /* edge values that are valid */
    p = base;
    p.cam_duration = 0.0;
    CHECK_STATUS(campro_motion_new(&p, &m), CAMPRO_OK);
    campro_motion_free(m);
    p.cam_duration = 360.0;
    CHECK_STATUS(campro_motion_new(&p, &m), CAMPRO_OK);
    campro_motion_free(m);
    p = base;
    p.dwell_duration = 0.0; /* no high dwell */
    CHECK_STATUS(campro_motion_new(&p, &m), CAMPRO_OK);
    if (m) {
        CHECK_NEAR(campro_displacement(m, 90.0), 10.0, 1e-12);
        CHECK_NEAR(campro_displacement(m, 135.0), 5.0, 1e-12); /* fall 90..180, midpoint */
        campro_motion_free(m);
    }
    p = base;
    p.rise_duration = 90.0;
    p.dwell_duration = 180.0;
    p.fall_duration = 90.0; /* exactly 360: no low dwell */
    CHECK_STATUS(campro_motion_new(&p, &m), CAMPRO_OK);
    if (m) {
        CHECK_NEAR(campro_displacement(m, 315.0), 5.0, 1e-12);
        CHECK_NEAR(campro_displacement(m, 360.0), 0.0, 1e-12);
        campro_motion_free(m);
    }

    /* every valid law for rise and fall: 0 and max_lift at the ends, midpoint symmetric */
    for (rl = 1; rl <= 7; rl++) {
        for (fl = 1; fl <= 7; fl++) {
            p = base;
            p.rise_law = rl;
            p.fall_law = fl;
            p.max_lift = 7.5;
            m = NULL;
            CHECK_STATUS(campro_motion_new(&p, &m), CAMPRO_OK);
            if (!m) continue;
            CHECK_NEAR(campro_displacement(m, 0.0), 0.0, 1e-12);
            CHECK_NEAR(campro_displacement(m, 90.0), 7.5, 1e-12);
            CHECK_NEAR(campro_displacement(m, 112.5), 7.5, 1e-12);
            CHECK_NEAR(campro_displacement(m, 225.0), 0.0, 1e-12);
            CHECK_NEAR(campro_displacement(m, 300.0), 0.0, 1e-12);
            /* all catalogue laws are symmetric: half lift at half rise / half fall */
            CHECK_NEAR(campro_displacement(m, 45.0), 3.75, 1e-9);
            CHECK_NEAR(campro_displacement(m, 180.0), 3.75, 1e-9);
            CHECK_NEAR(campro_velocity(m, 100.0), 0.0, 1e-12);
            campro_motion_free(m);
        }
    }
}

static void default_segments(CamproSegment *s) {
    /* rise 3-4-5 to 8 over 60, dwell 30, fall modified sine over 70, rise cycloidal to 4 over 40,
     * fall 4567 over 40, dwell 120 */
    s[0].law = CAMPRO_LAW_POLYNOMIAL_345;     s[0].duration = 60.0;  s[0].end_lift = 8.0;
    s[1].law = CAMPRO_LAW_DWELL;              s[1].duration = 30.0;  s[1].end_lift = 8.0;
    s[2].law = CAMPRO_LAW_MODIFIED_SINE;      s[2].duration = 70.0;  s[2].end_lift = 0.0;
    s[3].law = CAMPRO_LAW_CYCLOIDAL;          s[3].duration = 40.0;  s[3].end_lift = 4.0;
    s[4].law = CAMPRO_LAW_POLYNOMIAL_4567;    s[4].duration = 40.0;  s[4].end_lift = 0.0;
    s[5].law = CAMPRO_LAW_DWELL;              s[5].duration = 120.0; s[5].end_lift = 0.0;
}

static void expect_segments_invalid(const CamproSegment *s, size_t n, double rpm, const char *field,
                                    int line) {
    CamproMotion *m = SENTINEL_MOTION;
    int32_t st;
    const char *msg;
    clear_message();
    st = campro_motion_from_segments(s, n, rpm, &m);
    msg = last_msg();
    if (st != CAMPRO_ERROR_INVALID_PARAMETER || m != NULL || strstr(msg, field) == NULL)
        printf("     segments case at line %d: status %d, message \"%s\", expected field \"%s\"\n", line,
               (int)st, msg, field);
    check_impl(st == CAMPRO_ERROR_INVALID_PARAMETER, "segment list rejected with INVALID_PARAMETER",
               __FILE__, line);
    check_impl(m == NULL, "*out == NULL after error", __FILE__, line);
    check_impl(strstr(msg, field) != NULL, "message names the field", __FILE__, line);
    if (st == CAMPRO_OK && m != NULL) campro_motion_free(m);
}

static void test_motion_from_segments(void) {
    CamproSegment s[6], t[6];
    CamproSegment *many;
    CamproMotion *m = SENTINEL_MOTION;
    CamproAnalysis a;
    const double joins[] = {0.0, 60.0, 90.0, 160.0, 200.0, 240.0, 360.0};
    size_t i;

    default_segments(s);

    /* NULLs */
    CHECK_STATUS(campro_motion_from_segments(NULL, 6, 3000.0, &m), CAMPRO_ERROR_NULL_POINTER);
    CHECK(m == NULL);
    CHECK_STATUS(campro_motion_from_segments(s, 6, 3000.0, NULL), CAMPRO_ERROR_NULL_POINTER);

    /* count 0, count over the maximum */
    m = SENTINEL_MOTION;
    CHECK_STATUS(campro_motion_from_segments(s, 0, 3000.0, &m), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK(m == NULL);
    many = malloc(sizeof *many * (CAMPRO_MAX_SEGMENTS + 1));
    CHECK(many != NULL);
    if (many) {
        size_t n;
        /* CAMPRO_MAX_SEGMENTS segments: a small cycloidal bump then dwells; accepted */
        n = CAMPRO_MAX_SEGMENTS;
        for (i = 0; i < n; i++) {
            many[i].law = CAMPRO_LAW_DWELL;
            many[i].duration = 360.0 / (double)n; /* 0.087890625, exact */
            many[i].end_lift = 0.0;
        }
        many[0].law = CAMPRO_LAW_CYCLOIDAL;
        many[0].end_lift = 1.0;
        many[1].law = CAMPRO_LAW_CYCLOIDAL;
        many[1].end_lift = 0.0;
        m = NULL;
        CHECK_STATUS(campro_motion_from_segments(many, n, 3000.0, &m), CAMPRO_OK);
        if (m) {
            CHECK_NEAR(campro_displacement(m, 360.0 / (double)n), 1.0, 1e-12);
            CHECK_NEAR(campro_displacement(m, 180.0), 0.0, 1e-12);
            campro_motion_free(m);
        }
        /* one more: rejected for the count alone (durations still sum to 360 within 1e-9) */
        n = CAMPRO_MAX_SEGMENTS + 1;
        for (i = 0; i < n; i++) {
            many[i].law = CAMPRO_LAW_DWELL;
            many[i].duration = 360.0 / (double)n;
            many[i].end_lift = 0.0;
        }
        m = SENTINEL_MOTION;
        CHECK_STATUS(campro_motion_from_segments(many, n, 3000.0, &m), CAMPRO_ERROR_INVALID_PARAMETER);
        CHECK(m == NULL);
        CHECK_MSG("4097");
        free(many);
    }

    /* bad segments: each names the offending field */
    memcpy(t, s, sizeof s); t[1].duration = -5.0; t[5].duration += 35.0;
    expect_segments_invalid(t, 6, 3000.0, "segments[1].duration", __LINE__);
    CHECK_MSG("-5");
    memcpy(t, s, sizeof s); t[2].duration = 0.0; t[5].duration += 70.0;
    expect_segments_invalid(t, 6, 3000.0, "segments[2].duration", __LINE__);
    memcpy(t, s, sizeof s); t[3].duration = NAN;
    expect_segments_invalid(t, 6, 3000.0, "segments[3].duration", __LINE__);
    memcpy(t, s, sizeof s); t[3].duration = INFINITY;
    expect_segments_invalid(t, 6, 3000.0, "segments[3].duration", __LINE__);
    memcpy(t, s, sizeof s); t[0].end_lift = -1.0; t[1].end_lift = -1.0;
    expect_segments_invalid(t, 6, 3000.0, "segments[0].end_lift", __LINE__);
    memcpy(t, s, sizeof s); t[3].end_lift = NAN;
    expect_segments_invalid(t, 6, 3000.0, "segments[3].end_lift", __LINE__);
    memcpy(t, s, sizeof s); t[4].law = 99;
    expect_segments_invalid(t, 6, 3000.0, "segments[4].law", __LINE__);
    CHECK_MSG("99");
    memcpy(t, s, sizeof s); t[0].law = -1;
    expect_segments_invalid(t, 6, 3000.0, "segments[0].law", __LINE__);
    memcpy(t, s, sizeof s); t[5].duration = 110.0; /* sums to 350 */
    expect_segments_invalid(t, 6, 3000.0, "duration", __LINE__);
    memcpy(t, s, sizeof s); t[5].duration = 130.0; /* sums to 370 */
    expect_segments_invalid(t, 6, 3000.0, "duration", __LINE__);
    memcpy(t, s, sizeof s); t[5].duration = 120.0 + 1e-6; /* off by more than 1e-9 */
    expect_segments_invalid(t, 6, 3000.0, "duration", __LINE__);
    memcpy(t, s, sizeof s); t[4].end_lift = 1.0; t[5].end_lift = 1.0; /* does not close at 0 */
    expect_segments_invalid(t, 6, 3000.0, "end_lift", __LINE__);
    memcpy(t, s, sizeof s); t[1].end_lift = 9.0; /* dwell that changes the lift */
    expect_segments_invalid(t, 6, 3000.0, "segments[1]", __LINE__);
    memcpy(t, s, sizeof s);
    expect_segments_invalid(t, 6, NAN, "rpm", __LINE__);
    expect_segments_invalid(t, 6, 0.0, "rpm", __LINE__);
    expect_segments_invalid(t, 6, -100.0, "rpm", __LINE__);
    expect_segments_invalid(t, 6, INFINITY, "rpm", __LINE__);

    /* sum within 1e-9 of 360 is accepted */
    memcpy(t, s, sizeof s); t[5].duration = 120.0 + 1e-11;
    m = NULL;
    CHECK_STATUS(campro_motion_from_segments(t, 6, 3000.0, &m), CAMPRO_OK);
    campro_motion_free(m);

    /* the good program */
    m = NULL;
    CHECK_STATUS(campro_motion_from_segments(s, 6, 3000.0, &m), CAMPRO_OK);
    CHECK(m != NULL);
    if (!m) return;
    CHECK(campro_motion_rpm(m) == 3000.0);
    /* closed forms: 3-4-5 s = h (10u^3 - 15u^4 + 6u^5), v = h (30u^2 - 60u^3 + 30u^4) du/dt */
    CHECK_NEAR(campro_displacement(m, 0.0), 0.0, 1e-12);
    CHECK_NEAR(campro_displacement(m, 15.0), 8.0 * 0.103515625, 1e-12);
    CHECK_NEAR(campro_displacement(m, 30.0), 4.0, 1e-12);
    CHECK_REL(campro_velocity(m, 30.0), 8.0 * 1.875 * 300.0, 1e-12); /* du/dt = 18000/60 */
    CHECK_NEAR(campro_displacement(m, 60.0), 8.0, 1e-12);
    CHECK_NEAR(campro_displacement(m, 75.0), 8.0, 1e-12);
    CHECK_NEAR(campro_velocity(m, 75.0), 0.0, 1e-12);
    CHECK_NEAR(campro_displacement(m, 125.0), 4.0, 1e-9); /* modified sine fall midpoint */
    CHECK_NEAR(campro_displacement(m, 180.0), 2.0, 1e-12); /* cycloidal rise midpoint */
    {   /* cycloidal rise to 4 over 40 deg: v(mid) = 2 h du/dt, du/dt = 18000/40 */
        CHECK_REL(campro_velocity(m, 180.0), 2.0 * 4.0 * 450.0, 1e-12);
    }
    CHECK_NEAR(campro_displacement(m, 220.0), 2.0, 1e-12); /* 4567 fall midpoint */
    CHECK_NEAR(campro_displacement(m, 300.0), 0.0, 1e-12);
    /* continuity at every join, from both sides */
    for (i = 0; i < sizeof joins / sizeof joins[0]; i++) {
        double x = joins[i];
        double lo = campro_displacement(m, nextafter(x, -1e9));
        double hi = campro_displacement(m, nextafter(x, 1e9));
        double at = campro_displacement(m, x);
        double vlo = campro_velocity(m, x - 1e-9), vhi = campro_velocity(m, x + 1e-9);
        if (!(near(lo, hi, 1e-9) && near(lo, at, 1e-9)))
            printf("     join %g: %.17g | %.17g | %.17g\n", x, lo, at, hi);
        CHECK(near(lo, hi, 1e-9));
        CHECK(near(lo, at, 1e-9));
        CHECK(near(campro_displacement(m, x - 1e-7), campro_displacement(m, x + 1e-7), 1e-9));
        CHECK(near(vlo, vhi, 1e-3)); /* all these laws start and end at rest */
    }
    /* limits of a segment-built motion are +infinity: never violated */
    CHECK_STATUS(campro_analyze_kinematics(m, 3600, &a), CAMPRO_OK);
    CHECK(a.velocity_violation == 0 && a.acceleration_violation == 0 && a.jerk_violation == 0);
    CHECK_REL(a.max_velocity, 4500.0, 1e-6); /* the 3-4-5 peak is the largest */
    campro_motion_free(m);

    /* rpm of a segment motion is kept */
    m = NULL;
    CHECK_STATUS(campro_motion_from_segments(s, 6, 1234.5, &m), CAMPRO_OK);
    CHECK(campro_motion_rpm(m) == 1234.5);
    CHECK_REL(campro_velocity(m, 30.0), 8.0 * 1.875 * (1234.5 * 6.0 / 60.0), 1e-12);
    campro_motion_free(m);
    CHECK(isnan(campro_motion_rpm(NULL)));
}

static void test_segment_introspection(void) {
    CamproMotion *m = make_default(3000.0), *sm = NULL;
    CamproSegment seg, s[6], sentinel = {77, -7.0, -7.0};
    size_t i;
    CHECK(campro_motion_segment_count(m) == 4); /* rise, high dwell, fall, low dwell */
    CHECK_STATUS(campro_motion_segment(m, 0, &seg), CAMPRO_OK);
    CHECK(seg.law == CAMPRO_LAW_CYCLOIDAL && seg.duration == 90.0 && seg.end_lift == 10.0);
    CHECK_STATUS(campro_motion_segment(m, 1, &seg), CAMPRO_OK);
    CHECK(seg.law == CAMPRO_LAW_DWELL && seg.duration == 45.0 && seg.end_lift == 10.0);
    CHECK_STATUS(campro_motion_segment(m, 2, &seg), CAMPRO_OK);
    CHECK(seg.law == CAMPRO_LAW_CYCLOIDAL && seg.duration == 90.0 && seg.end_lift == 0.0);
    CHECK_STATUS(campro_motion_segment(m, 3, &seg), CAMPRO_OK);
    CHECK(seg.law == CAMPRO_LAW_DWELL && seg.duration == 135.0 && seg.end_lift == 0.0);
    seg = sentinel;
    CHECK_STATUS(campro_motion_segment(m, 4, &seg), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK(seg.law == 77 && seg.duration == -7.0);
    CHECK_MSG("4");
    CHECK_STATUS(campro_motion_segment(m, (size_t)-1, &seg), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_STATUS(campro_motion_segment(NULL, 0, &seg), CAMPRO_ERROR_NULL_POINTER);
    CHECK(seg.law == 77);
    CHECK_STATUS(campro_motion_segment(m, 0, NULL), CAMPRO_ERROR_NULL_POINTER);
    CHECK(campro_motion_segment_count(NULL) == 0);
    /* a segment list round-trips */
    default_segments(s);
    CHECK_STATUS(campro_motion_from_segments(s, 6, 3000.0, &sm), CAMPRO_OK);
    CHECK(campro_motion_segment_count(sm) == 6);
    for (i = 0; i < 6; i++) {
        CHECK_STATUS(campro_motion_segment(sm, i, &seg), CAMPRO_OK);
        CHECK(seg.law == s[i].law && seg.duration == s[i].duration && seg.end_lift == s[i].end_lift);
    }
    campro_motion_free(sm);
    campro_motion_free(m);
}

static int write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    if (!f) return 0;
    fputs(text, f);
    fclose(f);
    return 1;
}

/* load `text` from `path`; expect `want`; on OK compare with the default motion at `rpm` */
static void expect_load(const char *path, const char *text, int32_t want, const char *needle, int line) {
    CamproMotion *m = SENTINEL_MOTION;
    int32_t st;
    const char *msg;
    if (!write_file(path, text)) {
        check_impl(0, "write parameter file", __FILE__, line);
        return;
    }
    clear_message();
    st = campro_motion_load(path, &m);
    msg = last_msg();
    if (st != want || (needle && !strstr(msg, needle)))
        printf("     load case at line %d: status %d (%s), message \"%s\"\n", line, (int)st, campro_status_name(st),
               msg);
    check_impl(st == want, "campro_motion_load status", __FILE__, line);
    if (want != CAMPRO_OK) {
        check_impl(m == NULL, "*out == NULL after a failed load", __FILE__, line);
        if (needle) check_impl(strstr(msg, needle) != NULL, "load message names the key", __FILE__, line);
    }
    if (st == CAMPRO_OK && m != NULL && m != SENTINEL_MOTION) {
        CamproMotion *d = make_default(3000.0);
        double x;
        int ok = 1;
        for (x = -30.0; x < 400.0; x += 2.9)
            if (!same(campro_displacement(m, x), campro_displacement(d, x)) ||
                !same(campro_jerk(m, x), campro_jerk(d, x)))
                ok = 0;
        check_impl(ok, "loaded default parameter file == campro_parameters_default motion, bitwise", __FILE__, line);
        campro_motion_free(d);
        campro_motion_free(m);
    }
    remove(path);
}

#define DEFAULT_TOML_BODY                                                                              \
    "max_lift = 10.0\ncam_duration = 180.0\nrise_duration = 90.0\ndwell_duration = 45.0\n"            \
    "fall_duration = 90.0\njerk_limit = 1000.0\nacceleration_limit = 500.0\nvelocity_limit = 100.0\n"  \
    "rpm = 3000.0\n"

static void test_motion_load_files(void) {
    const char *toml = "/tmp/campro_test_api_params.toml", *json = "/tmp/campro_test_api_params.json";
    expect_load(toml, "# CamProV5 export\nbase_circle_radius = 25.0\n" DEFAULT_TOML_BODY, CAMPRO_OK, NULL, __LINE__);
    expect_load(toml, "base_circle_radius = 25.0\n" DEFAULT_TOML_BODY "rise_law = \"cycloidal\"\nfall_law = \"cycloidal\"\n",
                CAMPRO_OK, NULL, __LINE__);
    expect_load(json,
                "{\"base_circle_radius\": 25, \"max_lift\": 10, \"cam_duration\": 180, \"rise_duration\": 90,\n"
                " \"dwell_duration\": 45, \"fall_duration\": 90, \"jerk_limit\": 1000,\n"
                " \"acceleration_limit\": 500, \"velocity_limit\": 100, \"rpm\": 3000}\n",
                CAMPRO_OK, NULL, __LINE__);
    /* missing key, unknown key, wrong type, bad syntax: PARSE; impossible value: INVALID_PARAMETER */
    expect_load(toml, DEFAULT_TOML_BODY, CAMPRO_ERROR_PARSE, "base_circle_radius", __LINE__);
    expect_load(toml, "base_circle_radius = 25.0\n" DEFAULT_TOML_BODY "lift_max = 3.0\n", CAMPRO_ERROR_PARSE, "lift_max",
                __LINE__);
    expect_load(toml, "base_circle_radius = \"big\"\n" DEFAULT_TOML_BODY, CAMPRO_ERROR_PARSE, "base_circle_radius",
                __LINE__);
    expect_load(json, "{\"base_circle_radius\": 25, \"max_lift\": ", CAMPRO_ERROR_PARSE, NULL, __LINE__);
    expect_load(toml, "base_circle_radius = -25.0\n" DEFAULT_TOML_BODY, CAMPRO_ERROR_INVALID_PARAMETER,
                "base_circle_radius", __LINE__);
    expect_load(toml, "base_circle_radius = 25.0\n" DEFAULT_TOML_BODY "rise_law = \"dwell\"\n",
                CAMPRO_ERROR_INVALID_PARAMETER, "rise_law", __LINE__);
}

static void test_motion_load(void) {
    CamproMotion *m = SENTINEL_MOTION;
    const char *bad_path = "/tmp/campro_test_api_bad_syntax.toml";
    FILE *f;

    CHECK_STATUS(campro_motion_load("/nonexistent/dir/campro_no_such_file.toml", &m), CAMPRO_ERROR_IO);
    CHECK(m == NULL);
    CHECK_MSG("campro_no_such_file");
    m = SENTINEL_MOTION;
    CHECK_STATUS(campro_motion_load("/nonexistent/campro_no_such_file.json", &m), CAMPRO_ERROR_IO);
    CHECK(m == NULL);
    m = SENTINEL_MOTION;
    CHECK_STATUS(campro_motion_load(NULL, &m), CAMPRO_ERROR_NULL_POINTER);
    CHECK(m == NULL);
    CHECK_STATUS(campro_motion_load("/nonexistent/x.toml", NULL), CAMPRO_ERROR_NULL_POINTER);

    f = fopen(bad_path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs("max_lift = = [[[ 10\n", f);
        fclose(f);
        m = SENTINEL_MOTION;
        CHECK_STATUS(campro_motion_load(bad_path, &m), CAMPRO_ERROR_PARSE);
        CHECK(m == NULL);
        remove(bad_path);
    }
}

/* ------------------------------------------------------------------ scalar evaluation */

static void test_scalars(void) {
    CamproMotion *m = make_default(3000.0), *fast = make_default(6000.0);
    double theta;
    int k;
    const double bad_in[] = {NAN, INFINITY, -INFINITY};
    size_t i;

    CHECK_NEAR(campro_displacement(m, 45.0), 5.0, 1e-12);
    CHECK_NEAR(campro_displacement(m, 100.0), 10.0, 1e-12);
    CHECK_NEAR(campro_displacement(m, 180.0), 5.0, 1e-12);
    CHECK_NEAR(campro_displacement(m, 300.0), 0.0, 1e-12);
    CHECK_NEAR(campro_displacement(m, 0.0), 0.0, 1e-12);
    CHECK_NEAR(campro_displacement(m, 90.0), 10.0, 1e-12);
    CHECK_NEAR(campro_displacement(m, 225.0), 0.0, 1e-12);
    CHECK_REL(campro_velocity(m, 45.0), 4000.0, 1e-12);
    CHECK_REL(campro_velocity(m, 180.0), -4000.0, 1e-12);
    CHECK_NEAR(campro_velocity(m, 100.0), 0.0, 1e-12);
    CHECK_REL(campro_acceleration(m, 22.5), 10.0 * 200.0 * 200.0 * 2.0 * PI, 1e-12);
    CHECK_REL(campro_acceleration(m, 22.5), 2.513274e6, 1e-6);
    CHECK_REL(campro_acceleration(m, 157.5), -2.513274e6, 1e-6);
    CHECK_REL(campro_jerk(m, 1e-9), 3.158273e9, 1e-6);
    CHECK_REL(campro_jerk(m, 45.0), -3.158273e9, 1e-6);
    CHECK_NEAR(campro_jerk(m, 300.0), 0.0, 1e-12);
    CHECK_REL(campro_velocity(fast, 45.0), 8000.0, 1e-12);
    CHECK_REL(campro_acceleration(fast, 67.5), -10.0 * 400.0 * 400.0 * 2.0 * PI, 1e-12);
    CHECK(campro_motion_rpm(m) == 3000.0 && campro_motion_rpm(fast) == 6000.0);

    /* sweep against the closed forms (skip jerk exactly at its jumps) */
    for (theta = -720.0; theta <= 1080.0; theta += 0.37) {
        CamproKinematics e = expected_default(theta, 3000.0);
        double r = fmod(theta, 360.0);
        int jump;
        if (r < 0.0) r += 360.0;
        jump = fabs(r) < 1e-6 || fabs(r - 90.0) < 1e-6 || fabs(r - 135.0) < 1e-6 || fabs(r - 225.0) < 1e-6;
        if (!near_rel(campro_displacement(m, theta), e.displacement, 1e-9) ||
            !near_rel(campro_velocity(m, theta), e.velocity, 1e-9) ||
            !near_rel(campro_acceleration(m, theta), e.acceleration, 1e-9) ||
            (!jump && !near_rel(campro_jerk(m, theta), e.jerk, 1e-9))) {
            printf("     theta %.17g: got %.17g %.17g %.17g %.17g expected %.17g %.17g %.17g %.17g\n", theta,
                   campro_displacement(m, theta), campro_velocity(m, theta), campro_acceleration(m, theta),
                   campro_jerk(m, theta), e.displacement, e.velocity, e.acceleration, e.jerk);
            CHECK(!"kinematics match the closed forms");
            break;
        }
    }
    CHECK(theta > 1080.0); /* the sweep completed */

    /* periodicity, negative angles, many revolutions: exact reduction */
    for (k = -10; k <= 10; k++) {
        double x = 45.0 + 360.0 * k;
        CHECK(same(campro_displacement(m, x), campro_displacement(m, 45.0)));
        CHECK(same(campro_velocity(m, x), campro_velocity(m, 45.0)));
        CHECK(same(campro_acceleration(m, 22.5 + 360.0 * k), campro_acceleration(m, 22.5)));
    }
    CHECK(same(campro_displacement(m, -315.0), campro_displacement(m, 45.0)));
    CHECK(same(campro_displacement(m, -180.0), campro_displacement(m, 180.0)));
    CHECK_NEAR(campro_displacement(m, -90.0), 0.0, 1e-12);
    CHECK_NEAR(campro_displacement(m, -1.0), 0.0, 1e-12);
    CHECK(same(campro_displacement(m, 45.0 + 360.0 * 1e6), campro_displacement(m, 45.0)));
    CHECK(same(campro_displacement(m, 45.0 - 360.0 * 1e6), campro_displacement(m, 45.0)));
    CHECK(same(campro_displacement(m, 360.0), campro_displacement(m, 0.0)));
    CHECK(same(campro_displacement(m, -360.0), campro_displacement(m, 0.0)));
    CHECK(!isnan(campro_displacement(m, 1e300)));
    CHECK(!isnan(campro_displacement(m, -1e300)));
    CHECK(campro_displacement(m, 1e300) >= 0.0 && campro_displacement(m, 1e300) <= 10.0);

    /* NULL handle and non-finite input: NaN and a message */
    clear_message();
    CHECK(isnan(campro_velocity(NULL, 45.0)));
    CHECK(campro_last_error_message(NULL, 0) > 0);
    CHECK(isnan(campro_displacement(NULL, 45.0)));
    CHECK(isnan(campro_acceleration(NULL, 45.0)));
    CHECK(isnan(campro_jerk(NULL, 45.0)));
    for (i = 0; i < sizeof bad_in / sizeof bad_in[0]; i++) {
        double x = bad_in[i];
        CamproKinematics kk;
        clear_message();
        CHECK(isnan(campro_displacement(m, x)));
        CHECK_MSG("theta");
        CHECK(isnan(campro_velocity(m, x)));
        CHECK(isnan(campro_acceleration(m, x)));
        CHECK(isnan(campro_jerk(m, x)));
        kk = campro_kinematics(m, x);
        CHECK(isnan(kk.displacement) && isnan(kk.velocity) && isnan(kk.acceleration) && isnan(kk.jerk));
        CHECK(isnan(campro_displacement(NULL, x)));
    }
    {
        CamproKinematics kk = campro_kinematics(NULL, 45.0);
        CHECK(isnan(kk.displacement) && isnan(kk.velocity) && isnan(kk.acceleration) && isnan(kk.jerk));
    }

    /* kinematics == the four scalars, bitwise */
    for (theta = -400.0; theta < 800.0; theta += 1.3) {
        CamproKinematics kk = campro_kinematics(m, theta);
        if (!(same(kk.displacement, campro_displacement(m, theta)) && same(kk.velocity, campro_velocity(m, theta)) &&
              same(kk.acceleration, campro_acceleration(m, theta)) && same(kk.jerk, campro_jerk(m, theta)))) {
            printf("     kinematics(%.17g) differs from the scalars\n", theta);
            CHECK(!"kinematics == scalars");
            break;
        }
    }
    CHECK(theta >= 800.0);

    campro_motion_free(m);
    campro_motion_free(fast);
    campro_motion_free(NULL); /* no-op */
}

/* ------------------------------------------------------------------ batch and parallel */

typedef double (*ScalarFn)(const CamproMotion *, double);
typedef int32_t (*ArrayFn)(const CamproMotion *, const double *, double *, size_t);

/* above the library's parallel threshold (8192 points), so _parallel really uses the pool */
#define NB 40009
#define SENTINEL_VALUE (-12345.678)

static void fill_angles(double *x, size_t n) {
    size_t i;
    for (i = 0; i < n; i++) x[i] = -1000.0 + 3000.0 * (double)i / (double)n + 1e-3 * (double)(i % 7);
    x[0] = 45.0;
    x[1] = 22.5;
    x[2] = 0.0;
    x[3] = 360.0 * 1e6 + 45.0;
}

static void test_array_fn(const CamproMotion *m, const char *name, ScalarFn scalar, ArrayFn batch,
                          ArrayFn parallel) {
    double *x = malloc(sizeof(double) * NB), *ob = malloc(sizeof(double) * NB),
           *op = malloc(sizeof(double) * NB);
    size_t i, bad_b = NB, bad_p = NB;
    double one_in = 45.0, one_out = SENTINEL_VALUE;
    ArrayFn fns[2];
    int f;
    fns[0] = batch;
    fns[1] = parallel;
    if (!x || !ob || !op) {
        CHECK(!"allocation");
        free(x); free(ob); free(op);
        return;
    }
    fill_angles(x, NB);
    CHECK_STATUS(batch(m, x, ob, NB), CAMPRO_OK);
    CHECK_STATUS(parallel(m, x, op, NB), CAMPRO_OK);
    for (i = 0; i < NB; i++) {
        if (bad_b == NB && !same(ob[i], scalar(m, x[i]))) bad_b = i;
        if (bad_p == NB && !same(op[i], ob[i])) bad_p = i;
    }
    if (bad_b != NB) printf("     %s_batch[%lu] != scalar\n", name, (unsigned long)bad_b);
    if (bad_p != NB) printf("     %s_parallel[%lu] != batch\n", name, (unsigned long)bad_p);
    CHECK(bad_b == NB);
    CHECK(bad_p == NB);

    for (f = 0; f < 2; f++) {
        ArrayFn fn = fns[f];
        /* NULLs: NULL_POINTER, outputs untouched */
        one_out = SENTINEL_VALUE;
        CHECK_STATUS(fn(NULL, &one_in, &one_out, 1), CAMPRO_ERROR_NULL_POINTER);
        CHECK(one_out == SENTINEL_VALUE);
        CHECK_STATUS(fn(m, NULL, &one_out, 1), CAMPRO_ERROR_NULL_POINTER);
        CHECK(one_out == SENTINEL_VALUE);
        CHECK_STATUS(fn(m, &one_in, NULL, 1), CAMPRO_ERROR_NULL_POINTER);
        /* n == 0: OK with NULL pointers, nothing written */
        CHECK_STATUS(fn(m, NULL, NULL, 0), CAMPRO_OK);
        CHECK_STATUS(fn(m, &one_in, &one_out, 0), CAMPRO_OK);
        CHECK(one_out == SENTINEL_VALUE);
        CHECK_STATUS(fn(NULL, NULL, NULL, 0), CAMPRO_ERROR_NULL_POINTER);
        /* n == 1 */
        CHECK_STATUS(fn(m, &one_in, &one_out, 1), CAMPRO_OK);
        CHECK(same(one_out, scalar(m, 45.0)));
        /* non-finite inputs: NaN there, everything else written, status after the whole batch */
        x[3] = NAN;
        x[500] = INFINITY;
        x[NB - 1] = -INFINITY;
        for (i = 0; i < NB; i++) op[i] = SENTINEL_VALUE;
        CHECK_STATUS(fn(m, x, op, NB), CAMPRO_ERROR_NON_FINITE_INPUT);
        CHECK(isnan(op[3]) && isnan(op[500]) && isnan(op[NB - 1]));
        CHECK_MSG("theta_deg[3]");
        bad_b = NB;
        for (i = 0; i < NB; i++) {
            if (i == 3 || i == 500 || i == NB - 1) continue;
            if (bad_b == NB && !same(op[i], ob[i])) bad_b = i;
        }
        if (bad_b != NB) printf("     %s with NaN input: [%lu] not written\n", name, (unsigned long)bad_b);
        CHECK(bad_b == NB);
        fill_angles(x, NB);
    }
    free(x); free(ob); free(op);
}

static void test_batch_parallel(void) {
    CamproMotion *m = make_default(3000.0);
    test_array_fn(m, "displacement", campro_displacement, campro_displacement_batch, campro_displacement_parallel);
    test_array_fn(m, "velocity", campro_velocity, campro_velocity_batch, campro_velocity_parallel);
    test_array_fn(m, "acceleration", campro_acceleration, campro_acceleration_batch, campro_acceleration_parallel);
    test_array_fn(m, "jerk", campro_jerk, campro_jerk_batch, campro_jerk_parallel);
    campro_motion_free(m);
}

typedef int32_t (*KinFn)(const CamproMotion *, const double *, size_t, double *, double *, double *, double *);

static void test_kinematics_arrays(void) {
    CamproMotion *m = make_default(3000.0);
    double *x = malloc(sizeof(double) * NB), *d = malloc(sizeof(double) * NB), *v = malloc(sizeof(double) * NB),
           *a = malloc(sizeof(double) * NB), *j = malloc(sizeof(double) * NB), *d2 = malloc(sizeof(double) * NB),
           *j2 = malloc(sizeof(double) * NB);
    KinFn fns[2];
    const char *names[2] = {"kinematics_parallel", "kinematics_batch"};
    int f;
    size_t i, bad;
    double one = 45.0, o = SENTINEL_VALUE;
    fns[0] = campro_kinematics_parallel;
    fns[1] = campro_kinematics_batch;
    if (!x || !d || !v || !a || !j || !d2 || !j2) {
        CHECK(!"allocation");
        goto done;
    }
    fill_angles(x, NB);
    for (f = 0; f < 2; f++) {
        KinFn fn = fns[f];
        CHECK_STATUS(fn(m, x, NB, d, v, a, j), CAMPRO_OK);
        bad = NB;
        for (i = 0; i < NB && bad == NB; i++) {
            CamproKinematics k = campro_kinematics(m, x[i]);
            if (!(same(d[i], k.displacement) && same(v[i], k.velocity) && same(a[i], k.acceleration) &&
                  same(j[i], k.jerk)))
                bad = i;
        }
        if (bad != NB) printf("     %s[%lu] != campro_kinematics\n", names[f], (unsigned long)bad);
        CHECK(bad == NB);
        /* any output may be NULL */
        for (i = 0; i < NB; i++) d2[i] = j2[i] = SENTINEL_VALUE;
        CHECK_STATUS(fn(m, x, NB, d2, NULL, NULL, j2), CAMPRO_OK);
        CHECK(memcmp(d2, d, sizeof(double) * NB) == 0);
        CHECK(memcmp(j2, j, sizeof(double) * NB) == 0);
        CHECK_STATUS(fn(m, x, NB, NULL, NULL, NULL, NULL), CAMPRO_OK);
        for (i = 0; i < NB; i++) d2[i] = SENTINEL_VALUE;
        CHECK_STATUS(fn(m, x, NB, NULL, d2, NULL, NULL), CAMPRO_OK);
        CHECK(memcmp(d2, v, sizeof(double) * NB) == 0);
        /* NULLs and n == 0 */
        CHECK_STATUS(fn(NULL, &one, 1, &o, NULL, NULL, NULL), CAMPRO_ERROR_NULL_POINTER);
        CHECK(o == SENTINEL_VALUE);
        CHECK_STATUS(fn(m, NULL, 1, &o, NULL, NULL, NULL), CAMPRO_ERROR_NULL_POINTER);
        CHECK(o == SENTINEL_VALUE);
        CHECK_STATUS(fn(m, NULL, 0, NULL, NULL, NULL, NULL), CAMPRO_OK);
        CHECK_STATUS(fn(m, &one, 0, &o, NULL, NULL, NULL), CAMPRO_OK);
        CHECK(o == SENTINEL_VALUE);
        /* non-finite input */
        x[7] = NAN;
        x[NB - 2] = INFINITY;
        CHECK_STATUS(fn(m, x, NB, d2, NULL, a, j2), CAMPRO_ERROR_NON_FINITE_INPUT);
        CHECK(isnan(d2[7]) && isnan(a[7]) && isnan(j2[7]) && isnan(d2[NB - 2]) && isnan(j2[NB - 2]));
        CHECK(same(d2[8], d[8]) && same(j2[6], j[6]) && same(d2[NB - 1], d[NB - 1]));
        CHECK_MSG("[7]");
        fill_angles(x, NB);
    }
done:
    free(x); free(d); free(v); free(a); free(j); free(d2); free(j2);
    campro_motion_free(m);
}

/* ------------------------------------------------------------------ boundary conditions */

static int bc_same(CamproBoundaryCondition a, CamproBoundaryCondition b) {
    return same(a.displacement, b.displacement) && same(a.velocity, b.velocity) && same(a.acceleration, b.acceleration);
}

typedef int32_t (*BcFn)(const CamproMotion *, const double *, size_t, CamproBoundaryCondition *);

static void test_boundary_conditions(void) {
    CamproMotion *m = make_default(3000.0), *slow = make_default(60.0);
    double *t = malloc(sizeof(double) * NB);
    CamproBoundaryCondition *o = malloc(sizeof *o * NB), *o2 = malloc(sizeof *o2 * NB);
    CamproBoundaryCondition bc, sentinel = {SENTINEL_VALUE, SENTINEL_VALUE, SENTINEL_VALUE}, one_o;
    CamproTimeFunction fd = campro_bc_displacement, fv = campro_bc_velocity, fa = campro_bc_acceleration;
    BcFn fns[2];
    const char *names[2] = {"boundary_conditions", "boundary_conditions_batch"};
    size_t i, bad;
    int f;
    double one_t = 0.0025;
    fns[0] = campro_boundary_conditions;
    fns[1] = campro_boundary_conditions_batch;
    if (!t || !o || !o2) {
        CHECK(!"allocation");
        goto done;
    }

    /* closed forms by time: angle = 18000 t */
    bc = campro_boundary_condition_at_time(m, 0.0025); /* 45 deg */
    CHECK_NEAR(bc.displacement, 5.0, 1e-9);
    CHECK_REL(bc.velocity, 4000.0, 1e-9);
    bc = campro_boundary_condition_at_time(m, 0.00125); /* 22.5 deg */
    CHECK_REL(bc.acceleration, 2.513274e6, 1e-6);
    bc = campro_boundary_condition_at_time(m, 0.01); /* 180 deg */
    CHECK_REL(bc.velocity, -4000.0, 1e-9);
    bc = campro_boundary_condition_at_time(slow, 0.125); /* 60 rpm: 45 deg at 0.125 s */
    CHECK_NEAR(bc.displacement, 5.0, 1e-9);
    CHECK_REL(bc.velocity, 80.0, 1e-9); /* 10 * 4 * 2 */

    for (i = 0; i < NB; i++) t[i] = -0.05 + 0.1 * (double)i / (double)NB;
    t[0] = 0.0025;
    bad = NB;
    for (i = 0; i < NB && bad == NB; i++) {
        double th = 18000.0 * t[i];
        CamproBoundaryCondition b = campro_boundary_condition_at_time(m, t[i]);
        CamproKinematics e = expected_default(th, 3000.0);
        if (!(near_rel(b.displacement, campro_displacement(m, th), 1e-9) &&
              near_rel(b.velocity, campro_velocity(m, th), 1e-9) &&
              near_rel(b.acceleration, campro_acceleration(m, th), 1e-9) &&
              near_rel(b.displacement, e.displacement, 1e-9) && near_rel(b.velocity, e.velocity, 1e-9) &&
              near_rel(b.acceleration, e.acceleration, 1e-9)))
            bad = i;
        /* the callbacks, through the solver-style type, equal boundary_condition_at_time bitwise */
        if (!(same(fd(t[i], m), b.displacement) && same(fv(t[i], m), b.velocity) && same(fa(t[i], m), b.acceleration)))
            bad = i;
        /* period 0.02 s */
        if (!near(campro_boundary_condition_at_time(m, t[i] + 0.02).displacement, b.displacement, 1e-9)) bad = i;
    }
    if (bad != NB) printf("     boundary condition at t = %.17g wrong\n", t[bad]);
    CHECK(bad == NB);

    /* bad input */
    bc = campro_boundary_condition_at_time(NULL, 0.01);
    CHECK(isnan(bc.displacement) && isnan(bc.velocity) && isnan(bc.acceleration));
    bc = campro_boundary_condition_at_time(m, NAN);
    CHECK(isnan(bc.displacement) && isnan(bc.velocity) && isnan(bc.acceleration));
    CHECK_MSG("time");
    bc = campro_boundary_condition_at_time(m, INFINITY);
    CHECK(isnan(bc.displacement) && isnan(bc.velocity) && isnan(bc.acceleration));
    bc = campro_boundary_condition_at_time(m, -INFINITY);
    CHECK(isnan(bc.displacement) && isnan(bc.velocity) && isnan(bc.acceleration));
    CHECK(isnan(campro_bc_displacement(0.01, NULL)));
    CHECK(isnan(campro_bc_velocity(0.01, NULL)));
    CHECK(isnan(campro_bc_acceleration(0.01, NULL)));
    CHECK(isnan(fd(NAN, m)) && isnan(fv(INFINITY, m)) && isnan(fa(-INFINITY, m)));

    for (f = 0; f < 2; f++) {
        BcFn fn = fns[f];
        CHECK_STATUS(fn(m, t, NB, o), CAMPRO_OK);
        bad = NB;
        for (i = 0; i < NB && bad == NB; i++)
            if (!bc_same(o[i], campro_boundary_condition_at_time(m, t[i]))) bad = i;
        if (bad != NB) printf("     %s[%lu] != boundary_condition_at_time\n", names[f], (unsigned long)bad);
        CHECK(bad == NB);
        one_o = sentinel;
        CHECK_STATUS(fn(NULL, &one_t, 1, &one_o), CAMPRO_ERROR_NULL_POINTER);
        CHECK(bc_same(one_o, sentinel));
        CHECK_STATUS(fn(m, NULL, 1, &one_o), CAMPRO_ERROR_NULL_POINTER);
        CHECK(bc_same(one_o, sentinel));
        CHECK_STATUS(fn(m, &one_t, 1, NULL), CAMPRO_ERROR_NULL_POINTER);
        CHECK_STATUS(fn(m, NULL, 0, NULL), CAMPRO_OK);
        CHECK_STATUS(fn(m, &one_t, 0, &one_o), CAMPRO_OK);
        CHECK(bc_same(one_o, sentinel));
        CHECK_STATUS(fn(m, &one_t, 1, &one_o), CAMPRO_OK);
        CHECK(bc_same(one_o, campro_boundary_condition_at_time(m, one_t)));
        t[11] = NAN;
        t[NB - 1] = -INFINITY;
        for (i = 0; i < NB; i++) o2[i] = sentinel;
        CHECK_STATUS(fn(m, t, NB, o2), CAMPRO_ERROR_NON_FINITE_INPUT);
        CHECK(isnan(o2[11].displacement) && isnan(o2[11].velocity) && isnan(o2[11].acceleration));
        CHECK(isnan(o2[NB - 1].displacement));
        CHECK(bc_same(o2[10], o[10]) && bc_same(o2[12], o[12]) && bc_same(o2[NB - 2], o[NB - 2]));
        CHECK_MSG("[11]");
        CHECK_MSG("time_s");
        t[11] = -0.05 + 0.1 * 11.0 / (double)NB;
        t[NB - 1] = -0.05 + 0.1 * (double)(NB - 1) / (double)NB;
    }
done:
    free(t); free(o); free(o2);
    campro_motion_free(m);
    campro_motion_free(slow);
}

/* ------------------------------------------------------------------ analysis */

/* field by field: the struct has 4 bytes of tail padding that nobody initialises */
static int analysis_same(const CamproAnalysis *a, const CamproAnalysis *b) {
    return same(a->max_velocity, b->max_velocity) && same(a->max_acceleration, b->max_acceleration) &&
           same(a->max_jerk, b->max_jerk) && same(a->rms_acceleration, b->rms_acceleration) &&
           same(a->rms_jerk, b->rms_jerk) && a->velocity_violation == b->velocity_violation &&
           a->acceleration_violation == b->acceleration_violation && a->jerk_violation == b->jerk_violation;
}

static void test_analysis(void) {
    CamproMotion *m = make_default(3000.0);
    CamproAnalysis a, untouched;
    CamproParameters p;
    CamproMotion *lim;
    const double A = 10.0 * 200.0 * 200.0 * 2.0 * PI, J = 10.0 * 200.0 * 200.0 * 200.0 * 4.0 * PI * PI;

    CHECK_STATUS(campro_analyze_kinematics(m, 3600, &a), CAMPRO_OK);
    CHECK_REL(a.max_velocity, 4000.0, 1e-9);
    CHECK_REL(a.max_acceleration, 2.513274e6, 1e-6);
    CHECK_REL(a.max_acceleration, A, 1e-9);
    CHECK_REL(a.max_jerk, 3.158273e9, 1e-6);
    CHECK_REL(a.max_jerk, J, 1e-9);
    /* mean of sin^2 and cos^2 over the rise and the fall (half a turn in total) is 1/2: rms = peak/2 */
    CHECK_REL(a.rms_acceleration, A / 2.0, 1e-3);
    CHECK_REL(a.rms_jerk, J / 2.0, 2e-3);
    CHECK(a.velocity_violation == 1 && a.acceleration_violation == 1 && a.jerk_violation == 1);

    /* limits just above and just below the peaks */
    campro_parameters_default(&p);
    p.velocity_limit = 4001.0;
    p.acceleration_limit = 2.52e6;
    p.jerk_limit = 3.2e9;
    CHECK_STATUS(campro_motion_new(&p, &lim), CAMPRO_OK);
    CHECK_STATUS(campro_analyze_kinematics(lim, 3600, &a), CAMPRO_OK);
    CHECK(a.velocity_violation == 0 && a.acceleration_violation == 0 && a.jerk_violation == 0);
    campro_motion_free(lim);
    p.velocity_limit = 3999.0;
    p.acceleration_limit = 2.51e6;
    CHECK_STATUS(campro_motion_new(&p, &lim), CAMPRO_OK);
    CHECK_STATUS(campro_analyze_kinematics(lim, 3600, &a), CAMPRO_OK);
    CHECK(a.velocity_violation == 1 && a.acceleration_violation == 1 && a.jerk_violation == 0);
    campro_motion_free(lim);

    /* a large count runs on the pool: same peaks, deterministic */
    {
        CamproAnalysis big1, big2;
        CHECK_STATUS(campro_analyze_kinematics(m, 200000, &big1), CAMPRO_OK);
        CHECK_STATUS(campro_analyze_kinematics(m, 200000, &big2), CAMPRO_OK);
        CHECK(analysis_same(&big1, &big2));
        CHECK_REL(big1.max_velocity, 4000.0, 1e-9);
        CHECK_REL(big1.max_acceleration, A, 1e-9);
        CHECK_REL(big1.max_jerk, J, 1e-9);
        CHECK_REL(big1.rms_acceleration, A / 2.0, 1e-4);
        CHECK(big1.velocity_violation == 1 && big1.acceleration_violation == 1 && big1.jerk_violation == 1);
    }

    /* one point: theta 0 only (rest, start of the rise) */
    CHECK_STATUS(campro_analyze_kinematics(m, 1, &a), CAMPRO_OK);
    CHECK_NEAR(a.max_velocity, 0.0, 1e-12);
    CHECK_NEAR(a.max_acceleration, 0.0, 1e-6);
    /* four points: 0, 90, 180, 270 -> |v(180)| = 4000 */
    CHECK_STATUS(campro_analyze_kinematics(m, 4, &a), CAMPRO_OK);
    CHECK_REL(a.max_velocity, 4000.0, 1e-9);

    /* bad input, output untouched */
    memset(&untouched, 0x5A, sizeof untouched);
    a = untouched;
    CHECK_STATUS(campro_analyze_kinematics(NULL, 100, &a), CAMPRO_ERROR_NULL_POINTER);
    CHECK(memcmp(&a, &untouched, sizeof a) == 0);
    CHECK_STATUS(campro_analyze_kinematics(m, 100, NULL), CAMPRO_ERROR_NULL_POINTER);
    CHECK_STATUS(campro_analyze_kinematics(m, 0, &a), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK(memcmp(&a, &untouched, sizeof a) == 0);
    CHECK_MSG("num_points");
    campro_motion_free(m);
}

/* ------------------------------------------------------------------ threads */

static void test_threads_before_pool(void) {
    /* the pool starts on the first (large enough) parallel call: 2 threads requested before that */
    CHECK_STATUS(campro_set_num_threads(3), CAMPRO_OK);
    CHECK(campro_num_threads() == 3);
    CHECK_STATUS(campro_set_num_threads(2), CAMPRO_OK); /* the last request before the start wins */
    CHECK(campro_num_threads() == 2);
}

static void test_threads_after_pool(void) {
    CamproMotion *m = make_default(3000.0);
    double *x = calloc(NB, sizeof(double)), *o = calloc(NB, sizeof(double));
    CHECK(x != NULL && o != NULL);
    if (x && o) CHECK_STATUS(campro_displacement_parallel(m, x, o, NB), CAMPRO_OK); /* pool running */
    free(x);
    free(o);
    CHECK(campro_num_threads() == 2);
    CHECK_STATUS(campro_set_num_threads(2), CAMPRO_OK); /* equals the pool size */
    CHECK_STATUS(campro_set_num_threads(3), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_MSG("num_threads");
    CHECK_STATUS(campro_set_num_threads(1), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK(campro_num_threads() == 2);
    campro_motion_free(m);
}

/* ------------------------------------------------------------------ bounds (issue 15) */

static void expect_params_invalid(CamproParameters p, const char *needle) {
    CamproMotion *m = (CamproMotion *)&p; /* any non-NULL value: must come back NULL */
    CHECK_STATUS(campro_motion_new(&p, &m), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK(m == NULL);
    CHECK_MSG(needle);
}

static void test_bounds(void) {
    CamproParameters d, p;
    campro_parameters_default(&d);
    /* the values issue 15 found accepted, with NaN/inf kinematics and status OK */
    p = d; p.rpm = 1e150;                  expect_params_invalid(p, "rpm = 1e150: above the maximum");
    p = d; p.rpm = 1.7976931348623157e308; expect_params_invalid(p, "rpm = 1.7976931348623157e308");
    p = d; p.max_lift = 1e300;             expect_params_invalid(p, "max_lift = 1e300: above the maximum");
    p = d; p.rise_duration = 5e-324;       expect_params_invalid(p, "rise_duration = 5e-324: below the minimum");
    p = d; p.dwell_duration = 5e-324;      expect_params_invalid(p, "dwell_duration = 5e-324");
    p = d; p.base_circle_radius = 1e300;   expect_params_invalid(p, "base_circle_radius = 1e300");
    p = d; p.rpm = CAMPRO_MIN_RPM / 2;     expect_params_invalid(p, "rpm = 5e-7: below the minimum");

    /* the corner of the accepted region: finite everywhere */
    p = d;
    p.rpm = CAMPRO_MAX_RPM;
    p.max_lift = CAMPRO_MAX_LIFT_MM;
    p.base_circle_radius = CAMPRO_MAX_BASE_CIRCLE_RADIUS_MM;
    p.rise_duration = CAMPRO_MIN_SEGMENT_DURATION_DEG;
    p.dwell_duration = 0.0;
    p.fall_duration = CAMPRO_MIN_SEGMENT_DURATION_DEG;
    p.rise_law = CAMPRO_LAW_POLYNOMIAL_4567;
    CamproMotion *corner = NULL;
    CHECK_STATUS(campro_motion_new(&p, &corner), CAMPRO_OK);
    int finite = corner != NULL;
    for (int i = 0; corner && i <= 300; i++) {
        CamproKinematics k = campro_kinematics(corner, i * (3e-6 / 300) - 1e-6);
        finite &= isfinite(k.displacement) && isfinite(k.velocity) && isfinite(k.acceleration) && isfinite(k.jerk);
        CamproBoundaryCondition bc = campro_boundary_condition_at_time(corner, CAMPRO_MAX_TIME_S - i * 1e-7);
        finite &= isfinite(bc.displacement) && isfinite(bc.velocity) && isfinite(bc.acceleration);
    }
    CHECK(finite);
    CamproAnalysis a;
    CHECK_STATUS(campro_analyze_kinematics(corner, 1000, &a), CAMPRO_OK);
    CHECK(isfinite(a.max_velocity) && isfinite(a.max_jerk) && isfinite(a.rms_jerk));
    campro_motion_free(corner);

    CamproSegment s[2] = {{CAMPRO_LAW_CYCLOIDAL, 5e-324, 5.0}, {CAMPRO_LAW_CYCLOIDAL, 360.0, 0.0}};
    CamproMotion *m = NULL;
    CHECK_STATUS(campro_motion_from_segments(s, 2, 3000.0, &m), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_MSG("segments[0].duration = 5e-324: below the minimum");
    s[0].duration = 180.0;
    s[0].end_lift = 1e300;
    s[1].duration = 180.0;
    CHECK_STATUS(campro_motion_from_segments(s, 2, 3000.0, &m), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_MSG("segments[0].end_lift = 1e300: above the maximum");
    s[0].end_lift = 5.0;
    CHECK_STATUS(campro_motion_from_segments(s, 2, 1e150, &m), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_MSG("rpm = 1e150");
}

static void test_bounded_inputs(void) {
    CamproMotion *m = make_default(3000.0);
    CamproAnalysis a;
    /* num_points: SIZE_MAX used to run forever */
    CHECK_STATUS(campro_analyze_kinematics(m, SIZE_MAX, &a), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_MSG("num_points = 18446744073709551615: above the maximum 1000000000");
    CHECK_STATUS(campro_analyze_kinematics(m, (size_t)CAMPRO_MAX_ANALYSIS_POINTS + 1, &a),
                 CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_MSG("num_points");
    /* n = SIZE_MAX: rejected, not an overflow in the overlap check */
    double x[2] = {1.0, 2.0}, y[2] = {0.0, 0.0};
    CHECK_STATUS(campro_displacement_batch(m, x, y, SIZE_MAX), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_MSG("n = 18446744073709551615: too many elements");
    CHECK_STATUS(campro_jerk_parallel(m, x, y, SIZE_MAX / 8 + 1), CAMPRO_ERROR_INVALID_PARAMETER);
    CamproBoundaryCondition bc[2];
    CHECK_STATUS(campro_boundary_conditions(m, x, SIZE_MAX, bc), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_STATUS(campro_kinematics_parallel(m, x, SIZE_MAX, y, NULL, NULL, NULL), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK(y[0] == 0.0 && y[1] == 0.0);
    /* times beyond CAMPRO_MAX_TIME_S: NaN and a message, like a non-finite time */
    CamproBoundaryCondition late = campro_boundary_condition_at_time(m, 2e10);
    CHECK(isnan(late.displacement) && isnan(late.velocity) && isnan(late.acceleration));
    CHECK_MSG("time_s = 2e10: beyond the time limit");
    CHECK(isnan(campro_bc_displacement(-1e11, m)));
    CHECK(isfinite(campro_bc_displacement(CAMPRO_MAX_TIME_S, m)));
    double t[3] = {0.001, 2e10, 0.002};
    CamproBoundaryCondition out[3];
    CHECK_STATUS(campro_boundary_conditions_batch(m, t, 3, out), CAMPRO_ERROR_NON_FINITE_INPUT);
    CHECK_MSG("time_s[1] = 20000000000: beyond the time limit");
    CHECK(isnan(out[1].velocity) && isfinite(out[2].velocity));
    /* exact far into a run: 3000 rpm is 50 turns/s, so whole seconds are whole turns */
    CHECK(campro_bc_velocity(1e9, m) == campro_bc_velocity(0.0, m));
    CHECK(campro_bc_acceleration(CAMPRO_MAX_TIME_S, m) == campro_bc_acceleration(0.0, m));
    campro_motion_free(m);
}

static void test_thread_bounds(void) {
    /* before the pool starts (test_threads_before_pool asked for 2): out-of-range sizes are
       rejected, SIZE_MAX included, and change nothing */
    CHECK_STATUS(campro_set_num_threads(SIZE_MAX), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_MSG("num_threads = 18446744073709551615: must be within 0..=1024");
    CHECK_STATUS(campro_set_num_threads(100000), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_MSG("num_threads = 100000");
    CHECK_STATUS(campro_set_num_threads((size_t)CAMPRO_MAX_THREADS + 1), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK(campro_num_threads() == 2);
}

/* ------------------------------------------------------------------ export (when present) */

#ifdef CAMPRO_FORMAT_CSV
static void test_export(void) {
    CamproMotion *m = make_default(3000.0);
    const char *path = "/tmp/campro_test_api_export.csv";
    FILE *f;
    char line[512];
    int rows = 0, bad_rows = 0;
    double max_seen = 0.0;

    remove(path);
    CHECK_STATUS(campro_export_table(m, CAMPRO_FORMAT_CSV, CAMPRO_QUANTITY_DISPLACEMENT, 0.0, 0.02, 1e-3, path),
                 CAMPRO_OK);
    f = fopen(path, "r");
    CHECK(f != NULL);
    if (f) {
        while (fgets(line, sizeof line, f)) {
            double tt, val;
            if (sscanf(line, "%lf,%lf", &tt, &val) == 2) {
                rows++;
                /* exact at the listed points, up to the printed precision of t and value */
                if (!near(val, campro_boundary_condition_at_time(m, tt).displacement, 1e-4)) bad_rows++;
                if (val > max_seen) max_seen = val;
            }
        }
        fclose(f);
    }
    CHECK(rows >= 10);
    CHECK(bad_rows == 0);
    CHECK_NEAR(max_seen, 10.0, 1e-3);
    remove(path);
    {   /* the solver formats write something */
        const int32_t formats[2] = {CAMPRO_FORMAT_ABAQUS_AMPLITUDE, CAMPRO_FORMAT_LSDYNA_CURVE};
        const int32_t quantities[3] = {CAMPRO_QUANTITY_DISPLACEMENT, CAMPRO_QUANTITY_VELOCITY,
                                       CAMPRO_QUANTITY_ACCELERATION};
        int fi, qi;
        for (fi = 0; fi < 2; fi++) {
            for (qi = 0; qi < 3; qi++) {
                long size = -1;
                CHECK_STATUS(campro_export_table(m, formats[fi], quantities[qi], 0.0, 0.02, 1e-3, path), CAMPRO_OK);
                f = fopen(path, "r");
                if (f) {
                    fseek(f, 0, SEEK_END);
                    size = ftell(f);
                    fclose(f);
                }
                CHECK(size > 100);
                remove(path);
            }
        }
    }

    CHECK_STATUS(campro_export_table(NULL, CAMPRO_FORMAT_CSV, CAMPRO_QUANTITY_DISPLACEMENT, 0.0, 0.02, 1e-3, path),
                 CAMPRO_ERROR_NULL_POINTER);
    CHECK_STATUS(campro_export_table(m, CAMPRO_FORMAT_CSV, CAMPRO_QUANTITY_DISPLACEMENT, 0.0, 0.02, 1e-3, NULL),
                 CAMPRO_ERROR_NULL_POINTER);
    CHECK_STATUS(campro_export_table(m, 99, CAMPRO_QUANTITY_DISPLACEMENT, 0.0, 0.02, 1e-3, path),
                 CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_STATUS(campro_export_table(m, CAMPRO_FORMAT_CSV, 99, 0.0, 0.02, 1e-3, path), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_STATUS(campro_export_table(m, CAMPRO_FORMAT_CSV, CAMPRO_QUANTITY_DISPLACEMENT, 0.02, 0.0, 1e-3, path),
                 CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_STATUS(campro_export_table(m, CAMPRO_FORMAT_CSV, CAMPRO_QUANTITY_DISPLACEMENT, 0.0, NAN, 1e-3, path),
                 CAMPRO_ERROR_NON_FINITE_INPUT);
    CHECK_STATUS(campro_export_table(m, CAMPRO_FORMAT_CSV, CAMPRO_QUANTITY_DISPLACEMENT, 0.0, 0.02, -1e-6, path),
                 CAMPRO_ERROR_INVALID_PARAMETER);
    /* tolerance 0 selects the quantity's default (1e-6 mm for displacement) */
    CHECK_STATUS(campro_export_table(m, CAMPRO_FORMAT_CSV, CAMPRO_QUANTITY_DISPLACEMENT, 0.0, 0.02, 0.0, path), CAMPRO_OK);
    CHECK_STATUS(campro_export_table(m, CAMPRO_FORMAT_CSV, CAMPRO_QUANTITY_DISPLACEMENT, 0.0, 0.02, NAN, path),
                 CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_STATUS(campro_export_table(m, CAMPRO_FORMAT_CSV, CAMPRO_QUANTITY_DISPLACEMENT, 0.0, 0.02, 1e-3,
                                     "/nonexistent/dir/out.csv"),
                 CAMPRO_ERROR_IO);
    campro_motion_free(m);
}
#endif

int main(void) {
    test_message_before_any_error();
    test_threads_before_pool();
    test_thread_bounds();
    test_version_and_status();
    test_error_messages();
    test_parameters_default();
    test_motion_new();
    test_motion_from_segments();
    test_motion_load();
    test_motion_load_files();
    test_segment_introspection();
    test_scalars();
    test_batch_parallel();
    test_kinematics_arrays();
    test_boundary_conditions();
    test_analysis();
    test_bounds();
    test_bounded_inputs();
    test_threads_after_pool();
#ifdef CAMPRO_FORMAT_CSV
    test_export();
#endif
    printf("test_api: %d passed, %d failed\n", g_passed, g_failed);
    return g_failed == 0 ? 0 : 1;
}
