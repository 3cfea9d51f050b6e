/* Sequence forms (Koller, Megiddo, von Stengel 1996) on a compiled
 * extensive form, and the maximin LPs built on them.
 *
 * SIDES.  A side is a set of players acting as one decision maker with
 * POOLED information: it recalls everything any member observed at any of
 * its moves and the joint actions it took, in order.  Precisely, the side
 * moves at every node where at least one member moves (choosing the joint
 * action of the moving members), and two such nodes lie in the same pooled
 * information set iff
 *   (a) the moving members and their own information sets coincide, and
 *   (b) the side's sequence so far coincides: the same list of (pooled
 *       information set, joint action) pairs along the path, in order.
 * So a pooled set is keyed by (the side's parent sequence, the movers' own
 * sets), which gives the side perfect recall by construction.  For a single
 * player with perfect recall the pooled sets are exactly its own sets.  For
 * several players this is "the coalition sees what any member sees"
 * (spec 004 sec. 2.11: (theta^C_1..t; reports_1..t-1)): when every member's
 * own history determines the order in which the members moved (as in
 * period-by-period games), (b) is the same as "every member's own sequence
 * of (set, action) pairs coincides"; otherwise (b) also lets the side
 * remember the order of its members' moves.
 *
 * A side's sequences: 0 (empty), and first_seq[J] + b for joint action b at
 * pooled set J.  Joint actions number the moving members' actions row-major
 * in their order at the node (the first mover slowest), like child indices.
 *
 * PAYOFF MATRIX.  For a row side R, a column side C and fixed behaviour of
 * the remaining players (chance-like), A[s][t] = sum over terminals z whose
 * last R-sequence is s and last C-sequence is t of
 *   (chance probability x fixed players' probabilities along z) * sum_p w_p u_p(z).
 * Either side may be absent (its index is then always 0). */
#ifndef MECHCHECK_SEQFORM_H
#define MECHCHECK_SEQFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mechcheck/ef.h"
#include "mechcheck/error.h"
#include "mechcheck/lp.h"
#include "mechcheck/num.h"

typedef struct mc_ef_side {
    mc_players players;
    uint32_t ninfosets;
    uint32_t nseq;           /* sequences, the empty one included */
    uint32_t *nactions;      /* per pooled set: joint actions */
    uint32_t *parent_seq;
    uint32_t *first_seq;
    uint32_t *first_node;
    uint32_t *node_infoset;  /* per ef node: the pooled set moving there, or MC_EF_NONE */
} mc_ef_side;

/* players may be 0 (an empty side: no sets, one sequence). */
mc_status mc_ef_side_build(const mc_ef *ef, mc_players players, mc_ef_side *s, mc_error *err);
void mc_ef_side_free(mc_ef_side *s);
/* The side's joint action at node v (where it moves) on the way to child c. */
uint32_t mc_ef_side_action(const mc_ef *ef, const mc_ef_side *s, uint32_t v, uint64_t c);
/* The pooled set of sequence seq >= 1 (binary search), and its action. */
uint32_t mc_ef_side_seq_infoset(const mc_ef_side *s, uint32_t seq, uint32_t *action);

typedef struct mc_ef_matrix {
    uint32_t nrows, ncols;   /* row side's / column side's sequences (1 if absent) */
    size_t nnz;
    uint32_t *row, *col;     /* sorted by column, then row; no zero entries */
    mc_q *val;
} mc_ef_matrix;

void mc_ef_matrix_init(mc_ef_matrix *m);
void mc_ef_matrix_free(mc_ef_matrix *m);

/* A as above, weights[p] per player (e.g. 1 for an agent's members).  Every
 * player moving with positive probability must be in row, col or fixed
 * (MC_EINPUT naming the player and node otherwise); row and col must not
 * share players.  row, col, fixed may be NULL. */
mc_status mc_ef_payoff_matrix(const mc_ef *ef, const mc_ef_side *row, const mc_ef_side *col,
                              const mc_ef_behavior *fixed, const mc_q *weights, mc_ef_matrix *m,
                              mc_error *err);

/* out[t] = sum_s x[s] A[s][t] (ncols entries) and out[s] = sum_t A[s][t] y[t]. */
void mc_ef_matrix_xA(const mc_ef_matrix *m, const mc_q *x, mc_q *out);
void mc_ef_matrix_Ay(const mc_ef_matrix *m, const mc_q *y, mc_q *out);

/* The side's best pure plan against a fixed payoff per sequence: with
 * direct[t] the payoff collected at terminals whose last side sequence is t,
 *   val(J) = opt_b [ direct(J,b) + sum over sets J' with parent (J,b) of val(J') ],
 * value = direct(0) + sum over root sets of val(J); opt = max or min.  Linear
 * in the number of sequences.  plan (may be NULL): the first optimal joint
 * action at every pooled set. */
mc_status mc_ef_side_dp(const mc_ef_side *s, const mc_q *direct, bool maximize, mc_q *value,
                        uint32_t *plan, mc_error *err);

/* Realization plan of a pure plan (1 on the sequences it plays, else 0). */
void mc_ef_side_realization(const mc_ef_side *s, const uint32_t *plan, mc_q *r);

/* ---- maximin against a pooled adversary (LP (B) of spec 004 sec. 2.11) ----
 *   variables  x_s >= 0 (s in Sigma_max), q_J free (J in the min side's sets), q_root free
 *   x_0 = 1;  for each max set I: sum_a x_(I,a) - x_parent(I) = 0
 *   for each min sequence t:  [t=0] q_root + [t=(J,b)] q_J - sum_{J': parent(J')=t} q_J'
 *                             - sum_s A[s][t] x_s <= 0
 *   maximise q_root.
 * The value is accepted only when mc_lp_solve certifies the LP exactly AND
 * (verify) two independent DPs confirm it: the min side's best response to x
 * attains exactly the value, and the max side's best response to y (the
 * duals of the t rows: the min side's realization plan) attains exactly the
 * value.  Otherwise the status is UNDECIDED and no value is reported. */
/* How (B) is solved.  DIRECT hands the whole LP to mc_lp_solve.  GENERATE
 * lets GLPK solve (B) with the min side restricted to a growing set S of
 * its sequences (in doubles, warm-started; S grows by the min side's best
 * replies), then solves the restricted LP exactly and certifies x and y on
 * the FULL game by the two DPs below (so the value is that of (B)); when
 * the exact best reply still improves, S grows and it goes on.  AUTO takes
 * GENERATE when the min side has more than 2000 sequences. */
typedef enum mc_seqform_method {
    MC_SEQFORM_AUTO = 0,
    MC_SEQFORM_DIRECT,
    MC_SEQFORM_GENERATE
} mc_seqform_method;

typedef struct mc_seqform_options {
    mc_lp_options lp;
    const mc_ef_behavior *fixed; /* players in neither side (NULL: none may move) */
    bool verify;                 /* default true (always done with GENERATE) */
    mc_seqform_method method;
} mc_seqform_options;

void mc_seqform_options_default(mc_seqform_options *o);

typedef struct mc_seqform_result {
    mc_lp_status lp_status;       /* OPTIMAL_CERTIFIED, or UNDECIDED (note says why) */
    bool verified;                /* the DP re-check passed (when requested) */
    mc_q value;                   /* valid when lp_status == OPTIMAL_CERTIFIED */
    mc_ef_side max_side, min_side;
    mc_q *x;                      /* max_side.nseq: realization plan */
    mc_q *y;                      /* min_side.nseq: realization plan */
    size_t lp_rows, lp_cols, nnz; /* the size of (B); nonzeros of A */
    size_t solved_rows, solved_cols; /* the LP solved exactly (smaller with GENERATE) */
    bool generated;               /* solved by GENERATE */
    uint32_t gen_rounds;          /* GENERATE: LPs solved in doubles */
    uint32_t gen_exact_rounds;    /* GENERATE: restricted LPs solved exactly */
    uint32_t gen_seqs;            /* GENERATE: min sequences in the final S */
    size_t basis_dim;
    bool used_glp_exact;
    double build_seconds, glpk_seconds, exact_seconds, verify_seconds;
    char note[256];
} mc_seqform_result;

void mc_seqform_result_init(mc_seqform_result *r);
void mc_seqform_result_free(mc_seqform_result *r);

/* The max side's (players max_players, payoff = sum of their payoffs)
 * maximin value against min_players pooled.  Returns MC_OK with
 * r->lp_status set; MC_ELIMIT on the LP time limit (UNDECIDED). */
mc_status mc_seqform_maximin(const mc_ef *ef, mc_players max_players, mc_players min_players,
                             const mc_seqform_options *o, mc_seqform_result *r, mc_error *err);

/* Re-checks a claimed maximin solution from scratch by the two DPs above:
 * x and y are realization plans (checked) and
 *   min over the min side's plans of x.A  ==  value  ==  max over the max side's plans of A.y. */
bool mc_seqform_check(const mc_ef_matrix *a, const mc_ef_side *max_side, const mc_ef_side *min_side,
                      const mc_q *x, const mc_q *y, const mc_q *value, mc_error *why);

/* ---- maximin against INDEPENDENT others (team maxmin; spec 004 (C)) --------
 * The max side (pooled, sequence form) against the min players, each acting
 * on its own information and independently of the others.  For a fixed x
 * the others' best joint reply is a pure profile, so
 *   v = max_x min over the others' pure joint profiles t of x.u_t,
 * u_t[s] = the max side's payoff collected at sequence s when the others
 * play t.  How it is computed:
 *  - SINGLE: one other player (independent = pooled): mc_seqform_maximin.
 *  - ENUMERATED: the others' reduced joint profiles number at most
 *    max_enum_profiles: one LP row per profile; exact.
 *  - otherwise column generation: the LP over a growing set T of profiles
 *    gives an UPPER bound; the pooled value (mc_seqform_maximin, others
 *    sharing information) is a LOWER bound, and so is min_t x.u_t for every
 *    x tried when the team's best response is computed by enumeration (at
 *    most max_br_profiles profiles).  The team's best response (new columns)
 *    is by enumeration when possible, otherwise by coordinate search (each
 *    other player's best reply by DP in turn).  Decided when the bounds meet;
 *    otherwise UNDECIDED with both bounds exact. */
typedef enum mc_team_method {
    MC_TEAM_SINGLE = 0,         /* at most one other player: the pooled LP (B) is exact */
    MC_TEAM_ENUMERATED,
    MC_TEAM_COLUMNS_EXACT_BR,   /* column generation, team best response by enumeration */
    MC_TEAM_COLUMNS_SEARCH_BR   /* column generation, team best response by coordinate search */
} mc_team_method;

const char *mc_team_method_name(mc_team_method m);

typedef struct mc_team_options {
    mc_lp_options lp;
    const mc_ef_behavior *fixed;   /* players on neither side */
    uint64_t max_enum_profiles;    /* default 4096 */
    uint64_t max_br_profiles;      /* default 65536 */
    uint32_t max_rounds;           /* column generation rounds, default 200 */
} mc_team_options;

void mc_team_options_default(mc_team_options *o);

typedef struct mc_team_result {
    bool decided;                 /* lower == upper, both exact */
    mc_q lower, upper;            /* valid when have_lower / have_upper */
    bool have_lower, have_upper;
    mc_team_method method;
    uint64_t nprofiles;           /* the others' reduced joint profiles (UINT64_MAX: above
                                   * the enumeration limits) */
    uint32_t ncolumns, nrounds;
    mc_ef_side max_side;
    mc_q *x;                      /* max_side.nseq: a plan guaranteeing `lower`, or NULL */
    double seconds;
    char note[256];
} mc_team_result;

void mc_team_result_init(mc_team_result *r);
void mc_team_result_free(mc_team_result *r);

mc_status mc_team_maxmin(const mc_ef *ef, mc_players max_players, mc_players min_players,
                         const mc_team_options *o, mc_team_result *r, mc_error *err);

#endif
