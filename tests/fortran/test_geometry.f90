! test_geometry.f90 -- the cam geometry through the campro module: the numbers the Rust tests pin
! (tests/geometry.rs), a batch, a bad field rejected with a message naming it, a profile file.
program test_geometry
  use, intrinsic :: iso_c_binding
  use campro
  implicit none
  type(CamproParameters) :: p
  type(c_ptr) :: m
  type(CamproFollower) :: roller, flat, arm, bad
  type(CamproProfilePoint) :: pt(1), batch(360)
  type(CamproGeometryReport) :: r
  real(c_double) :: theta(1), angles(360), rb
  integer :: passed, failed, i
  integer(c_int32_t) :: st
  character(len=4096) :: params
  real(c_double), parameter :: ref(6, 3) = reshape([ &
    3.13388959000425871d1, 1.84117236715577661d1, 3.51970476887472685d1, 2.30067932874955758d1, &
    9.98221993832381393d0, 2.78375979385535786d1, &
    -4.32520117472200667d1, 2.01729686010548335d1, -3.53145703235720703d1, 2.96324429336934365d1, 0.0d0, &
    3.73904260884637480d1, &
    3.62507499836584373d1, -2.33817327225235871d0, 4.10773230189457337d1, -1.03272594086068281d0, &
    1.83322924622537791d1, 2.81424626363164663d1], [6, 3])

  passed = 0
  failed = 0
  call campro_parameters_default(p)
  st = campro_motion_new(p, m)
  call expect(st == CAMPRO_OK, "motion")

  roller = CamproFollower(CAMPRO_FOLLOWER_TRANSLATING_ROLLER, 1, 30d0, 6d0, 5d0, 0d0, 0d0)
  flat = CamproFollower(CAMPRO_FOLLOWER_TRANSLATING_FLAT, -1, 40d0, 0d0, 0d0, 0d0, 0d0)
  arm = CamproFollower(CAMPRO_FOLLOWER_OSCILLATING_ROLLER, 1, 30d0, 5d0, 0d0, 60d0, 45d0)
  theta(1) = 50d0
  call point(roller, ref(:, 1))
  call point(flat, ref(:, 2))
  call point(arm, ref(:, 3))

  st = campro_geometry_check(m, roller, 3600_c_size_t, r)
  call expect(st == CAMPRO_OK .and. ulp4(r%max_pressure_angle, 2.37487283351186917d1) .and. &
              ulp4(r%min_convex_radius, 2.23159276674861431d1) .and. r%undercut == 0, "check roller")
  st = campro_geometry_check(m, flat, 3600_c_size_t, r)
  call expect(st == CAMPRO_OK .and. ulp4(r%face_width, 2.54647908947032526d1), "check flat")
  st = campro_min_base_circle(m, roller, 30d0, 2d0, rb)
  call expect(st == CAMPRO_OK .and. ulp4(rb, 2.06430697082036261d1), "min base circle roller")
  st = campro_min_base_circle(m, arm, 30d0, 2d0, rb)
  call expect(st == CAMPRO_OK .and. ulp4(rb, 2.36723727556931394d1), "min base circle arm")

  do i = 1, 360
    angles(i) = real(i - 1, c_double)
  end do
  st = campro_profile(m, roller, angles, 360_c_size_t, batch)
  call expect(st == CAMPRO_OK .and. ulp4(batch(51)%x, ref(1, 1)), "batch")
  call expect(all(abs(hypot(batch%pitch_x - batch%x, batch%pitch_y - batch%y) - 6d0) < 1d-12), "pitch - contact = Rr")

  bad = roller
  bad%rotation = 0
  st = campro_profile(m, bad, theta, 1_c_size_t, pt)
  call expect(st == CAMPRO_ERROR_INVALID_PARAMETER .and. index(campro_error_message(), "rotation = 0") > 0, "bad rotation")
  bad = arm
  bad%arm_length = -1d0
  st = campro_geometry_check(m, bad, 3600_c_size_t, r)
  call expect(st == CAMPRO_ERROR_INVALID_PARAMETER .and. index(campro_error_message(), "arm_length") > 0, "bad arm")

  st = campro_export_profile_f(m, roller, CAMPRO_PROFILE_CSV, 0.01d0, "cam.csv")
  call expect(st == CAMPRO_OK, "export csv")

  ! The follower of a parameter file's [follower] table (argument 1: examples/params/roller_follower.toml).
  call get_command_argument(1, params)
  bad = roller
  st = campro_follower_load_f(params, bad)
  call expect(st == CAMPRO_OK .and. bad%kind == CAMPRO_FOLLOWER_TRANSLATING_ROLLER .and. bad%rotation == 1 .and. &
              bad%base_circle_radius == 30d0 .and. bad%roller_radius == 6d0 .and. bad%offset == 5d0, "follower load")
  st = campro_follower_load_f("no-such-file.toml", bad)
  call expect(st == CAMPRO_ERROR_IO .and. bad%base_circle_radius == 30d0, "follower load: missing file")

  call campro_motion_free(m)
  print '(a, i0, a, i0, a)', "test_geometry: ", passed, " passed, ", failed, " failed"
  if (failed /= 0) error stop 1

contains

  logical function ulp4(got, want)
    real(c_double), intent(in) :: got, want
    ulp4 = abs(got - want) <= 4d0 * epsilon(1d0) * abs(want)
  end function ulp4

  subroutine point(f, want)
    type(CamproFollower), intent(in) :: f
    real(c_double), intent(in) :: want(6)
    integer(c_int32_t) :: s
    s = campro_profile(m, f, theta, 1_c_size_t, pt)
    call expect(s == CAMPRO_OK .and. ulp4(pt(1)%x, want(1)) .and. ulp4(pt(1)%y, want(2)) .and. &
                ulp4(pt(1)%pitch_x, want(3)) .and. ulp4(pt(1)%pitch_y, want(4)) .and. &
                ulp4(pt(1)%pressure_angle, want(5)) .and. ulp4(pt(1)%radius_of_curvature, want(6)), "point")
  end subroutine point

  subroutine expect(ok, what)
    logical, intent(in) :: ok
    character(len=*), intent(in) :: what
    if (ok) then
      passed = passed + 1
    else
      failed = failed + 1
      print '(a, a)', "FAIL: ", what
    end if
  end subroutine expect
end program test_geometry
