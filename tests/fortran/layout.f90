! Prints size and component offsets of the Fortran bind(C) types (compare: layout.c).
program layout
  use campro
  implicit none
  type(CamproParameters), target :: p
  type(CamproSegment), target :: s
  type(CamproKinematics), target :: k
  type(CamproBoundaryCondition), target :: b
  type(CamproAnalysis), target :: a

  call size_of("CamproParameters", c_sizeof(p))
  call off("CamproParameters.base_circle_radius", c_loc(p), c_loc(p%base_circle_radius))
  call off("CamproParameters.max_lift", c_loc(p), c_loc(p%max_lift))
  call off("CamproParameters.cam_duration", c_loc(p), c_loc(p%cam_duration))
  call off("CamproParameters.rise_duration", c_loc(p), c_loc(p%rise_duration))
  call off("CamproParameters.dwell_duration", c_loc(p), c_loc(p%dwell_duration))
  call off("CamproParameters.fall_duration", c_loc(p), c_loc(p%fall_duration))
  call off("CamproParameters.jerk_limit", c_loc(p), c_loc(p%jerk_limit))
  call off("CamproParameters.acceleration_limit", c_loc(p), c_loc(p%acceleration_limit))
  call off("CamproParameters.velocity_limit", c_loc(p), c_loc(p%velocity_limit))
  call off("CamproParameters.rpm", c_loc(p), c_loc(p%rpm))
  call off("CamproParameters.rise_law", c_loc(p), c_loc(p%rise_law))
  call off("CamproParameters.fall_law", c_loc(p), c_loc(p%fall_law))
  call size_of("CamproSegment", c_sizeof(s))
  call off("CamproSegment.law", c_loc(s), c_loc(s%law))
  call off("CamproSegment.duration", c_loc(s), c_loc(s%duration))
  call off("CamproSegment.end_lift", c_loc(s), c_loc(s%end_lift))
  call size_of("CamproKinematics", c_sizeof(k))
  call off("CamproKinematics.displacement", c_loc(k), c_loc(k%displacement))
  call off("CamproKinematics.velocity", c_loc(k), c_loc(k%velocity))
  call off("CamproKinematics.acceleration", c_loc(k), c_loc(k%acceleration))
  call off("CamproKinematics.jerk", c_loc(k), c_loc(k%jerk))
  call size_of("CamproBoundaryCondition", c_sizeof(b))
  call off("CamproBoundaryCondition.displacement", c_loc(b), c_loc(b%displacement))
  call off("CamproBoundaryCondition.velocity", c_loc(b), c_loc(b%velocity))
  call off("CamproBoundaryCondition.acceleration", c_loc(b), c_loc(b%acceleration))
  call size_of("CamproAnalysis", c_sizeof(a))
  call off("CamproAnalysis.max_velocity", c_loc(a), c_loc(a%max_velocity))
  call off("CamproAnalysis.max_acceleration", c_loc(a), c_loc(a%max_acceleration))
  call off("CamproAnalysis.max_jerk", c_loc(a), c_loc(a%max_jerk))
  call off("CamproAnalysis.rms_acceleration", c_loc(a), c_loc(a%rms_acceleration))
  call off("CamproAnalysis.rms_jerk", c_loc(a), c_loc(a%rms_jerk))
  call off("CamproAnalysis.velocity_violation", c_loc(a), c_loc(a%velocity_violation))
  call off("CamproAnalysis.acceleration_violation", c_loc(a), c_loc(a%acceleration_violation))
  call off("CamproAnalysis.jerk_violation", c_loc(a), c_loc(a%jerk_violation))

contains

  subroutine size_of(name, n)
    character(len=*), intent(in) :: name
    integer(c_size_t), intent(in) :: n
    write (*, '(a,a,i0)') name, " size ", n
  end subroutine size_of

  subroutine off(name, base, field)
    character(len=*), intent(in) :: name
    type(c_ptr), intent(in) :: base, field
    integer(c_intptr_t) :: b, f
    b = transfer(base, b)
    f = transfer(field, f)
    write (*, '(a,a,i0)') name, " ", f - b
  end subroutine off
end program layout
