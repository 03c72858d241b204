/* The entry point every harness defines (libFuzzer's), and what a failed
 * property does: abort, which libFuzzer and the standalone driver both
 * report with the input that caused it. */
#ifndef GOALS_FUZZ_H
#define GOALS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                                   \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #cond);     \
            abort();                                                                       \
        }                                                                                  \
    } while (0)

#endif
