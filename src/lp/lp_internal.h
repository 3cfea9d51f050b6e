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

/* Exact primal x (ncols) and duals y (nrows) of the basis given by
 * statuses.  On MC_OK, *ok tells whether the basis was usable (if not,
 * why holds the reason); x and y must hold initialised mpq_t. */
mc_status mc_lp_basis_solve(const mc_lp *lp, const mc_lp_vstat *row_stat,
                            const mc_lp_vstat *col_stat, mpq_t *x, mpq_t *y, size_t *basis_dim,
                            double deadline, bool *ok, char *why, size_t why_cap, mc_error *err);

/* Lowest common multiple of the denominators of q into l (initialised). */
void mc_lp_lcm_den(mpz_t l, const mc_q *q);

/* Writes the common-denominator form of v[0..n): num[j] / den == v[j]. */
void mc_lp_common_den(const mpq_t *v, size_t n, mpz_t *num, mpz_t den);

#endif
