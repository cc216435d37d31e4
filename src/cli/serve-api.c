/* serve-api.c - the JSON API of 'minutes serve': GET /api/search, /api/meetings and
 * /api/show/ID, each answering with one JSON document whose records are those the commands
 * print with --format json (records.c, collected by print-json.c), and errors as
 * {"error":"message"}. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "print.h"
#include "records.h"
#include "serve.h"

/* The version of the documents: it changes as the records' (cmd-search.c's FORMAT_VERSION)
 * does, when a key is removed or renamed or changes meaning, never when one is added. */
#define API_FORMAT_VERSION 1

/* Write `doc` (which the call takes) as the reply's body. */
static void
reply_json(serve_reply *reply, int status, json_t *doc)
{
    char *body = NULL;
    size_t length = 0;
    FILE *out = doc ? open_memstream(&body, &length) : NULL;
    int failed = !out || print_json_dump(out, doc) != 0;
    if (out && fclose(out) != 0)
        failed = 1;
    json_decref(doc);
    if (failed) {
        free(body);
        body = NULL, length = 0, status = 500;
    }
    reply->status = status;
    reply->content_type = SERVE_JSON;
    reply->body = body;
    reply->length = length;
}

void
serve_api_error(serve_reply *reply, int status, const char *message)
{
    reply_json(reply, status, json_pack("{s:s?}", "error", message));
}

/* A JSON string of text that may not be UTF-8 (a query typed in another encoding). */
static json_t *
string_or_null(const char *s)
{
    if (!s)
        return json_null();
    json_t *j = json_string(s);
    return j ? j : json_stringn("", 0);
}

/* The hits as 'minutes search --format json' prints them, one object each. */
static json_t *
hit_records(const minutes_results *res, int collapsing)
{
    json_t *hits = json_array();
    printer *p = hits ? print_json_collect(hits) : NULL;
    if (!p) {
        json_decref(hits);
        return NULL;
    }
    size_t n = minutes_results_size(res);
    for (size_t i = 0; i < n; i++)
        cli_print_hit(p, minutes_results_hit(res, i), collapsing);
    p->ops->destroy(p);
    return hits;
}

static json_t *
facet_records(const minutes_results *res)
{
    json_t *facets = json_array();
    printer *p = facets ? print_json_collect(facets) : NULL;
    if (!p) {
        json_decref(facets);
        return NULL;
    }
    size_t n = minutes_results_facet_count(res);
    for (size_t i = 0; i < n; i++)
        cli_print_facet(p, minutes_results_facet(res, i));
    p->ops->destroy(p);
    return facets;
}

void
serve_api_search(const serve_request *r, serve_reply *reply)
{
    serve_search s;
    char err[512];
    if (!serve_read_search(r, SERVE_SEARCH, &s, err, sizeof err)) {
        serve_api_error(reply, 400, err);
        return;
    }
    if (!s.text) { /* as the command, which wants a query: '' matches every paragraph */
        serve_api_error(reply, 400, "missing parameter 'q' (q= matches every paragraph)");
        return;
    }
    minutes_query *q;
    minutes_results *res;
    int status = serve_run_search(r->db, &s, &q, &res, err, sizeof err);
    if (status != 200) {
        serve_api_error(reply, status, err);
        return;
    }
    size_t total = minutes_results_estimate(res);
    json_t *doc =
        json_pack("{s:i s:o s:I s:b s:I s:o* s:o* s:o s:b}", "format_version", API_FORMAT_VERSION,
                  "query", string_or_null(s.text), "total", (json_int_t)total, "exact",
                  cli_total_is_exact(&s.settings, total), "offset", (json_int_t)s.settings.offset,
                  "hits", hit_records(res, s.settings.collapse != MINUTES_COLLAPSE_NONE), "facets",
                  facet_records(res), "suggestion", string_or_null(minutes_query_suggestion(q)),
                  "partial", minutes_db_missing_shard(r->db, 0, NULL) != NULL);
    minutes_query_destroy(q);
    reply_json(reply, 200, doc);
}

void
serve_api_meetings(const serve_request *r, serve_reply *reply)
{
    serve_search s;
    char err[512];
    if (!serve_read_search(r, SERVE_MEETINGS, &s, err, sizeof err)) {
        serve_api_error(reply, 400, err);
        return;
    }
    minutes_query *q;
    const minutes_meeting *list;
    size_t n;
    int status = serve_run_meetings(r->db, &s, &q, &list, &n, err, sizeof err);
    if (status != 200) {
        serve_api_error(reply, status, err);
        return;
    }
    json_t *meetings = json_array();
    printer *p = meetings ? print_json_collect(meetings) : NULL;
    for (size_t i = 0; p && i < n; i++)
        cli_print_meeting(p, &list[i], 1);
    if (p)
        p->ops->destroy(p);
    minutes_query_destroy(q);
    reply_json(reply, 200,
               json_pack("{s:o* s:b}", "meetings", p ? meetings : NULL, "partial",
                         minutes_db_missing_shard(r->db, 0, NULL) != NULL));
    if (!p)
        json_decref(meetings);
}

void
serve_api_show(const serve_request *r, const char *id, serve_reply *reply)
{
    char err[512];
    size_t context = 0;
    for (size_t i = 0; i < r->nparams; i++) {
        if (strcmp(r->params[i].name, "context") != 0) {
            snprintf(err, sizeof err, "unknown parameter '%.64s'", r->params[i].name);
            serve_api_error(reply, 400, err);
            return;
        }
    }
    if (!serve_read_number(r, "context", SERVE_MAX_CONTEXT, &context, err, sizeof err)) {
        serve_api_error(reply, 400, err);
        return;
    }
    minutes_results *res = NULL;
    size_t target = 0;
    minutes_status st = minutes_db_show(r->db, id, context, &res, &target);
    if (st == MINUTES_BAD_ARGUMENT) {
        snprintf(err, sizeof err, "invalid paragraph id '%.100s' (FILEID:ORDINAL)", id);
        serve_api_error(reply, 400, err);
        return;
    }
    if (st != MINUTES_OK) {
        snprintf(err, sizeof err, "%s",
                 *minutes_db_errmsg(r->db) ? minutes_db_errmsg(r->db) : minutes_status_str(st));
        serve_api_error(reply, serve_http_status(st), err);
        return;
    }
    if (!res) {
        snprintf(err, sizeof err, "no paragraph '%.100s' in the index", id);
        serve_api_error(reply, 404, err);
        return;
    }
    json_t *paragraphs = json_array();
    printer *p = paragraphs ? print_json_collect(paragraphs) : NULL;
    size_t n = minutes_results_size(res);
    for (size_t i = 0; p && i < n; i++)
        cli_print_paragraph(p, minutes_results_hit(res, i), i == target);
    if (p)
        p->ops->destroy(p);
    minutes_results_destroy(res);
    reply_json(
        reply, 200,
        json_pack("{s:I s:o*}", "target", (json_int_t)target, "paragraphs", p ? paragraphs : NULL));
    if (!p)
        json_decref(paragraphs);
}
