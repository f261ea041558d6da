"""dynamics.py - will the follower stay on the cam? (README.md, "Follower dynamics")"""

import campro

FILE = "examples/params/valve_dynamics.toml"
cam = campro.Motion.load(FILE)
d = campro.FollowerDynamics.load(FILE)  # the file's [dynamics] table (None without one)
assert d is not None
print(f"contact force at 67.5 deg: {cam.contact_force(67.5, d):.3f} N, "
      f"cam torque at 30 deg: {cam.cam_torque(30.0, d):.2f} N*mm")
r = cam.dynamics_check(d, 3600)
print(f"min contact force {r.min_contact_force:.3f} N at {r.min_contact_force_at:.1f} deg; "
      f"jump speed {r.jump_rpm:.1f} rpm; separation at 3000 rpm: {'yes' if r.separation else 'no'}")
s = cam.size_spring(d, 12.5, 6000.0, safety_factor=1.2)
print(f"spring for 6000 rpm (preload/rate 12.5 mm, safety 1.2): {s.spring_rate:.3f} N/mm, "
      f"preload {s.spring_preload:.3f} N")
