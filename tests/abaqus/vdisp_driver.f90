! Calls VDISP (examples/fortran/abaqus_vdisp/vdisp.f) as Abaqus/Explicit does, outside Abaqus:
! the documented argument list with blocks of nblock = 4 nodes and 2 DOFs, for three boundary
! conditions (jBCType 0 displacement, 1 velocity, 2 acceleration); per step the initial-velocity
! call (stepTime = -dt), then one call per configuration (the initial one included, stepTime =
! 0) with the next increment dtNext; two steps. Every rval is checked against the default cam's
! closed form (cam_closed_form.f90, independent of campro) with the documented meaning:
! displacement at stepTime + dtNext, mean velocity over the next increment, acceleration at
! stepTime; u0 - v0 dt, v0, v0/dt at the initial-velocity call. Then the central-difference
! update the solver makes from the velocity-type values, u(n+1) = u(n) + dtNext * rval, is
! checked to track s(t) over the whole run. Prints "vdisp: N calls, M checks, F failures".
program vdisp_driver
  use cam_closed_form
  implicit none
  integer, parameter :: dp = kind(1.0d0)
  integer, parameter :: nblock = 4, ndof = 2, ncoord = 3
  interface
    subroutine vdisp(nblock, nDof, nCoord, kstep, kinc, stepTime, totalTime, dtNext, dt, &
                     cbname, jBCType, jDof, jNodeUid, amp, coordNp, u, v, a, rf, rmass, rotaryI, rval)
      import :: dp
      integer :: nblock, nDof, nCoord, kstep, kinc, jBCType, jDof(nDof), jNodeUid(nblock)
      real(dp) :: stepTime, totalTime, dtNext, dt, amp(nblock), coordNp(nCoord, nblock)
      real(dp) :: u(nDof, nblock), v(nDof, nblock), a(nDof, nblock), rf(nDof, nblock)
      real(dp) :: rmass(nblock), rotaryI(3, 3, nblock), rval(nDof, nblock)
      character(len=80) :: cbname
    end subroutine vdisp
  end interface
  character(len=80) :: names(0:2)
  integer :: jdof(ndof), uid(nblock), kstep, kinc, bc, ncalls, nchecks, nfail, i
  real(dp) :: amp(nblock), coord(ncoord, nblock), u(ndof, nblock), v(ndof, nblock), a(ndof, nblock)
  real(dp) :: rf(ndof, nblock), rmass(nblock), rot(3, 3, nblock), rval(ndof, nblock)
  real(dp) :: step_len(2), step_start, t, dt, dt_next, want, tol, u_cd, worst_cd
  names = [character(len=80) :: 'CAM-D', 'CAM-V', 'CAM-A']
  jdof = [2, 3]
  uid = [(100 + i, i = 1, nblock)]
  amp = 1; coord = 0; u = 0; v = 0; a = 0; rf = 0; rmass = 1; rot = 0
  ncalls = 0; nchecks = 0; nfail = 0
  step_len = [0.013_dp, 0.027_dp]
  step_start = 0
  u_cd = cam_s(0.0_dp)
  worst_cd = 0
  do kstep = 1, 2
    dt = increment(1)
    ! Initial velocity: stepTime = -dt, totalTime = step start - dt.
    do bc = 0, 2
      call call_vdisp(bc, -dt, step_start - dt, dt, dt)
      select case (bc)
      case (0); want = cam_s(step_start) - cam_v(step_start) * dt; tol = 1e-12_dp * H
      case (1); want = cam_v(step_start); tol = 1e-12_dp * 4000
      case default; want = cam_v(step_start) / dt; tol = 1e-12_dp * 4000 / dt
      end select
      call expect_block(want, tol, 'initial velocity call')
    end do
    t = 0
    kinc = 0
    do while (t < step_len(kstep) - 1e-15_dp)
      dt_next = increment(kinc + 1)
      if (t + dt_next > step_len(kstep)) dt_next = step_len(kstep) - t
      do bc = 0, 2
        call call_vdisp(bc, t, step_start + t, dt_next, dt)
        select case (bc)
        case (0)
          want = cam_s(step_start + t + dt_next); tol = 1e-12_dp * H
        case (1)
          want = (cam_s(step_start + t + dt_next) - cam_s(step_start + t)) / dt_next
          tol = 1e-11_dp * H / dt_next
          ! The solver's central-difference update with this velocity.
          u_cd = u_cd + dt_next * rval(1, 1)
          worst_cd = max(worst_cd, abs(u_cd - cam_s(step_start + t + dt_next)))
        case default
          want = cam_a(step_start + t); tol = 1e-12_dp * 2.6e6_dp
        end select
        call expect_block(want, tol, names(bc))
      end do
      kinc = kinc + 1
      t = t + dt_next
      dt = dt_next
    end do
    step_start = step_start + step_len(kstep)
  end do
  nchecks = nchecks + 1
  if (worst_cd > 1e-11_dp * H) then
    nfail = nfail + 1
    write (*, '(a,es12.4)') 'FAIL central-difference displacement drifts from s(t) by ', worst_cd
  end if
  write (*, '(a,es10.3,a)') 'vdisp: central-difference displacement within ', worst_cd, ' mm of s(t)'
  write (*, '(a,i0,a,i0,a,i0,a)') 'vdisp: ', ncalls, ' calls, ', nchecks, ' checks, ', nfail, ' failures'
  if (nfail /= 0) stop 1
contains
  real(dp) function increment(k)
    integer, intent(in) :: k
    increment = 5.0e-6_dp * (1 + 0.4_dp * cos(0.23_dp * k))
  end function increment

  subroutine call_vdisp(bc, step_time, total_time, dtn, dtc)
    integer, intent(in) :: bc
    real(dp), intent(in) :: step_time, total_time, dtn, dtc
    real(dp) :: st, tt, dn, dc
    integer :: jbc
    st = step_time; tt = total_time; dn = dtn; dc = dtc; jbc = bc
    rval = -12345
    call vdisp(nblock, ndof, ncoord, kstep, kinc, st, tt, dn, dc, names(bc), jbc, jdof, uid, amp, &
               coord, u, v, a, rf, rmass, rot, rval)
    ncalls = ncalls + 1
  end subroutine call_vdisp

  subroutine expect_block(want, tol, what)
    real(dp), intent(in) :: want, tol
    character(len=*), intent(in) :: what
    nchecks = nchecks + 1
    if (any(abs(rval - want) > tol)) then
      nfail = nfail + 1
      if (nfail <= 10) write (*, '(a,a,a,i0,a,es24.16,a,es24.16)') 'FAIL ', trim(what), ' step ', kstep, &
        ': rval(1,1) = ', rval(1, 1), ' vs ', want
    end if
  end subroutine expect_block
end program vdisp_driver

! Stand-in for Abaqus/Explicit's XPLB_EXIT (terminate the analysis), for the test build only.
subroutine xplb_exit()
  write (*, '(a)') 'XPLB_EXIT called: analysis terminated'
  stop 3
end subroutine xplb_exit
