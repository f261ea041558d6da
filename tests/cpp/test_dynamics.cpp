// test_dynamics.cpp -- the follower dynamics through campro.hpp: the cross-language reference values
// of tests/dynamics.rs, batches bitwise equal to scalars, sizing re-checked, errors as exceptions.
// Usage: test_dynamics ROOT (the checkout, for examples/params/).
#include "campro.hpp"

#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

static int g_passed = 0, g_failed = 0;

static void check_impl(bool ok, const char *what, int line) {
    if (ok) {
        ++g_passed;
    } else {
        ++g_failed;
        std::printf("FAIL test_dynamics.cpp:%d: %s\n", line, what);
    }
}
#define CHECK(cond) check_impl(static_cast<bool>(cond), #cond, __LINE__)

static bool close(double a, double b, double rel) {
    const bool ok = std::fabs(a - b) <= rel * std::fabs(b);
    if (!ok) std::printf("     got %.17g, expected %.17g\n", a, b);
    return ok;
}

// tests/dynamics.rs REFERENCE: examples/params/valve_dynamics.toml, 3600 angles.
static const double REFERENCE[13] = {
    273.9088787456995, 4229.385021629543, 250.0,           450.0,           4929.575044716784,
    38.95104300129222, 1958.1104703509538, 6529677711.243186, 4772.88279165222, 37.6972625677634,
    471.2157820970425, 629.6201087236304, 20.447396260519785,
};

int main(int argc, char **argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: test_dynamics ROOT\n");
        return 2;
    }
    const std::string root = argv[1];
    const std::string file = root + "/examples/params/valve_dynamics.toml";
    const campro::Motion cam = campro::Motion::load(file);
    const std::optional<CamproFollowerDynamics> loaded = campro::load_follower_dynamics(file);
    CHECK(loaded.has_value());
    const CamproFollowerDynamics d = *loaded;
    CHECK(d.mass == 0.0657 && d.spring_rate == 20.0 && d.spring_preload == 250.0 && d.damping == 0.0036);
    CHECK(!campro::load_follower_dynamics(root + "/examples/params/camprov5_defaults.toml").has_value());

    const CamproDynamicsReport r = cam.dynamics_check(d, 3600);
    const CamproSpringSizing spring = cam.size_spring(d, 12.5, 6000.0, 1.2, 3600);
    const CamproSpringSizing preload = cam.size_preload(d, 6000.0, 1.2, 3600);
    const CamproSpeedLimit limit = cam.max_rpm_within_limits(100.0, 500.0, 1000.0, 3600);
    const double got[13] = {cam.contact_force(d, 67.5), cam.cam_torque(d, 30.0), r.min_contact_force,
                            r.max_contact_force, r.max_torque, r.max_torque_at, r.rms_torque, r.max_power_factor,
                            r.jump_rpm, spring.spring_rate, spring.spring_preload, preload.spring_preload,
                            limit.max_rpm};
    for (int i = 0; i < 13; ++i) CHECK(close(got[i], REFERENCE[i], 4 * DBL_EPSILON));
    CHECK(r.separation == 0 && limit.limited_by == CAMPRO_LIMITED_BY_JERK);

    // Batches equal the scalars bit for bit.
    std::vector<double> theta(1000), force(1000), torque(1000);
    for (std::size_t i = 0; i < theta.size(); ++i) theta[i] = 0.37 * static_cast<double>(i) - 50.0;
    cam.contact_force(d, theta, force);
    cam.cam_torque(d, theta, torque);
    bool same = true;
    for (std::size_t i = 0; i < theta.size(); ++i) {
        const double f = cam.contact_force(d, theta[i]), t = cam.cam_torque(d, theta[i]);
        same = same && std::memcmp(&f, &force[i], sizeof f) == 0 && std::memcmp(&t, &torque[i], sizeof t) == 0;
    }
    CHECK(same);

    // The sized spring (safety factor 1) holds at its critical speed; 1e-9 below it does not.
    const CamproSpringSizing one = cam.size_spring(d, 12.5, 6000.0, 1.0, 3600);
    CamproFollowerDynamics sized = d;
    sized.spring_rate = one.spring_rate;
    sized.spring_preload = one.spring_preload;
    const campro::Motion at_one = [&] {
        CamproParameters q = campro::default_parameters();
        q.rpm = one.critical_rpm;
        return campro::Motion(q);
    }();
    CHECK(at_one.dynamics_check(sized).separation == 0);
    sized.spring_rate *= 1.0 - 1e-9;
    sized.spring_preload = 12.5 * sized.spring_rate;
    CHECK(at_one.dynamics_check(sized).separation == 1);
    CHECK(close(spring.spring_rate, 1.2 * one.spring_rate, 1e-11)); // the safety factor scales the rate

    // Errors: exceptions with the library's status and message; scalars give NaN.
    CamproFollowerDynamics bad = d;
    bad.mass = -1.0;
    CHECK(std::isnan(cam.contact_force(bad, 10.0)));
    bool threw = false;
    try {
        cam.dynamics_check(bad);
    } catch (const campro::Error &e) {
        threw = e.status() == CAMPRO_ERROR_INVALID_PARAMETER && e.message() == "mass = -1: must be finite and > 0 kg";
    }
    CHECK(threw);
    threw = false;
    try {
        cam.size_spring(d, 1.0, std::numeric_limits<double>::quiet_NaN());
    } catch (const campro::Error &e) {
        threw = e.message() == "overspeed_rpm = NaN: must be finite and > 0 rpm";
    }
    CHECK(threw);
    threw = false;
    try {
        std::vector<double> small(3);
        cam.contact_force(d, theta, small);
    } catch (const std::invalid_argument &) {
        threw = true;
    }
    CHECK(threw);
    threw = false;
    try {
        campro::load_follower_dynamics("/nonexistent/cam.toml");
    } catch (const campro::Error &e) {
        threw = e.status() == CAMPRO_ERROR_IO;
    }
    CHECK(threw);
    const CamproSpeedLimit none = cam.max_rpm_within_limits(HUGE_VAL, HUGE_VAL, HUGE_VAL);
    CHECK(std::isinf(none.max_rpm) && none.limited_by == CAMPRO_LIMITED_BY_NONE);

    std::printf("test_dynamics (C++): %d passed, %d failed\n", g_passed, g_failed);
    return g_failed == 0 ? 0 : 1;
}
