/* Running a claim from Check tests: an instance from "--set" words, default
 * options, the verdict and the witness. */
#ifndef MC_CLAIM_TESTUTIL_H
#define MC_CLAIM_TESTUTIL_H

#include <check.h>
#include <jansson.h>

#include "mechcheck/claim.h"

/* The instance of the NULL-terminated words kv ("n=3", ...), as --set
 * gives them; free it with mc_instance_free. */
static inline void mc_test_instance(mc_instance *in, const char *const *kv)
{
    mc_error err;
    ck_assert_int_eq(mc_instance_init(in, "--set", &err), MC_OK);
    for (; *kv; kv++)
        ck_assert_msg(mc_instance_set(in, *kv, &err) == MC_OK, "%s", err.msg);
}

/* Runs claim id on the words kv; returns the check's status and fills *res
 * (free it with mc_claim_result_free, also after an error). */
static inline mc_status mc_test_run_claim(const char *id, const char *const *kv,
                                          mc_claim_result *res, mc_error *err)
{
    const mc_claim *c = mc_claim_find(id);
    ck_assert_msg(c != NULL, "no claim %s", id);
    mc_instance in;
    mc_test_instance(&in, kv);
    mc_check_opts o = {0};
    mc_status st = mc_claim_run(c, &in, &o, res, err);
    mc_instance_free(&in);
    return st;
}

/* The verdict of a check that must run; *witness (when not NULL) receives a
 * reference to the witness, dropping the one it held. */
static inline mc_verdict mc_test_verdict(const char *id, const char *const *kv, json_t **witness)
{
    mc_claim_result r;
    mc_error err;
    ck_assert_msg(mc_test_run_claim(id, kv, &r, &err) == MC_OK, "%s: %s", id, err.msg);
    mc_verdict v = r.verdict;
    if (witness) {
        json_decref(*witness);
        *witness = json_incref(r.witness);
    }
    mc_claim_result_free(&r);
    return v;
}

#endif
