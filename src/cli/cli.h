/* cli.h - what the command-line program's files share: the command table (main.c) and what
 * every command uses (cli.c): messages, usage, opening the index. */
#ifndef MINUTES_CLI_H
#define MINUTES_CLI_H

#include <getopt.h>

#include "minutes.h"

/* Exit statuses, as grep's: 0 found, 1 not found, 2 trouble; 75 (EX_TEMPFAIL) when the
 * index is locked by another process and trying again later may work. */
enum { EXIT_FOUND = 0, EXIT_NOT_FOUND = 1, EXIT_TROUBLE = 2, EXIT_LOCKED = 75 };

/* How a command uses the index; cli_open_index() opens it accordingly. */
typedef enum cli_index_use {
    CLI_NO_INDEX,   /* the command does not touch an index */
    CLI_READ_INDEX, /* opened read-only; it must exist */
    CLI_WRITE_INDEX /* opened writable; created if absent */
} cli_index_use;

/* A command's help, written in its cmd-*.c beside its option table and its defaults. */
typedef struct cli_help {
    const char *usage;   /* the synopsis, for --help and usage errors */
    const char *options; /* one line per option, then notes: for --help and 'minutes help CMD' */
} cli_help;

typedef struct cli_command cli_command;
typedef int cli_command_fn(const cli_command *cmd, int argc, char **argv);

struct cli_command {
    const char *name;
    cli_command_fn *run;
    cli_index_use index_use;
    const char *summary;  /* one line for 'minutes help' and under the usage in --help */
    const cli_help *help; /* the command's own, from its cmd-*.c */
};

/* ---- main.c: the command table, and the commands it names (cmd-*.c) ---- */

extern const cli_command cli_commands[];
const cli_command *cli_find_command(const char *name);
/* The command nearest to the mistyped `name`, or NULL if none is near enough. */
const char *cli_suggest_command(const char *name);

int cmd_help(const cli_command *cmd, int argc, char **argv);
int cmd_index(const cli_command *cmd, int argc, char **argv);
int cmd_search(const cli_command *cmd, int argc, char **argv);
int cmd_meetings(const cli_command *cmd, int argc, char **argv);
int cmd_show(const cli_command *cmd, int argc, char **argv);
int cmd_merge(const cli_command *cmd, int argc, char **argv);
int cmd_serve(const cli_command *cmd, int argc, char **argv);
int cmd_version(const cli_command *cmd, int argc, char **argv);
extern const cli_help cmd_help_help, cmd_index_help, cmd_search_help, cmd_meetings_help,
    cmd_show_help, cmd_merge_help, cmd_serve_help, cmd_version_help;

/* ---- suggest.c: "did you mean" ---- */

/* The search for the name nearest to a mistyped `word`: begin, consider each name, then
 * `best` is the nearest one near enough (the candidate pointer itself), or NULL. */
typedef struct cli_nearest {
    const char *word;
    size_t length, best_distance;
    const char *best;
} cli_nearest;
void cli_nearest_begin(cli_nearest *n, const char *word);
void cli_nearest_consider(cli_nearest *n, const char *candidate);

/* The long option of `options` (ended by a NULL name) nearest to the mistyped `name`
 * (without its dashes), or NULL if none is near enough. The name belongs to the table. */
const char *cli_suggest_option(const struct option *options, const char *name);

/* ---- cli.c: what every command uses ---- */

/* Print the command's full help (synopsis, summary, options) to stdout; returns 0. */
int cli_print_help(const cli_command *cmd);

/* Print "minutes: MESSAGE" to stderr (printf-style, no newline needed). */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "minutes: warning: MESSAGE" to stderr: something the user may not expect, which
 * does not change the exit status. */
void cli_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print the command's usage to stderr and return EXIT_TROUBLE (for option errors). */
int cli_usage_error(const cli_command *cmd);

/* getopt_long() with messages of our own, each starting "minutes: ": an unknown option
 * (naming the nearest known one, "did you mean '--collapse'?"), an ambiguous abbreviation,
 * a missing argument, an argument to an option that takes none. Returns what getopt_long
 * returns, '?' after such a message. `shortopts` as getopt_long's, without a leading ':'
 * ("+d:h" stops at the first word that is not an option). */
int cli_getopt(int argc, char **argv, const char *shortopts, const struct option *options);

/* ---- the options given before the command (main.c), for every command ---- */

/* Set by main.c: the colour asked for with --color before the command (-1 auto, 0 never,
 * 1 always). A command's own option wins. */
void cli_set_global_color(int color);

/* The colour asked for before the command: -1 (auto) if not. */
int cli_global_color(void);

/* ---- indexes.c: which indexes, and opening them ---- */

/* Where the index is when -d does not say: this variable (a ':'-separated list), else this
 * directory. */
#define CLI_INDEX_VARIABLE "MINUTES_INDEX"
#define CLI_INDEX_DEFAULT "index"
/* The same for help texts, and the -d lines of the commands that use the index. */
#define CLI_INDEX_DEFAULT_HELP "$" CLI_INDEX_VARIABLE ", else ./" CLI_INDEX_DEFAULT
#define CLI_INDEX_HELP "  -d, --index DIR         the index (default " CLI_INDEX_DEFAULT_HELP ")\n"

/* The options of the commands that read: -d more than once, or a stub file, reads several
 * indexes as one; --timeout and --partial say how. */
enum { CLI_OPT_TIMEOUT = 950, CLI_OPT_PARTIAL };
#define CLI_SHARD_OPTIONS                                                                          \
    {"timeout", required_argument, NULL, CLI_OPT_TIMEOUT},                                         \
        {"partial", no_argument, NULL, CLI_OPT_PARTIAL}
#define CLI_READ_INDEX_HELP                                                                        \
    "  -d, --index DIR         the index (default " CLI_INDEX_DEFAULT_HELP "); again for\n"        \
    "                          several, searched as one; or a stub file naming them\n"            \
    "      --timeout MS        how long a remote index may take to answer (default\n"             \
    "                          " CLI_STRING(MINUTES_DEFAULT_TIMEOUT_MS) ")\n"                     \
    "      --partial           leave out an index that cannot be read, with a warning\n"

/* A -d: before the command (`before_command`) or the command's own, which replace those.
 * 0 (after a message) when there are too many. */
int cli_add_index(const char *dir, int before_command);

/* Handle --timeout and --partial: 1 if taken, 0 on an error (printed), -1 if `option` is
 * neither. */
int cli_shard_option(int option, const char *arg);

/* The one index a command that writes uses: the first of those given. */
const char *cli_index_dir(void);

/* Open the indexes as cmd->index_use says: several as one to read, one to write, waiting
 * up to `wait` seconds for a lock another process holds. On failure prints the reason and
 * returns the exit status to use (EXIT_TROUBLE or EXIT_LOCKED); on success returns 0. */
int cli_open_index(const cli_command *cmd, double wait, minutes_db **out);

/* After a run: a warning for each index left out (--partial) not yet named. */
void cli_report_missing(const minutes_db *db);

/* Whether the answer is partial: some index was left out. */
int cli_partial_results(const minutes_db *db);

/* The exit status for a failed library call: EXIT_LOCKED for MINUTES_LOCKED, else
 * EXIT_TROUBLE. */
int cli_exit_status(minutes_status status);

/* Parse a non-negative decimal number option; prints an error naming `option` and returns 0
 * if `text` is not one. */
int cli_parse_size(const char *option, const char *text, size_t *out);

/* Seconds since `start`, a CLOCK_MONOTONIC time. */
struct timespec;
double cli_seconds_since(const struct timespec *start);

/* A number as a string literal, for a default in a help text: CLI_STRING(DEFAULT_LIMIT). */
#define CLI_STRING(number) CLI_STRING_(number)
#define CLI_STRING_(number) #number

#endif /* MINUTES_CLI_H */
