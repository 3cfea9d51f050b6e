/* Maximin (security) values of an agent in a normal-form game, exact.
 *
 * The agent (a set of players choosing jointly and maximising the sum of
 * their payoffs) faces all other players pooled into one opponent whose
 * pure strategies are their joint pure profiles.  Its mixed security level
 * is the value of the zero-sum matrix game A[s][t] (s: the agent's joint
 * profiles, t: the opponents'), found by the LP
 *     max v  s.t.  sum_s x_s A[s][t] >= v for every t,  sum_s x_s = 1,  x >= 0
 * through mc_lp_solve (GLPK + exact certificate).  The result carries the
 * agent's optimal mixture x and the opponents' optimal mixture y (from the
 * LP's duals), and it is accepted only when mc_maximin_check confirms
 *     min_t x.A[.][t] == value == max_s A[s][.].y   exactly. */
#ifndef MECHCHECK_MAXIMIN_H
#define MECHCHECK_MAXIMIN_H

#include <stdbool.h>
#include <stdint.h>

#include "mechcheck/error.h"
#include "mechcheck/lp.h"
#include "mechcheck/nfg.h"
#include "mechcheck/num.h"

typedef struct mc_maximin {
    uint64_t nrows;          /* the agent's pure strategies */
    uint64_t ncols;          /* the opponents' joint pure strategies */
    /* Valid only when lp_status == MC_LP_OPTIMAL_CERTIFIED: */
    mc_q value;              /* the exact mixed security level */
    mc_q *x;                 /* nrows: the agent's optimal mixture */
    mc_q *y;                 /* ncols: the opponents' optimal mixture */
    /* Always valid (plain enumeration, a lower bound on value): */
    mc_q pure_value;         /* max_s min_t A[s][t] */
    uint64_t pure_row;       /* the first s attaining it */
    mc_lp_status lp_status;  /* MC_LP_OPTIMAL_CERTIFIED, or UNDECIDED (see note) */
    size_t basis_dim;
    bool used_glp_exact;     /* the double basis failed the exact check; glp_exact ran */
    int exact_pivots;        /* exact simplex pivots that repaired GLPK's basis */
    double glpk_seconds, exact_seconds;
    char note[256];
} mc_maximin;

void mc_maximin_init(mc_maximin *r);
void mc_maximin_free(mc_maximin *r);

/* The zero-sum game a (nrows x ncols, row-major, a[s*ncols + t]) for the
 * maximising row player.  Returns MC_OK with out->lp_status set (UNDECIDED
 * when no exact certificate was found), MC_ELIMIT on the time limit,
 * MC_EINPUT for an empty matrix. */
mc_status mc_maximin_matrix(uint64_t nrows, uint64_t ncols, const mc_q *a,
                            const mc_lp_options *opt, mc_maximin *out, mc_error *err);

/* The pure security level max_s min_t a[s][t] and the first row attaining it. */
mc_status mc_maximin_pure(uint64_t nrows, uint64_t ncols, const mc_q *a, mc_q *value,
                          uint64_t *row, mc_error *err);

/* Re-checks a claimed solution from scratch: x and y are probability
 * vectors and min_t x.a[.][t] == value == max_s a[s][.].y. */
bool mc_maximin_check(uint64_t nrows, uint64_t ncols, const mc_q *a, const mc_q *x, const mc_q *y,
                      const mc_q *value, mc_error *why);

/* The agent's payoff matrix in g: a[s*ncols + t] = sum over members m of
 * m's payoff when the members play joint profile s and the others play t.
 * Row s numbers the members' strategies with members[0]'s changing fastest;
 * column t numbers the other players' strategies, in increasing player
 * order, the lowest player's changing fastest.  *a is malloc'd (free with
 * mc_q_clear_vec + free).  MC_EINPUT for an empty, repeated or out-of-range
 * member list. */
mc_status mc_nfg_agent_matrix(const mc_nfg *g, unsigned nmembers, const unsigned *members,
                              uint64_t *nrows, uint64_t *ncols, mc_q **a, mc_error *err);

/* Decodes row s (or column t) of mc_nfg_agent_matrix into one strategy per
 * player: members' entries for a row, the others' for a column; the other
 * entries of strategy are left unchanged. */
void mc_nfg_agent_decode(const mc_nfg *g, unsigned nmembers, const unsigned *members, bool column,
                         uint64_t index, uint32_t *strategy);

/* mc_maximin_matrix on the agent's matrix. */
mc_status mc_maximin_nf(const mc_nfg *g, unsigned nmembers, const unsigned *members,
                        const mc_lp_options *opt, mc_maximin *out, mc_error *err);

#endif
