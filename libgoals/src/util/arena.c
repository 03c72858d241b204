#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <string.h>

#include "alloc.h"

#define CHUNK_SIZE (64 * 1024)

struct goals__arena_chunk {
    goals__arena_chunk *next;
    size_t size;
    alignas(max_align_t) unsigned char data[];
};

void goals__arena_init(goals__arena *a)
{
    a->head = NULL;
    a->used = 0;
    a->total = 0;
}

void goals__arena_free(goals__arena *a)
{
    goals__arena_chunk *c = a->head;
    while (c) {
        goals__arena_chunk *next = c->next;
        goals__free(c);
        c = next;
    }
    goals__arena_init(a);
}

void *goals__arena_alloc(goals__arena *a, size_t size)
{
    const size_t align = alignof(max_align_t);
    size = (size + align - 1) & ~(align - 1);
    if (size == 0)
        size = align;
    if (!a->head || a->head->size - a->used < size) {
        size_t csize = size > CHUNK_SIZE / 4 ? size : CHUNK_SIZE;
        goals__arena_chunk *c = goals__malloc(sizeof *c + csize);
        if (!c)
            return NULL;
        c->size = csize;
        if (a->head && size > CHUNK_SIZE / 4) {
            /* A big block gets a chunk of its own behind the head, so the
             * head's free space is not wasted. */
            c->next = a->head->next;
            a->head->next = c;
            a->total += csize;
            memset(c->data, 0, size);
            return c->data;
        }
        c->next = a->head;
        a->head = c;
        a->used = 0;
        a->total += csize;
    }
    void *p = a->head->data + a->used;
    a->used += size;
    memset(p, 0, size);
    return p;
}

char *goals__arena_strndup(goals__arena *a, const char *s, size_t n)
{
    if (n == SIZE_MAX)
        return NULL;
    char *p = goals__arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *goals__arena_strdup(goals__arena *a, const char *s)
{
    return goals__arena_strndup(a, s, strlen(s));
}

goals__arena_mark goals__arena_get_mark(const goals__arena *a)
{
    goals__arena_mark m = {a->used, a->total};
    return m;
}

int goals__arena_rewind(goals__arena *a, goals__arena_mark m)
{
    if (a->total != m.total || a->used < m.used)
        return 0;
    a->used = m.used;
    return 1;
}
