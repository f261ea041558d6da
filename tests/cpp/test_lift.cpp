// test_lift.cpp -- campro.hpp's lift-table and speed-profile wrappers (issue 11): the same numbers
// as the C API (bitwise) and the closed forms of tests/c/test_lift.c, errors as campro::Error.
#include "campro.hpp"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <stdexcept>
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

static double harmonics(double theta) {
    const double w = 3.14159265358979323846 / 180.0;
    return 5.0 + 4.0 * std::sin(w * theta + 0.3) - 1.5 * std::sin(2.0 * w * theta + 1.1) +
           0.7 * std::sin(3.0 * w * theta - 0.4) + 0.2 * std::sin(5.0 * w * theta + 2.0);
}

template <class F>
static bool throws_error(F &&f, std::int32_t status, const char *needle) {
    try {
        f();
    } catch (const campro::Error &e) {
        const bool ok = e.status() == status && std::strstr(e.what(), needle) != nullptr;
        if (!ok) std::printf("     got status %d, what() \"%s\"\n", static_cast<int>(e.status()), e.what());
        return ok;
    } catch (...) {
        return false;
    }
    return false;
}

int main() {
    std::vector<double> theta(180), lift(180);
    for (std::size_t i = 0; i < theta.size(); ++i) {
        theta[i] = -7.0 + 2.0 * static_cast<double>(i);
        lift[i] = harmonics(theta[i]);
    }
    campro::Motion m = campro::Motion::from_lift_table(theta, lift, 3000.0);
    CHECK(m.lift_table_len() == 180);
    CHECK(m.segments().empty());
    double worst = 0.0;
    for (std::size_t i = 0; i < theta.size(); ++i) worst = std::fmax(worst, std::fabs(m.displacement(theta[i]) - lift[i]));
    CHECK(worst <= 1e-12 * 11.5);
    CHECK(std::fabs(m.displacement(0.5) - harmonics(0.5)) <= 1e-9);
    // the same bits as the C API on a handle built there
    CamproMotion *c = nullptr;
    CHECK(campro_motion_from_lift_table(theta.data(), lift.data(), theta.size(), 3000.0, 0.0, &c) == CAMPRO_OK);
    CHECK(same(campro_jerk(c, 123.4), m.jerk(123.4)));
    campro_motion_free(c);

    campro::Motion smooth = campro::Motion::from_lift_table(theta, lift, 3000.0, 0.01);
    double sum2 = 0.0;
    for (std::size_t i = 0; i < theta.size(); ++i) sum2 += std::pow(smooth.displacement(theta[i]) - lift[i], 2);
    CHECK(std::fabs(std::sqrt(sum2 / 180.0) - 0.01) <= 1e-8);

    // speed ramp 0 -> 6000 rpm over 1 s on the default cam: theta = 18000 t^2, rho = 2t, q = 2/s
    campro::Motion base;
    const std::vector<double> times{0.0, 1.0}, rpms{0.0, 6000.0};
    campro::Motion ramp = base.with_speed_profile(times, rpms);
    for (double t = 0.05; t < 1.0; t += 0.0731) {
        const CamproKinematics k = base.kinematics(18000.0 * t * t);
        const CamproBoundaryCondition bc = ramp.boundary_condition(t);
        const double a = k.acceleration * 4.0 * t * t + k.velocity * 2.0;
        CHECK(std::fabs(bc.displacement - k.displacement) <= 1e-9);
        CHECK(std::fabs(bc.velocity - k.velocity * 2.0 * t) <= 1e-9 * (1.0 + std::fabs(k.velocity)));
        CHECK(std::fabs(bc.acceleration - a) <= 1e-9 * (1.0 + std::fabs(a)));
        CHECK(same(bc.acceleration, campro_bc_acceleration(t, ramp.context())));
    }
    CHECK(ramp.rpm_at_time(0.25) == 1500.0);
    CHECK(ramp.rpm() == 3000.0);

    // bad input
    std::vector<double> bad = theta;
    bad[3] = bad[2];
    CHECK(throws_error([&] { campro::Motion::from_lift_table(bad, lift, 3000.0); }, CAMPRO_ERROR_INVALID_PARAMETER,
                       "theta_deg[3]"));
    CHECK(throws_error([&] { campro::Motion::from_lift_table(campro::span<const double>(theta.data(), 7),
                                                             campro::span<const double>(lift.data(), 7), 3000.0); },
                       CAMPRO_ERROR_INVALID_PARAMETER, "n = 7"));
    bool size_error = false;
    try {
        campro::Motion::from_lift_table(theta, campro::span<const double>(lift.data(), 5), 3000.0);
    } catch (const std::invalid_argument &) {
        size_error = true;
    }
    CHECK(size_error);
    const std::vector<double> back{0.0, 1.0, 0.5}, three{1.0, 2.0, 3.0};
    CHECK(throws_error([&] { base.with_speed_profile(back, three); }, CAMPRO_ERROR_INVALID_PARAMETER,
                       "time_s[2] = 0.5"));
    campro::Motion empty = std::move(base);
    CHECK(throws_error([&] { base.with_speed_profile(times, rpms); }, CAMPRO_ERROR_NULL_POINTER, "motion is NULL"));
    CHECK(std::isnan(base.rpm_at_time(1.0)));

    std::printf("test_lift: %d passed, %d failed\n", g_passed, g_failed);
    return g_failed == 0 ? 0 : 1;
}
