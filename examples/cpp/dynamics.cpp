// dynamics.cpp - will the follower stay on the cam? (README.md, "Follower dynamics")
#include <campro.hpp>
#include <cstdio>

int main() {
    const std::string file = "examples/params/valve_dynamics.toml";
    const campro::Motion cam = campro::Motion::load(file); // errors throw campro::Error
    const CamproFollowerDynamics d = campro::load_follower_dynamics(file).value();
    std::printf("contact force at 67.5 deg: %.3f N, cam torque at 30 deg: %.2f N*mm\n", cam.contact_force(d, 67.5),
                cam.cam_torque(d, 30.0));
    const CamproDynamicsReport r = cam.dynamics_check(d, 3600);
    std::printf("min contact force %.3f N at %.1f deg; jump speed %.1f rpm; separation at 3000 rpm: %s\n",
                r.min_contact_force, r.min_contact_force_at, r.jump_rpm, r.separation ? "yes" : "no");
    const CamproSpringSizing s = cam.size_spring(d, 12.5, 6000.0, 1.2, 3600);
    std::printf("spring for 6000 rpm (preload/rate 12.5 mm, safety 1.2): %.3f N/mm, preload %.3f N\n", s.spring_rate,
                s.spring_preload);
    return 0;
}
