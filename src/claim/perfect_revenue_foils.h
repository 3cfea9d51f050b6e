/* The foils of the perfect-revenue paper: Theorem 1's DST impossibility as
 * LPs, HOPE-FOR-THE-BEST as a normal form, and the Glazer-Perry example of
 * Appendix B as arithmetic. */
#ifndef MC_CLAIM_PERFECT_REVENUE_FOILS_H
#define MC_CLAIM_PERFECT_REVENUE_FOILS_H

#include "mechcheck/claim.h"

#define MC_PR_M_NPARAMS 11
#define MC_PR_DST_NPARAMS 3
#define MC_PR_HOPE_NPARAMS 7
#define MC_PR_GP_NPARAMS 4

extern const mc_param_doc mc_pr_dst_params[MC_PR_DST_NPARAMS];
extern const mc_param_doc mc_pr_hope_params[MC_PR_HOPE_NPARAMS];
extern const mc_param_doc mc_pr_gp_params[MC_PR_GP_NPARAMS];

mc_status mc_pr_dst_validate(const mc_instance *in, mc_error *err);
mc_status mc_pr_hope_validate(const mc_instance *in, mc_error *err);
mc_status mc_pr_gp_validate(const mc_instance *in, mc_error *err);

struct mc_hope;
/* Reads a HOPE-FOR-THE-BEST instance into h (uninitialised on entry). */
mc_status mc_pr_hope_read(const mc_instance *in, struct mc_hope *h, mc_error *err);

mc_status mc_pr_check_theorem1(const mc_instance *, const mc_check_opts *, mc_claim_result *,
                               mc_error *);
mc_status mc_pr_recheck_theorem1(const mc_instance *, const mc_claim_result *, mc_error *);
mc_status mc_pr_check_hope_truthful(const mc_instance *, const mc_check_opts *,
                                    mc_claim_result *, mc_error *);
mc_status mc_pr_check_hope_scaled(const mc_instance *, const mc_check_opts *, mc_claim_result *,
                                  mc_error *);
mc_status mc_pr_check_hope_scaled_numbers(const mc_instance *, const mc_check_opts *,
                                          mc_claim_result *, mc_error *);
mc_status mc_pr_check_hope_footnote(const mc_instance *, const mc_check_opts *,
                                    mc_claim_result *, mc_error *);
mc_status mc_pr_check_hope_dominance(const mc_instance *, const mc_check_opts *,
                                     mc_claim_result *, mc_error *);
mc_status mc_pr_check_gp(const mc_instance *, const mc_check_opts *, mc_claim_result *,
                         mc_error *);

#endif
