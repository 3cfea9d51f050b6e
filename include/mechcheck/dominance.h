/* Dominance between pure strategies of a strategic form, and its iterated
 * elimination under an explicit order policy.
 *
 * The three notions, each defined once (mc_dom_dominated_by in
 * dominance.c), always relative to surviving sets: s of agent a is
 * dominated by t (t != s, t surviving) when, over every surviving profile
 * tau of the other agents,
 *   STRICT           u(s,tau) < u(t,tau) for every tau;
 *   WEAK             u(s,tau) <= u(t,tau) for every tau, < for at least one;
 *                    payoff-equivalent strategies never dominate each other;
 *   DISTINGUISHABLE  (spec 001 Def 8) some tau distinguishes them (the
 *                    outcome ids of (s,tau) and (t,tau) differ), and
 *                    u(s,tau) < u(t,tau) on every distinguishing tau.  When
 *                    no tau distinguishes them, neither dominates the other.
 *                    Needs outcome ids consistent with payoffs (checked).
 * Dominators are pure.  A mixed dominator (mc_dom_mixed_lp, an exact LP)
 * plugs in through mc_dom_options.mixed: it is asked only about strategies
 * that no pure strategy dominates.  All three relations are strict partial orders
 * (transitive, irreflexive), so an agent's undominated strategies are never
 * all eliminated at once and the last strategy of an agent always survives.
 *
 * Comparisons are exact: mc_dom_game_init ranks, with exact mc_q
 * comparisons, every agent's payoffs over its own strategies against each
 * profile of the others; the tests then compare these integer ranks, which
 * order the payoffs exactly as the rationals do. */
#ifndef MECHCHECK_DOMINANCE_H
#define MECHCHECK_DOMINANCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mechcheck/error.h"
#include "mechcheck/lp.h"
#include "mechcheck/num.h"
#include "mechcheck/sform.h"

typedef enum mc_dom_notion {
    MC_DOM_STRICT = 0,
    MC_DOM_WEAK = 1,
    MC_DOM_DISTINGUISHABLE = 2
} mc_dom_notion;

typedef enum mc_dom_order {
    /* (a) every agent's currently dominated strategies removed at once, all
     * judged against the same surviving sets; repeat. */
    MC_DOM_ROUNDS = 0,
    /* (b) one agent per pass (all of its currently dominated strategies at
     * once), agents in cyclic order from first_agent; stop when a full cycle
     * of passes changes nothing. */
    MC_DOM_ALTERNATING = 1,
    /* (c) the given (agent, strategy) eliminations one at a time, each
     * checked to be dominated at that moment (MC_EINPUT otherwise). */
    MC_DOM_GIVEN = 2,
    /* (d) every sequence eliminating one strategy at a time, exploring
     * surviving-set states depth-first with memoisation; the distinct
     * terminal states (nothing dominated) are the possible results. */
    MC_DOM_ALL_ORDERS = 3
} mc_dom_order;

/* "strict", "weak", "distinguishable"; "rounds", "alternating", "given",
 * "all-orders": the names reports use. */
const char *mc_dom_notion_name(mc_dom_notion n);
const char *mc_dom_order_name(mc_dom_order o);

/* Dominator recorded for a mixed dominator; "no dominator" in scratch arrays. */
#define MC_DOM_MIXED UINT32_MAX
#define MC_DOM_NONE (UINT32_MAX - 1)

/* A strategic form prepared for dominance tests: per agent a, rank[a] holds
 * the dense rank of u_a(s, tau) among a's strategies at tau, stored
 * [s * ntau[a] + tau], where tau numbers the others' profiles in profile
 * order with agent a removed. */
typedef struct mc_dom_game {
    const mc_sform *sf;                 /* borrowed; must outlive this */
    uint64_t ntau[MC_MAX_PLAYERS];
    uint32_t *rank[MC_MAX_PLAYERS];
} mc_dom_game;

/* Also runs mc_sform_check_outcomes when sf has outcome ids. */
mc_status mc_dom_game_init(mc_dom_game *dg, const mc_sform *sf, mc_error *err);
void mc_dom_game_free(mc_dom_game *dg);

/* Is s of agent a dominated by the pure strategy t (both surviving in sv,
 * t != s) under the notion, against the survivors of the other agents?
 * MC_EINPUT for out-of-range or non-surviving s, t; MC_EUNSUPPORTED for
 * DISTINGUISHABLE without outcome ids. */
mc_status mc_dom_test(const mc_dom_game *dg, const mc_survivors *sv, mc_dom_notion notion,
                      unsigned agent, uint32_t s, uint32_t t, bool *dominated, mc_error *err);

/* A mixed strategy of one agent: probabilities over some of its pure
 * strategies (0-based), exact.  An empty mixture has n = 0 and NULL arrays. */
typedef struct mc_dom_mixture {
    uint32_t n;           /* strategies in the support */
    uint32_t *strategy;   /* n, ascending */
    mc_q *prob;           /* n, each > 0, summing to 1 */
} mc_dom_mixture;

/* Frees the arrays and leaves m empty (an empty m is fine). */
void mc_dom_mixture_free(mc_dom_mixture *m);
/* dst is uninitialised on entry. */
mc_status mc_dom_mixture_copy(mc_dom_mixture *dst, const mc_dom_mixture *src, mc_error *err);

/* Hook for a dominator that is a mixed strategy over agent's other
 * survivors (mc_dom_mixed_lp below is the LP one): set *dominated.  Called
 * only for strategies that no surviving pure strategy dominates.  Not
 * allowed with DISTINGUISHABLE (Def 8 is pure against pure).  mixture is
 * NULL when the caller needs no witness; otherwise it is empty on entry and
 * the hook may fill it (malloc'd arrays, owned by the caller, freed with
 * mc_dom_mixture_free) with the dominating mixture when *dominated.
 * (Changed from the first version of this hook, which had no mixture
 * argument.) */
typedef mc_status (*mc_dom_mixed_fn)(void *ctx, const mc_sform *sf, const mc_survivors *sv,
                                     mc_dom_notion notion, unsigned agent, uint32_t s,
                                     bool *dominated, mc_dom_mixture *mixture, mc_error *err);

/* ---- mixed dominators by exact LP (dominance_mixed.c) -------------------- *
 * Is s of agent a dominated by a mixture sigma over a's OTHER surviving
 * strategies, against every surviving profile tau of the other agents?
 * With d(t,tau) = u(t,tau) - u(s,tau):
 *   STRICT  max eps  s.t.  sum_t sigma_t d(t,tau) >= eps for every tau,
 *           sum sigma = 1, sigma >= 0;  dominated iff the optimum eps* > 0.
 *   WEAK    max sum_tau slack_tau, slack_tau = sum_t sigma_t d(t,tau) >= 0,
 *           sum sigma = 1, sigma >= 0 (solved with the slacks substituted:
 *           objective sum_t sigma_t sum_tau d(t,tau)); dominated iff
 *           feasible and the optimum > 0, i.e. sigma is >= everywhere and >
 *           somewhere.  A mixture whose payoffs equal s's everywhere has
 *           total slack 0 and does not dominate.
 * Verdicts come only from certified LP results (mc_lp_solve:
 * OPTIMAL_CERTIFIED, INFEASIBLE_CERTIFIED); any other outcome is an error
 * (MC_ELIMIT, "undecided", naming the agent, strategy and LP status), never
 * a guess from doubles.  A dominating mixture is the LP's exact optimal
 * sigma (zero weights dropped), re-checked by mc_dom_mixture_check before it
 * is returned.  Exact pre-tests on the pure payoffs skip the LP when they
 * rule domination out: STRICT when at some surviving tau no other survivor
 * does better than s; WEAK when at some tau every other survivor does
 * worse, or at no tau any does better. */
typedef struct mc_dom_lp {
    mc_lp_options lp;      /* used for every LP (time_limit: per LP) */
    /* statistics, accumulated over calls */
    uint64_t asked;        /* calls */
    uint64_t pretested;    /* answered "not dominated" without an LP */
    uint64_t lps;          /* LPs solved */
    uint64_t dominated;    /* answered "dominated" */
    double seconds;        /* inside mc_dom_mixed_lp */
} mc_dom_lp;

/* Default LP options, zero statistics. */
void mc_dom_lp_init(mc_dom_lp *ctx);

/* An mc_dom_mixed_fn; ctx is an mc_dom_lp (NULL: default options, no
 * statistics).  MC_EUNSUPPORTED for DISTINGUISHABLE; MC_EINPUT when s is not
 * a surviving strategy of agent. */
mc_status mc_dom_mixed_lp(void *ctx, const mc_sform *sf, const mc_survivors *sv,
                          mc_dom_notion notion, unsigned agent, uint32_t s, bool *dominated,
                          mc_dom_mixture *mixture, mc_error *err);

/* Independent exact re-check of a mixed witness: is s dominated (STRICT or
 * WEAK) by mix against the survivors of the other agents?  MC_EINPUT (with
 * the reason) when mix is not a probability vector over surviving strategies
 * of agent other than s (strictly positive weights, sum 1, ascending). */
mc_status mc_dom_mixture_check(const mc_sform *sf, const mc_survivors *sv, mc_dom_notion notion,
                               unsigned agent, uint32_t s, const mc_dom_mixture *mix,
                               bool *dominated, mc_error *err);

typedef struct mc_dom_elim {
    unsigned agent;
    uint32_t strategy;
} mc_dom_elim;

typedef struct mc_dom_options {
    mc_dom_notion notion;
    mc_dom_order order;
    unsigned first_agent;      /* ALTERNATING: the agent of the first pass */
    uint32_t max_rounds;       /* ROUNDS, ALTERNATING: 0 = until nothing changes;
                                * 1 = one round (e.g. spec 001's Sigma^1) */
    const mc_dom_elim *given;  /* GIVEN: the eliminations, in order */
    size_t ngiven;
    uint64_t max_states;       /* ALL_ORDERS: distinct states explored before
                                * MC_ELIMIT; 0 = MC_DOM_DEFAULT_MAX_STATES */
    mc_dom_mixed_fn mixed;     /* NULL: pure dominators only */
    void *mixed_ctx;
} mc_dom_options;

#define MC_DOM_DEFAULT_MAX_STATES (UINT64_C(1) << 20)

/* notion, order; first agent 0, no round limit, pure dominators. */
void mc_dom_options_default(mc_dom_options *o, mc_dom_notion notion, mc_dom_order order);

/* One elimination, with its witness. */
typedef struct mc_dom_step {
    uint32_t round;      /* ROUNDS: round; ALTERNATING: pass (counting passes
                          * that deleted nothing); GIVEN, ALL_ORDERS: step */
    unsigned agent;
    uint32_t strategy;
    /* A pure strategy dominating it at that moment, or MC_DOM_MIXED.  In
     * ROUNDS and ALTERNATING a pure dominator is chosen to survive the round
     * where the relation allows it (by transitivity, following the chain of
     * pure dominators eliminated in the same round; the chain stops at a
     * strategy that a mixture eliminates in that round). */
    uint32_t dominator;
    mc_dom_notion notion;
    /* dominator == MC_DOM_MIXED: the dominating mixture over the agent's
     * strategies surviving at that moment (in ROUNDS, at the start of the
     * round: its support may include strategies eliminated in the same
     * round), as the hook returned it (empty if the hook gave none).  Owned
     * by the result, freed by mc_dom_result_free.  Otherwise empty. */
    mc_dom_mixture mixture;
} mc_dom_step;

typedef struct mc_dom_end {
    mc_survivors survivors;
    mc_dom_step *path;   /* the first elimination sequence found reaching it
                          * (mixed steps carry their mixtures, recomputed
                          * by the hook on the state before the step) */
    size_t npath;
} mc_dom_end;

typedef struct mc_dom_result {
    mc_dom_notion notion;
    mc_dom_order order;
    mc_survivors survivors;   /* the result (ALL_ORDERS: that of ends[0]) */
    mc_dom_step *trace;       /* eliminations in order (ALL_ORDERS: none) */
    size_t ntrace;
    uint32_t nrounds;         /* rounds / passes / steps performed, the last
                               * (changing nothing) included; ALL_ORDERS: the
                               * length of ends[0]'s path */
    uint32_t ndeleting;       /* ... of which deleted something */
    bool terminal;            /* nothing is dominated in survivors (false when
                               * max_rounds or the given list stopped early) */
    /* ALL_ORDERS */
    mc_dom_end *ends;         /* distinct terminal states, in DFS discovery
                               * order (agents, then strategies ascending) */
    size_t nends;
    bool order_independent;   /* nends == 1 */
    uint64_t nstates;         /* distinct states explored */
} mc_dom_result;

/* Iterated elimination from start (NULL = every strategy) under opt.
 * res is uninitialised on entry and must be freed with mc_dom_result_free
 * (also after an error). */
mc_status mc_dom_iterate(const mc_dom_game *dg, const mc_survivors *start,
                         const mc_dom_options *opt, mc_dom_result *res, mc_error *err);
void mc_dom_result_free(mc_dom_result *res);

/* Independent re-check of a result's witnesses (dominance_verify.c):
 * replays the eliminations from start (NULL = every strategy) and confirms
 * each against the surviving sets of its moment -- in ROUNDS and
 * ALTERNATING those at the start of its round or pass, otherwise those just
 * before the step -- with mc_dom_test for a pure dominator and
 * mc_dom_mixture_check for a mixture (a mixed step without a mixture
 * fails); that no strategy goes twice and no agent loses its last one; and
 * that the replay ends at res->survivors (ALL_ORDERS: every end's path ends
 * at its survivors).  Whether anything is still dominated at the end is
 * not re-checked.  MC_OK when everything holds; MC_EINPUT naming the first
 * step that fails; MC_ENOMEM. */
mc_status mc_dom_verify(const mc_dom_game *dg, const mc_survivors *start,
                        const mc_dom_result *res, mc_error *why);

#endif
