/* Claims about the equilibrium of mechanism M: Theorem 2 (welfare and
 * revenue, two claims), the uniqueness of the SPE, the step-(g) comment
 * ("never loses money", non-negative utilities in rational play, and the
 * broader reading over every play), and the Sec. 1.5 remark that a
 * coalition has several truthful announcements but one SPE. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim/perfect_revenue_claims.h"
#include "mechcheck/fragment.h"
#include "mechcheck/spe.h"

static void set_common(const mc_pr_audit *a, mc_claim_result *res)
{
    res->nodes = a->nodes;
    res->witness = json_pack("{s:o, s:o, s:o}", "instance", mc_pr_json_instance(&a->p), "solve",
                             mc_pr_json_solve(a), "equilibrium", mc_pr_json_equilibrium(a));
}

/* The equilibrium path as the result's fragment; for a failure of a claim
 * about the equilibrium outcome, its leaves are the focus and the root says
 * why. */
static void attach_path(const mc_pr_audit *a, mc_claim_result *res)
{
    res->fragment = mc_pr_fragment_load(a->frag_path);
    if (!res->fragment || res->verdict != MC_FAILS)
        return;
    size_t i;
    json_t *n;
    json_array_foreach (json_object_get(res->fragment, "nodes"), i, n)
        if (strcmp(json_string_value(json_object_get(n, "kind")), "terminal") == 0)
            mc_fragment_node_note(res->fragment, (int)i, "focus", NULL);
    mc_fragment_node_note(res->fragment, 0, NULL, res->reason);
}

static const char *uniqueness_note(const mc_pr_audit *a)
{
    if (a->clean_ties == 0)
        return "";
    return " (note: the SPE is not unique at some nodes within the caps -- see unique-spe; "
           "this is the solver's selection: first maximiser, first pure NE)";
}

/* A claim about the equilibrium outcome: the shared audit, the common
 * witness, the judge's verdict, and the equilibrium path as the fragment. */
static mc_status outcome_claim(const mc_instance *in, const mc_check_opts *o,
                               mc_claim_result *res, mc_error *err,
                               void (*judge)(const mc_pr_audit *a, mc_claim_result *res))
{
    const mc_pr_audit *a;
    mc_status st = mc_pr_run_get(in, o, &a, err);
    if (st != MC_OK)
        return st;
    set_common(a, res);
    judge(a, res);
    attach_path(a, res);
    mc_pr_run_release(a);
    return MC_OK;
}

/* ---- Theorem 2 -------------------------------------------------------------- */

static void judge_welfare(const mc_pr_audit *a, mc_claim_result *res)
{
    int64_t msw = mc_pr_msw(&a->p);
    const mc_pr_eval *e = &a->eval;
    bool ok = true;
    char bad[160] = "";
    for (unsigned k = 0; k < e->nout; k++)
        if (mc_q_sgn(&e->out[k].prob) > 0 && e->out[k].welfare != msw) {
            if (ok) {
                char *pr = mc_q_strdup(&e->out[k].prob);
                snprintf(bad, sizeof bad, "realisation '%s' (probability %s) has welfare %lld",
                         e->out[k].what, pr ? pr : "?", (long long)e->out[k].welfare);
                free(pr);
            }
            ok = false;
        }
    json_object_set_new(res->witness, "MSW", json_integer(msw));
    if (ok)
        mc_claim_result_set(res, MC_HOLDS,
                            "the equilibrium outcome (%s) has welfare %lld = MSW%s",
                            e->stopped ? "bot, 0: the play ends at step (a)" : a->p.state_name[e->out[0].omega],
                            (long long)msw, uniqueness_note(a));
    else
        mc_claim_result_set(res, MC_FAILS, "welfare differs from MSW = %lld: %s%s",
                            (long long)msw, bad, uniqueness_note(a));
}

mc_status mc_pr_check_thm2_welfare(const mc_instance *in, const mc_check_opts *o,
                                   mc_claim_result *res, mc_error *err)
{
    return outcome_claim(in, o, res, err, judge_welfare);
}

static void judge_revenue(const mc_pr_audit *a, mc_claim_result *res)
{
    const mc_pr_params *p = &a->p;
    int64_t msw = mc_pr_msw(p);
    mc_q bound = MC_Q_ZERO, t = MC_Q_ZERO, margin = MC_Q_ZERO, rstar = MC_Q_ZERO;
    /* (1 - 4 eps n) MSW */
    mc_q_set_i64(&t, 4 * (int64_t)p->n);
    mc_q_mul(&t, &t, &p->eps);
    mc_q_set_i64(&bound, 1);
    mc_q_sub(&bound, &bound, &t);
    mc_q_set_i64(&t, msw);
    mc_q_mul(&bound, &bound, &t);
    mc_q_sub(&margin, &a->eval.revenue, &bound);
    /* the paper's accounting of the prescribed play, exactly:
     * R* = MSW - 2n eps - 2 eps MSW + eps f/n_r */
    if (msw > 0) {
        mc_q_set_i64(&rstar, msw);
        mc_q_set_i64(&t, 2 * (int64_t)p->n + 2 * msw);
        mc_q_mul(&t, &t, &p->eps);
        mc_q_sub(&rstar, &rstar, &t);
        mc_q_div(&t, &a->eval.f, &a->eval.nr);
        mc_q_addmul(&rstar, &t, &p->eps);
    }
    json_object_set_new(res->witness, "MSW", json_integer(msw));
    json_object_set_new(res->witness, "bound_(1-4 eps n) MSW", mc_json_q_or_null(&bound));
    json_object_set_new(res->witness,
                        "paper_prescribed_play_revenue_MSW-2n eps-2 eps MSW+eps f/n_r",
                        mc_json_q_or_null(&rstar));
    res->margins = json_pack("{s:o}", "revenue_minus_bound", mc_json_q_or_null(&margin));
    char *rev = mc_q_strdup(&a->eval.revenue), *bd = mc_q_strdup(&bound),
         *mg = mc_q_strdup(&margin);
    unsigned below = 0;
    for (unsigned k = 0; k < a->eval.nout; k++)
        below += mc_q_sgn(&a->eval.out[k].prob) > 0 && mc_q_cmp(&a->eval.out[k].revenue, &bound) < 0;
    if (mc_q_sgn(&margin) >= 0)
        mc_claim_result_set(res, MC_HOLDS,
                            "equilibrium revenue %s >= (1 - 4 eps n) MSW = %s (margin %s; %u of "
                            "%u realisations below the bound)%s",
                            rev, bd, mg, below, a->eval.nout, uniqueness_note(a));
    else
        mc_claim_result_set(res, MC_FAILS,
                            "equilibrium revenue %s < (1 - 4 eps n) MSW = %s (gap %s)%s", rev, bd,
                            mg, uniqueness_note(a));
    free(rev);
    free(bd);
    free(mg);
    mc_q_clear(&bound);
    mc_q_clear(&t);
    mc_q_clear(&margin);
    mc_q_clear(&rstar);
}

mc_status mc_pr_check_thm2_revenue(const mc_instance *in, const mc_check_opts *o,
                                   mc_claim_result *res, mc_error *err)
{
    return outcome_claim(in, o, res, err, judge_revenue);
}

/* ---- uniqueness --------------------------------------------------------------- */

static const pr_finding *first_nonunique(const mc_pr_audit *a)
{
    const pr_tally *ts[3] = {&a->l1, &a->l2, &a->l3};
    for (int i = 0; i < 3; i++)
        for (uint32_t k = 0; k < ts[i]->nkept; k++) {
            const pr_finding *f = &ts[i]->kept[k];
            if (!f->cap_affected && strcmp(f->kind, "mismatch") != 0)
                return f;
        }
    return NULL;
}

mc_status mc_pr_check_unique_spe(const mc_instance *in, const mc_check_opts *o,
                                 mc_claim_result *res, mc_error *err)
{
    const mc_pr_audit *a;
    mc_status st = mc_pr_run_get(in, o, &a, err);
    if (st != MC_OK)
        return st;
    set_common(a, res);
    uint64_t capped = a->nties + a->nstages[MC_STAGE_IESDS_ONLY] + a->nstages[MC_STAGE_ONE_NE] +
                      a->nstages[MC_STAGE_MULTI_NE] + a->nstages[MC_STAGE_NO_PURE_NE];
    const pr_finding *f = first_nonunique(a);
    if (a->clean_ties) {
        if (f)
            json_object_set_new(res->witness, "first", mc_pr_finding_json(f));
        mc_claim_result_set(res, MC_FAILS,
                            "%llu distinct nodes within the caps have no strictly best action "
                            "(ties, or YES/NO stages that are not DOMINANT)%s%s%s%s",
                            (unsigned long long)a->clean_ties, f ? "; e.g. at [" : "",
                            f ? f->where : "", f ? "]: " : "", f ? f->detail : "");
    } else {
        mc_claim_result_set(res, MC_HOLDS,
                            "every one of %llu distinct decision nodes within the caps has a "
                            "unique best action and every YES/NO stage is DOMINANT (%llu "
                            "non-unique nodes in the capped game, all cap-affected)",
                            (unsigned long long)a->distinct, (unsigned long long)capped);
    }
    /* a failure: the first node without a strictly best action */
    res->fragment = mc_pr_fragment_load(a->clean_ties && f ? f->frag : a->frag_path);
    mc_pr_run_release(a);
    return MC_OK;
}

/* ---- the step-(g) comment --------------------------------------------------------- */

static void judge_no_loss(const mc_pr_audit *a, mc_claim_result *res)
{
    const mc_pr_eval *e = &a->eval;
    unsigned neg = 0;
    const char *what = "";
    for (unsigned k = 0; k < e->nout; k++)
        if (mc_q_sgn(&e->out[k].prob) > 0 && mc_q_sgn(&e->out[k].revenue) < 0) {
            if (!neg)
                what = e->out[k].what;
            neg++;
        }
    res->margins = json_pack("{s:o}", "expected_revenue", mc_json_q_or_null(&e->revenue));
    char *rev = mc_q_strdup(&e->revenue);
    if (mc_q_sgn(&e->revenue) >= 0 && !neg)
        mc_claim_result_set(res, MC_HOLDS,
                            "in the equilibrium play the expected revenue %s and every "
                            "realisation's revenue are >= 0%s",
                            rev, uniqueness_note(a));
    else
        mc_claim_result_set(res, MC_FAILS,
                            "the mechanism loses money in the equilibrium play: expected revenue "
                            "%s%s%s%s",
                            rev, neg ? ", realisation '" : "", what, neg ? "' is negative" : "");
    free(rev);
}

mc_status mc_pr_check_no_loss(const mc_instance *in, const mc_check_opts *o, mc_claim_result *res,
                              mc_error *err)
{
    return outcome_claim(in, o, res, err, judge_no_loss);
}

static void judge_nonneg_utility(const mc_pr_audit *a, mc_claim_result *res)
{
    const mc_pr_eval *e = &a->eval;
    unsigned lo = 0;
    for (unsigned j = 1; j < a->p.n; j++)
        if (mc_q_cmp(&e->eu[j], &e->eu[lo]) < 0)
            lo = j;
    res->margins = json_pack("{s:o}", "least_expected_utility", mc_json_q_or_null(&e->eu[lo]));
    /* per block too: a collusive set shares its sum (side payments) */
    bool blocks_ok = true;
    json_t *blocks = json_object();
    mc_q sum = MC_Q_ZERO;
    for (unsigned b = 0; b < a->p.agents.nagents; b++) {
        unsigned first = 0;
        mc_q_set_i64(&sum, 0);
        for (unsigned j = a->p.n; j-- > 0;)
            if (a->p.agents.agent_of[j] == b) {
                mc_q_add(&sum, &sum, &e->eu[j]);
                first = j;
            }
        char blk[64];
        json_object_set_new(blocks, mc_pr_block_text(&a->p, first, blk, sizeof blk),
                            mc_json_q_or_null(&sum));
        blocks_ok = blocks_ok && mc_q_sgn(&sum) >= 0;
    }
    mc_q_clear(&sum);
    json_object_set_new(res->witness, "block_expected_utilities", blocks);
    char *u = mc_q_strdup(&e->eu[lo]);
    if (mc_q_sgn(&e->eu[lo]) >= 0)
        mc_claim_result_set(res, MC_HOLDS,
                            "every player's expected equilibrium utility is >= 0 (least: player "
                            "%u with %s)%s",
                            lo + 1, u, uniqueness_note(a));
    else
        mc_claim_result_set(res, MC_FAILS,
                            "player %u's expected equilibrium utility is %s < 0%s%s", lo + 1, u,
                            blocks_ok ? " (every collusive set's sum is >= 0: Lemma 3 prices a "
                                        "block's whole value on its minimal member)"
                                      : "",
                            uniqueness_note(a));
    free(u);
}

mc_status mc_pr_check_nonneg_utility(const mc_instance *in, const mc_check_opts *o,
                                     mc_claim_result *res, mc_error *err)
{
    return outcome_claim(in, o, res, err, judge_nonneg_utility);
}

/* The least-revenue play on M's own game (its leaf has the utilities), the
 * leaf with its revenue and, for a failure, as the focus. */
static mc_status least_play_fragment(const mc_game *g, const uint32_t *history, uint32_t depth,
                                     const char *revenue, mc_claim_result *res, mc_error *err)
{
    unsigned char *root = malloc(g->state_size);
    json_t *frag = mc_fragment_new();
    int last = -1;
    mc_status st = root && frag ? MC_OK
                                : mc_error_set(err, MC_ENOMEM, "perfect-revenue: out of memory");
    if (st == MC_OK) {
        g->ops->root(g, root);
        st = mc_fragment_history(frag, g, NULL, root, -1, history, depth, "path", &last, NULL,
                                 err);
    }
    char note[160];
    snprintf(note, sizeof note, "least expected revenue over every pure play: %s", revenue);
    if (st == MC_OK &&
        mc_fragment_node_note(frag, last, res->verdict == MC_FAILS ? "focus" : NULL, note) != MC_OK)
        st = mc_error_set(err, MC_ENOMEM, "perfect-revenue: out of memory");
    free(root);
    if (st == MC_OK)
        res->fragment = frag;
    else
        json_decref(frag);
    return st;
}

/* The broader reading: the least expected revenue over every pure play of
 * the capped game (a one-player game minimising revenue), its play
 * re-evaluated literally. */
mc_status mc_pr_check_no_loss_all_plays(const mc_instance *in, const mc_check_opts *o,
                                        mc_claim_result *res, mc_error *err)
{
    mc_pr_params p;
    mc_pr_params_init(&p);
    mc_status st = mc_pr_params_from_instance(in, &p, err);
    mc_game g = {0}, rg = {0};
    mc_spe_result r;
    bool solved = false;
    p.leaf = MC_PR_LEAF_CLOSED;
    if (st == MC_OK)
        st = mc_pr_game_new(&g, &p, err);
    if (st == MC_OK)
        st = mc_pr_revenue_game_new(&rg, &g, err);
    if (st == MC_OK) {
        mc_spe_options so;
        mc_spe_defaults(&so);
        so.max_nodes = o ? o->max_nodes : 0;
        so.timeout = o ? o->timeout : 0;
        st = mc_spe_solve(&rg, &so, &r, err);
        solved = st == MC_OK || st == MC_ELIMIT;
        if (solved)
            res->nodes = r.nodes;
    }
    mc_pr_play play;
    memset(&play, 0, sizeof play);
    uint32_t history[MC_PR_MAX_N + 2];
    uint32_t depth = 0;
    if (st == MC_OK) { /* follow the minimising choices */
        unsigned char *s = malloc(g.state_size), *next = malloc(g.state_size);
        mc_node node;
        if (!s || !next || mc_node_init(&node, 1) != MC_OK) {
            st = mc_error_set(err, MC_ENOMEM, "perfect-revenue: out of memory");
        } else {
            rg.ops->root(&rg, s);
            while ((st = rg.ops->expand(&rg, s, &node, err)) == MC_OK &&
                   node.kind == MC_NODE_DECISION) {
                uint64_t ch = mc_spe_choice(&r, &rg, s);
                mc_pr_view v;
                mc_pr_view_state(&g, s, &v);
                if (v.where == MC_PR_AT_ROOT)
                    mc_pr_root_decode(&g, (uint32_t)ch, &play.omega, play.k1);
                else if (v.where == MC_PR_AT_RAISE)
                    mc_pr_raise_decode(&g, v.mover, (uint32_t)ch, play.delta[v.mover]);
                else
                    play.no_mask = mc_pr_vote_no_mask(v.chooser_mask, ch);
                if (depth < sizeof history / sizeof history[0])
                    history[depth++] = (uint32_t)ch;
                uint32_t choice[MC_MAX_MOVERS];
                mc_node_choice_of(&node, ch, choice);
                rg.ops->child(&rg, s, &node, choice, next);
                memcpy(s, next, g.state_size);
            }
            mc_node_free(&node);
        }
        free(s);
        free(next);
    }
    mc_pr_eval e;
    mc_pr_eval_init(&e);
    if (st == MC_OK)
        st = mc_pr_evaluate(&p, &play, &e, err);
    if (st == MC_OK) {
        mc_q least = MC_Q_ZERO;
        mc_q_neg(&least, &r.value[0]);
        if (!mc_q_eq(&least, &e.revenue)) {
            st = mc_error_set(err, MC_EINTERNAL,
                              "perfect-revenue: the least-revenue play evaluates to a different "
                              "revenue than the solver found");
        } else {
            char buf[160], *lr = mc_q_strdup(&least);
            size_t len = mc_pr_fmt_root(buf, sizeof buf, &p, play.omega, play.k1);
            for (unsigned i = 1; i < p.n && !e.stopped; i++) {
                len += (size_t)snprintf(buf + len, len < sizeof buf ? sizeof buf - len : 0, " ");
                len += mc_pr_fmt_raise(buf + (len < sizeof buf ? len : sizeof buf),
                                       len < sizeof buf ? sizeof buf - len : 0, p.n, i,
                                       play.delta[i]);
            }
            res->witness = json_pack("{s:o,s:s,s:I,s:o}", "instance", mc_pr_json_instance(&p),
                                     "least_revenue_play", buf, "NO_mask",
                                     (json_int_t)play.no_mask, "expected_revenue",
                                     mc_json_q_or_null(&least));
            res->margins = json_pack("{s:o}", "least_expected_revenue", mc_json_q_or_null(&least));
            if (mc_q_sgn(&least) >= 0)
                mc_claim_result_set(res, MC_HOLDS,
                                    "no pure play of the capped game has negative expected "
                                    "revenue (least %s, at %s)",
                                    lr, buf);
            else
                mc_claim_result_set(res, MC_FAILS,
                                    "the play %s (NO set 0x%x) has expected revenue %s < 0: the "
                                    "mechanism can lose money off equilibrium",
                                    buf, play.no_mask, lr);
            st = least_play_fragment(&g, history, depth, lr, res, err);
            free(lr);
        }
        mc_q_clear(&least);
    }
    mc_pr_eval_clear(&e);
    if (solved)
        mc_spe_result_free(&r);
    mc_game_destroy(&rg);
    mc_game_destroy(&g);
    mc_pr_params_clear(&p);
    return st;
}

/* ---- Sec. 1.5: several truthful announcements, one SPE ------------------------------ */

mc_status mc_pr_check_one_truthful_spe(const mc_instance *in, const mc_check_opts *o,
                                       mc_claim_result *res, mc_error *err)
{
    const mc_pr_audit *a;
    mc_status st = mc_pr_run_get(in, o, &a, err);
    if (st != MC_OK)
        return st;
    const mc_pr_params *p = &a->p;
    if (mc_agents_is_singletons(&p->agents)) {
        mc_claim_result_set(res, MC_NOT_APPLICABLE,
                            "hypothesis violated: the remark concerns collusive players, but "
                            "every player is independent");
        res->fragment = mc_pr_fragment_load(a->frag_path);
        mc_pr_run_release(a);
        return MC_OK;
    }
    mc_game g;
    if ((st = mc_pr_game_new(&g, p, err)) != MC_OK) {
        mc_pr_run_release(a);
        return st;
    }
    set_common(a, res);
    unsigned omega = mc_pr_first_max_state(p);
    /* every K1 within the caps pricing each block at its total value */
    json_t *list = json_array();
    uint32_t count = 0;
    bool spe_in = false;
    for (uint32_t c = 0; c < a->nroot; c++) {
        unsigned w;
        int64_t k1[MC_PR_MAX_N];
        mc_pr_root_decode(&g, c, &w, k1);
        if (w != omega)
            continue;
        bool truthful = true;
        for (unsigned b = 0; b < p->agents.nagents; b++) {
            int64_t sk = 0, st2 = 0;
            for (unsigned j = 0; j < p->n; j++)
                if (p->agents.agent_of[j] == b) {
                    sk += k1[j];
                    st2 += p->tv[omega][j];
                }
            truthful = truthful && sk == st2;
        }
        if (!truthful)
            continue;
        count++;
        spe_in = spe_in || c == a->root_computed;
        char buf[128];
        mc_pr_fmt_root(buf, sizeof buf, p, w, k1);
        json_array_append_new(list, json_pack("{s:s,s:o,s:b}", "announcement", buf,
                                              "block_value", mc_json_q_or_null(&a->root[c].value),
                                              "spe", c == a->root_computed));
    }
    json_object_set_new(res->witness, "truthful_announcements", list);
    if (count < 2)
        mc_claim_result_set(res, MC_UNDECIDED,
                            "within the caps there is only %u truthful announcement; raise cap_k",
                            count);
    else if (spe_in && a->root_ntied == 1)
        mc_claim_result_set(res, MC_HOLDS,
                            "of %u announcements pricing every block at its total value, exactly "
                            "one is the SPE root%s",
                            count, uniqueness_note(a));
    else
        mc_claim_result_set(res, MC_FAILS,
                            "of %u truthful announcements, %s", count,
                            spe_in ? "several tie at the root" : "none is the SPE root");
    /* a failure: the root with the prescribed truthful announcement and the
     * best (Lemma 3's finding), when there is one within the caps */
    const char *frag = a->frag_path;
    for (uint32_t k = 0; res->verdict == MC_FAILS && k < a->l3.nkept; k++)
        if (!a->l3.kept[k].cap_affected && a->l3.kept[k].frag) {
            frag = a->l3.kept[k].frag;
            break;
        }
    res->fragment = mc_pr_fragment_load(frag);
    mc_game_destroy(&g);
    mc_pr_run_release(a);
    return MC_OK;
}
