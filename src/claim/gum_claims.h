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
#include "mechcheck/dominance.h"
#include "mechcheck/efnf.h"
#include "mechcheck/nash.h"
#include "mechcheck/seqform.h"
#include "mechcheck/sform.h"

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

/* ---- period ex-post IC (gum_expost.c) --------------------------------------- */

/* gain[t * n + (i-1)] = agent i's largest gain at period t from a lie when it
 * knows every current type, after a truthful history, everyone truthful
 * afterwards (spec 2.9); rows lists the profitable lies (at most 64). */
mc_status mc_gum_expost_ic(const mc_gum_setup *s, mc_q *gain, json_t **rows, mc_error *err);

/* ---- static strategic forms (gum_static.c) --------------------------------- */

/* The ex-ante strategic form of a static (T = 1) instance: a strategy is a
 * report per own type (named by the reports in type order, "LH"); payoffs
 * are exact expected utilities. */
typedef struct mc_gum_nf {
    mc_sform sf;
    unsigned n;
    uint32_t nstrat[MC_GUM_MAX_AGENTS];
    uint32_t truthful[MC_MAX_PLAYERS];
    uint64_t nprofiles;
    mc_q *welfare;                 /* per profile: sum of expected utilities */
} mc_gum_nf;

mc_status mc_gum_static_nf(const mc_gum_setup *s, const mc_gum_mech *m, mc_gum_nf *nf,
                           mc_error *err);
void mc_gum_nf_free(mc_gum_nf *nf);
uint64_t mc_gum_nf_truthful_profile(const mc_gum_nf *nf);
json_t *mc_gum_nf_profile_json(const mc_gum_nf *nf, uint64_t prof, const mc_q *W);
/* All pure NE of the full form (JSON list), whether all are efficient. */
mc_status mc_gum_nf_nash(const mc_gum_nf *nf, const mc_q *W, json_t **out, size_t *count,
                         bool *all_efficient, mc_error *err);

/* Iterated elimination of weakly dominated strategies (pure dominators),
 * every order and simultaneous rounds. */
typedef struct mc_gum_iewds {
    bool truth_dominated;          /* some truthful strategy weakly dominated in the full game */
    size_t nends;                  /* distinct terminal sets over all orders */
    bool order_independent;
    bool truth_in_every_end;
    bool every_end_inefficient;    /* no surviving profile of any end is efficient */
    bool efficient_ne_in_every_end;
    bool limited;                  /* the all-orders exploration hit its limit */
    json_t *first_truthless_path;  /* an elimination path ending without truth */
    json_t *json;
} mc_gum_iewds;

mc_status mc_gum_iewds_run(const mc_gum_nf *nf, const mc_q *W, mc_gum_iewds *r, mc_error *err);
/* The same with a limit on the states of the all-orders search (0 = the
 * default); beyond it r->limited. */
mc_status mc_gum_iewds_run_limited(const mc_gum_nf *nf, const mc_q *W, uint64_t max_states,
                                   mc_gum_iewds *r, mc_error *err);
void mc_gum_iewds_free(mc_gum_iewds *r);

/* ---- pure BNE of the dynamic game (gum_bne.c) -------------------------------- */

/* Every pure BNE of the setup's game (its information structure, and with
 * past = 1 every agent seeing all true past types), through the reduced
 * normal form; each is re-confirmed by a walk and DP best responses. */
typedef struct mc_gum_bne {
    bool limited;                        /* more than max_profiles profiles: not enumerated */
    uint64_t plans[MC_GUM_MAX_AGENTS];   /* reduced plans per agent */
    uint64_t profiles;                   /* their product (saturating) */
    size_t count;                        /* pure BNE */
    size_t inefficient;                  /* with welfare != W* */
    size_t not_equivalent;               /* with some E U^i != Upsilon^i */
    uint64_t rechecked;                  /* confirmed independently */
    uint64_t nodes;                      /* of the compiled game */
    bool integer_route;                  /* built by mc_gum_seq_nf (else mc_efnf_build) */
    json_t *list;                        /* the first few: plans, E U, welfare */
    json_t *first_bad;                   /* the first inefficient or non-equivalent one */
    /* with pbe: inefficient BNE tested for sequential rationality (in order,
     * until one passes) */
    uint64_t pbe_tested;
    json_t *inefficient_pbe;             /* the first inefficient BNE that is a PBE */
} mc_gum_bne;

void mc_gum_bne_init(mc_gum_bne *r);
void mc_gum_bne_free(mc_gum_bne *r);
mc_status mc_gum_pure_bne(const mc_gum_setup *s, uint64_t max_profiles, bool pbe, mc_gum_bne *r,
                          mc_error *err);

/* Sequential rationality of a pure profile of reduced plans (gum_pbe.c):
 * each player's plan optimal at each of its sets that the others' plans
 * reach with positive probability (sets off its own plan completed
 * optimally).  worst_gain is the largest conditional gain. */
typedef struct mc_gum_pbe {
    uint64_t sets, violations;
    unsigned worst_player;   /* 0-based */
    uint32_t worst_set;      /* ef information set, or MC_EF_NONE */
    mc_q worst_gain;         /* initialised by the caller */
} mc_gum_pbe;

mc_status mc_gum_profile_pbe(const mc_ef *ef, const mc_efnf_agent *agents, const uint32_t *plan,
                             mc_gum_pbe *out, mc_error *err);
/* The reduced normal form of ef, every player alone, by the sequence form
 * in scaled integers (gum_seqnf.c): plans in ag[0..nplayers) (as
 * mc_efnf_agent_plans), payoffs and plan names in sf (numbered as
 * mc_efnf_build numbers profiles).  *fast = false (and nothing allocated)
 * when some weight chance x payoff does not fit the integer scaling; the
 * caller then uses mc_efnf_build.  MC_ELIMIT beyond max_profiles. */
mc_status mc_gum_seq_nf(const mc_ef *ef, uint64_t max_profiles, mc_efnf_agent *ag, mc_sform *sf,
                        bool *fast, mc_error *err);
/* The setup's game compiled, and its reduced normal form (every player
 * alone) by mc_gum_seq_nf or, when the numbers do not fit, mc_efnf_build;
 * limited (nothing built past the tree) beyond max_profiles. */
typedef struct mc_gum_tree_nf {
    mc_game *game;
    mc_ef ef;
    bool have_ef, have_nf, fast, limited;
    uint64_t plans[MC_GUM_MAX_AGENTS], profiles;
    mc_efnf_agent ag[MC_MAX_PLAYERS];     /* the fast route's plans */
    mc_efnf nf;                           /* the fallback's */
    const mc_efnf_agent *agents;          /* ag or nf.agent */
    mc_sform sf;
    /* an unbalanced mechanism: the same tree paying only the payoffs u, for
     * welfare (spec 2.1: efficiency is about payoffs, not utilities) */
    bool balanced;
    mc_gum_mech wmech;
    mc_game *wgame;
    mc_ef wef;
    bool have_wef;
} mc_gum_tree_nf;

mc_status mc_gum_tree_nf_build(const mc_gum_setup *s, uint64_t max_profiles, mc_gum_tree_nf *t,
                               mc_error *err);
void mc_gum_tree_nf_free(mc_gum_tree_nf *t);
/* The expected total payoff sum_i E sum_t u^i_t of a profile (welfare). */
mc_status mc_gum_tree_nf_welfare(const mc_gum_tree_nf *t, uint64_t prof, mc_q *w, mc_error *err);
/* The instance's "max_profiles" (default 2^20). */
mc_status mc_gum_bne_limit(const mc_instance *in, uint64_t *max_profiles, mc_error *err);
/* The result as a witness (setup, Upsilon, W*, sizes, equilibria). */
json_t *mc_gum_bne_json(const mc_gum_setup *s, const mc_gum_bne *r, uint64_t max_profiles);

/* Proposition 1 for every BNE, pure or mixed, by the paper's argument with
 * each premise checked exactly (gum_prop1_arg.c): *proved when the
 * truthful agents' pooled lower bounds equal Upsilon^i and sum to the best
 * joint total, which is W*, under ex-post budget balance; otherwise `why`
 * names the first premise that fails (the argument is then silent). */
mc_status mc_gum_prop1_argument(const mc_gum_setup *s, uint64_t max_nodes, bool *proved,
                                char *why, size_t whylen, json_t **witness, uint64_t *nodes,
                                mc_error *err);

/* ---- sequential rationality of truth (gum_seqrat.c) ------------------------------ */

/* One-shot gains of every agent at every information set, the others
 * truthful (spec 2.8); past = true: information sets also hold every
 * agent's true past types, and the others may have lied before (V3). */
typedef struct mc_gum_seqrat {
    bool past;
    mc_q gain[(MC_GUM_MAX_T + 1) * MC_GUM_MAX_AGENTS]; /* [t * MAX_AGENTS + i-1]: the largest */
    uint64_t sets, violations;
    uint64_t on_path[MC_GUM_MAX_AGENTS];    /* violations at sets reached when all are truthful */
    mc_q truthful[MC_GUM_MAX_AGENTS];       /* E U^i of the truthful profile */
    mc_q best_response[MC_GUM_MAX_AGENTS];  /* in the V0 tree, against truthful others (DP) */
    mc_q best_response_past[MC_GUM_MAX_AGENTS]; /* past: the same when every agent sees all
                                                 * true past types (truth a BNE under V3?) */
    json_t *rows;                            /* the first violations */
} mc_gum_seqrat;

void mc_gum_seqrat_init(mc_gum_seqrat *r);
void mc_gum_seqrat_free(mc_gum_seqrat *r);
mc_status mc_gum_seqrat_run(const mc_gum_setup *s, bool past, mc_gum_seqrat *r, mc_error *err);
json_t *mc_gum_seqrat_json(const mc_gum_setup *s, const mc_gum_seqrat *r);

/* ---- JSON helpers (gum_json.c) ---------------------------------------------- */

json_t *mc_gum_jq(const mc_q *q);                       /* "p/q" */
json_t *mc_gum_jvec(const mc_q *v, unsigned n);         /* ["p/q", ...] */
json_t *mc_gum_jagents(const mc_gum_env *e, const mc_q *v); /* {"b": "p/q", ...} */
/* The reports of a state of period t as {"b": "3/10", ...}. */
json_t *mc_gum_jstate(const mc_gum_env *e, unsigned t, uint64_t state);
/* A compared number: appends {"what", "source", "expected", "computed",
 * "match"} to items and clears *ok on a mismatch. */
void mc_gum_item(json_t *items, const char *what, const char *source, const char *expected,
                 const char *computed, bool *ok);
void mc_gum_item_q(json_t *items, const char *what, const char *source, const char *expected,
                   const mc_q *computed, bool *ok);
/* "(a, b, c)" */
void mc_gum_vec_str(const mc_q *v, unsigned n, char *buf, size_t cap);
/* A copy of an instance with one string parameter replaced (dst uninitialised). */
mc_status mc_gum_instance_with(mc_instance *dst, const mc_instance *src, const char *key,
                               const char *value, mc_error *err);
/* A setup's description for witnesses. */
json_t *mc_gum_jsetup(const mc_gum_setup *s);

#endif
