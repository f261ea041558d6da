! driver.f90 - calls DISP (disp.f) the way Abaqus/Standard does, outside Abaqus, and checks every
! value against campro_boundary_condition_at_time on a motion made the same way (the
! CAMPRO_PARAMS file, or the default cam).
! Build: gfortran -c campro.f90; gfortran -c -I. disp.f; gfortran driver.f90 disp.o campro.o -lcampro
program driver
  use campro
  implicit none

  interface
    subroutine disp(u, kstep, kinc, time, node, noel, jdof, coords)
      import :: c_double
      real(c_double) :: u(3), time(2), coords(3)
      integer :: kstep, kinc, node, noel, jdof
    end subroutine disp
  end interface

  real(c_double), parameter :: pi = 3.14159265358979323846264338327950288_c_double
  integer, parameter :: nsteps = 2, nnodes = 3
  real(c_double), parameter :: step_length = 0.015_c_double   ! s, 3/4 of a revolution at 3000 rpm
  integer, parameter :: nincs = 1500
  type(c_ptr) :: ref
  type(CamproParameters) :: p
  type(CamproBoundaryCondition) :: bc
  real(c_double) :: u(3), time(2), coords(3), total, rpm, theta, s
  character(len=1024) :: path
  integer :: kstep, kinc, node, plen, penv, ncalls, nbad, nclosed
  logical :: default_cam

  call get_environment_variable("CAMPRO_PARAMS", path, length=plen, status=penv)
  default_cam = .not. (penv == 0 .and. plen > 0)
  if (default_cam) then
    call campro_parameters_default(p)
    if (campro_motion_new(p, ref) /= CAMPRO_OK) stop "driver: campro_motion_new failed"
  else
    if (campro_motion_load_f(path, ref) /= CAMPRO_OK) then
      ! DISP must fail the same way (it calls XIT), so let it try.
      write (*, '(a,a)') "driver: reference load failed: ", campro_error_message()
      time = 0
      u = 0
      coords = 0
      call disp(u, 1, 1, time, 1, 1, 2, coords)
      stop "driver: DISP accepted a parameter file campro rejects"
    end if
  end if
  rpm = campro_motion_rpm(ref)

  ncalls = 0; nbad = 0; nclosed = 0
  do kstep = 1, nsteps
    do kinc = 1, nincs
      time(1) = step_length * kinc / nincs                  ! step time at the end of the increment
      time(2) = step_length * (kstep - 1) + time(1)        ! total time
      do node = 1, nnodes
        coords = [0.0_c_double, 10.0_c_double * node, 0.0_c_double]
        u = -1
        call disp(u, kstep, kinc, time, 100 + node, 0, 2, coords)
        ncalls = ncalls + 1
        bc = campro_boundary_condition_at_time(ref, time(2))
        if (u(1) /= bc%displacement .or. u(2) /= bc%velocity .or. u(3) /= bc%acceleration) then
          nbad = nbad + 1
          if (nbad <= 5) write (*, '(a,es23.15,3es23.15)') "mismatch at t =", time(2), u
        end if
      end do
      ! The default cam's rise against the closed form.
      total = time(2)
      theta = modulo(6 * rpm * total, 360.0_c_double)
      if (default_cam .and. theta < 90.0_c_double) then
        s = 10 * (theta / 90 - sin(2 * pi * theta / 90) / (2 * pi))
        if (abs(u(1) - s) > 1.0e-9_c_double) nbad = nbad + 1
        nclosed = nclosed + 1
      end if
    end do
  end do
  call campro_motion_free(ref)

  write (*, '(a,i0,a,i0,a,i0,a)') "abaqus_disp driver: ", ncalls, " DISP calls, ", nclosed, &
    " closed-form checks, ", nbad, " mismatches"
  if (ncalls /= nsteps * nincs * nnodes) nbad = nbad + 1
  if (default_cam .and. nclosed < 100) nbad = nbad + 1
  if (nbad > 0) stop 1
end program driver

! Stand-in for Abaqus' XIT (terminate the analysis), for the test build only.
subroutine xit()
  write (*, '(a)') "XIT called: analysis terminated"
  stop 3
end subroutine xit
