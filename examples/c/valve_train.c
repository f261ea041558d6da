/*
 * valve_train.c -- a small explicit-dynamics finite-element model of a cam-driven valve train,
 * driven by campro through the solver-style time-function callbacks.
 *
 * Model (consistent units mm, t (tonne), s, N):
 *   follower rod: N two-node bar elements, L = 100 mm, A = 20 mm^2, steel E = 210000 N/mm^2,
 *                 rho = 7.85e-9 t/mm^3 (rod mass 15.7 g), lumped (diagonal) masses;
 *   far node:     valve mass M = 50 g plus the valve spring (stiffness k, preload F0) to ground;
 *   node 0:       cam-follower contact, displacement prescribed every step by campro.
 * Time integration: central differences (explicit, half-step velocities). Light stiffness-
 * proportional damping on the element strain rate only, so it never drags the rigid motion.
 *
 * Contact force = reaction the cam must supply at node 0 = m0*a0 - N0 (N0: axial force of
 * element 0, tension positive). If it would go negative the cam would have to pull: the
 * follower leaves the cam ("valve lift-off (follower jump)").
 *
 * Why k = 20 N/mm and F0 = 250 N: the default cam is a 10 mm cycloidal rise over 90 deg.
 * Its deceleration peaks at u = 0.75 of the rise, a = -h (6 rpm/rise)^2 2 pi, where the lift is
 * s = h (0.75 + 1/(2 pi)) = 9.09 mm, so the spring holds F0 + k s = 250 + 20*9.09 = 432 N.
 * The moving mass is m = rod 15.7 g + valve 50 g = 6.57e-5 t.
 *   3000 rpm: a = -10*200^2*2 pi = -2.51e6 mm/s^2, m a = -165 N  -> 432 - 165 = 267 N > 0: contact.
 *   6000 rpm: a = -10*400^2*2 pi = -1.005e7 mm/s^2, m a = -660 N -> 432 - 660 = -228 N < 0: jump.
 * (The rod's first axial mode, ~4.6 kHz, is far above the cam's excitation, so the rigid estimate
 * is close; the FE model adds the elastic ringing.)
 *
 * Usage: valve_train [--rpm R[,R...]]... [R ...] [--elements N] [--check]
 *   default rpm list 3000 6000. --check runs the self-checks (driven node == campro's boundary
 *   condition at every step, quasi-static behaviour at 60 rpm, contact at 3000, jump at 6000)
 *   and exits non-zero if any fails.
 */
#include "campro.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PI 3.14159265358979323846
#define MAX_RPMS 64

/* What an explicit solver keeps for a prescribed node: plain function pointers plus a context.
 * campro's callbacks are registered directly, no glue code. */
typedef struct Solver {
    CamproTimeFunction displacement;
    CamproTimeFunction velocity;
    CamproTimeFunction acceleration;
    void *ctx;
} Solver;

typedef struct Model {
    int elements;
    double length, area, young, density; /* rod */
    double valve_mass;                   /* t, at the far node */
    double spring_k, spring_preload;     /* N/mm, N */
    double beta;                         /* stiffness-proportional damping, s */
    double safety;                       /* time-step safety factor */
} Model;

typedef struct Result {
    double dt, dt_limit;
    long steps;
    double peak_force, min_force, min_angle_deg; /* over one revolution t in [0, T] */
    double rigid_peak, rigid_min;                /* rigid-body estimate F0 + k s + m a */
    long bc_mismatches;                          /* steps where node 0 != campro's value */
    double max_u_error;  /* max |u_far - (u_cam - Fs L/(EA))|, mm */
    double max_f_error;  /* max |contact - Fs|, N (Fs = F0 + k u_far) */
    double max_lift;
} Result;

static void model_default(Model *m) {
    m->elements = 20;
    m->length = 100.0;
    m->area = 20.0;
    m->young = 210000.0;
    m->density = 7.85e-9;
    m->valve_mass = 5.0e-5;
    m->spring_k = 20.0;
    m->spring_preload = 250.0;
    m->beta = 1.0e-7;
    m->safety = 0.9;
}

static void print_campro_error(const char *what, int32_t status) {
    char msg[256];
    campro_last_error_message(msg, sizeof msg);
    fprintf(stderr, "valve_train: %s failed: %s: %s\n", what, campro_status_name(status), msg);
}

/* Simulates settle (a quarter turn of low dwell) plus one revolution at `rpm`. */
static int simulate(const Model *md, double rpm, Result *r) {
    CamproParameters params;
    CamproMotion *motion = NULL;
    Solver solver;
    int n = md->elements, nodes = md->elements + 1, i;
    double le = md->length / n, ea = md->young * md->area, ke = ea / le;
    double *u, *v, *mass, *f;
    double omega2 = 0.0, omega, xi, period, t0, t_end, dt, m_rigid;
    long step, nsteps;
    int32_t st;

    campro_parameters_default(&params);
    params.rpm = rpm;
    st = campro_motion_new(&params, &motion);
    if (st != CAMPRO_OK) {
        print_campro_error("campro_motion_new", st);
        return -1;
    }
    solver.displacement = campro_bc_displacement;
    solver.velocity = campro_bc_velocity;
    solver.acceleration = campro_bc_acceleration;
    solver.ctx = motion;

    u = calloc((size_t)nodes, sizeof *u);
    v = calloc((size_t)nodes, sizeof *v);
    mass = calloc((size_t)nodes, sizeof *mass);
    f = calloc((size_t)nodes, sizeof *f);
    if (!u || !v || !mass || !f) {
        fprintf(stderr, "valve_train: out of memory\n");
        free(u); free(v); free(mass); free(f);
        campro_motion_free(motion);
        return -1;
    }
    for (i = 0; i < n; i++) { /* lumped: half of each element's mass to each of its nodes */
        double me = md->density * md->area * le;
        mass[i] += 0.5 * me;
        mass[i + 1] += 0.5 * me;
    }
    mass[n] += md->valve_mass;
    m_rigid = md->density * md->area * md->length + md->valve_mass;

    /* Stable step: omega_max^2 <= max_i sum_j |K_ij| / m_i (Gershgorin, lumped mass) over the
     * free nodes; with damping ratio xi at omega_max, dt <= 2/omega_max (sqrt(1+xi^2) - xi). */
    for (i = 1; i < nodes; i++) {
        double rowsum = (i < n) ? 4.0 * ke : 2.0 * ke + md->spring_k;
        if (rowsum / mass[i] > omega2) omega2 = rowsum / mass[i];
    }
    omega = sqrt(omega2);
    xi = 0.5 * md->beta * omega;
    r->dt_limit = 2.0 / omega * (sqrt(1.0 + xi * xi) - xi);

    period = 60.0 / rpm;
    t0 = -0.25 * period; /* cam angle 270..360: low dwell, the settle phase */
    t_end = period;
    nsteps = (long)ceil((t_end - t0) / (md->safety * r->dt_limit));
    dt = (t_end - t0) / (double)nsteps;
    r->dt = dt;
    r->steps = nsteps;

    /* Start in the preloaded static equilibrium: the rod is compressed by the spring force. */
    {
        double u0 = solver.displacement(t0, solver.ctx);
        double un = (u0 - md->spring_preload * md->length / ea) / (1.0 + md->spring_k * md->length / ea);
        double fs = md->spring_preload + md->spring_k * un;
        for (i = 0; i < nodes; i++) u[i] = u0 - fs * (le * i) / ea;
    }

    r->peak_force = -HUGE_VAL;
    r->min_force = HUGE_VAL;
    r->rigid_peak = -HUGE_VAL;
    r->rigid_min = HUGE_VAL;
    r->min_angle_deg = 0.0;
    r->bc_mismatches = 0;
    r->max_u_error = 0.0;
    r->max_f_error = 0.0;
    r->max_lift = 0.0;

    for (step = 0; step <= nsteps; step++) {
        double t = t0 + (double)step * dt;
        double a0, v0, contact = 0.0, fs;
        CamproBoundaryCondition bc;

        /* prescribed node: straight from the registered callbacks */
        u[0] = solver.displacement(t, solver.ctx);
        v0 = solver.velocity(t, solver.ctx);
        a0 = solver.acceleration(t, solver.ctx);
        bc = campro_boundary_condition_at_time(motion, t);
        if (!(u[0] == bc.displacement && v0 == bc.velocity && a0 == bc.acceleration)) r->bc_mismatches++;
        v[0] = v0;

        /* internal forces: axial force N_e (tension > 0) pulls node e forward, node e+1 back */
        memset(f, 0, sizeof *f * (size_t)nodes);
        for (i = 0; i < n; i++) {
            double axial = ke * ((u[i + 1] - u[i]) + md->beta * (v[i + 1] - v[i]));
            f[i] += axial;
            f[i + 1] -= axial;
            if (i == 0) contact = mass[0] * a0 - axial;
        }
        fs = md->spring_preload + md->spring_k * u[n];
        f[n] -= fs;

        if (t >= 0.0) {
            double rigid = md->spring_preload + md->spring_k * u[0] + m_rigid * a0;
            double du = fabs(u[n] - (u[0] - fs * md->length / ea));
            double dfc = fabs(contact - fs);
            if (contact > r->peak_force) r->peak_force = contact;
            if (contact < r->min_force) {
                r->min_force = contact;
                r->min_angle_deg = 360.0 * t / period;
            }
            if (rigid > r->rigid_peak) r->rigid_peak = rigid;
            if (rigid < r->rigid_min) r->rigid_min = rigid;
            if (du > r->max_u_error) r->max_u_error = du;
            if (dfc > r->max_f_error) r->max_f_error = dfc;
            if (u[0] > r->max_lift) r->max_lift = u[0];
        }

        if (step == nsteps) break;
        /* central difference: v(n+1/2) = v(n-1/2) + dt a(n), u(n+1) = u(n) + dt v(n+1/2) */
        for (i = 1; i < nodes; i++) {
            double h = (step == 0) ? 0.5 * dt : dt;
            v[i] += h * f[i] / mass[i];
            u[i] += dt * v[i];
        }
    }

    free(u); free(v); free(mass); free(f);
    campro_motion_free(motion);
    return 0;
}

static int checks_passed = 0, checks_failed = 0;

static void check(int ok, const char *what) {
    if (ok) checks_passed++; else checks_failed++;
    printf("%s: %s\n", ok ? "PASS" : "FAIL", what);
}

static int parse_rpm_list(const char *s, double *rpms, int *count) {
    char buf[512], *tok, *end;
    if (strlen(s) >= sizeof buf) return -1;
    strcpy(buf, s);
    for (tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
        double x = strtod(tok, &end);
        if (end == tok || *end != '\0' || !(x > 0.0) || !isfinite(x) || *count >= MAX_RPMS) return -1;
        rpms[(*count)++] = x;
    }
    return 0;
}

static void usage(void) {
    fprintf(stderr, "usage: valve_train [--rpm R[,R...]]... [R ...] [--elements N] [--check]\n");
}

int main(int argc, char **argv) {
    Model md;
    Result r;
    double rpms[MAX_RPMS];
    int nrpm = 0, do_check = 0, i;

    model_default(&md);
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--check") == 0) {
            do_check = 1;
        } else if (strcmp(argv[i], "--rpm") == 0 && i + 1 < argc) {
            if (parse_rpm_list(argv[++i], rpms, &nrpm) != 0) { usage(); return 2; }
        } else if (strcmp(argv[i], "--elements") == 0 && i + 1 < argc) {
            md.elements = atoi(argv[++i]);
            if (md.elements < 1 || md.elements > 100000) { usage(); return 2; }
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage();
            return 0;
        } else if (parse_rpm_list(argv[i], rpms, &nrpm) != 0) {
            usage();
            return 2;
        }
    }
    if (nrpm == 0 && !do_check) {
        rpms[nrpm++] = 3000.0;
        rpms[nrpm++] = 6000.0;
    }

    printf("valve train (campro %s): steel rod L=%g mm, A=%g mm^2, %d elements; valve %g g; "
           "spring k=%g N/mm, preload %g N\n",
           campro_version(), md.length, md.area, md.elements, md.valve_mass * 1e6, md.spring_k,
           md.spring_preload);
    for (i = 0; i < nrpm; i++) {
        if (simulate(&md, rpms[i], &r) != 0) return 1;
        printf("rpm %8.1f: dt %.3e s (limit %.3e), %ld steps, peak contact force %9.2f N, "
               "min %9.2f N at %6.1f deg, valve lift-off (follower jump): %s\n",
               rpms[i], r.dt, r.dt_limit, r.steps, r.peak_force, r.min_force, r.min_angle_deg,
               r.min_force < 0.0 ? "yes" : "no");
    }

    if (do_check) {
        char what[256];
        double shortening;
        /* 1. quasi-static: 60 rpm */
        if (simulate(&md, 60.0, &r) != 0) return 1;
        shortening = (md.spring_preload + md.spring_k * r.max_lift) * md.length / (md.young * md.area);
        printf("rpm 60 (quasi-static): max |u_far - (u_cam - Fs L/EA)| = %.3e mm (shortening up to "
               "%.4f mm), max |contact - (F0 + k u_far)| = %.3e N, peak %.2f N\n",
               r.max_u_error, shortening, r.max_f_error, r.peak_force);
        sprintf(what, "60 rpm: driven node == campro_boundary_condition_at_time at all %ld steps",
                r.steps + 1);
        check(r.bc_mismatches == 0, what);
        check(fabs(r.max_lift - 10.0) < 1e-3, "60 rpm: cam reaches its 10 mm lift");
        check(r.max_u_error < 1e-3, "60 rpm: spring end follows the cam statically (< 1e-3 mm)");
        check(r.max_f_error < 0.25, "60 rpm: contact force == static spring force (< 0.25 N)");
        {   /* static far-node lift at full cam lift: u = (10 - F0 L/EA) / (1 + k L/EA) */
            double flex = md.length / (md.young * md.area);
            double u_top = (10.0 - md.spring_preload * flex) / (1.0 + md.spring_k * flex);
            double f_top = md.spring_preload + md.spring_k * u_top;
            sprintf(what, "60 rpm: peak contact force %.3f N == F0 + k u_far at full lift %.3f N (< 0.25 N)",
                    r.peak_force, f_top);
            check(fabs(r.peak_force - f_top) < 0.25, what);
        }
        check(r.min_force > 0.0, "60 rpm: no lift-off");
        /* 2. 3000 rpm: contact kept */
        if (simulate(&md, 3000.0, &r) != 0) return 1;
        check(r.bc_mismatches == 0, "3000 rpm: driven node == campro_boundary_condition_at_time at every step");
        check(r.min_force > 0.0, "3000 rpm: no lift-off (contact force stays > 0)");
        sprintf(what, "3000 rpm: FE peak %.2f N within 5%% of rigid-body estimate %.2f N", r.peak_force,
                r.rigid_peak);
        check(fabs(r.peak_force - r.rigid_peak) < 0.05 * r.rigid_peak, what);
        sprintf(what, "3000 rpm: FE min %.2f N within 10 N of rigid-body estimate %.2f N", r.min_force,
                r.rigid_min);
        check(fabs(r.min_force - r.rigid_min) < 10.0, what);
        /* 3. 6000 rpm: lift-off */
        if (simulate(&md, 6000.0, &r) != 0) return 1;
        check(r.bc_mismatches == 0, "6000 rpm: driven node == campro_boundary_condition_at_time at every step");
        check(r.min_force < 0.0, "6000 rpm: valve lift-off (follower jump)");
        sprintf(what, "6000 rpm: jump where the follower decelerates (45..180 deg; at %.1f deg)", r.min_angle_deg);
        check(r.min_angle_deg > 45.0 && r.min_angle_deg < 180.0, what);
        printf("valve_train checks: %d passed, %d failed\n", checks_passed, checks_failed);
        return checks_failed == 0 ? 0 : 1;
    }
    return 0;
}
