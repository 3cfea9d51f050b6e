/* The synthetic dynamic report game (repgame.h) as a generator. */
#include <stdlib.h>
#include <string.h>

#include "mechcheck/repgame.h"

typedef struct rep_ctx {
    mc_repgame_params p;
    uint32_t njoint;   /* K^N joint type draws */
    mc_q *joint_prob;  /* njoint */
} rep_ctx;

typedef struct rep_state {
    uint8_t t;         /* current period, 0-based */
    uint8_t phase;     /* 0: chance draws types, 1: reports, 2: end */
    uint8_t type[MC_REPGAME_MAX_PERIODS][MC_REPGAME_MAX_AGENTS];
    uint8_t rep[MC_REPGAME_MAX_PERIODS][MC_REPGAME_MAX_AGENTS];
} rep_state;

static void rep_root(const mc_game *g, void *state)
{
    (void)g;
    memset(state, 0, sizeof(rep_state));
}

static int64_t infoset_id(const rep_ctx *c, const rep_state *s, unsigned i)
{
    unsigned n = c->p.nagents, k = c->p.types;
    int64_t id = (int64_t)s->t * n + i;
    for (unsigned u = 0; u <= s->t; u++)
        id = id * k + s->type[u][i];
    for (unsigned u = 0; u < s->t; u++)
        for (unsigned j = 0; j < n; j++)
            id = id * k + s->rep[u][j];
    return id;
}

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    h *= 0xff51afd7ed558ccdULL;
    return h ^ (h >> 33);
}

static mc_status rep_expand(const mc_game *g, const void *state, mc_node *out, mc_error *err)
{
    (void)err;
    const rep_ctx *c = g->ctx;
    const rep_state *s = state;
    out->payoff = NULL;
    out->nmovers = 0;
    out->nchance = 0;
    out->prob = NULL;
    unsigned n = c->p.nagents;
    if (s->phase == 0) {
        out->kind = MC_NODE_CHANCE;
        out->nchance = c->njoint;
        out->prob = c->joint_prob;
    } else if (s->phase == 1) {
        out->kind = MC_NODE_DECISION;
        out->nmovers = n;
        for (unsigned i = 0; i < n; i++) {
            out->mover[i] = i;
            out->nactions[i] = c->p.types;
            out->infoset[i] = infoset_id(c, s, i);
        }
    } else {
        out->kind = MC_NODE_TERMINAL;
        uint64_t h = c->p.seed;
        for (unsigned u = 0; u < c->p.periods; u++)
            for (unsigned j = 0; j < n; j++)
                h = mix(mix(h, s->type[u][j]), s->rep[u][j]);
        for (unsigned i = 0; i < n; i++) {
            uint64_t v = mix(h, i + 1);
            int64_t span = 2 * c->p.range + 1;
            mc_q_set_i64(&out->payoff_buf[i], (int64_t)(v % (uint64_t)span) - c->p.range);
        }
        out->payoff = out->payoff_buf;
    }
    return MC_OK;
}

static void rep_child(const mc_game *g, const void *state, const mc_node *node,
                      const uint32_t *choice, void *child)
{
    const rep_ctx *c = g->ctx;
    rep_state *s = child;
    memcpy(s, state, sizeof *s);
    unsigned n = c->p.nagents, k = c->p.types;
    if (node->kind == MC_NODE_CHANCE) {
        uint32_t x = choice[0];
        for (unsigned i = n; i-- > 0;) { /* agent 0 slowest */
            s->type[s->t][i] = (uint8_t)(x % k);
            x /= k;
        }
        s->phase = 1;
    } else {
        for (unsigned i = 0; i < n; i++)
            s->rep[s->t][i] = (uint8_t)choice[i];
        s->t++;
        s->phase = s->t == c->p.periods ? 2 : 0;
    }
}

static size_t rep_action_label(const mc_game *g, const void *state, const mc_node *node,
                               unsigned mover, uint32_t action, char *buf, size_t cap)
{
    (void)state;
    (void)mover;
    const rep_ctx *c = g->ctx;
    if (node->kind == MC_NODE_DECISION)
        return (size_t)snprintf(buf, cap, "%u", action);
    size_t used = 0;
    uint32_t x = action, digits[MC_REPGAME_MAX_AGENTS];
    for (unsigned i = c->p.nagents; i-- > 0;) {
        digits[i] = x % c->p.types;
        x /= c->p.types;
    }
    for (unsigned i = 0; i < c->p.nagents; i++)
        used += (size_t)snprintf(used < cap ? buf + used : NULL, used < cap ? cap - used : 0,
                                 "%u", digits[i]);
    return used;
}

mc_status mc_repgame_truthful(void *ctx, const mc_game *g, const void *state, const mc_node *node,
                              unsigned mover, mc_q *prob, mc_error *err)
{
    (void)ctx;
    (void)g;
    const rep_state *s = state;
    if (s->phase != 1 || node->kind != MC_NODE_DECISION)
        return mc_error_set(err, MC_EINPUT, "report game: truthful strategy asked off a report");
    unsigned i = node->mover[mover];
    for (uint32_t a = 0; a < node->nactions[mover]; a++)
        mc_q_set_i64(&prob[a], a == s->type[s->t][i]);
    return MC_OK;
}

static void rep_destroy(mc_game *g)
{
    rep_ctx *c = g->ctx;
    if (!c)
        return;
    mc_q_clear_vec(c->joint_prob, c->njoint);
    mc_q_clear(&c->p.p0);
    free(c->joint_prob);
    free(c);
    g->ctx = NULL;
}

static const mc_game_ops rep_ops = {
    .root = rep_root,
    .expand = rep_expand,
    .child = rep_child,
    .key = NULL,
    .action_label = rep_action_label,
    .describe = NULL,
    .destroy = rep_destroy,
};

mc_status mc_repgame(const mc_repgame_params *p, mc_game *g, mc_error *err)
{
    mc_q zero = MC_Q_ZERO, one = MC_Q_INT(1);
    if (p->nagents < 1 || p->nagents > MC_REPGAME_MAX_AGENTS || p->periods < 1 ||
        p->periods > MC_REPGAME_MAX_PERIODS || p->types < 2 || p->types > 9 || p->range < 0 ||
        p->range > 1000000000 || mc_q_cmp(&p->p0, &zero) <= 0 || mc_q_cmp(&p->p0, &one) >= 0)
        return mc_error_set(err, MC_EINPUT,
                            "report game: need 1..%d agents, 1..%d periods, 2..9 types, 0 < p0 < 1",
                            MC_REPGAME_MAX_AGENTS, MC_REPGAME_MAX_PERIODS);
    /* information-set ids must fit: T*N * K^(T*(N+1)) < 2^62 */
    double size = (double)p->periods * p->nagents;
    for (unsigned e = 0; e < p->periods * (p->nagents + 1); e++)
        size *= p->types;
    uint64_t njoint = 1;
    for (unsigned i = 0; i < p->nagents; i++)
        njoint *= p->types;
    if (size >= 4.6e18 || njoint > (1u << 20))
        return mc_error_set(err, MC_EINPUT, "report game: too large to number its information "
                            "sets");
    rep_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return mc_error_set(err, MC_ENOMEM, "report game: out of memory");
    c->p = *p;
    c->p.p0 = MC_Q_ZERO;
    mc_q_set(&c->p.p0, &p->p0);
    c->njoint = (uint32_t)njoint;
    c->joint_prob = malloc(njoint * sizeof *c->joint_prob);
    if (!c->joint_prob) {
        free(c);
        return mc_error_set(err, MC_ENOMEM, "report game: out of memory");
    }
    mc_q_init_vec(c->joint_prob, njoint);
    /* per-agent: p0 for type 0, (1 - p0) / (K - 1) for the others */
    mc_q rest = MC_Q_ZERO, km1 = MC_Q_INT((int64_t)p->types - 1);
    mc_q_sub(&rest, &one, &p->p0);
    mc_q_div(&rest, &rest, &km1);
    for (uint32_t x = 0; x < njoint; x++) {
        uint32_t y = x;
        mc_q_set_i64(&c->joint_prob[x], 1);
        for (unsigned i = 0; i < p->nagents; i++) {
            mc_q_mul(&c->joint_prob[x], &c->joint_prob[x], y % p->types == 0 ? &p->p0 : &rest);
            y /= p->types;
        }
    }
    mc_q_clear(&rest);
    memset(g, 0, sizeof *g);
    g->ops = &rep_ops;
    g->ctx = c;
    g->nplayers = p->nagents;
    g->state_size = sizeof(rep_state);
    g->key_size = 0;
    return MC_OK;
}
