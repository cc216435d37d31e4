/* suggest.c - "did you mean": after a run that matched fewer than MINUTES_SUGGEST_BELOW
 * paragraphs, the query's text with its misspelt words corrected from the index's spelling
 * table (which index.c keeps equal to the index's words: xap_db_sync_spelling). The query
 * itself is never changed; the caller decides what to do with the suggestion.
 */
#include <stdlib.h>
#include <string.h>

#include "filter.h"
#include "query-internal.h"
#include "schema.h"

minutes_status
query_suggest(minutes_query *q, size_t matches)
{
    free(q->suggestion);
    q->suggestion = NULL;
    if (matches >= MINUTES_SUGGEST_BELOW || !q->parse_text)
        return MINUTES_OK;

    const char *prefixes[16];
    size_t nprefixes = 0;
    while (nprefixes < 16 && filter_prefix(nprefixes)) {
        prefixes[nprefixes] = filter_prefix(nprefixes);
        nprefixes++;
    }
    static const char *const text_fields[] = {SCHEMA_FIELD_TITLE};
    static const char *const text_prefixes[] = {SCHEMA_PREFIX_TITLE};
    xap_parse_fields fields;
    memset(&fields, 0, sizeof fields);
    fields.prefixes = prefixes;
    fields.count = nprefixes;
    fields.text_fields = text_fields;
    fields.text_prefixes = text_prefixes;
    fields.text_count = 1;

    unsigned flags = (q->flags & MINUTES_QUERY_EXACT) ? XAP_PARSE_EXACT : 0;
    if (q->flags & MINUTES_QUERY_FIXED)
        flags |= XAP_PARSE_FIXED;
    if (q->literal)
        flags |= XAP_PARSE_LITERAL;
    char *corrected = NULL;
    minutes_status st = xap_query_suggest(q->db->xap, q->parse_text, flags, &fields, &corrected);
    if (st != MINUTES_OK)
        return db_fail_xap(q->db, st);
    /* Nothing to correct, or the correction is the text itself (as folded). */
    if (!*corrected || strcmp(corrected, q->parse_text) == 0)
        free(corrected);
    else
        q->suggestion = corrected;
    return MINUTES_OK;
}

const char *
minutes_query_suggestion(const minutes_query *q)
{
    return q ? q->suggestion : NULL;
}
