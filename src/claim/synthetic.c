/* The "synthetic" paper: a test fixture, not a paper.  Its mechanism is a
 * finite alternating-offers bargaining game (mech/ultimatum.h) and its
 * claims are chosen so that one fails on some instances with a minimal
 * counterexample computable by hand, which exercises check, search,
 * shrinking and reports end to end.
 *
 * By backward induction with responders accepting when indifferent, the
 * proposer of round t gets V_t = max(p_t - V_{t+1}, V_{t+2}) (V_{n+1} =
 * V_{n+2} = 0), so while the pie stays positive the first proposer gets
 * n*step/2 for even n and pie - (n-1)*step/2 for odd n.  "The first
 * proposer gets at least half the pie" therefore fails exactly for even n
 * with n*step < pie; the smallest counterexample is n=2, pie=1, step=0. */
#include <stdlib.h>
#include <string.h>

#include "mech/ultimatum.h"
#include "mechcheck/claim.h"
#include "mechcheck/fragment.h"
#include "mechcheck/spe.h"

/* ---- shared: solve and re-check the game of an instance --------------------------------- */

typedef struct {
    ult_params p;
    mc_game g;
    mc_spe_result r;
    bool solved;
} ult_run;

static void run_free(ult_run *u)
{
    if (u->solved)
        mc_spe_result_free(&u->r);
    mc_game_destroy(&u->g);
}

/* The hypothesis of both claims; false sets NOT-APPLICABLE. */
static bool pie_lasts(const ult_params *p, mc_claim_result *res)
{
    int64_t need = (p->n - 1) * p->step;
    if (p->pie > need)
        return true;
    mc_claim_result_set(res, MC_NOT_APPLICABLE,
                        "hypothesis violated: the pie must stay positive for all n rounds, "
                        "pie > (n-1)*step, but pie = %lld and (n-1)*step = %lld",
                        (long long)p->pie, (long long)need);
    return false;
}

/* Solves by backward induction and re-checks with mc_spe_verify.  A limit
 * returns MC_ELIMIT with the work done in the witness. */
static mc_status solve(ult_run *u, const mc_check_opts *o, mc_claim_result *res, mc_error *err)
{
    mc_status st = ult_game(&u->p, &u->g, err);
    if (st != MC_OK)
        return st;
    mc_spe_options so;
    mc_spe_defaults(&so);
    so.max_nodes = o->max_nodes;
    so.timeout = o->timeout;
    st = mc_spe_solve(&u->g, &so, &u->r, err);
    if (st == MC_OK || st == MC_ELIMIT)
        u->solved = true;
    if (u->solved)
        res->nodes = u->r.nodes;
    if (st == MC_ELIMIT) {
        res->witness = json_pack("{s:{s:I,s:I}}", "partial", "nodes_expanded",
                                 (json_int_t)u->r.nodes, "states_solved",
                                 (json_int_t)u->r.distinct);
        return st;
    }
    if (st != MC_OK)
        return st;
    mc_error verr;
    if (mc_spe_verify(&u->g, &u->r, false, &verr) != MC_OK)
        return mc_error_set(err, MC_EINTERNAL, "synthetic: the SPE witness does not verify: %s",
                            verr.msg);
    return MC_OK;
}

/* What the solver found besides the values (the work done goes to
 * res->nodes, not the witness: witnesses are what reports compare). */
static json_t *spe_summary(const mc_spe_result *r)
{
    return json_pack("{s:b,s:I,s:s}", "unique", r->unique, "ties", (json_int_t)r->nties,
                     "recheck",
                     "no profitable one-shot deviation at any reachable node (mc_spe_verify)");
}

/* The equilibrium path as labels, and the fragment from the root. */
static mc_status path_witness(ult_run *u, json_t **labels, json_t **frag, mc_error *err)
{
    *labels = json_array();
    *frag = mc_fragment_new();
    if (!*labels || !*frag)
        return mc_error_set(err, MC_ENOMEM, "synthetic: out of memory");
    unsigned char root[64];
    u->g.ops->root(&u->g, root);
    mc_status st = mc_fragment_follow(*frag, &u->g, &u->r, root, -1, "path", 64, NULL, NULL, err);
    if (st != MC_OK)
        return st;
    /* the edges of the fragment are the path's moves, in order */
    size_t i;
    json_t *e;
    json_array_foreach (json_object_get(*frag, "edges"), i, e) {
        json_t *nodes = json_object_get(*frag, "nodes");
        const char *at = json_string_value(
            json_object_get(json_array_get(nodes, (size_t)json_integer_value(json_object_get(e, "from"))), "label"));
        json_array_append_new(*labels, json_sprintf("%s: %s", at,
                                                    json_string_value(json_object_get(e, "label"))));
    }
    return MC_OK;
}

/* ---- synthetic/half-share -------------------------------------------------------------------- */

static mc_status check_half_share(const mc_instance *in, const mc_check_opts *o,
                                  mc_claim_result *res, mc_error *err)
{
    ult_run u = {0};
    mc_status st = ult_read(in, &u.p, err);
    if (st != MC_OK || !pie_lasts(&u.p, res))
        return st;
    st = solve(&u, o, res, err);
    mc_q half = MC_Q_ZERO, margin = MC_Q_ZERO, dev[2] = {MC_Q_ZERO, MC_Q_ZERO}, gap = MC_Q_ZERO;
    json_t *labels = NULL, *frag = NULL;
    if (st == MC_OK)
        st = mc_q_set_frac(&half, u.p.pie, 2);
    if (st == MC_OK)
        st = path_witness(&u, &labels, &frag, err);
    if (st == MC_OK) {
        mc_q_sub(&margin, &u.r.value[0], &half);
        bool holds = mc_q_sgn(&margin) >= 0;
        res->witness =
            json_pack("{s:{s:o,s:o},s:o,s:o,s:o}", "shares", "P1", mc_json_q_or_null(&u.r.value[0]),
                      "P2", mc_json_q_or_null(&u.r.value[1]), "half_pie", mc_json_q_or_null(&half),
                      "equilibrium_path", labels, "spe", spe_summary(&u.r));
        labels = NULL;
        res->margins = json_pack("{s:o}", "share_minus_half", mc_json_q_or_null(&margin));
        if (holds) {
            mc_claim_result_set(res, MC_HOLDS, "P1's SPE share %s is at least half the pie %s",
                                json_string_value(json_object_get(
                                    json_object_get(res->witness, "shares"), "P1")),
                                json_string_value(json_object_get(res->witness, "half_pie")));
        } else {
            /* the counterexample's deviation: P1 demanding half at the root
             * (offering floor(pie/2)) is answered in equilibrium and pays less */
            unsigned char root[64];
            u.g.ops->root(&u.g, root);
            bool reached = false;
            int64_t x = u.p.pie / 2;
            if (mc_spe_choice(&u.r, &u.g, root) != (uint64_t)x) /* else the path shows it */
                st = mc_fragment_deviation(frag, &u.g, &u.r, root, 0, (uint64_t)x, 64, dev,
                                           &reached, err);
            if (st == MC_OK && reached) {
                mc_q_sub(&gap, &dev[0], &u.r.value[0]);
                json_object_set_new(
                    res->witness, "deviation",
                    json_pack("{s:s,s:o,s:o,s:o,s:s}", "node", "round 1: P1 offers", "action",
                              json_sprintf("offer %lld", (long long)x), "P1_payoff",
                              mc_json_q_or_null(&dev[0]), "gap_vs_spe", mc_json_q_or_null(&gap),
                              "meaning",
                              "demanding half the pie is not better for P1 than the SPE offer"));
            }
            if (st == MC_OK)
                mc_claim_result_set(res, MC_FAILS, "P1's SPE share %s is below half the pie %s",
                                    json_string_value(json_object_get(
                                        json_object_get(res->witness, "shares"), "P1")),
                                    json_string_value(json_object_get(res->witness, "half_pie")));
        }
        res->fragment = frag;
        frag = NULL;
    }
    json_decref(labels);
    json_decref(frag);
    mc_q_clear(&half);
    mc_q_clear(&margin);
    mc_q_clear_vec(dev, 2);
    mc_q_clear(&gap);
    run_free(&u);
    return st;
}

/* V_t of the header comment, from the pies alone (independent of the
 * solver): values[0] = V_1 (P1), values[1] = the other player's value. */
static mc_status closed_form(const ult_params *p, mc_q *v1, mc_q *w1, int64_t *offer)
{
    int64_t V[ULT_MAX_ROUNDS + 3] = {0}, W[ULT_MAX_ROUNDS + 3] = {0};
    int64_t first_offer = 0;
    for (int64_t t = p->n; t >= 1; t--) {
        int64_t pt = ult_pie(p, t);
        int64_t accept_value = pt - V[t + 1]; /* offering V_{t+1}, accepted on a tie */
        int64_t reject_value = W[t + 1];
        if (V[t + 1] <= pt && accept_value > reject_value) {
            V[t] = accept_value;
            if (t == 1)
                first_offer = V[t + 1];
        } else {
            V[t] = reject_value;
            if (t == 1)
                first_offer = -1; /* delay */
        }
        W[t] = V[t + 1];
    }
    mc_q_set_i64(v1, V[1]);
    mc_q_set_i64(w1, W[1]);
    *offer = first_offer;
    return MC_OK;
}

static bool witness_q(const json_t *w, const char *a, const char *b, mc_q *out)
{
    const json_t *v = json_object_get(w, a);
    if (b)
        v = json_object_get(v, b);
    return json_is_string(v) &&
           mc_q_parse(out, json_string_value(v), (size_t)-1, NULL) == MC_OK;
}

static mc_status recheck_half_share(const mc_instance *in, const mc_claim_result *res,
                                    mc_error *err)
{
    ult_params p;
    mc_status st = ult_read(in, &p, err);
    if (st != MC_OK)
        return st;
    mc_q v1 = MC_Q_ZERO, w1 = MC_Q_ZERO, got = MC_Q_ZERO, twice = MC_Q_ZERO, pie = MC_Q_ZERO;
    int64_t offer;
    closed_form(&p, &v1, &w1, &offer);
    if (!witness_q(res->witness, "shares", "P1", &got))
        st = mc_error_set(err, MC_EINTERNAL, "witness has no shares.P1");
    else if (!mc_q_eq(&got, &v1)) {
        char a[64], b[64];
        mc_q_snprint(a, sizeof a, &v1);
        mc_q_snprint(b, sizeof b, &got);
        st = mc_error_set(err, MC_EINTERNAL, "P1's share is %s by the closed form, not %s", a, b);
    }
    if (st == MC_OK) {
        mc_q_add(&twice, &v1, &v1);
        mc_q_set_i64(&pie, p.pie);
        bool holds = mc_q_cmp(&twice, &pie) >= 0;
        if (holds != (res->verdict == MC_HOLDS))
            st = mc_error_set(err, MC_EINTERNAL, "the closed form says the claim %s",
                              holds ? "holds" : "fails");
    }
    mc_q_clear(&v1);
    mc_q_clear(&w1);
    mc_q_clear(&got);
    mc_q_clear(&twice);
    mc_q_clear(&pie);
    return st;
}

/* ---- synthetic/immediate-agreement ------------------------------------------------------------ */

static mc_status check_immediate(const mc_instance *in, const mc_check_opts *o,
                                 mc_claim_result *res, mc_error *err)
{
    ult_run u = {0};
    mc_status st = ult_read(in, &u.p, err);
    if (st != MC_OK || !pie_lasts(&u.p, res))
        return st;
    if (u.p.step < 1) {
        mc_claim_result_set(res, MC_NOT_APPLICABLE,
                            "hypothesis violated: the pie must shrink every round, step >= 1, "
                            "but step = 0");
        return MC_OK;
    }
    st = solve(&u, o, res, err);
    json_t *labels = NULL, *frag = NULL;
    if (st == MC_OK)
        st = path_witness(&u, &labels, &frag, err);
    if (st == MC_OK) {
        /* the path is: P1's offer, then P2's answer */
        json_t *edges = json_object_get(frag, "edges");
        const char *offer = json_string_value(json_object_get(json_array_get(edges, 0), "label"));
        const char *answer = json_string_value(json_object_get(json_array_get(edges, 1), "label"));
        bool holds = answer && strcmp(answer, "accept") == 0;
        res->witness =
            json_pack("{s:s,s:s,s:o,s:{s:o,s:o},s:o}", "first_offer", offer ? offer : "?", "answer",
                      answer ? answer : "?", "equilibrium_path", labels, "shares", "P1",
                      mc_json_q_or_null(&u.r.value[0]), "P2", mc_json_q_or_null(&u.r.value[1]),
                      "spe", spe_summary(&u.r));
        labels = NULL;
        mc_claim_result_set(res, holds ? MC_HOLDS : MC_FAILS, "P2 %s P1's first offer (%s)",
                            holds ? "accepts" : "does not accept", offer ? offer : "?");
        res->fragment = frag;
        frag = NULL;
    }
    json_decref(labels);
    json_decref(frag);
    run_free(&u);
    return st;
}

static mc_status recheck_immediate(const mc_instance *in, const mc_claim_result *res,
                                   mc_error *err)
{
    ult_params p;
    mc_status st = ult_read(in, &p, err);
    if (st != MC_OK)
        return st;
    mc_q v1 = MC_Q_ZERO, w1 = MC_Q_ZERO;
    int64_t offer;
    closed_form(&p, &v1, &w1, &offer);
    char want[64];
    snprintf(want, sizeof want, "offer %lld", (long long)offer);
    const char *got = json_string_value(json_object_get(res->witness, "first_offer"));
    bool holds = offer >= 0;
    if (holds != (res->verdict == MC_HOLDS))
        st = mc_error_set(err, MC_EINTERNAL, "the closed form says the first offer is %s",
                          holds ? "accepted" : "rejected");
    else if (holds && (!got || strcmp(got, want) != 0))
        st = mc_error_set(err, MC_EINTERNAL, "the closed form's first offer is '%s', not '%s'",
                          want, got ? got : "?");
    mc_q_clear(&v1);
    mc_q_clear(&w1);
    return st;
}

/* ---- registration ---------------------------------------------------------------------------- */

static const mc_param_doc ult_params_doc[] = {
    {"n", "int", NULL, "number of rounds, 1..64; P1 proposes in odd rounds, P2 in even ones"},
    {"pie", "int", NULL, "the pie of round 1, 0..1000000 (offers are whole units)"},
    {"step", "int", "0", "how much the pie shrinks per round (p_t = max(0, pie - (t-1)*step))"},
};

static const mc_mechanism synthetic_mechanisms[] = {
    {
        .id = "synthetic/ultimatum",
        .paper = "synthetic",
        .title = "Alternating-offers bargaining with a shrinking pie",
        .summary = "In round t = 1..n the proposer (P1 in odd rounds, P2 in even ones) offers "
                   "the other player x units of the pie p_t = max(0, pie - (t-1)*step); the "
                   "responder accepts (proposer p_t - x, responder x) or rejects, and a "
                   "rejection in the last round leaves both with nothing.  Perfect "
                   "information; solved by memoised backward induction.  A test fixture.",
        .params = ult_params_doc,
        .nparams = sizeof ult_params_doc / sizeof ult_params_doc[0],
        .validate = ult_validate,
        .shrink = ult_shrink,
        .family = "n=1..6,pie=0..12,step=0..3",
        .example = "--set n=2 --set pie=10 --set step=1",
    },
};

static const mc_claim synthetic_claims[] = {
    {
        .id = "synthetic/half-share",
        .paper = "synthetic",
        .name = "half-share",
        .title = "The first proposer gets at least half the pie",
        .statement = "In the subgame-perfect equilibrium in which responders accept whenever "
                     "they are indifferent, the player who makes the first offer ends up with "
                     "at least half of the initial pie.  (Deliberately false: it fails for an "
                     "even number of rounds whenever n*step < pie.)",
        .hypotheses = "the pie stays positive in every round: pie > (n-1)*step",
        .mechanism = "synthetic/ultimatum",
        .check = check_half_share,
        .recheck = recheck_half_share,
    },
    {
        .id = "synthetic/immediate-agreement",
        .paper = "synthetic",
        .name = "immediate-agreement",
        .title = "Agreement in the first round",
        .statement = "When the pie shrinks every round, the first offer is accepted in the "
                     "subgame-perfect equilibrium in which responders accept whenever they "
                     "are indifferent: delay only destroys surplus.",
        .hypotheses = "step >= 1 and the pie stays positive in every round: pie > (n-1)*step",
        .mechanism = "synthetic/ultimatum",
        .check = check_immediate,
        .recheck = recheck_immediate,
    },
};

const mc_paper mc_paper_synthetic = {
    .id = "synthetic",
    .title = "Synthetic fixture: alternating-offers bargaining (not a paper)",
    .authors = "mechcheck test suite",
    .seed = "",
    .claims = synthetic_claims,
    .nclaims = sizeof synthetic_claims / sizeof synthetic_claims[0],
    .mechanisms = synthetic_mechanisms,
    .nmechanisms = sizeof synthetic_mechanisms / sizeof synthetic_mechanisms[0],
    .fixture = true,
};
