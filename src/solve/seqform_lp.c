/* The sequence-form maximin LP of a side against a pooled adversary (spec
 * 004 sec. 2.11 (B)), solved through mc_lp_solve and re-checked by two
 * best-response DPs. */
#include <stdlib.h>
#include <string.h>

#include "lp/lp_internal.h"
#include "mechcheck/seqform.h"
#include "solve/ef_internal.h"

void mc_seqform_options_default(mc_seqform_options *o)
{
    memset(o, 0, sizeof *o);
    mc_lp_options_default(&o->lp);
    o->verify = true;
}

void mc_seqform_result_init(mc_seqform_result *r)
{
    memset(r, 0, sizeof *r);
    r->value = MC_Q_ZERO;
}

void mc_seqform_result_free(mc_seqform_result *r)
{
    mc_q_clear(&r->value);
    if (r->x)
        mc_q_clear_vec(r->x, r->max_side.nseq);
    if (r->y)
        mc_q_clear_vec(r->y, r->min_side.nseq);
    free(r->x);
    free(r->y);
    mc_ef_side_free(&r->max_side);
    mc_ef_side_free(&r->min_side);
    mc_seqform_result_init(r);
}

/* ---- realization plans and the DP re-check ------------------------------- */

static bool is_realization(const mc_ef_side *s, const mc_q *x, const char *what, mc_error *why)
{
    mc_q one = MC_Q_INT(1), sum = MC_Q_ZERO;
    bool ok = mc_q_eq(&x[0], &one);
    if (!ok)
        mc_error_set(why, MC_EINPUT, "sequence form: %s of the empty sequence is not 1", what);
    for (uint32_t t = 0; ok && t < s->nseq; t++)
        if (mc_q_sgn(&x[t]) < 0) {
            mc_error_set(why, MC_EINPUT, "sequence form: %s is negative at sequence %u", what, t);
            ok = false;
        }
    for (uint32_t J = 0; ok && J < s->ninfosets; J++) {
        mc_q_set_i64(&sum, 0);
        for (uint32_t b = 0; b < s->nactions[J]; b++)
            mc_q_add(&sum, &sum, &x[s->first_seq[J] + b]);
        if (!mc_q_eq(&sum, &x[s->parent_seq[J]])) {
            mc_error_set(why, MC_EINPUT,
                         "sequence form: %s does not sum to its parent at the set of node #%u",
                         what, s->first_node[J] + 1);
            ok = false;
        }
    }
    mc_q_clear(&sum);
    return ok;
}

bool mc_seqform_check(const mc_ef_matrix *a, const mc_ef_side *max_side, const mc_ef_side *min_side,
                      const mc_q *x, const mc_q *y, const mc_q *value, mc_error *why)
{
    if (a->nrows != max_side->nseq || a->ncols != min_side->nseq) {
        mc_error_set(why, MC_EINPUT, "sequence form: matrix and sides differ in size");
        return false;
    }
    if (!is_realization(max_side, x, "x", why) || !is_realization(min_side, y, "y", why))
        return false;
    size_t n = a->nrows > a->ncols ? a->nrows : a->ncols;
    mc_q *buf = malloc(n * sizeof *buf), v = MC_Q_ZERO;
    if (!buf) {
        mc_error_set(why, MC_ENOMEM, "sequence form: out of memory");
        return false;
    }
    mc_q_init_vec(buf, n);
    bool ok = true;
    mc_ef_matrix_xA(a, x, buf);
    if (mc_ef_side_dp(min_side, buf, false, &v, NULL, why) != MC_OK) {
        ok = false;
    } else if (!mc_q_eq(&v, value)) {
        mc_error_set(why, MC_EINPUT,
                     "sequence form: the adversary's best response to x does not give the value");
        ok = false;
    }
    if (ok) {
        mc_ef_matrix_Ay(a, y, buf);
        if (mc_ef_side_dp(max_side, buf, true, &v, NULL, why) != MC_OK) {
            ok = false;
        } else if (!mc_q_eq(&v, value)) {
            mc_error_set(why, MC_EINPUT,
                         "sequence form: the best response to y does not give the value");
            ok = false;
        }
    }
    mc_q_clear(&v);
    mc_q_clear_vec(buf, n);
    free(buf);
    return ok;
}

/* ---- the LP ------------------------------------------------------------------ */

typedef struct lp_builder {
    mc_lp lp;
    uint32_t *idx;
    mc_q *coef;
    size_t cap;
} lp_builder;

static bool ensure_row(lp_builder *b, size_t n)
{
    if (n <= b->cap)
        return true;
    size_t cap = b->cap, old = cap;
    if (!ef_grow((void **)&b->coef, sizeof *b->coef, &cap, n))
        return false;
    size_t c2 = old;
    if (!ef_grow((void **)&b->idx, sizeof *b->idx, &c2, cap))
        return false;
    mc_q_init_vec(b->coef + old, cap - old);
    b->cap = cap;
    return true;
}

/* Columns: x_s (s < nx), then q_root, then q_J.  Rows: one per min sequence
 * t (index t), then x_0 = 1, then one per max set. */
static mc_status build_lp(lp_builder *b, const mc_ef_matrix *A, const mc_ef_side *mx,
                          const mc_ef_side *mn, mc_error *err)
{
    mc_q zero = MC_Q_ZERO, one = MC_Q_INT(1), minus = MC_Q_INT(-1);
    uint32_t nx = mx->nseq, qroot = nx, q0 = nx + 1;
    mc_status st = MC_OK;
    for (uint32_t s = 0; s < nx && st == MC_OK; s++)
        st = mc_lp_add_col(&b->lp, MC_LP_LOWER, &zero, NULL, NULL, NULL, err);
    if (st == MC_OK)
        st = mc_lp_add_col(&b->lp, MC_LP_FREE, NULL, NULL, &one, "q_root", err);
    for (uint32_t J = 0; J < mn->ninfosets && st == MC_OK; J++)
        st = mc_lp_add_col(&b->lp, MC_LP_FREE, NULL, NULL, NULL, NULL, err);
    if (st != MC_OK)
        return st;
    /* children sets of each min sequence */
    uint32_t *cstart = calloc((size_t)mn->nseq + 1, sizeof *cstart);
    uint32_t *clist = malloc(((size_t)mn->ninfosets + 1) * sizeof *clist);
    if (!cstart || !clist) {
        free(cstart);
        free(clist);
        return mc_error_set(err, MC_ENOMEM, "sequence form: out of memory");
    }
    for (uint32_t J = 0; J < mn->ninfosets; J++)
        cstart[mn->parent_seq[J] + 1]++;
    for (uint32_t t = 0; t < mn->nseq; t++)
        cstart[t + 1] += cstart[t];
    for (uint32_t J = 0; J < mn->ninfosets; J++)
        clist[cstart[mn->parent_seq[J]]++] = J;
    for (uint32_t t = mn->nseq; t-- > 0;)
        cstart[t + 1] = cstart[t];
    cstart[0] = 0;
    size_t e = 0;
    for (uint32_t t = 0; t < mn->nseq && st == MC_OK; t++) {
        size_t e0 = e;
        while (e < A->nnz && A->col[e] == t)
            e++;
        size_t len = 0, need = 1 + (cstart[t + 1] - cstart[t]) + (e - e0);
        if (!ensure_row(b, need)) {
            st = mc_error_set(err, MC_ENOMEM, "sequence form: out of memory");
            break;
        }
        if (t == 0) {
            b->idx[len] = qroot;
            b->coef[len++] = one;
        } else {
            b->idx[len] = q0 + mc_ef_side_seq_infoset(mn, t, NULL);
            b->coef[len++] = one;
        }
        for (uint32_t k = cstart[t]; k < cstart[t + 1]; k++) {
            b->idx[len] = q0 + clist[k];
            b->coef[len++] = minus;
        }
        for (size_t k = e0; k < e; k++) {
            b->idx[len] = A->row[k];
            mc_q_neg(&b->coef[len++], &A->val[k]);
        }
        st = mc_lp_add_row(&b->lp, MC_LP_UPPER, NULL, &zero, len, b->idx, b->coef, NULL, err);
        for (size_t k = 0; k < len; k++) /* the negated entries may be big */
            mc_q_set_i64(&b->coef[k], 0);
    }
    free(cstart);
    free(clist);
    if (st != MC_OK)
        return st;
    b->idx[0] = 0;
    b->coef[0] = one;
    if ((st = mc_lp_add_row(&b->lp, MC_LP_FIXED, &one, &one, 1, b->idx, b->coef, "x_root", err)) !=
        MC_OK)
        return st;
    for (uint32_t I = 0; I < mx->ninfosets && st == MC_OK; I++) {
        size_t len = 0;
        if (!ensure_row(b, mx->nactions[I] + 1))
            return mc_error_set(err, MC_ENOMEM, "sequence form: out of memory");
        for (uint32_t a = 0; a < mx->nactions[I]; a++) {
            b->idx[len] = mx->first_seq[I] + a;
            b->coef[len++] = one;
        }
        b->idx[len] = mx->parent_seq[I];
        b->coef[len++] = minus;
        st = mc_lp_add_row(&b->lp, MC_LP_FIXED, &zero, &zero, len, b->idx, b->coef, NULL, err);
    }
    return st;
}

mc_status mc_seqform_maximin(const mc_ef *ef, mc_players max_players, mc_players min_players,
                             const mc_seqform_options *o, mc_seqform_result *r, mc_error *err)
{
    mc_seqform_options dflt;
    if (!o) {
        mc_seqform_options_default(&dflt);
        o = &dflt;
    }
    mc_seqform_result_free(r);
    r->lp_status = MC_LP_UNDECIDED;
    if (!max_players || (max_players & min_players) ||
        ((max_players | min_players) & ~mc_players_all(ef->nplayers)))
        return mc_error_set(err, MC_EINPUT,
                            "sequence form: the max side must be a nonempty set of players "
                            "disjoint from the min side");
    double t0 = mc_lp_now();
    mc_status st = mc_ef_side_build(ef, max_players, &r->max_side, err);
    if (st == MC_OK)
        st = mc_ef_side_build(ef, min_players, &r->min_side, err);
    if (st != MC_OK)
        return st;
    mc_q *w = malloc(ef->nplayers * sizeof *w);
    if (!w)
        return mc_error_set(err, MC_ENOMEM, "sequence form: out of memory");
    for (unsigned p = 0; p < ef->nplayers; p++)
        w[p] = (mc_q)MC_Q_INT(mc_players_has(max_players, p));
    mc_ef_matrix A;
    st = mc_ef_payoff_matrix(ef, &r->max_side, &r->min_side, o->fixed, w, &A, err);
    free(w);
    if (st != MC_OK)
        return st;
    r->nnz = A.nnz;
    lp_builder b = {0};
    mc_lp_init(&b.lp, MC_LP_MAX);
    mc_lp_result res;
    mc_lp_result_init(&res);
    st = build_lp(&b, &A, &r->max_side, &r->min_side, err);
    r->lp_rows = b.lp.nrows;
    r->lp_cols = b.lp.ncols;
    r->build_seconds = mc_lp_now() - t0;
    if (st == MC_OK)
        st = mc_lp_solve(&b.lp, &o->lp, &res, err);
    r->basis_dim = res.basis_dim;
    r->used_glp_exact = res.used_glp_exact;
    r->glpk_seconds = res.glpk_seconds;
    r->exact_seconds = res.exact_seconds;
    snprintf(r->note, sizeof r->note, "%s", res.note);
    if (st == MC_OK && res.status != MC_LP_OPTIMAL_CERTIFIED && !r->note[0])
        snprintf(r->note, sizeof r->note, "sequence-form LP: %s", mc_lp_status_name(res.status));
    if (st == MC_OK && res.status == MC_LP_OPTIMAL_CERTIFIED) {
        uint32_t nx = r->max_side.nseq, ny = r->min_side.nseq;
        r->x = malloc(nx * sizeof *r->x);
        r->y = malloc(ny * sizeof *r->y);
        if (!r->x || !r->y) {
            st = mc_error_set(err, MC_ENOMEM, "sequence form: out of memory");
        } else {
            mc_q_init_vec(r->x, nx);
            mc_q_init_vec(r->y, ny);
            for (uint32_t s = 0; s < nx; s++)
                mc_q_set(&r->x[s], &res.x[s]);
            for (uint32_t t = 0; t < ny; t++) /* duals of <= rows of a max LP are >= 0 */
                mc_q_set(&r->y[t], &res.y[t]);
            mc_q_set(&r->value, &res.value);
            r->lp_status = MC_LP_OPTIMAL_CERTIFIED;
            if (o->verify) {
                double t1 = mc_lp_now();
                mc_error why;
                mc_error_clear(&why);
                r->verified = mc_seqform_check(&A, &r->max_side, &r->min_side, r->x, r->y,
                                               &r->value, &why);
                r->verify_seconds = mc_lp_now() - t1;
                if (!r->verified) {
                    r->lp_status = MC_LP_UNDECIDED;
                    snprintf(r->note, sizeof r->note, "DP re-check failed: %.230s", why.msg);
                }
            }
        }
        if (r->lp_status != MC_LP_OPTIMAL_CERTIFIED || st != MC_OK) {
            if (r->x)
                mc_q_clear_vec(r->x, nx);
            if (r->y)
                mc_q_clear_vec(r->y, ny);
            free(r->x);
            free(r->y);
            r->x = r->y = NULL;
            mc_q_set_i64(&r->value, 0);
            r->lp_status = MC_LP_UNDECIDED;
        }
    }
    if (b.coef)
        mc_q_clear_vec(b.coef, b.cap);
    free(b.coef);
    free(b.idx);
    mc_lp_result_free(&res);
    mc_lp_free(&b.lp);
    mc_ef_matrix_free(&A);
    return st;
}
