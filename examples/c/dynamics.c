/* dynamics.c - will the follower stay on the cam? (README.md, "Follower dynamics") */
#include <campro.h>
#include <stdio.h>

int main(void) {
    const char *file = "examples/params/valve_dynamics.toml";
    CamproMotion *cam = NULL;
    CamproFollowerDynamics d;
    CamproDynamicsReport r;
    CamproSpringSizing s;
    int32_t found = 0;
    if (campro_motion_load(file, &cam) != CAMPRO_OK || campro_follower_dynamics_load(file, &d, &found) != CAMPRO_OK ||
        !found || campro_dynamics_check(cam, &d, 3600, &r) != CAMPRO_OK ||
        campro_size_spring(cam, &d, 12.5, 6000.0, 1.2, 3600, &s) != CAMPRO_OK) {
        char msg[256];
        campro_last_error_message(msg, sizeof msg);
        fprintf(stderr, "campro: %s\n", found ? msg : "no [dynamics] table");
        campro_motion_free(cam);
        return 1;
    }
    printf("contact force at 67.5 deg: %.3f N, cam torque at 30 deg: %.2f N*mm\n", campro_contact_force(cam, &d, 67.5),
           campro_cam_torque(cam, &d, 30.0));
    printf("min contact force %.3f N at %.1f deg; jump speed %.1f rpm; separation at 3000 rpm: %s\n",
           r.min_contact_force, r.min_contact_force_at, r.jump_rpm, r.separation ? "yes" : "no");
    printf("spring for 6000 rpm (preload/rate 12.5 mm, safety 1.2): %.3f N/mm, preload %.3f N\n", s.spring_rate,
           s.spring_preload);
    campro_motion_free(cam);
    return 0;
}
