/* serve-page.c - the HTML pages of 'minutes serve': the search page (GET /: a form, and for a
 * query its hits, paging, "did you mean" and facet counts that narrow it) and a paragraph in
 * its context (GET /show/ID). Made whole for each request, with no script and no file of
 * their own; every value from the index or the request is escaped (html.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "records.h"
#include "serve.h"

/* ---- the page around the content ---- */

static const char style[] =
    "body{font-family:system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:0 1rem;"
    "line-height:1.45;color:#1b1b1b;background:#fff}"
    "header h1{font-size:1.3rem;margin:1rem 0 .5rem}header a{color:inherit;text-decoration:none}"
    "form#search{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin-bottom:1rem}"
    "form#search label{display:flex;flex-direction:column;font-size:.8rem;flex:1 1 8rem}"
    "form#search label.query{flex:1 1 100%}form#search label.order{flex:0 1 12rem}"
    "input,select,button{font:inherit;padding:.35rem;border:1px solid #888;border-radius:3px}"
    "button{background:#1d4e89;color:#fff;border-color:#1d4e89;cursor:pointer}"
    ".results{display:grid;gap:1.5rem}"
    "@media (min-width:48rem){.results{grid-template-columns:1fr 14rem}}"
    "ol.hits{list-style:none;padding:0;margin:0}"
    "li.hit{border-bottom:1px solid #ddd;padding:.6rem 0}"
    ".meta{font-size:.85rem;color:#555}.item{font-weight:600}"
    "mark{background:#ffe58a;padding:0 .1em}"
    ".links a{margin-right:1rem;font-size:.9rem}"
    "section.facets h3{font-size:.9rem;margin:.8rem 0 .2rem}"
    "section.facets ul{list-style:none;padding:0;margin:0;font-size:.85rem}"
    ".count{color:#666}nav.paging{display:flex;gap:1rem;margin:1rem 0}"
    ".error{color:#a00;font-weight:600}"
    "ol.context{padding-left:1.2rem}ol.context li{margin:.5rem 0}"
    "li.target{background:#fff6cc;outline:2px solid #e0c040;padding:.3rem}"
    "p.text{white-space:pre-wrap;overflow-wrap:anywhere}";

static void
page_begin(FILE *out, const char *title)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          out);
    if (title && *title) {
        html_text(out, title);
        fputs(" - ", out);
    }
    fprintf(out, "minutes</title>\n<style>%s</style>\n</head>\n<body>\n", style);
    fputs("<header><h1><a href=\"/\">minutes</a></h1></header>\n<main>\n", out);
}

/* Finish the page and make it the reply. */
static void
page_end(FILE *out, int status, serve_reply *reply)
{
    fputs("</main>\n</body>\n</html>\n", out);
    reply->status = status;
    reply->content_type = SERVE_HTML;
}

/* Open the page's buffer: NULL (500) when out of memory. */
static FILE *
page_open(serve_reply *reply)
{
    reply->body = NULL;
    reply->length = 0;
    FILE *out = open_memstream(&reply->body, &reply->length);
    if (!out) {
        reply->status = 500;
        reply->content_type = SERVE_HTML;
    }
    return out;
}

static void
page_close(FILE *out, serve_reply *reply)
{
    if (fclose(out) != 0) {
        free(reply->body);
        reply->body = NULL;
        reply->length = 0;
        reply->status = 500;
    }
}

/* ---- links that keep the search ---- */

/* A link to the search page: every parameter of the request but `name`, `drop` and empty
 * ones, then name=value (unless value is NULL), URL-encoded, in an attribute (&amp;). */
static void
search_url(FILE *out, const serve_request *r, const char *name, const char *value, const char *drop)
{
    const char *sep = "?";
    fputc('/', out);
    for (size_t i = 0; i < r->nparams; i++) {
        const serve_param *p = &r->params[i];
        if (!*p->value || strcmp(p->name, name) == 0 || (drop && strcmp(p->name, drop) == 0))
            continue;
        fputs(sep, out);
        html_url_encode(out, p->name);
        fputc('=', out);
        html_url_encode(out, p->value);
        sep = "&amp;";
    }
    if (value) {
        fprintf(out, "%s%s=", sep, name);
        html_url_encode(out, value);
    }
}

/* ---- the form ---- */

static void
text_field(FILE *out, const serve_request *r, const char *name, const char *label,
           const char *placeholder)
{
    fprintf(out, "<label>%s <input type=\"text\" name=\"%s\" value=\"", label, name);
    html_text(out, serve_param_value(r, name));
    fprintf(out, "\" placeholder=\"%s\"></label>\n", placeholder);
}

static void
search_form(FILE *out, const serve_request *r)
{
    fputs("<form id=\"search\" method=\"get\" action=\"/\" role=\"search\">\n"
          "<label class=\"query\">Search <input type=\"search\" name=\"q\" value=\"",
          out);
    html_text(out, serve_param_value(r, "q"));
    fputs("\" placeholder=\"words, &quot;a phrase&quot;, foster*\" maxlength=\"1000\"></label>\n",
          out);
    text_field(out, r, "since", "Since", "2017 or 2017-06-29");
    text_field(out, r, "until", "Until", "2018-12");
    text_field(out, r, "board", "Board", "cabinet");
    text_field(out, r, "type", "Item type", "report");
    text_field(out, r, "doc", "Document type", "minutes");
    static const char *const sorts[][2] = {
        {"relevance", "best first"}, {"-date", "newest first"}, {"date", "oldest first"}};
    const char *sort = serve_param_value(r, "sort");
    fputs("<label class=\"order\">Order <select name=\"sort\">", out);
    for (size_t i = 0; i < 3; i++)
        fprintf(out, "<option value=\"%s\"%s>%s</option>", sorts[i][0],
                sort && strcmp(sort, sorts[i][0]) == 0 ? " selected" : "", sorts[i][1]);
    fputs("</select></label>\n<button type=\"submit\">Search</button>\n</form>\n", out);
}

/* ---- the results ---- */

static void
field_span(FILE *out, const char *class, const char *value)
{
    if (!value)
        return;
    fprintf(out, "<span class=\"%s\">", class);
    html_text(out, value);
    fputs("</span>", out);
}

/* After `before`, a link to where the hit's document was published, when that is a web
 * address (never a javascript: or other scheme). */
static void
source_link(FILE *out, const minutes_hit *hit, const char *before)
{
    const char *url = minutes_hit_get(hit, MINUTES_FIELD_SOURCE_URL);
    if (!html_linkable_url(url))
        return;
    fprintf(out, "%s<a class=\"source\" rel=\"noopener noreferrer\" href=\"", before);
    html_text(out, url);
    fputs("\">Source</a>", out);
}

/* The meeting of a hit: board, council, date, document type. */
static void
meeting_meta(FILE *out, const minutes_hit *hit)
{
#define GET(f) minutes_hit_get(hit, MINUTES_FIELD_##f)
    field_span(out, "board", GET(BOARD) ? GET(BOARD) : "Unknown board");
    if (GET(COUNCIL)) {
        fputs(", ", out);
        field_span(out, "council", GET(COUNCIL));
    }
    if (GET(DATE)) {
        fputs(" &middot; <time datetime=\"", out);
        html_text(out, GET(DATE));
        fputs("\">", out);
        html_text(out, GET(DATE));
        fputs("</time>", out);
    }
    if (GET(DOC_TYPE)) {
        fputs(" &middot; ", out);
        field_span(out, "doc-type", GET(DOC_TYPE));
    }
#undef GET
}

static void
hit_item(FILE *out, const minutes_hit *hit)
{
#define GET(f) minutes_hit_get(hit, MINUTES_FIELD_##f)
    fputs("<li class=\"hit\">\n<div class=\"meta\">", out);
    meeting_meta(out, hit);
    fputs("</div>\n", out);
    if (GET(ITEM_NUMBER) || GET(ITEM_TITLE)) {
        fputs("<div class=\"item\">", out);
        if (GET(ITEM_NUMBER)) {
            fputs("Item ", out);
            html_text(out, GET(ITEM_NUMBER));
            fputs(GET(ITEM_TITLE) ? ": " : "", out);
        }
        html_text(out, GET(ITEM_TITLE));
        if (GET(ITEM_TYPE)) {
            fputs(" <span class=\"item-type\">(", out);
            html_text(out, GET(ITEM_TYPE));
            fputs(")</span>", out);
        }
        fputs("</div>\n", out);
    }
    fputs("<p class=\"snippet\">", out);
    if (GET(SNIPPET))
        html_marked(out, GET(SNIPPET));
    else
        html_text(out, GET(TEXT));
    fputs("</p>\n<p class=\"links\"><a class=\"context\" href=\"/show/", out);
    html_url_encode(out, GET(ID));
    fputs("?context=3\">In context</a>", out);
    source_link(out, hit, " ");
    fputs("</p>\n</li>\n", out);
#undef GET
}

/* "11-20 of 36 matches", or "No matches". */
static void
total_line(FILE *out, const serve_search *s, size_t shown, size_t total)
{
    const char *what = s->settings.collapse == MINUTES_COLLAPSE_MEETING ? "meetings"
                       : s->settings.collapse == MINUTES_COLLAPSE_ITEM  ? "items"
                                                                        : "matches";
    if (total == 0)
        fprintf(out, "<p class=\"total\">No %s.</p>\n", what);
    else if (shown == 0)
        fprintf(out, "<p class=\"total\">None past %zu of %s%zu %s.</p>\n", s->settings.offset,
                cli_total_is_exact(&s->settings, total) ? "" : "about ", total, what);
    else
        fprintf(out, "<p class=\"total\">%zu&ndash;%zu of %s%zu %s</p>\n", s->settings.offset + 1,
                s->settings.offset + shown, cli_total_is_exact(&s->settings, total) ? "" : "about ",
                total, what);
}

static void
paging(FILE *out, const serve_request *r, const serve_search *s, size_t shown, size_t total)
{
    size_t offset = s->settings.offset, limit = s->settings.limit;
    int prev = offset > 0,
        next = shown == limit && offset + shown < total && offset + limit <= SERVE_MAX_OFFSET;
    if (!prev && !next)
        return;
    char number[32];
    fputs("<nav class=\"paging\">", out);
    if (prev) {
        snprintf(number, sizeof number, "%zu", offset > limit ? offset - limit : 0);
        fputs("<a rel=\"prev\" href=\"", out);
        search_url(out, r, "offset", strcmp(number, "0") ? number : NULL, NULL);
        fputs("\">&larr; Previous</a>", out);
    }
    if (next) {
        snprintf(number, sizeof number, "%zu", offset + limit);
        fputs("<a rel=\"next\" href=\"", out);
        search_url(out, r, "offset", number, NULL);
        fputs("\">Next &rarr;</a>", out);
    }
    fputs("</nav>\n", out);
}

static void
suggestion(FILE *out, const serve_request *r, const minutes_query *q)
{
    const char *text = minutes_query_suggestion(q);
    if (!text)
        return;
    fputs("<p class=\"suggestion\">Did you mean <a href=\"", out);
    search_url(out, r, "q", text, "offset");
    fputs("\">", out);
    html_text(out, text);
    fputs("</a>?</p>\n", out);
}

/* The facets shown, each with the parameter that narrows to one of its values. */
static const struct {
    const char *facet, *title, *param;
} facets[] = {
    {"board_id", "Board", "board"},
    {"item_type", "Item type", "type"},
    {"doc_type", "Document type", "doc"},
    {"year", "Year", "date"},
};

static void
facet_counts(FILE *out, const serve_request *r, const minutes_results *res)
{
    size_t n = minutes_results_facet_count(res);
    if (n == 0)
        return;
    fputs("<section class=\"facets\">\n<h2>Narrow</h2>\n", out);
    for (size_t k = 0; k < sizeof facets / sizeof *facets; k++) {
        int listed = 0;
        for (size_t i = 0; i < n; i++) {
            const minutes_facet *f = minutes_results_facet(res, i);
            if (!f->value || strcmp(cli_facet_name(f), facets[k].facet) != 0)
                continue;
            if (!listed++)
                fprintf(out, "<h3>%s</h3>\n<ul>\n", facets[k].title);
            fputs("<li><a class=\"facet\" href=\"", out);
            search_url(out, r, facets[k].param, f->value, "offset");
            fputs("\">", out);
            html_text(out, f->value);
            fprintf(out, "</a> <span class=\"count\">%lu</span></li>\n", f->count);
        }
        if (listed)
            fputs("</ul>\n", out);
    }
    fputs("</section>\n", out);
}

static void
error_line(FILE *out, const char *message)
{
    fputs("<p class=\"error\">", out);
    html_text(out, message);
    fputs("</p>\n", out);
}

void
serve_page_search(const serve_request *r, serve_reply *reply)
{
    FILE *out = page_open(reply);
    if (!out)
        return;
    serve_search s;
    char err[512];
    int status = 200;
    int ok = serve_read_search(r, SERVE_SEARCH, &s, err, sizeof err);
    page_begin(out, ok && s.text ? s.text : NULL);
    search_form(out, r);
    if (!ok) {
        status = 400;
        error_line(out, err);
    } else if (s.text) {
        minutes_query *q;
        minutes_results *res;
        s.settings.facets = 1;
        status = serve_run_search(r->db, &s, &q, &res, err, sizeof err);
        if (status != 200) {
            error_line(out, err);
        } else {
            size_t shown = minutes_results_size(res), total = minutes_results_estimate(res);
            fputs("<div class=\"results\">\n<div>\n", out);
            total_line(out, &s, shown, total);
            suggestion(out, r, q);
            if (shown) {
                fprintf(out, "<ol class=\"hits\" start=\"%zu\">\n", s.settings.offset + 1);
                for (size_t i = 0; i < shown; i++)
                    hit_item(out, minutes_results_hit(res, i));
                fputs("</ol>\n", out);
            }
            paging(out, r, &s, shown, total);
            fputs("</div>\n", out);
            facet_counts(out, r, res);
            fputs("</div>\n", out);
            minutes_query_destroy(q);
        }
    }
    page_end(out, status, reply);
    page_close(out, reply);
}

/* ---- a paragraph in context ---- */

static void
show_heading(FILE *out, const minutes_hit *hit)
{
#define GET(f) minutes_hit_get(hit, MINUTES_FIELD_##f)
    fputs("<h2 class=\"item\">", out);
    if (GET(ITEM_NUMBER)) {
        fputs("Item ", out);
        html_text(out, GET(ITEM_NUMBER));
        fputs(GET(ITEM_TITLE) ? ": " : "", out);
    }
    html_text(out, GET(ITEM_TITLE) ? GET(ITEM_TITLE) : GET(ITEM_NUMBER) ? "" : "No agenda item");
    fputs("</h2>\n<p class=\"meta\">", out);
    meeting_meta(out, hit);
    source_link(out, hit, " &middot; ");
    fputs("</p>\n", out);
#undef GET
}

void
serve_page_show(const serve_request *r, const char *id, serve_reply *reply)
{
    FILE *out = page_open(reply);
    if (!out)
        return;
    char err[512] = "";
    int status = 200;
    size_t context = 3;
    for (size_t i = 0; i < r->nparams && status == 200; i++) {
        if (strcmp(r->params[i].name, "context") != 0 && strcmp(r->params[i].name, "q") != 0) {
            snprintf(err, sizeof err, "unknown parameter '%.64s'", r->params[i].name);
            status = 400;
        }
    }
    if (status == 200 &&
        !serve_read_number(r, "context", SERVE_MAX_CONTEXT, &context, err, sizeof err))
        status = 400;
    minutes_results *res = NULL;
    size_t target = 0;
    if (status == 200) {
        minutes_status st = minutes_db_show(r->db, id, context, &res, &target);
        if (st == MINUTES_BAD_ARGUMENT)
            snprintf(err, sizeof err, "invalid paragraph id '%.100s' (FILEID:ORDINAL)", id);
        else if (st != MINUTES_OK)
            snprintf(err, sizeof err, "%s",
                     *minutes_db_errmsg(r->db) ? minutes_db_errmsg(r->db) : minutes_status_str(st));
        else if (!res)
            snprintf(err, sizeof err, "no paragraph '%.100s' in the index", id);
        status = st == MINUTES_BAD_ARGUMENT ? 400
                 : st != MINUTES_OK         ? serve_http_status(st)
                 : !res                     ? 404
                                            : 200;
    }
    const minutes_hit *hit = res ? minutes_results_hit(res, target) : NULL;
    page_begin(out, hit ? minutes_hit_get(hit, MINUTES_FIELD_ITEM_TITLE) : "Not found");
    const char *q = serve_param_value(r, "q");
    fputs("<p><a class=\"back\" href=\"/", out);
    if (q) {
        fputs("?q=", out);
        html_url_encode(out, q);
    }
    fputs("\">&larr; Back to the search</a></p>\n", out);
    if (!hit) {
        error_line(out, err);
    } else {
        show_heading(out, hit);
        fputs("<ol class=\"context\">\n", out);
        for (size_t i = 0; i < minutes_results_size(res); i++) {
            const minutes_hit *h = minutes_results_hit(res, i);
            fputs(i == target ? "<li class=\"paragraph target\" id=\"target\">"
                              : "<li class=\"paragraph\">",
                  out);
            fputs("<p class=\"text\">", out);
            html_text(out, minutes_hit_get(h, MINUTES_FIELD_TEXT));
            fputs("</p></li>\n", out);
        }
        fputs("</ol>\n", out);
    }
    minutes_results_destroy(res);
    page_end(out, status, reply);
    page_close(out, reply);
}
