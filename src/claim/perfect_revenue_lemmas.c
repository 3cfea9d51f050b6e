/* Lemmas 1-3 of the perfect-revenue paper and their non-collusive versions
 * 1'-3' (Appendix A), checked at every distinct node of their kind in the
 * capped game (on and off the equilibrium path) by the audit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim/perfect_revenue_claims.h"

static const char *const kind_name[] = {"", "height-1 (YES/NO)", "raise (heights 2..n)", "root"};

/* The first clean failure, or NULL. */
static const pr_finding *first_failure(const pr_tally *t)
{
    for (uint32_t i = 0; i < t->nkept; i++)
        if (!t->kept[i].cap_affected)
            return &t->kept[i];
    return NULL;
}

/* The first few findings, clean failures before cap-affected ones (all of
 * them are counted in "nodes"). */
#define SHOW_FINDINGS 5
static json_t *findings_json(const pr_tally *t)
{
    json_t *arr = json_array();
    for (int pass = 0; pass < 2; pass++)
        for (uint32_t i = 0; i < t->nkept && json_array_size(arr) < SHOW_FINDINGS; i++)
            if (t->kept[i].cap_affected == (pass == 1))
                json_array_append_new(arr, mc_pr_finding_json(&t->kept[i]));
    return arr;
}

static bool not_collusive(const mc_pr_audit *a, mc_claim_result *res, const char *lemma)
{
    if (mc_agents_is_singletons(&a->p.agents))
        return true;
    char blk[64] = "";
    for (unsigned j = 0; j < a->p.n; j++) {
        unsigned m[MC_MAX_PLAYERS];
        if (mc_agents_members(&a->p.agents, a->p.agents.agent_of[j], m) > 1) {
            mc_pr_block_text(&a->p, j, blk, sizeof blk);
            break;
        }
    }
    mc_claim_result_set(res, MC_NOT_APPLICABLE,
                        "hypothesis violated: %s (Appendix A) assumes every player independent, "
                        "but %s is a collusive set; see the collusive version",
                        lemma, blk);
    return false;
}

static void set_common(const mc_pr_audit *a, mc_claim_result *res)
{
    res->nodes = a->nodes;
    res->witness = json_pack("{s:o, s:o}", "instance", mc_pr_json_instance(&a->p), "solve",
                             mc_pr_json_solve(a));
}

/* Lemmas 1 and 2 (and primes): a tally over every node of one kind. */
static mc_status check_tally(const mc_instance *in, const mc_check_opts *o, mc_claim_result *res,
                             mc_error *err, unsigned lemma, bool prime)
{
    const mc_pr_audit *a;
    mc_status st = mc_pr_run_get(in, o, &a, err);
    if (st != MC_OK)
        return st;
    char name[16];
    snprintf(name, sizeof name, "Lemma %u%s", lemma, prime ? "'" : "");
    if (prime && !not_collusive(a, res, name)) {
        res->fragment = mc_pr_fragment_load(a->frag_path);
        mc_pr_run_release(a);
        return MC_OK;
    }
    const pr_tally *t = lemma == 1 ? &a->l1 : &a->l2;
    set_common(a, res);
    json_object_set_new(res->witness, "lemma", json_integer(lemma));
    json_object_set_new(res->witness, "nodes", mc_pr_tally_json(t));
    json_object_set_new(res->witness, "findings", findings_json(t));
    if (lemma == 1 && !mc_agents_is_singletons(&a->p.agents))
        json_object_set_new(res->witness, "member_wise_model",
                            json_pack("{s:s,s:I,s:I,s:I}", "meaning",
                                      "each member votes alone, maximising its block's sum; "
                                      "reported alongside, the verdict uses joint agents",
                                      "nodes_with_a_block_member_voting",
                                      (json_int_t)a->member_nodes,
                                      "nodes_where_a_member_has_no_dominant_vote",
                                      (json_int_t)a->member_not_dominant,
                                      "nodes_where_a_member_dominant_vote_differs",
                                      (json_int_t)a->member_mismatch));
    if (t->have_margin)
        res->margins =
            json_pack("{s:o}", "min_gap_best_vs_second", mc_json_q_or_null(&t->min_margin));
    const pr_finding *f = first_failure(t);
    if (t->failures && f) {
        char blk[64];
        mc_pr_block_text(&a->p, f->agent_first, blk, sizeof blk);
        char *vp = mc_q_strdup(&f->v_prescribed), *vc = mc_q_strdup(&f->v_computed),
             *gap = mc_q_strdup(&f->gap);
        mc_claim_result_set(res, MC_FAILS,
                            "%s fails at %llu of %llu distinct %s nodes within the caps; e.g. at "
                            "[%s] block %s: prescribed %s, best %s (%s), block value %s vs %s, "
                            "gap %s",
                            name, (unsigned long long)t->failures, (unsigned long long)t->clean,
                            kind_name[lemma], f->where, blk, f->prescribed, f->computed, f->kind,
                            vp ? vp : "?", vc ? vc : "?", gap ? gap : "?");
        free(vp);
        free(vc);
        free(gap);
        res->fragment = mc_pr_fragment_load(f->frag);
    } else if (t->clean == 0) {
        mc_claim_result_set(res, MC_UNDECIDED,
                            "no %s node lies within the caps (%llu nodes, %llu prescriptions "
                            "not representable); raise the caps",
                            kind_name[lemma], (unsigned long long)t->nodes,
                            (unsigned long long)t->unrepresentable);
    } else {
        char *m = t->have_margin ? mc_q_strdup(&t->min_margin) : NULL;
        mc_claim_result_set(res, MC_HOLDS,
                            "at all %llu distinct %s nodes within the caps the prescribed action "
                            "is the unique best%s (smallest gap to the runner-up %s); "
                            "%llu nodes with prescriptions not representable, %llu cap-affected",
                            (unsigned long long)t->clean, kind_name[lemma],
                            lemma == 1 ? " and strictly dominant" : "", m ? m : "n/a",
                            (unsigned long long)t->unrepresentable,
                            (unsigned long long)t->cap_affected);
        free(m);
    }
    if (!res->fragment)
        res->fragment = mc_pr_fragment_load(a->frag_path);
    mc_pr_run_release(a);
    return MC_OK;
}

mc_status mc_pr_check_lemma1(const mc_instance *in, const mc_check_opts *o, mc_claim_result *res,
                             mc_error *err)
{
    return check_tally(in, o, res, err, 1, false);
}

mc_status mc_pr_check_lemma1_prime(const mc_instance *in, const mc_check_opts *o,
                                   mc_claim_result *res, mc_error *err)
{
    return check_tally(in, o, res, err, 1, true);
}

mc_status mc_pr_check_lemma2(const mc_instance *in, const mc_check_opts *o, mc_claim_result *res,
                             mc_error *err)
{
    return check_tally(in, o, res, err, 2, false);
}

mc_status mc_pr_check_lemma2_prime(const mc_instance *in, const mc_check_opts *o,
                                   mc_claim_result *res, mc_error *err)
{
    return check_tally(in, o, res, err, 2, true);
}

/* ---- Lemma 3 ------------------------------------------------------------------- */

static json_t *root_list(const mc_pr_audit *a, const mc_game *g)
{
    json_t *arr = json_array();
    for (uint32_t r = 0; r < a->nroot_order; r++) {
        const pr_root_rank *e = &a->root[a->root_order[r]];
        unsigned omega;
        int64_t k1[MC_PR_MAX_N];
        char buf[128];
        mc_pr_root_decode(g, e->action, &omega, k1);
        mc_pr_fmt_root(buf, sizeof buf, &a->p, omega, k1);
        json_array_append_new(arr, json_pack("{s:s,s:o,s:o}", "announcement", buf,
                                             "block_value", mc_json_q_or_null(&e->value), "u1",
                                             mc_json_q_or_null(&e->u1)));
    }
    return arr;
}

static void root_text(const mc_pr_audit *a, const mc_game *g, uint32_t action, char *buf,
                      size_t cap)
{
    unsigned omega;
    int64_t k1[MC_PR_MAX_N];
    mc_pr_root_decode(g, action, &omega, k1);
    mc_pr_fmt_root(buf, cap, &a->p, omega, k1);
}

/* Lemma 3': for every announced state, the best K1 is TV(omega). */
static uint32_t price_rule(const mc_pr_audit *a, const mc_game *g, json_t *out,
                           unsigned *first_bad)
{
    uint32_t bad = 0;
    for (unsigned w = 0; w < a->p.nstates; w++) {
        int64_t k1[MC_PR_MAX_N];
        mc_pr_lemma3_prices(&a->p, w, k1);
        uint32_t want = mc_pr_root_encode(g, w, k1);
        char pb[128], cb[128];
        mc_pr_fmt_root(pb, sizeof pb, &a->p, w, k1);
        root_text(a, g, a->best_for_state[w], cb, sizeof cb);
        const char *verdict;
        if (want == UINT32_MAX) {
            verdict = "prescription not representable";
        } else if (a->best_for_state[w] == want && a->tied_for_state[w] == 1) {
            verdict = "agrees";
        } else {
            int64_t sum = 0;
            unsigned om;
            int64_t ck[MC_PR_MAX_N];
            mc_pr_root_decode(g, a->best_for_state[w], &om, ck);
            bool clean = mc_pr_subgame_clean(&a->p, w, 1, k1);
            for (unsigned j = 0; j < a->p.n; j++)
                sum += ck[j];
            clean = clean && (sum == 0 || mc_pr_subgame_clean(&a->p, w, 1, ck));
            verdict = !clean ? "differs (cap-affected)"
                      : a->tied_for_state[w] > 1 ? "tie"
                                                 : "differs";
            if (clean && !bad)
                *first_bad = w;
            bad += clean;
        }
        json_array_append_new(out, json_pack("{s:s,s:s,s:s,s:i,s:s}", "state", a->p.state_name[w],
                                             "prescribed", pb, "best", cb, "tied",
                                             (int)a->tied_for_state[w], "verdict", verdict));
    }
    return bad;
}

static mc_status check_root(const mc_instance *in, const mc_check_opts *o, mc_claim_result *res,
                            mc_error *err, bool prime)
{
    const mc_pr_audit *a;
    mc_status st = mc_pr_run_get(in, o, &a, err);
    if (st != MC_OK)
        return st;
    if (prime && !not_collusive(a, res, "Lemma 3'")) {
        res->fragment = mc_pr_fragment_load(a->frag_path);
        mc_pr_run_release(a);
        return MC_OK;
    }
    mc_game g;
    if ((st = mc_pr_game_new(&g, &a->p, err)) != MC_OK) {
        mc_pr_run_release(a);
        return st;
    }
    const char *name = prime ? "Lemma 3'" : "Lemma 3";
    set_common(a, res);
    const pr_tally *t = &a->l3;
    unsigned omega;
    int64_t k1[MC_PR_MAX_N];
    mc_pr_lemma3_root(&a->p, &omega, k1);
    char pb[128], cb[128];
    mc_pr_fmt_root(pb, sizeof pb, &a->p, omega, k1);
    root_text(a, &g, a->root_computed, cb, sizeof cb);
    json_object_set_new(res->witness, "prescribed_root", json_string(pb));
    json_object_set_new(res->witness, "best_root", json_string(cb));
    json_object_set_new(res->witness, "root_actions", json_integer(a->nroot));
    json_object_set_new(res->witness, "best_root_actions", root_list(a, &g));
    json_object_set_new(res->witness, "findings", findings_json(t));
    uint32_t bad_states = 0;
    unsigned first_bad = 0;
    if (prime) {
        json_t *rule = json_array();
        bad_states = price_rule(a, &g, rule, &first_bad);
        json_object_set_new(res->witness, "price_rule_per_state", rule);
    }
    if (t->have_margin)
        res->margins =
            json_pack("{s:o}", "best_minus_runner_up", mc_json_q_or_null(&t->min_margin));
    const pr_finding *f = first_failure(t);
    if (a->root_prescribed == UINT32_MAX) {
        mc_claim_result_set(res, MC_UNDECIDED,
                            "prescription not representable: %s lies outside the caps on K1",
                            pb);
    } else if (t->failures && f) {
        char *vp = mc_q_strdup(&f->v_prescribed), *vc = mc_q_strdup(&f->v_computed),
             *gap = mc_q_strdup(&f->gap);
        mc_claim_result_set(res, MC_FAILS,
                            "%s fails at the root: prescribed %s, best %s (%s; %s), player 1's "
                            "block value %s vs %s, gap %s",
                            name, pb, cb, f->kind, f->detail[0] ? f->detail : "no tie", vp, vc,
                            gap);
        free(vp);
        free(vc);
        free(gap);
        res->fragment = mc_pr_fragment_load(f->frag);
    } else if (bad_states) {
        res->fragment = mc_pr_fragment_load(a->frag_price[first_bad]);
        mc_claim_result_set(res, MC_FAILS,
                            "%s's price rule K1 = TV(omega*) fails for %u announced state(s) "
                            "(see price_rule_per_state); the root itself agrees (%s)",
                            name, bad_states, pb);
    } else if (t->cap_affected) {
        mc_claim_result_set(res, MC_UNDECIDED,
                            "the best root %s differs from the prescribed %s, but its subgame "
                            "leaves the caps (cap-affected); raise cap_d",
                            cb, pb);
    } else {
        char *m = t->have_margin ? mc_q_strdup(&t->min_margin) : NULL;
        mc_claim_result_set(res, MC_HOLDS,
                            "the unique best of %u root actions is the prescribed %s "
                            "(margin to the runner-up %s)%s; %u root actions have subgames "
                            "leaving the caps",
                            a->nroot, pb, m ? m : "n/a",
                            prime ? ", and for every announced state the best K1 is TV(omega)" : "",
                            a->root_unclean);
        free(m);
    }
    if (!res->fragment)
        res->fragment = mc_pr_fragment_load(a->frag_path);
    mc_game_destroy(&g);
    mc_pr_run_release(a);
    return MC_OK;
}

mc_status mc_pr_check_lemma3(const mc_instance *in, const mc_check_opts *o, mc_claim_result *res,
                             mc_error *err)
{
    return check_root(in, o, res, err, false);
}

mc_status mc_pr_check_lemma3_prime(const mc_instance *in, const mc_check_opts *o,
                                   mc_claim_result *res, mc_error *err)
{
    return check_root(in, o, res, err, true);
}
