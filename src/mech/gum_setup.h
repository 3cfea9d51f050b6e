/* Seed-004 instances: the parameters of mechanism "gum/dynamic" (an
 * environment, a policy, a mechanism and an information structure) and
 * the fully built setup the claims work on. */
#ifndef MC_MECH_GUM_SETUP_H
#define MC_MECH_GUM_SETUP_H

#include "mech/gum.h"
#include "mechcheck/claim.h"

typedef struct mc_gum_setup {
    mc_gum_env env;
    mc_gum_policy pol;
    mc_gum_kind kind;               /* transfers (NONE for the transfer-free GUM) */
    bool sym_random;                /* symmetric GUM by a random order (option R) */
    bool transfer_free;
    unsigned order[MC_GUM_MAX_AGENTS];
    mc_gum_mech *mechs;             /* one, or n! for option R */
    size_t nmechs;
    mc_gum_game_opts gopts;         /* the information structure (V0/V1/V2) */
    bool past;                      /* V3: true past types observed */
    char mech_name[16];             /* as given: "gum", "agv", "gum-sym-r", ... */
    uint64_t impl;                  /* efficient implementation index (ties) */
    uint64_t nimpl;                 /* number of efficient implementations (saturating) */
    bool policy_efficient;          /* chi is an efficient policy */
    int sign0;                      /* env=app-g: the decision at a zero sum (+1 or -1); else 0 */
} mc_gum_setup;

/* Reads and builds everything; one-line errors name the parameter. */
mc_status mc_gum_setup_read(mc_gum_setup *s, const mc_instance *in, mc_error *err);
void mc_gum_setup_free(mc_gum_setup *s);

/* The game with the setup's information structure, the coalition pooling
 * its information (bit i-1 for agent i; 0 = none), the given agents forced
 * to report truthfully, and observe_past as the V3 mask.  Destroy with
 * mc_game_destroy. */
mc_status mc_gum_setup_game(const mc_gum_setup *s, uint32_t coalition, uint32_t truthful,
                            uint32_t observe_past, bool simultaneous, mc_game **g, mc_error *err);

/* The mechanism's validate and shrink. */
mc_status mc_gum_validate(const mc_instance *in, mc_error *err);
size_t mc_gum_shrink(const mc_instance *in, mc_instance *out, size_t cap);

/* Number of efficient implementations (product of tie sizes over every
 * state, saturating at UINT64_MAX) and the k-th one's policy (first tied
 * state's choice varies fastest). */
uint64_t mc_gum_count_impl(const mc_gum_policy *p);
mc_status mc_gum_policy_impl(mc_gum_policy *out, const mc_gum_env *e, const mc_gum_policy *eff,
                             uint64_t k, mc_error *err);

#endif
