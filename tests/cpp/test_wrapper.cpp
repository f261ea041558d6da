// test_wrapper.cpp -- campro.hpp: RAII and move semantics, exceptions (status + message), size checks,
// span conversions, and values bitwise equal to the C API.
#include "campro.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
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
static bool same(const std::vector<double> &a, const std::vector<double> &b) {
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), sizeof(double) * a.size()) == 0);
}

// Runs f, expects campro::Error with `status` whose what() contains `needle`.
template <class F>
static bool throws_error(F &&f, std::int32_t status, const char *needle) {
    try {
        f();
    } catch (const campro::Error &e) {
        const bool ok = e.status() == status && std::strstr(e.what(), needle) != nullptr &&
                        std::strstr(e.message().c_str(), needle) != nullptr &&
                        std::strcmp(e.status_name(), campro_status_name(status)) == 0;
        if (!ok) std::printf("     got status %d, what() \"%s\"\n", static_cast<int>(e.status()), e.what());
        return ok;
    } catch (const std::exception &e) {
        std::printf("     unexpected exception: %s\n", e.what());
        return false;
    }
    std::printf("     no exception\n");
    return false;
}

template <class F>
static bool throws_invalid_argument(F &&f) {
    try {
        f();
    } catch (const std::invalid_argument &) {
        return true;
    } catch (...) {
        return false;
    }
    return false;
}

static_assert(!std::is_copy_constructible<campro::Motion>::value, "Motion is move-only");
static_assert(!std::is_copy_assignable<campro::Motion>::value, "Motion is move-only");
static_assert(std::is_nothrow_move_constructible<campro::Motion>::value, "noexcept move");
static_assert(std::is_nothrow_move_assignable<campro::Motion>::value, "noexcept move");
static_assert(std::is_base_of<std::runtime_error, campro::Error>::value, "Error is a runtime_error");
static_assert(std::is_convertible<std::vector<double> &, campro::span<const double>>::value, "");
static_assert(std::is_convertible<const std::vector<double> &, campro::span<const double>>::value, "");
static_assert(!std::is_convertible<const std::vector<double> &, campro::span<double>>::value, "const-correct");
static_assert(std::is_convertible<campro::span<double>, campro::span<const double>>::value, "");
static_assert(!std::is_convertible<campro::span<const double>, campro::span<double>>::value, "const-correct");

static std::vector<double> angles(std::size_t n) {
    std::vector<double> x(n);
    for (std::size_t i = 0; i < n; ++i) x[i] = -500.0 + 1300.0 * static_cast<double>(i) / static_cast<double>(n);
    return x;
}

static void test_basics() {
    CHECK(std::strcmp(campro::version(), campro_version()) == 0);
    const CamproParameters p = campro::default_parameters();
    CHECK(p.max_lift == 10.0 && p.rpm == 3000.0 && p.rise_law == CAMPRO_LAW_CYCLOIDAL);

    CHECK(campro::num_threads() == campro_num_threads() && campro::num_threads() >= 1);
    const campro::Motion cam;
    CHECK(cam.handle() != nullptr);
    CHECK(static_cast<bool>(cam));
    CHECK(cam.context() == static_cast<void *>(cam.handle()));
    CHECK(std::fabs(cam.displacement(45.0) - 5.0) < 1e-12);
    CHECK(std::fabs(cam.velocity(45.0) - 4000.0) < 1e-9);
    CHECK(cam.rpm() == 3000.0);

    // values equal the C API on an independent handle, bitwise
    CamproMotion *c = nullptr;
    CHECK(campro_motion_new(&p, &c) == CAMPRO_OK);
    bool all = true;
    for (double th = -400.0; th < 800.0; th += 0.7) {
        const CamproKinematics k1 = cam.kinematics(th), k2 = campro_kinematics(c, th);
        all = all && same(cam.displacement(th), campro_displacement(c, th)) &&
              same(cam.velocity(th), campro_velocity(c, th)) && same(cam.acceleration(th), campro_acceleration(c, th)) &&
              same(cam.jerk(th), campro_jerk(c, th)) && std::memcmp(&k1, &k2, sizeof k1) == 0;
    }
    CHECK(all);
    const CamproBoundaryCondition b1 = cam.boundary_condition(0.0031), b2 = campro_boundary_condition_at_time(c, 0.0031);
    CHECK(std::memcmp(&b1, &b2, sizeof b1) == 0);
    CHECK(same(campro_bc_displacement(0.0031, cam.context()), b1.displacement));

    // batches, serial and parallel, equal the C batch functions
    const std::vector<double> x = angles(40000); // above the parallel threshold (8192)
    std::vector<double> ref(x.size()), got(x.size()), got2(x.size());
    CHECK(campro_displacement_batch(c, x.data(), ref.data(), x.size()) == CAMPRO_OK);
    cam.displacement(x, got);
    CHECK(same(got, ref));
    cam.displacement(x, got2, campro::Exec::Serial);
    CHECK(same(got2, ref));
    CHECK(campro_velocity_parallel(c, x.data(), ref.data(), x.size()) == CAMPRO_OK);
    cam.velocity(x, got);
    CHECK(same(got, ref));
    cam.velocity(x, got2, campro::Exec::Serial);
    CHECK(same(got2, ref));
    CHECK(campro_acceleration_batch(c, x.data(), ref.data(), x.size()) == CAMPRO_OK);
    cam.acceleration(x, got, campro::Exec::Parallel);
    CHECK(same(got, ref));
    CHECK(campro_jerk_batch(c, x.data(), ref.data(), x.size()) == CAMPRO_OK);
    cam.jerk(x, got, campro::Exec::Serial);
    CHECK(same(got, ref));

    // kinematics: empty spans are "not wanted"
    std::vector<double> d(x.size()), v(x.size()), a(x.size()), j(x.size()), dr(x.size()), jr(x.size());
    CHECK(campro_kinematics_parallel(c, x.data(), x.size(), dr.data(), nullptr, nullptr, jr.data()) == CAMPRO_OK);
    cam.kinematics(x, d, v, a, j);
    CHECK(same(d, dr) && same(j, jr));
    std::vector<double> d2(x.size(), -1.0);
    cam.kinematics(x, d2, {}, {}, {}, campro::Exec::Serial);
    CHECK(same(d2, dr));

    // boundary conditions
    std::vector<double> t(20000);
    for (std::size_t i = 0; i < t.size(); ++i) t[i] = -0.02 + 0.05 * static_cast<double>(i) / static_cast<double>(t.size());
    std::vector<CamproBoundaryCondition> bref(t.size()), bgot(t.size());
    CHECK(campro_boundary_conditions(c, t.data(), t.size(), bref.data()) == CAMPRO_OK);
    cam.boundary_conditions(t, bgot);
    CHECK(std::memcmp(bref.data(), bgot.data(), sizeof(CamproBoundaryCondition) * t.size()) == 0);
    const std::vector<CamproBoundaryCondition> bvec = cam.boundary_conditions(t, campro::Exec::Serial);
    CHECK(bvec.size() == t.size() &&
          std::memcmp(bref.data(), bvec.data(), sizeof(CamproBoundaryCondition) * t.size()) == 0);

    // analysis
    CamproAnalysis aref{};
    CHECK(campro_analyze_kinematics(c, 3600, &aref) == CAMPRO_OK);
    const CamproAnalysis agot = cam.analyze(3600);
    // field by field (the struct has uninitialised tail padding)
    CHECK(same(aref.max_velocity, agot.max_velocity) && same(aref.max_acceleration, agot.max_acceleration) &&
          same(aref.max_jerk, agot.max_jerk) && same(aref.rms_acceleration, agot.rms_acceleration) &&
          same(aref.rms_jerk, agot.rms_jerk) && aref.velocity_violation == agot.velocity_violation &&
          aref.acceleration_violation == agot.acceleration_violation && aref.jerk_violation == agot.jerk_violation);
    CHECK(std::fabs(agot.max_velocity - 4000.0) < 1e-6 && agot.velocity_violation == 1);
    const CamproAnalysis adef = cam.analyze();
    CHECK(std::fabs(adef.max_acceleration - 2.513274e6) < 1.0);
    campro_motion_free(c);
}

static void test_spans() {
    const campro::Motion cam;
    std::array<double, 3> in{{0.0, 45.0, 100.0}};
    double out[3] = {0.0, 0.0, 0.0};
    cam.displacement(in, out); // std::array and C array
    CHECK(std::fabs(out[1] - 5.0) < 1e-12 && std::fabs(out[2] - 10.0) < 1e-12);
    const double raw_in[2] = {45.0, 180.0};
    double raw_out[2] = {0.0, 0.0};
    cam.velocity(campro::span<const double>(raw_in, 2), campro::span<double>(raw_out, 2)); // (ptr, n)
    CHECK(std::fabs(raw_out[0] - 4000.0) < 1e-9 && std::fabs(raw_out[1] + 4000.0) < 1e-9);
    std::vector<double> v{45.0};
    campro::span<double> sv(v);
    campro::span<const double> csv = sv; // span<T> -> span<const T>
    CHECK(csv.size() == 1 && csv.data() == v.data() && csv[0] == 45.0 && !csv.empty());
    CHECK(campro::span<const double>().empty() && campro::span<const double>().data() == nullptr);
    // empty batch: fine
    std::vector<double> none;
    cam.displacement(none, none);
    cam.kinematics(none, none, none, none, none);
    CHECK(cam.boundary_conditions(none, campro::Exec::Parallel).empty());
}

static void test_move() {
    campro::Motion a;
    CamproMotion *h = a.handle();
    campro::Motion b(std::move(a));
    CHECK(a.handle() == nullptr); // NOLINT(bugprone-use-after-move): that is the point
    CHECK(!a);
    CHECK(b.handle() == h);
    CHECK(std::fabs(b.displacement(45.0) - 5.0) < 1e-12);
    // a moved-from Motion: scalars give NaN, batches throw NULL_POINTER, destruction is safe
    CHECK(std::isnan(a.displacement(45.0)));
    CHECK(std::isnan(a.boundary_condition(0.001).displacement));
    CHECK(std::isnan(a.rpm()));
    CHECK(a.segments().empty());
    std::vector<double> x{1.0}, y{0.0};
    CHECK(throws_error([&] { a.displacement(x, y); }, CAMPRO_ERROR_NULL_POINTER, ""));
    CHECK(throws_error([&] { (void)a.analyze(); }, CAMPRO_ERROR_NULL_POINTER, ""));

    // move assignment frees the old handle (valgrind/ASan would see a leak otherwise)
    CamproParameters p = campro::default_parameters();
    p.rpm = 6000.0;
    campro::Motion c(p);
    b = std::move(c);
    CHECK(!c);
    CHECK(b.rpm() == 6000.0);
    CHECK(std::fabs(b.velocity(45.0) - 8000.0) < 1e-9);
    a = std::move(b); // into an empty one
    CHECK(!b && a && a.rpm() == 6000.0);
    campro::Motion d;
    d = campro::Motion(p); // from a temporary
    CHECK(d.rpm() == 6000.0);

    // release / adopt
    CamproMotion *raw = d.release();
    CHECK(!d && raw != nullptr);
    campro::Motion e = campro::Motion::adopt(raw);
    CHECK(e.handle() == raw);
    std::vector<campro::Motion> many;
    for (int i = 0; i < 20; ++i) many.emplace_back(); // reallocation moves them
    CHECK(many.size() == 20 && many[0] && many[19]);
}

static void test_errors() {
    CamproParameters p = campro::default_parameters();
    p.rise_law = 99;
    CHECK(throws_error([&] { campro::Motion m(p); }, CAMPRO_ERROR_INVALID_PARAMETER, "rise_law"));
    try {
        campro::Motion m(p);
    } catch (const campro::Error &e) {
        CHECK(std::strstr(e.what(), "CAMPRO_ERROR_INVALID_PARAMETER") != nullptr);
        CHECK(std::strstr(e.what(), "99") != nullptr);
    }
    p = campro::default_parameters();
    p.rpm = std::nan("");
    CHECK(throws_error([&] { campro::Motion m(p); }, CAMPRO_ERROR_INVALID_PARAMETER, "rpm"));
    p = campro::default_parameters();
    p.rise_duration = -5.0;
    CHECK(throws_error([&] { campro::Motion m(p); }, CAMPRO_ERROR_INVALID_PARAMETER, "rise_duration"));

    CHECK(throws_error([] { campro::Motion::load("/nonexistent/campro_missing.toml"); }, CAMPRO_ERROR_IO,
                       "campro_missing"));

    // segments: vector and (pointer, count)
    std::vector<CamproSegment> seg{{CAMPRO_LAW_CYCLOIDAL, 120.0, 6.0},
                                   {CAMPRO_LAW_DWELL, 60.0, 6.0},
                                   {CAMPRO_LAW_POLYNOMIAL_345, 120.0, 0.0},
                                   {CAMPRO_LAW_DWELL, 60.0, 0.0}};
    const campro::Motion s = campro::Motion::from_segments(seg, 1500.0);
    CHECK(std::fabs(s.displacement(60.0) - 3.0) < 1e-12);
    CHECK(std::fabs(s.displacement(150.0) - 6.0) < 1e-12);
    CHECK(s.rpm() == 1500.0);
    const std::vector<CamproSegment> back = s.segments();
    CHECK(back.size() == seg.size());
    bool same_segments = back.size() == seg.size();
    for (std::size_t i = 0; same_segments && i < seg.size(); ++i)
        same_segments = back[i].law == seg[i].law && back[i].duration == seg[i].duration &&
                        back[i].end_lift == seg[i].end_lift;
    CHECK(same_segments);
    CHECK(campro::Motion().segments().size() == 4);
    const campro::Motion s2 = campro::Motion::from_segments(seg.data(), seg.size(), 1500.0);
    CHECK(same(s2.displacement(240.0), s.displacement(240.0)));
    CHECK(s.analyze().velocity_violation == 0); // segment motions have no limits
    seg[1].duration = -5.0;
    CHECK(throws_error([&] { campro::Motion::from_segments(seg, 1500.0); }, CAMPRO_ERROR_INVALID_PARAMETER,
                       "segments[1].duration"));
    CHECK(throws_error([&] { campro::Motion::from_segments(nullptr, 3, 1500.0); }, CAMPRO_ERROR_NULL_POINTER, ""));
    CHECK(throws_error([&] { campro::Motion::from_segments(std::vector<CamproSegment>{}, 1500.0); },
                       CAMPRO_ERROR_INVALID_PARAMETER, ""));

    const campro::Motion cam;
    // size mismatch: std::invalid_argument, nothing written
    std::vector<double> in(10, 45.0), out(9, -1.0);
    CHECK(throws_invalid_argument([&] { cam.displacement(in, out); }));
    CHECK(throws_invalid_argument([&] { cam.jerk(in, out, campro::Exec::Serial); }));
    CHECK(out[0] == -1.0);
    std::vector<double> ok(10);
    CHECK(throws_invalid_argument([&] { cam.kinematics(in, ok, out, {}, {}); }));
    std::vector<CamproBoundaryCondition> bc(3);
    CHECK(throws_invalid_argument([&] { cam.boundary_conditions(in, bc); }));

    // bad status: analysis with 0 points; non-finite input (outputs still written)
    CHECK(throws_error([&] { (void)cam.analyze(0); }, CAMPRO_ERROR_INVALID_PARAMETER, "num_points"));
    in[4] = std::nan("");
    CHECK(throws_error([&] { cam.displacement(in, ok); }, CAMPRO_ERROR_NON_FINITE_INPUT, "[4]"));
    CHECK(std::isnan(ok[4]) && std::fabs(ok[3] - 5.0) < 1e-12 && std::fabs(ok[5] - 5.0) < 1e-12);
    std::vector<CamproBoundaryCondition> bc10(10);
    std::vector<double> times(10, 0.0025);
    times[2] = INFINITY;
    CHECK(throws_error([&] { cam.boundary_conditions(times, bc10, campro::Exec::Serial); },
                       CAMPRO_ERROR_NON_FINITE_INPUT, "[2]"));
    CHECK(std::isnan(bc10[2].displacement) && std::fabs(bc10[1].displacement - 5.0) < 1e-9);
    // scalars never throw: NaN back
    CHECK(std::isnan(cam.displacement(std::nan(""))));
    CHECK(std::isnan(cam.boundary_condition(-INFINITY).acceleration));
}

int main() {
    try {
        test_basics();
        test_spans();
        test_move();
        test_errors();
    } catch (const std::exception &e) {
        std::printf("FAIL: unexpected exception: %s\n", e.what());
        ++g_failed;
    }
    std::printf("test_wrapper: %d passed, %d failed\n", g_passed, g_failed);
    return g_failed == 0 ? 0 : 1;
}
