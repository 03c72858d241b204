/* The public load functions: a feed of the input, then the parse and the
 * reader the document needs.
 * On any failure *out stays NULL and nothing is kept. */
#include "feed.h"
#include "io_internal.h"
#include "util/error.h"

int goals_plan_load_file(goals_plan **out, const char *path, const goals_load_options *opts)
{
    if (out)
        *out = NULL;
    if (!out || !path)
        return goals__error(GOALS_EINVAL, "goals_plan_load_file: %s is NULL", out ? "path" : "out");
    goals__load_cfg cfg;
    int rc = goals__load_cfg_resolve(&cfg, opts, path);
    if (rc)
        return rc;
    goals__feed *feed;
    if ((rc = goals__feed_open_file(&feed, path, &cfg)))
        return rc;
    rc = goals__load_dispatch(out, feed, &cfg);
    goals__feed_free(feed);
    return rc;
}

int goals_plan_load_memory(goals_plan **out, const void *data, size_t size, const goals_load_options *opts)
{
    if (out)
        *out = NULL;
    if (!out)
        return goals__error(GOALS_EINVAL, "goals_plan_load_memory: out is NULL");
    goals__load_cfg cfg;
    int rc = goals__load_cfg_resolve(&cfg, opts, NULL);
    if (rc)
        return rc;
    goals__feed *feed;
    if ((rc = goals__feed_open_memory(&feed, data, size, &cfg)))
        return rc;
    rc = goals__load_dispatch(out, feed, &cfg);
    goals__feed_free(feed);
    return rc;
}
