/* Faults: every allocation of loading, evaluating and saving a plan failing
 * in turn; saving into a full disk (RLIMIT_FSIZE), into a folder that does
 * not exist, and a writer killed at random points. Each ends in a clean
 * error, with nothing leaked (valgrind and ASan check) and the previous file
 * byte-identical. (libxml2's own allocations are not hooked: docs/security.md.) */
#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "goals/goals.h"
#include "support.h"
#include "util/alloc.h"

#define SEED_PLAN GOALS_SOURCE_DIR "/examples/plans/kecheng-2026.xml"
#define CN14_PLAN GOALS_SOURCE_DIR "/examples/plans/cn-14th-fyp.xml"
#define CN14_DATA GOALS_SOURCE_DIR "/examples/data/cn-14th-fyp-observations.csv"

/* valgrind runs every allocation ~50 times slower: there the walks take
 * every k-th allocation and the killed writer fewer rounds. */
static int under_valgrind(void)
{
    const char *pre = getenv("LD_PRELOAD");
    return pre && strstr(pre, "vgpreload") != NULL;
}

static int same_bytes(const char *path, const char *data, size_t size)
{
    size_t n;
    char *now = test_read_file(path, &n);
    int same = n == size && memcmp(now, data, n) == 0;
    free(now);
    return same;
}

static void write_bytes(const char *path, const char *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, size, f), size);
    assert_int_equal(fclose(f), 0);
}

/* Files in dir other than the one named keep (temp files left behind). */
static int stray_files(const char *dir, const char *keep)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.' && strcmp(e->d_name, keep) != 0)
            n++;
    closedir(d);
    return n;
}

static void remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    char path[512];
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

/* ------------------------------------------------------ allocation walk */

typedef struct walk {
    const char *text;
    size_t size;
    const char *path;      /* a saved copy, which failed saves must not touch */
    const char *old;       /* its bytes */
    size_t old_size;
} walk;

static void expect_clean(int rc, long n, const char *step)
{
    if (rc == GOALS_OK)
        return;
    if (rc != GOALS_ENOMEM)
        fail_msg("allocation %ld, %s: status %d: %s", n, step, rc, test_error_text());
    assert_string_equal(goals_error_last()->message, "out of memory");
}

/* Loads, evaluates with every method, saves to memory (plain and gzip) and
 * over a file. Returns 1 when every step succeeded. */
static int pipeline(const walk *w, long n)
{
    goals_plan *p = (goals_plan *)&p;
    int rc = goals_plan_load_memory(&p, w->text, w->size, NULL);
    expect_clean(rc, n, "load");
    if (rc) {
        assert_null(p);
        return 0;
    }
    int all = 1;
    int32_t as_of;
    assert_int_equal(goals_date_from_ymd(&as_of, 2024, 6, 30), GOALS_OK);
    for (size_t i = 0; i < goals_method_count(); i++) {
        goals_eval_options eo = GOALS_EVAL_OPTIONS_INIT;
        eo.method = goals_method_name_at(i);
        goals_evaluation *ev = (goals_evaluation *)&ev;
        rc = goals_evaluate(&ev, p, as_of, &eo);
        expect_clean(rc, n, eo.method);
        if (rc) {
            assert_null(ev);
            all = 0;
        }
        goals_evaluation_free(ev);
    }
    for (int gz = 0; gz < 2; gz++) {
        goals_save_options so = GOALS_SAVE_OPTIONS_INIT;
        so.flags = gz ? GOALS_SAVE_GZIP : 0;
        char *data = (char *)&data;
        size_t size = 0;
        rc = goals_plan_save_memory(p, &data, &size, &so);
        expect_clean(rc, n, gz ? "save gzip" : "save");
        if (rc) {
            assert_null(data);
            all = 0;
        }
        goals_free(data);
    }
    rc = goals_plan_save_file(p, w->path, NULL);
    expect_clean(rc, n, "save file");
    if (rc) {
        all = 0;
        if (!same_bytes(w->path, w->old, w->old_size))
            fail_msg("allocation %ld: a failed save changed the file", n);
    }
    goals_plan_free(p);
    return all;
}

static void test_alloc_walk_seed(void **state)
{
    (void)state;
    walk w;
    char *text = test_read_file(SEED_PLAN, &w.size);
    w.text = text;
    char dir[128], path[256];
    snprintf(dir, sizeof dir, "%s", test_tmpdir());
    snprintf(path, sizeof path, "%s/seed.xml", dir);
    w.path = path;
    /* The saved file holds the canonical bytes, which a good save rewrites
     * identically: whatever n, the file must hold exactly these. */
    goals_plan *p;
    assert_int_equal(goals_plan_load_memory(&p, text, w.size, NULL), GOALS_OK);
    char *old;
    assert_int_equal(goals_plan_save_memory(p, &old, &w.old_size, NULL), GOALS_OK);
    goals_plan_free(p);
    w.old = old;
    write_bytes(path, old, w.old_size);

    goals__alloc_fail_after(-1);
    assert_true(pipeline(&w, -1));
    long total = goals__alloc_fail_after(-1);
    print_message("%ld allocations in all\n", total);
    assert_true(total > 100); /* the seed plan is not small */
    long step = under_valgrind() ? 5 : 1;
    long failed_runs = 0;
    for (long n = 0; n <= total; n += step) {
        goals__alloc_fail_after(n);
        int ok = pipeline(&w, n);
        goals__alloc_fail_after(-1);
        failed_runs += !ok;
        assert_true(same_bytes(path, old, w.old_size));
    }
    /* Every n below the total made some step fail. */
    assert_true(failed_runs >= total / step);
    assert_int_equal(stray_files(dir, "seed.xml"), 0);
    print_message("%ld allocations, every %ld-th failed in turn\n", total, step);
    remove_dir(dir);
    goals_free(old);
    free(text);
}

static void test_alloc_walk_observations(void **state)
{
    (void)state;
    size_t size;
    char *csv = test_read_file(CN14_DATA, &size);
    goals_plan *p;
    assert_int_equal(goals_plan_load_file(&p, CN14_PLAN, NULL), GOALS_OK);
    size_t before = goals_plan_observation_count(p);
    goals__alloc_fail_after(-1);
    assert_int_equal(goals_plan_load_observations_memory(p, csv, size, "cn.csv", GOALS_OBS_REPLACE), GOALS_OK);
    long total = goals__alloc_fail_after(-1);
    size_t after = goals_plan_observation_count(p);
    goals_plan_free(p);
    long step = under_valgrind() ? 7 : 1;
    for (long n = 0; n < total; n += step) {
        assert_int_equal(goals_plan_load_file(&p, CN14_PLAN, NULL), GOALS_OK);
        goals__alloc_fail_after(n);
        int rc = goals_plan_load_observations_memory(p, csv, size, "cn.csv", GOALS_OBS_REPLACE);
        goals__alloc_fail_after(-1);
        expect_clean(rc, n, "observations");
        /* All or nothing. */
        assert_int_equal(goals_plan_observation_count(p), rc ? before : after);
        goals_plan_free(p);
    }
    free(csv);
}

/* ------------------------------------------------------- saving faults */

/* A plan of measures × years observations, values shifted by delta. */
static goals_plan *big_plan(int measures, int years, double delta)
{
    goals_plan *p;
    assert_int_equal(goals_plan_new(&p, "big"), GOALS_OK);
    goals_period *per = malloc(sizeof *per * (size_t)years);
    double *val = malloc(sizeof *val * (size_t)years);
    assert_true(per && val);
    for (int y = 0; y < years; y++) {
        char text[16];
        snprintf(text, sizeof text, "%04d", 1100 + y);
        assert_int_equal(goals_period_parse(&per[y], text), GOALS_OK);
    }
    for (int m = 0; m < measures; m++) {
        char id[32];
        goals_measure *me;
        snprintf(id, sizeof id, "measure-%d", m);
        assert_int_equal(goals_plan_add_measure(&me, p, id, "CNY", 1e8), GOALS_OK);
        for (int y = 0; y < years; y++)
            val[y] = m * 1000.25 + y * 0.5 + delta;
        assert_int_equal(goals_measure_add_observations(me, (size_t)years, per, val, 0), GOALS_OK);
    }
    free(per);
    free(val);
    return p;
}

static char *saved(const goals_plan *p, size_t *size)
{
    char *data;
    assert_int_equal(goals_plan_save_memory(p, &data, size, NULL), GOALS_OK);
    return data;
}

static void test_save_fsize_limit(void **state)
{
    (void)state;
    char dir[128], path[256];
    snprintf(dir, sizeof dir, "%s", test_tmpdir());
    snprintf(path, sizeof path, "%s/plan.xml", dir);
    goals_plan *small = big_plan(2, 3, 0), *large = big_plan(40, 200, 1);
    size_t old_size, new_size;
    char *old = saved(small, &old_size), *fresh = saved(large, &new_size);
    assert_true(new_size > 256 * 1024);
    write_bytes(path, old, old_size);
    /* In a child: the limit is per process. With SIGXFSZ ignored write()
     * fails with EFBIG; with its default action the writer dies. */
    for (int ignore = 1; ignore >= 0; ignore--) {
        fflush(NULL);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            signal(SIGXFSZ, ignore ? SIG_IGN : SIG_DFL);
            struct rlimit r = {64 * 1024, 64 * 1024};
            setrlimit(RLIMIT_FSIZE, &r);
            int rc = goals_plan_save_file(large, path, NULL);
            int named = rc == GOALS_EIO && goals_error_last()->file && !strcmp(goals_error_last()->file, path);
            _exit(rc == GOALS_EIO && named ? 0 : 1);
        }
        int status;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        if (ignore)
            assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        else
            assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGXFSZ);
        assert_true(same_bytes(path, old, old_size));
        if (ignore) /* a clean failure removes its temp file */
            assert_int_equal(stray_files(dir, "plan.xml"), 0);
    }
    /* Without the limit, the same save goes through. */
    assert_int_equal(goals_plan_save_file(large, path, NULL), GOALS_OK);
    assert_true(same_bytes(path, fresh, new_size));
    remove_dir(dir);
    goals_free(old);
    goals_free(fresh);
    goals_plan_free(small);
    goals_plan_free(large);
}

static void test_save_missing_folder(void **state)
{
    (void)state;
    char dir[128], path[256];
    snprintf(dir, sizeof dir, "%s", test_tmpdir());
    goals_plan *p = big_plan(1, 2, 0);
    snprintf(path, sizeof path, "%s/no/such/folder/plan.xml", dir);
    assert_int_equal(goals_plan_save_file(p, path, NULL), GOALS_EIO);
    assert_string_equal(goals_error_last()->file, path);
    assert_non_null(strstr(goals_error_last()->message, "No such file or directory"));
    /* A path through a regular file, and a folder where the file should be. */
    snprintf(path, sizeof path, "%s/file", dir);
    write_bytes(path, "x", 1);
    snprintf(path, sizeof path, "%s/file/plan.xml", dir);
    assert_int_equal(goals_plan_save_file(p, path, NULL), GOALS_EIO);
    snprintf(path, sizeof path, "%s/folder", dir);
    assert_int_equal(mkdir(path, 0755), 0);
    assert_int_equal(goals_plan_save_file(p, path, NULL), GOALS_EIO);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_int_equal(goals_plan_save_file(p, "", NULL), GOALS_EINVAL);
    assert_int_equal(stray_files(dir, "file"), 1); /* the folder only */
    remove_dir(path);
    remove_dir(dir);
    goals_plan_free(p);
}

static void test_save_killed(void **state)
{
    (void)state;
    char dir[128], path[256];
    snprintf(dir, sizeof dir, "%s", test_tmpdir());
    snprintf(path, sizeof path, "%s/plan.xml", dir);
    goals_plan *a = big_plan(30, 300, 0), *b = big_plan(30, 300, 0.125);
    size_t a_size, b_size;
    char *a_bytes = saved(a, &a_size), *b_bytes = saved(b, &b_size);
    assert_true(a_size > 512 * 1024 && b_size > 512 * 1024);
    write_bytes(path, a_bytes, a_size);

    /* How long one save takes, to spread the kills over it. */
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(goals_plan_save_file(a, path, NULL), GOALS_OK);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long save_us = (t1.tv_sec - t0.tv_sec) * 1000000L + (t1.tv_nsec - t0.tv_nsec) / 1000;
    if (save_us < 100)
        save_us = 100;

    int rounds = under_valgrind() ? 15 : 200;
    unsigned seed = 20261127u;
    int saw_a = 0, saw_b = 0, strays = 0;
    for (int i = 0; i < rounds; i++) {
        fflush(NULL);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            /* Alternate the two plans, forever, until killed. */
            for (unsigned k = 0;; k++)
                if (goals_plan_save_file(k % 2 ? a : b, path, NULL) != GOALS_OK)
                    _exit(1);
        }
        seed = seed * 1103515245u + 12345u;
        long wait_us = (long)((seed >> 8) % (unsigned)(3 * save_us));
        struct timespec d = {wait_us / 1000000L, (wait_us % 1000000L) * 1000L};
        nanosleep(&d, NULL);
        kill(pid, SIGKILL);
        int status;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        if (!WIFSIGNALED(status))
            fail_msg("round %d: the writer ended by itself (status %d)", i, status);
        /* Old bytes or new bytes, never anything else. */
        size_t n;
        char *now = test_read_file(path, &n);
        if (n == a_size && !memcmp(now, a_bytes, n))
            saw_a++;
        else if (n == b_size && !memcmp(now, b_bytes, n))
            saw_b++;
        else
            fail_msg("round %d (killed after %ld us): the file is neither plan (%zu bytes)", i, wait_us, n);
        free(now);
        /* A kill may leave the writer's temp file; it is never the target. */
        strays += stray_files(dir, "plan.xml");
        remove_dir(dir);
        assert_int_equal(mkdir(dir, 0700), 0);
        write_bytes(path, (saw_a + saw_b) % 2 ? b_bytes : a_bytes, (saw_a + saw_b) % 2 ? b_size : a_size);
    }
    print_message("%d kills (one save: %ld us): old/new %d/%d, temp files left %d\n", rounds, save_us, saw_a,
                  saw_b, strays);
    assert_int_equal(saw_a + saw_b, rounds);
    remove_dir(dir);
    goals_free(a_bytes);
    goals_free(b_bytes);
    goals_plan_free(a);
    goals_plan_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alloc_walk_seed),
        cmocka_unit_test(test_alloc_walk_observations),
        cmocka_unit_test(test_save_fsize_limit),
        cmocka_unit_test(test_save_missing_folder),
        cmocka_unit_test(test_save_killed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
