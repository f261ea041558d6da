! Calls VUAMP (examples/fortran/abaqus_vuamp/vuamp.f) as Abaqus/Explicit does, outside Abaqus:
! the documented argument list (no double integral, no nblock: VUAMP is called per amplitude),
! an initialization call, then two steps of explicit-sized increments (about 2e-6 s, varying)
! and checks every output against the default cam's closed form (cam_closed_form.f90, independent
! of campro), the flags, and that the increments' integrals sum to I(t) of the whole run.
! Prints "vuamp: N calls, M checks, F failures".
program vuamp_driver
  use cam_closed_form
  implicit none
  integer, parameter :: dp = kind(1.0d0)
  interface
    subroutine vuamp(ampName, time, ampValueOld, dt, nProps, props, nSvars, svars, lFlagsInfo, &
                     nSensor, sensorValues, sensorNames, jSensorLookUpTable, AmpValueNew, &
                     lFlagsDefine, AmpDerivative, AmpSecDerivative, AmpIncIntegral)
      import :: dp
      character(len=80) :: ampName
      real(dp) :: time(2), ampValueOld, dt, props(*), svars(*), sensorValues(*)
      integer :: nProps, nSvars, nSensor, lFlagsInfo(3), jSensorLookUpTable(*), lFlagsDefine(5)
      character(len=80) :: sensorNames(*)
      real(dp) :: AmpValueNew, AmpDerivative, AmpSecDerivative, AmpIncIntegral
    end subroutine vuamp
  end interface
  character(len=80) :: name, sensor_names(1)
  real(dp) :: time(2), old, props(1), svars(1), sensors(1), val, der, sec, inc
  real(dp) :: step_start, step_len(2), t, dt, i_acc, wi, wd, ti, td, i_end, d_end
  integer :: flags_info(3), flags(5), lookup(1), kstep, kinc, ncalls, nchecks, nfail
  name = 'CAM'
  sensor_names = ' '
  props = 0; svars = 0; sensors = 0; lookup = 0
  ncalls = 0; nchecks = 0; nfail = 0
  step_len = [0.0123_dp, 0.0311_dp]

  flags_info = [1, 0, 1]
  time = 0; dt = 0; old = 0
  call call_vuamp()
  call check_point(0.0_dp, 0.0_dp)
  old = val
  i_acc = 0
  step_start = 0
  do kstep = 1, 2
    t = 0
    kinc = 0
    do while (t < step_len(kstep))
      kinc = kinc + 1
      dt = 2.0e-6_dp * (1 + 0.3_dp * sin(0.37_dp * kinc))
      if (t + dt > step_len(kstep)) dt = step_len(kstep) - t
      flags_info = [0, 1, kstep]
      time = [t + dt, step_start + t + dt]
      call call_vuamp()
      call check_point(time(2), dt)
      i_acc = i_acc + inc
      old = val
      t = t + dt
    end do
    step_start = step_start + step_len(kstep)
  end do
  call cam_integrals(time(2), i_end, d_end)
  call expect(i_acc, i_end, 1e-12_dp * abs(i_end), 'sum of AmpIncIntegral == I(end)')
  write (*, '(a,i0,a,i0,a,i0,a)') 'vuamp: ', ncalls, ' calls, ', nchecks, ' checks, ', nfail, ' failures'
  if (nfail /= 0) stop 1
contains
  subroutine call_vuamp()
    flags = 0
    val = -1; der = -1; sec = -1; inc = -1
    call vuamp(name, time, old, dt, 0, props, 0, svars, flags_info, 0, sensors, sensor_names, lookup, &
               val, flags, der, sec, inc)
    ncalls = ncalls + 1
    if (flags(4) == 1) then
      write (*, '(a)') 'vuamp_driver: VUAMP asked to stop the analysis (lFlagsDefine(iStopAnalysis) = 1)'
      stop 3
    end if
  end subroutine call_vuamp

  subroutine check_point(tt, step)
    real(dp), intent(in) :: tt, step
    call expect(val, cam_s(tt), 1e-12_dp * H, 'AmpValueNew == s(t)')
    call expect(der, cam_v(tt), 1e-12_dp * 4000, 'AmpDerivative == v(t)')
    call expect(sec, cam_a(tt), 1e-12_dp * 2.6e6_dp, 'AmpSecDerivative == a(t)')
    call increment_integrals(tt - step, tt, wi, wd, ti, td)
    ! A 2e-6 s increment's integral is ~2e-5 mm*s: relative 1e-9 of it, beyond the closed form's
    ! own cancellation (a few ulps of I(t) ~ 0.1 mm*s).
    call expect(inc, wi, ti, 'AmpIncIntegral == int s over the increment')
    nchecks = nchecks + 1
    if (any(flags(1:3) /= 1) .or. any(flags(4:5) /= 0)) then
      nfail = nfail + 1
      write (*, '(a,5i2)') 'FAIL lFlagsDefine = ', flags
    end if
  end subroutine check_point

  subroutine expect(got, want, tol, what)
    real(dp), intent(in) :: got, want, tol
    character(len=*), intent(in) :: what
    nchecks = nchecks + 1
    if (.not. close_to(got, want, tol)) then
      nfail = nfail + 1
      if (nfail <= 10) write (*, '(a,a,a,es12.5,a,es24.16,a,es24.16)') 'FAIL ', what, ' at t =', time(2), &
        ': ', got, ' vs ', want
    end if
  end subroutine expect
end program vuamp_driver
