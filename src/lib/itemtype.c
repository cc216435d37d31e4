/* itemtype.c - the item-type table: what kind of agenda item a title names.
 *
 * Councils title their standing items in many ways ("Apologies for Absence", "Apologies and
 * Substitutions", "Declarations of Interest"); one ordered table maps them all onto the item
 * types of meta_item_types[]. This is the one place to teach the index a council's wording.
 */
#include "meta.h"

#include <string.h>

#include "chars.h"

/* One rule: a title containing `pattern` (ignoring case, starting at the beginning of a
 * word, so "minutes" does not match "Ministerial") has item type `type`. */
typedef struct item_type_rule {
    const char *pattern;
    const char *type;
} item_type_rule;

/* Ordered: the first rule that matches wins, so put the more specific wording first ("Work
 * Programme and Outstanding Issues" is a work programme; "Exempt Minutes" is exempt).
 * To support another council's wording, add one line here. */
static const item_type_rule item_type_rules[] = {
    {"apolog", "apologies"}, /* Apologies for Absence; Apologies and Substitutions */
    {"substitut", "apologies"},
    {"declaration", "declarations"}, /* Declarations of Interest(s) */
    {"disclosure", "declarations"}, /* Disclosures of (Pecuniary) Interest */
    {"pecuniary interest", "declarations"},
    {"conflicts of interest", "declarations"},
    {"exclusion of", "exempt"}, /* Exclusion of the Press and Public */
    {"exempt", "exempt"},
    {"private business", "exempt"},
    {"work programme", "work-programme"},
    {"work plan", "work-programme"},
    {"forward plan", "work-programme"},
    {"outstanding issues", "outstanding-issues"},
    {"outstanding actions", "outstanding-issues"},
    {"any other business", "any-other-business"},
    {"any other items", "any-other-business"}, /* Any Other Items of Public Business */
    {"urgent business", "any-other-business"},
    {"urgent items", "any-other-business"},
    {"questions and petitions", "public-questions"},
    {"public question", "public-questions"},
    {"public participation", "public-questions"},
    {"public forum", "public-questions"},
    {"public speaking", "public-questions"},
    {"questions from members of the public", "public-questions"},
    {"questions from the public", "public-questions"},
    {"questions by the public", "public-questions"},
    {"petition", "petitions"},
    {"notice of motion", "motions"},
    {"notices of motion", "motions"},
    {"motion", "motions"},
    {"matters arising", "minutes"},
    {"minutes", "minutes"}, /* Minutes; Minutes of the Previous Meeting */
    {"date of next meeting", "other"},
    {"dates of future meetings", "other"},
    {"announcement", "other"}, /* Chair's Announcements */
    {"election of chair", "other"},
    {"appointment of chair", "other"},
    {"appointment of vice", "other"},
};

/* Whether `pattern` (lower case) occurs in `title` at the start of a word. */
static int
title_contains(const char *title, const char *pattern)
{
    size_t n = strlen(pattern);
    for (const char *t = title; *t; t++) {
        if (t > title && is_alpha(t[-1]))
            continue;
        size_t k = 0;
        while (k < n && t[k] && to_lower(t[k]) == pattern[k])
            k++;
        if (k == n)
            return 1;
    }
    return 0;
}

const char *
meta_item_type(const char *title)
{
    if (!title || !*title)
        return "other";
    for (size_t i = 0; i < sizeof item_type_rules / sizeof item_type_rules[0]; i++)
        if (title_contains(title, item_type_rules[i].pattern))
            return item_type_rules[i].type;
    /* A titled item no rule knows is the meeting's substantive business. */
    return "report";
}
