// campro.hpp -- header-only C++17 RAII wrapper over the campro C ABI (campro.h).
//
//   #include "campro.hpp"
//   campro::Motion cam;                           // campro_parameters_default(): 10 mm, 3000 rpm
//   double s = cam.displacement(45.0);            // 5 mm
//   std::vector<double> t(1000), u(1000);
//   cam.displacement(t, u);                       // batch on the library's thread pool
//
// Error handling:
//  * Creation and every status-returning call throw campro::Error (a std::runtime_error) carrying
//    the library's status code and its thread-local message; size mismatches between spans throw
//    std::invalid_argument before the library is called.
//  * Scalar evaluations (displacement(double), kinematics(double), boundary_condition(double), ...)
//    never throw: they return the library's double as-is, and a NaN means bad input (a non-finite
//    angle/time or an empty, moved-from Motion).
//  * For a non-finite input in a batch call the library still writes every output (NaN at the bad
//    index) before campro::Error(CAMPRO_ERROR_NON_FINITE_INPUT) is thrown.
//
// Exceptions never cross the C library: campro never calls back into user code, and the
// CamproTimeFunction callbacks (campro_bc_*) are plain C functions. If you register your own
// C++ callbacks with a C solver next to them, they must not throw (or longjmp) either.
//
// Thread safety: a Motion is immutable after construction; any number of threads may evaluate the
// same Motion at once (the C handle is shared read-only). Moving is not thread-safe, like any object.
#ifndef CAMPRO_HPP
#define CAMPRO_HPP

#include "campro.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace campro {

/// A minimal non-owning view of contiguous elements (C++17 has no std::span).
/// Converts from (pointer, size), std::vector, std::array, C arrays, and span<T> -> span<const T>.
template <class T>
class span {
    template <class U>
    using compatible = std::enable_if_t<std::is_convertible<U (*)[], T (*)[]>::value, int>;

public:
    using element_type = T;
    using value_type = std::remove_cv_t<T>;
    using size_type = std::size_t;
    using pointer = T *;
    using iterator = T *;

    constexpr span() noexcept = default;
    constexpr span(T *data, std::size_t size) noexcept : data_(data), size_(size) {}
    template <class U, class A, compatible<U> = 0>
    span(std::vector<U, A> &v) noexcept : data_(v.data()), size_(v.size()) {}
    template <class U, class A, compatible<const U> = 0>
    span(const std::vector<U, A> &v) noexcept : data_(v.data()), size_(v.size()) {}
    template <class U, std::size_t N, compatible<U> = 0>
    constexpr span(std::array<U, N> &a) noexcept : data_(a.data()), size_(N) {}
    template <class U, std::size_t N, compatible<const U> = 0>
    constexpr span(const std::array<U, N> &a) noexcept : data_(a.data()), size_(N) {}
    template <class U, std::size_t N, compatible<U> = 0>
    constexpr span(U (&a)[N]) noexcept : data_(a), size_(N) {}
    template <class U, compatible<U> = 0>
    constexpr span(const span<U> &other) noexcept : data_(other.data()), size_(other.size()) {}

    constexpr T *data() const noexcept { return data_; }
    constexpr std::size_t size() const noexcept { return size_; }
    constexpr bool empty() const noexcept { return size_ == 0; }
    constexpr T &operator[](std::size_t i) const noexcept { return data_[i]; }
    constexpr T *begin() const noexcept { return data_; }
    constexpr T *end() const noexcept { return data_ + size_; }

private:
    T *data_ = nullptr;
    std::size_t size_ = 0;
};

/// Where a batch runs: on the calling thread (the C `_batch` functions) or on the library's
/// thread pool (`_parallel`). Both give bitwise the same results.
enum class Exec { Serial, Parallel };

/// A failed campro call: the status code (CAMPRO_ERROR_*) and the library's message.
/// what() is "<STATUS_NAME>: <message>"; message() is the library's message alone.
class Error : public std::runtime_error {
public:
    Error(std::int32_t status, const std::string &message)
        : std::runtime_error(std::string(campro_status_name(status)) + ": " + message),
          status_(status),
          message_(message) {}
    std::int32_t status() const noexcept { return status_; }
    const char *status_name() const noexcept { return campro_status_name(status_); }
    const std::string &message() const noexcept { return message_; }

private:
    std::int32_t status_;
    std::string message_;
};

namespace detail {
/// The calling thread's last campro error message.
inline std::string last_error_message() {
    const std::size_t n = campro_last_error_message(nullptr, 0);
    std::string s(n, '\0');
    if (n > 0) campro_last_error_message(&s[0], n + 1); // C++11: s[n] is a writable '\0'
    return s;
}
inline void check(std::int32_t status) {
    if (status != CAMPRO_OK) throw Error(status, last_error_message());
}
inline void check_size(std::size_t in, std::size_t out, const char *what) {
    if (in != out)
        throw std::invalid_argument(std::string("campro: ") + what + ": output size " + std::to_string(out) +
                                    " != input size " + std::to_string(in));
}
} // namespace detail

/// The library version, e.g. "0.1.0".
inline const char *version() noexcept { return campro_version(); }

/// campro_parameters_default(): 10 mm cycloidal rise over 90 deg, 45 deg dwell, cycloidal fall over
/// 90 deg, 3000 rpm.
inline CamproParameters default_parameters() noexcept {
    CamproParameters p;
    campro_parameters_default(&p);
    return p;
}

/// Size of the library's thread pool (0 = one per core); before the first parallel call.
/// Afterwards only the running size is accepted (else campro::Error, INVALID_PARAMETER).
inline void set_num_threads(std::size_t n) { detail::check(campro_set_num_threads(n)); }

/// Threads the library's pool has, or will start with.
inline std::size_t num_threads() noexcept { return campro_num_threads(); }

// --- cam geometry (0.2) ---
/// A follower and how it sits against the cam (a CamproFollower; lengths in mm). Build one with
/// the factories; the library checks every field when it is used (campro::Error names the field).
struct Follower : CamproFollower {
    Follower() noexcept : CamproFollower{CAMPRO_FOLLOWER_TRANSLATING_ROLLER, 1, 25.0, 0.0, 0.0, 0.0, 0.0} {}
    explicit Follower(const CamproFollower &f) noexcept : CamproFollower(f) {}
    /// Roller (radius 0: knife edge) whose centre moves on x = offset; rotation +1 counter-clockwise, -1 clockwise.
    static Follower translating_roller(double base_circle_radius, double roller_radius = 0.0, double offset = 0.0,
                                       std::int32_t rotation = 1) noexcept {
        return Follower(CamproFollower{CAMPRO_FOLLOWER_TRANSLATING_ROLLER, rotation, base_circle_radius,
                                       roller_radius, offset, 0.0, 0.0});
    }
    /// Flat face perpendicular to its line of motion (the y axis).
    static Follower translating_flat(double base_circle_radius, std::int32_t rotation = 1) noexcept {
        return Follower(CamproFollower{CAMPRO_FOLLOWER_TRANSLATING_FLAT, rotation, base_circle_radius, 0.0, 0.0,
                                       0.0, 0.0});
    }
    /// Roller on an arm of arm_length pivoting at (pivot_distance, 0).
    static Follower oscillating_roller(double base_circle_radius, double roller_radius, double pivot_distance,
                                       double arm_length, std::int32_t rotation = 1) noexcept {
        return Follower(CamproFollower{CAMPRO_FOLLOWER_OSCILLATING_ROLLER, rotation, base_circle_radius,
                                       roller_radius, 0.0, pivot_distance, arm_length});
    }
};
using ProfilePoint = CamproProfilePoint;
using GeometryReport = CamproGeometryReport;

/// An owned, immutable cam motion (a CamproMotion handle). Move-only; a moved-from Motion is
/// empty (handle() == nullptr): its scalar methods return NaN and its batch methods throw.
class Motion {
public:
    /// From a CamProV5 parameter set (default: campro_parameters_default()).
    explicit Motion(const CamproParameters &params = default_parameters()) {
        detail::check(campro_motion_new(&params, &m_));
    }

    /// From a segment list (starts at lift 0, covers 360 deg, ends at lift 0).
    static Motion from_segments(span<const CamproSegment> segments, double rpm) {
        CamproMotion *m = nullptr;
        detail::check(campro_motion_from_segments(segments.data(), segments.size(), rpm, &m));
        return Motion(m);
    }
    static Motion from_segments(const CamproSegment *segments, std::size_t count, double rpm) {
        return from_segments(span<const CamproSegment>(segments, count), rpm);
    }

    /// From a .toml or .json parameter file.
    static Motion load(const std::string &path) {
        CamproMotion *m = nullptr;
        detail::check(campro_motion_load(path.c_str(), &m));
        return Motion(m);
    }

    /// Takes ownership of a handle from the C API (nullptr gives an empty Motion).
    static Motion adopt(CamproMotion *handle) noexcept { return Motion(handle); }

    Motion(const Motion &) = delete;
    Motion &operator=(const Motion &) = delete;
    Motion(Motion &&other) noexcept : m_(std::exchange(other.m_, nullptr)) {}
    Motion &operator=(Motion &&other) noexcept {
        if (this != &other) {
            campro_motion_free(m_);
            m_ = std::exchange(other.m_, nullptr);
        }
        return *this;
    }
    ~Motion() { campro_motion_free(m_); }

    /// The C handle (still owned by this Motion); nullptr when empty.
    CamproMotion *handle() const noexcept { return m_; }
    /// The handle as the `ctx` of a CamproTimeFunction (campro_bc_displacement, ...).
    void *context() const noexcept { return m_; }
    /// Gives up ownership: the caller must campro_motion_free() the result.
    CamproMotion *release() noexcept { return std::exchange(m_, nullptr); }
    explicit operator bool() const noexcept { return m_ != nullptr; }

    double rpm() const noexcept { return campro_motion_rpm(m_); }

    /// The program's segments (for a parameter set: rise, high dwell, fall, low dwell; zero-length
    /// dwells omitted). Empty for an empty Motion.
    std::vector<CamproSegment> segments() const {
        std::vector<CamproSegment> out(campro_motion_segment_count(m_));
        for (std::size_t i = 0; i < out.size(); ++i) detail::check(campro_motion_segment(m_, i, &out[i]));
        return out;
    }

    // ---- scalars by cam angle (deg); NaN means bad input, never throws
    double displacement(double theta_deg) const noexcept { return campro_displacement(m_, theta_deg); }
    double velocity(double theta_deg) const noexcept { return campro_velocity(m_, theta_deg); }
    double acceleration(double theta_deg) const noexcept { return campro_acceleration(m_, theta_deg); }
    double jerk(double theta_deg) const noexcept { return campro_jerk(m_, theta_deg); }
    CamproKinematics kinematics(double theta_deg) const noexcept { return campro_kinematics(m_, theta_deg); }
    /// Prescribed displacement, velocity and acceleration at solver time t (s).
    CamproBoundaryCondition boundary_condition(double time_s) const noexcept {
        return campro_boundary_condition_at_time(m_, time_s);
    }

    // ---- batches by angle: out.size() must equal in.size()
    void displacement(span<const double> in, span<double> out, Exec exec = Exec::Parallel) const {
        run(in, out, exec, campro_displacement_batch, campro_displacement_parallel, "displacement");
    }
    void velocity(span<const double> in, span<double> out, Exec exec = Exec::Parallel) const {
        run(in, out, exec, campro_velocity_batch, campro_velocity_parallel, "velocity");
    }
    void acceleration(span<const double> in, span<double> out, Exec exec = Exec::Parallel) const {
        run(in, out, exec, campro_acceleration_batch, campro_acceleration_parallel, "acceleration");
    }
    void jerk(span<const double> in, span<double> out, Exec exec = Exec::Parallel) const {
        run(in, out, exec, campro_jerk_batch, campro_jerk_parallel, "jerk");
    }

    /// All four quantities at once; an empty output span means "not wanted" (passed as NULL).
    void kinematics(span<const double> in, span<double> displacement, span<double> velocity,
                    span<double> acceleration, span<double> jerk, Exec exec = Exec::Parallel) const {
        const span<double> outs[4] = {displacement, velocity, acceleration, jerk};
        for (const auto &o : outs)
            if (!o.empty()) detail::check_size(in.size(), o.size(), "kinematics");
        auto ptr = [](span<double> s) { return s.empty() ? nullptr : s.data(); };
        auto fn = exec == Exec::Parallel ? campro_kinematics_parallel : campro_kinematics_batch;
        detail::check(fn(m_, in.data(), in.size(), ptr(displacement), ptr(velocity), ptr(acceleration), ptr(jerk)));
    }

    /// Boundary conditions at solver times (s); out.size() must equal time_s.size().
    void boundary_conditions(span<const double> time_s, span<CamproBoundaryCondition> out,
                             Exec exec = Exec::Parallel) const {
        detail::check_size(time_s.size(), out.size(), "boundary_conditions");
        auto fn = exec == Exec::Parallel ? campro_boundary_conditions : campro_boundary_conditions_batch;
        detail::check(fn(m_, time_s.data(), time_s.size(), out.data()));
    }
    /// Convenience: returns a new vector.
    std::vector<CamproBoundaryCondition> boundary_conditions(span<const double> time_s, Exec exec) const {
        std::vector<CamproBoundaryCondition> out(time_s.size());
        boundary_conditions(time_s, out, exec);
        return out;
    }

    /// Peaks, RMS and limit flags over num_points equally spaced angles of one revolution.
    CamproAnalysis analyze(std::size_t num_points = 3600) const {
        CamproAnalysis a{};
        detail::check(campro_analyze_kinematics(m_, num_points, &a));
        return a;
    }

#ifdef CAMPRO_FORMAT_CSV
    /// Writes a solver table (CAMPRO_FORMAT_*, CAMPRO_QUANTITY_*) over [t_start, t_end] s.
    void export_table(std::int32_t format, std::int32_t quantity, double t_start, double t_end, double tolerance,
                      const std::string &path) const {
        detail::check(campro_export_table(m_, format, quantity, t_start, t_end, tolerance, path.c_str()));
    }
#endif

    // --- follower dynamics (0.2) ---
    /// Contact force (N) at cam angle theta_deg; NaN for bad input (never throws).
    double contact_force(const CamproFollowerDynamics &d, double theta_deg) const noexcept {
        return campro_contact_force(m_, &d, theta_deg);
    }
    /// Camshaft torque (N*mm) at theta_deg by power balance; NaN for bad input (never throws).
    double cam_torque(const CamproFollowerDynamics &d, double theta_deg) const noexcept {
        return campro_cam_torque(m_, &d, theta_deg);
    }
    /// Contact forces at the angles into out (out.size() == in.size()), on the calling thread.
    void contact_force(const CamproFollowerDynamics &d, span<const double> in, span<double> out) const {
        detail::check_size(in.size(), out.size(), "contact_force");
        detail::check(campro_contact_force_batch(m_, &d, in.data(), out.data(), in.size()));
    }
    /// Cam torques at the angles into out (out.size() == in.size()), on the calling thread.
    void cam_torque(const CamproFollowerDynamics &d, span<const double> in, span<double> out) const {
        detail::check_size(in.size(), out.size(), "cam_torque");
        detail::check(campro_cam_torque_batch(m_, &d, in.data(), out.data(), in.size()));
    }
    /// Min/max contact force, peak and RMS torque, jump speed, separation (campro_dynamics_check).
    CamproDynamicsReport dynamics_check(const CamproFollowerDynamics &d, std::size_t num_points = 3600) const {
        CamproDynamicsReport r{};
        detail::check(campro_dynamics_check(m_, &d, num_points, &r));
        return r;
    }
    /// The smallest spring rate (preload = preload_per_rate_mm * rate) keeping contact with the
    /// safety factor up to overspeed_rpm (campro_size_spring).
    CamproSpringSizing size_spring(const CamproFollowerDynamics &d, double preload_per_rate_mm, double overspeed_rpm,
                                   double safety_factor = 1.0, std::size_t num_points = 3600) const {
        CamproSpringSizing s{};
        detail::check(campro_size_spring(m_, &d, preload_per_rate_mm, overspeed_rpm, safety_factor, num_points, &s));
        return s;
    }
    /// The smallest preload for d.spring_rate (campro_size_preload).
    CamproSpringSizing size_preload(const CamproFollowerDynamics &d, double overspeed_rpm, double safety_factor = 1.0,
                                    std::size_t num_points = 3600) const {
        CamproSpringSizing s{};
        detail::check(campro_size_preload(m_, &d, overspeed_rpm, safety_factor, num_points, &s));
        return s;
    }
    /// The highest rpm within the limits (HUGE_VAL / infinity: no limit; campro_max_rpm_within_limits).
    CamproSpeedLimit max_rpm_within_limits(double velocity_limit, double acceleration_limit, double jerk_limit,
                                           std::size_t num_points = 3600) const {
        CamproSpeedLimit s{};
        detail::check(
            campro_max_rpm_within_limits(m_, velocity_limit, acceleration_limit, jerk_limit, num_points, &s));
        return s;
    }

    // --- cam geometry (0.2) ---
    /// Profile points (contact, pitch, pressure angle, signed radius) at the cam angles theta_deg.
    void profile(const Follower &f, span<const double> theta_deg, span<ProfilePoint> out) const {
        detail::check_size(theta_deg.size(), out.size(), "profile");
        detail::check(campro_profile(m_, &f, theta_deg.data(), theta_deg.size(), out.data()));
    }
    /// The profile point at one cam angle.
    ProfilePoint profile(const Follower &f, double theta_deg) const {
        ProfilePoint p{};
        detail::check(campro_profile(m_, &f, &theta_deg, 1, &p));
        return p;
    }
    /// Largest pressure angle, smallest convex/concave radius, face width, undercut (refined extremes).
    GeometryReport geometry_check(const Follower &f, std::size_t num_points = 3600) const {
        GeometryReport r{};
        detail::check(campro_geometry_check(m_, &f, num_points, &r));
        return r;
    }
    /// Smallest base circle radius meeting the limits (90 / 0: no limit) with no undercut.
    double min_base_circle(const Follower &f, double max_pressure_angle_deg = 90.0,
                           double min_convex_radius_mm = 0.0) const {
        double rb = 0.0;
        detail::check(campro_min_base_circle(m_, &f, max_pressure_angle_deg, min_convex_radius_mm, &rb));
        return rb;
    }
    /// Writes the cam surface (CAMPRO_PROFILE_*), every chord within tolerance_mm of it.
    void export_profile(const Follower &f, std::int32_t format, double tolerance_mm, const std::string &path) const {
        detail::check(campro_export_profile(m_, &f, format, tolerance_mm, path.c_str()));
    }

    // --- lift tables and variable speed (0.2) ---
    /// The cam of a lift table (campro_motion_from_lift_table): a periodic quintic spline through
    /// (theta_deg[i], lift_mm[i]), or with smoothing > 0 (mm RMS) the smoothing spline.
    /// Different sizes throw std::invalid_argument; a bad table campro::Error naming the row.
    static Motion from_lift_table(span<const double> theta_deg, span<const double> lift_mm, double rpm,
                                  double smoothing = 0.0) {
        if (theta_deg.size() != lift_mm.size())
            throw std::invalid_argument("campro: from_lift_table: lift_mm size " + std::to_string(lift_mm.size()) +
                                        " != theta_deg size " + std::to_string(theta_deg.size()));
        CamproMotion *m = nullptr;
        detail::check(
            campro_motion_from_lift_table(theta_deg.data(), lift_mm.data(), theta_deg.size(), rpm, smoothing, &m));
        return Motion(m);
    }
    /// This cam with rpm piecewise linear in time through (time_s[i], rpm[i])
    /// (campro_motion_with_speed_profile); time-based values follow the chain rule.
    Motion with_speed_profile(span<const double> time_s, span<const double> rpm) const {
        if (time_s.size() != rpm.size())
            throw std::invalid_argument("campro: with_speed_profile: rpm size " + std::to_string(rpm.size()) +
                                        " != time_s size " + std::to_string(time_s.size()));
        CamproMotion *m = nullptr;
        detail::check(campro_motion_with_speed_profile(m_, time_s.data(), rpm.data(), time_s.size(), &m));
        return Motion(m);
    }
    /// Cam speed at time_s (rpm); NaN for an empty Motion or a non-finite time.
    double rpm_at_time(double time_s) const noexcept { return campro_motion_rpm_at_time(m_, time_s); }
    /// Points of the lift table the Motion was built from (0 for other motions).
    std::size_t lift_table_len() const noexcept { return campro_motion_lift_table_len(m_); }

    // --- time integrals (0.2, issue 12) ---
    /// The exact time integrals of the displacement over [t0_s, t1_s]: `integral` (mm*s) and the
    /// double integral that is 0 at t0_s (mm*s^2), as Abaqus UAMP's increment integrals
    /// (campro_displacement_time_integrals). Throws campro::Error (e.g. a variable-speed motion).
    struct TimeIntegrals {
        double integral;
        double double_integral;
    };
    TimeIntegrals displacement_time_integrals(double t0_s, double t1_s) const {
        TimeIntegrals r{};
        detail::check(campro_displacement_time_integrals(m_, t0_s, t1_s, &r.integral, &r.double_integral));
        return r;
    }

private:
    using ArrayFn = std::int32_t (*)(const CamproMotion *, const double *, double *, std::size_t);
    explicit Motion(CamproMotion *m) noexcept : m_(m) {}
    void run(span<const double> in, span<double> out, Exec exec, ArrayFn serial, ArrayFn parallel,
             const char *what) const {
        detail::check_size(in.size(), out.size(), what);
        detail::check((exec == Exec::Parallel ? parallel : serial)(m_, in.data(), out.data(), in.size()));
    }

    CamproMotion *m_ = nullptr;
};

// --- follower dynamics (0.2) ---
/// The [dynamics] table of a parameter file, if it has one (the whole file is checked; errors
/// throw campro::Error naming the file, line and key).
inline std::optional<CamproFollowerDynamics> load_follower_dynamics(const std::string &path) {
    CamproFollowerDynamics d{};
    std::int32_t found = 0;
    detail::check(campro_follower_dynamics_load(path.c_str(), &d, &found));
    if (found == 0) return std::nullopt;
    return d;
}

} // namespace campro

#endif // CAMPRO_HPP
