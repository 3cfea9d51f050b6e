/* Private: strategy generation for the sequence-form LP (seqform_do.c). */
#ifndef MC_SEQFORM_INTERNAL_H
#define MC_SEQFORM_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "mechcheck/seqform.h"

typedef struct ef_do ef_do;

/* A restricted (B) for the sides and matrix (borrowed), S empty. */
mc_status ef_do_new(const mc_ef_matrix *A, const mc_ef_side *mx, const mc_ef_side *mn,
                    ef_do **out, mc_error *err);
void ef_do_free(ef_do *d);
/* Adds to S every sequence of support (a closed set, e.g. a plan's) not yet
 * in it; returns how many. */
uint32_t ef_do_add_support(ef_do *d, const uint8_t *support);
/* Solves and grows S in doubles until the min side's best reply no longer
 * improves on the LP value (*converged) or max_rounds pass.  MC_ELIMIT past
 * the deadline (0: none); MC_EUNSUPPORTED when GLPK fails. */
mc_status ef_do_run(ef_do *d, uint32_t max_rounds, double deadline, bool *converged,
                    mc_error *err);
/* S as a mask over the min side's sequences; its size and the rounds run. */
const uint8_t *ef_do_set(const ef_do *d, uint32_t *size, uint32_t *rounds);

/* GLPK's current basis in the order of the restricted LP that
 * seqform_lp.c builds for S (rows: S in increasing order, x_root, the max
 * sets; columns: x, q_root, the included min sets in order), for
 * mc_lp_options.start_basis; malloc'd, NULL when there is none. */
unsigned char *ef_do_basis(const ef_do *d);

/* The exact certificate on the full game (seqform_check.c): 0 when x and y
 * are realization plans and both best replies give value; 1 when the min
 * side's best reply to x is below value (its plan in min_plan, if not NULL);
 * 2 for any other failure (why says). */
int ef_seqform_exact_check(const mc_ef_matrix *a, const mc_ef_side *max_side,
                           const mc_ef_side *min_side, const mc_q *x, const mc_q *y,
                           const mc_q *value, uint32_t *min_plan, mc_error *why);

#endif
