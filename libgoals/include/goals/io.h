/**
 * @file io.h
 * @brief Load and save plans (native XML, plain or gzip; StratML and IATI in), and read observation files.
 *
 * Input is untrusted. The loader never fetches anything (no network, no
 * external entities, a DOCTYPE is refused), bounds nesting depth and
 * decompressed size, and on any error returns nothing, leaks nothing, and
 * leaves `FILE:LINE:COL: message` in goals_error_last(). Saving writes a
 * temporary file in the target's folder, fsyncs it and renames it over the
 * target, so a failed save never leaves a truncated file where a good one was.
 *
 * All functions here may run on many threads at once on distinct plans.
 */
#ifndef GOALS_IO_H
#define GOALS_IO_H

#include "common.h"
#include "error.h"

GOALS_BEGIN_DECL

/** Input formats. */
typedef enum goals_format {
    GOALS_FORMAT_AUTO = 0,    /**< Detect by root element and namespace. */
    GOALS_FORMAT_NATIVE = 1,  /**< `urn:libgoals:plan:1` */
    GOALS_FORMAT_STRATML = 2, /**< StratML Part 1 or Part 2 */
    GOALS_FORMAT_IATI = 3     /**< IATI activities 2.0x */
} goals_format;

/** Load flags. */
enum {
    /** Validate native documents against the XSD (libgoals/schema/) as they are read. */
    GOALS_LOAD_VALIDATE = 1u << 0
};

/**
 * Progress callback: @p done of @p total input bytes read (@p total is 0 when
 * unknown). A load parses its input as it reads it, and calls this as it
 * goes (bytes of the file as stored, compressed or not; about every MiB,
 * and at the end), so @p done only grows. Return non-zero to cancel the
 * load (it then fails with #GOALS_ERROR).
 */
typedef int (*goals_progress_cb)(uint64_t done, uint64_t total, void *userdata);

/** Options for loading. Initialise with #GOALS_LOAD_OPTIONS_INIT or goals_load_options_init(). */
typedef struct goals_load_options {
    unsigned version;          /**< #GOALS_LOAD_OPTIONS_VERSION */
    unsigned flags;            /**< GOALS_LOAD_* flags */
    goals_format format;       /**< Input format; #GOALS_FORMAT_AUTO detects. */
    uint64_t max_bytes;        /**< Cap on the (decompressed) document size; 0: default (#GOALS_DEFAULT_MAX_BYTES). */
    unsigned max_depth;        /**< Cap on element nesting; 0: default (#GOALS_DEFAULT_MAX_DEPTH). */
    const char *name;          /**< Name used in messages for memory input (default "<memory>"). */
    const char *schema_dir;    /**< Folder holding the XSDs for validation; NULL: the installed one. */
    goals_progress_cb progress; /**< Optional progress callback. */
    void *progress_data;       /**< Passed to @c progress. */
} goals_load_options;

#define GOALS_LOAD_OPTIONS_VERSION 1                           /**< Current options version. */
#define GOALS_DEFAULT_MAX_BYTES ((uint64_t)4 << 30)            /**< Default size cap: 4 GiB. */
#define GOALS_DEFAULT_MAX_DEPTH 256u                           /**< Default nesting cap. */
/** Initialiser with every default. */
#define GOALS_LOAD_OPTIONS_INIT { GOALS_LOAD_OPTIONS_VERSION, 0, GOALS_FORMAT_AUTO, 0, 0, NULL, NULL, NULL, NULL }

/** Fills @p opts with the defaults for @p version. @return #GOALS_OK or #GOALS_EINVAL (unknown version). */
GOALS_API int goals_load_options_init(goals_load_options *opts, unsigned version);

/**
 * Loads a plan from a file, plain or gzip-compressed (detected by content):
 * a native plan, a StratML Part 1 or Part 2 document, or an IATI activity
 * file (2.01 to 2.03), told apart by the root element and its namespace
 * (opts->format forces one). StratML and IATI are read leniently and mapped
 * as docs/import.md describes; what the reader had to interpret is left on
 * the plan as warnings (goals_plan_warning_at()).
 * @param[out] out the plan, owned by the caller (goals_plan_free()); NULL on error.
 * @param opts options, or NULL for the defaults.
 * @return #GOALS_OK; #GOALS_EIO; #GOALS_EPARSE (not well-formed, bad gzip);
 *         #GOALS_EINVALID (breaks the format's rules); #GOALS_ESCHEMA;
 *         #GOALS_ELIMIT; #GOALS_EUNIT; #GOALS_EPERIOD; #GOALS_ENOMEM;
 *         #GOALS_EUNSUPPORTED (a format this version cannot read yet, or
 *         UTF-16/UTF-32/EBCDIC input); #GOALS_EINVAL (bad arguments or options);
 *         #GOALS_ERROR (cancelled by the progress callback).
 */
GOALS_API int goals_plan_load_file(goals_plan **out, const char *path, const goals_load_options *opts);

/**
 * Loads a plan from @p size bytes at @p data (plain or gzip). The bytes are
 * not kept. Same results as goals_plan_load_file().
 */
GOALS_API int goals_plan_load_memory(goals_plan **out, const void *data, size_t size,
                                     const goals_load_options *opts);

/** Save flags. */
enum {
    GOALS_SAVE_GZIP = 1u << 0,   /**< Compress with gzip (also implied by a `.gz` suffix). */
    GOALS_SAVE_PLAIN = 1u << 1,  /**< Never compress, whatever the suffix. */
    GOALS_SAVE_NO_OBSERVATIONS = 1u << 2 /**< Leave the observations out. */
};

/** Options for saving. Initialise with #GOALS_SAVE_OPTIONS_INIT. */
typedef struct goals_save_options {
    unsigned version;  /**< #GOALS_SAVE_OPTIONS_VERSION */
    unsigned flags;    /**< GOALS_SAVE_* flags */
    int gzip_level;    /**< 1-9, or 0 for zlib's default. */
} goals_save_options;

#define GOALS_SAVE_OPTIONS_VERSION 1 /**< Current options version. */
/** Initialiser with every default. */
#define GOALS_SAVE_OPTIONS_INIT { GOALS_SAVE_OPTIONS_VERSION, 0, 0 }

/** Fills @p opts with the defaults for @p version. @return #GOALS_OK or #GOALS_EINVAL. */
GOALS_API int goals_save_options_init(goals_save_options *opts, unsigned version);

/**
 * Saves @p plan to @p path in the native format, canonically (the same plan
 * always gives the same bytes), atomically (temp file, fsync, rename).
 * @param opts options, or NULL for the defaults (gzip when @p path ends in `.gz`).
 * @return #GOALS_OK, #GOALS_EIO (the previous file, if any, is untouched),
 *         #GOALS_ENOMEM, or #GOALS_EINVAL (bad options; text XML 1.0 cannot
 *         hold, such as control characters or bad UTF-8; goals nested too
 *         deep to be read back). Nothing is written on #GOALS_EINVAL.
 */
GOALS_API int goals_plan_save_file(const goals_plan *plan, const char *path, const goals_save_options *opts);

/**
 * Saves @p plan into memory.
 * @param[out] data the bytes, owned by the caller (free with goals_free()); NUL-terminated for plain output.
 * @param[out] size their number, without the NUL.
 * @return #GOALS_OK, #GOALS_ENOMEM or #GOALS_EINVAL (as goals_plan_save_file()).
 */
GOALS_API int goals_plan_save_memory(const goals_plan *plan, char **data, size_t *size,
                                     const goals_save_options *opts);

/**
 * Reads observations from a CSV file (plain or gzip) into @p plan: UTF-8,
 * RFC 4180, header `measure,period,value` then optional `source,note`
 * (the contract in DESIGN.md). Values are in each measure's scale × unit.
 * All or nothing: on any error (bad header, unparsable number or period,
 * unknown measure, ragged row, a duplicate value) nothing is added and the
 * error says `FILE:LINE:COL: message`.
 * @param flags GOALS_OBS_* flags (observation.h): #GOALS_OBS_REPLACE lets
 *        values replace earlier ones for the same measure and period.
 * @return #GOALS_OK, #GOALS_EIO, #GOALS_EPARSE, #GOALS_EINVALID,
 *         #GOALS_ENOTFOUND (unknown measure), #GOALS_EEXISTS, #GOALS_ELIMIT,
 *         #GOALS_ENOMEM.
 */
GOALS_API int goals_plan_load_observations_file(goals_plan *plan, const char *path, unsigned flags);

/**
 * As goals_plan_load_observations_file() on @p size bytes at @p data;
 * @p name (NULL: "<memory>") names the input in messages.
 */
GOALS_API int goals_plan_load_observations_memory(goals_plan *plan, const void *data, size_t size,
                                                  const char *name, unsigned flags);

/**
 * Number of warnings the loader left on @p plan: things it read leniently
 * (a value it could not understand and kept as text, an id it had to make
 * unique, a date it had to guess …), each with the document's
 * `FILE:LINE:COL`. Native documents load without warnings; StratML and IATI
 * often have some. At most 1001 are kept (the last says that more were left
 * out). Plans made through the API have none.
 */
GOALS_API size_t goals_plan_warning_count(const goals_plan *plan);

/**
 * The @p index-th warning in document order, or NULL when out of range.
 * Borrowed from the plan: valid until it is freed. @c code is the status a
 * strict reader would have failed with (mostly #GOALS_EINVALID); @c file,
 * @c line and @c column place it as for errors.
 */
GOALS_API const goals_error *goals_plan_warning_at(const goals_plan *plan, size_t index);

GOALS_END_DECL

#endif /* GOALS_IO_H */
