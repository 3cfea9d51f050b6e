/* Dynamic environments and the mechanisms of Csoka, Liu, Rodivilov and
 * Teytelboym, "A Collusion-Proof Efficient Dynamic Mechanism" (spec 004):
 * GUM, its symmetric variant, the Balanced Team Mechanism (static AGV when
 * T = 1), the dynamic pivot mechanism (BV and the literal eq. 27) and the
 * transfer-free GUM, all in exact rationals.
 *
 * Conventions.  Component 0 is the public state, components 1..n the agents
 * (agent i of the paper is component i).  Periods are 0..T; period 0 is the
 * fixed initial state theta_0 with decision chi_0(theta_0) and no reports or
 * transfers.  A state of period t is one type index per component, packed
 * mixed-radix with component 0 slowest:
 *     index = ((th0 * K1 + th1) * K2 + th2) ... with Kc = |Theta^c_t|.
 * Reports range over the whole type set, zero-probability types included. */
#ifndef MC_MECH_GUM_H
#define MC_MECH_GUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mechcheck/error.h"
#include "mechcheck/game.h"
#include "mechcheck/num.h"

#define MC_GUM_MAX_AGENTS 8             /* n */
#define MC_GUM_MAX_COMP (MC_GUM_MAX_AGENTS + 1)
#define MC_GUM_MAX_T 16
#define MC_GUM_MAX_TYPES 64             /* per component and period */
#define MC_GUM_MAX_X 64                 /* decisions per period (argmax sets are bitmasks) */
#define MC_GUM_MAX_STATES (UINT64_C(1) << 22) /* |Theta_t| */
#define MC_GUM_NAME 32

/* ---- environment (gum_env.c) ---------------------------------------------- */

typedef struct mc_gum_env {
    unsigned n;                                        /* agents */
    unsigned T;                                        /* last period */
    uint32_t ntypes[MC_GUM_MAX_T + 1][MC_GUM_MAX_COMP]; /* |Theta^c_t|, c = 0..n */
    uint32_t nx[MC_GUM_MAX_T + 1];                     /* |X_t| */
    uint32_t init[MC_GUM_MAX_COMP];                    /* theta_0 */
    uint64_t nstates[MC_GUM_MAX_T + 1];                /* |Theta_t| */
    uint64_t stride[MC_GUM_MAX_T + 1][MC_GUM_MAX_COMP];
    /* mu^c_t(. | th0, thc, x) for t = 1..T: trans[t][c] holds vectors of
     * ntypes[t][c] entries at ((th0 * K'c + thc) * nx[t-1] + x) * ntypes[t][c],
     * with th0 over Theta^0_{t-1}, thc over Theta^c_{t-1} (K'0 = 1: the
     * public state's transition reads th0 only). */
    mc_q *trans[MC_GUM_MAX_T + 1][MC_GUM_MAX_COMP];
    /* u^i_t(th_i, x), i = 1..n: pay[t][i][thi * nx[t] + x] */
    mc_q *pay[MC_GUM_MAX_T + 1][MC_GUM_MAX_COMP];
    /* labels (for witnesses and reports) */
    char agent_name[MC_GUM_MAX_COMP][MC_GUM_NAME];    /* [0] = "public" */
    char **type_label[MC_GUM_MAX_T + 1][MC_GUM_MAX_COMP];
    char **x_label[MC_GUM_MAX_T + 1];
    char name[64];                                     /* "r4", "app-e3", ... */
} mc_gum_env;

/* Allocates an environment with every transition the point mass on type 0
 * (callers overwrite them), every payoff 0 and labels "0", "1", ...
 * ntypes is [(T+1) * (n+1)] (row t), nx is [T+1].  Public state absent
 * means ntypes[t][0] = 1 for every t. */
mc_status mc_gum_env_init(mc_gum_env *e, unsigned n, unsigned T, const uint32_t *ntypes,
                          const uint32_t *nx, mc_error *err);
void mc_gum_env_free(mc_gum_env *e);
mc_status mc_gum_env_copy(mc_gum_env *dst, const mc_gum_env *src, mc_error *err);

/* The transition vector (ntypes[t][c] entries) of component c into period t. */
mc_q *mc_gum_trans(const mc_gum_env *e, unsigned t, unsigned c, uint32_t th0, uint32_t thc,
                   uint32_t x);
/* The payoff vector (nx[t] entries) of agent i (1..n) with type thi at t. */
mc_q *mc_gum_pay(const mc_gum_env *e, unsigned t, unsigned i, uint32_t thi);
/* Sets a transition from small fractions num[k]/den (convenience). */
void mc_gum_set_trans_frac(mc_gum_env *e, unsigned t, unsigned c, uint32_t th0, uint32_t thc,
                           uint32_t x, const int64_t *num, int64_t den);
mc_status mc_gum_set_type_label(mc_gum_env *e, unsigned t, unsigned c, uint32_t k,
                                const char *label, mc_error *err);
mc_status mc_gum_set_x_label(mc_gum_env *e, unsigned t, uint32_t x, const char *label,
                             mc_error *err);

/* Every transition a probability vector (entries >= 0 summing to 1 exactly);
 * init in range.  One-line error naming the period, component and entry. */
mc_status mc_gum_env_validate(const mc_gum_env *e, mc_error *err);

uint64_t mc_gum_state_index(const mc_gum_env *e, unsigned t, const uint32_t *th);
void mc_gum_state_decode(const mc_gum_env *e, unsigned t, uint64_t index, uint32_t *th);
/* Does some component have non-degenerate fresh randomness into t
 * anywhere?  (Footnote 21.)  Counts components c >= 1 whose transition
 * into t from (th0, thc, x) has two or more positive entries. */
unsigned mc_gum_fresh_components(const mc_gum_env *e, unsigned t, const uint32_t *prev,
                                 uint32_t x);

/* Expectation over the components of period t.
 *
 * f holds nv values per state of period t.  For each component c, w[c] is
 * either NULL (the coordinate is kept) or a weight vector over Theta^c_t (it
 * is summed out: sum_k w[c][k] * f(.., k, ..)).  out receives nv values per
 * combination of the kept coordinates (packed mixed-radix in component
 * order, component 0 slowest).  scratch holds at least 2 * nstates[t] * nv
 * values.  out and scratch must be initialised mc_q arrays. */
void mc_gum_contract(const mc_gum_env *e, unsigned t, const mc_q *f, unsigned nv,
                     const mc_q *const *w, mc_q *out, mc_q *scratch);
/* Weights w[c] = mu^c(. | prev, x) of every component into period t
 * (t >= 1; prev is a state of t-1). */
void mc_gum_next_weights(const mc_gum_env *e, unsigned t, const uint32_t *prev, uint32_t x,
                         const mc_q **w);

/* A vector of n initialised zeros (NULL when out of memory), and its release
 * (NULL is fine). */
mc_q *mc_gum_qvec_new(size_t n);
void mc_gum_qvec_free(mc_q *v, size_t n);

/* ---- builtin environments (gum_envs.c) ------------------------------------ */

/* Spec R4 ("mini-5.1"): blue, red, green; T = 2; YES iff both report 1. */
mc_status mc_gum_env_r4(mc_gum_env *e, mc_error *err);
/* App E.3 (Theorem 2): agents 1, 2 with L/H, agent 3 with one type; T = 1;
 * decisions N, S, B. */
mc_status mc_gum_env_app_e3(mc_gum_env *e, mc_error *err);
/* Sec. 5.2 / spec 5.4: b, r, g; T = 2; a in {-1, 0, +1}; exit type X. */
mc_status mc_gum_env_dpm52(mc_gum_env *e, mc_error *err);
/* App D (Theorem 4), T = 4: blue, red, green and n - 3 dummies; big is the
 * forcing penalty (the paper: 10^42), eps red's round-2 cost. */
mc_status mc_gum_env_app_d(mc_gum_env *e, unsigned n, const mc_q *big, const mc_q *eps,
                           mc_error *err);
/* Example 5.1 discretised: blue, red, green; T periods; at 1..T-1 two
 * martingale types per agent (1/2 -+ d_t) plus the zero-probability
 * reports 0 and 1; at T the types 0 (L) and 1 (H); YES payoffs lo/hi for
 * blue and red and g for green. */
mc_status mc_gum_env_ex51(mc_gum_env *e, unsigned T, const mc_q *lo, const mc_q *hi,
                          const mc_q *g, mc_error *err);

/* App G on a grid: agents 1 and 2 with the m types theta_k = -1 + 2k/(m-1)
 * (uniform), decisions "-1" (index 0) and "+1" (index 1), u_i = theta_i d;
 * with dummy, agent 3 with the single type 0 and payoff 0.  T = 1. */
mc_status mc_gum_env_app_g(mc_gum_env *e, unsigned m, bool dummy, mc_error *err);

typedef struct mc_gum_random_spec {
    unsigned n, T;
    unsigned kmin, kmax;      /* types per agent and period (t >= 1) */
    unsigned xmin, xmax;      /* decisions per period */
    unsigned public_types;    /* 0 or 1: no public state; else |Theta^0_t| */
    unsigned den;             /* probabilities are multiples of 1/den */
    int64_t umin, umax;       /* integer payoffs */
    bool decision_dependent;  /* transitions depend on x */
    bool full_support;        /* every type has positive probability */
    bool iid;                 /* periods 1..T repeat period 1's stage: same types, payoffs and
                               * a type distribution independent of the past */
    uint64_t seed;
} mc_gum_random_spec;

void mc_gum_random_spec_default(mc_gum_random_spec *s);
mc_status mc_gum_env_random(mc_gum_env *e, const mc_gum_random_spec *s, mc_error *err);

/* ---- decision policies (gum_policy.c) ------------------------------------- */

typedef enum mc_gum_tie {
    MC_GUM_TIE_FIRST = 0,     /* lowest decision index among the maximisers */
    MC_GUM_TIE_LAST = 1       /* highest */
} mc_gum_tie;

typedef struct mc_gum_policy {
    const mc_gum_env *env;
    uint32_t *chi[MC_GUM_MAX_T + 1];   /* decision per state */
    uint64_t *argmax[MC_GUM_MAX_T + 1]; /* efficient decisions per state (bit x) */
    mc_q *V[MC_GUM_MAX_T + 1];         /* efficient total continuation value per state */
    mc_q *F[MC_GUM_MAX_T + 1];         /* F^j_t under chi: [state * n + (j-1)] */
    bool *support[MC_GUM_MAX_T + 1];   /* reached with positive probability (truth, chi) */
    mc_q W;                            /* W* = V_0(theta_0) */
    mc_q welfare;                      /* sum_j F^j_0(theta_0): expected welfare of chi */
    bool efficient;                    /* chi attains V at every state */
    bool unique_all;                   /* one maximiser at every state */
    bool unique_support;               /* one maximiser at every support state */
    uint64_t tied_states;              /* states with several maximisers */
} mc_gum_policy;

/* The efficient policy by dynamic programming (spec 3.1), ties broken by
 * tie, on every state including zero-probability ones. */
mc_status mc_gum_policy_efficient(mc_gum_policy *p, const mc_gum_env *e, mc_gum_tie tie,
                                  mc_error *err);
/* Any given policy: chi[t][state] for t = 0..T (copied).  V and argmax are
 * still the efficient ones; F follows chi. */
mc_status mc_gum_policy_given(mc_gum_policy *p, const mc_gum_env *e, const uint32_t *const *chi,
                              mc_error *err);
void mc_gum_policy_free(mc_gum_policy *p);

/* V^S_t for a set S of agents (bit i-1 for agent i): max over x of the
 * members' payoffs plus the expected V^S_{t+1} (spec 3.7); out[t] holds
 * nstates[t] values (allocated). */
mc_status mc_gum_value_subset(const mc_gum_env *e, uint32_t mask, mc_q **out, mc_error *err);
void mc_gum_value_free(const mc_gum_env *e, mc_q **v);

/* ---- mechanisms: transfers (gum_transfer.c) ------------------------------- */

typedef enum mc_gum_kind {
    MC_GUM_KIND_GUM = 0,      /* eq. (10) with processing order `order` */
    MC_GUM_KIND_SYM,          /* GUM averaged over all n! orders (App H, option A) */
    MC_GUM_KIND_BTM,          /* Athey-Segal balanced team mechanism; AGV when T = 1 */
    MC_GUM_KIND_DPM,          /* Bergemann-Valimaki pivot mechanism (delta = 1) */
    MC_GUM_KIND_DPM27,        /* the paper's literal eq. (27) */
    MC_GUM_KIND_NONE,         /* no transfers (the transfer-free GUM's accounting is GUM's) */
    MC_GUM_NKINDS
} mc_gum_kind;

const char *mc_gum_kind_name(mc_gum_kind k); /* "gum", "gum-sym", "btm", "dpm", "dpm27", "none" */
mc_status mc_gum_kind_parse(const char *s, mc_gum_kind *k, mc_error *err);

/* Processing orders of agents 1..n: the first is 1, 2, ..., n; the next in
 * lexicographic order (false, order unchanged, after the last); n! in all. */
void mc_gum_first_order(unsigned n, unsigned *order);
bool mc_gum_next_order(unsigned *order, unsigned n);
uint64_t mc_gum_norders(unsigned n);

typedef struct mc_gum_mech {
    const mc_gum_env *env;
    const mc_gum_policy *pol;
    mc_gum_kind kind;
    unsigned order[MC_GUM_MAX_AGENTS];   /* GUM: processing order of agents (1..n) */
    /* y[t][(prev * nstates[t] + cur) * n + (i-1)], t = 1..T */
    mc_q *y[MC_GUM_MAX_T + 1];
    bool balanced;                       /* every period's transfers sum to 0 (checked) */
    uint64_t unbalanced;                 /* (t, prev, cur) triples whose sum is not 0 */
} mc_gum_mech;

/* Builds and memoises every transfer y_t(prev reports, current reports).
 * order may be NULL (1, 2, ..., n).  Checks ex-post budget balance. */
mc_status mc_gum_mech_build(mc_gum_mech *m, const mc_gum_env *e, const mc_gum_policy *p,
                            mc_gum_kind kind, const unsigned *order, mc_error *err);
void mc_gum_mech_free(mc_gum_mech *m);

static inline const mc_q *mc_gum_y(const mc_gum_mech *m, unsigned t, uint64_t prev, uint64_t cur)
{
    return &m->y[t][(prev * m->env->nstates[t] + cur) * m->env->n];
}

/* The GUM externalities at (t, prev, cur) for a processing order:
 * gamma[k * n + (j-1)] = gamma^{k -> j}_t for components k = 0..n (k = 0 is
 * the public state's, paid by nobody).  Also, when total is not NULL,
 * total[j-1] = A^j_{t,N} - A^j_{t,-1} (eq. 30). */
mc_status mc_gum_externalities(const mc_gum_env *e, const mc_gum_policy *p, const unsigned *order,
                               unsigned t, uint64_t prev, uint64_t cur, mc_q *gamma, mc_q *total,
                               mc_error *err);
/* Eq. (10) from externalities gamma[k * n + (j-1)] (k = 0..n; row 0, the
 * public state's, is paid by nobody): y^i = sum_{j != i} gamma^{i->j} -
 * sum_{j != i} gamma^{j->i}, j over agents. */
void mc_gum_y_from_gamma(unsigned n, const mc_q *gamma, mc_q *y);
/* The BTM terms at (t, prev, cur): gamma[i * n + (j-1)] = gamma^{BTM, i->j}_t
 * (i = 1..n; row 0 unused) = B^j_t(i) - A^j_{t,-1}. */
mc_status mc_gum_btm_externalities(const mc_gum_env *e, const mc_gum_policy *p, unsigned t,
                                   uint64_t prev, uint64_t cur, mc_q *gamma, mc_error *err);
/* The externality of revealing a set of components simultaneously on top of
 * the revealed prefix: A^j with components in `after` revealed minus A^j
 * with components in `before` revealed (masks over components 0..n; other
 * components drawn from their transitions at prev). */
mc_status mc_gum_reveal_gain(const mc_gum_env *e, const mc_gum_policy *p, unsigned t, uint64_t prev,
                             uint64_t cur, uint32_t before, uint32_t after, mc_q *gain,
                             mc_error *err);

/* ---- the game (gum_game.c) ------------------------------------------------- */

/* Within-period information (spec 1.2). */
typedef enum mc_gum_info {
    MC_GUM_V0 = 0,   /* simultaneous reports */
    MC_GUM_V1,       /* sequential in processing order; later movers see earlier ones */
    MC_GUM_V2        /* sequential against the order; movers see agents later in the order */
} mc_gum_info;

const char *mc_gum_info_name(mc_gum_info v); /* "v0", "v1", "v2" */

typedef struct mc_gum_game_opts {
    mc_gum_info info;
    bool see_reports;        /* V1/V2: earlier movers' same-period reports are seen */
    bool see_types;          /* V1/V2: earlier movers' same-period true types are seen */
    uint32_t observe_past;   /* V3: agents (bit i-1) who see every agent's true past types */
    uint32_t coalition;      /* agents (bit i-1) pooling their information; 0 = none */
    uint32_t truthful;       /* agents (bit i-1) whose report is the truth (no move) */
    bool simultaneous;       /* V0: one node where every agent with a choice reports;
                              * otherwise one node per agent (same-period reports hidden
                              * except inside the coalition) */
    bool random_order;       /* symmetric GUM, option R: chance draws the processing
                              * order at the root (mechs[] holds one GUM per order) */
    bool transfer_free;      /* Sec. 7: no transfers; virtual GUM budgets with bound */
    mc_q bound;              /* B of the transfer-free GUM */
} mc_gum_game_opts;

void mc_gum_game_opts_default(mc_gum_game_opts *o);

/* The game of (env, policy, mechanism): chance draws the true types of
 * every period (only positive-probability outcomes appear), agents report
 * with the information sets of opts, decisions follow the policy, transfers
 * the mechanism; payoffs (sum of per-period payoffs at the true types plus
 * transfers) are paid at the leaves.  Players are the agents, 0-based.
 * Actions at a report node are the type indices of Theta^i_t (the truthful
 * action is the true type).  Information-set ids: mover-tagged mixed-radix
 * codes of everything the mover's group has seen (perfect recall by
 * construction).  With random_order, mechs has n! entries (orders in
 * lexicographic order); otherwise one.  The game borrows env, policy and
 * mechs; they must outlive it. */
mc_status mc_gum_game_new(mc_game **out, const mc_gum_env *e, const mc_gum_policy *p,
                          const mc_gum_mech *mechs, size_t nmechs, const mc_gum_game_opts *opts,
                          mc_error *err);

/* Decoded view of a game state (for claims and tests). */
typedef struct mc_gum_view {
    unsigned t;                    /* period being played; T+1 at leaves */
    unsigned order_index;          /* random_order: which order; else 0 */
    unsigned stage;                /* 0..n: chance for that component; n+1+s: report step s */
    const uint8_t *truth;          /* [(T+1) * (n+1)] */
    const uint8_t *report;         /* [(T+1) * (n+1)], effective reports */
} mc_gum_view;

void mc_gum_game_view(const mc_game *g, const void *state, mc_gum_view *v);
/* The truthful action of the mover (player index) at a report node: its
 * true type of the current period. */
uint32_t mc_gum_game_truthful_action(const mc_game *g, const void *state, unsigned player);

/* A^j_t (j = 1..n, out[j-1]): F^j_t with the components in mask (bit c)
 * fixed at cur[c] and the others drawn from their transitions at the
 * reports prev of t-1 under chi_{t-1}(prev). */
mc_status mc_gum_reveal_value(const mc_gum_env *e, const mc_gum_policy *p, unsigned t,
                              uint64_t prev, const uint32_t *cur, uint32_t mask, mc_q *out,
                              mc_error *err);

/* ---- evaluation of a play (gum_transfer.c) ------------------------------------- */

/* One realised play: true types and reports per period (index [t][c]);
 * reports[t][0] must equal types[t][0] for t >= 1 and period 0 is theta_0. */
typedef struct mc_gum_play {
    uint32_t types[MC_GUM_MAX_T + 1][MC_GUM_MAX_COMP];
    uint32_t reports[MC_GUM_MAX_T + 1][MC_GUM_MAX_COMP];
} mc_gum_play;

/* U^i = sum_t u^i_t(types, chi_t(reports)) + sum_t y^i_t for every agent
 * (out[i-1]); payoff_only adds no transfers. */
void mc_gum_play_utility(const mc_gum_mech *m, const mc_gum_play *pl, bool payoff_only, mc_q *out);

#endif
