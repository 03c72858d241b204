/* Escaping text for JSON, HTML, CSV and Markdown output. */
#include "report.h"

#include <math.h>
#include <string.h>

void report_json_string(FILE *out, const char *s)
{
    if (s == NULL) {
        fputs("null", out);
        return;
    }
    putc('"', out);
    while (*s) {
        unsigned char c = (unsigned char)*s;
        unsigned long cp;
        size_t len;

        if (c == '"' || c == '\\') {
            putc('\\', out);
            putc(c, out);
            s++;
        } else if (c < 0x20) {
            switch (c) {
            case '\n': fputs("\\n", out); break;
            case '\r': fputs("\\r", out); break;
            case '\t': fputs("\\t", out); break;
            case '\b': fputs("\\b", out); break;
            case '\f': fputs("\\f", out); break;
            default: fprintf(out, "\\u%04x", c); break;
            }
            s++;
        } else if (c < 0x80) {
            putc(c, out);
            s++;
        } else {
            /* JSON text is UTF-8 (RFC 8259 §8.1): a malformed byte becomes U+FFFD. */
            len = report_utf8_next(s, &cp);
            if (cp == 0xFFFD && len == 1)
                fputs("\xEF\xBF\xBD", out);
            else
                fwrite(s, 1, len, out);
            s += len;
        }
    }
    putc('"', out);
}

void report_json_number(FILE *out, double v)
{
    char buf[REPORT_NUM_MAX];

    if (!isfinite(v)) {
        fputs("null", out);
        return;
    }
    report_num_exact(buf, v);
    fputs(buf, out);
}

void report_html_text(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default: putc(*s, out); break;
        }
    }
}

void report_csv_field(FILE *out, const char *s)
{
    if (s == NULL)
        return;
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, out);
        return;
    }
    putc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            putc('"', out);
        putc(*s, out);
    }
    putc('"', out);
}

void report_md_cell(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        if (*s == '\n' || *s == '\r')
            putc(' ', out);
        else if (strchr("\\`*[]<|", *s) != NULL) {
            /* Characters that would start markup inside a cell (a backslash
             * escapes any ASCII punctuation in CommonMark); `_` is left, as
             * it does not make emphasis inside a word, which keeps on_track. */
            putc('\\', out);
            putc(*s, out);
        } else
            putc(*s, out);
    }
}
