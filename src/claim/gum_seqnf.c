/* The reduced normal form of a compiled game, every player alone, by the
 * sequence form in scaled integers -- a fast route to the same numbers as
 * mc_efnf_build (which plays every profile out in rationals).
 *
 * A leaf z has one last sequence s_q(z) per player q and the weights
 * w_p(z) = chance(z) * u_p(z).  A plan's realization set R(plan) is the
 * empty sequence and (I, a) for every unit I the reduced plan assigns, so
 *   payoff_p(profile) = sum of w_p(z) over the leaves with s_q(z) in R(plan_q)
 * for every q.  With D the lcm of the weights' denominators, D * w_p(z) are
 * integers; sums are taken in 128 bits.  The inner loop runs over the plans
 * of the player with most plans: for each combination of the others' plans,
 * c_p[s] = sum of D * w_p(z) over the leaves whose other players' sequences
 * are realized and whose inner sequence is s, then payoff_p = sum of c_p
 * over the inner plan's realization set.  When a weight does not fit (big
 * numbers, a denominator lcm beyond 2^62) the caller falls back to
 * mc_efnf_build; *fast tells which route was taken. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim/gum_claims.h"
#include "mechcheck/efnf.h"

typedef __int128 i128;

static int64_t gcd64(int64_t a, int64_t b)
{
    while (b) {
        int64_t t = a % b;
        a = b;
        b = t;
    }
    return a < 0 ? -a : a;
}

/* lcm(a, b) for positive a, b, or 0 when it exceeds 2^62. */
static int64_t lcm62(int64_t a, int64_t b)
{
    int64_t g = gcd64(a, b);
    i128 l = (i128)(a / g) * b;
    return l > ((i128)1 << 62) ? 0 : (int64_t)l;
}

typedef struct leafw {
    uint32_t *seq;   /* nleaves * n: last sequence of each player */
    mc_q *w;         /* nleaves * n: chance * payoff */
    uint32_t nleaves;
} leafw;

/* Preorder walk collecting every leaf's last sequences and weights. */
static mc_status collect(const mc_ef *ef, leafw *lw, mc_error *err)
{
    unsigned n = ef->nplayers;
    lw->nleaves = ef->nterminals;
    lw->seq = malloc(((size_t)ef->nterminals * n + 1) * sizeof *lw->seq);
    lw->w = malloc(((size_t)ef->nterminals * n + 1) * sizeof *lw->w);
    uint32_t *cur = malloc(((size_t)ef->depth + 2) * n * sizeof *cur);
    mc_q *reach = malloc(((size_t)ef->depth + 2) * sizeof *reach);
    uint32_t *stack = malloc(((size_t)ef->depth + 2) * 2 * sizeof *stack);
    if (!lw->seq || !lw->w || !cur || !reach || !stack) {
        free(cur);
        free(reach);
        free(stack);
        return mc_error_set(err, MC_ENOMEM, "normal form: out of memory");
    }
    mc_q_init_vec(lw->w, (size_t)ef->nterminals * n);
    mc_q_init_vec(reach, (size_t)ef->depth + 2);
    /* explicit DFS: stack of (node, child index) with per-depth state */
    for (unsigned p = 0; p < n; p++)
        cur[p] = 0;
    mc_q_set_i64(&reach[0], 1);
    uint32_t depth = 0;
    stack[0] = 0;
    stack[1] = 0;
    while (true) {
        uint32_t v = stack[2 * depth], c = stack[2 * depth + 1];
        if (ef->kind[v] == MC_NODE_TERMINAL) {
            uint32_t z = ef->aux[v];
            for (unsigned p = 0; p < n; p++) {
                lw->seq[(size_t)z * n + p] = cur[(size_t)depth * n + p];
                mc_q_mul(&lw->w[(size_t)z * n + p], &reach[depth], &ef->payoff[(size_t)z * n + p]);
            }
        } else if (c < ef->nchild[v]) {
            uint32_t child = v + 1;
            for (uint32_t k = 0; k < c; k++)
                child = ef->end[child];
            stack[2 * depth + 1] = c + 1;
            memcpy(&cur[(size_t)(depth + 1) * n], &cur[(size_t)depth * n], n * sizeof *cur);
            if (ef->kind[v] == MC_NODE_CHANCE) {
                mc_q_mul(&reach[depth + 1], &reach[depth], &ef->prob[ef->aux[v] + c]);
            } else {
                mc_q_set(&reach[depth + 1], &reach[depth]);
                uint32_t rest = c;
                for (unsigned k = ef->nmovers[v]; k-- > 0;) { /* mover 0 slowest */
                    const mc_ef_infoset *I = &ef->infosets[ef->slot_infoset[ef->aux[v] + k]];
                    cur[(size_t)(depth + 1) * n + I->player] = I->first_seq + rest % I->nactions;
                    rest /= I->nactions;
                }
            }
            depth++;
            stack[2 * depth] = child;
            stack[2 * depth + 1] = 0;
            continue;
        }
        if (depth == 0)
            break;
        depth--;
    }
    mc_q_clear_vec(reach, (size_t)ef->depth + 2);
    free(reach);
    free(cur);
    free(stack);
    return MC_OK;
}

static void leafw_free(leafw *lw, unsigned n)
{
    if (lw->w)
        mc_q_clear_vec(lw->w, (size_t)lw->nleaves * n);
    free(lw->w);
    free(lw->seq);
    memset(lw, 0, sizeof *lw);
}

/* The plan's realization set as a flag array over the player's sequences. */
static void realize(const mc_ef *ef, const mc_efnf_agent *a, uint32_t plan, uint8_t *in,
                    uint32_t nseq, bool on)
{
    (void)nseq;
    in[0] = on;
    for (uint32_t u = 0; u < a->nunits; u++) {
        uint32_t act = a->plan[(size_t)plan * a->nunits + u];
        if (act != MC_EF_NONE)
            in[ef->infosets[a->unit[u]].first_seq + act] = on;
    }
}

mc_status mc_gum_seq_nf(const mc_ef *ef, uint64_t max_profiles, mc_efnf_agent *ag, mc_sform *sf,
                        bool *fast, mc_error *err)
{
    unsigned n = ef->nplayers;
    *fast = false;
    memset(sf, 0, sizeof *sf);
    mc_status st = MC_OK;
    uint32_t nstrat[MC_MAX_PLAYERS];
    uint64_t profiles = 1;
    for (unsigned p = 0; p < n; p++)
        memset(&ag[p], 0, sizeof ag[p]);
    for (unsigned p = 0; p < n && st == MC_OK; p++) {
        st = mc_efnf_agent_plans(ef, UINT64_C(1) << p, true, false, max_profiles, &ag[p], err);
        if (st == MC_OK) {
            nstrat[p] = ag[p].nplans;
            profiles *= ag[p].nplans;
            if (profiles > max_profiles)
                st = mc_error_set(err, MC_ELIMIT, "normal form: more than %llu profiles",
                                  (unsigned long long)max_profiles);
        }
    }
    leafw lw = {0};
    i128 *c = NULL;
    uint8_t *in[MC_MAX_PLAYERS] = {0};
    int64_t *W = NULL;
    if (st == MC_OK)
        st = mc_sform_init(sf, n, nstrat, false, max_profiles, err);
    if (st == MC_OK)
        st = collect(ef, &lw, err);
    if (st != MC_OK)
        goto done;
    /* scale to integers */
    size_t nw = (size_t)lw.nleaves * n;
    int64_t D = 1;
    bool fits = true;
    for (size_t k = 0; k < nw && fits; k++) {
        fits = !mc_q_is_big(&lw.w[k]);
        if (fits)
            fits = (D = lcm62(D, lw.w[k].den)) != 0;
    }
    W = fits ? malloc((nw + 1) * sizeof *W) : NULL;
    for (size_t k = 0; fits && W && k < nw; k++) {
        i128 v = (i128)lw.w[k].num * (D / lw.w[k].den);
        fits = v < ((i128)1 << 62) && v > -((i128)1 << 62);
        W[k] = (int64_t)v;
    }
    if (!fits)
        goto done; /* the caller falls back */
    if (!W) {
        st = mc_error_set(err, MC_ENOMEM, "normal form: out of memory");
        goto done;
    }
    unsigned inner = 0;
    for (unsigned p = 1; p < n; p++)
        if (ag[p].nplans > ag[inner].nplans)
            inner = p;
    uint32_t nseq_in = ef->nseq[inner];
    c = calloc((size_t)nseq_in * n + 1, sizeof *c);
    for (unsigned p = 0; p < n && st == MC_OK; p++)
        if (!(in[p] = calloc(ef->nseq[p] + 1, 1)))
            st = mc_error_set(err, MC_ENOMEM, "normal form: out of memory");
    if (!c && st == MC_OK)
        st = mc_error_set(err, MC_ENOMEM, "normal form: out of memory");
    uint32_t plan[MC_MAX_PLAYERS] = {0};
    while (st == MC_OK) {
        /* the other players' plans: plan[q], q != inner */
        for (unsigned q = 0; q < n; q++)
            if (q != inner)
                realize(ef, &ag[q], plan[q], in[q], ef->nseq[q], true);
        memset(c, 0, (size_t)nseq_in * n * sizeof *c);
        for (uint32_t z = 0; z < lw.nleaves; z++) {
            const uint32_t *s = &lw.seq[(size_t)z * n];
            bool on = true;
            for (unsigned q = 0; q < n && on; q++)
                on = q == inner || in[q][s[q]];
            if (!on)
                continue;
            for (unsigned p = 0; p < n; p++)
                c[(size_t)s[inner] * n + p] += W[(size_t)z * n + p];
        }
        for (uint32_t k = 0; k < ag[inner].nplans && st == MC_OK; k++) {
            i128 sum[MC_MAX_PLAYERS];
            for (unsigned p = 0; p < n; p++)
                sum[p] = c[p]; /* the empty sequence */
            const mc_efnf_agent *a = &ag[inner];
            for (uint32_t u = 0; u < a->nunits; u++) {
                uint32_t act = a->plan[(size_t)k * a->nunits + u];
                if (act == MC_EF_NONE)
                    continue;
                uint32_t sq = ef->infosets[a->unit[u]].first_seq + act;
                for (unsigned p = 0; p < n; p++)
                    sum[p] += c[(size_t)sq * n + p];
            }
            plan[inner] = k;
            uint64_t prof = mc_sform_profile_index(sf, plan);
            for (unsigned p = 0; p < n && st == MC_OK; p++) {
                if (sum[p] >= ((i128)1 << 62) || sum[p] <= -((i128)1 << 62)) {
                    fits = false;
                    goto done;
                }
                st = mc_q_set_frac(mc_sform_payoff(sf, prof, p), (int64_t)sum[p], D);
            }
        }
        plan[inner] = 0;
        for (unsigned q = 0; q < n; q++)
            if (q != inner)
                realize(ef, &ag[q], plan[q], in[q], ef->nseq[q], false);
        /* odometer over the others */
        unsigned q = 0;
        for (; q < n; q++) {
            if (q == inner)
                continue;
            if (++plan[q] < ag[q].nplans)
                break;
            plan[q] = 0;
        }
        if (q == n)
            break;
    }
    if (st == MC_OK) {
        /* names */
        sf->agent_names = calloc(n, sizeof *sf->agent_names);
        for (unsigned p = 0; sf->agent_names && p < n; p++) {
            sf->agent_names[p] = strdup(ef->player_names[p] ? ef->player_names[p] : "?");
            sf->strategy_names[p] = calloc(ag[p].nplans, sizeof(char *));
            if (!sf->agent_names[p] || !sf->strategy_names[p])
                break;
            for (uint32_t k = 0; k < ag[p].nplans; k++) {
                size_t len = mc_efnf_plan_name(ef, &ag[p], k, NULL, 0);
                char *buf = malloc(len + 1);
                if (!buf)
                    break;
                mc_efnf_plan_name(ef, &ag[p], k, buf, len + 1);
                sf->strategy_names[p][k] = buf;
            }
        }
        *fast = true;
    }
done:
    if (st != MC_OK || !*fast) { /* an error, or not representable: the caller falls back */
        mc_sform_free(sf);
        for (unsigned p = 0; p < n; p++)
            mc_efnf_agent_free(&ag[p]);
    }
    for (unsigned p = 0; p < n; p++)
        free(in[p]);
    free(c);
    free(W);
    leafw_free(&lw, n);
    return st;
}
