/* Quoting untrusted text for error messages (see quote.h). */
#include "quote.h"

#include <string.h>

/* Length of the valid UTF-8 sequence at s[0..len), or 0 if it is not one
 * (overlong forms, surrogates and code points above U+10FFFF refused). */
static size_t utf8_len(const unsigned char *s, size_t len)
{
    unsigned char c = s[0];
    size_t n;
    unsigned long cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2, cp = c & 0x1Fu;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3, cp = c & 0x0Fu;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4, cp = c & 0x07u;
    else
        return 0;
    if (len < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

const char *goals__quote(char *buf, const char *text, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *s = (const unsigned char *)text;
    /* Keep room for "..." and the NUL after the last piece. */
    const size_t limit = GOALS__QUOTE_MAX - 4;
    size_t out = 0, i = 0;
    if (!text)
        len = 0;
    while (i < len) {
        size_t n = utf8_len(s + i, len - i);
        int escape = n == 0 || s[i] < 0x20 || s[i] == 0x7F || s[i] == '\\';
        size_t need = escape ? 4 : n;
        if (out + need > limit) {
            memcpy(buf + out, "...", 3);
            out += 3;
            break;
        }
        if (escape) {
            buf[out++] = '\\';
            buf[out++] = 'x';
            buf[out++] = hex[s[i] >> 4];
            buf[out++] = hex[s[i] & 0xF];
            i++;
        } else {
            memcpy(buf + out, s + i, n);
            out += n;
            i += n;
        }
    }
    buf[out] = '\0';
    return buf;
}
