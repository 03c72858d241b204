/* goals_bench: the C side of the benchmark (tests/bench/run.py drives it).
 *
 *   goals_bench load FILE             load, free
 *   goals_bench loadeval FILE         load, evaluate once, free
 *   goals_bench csv PLAN CSV          load a plan without observations, then its CSV
 *   goals_bench eval FILE [THREADS [SECONDS]]
 *                                     load, then evaluate over and over on THREADS
 *                                     threads for about SECONDS (default 1 thread, 2 s)
 *
 * Prints one JSON object on stdout: the times of each step (monotonic clock
 * and CPU time of the process, seconds), the counts, and the resident memory before loading and at peak
 * (kB, from getrusage and /proc/self/statm), so that memory per observation
 * is (peak - before) / observations. Public API only, as a user would. */
#include <goals/goals.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU time of the process: on a machine shared with other work it is the
 * steadier measure of one thread's work. */
static double cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static long current_rss_kb(void)
{
    long pages = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        fclose(f);
    }
    return resident * 4; /* 4 kB pages on the machines we run on */
}

static int fail(const char *what)
{
    char buf[1024];
    goals_error_format(buf, sizeof buf);
    fprintf(stderr, "goals_bench: %s: %s\n", what, buf);
    return 1;
}

static int32_t as_of_day(void)
{
    int32_t day = 0;
    goals_date_from_ymd(&day, 2025, 12, 31);
    return day;
}

typedef struct worker {
    const goals_plan *plan;
    double seconds;
    long evaluations;
    double cpu_s;      /* CPU time of this thread: what one core did, whatever else ran */
    int rc;
} worker;

static double thread_cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *run_worker(void *arg)
{
    worker *w = arg;
    double start = now(), c0 = thread_cpu();
    do {
        goals_evaluation *ev = NULL;
        if ((w->rc = goals_evaluate(&ev, w->plan, as_of_day(), NULL)) != GOALS_OK)
            return NULL;
        goals_evaluation_free(ev);
        w->evaluations++;
    } while (now() - start < w->seconds);
    w->cpu_s = thread_cpu() - c0;
    return NULL;
}

static void print_counts(const goals_plan *plan, long rss_before)
{
    printf("\"observations\": %zu, \"targets\": %zu, \"measures\": %zu, \"goals\": %zu, "
           "\"rss_before_kb\": %ld, \"rss_peak_kb\": %ld, \"rss_after_load_kb\": %ld",
           goals_plan_observation_count(plan), goals_plan_target_count(plan), goals_plan_measure_count(plan),
           goals_plan_goal_count(plan), rss_before, peak_rss_kb(), current_rss_kb());
}

static int cmd_load(const char *path, int evaluate)
{
    long before = current_rss_kb();
    goals_plan *plan = NULL;
    double t0 = now(), c0 = cpu();
    if (goals_plan_load_file(&plan, path, NULL) != GOALS_OK)
        return fail(path);
    double t1 = now(), c1 = cpu();
    double t2 = t1, c2 = c1;
    if (evaluate) {
        goals_evaluation *ev = NULL;
        if (goals_evaluate(&ev, plan, as_of_day(), NULL) != GOALS_OK)
            return fail("evaluate");
        /* Read every status, as any use of the result does. */
        size_t counts[GOALS_STATUS_COUNT] = {0};
        for (size_t i = 0; i < goals_evaluation_result_count(ev); i++)
            counts[goals_result_status(goals_evaluation_result_at(ev, i))]++;
        t2 = now();
        c2 = cpu();
        if (counts[GOALS_STATUS_NO_DATA] > goals_evaluation_result_count(ev))
            return 1; /* never: keeps the loop from being optimised away */
        goals_evaluation_free(ev);
    }
    printf("{\"load_s\": %.6f, \"eval_s\": %.6f, \"load_cpu_s\": %.6f, \"eval_cpu_s\": %.6f, ", t1 - t0, t2 - t1,
           c1 - c0, c2 - c1);
    print_counts(plan, before);
    goals_plan_free(plan);
    printf(", \"total_s\": %.6f}\n", now() - t0);
    return 0;
}

static int cmd_csv(const char *plan_path, const char *csv_path)
{
    long before = current_rss_kb();
    goals_plan *plan = NULL;
    double t0 = now();
    if (goals_plan_load_file(&plan, plan_path, NULL) != GOALS_OK)
        return fail(plan_path);
    double t1 = now();
    if (goals_plan_load_observations_file(plan, csv_path, 0) != GOALS_OK)
        return fail(csv_path);
    double t2 = now();
    printf("{\"load_s\": %.6f, \"csv_s\": %.6f, ", t1 - t0, t2 - t1);
    print_counts(plan, before);
    printf("}\n");
    goals_plan_free(plan);
    return 0;
}

static int cmd_eval(const char *path, int threads, double seconds)
{
    long before = current_rss_kb();
    goals_plan *plan = NULL;
    if (goals_plan_load_file(&plan, path, NULL) != GOALS_OK)
        return fail(path);
    worker w[64];
    pthread_t tid[64];
    if (threads < 1 || threads > 64)
        threads = 1;
    double t0 = now();
    for (int i = 0; i < threads; i++) {
        w[i] = (worker){.plan = plan, .seconds = seconds};
        if (pthread_create(&tid[i], NULL, run_worker, &w[i]) != 0) {
            fprintf(stderr, "goals_bench: cannot start a thread\n");
            return 1;
        }
    }
    long evaluations = 0;
    double cpu_s = 0;
    for (int i = 0; i < threads; i++) {
        pthread_join(tid[i], NULL);
        if (w[i].rc != GOALS_OK)
            return fail("evaluate");
        evaluations += w[i].evaluations;
        cpu_s += w[i].cpu_s;
    }
    double wall = now() - t0;
    printf("{\"threads\": %d, \"evaluations\": %ld, \"wall_s\": %.6f, \"cpu_s\": %.6f, ", threads, evaluations,
           wall, cpu_s);
    print_counts(plan, before);
    printf("}\n");
    goals_plan_free(plan);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "load") == 0)
        return cmd_load(argv[2], 0);
    if (argc >= 3 && strcmp(argv[1], "loadeval") == 0)
        return cmd_load(argv[2], 1);
    if (argc >= 4 && strcmp(argv[1], "csv") == 0)
        return cmd_csv(argv[2], argv[3]);
    if (argc >= 3 && strcmp(argv[1], "eval") == 0)
        return cmd_eval(argv[2], argc > 3 ? atoi(argv[3]) : 1, argc > 4 ? atof(argv[4]) : 2.0);
    fputs("usage: goals_bench load|loadeval FILE\n"
          "       goals_bench csv PLAN CSV\n"
          "       goals_bench eval FILE [THREADS [SECONDS]]\n",
          stderr);
    return 2;
}
