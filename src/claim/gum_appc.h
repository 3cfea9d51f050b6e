/* Seed 004, Appendix C games (gum_appc.c) and their claims
 * (gum_appc_claims.c). */
#ifndef MC_CLAIM_GUM_APPC_H
#define MC_CLAIM_GUM_APPC_H

#include <jansson.h>

#include "mechcheck/claim.h"
#include "mechcheck/sform.h"

enum { MC_APPC_QUIT = 0, MC_APPC_BET = 1 };
enum { MC_APPC_Y = 0, MC_APPC_N = 1 };

typedef struct mc_appc {
    int64_t bet[4];    /* (u1, u2) if 2's guess is correct, then if wrong */
    int64_t pd[4];     /* u3 at (x3, x4) = YY, YN, NY, NN; u4 mirrors it */
    int64_t stage[6];  /* three-player: YYY; one N: the N, the Ys; two N: the Ns, the Y; NNN */
    mc_q p;            /* agent 1's belief that 2's guess is wrong */
} mc_appc;

mc_status mc_appc_read(mc_appc *g, const mc_instance *in, mc_error *err);
void mc_appc_free(mc_appc *g);
mc_status mc_appc_validate(const mc_instance *in, mc_error *err);

/* Payoffs of a pure profile, straight from the tables (the forms below
 * and the independent re-checks both use these). */
void mc_appc_four_payoff(const mc_appc *g, const uint32_t *s, int64_t *u);
void mc_appc_three_payoff(const mc_appc *g, const uint32_t *s, int64_t *u);

/* Strategic forms with named agents and strategies: agents 1..4 with
 * (Quit, Bet) x (YY, YN, NY, NN) x (Y, N) x (Y, N); agents 3..5 with (Y, N). */
mc_status mc_appc_four_sform(const mc_appc *g, mc_sform *sf, mc_error *err);
mc_status mc_appc_three_sform(const mc_appc *g, mc_sform *sf, mc_error *err);
json_t *mc_appc_profile_json(const mc_sform *sf, const uint32_t *s);

mc_status mc_appc_check_spe(const mc_instance *in, const mc_check_opts *o, mc_claim_result *res,
                            mc_error *err);
mc_status mc_appc_check_bet(const mc_instance *in, const mc_check_opts *o, mc_claim_result *res,
                            mc_error *err);
mc_status mc_appc_check_safronov(const mc_instance *in, const mc_check_opts *o,
                                 mc_claim_result *res, mc_error *err);
mc_status mc_appc_check_three(const mc_instance *in, const mc_check_opts *o, mc_claim_result *res,
                              mc_error *err);

#endif
