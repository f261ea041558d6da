! Prints size and component offsets of the follower-dynamics bind(C) types (compare: layout_dynamics.c).
program layout_dynamics
  use campro
  implicit none
  type(CamproFollowerDynamics), target :: d
  type(CamproDynamicsReport), target :: r
  type(CamproSpringSizing), target :: s
  type(CamproSpeedLimit), target :: l

  call size_of("CamproFollowerDynamics", c_sizeof(d))
  call off("CamproFollowerDynamics.mass", c_loc(d), c_loc(d%mass))
  call off("CamproFollowerDynamics.spring_rate", c_loc(d), c_loc(d%spring_rate))
  call off("CamproFollowerDynamics.spring_preload", c_loc(d), c_loc(d%spring_preload))
  call off("CamproFollowerDynamics.damping", c_loc(d), c_loc(d%damping))
  call off("CamproFollowerDynamics.external_force", c_loc(d), c_loc(d%external_force))
  call size_of("CamproDynamicsReport", c_sizeof(r))
  call off("CamproDynamicsReport.min_contact_force", c_loc(r), c_loc(r%min_contact_force))
  call off("CamproDynamicsReport.min_contact_force_at", c_loc(r), c_loc(r%min_contact_force_at))
  call off("CamproDynamicsReport.max_contact_force", c_loc(r), c_loc(r%max_contact_force))
  call off("CamproDynamicsReport.max_contact_force_at", c_loc(r), c_loc(r%max_contact_force_at))
  call off("CamproDynamicsReport.max_torque", c_loc(r), c_loc(r%max_torque))
  call off("CamproDynamicsReport.max_torque_at", c_loc(r), c_loc(r%max_torque_at))
  call off("CamproDynamicsReport.rms_torque", c_loc(r), c_loc(r%rms_torque))
  call off("CamproDynamicsReport.max_power_factor", c_loc(r), c_loc(r%max_power_factor))
  call off("CamproDynamicsReport.jump_rpm", c_loc(r), c_loc(r%jump_rpm))
  call off("CamproDynamicsReport.separation", c_loc(r), c_loc(r%separation))
  call size_of("CamproSpringSizing", c_sizeof(s))
  call off("CamproSpringSizing.spring_rate", c_loc(s), c_loc(s%spring_rate))
  call off("CamproSpringSizing.spring_preload", c_loc(s), c_loc(s%spring_preload))
  call off("CamproSpringSizing.critical_angle", c_loc(s), c_loc(s%critical_angle))
  call off("CamproSpringSizing.critical_rpm", c_loc(s), c_loc(s%critical_rpm))
  call size_of("CamproSpeedLimit", c_sizeof(l))
  call off("CamproSpeedLimit.max_rpm", c_loc(l), c_loc(l%max_rpm))
  call off("CamproSpeedLimit.rpm_by_velocity", c_loc(l), c_loc(l%rpm_by_velocity))
  call off("CamproSpeedLimit.rpm_by_acceleration", c_loc(l), c_loc(l%rpm_by_acceleration))
  call off("CamproSpeedLimit.rpm_by_jerk", c_loc(l), c_loc(l%rpm_by_jerk))
  call off("CamproSpeedLimit.max_velocity", c_loc(l), c_loc(l%max_velocity))
  call off("CamproSpeedLimit.max_velocity_at", c_loc(l), c_loc(l%max_velocity_at))
  call off("CamproSpeedLimit.max_acceleration", c_loc(l), c_loc(l%max_acceleration))
  call off("CamproSpeedLimit.max_acceleration_at", c_loc(l), c_loc(l%max_acceleration_at))
  call off("CamproSpeedLimit.max_jerk", c_loc(l), c_loc(l%max_jerk))
  call off("CamproSpeedLimit.max_jerk_at", c_loc(l), c_loc(l%max_jerk_at))
  call off("CamproSpeedLimit.limited_by", c_loc(l), c_loc(l%limited_by))

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
end program layout_dynamics
