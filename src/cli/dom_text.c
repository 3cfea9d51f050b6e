/* Human-readable output of solve --dominance.  Everything but the seconds
 * is deterministic. */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "cli/dom_run.h"

static const char *order_text(const dom_run *run, char *buf, size_t cap)
{
    const mc_dom_options *o = &run->opt;
    char who[NF_LABEL_CAP];
    switch (o->order) {
    case MC_DOM_ROUNDS:
        return "rounds (every agent's dominated strategies at once, repeated)";
    case MC_DOM_ALTERNATING:
        snprintf(buf, cap, "alternating passes, one agent at a time, %s first",
                 nf_agent_name(&run->nf, o->first_agent, who, sizeof who));
        return buf;
    case MC_DOM_GIVEN:
        snprintf(buf, cap, "the given list (%zu eliminations, each checked)", o->ngiven);
        return buf;
    case MC_DOM_ALL_ORDERS:
        return "all orders (every sequence eliminating one strategy at a time)";
    }
    return "?";
}

static const char *moment_word(mc_dom_order o)
{
    return o == MC_DOM_ROUNDS ? "round" : o == MC_DOM_ALTERNATING ? "pass" : "step";
}

static void put_steps(FILE *f, const dom_run *run, const mc_dom_step *steps, size_t n,
                      const char *indent)
{
    size_t shown = n < NF_MAX_LISTED ? n : NF_MAX_LISTED;
    for (size_t i = 0; i < shown; i++) {
        char what[2 * NF_LABEL_CAP], by[4 * NF_LABEL_CAP];
        fprintf(f, "%s%s %" PRIu32 "  %s  by %s\n", indent, moment_word(run->opt.order),
                steps[i].round, dom_elim_str(run, steps[i].agent, steps[i].strategy, what,
                                             sizeof what),
                dom_dominator_str(run, &steps[i], by, sizeof by));
    }
    if (shown < n)
        fprintf(f, "%s... (%zu in all)\n", indent, n);
}

static void put_survivors(FILE *f, const dom_run *run, const mc_survivors *sv, const char *indent)
{
    const mc_sform *sf = &run->nf.sf;
    for (unsigned a = 0; a < sf->nagents; a++) {
        char who[NF_LABEL_CAP], name[NF_LABEL_CAP];
        fprintf(f, "%s%s (%" PRIu32 " of %" PRIu32 "):", indent,
                nf_agent_name(&run->nf, a, who, sizeof who), sv->count[a], sf->nstrategies[a]);
        const char *sep = nf_list_sep(&run->nf, a);
        uint32_t listed = 0;
        fputc(' ', f);
        for (uint32_t s = 0; s < sf->nstrategies[a]; s++) {
            if (!mc_survivors_has(sv, a, s))
                continue;
            if (listed++ == NF_MAX_LISTED) {
                fprintf(f, "%s...", sep);
                break;
            }
            fprintf(f, "%s%s", listed > 1 ? sep : "",
                    nf_strategy_name(&run->nf, a, s, name, sizeof name));
        }
        fputc('\n', f);
    }
    fprintf(f, "%ssurviving profiles: %" PRIu64 "\n", indent, mc_survivors_nprofiles(sv));
}

static void put_all_orders(FILE *f, const dom_run *run)
{
    const mc_dom_result *r = &run->res;
    fprintf(f, "\norder dependence: %zu distinct result%s: %s (%" PRIu64
               " surviving-set states explored)\n",
            r->nends, r->nends == 1 ? "" : "s",
            r->order_independent ? "the result does not depend on the order"
                                 : "the result depends on the order",
            r->nstates);
    size_t shown = r->nends < NF_MAX_LISTED ? r->nends : NF_MAX_LISTED;
    for (size_t e = 0; e < shown; e++) {
        fprintf(f, "\nresult %zu:\n", e + 1);
        put_survivors(f, run, &r->ends[e].survivors, "  ");
        fprintf(f, "  reached by (%zu eliminations):\n", r->ends[e].npath);
        put_steps(f, run, r->ends[e].path, r->ends[e].npath, "    ");
    }
    if (shown < r->nends)
        fprintf(f, "\n... (%zu results in all)\n", r->nends);
}

mc_status dom_write_text(FILE *f, const void *arg, mc_error *err)
{
    const dom_run *run = arg;
    const mc_dom_result *r = &run->res;
    const char *notion = mc_dom_notion_name(run->opt.notion);
    char buf[NF_LABEL_CAP];
    nf_text_header(f, &run->nf);
    fprintf(f, "\niterated %s dominance, %s\n", notion,
            run->opt.mixed ? "pure and mixed dominators (mixtures by exact LP)"
                           : "pure dominators");
    fprintf(f, "order: %s\n", order_text(run, buf, sizeof buf));

    if (run->opt.order == MC_DOM_ALL_ORDERS) {
        put_all_orders(f, run);
    } else {
        fprintf(f, "\neliminations: %zu\n", r->ntrace);
        put_steps(f, run, r->trace, r->ntrace, "  ");
        fprintf(f, "\nsurvivors:\n");
        put_survivors(f, run, &r->survivors, "  ");
        if (r->terminal)
            fprintf(f, "nothing left is %s-dominated\n", notion);
        else
            fprintf(f, "stopped early: some strategy is still %s-dominated\n", notion);
    }

    if (run->verified)
        fprintf(f, "\nre-check of every elimination: passed (each dominator re-checked against "
                   "the surviving sets of its moment%s)\n",
                run->opt.mixed ? "; mixtures in exact arithmetic" : "");
    else
        fprintf(f, "\nre-check of every elimination: FAILED: %s\n", run->verify_err.msg);

    if (run->opt.order == MC_DOM_ALL_ORDERS)
        fprintf(f, "\nstats: %" PRIu64 " states explored", r->nstates);
    else
        fprintf(f, "\nstats: %" PRIu32 " %s%s (%" PRIu32 " deleting)", r->nrounds,
                moment_word(run->opt.order), r->nrounds == 1 ? "" : "s", r->ndeleting);
    if (run->opt.mixed)
        fprintf(f, "; mixed dominance asked %" PRIu64 " times: %" PRIu64 " settled by pre-tests, %"
                   PRIu64 " by LP",
                run->hook.lp.asked, run->hook.lp.pretested, run->hook.lp.lps);
    fprintf(f, "; solved in %.6f s, %.6f s in all\n", run->seconds, run->total_seconds);
    if (ferror(f))
        return mc_error_set(err, MC_EIO, "writing the result: %s", strerror(errno));
    return MC_OK;
}
