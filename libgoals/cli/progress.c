/* Progress bar on stderr: bytes read, rate, time left (see progress.h). */
#include "progress.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

/* Quiet for the first second: most loads end before anyone would look. */
#define DELAY_S 1.0
/* Redraw at most ten times a second: drawing is for people, not for logs. */
#define PERIOD_S 0.1

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static unsigned terminal_width(void)
{
    struct winsize ws;
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
        return ws.ws_col;
    return 80;
}

void cli_progress_begin(cli_progress *p, const char *label, int quiet)
{
    const char *term = getenv("TERM");
    const char *base = strrchr(label, '/');

    const char *delay = getenv("GOALS_PROGRESS_DELAY"); /* for the tests: seconds before the bar */

    memset(p, 0, sizeof *p);
    p->label = base && base[1] ? base + 1 : label;
    p->start = p->round_start = now();
    p->delay = delay && *delay ? atof(delay) : DELAY_S;
    if (!quiet && isatty(STDERR_FILENO) && !(term && strcmp(term, "dumb") == 0))
        p->out = stderr;
}

/* "12.3 MB" style, decimal units as file managers show sizes. */
static void human_bytes(char *buf, size_t size, double bytes)
{
    static const char *const units[] = {"B", "kB", "MB", "GB", "TB"};
    int u = 0;
    while (bytes >= 1000 && u < 4) {
        bytes /= 1000;
        u++;
    }
    snprintf(buf, size, u ? "%.1f %s" : "%.0f %s", bytes, units[u]);
}

static void human_time(char *buf, size_t size, double s)
{
    unsigned long t = s > 0 && s < 360000 ? (unsigned long)(s + 0.5) : 0;
    if (t >= 3600)
        snprintf(buf, size, "%lu:%02lu:%02lu", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(buf, size, "%lu:%02lu", t / 60, t % 60);
}

/* The label cut to at most max bytes, at a UTF-8 character boundary. */
static size_t label_bytes(const char *label, size_t max)
{
    size_t n = strlen(label);
    if (n <= max)
        return n;
    while (max > 0 && ((unsigned char)label[max] & 0xC0) == 0x80)
        max--;
    return max;
}

void cli_progress_format(char *buf, size_t size, unsigned width, const char *label, uint64_t done,
                         uint64_t total, double elapsed)
{
    char tail[96], amount[32], rate[32], left[32];
    double per_s = elapsed > 0 ? (double)done / elapsed : 0;

    if (size == 0)
        return;
    if (width + 1 > size)
        width = (unsigned)size - 1;
    human_bytes(rate, sizeof rate, per_s);
    if (total > 0 && done <= total) {
        double frac = (double)done / (double)total;
        if (per_s > 0)
            human_time(left, sizeof left, (double)(total - done) / per_s);
        else
            snprintf(left, sizeof left, "?");
        snprintf(tail, sizeof tail, " %3d%%  %s/s  %s left", (int)(frac * 100), rate, left);
    } else {
        human_bytes(amount, sizeof amount, (double)done);
        snprintf(tail, sizeof tail, "  %s read  %s/s", amount, rate);
    }
    size_t tail_len = strlen(tail);
    if (tail_len >= width) {
        snprintf(buf, size, "%.*s", (int)width, tail);
        return;
    }
    /* Label, then the bar in what is left (at least 10 cells, or none). */
    size_t room = width - tail_len;
    size_t lab = label_bytes(label, room > 24 ? room - 14 : room / 2);
    size_t pos = (size_t)snprintf(buf, size, "%.*s", (int)lab, label);
    if (total > 0 && done <= total && room > lab + 13) {
        size_t cells = room - lab - 3;
        size_t full = (size_t)((double)cells * (double)done / (double)total);
        buf[pos++] = ' ';
        buf[pos++] = '[';
        for (size_t i = 0; i < cells; i++)
            buf[pos++] = i < full ? '#' : '-';
        buf[pos++] = ']';
        buf[pos] = '\0';
    }
    snprintf(buf + pos, size - pos, "%s", tail);
}

int cli_progress_update(uint64_t done, uint64_t total, void *data)
{
    cli_progress *p = data;
    char line[512];
    double t;

    if (p == NULL || p->out == NULL)
        return 0;
    t = now();
    /* The library parses the input as it reads it, in one round; should a
     * host's count start again from 0, rate and time left start again. */
    if (done < p->prev_done)
        p->round_start = t;
    p->prev_done = done;
    if (t - p->start < p->delay || (p->drawn && t - p->last < PERIOD_S))
        return 0;
    unsigned width = terminal_width() - 1; /* the last column would wrap on some terminals */
    cli_progress_format(line, sizeof line, width, p->label, done, total, t - p->round_start);
    fprintf(p->out, "\r%s\033[K", line);
    fflush(p->out);
    p->last = t;
    p->drawn = 1;
    return 0;
}

void cli_progress_end(cli_progress *p)
{
    if (p->out != NULL && p->drawn) {
        fputs("\r\033[K", p->out);
        fflush(p->out);
    }
    p->drawn = 0;
}
