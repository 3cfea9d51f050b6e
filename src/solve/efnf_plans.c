/* Pure plans of an agent on a compiled extensive form: counting, full and
 * reduced enumeration, names. */
#include <stdlib.h>
#include <string.h>

#include "mechcheck/efnf.h"
#include "solve/ef_internal.h"

void mc_efnf_agent_free(mc_efnf_agent *a)
{
    mc_ef_side_free(&a->side);
    free(a->unit);
    free(a->unit_nactions);
    free(a->plan);
    memset(a, 0, sizeof *a);
}

/* ---- counting --------------------------------------------------------------- */

static uint64_t sat_mul(uint64_t a, uint64_t b)
{
    uint64_t r;
    return __builtin_mul_overflow(a, b, &r) ? UINT64_MAX : r;
}

static uint64_t sat_add(uint64_t a, uint64_t b)
{
    uint64_t r;
    return __builtin_add_overflow(a, b, &r) ? UINT64_MAX : r;
}

/* Reduced plans of a perfect-recall decision maker whose sets (in creation
 * order, parents first) have the given parent sequences: count(s) is the
 * product over the sets below sequence s of the sum over their actions. */
static uint64_t count_tree(uint32_t nsets, uint32_t nseq, const uint32_t *parent,
                           const uint32_t *first, const uint32_t *nact)
{
    uint64_t *cnt = malloc((size_t)nseq * sizeof *cnt);
    if (!cnt)
        return UINT64_MAX;
    for (uint32_t s = 0; s < nseq; s++)
        cnt[s] = 1;
    for (uint32_t J = nsets; J-- > 0;) {
        uint64_t sum = 0;
        for (uint32_t b = 0; b < nact[J]; b++)
            sum = sat_add(sum, cnt[first[J] + b]);
        cnt[parent[J]] = sat_mul(cnt[parent[J]], sum);
    }
    uint64_t r = cnt[0];
    free(cnt);
    return r;
}

uint64_t mc_efnf_count_reduced(const mc_ef *ef, unsigned player)
{
    uint32_t n = ef->ninfosets_of[player], k = 0;
    uint32_t *parent = malloc((n + 1) * sizeof *parent), *first = malloc((n + 1) * sizeof *first),
             *nact = malloc((n + 1) * sizeof *nact);
    uint64_t r = UINT64_MAX;
    if (parent && first && nact) {
        for (uint32_t i = 0; i < ef->ninfosets; i++) {
            const mc_ef_infoset *is = &ef->infosets[i];
            if (is->player != player)
                continue;
            parent[k] = is->parent_seq;
            first[k] = is->first_seq;
            nact[k++] = is->nactions;
        }
        r = count_tree(k, ef->nseq[player], parent, first, nact);
    }
    free(parent);
    free(first);
    free(nact);
    return r;
}

/* ---- enumeration --------------------------------------------------------------- */

typedef struct enumerator {
    const mc_ef *ef;
    mc_efnf_agent *a;
    uint32_t *unit_of;   /* own: ef set -> unit, or MC_EF_NONE */
    uint32_t *assign;    /* per unit */
    uint64_t max;
    size_t plan_cap;
    mc_error *err;
} enumerator;

/* Does child c of decision node v follow the current (partial) plan?  Units
 * not yet fixed never block. */
static bool follows(const enumerator *e, uint32_t v, uint32_t c, const uint64_t *stride)
{
    const mc_ef *ef = e->ef;
    if (e->a->pooled) {
        uint32_t J = e->a->side.node_infoset[v];
        return J == MC_EF_NONE || e->assign[J] == MC_EF_NONE ||
               mc_ef_side_action(ef, &e->a->side, v, c) == e->assign[J];
    }
    for (unsigned k = 0; k < ef->nmovers[v]; k++) {
        uint32_t i = ef->slot_infoset[ef->aux[v] + k], u = e->unit_of[i];
        if (u == MC_EF_NONE || e->assign[u] == MC_EF_NONE)
            continue;
        if (c / stride[k] % ef->infosets[i].nactions != e->assign[u])
            return false;
    }
    return true;
}

/* The first unit, in preorder, reachable under the partial plan and not yet
 * fixed; MC_EF_NONE when every reachable unit is fixed. */
static uint32_t find_open(const enumerator *e, uint32_t v)
{
    const mc_ef *ef = e->ef;
    if (ef->kind[v] == MC_NODE_TERMINAL)
        return MC_EF_NONE;
    uint64_t stride[MC_MAX_MOVERS];
    if (ef->kind[v] == MC_NODE_DECISION) {
        if (e->a->pooled) {
            uint32_t J = e->a->side.node_infoset[v];
            if (J != MC_EF_NONE && e->assign[J] == MC_EF_NONE)
                return J;
        } else {
            for (unsigned k = 0; k < ef->nmovers[v]; k++) {
                uint32_t u = e->unit_of[ef->slot_infoset[ef->aux[v] + k]];
                if (u != MC_EF_NONE && e->assign[u] == MC_EF_NONE)
                    return u;
            }
        }
        ef_slot_strides(ef, v, stride);
    }
    uint32_t c = 0;
    for (uint32_t child = v + 1; child < ef->end[v]; child = ef->end[child], c++) {
        if (ef->kind[v] == MC_NODE_DECISION && !follows(e, v, c, stride))
            continue;
        uint32_t u = find_open(e, child);
        if (u != MC_EF_NONE)
            return u;
    }
    return MC_EF_NONE;
}

static mc_status limit_error(enumerator *e)
{
    char who[128];
    mc_players_snprint(who, sizeof who, e->a->players);
    return mc_error_set(e->err, MC_ELIMIT,
                        "normal form: agent %s has more than %llu plans (the limit)",
                        who, (unsigned long long)e->max);
}

static mc_status emit(enumerator *e)
{
    mc_efnf_agent *a = e->a;
    if (a->nplans >= e->max || a->nplans == MC_EF_NONE - 1)
        return limit_error(e);
    if (!ef_grow((void **)&a->plan, sizeof *a->plan, &e->plan_cap,
                 ((size_t)a->nplans + 1) * (a->nunits ? a->nunits : 1)))
        return mc_error_set(e->err, MC_ENOMEM, "normal form: out of memory for %u plans",
                            a->nplans);
    memcpy(a->plan + (size_t)a->nplans * a->nunits, e->assign, a->nunits * sizeof *e->assign);
    a->nplans++;
    return MC_OK;
}

static mc_status enumerate_reduced(enumerator *e)
{
    uint32_t u = e->ef->nnodes ? find_open(e, 0) : MC_EF_NONE;
    if (u == MC_EF_NONE)
        return emit(e);
    for (uint32_t b = 0; b < e->a->unit_nactions[u]; b++) {
        e->assign[u] = b;
        mc_status st = enumerate_reduced(e);
        if (st != MC_OK)
            return st;
    }
    e->assign[u] = MC_EF_NONE;
    return MC_OK;
}

static mc_status enumerate_full(enumerator *e)
{
    mc_efnf_agent *a = e->a;
    uint64_t total = 1;
    for (uint32_t u = 0; u < a->nunits; u++)
        total = sat_mul(total, a->unit_nactions[u]);
    if (total > e->max) {
        char who[128];
        mc_players_snprint(who, sizeof who, a->players);
        return mc_error_set(e->err, MC_ELIMIT,
                            "normal form: agent %s has %s%llu plans, more than the "
                            "limit %llu",
                            who, total == UINT64_MAX ? "at least " : "",
                            (unsigned long long)total, (unsigned long long)e->max);
    }
    for (uint32_t u = 0; u < a->nunits; u++)
        e->assign[u] = 0;
    for (;;) {
        mc_status st = emit(e);
        if (st != MC_OK)
            return st;
        uint32_t u = 0; /* odometer, first unit fastest */
        while (u < a->nunits && ++e->assign[u] == a->unit_nactions[u])
            e->assign[u++] = 0;
        if (u == a->nunits)
            return MC_OK;
    }
}

/* The count message for a reduced enumeration that would exceed the limit. */
static mc_status precheck_reduced(enumerator *e)
{
    const mc_ef *ef = e->ef;
    mc_efnf_agent *a = e->a;
    uint64_t count = 1;
    bool exact = true;
    if (a->pooled) {
        count = count_tree(a->side.ninfosets, a->side.nseq, a->side.parent_seq,
                           a->side.first_seq, a->side.nactions);
    } else {
        unsigned members = 0;
        for (unsigned p = 0; p < ef->nplayers; p++)
            if (mc_players_has(a->players, p)) {
                count = sat_mul(count, mc_efnf_count_reduced(ef, p));
                members++;
            }
        exact = members <= 1;
    }
    if (count <= e->max)
        return MC_OK;
    if (!exact) /* a bound only: let the enumeration decide */
        return MC_OK;
    char who[128];
    mc_players_snprint(who, sizeof who, a->players);
    return mc_error_set(e->err, MC_ELIMIT,
                        "normal form: agent %s has %s%llu reduced plans, more than the "
                        "limit %llu",
                        who, count == UINT64_MAX ? "at least " : "", (unsigned long long)count,
                        (unsigned long long)e->max);
}

mc_status mc_efnf_agent_plans(const mc_ef *ef, mc_players players, bool reduced, bool pooled,
                              uint64_t max_strategies, mc_efnf_agent *a, mc_error *err)
{
    memset(a, 0, sizeof *a);
    a->players = players;
    a->pooled = pooled;
    mc_status st = MC_OK;
    enumerator e = {.ef = ef, .a = a, .max = max_strategies ? max_strategies
                                                            : MC_EFNF_DEFAULT_MAX_STRATEGIES,
                    .err = err};
    if (pooled) {
        if ((st = mc_ef_side_build(ef, players, &a->side, err)) != MC_OK)
            return st;
        a->nunits = a->side.ninfosets;
    } else {
        for (uint32_t i = 0; i < ef->ninfosets; i++)
            a->nunits += mc_players_has(players, ef->infosets[i].player);
    }
    size_t nu = (size_t)a->nunits + 1;
    a->unit = malloc(nu * sizeof *a->unit);
    a->unit_nactions = malloc(nu * sizeof *a->unit_nactions);
    e.assign = malloc(nu * sizeof *e.assign);
    e.unit_of = pooled ? NULL : malloc(((size_t)ef->ninfosets + 1) * sizeof *e.unit_of);
    if (!a->unit || !a->unit_nactions || !e.assign || (!pooled && !e.unit_of)) {
        st = mc_error_set(err, MC_ENOMEM, "normal form: out of memory");
        goto done;
    }
    if (pooled) {
        for (uint32_t J = 0; J < a->nunits; J++) {
            a->unit[J] = J;
            a->unit_nactions[J] = a->side.nactions[J];
        }
    } else {
        uint32_t u = 0;
        for (uint32_t i = 0; i < ef->ninfosets; i++) {
            e.unit_of[i] = MC_EF_NONE;
            if (!mc_players_has(players, ef->infosets[i].player))
                continue;
            e.unit_of[i] = u;
            a->unit[u] = i;
            a->unit_nactions[u++] = ef->infosets[i].nactions;
        }
    }
    for (uint32_t u = 0; u < a->nunits; u++)
        e.assign[u] = MC_EF_NONE;
    if (reduced) {
        st = precheck_reduced(&e);
        if (st == MC_OK)
            st = enumerate_reduced(&e);
    } else {
        st = enumerate_full(&e);
    }
done:
    free(e.assign);
    free(e.unit_of);
    if (st != MC_OK)
        mc_efnf_agent_free(a);
    return st;
}

size_t mc_efnf_plan_name(const mc_ef *ef, const mc_efnf_agent *a, uint32_t plan, char *buf,
                         size_t cap)
{
    const uint32_t *row = a->plan + (size_t)plan * a->nunits;
    bool short_labels = true;
    char lab[256];
    for (uint32_t u = 0; u < a->nunits && short_labels; u++)
        for (uint32_t b = 0; b < a->unit_nactions[u] && short_labels; b++) {
            if (a->pooled) {
                short_labels = a->side.nactions[u] < 10; /* labelled by joint index */
            } else {
                short_labels = strlen(mc_ef_action_label(ef, a->unit[u], b)) == 1;
            }
        }
    size_t n = 0;
    if (cap)
        buf[0] = 0;
    for (uint32_t u = 0; u < a->nunits; u++) {
        if (row[u] == MC_EF_NONE)
            snprintf(lab, sizeof lab, "*");
        else if (a->pooled)
            snprintf(lab, sizeof lab, "%u", row[u] + 1);
        else
            snprintf(lab, sizeof lab, "%s", mc_ef_action_label(ef, a->unit[u], row[u]));
        n += (size_t)snprintf(n < cap ? buf + n : NULL, n < cap ? cap - n : 0, "%s%s",
                              u && !short_labels ? " " : "", lab);
    }
    return n;
}
