! Calls UAMP (examples/fortran/abaqus_uamp/uamp.f) as Abaqus/Standard does, outside Abaqus:
! the documented argument list, an initialization call, two steps of irregular increments
! (time(1) step time and time(2) total time at the increment's end, dt its length, ampValueOld
! the previous value) with a cutback (the increment retried at a quarter of its length with
! lFlagsInfo(iCuts) = 1), and checks every output against the default cam's closed form
! (cam_closed_form.f90, independent of campro): value, derivatives, the increment integral and
! double integral, the flags; and that the increments' integrals chain to I(t) and D(t) of the
! whole run. Prints "uamp: N calls, M checks, F failures".
program uamp_driver
  use cam_closed_form
  implicit none
  integer, parameter :: dp = kind(1.0d0)
  interface
    subroutine uamp(ampName, time, ampValueOld, dt, nProps, props, nSvars, svars, lFlagsInfo, &
                    nSensor, sensorValues, sensorNames, jSensorLookUpTable, AmpValueNew, &
                    lFlagsDefine, AmpDerivative, AmpSecDerivative, AmpIncIntegral, AmpDoubleIntegral)
      import :: dp
      character(len=80) :: ampName
      real(dp) :: time(2), ampValueOld, dt, props(*), svars(*), sensorValues(*)
      integer :: nProps, nSvars, nSensor, lFlagsInfo(4), jSensorLookUpTable(*), lFlagsDefine(6)
      character(len=80) :: sensorNames(*)
      real(dp) :: AmpValueNew, AmpDerivative, AmpSecDerivative, AmpIncIntegral, AmpDoubleIntegral
    end subroutine uamp
  end interface
  character(len=80) :: name, sensor_names(1)
  real(dp) :: time(2), old, props(1), svars(1), sensors(1), val, der, sec, inc, dbl
  real(dp) :: step_start, step_len(2), t, dt, i_acc, d_acc, wi, wd, ti, td, i_end, d_end
  integer :: flags_info(4), flags(6), lookup(1), kstep, kinc, ncalls, nchecks, nfail
  logical :: cut_done
  name = 'CAM'
  sensor_names = ' '
  props = 0; svars = 0; sensors = 0; lookup = 0
  ncalls = 0; nchecks = 0; nfail = 0
  step_len = [0.031_dp, 0.0217_dp]

  ! Initialization call: time 0, no increment yet.
  flags_info = [1, 0, 0, 1]
  time = 0; dt = 0; old = 0
  call call_uamp()
  call check_point(0.0_dp, 0.0_dp)
  old = val

  i_acc = 0; d_acc = 0
  step_start = 0
  cut_done = .false.
  do kstep = 1, 2
    t = 0
    kinc = 0
    do while (t < step_len(kstep))
      kinc = kinc + 1
      ! Irregular increments of about 3e-4 s, the last one trimmed to the step's end.
      dt = 3.0e-4_dp * (1 + 0.6_dp * sin(1.7_dp * kinc))
      if (t + dt > step_len(kstep)) dt = step_len(kstep) - t
      flags_info = [0, 1, 0, kstep]
      if (kstep == 1 .and. kinc == 10 .and. .not. cut_done) then
        ! An attempt that does not converge: Abaqus cuts the increment back and calls again.
        time = [t + dt, step_start + t + dt]
        call call_uamp()
        call check_point(time(2), dt)
        dt = dt / 4
        flags_info = [0, 0, 1, kstep]
        cut_done = .true.
      end if
      time = [t + dt, step_start + t + dt]
      call call_uamp()
      call check_point(time(2), dt)
      ! The solver's bookkeeping: D(t1) = D(t0) + I(t0) dt + double, I(t1) = I(t0) + inc.
      d_acc = d_acc + i_acc * dt + dbl
      i_acc = i_acc + inc
      old = val
      t = t + dt
    end do
    step_start = step_start + step_len(kstep)
  end do
  call cam_integrals(time(2), i_end, d_end)
  call expect(i_acc, i_end, 1e-12_dp * abs(i_end), 'sum of AmpIncIntegral == I(end)')
  call expect(d_acc, d_end, 1e-12_dp * abs(d_end), 'chained AmpDoubleIntegral == D(end)')
  write (*, '(a,i0,a,i0,a,i0,a)') 'uamp: ', ncalls, ' calls, ', nchecks, ' checks, ', nfail, ' failures'
  if (nfail /= 0) stop 1
contains
  subroutine call_uamp()
    flags = 0
    val = -1; der = -1; sec = -1; inc = -1; dbl = -1
    call uamp(name, time, old, dt, 0, props, 0, svars, flags_info, 0, sensors, sensor_names, lookup, &
              val, flags, der, sec, inc, dbl)
    ncalls = ncalls + 1
    if (flags(5) == 1) then
      write (*, '(a)') 'uamp_driver: UAMP asked to stop the analysis (lFlagsDefine(iStopAnalysis) = 1)'
      stop 3
    end if
  end subroutine call_uamp

  subroutine check_point(tt, step)
    real(dp), intent(in) :: tt, step
    call expect(val, cam_s(tt), 1e-12_dp * H, 'AmpValueNew == s(t)')
    call expect(der, cam_v(tt), 1e-12_dp * 4000, 'AmpDerivative == v(t)')
    call expect(sec, cam_a(tt), 1e-12_dp * 2.6e6_dp, 'AmpSecDerivative == a(t)')
    call increment_integrals(tt - step, tt, wi, wd, ti, td)
    call expect(inc, wi, ti, 'AmpIncIntegral == int s over the increment')
    call expect(dbl, wd, td, 'AmpDoubleIntegral == double integral over the increment')
    nchecks = nchecks + 1
    if (any(flags(1:4) /= 1) .or. any(flags(5:6) /= 0)) then
      nfail = nfail + 1
      write (*, '(a,6i2)') 'FAIL lFlagsDefine = ', flags
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
end program uamp_driver
