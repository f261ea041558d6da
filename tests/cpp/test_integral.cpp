// test_integral.cpp -- campro.hpp's displacement_time_integrals (issue 12): the C function's bits,
// the default cam's cycloidal rise in closed form, and errors as campro::Error.
#include "campro.hpp"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>

static int g_passed = 0, g_failed = 0;
static void check_impl(bool ok, const char *what, int line) {
    if (ok) {
        ++g_passed;
    } else {
        ++g_failed;
        std::printf("FAIL line %d: %s\n", line, what);
    }
}
#define CHECK(cond) check_impl(static_cast<bool>(cond), #cond, __LINE__)

static bool same(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// The default cam's rise: cycloidal, h = 10 mm over beta = 90 deg from angle 0, at 3000 rpm
// (18000 deg/s). From time 0 to t (inside the rise):
//   I(t) = (1/w) h [theta^2 / (2 beta) + beta / (4 pi^2) (cos(2 pi theta / beta) - 1)],
//   J(t) = integral_0^t I = (h / w^2) [theta^3 / (6 beta) + beta/(4 pi^2) (beta/(2 pi) sin(2 pi theta/beta) - theta)].
static void closed_form(double t, double *i, double *j) {
    const double pi = 3.14159265358979323846, h = 10.0, beta = 90.0, w = 18000.0;
    const double th = w * t, k = 2.0 * pi / beta;
    *i = h / w * (th * th / (2.0 * beta) + beta / (4.0 * pi * pi) * (std::cos(k * th) - 1.0));
    *j = h / (w * w) * (th * th * th / (6.0 * beta) + beta / (4.0 * pi * pi) * (std::sin(k * th) / k - th));
}

int main() {
    const campro::Motion cam;
    for (double t : {1e-4, 7.3e-4, 2.5e-3, 4.9e-3}) {
        const auto r = cam.displacement_time_integrals(0.0, t);
        double ci = 0.0, cj = 0.0;
        CHECK(campro_displacement_time_integrals(cam.handle(), 0.0, t, &ci, &cj) == CAMPRO_OK);
        CHECK(same(r.integral, ci) && same(r.double_integral, cj));
        double ei = 0.0, ej = 0.0;
        closed_form(t, &ei, &ej);
        CHECK(std::fabs(r.integral - ei) <= 1e-10 * std::fabs(ei));
        CHECK(std::fabs(r.double_integral - ej) <= 1e-10 * std::fabs(ej));
    }
    bool threw = false;
    try {
        cam.displacement_time_integrals(0.0, std::nan(""));
    } catch (const campro::Error &e) {
        threw = e.status() == CAMPRO_ERROR_NON_FINITE_INPUT && std::strstr(e.what(), "t1_s") != nullptr;
    }
    CHECK(threw);
    const std::vector<double> times{0.0, 0.5}, rpms{600.0, 3000.0};
    const campro::Motion run_up = cam.with_speed_profile(times, rpms);
    threw = false;
    try {
        run_up.displacement_time_integrals(0.0, 0.01);
    } catch (const campro::Error &e) {
        threw = e.status() == CAMPRO_ERROR_INVALID_PARAMETER && std::strstr(e.what(), "variable-speed") != nullptr;
    }
    CHECK(threw);
    std::printf("test_integral: %d passed, %d failed\n", g_passed, g_failed);
    return g_failed == 0 ? 0 : 1;
}
