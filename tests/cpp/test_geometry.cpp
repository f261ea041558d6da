// test_geometry.cpp -- the cam geometry through campro.hpp: the numbers the Rust tests pin
// (tests/geometry.rs), exceptions naming the bad field, batch = one-by-one, a profile file.
#include "campro.hpp"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

static int passed = 0, failed = 0;
#define CHECK(cond)                                                                                    \
    do {                                                                                               \
        if (cond) {                                                                                    \
            ++passed;                                                                                  \
        } else {                                                                                       \
            ++failed;                                                                                  \
            std::printf("FAIL test_geometry.cpp:%d: %s\n", __LINE__, #cond);                           \
        }                                                                                              \
    } while (0)

static bool ulp4(double got, double want) { return std::fabs(got - want) <= 4 * 2.220446049250313e-16 * std::fabs(want); }

int main() {
    campro::Motion cam;
    const campro::Follower fs[3] = {campro::Follower::translating_roller(30.0, 6.0, 5.0),
                                    campro::Follower::translating_flat(40.0, -1),
                                    campro::Follower::oscillating_roller(30.0, 5.0, 60.0, 45.0)};
    const double ref[3][6] = {
        {3.13388959000425871e1, 1.84117236715577661e1, 3.51970476887472685e1, 2.30067932874955758e1,
         9.98221993832381393e0, 2.78375979385535786e1},
        {-4.32520117472200667e1, 2.01729686010548335e1, -3.53145703235720703e1, 2.96324429336934365e1, 0.0,
         3.73904260884637480e1},
        {3.62507499836584373e1, -2.33817327225235871e0, 4.10773230189457337e1, -1.03272594086068281e0,
         1.83322924622537791e1, 2.81424626363164663e1},
    };
    for (int i = 0; i < 3; ++i) {
        campro::ProfilePoint p = cam.profile(fs[i], 50.0);
        const double got[6] = {p.x, p.y, p.pitch_x, p.pitch_y, p.pressure_angle, p.radius_of_curvature};
        for (int k = 0; k < 6; ++k) CHECK(ulp4(got[k], ref[i][k]));
    }
    campro::GeometryReport r = cam.geometry_check(fs[0]);
    CHECK(ulp4(r.max_pressure_angle, 2.37487283351186917e1) && ulp4(r.min_convex_radius, 2.23159276674861431e1));
    CHECK(std::isinf(r.min_concave_radius) && r.undercut == 0);
    r = cam.geometry_check(fs[1]);
    CHECK(ulp4(r.face_width, 2.54647908947032526e1));
    CHECK(ulp4(cam.min_base_circle(fs[0], 30.0, 2.0), 2.06430697082036261e1));
    CHECK(ulp4(cam.min_base_circle(fs[2], 30.0, 2.0), 2.36723727556931394e1));

    // batch == one by one
    std::vector<double> theta(1000);
    for (std::size_t i = 0; i < theta.size(); ++i) theta[i] = 0.37 * static_cast<double>(i) - 20.0;
    std::vector<campro::ProfilePoint> out(theta.size());
    cam.profile(fs[2], theta, out);
    bool same = true;
    for (std::size_t i = 0; i < theta.size(); ++i) {
        campro::ProfilePoint q = cam.profile(fs[2], theta[i]);
        same = same && std::memcmp(&q, &out[i], sizeof q) == 0;
    }
    CHECK(same);

    // bad fields throw campro::Error naming them
    const char *fields[] = {"kind", "rotation", "roller_radius", "offset"};
    campro::Follower bad[4] = {fs[0], fs[0], fs[0], fs[0]};
    bad[0].kind = 9;
    bad[1].rotation = 0;
    bad[2].roller_radius = -1.0;
    bad[3].offset = 100.0;
    for (int i = 0; i < 4; ++i) {
        try {
            (void)cam.profile(bad[i], 10.0);
            CHECK(false);
        } catch (const campro::Error &e) {
            CHECK(e.status() == CAMPRO_ERROR_INVALID_PARAMETER && std::string(e.what()).find(fields[i]) != std::string::npos);
        }
    }
    try {
        std::vector<campro::ProfilePoint> small(3);
        cam.profile(fs[0], theta, small);
        CHECK(false);
    } catch (const std::invalid_argument &) {
        CHECK(true);
    }

    cam.export_profile(fs[0], CAMPRO_PROFILE_ABAQUS_SURFACE, 0.01, "target/cpp/cam_surface.inp");
    std::ifstream in("target/cpp/cam_surface.inp");
    std::string line;
    int lines = 0;
    while (std::getline(in, line)) lines += line.rfind("LINE, ", 0) == 0;
    CHECK(lines > 20);

    std::printf("test_geometry: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
