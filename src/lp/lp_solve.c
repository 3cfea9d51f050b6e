/* mc_lp_solve: GLPK proposes, exact arithmetic decides.
 *
 * The LP goes to GLPK in doubles and is solved by the dual simplex (the
 * primal one is 100x slower on maximin LPs) without presolve, so the final
 * basis is available.  That basis is re-solved exactly (lp_basis.c) and the
 * resulting x, y must pass mc_lp_check_certificate; only then is the
 * result OPTIMAL_CERTIFIED.  If the double basis is not truly optimal,
 * glp_exact (GLPK's rational simplex) continues from it and its basis is
 * certified in turn.  Infeasibility and unboundedness are certified through
 * two auxiliary LPs that are always feasible and bounded: a phase-1 LP
 * (minimum total bound violation; its duals give Farkas multipliers) and a
 * normalised recession-cone LP (its optimum is an improving ray). */
#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "lp/lp_internal.h"

static const char *glpk_code_name(int ret)
{
    switch (ret) {
    case 0: return "ok";
    case GLP_EBADB: return "GLP_EBADB (invalid initial basis)";
    case GLP_ESING: return "GLP_ESING (singular basis matrix)";
    case GLP_ECOND: return "GLP_ECOND (ill-conditioned basis matrix)";
    case GLP_EBOUND: return "GLP_EBOUND (incorrect bounds)";
    case GLP_EFAIL: return "GLP_EFAIL (solver failure)";
    case GLP_EOBJLL: return "GLP_EOBJLL (objective lower limit reached)";
    case GLP_EOBJUL: return "GLP_EOBJUL (objective upper limit reached)";
    case GLP_EITLIM: return "GLP_EITLIM (iteration limit exceeded)";
    case GLP_ETMLIM: return "GLP_ETMLIM (time limit exceeded)";
    case GLP_ENOPFS: return "GLP_ENOPFS (no primal feasible solution)";
    case GLP_ENODFS: return "GLP_ENODFS (no dual feasible solution)";
    default: return "unknown GLPK return code";
    }
}

static const char *glpk_status_name(int st)
{
    switch (st) {
    case GLP_UNDEF: return "GLP_UNDEF";
    case GLP_FEAS: return "GLP_FEAS";
    case GLP_INFEAS: return "GLP_INFEAS";
    case GLP_NOFEAS: return "GLP_NOFEAS";
    case GLP_OPT: return "GLP_OPT";
    case GLP_UNBND: return "GLP_UNBND";
    default: return "?";
    }
}

/* ---- GLPK model ------------------------------------------------------- */

static int glpk_bound_type(mc_lp_bound k)
{
    switch (k) {
    case MC_LP_LOWER: return GLP_LO;
    case MC_LP_UPPER: return GLP_UP;
    case MC_LP_DOUBLE: return GLP_DB;
    case MC_LP_FIXED: return GLP_FX;
    default: return GLP_FR;
    }
}

static bool to_double(const mc_q *q, double *d)
{
    *d = mc_q_get_d(q);
    return isfinite(*d);
}

/* Bounds in doubles; a DOUBLE whose bounds coincide in doubles goes to GLPK
 * as fixed (its status NS is read back as the lower bound). */
static bool set_bounds(glp_prob *P, bool row, int index, mc_lp_bound k, const mc_q *lb,
                       const mc_q *ub)
{
    double l = 0, u = 0;
    if (!to_double(lb, &l) || !to_double(ub, &u))
        return false;
    int type = glpk_bound_type(k);
    if (type == GLP_DB && !(l < u))
        type = GLP_FX;
    if (type == GLP_FX)
        u = l;
    if (row)
        glp_set_row_bnds(P, index, type, l, u);
    else
        glp_set_col_bnds(P, index, type, l, u);
    return true;
}

/* Builds the GLPK problem; an LP without rows or columns gets one dummy free
 * row / fixed column, since glp_exact refuses empty problems. */
static mc_status build_glpk(const mc_lp *lp, glp_prob **out, mc_error *err)
{
    size_t n = lp->ncols, m = lp->nrows;
    if (n >= INT_MAX || m >= INT_MAX)
        return mc_error_set(err, MC_EUNSUPPORTED, "lp: %zu rows x %zu columns exceed GLPK's limits",
                            m, n);
    glp_prob *P = glp_create_prob();
    glp_set_obj_dir(P, lp->sense == MC_LP_MAX ? GLP_MAX : GLP_MIN);
    glp_add_rows(P, (int)(m ? m : 1));
    glp_add_cols(P, (int)(n ? n : 1));
    if (!m)
        glp_set_row_bnds(P, 1, GLP_FR, 0, 0);
    if (!n)
        glp_set_col_bnds(P, 1, GLP_FX, 0, 0);
    size_t maxlen = 0;
    for (size_t i = 0; i < m; i++)
        if (lp->row_start[i + 1] - lp->row_start[i] > maxlen)
            maxlen = lp->row_start[i + 1] - lp->row_start[i];
    int *ind = malloc((maxlen + 1) * sizeof *ind);
    double *val = malloc((maxlen + 1) * sizeof *val);
    if (!ind || !val) {
        free(ind);
        free(val);
        glp_delete_prob(P);
        return mc_error_set(err, MC_ENOMEM, "lp: out of memory building the GLPK problem");
    }
    for (size_t j = 0; j < n; j++) {
        double c;
        if (!set_bounds(P, false, (int)j + 1, lp->col_kind[j], &lp->col_lb[j], &lp->col_ub[j]) ||
            !to_double(&lp->obj[j], &c)) {
            free(ind);
            free(val);
            glp_delete_prob(P);
            return mc_error_set(err, MC_EUNSUPPORTED,
                                "lp column %zu '%s': a bound or objective coefficient does not fit "
                                "in a double", j, lp->col_name[j] ? lp->col_name[j] : "");
        }
        glp_set_obj_coef(P, (int)j + 1, c);
    }
    for (size_t i = 0; i < m; i++) {
        int len = 0;
        bool fits = set_bounds(P, true, (int)i + 1, lp->row_kind[i], &lp->row_lb[i],
                               &lp->row_ub[i]);
        for (size_t e = lp->row_start[i]; e < lp->row_start[i + 1] && fits; e++) {
            double d;
            fits = to_double(&lp->ent_coef[e], &d);
            if (d != 0) {
                len++;
                ind[len] = (int)lp->ent_col[e] + 1;
                val[len] = d;
            }
        }
        if (!fits) {
            free(ind);
            free(val);
            glp_delete_prob(P);
            return mc_error_set(err, MC_EUNSUPPORTED,
                                "lp row %zu '%s': a bound or coefficient does not fit in a double", i,
                                lp->row_name[i] ? lp->row_name[i] : "");
        }
        glp_set_mat_row(P, (int)i + 1, len, ind, val);
    }
    free(ind);
    free(val);
    *out = P;
    return MC_OK;
}

/* GLPK aborts on internal errors unless a hook longjmps away; the
 * environment (and every problem in it, including an outer solve's while an
 * auxiliary LP runs) must then be freed.  The generation tells a solve
 * whether its problem object still exists. */
static _Thread_local unsigned glpk_generation;

void mc_lp_thread_cleanup(void)
{
    glp_free_env();
    glpk_generation++;
}

static void glpk_error_hook(void *info)
{
    longjmp(*(jmp_buf *)info, 1);
}

static int run_glpk(glp_prob *P, const glp_smcp *parm, bool exact, bool *crashed)
{
    jmp_buf jb;
    *crashed = false;
    glp_error_hook(glpk_error_hook, &jb);
    if (setjmp(jb)) {
        *crashed = true;
        glp_free_env();
        glpk_generation++;
        return -1;
    }
    int ret = exact ? glp_exact(P, parm) : glp_simplex(P, parm);
    glp_error_hook(NULL, NULL);
    return ret;
}

/* ---- certification of a basis --------------------------------------------- */

/* Re-solves GLPK's current basis exactly; on success fills res->x, res->y,
 * res->value and sets *certified.  Otherwise res->note says why. */
static mc_status certify_basis(const mc_lp *lp, glp_prob *P, double deadline, mc_lp_result *res,
                               bool *certified, mc_error *err)
{
    size_t n = lp->ncols, m = lp->nrows;
    double t0 = mc_lp_now();
    *certified = false;
    mc_status st = MC_OK;
    mc_lp_vstat *rs = malloc((m ? m : 1) * sizeof *rs), *cs = malloc((n ? n : 1) * sizeof *cs);
    mpq_t *x = mc_mpq_vec(n), *y = mc_mpq_vec(m);
    mpq_t val, t;
    mpq_inits(val, t, NULL);
    if (!rs || !cs || !x || !y) {
        st = mc_error_set(err, MC_ENOMEM, "lp: out of memory certifying a basis");
        goto done;
    }
    for (size_t i = 0; i < m; i++)
        rs[i] = (mc_lp_vstat)glp_get_row_stat(P, (int)i + 1);
    for (size_t j = 0; j < n; j++)
        cs[j] = (mc_lp_vstat)glp_get_col_stat(P, (int)j + 1);
    /* A dummy row must be basic and a dummy column nonbasic, or the counts
     * below do not match and the basis is rejected. */
    bool dummy_ok = (m || glp_get_row_stat(P, 1) == GLP_BS) && (n || glp_get_col_stat(P, 1) != GLP_BS);
    bool ok = false;
    char why[200] = "";
    if (!dummy_ok)
        snprintf(why, sizeof why, "GLPK's basis uses a placeholder row or column");
    else {
        st = mc_lp_basis_solve(lp, rs, cs, x, y, &res->basis_dim, deadline, &ok, why, sizeof why,
                               err);
        if (st != MC_OK)
            goto done;
    }
    if (!ok) {
        snprintf(res->note, sizeof res->note, "basis not certified: %s", why);
        goto done;
    }
    for (size_t j = 0; j < n; j++) {
        mc_q_get_mpq(t, &lp->obj[j]);
        mpq_mul(t, t, x[j]);
        mpq_add(val, val, t);
    }
    if (!mc_lp_set_q_vec(&res->x, res->ncols, (const mpq_t *)x, n) ||
        !mc_lp_set_q_vec(&res->y, res->nrows, (const mpq_t *)y, m)) {
        st = mc_error_set(err, MC_ENOMEM, "lp: out of memory storing a solution");
        goto done;
    }
    mc_q_set_mpq(&res->value, val);
    mc_error reason;
    mc_error_clear(&reason);
    if (mc_lp_check_certificate(lp, res->x, res->y, &res->value, &reason)) {
        *certified = true;
        res->note[0] = '\0';
    } else {
        snprintf(res->note, sizeof res->note, "basis not optimal in exact arithmetic: %.200s",
                 reason.msg);
    }
done:
    free(rs);
    free(cs);
    mc_mpq_vec_free(x, n);
    mc_mpq_vec_free(y, m);
    mpq_clears(val, t, NULL);
    res->exact_seconds += mc_lp_now() - t0;
    return st;
}

/* Exact simplex pivots from GLPK's basis when it is not exactly optimal. */
static mc_status repair_basis(const mc_lp *lp, glp_prob *P, const mc_lp_options *opt,
                              double deadline, mc_lp_result *res, bool *certified, mc_error *err)
{
    size_t n = lp->ncols, m = lp->nrows;
    double t0 = mc_lp_now();
    *certified = false;
    mc_lp_vstat *rs = malloc((m ? m : 1) * sizeof *rs), *cs = malloc((n ? n : 1) * sizeof *cs);
    if (!rs || !cs) {
        free(rs);
        free(cs);
        return mc_error_set(err, MC_ENOMEM, "lp: out of memory repairing a basis");
    }
    for (size_t i = 0; i < m; i++)
        rs[i] = (mc_lp_vstat)glp_get_row_stat(P, (int)i + 1);
    for (size_t j = 0; j < n; j++)
        cs[j] = (mc_lp_vstat)glp_get_col_stat(P, (int)j + 1);
    bool optimal, unbounded;
    int npiv;
    char why[200] = "";
    mc_status st = mc_lp_exact_pivots(lp, rs, cs, opt->max_exact_pivots, deadline, res, &optimal,
                                      &unbounded, &npiv, why, sizeof why, err);
    res->exact_pivots += npiv;
    mc_error reason;
    mc_error_clear(&reason);
    if (st == MC_OK && optimal) {
        mpq_t val, t, c;
        mpq_inits(val, t, c, NULL);
        for (size_t j = 0; j < n; j++) {
            mc_q_get_mpq(t, &res->x[j]);
            mc_q_get_mpq(c, &lp->obj[j]);
            mpq_mul(t, t, c);
            mpq_add(val, val, t);
        }
        mc_q_set_mpq(&res->value, val);
        mpq_clears(val, t, c, NULL);
        if (mc_lp_check_certificate(lp, res->x, res->y, &res->value, &reason)) {
            *certified = true;
            res->note[0] = '\0';
        } else {
            snprintf(res->note, sizeof res->note, "exact pivots: certificate failed: %.180s",
                     reason.msg);
        }
    } else if (st == MC_OK && unbounded) {
        if (mc_lp_check_ray(lp, res->x, res->ray, &reason)) {
            res->status = MC_LP_UNBOUNDED_CERTIFIED;
            res->note[0] = '\0';
        } else {
            snprintf(res->note, sizeof res->note, "exact pivots: ray check failed: %.180s",
                     reason.msg);
        }
    } else if (st == MC_OK) {
        snprintf(res->note, sizeof res->note, "exact pivots after %d: %.180s", npiv, why);
    }
    free(rs);
    free(cs);
    res->exact_seconds += mc_lp_now() - t0;
    return st;
}

/* ---- the solve ------------------------------------------------------------ */

/* How one GLPK run is made: the dual simplex with GLPK's tolerances, again
 * from its basis with tolerances near double precision (recovers
 * differences GLPK's 1e-7 tolerances ignore), or glp_exact (rational
 * simplex on the data GLPK reads back from doubles, each rounded to a
 * simple fraction within 1e-9: it recovers 1/3 from 0.333..., but not a
 * difference of 1e-10). */
typedef enum glpk_run_kind { RUN_DUAL, RUN_TIGHT, RUN_EXACT } glpk_run_kind;

static void init_parm(glp_smcp *parm, const mc_lp_options *opt, double deadline,
                      glpk_run_kind kind)
{
    glp_init_smcp(parm);
    parm->meth = GLP_DUALP;
    parm->presolve = GLP_OFF;
    parm->msg_lev = opt->verbose ? GLP_MSG_ALL : GLP_MSG_OFF;
    if (kind == RUN_TIGHT) {
        parm->tol_bnd = 1e-12;
        parm->tol_dj = 1e-12;
    }
    if (deadline > 0) {
        double ms = (deadline - mc_lp_now()) * 1000.0;
        parm->tm_lim = ms < 1 ? 1 : ms > INT_MAX ? INT_MAX : (int)ms;
    }
}

/* Runs GLPK once; MC_OK with *usable when it ended normally. */
static mc_status glpk_step(glp_prob **pp, const mc_lp_options *opt, double deadline,
                           glpk_run_kind kind, mc_lp_result *res, bool *usable, mc_error *err)
{
    glp_prob *P = *pp;
    glp_smcp parm;
    init_parm(&parm, opt, deadline, kind);
    bool crashed, exact = kind == RUN_EXACT;
    double t0 = mc_lp_now();
    int ret = run_glpk(P, &parm, exact, &crashed);
    res->glpk_seconds += mc_lp_now() - t0;
    res->used_glp_exact |= exact;
    res->used_tight_retry |= kind == RUN_TIGHT;
    *usable = false;
    const char *who = exact ? "glp_exact" : "glp_simplex";
    if (crashed) {
        *pp = NULL; /* freed with the GLPK environment */
        return mc_error_set(err, MC_EINTERNAL, "lp: %s stopped with an internal GLPK error", who);
    }
    res->glpk_ret = ret;
    if (ret == GLP_ETMLIM) {
        res->status = MC_LP_UNDECIDED;
        snprintf(res->note, sizeof res->note, "%s: time limit reached", who);
        return mc_error_set(err, MC_ELIMIT, "lp: time limit reached in %s", who);
    }
    if (ret != 0) {
        res->status = MC_LP_UNDECIDED;
        snprintf(res->note, sizeof res->note, "%s failed: %s", who, glpk_code_name(ret));
        return MC_OK;
    }
    res->glpk_status = glp_get_status(P);
    *usable = true;
    return MC_OK;
}

static mc_status certify_not_optimal(const mc_lp *lp, const mc_lp_options *opt, double deadline,
                                     mc_lp_status claimed, mc_lp_result *res, mc_error *err);

/* Acts on GLPK's verdict for the current basis; *decided when the result is
 * final (certified, or an uncertified claim the caller asked not to check). */
static mc_status dispatch(const mc_lp *lp, glp_prob *P, const mc_lp_options *opt,
                          double deadline, bool allow_aux, mc_lp_result *res, bool *decided,
                          mc_error *err)
{
    *decided = false;
    int gst = res->glpk_status;
    if (gst == GLP_OPT) {
        bool certified;
        mc_status st = certify_basis(lp, P, deadline, res, &certified, err);
        if (st == MC_OK && !certified && opt->max_exact_pivots > 0)
            st = repair_basis(lp, P, opt, deadline, res, &certified, err);
        if (res->status != MC_LP_UNBOUNDED_CERTIFIED)
            res->status = certified ? MC_LP_OPTIMAL_CERTIFIED : MC_LP_UNDECIDED;
        *decided = certified || res->status == MC_LP_UNBOUNDED_CERTIFIED;
        return st;
    }
    mc_lp_status claimed = MC_LP_UNDECIDED;
    if (gst == GLP_NOFEAS || glp_get_prim_stat(P) == GLP_NOFEAS)
        claimed = MC_LP_INFEASIBLE_UNCERTIFIED;
    else if (gst == GLP_UNBND || glp_get_dual_stat(P) == GLP_NOFEAS)
        claimed = MC_LP_UNBOUNDED_UNCERTIFIED;
    res->status = claimed;
    snprintf(res->note, sizeof res->note, "GLPK reports %s (primal %s, dual %s)",
             glpk_status_name(gst), glpk_status_name(glp_get_prim_stat(P)),
             glpk_status_name(glp_get_dual_stat(P)));
    if (!allow_aux) /* an auxiliary LP is feasible and bounded: GLPK erred */
        return MC_OK;
    if (!opt->certify_infeasible) {
        *decided = claimed != MC_LP_UNDECIDED;
        return MC_OK;
    }
    mc_status st = certify_not_optimal(lp, opt, deadline, claimed, res, err);
    *decided = res->status == MC_LP_INFEASIBLE_CERTIFIED ||
               res->status == MC_LP_UNBOUNDED_CERTIFIED;
    return st;
}

static mc_status solve_impl(const mc_lp *lp, const mc_lp_options *opt, double deadline,
                            bool allow_aux, mc_lp_result *res, mc_error *err)
{
    glp_prob *P = NULL;
    mc_status st = build_glpk(lp, &P, err);
    if (st != MC_OK)
        return st;
    unsigned generation = glpk_generation;
    int old_term = glp_term_out(opt->verbose ? GLP_ON : GLP_OFF);
    glp_scale_prob(P, GLP_SF_AUTO);
    bool warm = allow_aux && opt->start_basis && lp->nrows && lp->ncols;
    if (warm) { /* only the top-level LP: the auxiliary ones differ in shape */
        for (size_t i = 0; i < lp->nrows; i++)
            glp_set_row_stat(P, (int)i + 1, opt->start_basis[i]);
        for (size_t j = 0; j < lp->ncols; j++)
            glp_set_col_stat(P, (int)j + 1, opt->start_basis[lp->nrows + j]);
        if (glp_warm_up(P) != 0) /* not a valid basis: start from the standard one */
            glp_std_basis(P);
    }
    glpk_run_kind runs[3] = {RUN_DUAL, RUN_TIGHT, RUN_EXACT};
    int nruns = opt->exact == MC_LP_EXACT_ON_FAILURE ? 3 : 2;
    bool decided = false;
    for (int r = 0; r < nruns && !decided && st == MC_OK; r++) {
        bool usable;
        st = glpk_step(&P, opt, deadline, runs[r], res, &usable, err);
        if (st == MC_OK && usable && r == 0 && opt->exact == MC_LP_EXACT_ALWAYS &&
            res->glpk_status == GLP_OPT)
            st = glpk_step(&P, opt, deadline, RUN_EXACT, res, &usable, err);
        if (st != MC_OK || !usable)
            continue;
        st = dispatch(lp, P, opt, deadline, allow_aux, res, &decided, err);
    }
    if (P && generation == glpk_generation)
        glp_delete_prob(P);
    glp_term_out(old_term);
    return st;
}

/* The phase-1 LP: min sum of s+_i + s-_i with l_i <= a_i.x + s+_i - s-_i <= u_i. */
static mc_status build_phase1(const mc_lp *lp, mc_lp *aux, mc_error *err)
{
    mc_lp_init(aux, MC_LP_MIN);
    mc_status st = MC_OK;
    mc_q one = MC_Q_INT(1), zero = MC_Q_ZERO, minus = MC_Q_INT(-1);
    for (size_t j = 0; j < lp->ncols && st == MC_OK; j++)
        st = mc_lp_add_col(aux, lp->col_kind[j], &lp->col_lb[j], &lp->col_ub[j], NULL, NULL, err);
    for (size_t i = 0; i < lp->nrows && st == MC_OK; i++) {
        st = mc_lp_add_col(aux, MC_LP_LOWER, &zero, NULL, &one, NULL, err);
        if (st == MC_OK)
            st = mc_lp_add_col(aux, MC_LP_LOWER, &zero, NULL, &one, NULL, err);
    }
    size_t maxlen = 0;
    for (size_t i = 0; i < lp->nrows; i++)
        if (lp->row_start[i + 1] - lp->row_start[i] > maxlen)
            maxlen = lp->row_start[i + 1] - lp->row_start[i];
    uint32_t *idx = malloc((maxlen + 2) * sizeof *idx);
    mc_q *coef = malloc((maxlen + 2) * sizeof *coef);
    if (!idx || !coef)
        st = mc_error_set(err, MC_ENOMEM, "lp: out of memory building the phase-1 LP");
    for (size_t i = 0; i < lp->nrows && st == MC_OK; i++) {
        size_t len = 0;
        for (size_t e = lp->row_start[i]; e < lp->row_start[i + 1]; e++, len++) {
            idx[len] = lp->ent_col[e];
            coef[len] = lp->ent_coef[e]; /* shallow: read only by add_row */
        }
        idx[len] = (uint32_t)(lp->ncols + 2 * i);
        coef[len++] = one;
        idx[len] = (uint32_t)(lp->ncols + 2 * i + 1);
        coef[len++] = minus;
        st = mc_lp_add_row(aux, lp->row_kind[i], &lp->row_lb[i], &lp->row_ub[i], len, idx, coef,
                           NULL, err);
    }
    free(idx);
    free(coef);
    return st;
}

static mc_lp_bound recession_kind(mc_lp_bound k)
{
    switch (k) {
    case MC_LP_LOWER: return MC_LP_LOWER;
    case MC_LP_UPPER: return MC_LP_UPPER;
    case MC_LP_DOUBLE:
    case MC_LP_FIXED: return MC_LP_FIXED;
    default: return MC_LP_FREE;
    }
}

/* The ray LP: optimise obj.d over the recession cone with |obj.d| <= 1. */
static mc_status build_ray_lp(const mc_lp *lp, mc_lp *aux, mc_error *err)
{
    mc_lp_init(aux, lp->sense);
    mc_status st = MC_OK;
    mc_q zero = MC_Q_ZERO;
    mc_q bound = MC_Q_INT(lp->sense == MC_LP_MAX ? 1 : -1);
    for (size_t j = 0; j < lp->ncols && st == MC_OK; j++)
        st = mc_lp_add_col(aux, recession_kind(lp->col_kind[j]), &zero, &zero, &lp->obj[j], NULL,
                           err);
    for (size_t i = 0; i < lp->nrows && st == MC_OK; i++)
        st = mc_lp_add_row(aux, recession_kind(lp->row_kind[i]), &zero, &zero,
                           lp->row_start[i + 1] - lp->row_start[i], &lp->ent_col[lp->row_start[i]],
                           &lp->ent_coef[lp->row_start[i]], NULL, err);
    uint32_t *idx = malloc((lp->ncols ? lp->ncols : 1) * sizeof *idx);
    if (!idx && st == MC_OK)
        st = mc_error_set(err, MC_ENOMEM, "lp: out of memory building the ray LP");
    if (st == MC_OK) {
        for (size_t j = 0; j < lp->ncols; j++)
            idx[j] = (uint32_t)j;
        st = mc_lp_add_row(aux, lp->sense == MC_LP_MAX ? MC_LP_UPPER : MC_LP_LOWER, &bound, &bound,
                           lp->ncols, idx, lp->obj, NULL, err);
    }
    free(idx);
    return st;
}

/* Builds an auxiliary LP from lp and solves it into ar; its time counts
 * in res. */
static mc_status solve_auxiliary(const mc_lp *lp,
                                 mc_status (*build)(const mc_lp *lp, mc_lp *aux, mc_error *err),
                                 const mc_lp_options *opt, double deadline, mc_lp_result *ar,
                                 mc_lp_result *res, mc_error *err)
{
    mc_lp aux;
    mc_status st = build(lp, &aux, err);
    if (st == MC_OK)
        st = solve_impl(&aux, opt, deadline, false, ar, err);
    res->glpk_seconds += ar->glpk_seconds;
    res->exact_seconds += ar->exact_seconds;
    mc_lp_free(&aux);
    return st;
}

static mc_status certify_not_optimal(const mc_lp *lp, const mc_lp_options *opt, double deadline,
                                     mc_lp_status claimed, mc_lp_result *res, mc_error *err)
{
    mc_lp_result ar;
    mc_lp_result_init(&ar);
    mc_status st = solve_auxiliary(lp, build_phase1, opt, deadline, &ar, res, err);
    if (st != MC_OK || ar.status != MC_LP_OPTIMAL_CERTIFIED) {
        if (st == MC_OK)
            snprintf(res->note, sizeof res->note, "phase-1 LP not certified: %.200s", ar.note);
        mc_lp_result_free(&ar);
        return st;
    }
    if (mc_q_sgn(&ar.value) > 0) {
        mc_q *f = mc_lp_q_vec(lp->nrows);
        if (!f) {
            mc_lp_result_free(&ar);
            return mc_error_set(err, MC_ENOMEM, "lp: out of memory");
        }
        for (size_t i = 0; i < lp->nrows; i++)
            mc_q_neg(&f[i], &ar.y[i]);
        mc_error why;
        mc_error_clear(&why);
        if (mc_lp_check_farkas(lp, f, &why)) {
            res->status = MC_LP_INFEASIBLE_CERTIFIED;
            mc_lp_q_vec_free(&res->farkas, res->nrows);
            res->farkas = f;
            res->note[0] = '\0';
        } else {
            mc_lp_q_vec_free(&f, lp->nrows);
            res->status = MC_LP_INFEASIBLE_UNCERTIFIED;
            snprintf(res->note, sizeof res->note, "Farkas check failed: %.200s", why.msg);
        }
        mc_lp_result_free(&ar);
        return MC_OK;
    }
    /* Exactly feasible: look for an improving ray. */
    mc_q *x0 = mc_lp_q_vec(lp->ncols);
    if (!x0) {
        mc_lp_result_free(&ar);
        return mc_error_set(err, MC_ENOMEM, "lp: out of memory");
    }
    for (size_t j = 0; j < lp->ncols; j++)
        mc_q_set(&x0[j], &ar.x[j]);
    mc_lp_result_free(&ar);
    st = solve_auxiliary(lp, build_ray_lp, opt, deadline, &ar, res, err);
    if (st == MC_OK && ar.status == MC_LP_OPTIMAL_CERTIFIED && !mc_q_is_zero(&ar.value)) {
        mc_error why;
        mc_error_clear(&why);
        if (mc_lp_check_ray(lp, x0, ar.x, &why)) {
            res->status = MC_LP_UNBOUNDED_CERTIFIED;
            mc_lp_q_vec_free(&res->x, res->ncols);
            mc_lp_q_vec_free(&res->ray, res->ncols);
            res->x = x0;
            res->ray = ar.x;
            ar.x = NULL;
            x0 = NULL;
            res->note[0] = '\0';
        } else {
            snprintf(res->note, sizeof res->note, "ray check failed: %.200s", why.msg);
        }
    } else if (st == MC_OK) {
        res->status = claimed == MC_LP_UNBOUNDED_UNCERTIFIED ? claimed : MC_LP_UNDECIDED;
        if (ar.status == MC_LP_OPTIMAL_CERTIFIED)
            snprintf(res->note, sizeof res->note,
                     "GLPK reported no optimum, but the LP is feasible and has no improving ray");
        else
            snprintf(res->note, sizeof res->note, "ray LP not certified: %.200s", ar.note);
    }
    mc_lp_q_vec_free(&x0, lp->ncols);
    mc_lp_result_free(&ar);
    return st;
}

mc_status mc_lp_solve(const mc_lp *lp, const mc_lp_options *opt, mc_lp_result *result,
                      mc_error *err)
{
    mc_lp_options defaults;
    if (!opt) {
        mc_lp_options_default(&defaults);
        opt = &defaults;
    }
    mc_lp_result_free(result);
    result->ncols = lp->ncols;
    result->nrows = lp->nrows;
    double deadline = opt->time_limit > 0 ? mc_lp_now() + opt->time_limit : 0;
    mc_status st = solve_impl(lp, opt, deadline, true, result, err);
    if (st != MC_OK)
        result->status = MC_LP_UNDECIDED;
    /* Keep exactly the vectors the status documents. */
    mc_lp_status s = result->status;
    if (s != MC_LP_OPTIMAL_CERTIFIED) {
        mc_lp_q_vec_free(&result->y, result->nrows);
        mc_q_set_i64(&result->value, 0);
    }
    if (s != MC_LP_OPTIMAL_CERTIFIED && s != MC_LP_UNBOUNDED_CERTIFIED)
        mc_lp_q_vec_free(&result->x, result->ncols);
    if (s != MC_LP_UNBOUNDED_CERTIFIED)
        mc_lp_q_vec_free(&result->ray, result->ncols);
    if (s != MC_LP_INFEASIBLE_CERTIFIED)
        mc_lp_q_vec_free(&result->farkas, result->nrows);
    return st;
}
