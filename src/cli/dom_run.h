/* One run of `solve --dominance`: the game, the options, the result and
 * its independent re-check, shared by the text and JSON writers. */
#ifndef MC_CLI_DOM_RUN_H
#define MC_CLI_DOM_RUN_H

#include "cli/nf_run.h"
#include "mechcheck/dominance.h"

/* The LP hook with --timeout's deadline. */
typedef struct dom_hook {
    mc_dom_lp lp;
    double deadline;        /* nf_now() scale; 0: none */
} dom_hook;

typedef struct dom_run {
    nf_run nf;
    mc_dom_game dg;
    bool have_dg;
    mc_dom_options opt;
    mc_dom_elim *given;     /* --order LIST, parsed */
    dom_hook hook;
    mc_dom_result res;
    bool have_res;
    bool verified;          /* mc_dom_verify passed */
    mc_error verify_err;
    double seconds;         /* the elimination itself */
    double total_seconds;   /* reading, solving and re-checking */
} dom_run;

/* "Row: D" -- an agent and one of its strategies. */
const char *dom_elim_str(const dom_run *run, unsigned agent, uint32_t s, char *buf, size_t cap);
/* The dominator of a step: "U" or "1/2 U + 1/2 M". */
const char *dom_dominator_str(const dom_run *run, const mc_dom_step *st, char *buf, size_t cap);

mc_status dom_write_text(FILE *f, const void *arg, mc_error *err);
mc_status dom_write_json(FILE *f, const void *arg, mc_error *err);

#endif
