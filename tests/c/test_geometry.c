/*
 * test_geometry.c -- the cam geometry of the C contract (campro_profile, campro_geometry_check,
 * campro_min_base_circle, campro_export_profile, campro_follower_default): the numbers the Rust
 * tests pin (tests/geometry.rs, reference_values_every_language_checks), invariants, every bad
 * field rejected with a message naming it, outputs untouched on error, files written.
 *
 * Default cam: cycloidal rise 10 mm over 0..90 deg, high dwell, cycloidal fall 135..225, 3000 rpm.
 * Exit status: 0 when every check passes.
 */
#include "campro.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int g_passed = 0, g_failed = 0;
static char g_msg[4096];

static void check_impl(int ok, const char *what, int line) {
    if (ok) {
        g_passed++;
    } else {
        g_failed++;
        printf("FAIL test_geometry.c:%d: %s\n", line, what);
    }
}
#define CHECK(cond) check_impl((cond) ? 1 : 0, #cond, __LINE__)

/* within 4 ulp of the Rust reference (the same library code runs) */
static int ulp4(double got, double want) { return fabs(got - want) <= 4.0 * 2.220446049250313e-16 * fabs(want); }
#define CHECK_REF(got, want)                                                                           \
    do {                                                                                               \
        double g_ = (got), w_ = (want);                                                                \
        if (!ulp4(g_, w_)) printf("     got %.17g, expected %.17g\n", g_, w_);                         \
        check_impl(ulp4(g_, w_), #got " == " #want, __LINE__);                                         \
    } while (0)
#define CHECK_STATUS(expr, want)                                                                       \
    do {                                                                                               \
        int32_t st_ = (expr);                                                                          \
        if (st_ != (want)) printf("     got status %d (%s)\n", (int)st_, campro_status_name(st_));    \
        check_impl(st_ == (want), #expr " == " #want, __LINE__);                                       \
    } while (0)
#define CHECK_MSG(sub)                                                                                 \
    do {                                                                                               \
        campro_last_error_message(g_msg, sizeof g_msg);                                                \
        if (strstr(g_msg, (sub)) == NULL) printf("     message \"%s\" lacks \"%s\"\n", g_msg, (sub)); \
        check_impl(strstr(g_msg, (sub)) != NULL, "message contains " #sub, __LINE__);                  \
    } while (0)

static CamproFollower roller(void) {
    CamproFollower f = {CAMPRO_FOLLOWER_TRANSLATING_ROLLER, 1, 30.0, 6.0, 5.0, 0.0, 0.0};
    return f;
}
static CamproFollower flat_cw(void) {
    CamproFollower f = {CAMPRO_FOLLOWER_TRANSLATING_FLAT, -1, 40.0, 0.0, 0.0, 0.0, 0.0};
    return f;
}
static CamproFollower arm(void) {
    CamproFollower f = {CAMPRO_FOLLOWER_OSCILLATING_ROLLER, 1, 30.0, 5.0, 0.0, 60.0, 45.0};
    return f;
}

static const double REF_AT_50[3][6] = {
    {3.13388959000425871e1, 1.84117236715577661e1, 3.51970476887472685e1, 2.30067932874955758e1,
     9.98221993832381393e0, 2.78375979385535786e1},
    {-4.32520117472200667e1, 2.01729686010548335e1, -3.53145703235720703e1, 2.96324429336934365e1, 0.0,
     3.73904260884637480e1},
    {3.62507499836584373e1, -2.33817327225235871e0, 4.10773230189457337e1, -1.03272594086068281e0,
     1.83322924622537791e1, 2.81424626363164663e1},
};

static void test_reference_values(const CamproMotion *m) {
    CamproFollower fs[3];
    int i;
    fs[0] = roller();
    fs[1] = flat_cw();
    fs[2] = arm();
    for (i = 0; i < 3; i++) {
        double theta = 50.0;
        CamproProfilePoint p;
        CHECK_STATUS(campro_profile(m, &fs[i], &theta, 1, &p), CAMPRO_OK);
        CHECK_REF(p.x, REF_AT_50[i][0]);
        CHECK_REF(p.y, REF_AT_50[i][1]);
        CHECK_REF(p.pitch_x, REF_AT_50[i][2]);
        CHECK_REF(p.pitch_y, REF_AT_50[i][3]);
        CHECK_REF(p.pressure_angle, REF_AT_50[i][4]);
        CHECK_REF(p.radius_of_curvature, REF_AT_50[i][5]);
    }
    {
        CamproGeometryReport r;
        double rb = 0.0;
        CHECK_STATUS(campro_geometry_check(m, &fs[0], 3600, &r), CAMPRO_OK);
        CHECK_REF(r.max_pressure_angle, 2.37487283351186917e1);
        CHECK_REF(r.min_convex_radius, 2.23159276674861431e1);
        CHECK(isinf(r.min_concave_radius) && isnan(r.min_concave_radius_at) && r.undercut == 0 && isnan(r.undercut_at));
        CHECK_STATUS(campro_geometry_check(m, &fs[1], 3600, &r), CAMPRO_OK);
        CHECK_REF(r.min_convex_radius, 2.35736872135095368e1);
        CHECK_REF(r.face_width, 2.54647908947032526e1);
        CHECK(r.max_pressure_angle == 0.0);
        CHECK_STATUS(campro_geometry_check(m, &fs[2], 3600, &r), CAMPRO_OK);
        CHECK_REF(r.max_pressure_angle, 1.87809337276877280e1);
        CHECK_REF(r.min_convex_radius, 2.26388197048416551e1);
        CHECK_STATUS(campro_min_base_circle(m, &fs[0], 30.0, 2.0, &rb), CAMPRO_OK);
        CHECK_REF(rb, 2.06430697082036261e1);
        CHECK_STATUS(campro_min_base_circle(m, &fs[2], 30.0, 2.0, &rb), CAMPRO_OK);
        CHECK_REF(rb, 2.36723727556931394e1);
    }
}

static void test_batch_invariants(const CamproMotion *m) {
    enum { N = 721 };
    static double theta[N];
    static CamproProfilePoint out[N];
    CamproFollower f = roller();
    int i, ok = 1, dwell = 1;
    for (i = 0; i < N; i++) theta[i] = i * 0.5;
    CHECK_STATUS(campro_profile(m, &f, theta, N, out), CAMPRO_OK);
    for (i = 0; i < N; i++) {
        double gap = hypot(out[i].pitch_x - out[i].x, out[i].pitch_y - out[i].y);
        if (fabs(gap - 6.0) > 1e-12) ok = 0;
        if (theta[i] > 230.0 && theta[i] < 359.0 && fabs(hypot(out[i].x, out[i].y) - 30.0) > 1e-12) dwell = 0;
    }
    CHECK(ok);    /* |pitch - contact| = Rr */
    CHECK(dwell); /* the base circle during the lift-0 dwell */
    CHECK_STATUS(campro_profile(m, &f, NULL, 0, NULL), CAMPRO_OK);
    /* a non-finite angle: NaN there, the rest written, status after the whole batch */
    theta[3] = NAN;
    out[4].x = -1.0;
    CHECK_STATUS(campro_profile(m, &f, theta, 5, out), CAMPRO_ERROR_NON_FINITE_INPUT);
    CHECK(isnan(out[3].x) && isnan(out[3].radius_of_curvature) && out[4].x != -1.0);
    CHECK_MSG("theta_deg[3]");
    /* overlapping buffers */
    CHECK_STATUS(campro_profile(m, &f, (const double *)(void *)out, 2, out), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_MSG("overlap");
}

static void bad_field(const CamproMotion *m, CamproFollower f, const char *field, int line) {
    double theta = 10.0, rb = -7.0;
    CamproProfilePoint p;
    CamproGeometryReport r;
    p.x = -7.0;
    r.max_pressure_angle = -7.0;
    if (campro_profile(m, &f, &theta, 1, &p) != CAMPRO_ERROR_INVALID_PARAMETER || p.x != -7.0) {
        g_failed++;
        printf("FAIL test_geometry.c:%d: campro_profile accepted a bad %s\n", line, field);
    } else {
        g_passed++;
    }
    CHECK_MSG(field);
    CHECK_STATUS(campro_geometry_check(m, &f, 360, &r), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK(r.max_pressure_angle == -7.0);
    CHECK_MSG(field);
    CHECK_STATUS(campro_export_profile(m, &f, CAMPRO_PROFILE_CSV, 0.01, "target/c/never.csv"), CAMPRO_ERROR_INVALID_PARAMETER);
    /* the sizing ignores the base circle, and an offset too big for this one may suit a larger one */
    if (strcmp(field, "base_circle_radius") != 0 && !(f.offset == 36.0)) {
        CHECK(campro_min_base_circle(m, &f, 30.0, 0.0, &rb) != CAMPRO_OK && rb == -7.0);
    }
}

static void test_bad_fields(const CamproMotion *m) {
    CamproFollower f;
    f = roller(); f.kind = 3; bad_field(m, f, "kind = 3", __LINE__);
    f = roller(); f.kind = -1; bad_field(m, f, "kind = -1", __LINE__);
    f = roller(); f.rotation = 0; bad_field(m, f, "rotation = 0", __LINE__);
    f = roller(); f.rotation = 2; bad_field(m, f, "rotation = 2", __LINE__);
    f = roller(); f.base_circle_radius = 0.0; bad_field(m, f, "base_circle_radius", __LINE__);
    f = roller(); f.base_circle_radius = NAN; bad_field(m, f, "base_circle_radius", __LINE__);
    f = roller(); f.roller_radius = -1.0; bad_field(m, f, "roller_radius", __LINE__);
    f = roller(); f.roller_radius = INFINITY; bad_field(m, f, "roller_radius", __LINE__);
    f = roller(); f.offset = 36.0; bad_field(m, f, "offset", __LINE__);
    f = roller(); f.offset = NAN; bad_field(m, f, "offset", __LINE__);
    f = arm(); f.pivot_distance = -60.0; bad_field(m, f, "pivot_distance", __LINE__);
    f = arm(); f.arm_length = 0.0; bad_field(m, f, "arm_length", __LINE__);
    f = arm(); f.pivot_distance = 200.0; bad_field(m, f, "base_circle_radius", __LINE__);
    {
        CamproGeometryReport r;
        double rb = -7.0;
        f = roller();
        CHECK_STATUS(campro_geometry_check(m, &f, 3, &r), CAMPRO_ERROR_INVALID_PARAMETER);
        CHECK_MSG("num_points");
        CHECK_STATUS(campro_geometry_check(NULL, &f, 360, &r), CAMPRO_ERROR_NULL_POINTER);
        CHECK_STATUS(campro_geometry_check(m, NULL, 360, &r), CAMPRO_ERROR_NULL_POINTER);
        CHECK_MSG("follower");
        CHECK_STATUS(campro_geometry_check(m, &f, 360, NULL), CAMPRO_ERROR_NULL_POINTER);
        CHECK_STATUS(campro_min_base_circle(m, &f, NAN, 0.0, &rb), CAMPRO_ERROR_NON_FINITE_INPUT);
        CHECK_MSG("max_pressure_angle_deg");
        CHECK_STATUS(campro_min_base_circle(m, &f, 95.0, 0.0, &rb), CAMPRO_ERROR_INVALID_PARAMETER);
        CHECK_MSG("max_pressure_angle_deg");
        CHECK_STATUS(campro_min_base_circle(m, &f, 30.0, -1.0, &rb), CAMPRO_ERROR_INVALID_PARAMETER);
        CHECK_MSG("min_convex_radius_mm");
        CHECK(rb == -7.0);
        CHECK_STATUS(campro_min_base_circle(m, &f, 30.0, 0.0, NULL), CAMPRO_ERROR_NULL_POINTER);
        CHECK_STATUS(campro_export_profile(m, &f, 7, 0.01, "target/c/never.csv"), CAMPRO_ERROR_INVALID_PARAMETER);
        CHECK_MSG("format = 7");
        CHECK_STATUS(campro_export_profile(m, &f, CAMPRO_PROFILE_CSV, NAN, "target/c/never.csv"), CAMPRO_ERROR_NON_FINITE_INPUT);
        CHECK_MSG("tolerance_mm");
        CHECK_STATUS(campro_export_profile(m, &f, CAMPRO_PROFILE_CSV, 0.0, "target/c/never.csv"), CAMPRO_ERROR_INVALID_PARAMETER);
        CHECK_MSG("tolerance_mm");
        CHECK_STATUS(campro_export_profile(m, &f, CAMPRO_PROFILE_CSV, 0.01, NULL), CAMPRO_ERROR_NULL_POINTER);
        CHECK_STATUS(campro_export_profile(m, &f, CAMPRO_PROFILE_CSV, 0.01, "/nonexistent-dir/cam.csv"), CAMPRO_ERROR_IO);
    }
}

static long count_lines(const char *path, const char *prefix) {
    char line[512];
    long n = 0;
    FILE *fp = fopen(path, "r");
    if (!fp) return -1;
    while (fgets(line, sizeof line, fp)) {
        if (prefix == NULL || strncmp(line, prefix, strlen(prefix)) == 0) n++;
    }
    fclose(fp);
    return n;
}

static void test_exports(const CamproMotion *m) {
    CamproFollower f = roller();
    long rows, lines;
    CHECK_STATUS(campro_export_profile(m, &f, CAMPRO_PROFILE_CSV, 0.001, "target/c/cam.csv"), CAMPRO_OK);
    CHECK_STATUS(campro_export_profile(m, &f, CAMPRO_PROFILE_ABAQUS_SURFACE, 0.001, "target/c/cam_surface.inp"), CAMPRO_OK);
    CHECK_STATUS(campro_export_profile(m, &f, CAMPRO_PROFILE_DXF, 0.001, "target/c/cam.dxf"), CAMPRO_OK);
    rows = count_lines("target/c/cam.csv", NULL);
    lines = count_lines("target/c/cam_surface.inp", "LINE, ");
    /* CSV: header + points + the first again; Abaqus: one LINE per chord (= points) */
    CHECK(rows > 50 && lines == rows - 2);
    CHECK(count_lines("target/c/cam_surface.inp", "START, ") == 1);
    CHECK(count_lines("target/c/cam_surface.inp", "*SURFACE, TYPE=SEGMENTS, NAME=CAM") == 1);
    CHECK(count_lines("target/c/cam.dxf", "LWPOLYLINE") == 1);
}

static void test_follower_default(const CamproMotion *m) {
    CamproFollower f;
    memset(&f, 0xff, sizeof f);
    campro_follower_default(m, &f);
    CHECK(f.kind == CAMPRO_FOLLOWER_TRANSLATING_ROLLER && f.rotation == 1 && f.base_circle_radius == 25.0 &&
          f.roller_radius == 0.0 && f.offset == 0.0);
    campro_follower_default(m, NULL);
}

static int write_file(const char *path, const char *text) {
    FILE *fp = fopen(path, "w");
    if (!fp) return 0;
    fputs(text, fp);
    return fclose(fp) == 0;
}

/* the default cam's keys, as in examples/params/roller_follower.toml */
#define MOTION_KEYS                                                                                    \
    "base_circle_radius = 30.0\nmax_lift = 10.0\ncam_duration = 180.0\nrise_duration = 90.0\n"          \
    "dwell_duration = 45.0\nfall_duration = 90.0\njerk_limit = 1000.0\nacceleration_limit = 500.0\n"   \
    "velocity_limit = 100.0\nrpm = 3000.0\n"

/* campro_follower_load: the [follower] table of a parameter file, for C and Fortran callers. */
static void test_follower_load(void) {
    CamproFollower f, untouched;
    CamproMotion *m = NULL;
    memset(&f, 0, sizeof f);
    CHECK_STATUS(campro_follower_load("examples/params/roller_follower.toml", &f), CAMPRO_OK);
    /* base_circle_radius defaults to the file's 30 mm */
    CHECK(f.kind == CAMPRO_FOLLOWER_TRANSLATING_ROLLER && f.rotation == 1 && f.base_circle_radius == 30.0 &&
          f.roller_radius == 6.0 && f.offset == 5.0);
    /* the loaded follower drives the loaded motion: the README's max pressure angle */
    if (campro_motion_load("examples/params/roller_follower.toml", &m) == CAMPRO_OK) {
        CamproGeometryReport r;
        CHECK_STATUS(campro_geometry_check(m, &f, 3600, &r), CAMPRO_OK);
        CHECK(fabs(r.max_pressure_angle - 23.7487) < 5e-5);
        campro_motion_free(m);
    } else {
        CHECK(0);
    }

    memset(&untouched, 0x5a, sizeof untouched);
    f = untouched;
    CHECK_STATUS(campro_follower_load("examples/params/camprov5_defaults.toml", &f), CAMPRO_ERROR_PARSE);
    CHECK_MSG("[follower]");
    CHECK(memcmp(&f, &untouched, sizeof f) == 0);
    CHECK_STATUS(campro_follower_load("target/c/no-such-file.toml", &f), CAMPRO_ERROR_IO);
    CHECK(memcmp(&f, &untouched, sizeof f) == 0);
    CHECK_STATUS(campro_follower_load(NULL, &f), CAMPRO_ERROR_NULL_POINTER);
    CHECK_MSG("path");
    CHECK_STATUS(campro_follower_load("examples/params/roller_follower.toml", NULL), CAMPRO_ERROR_NULL_POINTER);
    CHECK_MSG("out");

    /* a bad value names its key; an offset the base circle cannot take names offset */
    CHECK(write_file("target/c/bad_follower.toml",
                     MOTION_KEYS
                     "[follower]\nkind = \"translating_roller\"\nroller_radius = -1.0\n"));
    CHECK(campro_follower_load("target/c/bad_follower.toml", &f) != CAMPRO_OK);
    CHECK_MSG("roller_radius");
    CHECK(memcmp(&f, &untouched, sizeof f) == 0);
    CHECK(write_file("target/c/far_follower.toml",
                     MOTION_KEYS
                     "[follower]\nkind = \"translating_roller\"\nroller_radius = 6.0\noffset = 40.0\n"));
    CHECK_STATUS(campro_follower_load("target/c/far_follower.toml", &f), CAMPRO_ERROR_INVALID_PARAMETER);
    CHECK_MSG("offset");
    CHECK(write_file("target/c/arm_follower.toml",
                     MOTION_KEYS
                     "[follower]\nkind = \"oscillating_roller\"\nrotation = -1\nbase_circle_radius = 28.0\n"
                     "roller_radius = 5.0\npivot_distance = 60.0\narm_length = 45.0\n"));
    CHECK_STATUS(campro_follower_load("target/c/arm_follower.toml", &f), CAMPRO_OK);
    CHECK(f.kind == CAMPRO_FOLLOWER_OSCILLATING_ROLLER && f.rotation == -1 && f.base_circle_radius == 28.0 &&
          f.roller_radius == 5.0 && f.pivot_distance == 60.0 && f.arm_length == 45.0);
}

int main(void) {
    CamproParameters p;
    CamproMotion *m = NULL;
    campro_parameters_default(&p);
    if (campro_motion_new(&p, &m) != CAMPRO_OK) {
        printf("cannot create the default motion\n");
        return 1;
    }
    CHECK(CAMPRO_FOLLOWER_TRANSLATING_ROLLER == 0 && CAMPRO_FOLLOWER_TRANSLATING_FLAT == 1 &&
          CAMPRO_FOLLOWER_OSCILLATING_ROLLER == 2);
    CHECK(CAMPRO_PROFILE_CSV == 0 && CAMPRO_PROFILE_DXF == 1 && CAMPRO_PROFILE_ABAQUS_SURFACE == 2);
    test_reference_values(m);
    test_batch_invariants(m);
    test_bad_fields(m);
    test_exports(m);
    test_follower_default(m);
    test_follower_load();
    campro_motion_free(m);
    printf("test_geometry: %d passed, %d failed\n", g_passed, g_failed);
    return g_failed == 0 ? 0 : 1;
}
