/* gzip output with a fixed header (no file name, no time, OS "Unix"), so
 * that the same plan always gives the same compressed bytes. */
#include <string.h>
#include <zlib.h>

#include "io_internal.h"
#include "zlib_alloc.h"
#include "util/alloc.h"
#include "util/error.h"

int goals__gzip(goals__buf *out, const char *in, size_t n, int level)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    zs.zalloc = goals__zalloc;
    zs.zfree = goals__zfree;
    if (deflateInit2(&zs, level ? level : Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK)
        return goals__oom();
    gz_header header;
    memset(&header, 0, sizeof header);
    header.os = 3; /* Unix, whatever we run on */
    deflateSetHeader(&zs, &header);
    size_t consumed = 0;
    int z = Z_OK, rc = GOALS_OK;
    while (z != Z_STREAM_END) {
        char chunk[64 * 1024];
        size_t left = n - consumed;
        zs.next_in = (Bytef *)(uintptr_t)(in + consumed);
        zs.avail_in = left > (1u << 30) ? (1u << 30) : (uInt)left;
        uInt avail_in = zs.avail_in;
        zs.next_out = (Bytef *)chunk;
        zs.avail_out = sizeof chunk;
        int last = zs.avail_in == left;
        z = deflate(&zs, last ? Z_FINISH : Z_NO_FLUSH);
        consumed += avail_in - zs.avail_in;
        if (z == Z_STREAM_ERROR || z == Z_MEM_ERROR) {
            rc = goals__oom();
            break;
        }
        goals__buf_append(out, chunk, sizeof chunk - zs.avail_out);
        if (out->failed) {
            rc = goals__oom();
            break;
        }
    }
    deflateEnd(&zs);
    return rc;
}
