/* Shared declarations of the perfect-revenue paper's claims (the paper
 * record is in perfect_revenue.c). */
#ifndef MC_CLAIM_PERFECT_REVENUE_CLAIMS_H
#define MC_CLAIM_PERFECT_REVENUE_CLAIMS_H

#include "claim/perfect_revenue_audit.h"
#include "mech/perfect_revenue.h"
#include "mechcheck/claim.h"
#include "mechcheck/nfg.h"
#include "mechcheck/tree.h"

/* ---- mechanism M instances (perfect_revenue_inst.c) ------------------------ */

extern const mc_param_doc mc_pr_m_params[];
/* p initialised; validated on success. */
mc_status mc_pr_params_from_instance(const mc_instance *in, mc_pr_params *p, mc_error *err);
mc_status mc_pr_m_validate(const mc_instance *in, mc_error *err);
/* A list parameter as text (see perfect_revenue_inst.c). */
bool mc_pr_json_rows(const json_t *v, char *buf, size_t cap);
size_t mc_pr_m_shrink(const mc_instance *in, mc_instance *out, size_t cap);

/* ---- the audit of an instance, shared by the claims (perfect_revenue_run.c) */

/* Reads the instance and runs (or reuses) its audit.  A limit gives
 * MC_ELIMIT with the message in err.  Release with mc_pr_run_release. */
mc_status mc_pr_run_get(const mc_instance *in, const mc_check_opts *o, const mc_pr_audit **a,
                        mc_error *err);
void mc_pr_run_release(const mc_pr_audit *a);
/* Drops the cached audit (tests). */
void mc_pr_run_flush(void);

/* JSON of the instance parameters, of the solve and of the equilibrium. */
json_t *mc_pr_json_instance(const mc_pr_params *p);
json_t *mc_pr_json_solve(const mc_pr_audit *a);
json_t *mc_pr_json_equilibrium(const mc_pr_audit *a);
/* "{1,2}" style block of the agent containing player j into buf. */
const char *mc_pr_block_text(const mc_pr_params *p, unsigned j, char *buf, size_t cap);

/* ---- export (perfect_revenue_export.c) ------------------------------------- */

/* Mechanism M of an instance as an explicit tree (t uninitialised). */
mc_status mc_pr_export_tree(const mc_instance *in, mc_tree *t, uint64_t max_nodes,
                            mc_error *err);
/* HOPE-FOR-THE-BEST of an instance as a normal form (g uninitialised). */
mc_status mc_pr_export_hope(const mc_instance *in, mc_nfg *g, mc_error *err);

/* ---- claim checks (one file per group) ----------------------------------- */

mc_status mc_pr_check_lemma1(const mc_instance *, const mc_check_opts *, mc_claim_result *,
                             mc_error *);
mc_status mc_pr_check_lemma1_prime(const mc_instance *, const mc_check_opts *, mc_claim_result *,
                                   mc_error *);
mc_status mc_pr_check_lemma2(const mc_instance *, const mc_check_opts *, mc_claim_result *,
                             mc_error *);
mc_status mc_pr_check_lemma2_prime(const mc_instance *, const mc_check_opts *, mc_claim_result *,
                                   mc_error *);
mc_status mc_pr_check_lemma3(const mc_instance *, const mc_check_opts *, mc_claim_result *,
                             mc_error *);
mc_status mc_pr_check_lemma3_prime(const mc_instance *, const mc_check_opts *, mc_claim_result *,
                                   mc_error *);
mc_status mc_pr_recheck_lemma(const mc_instance *, const mc_claim_result *, mc_error *);

mc_status mc_pr_check_thm2_welfare(const mc_instance *, const mc_check_opts *, mc_claim_result *,
                                   mc_error *);
mc_status mc_pr_check_thm2_revenue(const mc_instance *, const mc_check_opts *, mc_claim_result *,
                                   mc_error *);
mc_status mc_pr_check_unique_spe(const mc_instance *, const mc_check_opts *, mc_claim_result *,
                                 mc_error *);
mc_status mc_pr_check_no_loss(const mc_instance *, const mc_check_opts *, mc_claim_result *,
                              mc_error *);
mc_status mc_pr_check_nonneg_utility(const mc_instance *, const mc_check_opts *,
                                     mc_claim_result *, mc_error *);
mc_status mc_pr_check_no_loss_all_plays(const mc_instance *, const mc_check_opts *,
                                        mc_claim_result *, mc_error *);
mc_status mc_pr_check_one_truthful_spe(const mc_instance *, const mc_check_opts *,
                                       mc_claim_result *, mc_error *);
mc_status mc_pr_check_privacy(const mc_instance *, const mc_check_opts *, mc_claim_result *,
                              mc_error *);
mc_status mc_pr_recheck_outcome(const mc_instance *, const mc_claim_result *, mc_error *);

#endif
