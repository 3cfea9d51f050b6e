/* Choosing at a decision node: a maximisation when one agent moves, a stage
 * game solved by iterated elimination of strictly dominated joint actions
 * when several agents move at once. */
#include <stdlib.h>
#include <string.h>

#include "decide.h"

const char *mc_stage_class_name(mc_stage_class c)
{
    static const char *const names[] = {"DOMINANT", "IESDS-ONLY", "ONE-NE", "MULTI-NE",
                                        "NO-PURE-NE"};
    return c < MC_STAGE_NCLASSES ? names[c] : "?";
}

void mc_decider_init(mc_decider *d, const mc_agents *agents, unsigned nplayers)
{
    memset(d, 0, sizeof *d);
    d->agents = agents;
    d->nplayers = nplayers;
    d->sum = MC_Q_ZERO;
    for (unsigned p = 0; p < nplayers; p++)
        d->nmembers[agents->agent_of[p]]++;
}

void mc_decider_free(mc_decider *d)
{
    mc_q_clear_vec(d->agent_value, d->agent_value_cap);
    free(d->agent_value);
    free(d->alive);
    free(d->contrib);
    mc_q_clear(&d->sum);
    memset(d, 0, sizeof *d);
}

void mc_agent_value(const mc_agents *a, unsigned agent, const mc_q *v, mc_q *r)
{
    mc_q_set_i64(r, 0);
    for (unsigned p = 0; p < a->nplayers; p++)
        if (a->agent_of[p] == agent)
            mc_q_add(r, r, &v[p]);
}

static bool reserve(void **p, size_t *cap, size_t need, size_t elem, bool is_q)
{
    if (need <= *cap)
        return true;
    size_t c = *cap ? *cap : 16;
    while (c < need)
        c *= 2;
    void *n = realloc(*p, c * elem);
    if (!n)
        return false;
    if (is_q)
        mc_q_init_vec((mc_q *)n + *cap, c - *cap);
    *p = n;
    *cap = c;
    return true;
}

/* ---- one agent ------------------------------------------------------------ */

static void decide_single(mc_decider *d, unsigned agent, uint64_t k, mc_children cv,
                          mc_decision *out)
{
    const mc_agents *a = d->agents;
    if (d->nmembers[agent] == 1) { /* the common case: compare one coordinate */
        unsigned p = 0;
        while (a->agent_of[p] != agent)
            p++;
        mc_argmax_coord(cv, k, agent, p, out);
        return;
    }
    out->single = true;
    out->agent = agent;
    out->nagents = 1;
    out->chosen = 0;
    out->ntied = 1;
    out->tied[0] = 0;
    mc_q best = MC_Q_ZERO;
    mc_agent_value(a, agent, mc_child(cv, 0), &best);
    for (uint64_t c = 1; c < k; c++) {
        mc_agent_value(a, agent, mc_child(cv, c), &d->sum);
        int s = mc_q_cmp(&d->sum, &best);
        if (s > 0) {
            mc_q_swap(&best, &d->sum);
            out->chosen = c;
            out->ntied = 1;
            out->tied[0] = c;
        } else if (s == 0) {
            if (out->ntied < MC_SPE_SHOW)
                out->tied[out->ntied] = c;
            out->ntied++;
        }
    }
    mc_q_clear(&best);
}

/* ---- several agents: the stage game -------------------------------------- */

typedef struct {
    unsigned n;                       /* agents at the node */
    unsigned agent[MC_MAX_MOVERS];    /* their ids */
    uint64_t nact[MC_MAX_MOVERS];     /* joint actions per agent */
    uint64_t off[MC_MAX_MOVERS];      /* offset of the agent's entries in alive/contrib */
    uint64_t nchildren;
    mc_decider *d;
} stage;

/* U(g, child) */
static const mc_q *utility(const stage *s, unsigned g, uint64_t child)
{
    return &s->d->agent_value[child * s->n + g];
}

/* child index of the profile (one joint action per agent) */
static uint64_t profile_child(const stage *s, const uint64_t *prof)
{
    uint64_t c = 0;
    for (unsigned g = 0; g < s->n; g++)
        c += s->d->contrib[s->off[g] + prof[g]];
    return c;
}

/* Advances prof over the alive actions of every agent except skip (which
 * stays put); returns false after the last profile.  first: start. */
static bool next_profile(const stage *s, uint64_t *prof, unsigned skip, bool first)
{
    const uint8_t *alive = s->d->alive;
    if (first) {
        for (unsigned g = 0; g < s->n; g++) {
            if (g == skip)
                continue;
            uint64_t j = 0;
            while (j < s->nact[g] && !alive[s->off[g] + j])
                j++;
            if (j == s->nact[g])
                return false;
            prof[g] = j;
        }
        return true;
    }
    for (unsigned g = s->n; g-- > 0;) {
        if (g == skip)
            continue;
        uint64_t j = prof[g] + 1;
        while (j < s->nact[g] && !alive[s->off[g] + j])
            j++;
        if (j < s->nact[g]) {
            prof[g] = j;
            return true;
        }
        j = 0;
        while (!alive[s->off[g] + j])
            j++;
        prof[g] = j;
    }
    return false;
}

/* Is action j of agent g strictly worse than action jj against every alive
 * profile of the others? */
static bool strictly_dominated(const stage *s, unsigned g, uint64_t j, uint64_t jj)
{
    uint64_t prof[MC_MAX_MOVERS];
    for (bool more = next_profile(s, prof, g, true); more; more = next_profile(s, prof, g, false)) {
        prof[g] = j;
        uint64_t cj = profile_child(s, prof);
        prof[g] = jj;
        uint64_t cjj = profile_child(s, prof);
        if (mc_q_cmp(utility(s, g, cj), utility(s, g, cjj)) >= 0)
            return false;
    }
    return true;
}

static bool has_dominant_action(stage *s, unsigned g)
{
    for (uint64_t j = 0; j < s->nact[g]; j++) {
        bool dominant = true;
        for (uint64_t jj = 0; jj < s->nact[g] && dominant; jj++)
            if (jj != j && !strictly_dominated(s, g, jj, j))
                dominant = false;
        if (dominant)
            return true;
    }
    return false;
}

/* IESDS over pure joint actions; leaves s->d->alive marking survivors. */
static void iesds(stage *s)
{
    uint8_t *alive = s->d->alive;
    for (bool changed = true; changed;) {
        changed = false;
        for (unsigned g = 0; g < s->n; g++)
            for (uint64_t j = 0; j < s->nact[g]; j++) {
                if (!alive[s->off[g] + j])
                    continue;
                for (uint64_t jj = 0; jj < s->nact[g]; jj++)
                    if (jj != j && alive[s->off[g] + jj] && strictly_dominated(s, g, j, jj)) {
                        alive[s->off[g] + j] = 0;
                        changed = true;
                        break;
                    }
            }
    }
}

static bool is_nash(const stage *s, uint64_t *prof)
{
    for (unsigned g = 0; g < s->n; g++) {
        uint64_t mine = prof[g];
        const mc_q *u = utility(s, g, profile_child(s, prof));
        for (uint64_t j = 0; j < s->nact[g]; j++) {
            if (j == mine)
                continue;
            prof[g] = j;
            bool better = mc_q_cmp(utility(s, g, profile_child(s, prof)), u) > 0;
            prof[g] = mine;
            if (better)
                return false;
        }
    }
    return true;
}

static mc_status stage_setup(mc_decider *d, const mc_node *node, mc_children cv, stage *s,
                             mc_error *err)
{
    const mc_agents *a = d->agents;
    uint64_t stride[MC_MAX_MOVERS];
    uint64_t st = 1;
    for (unsigned m = node->nmovers; m-- > 0;) {
        stride[m] = st;
        st *= node->nactions[m];
    }
    s->nchildren = st;
    s->d = d;
    s->n = 0;
    unsigned agent_pos[MC_MAX_MOVERS]; /* mover -> index among agents at node */
    for (unsigned m = 0; m < node->nmovers; m++) {
        unsigned ag = a->agent_of[node->mover[m]], g = 0;
        while (g < s->n && s->agent[g] != ag)
            g++;
        if (g == s->n) {
            s->agent[s->n] = ag;
            s->nact[s->n] = 1;
            s->n++;
        }
        s->nact[g] *= node->nactions[m];
        agent_pos[m] = g;
    }
    uint64_t total = 0;
    for (unsigned g = 0; g < s->n; g++) {
        s->off[g] = total;
        total += s->nact[g];
    }
    if (!reserve((void **)&d->alive, &d->alive_cap, total, 1, false) ||
        !reserve((void **)&d->contrib, &d->contrib_cap, total, sizeof *d->contrib, false) ||
        !reserve((void **)&d->agent_value, &d->agent_value_cap, st * s->n, sizeof(mc_q), true))
        return mc_error_set(err, MC_ENOMEM, "stage game of %llu profiles: out of memory",
                            (unsigned long long)st);
    memset(d->alive, 1, total);
    /* contribution of each joint action: decode it over the agent's movers
     * (row-major in mover order) */
    for (unsigned g = 0; g < s->n; g++)
        for (uint64_t j = 0; j < s->nact[g]; j++) {
            uint64_t rest = j, c = 0;
            for (unsigned m = node->nmovers; m-- > 0;) {
                if (agent_pos[m] != g)
                    continue;
                c += (rest % node->nactions[m]) * stride[m];
                rest /= node->nactions[m];
            }
            d->contrib[s->off[g] + j] = c;
        }
    for (uint64_t c = 0; c < st; c++)
        for (unsigned g = 0; g < s->n; g++)
            mc_agent_value(a, s->agent[g], mc_child(cv, c), &d->agent_value[c * s->n + g]);
    return MC_OK;
}

static void note(uint64_t *count, uint64_t *list, uint64_t c)
{
    if (*count < MC_SPE_SHOW)
        list[*count] = c;
    (*count)++;
}

static mc_status decide_stage(mc_decider *d, const mc_node *node, mc_children cv,
                              mc_decision *out, mc_error *err)
{
    stage s;
    mc_status st = stage_setup(d, node, cv, &s, err);
    if (st != MC_OK)
        return st;
    out->single = false;
    out->nagents = s.n;
    bool all_dominant = true;
    for (unsigned g = 0; g < s.n && all_dominant; g++)
        all_dominant = has_dominant_action(&s, g);
    iesds(&s);
    uint64_t prof[MC_MAX_MOVERS];
    out->nsurvivors = 0;
    for (bool more = next_profile(&s, prof, MC_MAX_MOVERS, true); more;
         more = next_profile(&s, prof, MC_MAX_MOVERS, false))
        note(&out->nsurvivors, out->survivors, profile_child(&s, prof));
    out->nne = 0;
    if (out->nsurvivors == 1) {
        out->cls = all_dominant ? MC_STAGE_DOMINANT : MC_STAGE_IESDS_ONLY;
        out->chosen = out->survivors[0];
        out->nne = 1;
        out->ne[0] = out->chosen;
        return MC_OK;
    }
    /* Not dominance solvable: every pure NE survives IESDS, so enumerate the
     * survivors' profiles against deviations in the full game. */
    for (bool more = next_profile(&s, prof, MC_MAX_MOVERS, true); more;
         more = next_profile(&s, prof, MC_MAX_MOVERS, false))
        if (is_nash(&s, prof))
            note(&out->nne, out->ne, profile_child(&s, prof));
    out->cls = out->nne == 0   ? MC_STAGE_NO_PURE_NE
               : out->nne == 1 ? MC_STAGE_ONE_NE
                               : MC_STAGE_MULTI_NE;
    out->chosen = out->nne ? out->ne[0] : out->survivors[0];
    return MC_OK;
}

mc_status mc_decide(mc_decider *d, const mc_node *node, mc_children cv, mc_decision *out,
                    mc_error *err)
{
    uint64_t k = mc_node_nchildren(node);
    unsigned agent = d->agents->agent_of[node->mover[0]];
    bool single = true;
    for (unsigned m = 1; m < node->nmovers && single; m++)
        single = d->agents->agent_of[node->mover[m]] == agent;
    if (single) {
        decide_single(d, agent, k, cv, out);
        return MC_OK;
    }
    return decide_stage(d, node, cv, out, err);
}
