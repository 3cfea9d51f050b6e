/* The audit behind the perfect-revenue claims: one memoised backward
 * induction over mechanism M whose observer compares every distinct node
 * (on and off the equilibrium path) with Lemma 1 (vote nodes), Lemma 2
 * (raise nodes) and Lemma 3 (the root), then the equilibrium play re-run
 * through the literal evaluation of the mechanism. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim/perfect_revenue_audit.h"

typedef struct audit_ctx {
    mc_pr_audit *a;
    mc_q *val;            /* per child: the acting block's value */
    size_t cap;
    mc_q t, best;
} audit_ctx;

bool mc_pr_subgame_clean(const mc_pr_params *p, unsigned omega, unsigned i, const int64_t *c)
{
    int64_t d[MC_PR_MAX_N];
    for (unsigned s = i; s < p->n; s++) {
        mc_pr_lemma2_raise(p, omega, s, c, d);
        for (unsigned j = 0; j < p->n; j++)
            if (d[j] > (int64_t)p->cap_d[s][j])
                return false;
    }
    return true;
}

static void block_value(const mc_pr_params *p, unsigned agent, const mc_q *v, mc_q *out)
{
    mc_q_set_i64(out, 0);
    for (unsigned j = 0; j < p->n; j++)
        if (p->agents.agent_of[j] == agent)
            mc_q_add(out, out, &v[j]);
}

static unsigned first_member(const mc_pr_params *p, unsigned agent)
{
    unsigned j = 0;
    while (p->agents.agent_of[j] != agent)
        j++;
    return j;
}

static mc_status ensure(audit_ctx *x, size_t k, mc_error *err)
{
    if (k <= x->cap)
        return MC_OK;
    mc_q *v = realloc(x->val, k * sizeof *v);
    if (!v)
        return mc_error_set(err, MC_ENOMEM, "perfect-revenue audit: out of memory");
    mc_q_init_vec(v + x->cap, k - x->cap);
    x->val = v;
    x->cap = k;
    return MC_OK;
}

static void fill_values(audit_ctx *x, unsigned agent, const mc_q *const *cv, uint64_t k)
{
    for (uint64_t c = 0; c < k; c++)
        block_value(&x->a->p, agent, cv[c], &x->val[c]);
}

/* Keeps a finding: clean failures displace cap-affected ones. */
static pr_finding *keep(pr_tally *t, bool cap_affected)
{
    if (t->nkept < PR_KEEP) {
        pr_finding *f = &t->kept[t->nkept++];
        f->v_prescribed = f->v_computed = f->gap = f->v_base = f->v_alt = MC_Q_ZERO;
        f->frag = NULL;
        return f;
    }
    if (cap_affected)
        return NULL;
    for (uint32_t i = t->nkept; i-- > 0;)
        if (t->kept[i].cap_affected)
            return &t->kept[i];
    return NULL;
}

static pr_finding *note_finding(const mc_game *g, pr_tally *t, const void *state, const uint32_t *history,
                         uint32_t depth, unsigned lemma, const char *kind, bool cap_affected,
                         unsigned step, unsigned agent_first, const char *prescribed,
                         const char *computed, const mc_q *vp, const mc_q *vc, const char *detail)
{
    pr_finding *f = keep(t, cap_affected);
    if (!f)
        return NULL;
    f->lemma = lemma;
    f->kind = kind;
    f->cap_affected = cap_affected;
    f->step = step;
    f->agent_first = agent_first;
    g->ops->describe(g, state, f->where, sizeof f->where);
    f->depth = depth < MC_PR_MAX_N + 2 ? depth : MC_PR_MAX_N + 2;
    if (f->depth)
        memcpy(f->history, history, f->depth * sizeof *history);
    snprintf(f->prescribed, sizeof f->prescribed, "%s", prescribed);
    snprintf(f->computed, sizeof f->computed, "%s", computed);
    mc_q_set(&f->v_prescribed, vp ? vp : &MC_Q_ZERO);
    mc_q_set(&f->v_computed, vc ? vc : &MC_Q_ZERO);
    mc_q_sub(&f->gap, &f->v_computed, &f->v_prescribed);
    snprintf(f->detail, sizeof f->detail, "%s", detail ? detail : "");
    f->child_prescribed = f->child_computed = f->child_base = f->child_alt = UINT64_MAX;
    f->alt_first = 0;
    mc_q_set_i64(&f->v_base, 0);
    mc_q_set_i64(&f->v_alt, 0);
    return f;
}

/* A tie at a single-agent node: the first tied action other than the
 * chosen one, as good as it. */
static void note_tie(pr_finding *f, const mc_spe_decision *d, const mc_q *val, unsigned first)
{
    if (!f)
        return;
    f->child_computed = d->chosen;
    for (uint32_t s = 0; s < d->ntied && s < MC_SPE_SHOW; s++)
        if (d->tied[s] != d->chosen) {
            f->child_base = d->chosen;
            f->child_alt = d->tied[s];
            f->alt_first = first;
            mc_q_set(&f->v_base, &val[d->chosen]);
            mc_q_set(&f->v_alt, &val[d->tied[s]]);
            return;
        }
}

static void note_margin(const mc_game *g, pr_tally *t, const void *state, const mc_q *margin)
{
    if (t->have_margin && mc_q_cmp(margin, &t->min_margin) >= 0)
        return;
    if (!t->have_margin)
        t->min_margin = MC_Q_ZERO;
    t->have_margin = true;
    mc_q_set(&t->min_margin, margin);
    g->ops->describe(g, state, t->margin_where, sizeof t->margin_where);
}

/* ---- raise nodes: Lemma 2 -------------------------------------------------- */

static mc_status audit_raise(audit_ctx *x, const mc_game *g, const void *state,
                             const mc_pr_view *v, const mc_node *node, const mc_q *const *cv,
                             const mc_spe_decision *d, const uint32_t *history, uint32_t depth,
                             mc_error *err)
{
    mc_pr_audit *a = x->a;
    const mc_pr_params *p = &a->p;
    pr_tally *t = &a->l2;
    unsigned i = v->mover, agent = p->agents.agent_of[i];
    uint64_t k = node->nactions[0];
    mc_status st = ensure(x, k, err);
    if (st != MC_OK)
        return st;
    int64_t presc[MC_PR_MAX_N], comp[MC_PR_MAX_N];
    mc_pr_lemma2_raise(p, v->omega, i, v->c, presc);
    uint32_t pidx = mc_pr_raise_encode(g, i, presc);
    bool clean = mc_pr_subgame_clean(p, v->omega, i, v->c);
    t->nodes++;
    if (pidx == UINT32_MAX)
        t->unrepresentable++;
    if (clean)
        t->clean++;
    fill_values(x, agent, cv, k);
    bool ok = d->ntied == 1 && d->chosen == pidx;
    if (ok) {
        if (!clean)
            return MC_OK;
        t->agree++;
        bool have = false;
        for (uint64_t c = 0; c < k; c++) {
            if (c == d->chosen)
                continue;
            mc_q_sub(&x->t, &x->val[d->chosen], &x->val[c]);
            if (!have || mc_q_cmp(&x->t, &x->best) < 0)
                mc_q_set(&x->best, &x->t);
            have = true;
        }
        if (have)
            note_margin(g, t, state, &x->best);
        return MC_OK;
    }
    if (pidx == UINT32_MAX && d->ntied == 1)
        return MC_OK; /* "prescription not representable": counted above */
    if (clean) {
        t->failures++;
        a->clean_ties += d->ntied > 1;
    } else {
        t->cap_affected++;
    }
    char ps[128], cs[128], detail[192] = "";
    mc_pr_raise_decode(g, i, (uint32_t)d->chosen, comp);
    if (pidx == UINT32_MAX)
        snprintf(ps, sizeof ps, "not representable");
    else
        mc_pr_fmt_raise(ps, sizeof ps, p->n, i, presc);
    mc_pr_fmt_raise(cs, sizeof cs, p->n, i, comp);
    if (d->ntied > 1) {
        size_t len = (size_t)snprintf(detail, sizeof detail, "%u actions tie:", d->ntied);
        for (uint32_t s = 0; s < d->ntied && s < MC_SPE_SHOW && len < sizeof detail; s++) {
            int64_t tie[MC_PR_MAX_N];
            char b[64];
            mc_pr_raise_decode(g, i, (uint32_t)d->tied[s], tie);
            mc_pr_fmt_raise(b, sizeof b, p->n, i, tie);
            len += (size_t)snprintf(detail + len, sizeof detail - len, " %s", b);
        }
    }
    pr_finding *f =
        note_finding(g, t, state, history, depth, 2, d->ntied > 1 ? "tie" : "mismatch", !clean,
                     v->step, first_member(p, agent), ps, cs,
                     pidx == UINT32_MAX ? NULL : &x->val[pidx], &x->val[d->chosen], detail);
    note_tie(f, d, x->val, first_member(p, agent));
    if (f)
        f->child_prescribed = pidx == UINT32_MAX ? UINT64_MAX : pidx;
    return MC_OK;
}

/* ---- vote nodes: Lemma 1 ----------------------------------------------------- */

/* The agents' values at the profile with NO set m. */
static const mc_q *at(const mc_q *const *cv, uint32_t choosers, uint32_t m)
{
    return cv[mc_pr_vote_child(choosers, m)];
}

/* Member-wise model: member j chooses alone but maximises its block's sum. */
static void member_wise(audit_ctx *x, const mc_pr_view *v, const mc_q *const *cv,
                        uint32_t presc_no)
{
    mc_pr_audit *a = x->a;
    const mc_pr_params *p = &a->p;
    uint32_t ch = v->chooser_mask;
    bool any = false, not_dom = false, mismatch = false;
    mc_q u = MC_Q_ZERO, w = MC_Q_ZERO;
    for (unsigned j = 0; j < p->n; j++) {
        unsigned agent = p->agents.agent_of[j];
        unsigned m[MC_MAX_PLAYERS];
        if (!(ch >> j & 1) || mc_agents_members(&p->agents, agent, m) < 2)
            continue;
        any = true;
        bool yes_better = true, no_better = true;
        uint32_t others = ch & ~(1u << j);
        for (uint32_t s = others;; s = (s - 1) & others) { /* every subset of the others */
            block_value(p, agent, at(cv, ch, s), &u);
            block_value(p, agent, at(cv, ch, s | 1u << j), &w);
            int c = mc_q_cmp(&u, &w);
            yes_better &= c > 0;
            no_better &= c < 0;
            if (s == 0)
                break;
        }
        if (!yes_better && !no_better)
            not_dom = true;
        else if (no_better != (bool)(presc_no >> j & 1))
            mismatch = true;
    }
    mc_q_clear(&u);
    mc_q_clear(&w);
    a->member_nodes += any;
    a->member_not_dominant += not_dom;
    a->member_mismatch += mismatch;
}

/* Against the others' votes o: another vote of agent ag (agent mask am)
 * doing at least as well as its part of comp?  Records it in f. */
static bool at_least_as_good(const mc_pr_params *p, const mc_q *const *cv, uint32_t ch,
                             uint32_t am, uint32_t comp, unsigned ag, uint32_t o, mc_q *u,
                             mc_q *w, pr_finding *f)
{
    uint32_t s = o | (comp & am);
    block_value(p, ag, at(cv, ch, s), u);
    for (uint32_t alt = am;; alt = (alt - 1) & am) {
        if (alt != (comp & am)) {
            block_value(p, ag, at(cv, ch, o | alt), w);
            if (mc_q_cmp(w, u) >= 0) {
                f->child_base = mc_pr_vote_child(ch, s);
                f->child_alt = mc_pr_vote_child(ch, o | alt);
                f->alt_first = first_member(p, ag);
                mc_q_set(&f->v_base, u);
                mc_q_set(&f->v_alt, w);
                return true;
            }
        }
        if (alt == 0)
            return false;
    }
}

/* A witness that agent ag's vote (its part of comp) is not strictly
 * dominant: votes of the others under which another vote of ag does at
 * least as well, tried first at the chosen profile itself.  False when the
 * vote is strictly dominant. */
static bool weak_alternative(const mc_pr_params *p, const mc_q *const *cv, uint32_t ch,
                             uint32_t am, uint32_t comp, unsigned ag, pr_finding *f)
{
    mc_q u = MC_Q_ZERO, w = MC_Q_ZERO;
    uint32_t others = ch & ~am;
    bool found = at_least_as_good(p, cv, ch, am, comp, ag, comp & others, &u, &w, f);
    for (uint32_t o = others; !found; o = (o - 1) & others) {
        if (o != (comp & others))
            found = at_least_as_good(p, cv, ch, am, comp, ag, o, &u, &w, f);
        if (o == 0)
            break;
    }
    mc_q_clear(&u);
    mc_q_clear(&w);
    return found;
}

static mc_status audit_vote(audit_ctx *x, const mc_game *g, const void *state,
                            const mc_pr_view *v, const mc_q *const *cv,
                            const mc_spe_decision *d, const uint32_t *history, uint32_t depth,
                            mc_error *err)
{
    (void)err;
    mc_pr_audit *a = x->a;
    const mc_pr_params *p = &a->p;
    pr_tally *t = &a->l1;
    uint32_t ch = v->chooser_mask, presc = 0;
    for (unsigned j = 0; j < p->n; j++)
        if ((ch >> j & 1) && !mc_pr_lemma1_yes(p, v->omega, v->c, v->bip, j))
            presc |= 1u << j;
    uint32_t comp = mc_pr_vote_no_mask(ch, d->chosen);
    mc_stage_class cls = d->single ? (d->ntied == 1 ? MC_STAGE_DOMINANT : MC_STAGE_MULTI_NE)
                                   : d->cls;
    t->nodes++;
    t->clean++;
    member_wise(x, v, cv, presc);
    /* the agents acting here, with their choosers */
    uint32_t amask[MC_MAX_PLAYERS] = {0};
    for (unsigned j = 0; j < p->n; j++)
        if (ch >> j & 1)
            amask[p->agents.agent_of[j]] |= 1u << j;
    if (cls == MC_STAGE_DOMINANT && comp == presc) {
        t->agree++;
        /* margin: the dominant action against every alternative of the
         * same agent, over every profile of the others */
        bool have = false;
        mc_q best = MC_Q_ZERO, u = MC_Q_ZERO, w = MC_Q_ZERO;
        for (unsigned ag = 0; ag < p->agents.nagents; ag++) {
            uint32_t am = amask[ag];
            if (!am)
                continue;
            for (uint32_t s = ch;; s = (s - 1) & ch) {
                if ((s & am) == (comp & am)) {
                    block_value(p, ag, at(cv, ch, s), &u);
                    for (uint32_t alt = am;; alt = (alt - 1) & am) {
                        if (alt != (comp & am)) {
                            block_value(p, ag, at(cv, ch, (s & ~am) | alt), &w);
                            mc_q_sub(&w, &u, &w);
                            if (!have || mc_q_cmp(&w, &best) < 0)
                                mc_q_set(&best, &w);
                            have = true;
                        }
                        if (alt == 0)
                            break;
                    }
                }
                if (s == 0)
                    break;
            }
        }
        if (have)
            note_margin(g, t, state, &best);
        mc_q_clear(&best);
        mc_q_clear(&u);
        mc_q_clear(&w);
        return MC_OK;
    }
    t->failures++;
    a->clean_ties += cls != MC_STAGE_DOMINANT;
    /* report the first agent whose choice differs (or that has no dominant
     * action), with its values at the computed and prescribed profiles */
    unsigned ag = 0;
    for (unsigned j = 0; j < p->n; j++)
        if ((ch >> j & 1) && ((comp ^ presc) >> j & 1)) {
            ag = p->agents.agent_of[j];
            break;
        }
    if (comp == presc)
        for (unsigned j = 0; j < p->n; j++)
            if (ch >> j & 1) {
                ag = p->agents.agent_of[j];
                break;
            }
    char ps[128], cs[128], detail[192];
    size_t lp = 0, lc = 0;
    for (unsigned j = 0; j < p->n; j++)
        if (ch >> j & 1) {
            lp += (size_t)snprintf(ps + lp, sizeof ps - lp, "%s%u:%s", lp ? "," : "", j + 1,
                                   presc >> j & 1 ? "NO" : "YES");
            lc += (size_t)snprintf(cs + lc, sizeof cs - lc, "%s%u:%s", lc ? "," : "", j + 1,
                                   comp >> j & 1 ? "NO" : "YES");
        }
    snprintf(detail, sizeof detail, "stage %s, %llu IESDS survivors, %llu pure NE; P* = (",
             mc_stage_class_name(cls), (unsigned long long)d->nsurvivors,
             (unsigned long long)d->nne);
    for (unsigned j = 0; j < p->n; j++) {
        size_t len = strlen(detail);
        snprintf(detail + len, sizeof detail - len, "%s%lld", j ? "," : "", (long long)v->c[j]);
    }
    size_t len = strlen(detail);
    snprintf(detail + len, sizeof detail - len, "), bip = (");
    for (unsigned j = 0; j < p->n; j++) {
        len = strlen(detail);
        snprintf(detail + len, sizeof detail - len, "%s%u", j ? "," : "", v->bip[j] + 1);
    }
    len = strlen(detail);
    snprintf(detail + len, sizeof detail - len, ")");
    mc_q vp = MC_Q_ZERO, vc = MC_Q_ZERO;
    block_value(p, ag, at(cv, ch, presc), &vp);
    block_value(p, ag, at(cv, ch, comp), &vc);
    pr_finding *f =
        note_finding(g, t, state, history, depth, 1,
                     cls != MC_STAGE_DOMINANT ? "not-dominant" : "mismatch", false, p->n + 1,
                     first_member(p, ag), ps, cs, &vp, &vc, detail);
    if (f) {
        f->child_prescribed = mc_pr_vote_child(ch, presc);
        f->child_computed = d->chosen;
        for (unsigned b = 0; b < p->agents.nagents && cls != MC_STAGE_DOMINANT; b++)
            if (amask[b] && weak_alternative(p, cv, ch, amask[b], comp, b, f))
                break;
    }
    mc_q_clear(&vp);
    mc_q_clear(&vc);
    return MC_OK;
}

/* ---- the root: Lemma 3 ---------------------------------------------------------- */

static bool root_clean(const mc_game *g, uint32_t action)
{
    const mc_pr_params *p = mc_pr_game_params(g);
    unsigned omega;
    int64_t k1[MC_PR_MAX_N], sum = 0;
    mc_pr_root_decode(g, action, &omega, k1);
    for (unsigned j = 0; j < p->n; j++)
        sum += k1[j];
    return sum == 0 || mc_pr_subgame_clean(p, omega, 1, k1);
}

static mc_status audit_root(audit_ctx *x, const mc_game *g, const void *state,
                            const mc_node *node, const mc_q *const *cv,
                            const mc_spe_decision *d, mc_error *err)
{
    mc_pr_audit *a = x->a;
    const mc_pr_params *p = &a->p;
    pr_tally *t = &a->l3;
    uint32_t k = node->nactions[0];
    unsigned agent = p->agents.agent_of[0];
    a->root = malloc(k * sizeof *a->root);
    if (!a->root)
        return mc_error_set(err, MC_ENOMEM, "perfect-revenue audit: out of memory");
    a->nroot = k;
    for (uint32_t c = 0; c < k; c++) {
        pr_root_rank *r = &a->root[c];
        r->action = c;
        r->value = r->u1 = MC_Q_ZERO;
        block_value(p, agent, cv[c], &r->value);
        mc_q_set(&r->u1, &cv[c][0]);
        if (!root_clean(g, c))
            a->root_unclean++;
    }
    /* the best few, best first (ties by action order) */
    a->nroot_order = 0;
    for (uint32_t c = 0; c < k; c++) {
        uint32_t pos = a->nroot_order;
        while (pos > 0 && mc_q_cmp(&a->root[c].value, &a->root[a->root_order[pos - 1]].value) > 0)
            pos--;
        if (pos >= 8)
            continue;
        uint32_t end = a->nroot_order < 8 ? a->nroot_order : 7;
        memmove(&a->root_order[pos + 1], &a->root_order[pos], (end - pos) * sizeof(uint32_t));
        a->root_order[pos] = c;
        if (a->nroot_order < 8)
            a->nroot_order++;
    }
    /* the best K1 for every announced state (Lemma 3' price rule) */
    for (unsigned w = 0; w < p->nstates; w++) {
        a->best_for_state[w] = UINT32_MAX;
        a->tied_for_state[w] = 0;
    }
    for (uint32_t c = 0; c < k; c++) {
        unsigned omega;
        int64_t k1[MC_PR_MAX_N];
        mc_pr_root_decode(g, c, &omega, k1);
        uint32_t *b = &a->best_for_state[omega];
        int s = *b == UINT32_MAX ? 1 : mc_q_cmp(&a->root[c].value, &a->root[*b].value);
        if (s > 0) {
            *b = c;
            a->tied_for_state[omega] = 1;
        } else if (s == 0) {
            a->tied_for_state[omega]++;
        }
    }
    unsigned omega;
    int64_t k1[MC_PR_MAX_N];
    mc_pr_lemma3_root(p, &omega, k1);
    uint32_t pidx = mc_pr_root_encode(g, omega, k1);
    a->root_prescribed = pidx;
    a->root_computed = (uint32_t)d->chosen;
    a->root_ntied = d->ntied;
    t->nodes = 1;
    if (pidx == UINT32_MAX) {
        t->unrepresentable = 1;
        return MC_OK;
    }
    bool clean = root_clean(g, pidx) && root_clean(g, (uint32_t)d->chosen);
    for (uint32_t s = 0; s < d->ntied && s < MC_SPE_SHOW; s++)
        clean = clean && root_clean(g, (uint32_t)d->tied[s]);
    t->clean = clean;
    if (d->ntied == 1 && d->chosen == pidx) {
        t->agree = clean;
        if (a->nroot_order > 1) {
            mc_q_sub(&x->t, &a->root[a->root_order[0]].value, &a->root[a->root_order[1]].value);
            note_margin(g, t, state, &x->t);
        }
        return MC_OK;
    }
    if (clean)
        t->failures = 1;
    else
        t->cap_affected = 1;
    a->clean_ties += clean && d->ntied > 1;
    char ps[128], cs[128], detail[192] = "";
    mc_pr_fmt_root(ps, sizeof ps, p, omega, k1);
    unsigned comega;
    int64_t ck[MC_PR_MAX_N];
    mc_pr_root_decode(g, (uint32_t)d->chosen, &comega, ck);
    mc_pr_fmt_root(cs, sizeof cs, p, comega, ck);
    if (d->ntied > 1) {
        size_t len = (size_t)snprintf(detail, sizeof detail, "%u root actions tie:", d->ntied);
        for (uint32_t s = 0; s < d->ntied && s < MC_SPE_SHOW && len < sizeof detail; s++) {
            char b[64];
            mc_pr_root_decode(g, (uint32_t)d->tied[s], &comega, ck);
            mc_pr_fmt_root(b, sizeof b, p, comega, ck);
            len += (size_t)snprintf(detail + len, sizeof detail - len, " %s", b);
        }
    }
    pr_finding *f = note_finding(g, t, state, NULL, 0, 3, d->ntied > 1 ? "tie" : "mismatch",
                                 !clean, 1, 0, ps, cs, &a->root[pidx].value,
                                 &a->root[d->chosen].value, detail);
    if (f) {
        f->child_prescribed = pidx;
        f->child_computed = d->chosen;
        for (uint32_t s = 0; s < d->ntied && s < MC_SPE_SHOW; s++)
            if (d->tied[s] != d->chosen) {
                f->child_base = d->chosen;
                f->child_alt = d->tied[s];
                mc_q_set(&f->v_base, &a->root[d->chosen].value);
                mc_q_set(&f->v_alt, &a->root[d->tied[s]].value);
                break;
            }
    }
    return MC_OK;
}

static mc_status observer(void *ctx, const mc_game *g, const void *state, const mc_node *node,
                          const mc_q *const *child_value, const mc_spe_decision *d,
                          const uint32_t *history, uint32_t depth, mc_error *err)
{
    audit_ctx *x = ctx;
    mc_pr_view v;
    mc_pr_view_state(g, state, &v);
    switch (v.where) {
    case MC_PR_AT_ROOT:
        return audit_root(x, g, state, node, child_value, d, err);
    case MC_PR_AT_RAISE:
        return audit_raise(x, g, state, &v, node, child_value, d, history, depth, err);
    case MC_PR_AT_VOTE:
        return audit_vote(x, g, state, &v, child_value, d, history, depth, err);
    default:
        return MC_OK;
    }
}

/* ---- the run --------------------------------------------------------------------- */

static void tally_init(pr_tally *t)
{
    memset(t, 0, sizeof *t);
    t->min_margin = MC_Q_ZERO;
}

static void tally_clear(pr_tally *t)
{
    for (uint32_t i = 0; i < t->nkept; i++) {
        mc_q_clear(&t->kept[i].v_prescribed);
        mc_q_clear(&t->kept[i].v_computed);
        mc_q_clear(&t->kept[i].gap);
        mc_q_clear(&t->kept[i].v_base);
        mc_q_clear(&t->kept[i].v_alt);
        free(t->kept[i].frag);
    }
    mc_q_clear(&t->min_margin);
}

/* Follows the equilibrium choices from the root up to the vote. */
static mc_status spe_play(mc_pr_audit *a, const mc_game *g, const mc_spe_result *r,
                          mc_error *err)
{
    unsigned char *s = malloc(g->state_size), *next = malloc(g->state_size);
    mc_node node;
    mc_status st = MC_OK;
    if (!s || !next || mc_node_init(&node, g->nplayers) != MC_OK) {
        free(s);
        free(next);
        return mc_error_set(err, MC_ENOMEM, "perfect-revenue audit: out of memory");
    }
    memset(&a->play, 0, sizeof a->play);
    g->ops->root(g, s);
    for (;;) {
        if ((st = g->ops->expand(g, s, &node, err)) != MC_OK)
            break;
        if (node.kind != MC_NODE_DECISION)
            break;
        uint64_t ch = mc_spe_choice(r, g, s);
        if (ch == UINT64_MAX) {
            st = mc_error_set(err, MC_EINTERNAL, "perfect-revenue audit: no equilibrium choice "
                              "stored on the path");
            break;
        }
        mc_pr_view v;
        mc_pr_view_state(g, s, &v);
        if (v.where == MC_PR_AT_ROOT)
            mc_pr_root_decode(g, (uint32_t)ch, &a->play.omega, a->play.k1);
        else if (v.where == MC_PR_AT_RAISE)
            mc_pr_raise_decode(g, v.mover, (uint32_t)ch, a->play.delta[v.mover]);
        else
            a->play.no_mask = mc_pr_vote_no_mask(v.chooser_mask, ch);
        uint32_t choice[MC_MAX_MOVERS];
        mc_node_choice_of(&node, ch, choice);
        g->ops->child(g, s, &node, choice, next);
        memcpy(s, next, g->state_size);
    }
    mc_node_free(&node);
    free(s);
    free(next);
    return st;
}

mc_status mc_pr_audit_run(mc_pr_audit *a, const mc_pr_params *p, const mc_check_opts *o,
                          mc_error *err)
{
    memset(a, 0, sizeof *a);
    mc_pr_params_init(&a->p);
    mc_pr_params_copy(&a->p, p);
    tally_init(&a->l1);
    tally_init(&a->l2);
    tally_init(&a->l3);
    mc_pr_eval_init(&a->eval);
    for (unsigned j = 0; j < MC_PR_MAX_N; j++)
        a->value[j] = MC_Q_ZERO;
    a->root_prescribed = UINT32_MAX;
    mc_game g;
    mc_status st = mc_pr_game_new(&g, p, err);
    if (st != MC_OK)
        return st;
    audit_ctx x = {.a = a, .t = MC_Q_ZERO, .best = MC_Q_ZERO};
    mc_spe_options so;
    mc_spe_defaults(&so);
    so.agents = &a->p.agents;
    so.observer = observer;
    so.observer_ctx = &x;
    so.max_records = 64;
    if (o) {
        so.max_nodes = o->max_nodes;
        so.timeout = o->timeout;
    }
    mc_spe_result r;
    st = mc_spe_solve(&g, &so, &r, err);
    if (st == MC_ELIMIT) {
        a->complete = false;
        snprintf(a->limit_msg, sizeof a->limit_msg, "%s", err->msg);
        a->nodes = r.nodes;
        a->seconds = r.seconds;
        mc_spe_result_free(&r);
        st = MC_OK;
        goto done;
    }
    if (st != MC_OK)
        goto done;
    a->complete = true;
    a->nodes = r.nodes;
    a->distinct = r.distinct;
    a->memo_hits = r.memo_hits;
    a->seconds = r.seconds;
    a->unique = r.unique;
    a->nties = r.nties;
    memcpy(a->nstages, r.nstages, sizeof a->nstages);
    for (unsigned j = 0; j < p->n; j++)
        mc_q_set(&a->value[j], &r.value[j]);
    st = spe_play(a, &g, &r, err);
    if (st == MC_OK)
        st = mc_pr_evaluate(&a->p, &a->play, &a->eval, err);
    if (st == MC_OK) {
        a->have_play = true;
        /* the solver's root values and the literal evaluation of the
         * equilibrium play must agree exactly */
        for (unsigned j = 0; j < p->n; j++)
            if (!mc_q_eq(&a->value[j], &a->eval.eu[j])) {
                char u[128], w[128];
                mc_q_snprint(u, sizeof u, &a->value[j]);
                mc_q_snprint(w, sizeof w, &a->eval.eu[j]);
                st = mc_error_set(err, MC_EINTERNAL,
                                  "perfect-revenue: player %u's equilibrium value %s differs from "
                                  "the literal evaluation of the equilibrium play, %s",
                                  j + 1, u, w);
                break;
            }
    }
    if (st == MC_OK)
        st = mc_pr_audit_fragments(a, &g, &r, err);
    mc_spe_result_free(&r);
done:
    mc_q_clear_vec(x.val, x.cap);
    free(x.val);
    mc_q_clear(&x.t);
    mc_q_clear(&x.best);
    mc_game_destroy(&g);
    if (st != MC_OK)
        mc_pr_audit_free(a);
    return st;
}

void mc_pr_audit_free(mc_pr_audit *a)
{
    tally_clear(&a->l1);
    tally_clear(&a->l2);
    tally_clear(&a->l3);
    if (a->root) {
        for (uint32_t c = 0; c < a->nroot; c++) {
            mc_q_clear(&a->root[c].value);
            mc_q_clear(&a->root[c].u1);
        }
        free(a->root);
    }
    mc_pr_eval_clear(&a->eval);
    mc_q_clear_vec(a->value, MC_PR_MAX_N);
    free(a->frag_path);
    for (unsigned w = 0; w < MC_PR_MAX_STATES; w++)
        free(a->frag_price[w]);
    mc_pr_params_clear(&a->p);
    memset(a, 0, sizeof *a);
}

/* ---- JSON ------------------------------------------------------------------------ */

json_t *mc_pr_finding_json(const pr_finding *f)
{
    json_t *h = json_array();
    for (uint32_t d = 0; d < f->depth; d++)
        json_array_append_new(h, json_integer(f->history[d]));
    return json_pack("{s:i, s:s, s:b, s:i, s:i, s:s, s:o, s:s, s:s, s:o, s:o, s:o, s:s}", "lemma",
                     (int)f->lemma, "kind", f->kind, "cap_affected", f->cap_affected, "step",
                     (int)f->step, "block_min_member", (int)f->agent_first + 1, "node", f->where,
                     "history", h, "prescribed", f->prescribed, "computed", f->computed,
                     "value_prescribed", mc_json_q_or_null(&f->v_prescribed), "value_computed",
                     mc_json_q_or_null(&f->v_computed), "gap", mc_json_q_or_null(&f->gap), "detail",
                     f->detail);
}

json_t *mc_pr_tally_json(const pr_tally *t)
{
    json_t *o = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I}", "nodes", (json_int_t)t->nodes,
                          "clean", (json_int_t)t->clean, "agree", (json_int_t)t->agree,
                          "failures", (json_int_t)t->failures, "not_representable",
                          (json_int_t)t->unrepresentable, "cap_affected",
                          (json_int_t)t->cap_affected);
    if (o && t->have_margin) {
        json_object_set_new(o, "min_margin", mc_json_q_or_null(&t->min_margin));
        json_object_set_new(o, "min_margin_node", json_string(t->margin_where));
    }
    return o;
}
