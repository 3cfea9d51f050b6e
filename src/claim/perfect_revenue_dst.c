/* Theorem 1 of the perfect-revenue paper as linear programs (spec 4.2).
 *
 * A deterministic direct mechanism for n = 2, Omega = {bot, w} maps a
 * profile of reports -- each report a pair (c_1, c_2) of declared values
 * for w -- to an allocation x in {bot, w} and free-sign prices.  On a finite
 * grid R of reports and T of contexts (true value pairs), DST with the
 * opt-out condition and the revenue guarantee are linear in the prices once
 * the allocation is fixed; so enumerating the 2^(|R|^2) allocation patterns
 * and finding every LP infeasible, each with an exact Farkas certificate,
 * proves that no DST mechanism guarantees eps * MSW (DST over the whole
 * report space implies DST on the grid).  With T = R the IR rows are the
 * paper's non-negative utility property, P_i <= v^i_i(w).  A feasible
 * pattern does not refute the theorem (the grid is a relaxation): it makes
 * the verdict UNDECIDED. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim/perfect_revenue_claims.h"
#include "claim/perfect_revenue_foils.h"
#include "mechcheck/lp.h"

#define DST_MAX_R 3

const mc_param_doc mc_pr_dst_params[MC_PR_DST_NPARAMS] = {
    {"eps", "rational", "1/10", "the revenue fraction to guarantee, > 0"},
    {"reports", "rows", "paper",
     "the report grid R: \"paper\" for {(1,1), (eps/2, eps/2)}, or up to 3 pairs of exact "
     "numbers \"1,1;1/20,1/20\""},
    {"contexts", "rows", "reports", "the contexts T (true value pairs), a subset of R; default R"},
};

typedef struct {
    mc_q eps;
    unsigned nr, nt;
    mc_q r[DST_MAX_R][2]; /* reports */
    unsigned t[DST_MAX_R]; /* contexts, as indices into r */
} dst_grid;

static void grid_init(dst_grid *g)
{
    memset(g, 0, sizeof *g);
    g->eps = MC_Q_ZERO;
    for (unsigned i = 0; i < DST_MAX_R; i++)
        g->r[i][0] = g->r[i][1] = MC_Q_ZERO;
}

static void grid_clear(dst_grid *g)
{
    mc_q_clear(&g->eps);
    for (unsigned i = 0; i < DST_MAX_R; i++)
        mc_q_clear_vec(g->r[i], 2);
}

/* Up to DST_MAX_R pairs of exact numbers >= 0: "1,1;1/20,1/20" or
 * [[1,1],["1/20","1/20"]]. */
static mc_status pairs_read(const mc_instance *in, const json_t *v, const char *key,
                            mc_q (*out)[2], unsigned *n, mc_error *err)
{
    char text[1024];
    if (!mc_pr_json_rows(v, text, sizeof text))
        goto bad;
    *n = 0;
    for (char *row = text; row;) {
        char *next = strchr(row, ';');
        if (next)
            *next++ = '\0';
        char *comma = strchr(row, ',');
        if (*n >= DST_MAX_R || !comma)
            goto bad;
        *comma = '\0';
        if (mc_q_parse(&out[*n][0], row, (size_t)-1, NULL) != MC_OK ||
            mc_q_parse(&out[*n][1], comma + 1, (size_t)-1, NULL) != MC_OK ||
            mc_q_sgn(&out[*n][0]) < 0 || mc_q_sgn(&out[*n][1]) < 0)
            goto bad;
        (*n)++;
        row = next;
    }
    return MC_OK;
bad:
    return mc_error_set(err, MC_EINPUT,
                        "instance %s: '%s' must be 1..%d pairs of exact numbers >= 0, like "
                        "\"1,1;1/20,1/20\"",
                        in->origin, key, DST_MAX_R);
}

static mc_status grid_read(const mc_instance *in, dst_grid *g, mc_error *err)
{
    mc_status st = mc_inst_q(in, "eps", "1/10", &g->eps, err);
    if (st != MC_OK)
        return st;
    if (mc_q_sgn(&g->eps) <= 0)
        return mc_error_set(err, MC_EINPUT, "instance %s: eps must be > 0", in->origin);
    const json_t *rep = json_object_get(in->params, "reports");
    if (!rep || (json_is_string(rep) && !strcmp(json_string_value(rep), "paper"))) {
        g->nr = 2;
        mc_q_set_i64(&g->r[0][0], 1);
        mc_q_set_i64(&g->r[0][1], 1);
        mc_q half = MC_Q_ZERO;
        mc_q_set_frac(&half, 1, 2);
        mc_q_mul(&g->r[1][0], &g->eps, &half);
        mc_q_set(&g->r[1][1], &g->r[1][0]);
        mc_q_clear(&half);
    } else {
        mc_status st2 = pairs_read(in, rep, "reports", g->r, &g->nr, err);
        if (st2 != MC_OK)
            return st2;
        for (unsigned i = 0; i < g->nr; i++)
            for (unsigned k = 0; k < i; k++)
                if (mc_q_eq(&g->r[k][0], &g->r[i][0]) && mc_q_eq(&g->r[k][1], &g->r[i][1]))
                    return mc_error_set(err, MC_EINPUT, "instance %s: report %u repeats report %u",
                                        in->origin, i + 1, k + 1);
    }
    const json_t *ctx = json_object_get(in->params, "contexts");
    if (!ctx || (json_is_string(ctx) && !strcmp(json_string_value(ctx), "reports"))) {
        g->nt = g->nr;
        for (unsigned i = 0; i < g->nr; i++)
            g->t[i] = i;
        return MC_OK;
    }
    mc_q c[DST_MAX_R][2];
    for (unsigned i = 0; i < DST_MAX_R; i++)
        c[i][0] = c[i][1] = MC_Q_ZERO;
    unsigned nc = 0;
    mc_status st2 = pairs_read(in, ctx, "contexts", c, &nc, err);
    for (unsigned i = 0; st2 == MC_OK && i < nc; i++) {
        unsigned found = DST_MAX_R;
        for (unsigned k = 0; k < g->nr; k++)
            if (mc_q_eq(&g->r[k][0], &c[i][0]) && mc_q_eq(&g->r[k][1], &c[i][1]))
                found = k;
        if (found == DST_MAX_R)
            st2 = mc_error_set(err, MC_EINPUT, "instance %s: context %u must be one of the reports",
                               in->origin, i + 1);
        else
            g->t[g->nt++] = found;
    }
    for (unsigned i = 0; i < DST_MAX_R; i++)
        mc_q_clear_vec(c[i], 2);
    return st2;
}

mc_status mc_pr_dst_validate(const mc_instance *in, mc_error *err)
{
    dst_grid g;
    grid_init(&g);
    mc_status st = grid_read(in, &g, err);
    grid_clear(&g);
    return st;
}

/* Profile (report of 1, report of 2) -> index; prices P_i(p) are column
 * 2p + i. */
static unsigned prof(const dst_grid *g, unsigned r1, unsigned r2)
{
    return r1 * g->nr + r2;
}

static mc_status add_row(mc_lp *lp, mc_lp_bound kind, const mc_q *bound, size_t nnz,
                         const uint32_t *idx, const mc_q *coef, const char *name, mc_error *err)
{
    return mc_lp_add_row(lp, kind, kind == MC_LP_LOWER ? bound : NULL,
                         kind == MC_LP_UPPER ? bound : NULL, nnz, idx, coef, name, err);
}

/* The LP of one allocation pattern (bit p: x(p) = w). */
static mc_status build_lp(const dst_grid *g, uint32_t pattern, mc_lp *lp, mc_error *err)
{
    mc_lp_init(lp, MC_LP_MAX);
    unsigned np = g->nr * g->nr;
    mc_status st = MC_OK;
    char name[96];
    for (unsigned p = 0; p < np && st == MC_OK; p++)
        for (unsigned i = 0; i < 2 && st == MC_OK; i++) {
            snprintf(name, sizeof name, "P%u(%u,%u)", i + 1, p / g->nr + 1, p % g->nr + 1);
            st = mc_lp_add_col(lp, MC_LP_FREE, NULL, NULL, NULL, name, err);
        }
    mc_q b = MC_Q_ZERO, coef[2] = {MC_Q_INT(1), MC_Q_INT(-1)};
    uint32_t idx[2];
    for (unsigned c = 0; c < g->nt && st == MC_OK; c++) {
        unsigned t = g->t[c];
        for (unsigned i = 0; i < 2 && st == MC_OK; i++) {
            const mc_q *ti = &g->r[t][i];
            for (unsigned o = 0; o < g->nr && st == MC_OK; o++) {
                unsigned p = i == 0 ? prof(g, t, o) : prof(g, o, t);
                /* IR: t_i x(p) - P_i(p) >= 0 */
                mc_q_set_i64(&b, 0);
                if (pattern >> p & 1)
                    mc_q_set(&b, ti);
                idx[0] = 2 * p + i;
                snprintf(name, sizeof name, "IR ctx%u pl%u other%u", t + 1, i + 1, o + 1);
                st = add_row(lp, MC_LP_UPPER, &b, 1, idx, coef, name, err);
                /* DST: against every misreport r' */
                for (unsigned r = 0; r < g->nr && st == MC_OK; r++) {
                    if (r == t)
                        continue;
                    unsigned q = i == 0 ? prof(g, r, o) : prof(g, o, r);
                    /* P_i(q) - P_i(p) >= t_i (x(q) - x(p)) */
                    mc_q_set_i64(&b, (int64_t)(pattern >> q & 1) - (int64_t)(pattern >> p & 1));
                    mc_q_mul(&b, &b, ti);
                    idx[0] = 2 * q + i;
                    idx[1] = 2 * p + i;
                    snprintf(name, sizeof name, "DST ctx%u pl%u other%u lie%u", t + 1, i + 1,
                             o + 1, r + 1);
                    st = add_row(lp, MC_LP_LOWER, &b, 2, idx, coef, name, err);
                }
            }
        }
        if (st != MC_OK)
            break;
        /* guarantee: P_1(t,t) + P_2(t,t) >= eps (t_1 + t_2) */
        unsigned p = prof(g, t, t);
        mc_q_add(&b, &g->r[t][0], &g->r[t][1]);
        mc_q_mul(&b, &b, &g->eps);
        idx[0] = 2 * p;
        idx[1] = 2 * p + 1;
        mc_q one[2] = {MC_Q_INT(1), MC_Q_INT(1)};
        snprintf(name, sizeof name, "guarantee ctx%u", t + 1);
        st = add_row(lp, MC_LP_LOWER, &b, 2, idx, one, name, err);
    }
    mc_q_clear(&b);
    if (st != MC_OK)
        mc_lp_free(lp);
    return st;
}

/* Certificates shown per instance (the re-check solves the rest again and
 * checks their certificates from scratch). */
#define SHOW_LPS 16

/* "row = y; row = y" over the nonzero multipliers. */
static json_t *farkas_text(const mc_lp *lp, const mc_q *y)
{
    size_t cap = 64, len = 0;
    char *buf = malloc(cap);
    if (!buf)
        return json_null();
    buf[0] = '\0';
    for (size_t i = 0; i < lp->nrows; i++) {
        if (mc_q_is_zero(&y[i]))
            continue;
        char v[128];
        mc_q_snprint(v, sizeof v, &y[i]);
        size_t need = len + strlen(lp->row_name[i]) + strlen(v) + 8;
        if (need > cap) {
            char *b = realloc(buf, need * 2);
            if (!b) {
                free(buf);
                return json_null();
            }
            buf = b;
            cap = need * 2;
        }
        len += (size_t)snprintf(buf + len, cap - len, "%s%s = %s", len ? "; " : "",
                                lp->row_name[i], v);
    }
    json_t *j = json_string(buf);
    free(buf);
    return j;
}

static const char *pattern_text(const dst_grid *g, uint32_t pattern, char *buf, size_t cap)
{
    size_t len = 0;
    for (unsigned p = 0; p < g->nr * g->nr; p++)
        len += (size_t)snprintf(buf + len, len < cap ? cap - len : 0, "%s", pattern >> p & 1 ? "w" : "_");
    return buf;
}

static json_t *grid_json(const dst_grid *g)
{
    json_t *r = json_array();
    for (unsigned i = 0; i < g->nr; i++)
        json_array_append_new(r, json_pack("[o,o]", mc_json_q_or_null(&g->r[i][0]),
                                           mc_json_q_or_null(&g->r[i][1])));
    json_t *t = json_array();
    for (unsigned i = 0; i < g->nt; i++)
        json_array_append_new(t, json_integer(g->t[i] + 1));
    return json_pack("{s:o,s:o,s:o}", "eps", mc_json_q_or_null(&g->eps), "reports", r,
                     "contexts_as_report_numbers", t);
}

mc_status mc_pr_check_theorem1(const mc_instance *in, const mc_check_opts *o,
                               mc_claim_result *res, mc_error *err)
{
    (void)o;
    dst_grid g;
    grid_init(&g);
    mc_status st = grid_read(in, &g, err);
    uint32_t npat = 1u << (g.nr * g.nr);
    uint32_t infeasible = 0, feasible = 0, uncertain = 0, first_open = UINT32_MAX;
    json_t *pats = json_array();
    size_t ncols = 0, nrows = 0;
    mc_lp_options lo;
    mc_lp_options_default(&lo);
    for (uint32_t pat = 0; pat < npat && st == MC_OK; pat++) {
        mc_lp lp;
        if ((st = build_lp(&g, pat, &lp, err)) != MC_OK)
            break;
        ncols = lp.ncols;
        nrows = lp.nrows;
        mc_lp_result r;
        mc_lp_result_init(&r);
        st = mc_lp_solve(&lp, &lo, &r, err);
        if (st == MC_OK) {
            char pb[32];
            json_t *e = json_pack("{s:s,s:s}", "allocation", pattern_text(&g, pat, pb, sizeof pb),
                                  "status", mc_lp_status_name(r.status));
            if (r.status == MC_LP_INFEASIBLE_CERTIFIED) {
                infeasible++;
                json_object_set_new(e, "farkas", farkas_text(&lp, r.farkas));
            } else if (r.status == MC_LP_OPTIMAL_CERTIFIED) {
                feasible++;
                json_t *x = json_object();
                for (size_t j = 0; j < lp.ncols; j++)
                    json_object_set_new(x, lp.col_name[j], mc_json_q_or_null(&r.x[j]));
                json_object_set_new(e, "prices", x);
                if (first_open == UINT32_MAX)
                    first_open = pat;
            } else {
                uncertain++;
                json_object_set_new(e, "note", json_string(r.note));
                if (first_open == UINT32_MAX)
                    first_open = pat;
            }
            if (json_array_size(pats) < SHOW_LPS)
                json_array_append_new(pats, e);
            else
                json_decref(e);
            res->nodes++;
        }
        mc_lp_result_free(&r);
        mc_lp_free(&lp);
    }
    if (st == MC_OK) {
        res->witness = json_pack("{s:o,s:I,s:I,s:I,s:o,s:s}", "grid", grid_json(&g), "patterns",
                                 (json_int_t)npat, "lp_columns", (json_int_t)ncols, "lp_rows",
                                 (json_int_t)nrows, "lps", pats,
                                 "rows", "IR (= the non-negative utility property when T = R), "
                                         "DST against every misreport, revenue guarantee");
        pats = NULL;
        char *eps = mc_q_strdup(&g.eps);
        if (infeasible == npat)
            mc_claim_result_set(res, MC_HOLDS,
                                "all %u allocation patterns give infeasible LPs (%zu prices, %zu "
                                "rows), each with an exact Farkas certificate: no DST mechanism "
                                "guarantees eps = %s of MSW on this grid",
                                npat, ncols, nrows, eps);
        else
            mc_claim_result_set(res, MC_UNDECIDED,
                                "%u of %u allocation patterns are feasible on this grid and %u "
                                "uncertified (first: pattern %u); a larger grid is needed",
                                feasible, npat, uncertain, first_open);
        free(eps);
    }
    json_decref(pats);
    grid_clear(&g);
    return st;
}

/* Rebuilds every LP and checks each Farkas certificate of the witness from
 * scratch (mc_lp_check_farkas). */
mc_status mc_pr_recheck_theorem1(const mc_instance *in, const mc_claim_result *res,
                                 mc_error *err)
{
    if (res->verdict != MC_HOLDS)
        return MC_OK;
    dst_grid g;
    grid_init(&g);
    mc_status st = grid_read(in, &g, err);
    const json_t *lps = json_object_get(res->witness, "lps");
    uint32_t npat = 1u << (g.nr * g.nr);
    mc_lp_options lo;
    mc_lp_options_default(&lo);
    for (uint32_t pat = 0; pat < npat && st == MC_OK; pat++) {
        mc_lp lp;
        if ((st = build_lp(&g, pat, &lp, err)) != MC_OK)
            break;
        mc_q *y = malloc(lp.nrows * sizeof *y);
        if (!y) {
            mc_lp_free(&lp);
            st = mc_error_set(err, MC_ENOMEM, "recheck: out of memory");
            break;
        }
        mc_q_init_vec(y, lp.nrows);
        const char *f = json_string_value(json_object_get(json_array_get(lps, pat), "farkas"));
        if (f) { /* the witness's certificate: "row = y; row = y" */
            char *text = strdup(f);
            for (char *item = text; st == MC_OK && item && *item;) {
                char *next = strstr(item, "; ");
                if (next) {
                    *next = '\0';
                    next += 2;
                }
                char *eq = strstr(item, " = ");
                size_t i = 0;
                if (eq) {
                    *eq = '\0';
                    while (i < lp.nrows && strcmp(lp.row_name[i], item) != 0)
                        i++;
                }
                if (!eq || i == lp.nrows || mc_q_parse(&y[i], eq + 3, (size_t)-1, NULL) != MC_OK)
                    st = mc_error_set(err, MC_EINTERNAL, "recheck: pattern %u: bad certificate "
                                      "entry '%s'", pat, item);
                item = next;
            }
            free(text);
        } else { /* not shown: solve again, keep only the certificate */
            mc_lp_result r;
            mc_lp_result_init(&r);
            if ((st = mc_lp_solve(&lp, &lo, &r, err)) == MC_OK &&
                r.status != MC_LP_INFEASIBLE_CERTIFIED)
                st = mc_error_set(err, MC_EINTERNAL, "recheck: pattern %u is %s", pat,
                                  mc_lp_status_name(r.status));
            for (size_t i = 0; st == MC_OK && i < lp.nrows; i++)
                mc_q_set(&y[i], &r.farkas[i]);
            mc_lp_result_free(&r);
        }
        mc_error why;
        if (st == MC_OK && !mc_lp_check_farkas(&lp, y, &why))
            st = mc_error_set(err, MC_EINTERNAL, "recheck: pattern %u: %s", pat, why.msg);
        mc_q_clear_vec(y, lp.nrows);
        free(y);
        mc_lp_free(&lp);
    }
    grid_clear(&g);
    return st;
}
