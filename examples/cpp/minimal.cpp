// minimal.cpp - the smallest useful campro program in C++17 (README.md).
#include <campro.hpp>
#include <cstdio>
#include <vector>

int main() {
    campro::Motion cam;                        // CamProV5 defaults; errors throw campro::Error
    std::vector<double> theta{0.0, 45.0, 90.0, 180.0}, s(theta.size());
    cam.displacement(theta, s);                // batch into caller-owned storage
    for (std::size_t i = 0; i < s.size(); ++i) std::printf("s(%g deg) = %.6f mm\n", theta[i], s[i]);
    return 0;
}
