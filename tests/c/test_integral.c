/* campro_displacement_time_integrals from C: the default cam (cycloidal rise 10 mm over 90 deg,
 * dwell 45, cycloidal fall 90, low dwell 135, 3000 rpm) against its closed form, computed here
 * independently; and its error paths. Prints "test_integral: N checks, 0 failures". */
#include "campro.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

static const double PI = 3.14159265358979323846;
static const double H = 10.0;
static int checks = 0, failures = 0;

static void check(int ok, const char *what, double t0, double t1, double got, double want) {
    checks++;
    if (!ok) {
        failures++;
        if (failures <= 10) printf("FAIL %s over [%.17g, %.17g]: %.17g vs %.17g\n", what, t0, t1, got, want);
    }
}

/* (I, D) of a cycloidal rise of duration tr from its start. */
static void rise(double tau, double tr, double *i, double *d) {
    double w = 2.0 * PI / tr;
    *i = H * (tau * tau / (2.0 * tr) + tr / (4.0 * PI * PI) * (cos(w * tau) - 1.0));
    *d = H * (tau * tau * tau / (6.0 * tr) + tr / (4.0 * PI * PI) * (sin(w * tau) / w - tau));
}

/* (I(t), D(t)) from time 0, t >= 0, at 3000 rpm (18000 deg/s). */
static void exact(double t, double *i_out, double *d_out) {
    const double dur[4] = {90.0 / 18000.0, 45.0 / 18000.0, 90.0 / 18000.0, 135.0 / 18000.0};
    double i = 0.0, d = 0.0, start = 0.0;
    for (;;) {
        for (int k = 0; k < 4; k++) {
            double tau = fmin(t - start, dur[k]), li = 0.0, ld = 0.0;
            if (k == 0) rise(tau, dur[0], &li, &ld);
            if (k == 1) { li = H * tau; ld = H * tau * tau / 2.0; }
            if (k == 2) { rise(tau, dur[2], &li, &ld); li = H * tau - li; ld = H * tau * tau / 2.0 - ld; }
            if (t - start <= dur[k]) { *i_out = i + li; *d_out = d + i * tau + ld; return; }
            d += i * dur[k] + ld;
            i += li;
            start += dur[k];
        }
    }
}

int main(void) {
    CamproParameters p;
    CamproMotion *m = NULL;
    campro_parameters_default(&p);
    if (campro_motion_new(&p, &m) != CAMPRO_OK) { puts("motion_new failed"); return 1; }
    const double period = 0.02, dts[] = {1e-6, 2.5e-4, 0.0031, 0.0207, 0.05, -0.003};
    for (int k = 0; k <= 100; k++) {
        double t0 = 2.0 * period * k / 100.0;
        for (size_t j = 0; j < sizeof dts / sizeof dts[0]; j++) {
            double t1 = t0 + dts[j], got_i = NAN, got_d = NAN, i0, d0, i1, d1;
            if (t1 < 0.0) continue;
            int rc = campro_displacement_time_integrals(m, t0, t1, &got_i, &got_d);
            check(rc == CAMPRO_OK, "status", t0, t1, rc, CAMPRO_OK);
            exact(t0, &i0, &d0);
            exact(t1, &i1, &d1);
            double want_i = i1 - i0, want_d = d1 - d0 - i0 * (t1 - t0);
            double scale = H * (period + fabs(t1 - t0));
            check(fabs(got_i - want_i) <= 1e-13 * scale, "integral", t0, t1, got_i, want_i);
            check(fabs(got_d - want_d) <= 1e-13 * scale * scale, "double integral", t0, t1, got_d, want_d);
        }
    }
    /* Error paths: status, message naming the argument, outputs untouched. */
    double i = -1.0, d = -2.0;
    char msg[256];
    check(campro_displacement_time_integrals(NULL, 0.0, 1.0, &i, &d) == CAMPRO_ERROR_NULL_POINTER, "NULL motion", 0, 1, 0, 0);
    check(campro_displacement_time_integrals(m, 0.0, 1.0, NULL, &d) == CAMPRO_ERROR_NULL_POINTER, "NULL integral", 0, 1, 0, 0);
    check(campro_displacement_time_integrals(m, NAN, 1.0, &i, &d) == CAMPRO_ERROR_NON_FINITE_INPUT, "NaN t0", 0, 1, 0, 0);
    campro_last_error_message(msg, sizeof msg);
    check(strstr(msg, "t0_s") != NULL, msg, 0, 1, 0, 0);
    check(campro_displacement_time_integrals(m, 0.0, 1e11, &i, &d) == CAMPRO_ERROR_NON_FINITE_INPUT, "t1 beyond MAX_TIME", 0, 1, 0, 0);
    check(i == -1.0 && d == -2.0, "outputs untouched on failure", 0, 1, i, d);
    campro_motion_free(m);
    printf("test_integral: %d checks, %d failures\n", checks, failures);
    return failures != 0;
}
