/*
 * bench.c -- the per-point cost of campro as a C program linking libcampro.so sees it, next to
 * the two reference points of issue 5, measured in the same run:
 *   plain loop       the per-point code a user writes by hand (fmod into one revolution, branch
 *                    on the segment, libm sin/cos) for the same cam and the same inputs;
 *   streaming floor  out[i] = in[i] * c: reading the input and writing the output, no math.
 * Default CamProV5 cam (cycloidal rise 90, dwell 45, cycloidal fall 90, 10 mm, 3000 rpm),
 * N random angles over several turns (default 1,000,000). Each figure is the best of REPEATS
 * runs; all measurements are interleaved round by round so machine noise hits them alike.
 *
 *   examples/c/bench.sh            (builds the library in release mode, then this program)
 *   ./bench [N] [REPEATS]
 */
#define _POSIX_C_SOURCE 199309L
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "campro.h"

#define PI 3.14159265358979323846

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* the same xorshift inputs as the Rust benches: -720 .. 1080 degrees, random order */
static void fill_angles(double *x, size_t n) {
    uint64_t s = 0x9E3779B97F4A7C15ull;
    size_t i;
    for (i = 0; i < n; i++) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        x[i] = -720.0 + 1800.0 * ((double)(s >> 11) / 9007199254740992.0);
    }
}

/* ---- the plain loop: what a user writes by hand for the default cam ---- */
static const double LIFT = 10.0, RISE = 90.0, DWELL = 45.0, FALL = 90.0, DEG_PER_S = 3000.0 * 6.0;

static double plain_displacement(double theta) {
    double a = fmod(theta, 360.0), u;
    if (a < 0.0) a += 360.0;
    if (a < RISE) {
        u = a / RISE;
        return LIFT * (u - sin(2.0 * PI * u) / (2.0 * PI));
    } else if (a < RISE + DWELL) {
        return LIFT;
    } else if (a < RISE + DWELL + FALL) {
        u = (a - RISE - DWELL) / FALL;
        return LIFT * (1.0 - (u - sin(2.0 * PI * u) / (2.0 * PI)));
    }
    return 0.0;
}

static void plain_kinematics(double theta, double *d, double *v, double *acc, double *j) {
    double a = fmod(theta, 360.0), u, width, h, base, w, s, c, rate;
    if (a < 0.0) a += 360.0;
    if (a < RISE) {
        u = a / RISE; width = RISE; h = LIFT; base = 0.0;
    } else if (a < RISE + DWELL) {
        *d = LIFT; *v = *acc = *j = 0.0;
        return;
    } else if (a < RISE + DWELL + FALL) {
        u = (a - RISE - DWELL) / FALL; width = FALL; h = -LIFT; base = LIFT;
    } else {
        *d = *v = *acc = *j = 0.0;
        return;
    }
    w = 2.0 * PI * u;
    s = sin(w);
    c = cos(w);
    rate = DEG_PER_S / width;
    *d = base + h * (u - s / (2.0 * PI));
    *v = h * rate * (1.0 - c);
    *acc = h * rate * rate * 2.0 * PI * s;
    *j = h * rate * rate * rate * 4.0 * PI * PI * c;
}

static double plain_analyze(size_t n) {
    double step = 360.0 / (double)n, mv = 0, ma = 0, mj = 0, sa = 0, sj = 0, d, v, a, j;
    size_t i;
    for (i = 0; i < n; i++) {
        plain_kinematics((double)i * step, &d, &v, &a, &j);
        if (fabs(v) > mv) mv = fabs(v);
        if (fabs(a) > ma) ma = fabs(a);
        if (fabs(j) > mj) mj = fabs(j);
        sa += a * a;
        sj += j * j;
    }
    return mv + ma + mj + sqrt(sa / (double)n) + sqrt(sj / (double)n);
}

enum {
    PLAIN, PLAIN4, PLAIN_AN, FLOOR, FLOOR4, SCALAR, BATCH, PARALLEL, KIN_BATCH, KIN_PAR, ANALYZE,
    SMALL_BATCH, SMALL_PAR, COUNT
};
static const char *NAMES[COUNT] = {
    "plain loop (displacement)", "plain loop (all four)", "plain loop (analysis)",
    "streaming floor (1 output)", "streaming floor (4 outputs)", "campro_displacement (scalar, C ABI)",
    "campro_displacement_batch", "campro_displacement_parallel", "campro_kinematics_batch",
    "campro_kinematics_parallel", "campro_analyze_kinematics", "campro_displacement_batch, 100 pts",
    "campro_displacement_parallel, 100 pts"};

volatile double g_sink;

int main(int argc, char **argv) {
    size_t n = argc > 1 ? (size_t)strtoull(argv[1], NULL, 10) : 1000000;
    int repeats = argc > 2 ? atoi(argv[2]) : 7, r, k;
    const size_t small = 100, small_reps = 20000;
    double best[COUNT], t0, c = 1.0000001, sink = 0.0;
    double *x = malloc(n * sizeof *x), *o = malloc(n * sizeof *o), *v = malloc(n * sizeof *v),
           *a = malloc(n * sizeof *a), *j = malloc(n * sizeof *j);
    CamproParameters p;
    CamproMotion *m = NULL;
    CamproAnalysis an;
    size_t i, rep;

    if (!x || !o || !v || !a || !j || n < small || repeats < 1) {
        fprintf(stderr, "usage: bench [N >= 100] [REPEATS >= 1]\n");
        return 2;
    }
    campro_parameters_default(&p);
    if (campro_motion_new(&p, &m) != CAMPRO_OK) {
        char message[256];
        campro_last_error_message(message, sizeof message);
        fprintf(stderr, "bench: %s\n", message);
        return 1;
    }
    fill_angles(x, n);
    for (i = 0; i < 1000; i++) { /* the plain loop computes the same cam */
        double d1, v1, a1, j1;
        plain_kinematics(x[i], &d1, &v1, &a1, &j1);
        if (fabs(d1 - campro_displacement(m, x[i])) > 1e-9 || fabs(plain_displacement(x[i]) - d1) > 1e-12 ||
            fabs(j1 - campro_jerk(m, x[i])) > 1e-9 * fmax(fabs(j1), 1e6)) {
            fprintf(stderr, "bench: the plain loop disagrees with campro at %.17g\n", x[i]);
            return 1;
        }
    }
    for (k = 0; k < COUNT; k++) best[k] = 1e300;
    campro_displacement_parallel(m, x, o, n); /* start the pool */

#define TIME(slot, code)                                  \
    do {                                                  \
        t0 = now();                                       \
        code;                                             \
        t0 = now() - t0;                                  \
        if (t0 < best[slot]) best[slot] = t0;             \
    } while (0)

    for (r = 0; r < repeats; r++) {
        TIME(PLAIN, for (i = 0; i < n; i++) o[i] = plain_displacement(x[i]));
        TIME(PLAIN4, for (i = 0; i < n; i++) plain_kinematics(x[i], &o[i], &v[i], &a[i], &j[i]));
        TIME(PLAIN_AN, sink += plain_analyze(n));
        TIME(FLOOR, for (i = 0; i < n; i++) o[i] = x[i] * c);
        TIME(FLOOR4, for (i = 0; i < n; i++) { double y = x[i] * c; o[i] = y; v[i] = y; a[i] = y; j[i] = y; });
        TIME(SCALAR, for (i = 0; i < n; i++) o[i] = campro_displacement(m, x[i]));
        TIME(BATCH, campro_displacement_batch(m, x, o, n));
        TIME(PARALLEL, campro_displacement_parallel(m, x, o, n));
        TIME(KIN_BATCH, campro_kinematics_batch(m, x, n, o, v, a, j));
        TIME(KIN_PAR, campro_kinematics_parallel(m, x, n, o, v, a, j));
        TIME(ANALYZE, campro_analyze_kinematics(m, n, &an));
        TIME(SMALL_BATCH, for (rep = 0; rep < small_reps; rep++) campro_displacement_batch(m, x + rep % 64, o, small));
        TIME(SMALL_PAR, for (rep = 0; rep < small_reps; rep++) campro_displacement_parallel(m, x + rep % 64, o, small));
        sink += o[n / 2] + v[n / 3] + an.max_jerk;
    }
    g_sink = sink;

    printf("campro bench (C, libcampro.so): %lu random angles, best of %d, %lu pool threads\n\n",
           (unsigned long)n, repeats, (unsigned long)campro_num_threads());
    printf("%-40s %12s %14s %8s\n", "call", "ns/point", "x plain loop", "goal");
    for (k = 0; k < COUNT; k++) {
        double per = 1e9 * best[k] / (double)(k >= SMALL_BATCH ? small * small_reps : n);
        double ref = k == KIN_BATCH || k == KIN_PAR || k == FLOOR4 || k == ANALYZE ? best[PLAIN4] : best[PLAIN];
        const char *goal = k == SCALAR ? "<= 0.5" : k == BATCH ? "<= 0.25" : k == PARALLEL || k == KIN_PAR || k == ANALYZE ? "<= 0.15" : "";
        if (k >= SMALL_BATCH) {
            printf("%-40s %12.3f %14s %8s\n", NAMES[k], per, "", "");
        } else {
            printf("%-40s %12.3f %14.3f %8s\n", NAMES[k], per, best[k] / ref, goal);
        }
    }
    printf("\nanalysis vs the plain analysis loop (same equally spaced angles): %.3f\n", best[ANALYZE] / best[PLAIN_AN]);
    printf("100-point parallel / batch: %.3f (goal <= 1.3)\n", best[SMALL_PAR] / best[SMALL_BATCH]);
    printf("streaming floor / plain loop: %.4f\n", best[FLOOR] / best[PLAIN]);
    campro_motion_free(m);
    free(x); free(o); free(v); free(a); free(j);
    return 0;
}
