/* test-normalize.c - folding text for matching: spaces, soft hyphens, ligatures, quotes,
 * dashes, ellipses, letters with diacritics and ordinals become what a user types; finding
 * hyphenated compounds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "normalize.h"

/* The folded text of a NUL-terminated string, in a static buffer. */
static const char *
fold(const char *in)
{
    static char out[1024];
    size_t len = strlen(in);
    assert_true(len < sizeof out);
    memset(out, 'X', sizeof out);
    size_t n = normalize_for_index(in, len, out);
    assert_true(n <= len);
    assert_int_equal(out[n], '\0');
    assert_int_equal(strlen(out), n);
    return out;
}

static void
test_apostrophes_match(void **state)
{
    (void)state;
    char curly[64], straight[64];
    strcpy(curly, fold("Children\xE2\x80\x99s Services"));
    strcpy(straight, fold("Children's Services"));
    assert_string_equal(curly, straight);
    assert_string_equal(curly, "Children's Services");
}

static void
test_quotes(void **state)
{
    (void)state;
    assert_string_equal(
        fold("\xE2\x80\x98single\xE2\x80\x99 \xE2\x80\x9A\xE2\x80\x9B 5\xE2\x80\xB2"),
        "'single' '' 5'");
    assert_string_equal(fold("\xE2\x80\x9C"
                             "double\xE2\x80\x9D \xE2\x80\x9E\xE2\x80\x9F 6\xE2\x80\xB3"),
                        "\"double\" \"\" 6\"");
}

static void
test_spaces(void **state)
{
    (void)state;
    /* NBSP, en quad, thin space, hair space, narrow NBSP, medium math space, ideographic
     * space, line separator */
    assert_string_equal(fold("a\xC2\xA0"
                             "b\xE2\x80\x80"
                             "c\xE2\x80\x89"
                             "d\xE2\x80\x8A"
                             "e\xE2\x80\xAF"
                             "f\xE2\x81\x9F"
                             "g\xE3\x80\x80"
                             "h\xE2\x80\xA8i"),
                        "a b c d e f g h i");
    /* soft hyphen and zero-width characters go */
    assert_string_equal(fold("co\xC2\xAD"
                             "operation \xEF\xBB\xBFword\xE2\x80\x8Bjoin\xE2\x81\xA0"
                             "ed"),
                        "cooperation wordjoined");
}

static void
test_ligatures(void **state)
{
    (void)state;
    assert_string_equal(fold("\xEF\xAC\x80 \xEF\xAC\x81 \xEF\xAC\x82 \xEF\xAC\x83 \xEF\xAC\x84 "
                             "\xEF\xAC\x85 \xEF\xAC\x86"),
                        "ff fi fl ffi ffl st st");
    assert_string_equal(fold("\xEF\xAC\x81nance o\xEF\xAC\x83"
                             "ce"),
                        "finance office");
}

static void
test_dashes_and_ellipsis(void **state)
{
    (void)state;
    assert_string_equal(fold("a\xE2\x80\x90"
                             "b\xE2\x80\x91"
                             "c\xE2\x80\x92"
                             "d\xE2\x80\x93"
                             "e\xE2\x80\x94"
                             "f\xE2\x80\x95"
                             "g\xE2\x88\x92h"),
                        "a-b-c-d-e-f-g-h");
    assert_string_equal(fold("and so on\xE2\x80\xA6"), "and so on...");
}

static void
test_accents(void **state)
{
    (void)state;
    assert_string_equal(fold("Climbi\xC3\xA9 caf\xC3\xA9 CAF\xC3\x89"), "Climbie cafe CAFE");
    /* Welsh: circumflexes on every vowel, w and y; grave, acute and diaeresis on w and y */
    assert_string_equal(fold("Ynys M\xC3\xB4n, Ll\xC5\xB7n, \xC5\xB5, \xC5\xB4, \xC3\xA2\xC3\xAA"
                             "\xC3\xAE\xC3\xBB, \xE1\xBA\x81\xE1\xBA\x83\xE1\xBA\x85\xE1\xBB\xB3"),
                        "Ynys Mon, Llyn, w, W, aeiu, wwwy");
    assert_string_equal(fold("fa\xC3\xA7"
                             "ade Se\xC3\xB1or na\xC3\xAFve \xC3\x85se Dvo\xC5\x99\xC3\xA1k"),
                        "facade Senor naive Ase Dvorak");
    /* letters with no decomposition */
    assert_string_equal(
        fold("Stra\xC3\x9F"
             "e \xE1\xBA\x9E \xC3\x86on \xC5\x92uvre \xC3\x98 \xC3\xB0 \xC3\x9E\xC3\xBE "
             "\xC5\x81\xC3\xB3"
             "d\xC5\xBA \xC4\xB1 \xC4\xB3"),
        "Strasse SS AEon OEuvre O d THth Lodz i ij");
    /* Romanian comma below, Latin Extended Additional (Vietnamese) */
    assert_string_equal(fold("\xC8\x98tefan \xC8\x9B \xE1\xBB\x87 \xE1\xBB\xB9"), "Stefan t e y");
    /* combining marks go: "e" + U+0301 is e */
    assert_string_equal(fold("Climbie\xCC\x81 cafe\xCC\x81s"), "Climbie cafes");
    /* what is not a letter stays: multiplication and division signs, the degree sign */
    assert_string_equal(fold("2\xC3\x97"
                             "3 \xC3\xB7 1.5\xC2\xB0"
                             "C"),
                        "2\xC3\x97"
                        "3 \xC3\xB7 1.5\xC2\xB0"
                        "C");
}

static void
test_ordinals(void **state)
{
    (void)state;
    assert_string_equal(fold("16th October 2023"), "16 October 2023");
    assert_string_equal(fold("the 1st, 2nd, 3rd and 22nd; 4TH 11Th"), "the 1, 2, 3 and 22; 4 11");
    assert_string_equal(fold("(21st)"), "(21)");
    assert_string_equal(fold("16th-century"), "16-century");
    /* not an ordinal: part of a longer word, or more letters after it */
    assert_string_equal(fold("A16th 16ths 16thly 1stop 2nds"), "A16th 16ths 16thly 1stop 2nds");
    assert_string_equal(fold("\xC3\xA9"
                             "16th"),
                        "e16th");
    assert_string_equal(fold("16th\xC3\xA9"), "16the");
    /* a suffix alone, and digits without one, stay */
    assert_string_equal(fold("th 16 1.5 750,000"), "th 16 1.5 750,000");
    /* after a folded character the same in place or not */
    char text[] = "\xE2\x80\xA6"
                  "16th";
    assert_string_equal(fold(text), "...16");
    normalize_for_index(text, strlen(text), text);
    assert_string_equal(text, "...16");
}

/* The compounds of a text, as "[a-b] [c-d]". */
static const char *
compounds(const char *text)
{
    static char out[512];
    size_t pos = 0, start, end, len = strlen(text);
    out[0] = '\0';
    while (normalize_next_compound(text, len, &pos, &start, &end)) {
        assert_true(start < end && end <= len && pos == end);
        snprintf(out + strlen(out), sizeof out - strlen(out), "%s[%.*s]", out[0] ? " " : "",
                 (int)(end - start), text + start);
    }
    assert_int_equal(pos, len);
    return out;
}

static void
test_compounds(void **state)
{
    (void)state;
    assert_string_equal(compounds("Tackling anti-social behaviour, the Sub-Committee said."),
                        "[anti-social] [Sub-Committee]");
    assert_string_equal(compounds("co-production (well-being) \"mother-in-law\" e-mail."),
                        "[co-production] [well-being] [mother-in-law] [e-mail]");
    /* at the edges, and after a query's operators and prefixes */
    assert_string_equal(compounds("x-ray"), "[x-ray]");
    assert_string_equal(compounds("-anti-social +co-op title:sub-committee"),
                        "[anti-social] [co-op] [sub-committee]");
    /* numbers, wildcards, longer words and runs are not compounds, nor any part of them */
    assert_string_equal(compounds("covid-19 2017-18 A-12 anti-soc* pre-2010 x-y-"), "");
    assert_string_equal(compounds("O'Neill-Smith AT&T-style a.b-c anti-social's e-mail.com"), "");
    assert_string_equal(compounds("co-op+ x-y# a-b@c a-b&c"), "");
    assert_string_equal(compounds("covid-19-anti-social caf\xC3\xA9-bar bar-caf\xC3\xA9"), "");
    assert_string_equal(compounds("word-anti-social"), "[word-anti-social]");
    assert_string_equal(compounds("a--b -x a- -b"), "");
    /* at most five parts and 64 letters */
    assert_string_equal(compounds("a-b-c-d-e a-b-c-d-e-f"), "[a-b-c-d-e]");
    char long_word[80];
    memset(long_word, 'x', sizeof long_word);
    long_word[40] = '-';
    long_word[65] = '\0';
    char bracketed[96];
    snprintf(bracketed, sizeof bracketed, "[%s]", long_word);
    assert_string_equal(compounds(long_word), bracketed);
    long_word[66] = '\0';
    long_word[65] = 'x';
    assert_string_equal(compounds(long_word), "");
    char closed[32];
    size_t n = normalize_close_compound("Sub-Committee", 13, closed);
    assert_int_equal(n, 12);
    assert_memory_equal(closed, "SubCommittee", 12);
}

static void
test_everything_else_kept(void **state)
{
    (void)state;
    /* other characters, invalid and truncated UTF-8 are copied as they are */
    const char *kept = "\xE2\x82\xAC 5 \xF0\x9F\x98\x80 \xCE\xB1 \xFF\xC2 end \xC3 \xE2\x80";
    assert_string_equal(fold(kept), kept);
    assert_string_equal(fold(""), "");
    assert_string_equal(fold("plain ASCII, untouched."), "plain ASCII, untouched.");
}

static void
test_in_place(void **state)
{
    (void)state;
    char text[] = "\xE2\x80\x9C"
                  "Children\xE2\x80\x99s\xE2\x80\x9D\xC2\xA0\xE2\x80\x93 "
                  "\xEF\xAC\x81ne\xE2\x80\xA6";
    size_t n = normalize_for_index(text, strlen(text), text);
    assert_string_equal(text, "\"Children's\" - fine...");
    assert_int_equal(n, strlen(text));
    /* only the given length is read */
    char part[] = "a\xE2\x80\x99z";
    char out[8];
    n = normalize_for_index(part, 2, out);
    assert_int_equal(n, 2);
    assert_memory_equal(out, "a\xE2", 3);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_apostrophes_match),
        cmocka_unit_test(test_quotes),
        cmocka_unit_test(test_spaces),
        cmocka_unit_test(test_ligatures),
        cmocka_unit_test(test_dashes_and_ellipsis),
        cmocka_unit_test(test_accents),
        cmocka_unit_test(test_ordinals),
        cmocka_unit_test(test_compounds),
        cmocka_unit_test(test_everything_else_kept),
        cmocka_unit_test(test_in_place),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
