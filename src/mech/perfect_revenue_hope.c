/* HOPE-FOR-THE-BEST as a strategic form (see perfect_revenue_hope.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mech/perfect_revenue_hope.h"

void mc_hope_init(mc_hope *h)
{
    memset(h, 0, sizeof *h);
    for (unsigned w = 0; w < MC_HOPE_MAX_STATES; w++)
        for (unsigned j = 0; j < MC_HOPE_MAX_N; j++)
            h->tv[w][j] = MC_Q_ZERO;
    h->discount = MC_Q_ZERO;
    for (unsigned g = 0; g < MC_HOPE_MAX_GRID; g++)
        h->grid[g] = MC_Q_ZERO;
    snprintf(h->state_name[0], sizeof h->state_name[0], "bot");
}

void mc_hope_clear(mc_hope *h)
{
    for (unsigned w = 0; w < MC_HOPE_MAX_STATES; w++)
        mc_q_clear_vec(h->tv[w], MC_HOPE_MAX_N);
    mc_q_clear(&h->discount);
    mc_q_clear_vec(h->grid, MC_HOPE_MAX_GRID);
    memset(h, 0, sizeof *h);
}

mc_status mc_hope_finish(mc_hope *h, mc_error *err)
{
    if (h->n < 2 || h->n > MC_HOPE_MAX_N)
        return mc_error_set(err, MC_EINPUT, "hope: n = %u is out of range 2..%d", h->n,
                            MC_HOPE_MAX_N);
    if (h->nstates < 2 || h->nstates > MC_HOPE_MAX_STATES)
        return mc_error_set(err, MC_EINPUT, "hope: |Omega| = %u is out of range 2..%d",
                            h->nstates, MC_HOPE_MAX_STATES);
    if (h->ngrid < 1 || h->ngrid > MC_HOPE_MAX_GRID)
        return mc_error_set(err, MC_EINPUT, "hope: the grid needs 1..%d values",
                            MC_HOPE_MAX_GRID);
    for (unsigned g = 0; g < h->ngrid; g++)
        for (unsigned k = 0; k < g; k++)
            if (mc_q_eq(&h->grid[g], &h->grid[k]))
                return mc_error_set(err, MC_EINPUT, "hope: grid value %u repeats value %u",
                                    g + 1, k + 1);
    h->nentries = h->n * (h->nstates - 1);
    uint64_t s = 1;
    for (unsigned e = 0; e < h->nentries; e++) {
        s *= h->ngrid;
        if (s > MC_HOPE_MAX_STRATEGIES)
            return mc_error_set(err, MC_EINPUT,
                                "hope: %u^%u reports per player exceed %d; use a smaller grid",
                                h->ngrid, h->nentries, MC_HOPE_MAX_STRATEGIES);
    }
    h->nstrategies = (uint32_t)s;
    return MC_OK;
}

unsigned mc_hope_entry(const mc_hope *h, uint32_t s, unsigned w, unsigned j)
{
    unsigned e = (w - 1) * h->n + j;
    for (unsigned k = h->nentries - 1; k > e; k--)
        s /= h->ngrid;
    return s % h->ngrid;
}

uint32_t mc_hope_report(const mc_hope *h, const mc_q (*v)[MC_HOPE_MAX_N])
{
    uint32_t s = 0;
    for (unsigned w = 1; w < h->nstates; w++)
        for (unsigned j = 0; j < h->n; j++) {
            unsigned g = 0;
            while (g < h->ngrid && !mc_q_eq(&h->grid[g], &v[w][j]))
                g++;
            if (g == h->ngrid)
                return UINT32_MAX;
            s = s * h->ngrid + g;
        }
    return s;
}

void mc_hope_outcome_init(mc_hope_outcome *o)
{
    memset(o, 0, sizeof *o);
    for (unsigned j = 0; j < MC_HOPE_MAX_N; j++)
        o->price[j] = o->utility[j] = MC_Q_ZERO;
    o->revenue = o->welfare = MC_Q_ZERO;
}

void mc_hope_outcome_clear(mc_hope_outcome *o)
{
    mc_q_clear_vec(o->price, MC_HOPE_MAX_N);
    mc_q_clear_vec(o->utility, MC_HOPE_MAX_N);
    mc_q_clear(&o->revenue);
    mc_q_clear(&o->welfare);
}

void mc_hope_evaluate(const mc_hope *h, const uint32_t *strategy, mc_hope_outcome *o)
{
    o->state = 0;
    mc_q_set_i64(&o->revenue, 0);
    mc_q_set_i64(&o->welfare, 0);
    for (unsigned j = 0; j < h->n; j++) {
        mc_q_set_i64(&o->price[j], 0);
        mc_q_set_i64(&o->utility[j], 0);
    }
    for (unsigned i = 1; i < h->n; i++)
        if (strategy[i] != strategy[0])
            return; /* disagreement: (null, 0) */
    /* the first state in Omega order maximising the reported welfare; the
     * null state counts with welfare 0 */
    mc_q best = MC_Q_ZERO, sum = MC_Q_ZERO;
    for (unsigned w = 1; w < h->nstates; w++) {
        mc_q_set_i64(&sum, 0);
        for (unsigned j = 0; j < h->n; j++)
            mc_q_add(&sum, &sum, &h->grid[mc_hope_entry(h, strategy[0], w, j)]);
        if (mc_q_cmp(&sum, &best) > 0) {
            mc_q_set(&best, &sum);
            o->state = w;
        }
    }
    mc_q_clear(&best);
    mc_q_clear(&sum);
    if (o->state == 0)
        return;
    for (unsigned j = 0; j < h->n; j++) {
        mc_q_sub(&o->price[j], &h->grid[mc_hope_entry(h, strategy[0], o->state, j)],
                 &h->discount);
        mc_q_sub(&o->utility[j], &h->tv[o->state][j], &o->price[j]);
        mc_q_add(&o->revenue, &o->revenue, &o->price[j]);
        mc_q_add(&o->welfare, &o->welfare, &h->tv[o->state][j]);
    }
}

size_t mc_hope_report_text(const mc_hope *h, uint32_t s, char *buf, size_t cap)
{
    size_t len = 0;
    for (unsigned w = 1; w < h->nstates; w++) {
        if (h->nstates > 2)
            len += (size_t)snprintf(buf + len, len < cap ? cap - len : 0, "%s%s", w > 1 ? " " : "",
                                    h->state_name[w]);
        for (unsigned j = 0; j < h->n; j++) {
            char v[64];
            mc_q_snprint(v, sizeof v, &h->grid[mc_hope_entry(h, s, w, j)]);
            len += (size_t)snprintf(buf + len, len < cap ? cap - len : 0, "%s%s", j ? "," : "(", v);
        }
        len += (size_t)snprintf(buf + len, len < cap ? cap - len : 0, ")");
    }
    return len;
}

mc_status mc_hope_sform(const mc_hope *h, mc_sform *sf, mc_error *err)
{
    uint32_t ns[MC_HOPE_MAX_N];
    for (unsigned j = 0; j < h->n; j++)
        ns[j] = h->nstrategies;
    mc_status st = mc_sform_init(sf, h->n, ns, true, 0, err);
    if (st != MC_OK)
        return st;
    uint32_t s[MC_HOPE_MAX_N];
    mc_hope_outcome o;
    mc_hope_outcome_init(&o);
    for (uint64_t p = 0; p < sf->nprofiles; p++) {
        mc_sform_profile_of(sf, p, s);
        mc_hope_evaluate(h, s, &o);
        bool agree = true;
        for (unsigned j = 1; j < h->n; j++)
            agree = agree && s[j] == s[0];
        sf->outcome[p] = agree ? (uint64_t)s[0] + 1 : 0;
        for (unsigned j = 0; j < h->n; j++)
            mc_q_set(mc_sform_payoff(sf, p, j), &o.utility[j]);
    }
    mc_hope_outcome_clear(&o);
    /* strategy names: the reports */
    for (unsigned j = 0; j < h->n; j++) {
        sf->strategy_names[j] = calloc(h->nstrategies, sizeof(char *));
        if (!sf->strategy_names[j]) {
            mc_sform_free(sf);
            return mc_error_set(err, MC_ENOMEM, "hope: out of memory");
        }
        for (uint32_t r = 0; r < h->nstrategies; r++) {
            char buf[160];
            mc_hope_report_text(h, r, buf, sizeof buf);
            if (!(sf->strategy_names[j][r] = strdup(buf))) {
                mc_sform_free(sf);
                return mc_error_set(err, MC_ENOMEM, "hope: out of memory");
            }
        }
    }
    return MC_OK;
}
