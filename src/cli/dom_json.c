/* JSON output of solve --dominance (schema in README.md, "JSON output of
 * --dominance").  Exact numbers are strings "p/q"; the keys are stable and
 * the tests pin them. */
#include <inttypes.h>

#include "cli/dom_run.h"

static json_t *step_json(cj *c, const dom_run *run, const mc_dom_step *st)
{
    char name[NF_LABEL_CAP];
    json_t *o = cj_obj(c);
    cj_put(c, o, "round", cj_int(st->round));
    cj_put(c, o, "agent", cj_int(st->agent + 1));
    cj_put(c, o, "strategy", cj_int(st->strategy + 1));
    cj_put(c, o, "strategy_name",
           cj_str(nf_strategy_name(&run->nf, st->agent, st->strategy, name, sizeof name)));
    if (st->dominator == MC_DOM_MIXED) {
        cj_put(c, o, "dominator", json_null());
        cj_put(c, o, "dominator_name", json_null());
        json_t *mix = cj_arr(c);
        for (uint32_t i = 0; mix && i < st->mixture.n; i++) {
            json_t *e = cj_obj(c);
            uint32_t t = st->mixture.strategy[i];
            cj_put(c, e, "strategy", cj_int(t + 1));
            cj_put(c, e, "strategy_name",
                   cj_str(nf_strategy_name(&run->nf, st->agent, t, name, sizeof name)));
            cj_put(c, e, "prob", cj_q(&st->mixture.prob[i]));
            cj_push(c, mix, e);
        }
        cj_put(c, o, "mixture", mix);
    } else {
        cj_put(c, o, "dominator", cj_int(st->dominator + 1));
        cj_put(c, o, "dominator_name",
               cj_str(nf_strategy_name(&run->nf, st->agent, st->dominator, name, sizeof name)));
        cj_put(c, o, "mixture", json_null());
    }
    return o;
}

static json_t *steps_json(cj *c, const dom_run *run, const mc_dom_step *steps, size_t n)
{
    json_t *arr = cj_arr(c);
    size_t shown = n < NF_MAX_LISTED ? n : NF_MAX_LISTED;
    for (size_t i = 0; arr && i < shown; i++)
        cj_push(c, arr, step_json(c, run, &steps[i]));
    return arr;
}

/* "survivors" (names), "survivor_numbers" (1-based), "surviving_profiles". */
static void put_survivors(cj *c, json_t *o, const dom_run *run, const mc_survivors *sv)
{
    json_t *names = cj_arr(c), *numbers = cj_arr(c);
    for (unsigned a = 0; names && numbers && a < sv->nagents; a++) {
        json_t *na = cj_arr(c), *nu = cj_arr(c);
        for (uint32_t s = 0; na && nu && s < sv->nstrategies[a]; s++) {
            if (!mc_survivors_has(sv, a, s))
                continue;
            char name[NF_LABEL_CAP];
            cj_push(c, na, cj_str(nf_strategy_name(&run->nf, a, s, name, sizeof name)));
            cj_push(c, nu, cj_int(s + 1));
        }
        cj_push(c, names, na);
        cj_push(c, numbers, nu);
    }
    cj_put(c, o, "survivors", names);
    cj_put(c, o, "survivor_numbers", numbers);
    cj_put(c, o, "surviving_profiles", cj_int(mc_survivors_nprofiles(sv)));
}

static json_t *dominance_json(cj *c, const dom_run *run)
{
    const mc_dom_result *r = &run->res;
    const mc_dom_options *o = &run->opt;
    json_t *d = cj_obj(c);
    cj_put(c, d, "notion", json_string(mc_dom_notion_name(o->notion)));
    cj_put(c, d, "mixed", json_boolean(o->mixed != NULL));
    cj_put(c, d, "order", json_string(mc_dom_order_name(o->order)));
    cj_put(c, d, "first_agent",
           o->order == MC_DOM_ALTERNATING ? cj_int(o->first_agent + 1) : json_null());
    put_survivors(c, d, run, &r->survivors);
    cj_put(c, d, "terminal", json_boolean(r->terminal));
    cj_put(c, d, "rounds", cj_int(r->nrounds));
    cj_put(c, d, "deleting_rounds", cj_int(r->ndeleting));
    bool all = o->order == MC_DOM_ALL_ORDERS;
    const mc_dom_step *steps = all ? (r->nends ? r->ends[0].path : NULL) : r->trace;
    size_t nsteps = all ? (r->nends ? r->ends[0].npath : 0) : r->ntrace;
    cj_put(c, d, "eliminations", steps_json(c, run, steps, nsteps));
    cj_put(c, d, "eliminations_total", cj_int(nsteps));
    if (all) {
        cj_put(c, d, "order_independent", json_boolean(r->order_independent));
        cj_put(c, d, "results_total", cj_int(r->nends));
        json_t *results = cj_arr(c);
        size_t shown = r->nends < NF_MAX_LISTED ? r->nends : NF_MAX_LISTED;
        for (size_t e = 0; results && e < shown; e++) {
            json_t *res = cj_obj(c);
            put_survivors(c, res, run, &r->ends[e].survivors);
            cj_put(c, res, "eliminations",
                   steps_json(c, run, r->ends[e].path, r->ends[e].npath));
            cj_push(c, results, res);
        }
        cj_put(c, d, "results", results);
        cj_put(c, d, "states", cj_int(r->nstates));
    } else {
        cj_put(c, d, "order_independent", json_null());
        cj_put(c, d, "results_total", json_null());
        cj_put(c, d, "results", json_null());
        cj_put(c, d, "states", json_null());
    }
    cj_put(c, d, "verified", json_boolean(run->verified));
    cj_put(c, d, "error", run->verified ? json_null() : cj_str(run->verify_err.msg));
    return d;
}

mc_status dom_write_json(FILE *f, const void *arg, mc_error *err)
{
    const dom_run *run = arg;
    cj c = {false};
    json_t *root = cj_obj(&c);
    nf_json_header(&c, root, &run->nf);
    cj_put(&c, root, "dominance", dominance_json(&c, run));
    json_t *stats = cj_obj(&c);
    const mc_dom_lp *lp = &run->hook.lp;
    cj_put(&c, stats, "mixed_asked", cj_int(lp->asked));
    cj_put(&c, stats, "lps", cj_int(lp->lps));
    cj_put(&c, stats, "pretested", cj_int(lp->pretested));
    cj_put(&c, stats, "seconds", json_real(run->seconds));
    cj_put(&c, stats, "total_seconds", json_real(run->total_seconds));
    cj_put(&c, root, "stats", stats);
    return cj_write(&c, root, f, run->nf.req->path, err);
}
