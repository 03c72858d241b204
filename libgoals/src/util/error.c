/* The per-thread error. Fixed buffers, so that reporting an error never
 * allocates and out-of-memory can always be reported. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define MESSAGE_MAX 1024
#define FILE_MAX 1024

typedef struct error_state {
    goals_error pub;
    char message[MESSAGE_MAX];
    char file[FILE_MAX];
} error_state;

static _Thread_local error_state state;

static void set_file(const char *file)
{
    if (!file) {
        state.pub.file = NULL;
        return;
    }
    /* The file name may be the one already stored (goals__error_locate). */
    if (file != state.file) {
        size_t n = strlen(file);
        if (n >= FILE_MAX)
            n = FILE_MAX - 1;
        memmove(state.file, file, n);
        state.file[n] = '\0';
    }
    state.pub.file = state.file;
}

static int set_v(int code, const char *file, unsigned long line, unsigned long column,
                 const char *fmt, va_list ap)
{
    /* The message may quote the previous one (wrapping a lower layer's error). */
    char tmp[MESSAGE_MAX];
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    memcpy(state.message, tmp, sizeof tmp);
    state.pub.code = code;
    state.pub.message = state.message;
    set_file(file);
    state.pub.line = line;
    state.pub.column = column;
    return code;
}

int goals__error(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_v(code, NULL, 0, 0, fmt, ap);
    va_end(ap);
    return code;
}

int goals__error_at(int code, const char *file, unsigned long line, unsigned long column,
                    const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_v(code, file, line, column, fmt, ap);
    va_end(ap);
    return code;
}

int goals__oom(void)
{
    static const char oom[] = "out of memory";
    memcpy(state.message, oom, sizeof oom);
    state.pub.code = GOALS_ENOMEM;
    state.pub.message = state.message;
    state.pub.file = NULL;
    state.pub.line = state.pub.column = 0;
    return GOALS_ENOMEM;
}

void goals__error_locate(const char *file, unsigned long line, unsigned long column)
{
    if (state.pub.file || state.pub.line)
        return;
    set_file(file);
    state.pub.line = line;
    state.pub.column = column;
}

const goals_error *goals_error_last(void)
{
    if (!state.pub.message) {
        state.message[0] = '\0';
        state.pub.message = state.message;
    }
    return &state.pub;
}

void goals_error_clear(void)
{
    state.pub.code = GOALS_OK;
    state.message[0] = '\0';
    state.pub.message = state.message;
    state.pub.file = NULL;
    state.pub.line = state.pub.column = 0;
}

size_t goals_error_format(char *buf, size_t size)
{
    const goals_error *e = goals_error_last();
    int n;
    if (e->file && e->line)
        n = snprintf(buf, size, "%s:%lu:%lu: %s", e->file, e->line, e->column, e->message);
    else if (e->file)
        n = snprintf(buf, size, "%s: %s", e->file, e->message);
    else
        n = snprintf(buf, size, "%s", e->message);
    return n < 0 ? 0 : (size_t)n;
}

const char *goals_strerror(int code)
{
    switch (code) {
    case GOALS_OK: return "success";
    case GOALS_ERROR: return "error";
    case GOALS_ENOMEM: return "out of memory";
    case GOALS_EINVAL: return "invalid argument";
    case GOALS_EIO: return "input/output error";
    case GOALS_EPARSE: return "malformed input";
    case GOALS_EINVALID: return "invalid document";
    case GOALS_ESCHEMA: return "schema validation failed";
    case GOALS_ELIMIT: return "safety limit exceeded";
    case GOALS_ENOTFOUND: return "not found";
    case GOALS_EEXISTS: return "already exists";
    case GOALS_EUNIT: return "unit error";
    case GOALS_EPERIOD: return "bad period";
    case GOALS_ERANGE: return "number out of range";
    case GOALS_EUNSUPPORTED: return "unsupported";
    case GOALS_ITEROVER: return "no more items";
    default: return "unknown error";
    }
}
