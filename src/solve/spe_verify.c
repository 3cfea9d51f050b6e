/* The witness of backward induction, re-checked independently: the strategy
 * profile is re-evaluated from the payoffs by a plain recursion (its own
 * memo, its own arithmetic) and every node is tested for a profitable
 * one-shot deviation -- by the one-shot deviation principle, no such
 * deviation anywhere means the profile is subgame perfect. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <uthash.h>

#include "spe_internal.h"

uint64_t mc_spe_choice(const mc_spe_result *r, const mc_game *g, const void *state)
{
    if (r->tree_choice) {
        uint32_t v;
        memcpy(&v, state, sizeof v);
        return r->tree_choice[v] == UINT32_MAX ? UINT64_MAX : r->tree_choice[v];
    }
    if (!r->memo || !g->ops->key)
        return UINT64_MAX;
    unsigned char key[512];
    unsigned char *kb = g->key_size <= sizeof key ? key : malloc(g->key_size);
    mc_q *offset = malloc(g->nplayers * sizeof *offset);
    uint64_t choice = UINT64_MAX;
    if (kb && offset) {
        mc_q_init_vec(offset, g->nplayers);
        size_t len = g->ops->key(g, state, kb, offset);
        spe_memo_entry *e = len ? spe_memo_find(r->memo, kb, len) : NULL;
        if (e)
            choice = spe_memo_choice(e);
        mc_q_clear_vec(offset, g->nplayers);
    }
    if (kb != key)
        free(kb);
    free(offset);
    return choice;
}

/* ---- running deep recursions ---------------------------------------------- */

typedef struct {
    mc_status (*fn)(void *);
    void *arg;
    mc_status st;
} thread_job;

static void *thread_main(void *p)
{
    thread_job *j = p;
    j->st = j->fn(j->arg);
    return NULL;
}

/* Runs fn on a thread with a 1 GiB stack (reserved, touched only as deep as
 * the game goes), so recursion over deep trees cannot overflow. */
static mc_status with_big_stack(mc_status (*fn)(void *), void *arg)
{
    thread_job j = {fn, arg, MC_OK};
    pthread_attr_t attr;
    pthread_t th;
    if (pthread_attr_init(&attr) != 0)
        return fn(arg);
    pthread_attr_setstacksize(&attr, (size_t)1 << 30);
    if (pthread_create(&th, &attr, thread_main, &j) != 0) {
        pthread_attr_destroy(&attr);
        return fn(arg);
    }
    pthread_join(th, NULL);
    pthread_attr_destroy(&attr);
    return j.st;
}

/* ---- verification ---------------------------------------------------------- */

typedef struct seen_entry {
    UT_hash_handle hh;
    mc_q *value; /* normalised by the key's offset */
    unsigned char key[];
} seen_entry;

/* Scratch for one depth, reused by every node at that depth. */
typedef struct {
    mc_node node;
    mc_q *offset;          /* nplayers */
    unsigned char *key;
    unsigned char *child;  /* a child's state */
    mc_q *cv;              /* children's values */
    size_t cv_cap;
} level;

typedef struct {
    const mc_game *g;
    const mc_spe_result *r;
    bool strict;
    bool memo;             /* keys can repeat: remember verified subgames */
    seen_entry *seen;
    uint64_t checked;
    level *levels;
    size_t nlevels;
    mc_error *err;
} verifier;

static level *level_at(verifier *vf, uint32_t depth)
{
    if (depth >= vf->nlevels) {
        size_t n = vf->nlevels ? vf->nlevels * 2 : 64;
        while (n <= depth)
            n *= 2;
        level *l = realloc(vf->levels, n * sizeof *l);
        if (!l)
            return NULL;
        memset(l + vf->nlevels, 0, (n - vf->nlevels) * sizeof *l);
        vf->levels = l;
        vf->nlevels = n;
    }
    level *l = &vf->levels[depth];
    if (!l->offset) {
        unsigned np = vf->g->nplayers;
        l->offset = malloc(np * sizeof *l->offset);
        l->key = malloc(vf->g->key_size ? vf->g->key_size : 1);
        l->child = malloc(vf->g->state_size);
        if (!l->offset || !l->key || !l->child || mc_node_init(&l->node, np) != MC_OK)
            return NULL;
        mc_q_init_vec(l->offset, np);
    }
    return l;
}

static void free_levels(verifier *vf)
{
    unsigned np = vf->g->nplayers;
    for (size_t d = 0; d < vf->nlevels; d++) {
        level *l = &vf->levels[d];
        if (l->offset)
            mc_q_clear_vec(l->offset, np);
        free(l->offset);
        free(l->key);
        free(l->child);
        if (l->node.payoff_buf)
            mc_node_free(&l->node);
        mc_q_clear_vec(l->cv, l->cv_cap);
        free(l->cv);
    }
    free(vf->levels);
}

static mc_status verify_state(verifier *vf, const void *state, uint32_t depth, mc_q *out);

static void agent_sum(const mc_agents *a, unsigned agent, const mc_q *v, mc_q *r)
{
    mc_q_set_i64(r, 0);
    for (unsigned p = 0; p < a->nplayers; p++)
        if (a->agent_of[p] == agent)
            mc_q_add(r, r, &v[p]);
}

static mc_status deviation_error(verifier *vf, const void *state, unsigned agent,
                                 uint64_t chosen, uint64_t alt, const mc_q *gain, bool weak)
{
    char where[256] = "", gbuf[128];
    if (vf->g->ops->describe)
        vf->g->ops->describe(vf->g, state, where, sizeof where);
    mc_q_snprint(gbuf, sizeof gbuf, gain);
    return mc_error_set(vf->err, MC_EINPUT,
                        "witness rejected at node %s: agent %u %s by deviating from child %llu "
                        "to child %llu (gain %s)",
                        where, agent + 1, weak ? "loses nothing" : "gains", (unsigned long long)chosen + 1,
                        (unsigned long long)alt + 1, gbuf);
}

/* Checks the choice at a decision node against one-shot deviations.
 * cv: all children's values under the profile. */
static mc_status check_node(verifier *vf, const void *state, const mc_node *n, uint64_t chosen,
                            const mc_q *cv)
{
    const mc_agents *a = &vf->r->agents;
    unsigned np = vf->g->nplayers;
    uint32_t ch[MC_MAX_MOVERS], alt[MC_MAX_MOVERS];
    mc_node_choice_of(n, chosen, ch);
    mc_q mine = MC_Q_ZERO, other = MC_Q_ZERO, gain = MC_Q_ZERO;
    mc_status st = MC_OK;
    bool done_agent[MC_MAX_PLAYERS] = {false};
    for (unsigned m0 = 0; m0 < n->nmovers && st == MC_OK; m0++) {
        unsigned ag = a->agent_of[n->mover[m0]];
        if (done_agent[ag])
            continue;
        done_agent[ag] = true;
        /* every joint deviation of this agent's movers, others as chosen */
        uint64_t k = mc_node_nchildren(n);
        for (uint64_t c = 0; c < k && st == MC_OK; c++) {
            mc_node_choice_of(n, c, alt);
            bool same_others = true, differs = false;
            for (unsigned m = 0; m < n->nmovers; m++) {
                bool own = a->agent_of[n->mover[m]] == ag;
                if (!own && alt[m] != ch[m])
                    same_others = false;
                if (own && alt[m] != ch[m])
                    differs = true;
            }
            if (!same_others || !differs)
                continue;
            agent_sum(a, ag, &cv[chosen * np], &mine);
            agent_sum(a, ag, &cv[c * np], &other);
            mc_q_sub(&gain, &other, &mine);
            int s = mc_q_sgn(&gain);
            if (s > 0 || (vf->strict && s == 0))
                st = deviation_error(vf, state, ag, chosen, c, &gain, s == 0);
        }
        if (st != MC_OK || !vf->strict)
            continue;
        /* strict: the chosen joint action must beat every alternative against
         * every profile of the other agents (strict dominance) */
        for (uint64_t c = 0; c < k && st == MC_OK; c++) {
            mc_node_choice_of(n, c, alt);
            bool own_as_chosen = true;
            for (unsigned m = 0; m < n->nmovers; m++)
                if (a->agent_of[n->mover[m]] == ag && alt[m] != ch[m])
                    own_as_chosen = false;
            if (!own_as_chosen)
                continue;
            /* alt has the chosen own action against some others' profile;
             * compare with every own deviation against the same profile */
            for (uint64_t d = 0; d < k && st == MC_OK; d++) {
                uint32_t dv[MC_MAX_MOVERS];
                mc_node_choice_of(n, d, dv);
                bool same_others = true, differs = false;
                for (unsigned m = 0; m < n->nmovers; m++) {
                    bool own = a->agent_of[n->mover[m]] == ag;
                    if (!own && dv[m] != alt[m])
                        same_others = false;
                    if (own && dv[m] != alt[m])
                        differs = true;
                }
                if (!same_others || !differs)
                    continue;
                agent_sum(a, ag, &cv[c * np], &mine);
                agent_sum(a, ag, &cv[d * np], &other);
                mc_q_sub(&gain, &other, &mine);
                if (mc_q_sgn(&gain) >= 0)
                    st = deviation_error(vf, state, ag, c, d, &gain, mc_q_sgn(&gain) == 0);
            }
        }
    }
    mc_q_clear(&mine);
    mc_q_clear(&other);
    mc_q_clear(&gain);
    return st;
}

static mc_status verify_expanded(verifier *vf, const void *state, level *l, uint32_t depth,
                                 mc_q *out)
{
    const mc_game *g = vf->g;
    unsigned np = g->nplayers;
    const mc_node *n = &l->node;
    uint64_t k = mc_node_nchildren(n);
    if ((size_t)k * np > l->cv_cap) {
        mc_q *cv = realloc(l->cv, (size_t)k * np * sizeof *cv);
        if (!cv)
            return mc_error_set(vf->err, MC_ENOMEM, "verify: out of memory");
        mc_q_init_vec(cv + l->cv_cap, (size_t)k * np - l->cv_cap);
        l->cv = cv;
        l->cv_cap = (size_t)k * np;
    }
    uint32_t choice[MC_MAX_MOVERS];
    for (uint64_t c = 0; c < k; c++) {
        mc_node_choice_of(n, c, choice);
        g->ops->child(g, state, n, choice, l->child);
        mc_status st = verify_state(vf, l->child, depth + 1, &l->cv[c * np]);
        if (st != MC_OK)
            return st;
    }
    if (n->kind == MC_NODE_CHANCE) {
        for (unsigned p = 0; p < np; p++) {
            mc_q_set_i64(&out[p], 0);
            for (uint64_t c = 0; c < k; c++)
                mc_q_addmul(&out[p], &n->prob[c], &l->cv[c * np + p]);
        }
        return MC_OK;
    }
    uint64_t chosen = mc_spe_choice(vf->r, g, state);
    if (chosen >= k)
        return mc_error_set(vf->err, MC_EINPUT, "witness has no valid choice at depth %u", depth);
    mc_status st = check_node(vf, state, n, chosen, l->cv);
    if (st == MC_OK)
        for (unsigned p = 0; p < np; p++)
            mc_q_set(&out[p], &l->cv[chosen * np + p]);
    return st;
}

static mc_status remember(verifier *vf, const level *l, size_t len, const mc_q *value)
{
    unsigned np = vf->g->nplayers;
    seen_entry *e = malloc(sizeof *e + len);
    mc_q *val = malloc(np * sizeof *val);
    if (!e || !val) {
        free(e);
        free(val);
        return mc_error_set(vf->err, MC_ENOMEM, "verify: out of memory");
    }
    mc_q_init_vec(val, np);
    for (unsigned p = 0; p < np; p++)
        mc_q_sub(&val[p], &value[p], &l->offset[p]);
    e->value = val;
    memcpy(e->key, l->key, len);
    HASH_ADD(hh, vf->seen, key, len, e);
    return MC_OK;
}

static mc_status verify_state(verifier *vf, const void *state, uint32_t depth, mc_q *out)
{
    const mc_game *g = vf->g;
    unsigned np = g->nplayers;
    level *l = level_at(vf, depth);
    if (!l)
        return mc_error_set(vf->err, MC_ENOMEM, "verify: out of memory");
    size_t len = vf->memo ? g->ops->key(g, state, l->key, l->offset) : 0;
    if (len) {
        seen_entry *e;
        HASH_FIND(hh, vf->seen, l->key, len, e);
        if (e) {
            for (unsigned p = 0; p < np; p++)
                mc_q_add(&out[p], &e->value[p], &l->offset[p]);
            return MC_OK;
        }
    }
    mc_status st = g->ops->expand(g, state, &l->node, vf->err);
    if (st != MC_OK)
        return st;
    vf->checked++;
    if (l->node.kind == MC_NODE_TERMINAL) {
        for (unsigned p = 0; p < np; p++)
            mc_q_set(&out[p], &l->node.payoff[p]);
        return MC_OK;
    }
    if ((st = verify_expanded(vf, state, l, depth, out)) != MC_OK)
        return st;
    /* verify_expanded reused deeper levels only: l->node is still ours */
    if (l->node.payoff)
        for (unsigned p = 0; p < np; p++)
            mc_q_add(&out[p], &out[p], &l->node.payoff[p]);
    return len ? remember(vf, l, len, out) : MC_OK;
}

typedef struct {
    verifier *vf;
    mc_q *root;
} verify_job;

static mc_status verify_root(void *p)
{
    verify_job *j = p;
    const mc_game *g = j->vf->g;
    unsigned char *state = malloc(g->state_size);
    if (!state)
        return mc_error_set(j->vf->err, MC_ENOMEM, "verify: out of memory");
    g->ops->root(g, state);
    mc_status st = verify_state(j->vf, state, 0, j->root);
    free(state);
    return st;
}

mc_status mc_spe_verify(const mc_game *g, const mc_spe_result *r, bool strict, mc_error *err)
{
    if (!r->complete)
        return mc_error_set(err, MC_EINPUT, "witness is incomplete (a limit stopped the solver)");
    verifier vf = {.g = g, .r = r, .strict = strict, .err = err};
    vf.memo = g->ops->key && !g->unique_keys;
    mc_q *root = malloc(g->nplayers * sizeof *root);
    if (!root)
        return mc_error_set(err, MC_ENOMEM, "verify: out of memory");
    mc_q_init_vec(root, g->nplayers);
    verify_job job = {&vf, root};
    mc_status st = with_big_stack(verify_root, &job);
    for (unsigned p = 0; st == MC_OK && p < g->nplayers; p++)
        if (!mc_q_eq(&root[p], &r->value[p])) {
            char a[128], b[128];
            mc_q_snprint(a, sizeof a, &root[p]);
            mc_q_snprint(b, sizeof b, &r->value[p]);
            st = mc_error_set(err, MC_EINPUT,
                              "witness rejected: re-evaluated root value of player %u is %s, "
                              "the solver reported %s",
                              p + 1, a, b);
        }
    seen_entry *e, *tmp;
    HASH_ITER(hh, vf.seen, e, tmp)
    {
        HASH_DEL(vf.seen, e);
        mc_q_clear_vec(e->value, g->nplayers);
        free(e->value);
        free(e);
    }
    free_levels(&vf);
    mc_q_clear_vec(root, g->nplayers);
    free(root);
    return st;
}
