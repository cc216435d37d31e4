/* main.c - the minutes command: finds the subcommand in the command table and runs it. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "options.h"

const cli_command cli_commands[] = {
    {"index", cmd_index, CLI_WRITE_INDEX, "add files and directories to the index",
     "minutes index [-d DIR] [-j N] [-q] [-v] [--no-delete] [--retry-failed] [--force]\n"
     "                     [--wait SECONDS] PATH...",
     "  -d, --index DIR    the index (default $MINUTES_INDEX, else ./index); created if absent\n"
     "  -j, --jobs N       build a new index with N worker processes (default: one per core)\n"
     "  -q, --quiet        print only errors and the summary line; no progress, no warnings\n"
     "  -v, --verbose      print each file added, updated or removed\n"
     "      --no-delete    keep the paragraphs of files that have gone from the paths\n"
     "      --retry-failed read again files that failed before, even if unchanged\n"
     "      --force        read every file again, changed or not\n"
     "      --batch N      commit after about N paragraphs (default 2000)\n"
     "      --shard N      with -j, a worker starts a new database after about N\n"
     "                     paragraphs (default 100000); they are merged at the end\n"
     "      --wait SECONDS wait up to SECONDS for another indexer to finish (default 0)\n"
     "Only new and changed files are read; a file is changed when its size or time\n"
     "differs and its text too. Exit status: 0 when the run completed (even with files\n"
     "skipped), 2 when nothing could be indexed or the index cannot be written,\n"
     "75 when another process is indexing.\n"},
    {"search", cmd_search, CLI_READ_INDEX, "search the index and print matching paragraphs",
     "minutes search [-d DIR] [-n LIMIT] [--offset N] [--format text|json|tsv]\n"
     "                      [--color auto|always|never] [--exact] [-F] [--no-synonyms]\n"
     "                      [--sort relevance|date|-date] [--collapse meeting|item] [--facets]\n"
     "                      [FILTERS] QUERY...",
     "  -d, --index DIR         the index (default $MINUTES_INDEX, else ./index)\n"
     "  -n, --limit N           print at most N hits (default 10)\n"
     "      --offset N          skip the first N hits\n"
     "      --format FORMAT     text (default), json (JSON Lines) or tsv\n"
     "  -j, --json              same as --format json\n"
     "      --color WHEN        colour matches: auto (default, on a terminal), always, never\n"
     "      --exact             match words as written: no stemming, in phrases too\n"
     "  -F, --fixed-strings     QUERY is plain words, not syntax: match them as one phrase\n"
     "      --no-synonyms       do not expand words with the synonyms table (LAC, SEND, ...)\n"
     "      --sort ORDER        relevance (default), date (oldest first) or -date\n"
     "      --collapse WHAT     one hit per meeting or per agenda item, with a count of the rest\n"
     "      --facets            print counts of matching paragraphs per board, item type,\n"
     "                          document type and year instead of hits\n"
     "      --snippet-length N  snippet size in bytes (default 240; 0 for none)\n"
     "      --debug-query       print the parsed query on stderr\n" CLI_FILTER_HELP "\n"
     "QUERY: words (all must match), \"quoted phrases\", AND OR NOT, +word -word,\n"
     "(brackets), trailing wildcards (foster*), title:word or title:\"a phrase\" for\n"
     "words of the agenda item's title. Words are stemmed unless --exact; accents,\n"
     "ordinals (16th) and hyphens (anti-social, antisocial) do not matter, and\n"
     "acronyms (LAC, SEND, Cllr) also find what they stand for.\n"
     "A QUERY that is not valid syntax (Ofsted AND) is searched for as plain words.\n"
     "Field prefixes filter like the options: date:2017-01-01..2018-12-31 date:2017\n"
     "board:cabinet type:report doc:minutes kind:resolution council:coventry minute:4/21.\n"
     "Exit status: 0 if something matched, 1 if nothing did, 2 on error.\n"},
    {"meetings", cmd_meetings, CLI_READ_INDEX, "list the meetings in the index",
     "minutes meetings [-d DIR] [--format text|json|tsv] [--no-synonyms] [FILTERS] [QUERY...]",
     "  -d, --index DIR         the index (default $MINUTES_INDEX, else ./index)\n"
     "      --format FORMAT     text (default), json (JSON Lines) or tsv\n"
     "  -j, --json              same as --format json\n"
     "      --no-synonyms       do not expand the words of QUERY with synonyms\n" CLI_FILTER_HELP
     "A QUERY lists only meetings with paragraphs that match it.\n"},
    {"show", cmd_show, CLI_READ_INDEX, "print a paragraph with its item and context",
     "minutes show [-d DIR] [-C N] [--format text|json|tsv] ID",
     "  -d, --index DIR         the index (default $MINUTES_INDEX, else ./index)\n"
     "  -C, --context N         also print N paragraphs before and after it\n"
     "      --format FORMAT     text (default), json (JSON Lines) or tsv\n"
     "  -j, --json              same as --format json\n"
     "ID is a paragraph's id as search prints it (FILEID:ORDINAL).\n"},
    {"help", cmd_help, CLI_NO_INDEX, "show the commands, or one command's usage",
     "minutes help [COMMAND]", ""},
    {NULL, NULL, CLI_NO_INDEX, NULL, NULL, NULL},
};

const cli_command *
cli_find_command(const char *name)
{
    for (const cli_command *c = cli_commands; c->name; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

/* Make sure everything printed reached stdout: a full disk must not pass for success. */
static int
finish_output(int status)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        if (errno == EPIPE)
            return status;
        cli_error("write error on standard output: %s", strerror(errno));
        return EXIT_TROUBLE;
    }
    return status;
}

int
main(int argc, char **argv)
{
    if (argc < 2) {
        cmd_help(cli_find_command("help"), 1, argv);
        return EXIT_TROUBLE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
        name = "help";
    if (strcmp(name, "--version") == 0) {
        printf("minutes %s\n", MINUTES_VERSION);
        return finish_output(EXIT_FOUND);
    }
    const cli_command *cmd = cli_find_command(name);
    if (!cmd) {
        cli_error("'%s' is not a minutes command; see 'minutes help'", name);
        return EXIT_TROUBLE;
    }
    return finish_output(cmd->run(cmd, argc - 1, argv + 1));
}
