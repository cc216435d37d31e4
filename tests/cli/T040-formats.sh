# T040-formats - indexing HTML, PDF, gzip-compressed files, Windows-1252 and UTF-16 text, and
# files whose extension lies; pages of PDFs; skips with a reason; a pdftotext that hangs.
# Every fixture is made here, in $TMP.
. tests/cli/test-lib.sh

docs="$TMP/docs"
idx="$TMP/idx"
mkdir -p "$docs"

# mkpdf OUT TEXT...: a minimal PDF with one page per TEXT (one line of Helvetica each), its
# cross-reference offsets counted as it is written.
mkpdf() {
    out=$1
    shift
    pages=$#
    printf '%%PDF-1.4\n' >"$out"
    offsets=""
    obj() { # obj N BODY: append object N, noting its offset
        offsets="$offsets $(wc -c <"$out")"
        printf '%s 0 obj\n%s\nendobj\n' "$1" "$2" >>"$out"
    }
    kids=""
    i=0
    while [ $i -lt "$pages" ]; do
        kids="$kids $((4 + 2 * i)) 0 R"
        i=$((i + 1))
    done
    obj 1 "<< /Type /Catalog /Pages 2 0 R >>"
    obj 2 "<< /Type /Pages /Count $pages /Kids [$kids ] >>"
    obj 3 "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    i=0
    for text in "$@"; do
        content="BT /F1 12 Tf 72 720 Td ($text) Tj ET"
        obj $((4 + 2 * i)) "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents $((5 + 2 * i)) 0 R >>"
        obj $((5 + 2 * i)) "<< /Length ${#content} >>
stream
$content
endstream"
        i=$((i + 1))
    done
    xref=$(wc -c <"$out")
    count=$((4 + 2 * pages))
    {
        printf 'xref\n0 %d\n0000000000 65535 f \n' "$count"
        for o in $offsets; do printf '%010d 00000 n \n' "$o"; done
        printf 'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' "$count" "$xref"
    } >>"$out"
}

cat >"$docs/minutes.html" <<'EOF'
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Minutes</title>
<script>var trackingword = 1;</script><style>.x { color: red }</style></head>
<body>
<nav class="site-nav"><ul><li><a href="/">Home navonlyword</a></li></ul></nav>
<div class="breadcrumb">Home &gt; crumbword</div>
<div id="content">
<h1>Education and Children&rsquo;s Services Scrutiny Board (2) - Thursday, 16th September, 2021</h1>
<h2>3. Ofsted Report</h2>
<p>The Board considered the   report on the
<b>htmlword</b> inspection &amp; its findings.</p>
<ul><li>Listitemword one</li><li>Second entry</li></ul>
<table><tr><th>Member</th><th>Role</th></tr><tr><td>Councillor Tablecellword</td><td>Chair</td></tr></table>
</div>
<footer>Footerword</footer>
</body></html>
EOF

printf '# Notes\n\n4. Budget\n\nThe markdowngzword budget was agreed.\n' | gzip -c >"$docs/notes.md.gz"
printf 'Minutes\n\nThe textgzword paper was noted.\n' | gzip -c >"$docs/plain.txt.gz"
printf 'Children\222s Services \223Ofsted\224 cp1252word \200 5\n' >"$docs/cp1252.txt"
{ printf '\377\376'; printf 'utf16word Children\342\200\231s Services\n' | iconv -f UTF-8 -t UTF-16LE; } >"$docs/utf16.txt"
mkpdf "$docs/report.pdf" "3. Budget Report" "The Ofsted pdfword inspection"
printf '\037\213\010\000\000\000\000\000\000\003\377\377\377\377\377\377' >"$docs/corrupt.txt.gz"
printf 'Not a PDF at all: fakepdfword.\n' >"$docs/fake.pdf"

test_begin "index every format"
run_minutes index -d "$idx" "$docs"
test_expect_status "exit 0" 0
test_expect_match "corrupt gzip skipped with a reason" "skipping '.*corrupt.txt.gz': corrupt gzip data" "$TMP/err"
test_expect_match "summary counts the skipped file" '[^0-9]1 failed;' "$TMP/err"
test_expect_match "summary counts the indexed files" ' 7 added' "$TMP/err"
test_expect_no_match "nothing else skipped" "skipping '.*(minutes.html|notes|plain|cp1252|utf16|report|fake)" "$TMP/err"
cp "$TMP/err" "$TMP/index-err"

# found WORD FILE: a search for WORD finds a paragraph of FILE
found() {
    run_minutes search -d "$idx" --format tsv "$1"
    if [ "$status" = 0 ] && tsv_select path "$TMP/out" | grep -q "/$2\$"; then
        pass_ "$1 found in $2"
    else
        fail_ "$1 found in $2" "status $status" "$(head -3 "$TMP/out")"
    fi
}

test_begin "HTML"
found htmlword minutes.html
found listitemword minutes.html
run_minutes search -d "$idx" --format tsv htmlword
test_expect_match "in its agenda item" "	3	Ofsted Report	" "$TMP/out"
test_expect_match "white space collapsed, entities decoded" "The Board considered the report on the htmlword inspection & its findings." "$TMP/out"
run_minutes search -d "$idx" --format tsv listitemword
test_expect_match "a list item" "	list-item	" "$TMP/out"
run_minutes search -d "$idx" --format tsv tablecellword
test_expect_match "a table row" "Councillor Tablecellword \\| Chair" "$TMP/out"
for word in trackingword navonlyword crumbword footerword; do
    run_minutes search -d "$idx" --format tsv "$word"
    test_expect_status "$word (not content) is not indexed" 1
done

test_begin "gzip"
found markdowngzword notes.md.gz
found textgzword plain.txt.gz

test_begin "encodings"
found cp1252word cp1252.txt
run_minutes search -d "$idx" --format tsv cp1252word
test_expect_match "Windows-1252 decoded" 'Children’s Services “Ofsted” cp1252word € 5' "$TMP/out"
found utf16word utf16.txt
run_minutes search -d "$idx" --format tsv utf16word
test_expect_match "UTF-16 decoded" 'utf16word Children’s Services' "$TMP/out"

test_begin "PDF"
found pdfword report.pdf
run_minutes search -d "$idx" --format json pdfword
test_expect_match "the hit is on page 2" '"page": ?2[,}]' "$TMP/out"
run_minutes search -d "$idx" --color=never pdfword
test_expect_match "text output shows the page" 'report.pdf:[0-9]+ p\. 2 ' "$TMP/out"
run_minutes search -d "$idx" --format json htmlword
test_expect_match "no page for HTML" '"page": ?null' "$TMP/out"

test_begin "extension lies"
found fakepdfword fake.pdf
if grep -q "fake.pdf" "$TMP/index-err"; then
    test_expect_match "the warning names the file and says why" \
        "fake.pdf'.*extension says PDF but content is text" "$TMP/index-err"
else
    fail_ "the warning names the file and says why" "no line names fake.pdf" "$(cat "$TMP/index-err")"
fi

test_begin "pdftotext that hangs"
mkdir -p "$TMP/bin" "$TMP/slow"
printf '#!/bin/sh\nsleep 100\n' >"$TMP/bin/pdftotext"
chmod +x "$TMP/bin/pdftotext"
mkpdf "$TMP/slow/slow.pdf" "Slow"
start=$(date +%s)
PATH="$TMP/bin:$PATH" MINUTES_PDFTOTEXT_TIMEOUT=1 "$MINUTES" index -d "$TMP/slow-idx" "$TMP/slow/slow.pdf" >"$TMP/out" 2>"$TMP/err"
status=$?
took=$(($(date +%s) - start))
test_expect_status "nothing indexed: exit 2" 2
test_expect_match "skipped with the reason" "slow.pdf'?: pdftotext timed out after 1 s" "$TMP/err"
if [ "$took" -lt 10 ]; then pass_ "within the limit (${took} s)"; else fail_ "within the limit (${took} s)"; fi

test_begin "pdftotext missing"
PATH="/nonexistent" "$MINUTES" index -d "$TMP/none-idx" "$TMP/slow/slow.pdf" >"$TMP/out" 2>"$TMP/err"
status=$?
test_expect_status "nothing indexed: exit 2" 2
test_expect_match "says how to install it" "pdftotext not installed \\(apt-get install poppler-utils\\)" "$TMP/err"

test_begin "deeply nested HTML"
mkdir -p "$TMP/deep"
# 400 paragraphs, each opening a <font> it never closes, so that each nests deeper
awk 'BEGIN { print "<html><body>"
    for (i = 0; i < 400; i++) printf "<p><font face=\"Arial\">fontpara%d fontword\n", i
    print "</body></html>" }' >"$TMP/deep/fonts.html"
# 100,000 nested <div>s with text at the bottom and after them
awk 'BEGIN { printf "<html><body>"
    for (i = 0; i < 100000; i++) printf "<div>"
    printf "bottomdivword at the bottom"
    for (i = 0; i < 100000; i++) printf "</div>"
    print "afterdivword after them</body></html>" }' >"$TMP/deep/divs.html"
start=$(date +%s)
run_minutes index -d "$TMP/deep-idx" "$TMP/deep"
took=$(($(date +%s) - start))
test_expect_status "exit 0" 0
test_expect_no_match "nothing skipped" "skipping" "$TMP/err"
test_expect_match "both indexed" " 2 added" "$TMP/err"
if [ "$took" -lt 10 ]; then pass_ "quickly (${took} s)"; else fail_ "quickly (${took} s)"; fi
run_minutes search -d "$TMP/deep-idx" -n 1000 --format tsv fontword
test_expect_equal "every paragraph of unclosed fonts is found" 400 \
    "$(tsv_select text "$TMP/out" | wc -l)"
test_expect_equal "each a paragraph of its own" 400 \
    "$(tsv_select text "$TMP/out" | sort -u | grep -Ec '^fontpara[0-9]+ fontword$')"
for word in fontpara0 fontpara255 fontpara399; do
    run_minutes search -d "$TMP/deep-idx" --format tsv "$word"
    test_expect_equal "$word is found" "$word fontword" "$(tsv_select text "$TMP/out")"
done
run_minutes search -d "$TMP/deep-idx" --format tsv bottomdivword
test_expect_match "the text under 100,000 divs is found" "	bottomdivword at the bottom	" "$TMP/out"
run_minutes search -d "$TMP/deep-idx" --format tsv afterdivword
test_expect_match "and the text after them" "	afterdivword after them	" "$TMP/out"

test_begin "typographic variants match"
printf 'The \357\254\201nance committee met.\n\nChildren\342\200\231s services were dis\302\255cussed.\n' >"$TMP/typo.txt"
"$MINUTES" index -q -d "$TMP/typo-idx" "$TMP/typo.txt" 2>/dev/null
for q in finance "children's" "Children’s" discussed; do
    run_minutes search -d "$TMP/typo-idx" --format tsv "$q"
    test_expect_status "'$q' is found" 0
done
run_minutes search -d "$TMP/typo-idx" --json finance
test_expect_match "the stored text keeps the ligature" 'ﬁnance' "$TMP/out"

test_done
