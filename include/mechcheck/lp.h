/* Exact linear programs: GLPK proposes an optimal basis in doubles, exact
 * rational arithmetic decides.
 *
 * An mc_lp holds n columns (variables x_j) and m rows (r_i = sum_j a_ij x_j),
 * every coefficient, bound and objective entry exact.  mc_lp_solve runs
 * GLPK's dual simplex (then optionally glp_exact from that basis), re-solves
 * the final basis in rationals and accepts the result only if
 * mc_lp_check_certificate confirms it: x primal feasible, y (row duals)
 * dual feasible, and both objectives equal.  A basis that is not exactly
 * optimal (data differing below GLPK's tolerances) is repaired by exact
 * simplex pivots, then by GLPK runs with tight tolerances / glp_exact.  No floating-point value is ever
 * reported as exact. */
#ifndef MECHCHECK_LP_H
#define MECHCHECK_LP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mechcheck/error.h"
#include "mechcheck/num.h"

typedef enum mc_lp_bound {
    MC_LP_FREE = 0,  /* -inf < v < +inf */
    MC_LP_LOWER,     /* lb <= v */
    MC_LP_UPPER,     /* v <= ub */
    MC_LP_DOUBLE,    /* lb <= v <= ub (lb < ub; lb == ub becomes FIXED) */
    MC_LP_FIXED      /* v == lb (ub is ignored) */
} mc_lp_bound;

typedef enum mc_lp_sense { MC_LP_MAX = 0, MC_LP_MIN = 1 } mc_lp_sense;

typedef struct mc_lp {
    mc_lp_sense sense;
    size_t ncols, nrows;
    /* columns */
    mc_lp_bound *col_kind;
    mc_q *col_lb, *col_ub;       /* unused bounds are 0 */
    mc_q *obj;
    char **col_name;             /* entries may be NULL */
    /* rows, stored compressed: row i has entries row_start[i] .. row_start[i+1]-1 */
    mc_lp_bound *row_kind;
    mc_q *row_lb, *row_ub;
    char **row_name;
    size_t *row_start;           /* nrows + 1 */
    uint32_t *ent_col;           /* column of each entry, distinct within a row */
    mc_q *ent_coef;              /* nonzero */
    size_t nnz;
    size_t col_cap, row_cap, ent_cap;
} mc_lp;

void mc_lp_init(mc_lp *lp, mc_lp_sense sense);
void mc_lp_free(mc_lp *lp);
/* Adds column j = lp->ncols.  lb/ub are read only when the kind uses them
 * (NULL otherwise is fine); obj NULL means 0; name may be NULL.  MC_EINPUT
 * for lb > ub. */
mc_status mc_lp_add_col(mc_lp *lp, mc_lp_bound kind, const mc_q *lb, const mc_q *ub,
                        const mc_q *obj, const char *name, mc_error *err);
/* Adds row i = lp->nrows with nnz entries (idx[k], coef[k]); zero
 * coefficients are dropped.  MC_EINPUT for a column out of range, a column
 * given twice, or lb > ub. */
mc_status mc_lp_add_row(mc_lp *lp, mc_lp_bound kind, const mc_q *lb, const mc_q *ub,
                        size_t nnz, const uint32_t *idx, const mc_q *coef, const char *name,
                        mc_error *err);

/* The repair chain when the dual-simplex basis fails the exact check:
 * exact simplex pivots from it (max_exact_pivots), then GLPK again from it
 * with 1e-12 tolerances (+ pivots), then glp_exact (+ pivots).  glp_exact
 * reads the data back from doubles rounded to simple fractions within 1e-9,
 * so it cannot see smaller differences, and it costs ~1 s from an optimal
 * 200 x 200 maximin basis (~25 s at 400): never the default first step. */
typedef enum mc_lp_exact_mode {
    MC_LP_EXACT_ON_FAILURE = 0, /* glp_exact only when both double bases fail the exact check */
    MC_LP_EXACT_ALWAYS,         /* glp_exact right after the dual simplex, before the first check */
    MC_LP_EXACT_NEVER           /* never run glp_exact */
} mc_lp_exact_mode;

typedef struct mc_lp_options {
    double time_limit;          /* seconds for the whole solve; <= 0: none */
    mc_lp_exact_mode exact;
    bool certify_infeasible;    /* on INFEASIBLE/UNBOUNDED, seek an exact certificate (default true) */
    int max_exact_pivots;       /* exact simplex pivots to repair a basis that is not exactly
                                 * optimal (default 500; 0: none) */
    bool verbose;               /* GLPK terminal output */
    /* Optional starting basis for GLPK, e.g. an optimal basis of the same LP
     * found elsewhere in doubles: nrows statuses of the rows' auxiliary
     * variables, then ncols of the columns, in GLPK's codes (1 basic, 2 at
     * lower bound, 3 at upper, 4 free nonbasic, 5 fixed).  NULL (default):
     * GLPK's standard basis.  A basis GLPK rejects (wrong count, singular)
     * is replaced by the standard one. */
    const unsigned char *start_basis;
} mc_lp_options;

void mc_lp_options_default(mc_lp_options *o);

typedef enum mc_lp_status {
    MC_LP_UNDECIDED = 0,          /* no exact verdict (see note) */
    MC_LP_OPTIMAL_CERTIFIED,      /* value, x, y exact and checked */
    MC_LP_INFEASIBLE_CERTIFIED,   /* farkas holds an exact infeasibility certificate */
    MC_LP_INFEASIBLE_UNCERTIFIED, /* GLPK's word only */
    MC_LP_UNBOUNDED_CERTIFIED,    /* x feasible and ray an improving recession direction, exact */
    MC_LP_UNBOUNDED_UNCERTIFIED   /* GLPK's word only */
} mc_lp_status;

const char *mc_lp_status_name(mc_lp_status s);

typedef struct mc_lp_result {
    mc_lp_status status;
    size_t ncols, nrows;
    mc_q value;          /* OPTIMAL_CERTIFIED: the exact optimum */
    mc_q *x;             /* ncols: OPTIMAL: optimal point; UNBOUNDED_CERTIFIED: a feasible point */
    mc_q *y;             /* nrows: OPTIMAL: row duals (GLPK's sign convention: the
                          * reduced cost of row i's auxiliary variable; the reduced
                          * cost of column j is obj_j - sum_i a_ij y_i) */
    mc_q *farkas;        /* nrows: INFEASIBLE_CERTIFIED (see mc_lp_check_farkas) */
    mc_q *ray;           /* ncols: UNBOUNDED_CERTIFIED */
    /* diagnostics */
    int glpk_ret;        /* return code of the last glp_simplex/glp_exact call */
    int glpk_status;     /* glp_get_status after it (GLP_OPT, GLP_NOFEAS, ...) */
    bool used_tight_retry;  /* the first basis failed the exact check; GLPK re-ran with 1e-12 tolerances */
    bool used_glp_exact;
    int exact_pivots;    /* exact simplex pivots made to repair GLPK's basis */
    size_t basis_dim;    /* order of the exact system solved (basic structural columns) */
    double glpk_seconds; /* glp_simplex + glp_exact */
    double exact_seconds;/* exact basis solve + certificate check */
    char note[256];      /* why UNDECIDED / UNCERTIFIED; empty otherwise */
} mc_lp_result;

void mc_lp_result_init(mc_lp_result *r);
void mc_lp_result_free(mc_lp_result *r);

/* Solves lp.  Returns MC_OK with result->status set whenever a verdict or an
 * UNDECIDED outcome was reached (GLPK failure codes are named in
 * result->note); MC_ELIMIT (status UNDECIDED) when the time limit ran out;
 * MC_EUNSUPPORTED when a coefficient does not fit in a double; MC_ENOMEM. */
mc_status mc_lp_solve(const mc_lp *lp, const mc_lp_options *opt, mc_lp_result *result,
                      mc_error *err);

/* Frees the calling thread's GLPK environment (GLPK keeps one per thread):
 * for worker threads that solved LPs, before they end. */
void mc_lp_thread_cleanup(void);

/* Independent checks, from scratch, in exact arithmetic.  Each returns true
 * when the claim holds; otherwise false with a one-line reason in why (may be
 * NULL).
 *
 * Optimality: x satisfies every column and row bound, obj.x == value, and y
 * proves no feasible point does better: with d = obj - A^T y, the bound
 * sum_i y_i*(r_i's bound) + sum_j d_j*(x_j's bound), taking for each term the
 * bound that makes it largest when maximising (smallest when minimising), is
 * finite and equals value. */
bool mc_lp_check_certificate(const mc_lp *lp, const mc_q *x, const mc_q *y, const mc_q *value,
                             mc_error *why);
/* Infeasibility: with d = A^T f, every feasible x has f.(Ax) <= U and
 * d.x >= L, where U = sum_i f_i*(upper bound of r_i if f_i > 0, lower if < 0)
 * and L = sum_j d_j*(lower bound of x_j if d_j > 0, upper if < 0); the check
 * holds when both are finite and L > U. */
bool mc_lp_check_farkas(const mc_lp *lp, const mc_q *f, mc_error *why);
/* Unboundedness: x is feasible, ray is a recession direction (A ray and ray
 * respect the sign of every finite bound, zero where both are finite) and
 * obj.ray > 0 (MAX) or < 0 (MIN). */
bool mc_lp_check_ray(const mc_lp *lp, const mc_q *x, const mc_q *ray, mc_error *why);

#endif
