! Checks the Fortran bindings of include/campro.f90 against the closed-form values of the
! default cam (cycloidal 10 mm rise over 0..90 deg, dwell to 135, cycloidal fall to 225,
! 3000 rpm) and against each other (batch == scalar, struct == scalars, time == angle).
! Usage: test_module [params-file]   (optional .toml/.json to exercise campro_motion_load)
program test_module
  use, intrinsic :: ieee_arithmetic, only: ieee_is_nan, ieee_value, ieee_quiet_nan
  use campro
  implicit none

  real(c_double), parameter :: pi = 3.14159265358979323846264338327950288_c_double
  real(c_double), parameter :: tol = 1.0e-9_c_double
  integer :: npass = 0, nfail = 0

  type(c_ptr) :: m, seg_motion, bad
  type(CamproParameters) :: p
  integer(c_int32_t) :: st

  ! Before any parallel call: the pool size can still be chosen.
  call check("set_num_threads(2) before the pool starts", campro_set_num_threads(2_c_size_t) == CAMPRO_OK)

  call test_info()
  call test_parameters(p)
  st = campro_motion_new(p, m)
  call check("motion_new(default) == CAMPRO_OK", st == CAMPRO_OK)
  call check("motion_new(default) handle is set", c_associated(m))
  if (.not. c_associated(m)) error stop "test_module: no motion, cannot continue"

  call test_scalars(m)
  call test_batches(m)
  call test_time(m)
  call test_analysis(m)
  call test_errors(m)
  call test_segments(m, seg_motion)
  call test_threads_after_start()
  call test_load()
  call test_export(m)

  call campro_motion_free(seg_motion)
  call campro_motion_free(m)
  bad = c_null_ptr
  call campro_motion_free(bad)               ! NULL is a no-op
  call check("motion_free(NULL) returns", .true.)

  write (*, '(a,i0,a,i0,a)') "test_module: ", npass, " passed, ", nfail, " failed"
  if (nfail > 0) stop 1

contains

  subroutine test_export(m)
    type(c_ptr), intent(in) :: m
    integer(c_size_t) :: n
    real(c_double) :: err
    integer(c_int32_t) :: st
    ! One revolution of the default cam at the default tolerance (0 selects 1e-6 mm).
    st = campro_export_table_report(m, CAMPRO_FORMAT_ABAQUS_AMPLITUDE, CAMPRO_QUANTITY_DISPLACEMENT, &
        0.0_c_double, 0.02_c_double, 0.0_c_double, "test_module_amplitude.inp"//c_null_char, n, err)
    call check("export_table_report(abaqus) == CAMPRO_OK", st == CAMPRO_OK)
    call check("export table has thousands of points", n > 1000_c_size_t .and. n < 100000_c_size_t)
    call check("export table error within 1e-6 mm", err > 0.0_c_double .and. err <= 1.0e-6_c_double)
    st = campro_export_table(m, 99_c_int32_t, CAMPRO_QUANTITY_DISPLACEMENT, 0.0_c_double, 0.02_c_double, &
        0.0_c_double, "test_module_bad.inp"//c_null_char)
    call check("export_table(format 99) is INVALID_PARAMETER", st == CAMPRO_ERROR_INVALID_PARAMETER)
  end subroutine test_export

  subroutine check(name, ok)
    character(len=*), intent(in) :: name
    logical, intent(in) :: ok
    if (ok) then
      npass = npass + 1
    else
      nfail = nfail + 1
      write (*, '(a,a)') "FAIL: ", name
    end if
  end subroutine check

  logical function close(a, b, rel)
    real(c_double), intent(in) :: a, b, rel
    close = abs(a - b) <= rel * max(1.0_c_double, abs(b))
  end function close

  ! Closed form of the default cam's rise (theta in [0, 90]).
  pure real(c_double) function rise_s(theta)
    real(c_double), intent(in) :: theta
    real(c_double) :: u
    u = theta / 90.0_c_double
    rise_s = 10.0_c_double * (u - sin(2.0_c_double * pi * u) / (2.0_c_double * pi))
  end function rise_s

  subroutine test_info()
    call check("version_string == 0.1.0", campro_version_string() == "0.1.0")
    call check("status_name(0)", campro_status_name_string(CAMPRO_OK) == "CAMPRO_OK")
    call check("status_name(1)", campro_status_name_string(CAMPRO_ERROR_NULL_POINTER) == "CAMPRO_ERROR_NULL_POINTER")
    call check("status_name(2)", &
               campro_status_name_string(CAMPRO_ERROR_INVALID_PARAMETER) == "CAMPRO_ERROR_INVALID_PARAMETER")
    call check("status_name(7)", campro_status_name_string(CAMPRO_ERROR_INTERNAL) == "CAMPRO_ERROR_INTERNAL")
    call check("status_name(42)", campro_status_name_string(42_c_int32_t) == "CAMPRO_UNKNOWN_STATUS")
    call check("status_name(-1)", campro_status_name_string(-1_c_int32_t) == "CAMPRO_UNKNOWN_STATUS")
    call check("no error message before any error", len(campro_error_message()) == 0)
  end subroutine test_info

  subroutine test_parameters(p)
    type(CamproParameters), intent(out) :: p
    call campro_parameters_default(p)
    call check("default base_circle_radius 25", p%base_circle_radius == 25.0_c_double)
    call check("default max_lift 10", p%max_lift == 10.0_c_double)
    call check("default cam_duration 180", p%cam_duration == 180.0_c_double)
    call check("default rise_duration 90", p%rise_duration == 90.0_c_double)
    call check("default dwell_duration 45", p%dwell_duration == 45.0_c_double)
    call check("default fall_duration 90", p%fall_duration == 90.0_c_double)
    call check("default jerk_limit 1000", p%jerk_limit == 1000.0_c_double)
    call check("default acceleration_limit 500", p%acceleration_limit == 500.0_c_double)
    call check("default velocity_limit 100", p%velocity_limit == 100.0_c_double)
    call check("default rpm 3000", p%rpm == 3000.0_c_double)
    call check("default rise_law cycloidal", p%rise_law == CAMPRO_LAW_CYCLOIDAL)
    call check("default fall_law cycloidal", p%fall_law == CAMPRO_LAW_CYCLOIDAL)
    call check("CamproParameters is 88 bytes", c_sizeof(p) == 88_c_size_t)
  end subroutine test_parameters

  subroutine test_scalars(m)
    type(c_ptr), intent(in) :: m
    type(CamproKinematics) :: k
    real(c_double) :: th
    integer :: i, k360

    call check("displacement(45) = 5", close(campro_displacement(m, 45.0_c_double), 5.0_c_double, tol))
    call check("displacement(100) = 10", close(campro_displacement(m, 100.0_c_double), 10.0_c_double, tol))
    call check("displacement(180) = 5", close(campro_displacement(m, 180.0_c_double), 5.0_c_double, tol))
    call check("displacement(300) = 0", abs(campro_displacement(m, 300.0_c_double)) <= tol)
    call check("velocity(45) = 4000", close(campro_velocity(m, 45.0_c_double), 4000.0_c_double, tol))
    call check("velocity(180) = -4000", close(campro_velocity(m, 180.0_c_double), -4000.0_c_double, tol))
    call check("acceleration(22.5) = 10*200^2*2pi", &
               close(campro_acceleration(m, 22.5_c_double), 10.0_c_double * 200.0_c_double**2 * 2 * pi, tol))
    call check("acceleration(22.5) = 2.513274e6", &
               abs(campro_acceleration(m, 22.5_c_double) - 2.513274e6_c_double) < 1.0_c_double)
    call check("jerk(0+) = 10*200^3*4pi^2", &
               close(campro_jerk(m, 1.0e-9_c_double), 10.0_c_double * 200.0_c_double**3 * 4 * pi**2, 1.0e-8_c_double))
    call check("jerk(0+) = 3.158273e9", abs(campro_jerk(m, 1.0e-9_c_double) - 3.158273e9_c_double) < 1.0e3_c_double)
    call check("motion_rpm = 3000", campro_motion_rpm(m) == 3000.0_c_double)

    ! The whole rise against the closed form.
    do i = 0, 90
      th = real(i, c_double)
      call check("rise displacement closed form", close(campro_displacement(m, th), rise_s(th), tol))
    end do

    ! One revolution is exactly periodic, negative angles included.
    do k360 = -3, 3
      call check("displacement(45 + 360k) == displacement(45)", &
                 campro_displacement(m, 45.0_c_double + 360.0_c_double * k360) == campro_displacement(m, 45.0_c_double))
      call check("velocity(180 + 360k) == velocity(180)", &
                 campro_velocity(m, 180.0_c_double + 360.0_c_double * k360) == campro_velocity(m, 180.0_c_double))
    end do

    ! The kinematics struct is the four scalars, bit for bit.
    do i = -7, 37
      th = 13.25_c_double * i
      k = campro_kinematics(m, th)
      call check("kinematics%displacement == displacement", k%displacement == campro_displacement(m, th))
      call check("kinematics%velocity == velocity", k%velocity == campro_velocity(m, th))
      call check("kinematics%acceleration == acceleration", k%acceleration == campro_acceleration(m, th))
      call check("kinematics%jerk == jerk", k%jerk == campro_jerk(m, th))
    end do

    ! NULL handle and non-finite input give NaN.
    call check("displacement(NULL) is NaN", ieee_is_nan(campro_displacement(c_null_ptr, 45.0_c_double)))
    call check("NULL message is recorded", len(campro_error_message()) > 0)
    call check("velocity(NaN) is NaN", &
               ieee_is_nan(campro_velocity(m, ieee_value(1.0_c_double, ieee_quiet_nan))))
    k = campro_kinematics(c_null_ptr, 1.0_c_double)
    call check("kinematics(NULL) is NaN", ieee_is_nan(k%displacement) .and. ieee_is_nan(k%jerk))
  end subroutine test_scalars

  subroutine test_batches(m)
    type(c_ptr), intent(in) :: m
    ! Above the library's parallel threshold (8192), so the _parallel calls use the pool.
    integer, parameter :: n = 40001
    real(c_double), allocatable :: th(:), d(:), v(:), a(:), j(:), o(:), kd(:), kv(:), ka(:), kj(:)
    real(c_double) :: empty(1), empty_out(1)
    integer :: i
    logical :: same

    allocate (th(n), d(n), v(n), a(n), j(n), o(n), kd(n), kv(n), ka(n), kj(n))

    do i = 1, n
      th(i) = -400.0_c_double + 0.0311_c_double * (i - 1)
    end do
    do i = 1, n
      d(i) = campro_displacement(m, th(i))
      v(i) = campro_velocity(m, th(i))
      a(i) = campro_acceleration(m, th(i))
      j(i) = campro_jerk(m, th(i))
    end do

    call check("displacement_batch OK", campro_displacement_batch(m, th, o, int(n, c_size_t)) == CAMPRO_OK)
    call check("displacement_batch == scalar", all(o == d))
    call check("velocity_batch OK", campro_velocity_batch(m, th, o, int(n, c_size_t)) == CAMPRO_OK)
    call check("velocity_batch == scalar", all(o == v))
    call check("acceleration_batch OK", campro_acceleration_batch(m, th, o, int(n, c_size_t)) == CAMPRO_OK)
    call check("acceleration_batch == scalar", all(o == a))
    call check("jerk_batch OK", campro_jerk_batch(m, th, o, int(n, c_size_t)) == CAMPRO_OK)
    call check("jerk_batch == scalar", all(o == j))

    call check("displacement_parallel OK", campro_displacement_parallel(m, th, o, int(n, c_size_t)) == CAMPRO_OK)
    call check("displacement_parallel == scalar", all(o == d))
    call check("velocity_parallel OK", campro_velocity_parallel(m, th, o, int(n, c_size_t)) == CAMPRO_OK)
    call check("velocity_parallel == scalar", all(o == v))
    call check("acceleration_parallel OK", campro_acceleration_parallel(m, th, o, int(n, c_size_t)) == CAMPRO_OK)
    call check("acceleration_parallel == scalar", all(o == a))
    call check("jerk_parallel OK", campro_jerk_parallel(m, th, o, int(n, c_size_t)) == CAMPRO_OK)
    call check("jerk_parallel == scalar", all(o == j))

    call check("kinematics_batch OK", &
               campro_kinematics_batch(m, th, int(n, c_size_t), kd, kv, ka, kj) == CAMPRO_OK)
    same = all(kd == d) .and. all(kv == v) .and. all(ka == a) .and. all(kj == j)
    call check("kinematics_batch == scalars", same)
    kd = 0; kv = 0; ka = 0; kj = 0
    call check("kinematics_parallel OK", &
               campro_kinematics_parallel(m, th, int(n, c_size_t), kd, kv, ka, kj) == CAMPRO_OK)
    same = all(kd == d) .and. all(kv == v) .and. all(ka == a) .and. all(kj == j)
    call check("kinematics_parallel == scalars", same)

    ! n == 0 is fine; a NULL handle is not.
    call check("displacement_batch n=0 OK", campro_displacement_batch(m, empty, empty_out, 0_c_size_t) == CAMPRO_OK)
    call check("displacement_batch(NULL) NULL_POINTER", &
               campro_displacement_batch(c_null_ptr, th, o, int(n, c_size_t)) == CAMPRO_ERROR_NULL_POINTER)

    ! A NaN at index 4 gives NaN there, every other value written, and NON_FINITE_INPUT.
    th(4) = ieee_value(1.0_c_double, ieee_quiet_nan)
    o = -1.0_c_double
    call check("displacement_batch NaN -> NON_FINITE_INPUT", &
               campro_displacement_batch(m, th, o, int(n, c_size_t)) == CAMPRO_ERROR_NON_FINITE_INPUT)
    call check("displacement_batch NaN slot is NaN", ieee_is_nan(o(4)))
    call check("displacement_batch other slots written", all(o(1:3) == d(1:3)) .and. all(o(5:) == d(5:)))
    call check("NaN message names theta_deg[3]", index(campro_error_message(), "theta_deg[3]") > 0)
    o = -1.0_c_double
    call check("velocity_parallel NaN -> NON_FINITE_INPUT", &
               campro_velocity_parallel(m, th, o, int(n, c_size_t)) == CAMPRO_ERROR_NON_FINITE_INPUT)
    call check("velocity_parallel other slots written", &
               ieee_is_nan(o(4)) .and. all(o(1:3) == v(1:3)) .and. all(o(5:) == v(5:)))
  end subroutine test_batches

  subroutine test_time(m)
    type(c_ptr), intent(in) :: m
    integer, parameter :: n = 30000
    real(c_double), allocatable :: t(:)
    type(CamproBoundaryCondition), allocatable :: blk(:), ser(:)
    type(CamproBoundaryCondition) :: one
    integer :: i
    logical :: same_par, same_ser, same_cb, same_angle
    type(c_funptr) :: fp
    procedure(CamproTimeFunction), pointer :: timefn

    allocate (t(n), blk(n), ser(n))

    do i = 1, n
      t(i) = 3.0e-6_c_double * (i - 1) - 0.013_c_double
    end do
    call check("boundary_conditions OK", campro_boundary_conditions(m, t, int(n, c_size_t), blk) == CAMPRO_OK)
    call check("boundary_conditions_batch OK", &
               campro_boundary_conditions_batch(m, t, int(n, c_size_t), ser) == CAMPRO_OK)
    same_par = .true.; same_ser = .true.; same_cb = .true.; same_angle = .true.
    do i = 1, n
      one = campro_boundary_condition_at_time(m, t(i))
      same_par = same_par .and. blk(i)%displacement == one%displacement .and. &
                 blk(i)%velocity == one%velocity .and. blk(i)%acceleration == one%acceleration
      same_ser = same_ser .and. ser(i)%displacement == one%displacement .and. &
                 ser(i)%velocity == one%velocity .and. ser(i)%acceleration == one%acceleration
      same_cb = same_cb .and. campro_bc_displacement(t(i), m) == one%displacement .and. &
                campro_bc_velocity(t(i), m) == one%velocity .and. &
                campro_bc_acceleration(t(i), m) == one%acceleration
      same_angle = same_angle .and. close(one%displacement, campro_displacement(m, 18000.0_c_double * t(i)), tol) &
                   .and. close(one%velocity, campro_velocity(m, 18000.0_c_double * t(i)), tol)
    end do
    call check("boundary_conditions == at_time (bitwise)", same_par)
    call check("boundary_conditions_batch == at_time (bitwise)", same_ser)
    call check("bc_* callbacks == at_time (bitwise)", same_cb)
    call check("at_time(t) == by angle 18000 t", same_angle)

    one = campro_boundary_condition_at_time(m, 0.0025_c_double)    ! 45 deg
    call check("at_time(0.0025) displacement 5", close(one%displacement, 5.0_c_double, tol))
    call check("at_time(0.0025) velocity 4000", close(one%velocity, 4000.0_c_double, tol))
    one = campro_boundary_condition_at_time(m, 0.02_c_double + 0.0025_c_double)   ! one period later
    call check("at_time period 0.02 s", close(one%displacement, 5.0_c_double, tol))
    one = campro_boundary_condition_at_time(c_null_ptr, 0.001_c_double)
    call check("at_time(NULL) all NaN", ieee_is_nan(one%displacement) .and. ieee_is_nan(one%velocity) &
               .and. ieee_is_nan(one%acceleration))
    ! The callbacks as a solver holds them: a C function pointer plus the handle as context.
    fp = c_funloc(campro_bc_velocity)
    call c_f_procpointer(fp, timefn)
    one = campro_boundary_condition_at_time(m, 0.0025_c_double)
    call check("CamproTimeFunction pointer to campro_bc_velocity", timefn(0.0025_c_double, m) == one%velocity)
    call check("bc_displacement(t, NULL) is NaN", ieee_is_nan(campro_bc_displacement(0.001_c_double, c_null_ptr)))
  end subroutine test_time

  subroutine test_analysis(m)
    type(c_ptr), intent(in) :: m
    type(CamproAnalysis) :: an
    call check("analyze_kinematics OK", campro_analyze_kinematics(m, 3600_c_size_t, an) == CAMPRO_OK)
    call check("max_velocity 4000", close(an%max_velocity, 4000.0_c_double, 1.0e-6_c_double))
    call check("max_acceleration 2.513e6", close(an%max_acceleration, 2.513274e6_c_double, 1.0e-6_c_double))
    call check("max_jerk 3.158e9", close(an%max_jerk, 3.158273e9_c_double, 1.0e-6_c_double))
    call check("rms_acceleration in (0, max)", an%rms_acceleration > 0 .and. an%rms_acceleration < an%max_acceleration)
    call check("rms_jerk in (0, max)", an%rms_jerk > 0 .and. an%rms_jerk < an%max_jerk)
    call check("velocity_violation 1", an%velocity_violation == 1)
    call check("acceleration_violation 1", an%acceleration_violation == 1)
    call check("jerk_violation 1", an%jerk_violation == 1)
    call check("analyze num_points=0 INVALID_PARAMETER", &
               campro_analyze_kinematics(m, 0_c_size_t, an) == CAMPRO_ERROR_INVALID_PARAMETER)
    call check("analyze(NULL) NULL_POINTER", &
               campro_analyze_kinematics(c_null_ptr, 100_c_size_t, an) == CAMPRO_ERROR_NULL_POINTER)
  end subroutine test_analysis

  subroutine test_errors(m)
    type(c_ptr), intent(in) :: m
    type(CamproParameters) :: q
    type(c_ptr) :: h
    character(kind=c_char), target :: small(5)
    character(len=:), allocatable :: msg
    integer(c_size_t) :: full
    real(c_double) :: dummy

    call campro_parameters_default(q)
    q%rise_law = 99
    h = m                                    ! must be overwritten with NULL
    call check("rise_law = 99 -> INVALID_PARAMETER", campro_motion_new(q, h) == CAMPRO_ERROR_INVALID_PARAMETER)
    call check("rise_law = 99 -> out is NULL", .not. c_associated(h))
    msg = campro_error_message()
    call check("message names rise_law", index(msg, "rise_law") > 0)
    call check("message names the value 99", index(msg, "99") > 0)

    ! Successful calls keep the message.
    dummy = campro_displacement(m, 10.0_c_double)
    call check("success keeps the message", campro_error_message() == msg)

    ! Length query and truncation.
    full = campro_last_error_message(c_null_ptr, 0_c_size_t)
    call check("length query == len(message)", full == int(len(msg), c_size_t))
    small = "#"
    call check("truncated copy returns the full length", &
               campro_last_error_message(c_loc(small), 5_c_size_t) == full)
    call check("truncated copy: 4 chars + NUL", &
               small(1) // small(2) // small(3) // small(4) == msg(1:4) .and. small(5) == c_null_char)

    call campro_parameters_default(q)
    q%rise_law = CAMPRO_LAW_DWELL
    call check("rise_law = DWELL -> INVALID_PARAMETER", campro_motion_new(q, h) == CAMPRO_ERROR_INVALID_PARAMETER)
    call campro_parameters_default(q)
    q%max_lift = -1.0_c_double
    call check("max_lift = -1 -> INVALID_PARAMETER", campro_motion_new(q, h) == CAMPRO_ERROR_INVALID_PARAMETER)
    call check("message names max_lift", index(campro_error_message(), "max_lift") > 0)
    call campro_parameters_default(q)
    q%rpm = ieee_value(1.0_c_double, ieee_quiet_nan)
    call check("rpm = NaN -> INVALID_PARAMETER", campro_motion_new(q, h) == CAMPRO_ERROR_INVALID_PARAMETER)
    call campro_parameters_default(q)
    q%rise_duration = 250.0_c_double
    call check("rise+dwell+fall > 360 -> INVALID_PARAMETER", &
               campro_motion_new(q, h) == CAMPRO_ERROR_INVALID_PARAMETER)
    call check("failed creation leaves NULL", .not. c_associated(h))
  end subroutine test_errors

  subroutine test_segments(m, sm)
    type(c_ptr), intent(in) :: m
    type(c_ptr), intent(out) :: sm
    type(CamproSegment) :: segs(4), bad(4), one
    type(CamproAnalysis) :: an
    type(c_ptr) :: h
    real(c_double) :: th
    integer :: i
    logical :: same

    ! The default cam written as a segment list.
    segs(1) = CamproSegment(CAMPRO_LAW_CYCLOIDAL, 90.0_c_double, 10.0_c_double)
    segs(2) = CamproSegment(CAMPRO_LAW_DWELL, 45.0_c_double, 10.0_c_double)
    segs(3) = CamproSegment(CAMPRO_LAW_CYCLOIDAL, 90.0_c_double, 0.0_c_double)
    segs(4) = CamproSegment(CAMPRO_LAW_DWELL, 135.0_c_double, 0.0_c_double)
    call check("CamproSegment is 24 bytes", c_sizeof(segs(1)) == 24_c_size_t)
    call check("from_segments OK", &
               campro_motion_from_segments(segs, 4_c_size_t, 3000.0_c_double, sm) == CAMPRO_OK)
    call check("from_segments handle set", c_associated(sm))
    if (.not. c_associated(sm)) return
    same = .true.
    do i = 0, 720
      th = 0.5_c_double * i
      same = same .and. close(campro_displacement(sm, th), campro_displacement(m, th), tol) &
             .and. close(campro_acceleration(sm, th), campro_acceleration(m, th), tol)
    end do
    call check("segments == parameters motion", same)
    call check("segments displacement(45) = 5", close(campro_displacement(sm, 45.0_c_double), 5.0_c_double, tol))
    call check("segments rpm", campro_motion_rpm(sm) == 3000.0_c_double)
    call check("segment_count == 4", campro_motion_segment_count(sm) == 4_c_size_t)
    call check("segment_count(NULL) == 0", campro_motion_segment_count(c_null_ptr) == 0_c_size_t)
    same = .true.
    do i = 1, 4
      same = same .and. campro_motion_segment(sm, int(i - 1, c_size_t), one) == CAMPRO_OK .and. &
             one%law == segs(i)%law .and. one%duration == segs(i)%duration .and. one%end_lift == segs(i)%end_lift
    end do
    call check("motion_segment(0..3) round trip", same)
    call check("motion_segment(4) INVALID_PARAMETER", &
               campro_motion_segment(sm, 4_c_size_t, one) == CAMPRO_ERROR_INVALID_PARAMETER)
    call check("default motion: segment 0 is the cycloidal 90 deg rise to 10 mm", &
               campro_motion_segment(m, 0_c_size_t, one) == CAMPRO_OK .and. one%law == CAMPRO_LAW_CYCLOIDAL &
               .and. one%duration == 90.0_c_double .and. one%end_lift == 10.0_c_double)
    call check("segments analysis OK", campro_analyze_kinematics(sm, 360_c_size_t, an) == CAMPRO_OK)
    call check("segments analysis: no violations (infinite limits)", &
               an%velocity_violation == 0 .and. an%acceleration_violation == 0 .and. an%jerk_violation == 0)
    call check("segments analysis max_velocity 4000", close(an%max_velocity, 4000.0_c_double, 1.0e-6_c_double))

    bad = segs
    bad(2)%duration = -5.0_c_double
    h = m
    call check("segments[1].duration = -5 -> INVALID_PARAMETER", &
               campro_motion_from_segments(bad, 4_c_size_t, 3000.0_c_double, h) == CAMPRO_ERROR_INVALID_PARAMETER)
    call check("bad segments -> NULL", .not. c_associated(h))
    call check("message names segments[1].duration", index(campro_error_message(), "segments[1].duration") > 0)
    bad = segs
    bad(4)%duration = 130.0_c_double
    call check("durations not summing to 360 -> INVALID_PARAMETER", &
               campro_motion_from_segments(bad, 4_c_size_t, 3000.0_c_double, h) == CAMPRO_ERROR_INVALID_PARAMETER)
    bad = segs
    bad(2)%end_lift = 9.0_c_double
    call check("dwell changing the lift -> INVALID_PARAMETER", &
               campro_motion_from_segments(bad, 4_c_size_t, 3000.0_c_double, h) == CAMPRO_ERROR_INVALID_PARAMETER)
    call check("count = 0 -> INVALID_PARAMETER", &
               campro_motion_from_segments(segs, 0_c_size_t, 3000.0_c_double, h) == CAMPRO_ERROR_INVALID_PARAMETER)
    call check("count > CAMPRO_MAX_SEGMENTS -> INVALID_PARAMETER", &
               campro_motion_from_segments(segs, int(CAMPRO_MAX_SEGMENTS, c_size_t) + 1_c_size_t, 3000.0_c_double, h) &
               == CAMPRO_ERROR_INVALID_PARAMETER)
  end subroutine test_segments

  subroutine test_threads_after_start()
    ! The pool started at the first large parallel call with the 2 threads asked for above.
    call check("num_threads == 2", campro_num_threads() == 2_c_size_t)
    call check("set_num_threads(2) after start (same size) OK", campro_set_num_threads(2_c_size_t) == CAMPRO_OK)
    call check("set_num_threads(3) after start INVALID_PARAMETER", &
               campro_set_num_threads(3_c_size_t) == CAMPRO_ERROR_INVALID_PARAMETER)
  end subroutine test_threads_after_start

  subroutine test_load()
    type(c_ptr) :: h
    character(len=4096) :: path
    integer :: i

    h = c_null_ptr
    call check("load(missing) -> CAMPRO_ERROR_IO", &
               campro_motion_load_f("/nonexistent/campro/params.toml", h) == CAMPRO_ERROR_IO)
    call check("load(missing) -> NULL", .not. c_associated(h))

    if (command_argument_count() < 1) return
    call get_command_argument(1, path)
    call check("load(" // trim(path) // ") OK", campro_motion_load_f(path, h) == CAMPRO_OK)
    if (.not. c_associated(h)) return
    ! Whatever cam the file holds: a program that starts at lift 0 and repeats every turn.
    call check("loaded motion has segments", campro_motion_segment_count(h) > 0_c_size_t)
    call check("loaded motion starts at lift 0", abs(campro_displacement(h, 0.0_c_double)) <= tol)
    call check("loaded motion rpm > 0", campro_motion_rpm(h) > 0)
    do i = 0, 36
      call check("loaded motion is periodic", &
                 campro_displacement(h, 10.0_c_double * i) == campro_displacement(h, 10.0_c_double * i + 720.0_c_double))
    end do
    call campro_motion_free(h)
  end subroutine test_load
end program test_module
