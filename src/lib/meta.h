/* meta.h - meeting metadata: what a document says about its council, board, meeting date and
 * kind, and the vocabularies (item types, document types) the index files paragraphs under.
 *
 * segment_document() calls these while it splits a document; the query side uses the
 * normalizers so that a filter is spelt the way the index spells it.
 */
#ifndef MINUTES_META_H
#define MINUTES_META_H

#include <stddef.h>

#include "arena.h"

/* The normalized id of a board, committee or council name, for matching different spellings
 * of one body: lower-case ASCII letters and digits, every other run of characters one '-',
 * apostrophes (' and U+2019) dropped, "&" read as "and", no leading or trailing '-'.
 * "Education and Children's Services Scrutiny Board (2)" and the same with a curly
 * apostrophe both give "education-and-childrens-services-scrutiny-board-2". Allocated in the
 * arena; NULL when out of memory or when nothing is left. */
char *meta_name_id(arena *a, const char *name, size_t len);

/* The item type of an agenda item, from its title, by the rules of the item-type table
 * (itemtype.c): one of item_types[]. Never NULL: a title no rule matches is "report"; a
 * NULL or empty title is "other". */
const char *meta_item_type(const char *title);

/* The vocabularies, NULL-terminated. */
extern const char *const meta_item_types[];
extern const char *const meta_doc_types[];
extern const char *const meta_para_kinds[];

/* Whether `word` is in the NULL-terminated `vocabulary`. */
int meta_in_vocabulary(const char *const *vocabulary, const char *word);

/* Find the first date written in `len` bytes of text - "29 June 2017", "Thursday, 16th
 * September, 2021", "16th September 2021", "29/06/2017" (UK day/month/year), "2017-06-29" -
 * and write it as "YYYY-MM-DD" (11 bytes with the NUL) to out. Returns 1 if found, else 0.
 * Impossible dates (31 June) are not dates. */
int meta_find_date(const char *text, size_t len, char out[11]);

/* The days in `month` (1-12) of `year` in the Gregorian calendar: 28 to 31. */
int meta_days_in_month(int year, int month);

/* The month (1-12) a word names - in full, three letters or "Sept", English, or Welsh in
 * full - or 0. */
int meta_month_name(const char *word, size_t n);

/* The length of a minute number printed at the start of `text`, or 0: "CM 70/23", "C048/23",
 * "MH05/17.1", "35/23", "60.3" (a numbered paragraph of minute 60). */
size_t meta_read_minute(const char *text, size_t n);

/* The form of a minute number the index keeps and a filter looks for, in out (of `size`
 * bytes): "4/21" for "04/21" or "4/2021"; other forms upper case without spaces ("CM70/23"
 * for "CM 70/23"). */
void meta_minute_id(const char *minute, char *out, size_t size);

/* Whether the council `council_id` (a meta_name_id) numbers its minutes by the municipal
 * year rule of meta_minute_number, though its text does not print the numbers: the table
 * of such councils is in meta.c. */
int meta_numbers_minutes(const char *council_id);

/* The minute number of item `item_number` at a meeting on `date` ("YYYY-MM-DD"): the item
 * number, '/', and the two-digit year in which the municipal year (May to April) began:
 * item 3 on 2017-06-29 is "3/17", item 17 on 2016-09-15 "17/16", item 5 on 2017-03-02
 * "5/16". NULL (without allocating) if either is NULL or the date is malformed. */
char *meta_minute_number(arena *a, const char *item_number, const char *date);

#endif /* MINUTES_META_H */
