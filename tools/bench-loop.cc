/* bench-loop.cc - the bare per-paragraph Xapian loop that tools/bench measures minutes
 * against: what a plain indexer written straight against Xapian's C++ API costs. No part of
 * minutes; built only by 'make bench'.
 *
 *   bench-loop RECORDS DB
 *
 * RECORDS holds the paragraphs tools/bench split the corpus into (the same ones SQLite FTS5
 * gets), each as four fields - path, board, date, text - and each field as its length in
 * bytes in decimal, a newline, and the bytes. Each paragraph becomes one document: its text
 * through a TermGenerator with the English stemmer in its default mode (STEM_SOME: every
 * word unstemmed with positions, and its stem with a Z prefix), a unique id term (Q and the
 * paragraph's number), a board term (XB) and a year term (XY) when the path names them, the
 * date as value 0 and the text as the document's data; add_document; a commit every 2,000
 * documents and one at the end. Prints the wall seconds (opening the database to the last
 * commit, reading RECORDS included) and the number of documents.
 */
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

const unsigned COMMIT_EVERY = 2000;

// One field: false at a clean end of the file; exits on a torn or malformed record.
bool read_field(FILE *in, const char *records, std::string &field)
{
    unsigned long length;
    int got = std::fscanf(in, "%lu", &length);
    if (got == EOF)
        return false;
    if (got != 1 || std::fgetc(in) != '\n') {
        std::fprintf(stderr, "bench-loop: %s: not a record file\n", records);
        std::exit(2);
    }
    field.resize(length);
    if (length && std::fread(&field[0], 1, length, in) != length) {
        std::fprintf(stderr, "bench-loop: %s: ends inside a record\n", records);
        std::exit(2);
    }
    return true;
}

}  // namespace

int main(int argc, char **argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: bench-loop RECORDS DB\n");
        return 2;
    }
    const char *records = argv[1];
    FILE *in = std::fopen(records, "rb");
    if (!in) {
        std::perror(records);
        return 2;
    }
    unsigned long documents = 0;
    auto start = std::chrono::steady_clock::now();
    try {
        Xapian::WritableDatabase db(argv[2], Xapian::DB_CREATE_OR_OVERWRITE);
        Xapian::TermGenerator terms;
        terms.set_stemmer(Xapian::Stem("english"));
        std::string path, board, date, text;
        while (read_field(in, records, path)) {
            if (!read_field(in, records, board) || !read_field(in, records, date) ||
                !read_field(in, records, text)) {
                std::fprintf(stderr, "bench-loop: %s: ends inside a record\n", records);
                return 2;
            }
            Xapian::Document doc;
            terms.set_document(doc);
            terms.index_text(text);
            doc.add_boolean_term("Q" + std::to_string(documents));
            if (!board.empty())
                doc.add_boolean_term("XB" + board);
            if (!date.empty()) {
                doc.add_boolean_term("XY" + date.substr(0, 4));
                doc.add_value(0, date);
            }
            doc.set_data(text);
            db.add_document(doc);
            if (++documents % COMMIT_EVERY == 0)
                db.commit();
        }
        db.commit();
        db.close();
    } catch (const Xapian::Error &e) {
        std::fprintf(stderr, "bench-loop: %s: %s\n", argv[2], e.get_description().c_str());
        return 2;
    }
    std::fclose(in);
    std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;
    std::printf("%.3f %lu\n", wall.count(), documents);
    return 0;
}
