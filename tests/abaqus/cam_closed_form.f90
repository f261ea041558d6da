! The default campro cam in closed form, independently of campro: cycloidal rise of H = 10 mm over
! 90 degrees, dwell 45, cycloidal fall 90, low dwell 135, at 3000 rpm (period T = 0.02 s).
! s, v, a at a time, and the integrals from time 0: I(t) = int_0^t s, D(t) = int_0^t I.
module cam_closed_form
  implicit none
  private
  public :: cam_s, cam_v, cam_a, cam_integrals, increment_integrals, H, PERIOD, close_to
  integer, parameter :: dp = kind(1.0d0)
  real(dp), parameter :: PI = 3.14159265358979323846264338327950288_dp
  real(dp), parameter :: H = 10.0_dp, PERIOD = 0.02_dp
  real(dp), parameter :: TR = 90.0_dp / 18000.0_dp, TD = 45.0_dp / 18000.0_dp
  real(dp), parameter :: TF = 90.0_dp / 18000.0_dp, TL = 135.0_dp / 18000.0_dp
contains
  ! Which segment holds time f in [0, T), and the time into it.
  subroutine locate(f, k, tau)
    real(dp), intent(in) :: f
    integer, intent(out) :: k
    real(dp), intent(out) :: tau
    if (f < TR) then
      k = 1; tau = f
    else if (f < TR + TD) then
      k = 2; tau = f - TR
    else if (f < TR + TD + TF) then
      k = 3; tau = f - TR - TD
    else
      k = 4; tau = f - TR - TD - TF
    end if
  end subroutine locate

  real(dp) function phase(t)
    real(dp), intent(in) :: t
    phase = t - PERIOD * floor(t / PERIOD)
  end function phase

  real(dp) function cam_s(t)
    real(dp), intent(in) :: t
    integer :: k
    real(dp) :: tau
    call locate(phase(t), k, tau)
    select case (k)
    case (1); cam_s = H * (tau / TR - sin(2 * PI * tau / TR) / (2 * PI))
    case (2); cam_s = H
    case (3); cam_s = H - H * (tau / TF - sin(2 * PI * tau / TF) / (2 * PI))
    case default; cam_s = 0
    end select
  end function cam_s

  real(dp) function cam_v(t)
    real(dp), intent(in) :: t
    integer :: k
    real(dp) :: tau
    call locate(phase(t), k, tau)
    select case (k)
    case (1); cam_v = H / TR * (1 - cos(2 * PI * tau / TR))
    case (3); cam_v = -H / TF * (1 - cos(2 * PI * tau / TF))
    case default; cam_v = 0
    end select
  end function cam_v

  real(dp) function cam_a(t)
    real(dp), intent(in) :: t
    integer :: k
    real(dp) :: tau
    call locate(phase(t), k, tau)
    select case (k)
    case (1); cam_a = 2 * PI * H / TR**2 * sin(2 * PI * tau / TR)
    case (3); cam_a = -2 * PI * H / TF**2 * sin(2 * PI * tau / TF)
    case default; cam_a = 0
    end select
  end function cam_a

  ! (I, D) of a cycloidal rise of duration d from its start.
  subroutine rise(tau, d, i, dd)
    real(dp), intent(in) :: tau, d
    real(dp), intent(out) :: i, dd
    real(dp) :: w
    w = 2 * PI / d
    i = H * (tau**2 / (2 * d) + d / (4 * PI**2) * (cos(w * tau) - 1))
    dd = H * (tau**3 / (6 * d) + d / (4 * PI**2) * (sin(w * tau) / w - tau))
  end subroutine rise

  ! I and D within one revolution, from its start to phase f.
  subroutine within(f, i, dd)
    real(dp), intent(in) :: f
    real(dp), intent(out) :: i, dd
    real(dp) :: starts(4), durs(4), ci, cd, li, ld, tau
    integer :: k, m
    durs = [TR, TD, TF, TL]
    starts = [0.0_dp, TR, TR + TD, TR + TD + TF]
    call locate(f, k, tau)
    ci = 0; cd = 0
    do m = 1, k
      if (m < k) then
        tau = durs(m)
      else
        tau = f - starts(m)
      end if
      select case (m)
      case (1); call rise(tau, TR, li, ld)
      case (2); li = H * tau; ld = H * tau**2 / 2
      case (3); call rise(tau, TF, li, ld); li = H * tau - li; ld = H * tau**2 / 2 - ld
      case default; li = 0; ld = 0
      end select
      cd = cd + ci * tau + ld
      ci = ci + li
    end do
    i = ci; dd = cd
  end subroutine within

  ! I(t) and D(t) from time 0 (t >= 0).
  subroutine cam_integrals(t, i, dd)
    real(dp), intent(in) :: t
    real(dp), intent(out) :: i, dd
    real(dp) :: n, f, irev, drev, ii, di
    n = floor(t / PERIOD)
    f = t - n * PERIOD
    call within(PERIOD * (1 - epsilon(1.0_dp)), irev, drev)
    call within(f, ii, di)
    i = n * irev + ii
    dd = irev * PERIOD * n * (n - 1) / 2 + n * drev + n * irev * f + di
  end subroutine cam_integrals

  ! int_{t0}^{t1} s and int_{t0}^{t1} int_{t0}^{tau} s, with an error bound for these values
  ! (the closed forms' own rounding: a few ulps of the cumulative values they are differences of).
  subroutine increment_integrals(t0, t1, i, dd, tol_i, tol_d)
    real(dp), intent(in) :: t0, t1
    real(dp), intent(out) :: i, dd, tol_i, tol_d
    real(dp) :: i0, d0, i1, d1
    call cam_integrals(t0, i0, d0)
    call cam_integrals(t1, i1, d1)
    i = i1 - i0
    dd = d1 - d0 - i0 * (t1 - t0)
    tol_i = 64 * epsilon(1.0_dp) * (abs(i0) + abs(i1)) + 1e-13_dp * H * abs(t1 - t0)
    tol_d = 64 * epsilon(1.0_dp) * (abs(d0) + abs(d1) + abs(i0 * (t1 - t0))) + 1e-13_dp * H * (t1 - t0)**2
  end subroutine increment_integrals

  logical function close_to(got, want, tol)
    real(dp), intent(in) :: got, want, tol
    close_to = abs(got - want) <= tol
  end function close_to
end module cam_closed_form
