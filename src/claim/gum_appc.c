/* Seed 004, Appendix C: the games the paper uses against Safronov's
 * coalition-proofness (spec 4.19, 5.6), as exact strategic forms.
 *
 * Four-player game: agent 1 Quits (all get 0) or Bets; agent 2 privately
 * guesses (g3, g4); agents 3 and 4 play a prisoners' dilemma, not seeing
 * the guess.  Pure strategies are therefore actions: 2 x 4 x 2 x 2.  The
 * three-player stage variant is symmetric in Y/N.  Payoffs are instance
 * parameters (the paper's by default), so a researcher can ask for which
 * tables the paper's statements hold. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim/gum_appc.h"

static const char *const guess_names[4] = {"YY", "YN", "NY", "NN"};

/* A list of exactly len payoffs, or the paper's when the key is absent. */
static mc_status read_list(const mc_instance *in, const char *key, size_t len,
                           const int64_t *paper, int64_t *out, mc_error *err)
{
    if (!mc_inst_has(in, key)) {
        memcpy(out, paper, len * sizeof *out);
        return MC_OK;
    }
    size_t n = len;
    return mc_inst_int_list(in, key, -1000000, 1000000, out, len, &n, err);
}

mc_status mc_appc_read(mc_appc *g, const mc_instance *in, mc_error *err)
{
    static const int64_t bet[4] = {-2, 1, 8, -9}, pd[4] = {-10, 10, -20, 0},
                         stage[6] = {-10, -40, 0, 10, -20, -50};
    memset(g, 0, sizeof *g);
    g->p = MC_Q_ZERO;
    mc_status st;
    if ((st = read_list(in, "bet", 4, bet, g->bet, err)) != MC_OK ||
        (st = read_list(in, "pd", 4, pd, g->pd, err)) != MC_OK ||
        (st = read_list(in, "stage", 6, stage, g->stage, err)) != MC_OK ||
        (st = mc_inst_q(in, "p", "1/5", &g->p, err)) != MC_OK)
        return st;
    const mc_q one = MC_Q_INT(1);
    if (mc_q_sgn(&g->p) < 0 || mc_q_cmp(&g->p, &one) > 0)
        return mc_error_set(err, MC_EINPUT, "instance %s: parameter 'p' must be a rational in [0, 1]",
                            in->origin);
    return MC_OK;
}

void mc_appc_free(mc_appc *g)
{
    mc_q_clear(&g->p);
}

mc_status mc_appc_validate(const mc_instance *in, mc_error *err)
{
    mc_appc g;
    mc_status st = mc_appc_read(&g, in, err);
    mc_appc_free(&g);
    return st;
}

void mc_appc_four_payoff(const mc_appc *g, const uint32_t *s, int64_t *u)
{
    memset(u, 0, 4 * sizeof *u);
    if (s[0] == MC_APPC_QUIT)
        return;
    uint32_t x3 = s[2], x4 = s[3];
    bool correct = s[1] == 2 * x3 + x4; /* guess index: g3 slowest, Y = 0 */
    u[0] = g->bet[correct ? 0 : 2];
    u[1] = g->bet[correct ? 1 : 3];
    /* pd = u3 at (x3, x4) = YY, YN, NY, NN; u4 is its mirror image */
    u[2] = g->pd[2 * x3 + x4];
    u[3] = g->pd[2 * x4 + x3];
}

void mc_appc_three_payoff(const mc_appc *g, const uint32_t *s, int64_t *u)
{
    unsigned nn = (s[0] == MC_APPC_N) + (s[1] == MC_APPC_N) + (s[2] == MC_APPC_N);
    for (unsigned i = 0; i < 3; i++) {
        bool isn = s[i] == MC_APPC_N;
        switch (nn) {
        case 0: u[i] = g->stage[0]; break;
        case 1: u[i] = isn ? g->stage[1] : g->stage[2]; break;
        case 2: u[i] = isn ? g->stage[3] : g->stage[4]; break;
        default: u[i] = g->stage[5]; break;
        }
    }
}

static mc_status name_strategies(mc_sform *sf, const char *const *agents,
                                 const char *const *const *strategies, mc_error *err)
{
    sf->agent_names = calloc(sf->nagents, sizeof *sf->agent_names);
    if (!sf->agent_names)
        return mc_error_set(err, MC_ENOMEM, "app-c: out of memory");
    for (unsigned a = 0; a < sf->nagents; a++) {
        if (!(sf->agent_names[a] = strdup(agents[a])) ||
            !(sf->strategy_names[a] = calloc(sf->nstrategies[a], sizeof(char *))))
            return mc_error_set(err, MC_ENOMEM, "app-c: out of memory");
        for (uint32_t k = 0; k < sf->nstrategies[a]; k++)
            if (!(sf->strategy_names[a][k] = strdup(strategies[a][k])))
                return mc_error_set(err, MC_ENOMEM, "app-c: out of memory");
    }
    return MC_OK;
}

static const char *const yn[2] = {"Y", "N"};
static const char *const quit_bet[2] = {"Quit", "Bet"};

/* A named strategic form whose payoffs come from the tables. */
static mc_status table_sform(const mc_appc *g, unsigned n, const uint32_t *ns,
                             const char *const *agents, const char *const *const *strategies,
                             void (*payoff)(const mc_appc *, const uint32_t *, int64_t *),
                             mc_sform *sf, mc_error *err)
{
    mc_status st = mc_sform_init(sf, n, ns, false, 0, err);
    if (st == MC_OK)
        st = name_strategies(sf, agents, strategies, err);
    for (uint64_t p = 0; st == MC_OK && p < sf->nprofiles; p++) {
        uint32_t s[4];
        int64_t u[4];
        mc_sform_profile_of(sf, p, s);
        payoff(g, s, u);
        for (unsigned i = 0; i < n; i++)
            mc_q_set_i64(mc_sform_payoff(sf, p, i), u[i]);
    }
    return st;
}

mc_status mc_appc_four_sform(const mc_appc *g, mc_sform *sf, mc_error *err)
{
    static const uint32_t ns[4] = {2, 4, 2, 2};
    static const char *const agents[4] = {"1", "2", "3", "4"};
    static const char *const *const strategies[4] = {quit_bet, guess_names, yn, yn};
    mc_status st = table_sform(g, 4, ns, agents, strategies, mc_appc_four_payoff, sf, err);
    if (st == MC_OK)
        st = mc_sform_outcomes_from_payoffs(sf, err);
    return st;
}

mc_status mc_appc_three_sform(const mc_appc *g, mc_sform *sf, mc_error *err)
{
    static const uint32_t ns[3] = {2, 2, 2};
    static const char *const agents[3] = {"3", "4", "5"};
    static const char *const *const strategies[3] = {yn, yn, yn};
    return table_sform(g, 3, ns, agents, strategies, mc_appc_three_payoff, sf, err);
}

json_t *mc_appc_profile_json(const mc_sform *sf, const uint32_t *s)
{
    json_t *o = json_object();
    char a[32], b[32];
    for (unsigned i = 0; i < sf->nagents; i++)
        json_object_set_new(o, mc_sform_agent_name(sf, i, a, sizeof a),
                            json_string(mc_sform_strategy_name(sf, i, s[i], b, sizeof b)));
    return o;
}
