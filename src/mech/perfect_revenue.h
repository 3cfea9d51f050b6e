/* Mechanism M of Chen, Hassidim and Micali, "Robust Perfect Revenue From
 * Perfectly Informed Players" (2011), Sec. 4, as a game generator, with
 * the arithmetic of one play, the f_r tie-break rank and the prescriptions
 * of Lemmas 1-3 (spec/000.md Sec. 3.3 and 4).
 *
 * Players are 0-based here (player 1 of the paper is index 0).  States of
 * the context are indices into the instance's ordered Omega, with the null
 * state at index 0.  bip values are 0-based too: bip[j] == 0 means "nobody
 * raised j" (the paper's bip_j = 1), since player 1 never raises.
 *
 * Step (b) is implemented in its corrected reading (spec 3.3): bip_j is the
 * last player who raised j and P*_j is j's own cumulative price. */
#ifndef MC_MECH_PERFECT_REVENUE_H
#define MC_MECH_PERFECT_REVENUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mechcheck/error.h"
#include "mechcheck/game.h"
#include "mechcheck/num.h"

#define MC_PR_MAX_N 6
#define MC_PR_MAX_STATES 16
#define MC_PR_MAX_CAP 1000          /* per-coordinate cap on announcements */
#define MC_PR_MAX_TV 1000           /* true values are integers in 0..MAX_TV */
#define MC_PR_MAX_ROOT (1u << 22)   /* root actions (|Omega| * prod (cK_j+1)) */
#define MC_PR_MAX_RAISE (1u << 22)  /* actions of one raising step */
#define MC_PR_NAME 24

/* f_r / n_r reading (spec 3.3). */
typedef enum mc_pr_rank_mode {
    MC_PR_RANK_MAIN = 0,  /* r = sum K1, n_r = |Omega| C(r+n-1,n-1), f = rank of (omega*, K1) */
    MC_PR_RANK_STATE = 1  /* f = idx(omega*), n_r = |Omega| */
} mc_pr_rank_mode;

/* What a YES/NO leaf is. */
typedef enum mc_pr_leaf_mode {
    MC_PR_LEAF_CLOSED = 0, /* closed-form expected utilities (spec 3.3) */
    MC_PR_LEAF_CHANCE = 1  /* explicit chance nodes for coins c1 and c2 */
} mc_pr_leaf_mode;

typedef struct mc_pr_params {
    unsigned n;                                    /* players, 2..MC_PR_MAX_N */
    unsigned nstates;                              /* |Omega|, null state included */
    char state_name[MC_PR_MAX_STATES][MC_PR_NAME]; /* [0] is the null state */
    int64_t tv[MC_PR_MAX_STATES][MC_PR_MAX_N];     /* TV_j(omega); tv[0][*] = 0 */
    mc_agents agents;                              /* the collusion partition */
    mc_q eps;
    mc_q chain[MC_PR_MAX_N][MC_PR_MAX_N];          /* chain[i][j] = eps^{i+1}_{j+1}, i >= 1 */
    uint32_t cap_k[MC_PR_MAX_N];                   /* K1_j in 0..cap_k[j] */
    uint32_t cap_d[MC_PR_MAX_N][MC_PR_MAX_N];      /* Delta^{i+1}_{j+1} in 0..cap_d[i][j] */
    mc_pr_rank_mode rank;
    mc_pr_leaf_mode leaf;
} mc_pr_params;

/* Zeroes *p with valid rationals (n = 0: not yet an instance). */
void mc_pr_params_init(mc_pr_params *p);
void mc_pr_params_clear(mc_pr_params *p);
void mc_pr_params_copy(mc_pr_params *dst, const mc_pr_params *src); /* dst initialised */
/* A ready instance: n players, Omega = (null, w) with the given values (or
 * all zero when tv is NULL), singletons, eps = 1/(10n), default chain,
 * every cap = cap. */
void mc_pr_params_simple(mc_pr_params *p, unsigned n, const int64_t *tv, uint32_t cap);
/* chain(n, eps): eps^i_j = eps (m - t)/(m + 1), m = n(n-1), t = (i-2)n + (j-1). */
void mc_pr_chain_default(mc_pr_params *p);
/* Every constraint of the paper and of this implementation, one-line
 * errors naming the parameter ("chain: eps^2_3 = 1/7 must be < eps^2_2 = 1/7"). */
mc_status mc_pr_params_validate(const mc_pr_params *p, mc_error *err);
/* One paragraph listing every parameter (Omega order, TV, partition, eps,
 * chain, caps, reading, leaf mode); malloc'd. */
char *mc_pr_params_text(const mc_pr_params *p);

int64_t mc_pr_welfare(const mc_pr_params *p, unsigned omega);
int64_t mc_pr_msw(const mc_pr_params *p);
/* The first state in Omega order with welfare MSW. */
unsigned mc_pr_first_max_state(const mc_pr_params *p);

/* ---- the f_r / n_r tie-break (perfect_revenue_rank.c) ------------------ */

/* Rank of the composition k[0..n) of r = sum k among all compositions of r
 * into n parts in decreasing-lexicographic order ((3,0) < (2,1) < ... for
 * n = 2), and their number C(r+n-1, n-1). */
void mc_pr_composition_rank(unsigned n, const int64_t *k, mc_q *rank, mc_q *count);
/* f and n_r of the proposal (omega*, K1) under p->rank. */
void mc_pr_rank(const mc_pr_params *p, unsigned omega, const int64_t *k1, mc_q *f, mc_q *nr);

/* ---- the lemmas' prescriptions (perfect_revenue_rules.c) --------------- */

/* Does player j have a choice at the YES/NO step (P*_j > 0, and j is not
 * player 1 unraised)? */
bool mc_pr_has_choice(unsigned j, const int64_t *pstar, const unsigned *bip);
/* Lemma 1 (and 1'): does j say YES?  For a member of a collusive block C:
 * bip_j in C or sum_C TV(omega*) >= sum_C P*. */
bool mc_pr_lemma1_yes(const mc_pr_params *p, unsigned omega, const int64_t *pstar,
                      const unsigned *bip, unsigned j);
/* Lemma 2 (and 2'): the raise Delta^{i+1} of player i (1..n-1) at a node
 * with current prices c (K1 plus the raises of players before i). */
void mc_pr_lemma2_raise(const mc_pr_params *p, unsigned omega, unsigned i, const int64_t *c,
                        int64_t *delta);
/* Lemma 3 (and 3'): player 1's announcement; for a given omega with
 * mc_pr_lemma3_prices. */
void mc_pr_lemma3_root(const mc_pr_params *p, unsigned *omega, int64_t *k1);
void mc_pr_lemma3_prices(const mc_pr_params *p, unsigned omega, int64_t *k1);

/* ---- one play (perfect_revenue_play.c) ----------------------------------- */

typedef struct mc_pr_play {
    unsigned omega;                          /* omega* */
    int64_t k1[MC_PR_MAX_N];
    int64_t delta[MC_PR_MAX_N][MC_PR_MAX_N]; /* delta[i][j] = Delta^{i+1}_{j+1}; row 0 unused */
    uint32_t no_mask;                        /* players announcing NO (bit j) */
} mc_pr_play;

/* One realised outcome of a play, after step g. */
typedef struct mc_pr_outcome {
    mc_q prob;
    const char *what;          /* "stop", "all-yes", "punish", "implement", "null" */
    unsigned omega;            /* realised state */
    mc_q price[MC_PR_MAX_N];   /* final prices (rewards included) */
    mc_q utility[MC_PR_MAX_N];
    mc_q revenue;
    int64_t welfare;
} mc_pr_outcome;

typedef struct mc_pr_eval {
    bool stopped;              /* sum K1 = 0: the play ends at step (a) */
    int64_t pstar[MC_PR_MAX_N];
    unsigned bip[MC_PR_MAX_N];
    uint32_t chooser_mask;
    int64_t r;
    mc_q f, nr;
    unsigned yes;              /* Y, default YESes included */
    int64_t b;                 /* B = sum of the NO-sayers' P* */
    int64_t pun[MC_PR_MAX_N];  /* pun_i = sum_{j NO, bip_j = i} 2 P*_j */
    mc_q p_impl;               /* Pr[(omega*, P* - eps) is implemented] */
    mc_q rew[MC_PR_MAX_N];
    mc_q eu[MC_PR_MAX_N];      /* expected utilities */
    mc_q revenue;              /* expected revenue */
    unsigned nout;
    mc_pr_outcome out[3];
} mc_pr_eval;

void mc_pr_eval_init(mc_pr_eval *e);
void mc_pr_eval_clear(mc_pr_eval *e);
/* Runs the mechanism on a play, independently of the generator: steps a-g
 * literally, realisations with their probabilities, then expectations.
 * MC_EINPUT when the play is not a play of M (Delta^i_i != 0, negative
 * numbers, a NO from a player without a choice). */
mc_status mc_pr_evaluate(const mc_pr_params *p, const mc_pr_play *play, mc_pr_eval *e,
                         mc_error *err);

/* ---- the generator (perfect_revenue_game.c) ------------------------------ */

typedef enum mc_pr_where {
    MC_PR_AT_ROOT = 0,  /* player 1 announces (omega*, K1) */
    MC_PR_AT_RAISE,     /* player `mover` announces Delta */
    MC_PR_AT_VOTE,      /* simultaneous YES/NO (height 1) */
    MC_PR_AT_COIN1,     /* chance mode: coin c1 */
    MC_PR_AT_COIN2,     /* chance mode: coin c2 */
    MC_PR_AT_LEAF
} mc_pr_where;

/* A decoded state. */
typedef struct mc_pr_view {
    mc_pr_where where;
    unsigned step;                 /* 1..n+1 for decision states (the paper's step numbers) */
    unsigned mover;                /* AT_RAISE: the raising player (0-based) */
    unsigned omega;
    int64_t c[MC_PR_MAX_N];        /* current cumulative prices; P* from the vote on */
    unsigned bip[MC_PR_MAX_N];
    uint32_t chooser_mask;         /* AT_VOTE and later */
    uint32_t no_mask;              /* after the vote */
    bool stopped;                  /* AT_LEAF: the play ended at step (a) */
    mc_pr_play play;               /* the actions so far (rows of later steps are 0) */
} mc_pr_view;

/* Builds the game of an instance (validated first).  Payoffs: expected
 * utilities including the step-g rewards.  Key: (step, omega*, c, bip) at
 * decision states; offset: the rewards already fixed (those of the players
 * who have moved).  Destroy with mc_game_destroy. */
mc_status mc_pr_game_new(mc_game *g, const mc_pr_params *p, mc_error *err);
const mc_pr_params *mc_pr_game_params(const mc_game *g);
void mc_pr_view_state(const mc_game *g, const void *state, mc_pr_view *v);

uint32_t mc_pr_root_nactions(const mc_game *g);
uint32_t mc_pr_raise_nactions(const mc_game *g, unsigned i);
void mc_pr_root_decode(const mc_game *g, uint32_t a, unsigned *omega, int64_t *k1);
/* UINT32_MAX when the announcement lies outside the caps. */
uint32_t mc_pr_root_encode(const mc_game *g, unsigned omega, const int64_t *k1);
void mc_pr_raise_decode(const mc_game *g, unsigned i, uint32_t a, int64_t *delta);
uint32_t mc_pr_raise_encode(const mc_game *g, unsigned i, const int64_t *delta);
/* Child index at a vote node for a NO set (bits of players; only choosers). */
uint64_t mc_pr_vote_child(uint32_t chooser_mask, uint32_t no_mask);
uint32_t mc_pr_vote_no_mask(uint32_t chooser_mask, uint64_t child);
/* "(1,_,2)" style rendering of a raise vector of player i into buf. */
size_t mc_pr_fmt_raise(char *buf, size_t cap, unsigned n, unsigned i, const int64_t *delta);
size_t mc_pr_fmt_root(char *buf, size_t cap, const mc_pr_params *p, unsigned omega,
                      const int64_t *k1);

/* ---- the revenue of plays (perfect_revenue_revenue.c) --------------------- */

/* A one-player view of a closed-leaf game of M whose payoff is minus the
 * expected revenue, Pr[implement] W(omega*) - sum_j E[u_j]: backward
 * induction on it finds the pure play of least expected revenue.  Keys and
 * offsets are the inner game's (offset = the sum of the inner offsets).
 * The inner game must outlive it. */
mc_status mc_pr_revenue_game_new(mc_game *g, const mc_game *inner, mc_error *err);

#endif
