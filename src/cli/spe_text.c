/* Human-readable output of solve --spe.  Everything but the seconds is
 * deterministic: the same file gives the same text. */
#include <errno.h>
#include <string.h>

#include "cli/spe_run.h"

#define LABEL_CAP 512

static void put_node(FILE *f, const spe_run *run, uint64_t v)
{
    char buf[LABEL_CAP];
    fputs(spe_node_str(run, v, buf, sizeof buf), f);
}

/* A record's location, as mc_spe_where_str gives it. */
static void put_where(FILE *f, const spe_run *run, const mc_spe_where *w)
{
    char buf[LABEL_CAP];
    mc_spe_where_str(&run->game, w, buf, sizeof buf);
    fputs(buf, f);
}

static void put_q(FILE *f, const mc_q *q)
{
    mc_q_fprint(f, q);
}

/* "Ann: take" or, for a stage, "Ann: A; Bob: X" (one part per agent). */
static void put_choice(FILE *f, spe_run *run, uint32_t v, uint64_t child)
{
    unsigned agents[MC_MAX_MOVERS];
    unsigned k = spe_node_agents(run, agents);
    for (unsigned i = 0; i < k; i++) {
        char who[LABEL_CAP], what[LABEL_CAP];
        fprintf(f, "%s%s: %s", i ? "; " : "", spe_agent_name(run, agents[i], who, sizeof who),
                spe_agent_action(run, v, child, agents[i], what, sizeof what));
    }
}

static void put_chance(FILE *f, spe_run *run, uint32_t v)
{
    fprintf(f, "chance: ");
    for (uint32_t c = 0; c < run->scratch.nchance; c++) {
        char label[LABEL_CAP];
        fprintf(f, "%s%s ", c ? " | " : "", spe_action_label(run, v, 0, c, label, sizeof label));
        put_q(f, &run->scratch.prob[c]);
    }
}

/* A joint action of every agent at a stage, as "(A, X)". */
static void put_profile(FILE *f, spe_run *run, uint32_t v, uint64_t child)
{
    unsigned agents[MC_MAX_MOVERS];
    unsigned k = spe_node_agents(run, agents);
    fputc('(', f);
    for (unsigned i = 0; i < k; i++) {
        char what[LABEL_CAP];
        fprintf(f, "%s%s", i ? ", " : "", spe_agent_action(run, v, child, agents[i], what,
                                                           sizeof what));
    }
    fputc(')', f);
}

static void put_header(FILE *f, spe_run *run)
{
    const mc_tree *t = &run->tree;
    fprintf(f, "game: %s", run->req->path);
    if (t->title && *t->title)
        fprintf(f, " \"%s\"", t->title);
    fprintf(f, "\nplayers:");
    for (unsigned p = 0; p < t->nplayers; p++) {
        char name[128];
        fprintf(f, "%s %u %s", p ? "," : "", p + 1,
                mc_game_player_name(&run->game, p, name, sizeof name));
    }
    fprintf(f, "\nagents:");
    if (mc_agents_is_singletons(&run->agents)) {
        fprintf(f, " every player alone\n");
    } else {
        for (unsigned a = 0; a < run->agents.nagents; a++) {
            char name[LABEL_CAP];
            fprintf(f, "%s %u = %s", a ? "," : "", a + 1,
                    spe_agent_name(run, a, name, sizeof name));
        }
        fputc('\n', f);
    }
    if (run->req->merge)
        fprintf(f, "simultaneous stages merged: %u\n", run->merged);
    else
        fprintf(f, "simultaneous stages merged: not tried (--no-merge)\n");
}

static void put_values(FILE *f, spe_run *run)
{
    const mc_spe_result *r = &run->result;
    fprintf(f, "\nsubgame-perfect equilibrium (backward induction, exact)\n");
    for (unsigned p = 0; p < r->nplayers; p++) {
        char name[128];
        fprintf(f, "  value %-12s ", mc_game_player_name(&run->game, p, name, sizeof name));
        put_q(f, &r->value[p]);
        fputc('\n', f);
    }
    fprintf(f, "  unique: %s\n", r->unique ? "yes" : "no");
}

static mc_status put_path(FILE *f, spe_run *run, mc_error *err)
{
    const mc_spe_path *p = &run->path;
    uint32_t stack[64]; /* chance steps enclosing the current one, for indentation */
    unsigned depth = 0;
    mc_q one = MC_Q_INT(1);
    fprintf(f, "\nequilibrium path (nodes reached with positive probability):\n");
    for (size_t i = 0; i < p->nsteps; i++) {
        const mc_spe_step *s = &p->steps[i];
        uint32_t v = (uint32_t)s->where.node;
        while (depth > 0 && v >= stack[depth - 1] + run->tree.subtree[stack[depth - 1]])
            depth--;
        mc_status st = spe_expand(run, v, err);
        if (st != MC_OK)
            return st;
        fprintf(f, "  %*s", (int)(2 * (depth < 16 ? depth : 16)), "");
        put_node(f, run, v);
        fputs("  ", f);
        if (s->kind == MC_NODE_CHANCE) {
            put_chance(f, run, v);
            if (depth < sizeof stack / sizeof stack[0])
                stack[depth++] = v;
        } else {
            put_choice(f, run, v, s->child);
        }
        if (!mc_q_eq(&s->reach, &one)) {
            fputs("  (reach ", f);
            put_q(f, &s->reach);
            fputc(')', f);
        }
        fputc('\n', f);
    }
    return MC_OK;
}

static mc_status put_ties(FILE *f, spe_run *run, mc_error *err)
{
    const mc_spe_result *r = &run->result;
    fprintf(f, "\nties (an agent indifferent between best actions): %llu",
            (unsigned long long)r->nties);
    if (r->nties > r->nties_kept)
        fprintf(f, ", the first %u shown", r->nties_kept);
    fputc('\n', f);
    for (uint32_t i = 0; i < r->nties_kept; i++) {
        const mc_spe_tie *t = &r->ties[i];
        uint32_t v = (uint32_t)t->where.node;
        mc_status st = spe_expand(run, v, err);
        if (st != MC_OK)
            return st;
        char who[LABEL_CAP];
        fputs("  ", f);
        put_where(f, run, &t->where);
        fprintf(f, "  %s: ", spe_agent_name(run, t->agent, who, sizeof who));
        uint32_t shown = t->ntied < MC_SPE_SHOW ? t->ntied : MC_SPE_SHOW;
        for (uint32_t k = 0; k < shown; k++) {
            char what[LABEL_CAP];
            fprintf(f, "%s%s", k ? " | " : "",
                    spe_agent_action(run, v, t->tied[k], t->agent, what, sizeof what));
        }
        if (t->ntied > shown)
            fprintf(f, " | ... (%u tied)", t->ntied);
        fputs("  value ", f);
        put_q(f, &t->value);
        fputc('\n', f);
    }
    return MC_OK;
}

static void put_profiles(FILE *f, spe_run *run, uint32_t v, const uint64_t *children,
                         uint64_t total)
{
    uint64_t shown = total < MC_SPE_SHOW ? total : MC_SPE_SHOW;
    for (uint64_t k = 0; k < shown; k++) {
        fputc(' ', f);
        put_profile(f, run, v, children[k]);
    }
    if (total > shown)
        fprintf(f, " ... (%llu in all)", (unsigned long long)total);
}

static mc_status put_stages(FILE *f, spe_run *run, mc_error *err)
{
    const mc_spe_result *r = &run->result;
    uint64_t total = 0, all = 0;
    for (int c = 0; c < MC_STAGE_NCLASSES; c++) {
        all += r->nstages[c];
        if (c != MC_STAGE_DOMINANT)
            total += r->nstages[c];
    }
    fprintf(f, "\nstage games (simultaneous moves of several agents): %llu",
            (unsigned long long)all);
    const char *sep = " (";
    for (int c = 0; c < MC_STAGE_NCLASSES; c++)
        if (r->nstages[c]) {
            fprintf(f, "%s%llu %s", sep, (unsigned long long)r->nstages[c],
                    mc_stage_class_name((mc_stage_class)c));
            sep = ", ";
        }
    if (all)
        fputc(')', f);
    fprintf(f, "\nstages without strictly dominant actions: %llu", (unsigned long long)total);
    if (total > r->nstages_kept)
        fprintf(f, ", the first %u shown", r->nstages_kept);
    fputc('\n', f);
    for (uint32_t i = 0; i < r->nstages_kept; i++) {
        const mc_spe_stage *s = &r->stages[i];
        uint32_t v = (uint32_t)s->where.node;
        mc_status st = spe_expand(run, v, err);
        if (st != MC_OK)
            return st;
        fputs("  ", f);
        put_where(f, run, &s->where);
        fprintf(f, "  %s among (", mc_stage_class_name(s->cls));
        unsigned agents[MC_MAX_MOVERS];
        unsigned k = spe_node_agents(run, agents);
        for (unsigned a = 0; a < k; a++) {
            char who[LABEL_CAP];
            fprintf(f, "%s%s", a ? ", " : "", spe_agent_name(run, agents[a], who, sizeof who));
        }
        fprintf(f, "): IESDS leaves %llu:", (unsigned long long)s->nsurvivors);
        put_profiles(f, run, v, s->survivors, s->nsurvivors);
        fprintf(f, "; pure NE %llu:", (unsigned long long)s->nne);
        put_profiles(f, run, v, s->ne, s->nne);
        fputs("; continued with ", f);
        put_profile(f, run, v, s->chosen);
        fputc('\n', f);
    }
    return MC_OK;
}

static mc_status put_strategy(FILE *f, spe_run *run, mc_error *err)
{
    const mc_tree *t = &run->tree;
    fprintf(f, "\nstrategy profile (the chosen action at every decision node):\n");
    for (uint32_t v = 0; v < t->nnodes; v++) {
        if (t->kind[v] != MC_TNODE_DECISION && t->kind[v] != MC_TNODE_SIMULTANEOUS)
            continue;
        uint64_t c = mc_spe_choice(&run->result, &run->game, &v);
        mc_status st = spe_expand(run, v, err);
        if (st != MC_OK)
            return st;
        fputs("  ", f);
        put_node(f, run, v);
        fputs("  ", f);
        if (c == UINT64_MAX)
            fputs("(no choice recorded)", f);
        else
            put_choice(f, run, v, c);
        fputc('\n', f);
    }
    return MC_OK;
}

static void put_recheck(FILE *f, const spe_run *run)
{
    fprintf(f, "\nre-check from the payoffs: ");
    if (!run->verified) {
        fprintf(f, "FAILED: %s\n", run->verify_err.msg);
        return;
    }
    fprintf(f, "passed (values recomputed; no profitable one-shot deviation)\n");
    fprintf(f, "uniqueness re-check: ");
    if (!run->strict_checked)
        fprintf(f, "not applicable (the SPE is not unique)\n");
    else if (run->strict_ok)
        fprintf(f, "passed (every deviation strictly worse, every stage action strictly "
                   "dominant)\n");
    else
        fprintf(f, "FAILED: %s\n", run->verify_err.msg);
}

mc_status spe_write_text(FILE *f, spe_run *run, mc_error *err)
{
    mc_status st;
    put_header(f, run);
    put_values(f, run);
    if ((st = put_path(f, run, err)) != MC_OK || (st = put_ties(f, run, err)) != MC_OK ||
        (st = put_stages(f, run, err)) != MC_OK)
        return st;
    if (run->req->witness && (st = put_strategy(f, run, err)) != MC_OK)
        return st;
    put_recheck(f, run);
    fprintf(f,
            "\nstats: %llu nodes expanded, %u tree nodes, solved in %.6f s, %.6f s in all\n",
            (unsigned long long)run->result.nodes, run->tree.nnodes, run->result.seconds,
            run->total_seconds);
    if (ferror(f))
        return mc_error_set(err, MC_EIO, "writing the result: %s", strerror(errno));
    return MC_OK;
}
