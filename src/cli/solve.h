/* The solve command's request, shared by its methods (one file each). */
#ifndef MC_CLI_SOLVE_H
#define MC_CLI_SOLVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mechcheck/dominance.h"
#include "mechcheck/spe.h"

typedef struct solve_request {
    const char *path;     /* the game file, as named on the command line */
    const char *method;   /* the method's option, "--spe", "--dominance", ... */
    bool json;
    bool witness;
    bool merge;           /* merge Gambit-style simultaneous stages */
    const char *agents;   /* "1,2;3", or NULL: every player alone */
    mc_resolve resolve;
    uint64_t max_nodes;   /* 0: no limit */
    double timeout;       /* seconds, 0: no limit */
    const char *output;   /* NULL: standard output */
    const char *maximin_agent; /* --maximin AGENT: "2" or "1,2" */
    const char *against;  /* --against pooled|independent, or NULL (pooled) */
    /* --dominance, --nash */
    mc_dom_notion notion; /* --dominance NOTION */
    bool mixed;           /* --mixed: mixed dominators by exact LP */
    const char *order;    /* --order text, NULL: rounds */
    uint64_t max_states;  /* --max-states (all orders), 0: the library's default */
    uint64_t max_profiles; /* --max-profiles, 0: the default (see nf_max_profiles) */
} solve_request;

/* Subgame-perfect equilibrium of the .efg text buf[0..len).  Returns the
 * exit status and prints errors itself. */
int cli_solve_spe_efg(const solve_request *req, const char *buf, size_t len);

/* solve --maximin on a .efg / .nfg text (solve_maximin.c). */
int cli_solve_maximin_efg(const solve_request *req, const char *buf, size_t len);
int cli_solve_maximin_nfg(const solve_request *req, const char *buf, size_t len);
/* Iterated dominance (--dominance) and pure Nash equilibria (--nash) of a
 * normal form (.nfg text buf[0..len)) or of the reduced normal form of an
 * extensive form (.efg text). */
int cli_solve_dominance_nfg(const solve_request *req, const char *buf, size_t len);
int cli_solve_dominance_efg(const solve_request *req, const char *buf, size_t len);
int cli_solve_nash_nfg(const solve_request *req, const char *buf, size_t len);
int cli_solve_nash_efg(const solve_request *req, const char *buf, size_t len);

#endif
