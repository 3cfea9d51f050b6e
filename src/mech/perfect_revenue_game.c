/* Mechanism M as a game generator (spec 3.3).
 *
 * A state is the public history so far, kept as the action index of every
 * step taken (for the rewards) plus the derived current prices c and bip
 * vector.  Decision states are keyed on (step, omega*, c, bip): after step
 * i the pre-reward continuation depends only on these, and every step-g
 * reward depends only on its owner's own action, so two histories with one
 * key differ by the rewards already fixed -- the key's offset.  Leaves carry
 * the expected utility (closed form) or, in chance mode, the realised one
 * below explicit coin nodes; step-g rewards are included either way. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mech/perfect_revenue.h"

enum { LEAF_STOP = 0, LEAF_YES, LEAF_VOTED, LEAF_PUNISH, LEAF_IMPL, LEAF_NULL };

typedef struct pr_state {
    uint8_t where;   /* mc_pr_where */
    uint8_t step;    /* 1..n+1 */
    uint8_t omega;
    uint8_t leaf;
    uint32_t no_mask;
    uint32_t act[MC_PR_MAX_N];   /* act[0]: root action; act[i]: player i's raise */
    uint16_t c[MC_PR_MAX_N];
    uint8_t bip[MC_PR_MAX_N];
} pr_state;

#define PR_KEY_SIZE (2 + 3 * MC_PR_MAX_N)

typedef struct pr_ctx {
    mc_pr_params p;
    uint32_t nroot, kprod;        /* root actions; prod (cap_k + 1) */
    uint32_t nraise[MC_PR_MAX_N];
    mc_q *rew1;                   /* player 1's step-g reward per root action */
    mc_q *rewd[MC_PR_MAX_N];      /* player i's reward per raise action */
    mc_q coin1[2];                /* (1 - eps, eps) */
    mc_q one_minus_eps;
} pr_ctx;

static const pr_ctx *ctx_of(const mc_game *g)
{
    return g->ctx;
}

/* ---- action codes ------------------------------------------------------- */

static void root_decode(const pr_ctx *x, uint32_t a, unsigned *omega, int64_t *k1)
{
    *omega = a / x->kprod;
    uint32_t rem = a % x->kprod;
    for (unsigned j = x->p.n; j-- > 0;) {
        k1[j] = rem % (x->p.cap_k[j] + 1);
        rem /= x->p.cap_k[j] + 1;
    }
}

static void raise_decode(const pr_ctx *x, unsigned i, uint32_t a, int64_t *d)
{
    for (unsigned j = x->p.n; j-- > 0;) {
        uint32_t base = x->p.cap_d[i][j] + 1;
        d[j] = a % base;
        a /= base;
    }
}

uint32_t mc_pr_root_nactions(const mc_game *g)
{
    return ctx_of(g)->nroot;
}

uint32_t mc_pr_raise_nactions(const mc_game *g, unsigned i)
{
    return ctx_of(g)->nraise[i];
}

void mc_pr_root_decode(const mc_game *g, uint32_t a, unsigned *omega, int64_t *k1)
{
    root_decode(ctx_of(g), a, omega, k1);
}

uint32_t mc_pr_root_encode(const mc_game *g, unsigned omega, const int64_t *k1)
{
    const pr_ctx *x = ctx_of(g);
    if (omega >= x->p.nstates)
        return UINT32_MAX;
    uint32_t a = omega;
    for (unsigned j = 0; j < x->p.n; j++) {
        if (k1[j] < 0 || k1[j] > (int64_t)x->p.cap_k[j])
            return UINT32_MAX;
        a = a * (x->p.cap_k[j] + 1) + (uint32_t)k1[j];
    }
    return a;
}

void mc_pr_raise_decode(const mc_game *g, unsigned i, uint32_t a, int64_t *delta)
{
    raise_decode(ctx_of(g), i, a, delta);
}

uint32_t mc_pr_raise_encode(const mc_game *g, unsigned i, const int64_t *delta)
{
    const pr_ctx *x = ctx_of(g);
    uint32_t a = 0;
    for (unsigned j = 0; j < x->p.n; j++) {
        if (delta[j] < 0 || delta[j] > (int64_t)x->p.cap_d[i][j])
            return UINT32_MAX;
        a = a * (x->p.cap_d[i][j] + 1) + (uint32_t)delta[j];
    }
    return a;
}

uint64_t mc_pr_vote_child(uint32_t chooser_mask, uint32_t no_mask)
{
    uint64_t idx = 0;
    for (unsigned j = 0; j < 32; j++)
        if (chooser_mask >> j & 1)
            idx = idx * 2 + (no_mask >> j & 1);
    return idx;
}

uint32_t mc_pr_vote_no_mask(uint32_t chooser_mask, uint64_t child)
{
    uint32_t no = 0;
    for (unsigned j = 32; j-- > 0;)
        if (chooser_mask >> j & 1) {
            if (child & 1)
                no |= 1u << j;
            child >>= 1;
        }
    return no;
}

static uint32_t choosers(const pr_ctx *x, const pr_state *s)
{
    uint32_t m = 0;
    for (unsigned j = 0; j < x->p.n; j++)
        if (s->c[j] > 0 && !(j == 0 && s->bip[0] == 0))
            m |= 1u << j;
    return m;
}

/* ---- generator operations ------------------------------------------------- */

static void pr_root(const mc_game *g, void *state)
{
    (void)g;
    pr_state *s = state;
    memset(s, 0, sizeof *s);
    s->where = MC_PR_AT_ROOT;
    s->step = 1;
}

static const mc_q *reward(const pr_ctx *x, const pr_state *s, unsigned j)
{
    return j == 0 ? &x->rew1[s->act[0]] : &x->rewd[j][s->act[j]];
}

/* Leaf payoffs: utilities plus every player's step-g reward. */
static void leaf_payoff(const pr_ctx *x, const pr_state *s, mc_q *out)
{
    unsigned n = x->p.n;
    const int64_t *tv = x->p.tv[s->omega];
    if (s->leaf == LEAF_STOP) {
        for (unsigned j = 0; j < n; j++)
            mc_q_set_i64(&out[j], 0);
        return;
    }
    mc_q t = MC_Q_ZERO, pimpl = MC_Q_ZERO;
    int64_t pun[MC_PR_MAX_N] = {0};
    for (unsigned j = 0; j < n; j++)
        if (s->no_mask >> j & 1)
            pun[s->bip[j]] += 2 * (int64_t)s->c[j];
    switch (s->leaf) {
    case LEAF_YES:
    case LEAF_IMPL:
        mc_q_set_i64(&pimpl, 1);
        break;
    case LEAF_VOTED: {
        if (!s->no_mask) {
            mc_q_set_i64(&pimpl, 1);
            break;
        }
        int64_t y = n, b = 0;
        for (unsigned j = 0; j < n; j++)
            if (s->no_mask >> j & 1) {
                y--;
                b += s->c[j];
            }
        mc_q_set_frac(&pimpl, y, (int64_t)n * b); /* b >= 1: every NO-sayer has P* >= 1 */
        mc_q_mul(&pimpl, &pimpl, &x->p.eps);
        break;
    }
    default: /* punish, null */
        break;
    }
    for (unsigned j = 0; j < n; j++) {
        mc_q *u = &out[j];
        mc_q_set(u, reward(x, s, j));
        if (mc_q_sgn(&pimpl) != 0) { /* + p_impl (TV - P* + eps) */
            mc_q_set_i64(&t, tv[j] - (int64_t)s->c[j]);
            mc_q_add(&t, &t, &x->p.eps);
            mc_q_addmul(u, &pimpl, &t);
        }
        if (pun[j] && (s->leaf == LEAF_VOTED || s->leaf == LEAF_PUNISH)) {
            mc_q_set_i64(&t, -pun[j]);
            if (s->leaf == LEAF_VOTED)
                mc_q_addmul(u, &x->one_minus_eps, &t);
            else
                mc_q_add(u, u, &t);
        }
    }
    mc_q_clear(&t);
    mc_q_clear(&pimpl);
}

static mc_status pr_expand(const mc_game *g, const void *state, mc_node *out, mc_error *err)
{
    (void)err;
    const pr_ctx *x = ctx_of(g);
    const pr_state *s = state;
    out->payoff = NULL;
    out->nmovers = 0;
    out->nchance = 0;
    switch (s->where) {
    case MC_PR_AT_ROOT:
    case MC_PR_AT_RAISE:
        out->kind = MC_NODE_DECISION;
        out->nmovers = 1;
        out->mover[0] = s->step - 1u;
        out->nactions[0] = s->step == 1 ? x->nroot : x->nraise[s->step - 1];
        out->infoset[0] = MC_INFOSET_SINGLETON;
        return MC_OK;
    case MC_PR_AT_VOTE: {
        uint32_t m = choosers(x, s);
        if (!m) { /* everybody says YES by default */
            pr_state leaf = *s;
            leaf.where = MC_PR_AT_LEAF;
            leaf.leaf = LEAF_YES;
            out->kind = MC_NODE_TERMINAL;
            leaf_payoff(x, &leaf, out->payoff_buf);
            out->payoff = out->payoff_buf;
            return MC_OK;
        }
        out->kind = MC_NODE_DECISION;
        for (unsigned j = 0; j < x->p.n; j++)
            if (m >> j & 1) {
                unsigned k = out->nmovers++;
                out->mover[k] = j;
                out->nactions[k] = 2; /* 0 = YES, 1 = NO */
                out->infoset[k] = MC_INFOSET_SINGLETON;
            }
        return MC_OK;
    }
    case MC_PR_AT_COIN1:
        out->kind = MC_NODE_CHANCE;
        out->nchance = 2;
        out->prob = x->coin1;
        return MC_OK;
    case MC_PR_AT_COIN2: {
        mc_q *pr = mc_node_prob_buf(out, 2);
        if (!pr)
            return mc_error_set(err, MC_ENOMEM, "perfect-revenue: out of memory");
        int64_t y = x->p.n, b = 0;
        for (unsigned j = 0; j < x->p.n; j++)
            if (s->no_mask >> j & 1) {
                y--;
                b += s->c[j];
            }
        mc_q_set_frac(&pr[0], y, (int64_t)x->p.n * b);
        mc_q_set_i64(&pr[1], 1);
        mc_q_sub(&pr[1], &pr[1], &pr[0]);
        out->kind = MC_NODE_CHANCE;
        out->nchance = 2;
        out->prob = pr;
        return MC_OK;
    }
    default:
        out->kind = MC_NODE_TERMINAL;
        leaf_payoff(x, s, out->payoff_buf);
        out->payoff = out->payoff_buf;
        return MC_OK;
    }
}

static void pr_child(const mc_game *g, const void *state, const mc_node *node,
                     const uint32_t *choice, void *child_state)
{
    (void)node;
    const pr_ctx *x = ctx_of(g);
    const pr_state *s = state;
    pr_state *t = child_state;
    unsigned n = x->p.n;
    *t = *s;
    switch (s->where) {
    case MC_PR_AT_ROOT: {
        int64_t k1[MC_PR_MAX_N];
        unsigned omega;
        root_decode(x, choice[0], &omega, k1);
        t->act[0] = choice[0];
        t->omega = (uint8_t)omega;
        int64_t sum = 0;
        for (unsigned j = 0; j < n; j++) {
            t->c[j] = (uint16_t)k1[j];
            t->bip[j] = 0;
            sum += k1[j];
        }
        if (sum == 0) { /* step (a): the mechanism ends */
            t->where = MC_PR_AT_LEAF;
            t->leaf = LEAF_STOP;
        } else {
            t->where = MC_PR_AT_RAISE;
            t->step = 2;
        }
        return;
    }
    case MC_PR_AT_RAISE: {
        unsigned i = s->step - 1u;
        int64_t d[MC_PR_MAX_N];
        raise_decode(x, i, choice[0], d);
        t->act[i] = choice[0];
        for (unsigned j = 0; j < n; j++)
            if (d[j] > 0) {
                t->c[j] = (uint16_t)(t->c[j] + d[j]);
                t->bip[j] = (uint8_t)i;
            }
        t->step++;
        if (t->step == n + 1)
            t->where = MC_PR_AT_VOTE;
        return;
    }
    case MC_PR_AT_VOTE: {
        uint32_t no = 0;
        unsigned k = 0;
        for (unsigned j = 0; j < n; j++)
            if (s->c[j] > 0 && !(j == 0 && s->bip[0] == 0)) {
                if (choice[k] == 1)
                    no |= 1u << j;
                k++;
            }
        t->no_mask = no;
        if (x->p.leaf == MC_PR_LEAF_CLOSED) {
            t->where = MC_PR_AT_LEAF;
            t->leaf = LEAF_VOTED;
        } else if (!no) {
            t->where = MC_PR_AT_LEAF;
            t->leaf = LEAF_YES;
        } else {
            t->where = MC_PR_AT_COIN1;
        }
        return;
    }
    case MC_PR_AT_COIN1:
        if (choice[0] == 0) {
            t->where = MC_PR_AT_LEAF;
            t->leaf = LEAF_PUNISH;
        } else {
            t->where = MC_PR_AT_COIN2;
        }
        return;
    case MC_PR_AT_COIN2:
        t->where = MC_PR_AT_LEAF;
        t->leaf = choice[0] == 0 ? LEAF_IMPL : LEAF_NULL;
        return;
    default:
        return;
    }
}

static size_t pr_key(const mc_game *g, const void *state, void *key, mc_q *offset)
{
    const pr_ctx *x = ctx_of(g);
    const pr_state *s = state;
    unsigned n = x->p.n;
    bool keyed = s->where == MC_PR_AT_ROOT || s->where == MC_PR_AT_RAISE ||
                 (s->where == MC_PR_AT_VOTE && choosers(x, s));
    if (!keyed) {
        for (unsigned j = 0; j < n; j++)
            mc_q_set_i64(&offset[j], 0);
        return 0;
    }
    unsigned char *k = key;
    k[0] = s->step;
    k[1] = s->omega;
    for (unsigned j = 0; j < n; j++) {
        k[2 + 2 * j] = (unsigned char)(s->c[j] & 0xff);
        k[3 + 2 * j] = (unsigned char)(s->c[j] >> 8);
        k[2 + 2 * n + j] = s->bip[j];
    }
    /* the players who have moved have their rewards fixed */
    for (unsigned j = 0; j < n; j++) {
        if (j + 1 < s->step)
            mc_q_set(&offset[j], reward(x, s, j));
        else
            mc_q_set_i64(&offset[j], 0);
    }
    return 2 + 3 * n;
}

size_t mc_pr_fmt_raise(char *buf, size_t cap, unsigned n, unsigned i, const int64_t *delta)
{
    size_t len = 0;
    for (unsigned j = 0; j < n; j++) {
        int k = j == i ? snprintf(buf + len, len < cap ? cap - len : 0, "%s_", j ? "," : "(")
                       : snprintf(buf + len, len < cap ? cap - len : 0, "%s%lld",
                                  j ? "," : "(", (long long)delta[j]);
        len += (size_t)(k > 0 ? k : 0);
    }
    int k = snprintf(buf + len, len < cap ? cap - len : 0, ")");
    return len + (size_t)(k > 0 ? k : 0);
}

size_t mc_pr_fmt_root(char *buf, size_t cap, const mc_pr_params *p, unsigned omega,
                      const int64_t *k1)
{
    size_t len = (size_t)snprintf(buf, cap, "%s:", p->state_name[omega]);
    return len + mc_pr_fmt_raise(buf + (len < cap ? len : cap), len < cap ? cap - len : 0, p->n,
                                 MC_PR_MAX_N, k1);
}

static size_t pr_action_label(const mc_game *g, const void *state, const mc_node *node,
                              unsigned mover, uint32_t action, char *buf, size_t cap)
{
    (void)mover;
    const pr_ctx *x = ctx_of(g);
    const pr_state *s = state;
    int64_t v[MC_PR_MAX_N];
    unsigned omega;
    switch (s->where) {
    case MC_PR_AT_ROOT:
        root_decode(x, action, &omega, v);
        return mc_pr_fmt_root(buf, cap, &x->p, omega, v);
    case MC_PR_AT_RAISE:
        raise_decode(x, s->step - 1u, action, v);
        return mc_pr_fmt_raise(buf, cap, x->p.n, s->step - 1u, v);
    case MC_PR_AT_VOTE:
        return (size_t)snprintf(buf, cap, "%s", action ? "NO" : "YES");
    default:
        (void)node;
        return (size_t)snprintf(buf, cap, "%s%s", s->where == MC_PR_AT_COIN1 ? "c1=" : "c2=",
                                action ? "T" : "H");
    }
}

void mc_pr_view_state(const mc_game *g, const void *state, mc_pr_view *v)
{
    const pr_ctx *x = ctx_of(g);
    const pr_state *s = state;
    unsigned n = x->p.n;
    memset(v, 0, sizeof *v);
    v->where = (mc_pr_where)s->where;
    v->step = s->step;
    v->mover = s->where == MC_PR_AT_RAISE ? s->step - 1u : 0;
    v->omega = s->omega;
    for (unsigned j = 0; j < n; j++) {
        v->c[j] = s->c[j];
        v->bip[j] = s->bip[j];
    }
    v->no_mask = s->no_mask;
    v->stopped = s->where == MC_PR_AT_LEAF && s->leaf == LEAF_STOP;
    if (s->where >= MC_PR_AT_VOTE)
        v->chooser_mask = choosers(x, s);
    v->play.omega = s->omega;
    v->play.no_mask = s->no_mask;
    if (s->where == MC_PR_AT_ROOT)
        return;
    unsigned omega;
    root_decode(x, s->act[0], &omega, v->play.k1);
    unsigned done = s->where == MC_PR_AT_RAISE ? s->step - 1u : n; /* raises taken: 1..done-1 */
    if (s->leaf == LEAF_STOP && s->where == MC_PR_AT_LEAF)
        done = 1;
    for (unsigned i = 1; i < done; i++)
        raise_decode(x, i, s->act[i], v->play.delta[i]);
}

static size_t pr_describe(const mc_game *g, const void *state, char *buf, size_t cap)
{
    const pr_ctx *x = ctx_of(g);
    const pr_state *s = state;
    mc_pr_view v;
    mc_pr_view_state(g, state, &v);
    size_t len = 0;
#define PR_ROOM (len < cap ? cap - len : 0)
#define PR_AT (buf + (len < cap ? len : cap))
    if (s->where == MC_PR_AT_ROOT)
        return (size_t)snprintf(buf, cap, "root");
    len += mc_pr_fmt_root(PR_AT, PR_ROOM, &x->p, v.omega, v.play.k1);
    unsigned upto = s->where == MC_PR_AT_RAISE ? s->step - 1u : x->p.n;
    if (s->where == MC_PR_AT_LEAF && s->leaf == LEAF_STOP)
        upto = 1;
    for (unsigned i = 1; i < upto; i++) {
        len += (size_t)snprintf(PR_AT, PR_ROOM, " ");
        len += mc_pr_fmt_raise(PR_AT, PR_ROOM, x->p.n, i, v.play.delta[i]);
    }
    if (s->where >= MC_PR_AT_COIN1 && !(s->where == MC_PR_AT_LEAF && s->leaf == LEAF_STOP)) {
        len += (size_t)snprintf(PR_AT, PR_ROOM, " NO={");
        bool first = true;
        for (unsigned j = 0; j < x->p.n; j++)
            if (s->no_mask >> j & 1) {
                len += (size_t)snprintf(PR_AT, PR_ROOM, "%s%u", first ? "" : ",", j + 1);
                first = false;
            }
        len += (size_t)snprintf(PR_AT, PR_ROOM, "}");
        static const char *const what[] = {"stop", "", "", " c1=H", " c1=T,c2=H", " c1=T,c2=T"};
        if (s->where == MC_PR_AT_LEAF)
            len += (size_t)snprintf(PR_AT, PR_ROOM, "%s", what[s->leaf]);
        else if (s->where == MC_PR_AT_COIN2)
            len += (size_t)snprintf(PR_AT, PR_ROOM, " c1=T");
    }
#undef PR_ROOM
#undef PR_AT
    return len;
}

static void pr_destroy(mc_game *g)
{
    pr_ctx *x = g->ctx;
    if (!x)
        return;
    if (x->rew1) {
        mc_q_clear_vec(x->rew1, x->nroot);
        free(x->rew1);
    }
    for (unsigned i = 0; i < MC_PR_MAX_N; i++)
        if (x->rewd[i]) {
            mc_q_clear_vec(x->rewd[i], x->nraise[i]);
            free(x->rewd[i]);
        }
    mc_q_clear_vec(x->coin1, 2);
    mc_q_clear(&x->one_minus_eps);
    mc_pr_params_clear(&x->p);
    free(x);
    g->ctx = NULL;
}

static const mc_game_ops pr_ops = {
    .root = pr_root,
    .expand = pr_expand,
    .child = pr_child,
    .key = pr_key,
    .action_label = pr_action_label,
    .describe = pr_describe,
    .destroy = pr_destroy,
};

const mc_pr_params *mc_pr_game_params(const mc_game *g)
{
    return &ctx_of(g)->p;
}

/* Reward tables: rew_1 = eps + 2 eps sum K1 - eps f/n_r per root action,
 * rew_i = eps + sum_j eps^i_j Delta^i_j per raise action of i. */
static mc_status fill_rewards(pr_ctx *x, mc_error *err)
{
    const mc_pr_params *p = &x->p;
    x->rew1 = malloc(x->nroot * sizeof *x->rew1);
    if (!x->rew1)
        return mc_error_set(err, MC_ENOMEM, "perfect-revenue: out of memory for %u root actions",
                            x->nroot);
    mc_q_init_vec(x->rew1, x->nroot);
    mc_q f = MC_Q_ZERO, nr = MC_Q_ZERO, t = MC_Q_ZERO;
    int64_t v[MC_PR_MAX_N];
    for (uint32_t a = 0; a < x->nroot; a++) {
        unsigned omega;
        root_decode(x, a, &omega, v);
        int64_t r = 0;
        for (unsigned j = 0; j < p->n; j++)
            r += v[j];
        mc_pr_rank(p, omega, v, &f, &nr);
        mc_q_set_i64(&t, 2 * r + 1);
        mc_q_mul(&x->rew1[a], &p->eps, &t);
        mc_q_div(&t, &f, &nr);
        mc_q_mul(&t, &t, &p->eps);
        mc_q_sub(&x->rew1[a], &x->rew1[a], &t);
    }
    for (unsigned i = 1; i < p->n; i++) {
        x->rewd[i] = malloc(x->nraise[i] * sizeof *x->rewd[i]);
        if (!x->rewd[i]) {
            mc_q_clear(&f);
            mc_q_clear(&nr);
            mc_q_clear(&t);
            return mc_error_set(err, MC_ENOMEM, "perfect-revenue: out of memory");
        }
        mc_q_init_vec(x->rewd[i], x->nraise[i]);
        for (uint32_t a = 0; a < x->nraise[i]; a++) {
            raise_decode(x, i, a, v);
            mc_q_set(&x->rewd[i][a], &p->eps);
            for (unsigned j = 0; j < p->n; j++) {
                mc_q_set_i64(&t, v[j]);
                mc_q_addmul(&x->rewd[i][a], &p->chain[i][j], &t);
            }
        }
    }
    mc_q_clear(&f);
    mc_q_clear(&nr);
    mc_q_clear(&t);
    return MC_OK;
}

mc_status mc_pr_game_new(mc_game *g, const mc_pr_params *p, mc_error *err)
{
    memset(g, 0, sizeof *g);
    mc_status st = mc_pr_params_validate(p, err);
    if (st != MC_OK)
        return st;
    pr_ctx *x = calloc(1, sizeof *x);
    if (!x)
        return mc_error_set(err, MC_ENOMEM, "perfect-revenue: out of memory");
    mc_pr_params_init(&x->p);
    mc_pr_params_copy(&x->p, p);
    x->coin1[0] = x->coin1[1] = x->one_minus_eps = MC_Q_ZERO;
    mc_q_set_i64(&x->one_minus_eps, 1);
    mc_q_sub(&x->one_minus_eps, &x->one_minus_eps, &p->eps);
    mc_q_set(&x->coin1[0], &x->one_minus_eps);
    mc_q_set(&x->coin1[1], &p->eps);
    x->kprod = 1;
    for (unsigned j = 0; j < p->n; j++)
        x->kprod *= p->cap_k[j] + 1;
    x->nroot = x->kprod * p->nstates;
    for (unsigned i = 1; i < p->n; i++) {
        x->nraise[i] = 1;
        for (unsigned j = 0; j < p->n; j++)
            x->nraise[i] *= p->cap_d[i][j] + 1;
    }
    g->ops = &pr_ops;
    g->ctx = x;
    g->nplayers = p->n;
    g->state_size = sizeof(pr_state);
    g->key_size = PR_KEY_SIZE;
    if ((st = fill_rewards(x, err)) != MC_OK) {
        pr_destroy(g);
        return st;
    }
    return MC_OK;
}
