#include "hash.h"

#include <string.h>

#include "alloc.h"
#include "error.h"

void goals__hash_init(goals__hash *h)
{
    h->slots = NULL;
    h->cap = 0;
    h->count = 0;
}

void goals__hash_free(goals__hash *h)
{
    goals__free(h->slots);
    goals__hash_init(h);
}

/* FNV-1a, 64 bit: short keys, no adversary can force more than a slower lookup. */
uint64_t goals__hash_string(const char *s, size_t n)
{
    uint64_t x = 0xcbf29ce484222325u;
    for (size_t i = 0; i < n; i++) {
        x ^= (unsigned char)s[i];
        x *= 0x100000001b3u;
    }
    return x;
}

void *goals__hash_getn(const goals__hash *h, const char *key, size_t n)
{
    if (!h->cap)
        return NULL;
    uint64_t x = goals__hash_string(key, n);
    size_t mask = h->cap - 1;
    for (size_t i = (size_t)x & mask;; i = (i + 1) & mask) {
        const goals__hash_slot *s = &h->slots[i];
        if (!s->key)
            return NULL;
        if (s->hash == x && strncmp(s->key, key, n) == 0 && s->key[n] == '\0')
            return s->value;
    }
}

void *goals__hash_get(const goals__hash *h, const char *key)
{
    return goals__hash_getn(h, key, strlen(key));
}

static void insert_slot(goals__hash_slot *slots, size_t cap, const goals__hash_slot *in)
{
    size_t mask = cap - 1;
    size_t i = (size_t)in->hash & mask;
    while (slots[i].key)
        i = (i + 1) & mask;
    slots[i] = *in;
}

int goals__hash_put(goals__hash *h, const char *key, void *value)
{
    if ((h->count + 1) * 4 > h->cap * 3) {
        size_t ncap = h->cap ? h->cap * 2 : 16;
        goals__hash_slot *ns = goals__calloc(ncap, sizeof *ns);
        if (!ns)
            return goals__oom();
        for (size_t i = 0; i < h->cap; i++)
            if (h->slots[i].key)
                insert_slot(ns, ncap, &h->slots[i]);
        goals__free(h->slots);
        h->slots = ns;
        h->cap = ncap;
    }
    goals__hash_slot s = {key, value, goals__hash_string(key, strlen(key))};
    insert_slot(h->slots, h->cap, &s);
    h->count++;
    return GOALS_OK;
}
