! Installed-package consumer in Fortran: compiled with the installed campro.f90.
program consumer_f
  use campro
  implicit none
  type(CamproParameters) :: p
  type(c_ptr) :: m
  real(c_double) :: s
  call campro_parameters_default(p)
  if (campro_motion_new(p, m) /= CAMPRO_OK) stop 1
  s = campro_displacement(m, 45.0_c_double)
  write (*, '(a,a,a,f9.6,a)') "consumer_f: campro ", campro_version_string(), ", s(45) = ", s, " mm"
  call campro_motion_free(m)
  if (abs(s - 5.0_c_double) > 1.0e-9_c_double) stop 1
end program consumer_f
