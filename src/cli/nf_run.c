/* Loading a game for the normal-form methods of solve (a .nfg here, a .efg
 * in nf_efg.c), and the names, headers and output plumbing they share. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/nf_run.h"
#include "mechcheck/gambit.h"

double nf_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

mc_status nf_name_input(mc_error *err, const char *path, mc_status st)
{
    size_t n = strlen(path);
    if (strncmp(err->msg, path, n) == 0 && err->msg[n] == ':')
        return st;
    char why[sizeof err->msg];
    memcpy(why, err->msg, sizeof why);
    return mc_error_set(err, st, "%s: %s", path, why);
}

uint64_t nf_max_profiles(const nf_run *run)
{
    if (run->req->max_profiles)
        return run->req->max_profiles;
    return run->efg ? MC_EFNF_DEFAULT_MAX_PROFILES : MC_SFORM_DEFAULT_MAX_PROFILES;
}

mc_status nf_limit_error(mc_error *err, const char *path, mc_status st)
{
    st = nf_name_input(err, path, st);
    if (st == MC_ELIMIT) {
        char why[sizeof err->msg];
        memcpy(why, err->msg, sizeof why);
        mc_error_set(err, st, "%s; raise it with --max-profiles N", why);
    }
    return st;
}

mc_status nf_load(nf_run *run, const solve_request *req, const char *buf, size_t len, bool efg,
                  mc_error *err)
{
    memset(run, 0, sizeof *run);
    run->req = req;
    run->efg = efg;
    run->start = nf_now();
    if (efg)
        return nf_load_efg(run, buf, len, err);
    mc_status st = mc_nfg_parse(buf, len, req->path, &run->nfg, err);
    if (st != MC_OK)
        return st;
    run->have_nfg = true;
    if (req->agents) {
        st = mc_agents_parse(&run->agents, run->nfg.nplayers, req->agents, err);
        if (st != MC_OK)
            return nf_name_input(err, req->path, st);
    } else {
        mc_agents_singletons(&run->agents, run->nfg.nplayers);
    }
    st = mc_sform_from_nfg(&run->sf, &run->nfg, &run->agents, nf_max_profiles(run), err);
    if (st != MC_OK)
        return nf_limit_error(err, req->path, st);
    run->have_sf = true;
    return MC_OK;
}

void nf_free(nf_run *run)
{
    if (run->have_sf)
        mc_sform_free(&run->sf);
    if (run->have_nfg)
        mc_nfg_free(&run->nfg);
    if (run->have_efnf)
        mc_efnf_free(&run->efnf);
    if (run->have_ef)
        mc_ef_free(&run->ef);
    if (run->have_tree)
        mc_tree_free(&run->tree);
    run->have_sf = run->have_nfg = run->have_efnf = run->have_ef = run->have_tree = false;
}

unsigned nf_nplayers(const nf_run *run)
{
    return run->efg ? run->ef.nplayers : run->nfg.nplayers;
}

const char *nf_player_name(const nf_run *run, unsigned p, char *buf, size_t cap)
{
    const char *n = NULL;
    if (run->efg)
        n = run->ef.player_names ? run->ef.player_names[p] : NULL;
    else
        n = run->nfg.player_names ? run->nfg.player_names[p] : NULL;
    if (n && *n)
        return n;
    snprintf(buf, cap, "%u", p + 1);
    return buf;
}

const char *nf_agent_name(const nf_run *run, unsigned agent, char *buf, size_t cap)
{
    unsigned members[MC_MAX_PLAYERS];
    unsigned k = mc_agents_members(&run->agents, agent, members);
    char name[128];
    if (k == 1) {
        snprintf(buf, cap, "%s", nf_player_name(run, members[0], name, sizeof name));
        return buf;
    }
    size_t used = (size_t)snprintf(buf, cap, "{");
    for (unsigned i = 0; i < k && used < cap; i++)
        used += (size_t)snprintf(buf + used, cap - used, "%s%s", i ? "," : "",
                                 nf_player_name(run, members[i], name, sizeof name));
    if (used < cap)
        snprintf(buf + used, cap - used, "}");
    return buf;
}

const char *nf_strategy_name(const nf_run *run, unsigned agent, uint32_t s, char *buf, size_t cap)
{
    return mc_sform_strategy_name(&run->sf, agent, s, buf, cap);
}

const char *nf_list_sep(const nf_run *run, unsigned agent)
{
    for (uint32_t s = 0; s < run->sf.nstrategies[agent]; s++) {
        char name[NF_LABEL_CAP];
        if (strchr(nf_strategy_name(run, agent, s, name, sizeof name), ','))
            return " | ";
    }
    return ", ";
}

const mc_q *nf_player_payoff(const nf_run *run, uint64_t profile, unsigned p)
{
    if (run->efg)
        return mc_efnf_payoff(&run->efnf, profile, p);
    uint32_t as[MC_MAX_PLAYERS], ps[MC_MAX_PLAYERS];
    mc_sform_profile_of(&run->sf, profile, as);
    unsigned members[MC_MAX_PLAYERS];
    for (unsigned a = 0; a < run->sf.nagents; a++) {
        unsigned k = mc_agents_members(&run->agents, a, members);
        uint32_t rest = as[a]; /* row-major over members: the last changes fastest */
        for (unsigned m = k; m-- > 0;) {
            ps[members[m]] = rest % run->nfg.nstrategies[members[m]];
            rest /= run->nfg.nstrategies[members[m]];
        }
    }
    return mc_nfg_payoff(&run->nfg, mc_nfg_profile_index(&run->nfg, ps), p);
}

static const char *title_of(const nf_run *run)
{
    const char *t = run->efg ? run->tree.title : run->nfg.title;
    return t ? t : "";
}

void nf_text_header(FILE *f, const nf_run *run)
{
    fprintf(f, "game: %s", run->req->path);
    if (*title_of(run))
        fprintf(f, " \"%s\"", title_of(run));
    fprintf(f, "\nplayers:");
    for (unsigned p = 0; p < nf_nplayers(run); p++) {
        char name[128];
        fprintf(f, "%s %u %s", p ? "," : "", p + 1, nf_player_name(run, p, name, sizeof name));
    }
    fprintf(f, "\nagents:");
    if (mc_agents_is_singletons(&run->agents)) {
        fprintf(f, " every player alone\n");
    } else {
        for (unsigned a = 0; a < run->agents.nagents; a++) {
            char name[NF_LABEL_CAP];
            fprintf(f, "%s %u = %s", a ? "," : "", a + 1, nf_agent_name(run, a, name, sizeof name));
        }
        fputc('\n', f);
    }
    fprintf(f, "strategies:\n");
    for (unsigned a = 0; a < run->sf.nagents; a++) {
        char name[NF_LABEL_CAP];
        fprintf(f, "  %s (%u):", nf_agent_name(run, a, name, sizeof name),
                (unsigned)run->sf.nstrategies[a]);
        uint32_t n = run->sf.nstrategies[a];
        uint32_t shown = n < NF_MAX_LISTED ? n : NF_MAX_LISTED;
        const char *sep = nf_list_sep(run, a);
        fputc(' ', f);
        for (uint32_t s = 0; s < shown; s++)
            fprintf(f, "%s%s", s ? sep : "", nf_strategy_name(run, a, s, name, sizeof name));
        fprintf(f, "%s%s\n", shown < n ? sep : "", shown < n ? "..." : "");
    }
    if (run->efg)
        nf_efg_text_header(f, run);
}

void nf_json_header(cj *c, json_t *root, const nf_run *run)
{
    cj_put(c, root, "file", cj_str(run->req->path));
    cj_put(c, root, "format", json_string(run->efg ? "efg" : "nfg"));
    cj_put(c, root, "title", cj_str(title_of(run)));
    json_t *players = cj_arr(c);
    for (unsigned p = 0; players && p < nf_nplayers(run); p++) {
        char name[128];
        cj_push(c, players, cj_str(nf_player_name(run, p, name, sizeof name)));
    }
    cj_put(c, root, "players", players);
    json_t *agents = cj_arr(c);
    for (unsigned a = 0; agents && a < run->agents.nagents; a++) {
        unsigned members[MC_MAX_PLAYERS];
        unsigned k = mc_agents_members(&run->agents, a, members);
        json_t *m = cj_arr(c);
        for (unsigned i = 0; m && i < k; i++)
            cj_push(c, m, cj_int(members[i] + 1));
        cj_push(c, agents, m);
    }
    cj_put(c, root, "agents", agents);
    json_t *strategies = cj_arr(c);
    for (unsigned a = 0; strategies && a < run->sf.nagents; a++) {
        json_t *names = cj_arr(c);
        for (uint32_t s = 0; names && s < run->sf.nstrategies[a]; s++) {
            char name[NF_LABEL_CAP];
            cj_push(c, names, cj_str(nf_strategy_name(run, a, s, name, sizeof name)));
        }
        cj_push(c, strategies, names);
    }
    cj_put(c, root, "strategies", strategies);
    if (run->efg)
        cj_put(c, root, "normal_form", nf_efg_json(c, run));
}

mc_status nf_output(const nf_run *run, mc_status (*writer)(FILE *f, const void *arg, mc_error *err),
                    const void *arg, mc_error *err)
{
    if (run->req->output)
        return mc_write_file_atomic(run->req->output, writer, arg, err);
    mc_status st = writer(stdout, arg, err);
    if (st == MC_OK && !cli_flush_stdout())
        st = MC_EIO;
    return st;
}
