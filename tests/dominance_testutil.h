/* Helpers shared by the dominance suites: one order run, survivors and
 * elimination steps asserted. */
#ifndef MC_DOMINANCE_TESTUTIL_H
#define MC_DOMINANCE_TESTUTIL_H

#include <check.h>

#include "mechcheck/dominance.h"
#include "sform_testutil.h"
#include "testutil.h"

/* The survivors of agent as mc_survivors_snprint prints them ("1,3"). */
static inline void assert_surv(const mc_survivors *sv, unsigned agent, const char *want)
{
    char buf[1024];
    mc_survivors_snprint(buf, sizeof buf, sv, agent);
    ck_assert_str_eq(buf, want);
}

/* Runs one order; the caller frees res. */
static inline void iterate_ok(const mc_dom_game *dg, mc_dom_notion notion, mc_dom_order order,
                              mc_dom_result *res)
{
    mc_dom_options opt;
    mc_dom_options_default(&opt, notion, order);
    mc_error err;
    mc_status st = mc_dom_iterate(dg, NULL, &opt, res, &err);
    ck_assert_msg(st == MC_OK, "iterate: %s", err.msg);
}

static inline void assert_step(const mc_dom_step *s, uint32_t round, unsigned agent,
                               uint32_t strategy, uint32_t dominator)
{
    ck_assert_uint_eq(s->round, round);
    ck_assert_uint_eq(s->agent, agent);
    ck_assert_uint_eq(s->strategy, strategy);
    ck_assert_uint_eq(s->dominator, dominator);
}

#endif
