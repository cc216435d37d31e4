/* html.h - writing HTML safely: text and attribute values escaped, highlighted snippets as
 * <mark>, and parameters URL-encoded for links. Everything the server's page shows that comes
 * from documents, sidecars or the query goes through these. */
#ifndef MINUTES_HTML_H
#define MINUTES_HTML_H

#include <stdio.h>

/* Write `s` as HTML text or as an attribute value (inside double or single quotes): & < > " '
 * become character references, and control characters, which HTML does not allow, are left
 * out (TAB and newlines are kept). NULL writes nothing. */
void html_text(FILE *out, const char *s);

/* A snippet, with each match between MINUTES_MARK_START and MINUTES_MARK_END as <mark>...
 * </mark> and the rest as html_text writes it; an unclosed mark is closed at the end. */
void html_marked(FILE *out, const char *s);

/* Write `s` percent-encoded for a URL's query string or path segment: every byte but the
 * unreserved A-Z a-z 0-9 - . _ ~ as %XX. */
void html_url_encode(FILE *out, const char *s);

/* Whether `url` is one to link to: http:// or https:// (any case), with no control
 * character or space in it. Anything else (javascript:, data:, a relative path) is shown as
 * text, never as a link. */
int html_linkable_url(const char *url);

#endif /* MINUTES_HTML_H */
