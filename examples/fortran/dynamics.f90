! dynamics.f90 - will the follower stay on the cam? (README.md, "Follower dynamics")
program dynamics
  use campro
  implicit none
  character(len=*), parameter :: file = "examples/params/valve_dynamics.toml"
  type(c_ptr) :: cam
  type(CamproFollowerDynamics) :: d
  type(CamproDynamicsReport) :: r
  type(CamproSpringSizing) :: s
  logical :: found
  character(len=3) :: separation

  if (campro_motion_load_f(file, cam) /= CAMPRO_OK) error stop "campro: cannot load the cam"
  if (campro_follower_dynamics_load_f(file, d, found) /= CAMPRO_OK .or. .not. found) error stop "no [dynamics]"
  if (campro_dynamics_check(cam, d, 3600_c_size_t, r) /= CAMPRO_OK) error stop "dynamics check failed"
  if (campro_size_spring(cam, d, 12.5_c_double, 6000.0_c_double, 1.2_c_double, 3600_c_size_t, s) /= CAMPRO_OK) &
    error stop "spring sizing failed"
  separation = merge("yes", "no ", r%separation == 1)

  print '(a,f0.3,a,f0.2,a)', "contact force at 67.5 deg: ", campro_contact_force(cam, d, 67.5_c_double), &
    " N, cam torque at 30 deg: ", campro_cam_torque(cam, d, 30.0_c_double), " N*mm"
  print '(a,f0.3,a,f3.1,a,f0.1,a,a)', "min contact force ", r%min_contact_force, " N at ", r%min_contact_force_at, &
    " deg; jump speed ", r%jump_rpm, " rpm; separation at 3000 rpm: ", trim(separation)
  print '(a,f0.3,a,f0.3,a)', "spring for 6000 rpm (preload/rate 12.5 mm, safety 1.2): ", s%spring_rate, &
    " N/mm, preload ", s%spring_preload, " N"
  call campro_motion_free(cam)
end program dynamics
