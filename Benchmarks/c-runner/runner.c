/*
 * runner: spawns one whole process and reports its wall time and peak RSS.
 *
 *   runner STATS_FILE PROGRAM [ARGS...]
 *
 * stdin, stdout and stderr are inherited. Writes "<seconds> <ru_maxrss KiB> <exit code>"
 * to STATS_FILE and exits 0 (1 on its own failure). A small C launcher rather than Python:
 * Linux carries the pre-exec memory high-water mark of the forked child into ru_maxrss,
 * so spawning straight from Python would charge each contender ~17 MiB of interpreter.
 * ru_maxrss from wait4 also covers the child's own reaped descendants (kubectl under the
 * Kustomize wrapper script).
 *
 * Build: cc -O2 -o .build-bench/runner Benchmarks/c-runner/runner.c
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: runner STATS_FILE PROGRAM [ARGS...]\n");
        return 1;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) { perror("runner: fork"); return 1; }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        perror("runner: exec");
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) { perror("runner: wait4"); return 1; }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    FILE *f = fopen(argv[1], "w");
    if (!f) { perror("runner: stats file"); return 1; }
    fprintf(f, "%.6f %ld %d\n", s, ru.ru_maxrss, code);
    return fclose(f) == 0 ? 0 : 1;
}
