/* The solve command's request, shared by its methods (one file each). */
#ifndef MC_CLI_SOLVE_H
#define MC_CLI_SOLVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mechcheck/spe.h"

typedef struct solve_request {
    const char *path;     /* the game file, as named on the command line */
    bool json;
    bool witness;
    bool merge;           /* merge Gambit-style simultaneous stages */
    const char *agents;   /* "1,2;3", or NULL: every player alone */
    mc_resolve resolve;
    uint64_t max_nodes;   /* 0: no limit */
    double timeout;       /* seconds, 0: no limit */
    const char *output;   /* NULL: standard output */
} solve_request;

/* Subgame-perfect equilibrium of the .efg text buf[0..len).  Returns the
 * exit status and prints errors itself. */
int cli_solve_spe_efg(const solve_request *req, const char *buf, size_t len);

#endif
