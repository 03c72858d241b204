/* Observations: kept per measure in one array sorted by (end day, start
 * day, dimensions), so that evaluation walks them in time order with no
 * allocation and duplicates are found by binary search. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "util/alloc.h"
#include "util/error.h"

/* Totals (no dimensions) sort before disaggregated values of the same period. */
static int key_compare(const goals_period *pa, const char *ka, const goals_period *pb, const char *kb)
{
    if (pa->end != pb->end)
        return pa->end < pb->end ? -1 : 1;
    if (pa->start != pb->start)
        return pa->start < pb->start ? -1 : 1;
    if (ka == kb)
        return 0;
    if (!ka)
        return -1;
    if (!kb)
        return 1;
    return strcmp(ka, kb);
}

static const char *dim_key_of(const goals_observation *o)
{
    const goals__obs_extra *x = goals__obs_extra_of(o);
    return x ? x->dim_key : NULL;
}

static const char *origin_of(const goals_observation *o)
{
    return o->meta ? o->meta->origin : NULL;
}

static uint32_t line32(unsigned long line)
{
    return line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
}

/* s interned. Observations come in runs from one source and one file: the
 * last observation's strings answer most without a hash look-up. */
static const char *intern_like_last(goals_plan *plan, const char *s, int origin)
{
    const goals__obs_meta *last = plan->last_meta;
    const char *had = last ? (origin ? last->origin : last->source) : NULL;
    if (had && (had == s || strcmp(had, s) == 0))
        return had;
    return goals__intern(plan, s);
}

/* The meta for (source, origin, extra): shared when there is no extra,
 * looked up by the two interned pointers (the last one found is tried
 * first: a file's observations mostly repeat it). NULL with rc 0 when all
 * three are NULL. */
static int get_meta(goals_plan *plan, const char *source, const char *origin, goals__obs_extra *extra,
                    const goals__obs_meta **out)
{
    *out = NULL;
    if (!source && !origin && !extra)
        return GOALS_OK;
    if (!extra && plan->last_meta && plan->last_meta->source == source && plan->last_meta->origin == origin) {
        *out = plan->last_meta;
        return GOALS_OK;
    }
    char key[2 * (sizeof(void *) * 2 + 3) + 2];
    if (!extra) {
        snprintf(key, sizeof key, "%p %p", (const void *)source, (const void *)origin);
        const goals__obs_meta *found = goals__hash_get(&plan->obs_metas, key);
        if (found) {
            *out = plan->last_meta = found;
            return GOALS_OK;
        }
    }
    goals__obs_meta *meta = goals__arena_alloc(&plan->arena, sizeof *meta);
    if (!meta)
        return goals__oom();
    meta->source = source;
    meta->origin = origin;
    meta->extra = extra;
    if (!extra) {
        char *k = goals__arena_strdup(&plan->arena, key);
        if (!k || goals__hash_put(&plan->obs_metas, k, meta))
            return goals__oom();
        plan->last_meta = meta;
    }
    *out = meta;
    return GOALS_OK;
}

/* First index whose key is >= the given key. */
static size_t lower_bound(const goals_measure *m, const goals_period *p, const char *key)
{
    size_t lo = 0, hi = m->nobs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (key_compare(&m->obs[mid].period, dim_key_of(&m->obs[mid]), p, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void describe_origin(char *buf, size_t size, const char *file, unsigned long line)
{
    if (file && line)
        snprintf(buf, size, "%s:%lu", file, line);
    else if (file)
        snprintf(buf, size, "%s", file);
    else
        snprintf(buf, size, "the API");
}

/* Observations given through the bulk API carry their array index + 1 in
 * line (and no origin) until they are stored. */
static int duplicate_error(const goals_measure *m, const goals_observation *old, const goals_observation *dup)
{
    char period[GOALS_PERIOD_TEXT_MAX], first[512], dims[512] = "";
    goals_period_format(&old->period, period, sizeof period);
    describe_origin(first, sizeof first, origin_of(old), old->line);
    if (dim_key_of(dup)) {
        /* The key separates pairs with \x1f (never in names or values); show ", ". */
        size_t k = (size_t)snprintf(dims, sizeof dims, " with dimensions ");
        for (const char *c = dim_key_of(dup); *c && k + 3 < sizeof dims; c++) {
            if (*c == '\x1f') {
                dims[k++] = ',';
                dims[k++] = ' ';
            } else {
                dims[k++] = *c;
            }
        }
        dims[k] = '\0';
    }
    if (!origin_of(dup) && dup->line)
        return goals__error(GOALS_EEXISTS, "measure '%s': a second value for %s%s at index %lu of the arrays "
                            "(the first was given at %s)", m->id, period, dims, (unsigned long)dup->line - 1, first);
    return goals__error_at(GOALS_EEXISTS, origin_of(dup), dup->line, dup->line ? 1 : 0,
                           "measure '%s': a second value for %s%s (the first was given at %s)", m->id, period,
                           dims, first);
}

static int check_measure(const goals_measure *m)
{
    if (m->derivation != GOALS_DERIVED_NONE)
        return goals__error(GOALS_EINVAL, "measure '%s' is derived: its values are computed, not observed", m->id);
    return GOALS_OK;
}

static int check_period(const goals_measure *m, const goals_period *p)
{
    if (!p || p->end < p->start || p->kind < GOALS_PERIOD_YEAR || p->kind > GOALS_PERIOD_INTERVAL)
        return goals__error(GOALS_EINVAL, "measure '%s': invalid observation period", m->id);
    return GOALS_OK;
}

/* Makes room for need observations in m's array. The first allocation is
 * exact (a bulk add or a loader's run gives the whole count at once); later
 * ones grow by half: amortised O(1) appends with about half the slack of
 * doubling (goals__plan_settle trims what is left after a load; glibc moves
 * big blocks with mremap, so the extra copies are of small arrays). */
static int obs_reserve(goals_measure *m, size_t need)
{
    if (need <= m->obs_cap)
        return GOALS_OK;
    size_t cap = m->obs_cap + m->obs_cap / 2;
    if (cap < need || cap < m->obs_cap)
        cap = need;
    goals_observation *obs = goals__reallocarray(m->obs, cap, sizeof *obs);
    if (!obs)
        return goals__oom();
    m->obs = obs;
    m->obs_cap = cap;
    return GOALS_OK;
}

/* Inserts already-checked observations (sorted by key, no duplicates among
 * them) into the measure, all or nothing. With replace, an equal key takes
 * the new value; else it is an error. */
static int merge(goals_measure *m, goals_observation *in, size_t n, int replace)
{
    /* Find duplicates first so that nothing changes on error. */
    size_t dups = 0;
    for (size_t i = 0; i < n; i++) {
        size_t at = lower_bound(m, &in[i].period, dim_key_of(&in[i]));
        if (at < m->nobs && key_compare(&m->obs[at].period, dim_key_of(&m->obs[at]), &in[i].period,
                                        dim_key_of(&in[i])) == 0) {
            if (!replace)
                return duplicate_error(m, &m->obs[at], &in[i]);
            dups++;
        }
    }
    size_t total = m->nobs + n - dups;
    /* Common case: all new keys come after the last one (time-ordered input). */
    if (!dups && (!m->nobs || key_compare(&m->obs[m->nobs - 1].period, dim_key_of(&m->obs[m->nobs - 1]),
                                          &in[0].period, dim_key_of(&in[0])) < 0)) {
        int rc = obs_reserve(m, total);
        if (rc)
            return rc;
        memcpy(&m->obs[m->nobs], in, n * sizeof *in);
    } else {
        goals_observation *out = goals__reallocarray(NULL, total ? total : 1, sizeof *out);
        if (!out)
            return goals__oom();
        size_t i = 0, j = 0, k = 0;
        while (i < m->nobs || j < n) {
            int c = i == m->nobs ? 1
                    : j == n     ? -1
                                 : key_compare(&m->obs[i].period, dim_key_of(&m->obs[i]), &in[j].period,
                                               dim_key_of(&in[j]));
            if (c < 0)
                out[k++] = m->obs[i++];
            else if (c > 0)
                out[k++] = in[j++];
            else {
                out[k++] = in[j++];
                i++;
            }
        }
        goals__free(m->obs);
        m->obs = out;
        m->obs_cap = total;
    }
    m->plan->nobs += total - m->nobs;
    m->nobs = total;
    return GOALS_OK;
}

/* Stores a checked, sorted batch (n of the cap allocated at *in) in a
 * measure of a plan that is not deferred. An empty measure takes the
 * batch's own array (*in becomes NULL): a bulk add then costs no second
 * copy of its observations. */
static int store(goals_measure *m, goals_observation **in, size_t n, size_t cap, int replace)
{
    if (m->nobs)
        return merge(m, *in, n, replace);
    goals__free(m->obs);
    m->obs = *in;
    m->obs_cap = cap;
    *in = NULL;
    if (n < cap) { /* duplicates replaced: give back the end (keeping it is no error) */
        goals_observation *obs = goals__reallocarray(m->obs, n, sizeof *obs);
        if (obs) {
            m->obs = obs;
            m->obs_cap = n;
        }
    }
    m->nobs = n;
    m->plan->nobs += n;
    return GOALS_OK;
}

static int compare_obs(const void *a, const void *b)
{
    const goals_observation *x = a, *y = b;
    return key_compare(&x->period, dim_key_of(x), &y->period, dim_key_of(y));
}

/* Stable merge sort of a in place, with room for n / 2 observations in buf:
 * a third of what sorting indexes and copying costs, and no random access
 * (it sorts whole measures of a loaded plan). Runs already in order cost one
 * comparison. */
static void merge_sort(goals_observation *a, size_t n, goals_observation *buf)
{
    if (n <= 12) {
        for (size_t i = 1; i < n; i++) {
            goals_observation x = a[i];
            size_t j = i;
            for (; j > 0 && compare_obs(&x, &a[j - 1]) < 0; j--)
                a[j] = a[j - 1];
            a[j] = x;
        }
        return;
    }
    size_t h = n / 2;
    merge_sort(a, h, buf);
    merge_sort(a + h, n - h, buf);
    if (compare_obs(&a[h - 1], &a[h]) <= 0)
        return;
    /* The left half goes aside; writing never passes the next right one to read. */
    memcpy(buf, a, h * sizeof *a);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        a[k++] = compare_obs(&a[j], &buf[i]) < 0 ? a[j++] : buf[i++];
    while (i < h)
        a[k++] = buf[i++];
}

/* Sorts a batch in place; duplicates inside it are an error (or, with
 * replace, the later one wins: the sort is stable). */
static int sort_batch(goals_measure *m, goals_observation *in, size_t *n, int replace)
{
    int sorted = 1;
    for (size_t i = 1; i < *n && sorted; i++)
        if (compare_obs(&in[i - 1], &in[i]) >= 0)
            sorted = 0;
    if (sorted)
        return GOALS_OK;
    goals_observation *buf = goals__reallocarray(NULL, *n / 2 ? *n / 2 : 1, sizeof *buf);
    if (!buf)
        return goals__oom();
    merge_sort(in, *n, buf);
    goals__free(buf);
    size_t k = 0;
    for (size_t i = 0; i < *n; i++) {
        if (k && compare_obs(&in[k - 1], &in[i]) == 0) {
            if (!replace)
                return duplicate_error(m, &in[k - 1], &in[i]);
            in[k - 1] = in[i];
            continue;
        }
        in[k++] = in[i];
    }
    *n = k;
    return GOALS_OK;
}

/* ------------------------------------------------------ deferred order */

/* A deferred plan's measure in arrival order has a table of its keys: open
 * addressing, linear probing, a power-of-two size at most half full, each
 * slot the index + 1 of an observation (0: empty; the observations move when
 * the array grows, their indexes do not). 4 bytes a slot: the tables are
 * the biggest transient cost of a document in no order (append_unsorted
 * refuses a measure past UINT32_MAX - 1 observations). */
static size_t key_hash(const goals_period *p, const char *key)
{
    uint64_t h = ((uint64_t)(uint32_t)p->start << 32 | (uint32_t)p->end) * 0xC2B2AE3D27D4EB4Full;
    for (; key && *key; key++)
        h = (h ^ (unsigned char)*key) * 0x100000001B3ull;
    return (size_t)(h ^ (h >> 29));
}

/* The index of m's observation with this key, or SIZE_MAX. */
static size_t slot_find(const goals_measure *m, const goals_period *p, const char *key)
{
    if (!m->dcap)
        return SIZE_MAX;
    for (size_t i = key_hash(p, key) & (m->dcap - 1);; i = (i + 1) & (m->dcap - 1)) {
        uint32_t s = m->dslots[i];
        if (!s)
            return SIZE_MAX;
        if (key_compare(&m->obs[s - 1].period, dim_key_of(&m->obs[s - 1]), p, key) == 0)
            return s - 1;
    }
}

/* Needs room (reserved beforehand): never fails. */
static void slot_put(goals_measure *m, size_t idx)
{
    const goals_observation *o = &m->obs[idx];
    size_t i = key_hash(&o->period, dim_key_of(o)) & (m->dcap - 1);
    while (m->dslots[i])
        i = (i + 1) & (m->dcap - 1);
    m->dslots[i] = (uint32_t)(idx + 1);
}

static void slots_free(goals_measure *m)
{
    goals__free(m->dslots);
    m->dslots = NULL;
    m->dcap = 0;
}

/* Makes room for need keys (those of m->obs[0 … have) are in the table),
 * keeping it at most half full. */
static int slot_reserve(goals_measure *m, size_t have, size_t need)
{
    if (need <= m->dcap / 2)
        return GOALS_OK;
    size_t cap = m->dcap ? m->dcap : 16;
    while (cap / 2 < need) {
        if (cap > SIZE_MAX / 4 / sizeof *m->dslots)
            return goals__oom();
        cap *= 2;
    }
    uint32_t *fresh = goals__calloc(cap, sizeof *fresh);
    if (!fresh)
        return goals__oom();
    slots_free(m);
    m->dslots = fresh;
    m->dcap = cap;
    for (size_t i = 0; i < have; i++)
        slot_put(m, i);
    return GOALS_OK;
}

/* Whether a (sorted) batch starting at first cannot simply follow m's
 * observations: they are already unsorted, or first does not sort after
 * the last one. */
static int out_of_order(const goals_measure *m, const goals_observation *first)
{
    if (m->unsorted)
        return 1;
    if (!m->nobs)
        return 0;
    const goals_observation *last = &m->obs[m->nobs - 1];
    return key_compare(&last->period, dim_key_of(last), &first->period, dim_key_of(first)) >= 0;
}

/* Appends a batch (sorted, no duplicates among it) to a deferred plan's
 * measure, all or nothing: a key m already has is a duplicate. */
static int append_unsorted(goals_measure *m, const goals_observation *in, size_t n)
{
    for (size_t j = 0; j < n; j++) {
        size_t at = m->unsorted ? slot_find(m, &in[j].period, dim_key_of(&in[j]))
                                : lower_bound(m, &in[j].period, dim_key_of(&in[j]));
        if (!m->unsorted && at < m->nobs &&
            key_compare(&m->obs[at].period, dim_key_of(&m->obs[at]), &in[j].period, dim_key_of(&in[j])) != 0)
            at = SIZE_MAX;
        if (at < m->nobs)
            return duplicate_error(m, &m->obs[at], &in[j]);
    }
    if (m->nobs > UINT32_MAX - 1 || n > UINT32_MAX - 1 - m->nobs)
        return goals__error(GOALS_ELIMIT, "measure '%s': more than %lu observations out of order", m->id,
                            (unsigned long)UINT32_MAX - 1);
    /* Reserve everything first, so that nothing below can fail. A sorted
     * measure has no table yet (settle drops it). */
    int rc = slot_reserve(m, m->unsorted ? m->nobs : 0, m->nobs + n);
    if (!rc)
        rc = obs_reserve(m, m->nobs + n);
    if (rc)
        return rc;
    if (!m->unsorted)
        for (size_t i = 0; i < m->nobs; i++)
            slot_put(m, i);
    memcpy(&m->obs[m->nobs], in, n * sizeof *in);
    for (size_t j = 0; j < n; j++)
        slot_put(m, m->nobs + j);
    m->nobs += n;
    m->plan->nobs += n;
    m->unsorted = 1;
    return GOALS_OK;
}

/* The orders of a deferred plan's measure (m->unsorted): its observations
 * in m->obs, then in the run when it is m's. */
enum { SORTED = 0, ANY = 1 /* arrival order, keys in m->dslots */, DESC = 2 /* newest first */ };

static void reverse(goals_measure *m)
{
    for (size_t i = 0, j = m->nobs; i + 1 < j; i++, j--) {
        goals_observation t = m->obs[i];
        m->obs[i] = m->obs[j - 1];
        m->obs[j - 1] = t;
    }
}

/* Sorts m's observations once (stably; duplicates were refused on the way
 * in). The run must have been flushed. */
static int settle(goals_measure *m)
{
    if (m->unsorted == DESC)
        reverse(m);
    else if (m->unsorted) {
        size_t n = m->nobs;
        int rc = sort_batch(m, m->obs, &n, 0);
        if (rc)
            return rc;
        slots_free(m); /* its indexes changed */
    }
    m->unsorted = SORTED;
    return GOALS_OK;
}

/* The run: a deferred plan's last observations of one measure, in m's
 * order. Batches past RUN_MAX go to the measure's array (which then grows
 * as usual) so that the run never costs more than this. */
#define RUN_MAX 2048

int goals__plan_flush(goals_plan *plan)
{
    if (!plan->run_n)
        return GOALS_OK;
    goals_measure *m = plan->run_m;
    int rc = obs_reserve(m, m->nobs + plan->run_n);
    if (rc)
        return rc;
    memcpy(&m->obs[m->nobs], plan->run, plan->run_n * sizeof *plan->run);
    m->nobs += plan->run_n;
    plan->run_n = 0;
    return GOALS_OK;
}

static int key_less(const goals_observation *a, const goals_observation *b)
{
    return key_compare(&a->period, dim_key_of(a), &b->period, dim_key_of(b)) < 0;
}

/* Which way a sorted batch continues m's order: SORTED when it follows the
 * newest of m's observations, DESC when it precedes the oldest of a measure
 * written newest first (or of one observation), ANY when neither. */
static int continues(const goals_measure *m, const goals_observation *in, size_t n)
{
    const goals_plan *plan = m->plan;
    int in_run = plan->run_n && plan->run_m == m;
    size_t count = m->nobs + (in_run ? plan->run_n : 0);
    const goals_observation *last = in_run ? &plan->run[plan->run_n - 1] : m->nobs ? &m->obs[m->nobs - 1] : NULL;
    if (!last)
        return SORTED;
    if (m->unsorted == SORTED && key_less(last, &in[0]))
        return SORTED;
    if ((m->unsorted == DESC || (m->unsorted == SORTED && count == 1)) && key_less(&in[n - 1], last))
        return DESC;
    return ANY;
}

/* Adds a batch that continues m's observations in the order dir (see
 * continues: no key can be a duplicate) through the run, or straight to
 * the array when it is bigger than a run. */
static int place(goals_measure *m, const goals_observation *in, size_t n, int dir)
{
    goals_plan *plan = m->plan;
    int rc = GOALS_OK;
    if (plan->run_n && (plan->run_m != m || plan->run_n + n > RUN_MAX))
        rc = goals__plan_flush(plan);
    if (!rc && n > RUN_MAX)
        rc = obs_reserve(m, m->nobs + n);
    else if (!rc && plan->run_n + n > plan->run_cap) {
        size_t cap = plan->run_cap ? 2 * plan->run_cap : 64;
        if (cap < plan->run_n + n)
            cap = plan->run_n + n;
        if (cap > RUN_MAX)
            cap = RUN_MAX;
        goals_observation *run = goals__reallocarray(plan->run, cap, sizeof *run);
        if (!run)
            return goals__oom();
        plan->run = run;
        plan->run_cap = cap;
    }
    if (rc)
        return rc;
    goals_observation *to = n > RUN_MAX ? &m->obs[m->nobs] : &plan->run[plan->run_n];
    if (dir == DESC)
        for (size_t i = 0; i < n; i++)
            to[i] = in[n - 1 - i];
    else
        memcpy(to, in, n * sizeof *in);
    if (n > RUN_MAX) {
        m->nobs += n;
    } else {
        plan->run_n += n;
        plan->run_m = m;
    }
    m->unsorted = dir;
    plan->nobs += n;
    return GOALS_OK;
}

/* A checked, sorted batch for a measure of a deferred plan. */
static int add_deferred(goals_measure *m, goals_observation *in, size_t n, int replace)
{
    int dir = replace ? ANY : continues(m, in, n);
    if (dir != ANY)
        return place(m, in, n, dir);
    int rc = goals__plan_flush(m->plan);
    if (rc)
        return rc;
    if (m->unsorted == DESC || replace) /* the checks below need m in order */
        if ((rc = settle(m)))
            return rc;
    if (replace)
        return merge(m, in, n, replace);
    if (out_of_order(m, &in[0]))
        return append_unsorted(m, in, n);
    return merge(m, in, n, 0);
}

void goals__plan_free_deferred(goals_plan *plan)
{
    for (size_t i = 0; i < plan->nmeasures; i++)
        slots_free(plan->measures[i]);
    goals__free(plan->run);
    plan->run = NULL;
    plan->run_n = plan->run_cap = 0;
    plan->run_m = NULL;
}

void goals__plan_defer(goals_plan *plan)
{
    plan->deferred = 1;
}

/* Gives back an array's unused end. Failing to is no error: the array
 * stays as it was. */
static void trim(goals_measure *m)
{
    if (m->obs_cap <= m->nobs || !m->nobs)
        return;
    goals_observation *obs = goals__reallocarray(m->obs, m->nobs, sizeof *obs);
    if (obs) {
        m->obs = obs;
        m->obs_cap = m->nobs;
    }
}

int goals__plan_settle(goals_plan *plan)
{
    int rc = goals__plan_flush(plan);
    if (rc)
        return rc;
    /* On failure the plan stays deferred and whole (a measure not yet
     * sorted keeps its table). */
    for (size_t i = 0; i < plan->nmeasures; i++) {
        if ((rc = settle(plan->measures[i])))
            return rc;
        trim(plan->measures[i]);
    }
    goals__plan_free_deferred(plan);
    plan->deferred = 0;
    return GOALS_OK;
}

int goals_measure_add_observation(goals_measure *m, const goals_period *period, double value, const char *source)
{
    goals_observation_input in = GOALS_OBSERVATION_INPUT_INIT;
    if (!period)
        return goals__error(GOALS_EINVAL, "measure '%s': observation period is NULL", m->id);
    in.period = *period;
    in.value = value;
    in.source = source;
    if (!isfinite(value))
        return goals__error(GOALS_ERANGE, "measure '%s': observation value must be a finite number", m->id);
    return goals_measure_add_observations_ex(m, &in, 1);
}

int goals_measure_add_observations(goals_measure *m, size_t count, const goals_period *periods,
                                   const double *values, unsigned flags)
{
    int rc = check_measure(m);
    if (rc)
        return rc;
    if (!count)
        return GOALS_OK;
    if (!periods || !values)
        return goals__error(GOALS_EINVAL, "measure '%s': periods or values is NULL", m->id);
    goals_observation *in = goals__reallocarray(NULL, count, sizeof *in);
    if (!in)
        return goals__oom();
    for (size_t i = 0; i < count; i++) {
        if ((rc = check_period(m, &periods[i])))
            break;
        if (!isfinite(values[i])) {
            rc = goals__error(GOALS_ERANGE, "measure '%s': value %zu is not a finite number", m->id, i);
            break;
        }
        in[i] = (goals_observation){.period = periods[i], .value = values[i], .line = line32(i + 1)};
    }
    size_t n = count;
    if (!rc)
        rc = sort_batch(m, in, &n, flags & GOALS_OBS_REPLACE);
    if (!rc)
        rc = goals__plan_flush(m->plan);
    if (!rc && m->plan->deferred)
        rc = settle(m); /* merge needs m in order */
    if (!rc)
        rc = store(m, &in, n, count, flags & GOALS_OBS_REPLACE);
    if (!rc)
        for (size_t i = 0; i < m->nobs; i++)
            if (!origin_of(&m->obs[i]))
                m->obs[i].line = 0;
    goals__free(in);
    return rc;
}

/* Builds the canonical dimension key and the sorted name/value array. */
static int make_extra(goals_measure *m, const goals_observation_input *in, goals__obs_extra **out)
{
    goals_plan *plan = m->plan;
    *out = NULL;
    if (!in->text && !in->note && !in->dimension_count)
        return GOALS_OK;
    goals__obs_extra *x = goals__arena_alloc(&plan->arena, sizeof *x);
    if (!x)
        return goals__oom();
    if ((in->text && !(x->text = goals__arena_strdup(&plan->arena, in->text))) ||
        (in->note && !(x->note = goals__arena_strdup(&plan->arena, in->note))))
        return goals__oom();
    size_t nd = in->dimension_count;
    if (nd) {
        if (!in->dimensions || nd > 64)
            return goals__error(GOALS_EINVAL, "measure '%s': bad dimensions (at most 64 pairs)", m->id);
        const char **d = goals__arena_alloc(&plan->arena, 2 * nd * sizeof *d);
        if (!d)
            return goals__oom();
        size_t keylen = 0;
        for (size_t i = 0; i < nd; i++) {
            const char *name = in->dimensions[2 * i], *value = in->dimensions[2 * i + 1];
            if (!name || !*name || !value || strchr(name, '=') || strchr(name, '\x1f') || strchr(value, '\x1f'))
                return goals__error(GOALS_EINVAL, "measure '%s': bad dimension name or value", m->id);
            /* Insertion sort by name: a handful of pairs. */
            size_t j = i;
            while (j > 0 && strcmp(d[2 * (j - 1)], name) > 0) {
                d[2 * j] = d[2 * (j - 1)];
                d[2 * j + 1] = d[2 * (j - 1) + 1];
                j--;
            }
            if (j > 0 && strcmp(d[2 * (j - 1)], name) == 0)
                return goals__error(GOALS_EINVAL, "measure '%s': dimension '%s' given twice", m->id, name);
            if (!(d[2 * j] = goals__intern(plan, name)) || !(d[2 * j + 1] = goals__intern(plan, value)))
                return GOALS_ENOMEM;
            keylen += strlen(name) + strlen(value) + 2;
        }
        char *key = goals__malloc(keylen + 1), *k = key;
        if (!key)
            return goals__oom();
        for (size_t i = 0; i < nd; i++)
            k += sprintf(k, "%s%s=%s", i ? "\x1f" : "", d[2 * i], d[2 * i + 1]);
        x->dim_key = goals__intern(plan, key);
        goals__free(key);
        if (!x->dim_key)
            return GOALS_ENOMEM;
        x->dims = d;
        x->ndims = nd;
    }
    *out = x;
    return GOALS_OK;
}

static int convert_value(const goals_measure *m, const char *unit, double *value)
{
    if (!unit || !*unit || isnan(*value))
        return GOALS_OK;
    goals__unit u;
    int rc = goals__unit_parse(&u, unit);
    if (rc)
        return rc;
    if (!goals__unit_compatible(&u, &m->parsed))
        return goals__error(GOALS_EUNIT, "measure '%s': unit '%s' does not convert to the measure's unit '%s'",
                            m->id, unit, m->unit);
    *value *= u.factor / (m->parsed.factor * m->scale);
    return GOALS_OK;
}

int goals_measure_add_observations_ex(goals_measure *m, const goals_observation_input *inputs, size_t count)
{
    int rc = check_measure(m);
    if (rc)
        return rc;
    if (!count)
        return GOALS_OK;
    if (!inputs)
        return goals__error(GOALS_EINVAL, "measure '%s': inputs is NULL", m->id);
    goals_observation *in = goals__reallocarray(NULL, count, sizeof *in);
    if (!in)
        return goals__oom();
    unsigned replace = 0;
    for (size_t i = 0; i < count && !rc; i++) {
        const goals_observation_input *x = &inputs[i];
        if (x->version != GOALS_OBSERVATION_INPUT_VERSION) {
            rc = goals__error(GOALS_EINVAL, "goals_observation_input: unknown version %u", x->version);
            break;
        }
        replace |= x->flags & GOALS_OBS_REPLACE;
        goals_observation *o = &in[i];
        *o = (goals_observation){.period = x->period, .value = x->value, .line = line32(x->origin_line)};
        if ((rc = check_period(m, &x->period)))
            break;
        if (isnan(x->value) && !x->text) {
            rc = goals__error_at(GOALS_EINVAL, x->origin, x->origin_line, 0,
                                 "measure '%s': an observation needs a value or a text", m->id);
            break;
        }
        if (isinf(x->value)) {
            rc = goals__error_at(GOALS_ERANGE, x->origin, x->origin_line, 0,
                                 "measure '%s': observation value is infinite", m->id);
            break;
        }
        if ((rc = convert_value(m, x->unit, &o->value)))
            break;
        if (!isnan(o->value) && !isfinite(o->value)) {
            rc = goals__error(GOALS_ERANGE, "measure '%s': observation value overflows after conversion", m->id);
            break;
        }
        const char *source = NULL, *origin = NULL;
        goals__obs_extra *extra;
        if ((x->source && !(source = intern_like_last(m->plan, x->source, 0))) ||
            (x->origin && !(origin = intern_like_last(m->plan, x->origin, 1)))) {
            rc = GOALS_ENOMEM;
            break;
        }
        if (!(rc = make_extra(m, x, &extra)))
            rc = get_meta(m->plan, source, origin, extra, &o->meta);
    }
    size_t n = count;
    if (!rc)
        rc = sort_batch(m, in, &n, replace);
    if (!rc && m->plan->deferred)
        rc = add_deferred(m, in, n, replace);
    else if (!rc)
        rc = store(m, &in, n, count, replace);
    if (rc && rc != GOALS_ENOMEM && count == 1)
        goals__error_locate(inputs[0].origin, inputs[0].origin_line, 0);
    goals__free(in);
    return rc;
}

size_t goals_measure_observation_count(const goals_measure *m) { return m->nobs; }

const goals_observation *goals_measure_observation_at(const goals_measure *m, size_t index)
{
    return index < m->nobs ? &m->obs[index] : NULL;
}

const goals_observation *goals_measure_find_observation(const goals_measure *m, const goals_period *period)
{
    if (!period)
        return NULL;
    size_t at = lower_bound(m, period, NULL);
    if (at < m->nobs && key_compare(&m->obs[at].period, dim_key_of(&m->obs[at]), period, NULL) == 0)
        return &m->obs[at];
    return NULL;
}

goals_period goals_observation_period(const goals_observation *o) { return o->period; }
double goals_observation_value(const goals_observation *o) { return o->value; }
const char *goals_observation_text(const goals_observation *o)
{
    return goals__obs_extra_of(o) ? goals__obs_extra_of(o)->text : NULL;
}
const char *goals_observation_source(const goals_observation *o) { return o->meta ? o->meta->source : NULL; }
const char *goals_observation_note(const goals_observation *o)
{
    return goals__obs_extra_of(o) ? goals__obs_extra_of(o)->note : NULL;
}
size_t goals_observation_dimension_count(const goals_observation *o)
{
    return goals__obs_extra_of(o) ? goals__obs_extra_of(o)->ndims : 0;
}

const char *goals_observation_dimension_at(const goals_observation *o, size_t index, const char **value)
{
    const goals__obs_extra *x = goals__obs_extra_of(o);
    if (!x || index >= x->ndims)
        return NULL;
    if (value)
        *value = x->dims[2 * index + 1];
    return x->dims[2 * index];
}

void goals_observation_origin(const goals_observation *o, const char **file, unsigned long *line)
{
    if (file)
        *file = origin_of(o);
    if (line)
        *line = o->line;
}
