/* Load and save options: versioned structs, defaults, and checks. */
#include <string.h>

#include "io_internal.h"
#include "util/error.h"

int goals_load_options_init(goals_load_options *opts, unsigned version)
{
    if (!opts)
        return goals__error(GOALS_EINVAL, "load options are NULL");
    if (version != GOALS_LOAD_OPTIONS_VERSION)
        return goals__error(GOALS_EINVAL, "unknown load options version %u (this library knows %u)", version,
                            (unsigned)GOALS_LOAD_OPTIONS_VERSION);
    static const goals_load_options defaults = GOALS_LOAD_OPTIONS_INIT;
    *opts = defaults;
    return GOALS_OK;
}

int goals_save_options_init(goals_save_options *opts, unsigned version)
{
    if (!opts)
        return goals__error(GOALS_EINVAL, "save options are NULL");
    if (version != GOALS_SAVE_OPTIONS_VERSION)
        return goals__error(GOALS_EINVAL, "unknown save options version %u (this library knows %u)", version,
                            (unsigned)GOALS_SAVE_OPTIONS_VERSION);
    static const goals_save_options defaults = GOALS_SAVE_OPTIONS_INIT;
    *opts = defaults;
    return GOALS_OK;
}

int goals__load_cfg_resolve(goals__load_cfg *cfg, const goals_load_options *opts, const char *name)
{
    static const goals_load_options defaults = GOALS_LOAD_OPTIONS_INIT;
    if (!opts)
        opts = &defaults;
    if (opts->version != GOALS_LOAD_OPTIONS_VERSION)
        return goals__error(GOALS_EINVAL, "unknown load options version %u (this library knows %u)",
                            opts->version, (unsigned)GOALS_LOAD_OPTIONS_VERSION);
    if (opts->flags & ~(unsigned)GOALS_LOAD_VALIDATE)
        return goals__error(GOALS_EINVAL, "unknown load flags 0x%x", opts->flags & ~(unsigned)GOALS_LOAD_VALIDATE);
    if (opts->format < GOALS_FORMAT_AUTO || opts->format > GOALS_FORMAT_IATI)
        return goals__error(GOALS_EINVAL, "unknown input format %d", (int)opts->format);
    cfg->flags = opts->flags;
    cfg->format = opts->format;
    cfg->max_bytes = opts->max_bytes ? opts->max_bytes : GOALS_DEFAULT_MAX_BYTES;
    cfg->max_depth = opts->max_depth ? opts->max_depth : GOALS_DEFAULT_MAX_DEPTH;
    cfg->name = name ? name : (opts->name && *opts->name ? opts->name : "<memory>");
    cfg->schema_dir = opts->schema_dir;
    cfg->progress = opts->progress;
    cfg->progress_data = opts->progress_data;
    return GOALS_OK;
}
