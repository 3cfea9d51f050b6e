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
 * Dominators are pure.  A mixed dominator (an LP) plugs in through
 * mc_dom_options.mixed: it is asked only about strategies that no pure
 * strategy dominates.  All three relations are strict partial orders
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

/* Hook for a dominator that is a mixed strategy over agent's survivors
 * (an LP, to be added): set *dominated.  Called only for strategies that no
 * surviving pure strategy dominates.  Not allowed with DISTINGUISHABLE
 * (Def 8 is pure against pure). */
typedef mc_status (*mc_dom_mixed_fn)(void *ctx, const mc_sform *sf, const mc_survivors *sv,
                                     mc_dom_notion notion, unsigned agent, uint32_t s,
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
     * ROUNDS and ALTERNATING it is chosen to survive the round where the
     * relation allows it (by transitivity, following the chain of
     * dominators eliminated in the same round). */
    uint32_t dominator;
    mc_dom_notion notion;
} mc_dom_step;

typedef struct mc_dom_end {
    mc_survivors survivors;
    mc_dom_step *path;   /* the first elimination sequence found reaching it */
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

#endif
