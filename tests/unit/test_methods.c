/* The progress methods' numeric core (libgoals/src/eval/methods/).
 *
 * 1. Every vector of tests/data/methods/vectors.csv (a copy of the
 *    project's research vectors) that maps to one of our methods. Figures
 *    must agree to 1e-9 relative (the vectors have 10 significant digits),
 *    sdg-build scores to 1e-6 absolute (6 decimals given), projections to
 *    1e-7 relative (8 digits given); categories exactly.
 * 2. The edge cases docs/methods.md defines, one test each.
 * 3. Parameters by NAME=VALUE, the registry, input checks, time. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "eval/methods.h"
#include "goals/error.h"
#include "support.h"
#include "util/number.h"

/* ------------------------------------------------------------------ */
/* helpers                                                             */

static double num(const char *s, size_t len)
{
    double v;
    if (goals__parse_double(s, len, &v) != GOALS_OK)
        fail_msg("not a number: '%.*s'", (int)len, s);
    return v;
}

static double numz(const char *s)
{
    return num(s, strlen(s));
}

/* Runs method `name` with its defaults (plus NAME=VALUE settings, NULL-ended). */
static goals__method_result run_with(const char *name, const goals__method_input *in, ...)
{
    const goals__method *m = goals__method_find(name);
    assert_non_null(m);
    goals__method_params p;
    goals__method_params_init(&p, m);
    va_list ap;
    va_start(ap, in);
    for (const char *a = va_arg(ap, const char *); a; a = va_arg(ap, const char *))
        assert_int_equal(goals__method_params_assign(&p, a), GOALS_OK);
    va_end(ap);
    goals__method_result r;
    assert_int_equal(goals__method_run(&p, in, &r), GOALS_OK);
    /* The category points into p, which dies here: keep only names that
     * tests compare, through a static copy. */
    static char cat[GOALS__PARAM_TEXT_MAX];
    if (r.category) {
        strcpy(cat, r.category);
        r.category = cat;
    }
    return r;
}

static goals__method_input series(const double *t, const double *y, size_t n, int d, double target,
                                  double target_t)
{
    goals__method_input in;
    goals__method_input_init(&in);
    in.t = t;
    in.y = y;
    in.n = n;
    in.direction = d;
    in.target = target;
    in.target_t = target_t;
    return in;
}

static void assert_close(double got, double want, double rel, const char *what)
{
    if (!(fabs(got - want) <= rel * fabs(want) + 1e-15))
        fail_msg("%s: got %.17g, want %.17g", what, got, want);
}

static void assert_category(const goals__method_result *r, const char *want)
{
    if (!want) {
        if (r->category)
            fail_msg("category: got '%s', want none", r->category);
        return;
    }
    if (!r->category || strcmp(r->category, want) != 0)
        fail_msg("category: got '%s', want '%s'", r->category ? r->category : "(none)", want);
}

/* ------------------------------------------------------------------ */
/* 1. the vectors                                                      */

#define MAX_FIELDS 16
#define MAX_OBS 8

/* Splits one CSV line (RFC 4180 quotes, no embedded newlines in this
 * file) in place. Returns the number of fields. */
static int split_csv(char *line, char **field)
{
    int n = 0;
    char *w = line, *r = line;
    for (;;) {
        assert_true(n < MAX_FIELDS);
        field[n++] = w;
        if (*r == '"') {
            r++;
            for (;;) {
                if (*r == '"' && r[1] == '"') {
                    *w++ = '"';
                    r += 2;
                } else if (*r == '"') {
                    r++;
                    break;
                } else {
                    assert_true(*r != '\0');
                    *w++ = *r++;
                }
            }
        } else {
            while (*r && *r != ',')
                *w++ = *r++;
        }
        if (*r == ',') {
            *w++ = '\0';
            r++;
            continue;
        }
        *w = '\0';
        return n;
    }
}

enum { F_METHOD, F_CASE, F_SERIES, F_DIRECTION, F_BASE_YEAR, F_TARGET, F_TARGET_YEAR, F_LIMIT,
       F_PARAMS, F_NUMERIC_NAME, F_NUMERIC, F_CATEGORY, F_PROVENANCE, F_SOURCE, F_NOTES, F_COUNT };

/* Our method for a vector's method column. */
static const char *our_method(const char *v)
{
    static const char *const map[][2] = {
        {"sdgbuild-2024-class", "sdg-build"}, {"sdgbuild-2023", "sdg-build-2023"},
        {"sdgbuild-2022-draft", "sdg-build-2022"}, {"unsd-progress-chart-2023", "unsd"},
        {"eurostat", "eurostat"}, {"escap-csi", "escap"}, {"escap-api", "escap"}, {"okr-linear", "okr"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i][0], v) == 0)
            return map[i][1];
    fail_msg("vector method %s maps to no method", v);
    return NULL;
}

/* The common status each expected category stands for (DESIGN.md's
 * mapping), so that every vector checks the status too. */
static goals__status status_of(const char *cat)
{
    static const struct { const char *cat; goals__status st; } any[] = {
        {"target_achieved", GOALS__ST_ACHIEVED}, {"substantial_progress", GOALS__ST_ON_TRACK},
        {"on_track", GOALS__ST_ON_TRACK}, {"moderate_progress", GOALS__ST_AT_RISK},
        {"progress_needs_acceleration", GOALS__ST_AT_RISK}, {"limited_progress", GOALS__ST_OFF_TRACK},
        {"deterioration", GOALS__ST_REGRESSING}, {"moderate_deterioration", GOALS__ST_REGRESSING},
        {"significant_deterioration", GOALS__ST_REGRESSING}, {"not_available", GOALS__ST_NO_DATA},
        {"None", GOALS__ST_NO_DATA},
        {"significant progress towards target", GOALS__ST_ON_TRACK},
        {"moderate progress towards target", GOALS__ST_AT_RISK},
        {"insufficient progress towards target", GOALS__ST_OFF_TRACK},
        {"movement away from target", GOALS__ST_REGRESSING},
        {"significant progress", GOALS__ST_ON_TRACK}, {"moderate progress", GOALS__ST_AT_RISK},
        {"moderate movement away", GOALS__ST_REGRESSING}, {"significant movement away", GOALS__ST_REGRESSING},
        {"maintain progress (on track)", GOALS__ST_ON_TRACK}, {"accelerate progress", GOALS__ST_AT_RISK},
        {"reverse trend", GOALS__ST_REGRESSING},
        {"green", GOALS__ST_ON_TRACK}, {"yellow", GOALS__ST_AT_RISK}, {"red", GOALS__ST_OFF_TRACK},
        /* unsd: Eustat's 3-level score; with the default 3-level scale
         * score 1 is limited or no progress, whatever the sign. */
        {"score 3", GOALS__ST_ON_TRACK}, {"score 2", GOALS__ST_AT_RISK}, {"score 1", GOALS__ST_OFF_TRACK},
    };
    for (size_t i = 0; i < sizeof any / sizeof any[0]; i++)
        if (strcmp(any[i].cat, cat) == 0)
            return any[i].st;
    fail_msg("no status for category '%s'", cat);
    return GOALS__ST_NO_DATA;
}

/* Where the vectors word a category differently from the method's default
 * name, the name we give (docs/methods.md says why). NULL: none. */
static const char *our_category(const char *method, const char *cat)
{
    if (strcmp(cat, "None") == 0)
        return NULL;  /* sdg-build 2023 returns None: no category */
    if (strcmp(method, "unsd") == 0) {
        /* The vectors write Eustat's score; the name is the score's label. */
        if (strcmp(cat, "score 3") == 0)
            return "on track";
        if (strcmp(cat, "score 2") == 0)
            return "fair progress, acceleration needed";
        if (strcmp(cat, "score 1") == 0)
            return "limited or no progress";
    }
    if (strcmp(cat, "maintain progress (on track)") == 0)
        return "maintain progress";
    return cat;
}

/* "name=value" inside a free-text column; NaN when absent. */
static double field_value(const char *text, const char *name)
{
    const char *p = strstr(text, name);
    if (!p)
        return NAN;
    p += strlen(name);
    size_t len = strspn(p, "0123456789.-+eE");
    return len ? num(p, len) : NAN;
}

static int run_vector(char **f)
{
    const char *method = our_method(f[F_METHOD]);
    const char *id = f[F_CASE];
    double t[MAX_OBS], y[MAX_OBS];
    size_t n = 0;
    int okr = strcmp(method, "okr") == 0;
    /* "2015:100;2020:110", or OKR's "baseline:0;actual:3" (start, then now) */
    for (char *s = f[F_SERIES]; *s;) {
        assert_true(n < MAX_OBS);
        char *colon = strchr(s, ':');
        assert_non_null(colon);
        size_t vlen = strcspn(colon + 1, ";");
        t[n] = okr ? (double)n : num(s, (size_t)(colon - s));
        y[n] = num(colon + 1, vlen);
        n++;
        s = colon + 1 + vlen;
        if (*s == ';')
            s++;
    }
    int d = strcmp(f[F_DIRECTION], "negative") == 0 ? -1 : 1;
    double target = *f[F_TARGET] ? numz(f[F_TARGET]) : NAN;
    double target_t = *f[F_TARGET_YEAR] ? numz(f[F_TARGET_YEAR]) : NAN;
    goals__method_input in = series(t, y, n, d, target, target_t);
    const double base_year = *f[F_BASE_YEAR] ? numz(f[F_BASE_YEAR]) : NAN;

    const goals__method *m = goals__method_find(method);
    goals__method_params p;
    goals__method_params_init(&p, m);
    if (*f[F_LIMIT])
        assert_int_equal(goals__method_params_set(&p, "limit", 5, f[F_LIMIT], strlen(f[F_LIMIT])), GOALS_OK);
    if (strcmp(method, "eurostat") == 0) {
        /* Eurostat's base is the window's start: let the window find it
         * (no baseline given) and check that it found the row's base year. */
        const char *w = strstr(f[F_PARAMS], "15y") ? "window=15" : "window=5";
        assert_int_equal(goals__method_params_assign(&p, w), GOALS_OK);
    } else {
        in.base_t = base_year;
    }
    goals__method_result r;
    assert_int_equal(goals__method_run(&p, &in, &r), GOALS_OK);
    if (strcmp(method, "eurostat") == 0)
        assert_close(r.base_t, base_year, 0, "eurostat window start");

    /* the figure: ESCAP's current status rows check its second figure */
    double got = strcmp(f[F_METHOD], "escap-csi") == 0 ? r.score : r.figure;
    if (*f[F_NUMERIC]) {
        char what[128];
        snprintf(what, sizeof what, "%s %s figure", f[F_METHOD], id);
        assert_close(got, numz(f[F_NUMERIC]), 1e-9, what);
    } else if (strcmp(f[F_CATEGORY], "None") == 0 || strcmp(f[F_CATEGORY], "not_available") == 0) {
        assert_true(isnan(got));
    }

    if (*f[F_CATEGORY]) {
        assert_category(&r, our_category(method, f[F_CATEGORY]));
        goals__status want = status_of(f[F_CATEGORY]);
        /* DESIGN.md: the target met is achieved, whatever the category
         * (OKR grades an overshoot green). */
        if (!isnan(target) && (d > 0 ? y[n - 1] >= target : y[n - 1] <= target))
            want = GOALS__ST_ACHIEVED;
        if (r.status != want)
            fail_msg("%s: status %s, want %s", id, goals__status_name(r.status), goals__status_name(want));
        if (strcmp(method, "unsd") == 0)
            assert_close(r.score, f[F_CATEGORY][6] - '0', 0, "unsd score");
    }

    /* sdg-build 2024: the score and target_achieved in the notes */
    double score = field_value(f[F_NOTES], "score=");
    if (!isnan(score))
        assert_true(fabs(r.score - score) <= 1e-6);
    else if (strstr(f[F_NOTES], "score=;"))
        assert_true(isnan(r.score));
    if (strstr(f[F_NOTES], "target_achieved=True"))
        assert_int_equal(r.status, GOALS__ST_ACHIEVED);
    if (strstr(f[F_NOTES], "target_achieved=False"))
        assert_int_not_equal(r.status, GOALS__ST_ACHIEVED);
    /* unsd and escap-api: the projection in the params column */
    double proj = field_value(f[F_PARAMS], "v2030e=");
    if (isnan(proj))
        proj = field_value(f[F_PARAMS], "I2030_hat=");
    if (!isnan(proj))
        assert_close(r.projected, proj, 1e-7, "projection");
    return 1;
}

static void test_vectors(void **state)
{
    (void)state;
    size_t size;
    char *text = test_read_file(GOALS_TEST_DATA "/methods/vectors.csv", &size);
    int rows = 0, header = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '#')
            continue;
        char *f[MAX_FIELDS];
        int nf = split_csv(line, f);
        assert_int_equal(nf, F_COUNT);
        if (!header) {
            assert_string_equal(f[F_METHOD], "method");
            header = 1;
            continue;
        }
        rows += run_vector(f);
    }
    free(text);
    /* 76 vectors less the 5 slo-burn-rate ones: none may be skipped. */
    assert_int_equal(rows, 71);
}

/* ------------------------------------------------------------------ */
/* 2. edge cases                                                       */

static const char *const all_methods[] = {
    "linear", "sdg-build", "sdg-build-2023", "sdg-build-2022", "unsd", "eurostat", "escap", "okr",
};
#define N_METHODS (sizeof all_methods / sizeof all_methods[0])

/* No observation at all: every method says no_data. */
static void test_edge_no_observation(void **state)
{
    (void)state;
    goals__method_input in = series(NULL, NULL, 0, 1, 70, 2030);
    for (size_t i = 0; i < N_METHODS; i++) {
        goals__method_result r = run_with(all_methods[i], &in, NULL);
        assert_int_equal(r.status, GOALS__ST_NO_DATA);
        assert_true(isnan(r.figure));
        assert_non_null(r.note);
    }
}

/* One observation, not meeting the target: not assessable (no trend),
 * except OKR, which grades it against itself (0, red). */
static void test_edge_one_observation(void **state)
{
    (void)state;
    const double t[] = {2015}, y[] = {50};
    goals__method_input in = series(t, y, 1, 1, 70, 2030);
    for (size_t i = 0; i < N_METHODS; i++) {
        goals__method_result r = run_with(all_methods[i], &in, NULL);
        if (strcmp(all_methods[i], "okr") == 0) {
            assert_int_equal(r.status, GOALS__ST_OFF_TRACK);
            assert_true(r.figure == 0);
            assert_category(&r, "red");
        } else {
            if (r.status != GOALS__ST_NO_DATA)
                fail_msg("%s: %s", all_methods[i], goals__status_name(r.status));
            assert_true(isnan(r.figure));
        }
    }
    /* Meeting the target with one observation: achieved for all but the
     * 2022/2023 sdg-build, which check for enough data first. */
    const double y2[] = {75};
    in.y = y2;
    for (size_t i = 0; i < N_METHODS; i++) {
        goals__method_result r = run_with(all_methods[i], &in, NULL);
        int early = strcmp(all_methods[i], "sdg-build-2023") == 0 || strcmp(all_methods[i], "sdg-build-2022") == 0;
        assert_int_equal(r.status, early ? GOALS__ST_NO_DATA : GOALS__ST_ACHIEVED);
    }
}

/* Baseline equal to target, not met now: nobody divides by zero; the value
 * moved away from a target it met at the base. */
static void test_edge_baseline_equals_target(void **state)
{
    (void)state;
    const double t[] = {2015, 2020}, y[] = {70, 65};
    goals__method_input in = series(t, y, 2, 1, 70, 2030);
    for (size_t i = 0; i < N_METHODS; i++) {
        goals__method_result r = run_with(all_methods[i], &in, NULL);
        const char *m = all_methods[i];
        if (strcmp(m, "okr") == 0) {
            assert_true(r.figure == 0);           /* defined: not met -> 0 */
            assert_int_equal(r.status, GOALS__ST_OFF_TRACK);
        } else if (strcmp(m, "unsd") == 0) {
            assert_int_equal(r.status, GOALS__ST_OFF_TRACK); /* 3-level: lowest is limited */
            assert_true(isnan(r.figure));
            assert_category(&r, "limited or no progress");
        } else {
            if (r.status != GOALS__ST_REGRESSING)
                fail_msg("%s: %s", m, goals__status_name(r.status));
            assert_true(isnan(r.figure));
        }
        assert_true(isnan(r.figure) || r.figure == 0);
    }
    goals__method_result r = run_with("sdg-build", &in, NULL);
    assert_category(&r, "deterioration");
    assert_true(r.score == -5);
    r = run_with("unsd", &in, "regress_below=0", NULL);
    assert_int_equal(r.status, GOALS__ST_REGRESSING);
    assert_category(&r, "deterioration");
    /* Met now as well: achieved everywhere, OKR grade 1. */
    const double y2[] = {70, 71};
    in.y = y2;
    for (size_t i = 0; i < N_METHODS; i++) {
        r = run_with(all_methods[i], &in, NULL);
        assert_int_equal(r.status, GOALS__ST_ACHIEVED);
    }
    r = run_with("okr", &in, NULL);
    assert_true(r.figure == 1);
}

/* Target already met at the baseline (on the far side of it) and no longer
 * met: the lowest category, whatever the formula's sign would say. */
static void test_edge_target_met_at_baseline(void **state)
{
    (void)state;
    const double t[] = {2015, 2020}, y[] = {80, 65};
    goals__method_input in = series(t, y, 2, 1, 70, 2030);
    goals__method_result r = run_with("linear", &in, NULL);
    assert_int_equal(r.status, GOALS__ST_REGRESSING);
    r = run_with("okr", &in, NULL);
    assert_true(r.figure == 0);
    assert_category(&r, "red");
    r = run_with("eurostat", &in, NULL);
    assert_int_equal(r.status, GOALS__ST_REGRESSING);
    assert_true(r.figure < 0);  /* d * CAGR_a / |CAGR_r| keeps the sign right */
    r = run_with("escap", &in, NULL);
    assert_category(&r, "reverse trend");
    r = run_with("unsd", &in, NULL);
    assert_int_equal(r.status, GOALS__ST_OFF_TRACK);
    assert_true(r.figure > 0.95); /* the formula alone would say on track */
    r = run_with("sdg-build", &in, NULL);
    assert_category(&r, "deterioration");
    assert_true(r.figure < 0);
    /* Generation 2 has no |CAGR_r|: both rates negative give a positive
     * ratio, as upstream does (fixed in generation 3). */
    r = run_with("sdg-build-2023", &in, NULL);
    assert_category(&r, "on_track");
    assert_true(r.figure > 0.95);
}

/* Zero and negative values. */
static void test_edge_zero_negative(void **state)
{
    (void)state;
    /* Base value 0: generation 3 uses 0.001 (a vector checks the number);
     * generations 1/2 would divide by zero: not assessable. Linear and OKR
     * work on differences and do not care. */
    const double t[] = {2015, 2020}, y0[] = {0, 5};
    goals__method_input in = series(t, y0, 2, 1, NAN, NAN);
    goals__method_result r = run_with("sdg-build-2023", &in, NULL);
    assert_int_equal(r.status, GOALS__ST_NO_DATA);
    assert_category(&r, NULL);
    r = run_with("sdg-build-2022", &in, NULL);
    assert_int_equal(r.status, GOALS__ST_NO_DATA);
    r = run_with("unsd", &in, NULL);
    assert_int_equal(r.status, GOALS__ST_NO_DATA);
    r = run_with("eurostat", &in, NULL);
    assert_int_equal(r.status, GOALS__ST_NO_DATA);
    r = run_with("linear", &in, NULL);
    assert_int_equal(r.status, GOALS__ST_ON_TRACK);
    assert_true(r.figure == 5);

    /* Both negative: generation 3 flips the direction (sign -1). From -10
     * to -5 with increase desired: CAGR = 0.5^(1/5) - 1 < 0, times sign
     * -1 times d +1 > 0: progress. */
    const double yn[] = {-10, -5};
    in.y = yn;
    r = run_with("sdg-build", &in, NULL);
    assert_close(r.figure, -(pow(0.5, 0.2) - 1), 1e-12, "negative values");
    assert_int_equal(r.status, GOALS__ST_ON_TRACK);
    /* Generation 2 has no sign: the same move reads as deterioration. */
    r = run_with("sdg-build-2023", &in, NULL);
    assert_int_equal(r.status, GOALS__ST_REGRESSING);
    /* Opposite signs: no growth rate anywhere. */
    const double yo[] = {-10, 5};
    in.y = yo;
    for (size_t i = 1; i < N_METHODS - 2; i++) { /* the CAGR methods */
        r = run_with(all_methods[i], &in, NULL);
        assert_int_equal(r.status, GOALS__ST_NO_DATA);
    }
    /* A target of 0 (decrease): generation 3 uses 0.001 (vector); linear
     * divides by (0 - 40), no trouble. */
    const double yd[] = {40, 20};
    in = series(t, yd, 2, -1, 0, 2025);
    r = run_with("linear", &in, NULL);
    assert_close(r.score, 0.5, 1e-12, "progress to zero");
    assert_close(r.figure, 1.0, 1e-12, "exactly on the path");
    assert_int_equal(r.status, GOALS__ST_ON_TRACK);
}

/* Decreasing indicators: linear and OKR on a decrease. */
static void test_edge_decreasing(void **state)
{
    (void)state;
    const double t[] = {2020, 2022}, y[] = {10, 9.4};
    goals__method_input in = series(t, y, 2, -1, 8, 2025);
    goals__method_result r = run_with("linear", &in, NULL);
    /* progress 0.6/2 = 0.3 of the way in 2 of 5 years (0.4): ratio 0.75 */
    assert_close(r.score, 0.3, 1e-12, "progress");
    assert_close(r.figure, 0.75, 1e-12, "ratio");
    assert_close(r.expected, 9.2, 1e-12, "expected");
    assert_close(r.projected, 8.5, 1e-12, "projected");
    assert_int_equal(r.status, GOALS__ST_AT_RISK);
    r = run_with("okr", &in, NULL);
    assert_close(r.figure, 0.3, 1e-12, "okr grade");
    assert_category(&r, "red");
    /* Going up instead: regressing. */
    const double yup[] = {10, 10.5};
    in.y = yup;
    r = run_with("linear", &in, NULL);
    assert_int_equal(r.status, GOALS__ST_REGRESSING);
}

/* Gaps: a base year not observed, uneven spacing, and as_of. */
static void test_edge_gaps(void **state)
{
    (void)state;
    const double t[] = {2013, 2016, 2017, 2021}, y[] = {90, 100, 104, 110};
    goals__method_input in = series(t, y, 4, 1, NAN, NAN);
    /* sdg-build: the next observed year after 2015 (2016) */
    goals__method_result r = run_with("sdg-build", &in, NULL);
    assert_true(r.base_t == 2016);
    assert_close(r.figure, pow(1.1, 0.2) - 1, 1e-12, "5 years 2016-2021");
    /* unsd: the nearest (2016, one year off, beats 2013, two off) */
    r = run_with("unsd", &in, NULL);
    assert_true(r.base_t == 2016);
    /* nearest with a tie takes the earlier: 2014 is 1 from 2013 and 2 from 2016 */
    r = run_with("unsd", &in, "base_year=2014.5", NULL);
    assert_true(r.base_t == 2013);
    /* eurostat: the window starts 2016, observed: base 2016 */
    r = run_with("eurostat", &in, NULL);
    assert_true(r.base_t == 2016);
    /* a 3-year window has no observation at 2018: the first after (2021)
     * is the latest itself: too few points */
    r = run_with("eurostat", &in, "window=3", NULL);
    assert_int_equal(r.status, GOALS__ST_NO_DATA);
    /* min_points counts the base and what follows it in the window */
    r = run_with("eurostat", &in, "min_points=4", NULL);
    assert_int_equal(r.status, GOALS__ST_NO_DATA);
    r = run_with("eurostat", &in, "window=8", "min_points=4", NULL);
    assert_int_equal(r.status, GOALS__ST_ON_TRACK);
    /* as_of drops the observations after it: latest becomes 2017 */
    in.as_of = 2020.5;
    r = run_with("sdg-build", &in, NULL);
    assert_true(r.latest_t == 2017);
    assert_true(r.base_t == 2016);
    assert_close(r.figure, 0.04, 1e-12, "2016-2017");
    /* ... and a base year after all counted observations: not assessable */
    r = run_with("sdg-build", &in, "base_year=2019", NULL);
    assert_int_equal(r.status, GOALS__ST_NO_DATA);
    assert_category(&r, "not_available");
}

/* Linear on the straight path, with a baseline given by value. */
static void test_linear_path(void **state)
{
    (void)state;
    const double t[] = {2021, 2022}, y[] = {112, 118};
    goals__method_input in = series(t, y, 2, 1, 150, 2025);
    in.base_t = 2020;
    in.base_y = 100;
    goals__method_result r = run_with("linear", &in, NULL);
    assert_close(r.score, 0.36, 1e-12, "progress");
    assert_close(r.expected, 120, 1e-12, "expected at 2022");
    assert_close(r.figure, 0.9, 1e-12, "ratio");
    assert_close(r.projected, 145, 1e-12, "projected");
    assert_int_equal(r.status, GOALS__ST_AT_RISK);
    assert_category(&r, "at_risk");
    /* at the as-of date (2023): expected 130, ratio 0.6: the boundary is at_risk */
    in.as_of = 2023;
    r = run_with("linear", &in, "use_as_of=1", NULL);
    assert_close(r.expected, 130, 1e-12, "expected at 2023");
    assert_close(r.figure, 0.6, 1e-12, "ratio");
    assert_int_equal(r.status, GOALS__ST_AT_RISK);
    r = run_with("linear", &in, "use_as_of=1", "at_risk=0.61", NULL);
    assert_int_equal(r.status, GOALS__ST_OFF_TRACK);
    /* no deadline: not assessable */
    in.target_t = NAN;
    r = run_with("linear", &in, NULL);
    assert_int_equal(r.status, GOALS__ST_NO_DATA);
    r = run_with("linear", &in, "target_year=2025", "cat_at_risk=late", NULL);
    assert_category(&r, "late");
    /* a direction alone: the sign of the change */
    in.target = NAN;
    r = run_with("linear", &in, NULL);
    assert_int_equal(r.status, GOALS__ST_ON_TRACK);
    assert_true(r.figure == 18);
}

/* sdg-build's natural limit: the coefficient scales the thresholds. */
static void test_sdg_limit(void **state)
{
    (void)state;
    const double t[] = {2015, 2020}, y[] = {90, 92};
    goals__method_input in = series(t, y, 2, 1, NAN, NAN);
    goals__method_result r = run_with("sdg-build", &in, NULL);
    assert_int_equal(r.status, GOALS__ST_OFF_TRACK);  /* 0.44% < 0.5% */
    r = run_with("sdg-build", &in, "limit=100", NULL);
    assert_int_equal(r.status, GOALS__ST_AT_RISK);    /* thresholds x 0.3736 */
    r = run_with("sdg-build", &in, "limit=100", "limit_exponent=1", NULL);
    /* C = 1 - 0.9 = 0.1: 0.44% is above 0.15%: substantial */
    assert_int_equal(r.status, GOALS__ST_ON_TRACK);
}

/* ------------------------------------------------------------------ */
/* 3. parameters, registry, input checks, time                         */

static void test_registry(void **state)
{
    (void)state;
    assert_int_equal(goals__method_count(), N_METHODS);
    for (size_t i = 0; i < N_METHODS; i++) {
        const goals__method *m = goals__method_at(i);
        assert_string_equal(m->name, all_methods[i]);
        assert_ptr_equal(goals__method_find(all_methods[i]), m);
        assert_true(m->param_count <= GOALS__METHOD_PARAMS_MAX);
        goals__method_params p;
        goals__method_params_init(&p, m);
        for (size_t j = 0; j < m->param_count; j++) {
            const goals__param_desc *d = &m->params[j];
            assert_non_null(d->name);
            assert_non_null(d->doc);
            assert_int_equal(goals__method_param_index(m, d->name, strlen(d->name)), (int)j);
            if (d->type == GOALS__PARAM_TEXT) {
                assert_true(strlen(d->def_text) < GOALS__PARAM_TEXT_MAX);
                assert_string_equal(p.text[j], d->def_text);
            } else {
                assert_true(isnan(d->def) ? d->optional : (d->def >= d->lo && d->def <= d->hi));
                /* the default's text sets the default back exactly */
                char buf[GOALS__PARAM_TEXT_MAX];
                goals__param_default_text(d, buf);
                goals__method_params q = p;
                q.num[j] = 12345;
                assert_int_equal(goals__method_params_set(&q, d->name, strlen(d->name), buf, strlen(buf)), GOALS_OK);
                assert_true(isnan(d->def) ? isnan(q.num[j]) : q.num[j] == d->def);
            }
        }
    }
    assert_null(goals__method_at(N_METHODS));
    assert_null(goals__method_find("sdg"));
    assert_null(goals__method_find(NULL));
}

static void test_params(void **state)
{
    (void)state;
    const goals__method *m = goals__method_find("sdg-build");
    goals__method_params p;
    goals__method_params_init(&p, m);
    int hi = goals__method_param_index(m, "m2_high", 7);
    assert_true(hi >= 0);
    assert_true(p.num[hi] == 0.95);
    assert_int_equal(goals__method_params_assign(&p, "m2_high=0.9"), GOALS_OK);
    assert_true(p.num[hi] == 0.9);
    assert_int_equal(goals__method_params_assign(&p, "m2_high=1e-1"), GOALS_OK);
    assert_true(p.num[hi] == 0.1);

    assert_int_equal(goals__method_params_assign(&p, "m2_hi=1"), GOALS_ENOTFOUND);
    assert_string_equal(test_error_text(), "method sdg-build has no parameter 'm2_hi'");
    assert_int_equal(goals__method_params_assign(&p, "m2_high=0,9"), GOALS_EPARSE);
    assert_string_equal(test_error_text(), "sdg-build parameter m2_high: '0,9' is not a number");
    assert_int_equal(goals__method_params_assign(&p, "m2_high"), GOALS_EINVAL);
    assert_int_equal(goals__method_params_assign(&p, "base_year=0"), GOALS_ERANGE);
    assert_string_equal(test_error_text(), "sdg-build parameter base_year: 0 is outside [1, 9999]");
    assert_int_equal(goals__method_params_assign(&p, "m2_high=none"), GOALS_EPARSE); /* not optional */
    assert_true(p.num[hi] == 0.1); /* unchanged by failures */
    int lim = goals__method_param_index(m, "limit", 5);
    assert_int_equal(goals__method_params_assign(&p, "limit=100"), GOALS_OK);
    assert_true(p.num[lim] == 100);
    assert_int_equal(goals__method_params_assign(&p, "limit=none"), GOALS_OK);
    assert_true(isnan(p.num[lim]));

    int cat = goals__method_param_index(m, "cat_med", 7);
    assert_int_equal(goals__method_params_assign(&p, "cat_med=needs acceleration"), GOALS_OK);
    assert_string_equal(p.text[cat], "needs acceleration");
    char longname[GOALS__PARAM_TEXT_MAX + 16];
    memset(longname, 'x', sizeof longname);
    memcpy(longname, "cat_med=", 8);
    longname[sizeof longname - 1] = '\0';
    assert_int_equal(goals__method_params_assign(&p, longname), GOALS_ERANGE);
    assert_string_equal(p.text[cat], "needs acceleration");
    /* an empty name means "no category" */
    assert_int_equal(goals__method_params_assign(&p, "cat_none="), GOALS_OK);
    const double t[] = {2015}, y[] = {1};
    goals__method_input in = series(t, y, 1, 1, NAN, NAN);
    goals__method_result r;
    assert_int_equal(goals__method_run(&p, &in, &r), GOALS_OK);
    assert_int_equal(r.status, GOALS__ST_NO_DATA);
    assert_null(r.category);

    char buf[GOALS__PARAM_TEXT_MAX];
    assert_string_equal(goals__param_default_text(&m->params[hi], buf), "0.95");
    assert_string_equal(goals__param_default_text(&m->params[lim], buf), "none");
    assert_string_equal(goals__param_default_text(&m->params[cat], buf), "moderate_progress");
}

static void test_input_checks(void **state)
{
    (void)state;
    const goals__method *m = goals__method_find("linear");
    goals__method_params p;
    goals__method_params_init(&p, m);
    goals__method_result r;
    const double t[] = {2015, 2015}, y[] = {1, 2};
    goals__method_input in = series(t, y, 2, 1, 3, 2030);
    assert_int_equal(goals__method_run(&p, &in, &r), GOALS_EINVAL);
    assert_string_equal(test_error_text(), "method linear: observation times not strictly increasing at 1");
    const double t2[] = {2015, 2016}, yn[] = {1, NAN};
    in.t = t2;
    in.y = yn;
    assert_int_equal(goals__method_run(&p, &in, &r), GOALS_EINVAL);
    in.y = y;
    in.direction = 0;
    assert_int_equal(goals__method_run(&p, &in, &r), GOALS_EINVAL);
    in.direction = -1;
    in.base_y = 5;
    assert_int_equal(goals__method_run(&p, &in, &r), GOALS_EINVAL); /* value without time */
    in.base_t = 2014;
    assert_int_equal(goals__method_run(&p, &in, &r), GOALS_OK);
    in.n = 3;
    in.t = NULL;
    assert_int_equal(goals__method_run(&p, &in, &r), GOALS_EINVAL);
}

static void test_time(void **state)
{
    (void)state;
    /* day numbers: 2020-12-31 = 18627, 2021-01-01 = 18628, 1970-01-01 = 0 */
    assert_true(goals__method_year(18627) == 2020.0);
    assert_close(goals__method_year(18628), 2020.0 + 1.0 / 365, 1e-15, "2021-01-01");
    assert_close(goals__method_year(18626), 2019.0 + 365.0 / 366, 1e-15, "2020-12-30 (leap year)");
    assert_close(goals__method_year(0), 1969.0 + 1.0 / 365, 1e-15, "1970-01-01");
    assert_true(goals__method_year(-1) == 1969.0);  /* 1969-12-31 */
    /* 2000-02-29 = 11016: day 60 of 366 */
    assert_close(goals__method_year(11016), 1999.0 + 60.0 / 366, 1e-15, "2000-02-29");
    /* 0001-12-31 and 9999-12-31 */
    assert_true(goals__method_year(-718798) == 1.0);
    assert_true(goals__method_year(2932896) == 9999.0);
    assert_string_equal(goals__status_name(GOALS__ST_AT_RISK), "at_risk");
    assert_null(goals__status_name((goals__status)99));
}

/* docs/methods.md lists every parameter of every method with its default,
 * in that method's section: the page cannot drift from the code. */
static void test_docs_list_parameters(void **state)
{
    (void)state;
    char *doc = test_read_file(GOALS_SOURCE_DIR "/docs/methods.md", NULL);
    for (size_t i = 0; i < goals__method_count(); i++) {
        const goals__method *m = goals__method_at(i);
        char head[64];
        const char *sec = NULL;
        for (const char *end = ":("; *end && !sec; end++) {
            snprintf(head, sizeof head, "\n## %s%s", m->name, *end == '(' ? " (" : ":");
            sec = strstr(doc, head);
        }
        if (!sec)
            fail_msg("docs/methods.md has no section for %s", m->name);
        const char *next = strstr(sec + 1, "\n## ");
        size_t len = next ? (size_t)(next - sec) : strlen(sec);
        for (size_t j = 0; j < m->param_count; j++) {
            const goals__param_desc *d = &m->params[j];
            char def[GOALS__PARAM_TEXT_MAX], row[160];
            goals__param_default_text(d, def);
            if (d->type == GOALS__PARAM_TEXT && !def[0])
                snprintf(row, sizeof row, "| `%s` | *(empty)* |", d->name);
            else if (d->type == GOALS__PARAM_TEXT)
                snprintf(row, sizeof row, "| `%s` | `%s` |", d->name, def);
            else
                snprintf(row, sizeof row, "| `%s` | %s |", d->name, def);
            const char *hit = strstr(sec, row);
            if (!hit || (size_t)(hit - sec) > len)
                fail_msg("docs/methods.md, section %s: no row '%s'", m->name, row);
        }
    }
    free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vectors),
        cmocka_unit_test(test_edge_no_observation),
        cmocka_unit_test(test_edge_one_observation),
        cmocka_unit_test(test_edge_baseline_equals_target),
        cmocka_unit_test(test_edge_target_met_at_baseline),
        cmocka_unit_test(test_edge_zero_negative),
        cmocka_unit_test(test_edge_decreasing),
        cmocka_unit_test(test_edge_gaps),
        cmocka_unit_test(test_linear_path),
        cmocka_unit_test(test_sdg_limit),
        cmocka_unit_test(test_registry),
        cmocka_unit_test(test_params),
        cmocka_unit_test(test_input_checks),
        cmocka_unit_test(test_time),
        cmocka_unit_test(test_docs_list_parameters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
