/* serve.h - what the files of 'minutes serve' share: a request as its handlers see it (its
 * path and parameters, and the index handle of the thread answering it) and the reply they
 * make. serve.c runs the HTTP daemon, routes each request and sends the reply; serve-query.c
 * reads a search's parameters and runs it; serve-api.c answers /api/...; serve-page.c makes
 * the HTML pages, through html.c. None of them but serve.c knows HTTP's library. */
#ifndef MINUTES_SERVE_H
#define MINUTES_SERVE_H

#include <stddef.h>

#include "minutes.h"
#include "options.h"

/* Bounds of a request: the request target (path and query string, as sent), the number of
 * parameters, the query text, the hits of a page and how deep paging goes, the context of a
 * paragraph shown, the length of a snippet. */
#define SERVE_MAX_URI 8192
#define SERVE_MAX_PARAMS 64
#define SERVE_MAX_QUERY 1000
#define SERVE_MAX_LIMIT 100
#define SERVE_MAX_OFFSET 10000
#define SERVE_MAX_CONTEXT 100
#define SERVE_MAX_SNIPPET 10000

typedef struct serve_param {
    const char *name, *value; /* decoded; value "" when given without '=' */
} serve_param;

typedef struct serve_request {
    const char *path; /* decoded, from '/': "/api/search" */
    serve_param params[SERVE_MAX_PARAMS];
    size_t nparams;
    minutes_db *db; /* the handle of the thread answering, on the index's latest commit */
} serve_request;

typedef struct serve_reply {
    int status;               /* the HTTP status */
    const char *content_type; /* a static string */
    char *body;               /* malloc'd; the reply owns it until sent */
    size_t length;
} serve_reply;

#define SERVE_JSON "application/json; charset=utf-8"
#define SERVE_HTML "text/html; charset=utf-8"

/* The value of parameter `name`, the first if given more than once; NULL if not given. */
const char *serve_param_value(const serve_request *r, const char *name);

/* ---- serve-query.c: a search's parameters, and running it ---- */

/* What a search or a list of meetings asks for. */
typedef struct serve_search {
    const char *text; /* q; NULL when not given */
    cli_search_settings settings;
} serve_search;

/* Which parameters a request may give: a search's, or a list of meetings' (q and filters). */
typedef enum serve_endpoint { SERVE_SEARCH, SERVE_MEETINGS } serve_endpoint;

/* Read the parameters of a search: 1, or 0 with the reason in `err` (a status 400: an
 * unknown parameter, one given twice that takes one value, a value out of bounds). Values
 * point into the request. Empty filter values are taken as not given: an empty form field. */
int serve_read_search(const serve_request *r, serve_endpoint endpoint, serve_search *s, char *err,
                      size_t errsize);

/* Read parameter `name` as a number from 0 to `max`, `*out` unchanged when not given: 1, or 0
 * with the reason in `err`. */
int serve_read_number(const serve_request *r, const char *name, size_t max, size_t *out, char *err,
                      size_t errsize);

/* Create the query of `s` and run it: 200 with *query set (the caller destroys it) and
 * *results belonging to it; or the HTTP status of the failure with its reason in `err`,
 * *query NULL. */
int serve_run_search(minutes_db *db, const serve_search *s, minutes_query **query,
                     minutes_results **results, char *err, size_t errsize);

/* The same for a list of meetings. */
int serve_run_meetings(minutes_db *db, const serve_search *s, minutes_query **query,
                       const minutes_meeting **list, size_t *count, char *err, size_t errsize);

/* The HTTP status for a failed library call: 400 for a bad query or argument, 503 when the
 * index cannot be read, 500 otherwise. */
int serve_http_status(minutes_status st);

/* ---- serve-api.c: the JSON API ---- */

/* GET /api/search, /api/meetings, /api/show/ID (`id` the rest of the path). */
void serve_api_search(const serve_request *r, serve_reply *reply);
void serve_api_meetings(const serve_request *r, serve_reply *reply);
void serve_api_show(const serve_request *r, const char *id, serve_reply *reply);

/* An error as JSON: {"error":"message"} with `status`. */
void serve_api_error(serve_reply *reply, int status, const char *message);

/* ---- serve-page.c: the HTML pages ---- */

/* GET /: the search form, and with q the results. */
void serve_page_search(const serve_request *r, serve_reply *reply);

/* GET /show/ID: a paragraph in its context. */
void serve_page_show(const serve_request *r, const char *id, serve_reply *reply);

#endif /* MINUTES_SERVE_H */
