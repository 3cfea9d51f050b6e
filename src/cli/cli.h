/* Shared pieces of the mechcheck command-line program: the command table
 * entry, a small portable long-option parser, exit codes and error output.
 *
 * A command lives in its own file (cmd_<name>.c) and exports a run function
 * and a help function; main.c lists it in its table. */
#ifndef MC_CLI_H
#define MC_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "mechcheck/error.h"

/* Exit status (DESIGN.md): 0 ran / claims hold, 1 a checked claim fails,
 * 2 error (bad input, unknown option, unreadable file, limit reached). */
enum { CLI_EXIT_OK = 0, CLI_EXIT_FAIL = 1, CLI_EXIT_ERROR = 2 };

typedef struct cli_command {
    const char *name;
    const char *summary;  /* one line for `mechcheck --help` */
    int (*run)(int argc, char **argv); /* argv[0] is the command name */
    void (*help)(FILE *f);
    bool planned;          /* listed, but not implemented yet */
} cli_command;

/* ---- options ---------------------------------------------------------------- */

enum { CLI_NO_ARG = 0, CLI_REQ_ARG = 1 };

typedef struct cli_option {
    const char *name;      /* long name without "--" */
    char short_name;       /* 0: none */
    int has_arg;           /* CLI_NO_ARG / CLI_REQ_ARG */
    int id;                /* returned by cli_next (>= 0) */
    const char *arg_name;  /* for help ("N", "FILE") */
    const char *help;      /* one line; NULL hides the option from help */
} cli_option;

enum { CLI_END = -1, CLI_POSITIONAL = -2, CLI_BAD = -3 };

typedef struct cli_parser {
    int argc;
    char **argv;
    int index;             /* next argv entry to read */
    const char *cmd;       /* command name for messages */
    bool only_positional;  /* after "--" */
} cli_parser;

void cli_parser_init(cli_parser *p, const char *cmd, int argc, char **argv);
/* Next option id, CLI_POSITIONAL (*arg = the word), CLI_END, or CLI_BAD
 * after printing a one-line error.  *arg is the option's argument. */
int cli_next(cli_parser *p, const cli_option *opts, const char **arg);
/* Prints the option table (two columns) for help texts. */
void cli_print_options(FILE *f, const cli_option *opts);

/* Argument conversions; print a one-line error and return false when the
 * text is not a valid value. */
bool cli_parse_u64(const char *cmd, const char *opt, const char *text, uint64_t *out);
bool cli_parse_seconds(const char *cmd, const char *opt, const char *text, double *out);
/* --threads N: 0 (every core) .. 64. */
bool cli_parse_threads(const char *cmd, const char *text, unsigned *out);

/* ---- messages ------------------------------------------------------------------ */

/* "mechcheck: <formatted>" on stderr, one line. */
void cli_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints err's message (it already names the input and position) and
 * returns CLI_EXIT_ERROR. */
int cli_report_error(const mc_error *err);
/* Flushes stdout; on a write error reports it and returns false. */
bool cli_flush_stdout(void);

/* ---- commands ------------------------------------------------------------------ */

int cli_cmd_solve(int argc, char **argv);
void cli_help_solve(FILE *f);

/* The claim commands (cmd_check.c, cmd_search.c, cmd_report.c, cmd_list.c). */
int cli_cmd_check(int argc, char **argv);
void cli_help_check(FILE *f);
int cli_cmd_search(int argc, char **argv);
void cli_help_search(FILE *f);
int cli_cmd_report(int argc, char **argv);
void cli_help_report(FILE *f);
int cli_cmd_list(int argc, char **argv);
void cli_help_list(FILE *f);
/* `mechcheck help instance [MECHANISM]` (argv[0] = "instance"). */
int cli_help_instance(int argc, char **argv);

int cli_cmd_export(int argc, char **argv);
void cli_help_export(FILE *f);

#endif
