/* The normal form of a compiled extensive form: every pure profile of the
 * agents' plans is played out exactly (chance expanded, decisions
 * followed), giving the expected payoff vector and the distribution over
 * terminals, which is hash-consed into an outcome id. */
#include <stdlib.h>
#include <string.h>

#include "mechcheck/efnf.h"
#include "solve/ef_internal.h"

void mc_efnf_options_default(mc_efnf_options *o)
{
    memset(o, 0, sizeof *o);
    o->reduced = true;
    o->outcomes = true;
}

void mc_efnf_free(mc_efnf *nf)
{
    for (unsigned a = 0; a < nf->nagents; a++)
        mc_efnf_agent_free(&nf->agent[a]);
    if (nf->payoff)
        mc_q_clear_vec(nf->payoff, nf->nprofiles * nf->nplayers);
    free(nf->payoff);
    free(nf->outcome);
    if (nf->dist_prob && nf->dist_start)
        mc_q_clear_vec(nf->dist_prob, nf->dist_start[nf->noutcomes]);
    free(nf->dist_prob);
    free(nf->dist_start);
    free(nf->dist_terminal);
    memset(nf, 0, sizeof *nf);
}

uint64_t mc_efnf_profile_index(const mc_efnf *nf, const uint32_t *plan)
{
    uint64_t p = 0;
    for (unsigned a = 0; a < nf->nagents; a++)
        p += plan[a] * nf->stride[a];
    return p;
}

void mc_efnf_profile_of(const mc_efnf *nf, uint64_t profile, uint32_t *plan)
{
    for (unsigned a = 0; a < nf->nagents; a++) {
        plan[a] = (uint32_t)(profile % nf->agent[a].nplans);
        profile /= nf->agent[a].nplans;
    }
}

/* ---- playing a profile ----------------------------------------------------------- */

typedef struct player_ctx {
    const mc_ef *ef;
    mc_efnf *nf;
    unsigned agent_of[MC_MAX_PLAYERS];
    uint32_t *unit_of;            /* own units: ef set -> unit of its agent */
    const uint32_t *cur[MC_MAX_PLAYERS]; /* each agent's current plan row */
    mc_q *w;                      /* per depth */
    mc_q *pay;                    /* nplayers: the profile's payoffs */
    /* the profile's distribution */
    uint32_t *dt;
    mc_q *dp;
    size_t dn, dcap;
    mc_error *err;
} player_ctx;

/* The child index that the profile plays at decision node v. */
static mc_status chosen_child(player_ctx *c, uint32_t v, uint64_t *child)
{
    const mc_ef *ef = c->ef;
    uint64_t stride[MC_MAX_MOVERS];
    uint32_t act[MC_MAX_MOVERS];
    ef_slot_strides(ef, v, stride);
    unsigned n = ef->nmovers[v];
    const uint32_t *slot = &ef->slot_infoset[ef->aux[v]];
    if (c->nf->pooled) {
        /* each agent moving here: decode its joint action over its slots,
         * last slot fastest */
        bool done[MC_MAX_MOVERS] = {false};
        for (unsigned k = 0; k < n; k++) {
            if (done[k])
                continue;
            unsigned ag = c->agent_of[ef->infosets[slot[k]].player];
            const mc_efnf_agent *a = &c->nf->agent[ag];
            uint32_t J = a->side.node_infoset[v];
            uint32_t b = J == MC_EF_NONE ? MC_EF_NONE : c->cur[ag][J];
            if (b == MC_EF_NONE)
                return mc_error_set(c->err, MC_EINTERNAL,
                                    "normal form: agent %u has no action at node #%u", ag + 1,
                                    v + 1);
            for (unsigned j = n; j-- > 0;) {
                const mc_ef_infoset *is = &ef->infosets[slot[j]];
                if (c->agent_of[is->player] != ag)
                    continue;
                act[j] = b % is->nactions;
                b /= is->nactions;
                done[j] = true;
            }
        }
    } else {
        for (unsigned k = 0; k < n; k++) {
            unsigned ag = c->agent_of[ef->infosets[slot[k]].player];
            act[k] = c->cur[ag][c->unit_of[slot[k]]];
            if (act[k] == MC_EF_NONE)
                return mc_error_set(c->err, MC_EINTERNAL,
                                    "normal form: agent %u has no action at node #%u", ag + 1,
                                    v + 1);
        }
    }
    uint64_t idx = 0;
    for (unsigned k = 0; k < n; k++)
        idx += act[k] * stride[k];
    *child = idx;
    return MC_OK;
}

static mc_status play(player_ctx *c, uint32_t v, uint32_t depth)
{
    const mc_ef *ef = c->ef;
    const mc_q *w = &c->w[depth];
    if (ef->kind[v] == MC_NODE_TERMINAL) {
        uint32_t t = ef->aux[v];
        for (unsigned p = 0; p < ef->nplayers; p++)
            mc_q_addmul(&c->pay[p], w, &ef->payoff[(size_t)t * ef->nplayers + p]);
        if (!c->nf->outcome)
            return MC_OK;
        if (c->dn >= c->dcap) {
            size_t cap = c->dcap, old = cap;
            if (!ef_grow((void **)&c->dp, sizeof *c->dp, &cap, c->dn + 1))
                return mc_error_set(c->err, MC_ENOMEM, "normal form: out of memory");
            size_t c2 = old;
            if (!ef_grow((void **)&c->dt, sizeof *c->dt, &c2, cap))
                return mc_error_set(c->err, MC_ENOMEM, "normal form: out of memory");
            mc_q_init_vec(c->dp + old, cap - old);
            c->dcap = cap;
        }
        c->dt[c->dn] = t;
        mc_q_set(&c->dp[c->dn++], w);
        return MC_OK;
    }
    mc_q *cw = &c->w[depth + 1];
    if (ef->kind[v] == MC_NODE_CHANCE) {
        uint32_t k = 0;
        for (uint32_t child = v + 1; child < ef->end[v]; child = ef->end[child], k++) {
            mc_q_mul(cw, w, &ef->prob[ef->aux[v] + k]);
            if (mc_q_is_zero(cw))
                continue;
            mc_status st = play(c, child, depth + 1);
            if (st != MC_OK)
                return st;
        }
        return MC_OK;
    }
    uint64_t idx = 0;
    mc_status st = chosen_child(c, v, &idx);
    if (st != MC_OK)
        return st;
    uint32_t child = v + 1;
    for (uint64_t k = 0; k < idx; k++)
        child = ef->end[child];
    mc_q_set(cw, w);
    return play(c, child, depth + 1);
}

/* ---- outcome ids: distributions hash-consed, compared exactly ----------------- */

typedef struct outcome_table {
    uint64_t *slot_hash;
    uint64_t *slot_id;   /* id + 1, 0 = empty */
    size_t cap;
    size_t dist_cap, start_cap;
} outcome_table;

static uint64_t dist_hash(const uint32_t *t, const mc_q *p, size_t n)
{
    uint64_t h = 0x84222325cbf29ce4ULL ^ n;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ t[i]) * 0x100000001b3ULL;
        h = (h ^ mc_q_hash(&p[i])) * 0xff51afd7ed558ccdULL;
        h ^= h >> 31;
    }
    return h;
}

static bool dist_equal(const mc_efnf *nf, uint64_t id, const uint32_t *t, const mc_q *p, size_t n)
{
    size_t s = nf->dist_start[id];
    if (nf->dist_start[id + 1] - s != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (nf->dist_terminal[s + i] != t[i] || !mc_q_eq(&nf->dist_prob[s + i], &p[i]))
            return false;
    return true;
}

static bool table_grow(outcome_table *ot)
{
    size_t cap = ot->cap ? ot->cap * 2 : 256;
    uint64_t *h = malloc(cap * sizeof *h), *id = calloc(cap, sizeof *id);
    if (!h || !id) {
        free(h);
        free(id);
        return false;
    }
    for (size_t i = 0; i < ot->cap; i++) {
        if (!ot->slot_id[i])
            continue;
        size_t j = ot->slot_hash[i] & (cap - 1);
        while (id[j])
            j = (j + 1) & (cap - 1);
        h[j] = ot->slot_hash[i];
        id[j] = ot->slot_id[i];
    }
    free(ot->slot_hash);
    free(ot->slot_id);
    ot->slot_hash = h;
    ot->slot_id = id;
    ot->cap = cap;
    return true;
}

static mc_status outcome_id(mc_efnf *nf, outcome_table *ot, const player_ctx *c, uint64_t *out,
                            mc_error *err)
{
    if ((nf->noutcomes + 1) * 2 > ot->cap && !table_grow(ot))
        return mc_error_set(err, MC_ENOMEM, "normal form: out of memory");
    uint64_t h = dist_hash(c->dt, c->dp, c->dn);
    size_t j = h & (ot->cap - 1);
    for (; ot->slot_id[j]; j = (j + 1) & (ot->cap - 1))
        if (ot->slot_hash[j] == h && dist_equal(nf, ot->slot_id[j] - 1, c->dt, c->dp, c->dn)) {
            *out = ot->slot_id[j] - 1;
            return MC_OK;
        }
    size_t base = nf->noutcomes ? nf->dist_start[nf->noutcomes] : 0;
    size_t need = base + c->dn, old = ot->dist_cap;
    if (!ef_grow((void **)&nf->dist_prob, sizeof *nf->dist_prob, &ot->dist_cap, need ? need : 1))
        return mc_error_set(err, MC_ENOMEM, "normal form: out of memory");
    mc_q_init_vec(nf->dist_prob + old, ot->dist_cap - old);
    size_t c2 = old;
    if (!ef_grow((void **)&nf->dist_terminal, sizeof *nf->dist_terminal, &c2, ot->dist_cap) ||
        !ef_grow((void **)&nf->dist_start, sizeof *nf->dist_start, &ot->start_cap,
                 nf->noutcomes + 2))
        return mc_error_set(err, MC_ENOMEM, "normal form: out of memory");
    nf->dist_start[nf->noutcomes] = base;
    for (size_t i = 0; i < c->dn; i++) {
        nf->dist_terminal[base + i] = c->dt[i];
        mc_q_set(&nf->dist_prob[base + i], &c->dp[i]);
    }
    nf->dist_start[nf->noutcomes + 1] = base + c->dn;
    ot->slot_hash[j] = h;
    ot->slot_id[j] = nf->noutcomes + 1;
    *out = nf->noutcomes++;
    return MC_OK;
}

/* ---- building --------------------------------------------------------------- */

mc_status mc_efnf_build(const mc_ef *ef, const mc_agents *ag, const mc_efnf_options *o,
                        mc_efnf *nf, mc_error *err)
{
    mc_efnf_options dflt;
    if (!o) {
        mc_efnf_options_default(&dflt);
        o = &dflt;
    }
    memset(nf, 0, sizeof *nf);
    if (ag && ag->nplayers != ef->nplayers)
        return mc_error_set(err, MC_EINPUT, "normal form: agents over %u players, game has %u",
                            ag->nplayers, ef->nplayers);
    if (ag)
        nf->agents = *ag;
    else
        mc_agents_singletons(&nf->agents, ef->nplayers);
    nf->nplayers = ef->nplayers;
    nf->nagents = nf->agents.nagents;
    nf->reduced = o->reduced;
    nf->pooled = o->pooled;
    uint64_t max_prof = o->max_profiles ? o->max_profiles : MC_EFNF_DEFAULT_MAX_PROFILES;
    mc_status st = MC_OK;
    for (unsigned a = 0; a < nf->nagents; a++) {
        st = mc_efnf_agent_plans(ef, mc_players_of_agent(&nf->agents, a), o->reduced, o->pooled,
                                 o->max_strategies, &nf->agent[a], err);
        if (st != MC_OK) {
            nf->nagents = a; /* free only what exists */
            break;
        }
    }
    /* the count, saturating, so that the message can name it */
    bool over = false;
    nf->nprofiles = 1;
    for (unsigned a = 0; a < nf->nagents && st == MC_OK; a++) {
        nf->stride[a] = nf->nprofiles;
        if (__builtin_mul_overflow(nf->nprofiles, nf->agent[a].nplans, &nf->nprofiles)) {
            nf->nprofiles = UINT64_MAX;
            over = true;
        }
    }
    if (st == MC_OK && (over || nf->nprofiles > max_prof)) {
        char counts[256];
        size_t used = 0;
        counts[0] = 0;
        for (unsigned a = 0; a < nf->nagents && used < sizeof counts; a++)
            used += (size_t)snprintf(counts + used, sizeof counts - used, "%s%u",
                                     a ? " x " : "", nf->agent[a].nplans);
        st = mc_error_set(err, MC_ELIMIT,
                          "normal form: %s%llu pure profiles (%s %s plans), more than the "
                          "limit %llu",
                          over ? "more than " : "", (unsigned long long)nf->nprofiles, counts,
                          o->reduced ? "reduced" : "pure", (unsigned long long)max_prof);
    }
    if (st != MC_OK) {
        nf->nprofiles = 0;
        mc_efnf_free(nf);
        return st;
    }
    player_ctx c = {.ef = ef, .nf = nf, .err = err};
    for (unsigned p = 0; p < ef->nplayers; p++)
        c.agent_of[p] = nf->agents.agent_of[p];
    nf->payoff = malloc(nf->nprofiles * nf->nplayers * sizeof *nf->payoff);
    c.w = malloc(((size_t)ef->depth + 2) * sizeof *c.w);
    c.unit_of = malloc(((size_t)ef->ninfosets + 1) * sizeof *c.unit_of);
    if (o->outcomes)
        nf->outcome = malloc(nf->nprofiles * sizeof *nf->outcome);
    outcome_table ot = {0};
    if (!nf->payoff || !c.w || !c.unit_of || (o->outcomes && !nf->outcome)) {
        free(nf->payoff);
        nf->payoff = NULL;
        st = mc_error_set(err, MC_ENOMEM, "normal form: out of memory for %llu profiles",
                          (unsigned long long)nf->nprofiles);
        goto done;
    }
    mc_q_init_vec(nf->payoff, nf->nprofiles * nf->nplayers);
    mc_q_init_vec(c.w, (size_t)ef->depth + 2);
    for (unsigned a = 0; a < nf->nagents && !o->pooled; a++)
        for (uint32_t u = 0; u < nf->agent[a].nunits; u++)
            c.unit_of[nf->agent[a].unit[u]] = u;
    if (o->outcomes && !table_grow(&ot)) {
        st = mc_error_set(err, MC_ENOMEM, "normal form: out of memory");
        goto done;
    }
    uint32_t plan[MC_MAX_PLAYERS];
    for (uint64_t prof = 0; prof < nf->nprofiles && st == MC_OK; prof++) {
        mc_efnf_profile_of(nf, prof, plan);
        for (unsigned a = 0; a < nf->nagents; a++)
            c.cur[a] = nf->agent[a].plan + (size_t)plan[a] * nf->agent[a].nunits;
        c.pay = &nf->payoff[prof * nf->nplayers];
        c.dn = 0;
        mc_q_set_i64(&c.w[0], 1);
        st = ef->nnodes ? play(&c, 0, 0) : MC_OK;
        if (st == MC_OK && o->outcomes)
            st = outcome_id(nf, &ot, &c, &nf->outcome[prof], err);
    }
    if (o->outcomes && st == MC_OK && !nf->dist_start) {
        nf->dist_start = calloc(1, sizeof *nf->dist_start);
        if (!nf->dist_start)
            st = mc_error_set(err, MC_ENOMEM, "normal form: out of memory");
    }
    if (nf->dist_prob && ot.dist_cap > (nf->dist_start ? nf->dist_start[nf->noutcomes] : 0)) {
        size_t used = nf->dist_start ? nf->dist_start[nf->noutcomes] : 0;
        mc_q_clear_vec(nf->dist_prob + used, ot.dist_cap - used);
    }
    mc_q_clear_vec(c.w, (size_t)ef->depth + 2);
done:
    if (c.dp)
        mc_q_clear_vec(c.dp, c.dcap);
    free(c.dp);
    free(c.dt);
    free(c.w);
    free(c.unit_of);
    free(ot.slot_hash);
    free(ot.slot_id);
    if (st != MC_OK)
        mc_efnf_free(nf);
    return st;
}
