/* Internals of the LP layer: exact linear algebra for basis certification. */
#ifndef MC_LP_INTERNAL_H
#define MC_LP_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <gmp.h>

#include "mechcheck/lp.h"

/* Monotonic seconds; a deadline of 0 means none. */
double mc_lp_now(void);
bool mc_lp_past(double deadline);

/* The bound kind has a finite lower / upper bound. */
static inline bool mc_lp_has_lb(mc_lp_bound k)
{
    return k == MC_LP_LOWER || k == MC_LP_DOUBLE || k == MC_LP_FIXED;
}
static inline bool mc_lp_has_ub(mc_lp_bound k)
{
    return k == MC_LP_UPPER || k == MC_LP_DOUBLE || k == MC_LP_FIXED;
}

/* Status of a variable in a basis (GLPK's meaning). */
typedef enum mc_lp_vstat { MC_VS_BS = 1, MC_VS_NL, MC_VS_NU, MC_VS_NF, MC_VS_NS } mc_lp_vstat;

/* A square sparse integer matrix in compressed rows.  small: every entry
 * also fits in val64 (the lifting then accumulates in 128-bit integers). */
typedef struct mc_zmat {
    size_t k, nnz;
    size_t *start;   /* k + 1 */
    uint32_t *col;
    mpz_t *val;
    int64_t *val64;
    bool small;
} mc_zmat;

/* Sparse-aware LU of a k x k matrix modulo a prime p < 2^31, eliminating
 * with a minimum-column-count / minimum-row-count pivot rule so that
 * singletons cost nothing and fill stays low. */
typedef struct mc_modp_lu {
    uint32_t p;
    size_t k;
    uint32_t *piv_row, *piv_col, *diag_inv;
    size_t *l_start, *u_start;   /* k + 1 each */
    uint32_t *l_row, *l_val;     /* step s: v[l_row] -= l_val * v[piv_row[s]] */
    uint32_t *u_col, *u_val;     /* pivot row s off the pivot column */
    size_t l_cap, u_cap;
} mc_modp_lu;

/* Factors M mod p.  Returns MC_OK and *singular = false on success;
 * *singular = true when M is singular mod p; MC_ELIMIT past the deadline;
 * MC_ENOMEM. */
mc_status mc_modp_lu_factor(mc_modp_lu *lu, const mc_zmat *m, uint32_t p, double deadline,
                            bool *singular, mc_error *err);
void mc_modp_lu_free(mc_modp_lu *lu);
/* Solves M x = v (v indexed by row, overwritten; x by column). */
void mc_modp_lu_solve(const mc_modp_lu *lu, uint32_t *v, uint32_t *x);
/* Solves M^T y = c (c indexed by column, overwritten; y by row). */
void mc_modp_lu_solve_t(const mc_modp_lu *lu, uint32_t *c, uint32_t *y);

/* Dixon p-adic lifting: solves M num = den * rhs (M^T when transpose) over
 * the integers with den > 0 the least common denominator, verifying the
 * result exactly.  num must hold k initialised mpz_t.  Returns MC_OK,
 * MC_ELIMIT (deadline), MC_EINTERNAL (no solution found within the
 * Hadamard bound: the matrix is singular), MC_ENOMEM. */
mc_status mc_dixon_solve(const mc_zmat *m, const mc_modp_lu *lu, bool transpose,
                         mpz_t *rhs, mpz_t *num, mpz_t den, double deadline, mc_error *err);

void mc_zmat_free(mc_zmat *m);

/* A basis, factorised: C_B (basic columns) and R_N (nonbasic rows), equally
 * many (k), and the integer matrix M' = S A[R_N, C_B] (row a scaled by
 * scale[a] to integers) with its LU mod p. */
#define MC_LP_NONE UINT32_MAX
typedef struct mc_lp_basis {
    const mc_lp *lp;
    size_t k;
    uint32_t *colpos;  /* ncols: local index in C_B, or MC_LP_NONE */
    uint32_t *rowpos;  /* nrows: local index in R_N, or MC_LP_NONE */
    uint32_t *colb;    /* k: C_B in order */
    uint32_t *rown;    /* k: R_N in order */
    mc_zmat mat;
    mpz_t *scale;      /* k */
    mc_modp_lu lu;
} mc_lp_basis;

/* Factorises the basis given by statuses.  On MC_OK, *ok tells whether it
 * is usable (if not, why says why: counts differ, singular).  Free with
 * mc_lp_basis_free in every case. */
mc_status mc_lp_basis_factor(mc_lp_basis *b, const mc_lp *lp, const mc_lp_vstat *row_stat,
                             const mc_lp_vstat *col_stat, double deadline, bool *ok, char *why,
                             size_t why_cap, mc_error *err);
void mc_lp_basis_free(mc_lp_basis *b);
/* Solves M w = rhs (w indexed by C_B position, rhs by R_N position) or,
 * with transpose, M^T w = rhs (w by R_N, rhs by C_B), exactly.  rhs and w
 * hold k initialised mpq_t.  MC_EINTERNAL when M is singular. */
mc_status mc_lp_basis_solve_rat(const mc_lp_basis *b, bool transpose, const mpq_t *rhs, mpq_t *w,
                                double deadline, mc_error *err);
/* Value of a nonbasic variable from its status; false when the status names
 * a bound its kind lacks. */
bool mc_lp_nonbasic_value(mpq_t out, mc_lp_vstat st, mc_lp_bound kind, const mc_q *lb,
                          const mc_q *ub);

/* Exact primal x (ncols) and duals y (nrows) of a factorised basis, for
 * the objective cost (ncols; NULL: lp->obj).  *ok false, with why, when a
 * status names a missing bound. */
mc_status mc_lp_basis_xy(const mc_lp_basis *b, const mc_lp_vstat *row_stat,
                         const mc_lp_vstat *col_stat, const mpq_t *cost, mpq_t *x, mpq_t *y,
                         double deadline, bool *ok, char *why, size_t why_cap, mc_error *err);

/* Exact primal x (ncols) and duals y (nrows) of the basis given by
 * statuses.  On MC_OK, *ok tells whether the basis was usable (if not,
 * why holds the reason); x and y must hold initialised mpq_t. */
mc_status mc_lp_basis_solve(const mc_lp *lp, const mc_lp_vstat *row_stat,
                            const mc_lp_vstat *col_stat, mpq_t *x, mpq_t *y, size_t *basis_dim,
                            double deadline, bool *ok, char *why, size_t why_cap, mc_error *err);

/* Exact products over rational vectors: act = A x (nrows), u = A^T y (ncols). */
bool mc_lp_times(const mc_lp *lp, const mpq_t *x, mpq_t *act);
bool mc_lp_times_t(const mc_lp *lp, const mpq_t *y, mpq_t *u);

/* Exact simplex pivots (Bland's rule) from a basis until it is exactly
 * optimal or max_pivots: primal simplex from a primal-feasible basis, dual
 * simplex from a dual-feasible one; a basis that is neither gets its costs
 * shifted to make it dual feasible, the dual simplex restores primal
 * feasibility, then the true costs return for primal pivots.  row_stat and
 * col_stat are updated.  On success *certified and res->x, y, value are set;
 * if the primal simplex finds an improving ray, *unbounded and res->x, ray. */
mc_status mc_lp_exact_pivots(const mc_lp *lp, mc_lp_vstat *row_stat, mc_lp_vstat *col_stat,
                             int max_pivots, double deadline, mc_lp_result *res, bool *certified,
                             bool *unbounded, int *npivots, char *why, size_t why_cap,
                             mc_error *err);

/* n initialised GMP numbers (n may be 0); NULL when out of memory.  The
 * matching _free clears and frees them (NULL is fine). */
mpq_t *mc_mpq_vec(size_t n);
void mc_mpq_vec_free(mpq_t *v, size_t n);
/* A new vector holding v[0..n) exactly. */
mpq_t *mc_mpq_vec_of(const mc_q *v, size_t n);
mpz_t *mc_mpz_vec(size_t n);
void mc_mpz_vec_free(mpz_t *v, size_t n);

/* n mc_q set to 0 (NULL when out of memory); _free clears, frees and sets
 * *v to NULL. */
mc_q *mc_lp_q_vec(size_t n);
void mc_lp_q_vec_free(mc_q **v, size_t n);
/* Replaces *slot (old_n entries, or NULL) by a new vector holding v[0..n);
 * false, leaving *slot as it was, when out of memory. */
bool mc_lp_set_q_vec(mc_q **slot, size_t old_n, const mpq_t *v, size_t n);

/* Lowest common multiple of the denominators of q into l (initialised). */
void mc_lp_lcm_den(mpz_t l, const mc_q *q);

/* Writes the common-denominator form of v[0..n): num[j] / den == v[j]. */
void mc_lp_common_den(const mpq_t *v, size_t n, mpz_t *num, mpz_t den);

#endif
