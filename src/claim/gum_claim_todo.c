/* Claims not implemented yet (temporary). */
#include "claim/gum_checks.h"

#define TODO(fn)                                                                                \
    MC_GUM_CHECK(fn)                                                                            \
    {                                                                                           \
        (void)in;                                                                               \
        (void)o;                                                                                \
        (void)err;                                                                              \
        mc_claim_result_set(res, MC_UNDECIDED, "not implemented yet");                          \
        return MC_OK;                                                                           \
    }

TODO(mc_gum_check_theorem5)
