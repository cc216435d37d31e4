/* main.c - the minutes command: finds the subcommand in the command table and runs it. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

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
    {"help", cmd_help, CLI_NO_INDEX, "show the commands, or one command's usage", &cmd_help_help},
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
