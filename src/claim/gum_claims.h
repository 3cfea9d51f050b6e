/* Seed 004 ("gum"): shared analyses behind the claims — guarantees of a
 * truthful agent against the pooled others (DP and sequence-form LP, with
 * exact certificates), right-hand sides, static normal forms — and JSON
 * helpers for witnesses. */
#ifndef MC_CLAIM_GUM_CLAIMS_H
#define MC_CLAIM_GUM_CLAIMS_H

#include <jansson.h>

#include "mech/gum_setup.h"
#include "mechcheck/claim.h"
#include "mechcheck/lp.h"
#include "mechcheck/seqform.h"

/* ---- guarantees (gum_guarantee.c) ------------------------------------------ */

typedef struct mc_gum_guar_opts {
    bool a;                 /* (A): truthful agent, min and max over pooled pure plans */
    bool saddle;            /* certificate: (truthful, truthful) as a saddle point at Upsilon */
    bool lp;                /* (B): the sequence-form maximin LP */
    bool past;              /* the coalition sees every agent's true past types (eq. 45) */
    bool simultaneous;      /* V0 reports at one node (the pooled others move jointly) */
    uint64_t max_nodes;     /* compiled tree limit (0 = default) */
    double lp_time;         /* seconds for the LP (0 = none) */
} mc_gum_guar_opts;

void mc_gum_guar_opts_default(mc_gum_guar_opts *o);

typedef struct mc_gum_guar {
    unsigned agent;                   /* 1-based */
    mc_q upsilon;                     /* Upsilon^i_{0,N} = F^i_0(theta_0) */
    bool have_a;
    mc_q amin, amax;                  /* (A) */
    bool saddle;                      /* the truthful pair certifies value = Upsilon */
    char saddle_note[200];
    bool have_lp;
    mc_lp_status lp_status;           /* OPTIMAL_CERTIFIED (and DP re-checked) or UNDECIDED */
    mc_q lp_value;
    char lp_note[256];
    bool certified;                   /* value is the exact maximin value */
    mc_q value;
    const char *how;                  /* which certificate */
    uint32_t seq_i, sets_i, seq_c, sets_c, nodes, leaves;
    size_t lp_rows, lp_cols, nnz;
    double sec_build, sec_a, sec_saddle, sec_lp;
} mc_gum_guar;

void mc_gum_guar_init(mc_gum_guar *g);
void mc_gum_guar_free(mc_gum_guar *g);

/* Agent `agent` (1-based) truthful against all others pooled (spec 2.11). */
mc_status mc_gum_guarantee(const mc_gum_setup *s, unsigned agent, const mc_gum_guar_opts *o,
                           mc_gum_guar *g, mc_error *err);

/* The right-hand side of (13)/(22): W* for a budget-balanced mechanism
 * with an efficient policy; otherwise the grand coalition's best total
 * expected utility over pooled plans (a DP over the compiled tree). */
mc_status mc_gum_rhs(const mc_gum_setup *s, mc_q *rhs, const char **how, mc_error *err);

/* The pooled coalition's best total expected utility when every agent
 * outside it is truthful (eq. 19), by DP; the coalition is a mask of
 * agents (bit i-1). */
mc_status mc_gum_coalition_max(const mc_gum_setup *s, uint32_t coalition, mc_q *value,
                               mc_error *err);

/* The truthful strategy callback for mc_ef_behavior_from_game. */
mc_status mc_gum_truthful_fn(void *ctx, const mc_game *g, const void *state, const mc_node *node,
                             unsigned mover, mc_q *prob, mc_error *err);

/* ---- JSON helpers (gum_json.c) ---------------------------------------------- */

json_t *mc_gum_jq(const mc_q *q);                       /* "p/q" */
json_t *mc_gum_jvec(const mc_q *v, unsigned n);         /* ["p/q", ...] */
json_t *mc_gum_jagents(const mc_gum_env *e, const mc_q *v); /* {"b": "p/q", ...} */
/* The reports of a state of period t as {"b": "3/10", ...}. */
json_t *mc_gum_jstate(const mc_gum_env *e, unsigned t, uint64_t state);
/* A setup's description for witnesses. */
json_t *mc_gum_jsetup(const mc_gum_setup *s);

#endif
