/* xap-query.cc - the shim's query side: parsing query text (field prefixes, phrases,
 * compounds, synonyms, wildcards), running a query, and reading the match set it gives -
 * matches, value counts and snippets. With xap-db.cc the only code that includes Xapian
 * headers; no exception ever leaves it.
 *
 * The index schema it searches is written down at the top of schema.c.
 */
#include "xap-internal.h"

#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

struct xap_query {
    xap_db *db;
    Xapian::Query query;     /* what is matched */
    Xapian::Query highlight; /* what snippets highlight, when not `query` itself */
};

/* A value count (facet) of one slot. The match set owns the spy; the Enquire only holds a
 * raw pointer to it (add_matchspy without release()), so the spies are declared before the
 * Enquire in xap_mset and are destroyed after it and the MSet. */
struct xap_count {
    Xapian::valueno slot;
    std::unique_ptr<Xapian::ValueCountMatchSpy> spy;
};

struct xap_mset {
    xap_db *db;
    std::vector<xap_count> counts; /* before enquire: must outlive it */
    Xapian::Enquire enquire;       /* kept alive: MSet::snippet() reads its query */
    Xapian::MSet mset;
    std::vector<std::string> data; /* document data of each match, fetched at run time */
    /* With a remote database, collapsed counts come from a count of the collapse key's
     * values: Xapian merges the sets of remote servers without adding up what each of
     * them collapsed. The spy, in `counts`, sees every match. */
    const Xapian::ValueCountMatchSpy *collapse_spy = nullptr;
    std::unordered_map<std::string, Xapian::doccount> per_key;

    xap_mset(xap_db *db_, const Xapian::Database &rd) : db(db_), enquire(rd)
    {
    }
};

/* Retries of a match whose database changed under it, each after a reopen. */
static const int MODIFIED_RETRIES = 3;

static const unsigned SNIPPET_FLAGS =
    Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE;

/* ---- queries ------------------------------------------------------------------------------ */

static bool
all_space(const char *s)
{
    for (; *s; s++)
        if (!std::strchr(" \t\n\r\f\v", *s))
            return false;
    return true;
}

struct xap_terms {
    std::vector<std::string> terms;
};

/* Not guarded: no database to report on, and the one thing that can fail is memory. */
extern "C" minutes_status
xap_terms_add(xap_terms *terms, const char *term)
{
    if (!terms || !term)
        return MINUTES_BAD_ARGUMENT;
    try {
        terms->terms.emplace_back(term);
        return MINUTES_OK;
    } catch (...) {
        return MINUTES_NO_MEMORY;
    }
}

namespace {

/* A prefixed field of the query ("board:cabinet"): the C side expands the value into the
 * boolean terms it stands for, which become an OR; the parser makes that a filter. A value
 * that cannot be expanded is recorded in `error` rather than thrown: Xapian's parser leaks
 * its state when a field processor throws. */
class field_expander : public Xapian::FieldProcessor {
  public:
    field_expander(std::string prefix, const xap_parse_fields *fields, std::string *error)
        : prefix_(std::move(prefix)), fields_(*fields), error_(error)
    {
    }

    Xapian::Query
    operator()(const std::string &value) override
    {
        xap_terms terms;
        char *message = nullptr;
        minutes_status st =
            fields_.expand(fields_.ctx, prefix_.c_str(), value.c_str(), &terms, &message);
        if (st != MINUTES_OK && error_->empty())
            *error_ = message ? message : minutes_status_str(st);
        std::free(message);
        if (st != MINUTES_OK || terms.terms.empty())
            return Xapian::Query::MatchNothing;
        std::vector<Xapian::Query> any(terms.terms.begin(), terms.terms.end());
        return Xapian::Query(Xapian::Query::OP_OR, any.begin(), any.end());
    }

  private:
    std::string prefix_;
    xap_parse_fields fields_;
    std::string *error_;
};

} // namespace

/* Xapian 1.4's query parser leaks the value of a NEAR/n or ADJ/n operator (96 bytes) when
 * a syntax error ("a OR NEAR/2 b", "-a-b NEAR/2 c") is found with that operator next in
 * line - also when it then quietly parses the text again without operators. Plain NEAR and
 * ADJ carry no value, and give the parser the same tokens otherwise; so text with NEAR/n or
 * ADJ/n operators is first parsed with them as NEAR and ADJ, and only if that succeeds, with
 * operators (the result is not what the text means without them), is it parsed as written. */
enum near_widths { NO_WIDTHS, WIDTHS_STRIPPED, WIDTHS_UNSURE };

/* Set `out` to `text` with the widths of NEAR/n and ADJ/n operators blanked out. UNSURE
 * when the parser's reading of one cannot be told from the bytes around it (non-ASCII
 * characters, punctuation other than '(' before it, a width of many digits). */
static near_widths
strip_near_widths(const char *text, std::string &out)
{
    near_widths found = NO_WIDTHS;
    for (const char *p = text; (p = std::strpbrk(p, "AN")) != nullptr; p++) {
        size_t n = std::strncmp(p, "NEAR/", 5) == 0 ? 5 : std::strncmp(p, "ADJ/", 4) == 0 ? 4 : 0;
        if (n == 0 || !(p[n] >= '0' && p[n] <= '9'))
            continue;
        const char *digits = p + n, *after = digits;
        bool width = false;
        while (*after >= '0' && *after <= '9')
            width |= *after++ != '0';
        if (!width)
            continue; /* NEAR/0: a word */
        const unsigned char before = p > text ? static_cast<unsigned char>(p[-1]) : ' ';
        if (std::isalnum(before) || before == '_')
            continue; /* the end of a longer word */
        if (*after && !std::strchr(" \t\n\r\f\v", *after)) {
            if (static_cast<unsigned char>(*after) >= 0x80)
                return WIDTHS_UNSURE; /* Unicode white space or not? */
            continue;                 /* NEAR/2x: words */
        }
        if (!(before == '(' || std::strchr(" \t\n\r\f\v", before)) || after - digits > 9)
            return WIDTHS_UNSURE;
        if (found == NO_WIDTHS)
            out = text;
        found = WIDTHS_STRIPPED;
        out.replace(size_t(p - text) + n - 1, size_t(after - digits) + 1,
                    size_t(after - digits) + 1, ' ');
    }
    return found;
}

/* Operators that take nothing but their subqueries, so can be built again from them. */
static bool
plain_operator(Xapian::Query::op op)
{
    switch (op) {
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_XOR:
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX: return true;
    default: return false;
    }
}

/* What the parser made of the text, made into what the text means: the synonyms it found
 * turned into phrases of their words, and closed compounds given their parts. */
class rewriter {
  public:
    rewriter(xap_db *db, unsigned flags, const xap_parse_fields *fields)
    {
        words_.set_stemmer(db->stem);
        words_.set_stemming_strategy((flags & XAP_PARSE_EXACT) ? Xapian::QueryParser::STEM_NONE
                                                               : Xapian::QueryParser::STEM_ALL_Z);
        synonyms_ = (flags & XAP_PARSE_SYNONYMS) != 0;
        if (!fields)
            return;
        std::vector<std::string> prefixes(1, "");
        for (size_t i = 0; i < fields->text_count; i++)
            prefixes.emplace_back(fields->text_prefixes[i]);
        for (size_t i = 0; i < fields->compound_count; i++) {
            const std::string compound = fields->compounds[i];
            const std::string word = closed_word(compound);
            std::string parts = compound;
            std::replace(parts.begin(), parts.end(), '-', ' ');
            /* The term the parser makes of the closed word, in the text or after a prefix. */
            for (const std::string &prefix : prefixes) {
                const std::string term =
                    (flags & XAP_PARSE_EXACT) ? prefix + word : "Z" + prefix + db->stem(word);
                compounds_[term] = std::make_pair(prefix, parts);
            }
        }
    }

    Xapian::Query
    operator()(const Xapian::Query &q)
    {
        const Xapian::Query::op op = q.get_type();
        const size_t n = q.get_num_subqueries();
        if (op == Xapian::Query::LEAF_TERM) {
            const auto it = compounds_.find(*q.get_terms_begin());
            if (it == compounds_.end())
                return q;
            return Xapian::Query(Xapian::Query::OP_SYNONYM, q,
                                 phrase(it->second.second, it->second.first));
        }
        if (op == Xapian::Query::OP_SYNONYM && synonyms_)
            return expand_synonyms(q);
        if (op == Xapian::Query::OP_PHRASE)
            return compound_phrases(q);
        if (n == 0 || !plain_operator(op))
            return q;
        std::vector<Xapian::Query> parts;
        for (size_t i = 0; i < n; i++)
            parts.push_back((*this)(q.get_subquery(i)));
        return Xapian::Query(op, parts.begin(), parts.end());
    }

  private:
    /* The words of `text` as one phrase (one term for one word) of terms with `prefix`,
     * stemmed as the query is. */
    Xapian::Query
    phrase(const std::string &text, const std::string &prefix)
    {
        std::string quoted(1, '"');
        for (char c : text)
            quoted += c == '"' ? ' ' : c;
        quoted += '"';
        return words_.parse_query(quoted, Xapian::QueryParser::FLAG_PHRASE, prefix);
    }

    /* The parser's synonym expansion: its words first, then a term for each synonym whose
     * "term" is the synonym's text - the words of an expression of the table
     * (xap_db_add_synonyms), each made here a phrase of them. Xapian 1.4 also wraps a group
     * of words that only begins a key in a synonym of its own: that is the group. */
    Xapian::Query
    expand_synonyms(const Xapian::Query &q)
    {
        const size_t n = q.get_num_subqueries();
        if (n == 1)
            return (*this)(q.get_subquery(0));
        std::vector<Xapian::Query> parts(1, (*this)(q.get_subquery(0)));
        for (size_t i = 1; i < n; i++) {
            const Xapian::Query sub = q.get_subquery(i);
            parts.push_back(sub.get_type() == Xapian::Query::LEAF_TERM
                                ? phrase(*sub.get_terms_begin(), "")
                                : (*this)(sub));
        }
        return Xapian::Query(Xapian::Query::OP_SYNONYM, parts.begin(), parts.end());
    }

    /* A phrase (only a tight one: a quoted phrase, a hyphenated word, not ADJ) that holds
     * closed compounds: the same phrase with each compound closed or in its parts, every
     * way for up to three compounds, else all closed or all parts. */
    Xapian::Query
    compound_phrases(const Xapian::Query &q)
    {
        const size_t n = q.get_num_subqueries();
        std::vector<Xapian::Query> terms;
        std::vector<size_t> at;
        for (size_t i = 0; i < n; i++) {
            const Xapian::Query sub = q.get_subquery(i);
            if (sub.get_type() != Xapian::Query::LEAF_TERM)
                return q;
            if (compounds_.count(*sub.get_terms_begin()))
                at.push_back(i);
            terms.push_back(sub);
        }
        const Xapian::Query tight(Xapian::Query::OP_PHRASE, terms.begin(), terms.end());
        if (at.empty() || tight.get_description() != q.get_description())
            return q;
        const size_t k = at.size();
        const unsigned long ways = k <= 3 ? 1ul << k : 2;
        std::vector<Xapian::Query> variants;
        for (unsigned long way = 0; way < ways; way++) {
            std::vector<Xapian::Query> words;
            for (size_t i = 0, c = 0; i < n; i++) {
                const bool compound = c < k && at[c] == i;
                const bool open = compound && (k <= 3 ? (way >> c & 1) : way == 1);
                c += compound;
                if (!open) {
                    words.push_back(terms[i]);
                    continue;
                }
                const auto &parts = compounds_[*terms[i].get_terms_begin()];
                const Xapian::Query p = phrase(parts.second, parts.first);
                if (p.get_type() == Xapian::Query::LEAF_TERM)
                    words.push_back(p);
                for (size_t j = 0; j < p.get_num_subqueries(); j++)
                    words.push_back(p.get_subquery(j));
            }
            variants.emplace_back(Xapian::Query::OP_PHRASE, words.begin(), words.end());
        }
        return Xapian::Query(Xapian::Query::OP_SYNONYM, variants.begin(), variants.end());
    }

    Xapian::QueryParser words_;
    bool synonyms_ = false;
    std::map<std::string, std::pair<std::string, std::string>> compounds_;
};

static Xapian::Query
parse_as(xap_db *db, const char *text, unsigned flags, const xap_parse_fields *fields)
{
    if (all_space(text))
        return Xapian::Query::MatchAll;
    Xapian::QueryParser qp;
    std::string field_error;
    /* "board:" is two words of a fixed phrase; its compounds are still compounds. */
    const xap_parse_fields *prefixed = (flags & XAP_PARSE_FIXED) ? nullptr : fields;
    for (size_t i = 0; prefixed && i < prefixed->count; i++)
        qp.add_boolean_prefix(
            prefixed->prefixes[i],
            (new field_expander(prefixed->prefixes[i], prefixed, &field_error))->release());
    for (size_t i = 0; prefixed && i < prefixed->text_count; i++)
        qp.add_prefix(prefixed->text_fields[i], prefixed->text_prefixes[i]);
    qp.set_stemmer(db->stem);
    qp.set_database(db->reader()); /* wildcards and synonyms come from the index */
    qp.set_max_expansion(MAX_WILDCARD_TERMS, Xapian::Query::WILDCARD_LIMIT_ERROR,
                         Xapian::QueryParser::FLAG_WILDCARD);
    qp.set_default_op(Xapian::Query::OP_AND);
    qp.set_stemming_strategy((flags & XAP_PARSE_EXACT) ? Xapian::QueryParser::STEM_NONE
                                                       : Xapian::QueryParser::STEM_ALL_Z);
    rewriter rewrite(db, flags, fields);
    if (flags & XAP_PARSE_FIXED) {
        /* One phrase of every word: quote the text, its own quotes becoming spaces. With only
         * FLAG_PHRASE nothing else in it is syntax (no operators, brackets, +/-, wildcards). */
        std::string quoted(1, '"');
        for (const char *p = text; *p; p++)
            quoted += *p == '"' ? ' ' : *p;
        quoted += '"';
        return rewrite(qp.parse_query(quoted, Xapian::QueryParser::FLAG_PHRASE));
    }
    /* Literal: no flags, so operators, quotes, brackets, +/- and '*' are words or nothing;
     * field prefixes are still recognised. */
    const unsigned qp_flags =
        (flags & XAP_PARSE_LITERAL)
            ? 0u
            : unsigned(Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                       Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
                       Xapian::QueryParser::FLAG_PURE_NOT);
    const unsigned synonym_flags =
        (flags & XAP_PARSE_SYNONYMS) ? unsigned(Xapian::QueryParser::FLAG_AUTO_SYNONYMS |
                                                Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS)
                                     : 0u;
    if (qp_flags) {
        std::string stripped;
        switch (strip_near_widths(text, stripped)) {
        case WIDTHS_UNSURE: throw Xapian::QueryParserError("Syntax: NEAR/n or ADJ/n out of place");
        case WIDTHS_STRIPPED: {
            /* Throws where the text would; without operators where the text would be. */
            const std::string full = qp.parse_query(stripped, qp_flags).get_description();
            if (!field_error.empty())
                throw Xapian::QueryParserError(field_error);
            if (full == qp.parse_query(stripped, 0).get_description())
                throw Xapian::QueryParserError("Syntax: NEAR/n or ADJ/n out of place");
            break;
        }
        case NO_WIDTHS: break;
        }
    }
    Xapian::Query query = qp.parse_query(text, qp_flags | synonym_flags);
    if (!field_error.empty())
        throw Xapian::QueryParserError(field_error);
    return rewrite(query);
}

/* The index has positions for stems only, so an exact phrase (or NEAR) of words as written
 * is matched as its words, all of them, filtered by the same phrase of their stems; the
 * words weigh as the phrase did (a phrase weighs as the sum of its terms). `exact`
 * and `stemmed` are the same text parsed without and with stemming: two trees of the same
 * shape, whose positional parts are paired here. A phrase under an operator with a
 * parameter of its own (none that the parser makes) is left as it was. */
static Xapian::Query
exact_phrases(const Xapian::Query &exact, const Xapian::Query &stemmed)
{
    const Xapian::Query::op op = exact.get_type();
    const size_t n = exact.get_num_subqueries();
    if (stemmed.get_type() != op || stemmed.get_num_subqueries() != n)
        return exact;
    if (op == Xapian::Query::OP_PHRASE || op == Xapian::Query::OP_NEAR) {
        std::vector<Xapian::Query> words;
        for (Xapian::TermIterator t = exact.get_unique_terms_begin();
             t != exact.get_unique_terms_end(); ++t)
            words.emplace_back(*t);
        return Xapian::Query(Xapian::Query::OP_FILTER,
                             Xapian::Query(Xapian::Query::OP_AND, words.begin(), words.end()),
                             stemmed);
    }
    if (n == 0 || !plain_operator(op))
        return exact;
    std::vector<Xapian::Query> parts;
    for (size_t i = 0; i < n; i++)
        parts.push_back(exact_phrases(exact.get_subquery(i), stemmed.get_subquery(i)));
    return Xapian::Query(op, parts.begin(), parts.end());
}

/* Parse `text` into q->query; an exact query keeps its words as written for highlighting. */
static void
parse(xap_query &q, const char *text, unsigned flags, const xap_parse_fields *fields = nullptr)
{
    q.query = parse_as(q.db, text, flags, fields);
    if (!(flags & XAP_PARSE_EXACT))
        return;
    q.highlight = q.query;
    q.query = exact_phrases(q.query, parse_as(q.db, text, flags & ~XAP_PARSE_EXACT, fields));
}

extern "C" minutes_status
xap_query_parse(xap_db *db, const char *text, unsigned flags, xap_query **out)
{
    if (out)
        *out = nullptr;
    if (!db || !text || !out)
        return refuse(db, MINUTES_BAD_ARGUMENT, "no database, query text or result pointer");
    return guarded(db, [&] {
        std::unique_ptr<xap_query> q(new xap_query{db, Xapian::Query(), Xapian::Query()});
        parse(*q, text, flags);
        *out = q.release();
        return MINUTES_OK;
    });
}

extern "C" minutes_status
xap_query_parse_fields(xap_db *db, const char *text, unsigned flags,
                       const xap_parse_fields *fields, xap_query **out)
{
    if (out)
        *out = nullptr;
    if (!db || !text || !out || (fields && fields->count && (!fields->prefixes || !fields->expand)))
        return refuse(db, MINUTES_BAD_ARGUMENT, "no database, query text or result pointer");
    return guarded(db, [&] {
        std::unique_ptr<xap_query> q(new xap_query{db, Xapian::Query(), Xapian::Query()});
        parse(*q, text, flags, fields);
        *out = q.release();
        return MINUTES_OK;
    });
}

extern "C" void
xap_query_destroy(xap_query *query)
{
    delete query;
}

extern "C" minutes_status
xap_query_filter_terms(xap_query *query, const char *const *terms, size_t n)
{
    if (!query || (!terms && n))
        return refuse(query ? query->db : nullptr, MINUTES_BAD_ARGUMENT, "no query or no terms");
    return guarded(query->db, [&] {
        if (n == 0)
            return MINUTES_OK;
        std::vector<Xapian::Query> any;
        for (size_t i = 0; i < n; i++) {
            if (!terms[i])
                return refuse(query->db, MINUTES_BAD_ARGUMENT, "a filter term is NULL");
            any.emplace_back(terms[i]);
        }
        /* OP_FILTER: the right side restricts matches but adds nothing to their weight. */
        query->query = Xapian::Query(Xapian::Query::OP_FILTER, query->query,
                                     Xapian::Query(Xapian::Query::OP_OR, any.begin(), any.end()));
        return MINUTES_OK;
    });
}

extern "C" minutes_status
xap_query_describe(const xap_query *query, char **out)
{
    if (out)
        *out = nullptr;
    if (!query || !out)
        return refuse(query ? query->db : nullptr, MINUTES_BAD_ARGUMENT,
                      "no query or no result pointer");
    return guarded(query->db, [&] {
        *out = dup_string(query->query.get_description());
        return MINUTES_OK;
    });
}

/* ---- running a query ---------------------------------------------------------------------- */

/* MSet::snippet() highlights a phrase only where its terms appear verbatim in the text, so a
 * phrase of "Z" stems (STEM_ALL_Z) is never highlighted. For the snippet, such phrases are
 * loosened into their separate stem terms, which the snippet matches word by word through the
 * stemmer. Collects into `parts` every piece of `q` that matters to highlighting (terms,
 * wildcards, phrases); returns true if some stemmed phrase was loosened. */
static bool
loosen_stem_phrases(const Xapian::Query &q, std::vector<Xapian::Query> &parts)
{
    const Xapian::Query::op op = q.get_type();
    if (op == Xapian::Query::LEAF_TERM || op == Xapian::Query::OP_WILDCARD) {
        parts.push_back(q);
        return false;
    }
    if (op == Xapian::Query::OP_PHRASE) {
        bool stemmed = false;
        for (Xapian::TermIterator t = q.get_terms_begin(); t != q.get_terms_end(); ++t)
            stemmed |= (*t)[0] == 'Z';
        if (!stemmed) {
            parts.push_back(q);
            return false;
        }
    }
    bool loosened = op == Xapian::Query::OP_PHRASE;
    for (size_t i = 0; i < q.get_num_subqueries(); i++)
        loosened |= loosen_stem_phrases(q.get_subquery(i), parts);
    return loosened;
}

/* Xapian counts in Xapian::doccount; clamp the C side's size_t. */
static Xapian::doccount
clamp_count(size_t n)
{
    const Xapian::doccount max = std::numeric_limits<Xapian::doccount>::max();
    return n > max ? max : static_cast<Xapian::doccount>(n);
}

/* The options' slots, checked before any work: NULL if all are usable, else why not. */
static const char *
check_options(const xap_run_options *opt)
{
    if (opt->sort_by_value && opt->sort_slot == Xapian::BAD_VALUENO)
        return "invalid sort value slot";
    if (opt->collapse && opt->collapse_slot == Xapian::BAD_VALUENO)
        return "invalid collapse value slot";
    if (opt->count_slot_count && !opt->count_slots)
        return "no count slots";
    for (size_t i = 0; i < opt->count_slot_count; i++)
        if (opt->count_slots[i] == Xapian::BAD_VALUENO)
            return "invalid count value slot";
    return nullptr;
}

/* The count of `slot` in the set, or NULL if it was not asked for. */
static const xap_count *
find_count(const xap_mset *ms, Xapian::valueno slot)
{
    for (const xap_count &c : ms->counts)
        if (c.slot == slot)
            return &c;
    return nullptr;
}

/* Keeps the documents whose text holds every word of xap_run_options.case_words as
 * written, as a whole word. */
class case_decider : public Xapian::MatchDecider {
  public:
    explicit case_decider(const xap_run_options *opt) : opt_(opt)
    {
    }

    bool operator()(const Xapian::Document &doc) const override
    {
        const std::string data = doc.get_data();
        size_t from = 0;
        if (opt_->case_text_after) {
            const size_t sep = data.rfind(opt_->case_text_after);
            if (sep != std::string::npos)
                from = sep + 1;
        }
        for (size_t i = 0; i < opt_->case_word_count; i++)
            if (!holds_word(data, from, opt_->case_words[i]))
                return false;
        return true;
    }

  private:
    static bool word_byte(unsigned char c)
    {
        return std::isalnum(c) || c >= 0x80;
    }

    static bool holds_word(const std::string &text, size_t from, const char *word)
    {
        const size_t len = std::strlen(word);
        if (len == 0)
            return true;
        for (size_t at = text.find(word, from); at != std::string::npos;
             at = text.find(word, at + 1)) {
            const bool starts = at == from || !word_byte((unsigned char)text[at - 1]);
            const bool ends = at + len == text.size() || !word_byte((unsigned char)text[at + len]);
            if (starts && ends)
                return true;
        }
        return false;
    }

    const xap_run_options *opt_;
};

/* Whether some database the handle reads is remote. */
static bool
has_remote(const xap_db *db)
{
    for (const xap_shard &shard : db->shards)
        if (shard.path.empty())
            return true;
    return false;
}

/* One attempt at the match: may throw DatabaseModifiedError. Every attempt builds its own
 * set, so value counts never carry over from a failed one. */
static std::unique_ptr<xap_mset>
run_once(xap_db *db, const xap_query *query, const xap_run_options *opt)
{
    std::unique_ptr<xap_mset> ms(new xap_mset(db, db->reader()));
    ms->enquire.set_weighting_scheme(Xapian::BM25Weight());
    ms->enquire.set_query(query->query);
    if (opt->sort_by_value)
        ms->enquire.set_sort_by_value_then_relevance(opt->sort_slot, opt->sort_descending != 0);
    if (opt->collapse)
        ms->enquire.set_collapse_key(opt->collapse_slot);
    ms->counts.reserve(opt->count_slot_count + 1);
    for (size_t i = 0; i < opt->count_slot_count; i++) {
        const Xapian::valueno slot = opt->count_slots[i];
        if (find_count(ms.get(), slot))
            continue; /* a repeated slot is counted once */
        ms->counts.push_back(xap_count{slot, std::make_unique<Xapian::ValueCountMatchSpy>(slot)});
        ms->enquire.add_matchspy(ms->counts.back().spy.get());
    }
    if (opt->collapse && has_remote(db)) {
        const xap_count *c = find_count(ms.get(), opt->collapse_slot);
        if (!c) {
            ms->counts.push_back(xap_count{
                opt->collapse_slot, std::make_unique<Xapian::ValueCountMatchSpy>(opt->collapse_slot)});
            ms->enquire.add_matchspy(ms->counts.back().spy.get());
            c = &ms->counts.back();
        }
        ms->collapse_spy = c->spy.get();
    }
    const case_decider decider(opt);
    ms->mset = ms->enquire.get_mset(clamp_count(opt->offset), clamp_count(opt->limit),
                                    clamp_count(opt->check_at_least), nullptr,
                                    opt->case_word_count ? &decider : nullptr);
    /* fetch() is only a prefetch hint; Xapian 1.4's MSet::fetch() indexes out of bounds
     * when the set does not start at rank 0, so it is skipped then. */
    if (ms->mset.get_firstitem() == 0)
        ms->mset.fetch();
    if (ms->collapse_spy)
        for (Xapian::TermIterator v = ms->collapse_spy->values_begin();
             v != ms->collapse_spy->values_end(); ++v)
            ms->per_key[*v] = v.get_termfreq();
    ms->data.reserve(ms->mset.size());
    for (Xapian::MSetIterator it = ms->mset.begin(); it != ms->mset.end(); ++it)
        ms->data.push_back(it.get_document().get_data());

    /* The MSet shares the Enquire, so its snippets now use the query to highlight - the
     * words as written of an exact query, or the loosened one - while the term weights they
     * need come from the match already run. */
    std::vector<Xapian::Query> parts;
    if (!query->highlight.empty())
        ms->enquire.set_query(query->highlight);
    else if (loosen_stem_phrases(query->query, parts))
        ms->enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end()));
    return ms;
}

extern "C" minutes_status
xap_query_run(xap_db *db, const xap_query *query, const xap_run_options *opt, xap_mset **out)
{
    if (out)
        *out = nullptr;
    if (!db || !query || !opt || !out)
        return refuse(db, MINUTES_BAD_ARGUMENT, "no database, query, options or result pointer");
    return guarded(db, [&] {
        if (const char *why = check_options(opt))
            return refuse(db, MINUTES_BAD_ARGUMENT, why);
        for (int attempt = 0;; attempt++) {
            try {
                *out = run_once(db, query, opt).release();
                return MINUTES_OK;
            } catch (const Xapian::DatabaseModifiedError &) {
                /* A writer committed twice since we opened: read its latest commit. */
                if (attempt == MODIFIED_RETRIES)
                    throw;
                reopen(db);
            }
        }
    });
}

extern "C" void
xap_mset_destroy(xap_mset *mset)
{
    delete mset;
}

extern "C" size_t
xap_mset_size(const xap_mset *mset)
{
    return mset ? mset->mset.size() : 0;
}

extern "C" size_t
xap_mset_estimate(const xap_mset *mset)
{
    return mset ? mset->mset.get_matches_estimated() : 0;
}

extern "C" minutes_status
xap_mset_get(const xap_mset *mset, size_t i, xap_match *out)
{
    if (!mset || !out)
        return refuse(mset ? mset->db : nullptr, MINUTES_BAD_ARGUMENT,
                      "no match set or no result pointer");
    return guarded(mset->db, [&] {
        if (i >= mset->data.size())
            return refuse(mset->db, MINUTES_BAD_ARGUMENT, "match index out of range");
        const Xapian::MSetIterator it = mset->mset[clamp_count(i)];
        out->rank = it.get_rank();
        out->weight = it.get_weight();
        out->percent = it.get_percent();
        out->docid = *it;
        out->data = mset->data[i].c_str();
        out->data_len = mset->data[i].size();
        out->collapse_count = it.get_collapse_count();
        if (mset->collapse_spy) {
            const auto found = mset->per_key.find(it.get_collapse_key());
            out->collapse_count = found == mset->per_key.end() || found->second == 0
                                      ? 0
                                      : found->second - 1;
        }
        return MINUTES_OK;
    });
}

extern "C" minutes_status
xap_mset_each_count(const xap_mset *mset, unsigned slot,
                    int (*fn)(void *ctx, const char *value, size_t len, unsigned long count),
                    void *ctx)
{
    if (!mset || !fn)
        return refuse(mset ? mset->db : nullptr, MINUTES_BAD_ARGUMENT,
                      "no match set or no callback");
    return guarded(mset->db, [&] {
        const xap_count *c = find_count(mset, slot);
        if (!c)
            return refuse(mset->db, MINUTES_BAD_ARGUMENT, "value slot was not counted");
        const Xapian::ValueCountMatchSpy &spy = *c->spy;
        for (Xapian::TermIterator it = spy.values_begin(); it != spy.values_end(); ++it) {
            const std::string value = *it;
            if (fn(ctx, value.c_str(), value.size(), it.get_termfreq()))
                break;
        }
        return MINUTES_OK;
    });
}

/* Undo the HTML escaping of MSet::snippet() in one left-to-right pass, so text that itself
 * contained "&amp;" (escaped to "&amp;amp;") comes back unchanged. The highlight and omit
 * markers are inserted unescaped; they must not contain '&'. */
static std::string
unescape_html(const std::string &s)
{
    static const struct {
        const char *entity;
        char ch;
    } entities[] = {{"&amp;", '&'},  {"&lt;", '<'},   {"&gt;", '>'},
                    {"&quot;", '"'}, {"&#39;", '\''}, {"&apos;", '\''}};
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        bool replaced = false;
        if (s[i] == '&') {
            for (const auto &e : entities) {
                const size_t n = std::strlen(e.entity);
                if (s.compare(i, n, e.entity) == 0) {
                    out += e.ch;
                    i += n;
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced)
            out += s[i++];
    }
    return out;
}

extern "C" minutes_status
xap_mset_snippet(const xap_mset *mset, const char *text, size_t len, size_t length,
                 const char *hi_start, const char *hi_end, const char *omit, char **out)
{
    if (out)
        *out = nullptr;
    if (!mset || (!text && len) || !out)
        return refuse(mset ? mset->db : nullptr, MINUTES_BAD_ARGUMENT,
                      "no match set, text or result pointer");
    return guarded(mset->db, [&] {
        const std::string snip = mset->mset.snippet(
            std::string(text ? text : "", len), length, mset->db->snippet_stem, SNIPPET_FLAGS,
            hi_start ? hi_start : "", hi_end ? hi_end : "", omit ? omit : "");
        *out = dup_string(unescape_html(snip));
        return MINUTES_OK;
    });
}

/* ---- spelling ----------------------------------------------------------------------------- */

/* Xapian's parser looks words up for correction as written, but the index's words are in
 * lower case: so the text is corrected in lower case (but for the operators, when it has
 * syntax), and its words that were not corrected are then given back as they were typed. */
static bool
word_byte(unsigned char c)
{
    return std::isalnum(c) || c >= 0x80;
}

static bool
is_operator_word(const std::string &w)
{
    return w == "AND" || w == "OR" || w == "NOT" || w == "XOR" || w == "NEAR" || w == "ADJ";
}

/* The text split into its words and what is between them: parts[0] before the first word,
 * then word, gap, word, gap, ... */
static std::vector<std::string>
split_words(const std::string &text)
{
    std::vector<std::string> parts(1);
    for (size_t i = 0; i < text.size();) {
        size_t j = i;
        while (j < text.size() && word_byte((unsigned char)text[j]))
            j++;
        if (j > i) {
            parts.push_back(text.substr(i, j - i));
            parts.emplace_back();
            i = j;
        } else {
            parts.back() += text[i++];
        }
    }
    return parts;
}

static std::string
lower_words(const std::string &text, bool keep_operators)
{
    std::vector<std::string> parts = split_words(text);
    std::string out;
    for (size_t i = 0; i < parts.size(); i++) {
        if (i % 2 == 1 && !(keep_operators && is_operator_word(parts[i])))
            for (char &c : parts[i])
                c = (char)std::tolower((unsigned char)c);
        out += parts[i];
    }
    return out;
}

/* `corrected` (the lower-cased text, corrected) with each word it did not change, or changed
 * though the index has it, as `typed` had it (the parser corrects words the index has when a
 * more frequent one is near); if they do not pair up word for word, `corrected` itself. */
static std::string
restore_case(const Xapian::Database &db, const std::string &typed, const std::string &lowered,
             const std::string &corrected)
{
    const std::vector<std::string> t = split_words(typed), l = split_words(lowered),
                                   c = split_words(corrected);
    if (t.size() != c.size() || l.size() != c.size())
        return corrected;
    std::string out;
    for (size_t i = 0; i < c.size(); i++)
        out += (i % 2 == 0 || c[i] == l[i] || db.term_exists(l[i])) ? t[i] : c[i];
    return out;
}

extern "C" minutes_status
xap_query_suggest(xap_db *db, const char *text, unsigned flags, const xap_parse_fields *fields,
                  char **out)
{
    if (out)
        *out = nullptr;
    if (!db || !text || !out)
        return refuse(db, MINUTES_BAD_ARGUMENT, "no database, text or result pointer");
    return guarded(db, [&] {
        Xapian::QueryParser qp;
        /* Filter values are never corrected: their prefixes are boolean ones here, whose
         * values the parser takes whole. "board:" is two words of a fixed phrase. */
        const xap_parse_fields *prefixed = (flags & XAP_PARSE_FIXED) ? nullptr : fields;
        for (size_t i = 0; prefixed && i < prefixed->count; i++)
            qp.add_boolean_prefix(prefixed->prefixes[i], "X");
        for (size_t i = 0; prefixed && i < prefixed->text_count; i++)
            qp.add_prefix(prefixed->text_fields[i], prefixed->text_prefixes[i]);
        qp.set_stemmer(db->stem);
        qp.set_database(db->reader());
        qp.set_max_expansion(MAX_WILDCARD_TERMS, Xapian::Query::WILDCARD_LIMIT_ERROR,
                             Xapian::QueryParser::FLAG_WILDCARD);
        qp.set_default_op(Xapian::Query::OP_AND);
        qp.set_stemming_strategy((flags & XAP_PARSE_EXACT) ? Xapian::QueryParser::STEM_NONE
                                                           : Xapian::QueryParser::STEM_ALL_Z);
        const unsigned syntax =
            (flags & (XAP_PARSE_LITERAL | XAP_PARSE_FIXED))
                ? 0u
                : unsigned(Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                           Xapian::QueryParser::FLAG_LOVEHATE |
                           Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PURE_NOT);
        std::string corrected;
        const std::string lowered = lower_words(text, syntax != 0);
        try {
            qp.parse_query(lowered, syntax | Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
            corrected = qp.get_corrected_query_string();
            if (!corrected.empty())
                corrected = restore_case(db->reader(), text, lowered, corrected);
            if (corrected == text)
                corrected.clear();
        } catch (const Xapian::QueryParserError &) {
            corrected.clear(); /* text that does not parse gets no suggestion */
        } catch (const Xapian::WildcardError &) {
            corrected.clear();
        }
        *out = dup_string(corrected);
        return MINUTES_OK;
    });
}
