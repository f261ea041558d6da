/* minimal.c - the smallest useful campro program in C (README.md). */
#include <campro.h>
#include <stdio.h>

int main(void) {
    CamproParameters p;
    CamproMotion *m = NULL;
    campro_parameters_default(&p); /* 10 mm cycloidal rise over 90 deg, 3000 rpm */
    p.rpm = 6000.0;
    if (campro_motion_new(&p, &m) != CAMPRO_OK) {
        char msg[256];
        campro_last_error_message(msg, sizeof msg);
        fprintf(stderr, "campro: %s\n", msg);
        return 1;
    }
    CamproBoundaryCondition bc = campro_boundary_condition_at_time(m, 0.000625); /* 22.5 deg at 6000 rpm */
    printf("u = %.6f mm, v = %.3f mm/s, a = %.3e mm/s^2\n", bc.displacement, bc.velocity, bc.acceleration);
    campro_motion_free(m);
    return 0;
}
