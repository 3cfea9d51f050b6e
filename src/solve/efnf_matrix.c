/* Views of an extensive form's normal form: an agent's matrix against the
 * others (for the normal-form maximin LP) and an mc_nfg among the agents. */
#include <stdlib.h>
#include <string.h>

#include "mechcheck/efnf.h"
#include "solve/ef_internal.h"

mc_status mc_efnf_agent_matrix(const mc_efnf *nf, unsigned agent, uint64_t *nrows,
                               uint64_t *ncols, mc_q **out, mc_error *err)
{
    if (agent >= nf->nagents)
        return mc_error_set(err, MC_EINPUT, "normal form: agent %u out of range 1..%u",
                            agent + 1, nf->nagents);
    uint64_t r = nf->agent[agent].nplans, c = nf->nprofiles / r;
    if (r > SIZE_MAX / sizeof(mc_q) / (c ? c : 1))
        return mc_error_set(err, MC_ENOMEM, "normal form: matrix too large");
    mc_q *a = malloc((r * c > 0 ? r * c : 1) * sizeof *a);
    if (!a)
        return mc_error_set(err, MC_ENOMEM, "normal form: out of memory for a %llu x %llu matrix",
                            (unsigned long long)r, (unsigned long long)c);
    mc_q_init_vec(a, r * c);
    mc_players members = nf->agent[agent].players;
    for (uint64_t t = 0; t < c; t++) {
        /* column t: the other agents' plans, lowest agent fastest */
        uint64_t rest = t, base = 0;
        for (unsigned b = 0; b < nf->nagents; b++) {
            if (b == agent)
                continue;
            base += rest % nf->agent[b].nplans * nf->stride[b];
            rest /= nf->agent[b].nplans;
        }
        for (uint64_t s = 0; s < r; s++) {
            uint64_t prof = base + s * nf->stride[agent];
            mc_q *dst = &a[s * c + t];
            for (unsigned p = 0; p < nf->nplayers; p++)
                if (mc_players_has(members, p))
                    mc_q_add(dst, dst, mc_efnf_payoff(nf, prof, p));
        }
    }
    *nrows = r;
    *ncols = c;
    *out = a;
    return MC_OK;
}

mc_status mc_efnf_maximin(const mc_efnf *nf, unsigned agent, const mc_lp_options *opt,
                          mc_maximin *out, mc_error *err)
{
    uint64_t r, c;
    mc_q *a = NULL;
    mc_status st = mc_efnf_agent_matrix(nf, agent, &r, &c, &a, err);
    if (st != MC_OK)
        return st;
    mc_lp_options dflt;
    if (!opt) {
        mc_lp_options_default(&dflt);
        opt = &dflt;
    }
    st = mc_maximin_matrix(r, c, a, opt, out, err);
    mc_q_clear_vec(a, r * c);
    free(a);
    return st;
}

mc_status mc_efnf_to_nfg(const mc_ef *ef, const mc_efnf *nf, mc_nfg *g, mc_error *err)
{
    uint32_t ns[MC_MAX_PLAYERS];
    for (unsigned a = 0; a < nf->nagents; a++)
        ns[a] = nf->agent[a].nplans;
    mc_status st = mc_nfg_init(g, nf->nagents, ns, err);
    if (st != MC_OK)
        return st;
    bool ok = true;
    for (unsigned a = 0; a < nf->nagents && ok; a++) {
        char buf[512];
        if (mc_agents_is_singletons(&nf->agents)) {
            for (unsigned p = 0; p < nf->nplayers; p++)
                if (mc_players_has(nf->agent[a].players, p))
                    snprintf(buf, sizeof buf, "%s", ef->player_names[p]);
        } else {
            mc_players_snprint(buf, sizeof buf, nf->agent[a].players);
        }
        free(g->player_names[a]);
        ok = (g->player_names[a] = strdup(buf)) != NULL;
        for (uint32_t s = 0; s < ns[a] && ok; s++) {
            mc_efnf_plan_name(ef, &nf->agent[a], s, buf, sizeof buf);
            free(g->strategy_names[a][s]);
            ok = (g->strategy_names[a][s] = strdup(buf)) != NULL;
        }
    }
    for (uint64_t prof = 0; prof < nf->nprofiles; prof++)
        for (unsigned p = 0; p < nf->nplayers; p++) {
            mc_q *dst = mc_nfg_payoff(g, prof, nf->agents.agent_of[p]);
            mc_q_add(dst, dst, mc_efnf_payoff(nf, prof, p));
        }
    if (ok && nf->outcome) {
        g->outcome_names = calloc(nf->nprofiles, sizeof *g->outcome_names);
        ok = g->outcome_names != NULL;
        for (uint64_t prof = 0; prof < nf->nprofiles && ok; prof++) {
            char buf[32];
            snprintf(buf, sizeof buf, "o%llu", (unsigned long long)nf->outcome[prof] + 1);
            ok = (g->outcome_names[prof] = strdup(buf)) != NULL;
        }
    }
    if (!ok) {
        mc_nfg_free(g);
        return mc_error_set(err, MC_ENOMEM, "normal form: out of memory");
    }
    return MC_OK;
}

mc_status mc_efnf_to_sform(const mc_ef *ef, const mc_efnf *nf, uint64_t max_profiles,
                           mc_sform *sf, mc_error *err)
{
    uint32_t ns[MC_MAX_PLAYERS];
    for (unsigned a = 0; a < nf->nagents; a++)
        ns[a] = nf->agent[a].nplans;
    mc_status st = mc_sform_init(sf, nf->nagents, ns, nf->outcome != NULL, max_profiles, err);
    if (st != MC_OK)
        return st;
    for (unsigned a = 0; a < nf->nagents; a++)
        if (sf->stride[a] != nf->stride[a]) {
            mc_sform_free(sf);
            return mc_error_set(err, MC_EINTERNAL, "normal form: profile numbering differs");
        }
    for (uint64_t prof = 0; prof < nf->nprofiles; prof++) {
        for (unsigned p = 0; p < nf->nplayers; p++) {
            mc_q *dst = mc_sform_payoff(sf, prof, nf->agents.agent_of[p]);
            mc_q_add(dst, dst, mc_efnf_payoff(nf, prof, p));
        }
        if (nf->outcome)
            sf->outcome[prof] = nf->outcome[prof];
    }
    bool ok = (sf->agent_names = calloc(nf->nagents, sizeof *sf->agent_names)) != NULL;
    for (unsigned a = 0; a < nf->nagents && ok; a++) {
        char buf[512];
        if (__builtin_popcountll(nf->agent[a].players) == 1)
            snprintf(buf, sizeof buf, "%s",
                     ef->player_names[__builtin_ctzll(nf->agent[a].players)]);
        else
            mc_players_snprint(buf, sizeof buf, nf->agent[a].players);
        ok = (sf->agent_names[a] = strdup(buf)) != NULL &&
             (sf->strategy_names[a] = calloc(ns[a], sizeof(char *))) != NULL;
        for (uint32_t s = 0; s < ns[a] && ok; s++) {
            mc_efnf_plan_name(ef, &nf->agent[a], s, buf, sizeof buf);
            ok = (sf->strategy_names[a][s] = strdup(buf)) != NULL;
        }
    }
    if (!ok) {
        mc_sform_free(sf);
        return mc_error_set(err, MC_ENOMEM, "normal form: out of memory");
    }
    return MC_OK;
}
