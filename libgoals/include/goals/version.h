/**
 * @file version.h
 * @brief Compile-time and run-time version of libgoals.
 *
 * The project version (this file) is separate from the ABI version (the
 * SOVERSION of libgoals.so, 1): the SOVERSION changes only on an ABI break.
 */
#ifndef GOALS_VERSION_H
#define GOALS_VERSION_H

#include "common.h"

#define GOALS_VERSION_MAJOR 0   /**< Major version. */
#define GOALS_VERSION_MINOR 1   /**< Minor version. */
#define GOALS_VERSION_PATCH 0   /**< Patch version. */
#define GOALS_VERSION_STRING "0.1.0" /**< The version as text. */
/** The version as one number: major * 10000 + minor * 100 + patch. */
#define GOALS_VERSION_NUMBER \
    (GOALS_VERSION_MAJOR * 10000 + GOALS_VERSION_MINOR * 100 + GOALS_VERSION_PATCH)

GOALS_BEGIN_DECL

/** The version of the library loaded at run time, as #GOALS_VERSION_NUMBER. */
GOALS_API int goals_version(void);

/** The version of the library loaded at run time, as text; static, never NULL. */
GOALS_API const char *goals_version_string(void);

GOALS_END_DECL

#endif /* GOALS_VERSION_H */
