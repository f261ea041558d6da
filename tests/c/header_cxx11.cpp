// The C header compiles as C++11 with -Wall -Wextra -pedantic -Werror and links from C++.
#include "campro.h"

#include <cstdio>
#include <cstring>

int main() {
    CamproParameters p;
    campro_parameters_default(&p);
    CamproMotion *m = nullptr;
    if (campro_motion_new(&p, &m) != CAMPRO_OK) return 1;
    CamproTimeFunction f = campro_bc_displacement;
    const double x = f(0.0025, m);
    campro_motion_free(m);
    const bool ok = std::strcmp(campro_version(), "0.1.0") == 0 && x > 4.999999 && x < 5.000001;
    std::printf("header_cxx11: %s\n", ok ? "ok" : "FAILED");
    return ok ? 0 : 1;
}
