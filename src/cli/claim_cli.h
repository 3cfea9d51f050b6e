/* Pieces shared by the claim commands (check, search, report, list, help
 * instance): instance options, claim lookup, progress on a terminal,
 * writing to a file or standard output. */
#ifndef MC_CLI_CLAIM_CLI_H
#define MC_CLI_CLAIM_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "mechcheck/claim.h"

/* --instance FILE and --set k=v words, applied in that order (--set
 * overrides the file). */
typedef struct cli_instance_opts {
    const char *file;
    const char **sets;
    size_t nsets, cap;
} cli_instance_opts;

bool cli_instance_add_set(cli_instance_opts *o, const char *word);
void cli_instance_opts_free(cli_instance_opts *o);
/* Builds the instance; prints the error and returns false on failure
 * (in is then freed). */
bool cli_instance_build(const cli_instance_opts *o, mc_instance *in);

/* The claim PAPER/NAME, or prints an error (with a suggestion when NAME
 * alone names one claim) and returns NULL. */
const mc_claim *cli_find_claim(const char *cmd, const char *id);

/* Progress on stderr when it is a terminal: one line, rewritten. */
typedef struct cli_progress {
    bool on;
    bool shown;
} cli_progress;

void cli_progress_init(cli_progress *p);
void cli_progress_show(cli_progress *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cli_progress_clear(cli_progress *p);

/* Writes through writer to path (atomically) or to stdout when path is
 * NULL or "-"; prints errors; returns false on failure. */
bool cli_write(const char *path, mc_status (*writer)(FILE *f, const void *arg, mc_error *err),
               const void *arg);

#endif
