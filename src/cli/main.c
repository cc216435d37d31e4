/* main.c - the minutes command: reads the options given before the command (-d, --color,
 * --help, --version), finds the command in the command table and runs it. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "options.h"

/* The commands, in the order 'minutes help' lists them. Each command's usage, options and
 * defaults are in its cmd-*.c. */
const cli_command cli_commands[] = {
    {"index", cmd_index, CLI_WRITE_INDEX, "add files and directories to the index",
     &cmd_index_help},
    {"search", cmd_search, CLI_READ_INDEX, "search the index and print matching paragraphs",
     &cmd_search_help},
    {"meetings", cmd_meetings, CLI_READ_INDEX, "list the meetings in the index",
     &cmd_meetings_help},
    {"show", cmd_show, CLI_READ_INDEX, "print a paragraph with its item and context",
     &cmd_show_help},
    {"serve", cmd_serve, CLI_READ_INDEX, "serve a search page and a JSON API over HTTP",
     &cmd_serve_help},
    {"merge", cmd_merge, CLI_NO_INDEX, "merge indexes built apart into one new index",
     &cmd_merge_help},
    {"help", cmd_help, CLI_NO_INDEX, "show the commands, or one command's usage", &cmd_help_help},
    {"version", cmd_version, CLI_NO_INDEX, "print the version of minutes", &cmd_version_help},
    {NULL, NULL, CLI_NO_INDEX, NULL, NULL},
};

const cli_command *
cli_find_command(const char *name)
{
    for (const cli_command *c = cli_commands; c->name; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

const char *
cli_suggest_command(const char *name)
{
    cli_nearest n;
    cli_nearest_begin(&n, name);
    for (const cli_command *c = cli_commands; c->name; c++)
        cli_nearest_consider(&n, c->name);
    return n.best;
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

/* The command list, as 'minutes help' prints it. */
static int
print_command_list(char **argv)
{
    optind = 0; /* getopt starts afresh for the help command */
    return cmd_help(cli_find_command("help"), 1, argv);
}

/* The options before the command, as git's and notmuch's: they hold for every command,
 * and a command's own -d or --color wins over them. */
enum { GLOBAL_COLOR = 256, GLOBAL_VERSION };
static const struct option global_options[] = {
    {"index", required_argument, NULL, 'd'},
    {"color", required_argument, NULL, GLOBAL_COLOR},
    {"colour", required_argument, NULL, GLOBAL_COLOR},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, GLOBAL_VERSION},
    {NULL, 0, NULL, 0},
};
#define GLOBAL_USAGE "minutes [-d DIR] [--color WHEN] [--help] [--version] COMMAND [ARGS]"

/* Read the options before the command. Returns -1 to go on to the command (argv[optind]),
 * else the exit status. */
static int
parse_global_options(int argc, char **argv)
{
    int c, color = -1;
    while ((c = cli_getopt(argc, argv, "+d:h", global_options)) != -1) {
        switch (c) {
        case 'd':
            if (!cli_add_index(optarg, 1))
                return EXIT_TROUBLE;
            break;
        case GLOBAL_COLOR:
            if (!cli_parse_color(optarg, &color))
                return EXIT_TROUBLE;
            break;
        case 'h': return print_command_list(argv);
        case GLOBAL_VERSION: return cmd_version(cli_find_command("version"), 1, argv);
        default: fprintf(stderr, "usage: %s\n", GLOBAL_USAGE); return EXIT_TROUBLE;
        }
    }
    cli_set_global_color(color);
    return -1;
}

int
main(int argc, char **argv)
{
    int status = parse_global_options(argc, argv);
    if (status >= 0)
        return finish_output(status);
    if (optind >= argc) {
        print_command_list(argv);
        return EXIT_TROUBLE;
    }
    const char *name = argv[optind];
    const cli_command *cmd = cli_find_command(name);
    if (!cmd) {
        const char *near = cli_suggest_command(name);
        if (near)
            cli_error("'%s' is not a minutes command; did you mean '%s'?", name, near);
        else
            cli_error("'%s' is not a minutes command; see 'minutes help'", name);
        return EXIT_TROUBLE;
    }
    /* The command reads its own options from its name on, getopt starting afresh. */
    char **command_argv = argv + optind;
    int command_argc = argc - optind;
    optind = 0;
    return finish_output(cmd->run(cmd, command_argc, command_argv));
}
