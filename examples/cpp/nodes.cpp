// nodes.cpp -- boundary conditions for many FE nodes, each with its own phase, through campro.hpp.
//
// 1000 follower nodes (think of a bank of valves driven by one camshaft) see the same cam but
// phase-shifted: node i lags by i * 360/1000 degrees, i.e. it sees the cam at solver time
// t - i * (360/1000) / (6 rpm). At one solver time we ask campro for all nodes' prescribed
// displacement, velocity and acceleration in one parallel call.
//
// Build (from the repo root; see README.md):
//   g++ -std=c++17 -Wall -Wextra -pedantic -Werror -I include examples/cpp/nodes.cpp
//       -L target/release -Wl,-rpath,target/release -lcampro -o nodes
#include "campro.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

int main(int argc, char **argv) {
    const std::size_t nodes = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1000;
    const double solver_time = argc > 2 ? std::strtod(argv[2], nullptr) : 0.004; // s
    if (nodes == 0) {
        std::fprintf(stderr, "usage: nodes [node_count > 0] [solver_time_s]\n");
        return 2;
    }
    try {
        const campro::Motion cam; // default cam: 10 mm cycloidal rise over 90 deg, 3000 rpm
        const double deg_per_s = 6.0 * cam.rpm();

        std::vector<double> node_time(nodes);
        for (std::size_t i = 0; i < nodes; ++i) {
            const double phase_deg = 360.0 * static_cast<double>(i) / static_cast<double>(nodes);
            node_time[i] = solver_time - phase_deg / deg_per_s;
        }
        std::vector<CamproBoundaryCondition> bc(nodes);
        cam.boundary_conditions(node_time, bc); // parallel

        std::printf("campro %s: %zu nodes at solver time %g s (%g rpm)\n", campro::version(), nodes, solver_time,
                    cam.rpm());
        std::printf("%6s %10s %12s %12s %14s %16s\n", "node", "phase/deg", "time/s", "u/mm", "v/(mm/s)",
                    "a/(mm/s^2)");
        const std::size_t step = std::max<std::size_t>(1, nodes / 8);
        for (std::size_t i = 0; i < nodes; i += step) {
            std::printf("%6zu %10.2f %12.6f %12.6f %14.3f %16.1f\n", i,
                        360.0 * static_cast<double>(i) / static_cast<double>(nodes), node_time[i], bc[i].displacement,
                        bc[i].velocity, bc[i].acceleration);
        }
        const auto top = std::max_element(bc.begin(), bc.end(), [](const auto &a, const auto &b) {
            return a.displacement < b.displacement;
        });
        std::printf("max displacement %.6f mm at node %zu\n", top->displacement,
                    static_cast<std::size_t>(top - bc.begin()));
    } catch (const campro::Error &e) {
        std::fprintf(stderr, "nodes: %s\n", e.what());
        return 1;
    }
    return 0;
}
