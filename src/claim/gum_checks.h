/* The check functions of the seed-004 claims (registered in gum_paper.c). */
#ifndef MC_CLAIM_GUM_CHECKS_H
#define MC_CLAIM_GUM_CHECKS_H

#include "claim/gum_claims.h"

#define MC_GUM_CHECK(name)                                                                   \
    mc_status name(const mc_instance *in, const mc_check_opts *o, mc_claim_result *res,      \
                   mc_error *err)

MC_GUM_CHECK(mc_gum_check_budget);
MC_GUM_CHECK(mc_gum_check_lemma1);
MC_GUM_CHECK(mc_gum_check_gup);
MC_GUM_CHECK(mc_gum_check_cpgup);
MC_GUM_CHECK(mc_gum_check_theorem1);
MC_GUM_CHECK(mc_gum_check_prop1);
MC_GUM_CHECK(mc_gum_check_prop2);
MC_GUM_CHECK(mc_gum_check_coalition_bound);
MC_GUM_CHECK(mc_gum_check_theorem2);
MC_GUM_CHECK(mc_gum_check_theorem3);
MC_GUM_CHECK(mc_gum_check_theorem4);
MC_GUM_CHECK(mc_gum_check_theorem5);
MC_GUM_CHECK(mc_gum_check_example_e3);
MC_GUM_CHECK(mc_gum_check_example_52);
MC_GUM_CHECK(mc_gum_check_example_51);
MC_GUM_CHECK(mc_gum_check_example_appd);
MC_GUM_CHECK(mc_gum_check_table1_ic);
MC_GUM_CHECK(mc_gum_check_table1_pbe);
MC_GUM_CHECK(mc_gum_check_table1_past);
MC_GUM_CHECK(mc_gum_check_table1_bne);
MC_GUM_CHECK(mc_gum_check_table1_pbe_all);
MC_GUM_CHECK(mc_gum_check_table1_iewds);
MC_GUM_CHECK(mc_gum_check_lemma2);
MC_GUM_CHECK(mc_gum_check_lemma3);
MC_GUM_CHECK(mc_gum_check_conjecture1);
MC_GUM_CHECK(mc_gum_check_apph_shapley);
MC_GUM_CHECK(mc_gum_check_app_g);
MC_GUM_CHECK(mc_gum_check_app_g_eq);

/* Per-node martingale identity of App B (gum_martingale.c): at the start
 * of every period and at every leaf, for every agent truthful so far and
 * everyone truthful afterwards, E[U^i | node] = Upsilon^i_{t,N}(reports) +
 * transfers to i so far. */
mc_status mc_gum_martingale(const mc_gum_setup *s, uint64_t *checked, uint64_t *violations,
                            json_t **first, mc_error *err);

#endif
