/* solve --nash on a .nfg file, or on the reduced normal form of a .efg file:
 * every pure Nash equilibrium among the agents (exact payoffs, strict
 * flags; for a .efg also the terminal nodes it reaches), each re-checked by
 * trying every unilateral deviation; text or JSON (schema in README.md). */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/nf_run.h"
#include "mechcheck/nash.h"

typedef struct nash_run {
    nf_run nf;
    mc_nash_result res;
    bool have_res;
    bool verified;
    char verify_msg[256];
    double seconds, total_seconds;
} nash_run;

/* Independent re-check: at each listed profile no agent gains by a
 * unilateral deviation, and it is strict iff every deviation loses.  Only
 * the listed profiles are checked, not that the list is complete. */
static bool recheck(nash_run *run)
{
    const mc_sform *sf = &run->nf.sf;
    for (size_t i = 0; i < run->res.count; i++) {
        uint64_t p = run->res.profile[i];
        bool strict = true;
        uint32_t own[MC_MAX_PLAYERS];
        mc_sform_profile_of(sf, p, own);
        for (unsigned a = 0; a < sf->nagents; a++) {
            const mc_q *u = mc_sform_payoff(sf, p, a);
            for (uint32_t t = 0; t < sf->nstrategies[a]; t++) {
                if (t == own[a])
                    continue;
                uint64_t q = p + ((uint64_t)t - own[a]) * sf->stride[a];
                int c = mc_q_cmp(mc_sform_payoff(sf, q, a), u);
                if (c > 0) {
                    snprintf(run->verify_msg, sizeof run->verify_msg,
                             "equilibrium %zu: agent %u gains by switching to strategy %" PRIu32,
                             i + 1, a + 1, t + 1);
                    return false;
                }
                strict &= c < 0;
            }
        }
        if (strict != run->res.strict[i]) {
            snprintf(run->verify_msg, sizeof run->verify_msg,
                     "equilibrium %zu: reported %s, the deviations say %s", i + 1,
                     run->res.strict[i] ? "strict" : "not strict", strict ? "strict" : "not strict");
            return false;
        }
    }
    return true;
}

static size_t nstrict(const nash_run *run)
{
    size_t n = 0;
    for (size_t i = 0; i < run->res.count; i++)
        n += run->res.strict[i];
    return n;
}

static mc_status write_text(FILE *f, const void *arg, mc_error *err)
{
    const nash_run *run = arg;
    const nf_run *nf = &run->nf;
    const mc_sform *sf = &nf->sf;
    nf_text_header(f, nf);
    fprintf(f, "\npure Nash equilibria (exact): %zu (%zu strict)\n", run->res.count, nstrict(run));
    size_t shown = run->res.count < NF_MAX_LISTED ? run->res.count : NF_MAX_LISTED;
    for (size_t i = 0; i < shown; i++) {
        uint64_t p = run->res.profile[i];
        uint32_t as[MC_MAX_PLAYERS];
        mc_sform_profile_of(sf, p, as);
        fprintf(f, "  %zu  (", i + 1);
        for (unsigned a = 0; a < sf->nagents; a++) {
            char name[NF_LABEL_CAP];
            fprintf(f, "%s%s", a ? ", " : "", nf_strategy_name(nf, a, as[a], name, sizeof name));
        }
        fprintf(f, ")  payoffs (");
        for (unsigned pl = 0; pl < nf_nplayers(nf); pl++) {
            fputs(pl ? ", " : "", f);
            mc_q_fprint(f, nf_player_payoff(nf, p, pl));
        }
        fputc(')', f);
        fprintf(f, "%s\n", run->res.strict[i] ? "  strict" : "");
        if (nf->efg) {
            fprintf(f, "     reaches ");
            nf_efg_terminals_text(f, nf, p);
            fputc('\n', f);
        }
    }
    if (shown < run->res.count)
        fprintf(f, "  ... (%zu in all)\n", run->res.count);
    if (run->verified)
        fprintf(f, "\nre-check of every equilibrium: passed (no profitable unilateral deviation; "
                   "strict exactly where every deviation loses)\n");
    else
        fprintf(f, "\nre-check of every equilibrium: FAILED: %s\n", run->verify_msg);
    fprintf(f, "\nstats: %" PRIu64 " profiles, solved in %.6f s, %.6f s in all\n", sf->nprofiles,
            run->seconds, run->total_seconds);
    if (ferror(f))
        return mc_error_set(err, MC_EIO, "writing the result: %s", strerror(errno));
    return MC_OK;
}

static mc_status write_json(FILE *f, const void *arg, mc_error *err)
{
    const nash_run *run = arg;
    const nf_run *nf = &run->nf;
    const mc_sform *sf = &nf->sf;
    cj c = {false};
    json_t *root = cj_obj(&c);
    nf_json_header(&c, root, nf);
    json_t *nash = cj_obj(&c);
    cj_put(&c, nash, "count", cj_int(run->res.count));
    cj_put(&c, nash, "strict_count", cj_int(nstrict(run)));
    json_t *eqs = cj_arr(&c);
    size_t shown = run->res.count < NF_MAX_LISTED ? run->res.count : NF_MAX_LISTED;
    for (size_t i = 0; eqs && i < shown; i++) {
        uint64_t p = run->res.profile[i];
        uint32_t as[MC_MAX_PLAYERS];
        mc_sform_profile_of(sf, p, as);
        json_t *e = cj_obj(&c), *num = cj_arr(&c), *names = cj_arr(&c), *pay = cj_arr(&c),
               *apay = cj_arr(&c);
        for (unsigned a = 0; num && names && apay && a < sf->nagents; a++) {
            char name[NF_LABEL_CAP];
            cj_push(&c, num, cj_int(as[a] + 1));
            cj_push(&c, names, cj_str(nf_strategy_name(nf, a, as[a], name, sizeof name)));
            cj_push(&c, apay, cj_q(mc_sform_payoff(sf, p, a)));
        }
        for (unsigned pl = 0; pay && pl < nf_nplayers(nf); pl++)
            cj_push(&c, pay, cj_q(nf_player_payoff(nf, p, pl)));
        cj_put(&c, e, "strategies", num);
        cj_put(&c, e, "strategy_names", names);
        cj_put(&c, e, "payoffs", pay);
        cj_put(&c, e, "agent_payoffs", apay);
        cj_put(&c, e, "strict", json_boolean(run->res.strict[i]));
        if (nf->efg)
            cj_put(&c, e, "terminals", nf_efg_terminals_json(&c, nf, p));
        cj_push(&c, eqs, e);
    }
    cj_put(&c, nash, "equilibria", eqs);
    cj_put(&c, nash, "verified", json_boolean(run->verified));
    cj_put(&c, nash, "error", run->verified ? json_null() : cj_str(run->verify_msg));
    cj_put(&c, root, "nash", nash);
    json_t *stats = cj_obj(&c);
    cj_put(&c, stats, "profiles", cj_int(sf->nprofiles));
    cj_put(&c, stats, "seconds", json_real(run->seconds));
    cj_put(&c, stats, "total_seconds", json_real(run->total_seconds));
    cj_put(&c, root, "stats", stats);
    return cj_write(&c, root, f, nf->req->path, err);
}

static int solve_nash(const solve_request *req, const char *buf, size_t len, bool efg)
{
    nash_run run;
    memset(&run, 0, sizeof run);
    mc_error err;
    mc_error_clear(&err);
    int status = CLI_EXIT_ERROR;
    double start = nf_now();
    mc_status st = nf_load(&run.nf, req, buf, len, efg, &err);
    if (st == MC_OK) {
        double t0 = nf_now();
        st = mc_nash_pure(&run.nf.sf, NULL, nf_max_profiles(&run.nf), &run.res, &err);
        run.have_res = true;
        run.seconds = nf_now() - t0;
        if (st != MC_OK)
            st = nf_limit_error(&err, req->path, st);
    }
    if (st == MC_OK) {
        run.verified = recheck(&run);
        run.total_seconds = nf_now() - start;
        st = nf_output(&run.nf, req->json ? write_json : write_text, &run, &err);
    }
    if (st != MC_OK) {
        if (err.msg[0])
            cli_report_error(&err);
    } else if (!run.verified) {
        cli_errorf("%s: the independent re-check of the equilibria failed: %s", req->path,
                   run.verify_msg);
        status = CLI_EXIT_FAIL;
    } else {
        status = CLI_EXIT_OK;
    }
    if (run.have_res)
        mc_nash_result_free(&run.res);
    nf_free(&run.nf);
    return status;
}

int cli_solve_nash_nfg(const solve_request *req, const char *buf, size_t len)
{
    return solve_nash(req, buf, len, false);
}

int cli_solve_nash_efg(const solve_request *req, const char *buf, size_t len)
{
    return solve_nash(req, buf, len, true);
}
