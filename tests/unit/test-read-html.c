/* test-read-html.c - reading HTML: text and layout, tables, character sets, and documents
 * nested deeper than libxml2's tree allows. Every input is made here. */
#include "read-fixture.h"

static void
test_html_to_text(void **state)
{
    (void)state;
    const char *html =
        "<!DOCTYPE html>\n<html><head><title>Meetings</title><style>p { color: red }</style>"
        "<script>var hidden = 1;</script></head>\n"
        "<body class=\"has-nav\"><header>Council website</header>\n"
        "<nav><ul><li>Home</li><li>Meetings</li></ul></nav>\n"
        "<div class=\"breadcrumb\">Home &gt; Meetings</div>\n"
        "<div id=\"cookie-notice\">We use cookies</div>\n"
        "<div role=\"navigation\">Skip</div><a class=\"skip-link\" href=\"#c\">Skip to main</a>\n"
        "<div id=\"main-menu\">Menu</div><div class=\"topnavigation\">Top</div>\n"
        "<div class=\"SiteNav\">Site</div><div hidden>Hidden</div>\n"
        "<div id=\"content\">\n"
        "<h1>Scrutiny   Board</h1>\n"
        "<h2>3. Ofsted Report</h2>\n"
        "<p class=\"status-unavailable bg-navy\">Kept despite its classes.</p>\n"
        "<p>The Board considered\n   the report of the\n<b>Director</b> &amp; noted "
        "&ldquo;good&rdquo;"
        "&nbsp;progress.</p>\n"
        "<p>RESOLVED that:</p><ol><li>the report be noted;</li><li><p>officers report back.</p>"
        "</li></ol>\n"
        "<table><tr><th>Name</th><th>Role</th></tr>\n<tr><td>Cllr Smith</td><td>Chair</td></tr>"
        "<tr><td></td><td>Vice <br>Chair</td></tr></table>\n"
        "<p>Line one<br>line two</p>\n"
        "<noscript>Enable JavaScript</noscript><template>Template</template>"
        "<form><button>Go</button><select><option>One</option></select></form>\n"
        "<aside>Related pages</aside>\n"
        "<pre>  kept\n  as is</pre>\n"
        "</div><footer>Copyright</footer></body></html>\n";
    source src;
    const char *reason = NULL;
    assert_int_equal(decode(html, strlen(html), SOURCE_HTML, &src, &reason), MINUTES_OK);
    assert_int_equal(src.format, SOURCE_HTML);
    assert_null(src.warning);
    assert_string_equal(src.text, "# Scrutiny Board\n"
                                  "\n"
                                  "## 3. Ofsted Report\n"
                                  "\n"
                                  "Kept despite its classes.\n"
                                  "\n"
                                  "The Board considered the report of the Director & noted "
                                  "\xE2\x80\x9Cgood\xE2\x80\x9D\xC2\xA0progress.\n"
                                  "\n"
                                  "RESOLVED that:\n"
                                  "\n"
                                  "- the report be noted;\n"
                                  "\n"
                                  "- officers report back.\n"
                                  "\n"
                                  "Name\tRole\n"
                                  "Cllr Smith\tChair\n"
                                  "\tVice Chair\n"
                                  "\n"
                                  "Line one\n"
                                  "line two\n"
                                  "\n"
                                  "  kept\n"
                                  "  as is\n");
    source_release(&src);
}

static void
test_html_layout_table(void **state)
{
    (void)state;
    /* A table that lays out a page: its cells are blocks, not a row. */
    const char *html = "<html><body><table><tr><td><h2>4. Budget</h2><p>First.</p></td>"
                       "<td><ul><li>Point</li></ul></td></tr></table></body></html>";
    source src;
    const char *reason = NULL;
    assert_int_equal(decode(html, strlen(html), SOURCE_HTML, &src, &reason), MINUTES_OK);
    assert_string_equal(src.text, "## 4. Budget\n\nFirst.\n\n- Point\n");
    source_release(&src);
}

static void
test_html_charset(void **state)
{
    (void)state;
    source src;
    const char *reason = NULL;
    /* The document's <meta charset> */
    const char *html = "<html><head><meta charset=\"windows-1252\"></head>"
                       "<body><p>Children\x92s \x80 5</p></body></html>";
    assert_int_equal(decode(html, strlen(html), SOURCE_HTML, &src, &reason), MINUTES_OK);
    assert_string_equal(src.text, "Children\xE2\x80\x99s \xE2\x82\xAC 5\n");
    assert_null(src.warning);
    source_release(&src);
    /* http-equiv's */
    html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
           "charset=iso-8859-1\"></head><body><p>caf\xE9</p></body></html>";
    assert_int_equal(decode(html, strlen(html), SOURCE_HTML, &src, &reason), MINUTES_OK);
    assert_string_equal(src.text, "caf\xC3\xA9\n");
    source_release(&src);
    /* none, and not UTF-8: Windows-1252 */
    html = "<p>Children\x92s page</p>";
    assert_int_equal(decode(html, strlen(html), SOURCE_HTML, &src, &reason), MINUTES_OK);
    assert_string_equal(src.text, "Children\xE2\x80\x99s page\n");
    assert_string_equal(src.warning, "not UTF-8: read as Windows-1252");
    source_release(&src);
    /* UTF-16 */
    size_t len;
    char *bytes = utf16_bytes("<html><body><p>Children\xE2\x80\x99s</p></body></html>", 0, &len);
    assert_int_equal(decode(bytes, len, SOURCE_HTML, &src, &reason), MINUTES_OK);
    assert_string_equal(src.text, "Children\xE2\x80\x99s\n");
    source_release(&src);
    free(bytes);
}

/* A growing string for the deep documents below. */
typedef struct {
    char *s;
    size_t len, cap;
} strbuf;

static void
strbuf_add(strbuf *b, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int n = vsnprintf(NULL, 0, format, ap);
    va_end(ap);
    assert_true(n >= 0);
    if (b->len + (size_t)n + 1 > b->cap) {
        b->cap = (b->len + (size_t)n + 1) * 2;
        b->s = realloc(b->s, b->cap);
        assert_non_null(b->s);
    }
    va_start(ap, format);
    vsnprintf(b->s + b->len, b->cap - b->len, format, ap);
    va_end(ap);
    b->len += (size_t)n;
}

static void
test_html_deep_nesting(void **state)
{
    (void)state;
    source src;
    const char *reason = NULL;
    strbuf html = {0}, want = {0};

    /* 400 paragraphs, each opening a <font> it never closes: every one nests deeper. */
    strbuf_add(&html, "<html><body>\n");
    for (int i = 0; i < 400; i++) {
        strbuf_add(&html, "<p><font face=\"Arial\">para%d words\n", i);
        strbuf_add(&want, "%spara%d words", i ? "\n\n" : "", i);
    }
    strbuf_add(&html, "</body></html>\n");
    strbuf_add(&want, "\n");
    assert_int_equal(decode(html.s, html.len, SOURCE_HTML, &src, &reason), MINUTES_OK);
    assert_null(src.warning);
    assert_string_equal(src.text, want.s);
    source_release(&src);

    /* 100,000 nested <div>s, with text on the way down, at the bottom and after them. */
    html.len = want.len = 0;
    strbuf_add(&html, "<html><body>");
    for (int i = 0; i < 100000; i++) {
        strbuf_add(&html, "<div>");
        if (i % 10000 == 0) {
            strbuf_add(&html, "level%d", i);
            strbuf_add(&want, "level%d\n\n", i);
        }
    }
    strbuf_add(&html, "bottom words");
    for (int i = 0; i < 100000; i++)
        strbuf_add(&html, "</div>");
    strbuf_add(&html, "after words</body></html>");
    strbuf_add(&want, "bottom words\n\nafter words\n");
    assert_int_equal(decode(html.s, html.len, SOURCE_HTML, &src, &reason), MINUTES_OK);
    assert_null(src.warning);
    assert_string_equal(src.text, want.s);
    source_release(&src);

    /* Deep down, what is left out is still left out, and headings and tables keep their
     * shape. */
    html.len = 0;
    for (int i = 0; i < 5000; i++)
        strbuf_add(&html, "<div>");
    strbuf_add(&html, "<nav>Home</nav><h2>4. Budget</h2><table><tr><td>Cllr Smith</td>"
                      "<td>Chair</td></tr></table>");
    for (int i = 0; i < 5000; i++)
        strbuf_add(&html, "</div>");
    strbuf_add(&html, "<p>Last.</p>");
    assert_int_equal(decode(html.s, html.len, SOURCE_HTML, &src, &reason), MINUTES_OK);
    assert_string_equal(src.text, "## 4. Budget\n\nCllr Smith\tChair\n\nLast.\n");
    source_release(&src);
    free(html.s);
    free(want.s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html_to_text),
        cmocka_unit_test(test_html_layout_table),
        cmocka_unit_test(test_html_charset),
        cmocka_unit_test(test_html_deep_nesting),
    };
    return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
