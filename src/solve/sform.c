/* Strategic forms among agents: construction (by hand, from an mc_nfg),
 * outcome ids, and the enumeration of the others' surviving profiles. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechcheck/sform.h"
#include "solve/sform_internal.h"

mc_status mc_sform_init(mc_sform *sf, unsigned nagents, const uint32_t *nstrategies,
                        bool with_outcomes, uint64_t max_profiles, mc_error *err)
{
    memset(sf, 0, sizeof *sf);
    if (max_profiles == 0)
        max_profiles = MC_SFORM_DEFAULT_MAX_PROFILES;
    if (nagents == 0 || nagents > MC_MAX_PLAYERS)
        return mc_error_set(err, MC_EINPUT, "strategic form: %u agents is out of range 1..%d",
                            nagents, MC_MAX_PLAYERS);
    uint64_t n = 1;
    for (unsigned a = 0; a < nagents; a++) {
        if (nstrategies[a] == 0)
            return mc_error_set(err, MC_EINPUT, "strategic form: agent %u has no strategy", a + 1);
        sf->stride[a] = n;
        if (n > max_profiles / nstrategies[a]) {
            /* report the exact count when it fits, else say it overflows */
            uint64_t full = 1;
            bool overflow = false;
            for (unsigned b = 0; b < nagents; b++) {
                if (nstrategies[b] && full > UINT64_MAX / nstrategies[b])
                    overflow = true;
                else
                    full *= nstrategies[b] ? nstrategies[b] : 1;
            }
            if (overflow)
                return mc_error_set(err, MC_ELIMIT,
                                    "strategic form: more than 2^64 profiles, over the limit "
                                    "of %" PRIu64 " profiles",
                                    max_profiles);
            return mc_error_set(err, MC_ELIMIT,
                                "strategic form: %" PRIu64 " profiles, over the limit of %" PRIu64
                                " profiles",
                                full, max_profiles);
        }
        n *= nstrategies[a];
    }
    if (n > SIZE_MAX / sizeof(mc_q) / nagents)
        return mc_error_set(err, MC_ELIMIT,
                            "strategic form: %" PRIu64 " profiles do not fit in memory", n);
    sf->nagents = nagents;
    memcpy(sf->nstrategies, nstrategies, nagents * sizeof *nstrategies);
    sf->nprofiles = n;
    sf->payoff = malloc(n * nagents * sizeof *sf->payoff);
    if (!sf->payoff)
        goto oom;
    for (uint64_t i = 0; i < n * nagents; i++)
        sf->payoff[i] = MC_Q_ZERO;
    if (with_outcomes) {
        sf->outcome = malloc(n * sizeof *sf->outcome);
        if (!sf->outcome)
            goto oom;
        for (uint64_t p = 0; p < n; p++)
            sf->outcome[p] = p;
    }
    return MC_OK;
oom:
    mc_sform_free(sf);
    return mc_error_set(err, MC_ENOMEM, "strategic form: out of memory for %" PRIu64 " profiles",
                        n);
}

static void free_names(char **names, uint64_t n)
{
    if (!names)
        return;
    for (uint64_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

void mc_sform_free(mc_sform *sf)
{
    if (sf->payoff) {
        mc_q_clear_vec(sf->payoff, sf->nprofiles * sf->nagents);
        free(sf->payoff);
    }
    free(sf->outcome);
    free_names(sf->agent_names, sf->nagents);
    for (unsigned a = 0; a < sf->nagents; a++)
        free_names(sf->strategy_names[a], sf->nstrategies[a]);
    memset(sf, 0, sizeof *sf);
}

uint64_t mc_sform_profile_index(const mc_sform *sf, const uint32_t *strategy)
{
    uint64_t p = 0;
    for (unsigned a = 0; a < sf->nagents; a++)
        p += strategy[a] * sf->stride[a];
    return p;
}

void mc_sform_profile_of(const mc_sform *sf, uint64_t profile, uint32_t *strategy)
{
    for (unsigned a = 0; a < sf->nagents; a++) {
        strategy[a] = (uint32_t)(profile % sf->nstrategies[a]);
        profile /= sf->nstrategies[a];
    }
}

const char *mc_sform_strategy_name(const mc_sform *sf, unsigned agent, uint32_t s, char *buf,
                                   size_t cap)
{
    if (sf->strategy_names[agent] && sf->strategy_names[agent][s])
        return sf->strategy_names[agent][s];
    snprintf(buf, cap, "%" PRIu32, s + 1);
    return buf;
}

const char *mc_sform_agent_name(const mc_sform *sf, unsigned agent, char *buf, size_t cap)
{
    if (sf->agent_names && sf->agent_names[agent])
        return sf->agent_names[agent];
    snprintf(buf, cap, "%u", agent + 1);
    return buf;
}

/* ---- outcome ids: classes of equal keys, by open addressing ------------- */

static uint64_t mix64(uint64_t h)
{
    h ^= h >> 33;
    h *= UINT64_C(0xff51afd7ed558ccd);
    h ^= h >> 33;
    h *= UINT64_C(0xc4ceb9fe1a85ec53);
    h ^= h >> 33;
    return h;
}

typedef struct class_key {
    const mc_q *payoff; /* item i's vector: payoff[i * stride .. + len) */
    size_t stride, len;
    char **names; /* NULL or one per item */
} class_key;

static uint64_t class_hash(const class_key *k, uint64_t i)
{
    uint64_t h = UINT64_C(0x9e3779b97f4a7c15);
    for (size_t j = 0; j < k->len; j++)
        h = mix64(h ^ mc_q_hash(&k->payoff[i * k->stride + j]));
    if (k->names && k->names[i])
        for (const unsigned char *c = (const unsigned char *)k->names[i]; *c; c++)
            h = (h ^ *c) * UINT64_C(0x100000001b3);
    return mix64(h);
}

static bool class_eq(const class_key *k, uint64_t i, uint64_t j)
{
    for (size_t c = 0; c < k->len; c++)
        if (!mc_q_eq(&k->payoff[i * k->stride + c], &k->payoff[j * k->stride + c]))
            return false;
    if (k->names) {
        const char *a = k->names[i] ? k->names[i] : "";
        const char *b = k->names[j] ? k->names[j] : "";
        return strcmp(a, b) == 0;
    }
    return true;
}

/* ids[i] = class of item i, numbered in order of first appearance. */
static mc_status assign_classes(const class_key *k, uint64_t n, uint64_t *ids, mc_error *err)
{
    uint64_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    uint64_t *slot = calloc(cap, sizeof *slot); /* 0 = empty, else item + 1 */
    if (!slot)
        return mc_error_set(err, MC_ENOMEM, "outcome ids: out of memory for %" PRIu64 " profiles",
                            n);
    uint64_t next = 0;
    for (uint64_t i = 0; i < n; i++) {
        uint64_t h = class_hash(k, i) & (cap - 1);
        for (;;) {
            if (slot[h] == 0) {
                slot[h] = i + 1;
                ids[i] = next++;
                break;
            }
            if (class_eq(k, slot[h] - 1, i)) {
                ids[i] = ids[slot[h] - 1];
                break;
            }
            h = (h + 1) & (cap - 1);
        }
    }
    free(slot);
    return MC_OK;
}

mc_status mc_sform_outcomes_from_payoffs(mc_sform *sf, mc_error *err)
{
    if (!sf->outcome) {
        sf->outcome = malloc(sf->nprofiles * sizeof *sf->outcome);
        if (!sf->outcome)
            return mc_error_set(err, MC_ENOMEM, "outcome ids: out of memory");
    }
    class_key k = {sf->payoff, sf->nagents, sf->nagents, NULL};
    return assign_classes(&k, sf->nprofiles, sf->outcome, err);
}

mc_status mc_sform_check_outcomes(const mc_sform *sf, mc_error *err)
{
    if (!sf->outcome)
        return MC_OK;
    uint64_t cap = 16;
    while (cap < 2 * sf->nprofiles)
        cap *= 2;
    uint64_t *slot = calloc(cap, sizeof *slot); /* profile + 1 of the id's first profile */
    if (!slot)
        return mc_error_set(err, MC_ENOMEM, "outcome ids: out of memory");
    mc_status st = MC_OK;
    for (uint64_t p = 0; p < sf->nprofiles && st == MC_OK; p++) {
        uint64_t h = mix64(sf->outcome[p]) & (cap - 1);
        while (slot[h] && sf->outcome[slot[h] - 1] != sf->outcome[p])
            h = (h + 1) & (cap - 1);
        if (!slot[h]) {
            slot[h] = p + 1;
            continue;
        }
        uint64_t r = slot[h] - 1;
        for (unsigned a = 0; a < sf->nagents; a++)
            if (!mc_q_eq(mc_sform_payoff(sf, r, a), mc_sform_payoff(sf, p, a))) {
                st = mc_error_set(err, MC_EINPUT,
                                  "strategic form: profiles %" PRIu64 " and %" PRIu64
                                  " share outcome id %" PRIu64
                                  " but give agent %u different payoffs",
                                  r, p, sf->outcome[p], a + 1);
                break;
            }
    }
    free(slot);
    return st;
}

/* ---- from a normal-form game --------------------------------------------- */

/* "a,b,c" of the members' names (or 1-based numbers). */
static char *joint_name(const mc_nfg *g, const unsigned *members, unsigned nm,
                        const uint32_t *digit)
{
    size_t len = 0;
    char num[24];
    for (unsigned m = 0; m < nm; m++) {
        const char *s = g->strategy_names && g->strategy_names[members[m]]
                            ? g->strategy_names[members[m]][digit[m]]
                            : NULL;
        len += (s ? strlen(s) : (size_t)snprintf(num, sizeof num, "%" PRIu32, digit[m] + 1)) + 1;
    }
    char *out = malloc(len + 1), *w = out;
    if (!out)
        return NULL;
    for (unsigned m = 0; m < nm; m++) {
        const char *s = g->strategy_names && g->strategy_names[members[m]]
                            ? g->strategy_names[members[m]][digit[m]]
                            : NULL;
        if (!s) {
            snprintf(num, sizeof num, "%" PRIu32, digit[m] + 1);
            s = num;
        }
        w += sprintf(w, "%s%s", m ? "," : "", s);
    }
    return out;
}

static mc_status name_agents(mc_sform *sf, const mc_nfg *g, const mc_agents *ag, mc_error *err)
{
    unsigned members[MC_MAX_PLAYERS];
    sf->agent_names = calloc(sf->nagents, sizeof *sf->agent_names);
    if (!sf->agent_names)
        return mc_error_set(err, MC_ENOMEM, "strategic form: out of memory for names");
    for (unsigned a = 0; a < sf->nagents; a++) {
        unsigned nm = mc_agents_members(ag, a, members);
        size_t len = 1;
        for (unsigned m = 0; m < nm; m++)
            len += (g->player_names && g->player_names[members[m]]
                        ? strlen(g->player_names[members[m]])
                        : 3) +
                   1;
        char *w = sf->agent_names[a] = malloc(len + 4);
        if (!w)
            return mc_error_set(err, MC_ENOMEM, "strategic form: out of memory for names");
        for (unsigned m = 0; m < nm; m++) {
            const char *pn = g->player_names ? g->player_names[members[m]] : NULL;
            if (pn)
                w += sprintf(w, "%s%s", m ? "+" : "", pn);
            else
                w += sprintf(w, "%s%u", m ? "+" : "", members[m] + 1);
        }
        sf->strategy_names[a] = calloc(sf->nstrategies[a], sizeof(char *));
        if (!sf->strategy_names[a])
            return mc_error_set(err, MC_ENOMEM, "strategic form: out of memory for names");
        uint32_t digit[MC_MAX_PLAYERS];
        for (uint32_t s = 0; s < sf->nstrategies[a]; s++) {
            uint32_t rest = s; /* row-major: the last member changes fastest */
            for (unsigned m = nm; m-- > 0;) {
                digit[m] = rest % g->nstrategies[members[m]];
                rest /= g->nstrategies[members[m]];
            }
            sf->strategy_names[a][s] = joint_name(g, members, nm, digit);
            if (!sf->strategy_names[a][s])
                return mc_error_set(err, MC_ENOMEM, "strategic form: out of memory for names");
        }
    }
    return MC_OK;
}

/* Steps the nfg profile digit[] to the next one (player 0 fastest) and q,
 * its index in the strategic form, along with it. */
static void next_profile(const mc_nfg *g, const uint64_t *weight, uint32_t *digit, uint64_t *q)
{
    for (unsigned pl = 0; pl < g->nplayers; pl++) {
        if (++digit[pl] < g->nstrategies[pl]) {
            *q += weight[pl];
            return;
        }
        *q -= (uint64_t)(digit[pl] - 1) * weight[pl];
        digit[pl] = 0;
    }
}

mc_status mc_sform_from_nfg(mc_sform *sf, const mc_nfg *g, const mc_agents *ag,
                            uint64_t max_profiles, mc_error *err)
{
    memset(sf, 0, sizeof *sf);
    mc_agents single;
    if (!ag) {
        mc_agents_singletons(&single, g->nplayers);
        ag = &single;
    }
    if (ag->nplayers != g->nplayers)
        return mc_error_set(
            err, MC_EINPUT,
            "strategic form: the agent partition is over %u players, the game has %u", ag->nplayers,
            g->nplayers);
    uint32_t nstrat[MC_MAX_PLAYERS];
    unsigned members[MC_MAX_PLAYERS];
    for (unsigned a = 0; a < ag->nagents; a++) {
        unsigned nm = mc_agents_members(ag, a, members);
        uint64_t k = 1;
        for (unsigned m = 0; m < nm; m++) {
            k *= g->nstrategies[members[m]];
            if (k > UINT32_MAX)
                return mc_error_set(
                    err, MC_ELIMIT,
                    "strategic form: agent %u has more than 2^32-1 joint strategies", a + 1);
        }
        nstrat[a] = (uint32_t)k;
    }
    mc_status st = mc_sform_init(sf, ag->nagents, nstrat, true, max_profiles, err);
    if (st != MC_OK)
        return st;
    if (sf->nprofiles != g->nprofiles) {
        mc_sform_free(sf);
        return mc_error_set(err, MC_EINTERNAL,
                            "strategic form: %" PRIu64 " profiles, the game has %" PRIu64,
                            sf->nprofiles, g->nprofiles);
    }
    /* agent strategy of a player profile: row-major over members, so player
     * p contributes digit * weight[p] to its agent's strategy */
    uint64_t weight[MC_MAX_PLAYERS];
    for (unsigned a = 0; a < ag->nagents; a++) {
        unsigned nm = mc_agents_members(ag, a, members);
        uint64_t w = 1;
        for (unsigned m = nm; m-- > 0;) {
            weight[members[m]] = w * sf->stride[a];
            w *= g->nstrategies[members[m]];
        }
    }
    uint32_t digit[MC_MAX_PLAYERS] = {0};
    uint64_t q = 0; /* sform profile of the nfg profile p */
    for (uint64_t p = 0; p < g->nprofiles; p++) {
        for (unsigned pl = 0; pl < g->nplayers; pl++)
            mc_q_add(mc_sform_payoff(sf, q, ag->agent_of[pl]),
                     mc_sform_payoff(sf, q, ag->agent_of[pl]), mc_nfg_payoff(g, p, pl));
        next_profile(g, weight, digit, &q);
    }
    /* outcome ids: classes of (outcome name, player payoff vector) over the
     * nfg's profiles, then moved to the sform's numbering */
    uint64_t *ids = malloc(g->nprofiles * sizeof *ids);
    if (!ids) {
        mc_sform_free(sf);
        return mc_error_set(err, MC_ENOMEM, "strategic form: out of memory");
    }
    class_key k = {g->payoff, g->nplayers, g->nplayers, g->outcome_names};
    st = assign_classes(&k, g->nprofiles, ids, err);
    if (st == MC_OK) {
        memset(digit, 0, sizeof digit);
        q = 0;
        for (uint64_t p = 0; p < g->nprofiles; p++) {
            sf->outcome[q] = ids[p];
            next_profile(g, weight, digit, &q);
        }
        st = name_agents(sf, g, ag, err);
    }
    free(ids);
    if (st != MC_OK)
        mc_sform_free(sf);
    return st;
}

/* ---- enumeration of the others' surviving profiles ---------------------- */

uint32_t mc_sv_next(const mc_sform *sf, const mc_survivors *sv, unsigned a, uint32_t s)
{
    uint32_t n = sf->nstrategies[a];
    if (!sv)
        return s < n ? s : n;
    while (s < n) {
        uint64_t w = sv->bits[sv->word_offset[a] + s / 64] >> (s % 64);
        if (w) /* bits past n are never set */
            return s + (uint32_t)__builtin_ctzll(w);
        s = (s / 64 + 1) * 64;
    }
    return n;
}

uint64_t mc_sform_others(const mc_sform *sf, const mc_survivors *sv, unsigned agent, uint64_t *base,
                         uint64_t *tau)
{
    uint32_t first[MC_MAX_PLAYERS], cur[MC_MAX_PLAYERS];
    uint64_t b = 0;
    for (unsigned a = 0; a < sf->nagents; a++) {
        first[a] = cur[a] = a == agent ? 0 : mc_sv_next(sf, sv, a, 0);
        if (cur[a] >= sf->nstrategies[a])
            return 0;
        b += cur[a] * sf->stride[a];
    }
    uint64_t k = 0;
    for (;;) {
        base[k] = b;
        if (tau)
            tau[k] = mc_sform_tau_of(sf, agent, b);
        k++;
        unsigned a = 0;
        for (; a < sf->nagents; a++) { /* agent 0 fastest: ascending profiles */
            if (a == agent)
                continue;
            uint32_t nx = mc_sv_next(sf, sv, a, cur[a] + 1);
            if (nx < sf->nstrategies[a]) {
                b += (nx - cur[a]) * sf->stride[a];
                cur[a] = nx;
                break;
            }
            b -= (cur[a] - first[a]) * sf->stride[a];
            cur[a] = first[a];
        }
        if (a == sf->nagents)
            return k;
    }
}
