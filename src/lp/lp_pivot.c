/* Exact simplex pivots: the repair step when GLPK's basis is not exactly
 * optimal (data that differ below GLPK's tolerances or below double
 * precision).
 *
 * Variables are numbered v < m for row i = v (its auxiliary r_i = a_i.x)
 * and v >= m for column j = v - m.  Each iteration refactorises the basis
 * from scratch and recomputes x, y exactly (lp_basis.c); that is slow per
 * pivot but needs no update formulas, and a GLPK basis is a few pivots from
 * the exact optimum.  A primal-feasible basis gets primal simplex pivots, a
 * dual-feasible one dual simplex pivots, both with Bland's rule (smallest
 * index) so degenerate pivots cannot cycle.  A basis that is neither gets
 * shifted costs c' under which it is dual feasible (the wrong reduced costs
 * become 0: c'_j -= d_j for a column; c' -= y_i a_i for a row, which moves
 * only y_i), the dual simplex makes it primal feasible for c', and then the
 * true costs return for primal pivots (the usual cost-shifting scheme). */
#include <stdlib.h>
#include <string.h>

#include "lp/lp_internal.h"

typedef struct piv {
    const mc_lp *lp;
    size_t n, m;
    mc_lp_vstat *rs, *cs;
    mpq_t *x, *y, *act, *u, *rhs, *w, *dx, *dact, *wrow, *cost;
    mpq_t t, best, tmp;
} piv;

static mc_lp_vstat *stat_of(piv *p, size_t v)
{
    return v < p->m ? &p->rs[v] : &p->cs[v - p->m];
}

static mc_lp_bound kind_of(const piv *p, size_t v)
{
    return v < p->m ? p->lp->row_kind[v] : p->lp->col_kind[v - p->m];
}

static void bound_of(const piv *p, size_t v, bool upper, mpq_t out)
{
    const mc_q *b = v < p->m ? (upper ? &p->lp->row_ub[v] : &p->lp->row_lb[v])
                             : (upper ? &p->lp->col_ub[v - p->m] : &p->lp->col_lb[v - p->m]);
    mc_q_get_mpq(out, b);
}

static mpq_t *value_of(piv *p, size_t v)
{
    return v < p->m ? &p->act[v] : &p->x[v - p->m];
}

/* Reduced cost: y_i for a row, obj_j - (A^T y)_j for a column (in d). */
static void reduced_cost(piv *p, size_t v, mpq_t d)
{
    if (v < p->m) {
        mpq_set(d, p->y[v]);
    } else {
        mpq_sub(d, p->cost[v - p->m], p->u[v - p->m]);
    }
}

/* Direction (+1/-1) in which moving nonbasic v improves the objective, or 0. */
static int improving(piv *p, size_t v, mpq_t d)
{
    reduced_cost(p, v, d);
    int s = mpq_sgn(d) * (p->lp->sense == MC_LP_MAX ? 1 : -1);
    mc_lp_vstat st = *stat_of(p, v);
    if (s > 0 && (st == MC_VS_NL || st == MC_VS_NF))
        return 1;
    if (s < 0 && (st == MC_VS_NU || st == MC_VS_NF))
        return -1;
    return 0;
}

/* The nonbasic status of a variable leaving at its upper or lower bound. */
static mc_lp_vstat leave_status(const piv *p, size_t v, bool upper)
{
    if (kind_of(p, v) == MC_LP_FIXED)
        return MC_VS_NS;
    return upper ? MC_VS_NU : MC_VS_NL;
}

/* The basic variable to leave in a dual pivot: the first violating a
 * bound (Bland) or the one violating it most; need = +1 when it is below
 * its lower bound, -1 when above its upper; SIZE_MAX if none. */
static size_t primal_violation(piv *p, bool bland, int *need)
{
    size_t found = SIZE_MAX;
    mpq_t gap;
    mpq_init(gap);
    for (size_t v = 0; v < p->m + p->n; v++) {
        if (*stat_of(p, v) != MC_VS_BS)
            continue;
        mc_lp_bound k = kind_of(p, v);
        int dir = 0;
        if (mc_lp_has_lb(k)) {
            bound_of(p, v, false, p->tmp);
            if (mpq_cmp(*value_of(p, v), p->tmp) < 0)
                dir = 1;
        }
        if (!dir && mc_lp_has_ub(k)) {
            bound_of(p, v, true, p->tmp);
            if (mpq_cmp(*value_of(p, v), p->tmp) > 0)
                dir = -1;
        }
        if (!dir)
            continue;
        mpq_sub(gap, *value_of(p, v), p->tmp);
        mpq_abs(gap, gap);
        if (found == SIZE_MAX || mpq_cmp(gap, p->best) > 0) {
            found = v;
            *need = dir;
            mpq_set(p->best, gap);
            if (bland)
                break;
        }
    }
    mpq_clear(gap);
    return found;
}

/* The entering variable of a primal pivot: the first with an improving
 * reduced cost (Bland) or the one with the largest; SIZE_MAX if none. */
static size_t entering(piv *p, bool bland, int *sigma)
{
    size_t found = SIZE_MAX;
    for (size_t v = 0; v < p->m + p->n; v++) {
        if (*stat_of(p, v) == MC_VS_BS)
            continue;
        int s = improving(p, v, p->tmp);
        if (!s)
            continue;
        mpq_abs(p->tmp, p->tmp);
        if (found == SIZE_MAX || mpq_cmp(p->tmp, p->best) > 0) {
            found = v;
            *sigma = s;
            mpq_set(p->best, p->tmp);
            if (bland)
                break;
        }
    }
    return found;
}

/* Primal pivot on entering q moving in direction sigma.  Sets *unbounded
 * (with p->dx the ray) when no basic variable blocks it. */
static mc_status primal_pivot(piv *p, const mc_lp_basis *b, size_t q, int sigma, double deadline,
                              bool *unbounded, bool *degenerate, mc_error *err)
{
    const mc_lp *lp = p->lp;
    size_t k = b->k;
    *unbounded = false;
    /* dx_B = M^-1 rhs with rhs = -sigma A[R_N, j] (column entering) or sigma e_a (row). */
    for (size_t a = 0; a < k; a++)
        mpq_set_ui(p->rhs[a], 0, 1);
    if (q >= p->m) {
        size_t j = q - p->m;
        for (size_t a = 0; a < k; a++) {
            size_t i = b->rown[a];
            for (size_t e = lp->row_start[i]; e < lp->row_start[i + 1]; e++)
                if (lp->ent_col[e] == j) {
                    mc_q_get_mpq(p->rhs[a], &lp->ent_coef[e]);
                    if (sigma > 0)
                        mpq_neg(p->rhs[a], p->rhs[a]);
                }
        }
    } else {
        mpq_set_si(p->rhs[b->rowpos[q]], sigma, 1);
    }
    mc_status st = mc_lp_basis_solve_rat(b, false, (const mpq_t *)p->rhs, p->w, deadline, err);
    if (st != MC_OK)
        return st;
    for (size_t j = 0; j < p->n; j++)
        mpq_set_ui(p->dx[j], 0, 1);
    for (size_t c = 0; c < k; c++)
        mpq_set(p->dx[b->colb[c]], p->w[c]);
    if (q >= p->m)
        mpq_set_si(p->dx[q - p->m], sigma, 1);
    if (!mc_lp_times(lp, (const mpq_t *)p->dx, p->dact))
        return mc_error_set(err, MC_ENOMEM, "lp: out of memory in an exact pivot");
    /* Ratio test; the entering variable's own opposite bound counts too. */
    size_t leave = SIZE_MAX;
    bool leave_upper = false;
    for (size_t v = 0; v < p->m + p->n; v++) {
        bool basic = *stat_of(p, v) == MC_VS_BS;
        if (!basic && v != q)
            continue;
        mpq_t *dv = v < p->m ? &p->dact[v] : &p->dx[v - p->m];
        int s = mpq_sgn(*dv);
        if (s == 0)
            continue;
        bool upper = s > 0;
        mc_lp_bound kd = kind_of(p, v);
        if (upper ? !mc_lp_has_ub(kd) : !mc_lp_has_lb(kd))
            continue;
        bound_of(p, v, upper, p->t);
        mpq_sub(p->t, p->t, *value_of(p, v));
        mpq_div(p->t, p->t, *dv);
        if (leave == SIZE_MAX || mpq_cmp(p->t, p->best) < 0) {
            mpq_set(p->best, p->t);
            leave = v;
            leave_upper = upper;
        }
    }
    if (leave == SIZE_MAX) {
        *unbounded = true;
        return MC_OK;
    }
    *degenerate = mpq_sgn(p->best) == 0;
    if (leave == q) {
        *stat_of(p, q) = leave_status(p, q, leave_upper);
    } else {
        *stat_of(p, q) = MC_VS_BS;
        *stat_of(p, leave) = leave_status(p, leave, leave_upper);
    }
    return MC_OK;
}

/* Dual pivot: basic variable lv leaves towards its violated bound. */
static mc_status dual_pivot(piv *p, const mc_lp_basis *b, size_t lv, int need, double deadline,
                            bool *stuck, bool *degenerate, mc_error *err)
{
    const mc_lp *lp = p->lp;
    size_t k = b->k;
    *stuck = false;
    /* rho = M^-T e_c (lv a column) or M^-T a_i[C_B] (lv a row). */
    for (size_t c = 0; c < k; c++)
        mpq_set_ui(p->rhs[c], 0, 1);
    if (lv >= p->m) {
        mpq_set_ui(p->rhs[b->colpos[lv - p->m]], 1, 1);
    } else {
        for (size_t e = lp->row_start[lv]; e < lp->row_start[lv + 1]; e++)
            if (b->colpos[lp->ent_col[e]] != MC_LP_NONE)
                mc_q_get_mpq(p->rhs[b->colpos[lp->ent_col[e]]], &lp->ent_coef[e]);
    }
    mc_status st = mc_lp_basis_solve_rat(b, true, (const mpq_t *)p->rhs, p->w, deadline, err);
    if (st != MC_OK)
        return st;
    for (size_t i = 0; i < p->m; i++)
        mpq_set_ui(p->wrow[i], 0, 1);
    for (size_t a = 0; a < k; a++)
        mpq_set(p->wrow[b->rown[a]], p->w[a]);
    if (!mc_lp_times_t(lp, (const mpq_t *)p->wrow, p->dx)) /* dx[j] = rho . A[R_N, j] */
        return mc_error_set(err, MC_ENOMEM, "lp: out of memory in an exact pivot");
    size_t enter = SIZE_MAX;
    mpq_t alpha, d;
    mpq_inits(alpha, d, NULL);
    for (size_t v = 0; v < p->m + p->n; v++) {
        mc_lp_vstat s = *stat_of(p, v);
        if (s == MC_VS_BS || s == MC_VS_NS)
            continue;
        /* alpha = d(value of lv) / d(value of v) */
        if (v < p->m) {
            mpq_set(alpha, p->w[b->rowpos[v]]);
        } else {
            size_t j = v - p->m;
            mpq_neg(alpha, p->dx[j]);
            if (lv < p->m)
                for (size_t e = lp->row_start[lv]; e < lp->row_start[lv + 1]; e++)
                    if (lp->ent_col[e] == j) {
                        mc_q_get_mpq(p->tmp, &lp->ent_coef[e]);
                        mpq_add(alpha, alpha, p->tmp);
                    }
        }
        int as = mpq_sgn(alpha) * need; /* direction v must move */
        if (as == 0 || (s == MC_VS_NL && as < 0) || (s == MC_VS_NU && as > 0))
            continue;
        reduced_cost(p, v, d);
        mpq_div(p->t, d, alpha);
        mpq_abs(p->t, p->t);
        if (enter == SIZE_MAX || mpq_cmp(p->t, p->best) < 0) {
            mpq_set(p->best, p->t);
            enter = v;
        }
    }
    mpq_clears(alpha, d, NULL);
    if (enter == SIZE_MAX) {
        *stuck = true; /* no entering variable: the LP is infeasible */
        return MC_OK;
    }
    *degenerate = mpq_sgn(p->best) == 0;
    *stat_of(p, enter) = MC_VS_BS;
    *stat_of(p, lv) = leave_status(p, lv, need < 0);
    return MC_OK;
}

/* Shifts the costs so that every nonbasic variable's reduced cost that
 * points the wrong way becomes 0 (see the file comment). */
static void shift_costs(piv *p)
{
    const mc_lp *lp = p->lp;
    for (size_t v = 0; v < p->m + p->n; v++) {
        if (*stat_of(p, v) == MC_VS_BS || !improving(p, v, p->tmp))
            continue;
        if (v >= p->m) {
            mpq_sub(p->cost[v - p->m], p->cost[v - p->m], p->tmp);
            continue;
        }
        for (size_t e = lp->row_start[v]; e < lp->row_start[v + 1]; e++) {
            mc_q_get_mpq(p->t, &lp->ent_coef[e]);
            mpq_mul(p->t, p->t, p->tmp);
            mpq_sub(p->cost[lp->ent_col[e]], p->cost[lp->ent_col[e]], p->t);
        }
    }
}

static mc_status store_solution(piv *p, mc_lp_result *res, bool with_y, mc_error *err)
{
    if (!mc_lp_set_q_vec(&res->x, res->ncols, (const mpq_t *)p->x, p->n) ||
        (with_y && !mc_lp_set_q_vec(&res->y, res->nrows, (const mpq_t *)p->y, p->m)))
        return mc_error_set(err, MC_ENOMEM, "lp: out of memory storing a solution");
    return MC_OK;
}

mc_status mc_lp_exact_pivots(const mc_lp *lp, mc_lp_vstat *row_stat, mc_lp_vstat *col_stat,
                             int max_pivots, double deadline, mc_lp_result *res, bool *certified,
                             bool *unbounded, int *npivots, char *why, size_t why_cap,
                             mc_error *err)
{
    piv p = {.lp = lp, .n = lp->ncols, .m = lp->nrows, .rs = row_stat, .cs = col_stat};
    size_t n = p.n, m = p.m, kmax = n < m ? n : m;
    *certified = *unbounded = false;
    *npivots = 0;
    mc_status st = MC_OK;
    p.x = mc_mpq_vec(n);
    p.y = mc_mpq_vec(m);
    p.act = mc_mpq_vec(m);
    p.u = mc_mpq_vec(n);
    p.rhs = mc_mpq_vec(kmax);
    p.w = mc_mpq_vec(kmax);
    p.dx = mc_mpq_vec(n);
    p.dact = mc_mpq_vec(m);
    p.wrow = mc_mpq_vec(m);
    p.cost = mc_mpq_vec(n);
    mpq_inits(p.t, p.best, p.tmp, NULL);
    if (!p.x || !p.y || !p.act || !p.u || !p.rhs || !p.w || !p.dx || !p.dact || !p.wrow ||
        !p.cost) {
        st = mc_error_set(err, MC_ENOMEM, "lp: out of memory for exact pivots");
        goto done;
    }
    for (size_t j = 0; j < n; j++)
        mc_q_get_mpq(p.cost[j], &lp->obj[j]);
    /* Largest-violation rules, Bland's while pivots stall. */
    bool shifted = false, bland = false, degenerate = false;
    int stalls = 0;
    for (int it = 0;; it++) {
        if (mc_lp_past(deadline)) {
            st = mc_error_set(err, MC_ELIMIT, "lp: time limit reached in exact pivots");
            break;
        }
        mc_lp_basis b;
        bool ok;
        st = mc_lp_basis_factor(&b, lp, row_stat, col_stat, deadline, &ok, why, why_cap, err);
        if (st == MC_OK && ok)
            st = mc_lp_basis_xy(&b, row_stat, col_stat, (const mpq_t *)p.cost, p.x, p.y,
                                deadline, &ok, why, why_cap, err);
        if (st != MC_OK || !ok) {
            mc_lp_basis_free(&b);
            break;
        }
        if (!mc_lp_times(lp, (const mpq_t *)p.x, p.act) ||
            !mc_lp_times_t(lp, (const mpq_t *)p.y, p.u)) {
            mc_lp_basis_free(&b);
            st = mc_error_set(err, MC_ENOMEM, "lp: out of memory in exact pivots");
            break;
        }
        int need = 0, sigma = 0;
        size_t lv = primal_violation(&p, bland, &need);
        size_t q = entering(&p, bland, &sigma);
        if (lv == SIZE_MAX && q == SIZE_MAX && shifted) {
            /* Optimal for the shifted costs: back to the true ones. */
            for (size_t j = 0; j < n; j++)
                mc_q_get_mpq(p.cost[j], &lp->obj[j]);
            shifted = false;
            mc_lp_basis_free(&b);
            continue;
        }
        if (lv == SIZE_MAX && q == SIZE_MAX) {
            /* Optimal: the caller's certificate check decides. */
            mc_lp_basis_free(&b);
            st = store_solution(&p, res, true, err);
            *certified = st == MC_OK;
            break;
        }
        if (it >= max_pivots) {
            mc_lp_basis_free(&b);
            snprintf(why, why_cap, "no exact optimum within %d pivots", max_pivots);
            break;
        }
        if (lv == SIZE_MAX) {
            st = primal_pivot(&p, &b, q, sigma, deadline, unbounded, &degenerate, err);
            if (st == MC_OK && *unbounded) {
                /* x is feasible and dx an improving ray. */
                st = store_solution(&p, res, false, err);
                if (st == MC_OK && !mc_lp_set_q_vec(&res->ray, res->ncols, (const mpq_t *)p.dx, n))
                    st = mc_error_set(err, MC_ENOMEM, "lp: out of memory storing a ray");
                mc_lp_basis_free(&b);
                break;
            }
        } else if (q == SIZE_MAX) {
            bool stuck;
            st = dual_pivot(&p, &b, lv, need, deadline, &stuck, &degenerate, err);
            if (st == MC_OK && stuck) {
                snprintf(why, why_cap, "exact dual simplex: no entering variable (infeasible LP)");
                mc_lp_basis_free(&b);
                break;
            }
        } else {
            shift_costs(&p);
            shifted = true;
        }
        mc_lp_basis_free(&b);
        if (st != MC_OK)
            break;
        (*npivots)++;
        /* Bland's rule while degenerate pivots run on; a strict improvement
         * cannot repeat a basis, so cycling is impossible either way. */
        stalls = degenerate ? stalls + 1 : 0;
        bland = stalls > 10;
    }
done:
    mc_mpq_vec_free(p.x, n);
    mc_mpq_vec_free(p.y, m);
    mc_mpq_vec_free(p.act, m);
    mc_mpq_vec_free(p.u, n);
    mc_mpq_vec_free(p.rhs, kmax);
    mc_mpq_vec_free(p.w, kmax);
    mc_mpq_vec_free(p.dx, n);
    mc_mpq_vec_free(p.dact, m);
    mc_mpq_vec_free(p.wrow, m);
    mc_mpq_vec_free(p.cost, n);
    mpq_clears(p.t, p.best, p.tmp, NULL);
    return st;
}
