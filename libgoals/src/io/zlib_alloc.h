/* Internal: zlib allocating through ours (util/alloc.h), so that the
 * allocation-failure tests reach it too. For z_stream.zalloc / zfree. */
#ifndef GOALS_IO_ZLIB_ALLOC_H
#define GOALS_IO_ZLIB_ALLOC_H

#include <zlib.h>

#include "util/alloc.h"

static inline voidpf goals__zalloc(voidpf opaque, uInt items, uInt size)
{
    (void)opaque;
    return goals__calloc(items, size);
}

static inline void goals__zfree(voidpf opaque, voidpf address)
{
    (void)opaque;
    goals__free(address);
}

#endif
