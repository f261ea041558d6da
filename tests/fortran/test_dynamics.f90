! Follower dynamics through include/campro.f90: the cross-language reference values of
! tests/dynamics.rs, the contact force against the cycloid's closed form, batches equal to the
! scalars, a sized spring re-checked, bad input named. Usage: test_dynamics ROOT
program test_dynamics
  use, intrinsic :: ieee_arithmetic, only: ieee_is_nan, ieee_value, ieee_positive_inf, ieee_quiet_nan
  use campro
  implicit none

  real(c_double), parameter :: pi = 3.14159265358979323846264338327950288_c_double
  ! tests/dynamics.rs REFERENCE: examples/params/valve_dynamics.toml, 3600 angles.
  real(c_double), parameter :: reference(13) = [ &
      273.9088787456995_c_double, 4229.385021629543_c_double, 250.0_c_double, 450.0_c_double, &
      4929.575044716784_c_double, 38.95104300129222_c_double, 1958.1104703509538_c_double, &
      6529677711.243186_c_double, 4772.88279165222_c_double, 37.6972625677634_c_double, &
      471.2157820970425_c_double, 629.6201087236304_c_double, 20.447396260519785_c_double]
  integer :: npass = 0, nfail = 0
  character(len=4096) :: root

  if (command_argument_count() < 1) error stop "usage: test_dynamics ROOT"
  call get_command_argument(1, root)
  call test_reference(trim(root))
  call test_closed_form_and_batches()
  call test_sizing()
  call test_errors()
  write (*, '(a,i0,a,i0,a)') "test_dynamics (Fortran): ", npass, " passed, ", nfail, " failed"
  if (nfail > 0) stop 1

contains

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
    close = abs(a - b) <= rel * abs(b)
    if (.not. close) write (*, '(a,es25.17,a,es25.17)') "     got ", a, ", expected ", b
  end function close

  function motion_at(rpm) result(m)
    real(c_double), intent(in) :: rpm
    type(c_ptr) :: m
    type(CamproParameters) :: p
    call campro_parameters_default(p)
    p%rpm = rpm
    if (campro_motion_new(p, m) /= CAMPRO_OK) error stop "motion_new failed"
  end function motion_at

  subroutine test_reference(root)
    character(len=*), intent(in) :: root
    type(c_ptr) :: m
    type(CamproFollowerDynamics) :: d
    type(CamproDynamicsReport) :: r
    type(CamproSpringSizing) :: spring, preload
    type(CamproSpeedLimit) :: limit
    logical :: found
    real(c_double) :: got(13)
    integer :: i

    call check("motion_load(valve_dynamics.toml)", &
        campro_motion_load_f(root // "/examples/params/valve_dynamics.toml", m) == CAMPRO_OK)
    call check("follower_dynamics_load_f", &
        campro_follower_dynamics_load_f(root // "/examples/params/valve_dynamics.toml", d, found) == CAMPRO_OK)
    call check("[dynamics] found", found)
    call check("[dynamics] values", d%mass == 0.0657_c_double .and. d%spring_rate == 20.0_c_double .and. &
        d%spring_preload == 250.0_c_double .and. d%damping == 0.0036_c_double)
    call check("dynamics_check", campro_dynamics_check(m, d, 3600_c_size_t, r) == CAMPRO_OK)
    call check("size_spring", campro_size_spring(m, d, 12.5_c_double, 6000.0_c_double, 1.2_c_double, &
        3600_c_size_t, spring) == CAMPRO_OK)
    call check("size_preload", campro_size_preload(m, d, 6000.0_c_double, 1.2_c_double, 3600_c_size_t, &
        preload) == CAMPRO_OK)
    call check("max_rpm_within_limits", campro_max_rpm_within_limits(m, 100.0_c_double, 500.0_c_double, &
        1000.0_c_double, 3600_c_size_t, limit) == CAMPRO_OK)
    got = [campro_contact_force(m, d, 67.5_c_double), campro_cam_torque(m, d, 30.0_c_double), &
        r%min_contact_force, r%max_contact_force, r%max_torque, r%max_torque_at, r%rms_torque, &
        r%max_power_factor, r%jump_rpm, spring%spring_rate, spring%spring_preload, preload%spring_preload, &
        limit%max_rpm]
    do i = 1, 13
      call check("reference value", close(got(i), reference(i), 4 * epsilon(1.0_c_double)))
    end do
    call check("no separation at 3000 rpm", r%separation == 0)
    call check("jerk-limited", limit%limited_by == CAMPRO_LIMITED_BY_JERK)
    d%mass = 123.0_c_double
    call check("defaults file has no [dynamics]", &
        campro_follower_dynamics_load_f(root // "/examples/params/camprov5_defaults.toml", d, found) == CAMPRO_OK)
    call check("found is false, d untouched", (.not. found) .and. d%mass == 123.0_c_double)
    call campro_motion_free(m)
  end subroutine test_reference

  subroutine test_closed_form_and_batches()
    type(c_ptr) :: m
    type(CamproFollowerDynamics) :: d
    real(c_double) :: theta(400), force(400), torque(400), u, x, s, v, a, w
    integer :: i
    logical :: same
    m = motion_at(3000.0_c_double)
    d = CamproFollowerDynamics(0.0657_c_double, 20.0_c_double, 250.0_c_double, 0.0036_c_double, 7.0_c_double)
    w = 3000.0_c_double * 2 * pi / 60
    do i = 1, 12
      u = (i - 0.5_c_double) / 12
      x = 2 * pi * u
      s = 10 * (u - sin(x) / (2 * pi))
      v = 10 * (1 - cos(x)) * 200
      a = 10 * 2 * pi * sin(x) * 200 * 200
      call check("contact force = m a 1e-3 + c v + k s + F0 + F_ext", close(campro_contact_force(m, d, 90 * u), &
          0.0657_c_double * a * 1.0e-3_c_double + 0.0036_c_double * v + 20 * s + 257, 1.0e-12_c_double))
      call check("torque = F v / w", close(campro_cam_torque(m, d, 90 * u), &
          (0.0657_c_double * a * 1.0e-3_c_double + 0.0036_c_double * v + 20 * s + 257) * v / w, 1.0e-12_c_double))
    end do
    theta = [(0.9_c_double * i - 30, i = 1, 400)]
    call check("contact_force_batch", campro_contact_force_batch(m, d, theta, force, 400_c_size_t) == CAMPRO_OK)
    call check("cam_torque_batch", campro_cam_torque_batch(m, d, theta, torque, 400_c_size_t) == CAMPRO_OK)
    same = .true.
    do i = 1, 400
      same = same .and. force(i) == campro_contact_force(m, d, theta(i)) .and. &
          torque(i) == campro_cam_torque(m, d, theta(i))
    end do
    call check("batches equal the scalars", same)
    call campro_motion_free(m)
  end subroutine test_closed_form_and_batches

  subroutine test_sizing()
    type(c_ptr) :: m, fast
    type(CamproFollowerDynamics) :: d, sized
    type(CamproSpringSizing) :: s
    type(CamproDynamicsReport) :: r
    m = motion_at(3000.0_c_double)
    d = CamproFollowerDynamics(0.0657_c_double, 20.0_c_double, 250.0_c_double, 0.0036_c_double, 0.0_c_double)
    call check("size_preload", campro_size_preload(m, d, 6000.0_c_double, 1.0_c_double, 3600_c_size_t, s) &
        == CAMPRO_OK)
    fast = motion_at(s%critical_rpm)
    sized = d
    sized%spring_preload = s%spring_preload
    call check("sized preload holds", campro_dynamics_check(fast, sized, 3600_c_size_t, r) == CAMPRO_OK &
        .and. r%separation == 0)
    sized%spring_preload = s%spring_preload * (1 - 1.0e-9_c_double)
    call check("1e-9 below fails", campro_dynamics_check(fast, sized, 3600_c_size_t, r) == CAMPRO_OK &
        .and. r%separation == 1)
    call campro_motion_free(fast)
    call campro_motion_free(m)
  end subroutine test_sizing

  subroutine test_errors()
    type(c_ptr) :: m
    type(CamproFollowerDynamics) :: d
    type(CamproDynamicsReport) :: r
    type(CamproSpeedLimit) :: limit
    real(c_double) :: inf
    m = motion_at(3000.0_c_double)
    d = CamproFollowerDynamics(-1.0_c_double, 20.0_c_double, 250.0_c_double, 0.0_c_double, 0.0_c_double)
    call check("negative mass gives NaN", ieee_is_nan(campro_contact_force(m, d, 10.0_c_double)))
    call check("message names mass", campro_error_message() == "mass = -1: must be finite and > 0 kg")
    d%mass = 0.1_c_double
    d%damping = ieee_value(d%damping, ieee_quiet_nan)
    call check("NaN damping is INVALID_PARAMETER", &
        campro_dynamics_check(m, d, 360_c_size_t, r) == CAMPRO_ERROR_INVALID_PARAMETER)
    call check("message names damping", campro_error_message() == "damping = NaN: must be finite and >= 0 N*s/mm")
    inf = ieee_value(inf, ieee_positive_inf)
    call check("no limits", campro_max_rpm_within_limits(m, inf, inf, inf, 360_c_size_t, limit) == CAMPRO_OK &
        .and. limit%max_rpm > huge(1.0_c_double) .and. limit%limited_by == CAMPRO_LIMITED_BY_NONE)
    call campro_motion_free(m)
  end subroutine test_errors
end program test_dynamics
