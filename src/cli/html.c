/* html.c - HTML escaping and URL encoding for the server's page (see html.h). */
#include "html.h"

#include <string.h>
#include <strings.h>

#include "minutes.h"

/* One byte as HTML: a character reference for the five that mean something in markup,
 * nothing for a control character, else itself. */
static void
html_byte(FILE *out, unsigned char c)
{
    switch (c) {
    case '&': fputs("&amp;", out); break;
    case '<': fputs("&lt;", out); break;
    case '>': fputs("&gt;", out); break;
    case '"': fputs("&quot;", out); break;
    case '\'': fputs("&#39;", out); break;
    case '\t':
    case '\n':
    case '\r': fputc(c, out); break;
    default:
        if (c >= 0x20 && c != 0x7f)
            fputc(c, out);
    }
}

void
html_text(FILE *out, const char *s)
{
    if (!s)
        return;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        html_byte(out, *p);
}

void
html_marked(FILE *out, const char *s)
{
    if (!s)
        return;
    int open = 0;
    for (const char *p = s; *p; p++) {
        if (*p == MINUTES_MARK_START && !open) {
            fputs("<mark>", out);
            open = 1;
        } else if (*p == MINUTES_MARK_END && open) {
            fputs("</mark>", out);
            open = 0;
        } else {
            html_byte(out, (unsigned char)*p); /* a stray marker is a control: left out */
        }
    }
    if (open)
        fputs("</mark>", out);
}

void
html_url_encode(FILE *out, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    if (!s)
        return;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~", *p))
            fputc(*p, out);
        else
            fprintf(out, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
    }
}

int
html_linkable_url(const char *url)
{
    if (!url || (strncasecmp(url, "http://", 7) != 0 && strncasecmp(url, "https://", 8) != 0))
        return 0;
    for (const unsigned char *p = (const unsigned char *)url; *p; p++)
        if (*p <= 0x20 || *p == 0x7f)
            return 0;
    return 1;
}
