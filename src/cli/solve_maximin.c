/* solve --maximin AGENT [--against pooled|independent]: the agent's exact
 * maximin value.  On a .efg file: against the others pooled, the
 * sequence-form LP (spec 004 (B)); against independent others, the team
 * maxmin (exact, or exact bounds).  On a .nfg file: the normal-form LP (the
 * two coincide there: the others' best joint reply is pure).  Text or JSON. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/json_out.h"
#include "cli/solve.h"
#include "mechcheck/ef.h"
#include "mechcheck/gambit.h"
#include "mechcheck/maximin.h"
#include "mechcheck/seqform.h"

typedef struct mm_run {
    const solve_request *req;
    bool pooled;
    mc_players agent;
    mc_tree tree;
    mc_ef ef;
    mc_seqform_result sf;   /* pooled */
    mc_team_result team;    /* independent */
    mc_nfg nfg;             /* .nfg input */
    mc_maximin nm;
    bool is_nfg;
    unsigned members[MC_MAX_PLAYERS], nmembers;
} mm_run;

/* ---- names ------------------------------------------------------------------------ */

static const char *player_name(const mm_run *r, unsigned p)
{
    return r->is_nfg ? r->nfg.player_names[p] : mc_tree_str(&r->tree, r->tree.player_name[p]);
}

/* The name of the tree's information set of player p at node v. */
static const char *infoset_name(const mm_run *r, uint32_t v, unsigned p)
{
    uint32_t is = mc_tree_player_infoset(&r->tree, v, p);
    return is == MC_TREE_NONE ? "" : mc_tree_str(&r->tree, mc_tree_infoset_name(&r->tree, is));
}

/* The joint action b of the side at node v: members' labels joined by ','. */
static const char *joint_label(const mm_run *r, const mc_ef_side *s, uint32_t v, uint32_t b,
                               char *buf, size_t cap)
{
    const mc_ef *ef = &r->ef;
    unsigned n = ef->nmovers[v];
    uint32_t act[MC_MAX_MOVERS];
    for (unsigned k = n; k-- > 0;) { /* last slot fastest */
        const mc_ef_infoset *is = &ef->infosets[ef->slot_infoset[ef->aux[v] + k]];
        if (!mc_players_has(s->players, is->player))
            continue;
        act[k] = b % is->nactions;
        b /= is->nactions;
    }
    size_t used = 0;
    buf[0] = 0;
    for (unsigned k = 0; k < n && used < cap; k++) {
        uint32_t i = ef->slot_infoset[ef->aux[v] + k];
        if (!mc_players_has(s->players, ef->infosets[i].player))
            continue;
        used += (size_t)snprintf(buf + used, cap - used, "%s%s", used ? "," : "",
                                 mc_ef_action_label(ef, i, act[k]));
    }
    return buf;
}

/* The movers of the side at v: "Player 1" or "Player 1,Player 2"; the set's name. */
static void set_title(const mm_run *r, const mc_ef_side *s, uint32_t v, char *who, size_t wcap,
                      const char **name)
{
    const mc_ef *ef = &r->ef;
    size_t used = 0;
    who[0] = 0;
    *name = "";
    for (unsigned k = 0; k < ef->nmovers[v] && used < wcap; k++) {
        unsigned p = ef->infosets[ef->slot_infoset[ef->aux[v] + k]].player;
        if (!mc_players_has(s->players, p))
            continue;
        used += (size_t)snprintf(who + used, wcap - used, "%s%s", used ? "," : "",
                                 player_name(r, p));
        if (!**name)
            *name = infoset_name(r, v, p);
    }
}

/* ---- output ------------------------------------------------------------------------ */

/* A behaviour strategy read off a realization plan: at every set reached
 * with positive probability, the action probabilities x(J,b) / x(parent). */
static json_t *strategy_json(const mm_run *r, const mc_ef_side *s, const mc_q *x)
{
    json_t *arr = json_array();
    mc_q p = MC_Q_ZERO;
    for (uint32_t J = 0; arr && J < s->ninfosets; J++) {
        const mc_q *par = &x[s->parent_seq[J]];
        if (mc_q_sgn(par) <= 0)
            continue;
        uint32_t v = s->first_node[J];
        char who[256], lab[256];
        const char *name;
        set_title(r, s, v, who, sizeof who, &name);
        json_t *e = json_object(), *acts = json_array();
        json_object_set_new(e, "node", json_integer((json_int_t)v + 1));
        json_object_set_new(e, "movers", json_string(who));
        if (*name)
            json_object_set_new(e, "infoset", json_string(name));
        for (uint32_t b = 0; b < s->nactions[J]; b++) {
            mc_q_div(&p, &x[s->first_seq[J] + b], par);
            json_t *a = json_object();
            json_object_set_new(a, "action", json_string(joint_label(r, s, v, b, lab, sizeof lab)));
            json_object_set_new(a, "prob", cj_q(&p));
            json_array_append_new(acts, a);
        }
        json_object_set_new(e, "actions", acts);
        json_array_append_new(arr, e);
    }
    mc_q_clear(&p);
    return arr;
}

static void strategy_text(FILE *f, const mm_run *r, const mc_ef_side *s, const mc_q *x)
{
    mc_q p = MC_Q_ZERO;
    for (uint32_t J = 0; J < s->ninfosets; J++) {
        const mc_q *par = &x[s->parent_seq[J]];
        if (mc_q_sgn(par) <= 0)
            continue;
        uint32_t v = s->first_node[J];
        char who[256], lab[256];
        const char *name;
        set_title(r, s, v, who, sizeof who, &name);
        fprintf(f, "  #%u %s%s%s%s:", v + 1, who, *name ? " (" : "", name, *name ? ")" : "");
        for (uint32_t b = 0; b < s->nactions[J]; b++) {
            mc_q_div(&p, &x[s->first_seq[J] + b], par);
            if (mc_q_is_zero(&p))
                continue;
            fprintf(f, " %s ", joint_label(r, s, v, b, lab, sizeof lab));
            mc_q_fprint(f, &p);
        }
        fputc('\n', f);
    }
    mc_q_clear(&p);
}

static void agent_str(const mm_run *r, char *buf, size_t cap)
{
    size_t used = 0;
    for (unsigned k = 0; k < r->nmembers && used < cap; k++)
        used += (size_t)snprintf(buf + used, cap - used, "%s%s", k ? ", " : "",
                                 player_name(r, r->members[k]));
}

static mc_status write_json(FILE *f, const mm_run *r, mc_error *err)
{
    json_t *o = json_object(), *agent = json_array();
    for (unsigned k = 0; k < r->nmembers; k++)
        json_array_append_new(agent, json_integer(r->members[k] + 1));
    json_object_set_new(o, "file", json_string(r->req->path));
    json_object_set_new(o, "method", json_string("maximin"));
    json_object_set_new(o, "agent", agent);
    json_object_set_new(o, "against", json_string(r->pooled ? "pooled" : "independent"));
    if (r->is_nfg) {
        bool ok = r->nm.lp_status == MC_LP_OPTIMAL_CERTIFIED;
        json_object_set_new(o, "status", json_string(mc_lp_status_name(r->nm.lp_status)));
        if (ok)
            json_object_set_new(o, "value", cj_q(&r->nm.value));
        json_object_set_new(o, "pure_value", cj_q(&r->nm.pure_value));
        json_object_set_new(o, "strategies", json_integer((json_int_t)r->nm.nrows));
    } else if (r->pooled) {
        bool ok = r->sf.lp_status == MC_LP_OPTIMAL_CERTIFIED;
        json_object_set_new(o, "status", json_string(mc_lp_status_name(r->sf.lp_status)));
        if (ok) {
            json_object_set_new(o, "value", cj_q(&r->sf.value));
            json_object_set_new(o, "value_approx", json_real(mc_q_get_d(&r->sf.value)));
        } else {
            json_object_set_new(o, "note", json_string(r->sf.note));
        }
        json_t *lp = json_object();
        json_object_set_new(lp, "rows", json_integer((json_int_t)r->sf.lp_rows));
        json_object_set_new(lp, "cols", json_integer((json_int_t)r->sf.lp_cols));
        json_object_set_new(lp, "nonzeros", json_integer((json_int_t)r->sf.nnz));
        json_object_set_new(lp, "generated", json_boolean(r->sf.generated));
        if (r->sf.generated) {
            json_object_set_new(lp, "solved_rows", json_integer((json_int_t)r->sf.solved_rows));
            json_object_set_new(lp, "solved_cols", json_integer((json_int_t)r->sf.solved_cols));
        }
        json_object_set_new(o, "lp", lp);
        if (ok) {
            json_object_set_new(o, "strategy", strategy_json(r, &r->sf.max_side, r->sf.x));
            json_object_set_new(o, "adversary", strategy_json(r, &r->sf.min_side, r->sf.y));
        }
    } else {
        const mc_team_result *t = &r->team;
        json_object_set_new(o, "status", json_string(t->decided ? "OPTIMAL_CERTIFIED"
                                                                : "UNDECIDED"));
        if (t->decided)
            json_object_set_new(o, "value", cj_q(&t->lower));
        if (t->have_lower)
            json_object_set_new(o, "lower", cj_q(&t->lower));
        if (t->have_upper)
            json_object_set_new(o, "upper", cj_q(&t->upper));
        json_object_set_new(o, "how", json_string(mc_team_method_name(t->method)));
        if (t->nprofiles != UINT64_MAX)
            json_object_set_new(o, "profiles", json_integer((json_int_t)t->nprofiles));
        if (!t->decided)
            json_object_set_new(o, "note", json_string(t->note));
        if (t->x && t->have_lower)
            json_object_set_new(o, "strategy", strategy_json(r, &t->max_side, t->x));
    }
    int rc = json_dumpf(o, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (rc != 0 || fputc('\n', f) == EOF)
        return mc_error_set(err, MC_EIO, "%s: cannot write the output", r->req->path);
    return MC_OK;
}

static mc_status write_text(FILE *f, const mm_run *r, mc_error *err)
{
    char who[512];
    agent_str(r, who, sizeof who);
    if (r->is_nfg) {
        fprintf(f, "maximin of %s against the others (normal-form LP, exact)\n", who);
        if (r->nm.lp_status == MC_LP_OPTIMAL_CERTIFIED) {
            fprintf(f, "value: ");
            mc_q_fprint(f, &r->nm.value);
            fprintf(f, "  (~%.6g)\n", mc_q_get_d(&r->nm.value));
        } else {
            fprintf(f, "value: UNDECIDED (%s)\n", r->nm.note);
        }
        fprintf(f, "pure security level: ");
        mc_q_fprint(f, &r->nm.pure_value);
        fputc('\n', f);
    } else if (r->pooled) {
        const mc_seqform_result *s = &r->sf;
        fprintf(f, "maximin of %s against the others pooled (sequence-form LP, exact)\n", who);
        if (s->lp_status == MC_LP_OPTIMAL_CERTIFIED) {
            fprintf(f, "value: ");
            mc_q_fprint(f, &s->value);
            fprintf(f, "  (~%.6g)\n", mc_q_get_d(&s->value));
        } else {
            fprintf(f, "value: UNDECIDED (%s)\n", s->note);
        }
        fprintf(f, "LP: %zu rows x %zu columns, %zu payoff entries", s->lp_rows, s->lp_cols,
                s->nnz);
        if (s->generated)
            fprintf(f, " (solved restricted to %zu x %zu by generating the others' sequences)",
                    s->solved_rows, s->solved_cols);
        fprintf(f, "; certified exactly and re-checked by best-response DPs\n");
        if (s->lp_status == MC_LP_OPTIMAL_CERTIFIED) {
            fprintf(f, "optimal strategy (behaviour at the sets it reaches):\n");
            strategy_text(f, r, &s->max_side, s->x);
            fprintf(f, "the others' optimal strategy (behaviour):\n");
            strategy_text(f, r, &s->min_side, s->y);
        }
    } else {
        const mc_team_result *t = &r->team;
        fprintf(f, "maximin of %s against independent others (%s)\n", who,
                mc_team_method_name(t->method));
        if (t->decided) {
            fprintf(f, "value: ");
            mc_q_fprint(f, &t->lower);
            fprintf(f, "  (~%.6g)\n", mc_q_get_d(&t->lower));
        } else {
            fprintf(f, "value: UNDECIDED, in [");
            if (t->have_lower)
                mc_q_fprint(f, &t->lower);
            else
                fputs("?", f);
            fputs(", ", f);
            if (t->have_upper)
                mc_q_fprint(f, &t->upper);
            else
                fputs("?", f);
            fprintf(f, "] (%s)\n", t->note);
        }
        if (t->x && t->have_lower) {
            fprintf(f, "a strategy guaranteeing the lower bound:\n");
            strategy_text(f, r, &t->max_side, t->x);
        }
    }
    if (ferror(f))
        return mc_error_set(err, MC_EIO, "%s: cannot write the output", r->req->path);
    return MC_OK;
}

static mc_status write_result(FILE *f, const void *arg, mc_error *err)
{
    const mm_run *r = arg;
    return r->req->json ? write_json(f, r, err) : write_text(f, r, err);
}

/* ---- the run ------------------------------------------------------------------------ */

static bool parse_request(mm_run *r, unsigned nplayers, mc_error *err)
{
    const solve_request *req = r->req;
    r->pooled = !req->against || strcmp(req->against, "pooled") == 0;
    if (req->against && !r->pooled && strcmp(req->against, "independent") != 0) {
        mc_error_set(err, MC_EINPUT, "solve: --against: '%s' is not one of pooled, independent",
                     req->against);
        return false;
    }
    if (mc_players_parse(req->maximin_agent, nplayers, &r->agent, err) != MC_OK) {
        mc_error_prefix(err, MC_EINPUT, "%s: --maximin: ", req->path);
        return false;
    }
    if (r->agent == mc_players_all(nplayers)) {
        mc_error_set(err, MC_EINPUT, "%s: --maximin: the agent must leave some player out",
                     req->path);
        return false;
    }
    r->nmembers = 0;
    for (unsigned p = 0; p < nplayers; p++)
        if (mc_players_has(r->agent, p))
            r->members[r->nmembers++] = p;
    return true;
}

static int finish(mm_run *r, mc_status st, bool decided, mc_error *err)
{
    if (st == MC_OK) {
        if (r->req->output)
            st = mc_write_file_atomic(r->req->output, write_result, r, err);
        else if ((st = write_result(stdout, r, err)) == MC_OK && !cli_flush_stdout())
            return CLI_EXIT_ERROR;
    }
    if (st != MC_OK)
        return cli_report_error(err);
    if (!decided) {
        cli_errorf("%s: no exact maximin value (UNDECIDED)", r->req->path);
        return CLI_EXIT_FAIL;
    }
    return CLI_EXIT_OK;
}

int cli_solve_maximin_efg(const solve_request *req, const char *buf, size_t len)
{
    mm_run r;
    memset(&r, 0, sizeof r);
    r.req = req;
    mc_seqform_result_init(&r.sf);
    mc_team_result_init(&r.team);
    mc_error err;
    mc_error_clear(&err);
    mc_status st = mc_efg_parse(buf, len, req->path, &r.tree, &err);
    if (st != MC_OK)
        return cli_report_error(&err);
    int status = CLI_EXIT_ERROR;
    bool decided = false;
    if (!parse_request(&r, r.tree.nplayers, &err)) {
        status = cli_report_error(&err);
        goto done;
    }
    mc_ef_options eo;
    mc_ef_options_default(&eo);
    if (req->max_nodes)
        eo.max_nodes = req->max_nodes;
    if ((st = mc_ef_from_tree(&r.tree, &eo, &r.ef, &err)) != MC_OK) {
        mc_error_prefix(&err, st, "%s: ", req->path);
        status = cli_report_error(&err);
        goto done;
    }
    mc_players others = mc_players_all(r.tree.nplayers) & ~r.agent;
    if (r.pooled) {
        mc_seqform_options o;
        mc_seqform_options_default(&o);
        o.lp.time_limit = req->timeout;
        st = mc_seqform_maximin(&r.ef, r.agent, others, &o, &r.sf, &err);
        decided = st == MC_OK && r.sf.lp_status == MC_LP_OPTIMAL_CERTIFIED;
    } else {
        mc_team_options o;
        mc_team_options_default(&o);
        o.lp.time_limit = req->timeout;
        st = mc_team_maxmin(&r.ef, r.agent, others, &o, &r.team, &err);
        decided = st == MC_OK && r.team.decided;
    }
    if (st != MC_OK)
        mc_error_prefix(&err, st, "%s: ", req->path);
    status = finish(&r, st, decided, &err);
    mc_ef_free(&r.ef);
done:
    mc_seqform_result_free(&r.sf);
    mc_team_result_free(&r.team);
    mc_tree_free(&r.tree);
    return status;
}

int cli_solve_maximin_nfg(const solve_request *req, const char *buf, size_t len)
{
    mm_run r;
    memset(&r, 0, sizeof r);
    r.req = req;
    r.is_nfg = true;
    mc_maximin_init(&r.nm);
    mc_error err;
    mc_error_clear(&err);
    mc_status st = mc_nfg_parse(buf, len, req->path, &r.nfg, &err);
    if (st != MC_OK)
        return cli_report_error(&err);
    int status;
    if (!parse_request(&r, r.nfg.nplayers, &err)) {
        status = cli_report_error(&err);
    } else {
        mc_lp_options o;
        mc_lp_options_default(&o);
        o.time_limit = req->timeout;
        st = mc_maximin_nf(&r.nfg, r.nmembers, r.members, &o, &r.nm, &err);
        status = finish(&r, st, st == MC_OK && r.nm.lp_status == MC_LP_OPTIMAL_CERTIFIED, &err);
    }
    mc_maximin_free(&r.nm);
    mc_nfg_free(&r.nfg);
    return status;
}
