/* fuzz-query.c - libFuzzer target: the query front end (minutes_query_* with text, filters
 * and date ranges) on a small index built in a temporary directory at the first call. See
 * fuzz.h.
 *
 * The input is split at its first NUL: what comes before is the query text, what comes
 * after (or the same text, without a NUL) the value given to every filter and as a date
 * range. The first two bytes also pick the query's flags, order and grouping, so that the
 * same text is tried in several ways. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "minutes.h"

/* Three small documents: two meetings of two boards, with items, a resolution, a table and
 * a list, dated and undated. */
static const struct {
    const char *name;
    const char *text;
} query_docs[] = {
    {"cabinet-2017-06-29.txt",
     "Coventry City Council\n\nMinutes of the Meeting of Cabinet held at 2.00 pm on Thursday, "
     "29 June 2017\n\nPresent: Councillor Duggins (Chair), Councillor Abbott\n\n"
     "1. Apologies\n\nApologies were received from Councillor Bigham.\n\n"
     "2. Declarations of Interest\n\nThere were no declarations of interest.\n\n"
     "3. Ofsted Report\n\nThe Cabinet considered the Ofsted report on Children's Services, "
     "including private fostering and the cost of \xc2\xa3"
     "12m.\n\nRESOLVED that:\n\n(1) the report be noted.\n\n(2) minute 84/16 be confirmed.\n\n"
     "4. Climate Change\n\n- A rise of 1.5\xc2\xb0"
     "C by 2030\n- Planning application PLA146/14\n\nName\tRole\nRone-Clarke\tOfficer\n\n"
     "5. Anti-Social Behaviour\n\nCllr Abbott asked about anti-social behaviour, the Climbi\xc3\xa9"
     " inquiry and LAC on the 16th.\n"},
    {"scrutiny-2018.md",
     "# Scrutiny Board (2)\n\nAgenda for the meeting on 12/03/2018\n\n"
     "### **5. Privately fostered children**\n\nMembers asked about **privately fostered** "
     "children and the <sup>Ofsted</sup> inspection &amp; its timetable.\n\n"
     "6. Any other business\n\nNone.\n"},
    {"note.txt", "Briefing note\n\nSubject: Staying Put\n\nA note with no date at all.\n"},
};
#define QUERY_DOC_COUNT (sizeof query_docs / sizeof query_docs[0])

static minutes_db *query_db;
static char query_dir[64];

static void
query_remove_tree(const char *path)
{
    struct stat sb;
    if (lstat(path, &sb) != 0)
        return;
    if (S_ISDIR(sb.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *e;
        while (d && (e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char child[512];
            snprintf(child, sizeof child, "%s/%s", path, e->d_name);
            query_remove_tree(child);
        }
        if (d)
            closedir(d);
        rmdir(path);
    } else {
        unlink(path);
    }
}

static void
query_cleanup(void)
{
    minutes_db_close(query_db);
    query_db = NULL;
    if (query_dir[0])
        query_remove_tree(query_dir);
    query_dir[0] = '\0';
}

/* Build the index and open it read-only; aborts if that fails (nothing to fuzz then). */
static void
query_setup(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(query_dir, sizeof query_dir, "%s/fuzz-query-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (strlen(query_dir) + 40 >= sizeof query_dir)
        snprintf(query_dir, sizeof query_dir, "/tmp/fuzz-query-XXXXXX");
    if (!mkdtemp(query_dir))
        abort();
    atexit(query_cleanup);
    char docs[128], index[128], path[256];
    snprintf(docs, sizeof docs, "%s/docs", query_dir);
    snprintf(index, sizeof index, "%s/index", query_dir);
    if (mkdir(docs, 0700) != 0)
        abort();
    for (size_t i = 0; i < QUERY_DOC_COUNT; i++) {
        snprintf(path, sizeof path, "%s/%s", docs, query_docs[i].name);
        FILE *f = fopen(path, "w");
        if (!f || fputs(query_docs[i].text, f) == EOF || fclose(f) != 0)
            abort();
    }
    minutes_db *db = NULL;
    char *err = NULL;
    if (minutes_db_open(index, MINUTES_DB_CREATE, &db, &err) != MINUTES_OK)
        abort();
    if (minutes_index_path(db, docs, NULL, NULL, NULL) != MINUTES_OK)
        abort();
    if (minutes_db_close(db) != MINUTES_OK)
        abort();
    if (minutes_db_open(index, MINUTES_DB_READ_ONLY, &query_db, &err) != MINUTES_OK)
        abort();
}

/* The input of the current run, which messages may quote. */
static const char *query_input[2];

/* Whether `what` is in the message but not in the input quoted there. */
static int
query_says(const char *msg, const char *what)
{
    return strstr(msg, what) && !strstr(query_input[0], what) && !strstr(query_input[1], what);
}

/* Check a status and what comes with it: a failure has a one-line message that names no
 * C++ exception. */
static void
query_check(minutes_status st)
{
    const char *msg = minutes_db_errmsg(query_db);
    if (st == MINUTES_OK)
        return;
    if (st != MINUTES_BAD_QUERY && st != MINUTES_BAD_ARGUMENT)
        abort(); /* nothing else can go wrong on a healthy index */
    if (!*msg || query_says(msg, "\n") || query_says(msg, "Xapian") ||
        query_says(msg, "QueryParserError") || query_says(msg, "std::"))
        abort();
}

/* Read every field of every hit and facet. */
static void
query_touch(const minutes_results *res)
{
    volatile size_t sum = 0;
    for (size_t i = 0; i < minutes_results_size(res); i++) {
        const minutes_hit *hit = minutes_results_hit(res, i);
        for (int f = 0; f < MINUTES_FIELD_COUNT_; f++) {
            const char *v = minutes_hit_get(hit, (minutes_field)f);
            sum += v ? strlen(v) : 0;
        }
        sum += minutes_hit_rank(hit) + minutes_hit_collapsed(hit);
    }
    for (size_t i = 0; i < minutes_results_facet_count(res); i++)
        sum += strlen(minutes_results_facet(res, i)->value);
    (void)sum;
}

static void
query_run(minutes_query *q)
{
    minutes_results *res = NULL;
    minutes_status st = minutes_query_run(q, &res);
    query_check(st);
    if (st == MINUTES_OK) {
        query_touch(res);
        const char *d = minutes_query_describe(q);
        if (!d)
            abort();
        volatile unsigned long left_out = minutes_query_left_out(q, MINUTES_FIELD_DATE) +
                                          minutes_query_left_out(q, MINUTES_FIELD_BOARD);
        (void)left_out;
    }
}

static const minutes_field query_fields[] = {
    MINUTES_FIELD_PATH,     MINUTES_FIELD_ITEM_NUMBER, MINUTES_FIELD_BOARD,
    MINUTES_FIELD_COUNCIL,  MINUTES_FIELD_DATE,        MINUTES_FIELD_ITEM_TYPE,
    MINUTES_FIELD_DOC_TYPE, MINUTES_FIELD_KIND,        MINUTES_FIELD_MINUTE,
};

int
fuzz_one_query(const uint8_t *data, size_t size)
{
    if (!query_db)
        query_setup();
    if (size > 64 * 1024)
        return 0;
    /* text NUL value NUL */
    char *buf = malloc(size + 2);
    if (!buf)
        return 0;
    if (size)
        memcpy(buf, data, size);
    buf[size] = buf[size + 1] = '\0';
    const char *text = buf;
    size_t text_len = strlen(text);
    const char *value = text_len < size ? buf + text_len + 1 : text;
    unsigned pick = size ? data[0] : 0;
    query_input[0] = text;
    query_input[1] = value;

    /* The text as a query, in the way the first byte picks. */
    minutes_query *q = NULL;
    if (minutes_query_create(query_db, text, &q) != MINUTES_OK)
        abort();
    /* EXACT, FIXED; NO_SYNONYMS, UNDATED, UNKNOWN_BOARD from the second byte */
    unsigned more = size > 1 ? data[1] : 0;
    minutes_query_set_flags(q, (pick & 3) | (more & 7) << 2);
    minutes_query_set_range(q, (pick >> 2) & 1, 3);
    minutes_query_set_sort(q, (minutes_sort)((pick >> 3) % 3));
    minutes_query_set_collapse(q, (minutes_collapse)((pick >> 5) % 3));
    minutes_query_set_facets(q, (pick >> 7) & 1);
    if (more & 8)
        query_check(minutes_query_add_filter(q, MINUTES_FIELD_DATE, "2017"));
    if (more & 16)
        query_check(minutes_query_add_filter(q, MINUTES_FIELD_BOARD, "cabinet"));
    query_run(q);
    const minutes_meeting *meetings = NULL;
    size_t count = 0;
    if ((pick & 0x30) == 0x10)
        query_check(minutes_query_meetings(q, &meetings, &count));
    minutes_query_destroy(q);

    /* The value as every filter and as a date range, on an empty query text. */
    for (size_t i = 0; i < sizeof query_fields / sizeof query_fields[0]; i++) {
        if (minutes_query_create(query_db, "", &q) != MINUTES_OK)
            abort();
        minutes_query_set_range(q, 0, 2);
        minutes_query_set_snippet_length(q, 0);
        minutes_status st = minutes_query_add_filter(q, query_fields[i], value);
        query_check(st);
        if (st == MINUTES_OK)
            query_run(q);
        minutes_query_destroy(q);
    }
    const char *ranges[][2] = {{value, NULL}, {NULL, value}, {value, value}, {value, text}};
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
        if (minutes_query_create(query_db, "fostering OR ofsted OR note", &q) != MINUTES_OK)
            abort();
        minutes_status st = minutes_query_set_date_range(q, ranges[i][0], ranges[i][1]);
        query_check(st);
        if (st == MINUTES_OK)
            query_run(q);
        minutes_query_destroy(q);
    }
    /* The text with the value as a filter at once. */
    if (minutes_query_create(query_db, text, &q) != MINUTES_OK)
        abort();
    minutes_status st = minutes_query_add_filter(q, query_fields[pick % 9], value);
    query_check(st);
    if (st == MINUTES_OK)
        query_run(q);
    minutes_query_destroy(q);
    free(buf);
    return 0;
}

#ifndef FUZZ_NO_ENTRY
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_one_query(data, size);
}
#endif
