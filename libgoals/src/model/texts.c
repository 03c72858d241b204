/* Multilingual texts (titles, names, tasks) and small shared helpers. */
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
    for (size_t i = 0; i < t->count; i++) {
        if (strcmp(t->items[i].lang, l) == 0) {
            t->items[i].text = copy;
            return GOALS_OK;
        }
    }
    int rc = goals__grow(&t->items, &t->cap, t->count + 1, sizeof *t->items);
    if (rc)
        return rc;
    t->items[t->count].lang = l;
    t->items[t->count].text = copy;
    t->count++;
    return GOALS_OK;
}

const char *goals__texts_get(const goals_plan *plan, const goals__texts *t, const char *lang)
{
    if (!t->count)
        return "";
    const char *want = norm_lang(plan, lang);
    const char *fallback = NULL;
    for (size_t i = 0; i < t->count; i++) {
        if (strcmp(t->items[i].lang, want) == 0)
            return t->items[i].text;
        if (!fallback && t->items[i].lang[0] == '\0')
            fallback = t->items[i].text;
    }
    return fallback ? fallback : t->items[0].text;
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
