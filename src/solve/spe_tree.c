/* Backward induction on an explicit tree in one reverse-preorder scan.
 *
 * In reverse preorder every child is finished before its parent, and the
 * values of a node's children sit on top of a value stack, first child on
 * top.  A node pops its children's vectors and pushes its own: no recursion,
 * no per-node allocation, sequential memory access. */
#include <stdlib.h>
#include <string.h>

#include "spe_internal.h"
#include "util/big_alloc.h"

typedef struct {
    mc_q *v;        /* vectors of nplayers entries */
    size_t n, cap;  /* in vectors */
    unsigned np;
} value_stack;

static mc_q *slot(value_stack *s, size_t i)
{
    return &s->v[i * s->np];
}

static bool stack_reserve(value_stack *s, size_t n)
{
    if (n <= s->cap)
        return true;
    size_t cap = s->cap ? s->cap * 2 : 256;
    while (cap < n)
        cap *= 2;
    mc_q *v = realloc(s->v, cap * s->np * sizeof *v);
    if (!v)
        return false;
    mc_q_init_vec(v + s->cap * s->np, (cap - s->cap) * s->np);
    s->v = v;
    s->cap = cap;
    return true;
}

static void stack_free(value_stack *s)
{
    mc_q_clear_vec(s->v, s->cap * s->np);
    free(s->v);
}

/* Fills the movers of a decision or simultaneous node. */
static void tree_node(const mc_tree *t, uint32_t v, mc_node *node)
{
    node->kind = MC_NODE_DECISION;
    if (t->kind[v] == MC_TNODE_DECISION) {
        const mc_tree_infoset *is = &t->infosets[t->ref[v]];
        node->nmovers = 1;
        node->mover[0] = is->player;
        node->nactions[0] = is->nactions;
        node->infoset[0] = MC_INFOSET_SINGLETON;
        return;
    }
    const mc_tree_simul *s = &t->simuls[t->ref[v]];
    node->nmovers = s->nmovers;
    for (uint32_t m = 0; m < s->nmovers; m++) {
        const mc_tree_infoset *is = &t->infosets[t->simul_infosets[s->movers + m]];
        node->mover[m] = is->player;
        node->nactions[m] = is->nactions;
        node->infoset[m] = MC_INFOSET_SINGLETON;
    }
}

static mc_status imperfect(const mc_tree *t, mc_error *err)
{
    for (uint32_t i = 0; i < t->ninfosets; i++)
        if (t->infosets[i].nnodes > 1)
            return mc_error_set(err, MC_EUNSUPPORTED,
                                "backward induction does not apply: information set %u of "
                                "player %u holds %u nodes (imperfect information); use the "
                                "dominance or maximin tools",
                                mc_tree_infoset_number(t, i) ? mc_tree_infoset_number(t, i) : i + 1,
                                t->infosets[i].player + 1, t->infosets[i].nnodes);
    return mc_error_set(err, MC_EINTERNAL, "tree: inconsistent perfect-information flag");
}

typedef struct {
    const mc_tree *t;
    const mc_spe_options *o;
    mc_spe_result *r;
    value_stack stk;
    mc_decider dec;
    mc_node node;
    mc_q acc;
    mc_q pay[MC_MAX_PLAYERS]; /* an inner outcome's payoffs (compact store) */
    mc_error *err;
} tree_solver;

static mc_status decide_node(tree_solver *s, uint32_t v, uint32_t k)
{
    size_t top = s->stk.n;
    mc_children cv = {slot(&s->stk, top - 1), -(ptrdiff_t)s->stk.np};
    mc_decision d;
    mc_status st = MC_OK;
    unsigned agent = MC_MAX_PLAYERS, player = 0;
    if (s->t->kind[v] == MC_TNODE_DECISION) {
        player = s->t->infosets[s->t->ref[v]].player;
        agent = s->r->agents.agent_of[player];
    }
    if (agent < MC_MAX_PLAYERS && s->dec.nmembers[agent] == 1) {
        mc_argmax_coord(cv, k, agent, player, &d); /* one player alone: no stage, no sums */
    } else {
        tree_node(s->t, v, &s->node);
        if ((st = mc_decide(&s->dec, &s->node, cv, &d, s->err)) != MC_OK)
            return st;
    }
    if (!d.single && d.cls > MC_STAGE_IESDS_ONLY && s->o->resolve == MC_RESOLVE_ABORT)
        return mc_error_set(s->err, MC_EUNSUPPORTED,
                            "node %u: the stage game is not dominance solvable (%s)", v + 1,
                            mc_stage_class_name(d.cls));
    if ((!d.single || d.ntied > 1) &&
        (st = spe_note_decision(s->r, &d, v, NULL, 0, mc_child(cv, d.chosen), s->o->max_records,
                                s->err)) != MC_OK)
        return st;
    s->r->tree_choice[v] = (uint32_t)d.chosen;
    /* the chosen vector replaces the children's block */
    size_t base = top - k, from = top - 1 - d.chosen;
    if (from != base)
        for (unsigned p = 0; p < s->stk.np; p++)
            mc_q_swap(&slot(&s->stk, base)[p], &slot(&s->stk, from)[p]);
    s->stk.n = base + 1;
    return MC_OK;
}

static void chance_node(tree_solver *s, uint32_t v, uint32_t k)
{
    const mc_tree_chance *ch = &s->t->chances[s->t->ref[v]];
    size_t top = s->stk.n, base = top - k;
    for (unsigned p = 0; p < s->stk.np; p++) {
        mc_q_set_i64(&s->acc, 0);
        for (uint32_t c = 0; c < k; c++)
            mc_q_addmul(&s->acc, &s->t->probs[ch->probs + c], &slot(&s->stk, top - 1 - c)[p]);
        mc_q_swap(&slot(&s->stk, base)[p], &s->acc);
    }
    s->stk.n = base + 1;
}

static mc_status scan(tree_solver *s)
{
    const mc_tree *t = s->t;
    unsigned np = t->nplayers;
    double deadline = s->o->timeout > 0 ? spe_now() + s->o->timeout : 0;
    for (uint32_t v = t->nnodes; v-- > 0;) {
        if ((v & 0xffff) == 0 && deadline && spe_now() > deadline)
            return mc_error_set(s->err, MC_ELIMIT, "timeout of %g s reached after %llu nodes",
                                s->o->timeout, (unsigned long long)s->r->nodes);
        if (s->o->max_nodes && s->r->nodes >= s->o->max_nodes)
            return mc_error_set(s->err, MC_ELIMIT, "node limit %llu reached",
                                (unsigned long long)s->o->max_nodes);
        s->r->nodes++;
        s->r->tree_choice[v] = UINT32_MAX; /* decision nodes overwrite it */
        uint32_t k = mc_tree_nchildren(t, v);
        uint32_t oc = t->outcome[v];
        mc_status st = MC_OK;
        if (t->kind[v] == MC_TNODE_TERMINAL) {
            if (!stack_reserve(&s->stk, s->stk.n + 1))
                return mc_error_set(s->err, MC_ENOMEM, "out of memory at node %u", v + 1);
            mc_q *top = slot(&s->stk, s->stk.n++);
            if (oc == MC_TREE_NONE)
                for (unsigned p = 0; p < np; p++)
                    mc_q_set_i64(&top[p], 0);
            else if (t->payoffs_i32) /* compact integer payoffs: no mc_q copy */
                for (unsigned p = 0; p < np; p++)
                    mc_q_set_i64(&top[p], t->payoffs_i32[(size_t)oc * np + p]);
            else
                for (unsigned p = 0; p < np; p++)
                    mc_q_set(&top[p], &t->payoffs[(size_t)oc * np + p]);
            continue;
        }
        switch (t->kind[v]) {
        case MC_TNODE_CHANCE:
            chance_node(s, v, k);
            break;
        default:
            st = decide_node(s, v, k);
        }
        if (st != MC_OK)
            return st;
        if (oc != MC_TREE_NONE) { /* an outcome at an inner node adds to everything below */
            const mc_q *pay = mc_tree_outcome_payoffs(t, oc, s->pay);
            for (unsigned p = 0; p < np; p++)
                mc_q_add(&slot(&s->stk, s->stk.n - 1)[p], &slot(&s->stk, s->stk.n - 1)[p],
                         &pay[p]);
        }
    }
    return MC_OK;
}

mc_status mc_spe_solve_tree(const mc_tree *t, const mc_spe_options *o, mc_spe_result *r,
                            mc_error *err)
{
    mc_spe_options defaults;
    double start = spe_now();
    mc_status st = spe_result_init(r, t->nplayers, &o, &defaults, err);
    if (st != MC_OK)
        return st;
    if (!t->finished) {
        st = mc_error_set(err, MC_EINTERNAL, "backward induction needs a finished tree");
        goto fail;
    }
    if (!t->perfect_information) {
        st = imperfect(t, err);
        goto fail;
    }
    r->tree_choice = mc_big_alloc((size_t)t->nnodes * sizeof *r->tree_choice);
    r->tree_nodes = r->tree_choice ? t->nnodes : 0;
    if (!r->tree_choice) {
        st = mc_error_set(err, MC_ENOMEM, "out of memory for the strategy of %u nodes",
                          t->nnodes);
        goto fail;
    }
    tree_solver s = {.t = t, .o = o, .r = r, .err = err, .acc = MC_Q_ZERO};
    mc_q_init_vec(s.pay, t->nplayers);
    s.stk.np = t->nplayers;
    mc_decider_init(&s.dec, &r->agents, t->nplayers);
    memset(&s.node, 0, sizeof s.node);
    st = scan(&s);
    if (st == MC_OK)
        for (unsigned p = 0; p < t->nplayers; p++)
            mc_q_set(&r->value[p], &slot(&s.stk, 0)[p]);
    else
        r->complete = false;
    mc_decider_free(&s.dec);
    stack_free(&s.stk);
    mc_q_clear(&s.acc);
    mc_q_clear_vec(s.pay, t->nplayers);
    r->distinct = r->nodes;
    r->seconds = spe_now() - start;
    if (st == MC_OK || st == MC_ELIMIT)
        return st;
fail:
    mc_spe_result_free(r);
    return st;
}
