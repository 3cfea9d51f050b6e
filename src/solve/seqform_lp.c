/* The sequence-form maximin LP of a side against a pooled adversary (spec
 * 004 sec. 2.11 (B)), solved through mc_lp_solve and re-checked by two
 * best-response DPs. */
#include <stdlib.h>
#include <string.h>

#include "lp/lp_internal.h"
#include "mechcheck/seqform.h"
#include "solve/ef_internal.h"
#include "solve/seqform_internal.h"

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

/* Frees x and y (sized by the sides) and zeroes the value. */
static void drop_solution(mc_seqform_result *r)
{
    if (r->x)
        mc_q_clear_vec(r->x, r->max_side.nseq);
    if (r->y)
        mc_q_clear_vec(r->y, r->min_side.nseq);
    free(r->x);
    free(r->y);
    r->x = r->y = NULL;
    mc_q_set_i64(&r->value, 0);
}

void mc_seqform_result_free(mc_seqform_result *r)
{
    drop_solution(r);
    mc_q_clear(&r->value);
    mc_ef_side_free(&r->max_side);
    mc_ef_side_free(&r->min_side);
    mc_seqform_result_init(r);
}

bool mc_seqform_check(const mc_ef_matrix *a, const mc_ef_side *max_side, const mc_ef_side *min_side,
                      const mc_q *x, const mc_q *y, const mc_q *value, mc_error *why)
{
    return ef_seqform_exact_check(a, max_side, min_side, x, y, value, NULL, why) == 0;
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

/* Columns: x_s (s < nx), then q_root, then q_J for the min sets included
 * (those whose parent sequence is in S).  Rows: one per min sequence t in S
 * (row_of[t]), then x_0 = 1, then one per max set.  in_s NULL: S = all. */
static mc_status build_lp(lp_builder *b, const mc_ef_matrix *A, const mc_ef_side *mx,
                          const mc_ef_side *mn, const uint8_t *in_s, uint32_t *row_of,
                          mc_error *err)
{
    mc_q zero = MC_Q_ZERO, one = MC_Q_INT(1), minus = MC_Q_INT(-1);
    uint32_t nx = mx->nseq, qroot = nx;
    mc_status st = MC_OK;
    uint32_t *qcol = malloc(((size_t)mn->ninfosets + 1) * sizeof *qcol);
    uint32_t *cstart = calloc((size_t)mn->nseq + 1, sizeof *cstart);
    uint32_t *clist = malloc(((size_t)mn->ninfosets + 1) * sizeof *clist);
    if (!qcol || !cstart || !clist) {
        st = mc_error_set(err, MC_ENOMEM, "sequence form: out of memory");
        goto done;
    }
    for (uint32_t s = 0; s < nx && st == MC_OK; s++)
        st = mc_lp_add_col(&b->lp, MC_LP_LOWER, &zero, NULL, NULL, NULL, err);
    if (st == MC_OK)
        st = mc_lp_add_col(&b->lp, MC_LP_FREE, NULL, NULL, &one, "q_root", err);
    for (uint32_t J = 0; J < mn->ninfosets && st == MC_OK; J++) {
        qcol[J] = MC_EF_NONE;
        if (in_s && !in_s[mn->parent_seq[J]])
            continue;
        qcol[J] = (uint32_t)b->lp.ncols;
        st = mc_lp_add_col(&b->lp, MC_LP_FREE, NULL, NULL, NULL, NULL, err);
    }
    if (st != MC_OK)
        goto done;
    /* the sets below each min sequence */
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
        if (in_s && !in_s[t]) {
            if (row_of)
                row_of[t] = MC_EF_NONE;
            continue;
        }
        size_t len = 0, need = 1 + (cstart[t + 1] - cstart[t]) + (e - e0);
        if (!ensure_row(b, need)) {
            st = mc_error_set(err, MC_ENOMEM, "sequence form: out of memory");
            break;
        }
        b->idx[len] = t == 0 ? qroot : qcol[mc_ef_side_seq_infoset(mn, t, NULL)];
        b->coef[len++] = one;
        for (uint32_t k = cstart[t]; k < cstart[t + 1]; k++) {
            b->idx[len] = qcol[clist[k]];
            b->coef[len++] = minus;
        }
        for (size_t k = e0; k < e; k++) {
            b->idx[len] = A->row[k];
            mc_q_neg(&b->coef[len++], &A->val[k]);
        }
        if (row_of)
            row_of[t] = (uint32_t)b->lp.nrows;
        st = mc_lp_add_row(&b->lp, MC_LP_UPPER, NULL, &zero, len, b->idx, b->coef, NULL, err);
        for (size_t k = 0; k < len; k++) /* the negated entries may be big */
            mc_q_set_i64(&b->coef[k], 0);
    }
    if (st != MC_OK)
        goto done;
    if (!ensure_row(b, 2)) {
        st = mc_error_set(err, MC_ENOMEM, "sequence form: out of memory");
        goto done;
    }
    b->idx[0] = 0;
    b->coef[0] = one;
    if ((st = mc_lp_add_row(&b->lp, MC_LP_FIXED, &one, &one, 1, b->idx, b->coef, "x_root", err)) !=
        MC_OK)
        goto done;
    for (uint32_t I = 0; I < mx->ninfosets && st == MC_OK; I++) {
        size_t len = 0;
        if (!ensure_row(b, mx->nactions[I] + 1)) {
            st = mc_error_set(err, MC_ENOMEM, "sequence form: out of memory");
            break;
        }
        for (uint32_t a = 0; a < mx->nactions[I]; a++) {
            b->idx[len] = mx->first_seq[I] + a;
            b->coef[len++] = one;
        }
        b->idx[len] = mx->parent_seq[I];
        b->coef[len++] = minus;
        st = mc_lp_add_row(&b->lp, MC_LP_FIXED, &zero, &zero, len, b->idx, b->coef, NULL, err);
    }
done:
    free(qcol);
    free(cstart);
    free(clist);
    return st;
}

static void lp_builder_free(lp_builder *b)
{
    if (b->coef)
        mc_q_clear_vec(b->coef, b->cap);
    free(b->coef);
    free(b->idx);
    mc_lp_free(&b->lp);
    memset(b, 0, sizeof *b);
}

/* Solves (B) restricted to in_s (NULL: all) exactly.  On a certified
 * optimum fills r->x, r->y (zero outside S), r->value and *ok. */
static mc_status solve_exact(const mc_ef_matrix *A, const uint8_t *in_s, const mc_lp_options *lpo,
                             const unsigned char *basis, mc_seqform_result *r, bool *ok,
                             mc_error *err)
{
    mc_lp_options warm = *lpo;
    warm.start_basis = basis;
    lpo = &warm;
    lp_builder b = {0};
    mc_lp_init(&b.lp, MC_LP_MAX);
    mc_lp_result res;
    mc_lp_result_init(&res);
    uint32_t nx = r->max_side.nseq, ny = r->min_side.nseq;
    uint32_t *row_of = malloc((size_t)ny * sizeof *row_of);
    double t0 = mc_lp_now();
    *ok = false;
    mc_status st = row_of ? build_lp(&b, A, &r->max_side, &r->min_side, in_s, row_of, err)
                          : mc_error_set(err, MC_ENOMEM, "sequence form: out of memory");
    r->solved_rows = b.lp.nrows;
    r->solved_cols = b.lp.ncols;
    r->build_seconds += mc_lp_now() - t0;
    if (st == MC_OK)
        st = mc_lp_solve(&b.lp, lpo, &res, err);
    r->basis_dim = res.basis_dim;
    r->used_glp_exact |= res.used_glp_exact;
    r->glpk_seconds += res.glpk_seconds;
    r->exact_seconds += res.exact_seconds;
    snprintf(r->note, sizeof r->note, "%s", res.note);
    if (st == MC_OK && res.status != MC_LP_OPTIMAL_CERTIFIED && !r->note[0])
        snprintf(r->note, sizeof r->note, "sequence-form LP: %s", mc_lp_status_name(res.status));
    if (st == MC_OK && res.status == MC_LP_OPTIMAL_CERTIFIED) {
        drop_solution(r);
        r->x = malloc(nx * sizeof *r->x);
        r->y = malloc(ny * sizeof *r->y);
        if (!r->x || !r->y) {
            free(r->x);
            free(r->y);
            r->x = r->y = NULL;
            st = mc_error_set(err, MC_ENOMEM, "sequence form: out of memory");
        } else {
            mc_q_init_vec(r->x, nx);
            mc_q_init_vec(r->y, ny);
            for (uint32_t s = 0; s < nx; s++)
                mc_q_set(&r->x[s], &res.x[s]);
            for (uint32_t t = 0; t < ny; t++) /* duals of <= rows of a max LP are >= 0 */
                if (row_of[t] != MC_EF_NONE)
                    mc_q_set(&r->y[t], &res.y[row_of[t]]);
            mc_q_set(&r->value, &res.value);
            *ok = true;
        }
    }
    free(row_of);
    mc_lp_result_free(&res);
    lp_builder_free(&b);
    return st;
}

/* Strategy generation (see mc_seqform_method). */
static mc_status solve_generate(const mc_ef_matrix *A, const mc_seqform_options *o,
                                mc_seqform_result *r, mc_error *err)
{
    ef_do *d = NULL;
    mc_status st = ef_do_new(A, &r->max_side, &r->min_side, &d, err);
    if (st != MC_OK)
        return st;
    uint32_t *plan = malloc(((size_t)r->min_side.ninfosets + 1) * sizeof *plan);
    uint8_t *support = malloc(r->min_side.nseq);
    double deadline = o->lp.time_limit > 0 ? mc_lp_now() + o->lp.time_limit : 0;
    if (!plan || !support)
        st = mc_error_set(err, MC_ENOMEM, "sequence form: out of memory");
    r->generated = true;
    for (uint32_t round = 0; st == MC_OK && round < 50; round++) {
        bool converged;
        double t0 = mc_lp_now();
        st = ef_do_run(d, 100000, deadline, &converged, err);
        r->glpk_seconds += mc_lp_now() - t0;
        if (st != MC_OK)
            break;
        const uint8_t *in_s = ef_do_set(d, &r->gen_seqs, &r->gen_rounds);
        bool ok;
        r->gen_exact_rounds++;
        unsigned char *basis = ef_do_basis(d);
        st = solve_exact(A, in_s, &o->lp, basis, r, &ok, err);
        free(basis);
        if (st != MC_OK || !ok)
            break;
        double t1 = mc_lp_now();
        mc_error why;
        mc_error_clear(&why);
        int c = ef_seqform_exact_check(A, &r->max_side, &r->min_side, r->x, r->y, &r->value, plan, &why);
        r->verify_seconds += mc_lp_now() - t1;
        if (c == 0) {
            r->lp_status = MC_LP_OPTIMAL_CERTIFIED;
            r->verified = true;
            break;
        }
        if (c == 2) {
            snprintf(r->note, sizeof r->note, "certificate on the full game failed: %.200s",
                     why.msg);
            break;
        }
        /* the exact best reply improves: bring in its sequences */
        memset(support, 0, r->min_side.nseq);
        support[0] = 1;
        for (uint32_t J = 0; J < r->min_side.ninfosets; J++)
            if (support[r->min_side.parent_seq[J]])
                support[r->min_side.first_seq[J] + plan[J]] = 1;
        if (ef_do_add_support(d, support) == 0) {
            snprintf(r->note, sizeof r->note, "strategy generation made no progress");
            break;
        }
    }
    if (r->lp_status != MC_LP_OPTIMAL_CERTIFIED) {
        drop_solution(r);
        if (st == MC_OK && !r->note[0])
            snprintf(r->note, sizeof r->note, "strategy generation did not converge");
    }
    free(plan);
    free(support);
    ef_do_free(d);
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
    mc_q w[MC_MAX_PLAYERS];
    ef_weights_of(ef, max_players, w);
    mc_ef_matrix A;
    st = mc_ef_payoff_matrix(ef, &r->max_side, &r->min_side, o->fixed, w, &A, err);
    if (st != MC_OK)
        return st;
    r->nnz = A.nnz;
    r->lp_rows = (size_t)r->min_side.nseq + r->max_side.ninfosets + 1;
    r->lp_cols = (size_t)r->max_side.nseq + r->min_side.ninfosets + 1;
    r->build_seconds = mc_lp_now() - t0;
    bool generate = o->method == MC_SEQFORM_GENERATE ||
                    (o->method == MC_SEQFORM_AUTO && r->min_side.nseq > 2000);
    if (generate) {
        st = solve_generate(&A, o, r, err);
    } else {
        bool ok;
        st = solve_exact(&A, NULL, &o->lp, NULL, r, &ok, err);
        if (st == MC_OK && ok) {
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
                    drop_solution(r);
                }
            }
        }
    }
    mc_ef_matrix_free(&A);
    return st;
}
