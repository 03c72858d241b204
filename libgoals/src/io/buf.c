/* A growing byte buffer for the writer and gzip. */
#include <string.h>

#include "io_internal.h"
#include "util/alloc.h"

void goals__buf_append(goals__buf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->cap - b->len <= n) { /* keep room for a NUL */
        size_t want = b->cap ? b->cap : 4096;
        while (want - b->len <= n) {
            if (want > SIZE_MAX / 2) {
                b->failed = 1;
                return;
            }
            want *= 2;
        }
        char *p = goals__realloc(b->data, want);
        if (!p) {
            b->failed = 1;
            return;
        }
        b->data = p;
        b->cap = want;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void goals__buf_puts(goals__buf *b, const char *s)
{
    goals__buf_append(b, s, strlen(s));
}

void goals__buf_free(goals__buf *b)
{
    goals__free(b->data);
    memset(b, 0, sizeof *b);
}
