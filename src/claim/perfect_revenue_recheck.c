/* Independent re-checks of the perfect-revenue claims on mechanism M.
 *
 *  - A lemma failure is re-derived at its node alone: Lemma 1 by running
 *    the mechanism literally (mc_pr_evaluate) on the prescribed and the
 *    computed votes; Lemmas 2 and 3 by solving the two subgames below the
 *    prescribed and the computed action again, with explicit coins and no
 *    memoisation.  The block-value gap must come out the same.
 *  - Every other result is compared with the audit of the same instance
 *    built with explicit coins instead of closed-form leaves: the same
 *    equilibrium values and revenue, the same node counts and failures. */
#include <stdlib.h>
#include <string.h>

#include "claim/perfect_revenue_claims.h"
#include "mechcheck/spe.h"

/* ---- a subgame of a generator as a game of its own ------------------------- */

typedef struct sub_ctx {
    const mc_game *inner;
    unsigned char *start;
} sub_ctx;

static const mc_game *inner_of(const mc_game *g)
{
    return ((const sub_ctx *)g->ctx)->inner;
}

static void sub_root(const mc_game *g, void *state)
{
    const sub_ctx *x = g->ctx;
    memcpy(state, x->start, g->state_size);
}

static mc_status sub_expand(const mc_game *g, const void *s, mc_node *out, mc_error *err)
{
    return inner_of(g)->ops->expand(inner_of(g), s, out, err);
}

static void sub_child(const mc_game *g, const void *s, const mc_node *node, const uint32_t *choice,
                      void *child)
{
    inner_of(g)->ops->child(inner_of(g), s, node, choice, child);
}

static size_t sub_key(const mc_game *g, const void *s, void *key, mc_q *offset)
{
    return inner_of(g)->ops->key(inner_of(g), s, key, offset);
}

static const mc_game_ops sub_ops = {
    .root = sub_root, .expand = sub_expand, .child = sub_child, .key = sub_key};

/* The value of the acting block in the subgame below one child of a state,
 * solved without memoisation. */
static mc_status child_value(const mc_game *g, const void *state, uint64_t child, unsigned agent,
                             mc_q *out, mc_error *err)
{
    const mc_pr_params *p = mc_pr_game_params(g);
    mc_node node;
    if (mc_node_init(&node, g->nplayers) != MC_OK)
        return mc_error_set(err, MC_ENOMEM, "recheck: out of memory");
    unsigned char *c = malloc(g->state_size);
    mc_status st = c ? g->ops->expand(g, state, &node, err)
                     : mc_error_set(err, MC_ENOMEM, "recheck: out of memory");
    if (st == MC_OK) {
        uint32_t choice[MC_MAX_MOVERS];
        mc_node_choice_of(&node, child, choice);
        g->ops->child(g, state, &node, choice, c);
        sub_ctx x = {.inner = g, .start = c};
        mc_game sg = {.ops = &sub_ops, .ctx = &x, .nplayers = g->nplayers,
                      .state_size = g->state_size, .key_size = g->key_size};
        mc_spe_options so;
        mc_spe_defaults(&so);
        so.agents = &p->agents;
        so.memoise = false;
        mc_spe_result r;
        if ((st = mc_spe_solve(&sg, &so, &r, err)) == MC_OK) {
            mc_q_set_i64(out, 0);
            for (unsigned j = 0; j < p->n; j++)
                if (p->agents.agent_of[j] == agent)
                    mc_q_add(out, out, &r.value[j]);
            mc_spe_result_free(&r);
        }
    }
    free(c);
    mc_node_free(&node);
    return st;
}

/* ---- lemma failures ------------------------------------------------------------- */

static bool json_q(const json_t *v, mc_q *out)
{
    return json_is_string(v) && mc_q_parse(out, json_string_value(v), (size_t)-1, NULL) == MC_OK;
}

/* The state reached by following a history of child indices. */
static mc_status follow(const mc_game *g, const json_t *hist, unsigned char *state, mc_error *err)
{
    unsigned char *next = malloc(g->state_size);
    mc_node node;
    if (!next || mc_node_init(&node, g->nplayers) != MC_OK) {
        free(next);
        return mc_error_set(err, MC_ENOMEM, "recheck: out of memory");
    }
    mc_status st = MC_OK;
    g->ops->root(g, state);
    size_t i;
    const json_t *h;
    json_array_foreach (hist, i, h) {
        if ((st = g->ops->expand(g, state, &node, err)) != MC_OK)
            break;
        uint64_t c = (uint64_t)json_integer_value(h);
        if (node.kind != MC_NODE_DECISION || c >= mc_node_nchildren(&node)) {
            st = mc_error_set(err, MC_EINTERNAL, "recheck: the finding's history leaves the game");
            break;
        }
        uint32_t choice[MC_MAX_MOVERS];
        mc_node_choice_of(&node, c, choice);
        g->ops->child(g, state, &node, choice, next);
        memcpy(state, next, g->state_size);
    }
    mc_node_free(&node);
    free(next);
    return st;
}

/* Parses "1:YES,3:NO" into a NO mask. */
static uint32_t votes_mask(const char *s)
{
    uint32_t m = 0;
    while (*s) {
        char *end;
        long j = strtol(s, &end, 10);
        if (end == s)
            break;
        if (!strncmp(end, ":NO", 3))
            m |= 1u << (j - 1);
        s = strchr(end, ',');
        if (!s)
            break;
        s++;
    }
    return m;
}

static mc_status recheck_finding(const mc_pr_params *p, const json_t *f, mc_error *err)
{
    int lemma = (int)json_integer_value(json_object_get(f, "lemma"));
    const char *kind = json_string_value(json_object_get(f, "kind"));
    if (!kind || strcmp(kind, "mismatch") != 0)
        return MC_OK; /* ties and unsolved stages are recorded by the solver itself */
    mc_pr_params q;
    mc_pr_params_init(&q);
    mc_pr_params_copy(&q, p);
    q.leaf = MC_PR_LEAF_CHANCE;
    mc_game g;
    mc_status st = mc_pr_game_new(&g, &q, err);
    if (st != MC_OK) {
        mc_pr_params_clear(&q);
        return st;
    }
    unsigned char *state = malloc(g.state_size);
    mc_q want = MC_Q_ZERO, vp = MC_Q_ZERO, vc = MC_Q_ZERO, gap = MC_Q_ZERO;
    unsigned agent = p->agents.agent_of[json_integer_value(json_object_get(f, "block_min_member")) - 1];
    if (!state)
        st = mc_error_set(err, MC_ENOMEM, "recheck: out of memory");
    if (st == MC_OK && !json_q(json_object_get(f, "gap"), &want))
        st = mc_error_set(err, MC_EINTERNAL, "recheck: the finding has no exact gap");
    if (st == MC_OK)
        st = follow(&g, json_object_get(f, "history"), state, err);
    if (st == MC_OK && lemma == 1) {
        mc_pr_view v;
        mc_pr_view_state(&g, state, &v);
        mc_pr_eval e;
        mc_pr_eval_init(&e);
        const char *which[2] = {json_string_value(json_object_get(f, "prescribed")),
                                json_string_value(json_object_get(f, "computed"))};
        mc_q *val[2] = {&vp, &vc};
        for (int k = 0; k < 2 && st == MC_OK; k++) {
            v.play.no_mask = votes_mask(which[k] ? which[k] : "");
            if ((st = mc_pr_evaluate(p, &v.play, &e, err)) == MC_OK) {
                mc_q_set_i64(val[k], 0);
                for (unsigned j = 0; j < p->n; j++)
                    if (p->agents.agent_of[j] == agent)
                        mc_q_add(val[k], val[k], &e.eu[j]);
            }
        }
        mc_pr_eval_clear(&e);
    } else if (st == MC_OK) {
        /* re-derive the two children from the text of the actions */
        mc_pr_view v;
        mc_pr_view_state(&g, state, &v);
        const char *which[2] = {json_string_value(json_object_get(f, "prescribed")),
                                json_string_value(json_object_get(f, "computed"))};
        mc_q *val[2] = {&vp, &vc};
        for (int k = 0; k < 2 && st == MC_OK; k++) {
            uint64_t child = UINT64_MAX;
            uint32_t na = v.where == MC_PR_AT_ROOT ? mc_pr_root_nactions(&g)
                                                   : mc_pr_raise_nactions(&g, v.mover);
            for (uint32_t a = 0; a < na && child == UINT64_MAX; a++) {
                char buf[160];
                int64_t d[MC_PR_MAX_N];
                unsigned w;
                if (v.where == MC_PR_AT_ROOT) {
                    mc_pr_root_decode(&g, a, &w, d);
                    mc_pr_fmt_root(buf, sizeof buf, p, w, d);
                } else {
                    mc_pr_raise_decode(&g, v.mover, a, d);
                    mc_pr_fmt_raise(buf, sizeof buf, p->n, v.mover, d);
                }
                if (which[k] && !strcmp(buf, which[k]))
                    child = a;
            }
            if (child == UINT64_MAX)
                st = mc_error_set(err, MC_EINTERNAL, "recheck: action '%s' not found",
                                  which[k] ? which[k] : "?");
            else
                st = child_value(&g, state, child, agent, val[k], err);
        }
    }
    if (st == MC_OK) {
        mc_q_sub(&gap, &vc, &vp);
        if (!mc_q_eq(&gap, &want) || mc_q_sgn(&gap) <= 0) {
            char a[128], b[128];
            mc_q_snprint(a, sizeof a, &gap);
            mc_q_snprint(b, sizeof b, &want);
            st = mc_error_set(err, MC_EINTERNAL,
                              "recheck of Lemma %d at [%s]: gap %s (explicit coins, no memo) "
                              "versus %s in the witness",
                              lemma, json_string_value(json_object_get(f, "node")), a, b);
        }
    }
    mc_q_clear(&want);
    mc_q_clear(&vp);
    mc_q_clear(&vc);
    mc_q_clear(&gap);
    free(state);
    mc_game_destroy(&g);
    mc_pr_params_clear(&q);
    return st;
}

/* ---- against the explicit-coin audit ------------------------------------------------- */

static mc_status coin_audit(const mc_instance *in, const mc_pr_audit **a, mc_error *err)
{
    mc_instance copy;
    mc_status st = mc_instance_copy(&copy, in, err);
    if (st != MC_OK)
        return st;
    json_object_set_new(copy.params, "leaves", json_string("chance"));
    st = mc_pr_run_get(&copy, NULL, a, err);
    mc_instance_free(&copy);
    return st;
}

static mc_status same_q(const json_t *w, const mc_q *q, const char *what, mc_error *err)
{
    mc_q x = MC_Q_ZERO;
    mc_status st = MC_OK;
    if (!json_q(w, &x) || !mc_q_eq(&x, q)) {
        char b[128];
        mc_q_snprint(b, sizeof b, q);
        st = mc_error_set(err, MC_EINTERNAL, "recheck: %s is %s with explicit coins, not %s",
                          what, b, json_is_string(w) ? json_string_value(w) : "?");
    }
    mc_q_clear(&x);
    return st;
}

mc_status mc_pr_recheck_outcome(const mc_instance *in, const mc_claim_result *res, mc_error *err)
{
    const json_t *eq = json_object_get(res->witness, "equilibrium");
    if (!eq)
        return MC_OK;
    const mc_pr_audit *a;
    mc_status st = coin_audit(in, &a, err);
    if (st != MC_OK)
        return st;
    st = same_q(json_object_get(eq, "expected_revenue"), &a->eval.revenue, "the revenue", err);
    const json_t *u = json_object_get(eq, "expected_utilities");
    for (unsigned j = 0; j < a->p.n && st == MC_OK; j++) {
        st = same_q(json_array_get(u, j), &a->eval.eu[j], "a utility", err);
        if (st == MC_OK)
            st = same_q(json_array_get(u, j), &a->value[j], "a root value", err);
    }
    mc_pr_run_release(a);
    return st;
}

mc_status mc_pr_recheck_lemma(const mc_instance *in, const mc_claim_result *res, mc_error *err)
{
    mc_pr_params p;
    mc_pr_params_init(&p);
    mc_status st = mc_pr_params_from_instance(in, &p, err);
    if (st == MC_OK && res->verdict == MC_FAILS) {
        size_t i;
        const json_t *f;
        json_array_foreach (json_object_get(res->witness, "findings"), i, f) {
            if (json_is_true(json_object_get(f, "cap_affected")))
                continue;
            st = recheck_finding(&p, f, err); /* the first clean finding */
            break;
        }
    }
    const mc_pr_audit *a = NULL;
    if (st == MC_OK)
        st = coin_audit(in, &a, err);
    if (st == MC_OK) {
        const json_t *nodes = json_object_get(res->witness, "nodes");
        json_int_t lemma = json_integer_value(json_object_get(res->witness, "lemma"));
        if (nodes && (lemma == 1 || lemma == 2)) { /* the same counts with explicit coins */
            const pr_tally *t = lemma == 1 ? &a->l1 : &a->l2;
            if ((uint64_t)json_integer_value(json_object_get(nodes, "nodes")) != t->nodes ||
                (uint64_t)json_integer_value(json_object_get(nodes, "failures")) != t->failures ||
                (uint64_t)json_integer_value(json_object_get(nodes, "agree")) != t->agree)
                st = mc_error_set(err, MC_EINTERNAL,
                                  "recheck: with explicit coins the audit counts %llu nodes, %llu "
                                  "agreeing, %llu failures",
                                  (unsigned long long)t->nodes, (unsigned long long)t->agree,
                                  (unsigned long long)t->failures);
        }
        mc_pr_run_release(a);
    }
    mc_pr_params_clear(&p);
    return st;
}
