/* mechcheck: the command dispatcher.  A new command is one file defining
 * cli_cmd_<name> and cli_help_<name> (declared in cli.h) plus one entry in
 * the table below. */
#include <string.h>

#include "cli/cli.h"

#ifndef MC_VERSION
#define MC_VERSION "unknown"
#endif

static const cli_command commands[] = {
    {"solve", "solve a Gambit game: SPE with uniqueness audit, dominance, pure Nash",
     cli_cmd_solve, cli_help_solve, false},
    {"check", "check a paper's claim on a concrete instance: verdict, witness, margins",
     cli_cmd_check, cli_help_check, false},
    {"search", "search instance families for a counterexample to a claim, and shrink it",
     cli_cmd_search, cli_help_search, false},
    {"report", "write the verification report of a paper (Markdown, JSON, HTML)",
     cli_cmd_report, cli_help_report, false},
    {"list", "list the papers, claims and mechanisms mechcheck knows", cli_cmd_list,
     cli_help_list, false},
    {"export", "write a mechanism's game as a Gambit file", cli_cmd_export, cli_help_export,
     false},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static const cli_command *find_command(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

static void print_usage(FILE *f)
{
    fprintf(f,
            "usage: mechcheck COMMAND [OPTIONS] [ARGS]\n"
            "       mechcheck help COMMAND | mechcheck COMMAND --help\n"
            "       mechcheck --version\n"
            "\n"
            "Checks theorems of mechanism-design papers on concrete instances, in exact\n"
            "rational arithmetic.\n"
            "\n"
            "commands:\n");
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(f, "  %-8s %s%s\n", commands[i].name, commands[i].planned ? "(planned) " : "",
                commands[i].summary);
    fprintf(f,
            "\n"
            "  help instance MECHANISM   how to write an instance of a mechanism\n"
            "\n"
            "exit status: 0 ran and every checked claim holds (NOT-APPLICABLE and UNDECIDED\n"
            "are reported, not failures), 1 a checked claim fails, 2 error (bad input,\n"
            "unknown option, unreadable file; for solve also a limit reached).\n");
}

static int help_command(int argc, char **argv)
{
    if (argc < 2) {
        print_usage(stdout);
        return cli_flush_stdout() ? CLI_EXIT_OK : CLI_EXIT_ERROR;
    }
    if (strcmp(argv[1], "instance") == 0)
        return cli_help_instance(argc - 1, argv + 1);
    const cli_command *c = find_command(argv[1]);
    if (!c) {
        cli_errorf("help: unknown command '%s' (see 'mechcheck --help')", argv[1]);
        return CLI_EXIT_ERROR;
    }
    c->help(stdout);
    return cli_flush_stdout() ? CLI_EXIT_OK : CLI_EXIT_ERROR;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_usage(stderr);
        return CLI_EXIT_ERROR;
    }
    const char *word = argv[1];
    if (strcmp(word, "--help") == 0 || strcmp(word, "-h") == 0) {
        print_usage(stdout);
        return cli_flush_stdout() ? CLI_EXIT_OK : CLI_EXIT_ERROR;
    }
    if (strcmp(word, "--version") == 0 || strcmp(word, "-V") == 0) {
        printf("mechcheck %s\n", MC_VERSION);
        return cli_flush_stdout() ? CLI_EXIT_OK : CLI_EXIT_ERROR;
    }
    if (strcmp(word, "help") == 0)
        return help_command(argc - 1, argv + 1);
    if (word[0] == '-') {
        cli_errorf("unknown option '%s' (see 'mechcheck --help')", word);
        return CLI_EXIT_ERROR;
    }
    const cli_command *c = find_command(word);
    if (!c) {
        cli_errorf("unknown command '%s' (see 'mechcheck --help')", word);
        return CLI_EXIT_ERROR;
    }
    return c->run(argc - 1, argv + 1);
}
