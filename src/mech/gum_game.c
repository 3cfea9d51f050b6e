/* The extensive-form game of a dynamic mechanism as an mc_game generator
 * (spec 2.11): per period, chance draws the true types (public state
 * first), then the agents report, with information sets following the
 * variant (V0 simultaneous, V1 / V2 sequential, V3 observation of true
 * past types, pooled coalitions).  Payoffs are paid at the leaves.
 *
 * State: byte 0 the period t (0 = the root draw of a random order, T+1 =
 * leaf), byte 1 the stage (0..n: chance for component `stage`; n+1+s:
 * report step s), bytes 2-3 the order index, then true types and
 * effective reports, (T+1) x (n+1) bytes each. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mech/gum.h"

#define HDR 4
#define MAX_ORDERS 720 /* 6! */

typedef struct gctx {
    const mc_gum_env *e;
    const mc_gum_policy *p;
    const mc_gum_mech *mechs;
    mc_gum_game_opts o;
    unsigned n, T;
    size_t tsz;                        /* (T+1) * (n+1) */
    unsigned norders;
    unsigned (*phys)[MC_GUM_MAX_AGENTS];     /* physical report order per order index */
    unsigned (*pos)[MC_GUM_MAX_COMP];        /* step at which agent c reports */
    unsigned nsteps;                   /* report steps per period */
    mc_q *gamma[MC_GUM_MAX_T + 1];     /* transfer-free: gamma^{i->j}, [(prev*ns+cur)*n*n] */
    const char *pnames[MC_GUM_MAX_AGENTS];
} gctx;

static const char *const info_names[] = {"v0", "v1", "v2"};

const char *mc_gum_info_name(mc_gum_info v)
{
    return (unsigned)v <= MC_GUM_V2 ? info_names[v] : "?";
}

void mc_gum_game_opts_default(mc_gum_game_opts *o)
{
    memset(o, 0, sizeof *o);
    o->info = MC_GUM_V0;
    o->see_reports = true;
    o->simultaneous = true;
    o->bound = MC_Q_ZERO;
}

static gctx *ctx_of(const mc_game *g) { return (gctx *)g->ctx; }

static uint8_t *truth_of(const gctx *c, void *s)
{
    (void)c;
    return (uint8_t *)s + HDR;
}
static uint8_t *rep_of(const gctx *c, void *s) { return (uint8_t *)s + HDR + c->tsz; }
static const uint8_t *ctruth(const gctx *c, const void *s)
{
    (void)c;
    return (const uint8_t *)s + HDR;
}
static const uint8_t *crep(const gctx *c, const void *s)
{
    return (const uint8_t *)s + HDR + c->tsz;
}

static unsigned st_t(const void *s) { return ((const uint8_t *)s)[0]; }
static unsigned st_stage(const void *s) { return ((const uint8_t *)s)[1]; }
static unsigned st_order(const void *s)
{
    const uint8_t *b = s;
    return (unsigned)b[2] | ((unsigned)b[3] << 8);
}

static uint64_t rep_index(const gctx *c, const uint8_t *rep, unsigned t)
{
    uint32_t th[MC_GUM_MAX_COMP];
    for (unsigned k = 0; k <= c->n; k++)
        th[k] = rep[t * (c->n + 1) + k];
    return mc_gum_state_index(c->e, t, th);
}

static uint32_t prev_decision(const gctx *c, const uint8_t *rep, unsigned t)
{
    return c->p->chi[t - 1][rep_index(c, rep, t - 1)];
}

static bool in_mask(uint32_t mask, unsigned agent) { return (mask >> (agent - 1)) & 1u; }

/* The transition of component comp into t from the true previous type
 * (agents' reports and the public state follow the actual decision). */
static const mc_q *true_dist(const gctx *c, const void *s, unsigned t, unsigned comp)
{
    const uint8_t *tr = ctruth(c, s), *rp = crep(c, s);
    unsigned w = c->n + 1;
    return mc_gum_trans(c->e, t, comp, tr[(t - 1) * w], tr[(t - 1) * w + comp],
                        prev_decision(c, rp, t));
}

/* Transfer-free: the replacement of agent a's report is drawn from its
 * transition at the previous effective report. */
static const mc_q *replacement_dist(const gctx *c, const void *s, unsigned t, unsigned a)
{
    const uint8_t *rp = crep(c, s);
    unsigned w = c->n + 1;
    return mc_gum_trans(c->e, t, a, rp[(t - 1) * w], rp[(t - 1) * w + a],
                        prev_decision(c, rp, t));
}

/* Transfer-free: has some budget S_{a,j}(t0) = sum_{t' <= t0} gamma^{a->j}
 * dropped below -B for a t0 < t? */
static bool frozen(const gctx *c, const void *s, unsigned t, unsigned a)
{
    if (!c->o.transfer_free || t < 2)
        return false;
    const uint8_t *rp = crep(c, s);
    unsigned n = c->n;
    mc_q sum = MC_Q_ZERO, nb = MC_Q_ZERO;
    mc_q_neg(&nb, &c->o.bound);
    bool hit = false;
    for (unsigned j = 1; j <= n && !hit; j++) {
        if (j == a)
            continue;
        mc_q_set_i64(&sum, 0);
        for (unsigned tt = 1; tt < t && !hit; tt++) {
            uint64_t prev = rep_index(c, rp, tt - 1), cur = rep_index(c, rp, tt);
            const mc_q *g = &c->gamma[tt][(prev * c->e->nstates[tt] + cur) * n * n];
            mc_q_add(&sum, &sum, &g[(a - 1) * n + (j - 1)]);
            hit = mc_q_cmp(&sum, &nb) < 0;
        }
    }
    mc_q_clear(&sum);
    mc_q_clear(&nb);
    return hit;
}

static unsigned npositive(const mc_q *v, uint32_t K, uint32_t *only)
{
    unsigned cnt = 0;
    for (uint32_t k = 0; k < K; k++)
        if (mc_q_sgn(&v[k]) > 0) {
            cnt++;
            *only = k;
        }
    return cnt;
}

static bool has_choice(const gctx *c, unsigned t, unsigned a)
{
    return !in_mask(c->o.truthful, a) && c->e->ntypes[t][a] > 1;
}

/* Advances through deterministic steps until a real node or a leaf. */
static void settle(const gctx *c, void *s)
{
    uint8_t *b = s, *tr = truth_of(c, s), *rp = rep_of(c, s);
    unsigned n = c->n, w = n + 1;
    for (;;) {
        unsigned t = b[0];
        if (t > c->T)
            return;
        if (t == 0) {
            if (c->norders > 1)
                return;
            b[0] = 1;
            b[1] = 0;
            continue;
        }
        unsigned stage = b[1];
        if (stage <= n) {
            uint32_t only = 0;
            const mc_q *v = true_dist(c, s, t, stage);
            if (npositive(v, c->e->ntypes[t][stage], &only) > 1)
                return;
            tr[t * w + stage] = (uint8_t)only;
            if (stage == 0)
                rp[t * w] = (uint8_t)only;
            b[1]++;
            continue;
        }
        unsigned step = stage - (n + 1);
        if (step >= c->nsteps) {
            b[0]++;
            b[1] = 0;
            continue;
        }
        const unsigned *phys = c->phys[st_order(s)];
        if (c->o.simultaneous) {
            bool any = false;
            for (unsigned a = 1; a <= n; a++) {
                if (has_choice(c, t, a))
                    any = true;
                else
                    rp[t * w + a] = tr[t * w + a];
            }
            if (any)
                return;
            b[1]++;
            continue;
        }
        unsigned a = phys[step];
        if (frozen(c, s, t, a)) {
            uint32_t only = 0;
            if (npositive(replacement_dist(c, s, t, a), c->e->ntypes[t][a], &only) > 1)
                return;
            rp[t * w + a] = (uint8_t)only;
        } else if (has_choice(c, t, a)) {
            return;
        } else {
            rp[t * w + a] = tr[t * w + a];
        }
        b[1]++;
    }
}

static void gum_root(const mc_game *g, void *state)
{
    const gctx *c = ctx_of(g);
    memset(state, 0, g->state_size);
    uint8_t *tr = truth_of(c, state), *rp = rep_of(c, state);
    for (unsigned k = 0; k <= c->n; k++)
        tr[k] = rp[k] = (uint8_t)c->e->init[k];
    settle(c, state);
}

/* ---- information sets ----------------------------------------------------------- */

typedef struct code {
    unsigned __int128 v;
    bool overflow;
} code;

static void push(code *k, uint64_t radix, uint64_t digit)
{
    if (radix <= 1)
        return;
    k->v = k->v * radix + digit;
    if (k->v >> 62)
        k->overflow = true;
}

/* The group of a mover: the coalition when it belongs to it. */
static uint32_t group_of(const gctx *c, unsigned a)
{
    return in_mask(c->o.coalition, a) ? c->o.coalition : 1u << (a - 1);
}

static int64_t infoset_id(const gctx *c, const void *s, unsigned mover, unsigned step, bool *ovf)
{
    unsigned n = c->n, w = n + 1, t = st_t(s), ord = st_order(s);
    const uint8_t *tr = ctruth(c, s), *rp = crep(c, s);
    const unsigned *pos = c->pos[ord];
    uint32_t G = group_of(c, mover);
    bool past_types = (c->o.observe_past & G) != 0;
    bool seq = c->o.info != MC_GUM_V0;
    unsigned last = 0; /* the last step of the group within a period */
    for (unsigned a = 1; a <= n; a++)
        if (in_mask(G, a) && pos[a] > last)
            last = pos[a];
    code k = {0, false};
    push(&k, n + 1, mover);
    push(&k, c->T + 2, t);
    push(&k, c->nsteps + 1, step);
    push(&k, c->norders, ord);
    for (unsigned tt = 1; tt <= t; tt++) {
        push(&k, c->e->ntypes[tt][0], tr[tt * w]);
        unsigned seen_before = tt < t ? last : step; /* steps strictly before this are seen */
        for (unsigned a = 1; a <= n; a++) {
            uint32_t K = c->e->ntypes[tt][a];
            bool mine = in_mask(G, a);
            bool earlier = pos[a] < seen_before;
            bool type_vis = mine || (tt < t && past_types) || (seq && c->o.see_types && earlier);
            bool rep_vis = tt < t || (pos[a] < step && (mine || (seq && c->o.see_reports)));
            if (type_vis)
                push(&k, K, tr[tt * w + a]);
            if (rep_vis)
                push(&k, K, rp[tt * w + a]);
        }
    }
    *ovf = k.overflow;
    return (int64_t)k.v;
}

/* ---- expand / child ------------------------------------------------------------------ */

static void leaf_payoffs(const gctx *c, const void *s, mc_q *out)
{
    const mc_gum_env *e = c->e;
    unsigned n = c->n, w = n + 1;
    const uint8_t *tr = ctruth(c, s), *rp = crep(c, s);
    const mc_gum_mech *m = &c->mechs[c->norders > 1 ? st_order(s) : 0];
    for (unsigned i = 0; i < n; i++)
        mc_q_set_i64(&out[i], 0);
    uint64_t prev = 0;
    for (unsigned t = 0; t <= c->T; t++) {
        uint64_t cur = rep_index(c, rp, t);
        uint32_t x = c->p->chi[t][cur];
        for (unsigned i = 1; i <= n; i++)
            mc_q_add(&out[i - 1], &out[i - 1], &mc_gum_pay(e, t, i, tr[t * w + i])[x]);
        if (t >= 1 && !c->o.transfer_free) {
            const mc_q *y = mc_gum_y(m, t, prev, cur);
            for (unsigned i = 0; i < n; i++)
                mc_q_add(&out[i], &out[i], &y[i]);
        }
        prev = cur;
    }
}

static mc_status chance_node(const mc_q *v, uint32_t K, mc_node *out, mc_error *err)
{
    uint32_t cnt = 0, only;
    cnt = npositive(v, K, &only);
    mc_q *pb = mc_node_prob_buf(out, cnt);
    if (!pb)
        return mc_error_set(err, MC_ENOMEM, "gum game: out of memory");
    uint32_t j = 0;
    for (uint32_t k = 0; k < K; k++)
        if (mc_q_sgn(&v[k]) > 0)
            mc_q_set(&pb[j++], &v[k]);
    out->kind = MC_NODE_CHANCE;
    out->nchance = cnt;
    out->prob = pb;
    return MC_OK;
}

static mc_status gum_expand(const mc_game *g, const void *s, mc_node *out, mc_error *err)
{
    const gctx *c = ctx_of(g);
    unsigned t = st_t(s), stage = st_stage(s), n = c->n;
    out->nmovers = 0;
    out->nchance = 0;
    out->payoff = NULL;
    if (t > c->T) {
        out->kind = MC_NODE_TERMINAL;
        leaf_payoffs(c, s, out->payoff_buf);
        out->payoff = out->payoff_buf;
        return MC_OK;
    }
    if (t == 0) {
        mc_q *pb = mc_node_prob_buf(out, c->norders);
        if (!pb)
            return mc_error_set(err, MC_ENOMEM, "gum game: out of memory");
        for (unsigned k = 0; k < c->norders; k++)
            mc_q_set_frac(&pb[k], 1, (int64_t)c->norders);
        out->kind = MC_NODE_CHANCE;
        out->nchance = c->norders;
        out->prob = pb;
        return MC_OK;
    }
    if (stage <= n)
        return chance_node(true_dist(c, s, t, stage), c->e->ntypes[t][stage], out, err);
    unsigned step = stage - (n + 1);
    out->kind = MC_NODE_DECISION;
    bool ovf = false;
    if (c->o.simultaneous) {
        for (unsigned a = 1; a <= n; a++)
            if (has_choice(c, t, a)) {
                unsigned m = out->nmovers++;
                out->mover[m] = a - 1;
                out->nactions[m] = c->e->ntypes[t][a];
                out->infoset[m] = infoset_id(c, s, a, step, &ovf);
            }
    } else {
        unsigned a = c->phys[st_order(s)][step];
        if (frozen(c, s, t, a))
            return chance_node(replacement_dist(c, s, t, a), c->e->ntypes[t][a], out, err);
        out->nmovers = 1;
        out->mover[0] = a - 1;
        out->nactions[0] = c->e->ntypes[t][a];
        out->infoset[0] = infoset_id(c, s, a, step, &ovf);
    }
    if (ovf)
        return mc_error_set(err, MC_ELIMIT,
                            "gum game: information sets of period %u cannot be numbered in 62 bits",
                            t);
    return MC_OK;
}

static uint32_t nth_positive(const mc_q *v, uint32_t K, uint32_t choice)
{
    for (uint32_t k = 0; k < K; k++)
        if (mc_q_sgn(&v[k]) > 0 && choice-- == 0)
            return k;
    return 0;
}

static void gum_child(const mc_game *g, const void *s, const mc_node *node, const uint32_t *choice,
                      void *child)
{
    const gctx *c = ctx_of(g);
    memcpy(child, s, g->state_size);
    uint8_t *b = child, *tr = truth_of(c, child), *rp = rep_of(c, child);
    unsigned t = b[0], stage = b[1], n = c->n, w = n + 1;
    if (t == 0) {
        b[2] = (uint8_t)(choice[0] & 0xff);
        b[3] = (uint8_t)(choice[0] >> 8);
        b[0] = 1;
        b[1] = 0;
    } else if (stage <= n) {
        uint32_t k = nth_positive(true_dist(c, s, t, stage), c->e->ntypes[t][stage], choice[0]);
        tr[t * w + stage] = (uint8_t)k;
        if (stage == 0)
            rp[t * w] = (uint8_t)k;
        b[1]++;
    } else if (node->kind == MC_NODE_CHANCE) {
        unsigned a = c->phys[st_order(s)][stage - (n + 1)];
        rp[t * w + a] = (uint8_t)nth_positive(replacement_dist(c, s, t, a), c->e->ntypes[t][a],
                                              choice[0]);
        b[1]++;
    } else {
        for (unsigned m = 0; m < node->nmovers; m++)
            rp[t * w + node->mover[m] + 1] = (uint8_t)choice[m];
        b[1]++;
    }
    settle(c, child);
}

static size_t gum_action_label(const mc_game *g, const void *s, const mc_node *node, unsigned mover,
                               uint32_t action, char *buf, size_t cap)
{
    const gctx *c = ctx_of(g);
    unsigned t = st_t(s);
    if (node->kind == MC_NODE_CHANCE || t == 0 || t > c->T)
        return (size_t)snprintf(buf, cap, "%u", (unsigned)action);
    unsigned a = node->mover[mover] + 1;
    return (size_t)snprintf(buf, cap, "%s:%s", c->e->agent_name[a],
                            c->e->type_label[t][a][action]);
}

static size_t gum_describe(const mc_game *g, const void *s, char *buf, size_t cap)
{
    const gctx *c = ctx_of(g);
    unsigned n = c->n, w = n + 1, t = st_t(s);
    const uint8_t *tr = ctruth(c, s), *rp = crep(c, s);
    size_t len = (size_t)snprintf(buf, cap, "t=%u", t > c->T ? c->T + 1 : t);
    for (unsigned tt = 1; tt <= c->T && tt <= t; tt++) {
        len += (size_t)snprintf(buf + len, len < cap ? cap - len : 0, " |");
        for (unsigned a = 1; a <= n; a++)
            len += (size_t)snprintf(buf + len, len < cap ? cap - len : 0, " %s=%s/%s",
                                    c->e->agent_name[a], c->e->type_label[tt][a][tr[tt * w + a]],
                                    c->e->type_label[tt][a][rp[tt * w + a]]);
    }
    return len;
}

static void free_ctx(gctx *c)
{
    if (!c)
        return;
    for (unsigned t = 1; t <= MC_GUM_MAX_T; t++)
        if (c->gamma[t])
            mc_gum_qvec_free(c->gamma[t],
                             (size_t)c->e->nstates[t - 1] * c->e->nstates[t] * c->n * c->n);
    mc_q_clear(&c->o.bound);
    free(c->phys);
    free(c->pos);
    free(c);
}

static void gum_destroy(mc_game *g)
{
    free_ctx(ctx_of(g));
    free(g);
}

static const mc_game_ops gum_ops = {
    .root = gum_root,
    .expand = gum_expand,
    .child = gum_child,
    .key = NULL,
    .action_label = gum_action_label,
    .describe = gum_describe,
    .destroy = gum_destroy,
};

static mc_status build_gamma(gctx *c, mc_error *err)
{
    const mc_gum_env *e = c->e;
    unsigned n = c->n;
    mc_q *gam = mc_gum_qvec_new((size_t)(n + 1) * n);
    if (!gam)
        return mc_error_set(err, MC_ENOMEM, "gum game: out of memory");
    mc_status st = MC_OK;
    for (unsigned t = 1; t <= c->T && st == MC_OK; t++) {
        size_t len = (size_t)e->nstates[t - 1] * e->nstates[t] * n * n;
        if (!(c->gamma[t] = mc_gum_qvec_new(len))) {
            st = mc_error_set(err, MC_ENOMEM, "gum game: out of memory");
            break;
        }
        for (uint64_t prev = 0; prev < e->nstates[t - 1] && st == MC_OK; prev++)
            for (uint64_t cur = 0; cur < e->nstates[t] && st == MC_OK; cur++) {
                st = mc_gum_externalities(e, c->p, c->mechs[0].order, t, prev, cur, gam, NULL, err);
                mc_q *dst = &c->gamma[t][(prev * e->nstates[t] + cur) * n * n];
                for (unsigned i = 1; i <= n; i++)
                    for (unsigned j = 0; j < n; j++)
                        mc_q_set(&dst[(i - 1) * n + j], &gam[i * n + j]);
            }
    }
    mc_gum_qvec_free(gam, (size_t)(n + 1) * n);
    return st;
}

mc_status mc_gum_game_new(mc_game **out, const mc_gum_env *e, const mc_gum_policy *p,
                          const mc_gum_mech *mechs, size_t nmechs, const mc_gum_game_opts *opts,
                          mc_error *err)
{
    *out = NULL;
    unsigned n = e->n;
    if (opts->random_order && n > 6)
        return mc_error_set(err, MC_ELIMIT, "gum game: a random order needs n <= 6");
    if (opts->transfer_free && opts->simultaneous)
        return mc_error_set(err, MC_EINPUT,
                            "gum game: the transfer-free GUM needs one report node per agent");
    if (opts->info != MC_GUM_V0 && opts->simultaneous)
        return mc_error_set(err, MC_EINPUT, "gum game: %s reports are sequential, not simultaneous",
                            mc_gum_info_name(opts->info));
    gctx *c = calloc(1, sizeof *c);
    mc_game *g = calloc(1, sizeof *g);
    if (!c || !g) {
        free(c);
        free(g);
        return mc_error_set(err, MC_ENOMEM, "gum game: out of memory");
    }
    c->e = e;
    c->p = p;
    c->mechs = mechs;
    c->o = *opts;
    c->o.bound = MC_Q_ZERO;
    mc_q_set(&c->o.bound, &opts->bound);
    c->n = n;
    c->T = e->T;
    c->tsz = (size_t)(e->T + 1) * (n + 1);
    c->nsteps = opts->simultaneous ? 1 : n;
    c->norders = opts->random_order ? (unsigned)mc_gum_norders(n) : 1;
    mc_status st = MC_OK;
    if (nmechs != c->norders)
        st = mc_error_set(err, MC_EINPUT, "gum game: %zu mechanisms given, %u needed", nmechs,
                          c->norders);
    c->phys = calloc(c->norders, sizeof *c->phys);
    c->pos = calloc(c->norders, sizeof *c->pos);
    if (st == MC_OK && (!c->phys || !c->pos))
        st = mc_error_set(err, MC_ENOMEM, "gum game: out of memory");
    unsigned perm[MC_GUM_MAX_AGENTS];
    mc_gum_first_order(n, perm);
    for (unsigned o = 0; o < c->norders && st == MC_OK; o++) {
        const unsigned *ord = opts->random_order ? perm : mechs[0].order;
        if (opts->random_order && memcmp(mechs[o].order, perm, n * sizeof *perm))
            st = mc_error_set(err, MC_EINPUT,
                              "gum game: mechanism %u does not have the order's permutation", o);
        for (unsigned k = 0; k < n; k++) {
            unsigned a = opts->info == MC_GUM_V2 ? ord[n - 1 - k] : ord[k];
            c->phys[o][k] = a;
            c->pos[o][a] = opts->simultaneous ? 0 : k;
        }
        if (opts->random_order)
            mc_gum_next_order(perm, n);
    }
    if (st == MC_OK && opts->transfer_free)
        st = build_gamma(c, err);
    if (st != MC_OK) {
        free_ctx(c);
        free(g);
        return st;
    }
    for (unsigned i = 1; i <= n; i++)
        c->pnames[i - 1] = e->agent_name[i];
    g->ops = &gum_ops;
    g->ctx = c;
    g->nplayers = n;
    g->player_names = c->pnames;
    g->state_size = HDR + 2 * c->tsz;
    g->key_size = 0;
    *out = g;
    return MC_OK;
}

void mc_gum_game_view(const mc_game *g, const void *state, mc_gum_view *v)
{
    const gctx *c = ctx_of(g);
    v->t = st_t(state);
    v->order_index = st_order(state);
    v->stage = st_stage(state);
    v->truth = ctruth(c, state);
    v->report = crep(c, state);
}

uint32_t mc_gum_game_truthful_action(const mc_game *g, const void *state, unsigned player)
{
    const gctx *c = ctx_of(g);
    unsigned t = st_t(state);
    return ctruth(c, state)[t * (c->n + 1) + player + 1];
}
