#include "bounded.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "goals/goals.h"

#if defined(__SANITIZE_ADDRESS__)
#define BOUNDED_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BOUNDED_ASAN 1
#endif
#endif

int bounded_instrumented(void)
{
#ifdef BOUNDED_ASAN
    return 1;
#else
    /* valgrind preloads its own libraries into the program it runs. */
    const char *pre = getenv("LD_PRELOAD");
    return pre && strstr(pre, "vgpreload") != NULL;
#endif
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void child(int fd, bounded_job job, void *arg, bounded_limits lim)
{
    /* Instrumented code runs 2 (ASan) to 50 (valgrind) times slower. */
    rlim_t cpu_s = (rlim_t)lim.cpu_s * (bounded_instrumented() ? 10 : 1);
    struct rlimit cpu = {cpu_s, cpu_s + 1};
    setrlimit(RLIMIT_CPU, &cpu);
    if (!bounded_instrumented()) {
        struct rlimit as = {(rlim_t)lim.memory_mb << 20, (rlim_t)lim.memory_mb << 20};
        setrlimit(RLIMIT_AS, &as);
    }
    bounded_outcome o;
    memset(&o, 0, sizeof o);
    goals_error_clear();
    o.rc = job(arg);
    o.line = goals_error_last()->line;
    goals_error_format(o.message, sizeof o.message);
    const char *p = (const char *)&o;
    size_t left = sizeof o;
    while (left) {
        ssize_t n = write(fd, p, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            _exit(3);
        p += n;
        left -= (size_t)n;
    }
    close(fd);
    /* exit, not _exit: valgrind's leak check and ASan's run at exit. */
    exit(0);
}

void bounded_run(bounded_outcome *out, bounded_job job, void *arg, bounded_limits lim)
{
    memset(out, 0, sizeof *out);
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    fflush(NULL);
    double t0 = now();
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        child(fds[1], job, arg, lim);
    }
    close(fds[1]);
    bounded_outcome got;
    size_t have = 0;
    while (have < sizeof got) {
        ssize_t n = read(fds[0], (char *)&got + have, sizeof got - have);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        have += (size_t)n;
    }
    close(fds[0]);
    int status = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR) {
    }
    if (have == sizeof got)
        *out = got;
    else
        snprintf(out->message, sizeof out->message, "the child sent no outcome");
    out->status = status;
    out->exited = have == sizeof got && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    out->maxrss_kb = ru.ru_maxrss;
    out->seconds = now() - t0;
}

void bounded_expect(const bounded_outcome *out, int expected, bounded_limits lim)
{
    if (!out->exited) {
        if (WIFSIGNALED(out->status))
            fail_msg("the child died of signal %d (%s) after %.1f s, peak %ld KiB", WTERMSIG(out->status),
                     strsignal(WTERMSIG(out->status)), out->seconds, out->maxrss_kb);
        fail_msg("the child exited with %d (%s)", WIFEXITED(out->status) ? WEXITSTATUS(out->status) : -1,
                 out->message);
    }
    if (out->rc != expected)
        fail_msg("status %d (%s), expected %d (%s): %s", out->rc, goals_strerror(out->rc), expected,
                 goals_strerror(expected), out->message);
    if (expected != GOALS_OK && out->message[0] == '\0')
        fail_msg("a failure without a message");
    /* Under ASan the quarantine and shadow add their share; under
     * valgrind its own heap does. */
    long bound_kb = (long)lim.memory_mb * 1024 + (bounded_instrumented() ? 768L * 1024 : 0);
    if (out->maxrss_kb > bound_kb)
        fail_msg("peak resident size %ld KiB over the bound of %ld KiB", out->maxrss_kb, bound_kb);
}
