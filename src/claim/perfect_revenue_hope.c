/* The HOPE-FOR-THE-BEST claims of the perfect-revenue paper (Sec. 1.4,
 * footnote 1; spec 4.9), on a report grid: the truthful equilibrium, the
 * scaled-down equilibria E_x and the paper's numbers for them, footnote 1's
 * low-revenue equilibrium, and equilibrium selection (the spread of pure
 * equilibria; iterated weak dominance in several orders and iterated strict
 * dominance do not single out the truth). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim/perfect_revenue_claims.h"
#include "claim/perfect_revenue_foils.h"
#include "mech/perfect_revenue_hope.h"
#include "mechcheck/dominance.h"
#include "mechcheck/nash.h"

const mc_param_doc mc_pr_hope_params[MC_PR_HOPE_NPARAMS] = {
    {"n", "int", "2", "number of players, 2..3"},
    {"states", "string-list", "w", "names of the non-null states, \"a,b\" (the null state first)"},
    {"tv", "rows", NULL, "true values: one row of n exact numbers per non-null state, rows "
                         "separated by ';' (\"2,4\")"},
    {"discount", "rational", "0", "the participation discount subtracted from every price"},
    {"grid", "rational-list", "0,1,2,3,4,5", "the values a report may give each entry"},
    {"x", "int", "2", "the scaling of E_x (hope-scaled-*)"},
    {"c", "rational", "1", "footnote 1's common value c (hope-footnote-1)"},
};

/* Splits text at any of seps (in place); returns the number of words. */
static unsigned split_words(char *text, const char *seps, char **words, unsigned max)
{
    unsigned k = 0;
    for (char *t = text;;) {
        size_t n = strcspn(t, seps);
        while (*t == ' ' && n > 0) {
            t++;
            n--;
        }
        if (k < max)
            words[k] = t;
        k++;
        if (!t[n])
            break;
        t[n] = '\0';
        t += n + 1;
    }
    return k;
}

static mc_status hope_read(const mc_instance *in, mc_hope *h, int64_t *x, mc_q *c, mc_error *err)
{
    int64_t dn = 2, dx = 2, n;
    mc_status st = mc_inst_int(in, "n", 2, MC_HOPE_MAX_N, &dn, &n, err);
    if (st != MC_OK)
        return st;
    h->n = (unsigned)n;
    char text[1024], *words[MC_HOPE_MAX_STATES * MC_HOPE_MAX_N + 1];
    const json_t *sv = json_object_get(in->params, "states");
    h->nstates = 1;
    if (!sv)
        snprintf(text, sizeof text, "w");
    else if (!mc_pr_json_rows(sv, text, sizeof text) || strchr(text, ';'))
        return mc_error_set(err, MC_EINPUT, "instance %s: 'states' must list names (\"a,b\")",
                            in->origin);
    unsigned k = split_words(text, ",", words, MC_HOPE_MAX_STATES);
    if (k < 1 || k >= MC_HOPE_MAX_STATES)
        return mc_error_set(err, MC_EINPUT, "instance %s: 'states' must list 1..%d names",
                            in->origin, MC_HOPE_MAX_STATES - 1);
    for (unsigned i = 0; i < k; i++)
        snprintf(h->state_name[h->nstates++], sizeof h->state_name[0], "%s", words[i]);
    const json_t *tv = json_object_get(in->params, "tv");
    unsigned rows = h->nstates - 1;
    if (!tv || !mc_pr_json_rows(tv, text, sizeof text) ||
        split_words(text, ",;", words, MC_HOPE_MAX_STATES * MC_HOPE_MAX_N + 1) != rows * h->n)
        return mc_error_set(err, MC_EINPUT,
                            "instance %s: 'tv' needs %u rows of %u exact numbers (\"2,4\")",
                            in->origin, rows, h->n);
    for (unsigned w = 0; w < rows; w++)
        for (unsigned j = 0; j < h->n; j++)
            if (mc_q_parse(&h->tv[w + 1][j], words[w * h->n + j], (size_t)-1, NULL) != MC_OK ||
                mc_q_sgn(&h->tv[w + 1][j]) < 0)
                return mc_error_set(err, MC_EINPUT, "instance %s: TV_%u(%s) must be an exact "
                                    "number >= 0", in->origin, j + 1, h->state_name[w + 1]);
    if ((st = mc_inst_q(in, "discount", "0", &h->discount, err)) != MC_OK)
        return st;
    if (mc_q_sgn(&h->discount) < 0)
        return mc_error_set(err, MC_EINPUT, "instance %s: the discount must be >= 0", in->origin);
    const json_t *gv = json_object_get(in->params, "grid");
    if (!gv) {
        h->ngrid = 6;
        for (unsigned g = 0; g < 6; g++)
            mc_q_set_i64(&h->grid[g], g);
    } else {
        if (!mc_pr_json_rows(gv, text, sizeof text) || strchr(text, ';') ||
            (h->ngrid = split_words(text, ",", words, MC_HOPE_MAX_GRID)) > MC_HOPE_MAX_GRID)
            return mc_error_set(err, MC_EINPUT, "instance %s: 'grid' must list 1..%d values",
                                in->origin, MC_HOPE_MAX_GRID);
        for (unsigned g = 0; g < h->ngrid; g++)
            if (mc_q_parse(&h->grid[g], words[g], (size_t)-1, NULL) != MC_OK)
                return mc_error_set(err, MC_EINPUT, "instance %s: grid value '%s' must be exact",
                                    in->origin, words[g]);
    }
    if ((st = mc_inst_int(in, "x", 2, 1000, &dx, x, err)) != MC_OK ||
        (st = mc_inst_q(in, "c", "1", c, err)) != MC_OK)
        return st;
    mc_error herr;
    if ((st = mc_hope_finish(h, &herr)) != MC_OK)
        return mc_error_set(err, st, "instance %s: %s", in->origin, herr.msg);
    return MC_OK;
}

mc_status mc_pr_hope_read(const mc_instance *in, mc_hope *h, mc_error *err)
{
    int64_t x;
    mc_q c = MC_Q_ZERO;
    mc_hope_init(h);
    mc_status st = hope_read(in, h, &x, &c, err);
    mc_q_clear(&c);
    return st;
}

mc_status mc_pr_hope_validate(const mc_instance *in, mc_error *err)
{
    mc_hope h;
    mc_hope_init(&h);
    int64_t x;
    mc_q c = MC_Q_ZERO;
    mc_status st = hope_read(in, &h, &x, &c, err);
    mc_hope_clear(&h);
    mc_q_clear(&c);
    return st;
}

/* ---- shared: the form, its equilibria ------------------------------------------ */

typedef struct {
    mc_hope h;
    int64_t x;
    mc_q c, msw;
    unsigned msw_state;
    mc_sform sf;
    mc_nash_result ne;
    bool have_sf, have_ne;
} hope_run;

static mc_status run_init(hope_run *r, const mc_instance *in, mc_error *err)
{
    memset(r, 0, sizeof *r);
    mc_hope_init(&r->h);
    r->c = r->msw = MC_Q_ZERO;
    mc_status st = hope_read(in, &r->h, &r->x, &r->c, err);
    if (st != MC_OK)
        return st;
    mc_q w = MC_Q_ZERO;
    for (unsigned s = 1; s < r->h.nstates; s++) {
        mc_q_set_i64(&w, 0);
        for (unsigned j = 0; j < r->h.n; j++)
            mc_q_add(&w, &w, &r->h.tv[s][j]);
        if (mc_q_cmp(&w, &r->msw) > 0) {
            mc_q_set(&r->msw, &w);
            r->msw_state = s;
        }
    }
    mc_q_clear(&w);
    if ((st = mc_hope_sform(&r->h, &r->sf, err)) != MC_OK)
        return st;
    r->have_sf = true;
    st = mc_nash_pure(&r->sf, NULL, 0, &r->ne, err);
    r->have_ne = true;
    return st;
}

static void run_free(hope_run *r)
{
    if (r->have_ne)
        mc_nash_result_free(&r->ne);
    if (r->have_sf)
        mc_sform_free(&r->sf);
    mc_hope_clear(&r->h);
    mc_q_clear(&r->c);
    mc_q_clear(&r->msw);
}

static bool is_ne(const hope_run *r, uint64_t profile)
{
    for (size_t k = 0; k < r->ne.count; k++)
        if (r->ne.profile[k] == profile)
            return true;
    return false;
}

/* The profile where every player sends report s. */
static uint64_t all_report(const hope_run *r, uint32_t s)
{
    uint32_t st[MC_HOPE_MAX_N];
    for (unsigned j = 0; j < r->h.n; j++)
        st[j] = s;
    return mc_sform_profile_index(&r->sf, st);
}

static json_t *outcome_json(const hope_run *r, uint32_t s, mc_hope_outcome *o)
{
    uint32_t st[MC_HOPE_MAX_N];
    for (unsigned j = 0; j < r->h.n; j++)
        st[j] = s;
    mc_hope_evaluate(&r->h, st, o);
    char buf[160];
    mc_hope_report_text(&r->h, s, buf, sizeof buf);
    json_t *u = json_array();
    for (unsigned j = 0; j < r->h.n; j++)
        json_array_append_new(u, mc_json_q_or_null(&o->utility[j]));
    return json_pack("{s:s,s:s,s:o,s:o,s:o,s:b}", "report", buf, "state", r->h.state_name[o->state],
                     "revenue", mc_json_q_or_null(&o->revenue), "welfare",
                     mc_json_q_or_null(&o->welfare), "utilities", u, "nash",
                     is_ne(r, all_report(r, s)));
}

/* The report giving every entry the value v(w, j) = scale * TV_j(w) (or,
 * for footnote 1, c at state w1 and 0 elsewhere). */
static uint32_t scaled_report(const hope_run *r, const mc_q *scale)
{
    mc_q v[MC_HOPE_MAX_STATES][MC_HOPE_MAX_N];
    for (unsigned w = 0; w < MC_HOPE_MAX_STATES; w++)
        for (unsigned j = 0; j < MC_HOPE_MAX_N; j++) {
            v[w][j] = MC_Q_ZERO;
            if (w < r->h.nstates && j < r->h.n)
                mc_q_mul(&v[w][j], &r->h.tv[w][j], scale);
        }
    uint32_t s = mc_hope_report(&r->h, (const mc_q(*)[MC_HOPE_MAX_N])v);
    for (unsigned w = 0; w < MC_HOPE_MAX_STATES; w++)
        mc_q_clear_vec(v[w], MC_HOPE_MAX_N);
    return s;
}

static json_t *common(const hope_run *r)
{
    return json_pack("{s:I,s:I,s:o,s:o}", "reports_per_player", (json_int_t)r->h.nstrategies,
                     "pure_nash_equilibria", (json_int_t)r->ne.count, "MSW",
                     mc_json_q_or_null(&r->msw), "discount", mc_json_q_or_null(&r->h.discount));
}

/* ---- (i) truthful -------------------------------------------------------------------- */

mc_status mc_pr_check_hope_truthful(const mc_instance *in, const mc_check_opts *o,
                                    mc_claim_result *res, mc_error *err)
{
    (void)o;
    hope_run r;
    mc_status st = run_init(&r, in, err);
    if (st == MC_OK) {
        uint32_t t = scaled_report(&r, &MC_Q_INT(1));
        if (t == UINT32_MAX) {
            mc_claim_result_set(res, MC_NOT_APPLICABLE, "the report grid does not contain TV");
        } else {
            mc_hope_outcome out;
            mc_hope_outcome_init(&out);
            res->witness = common(&r);
            json_object_set_new(res->witness, "truthful", outcome_json(&r, t, &out));
            mc_q want = MC_Q_ZERO, nd = MC_Q_ZERO;
            mc_q_set_i64(&nd, r.h.n);
            mc_q_mul(&nd, &nd, &r.h.discount);
            mc_q_sub(&want, &r.msw, &nd);
            bool ne = is_ne(&r, all_report(&r, t));
            char *rev = mc_q_strdup(&out.revenue), *w = mc_q_strdup(&want);
            res->nodes = r.sf.nprofiles;
            if (ne && mc_q_eq(&out.revenue, &want))
                mc_claim_result_set(res, MC_HOLDS,
                                    "truthful reporting is one of %zu pure Nash equilibria, with "
                                    "revenue %s = MSW - n * discount",
                                    r.ne.count, rev);
            else
                mc_claim_result_set(res, MC_FAILS,
                                    "truthful reporting %s a Nash equilibrium; revenue %s versus "
                                    "MSW - n * discount = %s",
                                    ne ? "is" : "is not", rev, w);
            free(rev);
            free(w);
            mc_q_clear(&want);
            mc_q_clear(&nd);
            mc_hope_outcome_clear(&out);
        }
    }
    run_free(&r);
    return st;
}

/* ---- (ii) E_x ------------------------------------------------------------------------ */

static mc_status scaled(const mc_instance *in, mc_claim_result *res, mc_error *err, bool numbers)
{
    hope_run r;
    mc_status st = run_init(&r, in, err);
    if (st != MC_OK) {
        run_free(&r);
        return st;
    }
    mc_q inv = MC_Q_ZERO, fx = MC_Q_ZERO, t = MC_Q_ZERO;
    mc_q_set_frac(&inv, 1, r.x);
    uint32_t s1 = scaled_report(&r, &MC_Q_INT(1)), sx = scaled_report(&r, &inv);
    if (s1 == UINT32_MAX || sx == UINT32_MAX || r.x < 2) {
        mc_claim_result_set(res, MC_NOT_APPLICABLE,
                            "the report grid must contain TV and TV/x (x = %lld >= 2)",
                            (long long)r.x);
        goto done;
    }
    mc_hope_outcome o1, ox;
    mc_hope_outcome_init(&o1);
    mc_hope_outcome_init(&ox);
    res->nodes = r.sf.nprofiles;
    res->witness = common(&r);
    json_object_set_new(res->witness, "x", json_integer(r.x));
    json_object_set_new(res->witness, "E_1", outcome_json(&r, s1, &o1));
    json_object_set_new(res->witness, "E_x", outcome_json(&r, sx, &ox));
    bool ne = is_ne(&r, all_report(&r, sx));
    /* the paper: utilities grow by the factor x, revenue is MSW/x */
    json_t *ratios = json_array(), *ratios0 = json_array();
    bool factor_ok = true;
    mc_q_set_i64(&fx, r.x);
    for (unsigned j = 0; j < r.h.n; j++) {
        mc_q_mul(&t, &fx, &o1.utility[j]);
        factor_ok = factor_ok && mc_q_eq(&t, &ox.utility[j]);
        if (mc_q_is_zero(&o1.utility[j]))
            json_array_append_new(ratios, json_string("undefined (E_1 utility 0)"));
        else {
            mc_q_div(&t, &ox.utility[j], &o1.utility[j]);
            json_array_append_new(ratios, mc_json_q_or_null(&t));
        }
        /* with discount 0: E_1 gives 0, E_x gives TV_j (1 - 1/x) at the chosen state */
        mc_q_set_i64(&t, 1);
        mc_q_sub(&t, &t, &inv);
        mc_q_mul(&t, &t, &r.h.tv[ox.state][j]);
        json_array_append_new(ratios0,
                              json_pack("{s:s,s:o}", "E_1", "0", "E_x", mc_json_q_or_null(&t)));
    }
    mc_q frac = MC_Q_ZERO;
    if (!mc_q_is_zero(&r.msw))
        mc_q_div(&frac, &ox.revenue, &r.msw);
    bool frac_ok = mc_q_eq(&frac, &inv);
    json_object_set_new(res->witness, "utility_ratio_E_x_over_E_1", ratios);
    json_object_set_new(res->witness, "utilities_with_discount_0", ratios0);
    json_object_set_new(res->witness, "revenue_fraction_of_MSW", mc_json_q_or_null(&frac));
    json_object_set_new(res->witness, "paper", json_string("utility of each player increased by "
                                                           "a factor x; money collected a fraction "
                                                           "1/x of the maximum possible revenue"));
    char *fr = mc_q_strdup(&frac);
    if (!numbers) {
        if (ne)
            mc_claim_result_set(res, MC_HOLDS,
                                "E_%lld (everyone reports TV/%lld) is a pure Nash equilibrium "
                                "(one of %zu); revenue fraction of MSW %s",
                                (long long)r.x, (long long)r.x, r.ne.count, fr);
        else
            mc_claim_result_set(res, MC_FAILS, "E_%lld is not a Nash equilibrium", (long long)r.x);
    } else if (factor_ok && frac_ok) {
        mc_claim_result_set(res, MC_HOLDS,
                            "in E_%lld every utility is %lld times that of E_1 and the revenue is "
                            "1/%lld of MSW",
                            (long long)r.x, (long long)r.x, (long long)r.x);
    } else {
        mc_claim_result_set(res, MC_FAILS,
                            "literally false here: %s; revenue fraction of MSW %s%s (see "
                            "utility_ratio_E_x_over_E_1 and utilities_with_discount_0)",
                            factor_ok ? "the utilities do grow by the factor x"
                                      : "the utilities do not grow by the factor x (E_1 utilities "
                                        "are just the discount)",
                            fr, frac_ok ? " = 1/x" : " != 1/x (the discount)");
    }
    free(fr);
    mc_q_clear(&frac);
    mc_hope_outcome_clear(&o1);
    mc_hope_outcome_clear(&ox);
done:
    mc_q_clear(&inv);
    mc_q_clear(&fx);
    mc_q_clear(&t);
    run_free(&r);
    return MC_OK;
}

mc_status mc_pr_check_hope_scaled(const mc_instance *in, const mc_check_opts *o,
                                  mc_claim_result *res, mc_error *err)
{
    (void)o;
    return scaled(in, res, err, false);
}

mc_status mc_pr_check_hope_scaled_numbers(const mc_instance *in, const mc_check_opts *o,
                                          mc_claim_result *res, mc_error *err)
{
    (void)o;
    return scaled(in, res, err, true);
}

/* ---- (iii) footnote 1 ------------------------------------------------------------------ */

mc_status mc_pr_check_hope_footnote(const mc_instance *in, const mc_check_opts *o,
                                    mc_claim_result *res, mc_error *err)
{
    (void)o;
    hope_run r;
    mc_status st = run_init(&r, in, err);
    if (st != MC_OK) {
        run_free(&r);
        return st;
    }
    /* omega: the first non-null state; every TV_i(omega) must exceed c > 0 */
    unsigned w = 1;
    bool ok = mc_q_sgn(&r.c) > 0;
    for (unsigned j = 0; j < r.h.n; j++)
        ok = ok && mc_q_cmp(&r.h.tv[w][j], &r.c) > 0;
    mc_q v[MC_HOPE_MAX_STATES][MC_HOPE_MAX_N];
    for (unsigned s = 0; s < MC_HOPE_MAX_STATES; s++)
        for (unsigned j = 0; j < MC_HOPE_MAX_N; j++)
            v[s][j] = MC_Q_ZERO;
    for (unsigned j = 0; j < r.h.n; j++)
        mc_q_set(&v[w][j], &r.c);
    uint32_t s = mc_hope_report(&r.h, (const mc_q(*)[MC_HOPE_MAX_N])v);
    for (unsigned k = 0; k < MC_HOPE_MAX_STATES; k++)
        mc_q_clear_vec(v[k], MC_HOPE_MAX_N);
    if (!ok || s == UINT32_MAX) {
        mc_claim_result_set(res, MC_NOT_APPLICABLE,
                            "footnote 1 needs TV_i(%s) > c > 0 for all i and c, 0 on the grid",
                            r.h.state_name[w]);
        run_free(&r);
        return MC_OK;
    }
    mc_hope_outcome out;
    mc_hope_outcome_init(&out);
    res->nodes = r.sf.nprofiles;
    res->witness = common(&r);
    json_object_set_new(res->witness, "profile", outcome_json(&r, s, &out));
    bool ne = is_ne(&r, all_report(&r, s));
    mc_q want = MC_Q_ZERO, t = MC_Q_ZERO, wel = MC_Q_ZERO;
    mc_q_set_i64(&t, r.h.n);
    mc_q_sub(&want, &r.c, &r.h.discount);
    mc_q_mul(&want, &want, &t); /* c n - n discount */
    for (unsigned j = 0; j < r.h.n; j++)
        mc_q_add(&wel, &wel, &r.h.tv[w][j]);
    json_object_set_new(res->witness, "paper_revenue_cn_minus_discounts", mc_json_q_or_null(&want));
    char *rv = mc_q_strdup(&out.revenue), *wl = mc_q_strdup(&out.welfare);
    if (ne && mc_q_eq(&want, &out.revenue) && mc_q_eq(&wel, &out.welfare))
        mc_claim_result_set(res, MC_HOLDS,
                            "everyone reporting value c at %s is a Nash equilibrium with revenue "
                            "%s = c n - n discount and welfare %s",
                            r.h.state_name[w], rv, wl);
    else
        mc_claim_result_set(res, MC_FAILS,
                            "the footnote-1 profile %s a Nash equilibrium; revenue %s, welfare %s",
                            ne ? "is" : "is not", rv, wl);
    free(rv);
    free(wl);
    mc_q_clear(&want);
    mc_q_clear(&t);
    mc_q_clear(&wel);
    mc_hope_outcome_clear(&out);
    run_free(&r);
    return MC_OK;
}

/* ---- equilibrium selection ----------------------------------------------------------------- */

static json_t *survivors_json(const hope_run *r, const mc_dom_result *d, uint32_t truthful)
{
    json_t *per = json_array();
    bool only_truth = true;
    for (unsigned j = 0; j < r->h.n; j++) {
        char buf[1024];
        mc_survivors_snprint(buf, sizeof buf, &d->survivors, j);
        json_array_append_new(per, json_pack("{s:I,s:s}", "count",
                                             (json_int_t)d->survivors.count[j], "strategies", buf));
        only_truth = only_truth && d->survivors.count[j] == 1 &&
                     mc_survivors_has(&d->survivors, j, truthful);
    }
    return json_pack("{s:s,s:s,s:I,s:I,s:o,s:b}", "notion", mc_dom_notion_name(d->notion),
                     "order", mc_dom_order_name(d->order), "rounds", (json_int_t)d->nrounds,
                     "deleting_rounds", (json_int_t)d->ndeleting, "survivors", per,
                     "only_truthful_survives", only_truth);
}

mc_status mc_pr_check_hope_dominance(const mc_instance *in, const mc_check_opts *o,
                                     mc_claim_result *res, mc_error *err)
{
    (void)o;
    hope_run r;
    mc_status st = run_init(&r, in, err);
    mc_dom_game dg;
    bool have_dg = false;
    if (st == MC_OK)
        st = mc_dom_game_init(&dg, &r.sf, err);
    have_dg = st == MC_OK;
    uint32_t t = scaled_report(&r, &MC_Q_INT(1));
    json_t *runs = json_array();
    bool singled_out = false;
    static const struct {
        mc_dom_notion notion;
        mc_dom_order order;
        unsigned first;
    } plans[] = {{MC_DOM_WEAK, MC_DOM_ROUNDS, 0},
                 {MC_DOM_WEAK, MC_DOM_ALTERNATING, 0},
                 {MC_DOM_WEAK, MC_DOM_ALTERNATING, 1},
                 {MC_DOM_STRICT, MC_DOM_ROUNDS, 0}};
    for (size_t k = 0; k < sizeof plans / sizeof plans[0] && st == MC_OK; k++) {
        mc_dom_options opt;
        mc_dom_options_default(&opt, plans[k].notion, plans[k].order);
        opt.first_agent = plans[k].first;
        mc_dom_result d;
        st = mc_dom_iterate(&dg, NULL, &opt, &d, err);
        if (st == MC_OK) {
            json_t *j = survivors_json(&r, &d, t);
            if (plans[k].order == MC_DOM_ALTERNATING)
                json_object_set_new(j, "first_player", json_integer(plans[k].first + 1));
            singled_out = singled_out || json_is_true(json_object_get(j, "only_truthful_survives"));
            json_array_append_new(runs, j);
        }
        mc_dom_result_free(&d);
    }
    if (st == MC_OK) {
        /* the spread of pure equilibria: distinct (revenue, welfare) pairs */
        json_t *pairs = json_object();
        bool poor_revenue = false, poor_welfare = false;
        mc_hope_outcome out;
        mc_hope_outcome_init(&out);
        mc_q best = MC_Q_ZERO, nd = MC_Q_ZERO;
        mc_q_set_i64(&nd, r.h.n);
        mc_q_mul(&nd, &nd, &r.h.discount);
        mc_q_sub(&best, &r.msw, &nd);
        for (size_t k = 0; k < r.ne.count; k++) {
            uint32_t s[MC_HOPE_MAX_N];
            mc_sform_profile_of(&r.sf, r.ne.profile[k], s);
            mc_hope_evaluate(&r.h, s, &out);
            poor_revenue = poor_revenue || mc_q_cmp(&out.revenue, &best) < 0;
            poor_welfare = poor_welfare || mc_q_cmp(&out.welfare, &r.msw) < 0;
            char *rv = mc_q_strdup(&out.revenue), *wl = mc_q_strdup(&out.welfare);
            char key[160];
            snprintf(key, sizeof key, "revenue %s, welfare %s", rv ? rv : "?", wl ? wl : "?");
            free(rv);
            free(wl);
            json_t *c = json_object_get(pairs, key);
            json_object_set_new(pairs, key, json_integer(c ? json_integer_value(c) + 1 : 1));
        }
        mc_hope_outcome_clear(&out);
        mc_q_clear(&best);
        mc_q_clear(&nd);
        res->nodes = r.sf.nprofiles;
        res->witness = common(&r);
        json_object_set_new(res->witness, "nash_revenue_welfare", pairs);
        json_object_set_new(res->witness, "eliminations", runs);
        runs = NULL;
        if (r.ne.count > 1 && poor_revenue && poor_welfare && !singled_out)
            mc_claim_result_set(res, MC_HOLDS,
                                "%zu pure Nash equilibria, some with revenue below MSW - n * "
                                "discount and some with welfare below MSW; neither iterated weak "
                                "dominance (3 orders) nor iterated strict dominance leaves only "
                                "the truthful report",
                                r.ne.count);
        else
            mc_claim_result_set(res, MC_FAILS,
                                "%zu pure Nash equilibria (poor revenue: %s, poor welfare: %s); "
                                "the truthful report %s singled out by some elimination",
                                r.ne.count, poor_revenue ? "yes" : "no", poor_welfare ? "yes" : "no",
                                singled_out ? "is" : "is not");
    }
    json_decref(runs);
    if (have_dg)
        mc_dom_game_free(&dg);
    run_free(&r);
    return st;
}
