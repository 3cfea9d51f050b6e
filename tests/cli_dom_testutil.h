/* Helpers of the solve --dominance / --nash CLI suites: fixtures in
 * tests/data/dominance/, JSON runs, survivors and elimination steps. */
#ifndef MC_CLI_DOM_TESTUTIL_H
#define MC_CLI_DOM_TESTUTIL_H

#include "cli_testutil.h"

static inline char *dom(const char *name)
{
    static char bufs[4][1024];
    static int next;
    char *b = bufs[next++ % 4];
    char rel[256];
    snprintf(rel, sizeof rel, "dominance/%s", name);
    return (char *)mc_test_data(rel, b, sizeof bufs[0]);
}

/* Runs the command, wants exit 0 and JSON on stdout. */
static inline json_t *json_of(cli_run *r, const char *fmt, ...)
{
    char args[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    *r = run_cli("%s", args);
    ck_assert_msg(r->status == 0, "exit %d, stderr: %s", r->status, r->err);
    json_error_t jerr;
    json_t *j = json_loads(r->out, 0, &jerr);
    ck_assert_msg(j != NULL, "invalid JSON (%s): %s", jerr.text, r->out);
    return j;
}

static inline json_t *at(json_t *arr, size_t i)
{
    json_t *v = json_array_get(arr, i);
    ck_assert_msg(v != NULL, "no entry %zu", i);
    return v;
}

/* survivors as names per agent: want = "M|L,R" (agents split by '|'). */
static inline void assert_survivors(json_t *obj, const char *want)
{
    json_t *sv = jget(obj, "survivors");
    char buf[1024] = "";
    size_t used = 0;
    for (size_t a = 0; a < json_array_size(sv); a++) {
        json_t *names = at(sv, a);
        used += (size_t)snprintf(buf + used, sizeof buf - used, "%s", a ? "|" : "");
        for (size_t i = 0; i < json_array_size(names); i++)
            used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%s", i ? "," : "",
                                     json_string_value(at(names, i)));
    }
    ck_assert_str_eq(buf, want);
}

/* An elimination entry with a pure dominator. */
static inline void assert_pure_step(json_t *e, int round, int agent, const char *name,
                             const char *dominator)
{
    ck_assert_int_eq(jget_int(e, "round"), round);
    ck_assert_int_eq(jget_int(e, "agent"), agent);
    ck_assert_str_eq(jget_str(e, "strategy_name"), name);
    ck_assert_str_eq(jget_str(e, "dominator_name"), dominator);
    ck_assert(json_is_null(jget(e, "mixture")));
}

#endif
