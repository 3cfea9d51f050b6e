/* Claim results and the one place a claim is run: parameter names, the
 * mechanism's validation, the check, limits as UNDECIDED, the independent
 * re-check, timing. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechcheck/claim.h"
#include "mechcheck/search.h"

const char *mc_verdict_name(mc_verdict v)
{
    switch (v) {
    case MC_HOLDS:
        return "HOLDS";
    case MC_FAILS:
        return "FAILS";
    case MC_UNDECIDED:
        return "UNDECIDED";
    case MC_NOT_APPLICABLE:
        return "NOT-APPLICABLE";
    }
    return "?";
}

void mc_claim_result_init(mc_claim_result *r)
{
    memset(r, 0, sizeof *r);
    r->verdict = MC_UNDECIDED;
}

void mc_claim_result_free(mc_claim_result *r)
{
    free(r->reason);
    json_decref(r->witness);
    json_decref(r->margins);
    json_decref(r->fragment);
    mc_claim_result_init(r);
}

void mc_claim_result_set(mc_claim_result *r, mc_verdict v, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    for (char *c = buf; *c; c++) /* one line */
        if (*c == '\n' || *c == '\r')
            *c = ' ';
    free(r->reason);
    r->reason = strdup(buf);
    r->verdict = v;
}

mc_status mc_claim_run(const mc_claim *c, const mc_instance *in, const mc_check_opts *o,
                       mc_claim_result *res, mc_error *err)
{
    mc_check_opts dflt = {0};
    if (!o)
        o = &dflt;
    mc_claim_result_init(res);
    const mc_mechanism *m = mc_mechanism_find(c->mechanism);
    if (!m)
        return mc_error_set(err, MC_EINTERNAL, "claim %s: unknown mechanism '%s'", c->id,
                            c->mechanism);
    if (in->mechanism && strcmp(in->mechanism, m->id) != 0)
        return mc_error_set(err, MC_EINPUT,
                            "instance %s is for mechanism %s, but claim %s is about %s",
                            in->origin, in->mechanism, c->id, m->id);
    mc_status st = mc_instance_check_params(in, m, err);
    if (st == MC_OK && m->validate)
        st = m->validate(in, err);
    if (st != MC_OK)
        return st;

    double t0 = mc_now();
    mc_error cerr;
    mc_error_clear(&cerr);
    st = c->check(in, o, res, &cerr);
    if (st == MC_ELIMIT) {
        /* a limit is a verdict, with whatever the check had found */
        mc_claim_result_set(res, MC_UNDECIDED, "%s", cerr.msg[0] ? cerr.msg : "limit reached");
        st = MC_OK;
    }
    if (st == MC_OK && !res->reason)
        mc_claim_result_set(res, res->verdict, "%s", mc_verdict_name(res->verdict));
    if (st == MC_OK && c->recheck && (res->verdict == MC_HOLDS || res->verdict == MC_FAILS)) {
        mc_error rerr;
        mc_error_clear(&rerr);
        if (c->recheck(in, res, &rerr) != MC_OK)
            st = mc_error_set(&cerr, MC_EINTERNAL,
                              "claim %s on %s: the independent re-check rejects the %s result: %s",
                              c->id, in->origin, mc_verdict_name(res->verdict), rerr.msg);
    }
    res->seconds = mc_now() - t0;
    if (st != MC_OK) {
        mc_claim_result_free(res); /* on error the result is empty */
        if (err) {
            err->code = st;
            memcpy(err->msg, cerr.msg, sizeof err->msg);
        }
        return st;
    }
    return MC_OK;
}
