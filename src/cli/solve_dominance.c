/* solve --dominance on a .nfg file, or on the reduced normal form of a .efg
 * file: read, build the strategic form among the agents, parse the order,
 * eliminate (with the exact LP for --mixed), re-check every elimination
 * independently, write text or JSON. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/dom_run.h"

/* ---- names for the writers ------------------------------------------------------- */

const char *dom_elim_str(const dom_run *run, unsigned agent, uint32_t s, char *buf, size_t cap)
{
    char who[NF_LABEL_CAP], what[NF_LABEL_CAP];
    snprintf(buf, cap, "%s: %s", nf_agent_name(&run->nf, agent, who, sizeof who),
             nf_strategy_name(&run->nf, agent, s, what, sizeof what));
    return buf;
}

const char *dom_dominator_str(const dom_run *run, const mc_dom_step *st, char *buf, size_t cap)
{
    char name[NF_LABEL_CAP];
    if (st->dominator != MC_DOM_MIXED) {
        snprintf(buf, cap, "%s",
                 nf_strategy_name(&run->nf, st->agent, st->dominator, name, sizeof name));
        return buf;
    }
    if (st->mixture.n == 0) {
        snprintf(buf, cap, "a mixture");
        return buf;
    }
    size_t used = 0;
    buf[0] = '\0';
    for (uint32_t i = 0; i < st->mixture.n && used < cap; i++) {
        char p[128];
        mc_q_snprint(p, sizeof p, &st->mixture.prob[i]);
        used += (size_t)snprintf(
            buf + used, cap - used, "%s%s %s", i ? " + " : "", p,
            nf_strategy_name(&run->nf, st->agent, st->mixture.strategy[i], name, sizeof name));
    }
    return buf;
}

/* ---- --order ------------------------------------------------------------------------ */

static void trim(const char **b, const char **e)
{
    while (*b < *e && isspace((unsigned char)**b))
        ++*b;
    while (*e > *b && isspace((unsigned char)(*e)[-1]))
        --*e;
}

/* A positive decimal number in [b, e) no larger than max; 0 if not one. */
static unsigned long number_in(const char *b, const char *e, unsigned long max)
{
    if (b == e || (size_t)(e - b) > 10)
        return 0;
    unsigned long v = 0;
    for (const char *p = b; p < e; p++) {
        if (*p < '0' || *p > '9')
            return 0;
        v = v * 10 + (unsigned long)(*p - '0');
    }
    return v <= max ? v : 0;
}

static bool same(const char *b, const char *e, const char *name)
{
    size_t n = (size_t)(e - b);
    return strlen(name) == n && memcmp(b, name, n) == 0;
}

/* An agent by 1-based number or by name (as nf_agent_name shows it). */
static bool agent_of_token(const dom_run *run, const char *b, const char *e, unsigned *agent)
{
    for (unsigned a = 0; a < run->nf.sf.nagents; a++) {
        char name[NF_LABEL_CAP];
        if (same(b, e, nf_agent_name(&run->nf, a, name, sizeof name))) {
            *agent = a;
            return true;
        }
    }
    unsigned long v = number_in(b, e, run->nf.sf.nagents);
    *agent = (unsigned)(v - 1);
    return v > 0;
}

/* A strategy by name (names win) or by 1-based number. */
static bool strategy_of_token(const dom_run *run, unsigned agent, const char *b, const char *e,
                              uint32_t *s)
{
    for (uint32_t t = 0; t < run->nf.sf.nstrategies[agent]; t++) {
        char name[NF_LABEL_CAP];
        if (same(b, e, nf_strategy_name(&run->nf, agent, t, name, sizeof name))) {
            *s = t;
            return true;
        }
    }
    unsigned long v = number_in(b, e, run->nf.sf.nstrategies[agent]);
    *s = (uint32_t)(v - 1);
    return v > 0;
}

static mc_status list_error(const dom_run *run, const char *text, size_t item, const char *b,
                            const char *e, const char *why, mc_error *err)
{
    return mc_error_set(err, MC_EINPUT,
                        "%s: --order \"%s\": item %zu ('%.*s' at character %zu): %s",
                        run->nf.req->path, text, item, (int)(e - b), b, (size_t)(b - text) + 1,
                        why);
}

/* "1:3;2:1" (or with ',' when there is no ';'): agent:strategy, in order. */
static mc_status parse_list(dom_run *run, const char *text, mc_error *err)
{
    char sep = strchr(text, ';') ? ';' : ',';
    size_t n = 1;
    for (const char *p = text; *p; p++)
        n += *p == sep;
    run->given = malloc(n * sizeof *run->given);
    if (!run->given)
        return mc_error_set(err, MC_ENOMEM, "%s: out of memory", run->nf.req->path);
    size_t item = 0;
    for (const char *b = text;; item++) {
        const char *end = strchr(b, sep);
        if (!end)
            end = b + strlen(b);
        const char *ib = b, *ie = end;
        trim(&ib, &ie);
        if (ib == ie)
            return list_error(run, text, item + 1, b, end,
                              "empty (expected AGENT:STRATEGY, e.g. 1:3)", err);
        const char *colon = memchr(ib, ':', (size_t)(ie - ib));
        if (!colon)
            return list_error(run, text, item + 1, ib, ie,
                              "expected AGENT:STRATEGY, e.g. 1:3", err);
        const char *ab = ib, *ae = colon, *sb = colon + 1, *se = ie;
        trim(&ab, &ae);
        trim(&sb, &se);
        unsigned agent;
        char why[NF_LABEL_CAP + 64];
        if (!agent_of_token(run, ab, ae, &agent)) {
            snprintf(why, sizeof why, "no agent '%.*s' (agents are 1..%u)", (int)(ae - ab), ab,
                     run->nf.sf.nagents);
            return list_error(run, text, item + 1, ib, ie, why, err);
        }
        uint32_t s;
        if (!strategy_of_token(run, agent, sb, se, &s)) {
            char who[NF_LABEL_CAP];
            snprintf(why, sizeof why, "agent %u (%s) has no strategy '%.*s' (numbers 1..%u or names)",
                     agent + 1, nf_agent_name(&run->nf, agent, who, sizeof who), (int)(se - sb),
                     sb, (unsigned)run->nf.sf.nstrategies[agent]);
            return list_error(run, text, item + 1, ib, ie, why, err);
        }
        run->given[item] = (mc_dom_elim){agent, s};
        if (!*end)
            break;
        b = end + 1;
    }
    run->opt.given = run->given;
    run->opt.ngiven = item + 1;
    return MC_OK;
}

static mc_status parse_order(dom_run *run, const char *text, mc_error *err)
{
    mc_dom_options *o = &run->opt;
    if (!text || strcmp(text, "rounds") == 0) {
        o->order = MC_DOM_ROUNDS;
        return MC_OK;
    }
    if (strcmp(text, "all") == 0 || strcmp(text, "all-orders") == 0) {
        o->order = MC_DOM_ALL_ORDERS;
        return MC_OK;
    }
    if (strncmp(text, "alternating", 11) == 0 && (text[11] == '\0' || text[11] == ':')) {
        o->order = MC_DOM_ALTERNATING;
        o->first_agent = 0;
        if (text[11] == ':') {
            const char *b = text + 12, *e = text + strlen(text);
            trim(&b, &e);
            if (!agent_of_token(run, b, e, &o->first_agent))
                return mc_error_set(err, MC_EINPUT,
                                    "%s: --order \"%s\": no agent '%.*s' (agents are 1..%u)",
                                    run->nf.req->path, text, (int)(e - b), b, run->nf.sf.nagents);
        }
        return MC_OK;
    }
    o->order = MC_DOM_GIVEN;
    return parse_list(run, text, err);
}

/* ---- the run ------------------------------------------------------------------------- */

static mc_status timed_mixed(void *ctx, const mc_sform *sf, const mc_survivors *sv,
                             mc_dom_notion notion, unsigned agent, uint32_t s, bool *dominated,
                             mc_dom_mixture *mixture, mc_error *err)
{
    dom_hook *h = ctx;
    if (h->deadline > 0) {
        double left = h->deadline - nf_now();
        if (left <= 0)
            return mc_error_set(err, MC_ELIMIT,
                                "the time limit (--timeout) ran out during mixed dominance; no "
                                "result");
        h->lp.lp.time_limit = left;
    }
    return mc_dom_mixed_lp(&h->lp, sf, sv, notion, agent, s, dominated, mixture, err);
}

static mc_status solve(dom_run *run, const char *buf, size_t len, bool efg, mc_error *err)
{
    const solve_request *req = run->nf.req;
    mc_status st = nf_load(&run->nf, req, buf, len, efg, err);
    if (st != MC_OK)
        return st;
    mc_dom_options_default(&run->opt, req->notion, MC_DOM_ROUNDS);
    run->opt.max_states = req->max_states;
    if (req->mixed) {
        if (req->notion == MC_DOM_DISTINGUISHABLE)
            return mc_error_set(err, MC_EINPUT,
                                "%s: --mixed does not apply to distinguishable dominance (spec "
                                "001 Def 8 is pure against pure)",
                                req->path);
        mc_dom_lp_init(&run->hook.lp);
        run->hook.deadline = req->timeout > 0 ? run->nf.start + req->timeout : 0;
        run->opt.mixed = timed_mixed;
        run->opt.mixed_ctx = &run->hook;
    }
    if ((st = parse_order(run, req->order, err)) != MC_OK)
        return st;
    if ((st = mc_dom_game_init(&run->dg, &run->nf.sf, err)) != MC_OK)
        return nf_name_input(err, req->path, st);
    run->have_dg = true;
    double t0 = nf_now();
    st = mc_dom_iterate(&run->dg, NULL, &run->opt, &run->res, err);
    run->have_res = true;
    run->seconds = nf_now() - t0;
    if (st == MC_EINPUT && run->opt.order == MC_DOM_GIVEN) {
        char why[sizeof err->msg];
        memcpy(why, err->msg, sizeof why);
        return mc_error_set(err, st, "%s: --order \"%s\": %s", req->path, req->order, why);
    }
    if (st != MC_OK)
        return nf_name_input(err, req->path, st);
    mc_error_clear(&run->verify_err);
    st = mc_dom_verify(&run->dg, NULL, &run->res, &run->verify_err);
    if (st == MC_ENOMEM)
        return mc_error_set(err, st, "%s", run->verify_err.msg);
    run->verified = st == MC_OK;
    return MC_OK;
}

static int solve_dominance(const solve_request *req, const char *buf, size_t len, bool efg)
{
    dom_run run;
    memset(&run, 0, sizeof run);
    run.nf.req = req;
    mc_error err;
    mc_error_clear(&err);
    int status = CLI_EXIT_ERROR;
    double start = nf_now();
    mc_status st = solve(&run, buf, len, efg, &err);
    run.total_seconds = nf_now() - start;
    if (st == MC_OK)
        st = nf_output(&run.nf, req->json ? dom_write_json : dom_write_text, &run, &err);
    if (st != MC_OK) {
        if (err.msg[0])
            cli_report_error(&err);
    } else if (!run.verified) {
        cli_errorf("%s: the independent re-check of the eliminations failed: %s", req->path,
                   run.verify_err.msg);
        status = CLI_EXIT_FAIL;
    } else {
        status = CLI_EXIT_OK;
    }
    if (run.have_res)
        mc_dom_result_free(&run.res);
    if (run.have_dg)
        mc_dom_game_free(&run.dg);
    free(run.given);
    nf_free(&run.nf);
    return status;
}

int cli_solve_dominance_nfg(const solve_request *req, const char *buf, size_t len)
{
    return solve_dominance(req, buf, len, false);
}

int cli_solve_dominance_efg(const solve_request *req, const char *buf, size_t len)
{
    return solve_dominance(req, buf, len, true);
}
