/*
 * concurrency.c -- many threads share one CamproMotion handle.
 *
 * References are computed single-threaded first; then THREADS (default 8, argv[1]) pthreads run
 * every evaluation family ROUNDS times (argv[2], default 20; N = 20011 points, above the parallel threshold) on the same handle -- scalar,
 * kinematics, batch, parallel, kinematics_parallel, boundary conditions (single, batch, parallel,
 * callbacks) and analysis -- and compare bitwise (memcmp) with the references. Each thread also
 * checks that the last error message is thread-local, and creates/frees its own handles meanwhile.
 */
#define _POSIX_C_SOURCE 200809L
#include "campro.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* above the library's parallel threshold (8192 points), so _parallel calls use the pool */
#define N 20011
#define MAX_THREADS 256

static CamproMotion *g_motion;
static double g_theta[N], g_time[N];
static double g_ref_d[N], g_ref_v[N], g_ref_a[N], g_ref_j[N];
static CamproBoundaryCondition g_ref_bc[N];
static CamproAnalysis g_ref_an, g_ref_an_big; /* 3600 points (serial), 100000 (pool) */
static int g_rounds = 20;

typedef struct Worker {
    pthread_t thread;
    int id;
    long passed, failed;
    char first_failure[160];
} Worker;

static void record(Worker *w, int ok, const char *what) {
    if (ok) {
        w->passed++;
    } else {
        if (w->failed == 0) snprintf(w->first_failure, sizeof w->first_failure, "%s", what);
        w->failed++;
    }
}

#define BYTES(n) (sizeof(double) * (size_t)(n))

static void *worker_main(void *arg) {
    Worker *w = arg;
    double *d = malloc(BYTES(N)), *v = malloc(BYTES(N)), *a = malloc(BYTES(N)), *j = malloc(BYTES(N));
    CamproBoundaryCondition *bc = malloc(sizeof *bc * N);
    int r, i;
    if (!d || !v || !a || !j || !bc) {
        record(w, 0, "allocation");
        goto done;
    }
    for (r = 0; r < g_rounds; r++) {
        /* rotate which family goes first so threads overlap differently */
        int phase;
        for (phase = 0; phase < 7; phase++) {
            switch ((phase + w->id + r) % 7) {
            case 0: { /* scalars and kinematics */
                int ok = 1;
                for (i = 0; i < N; i++) {
                    double x = g_theta[i];
                    CamproKinematics k = campro_kinematics(g_motion, x);
                    d[i] = campro_displacement(g_motion, x);
                    v[i] = campro_velocity(g_motion, x);
                    a[i] = campro_acceleration(g_motion, x);
                    j[i] = campro_jerk(g_motion, x);
                    if (memcmp(&k.displacement, &g_ref_d[i], sizeof(double)) != 0 ||
                        memcmp(&k.velocity, &g_ref_v[i], sizeof(double)) != 0 ||
                        memcmp(&k.acceleration, &g_ref_a[i], sizeof(double)) != 0 ||
                        memcmp(&k.jerk, &g_ref_j[i], sizeof(double)) != 0)
                        ok = 0;
                }
                record(w, ok, "campro_kinematics");
                record(w, memcmp(d, g_ref_d, BYTES(N)) == 0, "campro_displacement");
                record(w, memcmp(v, g_ref_v, BYTES(N)) == 0, "campro_velocity");
                record(w, memcmp(a, g_ref_a, BYTES(N)) == 0, "campro_acceleration");
                record(w, memcmp(j, g_ref_j, BYTES(N)) == 0, "campro_jerk");
                break;
            }
            case 1: /* serial batches */
                memset(d, 0, BYTES(N)); memset(v, 0, BYTES(N)); memset(a, 0, BYTES(N)); memset(j, 0, BYTES(N));
                record(w, campro_displacement_batch(g_motion, g_theta, d, N) == CAMPRO_OK, "displacement_batch status");
                record(w, campro_velocity_batch(g_motion, g_theta, v, N) == CAMPRO_OK, "velocity_batch status");
                record(w, campro_acceleration_batch(g_motion, g_theta, a, N) == CAMPRO_OK, "acceleration_batch status");
                record(w, campro_jerk_batch(g_motion, g_theta, j, N) == CAMPRO_OK, "jerk_batch status");
                record(w, memcmp(d, g_ref_d, BYTES(N)) == 0, "displacement_batch");
                record(w, memcmp(v, g_ref_v, BYTES(N)) == 0, "velocity_batch");
                record(w, memcmp(a, g_ref_a, BYTES(N)) == 0, "acceleration_batch");
                record(w, memcmp(j, g_ref_j, BYTES(N)) == 0, "jerk_batch");
                break;
            case 2: /* parallel, from many threads at once */
                memset(d, 0, BYTES(N)); memset(v, 0, BYTES(N)); memset(a, 0, BYTES(N)); memset(j, 0, BYTES(N));
                record(w, campro_displacement_parallel(g_motion, g_theta, d, N) == CAMPRO_OK, "displacement_parallel status");
                record(w, campro_velocity_parallel(g_motion, g_theta, v, N) == CAMPRO_OK, "velocity_parallel status");
                record(w, campro_acceleration_parallel(g_motion, g_theta, a, N) == CAMPRO_OK, "acceleration_parallel status");
                record(w, campro_jerk_parallel(g_motion, g_theta, j, N) == CAMPRO_OK, "jerk_parallel status");
                record(w, memcmp(d, g_ref_d, BYTES(N)) == 0, "displacement_parallel");
                record(w, memcmp(v, g_ref_v, BYTES(N)) == 0, "velocity_parallel");
                record(w, memcmp(a, g_ref_a, BYTES(N)) == 0, "acceleration_parallel");
                record(w, memcmp(j, g_ref_j, BYTES(N)) == 0, "jerk_parallel");
                break;
            case 3: /* kinematics_parallel and its serial twin */
                memset(d, 0, BYTES(N)); memset(v, 0, BYTES(N)); memset(a, 0, BYTES(N)); memset(j, 0, BYTES(N));
                record(w, campro_kinematics_parallel(g_motion, g_theta, N, d, v, a, j) == CAMPRO_OK,
                       "kinematics_parallel status");
                record(w, memcmp(d, g_ref_d, BYTES(N)) == 0 && memcmp(v, g_ref_v, BYTES(N)) == 0 &&
                              memcmp(a, g_ref_a, BYTES(N)) == 0 && memcmp(j, g_ref_j, BYTES(N)) == 0,
                       "kinematics_parallel");
                memset(d, 0, BYTES(N)); memset(j, 0, BYTES(N));
                record(w, campro_kinematics_batch(g_motion, g_theta, N, d, NULL, NULL, j) == CAMPRO_OK,
                       "kinematics_batch status");
                record(w, memcmp(d, g_ref_d, BYTES(N)) == 0 && memcmp(j, g_ref_j, BYTES(N)) == 0, "kinematics_batch");
                break;
            case 4: { /* boundary conditions: parallel, serial, single, callbacks */
                int ok = 1;
                memset(bc, 0, sizeof *bc * N);
                record(w, campro_boundary_conditions(g_motion, g_time, N, bc) == CAMPRO_OK, "boundary_conditions status");
                record(w, memcmp(bc, g_ref_bc, sizeof *bc * N) == 0, "boundary_conditions");
                memset(bc, 0, sizeof *bc * N);
                record(w, campro_boundary_conditions_batch(g_motion, g_time, N, bc) == CAMPRO_OK,
                       "boundary_conditions_batch status");
                record(w, memcmp(bc, g_ref_bc, sizeof *bc * N) == 0, "boundary_conditions_batch");
                for (i = 0; i < N; i += 7) {
                    CamproBoundaryCondition b = campro_boundary_condition_at_time(g_motion, g_time[i]);
                    double x = campro_bc_displacement(g_time[i], g_motion);
                    double y = campro_bc_velocity(g_time[i], g_motion);
                    double z = campro_bc_acceleration(g_time[i], g_motion);
                    if (memcmp(&b, &g_ref_bc[i], sizeof b) != 0 ||
                        memcmp(&x, &g_ref_bc[i].displacement, sizeof x) != 0 ||
                        memcmp(&y, &g_ref_bc[i].velocity, sizeof y) != 0 ||
                        memcmp(&z, &g_ref_bc[i].acceleration, sizeof z) != 0)
                        ok = 0;
                }
                record(w, ok, "boundary_condition_at_time / bc callbacks");
                break;
            }
            case 5: { /* analysis, small (calling thread) and large (pool) */
                CamproAnalysis an;
                const int big = (r + w->id) % 2;
                const CamproAnalysis *ref = big ? &g_ref_an_big : &g_ref_an;
                memset(&an, 0, sizeof an);
                record(w, campro_analyze_kinematics(g_motion, big ? 100000 : 3600, &an) == CAMPRO_OK,
                       "analyze status");
                /* field by field: the struct's tail padding is never initialised */
                record(w, memcmp(&an.max_velocity, &ref->max_velocity, 5 * sizeof(double)) == 0 &&
                              an.velocity_violation == ref->velocity_violation &&
                              an.acceleration_violation == ref->acceleration_violation &&
                              an.jerk_violation == ref->jerk_violation,
                       "analyze_kinematics");
                break;
            }
            case 6: { /* thread-local error messages, and private handles created and freed */
                CamproParameters p;
                CamproMotion *own = NULL;
                char msg[256], want[32];
                campro_parameters_default(&p);
                p.rise_law = 1000 + w->id;
                record(w, campro_motion_new(&p, &own) == CAMPRO_ERROR_INVALID_PARAMETER && own == NULL,
                       "invalid rise_law rejected");
                campro_parameters_default(&p);
                p.rpm = 1000.0 + w->id; /* other threads' errors must not replace ours */
                if (campro_motion_new(&p, &own) == CAMPRO_OK) {
                    double x = campro_displacement(own, 45.0);
                    record(w, x > 4.999999 && x < 5.000001, "own handle displacement(45)");
                    campro_motion_free(own);
                } else {
                    record(w, 0, "own handle creation");
                }
                campro_last_error_message(msg, sizeof msg);
                sprintf(want, "%d", 1000 + w->id);
                record(w, strstr(msg, "rise_law") != NULL && strstr(msg, want) != NULL, "thread-local message");
                break;
            }
            }
        }
    }
done:
    free(d); free(v); free(a); free(j); free(bc);
    return NULL;
}

int main(int argc, char **argv) {
    int threads = argc > 1 ? atoi(argv[1]) : 8;
    Worker *workers;
    long passed = 0, failed = 0;
    int i;
    CamproParameters p;

    if (argc > 2) g_rounds = atoi(argv[2]);
    if (threads < 1 || threads > MAX_THREADS || g_rounds < 1) {
        fprintf(stderr, "usage: concurrency [threads 1..%d] [rounds]\n", MAX_THREADS);
        return 2;
    }
    campro_parameters_default(&p);
    if (campro_motion_new(&p, &g_motion) != CAMPRO_OK) {
        fprintf(stderr, "concurrency: campro_motion_new failed\n");
        return 1;
    }
    for (i = 0; i < N; i++) {
        g_theta[i] = -720.0 + 1440.0 * (double)i / N + 1e-4 * (i % 13);
        g_time[i] = -0.04 + 0.08 * (double)i / N;
    }
    /* single-threaded references (scalar path; the unit test proves batch == scalar) */
    for (i = 0; i < N; i++) {
        g_ref_d[i] = campro_displacement(g_motion, g_theta[i]);
        g_ref_v[i] = campro_velocity(g_motion, g_theta[i]);
        g_ref_a[i] = campro_acceleration(g_motion, g_theta[i]);
        g_ref_j[i] = campro_jerk(g_motion, g_theta[i]);
        g_ref_bc[i] = campro_boundary_condition_at_time(g_motion, g_time[i]);
    }
    if (campro_analyze_kinematics(g_motion, 3600, &g_ref_an) != CAMPRO_OK ||
        campro_analyze_kinematics(g_motion, 100000, &g_ref_an_big) != CAMPRO_OK) {
        fprintf(stderr, "concurrency: analysis failed\n");
        return 1;
    }

    workers = calloc((size_t)threads, sizeof *workers);
    if (!workers) return 1;
    for (i = 0; i < threads; i++) {
        workers[i].id = i;
        if (pthread_create(&workers[i].thread, NULL, worker_main, &workers[i]) != 0) {
            fprintf(stderr, "concurrency: pthread_create failed\n");
            return 1;
        }
    }
    for (i = 0; i < threads; i++) {
        pthread_join(workers[i].thread, NULL);
        passed += workers[i].passed;
        failed += workers[i].failed;
        if (workers[i].failed)
            printf("FAIL thread %d: %ld failures, first: %s\n", i, workers[i].failed, workers[i].first_failure);
    }
    /* the handle is still intact afterwards */
    {
        double x = campro_displacement(g_motion, 45.0);
        if (x > 4.999999 && x < 5.000001) passed++; else failed++;
    }
    free(workers);
    campro_motion_free(g_motion);
    printf("concurrency: %d threads x %d rounds on one handle: %ld passed, %ld failed\n", threads, g_rounds, passed,
           failed);
    return failed == 0 ? 0 : 1;
}
