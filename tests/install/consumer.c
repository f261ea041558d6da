/* Installed-package consumer: checks the installed header and library agree on the default cam. */
#include <campro.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

static int failed = 0;
static void check(int ok, const char *what) {
    if (!ok) { printf("FAIL: %s\n", what); failed++; }
}

int main(void) {
    CamproParameters p;
    CamproMotion *m = NULL;
    campro_parameters_default(&p);
    check(campro_motion_new(&p, &m) == CAMPRO_OK && m != NULL, "campro_motion_new(default)");
    if (m == NULL) return 1;
    check(strcmp(campro_version(), "0.1.0") == 0, "campro_version() == 0.1.0");
    check(fabs(campro_displacement(m, 45.0) - 5.0) < 1e-9, "displacement(45) == 5");
    check(fabs(campro_velocity(m, 45.0) - 4000.0) < 1e-6, "velocity(45) == 4000");
    CamproBoundaryCondition bc = campro_boundary_condition_at_time(m, 0.0025);
    check(fabs(bc.displacement - 5.0) < 1e-9, "boundary_condition_at_time(0.0025) == 5");
    p.rise_law = 99;
    CamproMotion *bad = m;
    check(campro_motion_new(&p, &bad) == CAMPRO_ERROR_INVALID_PARAMETER && bad == NULL, "rise_law 99 rejected");
    char msg[256];
    campro_last_error_message(msg, sizeof msg);
    check(strstr(msg, "rise_law") != NULL, "message names rise_law");
    printf("consumer: campro %s, s(45) = %.6f mm, v(45) = %.3f mm/s, %s\n", campro_version(),
           campro_displacement(m, 45.0), campro_velocity(m, 45.0), failed ? "FAILED" : "ok");
    campro_motion_free(m);
    return failed ? 1 : 0;
}
