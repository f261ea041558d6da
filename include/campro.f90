! campro.f90 - Fortran 2008 bindings of the campro C library (ISO_C_BINDING).
!
! Two layers, like the C header they mirror:
!   * raw interfaces with the C names (bind(C)): handles are type(c_ptr) passed by value,
!     scalars by value, arrays as x(*), CamproMotion ** out-handles as type(c_ptr), intent(out);
!   * friendly helpers under `contains` that return Fortran strings and append c_null_char.
!
! Build:  gfortran -std=f2008 -c campro.f90   (then link your program with -lcampro)
! Units:  degrees, seconds, mm, mm/s, mm/s^2, mm/s^3 (see campro.h).
! Flags in structs are integer(c_int32_t) 0/1, never logical.
module campro
  use, intrinsic :: iso_c_binding
  implicit none

  ! ---- status codes -------------------------------------------------------------------
  integer(c_int32_t), parameter :: CAMPRO_OK = 0
  integer(c_int32_t), parameter :: CAMPRO_ERROR_NULL_POINTER = 1
  integer(c_int32_t), parameter :: CAMPRO_ERROR_INVALID_PARAMETER = 2
  integer(c_int32_t), parameter :: CAMPRO_ERROR_NON_FINITE_INPUT = 3
  integer(c_int32_t), parameter :: CAMPRO_ERROR_PARSE = 4
  integer(c_int32_t), parameter :: CAMPRO_ERROR_IO = 5
  integer(c_int32_t), parameter :: CAMPRO_ERROR_BUFFER_TOO_SMALL = 6
  integer(c_int32_t), parameter :: CAMPRO_ERROR_INTERNAL = 7

  ! ---- motion laws --------------------------------------------------------------------
  integer(c_int32_t), parameter :: CAMPRO_LAW_DWELL = 0
  integer(c_int32_t), parameter :: CAMPRO_LAW_CYCLOIDAL = 1
  integer(c_int32_t), parameter :: CAMPRO_LAW_SIMPLE_HARMONIC = 2
  integer(c_int32_t), parameter :: CAMPRO_LAW_MODIFIED_TRAPEZOIDAL = 3
  integer(c_int32_t), parameter :: CAMPRO_LAW_MODIFIED_SINE = 4
  integer(c_int32_t), parameter :: CAMPRO_LAW_POLYNOMIAL_345 = 5
  integer(c_int32_t), parameter :: CAMPRO_LAW_POLYNOMIAL_4567 = 6
  integer(c_int32_t), parameter :: CAMPRO_LAW_CONSTANT_ACCELERATION = 7

  ! ---- limits, export formats and quantities ------------------------------------------
  integer(c_int32_t), parameter :: CAMPRO_MAX_SEGMENTS = 4096
  integer(c_int32_t), parameter :: CAMPRO_FORMAT_CSV = 0
  integer(c_int32_t), parameter :: CAMPRO_FORMAT_ABAQUS_AMPLITUDE = 1
  integer(c_int32_t), parameter :: CAMPRO_FORMAT_LSDYNA_CURVE = 2
  ! --- smooth periodic amplitudes (0.2, issue 12) ---
  integer(c_int32_t), parameter :: CAMPRO_FORMAT_ABAQUS_PERIODIC = 3
  integer(c_int32_t), parameter :: CAMPRO_QUANTITY_DISPLACEMENT = 0
  integer(c_int32_t), parameter :: CAMPRO_QUANTITY_VELOCITY = 1
  integer(c_int32_t), parameter :: CAMPRO_QUANTITY_ACCELERATION = 2
  ! --- follower dynamics (0.2): which limit binds (CamproSpeedLimit%limited_by) ---
  integer(c_int32_t), parameter :: CAMPRO_LIMITED_BY_NONE = 0
  integer(c_int32_t), parameter :: CAMPRO_LIMITED_BY_VELOCITY = 1
  integer(c_int32_t), parameter :: CAMPRO_LIMITED_BY_ACCELERATION = 2
  integer(c_int32_t), parameter :: CAMPRO_LIMITED_BY_JERK = 3

  ! ---- bounds of the accepted region (every kinematic output inside it is finite) ----------
  real(c_double), parameter :: CAMPRO_MIN_RPM = 1.0e-6_c_double
  real(c_double), parameter :: CAMPRO_MAX_RPM = 1.0e6_c_double
  real(c_double), parameter :: CAMPRO_MAX_LIFT_MM = 1.0e6_c_double
  real(c_double), parameter :: CAMPRO_MIN_SEGMENT_DURATION_DEG = 1.0e-6_c_double
  real(c_double), parameter :: CAMPRO_MAX_BASE_CIRCLE_RADIUS_MM = 1.0e6_c_double
  real(c_double), parameter :: CAMPRO_MAX_TIME_S = 1.0e10_c_double   ! |time_s| beyond: NaN
  real(c_double), parameter :: CAMPRO_TIME_ANGLE_TOLERANCE_DEG = 1.1368683772161603e-13_c_double
  integer(c_size_t), parameter :: CAMPRO_MAX_ANALYSIS_POINTS = 1000000000
  integer(c_size_t), parameter :: CAMPRO_MAX_THREADS = 1024
  ! --- lift tables and variable speed (0.2) ---
  integer(c_size_t), parameter :: CAMPRO_MIN_LIFT_TABLE_POINTS = 8
  integer(c_size_t), parameter :: CAMPRO_MAX_LIFT_TABLE_POINTS = 100000
  integer(c_size_t), parameter :: CAMPRO_MAX_SPEED_POINTS = 1000000
  real(c_double), parameter :: CAMPRO_MAX_RPM_RATE = 1.0e12_c_double   ! rpm per second

  ! ---- structs (same names, order and C types as campro.h) ----------------------------
  type, bind(C) :: CamproParameters
    real(c_double) :: base_circle_radius   ! mm
    real(c_double) :: max_lift             ! mm
    real(c_double) :: cam_duration         ! deg
    real(c_double) :: rise_duration        ! deg
    real(c_double) :: dwell_duration       ! deg
    real(c_double) :: fall_duration        ! deg
    real(c_double) :: jerk_limit           ! mm/s^3
    real(c_double) :: acceleration_limit   ! mm/s^2
    real(c_double) :: velocity_limit       ! mm/s
    real(c_double) :: rpm
    integer(c_int32_t) :: rise_law         ! CAMPRO_LAW_*
    integer(c_int32_t) :: fall_law         ! CAMPRO_LAW_*
  end type CamproParameters

  type, bind(C) :: CamproSegment
    integer(c_int32_t) :: law              ! CAMPRO_LAW_*; DWELL holds the lift
    real(c_double) :: duration             ! deg, > 0
    real(c_double) :: end_lift             ! mm
  end type CamproSegment

  type, bind(C) :: CamproKinematics
    real(c_double) :: displacement, velocity, acceleration, jerk
  end type CamproKinematics

  type, bind(C) :: CamproBoundaryCondition
    real(c_double) :: displacement, velocity, acceleration
  end type CamproBoundaryCondition

  type, bind(C) :: CamproAnalysis
    real(c_double) :: max_velocity, max_acceleration, max_jerk
    real(c_double) :: rms_acceleration, rms_jerk
    integer(c_int32_t) :: velocity_violation, acceleration_violation, jerk_violation
  end type CamproAnalysis

  ! --- follower dynamics (0.2) ---
  ! Contact force F = mass*a*1e-3 + damping*v + spring_rate*s + spring_preload + external_force (N);
  ! cam torque T = F * ds/dtheta (N*mm, per radian).
  type, bind(C) :: CamproFollowerDynamics
    real(c_double) :: mass                 ! kg, > 0
    real(c_double) :: spring_rate          ! N/mm, >= 0
    real(c_double) :: spring_preload       ! N, spring force at lift 0, >= 0
    real(c_double) :: damping              ! N*s/mm, >= 0
    real(c_double) :: external_force       ! N, pressing the follower onto the cam
  end type CamproFollowerDynamics

  type, bind(C) :: CamproDynamicsReport
    real(c_double) :: min_contact_force, min_contact_force_at   ! N, deg
    real(c_double) :: max_contact_force, max_contact_force_at   ! N, deg
    real(c_double) :: max_torque, max_torque_at                 ! N*mm (largest |T|), deg
    real(c_double) :: rms_torque                                ! N*mm
    real(c_double) :: max_power_factor                          ! max |v*a|, mm^2/s^3
    real(c_double) :: jump_rpm                                  ! lowest rpm with F < 0; +Inf if none
    integer(c_int32_t) :: separation                            ! 0/1: F < 0 at the motion's rpm
  end type CamproDynamicsReport

  type, bind(C) :: CamproSpringSizing
    real(c_double) :: spring_rate          ! N/mm
    real(c_double) :: spring_preload       ! N
    real(c_double) :: critical_angle       ! deg, where the requirement binds
    real(c_double) :: critical_rpm         ! rpm at which it binds there
  end type CamproSpringSizing

  type, bind(C) :: CamproSpeedLimit
    real(c_double) :: max_rpm              ! highest rpm within every limit; +Inf if none binds
    real(c_double) :: rpm_by_velocity, rpm_by_acceleration, rpm_by_jerk
    real(c_double) :: max_velocity, max_velocity_at           ! mm/s, deg (at the motion's rpm)
    real(c_double) :: max_acceleration, max_acceleration_at   ! mm/s^2, deg
    real(c_double) :: max_jerk, max_jerk_at                   ! mm/s^3, deg
    integer(c_int32_t) :: limited_by       ! CAMPRO_LIMITED_BY_*
  end type CamproSpeedLimit

  ! ---- cam geometry (0.2): follower kinds, profile formats, bounds, structs ---------------
  integer(c_int32_t), parameter :: CAMPRO_FOLLOWER_TRANSLATING_ROLLER = 0
  integer(c_int32_t), parameter :: CAMPRO_FOLLOWER_TRANSLATING_FLAT = 1
  integer(c_int32_t), parameter :: CAMPRO_FOLLOWER_OSCILLATING_ROLLER = 2
  integer(c_int32_t), parameter :: CAMPRO_PROFILE_CSV = 0
  integer(c_int32_t), parameter :: CAMPRO_PROFILE_DXF = 1
  integer(c_int32_t), parameter :: CAMPRO_PROFILE_ABAQUS_SURFACE = 2
  real(c_double), parameter :: CAMPRO_MAX_FOLLOWER_LENGTH_MM = 1.0e6_c_double
  real(c_double), parameter :: CAMPRO_MIN_FOLLOWER_LENGTH_MM = 1.0e-6_c_double

  type, bind(C) :: CamproFollower
    integer(c_int32_t) :: kind             ! CAMPRO_FOLLOWER_*
    integer(c_int32_t) :: rotation         ! +1 counter-clockwise, -1 clockwise
    real(c_double) :: base_circle_radius   ! mm, Rb > 0
    real(c_double) :: roller_radius        ! mm, Rr >= 0 (roller kinds)
    real(c_double) :: offset               ! mm, e (translating roller), |e| < Rb + Rr
    real(c_double) :: pivot_distance       ! mm, d (oscillating)
    real(c_double) :: arm_length           ! mm, L (oscillating)
  end type CamproFollower

  type, bind(C) :: CamproProfilePoint
    real(c_double) :: x, y                 ! mm, contact point, cam frame
    real(c_double) :: pitch_x, pitch_y     ! mm, roller centre, cam frame
    real(c_double) :: pressure_angle       ! deg
    real(c_double) :: radius_of_curvature  ! mm, > 0 convex, < 0 concave
  end type CamproProfilePoint

  type, bind(C) :: CamproGeometryReport
    real(c_double) :: max_pressure_angle, max_pressure_angle_at
    real(c_double) :: min_convex_radius, min_convex_radius_at
    real(c_double) :: min_concave_radius, min_concave_radius_at
    real(c_double) :: face_width
    integer(c_int32_t) :: undercut         ! 0/1
    real(c_double) :: undercut_at          ! deg; NaN if none
  end type CamproGeometryReport

  ! Solver-style time function (CamproTimeFunction): ctx is the CamproMotion handle.
  abstract interface
    function CamproTimeFunction(time_s, ctx) bind(C) result(r)
      import :: c_double, c_ptr
      real(c_double), value :: time_s
      type(c_ptr), value :: ctx
      real(c_double) :: r
    end function CamproTimeFunction
  end interface

  interface
    ! ---- library information and errors ---------------------------------------------
    function campro_version() bind(C, name="campro_version") result(s)
      import :: c_ptr
      type(c_ptr) :: s                      ! static NUL-terminated string
    end function campro_version

    function campro_status_name(status) bind(C, name="campro_status_name") result(s)
      import :: c_ptr, c_int32_t
      integer(c_int32_t), value :: status
      type(c_ptr) :: s                      ! static NUL-terminated string
    end function campro_status_name

    ! buffer is a c_ptr so that c_null_ptr can ask the length; pass c_loc(buf) otherwise.
    function campro_last_error_message(buffer, capacity) &
        bind(C, name="campro_last_error_message") result(length)
      import :: c_ptr, c_size_t
      type(c_ptr), value :: buffer
      integer(c_size_t), value :: capacity
      integer(c_size_t) :: length
    end function campro_last_error_message

    ! ---- creation ---------------------------------------------------------------------
    subroutine campro_parameters_default(out) bind(C, name="campro_parameters_default")
      import :: CamproParameters
      type(CamproParameters), intent(out) :: out
    end subroutine campro_parameters_default

    function campro_motion_new(params, out) bind(C, name="campro_motion_new") result(status)
      import :: CamproParameters, c_ptr, c_int32_t
      type(CamproParameters), intent(in) :: params
      type(c_ptr), intent(out) :: out
      integer(c_int32_t) :: status
    end function campro_motion_new

    function campro_motion_from_segments(segments, count, rpm, out) &
        bind(C, name="campro_motion_from_segments") result(status)
      import :: CamproSegment, c_size_t, c_double, c_ptr, c_int32_t
      type(CamproSegment), intent(in) :: segments(*)
      integer(c_size_t), value :: count
      real(c_double), value :: rpm
      type(c_ptr), intent(out) :: out
      integer(c_int32_t) :: status
    end function campro_motion_from_segments

    ! path must end with c_null_char; campro_motion_load_f below appends it.
    function campro_motion_load(path, out) bind(C, name="campro_motion_load") result(status)
      import :: c_char, c_ptr, c_int32_t
      character(kind=c_char), intent(in) :: path(*)
      type(c_ptr), intent(out) :: out
      integer(c_int32_t) :: status
    end function campro_motion_load

    subroutine campro_motion_free(motion) bind(C, name="campro_motion_free")
      import :: c_ptr
      type(c_ptr), value :: motion          ! c_null_ptr is a no-op
    end subroutine campro_motion_free

    function campro_motion_rpm(m) bind(C, name="campro_motion_rpm") result(r)
      import :: c_ptr, c_double
      type(c_ptr), value :: m
      real(c_double) :: r
    end function campro_motion_rpm

    function campro_motion_segment_count(m) bind(C, name="campro_motion_segment_count") result(n)
      import :: c_ptr, c_size_t
      type(c_ptr), value :: m
      integer(c_size_t) :: n                ! 0 for a NULL handle
    end function campro_motion_segment_count

    ! index is 0-based, as in C.
    function campro_motion_segment(m, index, out) bind(C, name="campro_motion_segment") result(status)
      import :: c_ptr, c_size_t, c_int32_t, CamproSegment
      type(c_ptr), value :: m
      integer(c_size_t), value :: index
      type(CamproSegment), intent(out) :: out
      integer(c_int32_t) :: status
    end function campro_motion_segment

    ! ---- scalar, by cam angle in degrees ------------------------------------------------
    function campro_displacement(m, theta_deg) bind(C, name="campro_displacement") result(r)
      import :: c_ptr, c_double
      type(c_ptr), value :: m
      real(c_double), value :: theta_deg
      real(c_double) :: r
    end function campro_displacement

    function campro_velocity(m, theta_deg) bind(C, name="campro_velocity") result(r)
      import :: c_ptr, c_double
      type(c_ptr), value :: m
      real(c_double), value :: theta_deg
      real(c_double) :: r
    end function campro_velocity

    function campro_acceleration(m, theta_deg) bind(C, name="campro_acceleration") result(r)
      import :: c_ptr, c_double
      type(c_ptr), value :: m
      real(c_double), value :: theta_deg
      real(c_double) :: r
    end function campro_acceleration

    function campro_jerk(m, theta_deg) bind(C, name="campro_jerk") result(r)
      import :: c_ptr, c_double
      type(c_ptr), value :: m
      real(c_double), value :: theta_deg
      real(c_double) :: r
    end function campro_jerk

    function campro_kinematics(m, theta_deg) bind(C, name="campro_kinematics") result(k)
      import :: c_ptr, c_double, CamproKinematics
      type(c_ptr), value :: m
      real(c_double), value :: theta_deg
      type(CamproKinematics) :: k
    end function campro_kinematics

    ! ---- batch (calling thread) and parallel (thread pool), by angle --------------------
    function campro_displacement_batch(m, theta_deg, out, n) &
        bind(C, name="campro_displacement_batch") result(status)
      import :: c_ptr, c_double, c_size_t, c_int32_t
      type(c_ptr), value :: m
      real(c_double), intent(in) :: theta_deg(*)
      real(c_double), intent(out) :: out(*)
      integer(c_size_t), value :: n
      integer(c_int32_t) :: status
    end function campro_displacement_batch

    function campro_velocity_batch(m, theta_deg, out, n) &
        bind(C, name="campro_velocity_batch") result(status)
      import :: c_ptr, c_double, c_size_t, c_int32_t
      type(c_ptr), value :: m
      real(c_double), intent(in) :: theta_deg(*)
      real(c_double), intent(out) :: out(*)
      integer(c_size_t), value :: n
      integer(c_int32_t) :: status
    end function campro_velocity_batch

    function campro_acceleration_batch(m, theta_deg, out, n) &
        bind(C, name="campro_acceleration_batch") result(status)
      import :: c_ptr, c_double, c_size_t, c_int32_t
      type(c_ptr), value :: m
      real(c_double), intent(in) :: theta_deg(*)
      real(c_double), intent(out) :: out(*)
      integer(c_size_t), value :: n
      integer(c_int32_t) :: status
    end function campro_acceleration_batch

    function campro_jerk_batch(m, theta_deg, out, n) &
        bind(C, name="campro_jerk_batch") result(status)
      import :: c_ptr, c_double, c_size_t, c_int32_t
      type(c_ptr), value :: m
      real(c_double), intent(in) :: theta_deg(*)
      real(c_double), intent(out) :: out(*)
      integer(c_size_t), value :: n
      integer(c_int32_t) :: status
    end function campro_jerk_batch

    function campro_displacement_parallel(m, theta_deg, out, n) &
        bind(C, name="campro_displacement_parallel") result(status)
      import :: c_ptr, c_double, c_size_t, c_int32_t
      type(c_ptr), value :: m
      real(c_double), intent(in) :: theta_deg(*)
      real(c_double), intent(out) :: out(*)
      integer(c_size_t), value :: n
      integer(c_int32_t) :: status
    end function campro_displacement_parallel

    function campro_velocity_parallel(m, theta_deg, out, n) &
        bind(C, name="campro_velocity_parallel") result(status)
      import :: c_ptr, c_double, c_size_t, c_int32_t
      type(c_ptr), value :: m
      real(c_double), intent(in) :: theta_deg(*)
      real(c_double), intent(out) :: out(*)
      integer(c_size_t), value :: n
      integer(c_int32_t) :: status
    end function campro_velocity_parallel

    function campro_acceleration_parallel(m, theta_deg, out, n) &
        bind(C, name="campro_acceleration_parallel") result(status)
      import :: c_ptr, c_double, c_size_t, c_int32_t
      type(c_ptr), value :: m
      real(c_double), intent(in) :: theta_deg(*)
      real(c_double), intent(out) :: out(*)
      integer(c_size_t), value :: n
      integer(c_int32_t) :: status
    end function campro_acceleration_parallel

    function campro_jerk_parallel(m, theta_deg, out, n) &
        bind(C, name="campro_jerk_parallel") result(status)
      import :: c_ptr, c_double, c_size_t, c_int32_t
      type(c_ptr), value :: m
      real(c_double), intent(in) :: theta_deg(*)
      real(c_double), intent(out) :: out(*)
      integer(c_size_t), value :: n
      integer(c_int32_t) :: status
    end function campro_jerk_parallel

    ! All four outputs must be arrays of length n here (C also accepts NULL outputs).
    function campro_kinematics_batch(m, theta_deg, n, displacement, velocity, acceleration, jerk) &
        bind(C, name="campro_kinematics_batch") result(status)
      import :: c_ptr, c_double, c_size_t, c_int32_t
      type(c_ptr), value :: m
      real(c_double), intent(in) :: theta_deg(*)
      integer(c_size_t), value :: n
      real(c_double), intent(out) :: displacement(*), velocity(*), acceleration(*), jerk(*)
      integer(c_int32_t) :: status
    end function campro_kinematics_batch

    function campro_kinematics_parallel(m, theta_deg, n, displacement, velocity, acceleration, &
        jerk) bind(C, name="campro_kinematics_parallel") result(status)
      import :: c_ptr, c_double, c_size_t, c_int32_t
      type(c_ptr), value :: m
      real(c_double), intent(in) :: theta_deg(*)
      integer(c_size_t), value :: n
      real(c_double), intent(out) :: displacement(*), velocity(*), acceleration(*), jerk(*)
      integer(c_int32_t) :: status
    end function campro_kinematics_parallel

    ! ---- boundary conditions by time in seconds ----------------------------------------
    function campro_boundary_condition_at_time(m, time_s) &
        bind(C, name="campro_boundary_condition_at_time") result(bc)
      import :: c_ptr, c_double, CamproBoundaryCondition
      type(c_ptr), value :: m
      real(c_double), value :: time_s
      type(CamproBoundaryCondition) :: bc
    end function campro_boundary_condition_at_time

    function campro_boundary_conditions(m, time_s, n, out) &
        bind(C, name="campro_boundary_conditions") result(status)
      import :: c_ptr, c_double, c_size_t, c_int32_t, CamproBoundaryCondition
      type(c_ptr), value :: m
      real(c_double), intent(in) :: time_s(*)
      integer(c_size_t), value :: n
      type(CamproBoundaryCondition), intent(out) :: out(*)
      integer(c_int32_t) :: status
    end function campro_boundary_conditions

    function campro_boundary_conditions_batch(m, time_s, n, out) &
        bind(C, name="campro_boundary_conditions_batch") result(status)
      import :: c_ptr, c_double, c_size_t, c_int32_t, CamproBoundaryCondition
      type(c_ptr), value :: m
      real(c_double), intent(in) :: time_s(*)
      integer(c_size_t), value :: n
      type(CamproBoundaryCondition), intent(out) :: out(*)
      integer(c_int32_t) :: status
    end function campro_boundary_conditions_batch

    ! CamproTimeFunction callbacks: pass c_funloc(...) and the handle to a C solver.
    function campro_bc_displacement(time_s, motion) bind(C, name="campro_bc_displacement") result(r)
      import :: c_ptr, c_double
      real(c_double), value :: time_s
      type(c_ptr), value :: motion
      real(c_double) :: r
    end function campro_bc_displacement

    function campro_bc_velocity(time_s, motion) bind(C, name="campro_bc_velocity") result(r)
      import :: c_ptr, c_double
      real(c_double), value :: time_s
      type(c_ptr), value :: motion
      real(c_double) :: r
    end function campro_bc_velocity

    function campro_bc_acceleration(time_s, motion) bind(C, name="campro_bc_acceleration") result(r)
      import :: c_ptr, c_double
      real(c_double), value :: time_s
      type(c_ptr), value :: motion
      real(c_double) :: r
    end function campro_bc_acceleration

    ! ---- analysis, export, threads ------------------------------------------------------
    function campro_analyze_kinematics(m, num_points, out) &
        bind(C, name="campro_analyze_kinematics") result(status)
      import :: c_ptr, c_size_t, c_int32_t, CamproAnalysis
      type(c_ptr), value :: m
      integer(c_size_t), value :: num_points
      type(CamproAnalysis), intent(out) :: out
      integer(c_int32_t) :: status
    end function campro_analyze_kinematics

    ! Writes a solver table (CAMPRO_FORMAT_*, CAMPRO_QUANTITY_*) to path (NUL-terminated).
    function campro_export_table(m, format, quantity, t_start, t_end, tolerance, path) &
        bind(C, name="campro_export_table") result(status)
      import :: c_ptr, c_int32_t, c_double, c_char
      type(c_ptr), value :: m
      integer(c_int32_t), value :: format, quantity
      real(c_double), value :: t_start, t_end, tolerance
      character(kind=c_char), intent(in) :: path(*)
      integer(c_int32_t) :: status
    end function campro_export_table

    function campro_export_table_report(m, format, quantity, t_start, t_end, tolerance, path, &
        num_points, max_error) bind(C, name="campro_export_table_report") result(status)
      import :: c_ptr, c_int32_t, c_double, c_char, c_size_t
      type(c_ptr), value :: m
      integer(c_int32_t), value :: format, quantity
      real(c_double), value :: t_start, t_end, tolerance
      character(kind=c_char), intent(in) :: path(*)
      integer(c_size_t), intent(out) :: num_points  ! (time, value) pairs written
      real(c_double), intent(out) :: max_error      ! achieved max interpolation error
      integer(c_int32_t) :: status
    end function campro_export_table_report

    function campro_set_num_threads(n) bind(C, name="campro_set_num_threads") result(status)
      import :: c_size_t, c_int32_t
      integer(c_size_t), value :: n
      integer(c_int32_t) :: status
    end function campro_set_num_threads

    function campro_num_threads() bind(C, name="campro_num_threads") result(n)
      import :: c_size_t
      integer(c_size_t) :: n                ! threads the pool has, or will start with
    end function campro_num_threads

    ! ---- follower dynamics (0.2) ----------------------------------------------------------
    ! Scalars return NaN for bad input (campro_error_message says why).
    function campro_contact_force(m, d, theta_deg) bind(C, name="campro_contact_force") result(f)
      import :: c_ptr, c_double, CamproFollowerDynamics
      type(c_ptr), value :: m
      type(CamproFollowerDynamics), intent(in) :: d
      real(c_double), value :: theta_deg
      real(c_double) :: f                   ! N
    end function campro_contact_force

    function campro_cam_torque(m, d, theta_deg) bind(C, name="campro_cam_torque") result(t)
      import :: c_ptr, c_double, CamproFollowerDynamics
      type(c_ptr), value :: m
      type(CamproFollowerDynamics), intent(in) :: d
      real(c_double), value :: theta_deg
      real(c_double) :: t                   ! N*mm
    end function campro_cam_torque

    function campro_contact_force_batch(m, d, theta_deg, out, n) &
        bind(C, name="campro_contact_force_batch") result(status)
      import :: c_ptr, c_double, c_size_t, c_int32_t, CamproFollowerDynamics
      type(c_ptr), value :: m
      type(CamproFollowerDynamics), intent(in) :: d
      real(c_double), intent(in) :: theta_deg(*)
      real(c_double), intent(out) :: out(*)
      integer(c_size_t), value :: n
      integer(c_int32_t) :: status
    end function campro_contact_force_batch

    function campro_cam_torque_batch(m, d, theta_deg, out, n) &
        bind(C, name="campro_cam_torque_batch") result(status)
      import :: c_ptr, c_double, c_size_t, c_int32_t, CamproFollowerDynamics
      type(c_ptr), value :: m
      type(CamproFollowerDynamics), intent(in) :: d
      real(c_double), intent(in) :: theta_deg(*)
      real(c_double), intent(out) :: out(*)
      integer(c_size_t), value :: n
      integer(c_int32_t) :: status
    end function campro_cam_torque_batch

    function campro_dynamics_check(m, d, num_points, out) &
        bind(C, name="campro_dynamics_check") result(status)
      import :: c_ptr, c_size_t, c_int32_t, CamproFollowerDynamics, CamproDynamicsReport
      type(c_ptr), value :: m
      type(CamproFollowerDynamics), intent(in) :: d
      integer(c_size_t), value :: num_points
      type(CamproDynamicsReport), intent(inout) :: out   ! untouched on error
      integer(c_int32_t) :: status
    end function campro_dynamics_check

    function campro_size_spring(m, d, preload_per_rate_mm, overspeed_rpm, safety_factor, num_points, &
        out) bind(C, name="campro_size_spring") result(status)
      import :: c_ptr, c_double, c_size_t, c_int32_t, CamproFollowerDynamics, CamproSpringSizing
      type(c_ptr), value :: m
      type(CamproFollowerDynamics), intent(in) :: d
      real(c_double), value :: preload_per_rate_mm, overspeed_rpm, safety_factor
      integer(c_size_t), value :: num_points
      type(CamproSpringSizing), intent(inout) :: out
      integer(c_int32_t) :: status
    end function campro_size_spring

    function campro_size_preload(m, d, overspeed_rpm, safety_factor, num_points, out) &
        bind(C, name="campro_size_preload") result(status)
      import :: c_ptr, c_double, c_size_t, c_int32_t, CamproFollowerDynamics, CamproSpringSizing
      type(c_ptr), value :: m
      type(CamproFollowerDynamics), intent(in) :: d
      real(c_double), value :: overspeed_rpm, safety_factor
      integer(c_size_t), value :: num_points
      type(CamproSpringSizing), intent(inout) :: out
      integer(c_int32_t) :: status
    end function campro_size_preload

    ! A limit of ieee_value(x, ieee_positive_inf) means no limit.
    function campro_max_rpm_within_limits(m, velocity_limit, acceleration_limit, jerk_limit, &
        num_points, out) bind(C, name="campro_max_rpm_within_limits") result(status)
      import :: c_ptr, c_double, c_size_t, c_int32_t, CamproSpeedLimit
      type(c_ptr), value :: m
      real(c_double), value :: velocity_limit, acceleration_limit, jerk_limit
      integer(c_size_t), value :: num_points
      type(CamproSpeedLimit), intent(inout) :: out
      integer(c_int32_t) :: status
    end function campro_max_rpm_within_limits

    ! path must end with c_null_char; campro_follower_dynamics_load_f below appends it.
    function campro_follower_dynamics_load(path, out, found) &
        bind(C, name="campro_follower_dynamics_load") result(status)
      import :: c_char, c_int32_t, CamproFollowerDynamics
      character(kind=c_char), intent(in) :: path(*)
      type(CamproFollowerDynamics), intent(inout) :: out   ! set only when found = 1
      integer(c_int32_t), intent(inout) :: found           ! 1: the file has [dynamics]
      integer(c_int32_t) :: status
    end function campro_follower_dynamics_load

    ! ---- cam geometry (0.2) ---------------------------------------------------------------
    ! Profile points at theta_deg(1:n) into out(1:n) (cam frame, mm; degrees).
    function campro_profile(m, f, theta_deg, n, out) bind(C, name="campro_profile") result(status)
      import :: c_ptr, c_size_t, c_double, c_int32_t, CamproFollower, CamproProfilePoint
      type(c_ptr), value :: m
      type(CamproFollower), intent(in) :: f
      integer(c_size_t), value :: n
      real(c_double), intent(in) :: theta_deg(*)
      type(CamproProfilePoint), intent(out) :: out(*)
      integer(c_int32_t) :: status
    end function campro_profile

    ! Max pressure angle, min convex/concave radius, face width, undercut (refined extremes).
    function campro_geometry_check(m, f, num_points, out) bind(C, name="campro_geometry_check") result(status)
      import :: c_ptr, c_size_t, c_int32_t, CamproFollower, CamproGeometryReport
      type(c_ptr), value :: m
      type(CamproFollower), intent(in) :: f
      integer(c_size_t), value :: num_points
      type(CamproGeometryReport), intent(inout) :: out  ! untouched on error
      integer(c_int32_t) :: status
    end function campro_geometry_check

    ! Smallest base circle radius (mm) meeting the limits (90 / 0: no limit), no undercut.
    function campro_min_base_circle(m, f, max_pressure_angle_deg, min_convex_radius_mm, &
        out_base_circle_radius_mm) bind(C, name="campro_min_base_circle") result(status)
      import :: c_ptr, c_double, c_int32_t, CamproFollower
      type(c_ptr), value :: m
      type(CamproFollower), intent(in) :: f
      real(c_double), value :: max_pressure_angle_deg, min_convex_radius_mm
      real(c_double), intent(inout) :: out_base_circle_radius_mm  ! written only on CAMPRO_OK
      integer(c_int32_t) :: status
    end function campro_min_base_circle

    ! Writes the cam surface (CAMPRO_PROFILE_*) to path (NUL-terminated); see campro_export_profile_f.
    function campro_export_profile(m, f, format, tolerance_mm, path) bind(C, name="campro_export_profile") &
        result(status)
      import :: c_ptr, c_double, c_int32_t, c_char, CamproFollower
      type(c_ptr), value :: m
      type(CamproFollower), intent(in) :: f
      integer(c_int32_t), value :: format
      real(c_double), value :: tolerance_mm
      character(kind=c_char), intent(in) :: path(*)
      integer(c_int32_t) :: status
    end function campro_export_profile

    ! A knife-edge translating follower on the motion's base circle (25 mm without one).
    subroutine campro_follower_default(m, out) bind(C, name="campro_follower_default")
      import :: c_ptr, CamproFollower
      type(c_ptr), value :: m
      type(CamproFollower), intent(out) :: out
    end subroutine campro_follower_default

    ! The [follower] table of a parameter file (path NUL-terminated; see campro_follower_load_f).
    function campro_follower_load(path, out) bind(C, name="campro_follower_load") result(status)
      import :: c_char, c_int32_t, CamproFollower
      character(kind=c_char), intent(in) :: path(*)
      type(CamproFollower), intent(inout) :: out  ! untouched on error
      integer(c_int32_t) :: status
    end function campro_follower_load

    ! --- lift tables and variable speed (0.2) ---
    ! The cam of a lift table: periodic quintic spline through (theta_deg(i), lift_mm(i)), or with
    ! smoothing > 0 (mm RMS) the smoothing spline. Bad rows are named in the error message.
    function campro_motion_from_lift_table(theta_deg, lift_mm, n, rpm, smoothing, out) &
        bind(C, name="campro_motion_from_lift_table") result(status)
      import :: c_ptr, c_size_t, c_double, c_int32_t
      real(c_double), intent(in) :: theta_deg(*), lift_mm(*)
      integer(c_size_t), value :: n
      real(c_double), value :: rpm, smoothing
      type(c_ptr), intent(out) :: out
      integer(c_int32_t) :: status
    end function campro_motion_from_lift_table

    ! A new motion with m's cam and rpm piecewise linear in time through (time_s(i), rpm(i)).
    function campro_motion_with_speed_profile(m, time_s, rpm, n, out) &
        bind(C, name="campro_motion_with_speed_profile") result(status)
      import :: c_ptr, c_size_t, c_double, c_int32_t
      type(c_ptr), value :: m
      real(c_double), intent(in) :: time_s(*), rpm(*)
      integer(c_size_t), value :: n
      type(c_ptr), intent(out) :: out
      integer(c_int32_t) :: status
    end function campro_motion_with_speed_profile

    function campro_motion_rpm_at_time(m, time_s) bind(C, name="campro_motion_rpm_at_time") result(r)
      import :: c_ptr, c_double
      type(c_ptr), value :: m
      real(c_double), value :: time_s
      real(c_double) :: r
    end function campro_motion_rpm_at_time

    function campro_motion_lift_table_len(m) bind(C, name="campro_motion_lift_table_len") result(n)
      import :: c_ptr, c_size_t
      type(c_ptr), value :: m
      integer(c_size_t) :: n
    end function campro_motion_lift_table_len

    ! --- time integrals (0.2, issue 12) ---
    ! integral = int_{t0}^{t1} s dt (mm*s); double_integral = int_{t0}^{t1} int_{t0}^{tau} s dt dtau
    ! (mm*s^2): exact, from the motion's pieces (Abaqus UAMP's AmpIncIntegral, AmpDoubleIntegral).
    function campro_displacement_time_integrals(m, t0_s, t1_s, integral, double_integral) &
        bind(C, name="campro_displacement_time_integrals") result(status)
      import :: c_ptr, c_double, c_int32_t
      type(c_ptr), value :: m
      real(c_double), value :: t0_s, t1_s
      real(c_double), intent(out) :: integral, double_integral
      integer(c_int32_t) :: status
    end function campro_displacement_time_integrals
  end interface

  private :: c_string_to_fortran, c_strlen

  interface
    function c_strlen(s) bind(C, name="strlen") result(n)
      import :: c_ptr, c_size_t
      type(c_ptr), value :: s
      integer(c_size_t) :: n
    end function c_strlen
  end interface

contains

  ! The calling thread's last error message as a Fortran string ("" before any error).
  function campro_error_message() result(msg)
    character(len=:), allocatable :: msg
    character(kind=c_char), allocatable, target :: buf(:)
    integer(c_size_t) :: n, copied
    integer :: i

    n = campro_last_error_message(c_null_ptr, 0_c_size_t)
    allocate (buf(n + 1_c_size_t))
    copied = campro_last_error_message(c_loc(buf), n + 1_c_size_t)
    n = min(n, copied)
    allocate (character(len=int(n)) :: msg)
    do i = 1, int(n)
      msg(i:i) = buf(i)
    end do
  end function campro_error_message

  ! campro_version() as a Fortran string, e.g. "0.1.0".
  function campro_version_string() result(s)
    character(len=:), allocatable :: s
    s = c_string_to_fortran(campro_version())
  end function campro_version_string

  ! campro_status_name(status) as a Fortran string, e.g. "CAMPRO_OK".
  function campro_status_name_string(status) result(s)
    integer(c_int32_t), intent(in) :: status
    character(len=:), allocatable :: s
    s = c_string_to_fortran(campro_status_name(status))
  end function campro_status_name_string

  ! campro_motion_load with a Fortran path (trailing blanks trimmed, NUL appended).
  function campro_motion_load_f(path, motion) result(status)
    character(len=*), intent(in) :: path
    type(c_ptr), intent(out) :: motion
    integer(c_int32_t) :: status
    status = campro_motion_load(trim(path)//c_null_char, motion)
  end function campro_motion_load_f

  ! --- follower dynamics (0.2) ---
  ! campro_follower_dynamics_load with a Fortran path (trailing blanks trimmed, NUL appended);
  ! found is .true. when the file has a [dynamics] table (then d holds it).
  function campro_follower_dynamics_load_f(path, d, found) result(status)
    character(len=*), intent(in) :: path
    type(CamproFollowerDynamics), intent(inout) :: d
    logical, intent(out) :: found
    integer(c_int32_t) :: status
    integer(c_int32_t) :: flag
    flag = 0
    status = campro_follower_dynamics_load(trim(path)//c_null_char, d, flag)
    found = flag == 1
  end function campro_follower_dynamics_load_f

  function c_string_to_fortran(p) result(s)
    type(c_ptr), intent(in) :: p
    character(len=:), allocatable :: s
    character(kind=c_char), pointer :: chars(:)
    integer :: i, n

    if (.not. c_associated(p)) then
      s = ""
      return
    end if
    n = int(c_strlen(p))
    call c_f_pointer(p, chars, [n])
    allocate (character(len=n) :: s)
    do i = 1, n
      s(i:i) = chars(i)
    end do
  end function c_string_to_fortran
  ! ---- cam geometry (0.2) ---------------------------------------------------------------
  ! campro_export_profile with a Fortran path (trailing blanks trimmed, NUL appended).
  function campro_export_profile_f(m, f, format, tolerance_mm, path) result(status)
    type(c_ptr), intent(in) :: m
    type(CamproFollower), intent(in) :: f
    integer(c_int32_t), intent(in) :: format
    real(c_double), intent(in) :: tolerance_mm
    character(len=*), intent(in) :: path
    integer(c_int32_t) :: status
    status = campro_export_profile(m, f, format, tolerance_mm, trim(path)//c_null_char)
  end function campro_export_profile_f

  ! campro_follower_load with a Fortran path (trailing blanks trimmed, NUL appended).
  function campro_follower_load_f(path, f) result(status)
    character(len=*), intent(in) :: path
    type(CamproFollower), intent(inout) :: f
    integer(c_int32_t) :: status
    status = campro_follower_load(trim(path)//c_null_char, f)
  end function campro_follower_load_f

end module campro
