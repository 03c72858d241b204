/**
 * @file error.h
 * @brief Status codes and the per-thread error object.
 *
 * Every fallible function returns an `int` status: #GOALS_OK (0) on success,
 * a negative `goals_status` on failure. The return code *detects* an error;
 * goals_error_last() *explains* it, with the file, line and column at fault
 * where the error came from a document.
 */
#ifndef GOALS_ERROR_H
#define GOALS_ERROR_H

#include "common.h"

GOALS_BEGIN_DECL

/** Status codes. Success is zero; every failure is negative. */
typedef enum goals_status {
    GOALS_OK = 0,           /**< Success. */
    GOALS_ERROR = -1,       /**< Generic failure. */
    GOALS_ENOMEM = -2,      /**< Out of memory. */
    GOALS_EINVAL = -3,      /**< Invalid argument (NULL handle, bad enum value …). */
    GOALS_EIO = -4,         /**< I/O error: open, read, write, fsync or rename failed. */
    GOALS_EPARSE = -5,      /**< Input is not well-formed (XML, CSV, gzip). */
    GOALS_EINVALID = -6,    /**< Well-formed input that breaks the format's rules. */
    GOALS_ESCHEMA = -7,     /**< XSD validation failed. */
    GOALS_ELIMIT = -8,      /**< A safety limit was hit (size, depth, inflation ratio). */
    GOALS_ENOTFOUND = -9,   /**< No object with that id. */
    GOALS_EEXISTS = -10,    /**< An object with that id, or a value for that key, exists. */
    GOALS_EUNIT = -11,      /**< Unknown unit, or units that do not convert. */
    GOALS_EPERIOD = -12,    /**< Bad period or date text. */
    GOALS_ERANGE = -13,     /**< A number is out of range (overflow, NaN or infinity where not allowed). */
    GOALS_EUNSUPPORTED = -14, /**< The operation does not apply (for example to this target kind). */
    GOALS_ITEROVER = -15    /**< Not an error: an iteration has no more items. */
} goals_status;

/**
 * The last error of the calling thread.
 *
 * All strings are owned by the library and stay valid until the next failing
 * libgoals call on the same thread, or goals_error_clear().
 */
typedef struct goals_error {
    int code;             /**< The goals_status of the failure. */
    const char *message;  /**< Human-readable message; never NULL. */
    const char *file;     /**< The document at fault, or NULL when none. */
    unsigned long line;   /**< 1-based line in @c file, 0 when unknown. */
    unsigned long column; /**< 1-based column in @c file, 0 when unknown. */
} goals_error;

/**
 * Returns the calling thread's last error.
 *
 * Never returns NULL: when no error happened it returns an object with code
 * #GOALS_OK and an empty message. The object is library-owned and
 * thread-local; do not free it.
 */
GOALS_API const goals_error *goals_error_last(void);

/** Clears the calling thread's last error. Never fails. */
GOALS_API void goals_error_clear(void);

/**
 * Formats the last error as `FILE:LINE:COL: message` (or just `message` when
 * no file is known) into @p buf, snprintf-style: at most @p size bytes,
 * always NUL-terminated when @p size > 0.
 * @return the length the full text needs, excluding the NUL.
 */
GOALS_API size_t goals_error_format(char *buf, size_t size);

/**
 * Returns a static, English description of a status code ("out of memory" …).
 * Never NULL; unknown codes give "unknown error".
 */
GOALS_API const char *goals_strerror(int code);

GOALS_END_DECL

#endif /* GOALS_ERROR_H */
