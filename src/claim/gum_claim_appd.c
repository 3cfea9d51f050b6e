/* App D (Theorem 4) under BTM: after the paper's steps 1-2 (truth at the
 * bold rounds; blue's round-3 report the opposite kind of red's round-2
 * report) the game is blue's 4 round-1 maps against red's 16 round-2 maps
 * (functions of blue's round-1 report and red's round-2 type).  Payoffs
 * are exact expectations over the 128 type paths.
 *   gum/example-app-d: the paper's two 4 x 4 tables, cell by cell;
 *   gum/theorem-4: iterated weak dominance on the 4 x 16 game, all orders. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim/gum_checks.h"

#define NB 4  /* blue's round-1 maps */
#define NR 16 /* red's round-2 maps */

typedef struct appd {
    mc_gum_setup s;
    mc_q eu[NB][NR][MC_GUM_MAX_AGENTS]; /* expected utilities */
    mc_q eg[NB][NR][2];                 /* expected sum over t of gamma^{BTM} of blue, red */
    mc_q welfare[NB][NR];
} appd;

/* Blue's map b: report index for p1 index k (0 = 30%, 1 = 70%): bit k of b
 * ... encoded so that 0 = truthful, 1 = opposite, 2 = always 70%, 3 =
 * always 30% (the paper's order). */
static uint32_t blue_report(unsigned b, uint32_t k)
{
    switch (b) {
    case 0: return k;
    case 1: return 1 - k;
    case 2: return 1;
    default: return 0;
    }
}

/* Red's map r (0..15): report for (blue's round-1 report hb, own type k)
 * is bit (hb * 2 + k) of r. */
static uint32_t red_report(unsigned r, uint32_t hb, uint32_t k)
{
    return (r >> (hb * 2 + k)) & 1u;
}

/* The paper's named red strategies as maps. */
static unsigned red_named(int which)
{
    unsigned r = 0;
    for (uint32_t hb = 0; hb < 2; hb++)
        for (uint32_t k = 0; k < 2; k++) {
            uint32_t rep;
            switch (which) {
            case 0: rep = k; break;                             /* truthful */
            case 1: rep = 1 - hb; break;                        /* opposite kind to blue's */
            case 2: rep = (hb == 1 && k == 0) ? 0 : 1; break;   /* preferably high */
            default: rep = (hb == 0 && k == 1) ? 1 : 0; break;  /* preferably low */
            }
            r |= rep << (hb * 2 + k);
        }
    return r;
}

static void appd_free(appd *d)
{
    for (unsigned b = 0; b < NB; b++)
        for (unsigned r = 0; r < NR; r++) {
            mc_q_clear_vec(d->eu[b][r], MC_GUM_MAX_AGENTS);
            mc_q_clear_vec(d->eg[b][r], 2);
            mc_q_clear(&d->welfare[b][r]);
        }
    mc_gum_setup_free(&d->s);
}

static mc_status appd_build(appd *d, const mc_instance *in, mc_error *err)
{
    for (unsigned b = 0; b < NB; b++)
        for (unsigned r = 0; r < NR; r++) {
            mc_q_init_vec(d->eu[b][r], MC_GUM_MAX_AGENTS);
            mc_q_init_vec(d->eg[b][r], 2);
            d->welfare[b][r] = MC_Q_ZERO;
        }
    mc_status st = mc_gum_setup_read(&d->s, in, err);
    if (st != MC_OK) {
        memset(&d->s, 0, sizeof d->s);
        return st;
    }
    const mc_gum_env *e = &d->s.env;
    unsigned n = e->n;
    mc_q *u = malloc(n * sizeof *u), *gam = malloc((size_t)(n + 1) * n * sizeof *gam);
    if (!u || !gam) {
        free(u);
        free(gam);
        return mc_error_set(err, MC_ENOMEM, "app-d: out of memory");
    }
    mc_q_init_vec(u, n);
    mc_q_init_vec(gam, (size_t)(n + 1) * n);
    mc_q prob = MC_Q_ZERO, g = MC_Q_ZERO;
    /* the BTM terms gamma^{BTM,i}_t = sum_{j != i} gamma^{i->j} of blue and
     * red, memoised per (t, previous reports, reports) */
    mc_q *gtab[5] = {NULL};
    for (unsigned t = 1; t <= 4 && st == MC_OK; t++) {
        size_t len = (size_t)e->nstates[t - 1] * e->nstates[t] * 2;
        if (!(gtab[t] = malloc(len * sizeof *gtab[t]))) {
            st = mc_error_set(err, MC_ENOMEM, "app-d: out of memory");
            break;
        }
        mc_q_init_vec(gtab[t], len);
        for (uint64_t pv = 0; pv < e->nstates[t - 1] && st == MC_OK; pv++)
            for (uint64_t cu = 0; cu < e->nstates[t] && st == MC_OK; cu++) {
                st = mc_gum_btm_externalities(e, &d->s.pol, t, pv, cu, gam, err);
                for (unsigned i = 1; i <= 2; i++) {
                    mc_q *dst = &gtab[t][(pv * e->nstates[t] + cu) * 2 + i - 1];
                    for (unsigned j = 0; j < n; j++)
                        if (j != i - 1)
                            mc_q_add(dst, dst, &gam[i * n + j]);
                }
            }
    }
    /* type paths: blue types at t = 1..4, red at t = 2..4 (bits) */
    for (unsigned path = 0; path < 128 && st == MC_OK; path++) {
        mc_gum_play pl;
        memset(&pl, 0, sizeof pl);
        uint32_t bt[5] = {0}, rt[5] = {0};
        for (unsigned t = 1; t <= 4; t++)
            bt[t] = (path >> (t - 1)) & 1u;
        for (unsigned t = 2; t <= 4; t++)
            rt[t] = (path >> (4 + t - 2)) & 1u;
        mc_q_set_i64(&prob, 1);
        for (unsigned t = 1; t <= 4; t++) {
            mc_q_mul(&prob, &prob, &mc_gum_trans(e, t, 1, 0, bt[t - 1], 0)[bt[t]]);
            if (t >= 2)
                mc_q_mul(&prob, &prob, &mc_gum_trans(e, t, 2, 0, rt[t - 1], 0)[rt[t]]);
        }
        if (mc_q_is_zero(&prob))
            continue;
        for (unsigned b = 0; b < NB && st == MC_OK; b++)
            for (unsigned r = 0; r < NR && st == MC_OK; r++) {
                for (unsigned t = 1; t <= 4; t++) {
                    pl.types[t][1] = bt[t];
                    pl.types[t][2] = rt[t];
                }
                uint32_t hb1 = blue_report(b, bt[1]);
                uint32_t hr2 = red_report(r, hb1, rt[2]);
                pl.reports[1][1] = hb1;
                pl.reports[2][1] = bt[2];
                pl.reports[3][1] = hr2 == 0 ? 1 : 0; /* opposite kind of red's round-2 report */
                pl.reports[4][1] = bt[4];
                pl.reports[2][2] = hr2;
                pl.reports[3][2] = rt[3];
                pl.reports[4][2] = rt[4];
                mc_gum_play_utility(&d->s.mechs[0], &pl, false, u);
                for (unsigned i = 0; i < n; i++) {
                    mc_q_addmul(&d->eu[b][r][i], &prob, &u[i]);
                    mc_q_addmul(&d->welfare[b][r], &prob, &u[i]);
                }
                for (unsigned t = 1; t <= 4; t++) {
                    uint64_t prev = mc_gum_state_index(e, t - 1, pl.reports[t - 1]);
                    uint64_t cur = mc_gum_state_index(e, t, pl.reports[t]);
                    const mc_q *gg = &gtab[t][(prev * e->nstates[t] + cur) * 2];
                    for (unsigned i = 0; i < 2; i++)
                        mc_q_addmul(&d->eg[b][r][i], &prob, &gg[i]);
                }
            }
    }
    for (unsigned t = 1; t <= 4; t++)
        if (gtab[t]) {
            mc_q_clear_vec(gtab[t], (size_t)e->nstates[t - 1] * e->nstates[t] * 2);
            free(gtab[t]);
        }
    mc_q_clear(&prob);
    mc_q_clear(&g);
    mc_q_clear_vec(u, n);
    mc_q_clear_vec(gam, (size_t)(n + 1) * n);
    free(u);
    free(gam);
    return st;
}

static bool is_appd(const mc_gum_setup *s)
{
    return !strcmp(s->env.name, "app-d") && s->kind == MC_GUM_KIND_BTM;
}

static const char *const blue_names[NB] = {"truthful", "opposite (1 - p)", "always 70%",
                                           "always 30%"};
static const char *const red_names[4] = {"truthful", "opposite kind to blue's report",
                                         "preferably high", "preferably low"};

mc_status mc_gum_check_example_appd(const mc_instance *in, const mc_check_opts *o,
                                    mc_claim_result *res, mc_error *err)
{
    (void)o;
    appd d;
    mc_status st = appd_build(&d, in, err);
    if (st != MC_OK) {
        appd_free(&d);
        return st;
    }
    if (!is_appd(&d.s)) {
        mc_claim_result_set(res, MC_NOT_APPLICABLE, "the example is env = app-d with mech = btm");
        appd_free(&d);
        return MC_OK;
    }
    /* the paper's tables (rows blue, columns red), N = 3, eps = 3 */
    static const int64_t tab_g[4][4][2] = {{{0, 0}, {2, 0}, {1, 0}, {1, 0}},
                                           {{0, 0}, {6, 4}, {3, 2}, {3, 2}},
                                           {{0, 0}, {4, 2}, {1, 0}, {3, 2}},
                                           {{0, 0}, {4, 2}, {3, 2}, {1, 0}}};
    static const int64_t tab_u[4][4][2] = {{{0, 0}, {8, -2}, {4, -1}, {4, -1}},
                                           {{0, 0}, {16, 2}, {8, 1}, {8, 1}},
                                           {{0, 0}, {12, -2}, {4, -1}, {8, 1}},
                                           {{0, 0}, {12, -2}, {8, 1}, {4, -1}}};
    json_t *items = json_array();
    bool ok = true;
    unsigned rt = red_named(0);
    mc_q a = MC_Q_ZERO, c = MC_Q_ZERO, third = MC_Q_ZERO, fourth = MC_Q_ZERO;
    mc_q_set_frac(&third, 1, 3);
    mc_q_set_frac(&fourth, 4, 3);
    for (unsigned b = 0; b < 4; b++)
        for (unsigned k = 0; k < 4; k++) {
            unsigned r = red_named((int)k);
            char what[160], want[64], got[160];
            mc_q_mul(&a, &d.eg[b][r][0], &third);
            mc_q_mul(&c, &d.eg[b][r][1], &third);
            size_t len = (size_t)snprintf(got, sizeof got, "(");
            len += mc_q_snprint(got + len, sizeof got - len, &a);
            len += (size_t)snprintf(got + len, sizeof got - len, ", ");
            len += mc_q_snprint(got + len, sizeof got - len, &c);
            snprintf(got + len, sizeof got - len, ")");
            snprintf(want, sizeof want, "(%lld, %lld)", (long long)tab_g[b][k][0],
                     (long long)tab_g[b][k][1]);
            snprintf(what, sizeof what, "(1/3)(E gamma_blue, E gamma_red): blue %s, red %s",
                     blue_names[b], red_names[k]);
            mc_gum_item(items, what, "paper", want, got, &ok);
        }
    for (unsigned b = 0; b < 4; b++)
        for (unsigned k = 0; k < 4; k++) {
            unsigned r = red_named((int)k);
            char what[160], want[64], got[160];
            mc_q_sub(&a, &d.eu[b][r][0], &d.eu[0][rt][0]);
            mc_q_mul(&a, &a, &fourth);
            mc_q_sub(&c, &d.eu[b][r][1], &d.eu[0][rt][1]);
            mc_q_mul(&c, &c, &fourth);
            size_t len = (size_t)snprintf(got, sizeof got, "(");
            len += mc_q_snprint(got + len, sizeof got - len, &a);
            len += (size_t)snprintf(got + len, sizeof got - len, ", ");
            len += mc_q_snprint(got + len, sizeof got - len, &c);
            snprintf(got + len, sizeof got - len, ")");
            snprintf(want, sizeof want, "(%lld, %lld)", (long long)tab_u[b][k][0],
                     (long long)tab_u[b][k][1]);
            snprintf(what, sizeof what,
                     "(4/3)(E U_blue, E U_red) + C, C fixed by the (truthful, truthful) cell: "
                     "blue %s, red %s",
                     blue_names[b], red_names[k]);
            mc_gum_item(items, what, "paper", want, got, &ok);
        }
    mc_q_clear(&a);
    mc_q_clear(&c);
    mc_q_clear(&third);
    mc_q_clear(&fourth);
    size_t bad = 0, i;
    json_t *it;
    json_array_foreach (items, i, it)
        bad += !json_is_true(json_object_get(it, "match"));
    res->witness = json_pack("{s:o,s:o,s:o,s:o}", "setup", mc_gum_jsetup(&d.s), "items", items,
                             "truthful_truthful_expected_utilities",
                             mc_gum_jagents(&d.s.env, d.eu[0][rt]), "reading",
                             json_string("E gamma is the expectation of sum_t gamma^{BTM,i}_t "
                                         "(eq. 33); the second table is compared after "
                                         "subtracting the (truthful, truthful) cell, which the "
                                         "paper's constant C sets to (0, 0)"));
    if (!ok)
        mc_claim_result_set(res, MC_FAILS, "%zu of the 32 printed cells differ (see items)", bad);
    else
        mc_claim_result_set(res, MC_HOLDS, "all 32 printed cells are reproduced exactly");
    appd_free(&d);
    return MC_OK;
}

mc_status mc_gum_check_theorem4(const mc_instance *in, const mc_check_opts *o,
                                mc_claim_result *res, mc_error *err)
{
    (void)o;
    appd d;
    mc_status st = appd_build(&d, in, err);
    if (st != MC_OK) {
        appd_free(&d);
        return st;
    }
    if (!is_appd(&d.s)) {
        mc_claim_result_set(res, MC_NOT_APPLICABLE, "Theorem 4's witness is env = app-d, mech = btm");
        appd_free(&d);
        return MC_OK;
    }
    /* the paper's condition 0 < eps/6 < 4 - 6/(N-1), i.e. 0 < eps(N-1) < 24(N-1) - 36 */
    {
        mc_q eps = MC_Q_ZERO, lhs = MC_Q_ZERO, rhs = MC_Q_ZERO, nm1 = MC_Q_INT((int64_t)d.s.env.n - 1);
        mc_q_neg(&eps, &mc_gum_pay(&d.s.env, 2, 2, 0)[1]); /* red's round-2 loss for a wrong guess */
        mc_q_mul(&lhs, &eps, &nm1);
        mc_q_set_i64(&rhs, 24 * ((int64_t)d.s.env.n - 1) - 36);
        bool cond = mc_q_sgn(&eps) > 0 && mc_q_cmp(&lhs, &rhs) < 0;
        char ebuf[64];
        mc_q_snprint(ebuf, sizeof ebuf, &eps);
        mc_q_clear(&eps);
        mc_q_clear(&lhs);
        mc_q_clear(&rhs);
        if (!cond) {
            mc_claim_result_set(res, MC_NOT_APPLICABLE,
                                "hypothesis violated: the paper needs 0 < eps/6 < 4 - 6/(N-1); "
                                "eps = %s, N = %u",
                                ebuf, d.s.env.n);
            appd_free(&d);
            return MC_OK;
        }
    }
    mc_sform sf;
    uint32_t ns[2] = {NB, NR};
    mc_dom_game dg;
    if ((st = mc_sform_init(&sf, 2, ns, false, 0, err)) != MC_OK) {
        appd_free(&d);
        return st;
    }
    sf.agent_names = calloc(2, sizeof *sf.agent_names);
    sf.strategy_names[0] = calloc(NB, sizeof(char *));
    sf.strategy_names[1] = calloc(NR, sizeof(char *));
    if (!sf.agent_names || !sf.strategy_names[0] || !sf.strategy_names[1]) {
        mc_sform_free(&sf);
        appd_free(&d);
        return mc_error_set(err, MC_ENOMEM, "theorem-4: out of memory");
    }
    sf.agent_names[0] = strdup("blue");
    sf.agent_names[1] = strdup("red");
    for (unsigned b = 0; b < NB; b++)
        sf.strategy_names[0][b] = strdup(blue_names[b]);
    static const char *const pl[2] = {"20%", "80%"};
    for (unsigned r = 0; r < NR; r++) {
        char buf[128];
        const char *name = NULL;
        for (int k = 0; k < 4; k++)
            if (red_named(k) == r)
                name = red_names[k];
        snprintf(buf, sizeof buf, "%s%s[30%%:%s/%s,70%%:%s/%s]", name ? name : "",
                 name ? " " : "", pl[red_report(r, 0, 0)], pl[red_report(r, 0, 1)],
                 pl[red_report(r, 1, 0)], pl[red_report(r, 1, 1)]);
        sf.strategy_names[1][r] = strdup(buf);
    }
    for (unsigned b = 0; b < NB; b++)
        for (unsigned r = 0; r < NR; r++) {
            uint32_t sp[2] = {b, r};
            uint64_t p = mc_sform_profile_index(&sf, sp);
            mc_q_set(mc_sform_payoff(&sf, p, 0), &d.eu[b][r][0]);
            mc_q_set(mc_sform_payoff(&sf, p, 1), &d.eu[b][r][1]);
        }
    json_t *ends = json_array();
    bool all_ineff = true, eff_somewhere = false;
    mc_dom_result dr;
    memset(&dr, 0, sizeof dr);
    bool have_dr = false;
    if ((st = mc_dom_game_init(&dg, &sf, err)) == MC_OK) {
        mc_dom_options opt;
        mc_dom_options_default(&opt, MC_DOM_WEAK, MC_DOM_ALL_ORDERS);
        st = mc_dom_iterate(&dg, NULL, &opt, &dr, err);
        have_dr = true;
        for (size_t k = 0; st == MC_OK && k < dr.nends; k++) {
            json_t *prof = json_array();
            for (unsigned b = 0; b < NB; b++)
                for (unsigned r = 0; r < NR; r++) {
                    if (!mc_survivors_has(&dr.ends[k].survivors, 0, b) ||
                        !mc_survivors_has(&dr.ends[k].survivors, 1, r))
                        continue;
                    bool eff = mc_q_eq(&d.welfare[b][r], &d.s.pol.W);
                    all_ineff = all_ineff && !eff;
                    json_array_append_new(
                        prof, json_pack("{s:s,s:s,s:o,s:o,s:b}", "blue", sf.strategy_names[0][b],
                                        "red", sf.strategy_names[1][r], "utilities",
                                        mc_gum_jagents(&d.s.env, d.eu[b][r]), "welfare",
                                        mc_gum_jq(&d.welfare[b][r]), "efficient", eff));
                }
            json_array_append_new(ends, json_pack("{s:o}", "profiles", prof));
        }
        mc_dom_game_free(&dg);
    }
    for (unsigned b = 0; b < NB; b++)
        for (unsigned r = 0; r < NR; r++)
            eff_somewhere = eff_somewhere || mc_q_eq(&d.welfare[b][r], &d.s.pol.W);
    if (st == MC_OK || st == MC_ELIMIT) {
        bool limited = st == MC_ELIMIT;
        st = MC_OK;
        res->witness = json_pack("{s:o,s:o,s:b,s:b,s:I,s:o,s:s}", "setup", mc_gum_jsetup(&d.s),
                                 "W*", mc_gum_jq(&d.s.pol.W), "unique_efficient_policy",
                                 d.s.pol.unique_all, "order_independent",
                                 have_dr && dr.order_independent, "terminal_sets",
                                 (json_int_t)(have_dr ? dr.nends : 0), "ends", ends, "steps_1_2",
                                 "taken from the paper: truth at the bold rounds, blue's round-3 "
                                 "report the opposite kind of red's round-2 report");
        ends = NULL;
        if (limited)
            mc_claim_result_set(res, MC_UNDECIDED, "the all-orders exploration hit its limit");
        else if (!d.s.pol.unique_all)
            mc_claim_result_set(res, MC_FAILS, "the efficient policy is not unique");
        else if (!eff_somewhere)
            mc_claim_result_set(res, MC_UNDECIDED,
                                "no profile of the reduced game is efficient; the comparison is "
                                "vacuous");
        else if (all_ineff)
            mc_claim_result_set(res, MC_HOLDS,
                                "the efficient policy is unique, and every order of weak-dominance "
                                "elimination in the 4 x 16 game leaves only inefficient profiles "
                                "(%zu terminal set%s)",
                                dr.nends, dr.nends == 1 ? "" : "s");
        else
            mc_claim_result_set(res, MC_FAILS,
                                "some order of weak-dominance elimination keeps an efficient "
                                "profile");
    }
    if (have_dr)
        mc_dom_result_free(&dr);
    json_decref(ends);
    mc_sform_free(&sf);
    appd_free(&d);
    return st;
}
