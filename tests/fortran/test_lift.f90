! Checks the Fortran bindings of the lift-table and speed-profile functions (issue 11) against
! the closed forms of tests/c/test_lift.c: the table's points exactly, the harmonics between
! them, the chain rule of a 0 -> 6000 rpm ramp on the default cam, and named bad input.
program test_lift
  use, intrinsic :: ieee_arithmetic, only: ieee_is_nan
  use campro
  implicit none

  real(c_double), parameter :: pi = 3.14159265358979323846264338327950288_c_double
  integer, parameter :: n = 180
  integer :: npass = 0, nfail = 0, i
  integer(c_int32_t) :: st
  real(c_double) :: theta(n), lift(n), worst, t, rho, a
  real(c_double) :: times(2), rpms(2)
  type(c_ptr) :: m, base, ramp
  type(CamproParameters) :: p
  type(CamproKinematics) :: k
  type(CamproBoundaryCondition) :: bc

  do i = 1, n
    theta(i) = -7.0_c_double + 2.0_c_double * real(i - 1, c_double)
    lift(i) = harmonics(theta(i))
  end do
  call check("from_lift_table == CAMPRO_OK", &
             campro_motion_from_lift_table(theta, lift, int(n, c_size_t), 3000.0_c_double, 0.0_c_double, m) == CAMPRO_OK)
  call check("lift_table_len == 180", campro_motion_lift_table_len(m) == 180_c_size_t)
  call check("segment_count == 0", campro_motion_segment_count(m) == 0_c_size_t)
  worst = 0.0_c_double
  do i = 1, n
    worst = max(worst, abs(campro_displacement(m, theta(i)) - lift(i)))
  end do
  call check("exact at the points", worst <= 1.15e-11_c_double)
  call check("harmonics between the points", abs(campro_displacement(m, 0.5_c_double) - harmonics(0.5_c_double)) <= 1e-9)
  call campro_motion_free(m)

  ! bad input: the row and value are named
  theta(4) = theta(3)
  call check("repeated angle is INVALID_PARAMETER", &
             campro_motion_from_lift_table(theta, lift, int(n, c_size_t), 3000.0_c_double, 0.0_c_double, m) &
             == CAMPRO_ERROR_INVALID_PARAMETER)
  call check("message names theta_deg[3]", index(campro_error_message(), "theta_deg[3]") > 0)
  call check("handle is NULL on failure", .not. c_associated(m))
  st = campro_motion_from_lift_table(theta, lift, 7_c_size_t, 3000.0_c_double, 0.0_c_double, m)
  call check("7 points are refused", st == CAMPRO_ERROR_INVALID_PARAMETER)
  call check("message names n = 7", index(campro_error_message(), "n = 7") > 0)

  ! speed ramp 0 -> 6000 rpm over 1 s: theta = 18000 t^2 deg, rho = 2 t, q = 2 / s
  call campro_parameters_default(p)
  call check("motion_new", campro_motion_new(p, base) == CAMPRO_OK)
  times = [0.0_c_double, 1.0_c_double]
  rpms = [0.0_c_double, 6000.0_c_double]
  call check("with_speed_profile == CAMPRO_OK", campro_motion_with_speed_profile(base, times, rpms, 2_c_size_t, ramp) &
             == CAMPRO_OK)
  worst = 0.0_c_double
  do i = 1, 40
    t = 0.0123_c_double + 0.0245_c_double * real(i, c_double)
    k = campro_kinematics(base, 18000.0_c_double * t * t)
    bc = campro_boundary_condition_at_time(ramp, t)
    rho = 2.0_c_double * t
    a = k%acceleration * rho * rho + k%velocity * 2.0_c_double
    worst = max(worst, abs(bc%displacement - k%displacement), &
                abs(bc%velocity - k%velocity * rho) / (1.0_c_double + abs(k%velocity)), &
                abs(bc%acceleration - a) / (1.0_c_double + abs(a)))
  end do
  call check("ramp follows the chain rule", worst <= 1e-9)
  call check("rpm_at_time(0.25) == 1500", campro_motion_rpm_at_time(ramp, 0.25_c_double) == 1500.0_c_double)
  call check("rpm stays the base's", campro_motion_rpm(ramp) == 3000.0_c_double)
  times(2) = 0.0_c_double
  st = campro_motion_with_speed_profile(base, times, rpms, 2_c_size_t, m)
  call check("non-increasing times are refused", st == CAMPRO_ERROR_INVALID_PARAMETER)
  call check("message names time_s[1] = 0", index(campro_error_message(), "time_s[1] = 0") > 0)
  call check("rpm_at_time(NULL) is NaN", ieee_is_nan(campro_motion_rpm_at_time(c_null_ptr, 1.0_c_double)))
  call campro_motion_free(ramp)
  call campro_motion_free(base)

  write (*, '(a,i0,a,i0,a)') "test_lift: ", npass, " passed, ", nfail, " failed"
  if (nfail > 0) stop 1

contains

  pure function harmonics(x) result(s)
    real(c_double), intent(in) :: x
    real(c_double) :: s, w
    w = pi / 180.0_c_double
    s = 5.0_c_double + 4.0_c_double * sin(w * x + 0.3_c_double) - 1.5_c_double * sin(2 * w * x + 1.1_c_double) &
        + 0.7_c_double * sin(3 * w * x - 0.4_c_double) + 0.2_c_double * sin(5 * w * x + 2.0_c_double)
  end function harmonics

  subroutine check(what, ok)
    character(len=*), intent(in) :: what
    logical, intent(in) :: ok
    if (ok) then
      npass = npass + 1
    else
      nfail = nfail + 1
      write (*, '(a,a)') "FAIL: ", what
    end if
  end subroutine check
end program test_lift
