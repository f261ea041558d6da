/*
 * fork.c -- fork safety (issue 15): a process that ran a parallel call (so the library's pool
 * has worker threads) and then forks used to hang forever in the child's next parallel call of
 * 16384 points or more. The child here does a parallel call of 100k points (angles and times),
 * compares every value bitwise with the parent's, and exits 0; the parent waits with a timeout
 * and kills the child on timeout, so a regression fails instead of hanging.
 *
 * Build: gcc -std=c99 ... tests/c/fork.c -lcampro -lm      Exit status: 0 when every check passes.
 */
#define _POSIX_C_SOURCE 200809L
#include "campro.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define N 100000
#define TIMEOUT_S 60

static double theta[N], times[N], expected[N], out[N];
static CamproBoundaryCondition expected_bc[N], bc[N];

/* 0 when the parallel calls give the serial values bit for bit. */
static int check(const CamproMotion *m) {
    memset(out, 0, sizeof out);
    memset(bc, 0, sizeof bc);
    if (campro_displacement_parallel(m, theta, out, N) != CAMPRO_OK) return 1;
    if (campro_boundary_conditions(m, times, N, bc) != CAMPRO_OK) return 1;
    if (memcmp(out, expected, sizeof out) != 0) return 1;
    if (memcmp(bc, expected_bc, sizeof bc) != 0) return 1;
    CamproAnalysis a;
    return campro_analyze_kinematics(m, 200000, &a) != CAMPRO_OK;
}

/* The child's exit status, or -1 if it hung (killed after TIMEOUT_S) or died of a signal. */
static int wait_with_timeout(pid_t pid) {
    struct timespec tick = {0, 10 * 1000 * 1000};
    for (int i = 0; i < TIMEOUT_S * 100; i++) {
        int status = 0;
        pid_t done = waitpid(pid, &status, WNOHANG);
        if (done < 0) return -1;
        if (done == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        nanosleep(&tick, NULL);
    }
    fprintf(stderr, "fork: the child hung for %d s; killing it\n", TIMEOUT_S);
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    return -1;
}

int main(void) {
    CamproParameters p;
    CamproMotion *m = NULL;
    int failed = 0;
    campro_parameters_default(&p);
    if (campro_motion_new(&p, &m) != CAMPRO_OK) return 1;
    for (int i = 0; i < N; i++) {
        theta[i] = i * 0.0731 - 1000.0;
        times[i] = theta[i] / 18000.0 + 1e6;
    }
    if (campro_displacement_batch(m, theta, expected, N) != CAMPRO_OK) return 1;
    if (campro_boundary_conditions_batch(m, times, N, expected_bc) != CAMPRO_OK) return 1;

    /* the parent's pool starts here */
    if (campro_set_num_threads(3) != CAMPRO_OK || check(m) != 0 || campro_num_threads() != 3) {
        printf("FAIL: the parent's parallel calls\n");
        return 1;
    }
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) return 1;
    if (pid == 0) {
        /* a new process: it may size its own pool before its first parallel call */
        int bad = campro_set_num_threads(2) != CAMPRO_OK || check(m) != 0 || campro_num_threads() != 2;
        _exit(bad);
    }
    int status = wait_with_timeout(pid);
    if (status != 0) {
        printf("FAIL: the forked child %s\n", status < 0 ? "hung (killed)" : "computed wrong values");
        failed++;
    }
    if (check(m) != 0 || campro_num_threads() != 3) {
        printf("FAIL: the parent's parallel calls after the fork\n");
        failed++;
    }
    campro_motion_free(m);
    printf("fork: %d failed\n", failed);
    return failed != 0;
}
