/* All allocations of the library, with a failure-injection hook for tests. */
#include "alloc.h"

#include "goals/common.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Allocations left before failing; negative: never fail. */
static atomic_long fail_countdown = -1;
static atomic_long alloc_count = 0;

static int should_fail(void)
{
    atomic_fetch_add(&alloc_count, 1);
    long left = atomic_load(&fail_countdown);
    if (left < 0)
        return 0;
    if (left == 0)
        return 1;
    /* Decrement only while positive, so that concurrent callers agree. */
    while (left > 0 && !atomic_compare_exchange_weak(&fail_countdown, &left, left - 1))
        ;
    return left <= 0;
}

long goals__alloc_fail_after(long n)
{
    long made = atomic_exchange(&alloc_count, 0);
    atomic_store(&fail_countdown, n);
    return made;
}

void *goals__malloc(size_t size)
{
    if (should_fail())
        return NULL;
    return malloc(size ? size : 1);
}

void *goals__calloc(size_t n, size_t size)
{
    if (should_fail())
        return NULL;
    return calloc(n ? n : 1, size ? size : 1);
}

void *goals__realloc(void *ptr, size_t size)
{
    if (should_fail())
        return NULL;
    return realloc(ptr, size ? size : 1);
}

void *goals__reallocarray(void *ptr, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    return goals__realloc(ptr, n * size);
}

void goals__free(void *ptr)
{
    free(ptr);
}

char *goals__strndup(const char *s, size_t n)
{
    char *p = goals__malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *goals__strdup(const char *s)
{
    return goals__strndup(s, strlen(s));
}

void goals_free(void *ptr)
{
    free(ptr);
}
