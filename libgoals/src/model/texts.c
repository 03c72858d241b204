/* Multilingual texts (titles, names, tasks) and small shared helpers. */
#include <stdint.h>
#include <string.h>

#include "model.h"
#include "util/alloc.h"
#include "util/error.h"

int goals__grow(void *items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return GOALS_OK;
    size_t ncap = *cap ? *cap : 4;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return goals__oom();
        ncap *= 2;
    }
    void **p = items;
    void *n = goals__reallocarray(*p, ncap, size);
    if (!n)
        return goals__oom();
    *p = n;
    *cap = ncap;
    return GOALS_OK;
}

const char *goals__internn(goals_plan *plan, const char *s, size_t n)
{
    const char *found = goals__hash_getn(&plan->strings, s, n);
    if (found)
        return found;
    char *copy = goals__arena_strndup(&plan->arena, s, n);
    if (!copy) {
        goals__oom();
        return NULL;
    }
    if (goals__hash_put(&plan->strings, copy, copy) != GOALS_OK)
        return NULL;
    return copy;
}

const char *goals__intern(goals_plan *plan, const char *s)
{
    return goals__internn(plan, s, strlen(s));
}

int goals__plan_strdup(goals_plan *plan, const char **out, const char *s)
{
    if (!s) {
        *out = NULL;
        return GOALS_OK;
    }
    char *copy = goals__arena_strdup(&plan->arena, s);
    if (!copy)
        return goals__oom();
    *out = copy;
    return GOALS_OK;
}

int goals__valid_id(const char *id)
{
    if (!id || !*id)
        return 0;
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)id; *p; p++, n++) {
        unsigned c = *p;
        int letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c >= 0x80;
        int other = (c >= '0' && c <= '9') || c == '-' || c == '.';
        if (!letter && !(other && n > 0))
            return 0;
    }
    return n <= 1024;
}

/* Languages are kept as given, except that the plan's default language is
 * stored as "" so that a text given with and without it is one text. */
static const char *norm_lang(const goals_plan *plan, const char *lang)
{
    if (!lang || strcmp(lang, plan->lang) == 0)
        return "";
    return lang;
}

/* Finding a language: a scan while a text has a few languages (the usual
 * case: one or two), a hash table of (texts, language) beyond, so that a
 * document giving an element a hundred thousand languages loads in linear
 * time. Languages are interned, so they compare by pointer. A texts set is
 * keyed by its hid, not its address: tasks live in an array that moves. */
#define TEXTS_SCAN 16

struct goals__text_slot {
    size_t hid; /* 0: empty */
    const char *lang;
    size_t idx;
};

static size_t tslot_hash(size_t hid, const char *lang)
{
    uint64_t h = (uint64_t)hid * 0x9E3779B97F4A7C15ull ^ (uint64_t)(uintptr_t)lang * 0xC2B2AE3D27D4EB4Full;
    return (size_t)(h ^ (h >> 31));
}

static size_t texts_find(const goals_plan *plan, const goals__texts *t, const char *l)
{
    if (!l)
        return SIZE_MAX;
    if (!t->hid) {
        for (size_t i = 0; i < t->count; i++)
            if (t->items[i].lang == l)
                return i;
        return SIZE_MAX;
    }
    for (size_t i = tslot_hash(t->hid, l) & (plan->tcap - 1);; i = (i + 1) & (plan->tcap - 1)) {
        const struct goals__text_slot *s = &plan->tslots[i];
        if (!s->hid)
            return SIZE_MAX;
        if (s->hid == t->hid && s->lang == l)
            return s->idx;
    }
}

static void tslot_put(goals_plan *plan, size_t hid, const char *lang, size_t idx)
{
    size_t i = tslot_hash(hid, lang) & (plan->tcap - 1);
    while (plan->tslots[i].hid)
        i = (i + 1) & (plan->tcap - 1);
    plan->tslots[i] = (struct goals__text_slot){hid, lang, idx};
    plan->tcount++;
}

/* Room for more entries, the table at most half full. */
static int tslot_reserve(goals_plan *plan, size_t more)
{
    size_t need = plan->tcount + more;
    if (need <= plan->tcap / 2)
        return GOALS_OK;
    size_t cap = plan->tcap ? plan->tcap : 256;
    while (cap / 2 < need) {
        if (cap > SIZE_MAX / 4 / sizeof(struct goals__text_slot))
            return goals__oom();
        cap *= 2;
    }
    struct goals__text_slot *old = plan->tslots, *fresh = goals__calloc(cap, sizeof *fresh);
    if (!fresh)
        return goals__oom();
    size_t old_cap = plan->tcap;
    plan->tslots = fresh;
    plan->tcap = cap;
    plan->tcount = 0;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].hid)
            tslot_put(plan, old[i].hid, old[i].lang, old[i].idx);
    goals__free(old);
    return GOALS_OK;
}

int goals__texts_set(goals_plan *plan, goals__texts *t, const char *lang, const char *text)
{
    if (!text)
        return goals__error(GOALS_EINVAL, "text is NULL");
    lang = norm_lang(plan, lang);
    const char *l = goals__intern(plan, lang);
    if (!l)
        return GOALS_ENOMEM;
    char *copy = goals__arena_strdup(&plan->arena, text);
    if (!copy)
        return goals__oom();
    size_t at = texts_find(plan, t, l);
    if (at != SIZE_MAX) {
        t->items[at].text = copy;
        return GOALS_OK;
    }
    /* Reserve first, so that nothing changes when memory runs out. */
    int hashed = t->hid || t->count + 1 > TEXTS_SCAN;
    int rc = hashed ? tslot_reserve(plan, t->hid ? 1 : t->count + 1) : GOALS_OK;
    if (!rc)
        rc = goals__grow(&t->items, &t->cap, t->count + 1, sizeof *t->items);
    if (rc)
        return rc;
    if (hashed && !t->hid) {
        t->hid = ++plan->thid;
        for (size_t i = 0; i < t->count; i++)
            tslot_put(plan, t->hid, t->items[i].lang, i);
    }
    if (hashed)
        tslot_put(plan, t->hid, l, t->count);
    t->items[t->count].lang = l;
    t->items[t->count].text = copy;
    t->count++;
    return GOALS_OK;
}

const char *goals__texts_get(const goals_plan *plan, const goals__texts *t, const char *lang)
{
    if (!t->count)
        return "";
    /* Only interned languages can be there; looking one up changes nothing. */
    size_t at = texts_find(plan, t, goals__hash_get(&plan->strings, norm_lang(plan, lang)));
    if (at == SIZE_MAX)
        at = texts_find(plan, t, goals__hash_get(&plan->strings, ""));
    return t->items[at == SIZE_MAX ? 0 : at].text;
}

const char *goals__texts_at(const goals__texts *t, size_t index, const char **lang)
{
    if (index >= t->count)
        return NULL;
    if (lang)
        *lang = t->items[index].lang;
    return t->items[index].text;
}

void goals__texts_free(goals__texts *t)
{
    goals__free(t->items);
    t->items = NULL;
    t->count = t->cap = 0;
    t->hid = 0;
}

int goals__texts_equal(const goals__texts *a, const goals__texts *b)
{
    if (a->count != b->count)
        return 0;
    for (size_t i = 0; i < a->count; i++)
        if (strcmp(a->items[i].lang, b->items[i].lang) || strcmp(a->items[i].text, b->items[i].text))
            return 0;
    return 1;
}
