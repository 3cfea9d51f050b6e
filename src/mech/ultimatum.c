/* synthetic/ultimatum as a game generator (see ultimatum.h). */
#include <stdlib.h>
#include <string.h>

#include "mech/ultimatum.h"

enum { PH_OFFER = 0, PH_RESPOND = 1, PH_ACCEPTED = 2, PH_BREAKDOWN = 3 };

/* 16 bytes without padding, so the state is its own canonical key. */
typedef struct ult_state {
    uint32_t round; /* 1-based */
    uint32_t phase;
    int64_t offer;
} ult_state;

typedef struct ult_ctx {
    ult_params p;
} ult_ctx;

static const char *const ult_players[2] = {"P1", "P2"};

int64_t ult_pie(const ult_params *p, int64_t t)
{
    int64_t v = p->pie - (t - 1) * p->step; /* |.| <= 10^6 * 64: no overflow */
    return v > 0 ? v : 0;
}

mc_status ult_read(const mc_instance *in, ult_params *p, mc_error *err)
{
    const int64_t dflt_step = 0;
    mc_status st = mc_inst_int(in, "n", 1, ULT_MAX_ROUNDS, NULL, &p->n, err);
    if (st == MC_OK)
        st = mc_inst_int(in, "pie", 0, ULT_MAX_PIE, NULL, &p->pie, err);
    if (st == MC_OK)
        st = mc_inst_int(in, "step", 0, ULT_MAX_PIE, &dflt_step, &p->step, err);
    return st;
}

mc_status ult_validate(const mc_instance *in, mc_error *err)
{
    ult_params p;
    return ult_read(in, &p, err);
}

static bool push_variant(const mc_instance *in, mc_instance *out, size_t cap, size_t *k,
                         const char *key, int64_t value)
{
    if (*k >= cap || mc_instance_copy(&out[*k], in, NULL) != MC_OK)
        return false;
    if (json_object_set_new(out[*k].params, key, json_integer(value)) != 0) {
        mc_instance_free(&out[*k]);
        return false;
    }
    (*k)++;
    return true;
}

/* Candidate smaller values of v >= lo, smallest first, without repeats. */
static size_t smaller_values(int64_t v, int64_t lo, int64_t *c)
{
    int64_t cand[4] = {lo, lo + 1, v / 2, v - 1};
    size_t n = 0;
    for (size_t i = 0; i < 4; i++) {
        if (cand[i] < lo || cand[i] >= v)
            continue;
        bool seen = false;
        for (size_t j = 0; j < n; j++)
            seen |= c[j] == cand[i];
        if (!seen)
            c[n++] = cand[i];
    }
    /* sort ascending (at most 4) */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && c[j - 1] > c[j]; j--) {
            int64_t t = c[j];
            c[j] = c[j - 1];
            c[j - 1] = t;
        }
    return n;
}

size_t ult_shrink(const mc_instance *in, mc_instance *out, size_t cap)
{
    ult_params p;
    if (ult_read(in, &p, NULL) != MC_OK)
        return 0;
    size_t k = 0;
    for (int64_t n = 1; n < p.n; n++)
        if (!push_variant(in, out, cap, &k, "n", n))
            return k;
    int64_t c[4];
    size_t nc = smaller_values(p.pie, 0, c);
    for (size_t i = 0; i < nc; i++)
        if (!push_variant(in, out, cap, &k, "pie", c[i]))
            return k;
    nc = smaller_values(p.step, 0, c);
    for (size_t i = 0; i < nc; i++)
        if (!push_variant(in, out, cap, &k, "step", c[i]))
            return k;
    return k;
}

/* ---- generator -------------------------------------------------------------------------- */

static const ult_ctx *ctx_of(const mc_game *g)
{
    return g->ctx;
}

static void ult_root(const mc_game *g, void *state)
{
    (void)g;
    ult_state s = {.round = 1, .phase = PH_OFFER, .offer = 0};
    memcpy(state, &s, sizeof s);
}

static unsigned proposer_of(uint32_t round)
{
    return (round - 1) % 2;
}

static mc_status ult_expand(const mc_game *g, const void *state, mc_node *out, mc_error *err)
{
    (void)err;
    const ult_ctx *c = ctx_of(g);
    ult_state s;
    memcpy(&s, state, sizeof s);
    out->payoff = NULL;
    out->nmovers = 0;
    out->nchance = 0;
    out->prob = NULL;
    unsigned prop = proposer_of(s.round);
    switch (s.phase) {
    case PH_OFFER:
        out->kind = MC_NODE_DECISION;
        out->nmovers = 1;
        out->mover[0] = prop;
        out->nactions[0] = (uint32_t)ult_pie(&c->p, s.round) + 1;
        out->infoset[0] = MC_INFOSET_SINGLETON;
        break;
    case PH_RESPOND:
        out->kind = MC_NODE_DECISION;
        out->nmovers = 1;
        out->mover[0] = 1 - prop;
        out->nactions[0] = 2;
        out->infoset[0] = MC_INFOSET_SINGLETON;
        break;
    case PH_ACCEPTED:
        out->kind = MC_NODE_TERMINAL;
        mc_q_set_i64(&out->payoff_buf[prop], ult_pie(&c->p, s.round) - s.offer);
        mc_q_set_i64(&out->payoff_buf[1 - prop], s.offer);
        out->payoff = out->payoff_buf;
        break;
    default:
        out->kind = MC_NODE_TERMINAL;
        mc_q_set_i64(&out->payoff_buf[0], 0);
        mc_q_set_i64(&out->payoff_buf[1], 0);
        out->payoff = out->payoff_buf;
        break;
    }
    return MC_OK;
}

static void ult_child(const mc_game *g, const void *state, const mc_node *node,
                      const uint32_t *choice, void *child_state)
{
    (void)node;
    const ult_ctx *c = ctx_of(g);
    ult_state s;
    memcpy(&s, state, sizeof s);
    if (s.phase == PH_OFFER) {
        s.phase = PH_RESPOND;
        s.offer = choice[0];
    } else if (choice[0] == ULT_ACCEPT) {
        s.phase = PH_ACCEPTED;
    } else if ((int64_t)s.round < c->p.n) {
        s.round++;
        s.phase = PH_OFFER;
        s.offer = 0;
    } else {
        s.phase = PH_BREAKDOWN;
        s.offer = 0;
    }
    memcpy(child_state, &s, sizeof s);
}

static size_t ult_key(const mc_game *g, const void *state, void *key, mc_q *offset)
{
    ult_state s;
    memcpy(&s, state, sizeof s);
    if (s.phase != PH_OFFER && s.phase != PH_RESPOND)
        return 0;
    for (unsigned p = 0; p < g->nplayers; p++)
        mc_q_set_i64(&offset[p], 0);
    memcpy(key, &s, sizeof s);
    return sizeof s;
}

static size_t ult_action_label(const mc_game *g, const void *state, const mc_node *node,
                               unsigned mover, uint32_t action, char *buf, size_t cap)
{
    (void)g;
    (void)node;
    (void)mover;
    ult_state s;
    memcpy(&s, state, sizeof s);
    if (s.phase == PH_OFFER)
        return (size_t)snprintf(buf, cap, "offer %u", action);
    return (size_t)snprintf(buf, cap, "%s", action == ULT_ACCEPT ? "accept" : "reject");
}

static size_t ult_describe(const mc_game *g, const void *state, char *buf, size_t cap)
{
    const ult_ctx *c = ctx_of(g);
    ult_state s;
    memcpy(&s, state, sizeof s);
    unsigned prop = proposer_of(s.round);
    int64_t pie = ult_pie(&c->p, s.round);
    switch (s.phase) {
    case PH_OFFER:
        return (size_t)snprintf(buf, cap, "round %u: %s offers (pie %lld)", s.round,
                                ult_players[prop], (long long)pie);
    case PH_RESPOND:
        return (size_t)snprintf(buf, cap, "round %u: %s answers offer %lld", s.round,
                                ult_players[1 - prop], (long long)s.offer);
    case PH_ACCEPTED:
        return (size_t)snprintf(buf, cap, "round %u: accepted", s.round);
    default:
        return (size_t)snprintf(buf, cap, "breakdown");
    }
}

static void ult_destroy(mc_game *g)
{
    free(g->ctx);
    g->ctx = NULL;
}

static const mc_game_ops ult_ops = {
    .root = ult_root,
    .expand = ult_expand,
    .child = ult_child,
    .key = ult_key,
    .action_label = ult_action_label,
    .describe = ult_describe,
    .destroy = ult_destroy,
};

mc_status ult_game(const ult_params *p, mc_game *g, mc_error *err)
{
    memset(g, 0, sizeof *g);
    ult_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return mc_error_set(err, MC_ENOMEM, "synthetic/ultimatum: out of memory");
    c->p = *p;
    g->ops = &ult_ops;
    g->ctx = c;
    g->nplayers = 2;
    g->player_names = ult_players;
    g->state_size = sizeof(ult_state);
    g->key_size = sizeof(ult_state);
    return MC_OK;
}
