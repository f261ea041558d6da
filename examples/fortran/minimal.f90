! minimal.f90 - the smallest useful campro program in Fortran (see README.md).
program minimal
  use campro
  implicit none
  type(CamproParameters) :: params
  type(CamproBoundaryCondition) :: bc
  type(c_ptr) :: motion

  call campro_parameters_default(params)         ! 10 mm cycloidal rise over 90 deg, 3000 rpm
  params%rise_law = CAMPRO_LAW_CYCLOIDAL
  if (campro_motion_new(params, motion) /= CAMPRO_OK) then
    print '(a)', "campro: " // campro_error_message()
    stop 1
  end if

  print '(a,f10.6,a)', "displacement at 45 deg: ", campro_displacement(motion, 45.0_c_double), " mm"
  bc = campro_boundary_condition_at_time(motion, 0.001_c_double)
  print '(a,3es14.6)', "at t = 1 ms (u, v, a): ", bc%displacement, bc%velocity, bc%acceleration

  call campro_motion_free(motion)
end program minimal
