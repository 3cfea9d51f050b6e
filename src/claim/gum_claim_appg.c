/* gum/app-g: App G's example (AGV with a dummy agent) on a grid.  Every
 * pair's pooled best total (others truthful) against its truthful total,
 * by direct enumeration of the static game cross-checked with the DP of
 * mc_gum_coalition_max; AGV's transfers against the printed (134) and
 * (136)-(138); whether truth is a BNE; whether adding the dummy changes
 * the transfers of agents 1 and 2. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim/gum_checks.h"

/* ---- the static game of an app-g setup ------------------------------------------ */

typedef struct sgame {
    const mc_gum_setup *s;
    const mc_gum_env *e;
    unsigned n;
    uint32_t K[MC_GUM_MAX_COMP];      /* types per agent (1..n) */
    const mc_q *w[MC_GUM_MAX_COMP];   /* prior weights per agent */
    uint64_t root;
} sgame;

static void sgame_init(sgame *g, const mc_gum_setup *s)
{
    memset(g, 0, sizeof *g);
    g->s = s;
    g->e = &s->env;
    g->n = s->env.n;
    g->root = mc_gum_state_index(g->e, 0, g->e->init);
    uint32_t x0 = s->pol.chi[0][g->root];
    for (unsigned i = 1; i <= g->n; i++) {
        g->K[i] = g->e->ntypes[1][i];
        g->w[i] = mc_gum_trans(g->e, 1, i, g->e->init[0], g->e->init[i], x0);
    }
}

static uint64_t sgame_state(const sgame *g, const uint32_t *r)
{
    uint32_t th[MC_GUM_MAX_COMP] = {0};
    for (unsigned i = 1; i <= g->n; i++)
        th[i] = r[i];
    return mc_gum_state_index(g->e, 1, th);
}

static const mc_q *sgame_y(const sgame *g, const uint32_t *r, unsigned i)
{
    return &mc_gum_y(&g->s->mechs[0], 1, g->root, sgame_state(g, r))[i - 1];
}

/* acc += wt * (u_i(theta_i, chi(r)) + y_i(r)) */
static void add_utility(const sgame *g, const uint32_t *th, const uint32_t *r, unsigned i,
                        const mc_q *wt, mc_q *acc, mc_q *tmp)
{
    uint64_t k = sgame_state(g, r);
    uint32_t x = g->s->pol.chi[1][k];
    mc_q_add(tmp, &mc_gum_pay(g->e, 1, i, th[i])[x],
             &mc_gum_y(&g->s->mechs[0], 1, g->root, k)[i - 1]);
    mc_q_addmul(acc, wt, tmp);
}

/* Next combination of v[i] over the agents in mask (v[i] < K[i]); false
 * after the last (v back to zeros). */
static bool next_over(const sgame *g, uint32_t mask, uint32_t *v)
{
    for (unsigned i = 1; i <= g->n; i++) {
        if (!((mask >> (i - 1)) & 1u))
            continue;
        if (++v[i] < g->K[i])
            return true;
        v[i] = 0;
    }
    return false;
}

/* The product of the prior weights of the agents in mask at th. */
static void weight(const sgame *g, uint32_t mask, const uint32_t *th, mc_q *out)
{
    mc_q_set_i64(out, 1);
    for (unsigned i = 1; i <= g->n; i++)
        if ((mask >> (i - 1)) & 1u)
            mc_q_mul(out, out, &g->w[i][th[i]]);
}

/* theta_k of the grid as a rational. */
static void grid_theta(uint32_t m, uint32_t k, mc_q *out)
{
    mc_q_set_frac(out, 2 * (int64_t)k - ((int64_t)m - 1), (int64_t)m - 1);
}

static const char *tlabel(const sgame *g, unsigned i, uint32_t k)
{
    return g->e->type_label[1][i][k];
}

/* ---- pairs --------------------------------------------------------------------- */

typedef struct pair_res {
    uint32_t mask;
    char name[16];
    mc_q truthful, best, gain;
    json_t *reports;     /* a pair with the dummy: type -> optimal reports, vs (139) */
    unsigned off139;     /* types whose optimal reports exclude (139)'s */
} pair_res;

/* (139): clip(2 theta_k, -1, 1) as a grid index, or -1 when off the grid. */
static int report139(uint32_t m, uint32_t k)
{
    int64_t h = (int64_t)m - 1, c = 4 * (int64_t)k - 2 * h;
    if (c > h)
        c = h;
    if (c < -h)
        c = -h;
    return (c + h) % 2 ? -1 : (int)((c + h) / 2);
}

static mc_status pair_run(const sgame *g, uint32_t mask, pair_res *p, mc_error *err)
{
    unsigned n = g->n;
    uint32_t all = (1u << n) - 1, others = all & ~mask;
    p->mask = mask;
    size_t len = 0;
    for (unsigned i = 1; i <= n; i++)
        if ((mask >> (i - 1)) & 1u)
            len += (size_t)snprintf(p->name + len, sizeof p->name - len, len ? ",%u" : "%u", i);
    /* the one member with private information, when the other is the dummy */
    unsigned solo = 0, nreal = 0;
    for (unsigned i = 1; i <= n; i++)
        if (((mask >> (i - 1)) & 1u) && g->K[i] > 1) {
            solo = i;
            nreal++;
        }
    if (nreal == 1)
        p->reports = json_object();
    mc_q wt = MC_Q_ZERO, wo = MC_Q_ZERO, tmp = MC_Q_ZERO, v = MC_Q_ZERO, mx = MC_Q_ZERO,
         dp = MC_Q_ZERO;
    uint32_t th[MC_GUM_MAX_COMP] = {0}, r[MC_GUM_MAX_COMP] = {0};
    /* truthful total */
    do {
        weight(g, all, th, &wt);
        for (unsigned i = 1; i <= n; i++)
            if ((mask >> (i - 1)) & 1u)
                add_utility(g, th, th, i, &wt, &p->truthful, &tmp);
    } while (next_over(g, all, th));
    /* pooled best: per member type profile, the best member report profile */
    memset(th, 0, sizeof th);
    do {
        weight(g, mask, th, &wt);
        if (mc_q_sgn(&wt) == 0)
            continue;
        bool first = true;
        json_t *arg = p->reports ? json_array() : NULL;
        memset(r, 0, sizeof r);
        do {
            mc_q_set_i64(&v, 0);
            uint32_t tt[MC_GUM_MAX_COMP], rr[MC_GUM_MAX_COMP];
            memcpy(tt, th, sizeof tt);
            do {
                weight(g, others, tt, &wo);
                for (unsigned i = 1; i <= n; i++)
                    rr[i] = ((mask >> (i - 1)) & 1u) ? r[i] : tt[i];
                for (unsigned i = 1; i <= n; i++)
                    if ((mask >> (i - 1)) & 1u)
                        add_utility(g, tt, rr, i, &wo, &v, &tmp);
            } while (next_over(g, others, tt));
            int c = first ? 1 : mc_q_cmp(&v, &mx);
            if (c > 0) {
                mc_q_set(&mx, &v);
                if (arg)
                    json_array_clear(arg);
            }
            if (arg && c >= 0)
                json_array_append_new(arg, json_string(tlabel(g, solo, r[solo])));
            first = false;
        } while (next_over(g, mask, r));
        mc_q_addmul(&p->best, &wt, &mx);
        if (arg) {
            int k139 = report139(g->K[solo], th[solo]);
            bool in = false;
            for (size_t a = 0; k139 >= 0 && a < json_array_size(arg); a++)
                in = in || !strcmp(json_string_value(json_array_get(arg, a)),
                                   tlabel(g, solo, (uint32_t)k139));
            if (!in)
                p->off139++;
            json_object_set_new(
                p->reports, tlabel(g, solo, th[solo]),
                json_pack("{s:o,s:s,s:b}", "optimal_reports", arg, "report_139",
                          k139 >= 0 ? tlabel(g, solo, (uint32_t)k139) : "off the grid",
                          "139_optimal", in));
        }
    } while (next_over(g, mask, th));
    mc_q_sub(&p->gain, &p->best, &p->truthful);
    mc_status st = mc_gum_coalition_max(g->s, mask, &dp, err);
    if (st == MC_OK && !mc_q_eq(&dp, &p->best)) {
        char a[64], b[64];
        mc_q_snprint(a, sizeof a, &p->best);
        mc_q_snprint(b, sizeof b, &dp);
        st = mc_error_set(err, MC_EINTERNAL,
                          "app-g: pair {%s}: enumeration gives %s, the DP (coalition max) %s",
                          p->name, a, b);
    }
    mc_q_clear(&wt);
    mc_q_clear(&wo);
    mc_q_clear(&tmp);
    mc_q_clear(&v);
    mc_q_clear(&mx);
    mc_q_clear(&dp);
    return st;
}

static json_t *pair_json(const pair_res *p)
{
    json_t *o = json_pack("{s:s,s:o,s:o,s:o,s:b}", "pair", p->name, "truthful_total",
                          mc_gum_jq(&p->truthful), "pooled_best", mc_gum_jq(&p->best), "gain",
                          mc_gum_jq(&p->gain), "gains", mc_q_sgn(&p->gain) > 0);
    if (p->reports) {
        json_object_set_new(o, "best_reports_by_type", json_incref(p->reports));
        json_object_set_new(o, "types_where_139_is_not_optimal", json_integer(p->off139));
    }
    return o;
}

/* ---- transfers against the printed formulas ------------------------------------ */

/* The printed AGV transfers at (theta_1, theta_2): (134) without the dummy,
 * (136)-(138) with it. */
static void printed(bool dummy, const mc_q *t1, const mc_q *t2, mc_q *f)
{
    mc_q a = MC_Q_ZERO, b = MC_Q_ZERO, c = MC_Q_ZERO;
    mc_q_mul(&a, t1, t1);
    mc_q_mul(&b, t2, t2);
    if (!dummy) {
        mc_q_sub(&c, &b, &a);
        mc_q_set_frac(&f[0], 1, 2);
        mc_q_mul(&f[0], &f[0], &c);
        mc_q_neg(&f[1], &f[0]);
    } else {
        /* f1 = -a/2 + b/4 + 1/12, f2 = a/4 - b/2 + 1/12, f3 = (a + b)/4 - 1/6 */
        mc_q h = MC_Q_ZERO, q = MC_Q_ZERO, k = MC_Q_ZERO;
        mc_q_set_frac(&h, 1, 2);
        mc_q_set_frac(&q, 1, 4);
        mc_q_set_frac(&k, 1, 12);
        mc_q_mul(&c, &a, &h);
        mc_q_sub(&f[0], &k, &c);
        mc_q_addmul(&f[0], &b, &q);
        mc_q_mul(&c, &b, &h);
        mc_q_sub(&f[1], &k, &c);
        mc_q_addmul(&f[1], &a, &q);
        mc_q_add(&c, &a, &b);
        mc_q_mul(&f[2], &c, &q);
        mc_q_add(&k, &k, &k);
        mc_q_sub(&f[2], &f[2], &k);
        mc_q_clear(&h);
        mc_q_clear(&q);
        mc_q_clear(&k);
    }
    mc_q_clear(&a);
    mc_q_clear(&b);
    mc_q_clear(&c);
}

/* Computed vs printed at the corners and the middle of the grid, and the
 * largest difference over the whole grid. */
static json_t *formula_json(const sgame *g)
{
    bool dummy = g->n == 3;
    uint32_t m = g->K[1];
    mc_q t1 = MC_Q_ZERO, t2 = MC_Q_ZERO, d = MC_Q_ZERO, worst = MC_Q_ZERO;
    mc_q f[3] = {MC_Q_ZERO, MC_Q_ZERO, MC_Q_ZERO};
    json_t *rows = json_array();
    char where[96] = "", buf[200];
    uint32_t pts[3] = {0, (m - 1) / 2, m - 1};
    for (uint32_t k1 = 0; k1 < m; k1++)
        for (uint32_t k2 = 0; k2 < m; k2++) {
            uint32_t r[MC_GUM_MAX_COMP] = {0, k1, k2, 0};
            grid_theta(m, k1, &t1);
            grid_theta(m, k2, &t2);
            printed(dummy, &t1, &t2, f);
            for (unsigned i = 1; i <= g->n; i++) {
                mc_q_sub(&d, sgame_y(g, r, i), &f[i - 1]);
                mc_q_abs(&d, &d);
                if (mc_q_cmp(&d, &worst) > 0) {
                    mc_q_set(&worst, &d);
                    snprintf(where, sizeof where, "t_%u at theta = (%s, %s)", i, tlabel(g, 1, k1),
                             tlabel(g, 2, k2));
                }
            }
            bool sample = false;
            for (int a = 0; a < 3; a++)
                for (int b = 0; b < 3; b++)
                    sample = sample || (k1 == pts[a] && k2 == pts[b]);
            if (!sample)
                continue;
            mc_q cv[3] = {MC_Q_ZERO, MC_Q_ZERO, MC_Q_ZERO};
            for (unsigned i = 1; i <= g->n; i++)
                mc_q_set(&cv[i - 1], sgame_y(g, r, i));
            char c1[100], c2[100];
            mc_gum_vec_str(cv, g->n, c1, sizeof c1);
            mc_gum_vec_str(f, g->n, c2, sizeof c2);
            snprintf(buf, sizeof buf, "(%s, %s)", tlabel(g, 1, k1), tlabel(g, 2, k2));
            json_array_append_new(rows, json_pack("{s:s,s:s,s:s}", "theta", buf, "computed", c1,
                                                  "printed", c2));
            mc_q_clear_vec(cv, 3);
        }
    json_t *o = json_pack("{s:s,s:o,s:o,s:s}", "formula",
                          dummy ? "(136)-(138): t1 = -th1^2/2 + th2^2/4 + 1/12, t2 = th1^2/4 - "
                                  "th2^2/2 + 1/12, t3 = (th1^2 + th2^2)/4 - 1/6"
                                : "(134): t_i = (th_-i^2 - th_i^2)/2",
                          "points", rows, "max_abs_difference_over_grid", mc_gum_jq(&worst),
                          "attained_at", where);
    mc_q_clear(&t1);
    mc_q_clear(&t2);
    mc_q_clear(&d);
    mc_q_clear(&worst);
    mc_q_clear_vec(f, 3);
    return o;
}

/* ---- truth as a BNE ---------------------------------------------------------------- */

/* The largest interim gain of a lie against truthful others (0 when truth
 * is a BNE), and where. */
static void interim_gain(const sgame *g, mc_q *gain, char *where, size_t cap)
{
    uint32_t all = (1u << g->n) - 1;
    mc_q wo = MC_Q_ZERO, tmp = MC_Q_ZERO, d = MC_Q_ZERO;
    mc_q vals[MC_GUM_MAX_TYPES];
    mc_q_set_i64(gain, 0);
    snprintf(where, cap, "none");
    for (unsigned i = 1; i <= g->n; i++) {
        uint32_t others = all & ~(1u << (i - 1));
        for (uint32_t k = 0; k < g->K[i]; k++) {
            if (mc_q_sgn(&g->w[i][k]) == 0)
                continue;
            mc_q_init_vec(vals, g->K[i]);
            for (uint32_t rep = 0; rep < g->K[i]; rep++) {
                uint32_t th[MC_GUM_MAX_COMP] = {0}, r[MC_GUM_MAX_COMP];
                th[i] = k;
                do {
                    weight(g, others, th, &wo);
                    memcpy(r, th, sizeof r);
                    r[i] = rep;
                    add_utility(g, th, r, i, &wo, &vals[rep], &tmp);
                } while (next_over(g, others, th));
            }
            for (uint32_t rep = 0; rep < g->K[i]; rep++) {
                mc_q_sub(&d, &vals[rep], &vals[k]);
                if (mc_q_cmp(&d, gain) > 0) {
                    mc_q_set(gain, &d);
                    snprintf(where, cap, "agent %u of type %s reporting %s", i, tlabel(g, i, k),
                             tlabel(g, i, rep));
                }
            }
            mc_q_clear_vec(vals, g->K[i]);
        }
    }
    mc_q_clear(&wo);
    mc_q_clear(&tmp);
    mc_q_clear(&d);
}

/* The two-agent game's ex-ante strategic form (small grids only): is the
 * truthful profile a pure NE, how many pure NE, all efficient?  A second
 * route to the interim check. */
static mc_status nf_truth(const mc_gum_setup *s, bool *truth_ne, json_t **out, mc_error *err)
{
    mc_gum_nf nf;
    mc_status st = mc_gum_static_nf(s, &s->mechs[0], &nf, err);
    if (st != MC_OK)
        return st;
    uint64_t tp = mc_gum_nf_truthful_profile(&nf);
    uint32_t strat[MC_MAX_PLAYERS];
    *truth_ne = true;
    for (unsigned i = 0; i < nf.n; i++) {
        mc_sform_profile_of(&nf.sf, tp, strat);
        for (uint32_t a = 0; a < nf.nstrat[i]; a++) {
            strat[i] = a;
            uint64_t p = mc_sform_profile_index(&nf.sf, strat);
            if (mc_q_cmp(mc_sform_payoff(&nf.sf, p, i), mc_sform_payoff(&nf.sf, tp, i)) > 0)
                *truth_ne = false;
        }
    }
    json_t *ne = NULL;
    size_t count = 0;
    bool all_eff = false;
    st = mc_gum_nf_nash(&nf, &s->pol.W, &ne, &count, &all_eff, err);
    if (st == MC_OK)
        *out = json_pack("{s:I,s:b,s:I,s:b}", "profiles", (json_int_t)nf.nprofiles,
                         "truthful_profile_is_ne", *truth_ne, "pure_ne", (json_int_t)count,
                         "all_pure_ne_efficient", all_eff);
    json_decref(ne);
    mc_gum_nf_free(&nf);
    return st;
}

/* ---- adding the dummy -------------------------------------------------------------- */

/* Profiles (theta_1, theta_2) where agent 1's or 2's transfer differs with
 * and without the dummy, or the dummy's is not 0. */
static json_t *dummy_json(const sgame *g3, const sgame *g2, uint64_t *changed)
{
    uint32_t m = g2->K[1];
    json_t *first = NULL;
    *changed = 0;
    for (uint32_t k1 = 0; k1 < m; k1++)
        for (uint32_t k2 = 0; k2 < m; k2++) {
            uint32_t r[MC_GUM_MAX_COMP] = {0, k1, k2, 0};
            bool same = mc_q_eq(sgame_y(g3, r, 1), sgame_y(g2, r, 1)) &&
                        mc_q_eq(sgame_y(g3, r, 2), sgame_y(g2, r, 2)) &&
                        mc_q_is_zero(sgame_y(g3, r, 3));
            if (same)
                continue;
            if (!(*changed)++) {
                char buf[64];
                snprintf(buf, sizeof buf, "(%s, %s)", tlabel(g2, 1, k1), tlabel(g2, 2, k2));
                first = json_pack("{s:s,s:o,s:o}", "theta", buf, "with_dummy",
                                  mc_gum_jvec(sgame_y(g3, r, 1), 3), "without_dummy",
                                  mc_gum_jvec(sgame_y(g2, r, 1), 2));
            }
        }
    json_t *o = json_pack("{s:I,s:I}", "profiles", (json_int_t)(m * m), "transfers_changed_at",
                          (json_int_t)*changed);
    if (first)
        json_object_set_new(o, "first_change", first);
    return o;
}

/* ---- the claim ------------------------------------------------------------------------ */

/* Does chi follow d = sign(sum of reports) with sign(0) = s->sign0? */
static uint64_t sign_rule_mismatches(const sgame *g)
{
    uint64_t bad = 0;
    uint32_t m = g->K[1];
    for (uint32_t k1 = 0; k1 < m; k1++)
        for (uint32_t k2 = 0; k2 < m; k2++) {
            uint32_t r[MC_GUM_MAX_COMP] = {0, k1, k2, 0};
            int64_t sum = 2 * (int64_t)(k1 + k2) - 2 * ((int64_t)m - 1);
            uint32_t want = sum > 0 ? 1 : sum < 0 ? 0 : g->s->sign0 > 0 ? 1 : 0;
            bad += g->s->pol.chi[1][sgame_state(g, r)] != want;
        }
    return bad;
}

typedef struct appg_run {
    mc_gum_setup s, other;            /* the instance, and with the dummy toggled */
    bool have_s, have_other;
    pair_res pairs[3];
    unsigned npairs;
} appg_run;

static void run_free(appg_run *r)
{
    for (unsigned k = 0; k < 3; k++) {
        mc_q_clear(&r->pairs[k].truthful);
        mc_q_clear(&r->pairs[k].best);
        mc_q_clear(&r->pairs[k].gain);
        json_decref(r->pairs[k].reports);
    }
    if (r->have_s)
        mc_gum_setup_free(&r->s);
    if (r->have_other)
        mc_gum_setup_free(&r->other);
}

static void set_margin(mc_claim_result *res, const char *name, const mc_q *v)
{
    if (!res->margins)
        res->margins = json_object();
    json_object_set_new(res->margins, name, mc_gum_jq(v));
}

/* Why the instance is outside the computation altogether, or NULL. */
static const char *outside(const mc_gum_setup *s)
{
    if (strcmp(s->env.name, "app-g"))
        return "the claim is about App G's example (env=app-g)";
    if (s->gopts.info != MC_GUM_V0 || s->past)
        return "App G's reports are simultaneous (info=v0, past=0)";
    if (s->transfer_free || s->sym_random)
        return "the pair analysis needs one deterministic transfer rule (not free or gum-sym-r)";
    return NULL;
}

mc_status mc_gum_check_app_g(const mc_instance *in, const mc_check_opts *o, mc_claim_result *res,
                             mc_error *err)
{
    (void)o;
    appg_run r;
    memset(&r, 0, sizeof r);
    for (unsigned k = 0; k < 3; k++)
        r.pairs[k].truthful = r.pairs[k].best = r.pairs[k].gain = MC_Q_ZERO;
    mc_status st = mc_gum_setup_read(&r.s, in, err);
    if (st != MC_OK)
        return st;
    r.have_s = true;
    const char *why_out = outside(&r.s);
    if (why_out) {
        mc_claim_result_set(res, MC_NOT_APPLICABLE, "%s", why_out);
        run_free(&r);
        return MC_OK;
    }
    bool dummy = r.s.env.n == 3;
    mc_instance in2;
    if ((st = mc_gum_instance_with(&in2, in, "dummy", dummy ? "0" : "1", err)) != MC_OK) {
        run_free(&r);
        return st;
    }
    st = mc_gum_setup_read(&r.other, &in2, err);
    mc_instance_free(&in2);
    if (st != MC_OK) {
        run_free(&r);
        return st;
    }
    r.have_other = true;
    sgame g, go;
    sgame_init(&g, &r.s);
    sgame_init(&go, &r.other);
    const sgame *g3 = dummy ? &g : &go, *g2 = dummy ? &go : &g;
    uint64_t mism = sign_rule_mismatches(&g);
    /* every pair (with the dummy: {1,2}, {1,3}, {2,3}) */
    static const uint32_t masks[3] = {3, 5, 6};
    r.npairs = dummy ? 3 : 1;
    for (unsigned k = 0; k < r.npairs && st == MC_OK; k++)
        st = pair_run(&g, masks[k], &r.pairs[k], err);
    /* truth as a BNE, with and without the dummy; the strategic form too
     * when it is small */
    mc_q gain2 = MC_Q_ZERO, gain3 = MC_Q_ZERO;
    char where2[128], where3[128];
    interim_gain(g2, &gain2, where2, sizeof where2);
    interim_gain(g3, &gain3, where3, sizeof where3);
    json_t *nf = NULL;
    bool nf_ne = false;
    if (st == MC_OK && g2->K[1] <= 4) {
        st = nf_truth(g2->s, &nf_ne, &nf, err);
        if (st == MC_OK && nf_ne != (mc_q_sgn(&gain2) == 0))
            st = mc_error_set(err, MC_EINTERNAL,
                              "app-g: the interim check and the strategic form disagree on "
                              "whether truth is a BNE");
    }
    if (st != MC_OK) {
        json_decref(nf);
        mc_q_clear(&gain2);
        mc_q_clear(&gain3);
        run_free(&r);
        return st;
    }
    res->nodes = (uint64_t)g.K[1] * g.K[1] * g.K[1] * g.K[1] * r.npairs;
    json_t *pairs = json_array();
    for (unsigned k = 0; k < r.npairs; k++)
        json_array_append_new(pairs, pair_json(&r.pairs[k]));
    json_t *bne = json_pack("{s:{s:o,s:s},s:{s:o,s:s}}", "two_agents",
                            "largest_interim_gain_of_a_lie", mc_gum_jq(&gain2), "at", where2,
                            "with_dummy", "largest_interim_gain_of_a_lie", mc_gum_jq(&gain3), "at",
                            where3);
    if (nf)
        json_object_set_new(json_object_get(bne, "two_agents"), "strategic_form", nf);
    uint64_t changed = 0;
    json_t *w = json_pack(
        "{s:o,s:i,s:s,s:I,s:o,s:o,s:o}", "setup", mc_gum_jsetup(&r.s), "grid", (int)g.K[1],
        "sign0", r.s.sign0 > 0 ? "plus" : "minus", "states_not_following_sign_rule",
        (json_int_t)mism, "pairs", pairs, "truth_is_bne", bne, "adding_the_dummy",
        dummy_json(g3, g2, &changed));
    bool agv = r.s.kind == MC_GUM_KIND_BTM;
    bool gum = r.s.kind == MC_GUM_KIND_GUM || r.s.kind == MC_GUM_KIND_SYM;
    if (agv)
        json_object_set_new(w, "printed_transfers",
                            json_pack("{s:o,s:o}", "two_agents", formula_json(g2), "with_dummy",
                                      formula_json(g3)));
    /* the continuous example by hand: the pair {1,2}'s transfer is
     * (g(r1) + g(r2))/2 with g(r) = (1 - r^2)/2 - 1/3, so reports -> 0 keeping
     * d gain E[(th1^2 + th2^2)/4] = 1/6 (a supremum); {1,3} maximises
     * th1 r - r^2/4, i.e. (139), gaining E[..] - (3/4) E th1^2 = 7/24 - 1/4 */
    json_object_set_new(
        w, "continuous_reference",
        json_pack("{s:s,s:s,s:s}", "pair_1_2_sup_gain", "1/6", "pair_1_3_gain_with_139", "1/24",
                  "note",
                  "hand-derived for U[-1,1]; the printed gain (1-eps^2)((th^_1)^2+(th^_2)^2)/4 "
                  "holds with the true types in place of the reports th^ = eps th"));
    res->witness = w;
    /* verdict */
    int bad = -1;             /* agv: a pair that cannot gain; gum: a pair that gains */
    mc_q extreme = MC_Q_ZERO; /* agv: smallest gain; gum: largest */
    for (unsigned k = 0; k < r.npairs; k++) {
        const mc_q *gk = &r.pairs[k].gain;
        if (k == 0 || (agv ? mc_q_cmp(gk, &extreme) < 0 : mc_q_cmp(gk, &extreme) > 0))
            mc_q_set(&extreme, gk);
        if (bad < 0 && (gum ? mc_q_sgn(gk) != 0 : mc_q_sgn(gk) <= 0))
            bad = (int)k;
    }
    char gains[200];
    size_t len = 0;
    for (unsigned k = 0; k < r.npairs; k++) {
        char q[64];
        mc_q_snprint(q, sizeof q, &r.pairs[k].gain);
        len += (size_t)snprintf(gains + len, sizeof gains - len, "%s{%s} %s", k ? ", " : "",
                                r.pairs[k].name, q);
    }
    set_margin(res, agv ? "min_pair_gain" : "max_pair_gain", &extreme);
    if (mism) {
        mc_claim_result_set(res, MC_NOT_APPLICABLE,
                            "the decision does not follow d = sign(sum of reports) at %llu "
                            "profiles; for contrast, pair gains: %s",
                            (unsigned long long)mism, gains);
    } else if (!dummy) {
        char q[64];
        mc_q_snprint(q, sizeof q, &r.pairs[0].gain);
        mc_claim_result_set(res, MC_NOT_APPLICABLE,
                            "the claim needs the dummy (dummy=1); for contrast, without it the "
                            "pair {1,2} is everyone and gains %s under %s",
                            q, r.s.mech_name);
    } else if (agv && bad < 0) {
        mc_claim_result_set(res, MC_HOLDS,
                            "under AGV with the dummy every pair gains by colluding (others "
                            "truthful; exact gains %s)",
                            gains);
    } else if (agv) {
        const pair_res *p = &r.pairs[bad];
        char a[64], b[64];
        mc_q_snprint(a, sizeof a, &p->best);
        mc_q_snprint(b, sizeof b, &p->truthful);
        mc_claim_result_set(res, MC_FAILS,
                            "pair {%s} cannot gain under AGV with the dummy: its pooled best %s "
                            "equals its truthful total %s (gains %s)",
                            p->name, a, b, gains);
    } else if (gum && bad < 0 && !changed) {
        mc_claim_result_set(res, MC_HOLDS,
                            "under %s no pair gains by colluding (pooled best = truthful total "
                            "for all three) and adding the dummy leaves agents 1 and 2's transfers "
                            "unchanged (the dummy's are 0)",
                            r.s.mech_name);
    } else if (gum) {
        mc_claim_result_set(res, MC_FAILS,
                            "under %s %s (gains %s; transfers changed by the dummy at %llu "
                            "profiles)",
                            r.s.mech_name,
                            bad >= 0 ? "some pair gains by colluding" : "adding the dummy changes "
                                                                        "the transfers",
                            gains, (unsigned long long)changed);
    } else {
        mc_claim_result_set(res, MC_NOT_APPLICABLE,
                            "the claim is about AGV (mech=agv/btm) and GUM; for contrast, under "
                            "%s the pair gains are %s",
                            r.s.mech_name, gains);
    }
    mc_q_clear(&extreme);
    mc_q_clear(&gain2);
    mc_q_clear(&gain3);
    run_free(&r);
    return MC_OK;
}
