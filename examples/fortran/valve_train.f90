! valve_train.f90 - an explicit (central-difference) valve-train model driven by campro.
!
! A tappet rides on the cam (penalty contact that can only push), a steel push rod of NE bar
! elements carries the motion to the valve, and a preloaded valve spring holds the train on the
! cam. At each step the cam lift comes from campro_boundary_condition_at_time; every BLOCK steps
! the same times are also evaluated in one campro_boundary_conditions call, and the two must
! agree bit for bit. The program reports the peak contact force and whether the tappet lifts off
! the cam at 3000 and 6000 rpm.
!
! Units (consistent FEA set): mm, s, tonne, N, MPa.
! Build:  gfortran campro.f90 valve_train.f90 -L<libdir> -lcampro -Wl,-rpath,<libdir>
program valve_train
  use campro
  implicit none

  real(c_double), parameter :: pi = 3.14159265358979323846264338327950288_c_double
  integer, parameter :: ne = 4                         ! bar elements in the push rod
  integer, parameter :: block = 500                    ! steps per campro_boundary_conditions call
  real(c_double), parameter :: dt = 1.0e-6_c_double    ! s; stable limit of the rod is ~7e-6 s
  real(c_double), parameter :: revolutions = 2.0_c_double

  ! Push rod: steel, 150 mm long, 20 mm^2; tappet and valve (+ 1/3 spring) as lumped masses.
  real(c_double), parameter :: young = 210000.0_c_double      ! MPa
  real(c_double), parameter :: density = 7.85e-9_c_double     ! t/mm^3
  real(c_double), parameter :: area = 20.0_c_double           ! mm^2
  real(c_double), parameter :: rod_length = 150.0_c_double    ! mm
  real(c_double), parameter :: tappet_mass = 3.0e-5_c_double  ! t (30 g)
  real(c_double), parameter :: valve_mass = 5.0e-5_c_double   ! t (50 g)
  real(c_double), parameter :: zeta = 0.05_c_double           ! damping ratio of each element
  real(c_double), parameter :: spring_preload = 250.0_c_double   ! N
  real(c_double), parameter :: spring_rate = 30.0_c_double       ! N/mm
  real(c_double), parameter :: contact_stiffness = 2.0e5_c_double  ! N/mm (penalty)

  integer :: nchecks = 0, nfailed = 0

  write (*, '(a,a)') "campro ", campro_version_string()
  write (*, '(a,i0,a,es10.3,a,i0,a)') "valve train: ", ne, " bar elements, dt = ", dt, &
    " s, blocks of ", block, " steps"
  call run(3000.0_c_double)
  call run(6000.0_c_double)
  write (*, '(a,i0,a,i0,a)') "checks: ", nchecks - nfailed, " passed, ", nfailed, " failed"
  if (nfailed > 0) stop 1

contains

  subroutine check(name, ok)
    character(len=*), intent(in) :: name
    logical, intent(in) :: ok
    nchecks = nchecks + 1
    if (.not. ok) then
      nfailed = nfailed + 1
      write (*, '(a,a)') "CHECK FAILED: ", name
    end if
  end subroutine check

  ! Closed form of the default cam (cycloidal 10 mm rise 0..90, dwell, cycloidal fall 135..225).
  pure real(c_double) function cam_lift(theta_in)
    real(c_double), intent(in) :: theta_in
    real(c_double) :: theta, u
    theta = modulo(theta_in, 360.0_c_double)
    if (theta < 90.0_c_double) then
      u = theta / 90.0_c_double
      cam_lift = 10.0_c_double * (u - sin(2 * pi * u) / (2 * pi))
    else if (theta < 135.0_c_double) then
      cam_lift = 10.0_c_double
    else if (theta < 225.0_c_double) then
      u = (theta - 135.0_c_double) / 90.0_c_double
      cam_lift = 10.0_c_double * (1.0_c_double - (u - sin(2 * pi * u) / (2 * pi)))
    else
      cam_lift = 0.0_c_double
    end if
  end function cam_lift

  subroutine run(rpm)
    real(c_double), intent(in) :: rpm
    type(CamproParameters) :: params
    type(c_ptr) :: motion
    type(CamproBoundaryCondition) :: bc, blk(block)
    real(c_double) :: times(block)
    real(c_double) :: mass(0:ne), u(0:ne), v(0:ne), f(0:ne)
    real(c_double) :: ke, ce, le, f_static, deg_per_s, period, t, theta, ax
    real(c_double) :: contact, peak_contact, peak_angle, min_contact, max_gap, liftoff_angle
    real(c_double) :: max_valve, rel_err, stretch, rate
    real(c_double) :: check_angles(6) = [30.0_c_double, 45.0_c_double, 60.0_c_double, &
                                         100.0_c_double, 180.0_c_double, 300.0_c_double]
    integer :: nsteps, n, i, e, ib, mismatches
    logical :: liftoff

    call campro_parameters_default(params)
    params%rpm = rpm
    if (campro_motion_new(params, motion) /= CAMPRO_OK) then
      write (*, '(a,a)') "campro_motion_new failed: ", campro_error_message()
      stop 2
    end if
    call check("campro_motion_rpm", campro_motion_rpm(motion) == rpm)

    deg_per_s = 6.0_c_double * rpm
    period = 360.0_c_double / deg_per_s

    ! The prescribed lift against the closed form, in the first and in a later revolution.
    do i = 1, size(check_angles)
      t = check_angles(i) / deg_per_s
      bc = campro_boundary_condition_at_time(motion, t)
      call check("displacement == closed form", abs(bc%displacement - cam_lift(check_angles(i))) <= 1.0e-9_c_double)
      bc = campro_boundary_condition_at_time(motion, t + 3 * period)
      call check("displacement == closed form (4th rev)", &
                 abs(bc%displacement - cam_lift(check_angles(i))) <= 1.0e-9_c_double)
    end do
    ! Velocity at 45 deg is the cycloid's peak h * 2 * (deg/s) / 90.
    bc = campro_boundary_condition_at_time(motion, 45.0_c_double / deg_per_s)
    rate = deg_per_s / 90.0_c_double
    call check("velocity(45 deg) == 2 h rate", abs(bc%velocity - 20.0_c_double * rate) <= 1.0e-9_c_double * 20 * rate)

    ! Lumped masses, element stiffness and damping.
    le = rod_length / ne
    ke = young * area / le
    mass = density * area * le
    mass(1:ne - 1) = 2 * mass(1:ne - 1)
    mass = 0.5_c_double * mass
    mass(0) = mass(0) + tappet_mass
    mass(ne) = mass(ne) + valve_mass
    ce = 2 * zeta * sqrt(ke * minval(mass))

    ! Static equilibrium on the base circle: the preload squeezes contact and rod.
    f_static = spring_preload / (1 + spring_rate * (1 / contact_stiffness + ne / ke))
    u(0) = -f_static / contact_stiffness
    do e = 1, ne
      u(e) = u(e - 1) - f_static / ke
    end do
    v = 0

    nsteps = nint(revolutions * period / dt)
    peak_contact = 0; peak_angle = 0; min_contact = huge(1.0_c_double)
    max_gap = 0; liftoff = .false.; liftoff_angle = -1; max_valve = -huge(1.0_c_double)
    mismatches = 0

    do n = 0, nsteps - 1
      ib = modulo(n, block) + 1
      if (ib == 1) then
        ! The next block of step times in one (parallel) call ...
        do i = 1, block
          times(i) = real(n + i - 1, c_double) * dt
        end do
        if (campro_boundary_conditions(motion, times, int(block, c_size_t), blk) /= CAMPRO_OK) then
          write (*, '(a,a)') "campro_boundary_conditions failed: ", campro_error_message()
          stop 2
        end if
      end if
      ! ... and step by step, as a solver asks for its boundary condition.
      t = real(n, c_double) * dt
      bc = campro_boundary_condition_at_time(motion, t)
      if (bc%displacement /= blk(ib)%displacement .or. bc%velocity /= blk(ib)%velocity .or. &
          bc%acceleration /= blk(ib)%acceleration) mismatches = mismatches + 1

      ! Internal forces: elastic + damping (velocities of the previous half step).
      f = 0
      contact = contact_stiffness * max(0.0_c_double, bc%displacement - u(0))
      f(0) = contact
      do e = 1, ne
        stretch = ke * (u(e - 1) - u(e)) + ce * (v(e - 1) - v(e))   ! compression > 0
        f(e - 1) = f(e - 1) - stretch
        f(e) = f(e) + stretch
      end do
      f(ne) = f(ne) - (spring_preload + spring_rate * u(ne))

      ! Central differences: v(n+1/2) = v(n-1/2) + dt a(n); u(n+1) = u(n) + dt v(n+1/2).
      do e = 0, ne
        ax = f(e) / mass(e)
        v(e) = v(e) + dt * ax
        u(e) = u(e) + dt * v(e)
      end do

      theta = modulo(deg_per_s * t, 360.0_c_double)
      if (contact > peak_contact) then
        peak_contact = contact
        peak_angle = theta
      end if
      min_contact = min(min_contact, contact)
      max_valve = max(max_valve, u(ne))
      if (contact <= 0) then
        max_gap = max(max_gap, u(0) - bc%displacement)
        if (.not. liftoff) liftoff_angle = theta
        liftoff = .true.
      end if
    end do

    call check("block == per-step (bitwise)", mismatches == 0)
    call check("the spring keeps the train loaded at the start", min_contact >= 0)
    if (.not. liftoff) then
      ! Held on the cam, the valve follows the 10 mm lift (less the rod's squeeze), and on the
      ! top dwell the contact carries the spring force at full lift.
      rel_err = abs(max_valve - 10.0_c_double) / 10.0_c_double
      call check("the valve follows the 10 mm lift (within 2 %)", rel_err < 0.02_c_double)
      call check("peak contact >= spring force at full lift", &
                 peak_contact >= 0.98_c_double * (spring_preload + 10 * spring_rate))
    end if

    write (*, '(a,f6.0,a,i0,a,i0)') "rpm ", rpm, ": steps ", nsteps, ", block mismatches ", mismatches
    write (*, '(a,f6.0,a,es14.6,a,f8.3,a)') "rpm ", rpm, ": peak contact force ", peak_contact, &
      " N at ", peak_angle, " deg"
    write (*, '(a,f6.0,a,es14.6,a)') "rpm ", rpm, ": minimum contact force ", min_contact, " N"
    write (*, '(a,f6.0,a,es14.6,a)') "rpm ", rpm, ": max valve lift ", max_valve, " mm"
    if (liftoff) then
      write (*, '(a,f6.0,a,f8.3,a,es14.6,a)') "rpm ", rpm, ": lift-off yes, first at ", liftoff_angle, &
        " deg, max gap ", max_gap, " mm"
    else
      write (*, '(a,f6.0,a)') "rpm ", rpm, ": lift-off no"
    end if
    call campro_motion_free(motion)
  end subroutine run
end program valve_train
