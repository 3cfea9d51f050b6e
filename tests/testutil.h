/* Shared helpers for the Check suites. */
#ifndef MC_TESTUTIL_H
#define MC_TESTUTIL_H

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "mechcheck/num.h"

/* Asserts that q prints as the exact string want ("3/4", "-2"). */
#define ck_assert_q_str(q, want)                                              \
    do {                                                                      \
        char ck_q_buf_[256];                                                  \
        mc_q_snprint(ck_q_buf_, sizeof ck_q_buf_, (q));                       \
        ck_assert_str_eq(ck_q_buf_, (want));                                  \
    } while (0)

/* Asserts that q prints as want, naming what it is in the message. */
static inline void mc_test_q_is(const mc_q *q, const char *want, const char *what)
{
    char buf[256];
    mc_q_snprint(buf, sizeof buf, q);
    ck_assert_msg(!strcmp(buf, want), "%s = %s, expected %s", what, buf, want);
}

/* Path of a file under tests/data (MC_TESTDATA, set by the Makefile). */
static inline const char *mc_test_data(const char *name, char *buf, size_t cap)
{
    const char *dir = getenv("MC_TESTDATA");
    snprintf(buf, cap, "%s/%s", dir ? dir : "tests/data", name);
    return buf;
}

#endif
