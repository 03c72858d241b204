/* Internal: a string-keyed hash map (open addressing, linear probing).
 * Keys are borrowed: the caller keeps them alive (they live in the plan's
 * arena). Used for id lookup, so that finding by id is O(1), not a scan. */
#ifndef GOALS_UTIL_HASH_H
#define GOALS_UTIL_HASH_H

#include <stddef.h>
#include <stdint.h>

typedef struct goals__hash_slot {
    const char *key;
    void *value;
    uint64_t hash;
} goals__hash_slot;

typedef struct goals__hash {
    goals__hash_slot *slots;
    size_t cap;   /* power of two, or 0 */
    size_t count;
} goals__hash;

void goals__hash_init(goals__hash *h);
void goals__hash_free(goals__hash *h);
uint64_t goals__hash_string(const char *s, size_t n);
/* The value for key, or NULL. */
void *goals__hash_get(const goals__hash *h, const char *key);
void *goals__hash_getn(const goals__hash *h, const char *key, size_t n);
/* Inserts key → value (key must not be present). GOALS_OK or GOALS_ENOMEM
 * (error set). */
int goals__hash_put(goals__hash *h, const char *key, void *value);

#endif
