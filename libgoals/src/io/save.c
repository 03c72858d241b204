/* The public save functions: canonical XML, gzip'd when asked (by flag or
 * by a .gz suffix), written atomically. */
#include <string.h>

#include "io_internal.h"
#include "util/error.h"

static int check_options(const goals_save_options *opts)
{
    const unsigned known = GOALS_SAVE_GZIP | GOALS_SAVE_PLAIN | GOALS_SAVE_NO_OBSERVATIONS;
    if (opts->version != GOALS_SAVE_OPTIONS_VERSION)
        return goals__error(GOALS_EINVAL, "unknown save options version %u (this library knows %u)", opts->version,
                            (unsigned)GOALS_SAVE_OPTIONS_VERSION);
    if (opts->flags & ~known)
        return goals__error(GOALS_EINVAL, "unknown save flags 0x%x", opts->flags & ~known);
    if ((opts->flags & GOALS_SAVE_GZIP) && (opts->flags & GOALS_SAVE_PLAIN))
        return goals__error(GOALS_EINVAL, "save flags GZIP and PLAIN together");
    if (opts->gzip_level < 0 || opts->gzip_level > 9)
        return goals__error(GOALS_EINVAL, "gzip level %d is not 0 (default) to 9", opts->gzip_level);
    return GOALS_OK;
}

static int ends_with_gz(const char *path)
{
    size_t n = strlen(path);
    return n >= 3 && strcmp(path + n - 3, ".gz") == 0;
}

/* The document's bytes, compressed when gzip, into out. */
static int render(goals__buf *out, const goals_plan *plan, const goals_save_options *opts, int gzip)
{
    goals__buf xml = {0};
    int rc = goals__write_plan(&xml, plan, opts->flags);
    if (!rc && gzip)
        rc = goals__gzip(out, xml.data, xml.len, opts->gzip_level);
    if (rc || gzip) {
        goals__buf_free(&xml);
        return rc;
    }
    *out = xml;
    return GOALS_OK;
}

int goals_plan_save_file(const goals_plan *plan, const char *path, const goals_save_options *opts)
{
    static const goals_save_options defaults = GOALS_SAVE_OPTIONS_INIT;
    if (!plan || !path || !*path)
        return goals__error(GOALS_EINVAL, "goals_plan_save_file: %s", !plan ? "plan is NULL" : "no path");
    if (!opts)
        opts = &defaults;
    int rc = check_options(opts);
    if (rc)
        return rc;
    int gzip = (opts->flags & GOALS_SAVE_GZIP) || (!(opts->flags & GOALS_SAVE_PLAIN) && ends_with_gz(path));
    goals__buf out = {0};
    if (!(rc = render(&out, plan, opts, gzip)))
        rc = goals__atomic_write(path, out.data ? out.data : "", out.len);
    goals__buf_free(&out);
    return rc;
}

int goals_plan_save_memory(const goals_plan *plan, char **data, size_t *size, const goals_save_options *opts)
{
    static const goals_save_options defaults = GOALS_SAVE_OPTIONS_INIT;
    if (data)
        *data = NULL;
    if (size)
        *size = 0;
    if (!plan || !data || !size)
        return goals__error(GOALS_EINVAL, "goals_plan_save_memory: %s is NULL",
                            !plan ? "plan" : !data ? "data" : "size");
    if (!opts)
        opts = &defaults;
    int rc = check_options(opts);
    if (rc)
        return rc;
    goals__buf out = {0};
    if ((rc = render(&out, plan, opts, (opts->flags & GOALS_SAVE_GZIP) != 0)))
        return rc;
    *data = out.data; /* NUL-terminated by goals__buf_append; freed with goals_free() */
    *size = out.len;
    return GOALS_OK;
}
