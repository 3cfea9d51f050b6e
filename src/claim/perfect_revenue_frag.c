/* Game fragments of mechanism M for `check --dot` (fragment.h), built once
 * per audit right after the solve -- the strategy itself is not kept, since
 * the memo of a large instance is big and a report keeps dozens of audits --
 * and kept as JSON text:
 *   - the equilibrium path from the root to the leaves;
 *   - for every clean finding, its node reached by its history from the
 *     root (marked "focus"), the prescribed action and the computed best
 *     (marked "deviation") each followed in equilibrium to the leaves, with
 *     the acting block's exact values on the edges; for a tie or a vote that
 *     is not strictly dominant also the alternative that does as well;
 *   - for every announced state whose best K1 is not Lemma 3''s price (or
 *     ties), the root with both announcements. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim/perfect_revenue_claims.h"
#include "mechcheck/fragment.h"

#define STEPS 16 /* moves followed below a branch; a play of M has at most n + 3 */

json_t *mc_pr_fragment_load(const char *text)
{
    return text ? json_loads(text, 0, NULL) : NULL;
}

/* Keeps frag as text in *out (frag is released). */
static mc_status keep_text(json_t *frag, char **out, mc_error *err)
{
    *out = frag ? json_dumps(frag, JSON_COMPACT) : NULL;
    json_decref(frag);
    if (!*out)
        return mc_error_set(err, MC_ENOMEM, "perfect-revenue fragment: out of memory");
    return MC_OK;
}

static mc_status oom(mc_error *err)
{
    return mc_error_set(err, MC_ENOMEM, "perfect-revenue fragment: out of memory");
}

/* A node's children, for the "... k other actions" cut. */
static mc_status nchildren(const mc_game *g, const void *state, uint64_t *k, mc_error *err)
{
    mc_node node;
    if (mc_node_init(&node, g->nplayers) != MC_OK)
        return oom(err);
    mc_status st = g->ops->expand(g, state, &node, err);
    *k = st == MC_OK ? mc_node_nchildren(&node) : 0;
    mc_node_free(&node);
    return st;
}

/* The branches at a focus node: each child at most once, in order. */
typedef struct {
    json_t *frag;
    const mc_game *g;
    const mc_spe_result *r;
    const void *state;
    int at;
    uint64_t shown[4];
    unsigned nshown;
} focus;

static mc_status branch(focus *fc, uint64_t child, const char *mark, const char *note,
                        mc_error *err)
{
    if (child == UINT64_MAX)
        return MC_OK;
    for (unsigned s = 0; s < fc->nshown; s++)
        if (fc->shown[s] == child)
            return MC_OK;
    if (fc->nshown < sizeof fc->shown / sizeof fc->shown[0])
        fc->shown[fc->nshown++] = child;
    return mc_fragment_branch(fc->frag, fc->g, fc->r, fc->state, fc->at, child, mark, note, STEPS,
                              NULL, NULL, err);
}

static mc_status others_cut(focus *fc, mc_error *err)
{
    uint64_t k = 0;
    mc_status st = nchildren(fc->g, fc->state, &k, err);
    if (st != MC_OK || k <= fc->nshown)
        return st;
    char label[64];
    snprintf(label, sizeof label, "... %llu other action%s",
             (unsigned long long)(k - fc->nshown), k - fc->nshown == 1 ? "" : "s");
    int id = mc_fragment_node(fc->frag, label, "cut", "");
    if (id < 0 || mc_fragment_edge(fc->frag, fc->at, id, "", "") != MC_OK)
        return oom(err);
    return MC_OK;
}

/* ---- the equilibrium path -------------------------------------------------------- */

static mc_status path_fragment(mc_pr_audit *a, const mc_game *g, const mc_spe_result *r,
                               const void *root, mc_error *err)
{
    json_t *frag = mc_fragment_new();
    if (!frag)
        return oom(err);
    mc_status st = mc_fragment_follow(frag, g, r, root, -1, "path", STEPS, NULL, NULL, err);
    if (st == MC_OK) {
        char note[512] = "SPE expected utilities (";
        size_t len = strlen(note);
        for (unsigned j = 0; j < a->p.n && len < sizeof note; j++) {
            len += (size_t)snprintf(note + len, sizeof note - len, "%s", j ? ", " : "");
            if (len < sizeof note)
                len += mc_q_snprint(note + len, sizeof note - len, &a->value[j]);
        }
        if (len < sizeof note)
            snprintf(note + len, sizeof note - len, ")");
        if (mc_fragment_node_note(frag, 0, NULL, note) != MC_OK)
            st = oom(err);
    }
    if (st != MC_OK) {
        json_decref(frag);
        return st;
    }
    return keep_text(frag, &a->frag_path, err);
}

/* ---- a finding's node ------------------------------------------------------------ */

static const char *qs(char *buf, size_t cap, const mc_q *q)
{
    mc_q_snprint(buf, cap, q);
    return buf;
}

static mc_status finding_fragment(const mc_pr_audit *a, const mc_game *g,
                                  const mc_spe_result *r, const void *root, void *state,
                                  pr_finding *f, mc_error *err)
{
    const mc_pr_params *p = &a->p;
    json_t *frag = mc_fragment_new();
    if (!frag)
        return oom(err);
    focus fc = {.frag = frag, .g = g, .r = r, .state = state};
    mc_status st = mc_fragment_history(frag, g, r, root, -1, f->history, f->depth, "path", &fc.at,
                                       state, err);
    char blk[64], note[512], v1[128], v2[128], v3[128];
    mc_pr_block_text(p, f->agent_first, blk, sizeof blk);
    if (st == MC_OK) {
        snprintf(note, sizeof note, "Lemma %u %s: %s for block %s%s%s", f->lemma,
                 f->lemma == 1 ? "(YES/NO)" : f->lemma == 2 ? "(raise)" : "(root)", f->kind, blk,
                 f->detail[0] ? "\n" : "", f->detail);
        if (mc_fragment_node_note(frag, fc.at, "focus", note) != MC_OK)
            st = oom(err);
    }
    if (st == MC_OK && f->child_prescribed != UINT64_MAX &&
        f->child_prescribed != f->child_computed) {
        snprintf(note, sizeof note, "prescribed: block %s value %s", blk,
                 qs(v1, sizeof v1, &f->v_prescribed));
        st = branch(&fc, f->child_prescribed, "", note, err);
        if (st == MC_OK) {
            snprintf(note, sizeof note, "best: block %s value %s (gap %s)", blk,
                     qs(v1, sizeof v1, &f->v_computed), qs(v2, sizeof v2, &f->gap));
            st = branch(&fc, f->child_computed, "deviation", note, err);
        }
    } else if (st == MC_OK) {
        snprintf(note, sizeof note, "%s: block %s value %s",
                 f->child_prescribed == f->child_computed ? "prescribed and chosen" : "chosen", blk,
                 qs(v1, sizeof v1, &f->v_computed));
        st = branch(&fc, f->child_computed, "", note, err);
    }
    if (st == MC_OK && f->child_alt != UINT64_MAX) {
        char ab[64];
        mc_pr_block_text(p, f->alt_first, ab, sizeof ab);
        snprintf(note, sizeof note, "block %s's chosen action: value %s", ab,
                 qs(v1, sizeof v1, &f->v_base));
        st = branch(&fc, f->child_base, "", note, err);
        if (st == MC_OK) {
            snprintf(note, sizeof note, "block %s does at least as well: value %s vs %s", ab,
                     qs(v1, sizeof v1, &f->v_alt), qs(v3, sizeof v3, &f->v_base));
            st = branch(&fc, f->child_alt, "deviation", note, err);
        }
    }
    if (st == MC_OK)
        st = others_cut(&fc, err);
    if (st != MC_OK) {
        json_decref(frag);
        return st;
    }
    return keep_text(frag, &f->frag, err);
}

/* ---- Lemma 3''s price rule ---------------------------------------------------------- */

static mc_status price_fragment(mc_pr_audit *a, const mc_game *g, const mc_spe_result *r,
                                const void *root, unsigned w, mc_error *err)
{
    const mc_pr_params *p = &a->p;
    int64_t k1[MC_PR_MAX_N];
    mc_pr_lemma3_prices(p, w, k1);
    uint32_t want = mc_pr_root_encode(g, w, k1), best = a->best_for_state[w];
    if (want == UINT32_MAX || best == UINT32_MAX || (best == want && a->tied_for_state[w] == 1))
        return MC_OK;
    /* a second best when the best ties */
    uint32_t other = UINT32_MAX;
    for (uint32_t c = 0; c < a->nroot && a->tied_for_state[w] > 1; c++) {
        unsigned om;
        int64_t ck[MC_PR_MAX_N];
        mc_pr_root_decode(g, c, &om, ck);
        if (om == w && c != best && mc_q_eq(&a->root[c].value, &a->root[best].value)) {
            other = c;
            break;
        }
    }
    json_t *frag = mc_fragment_new();
    if (!frag)
        return oom(err);
    focus fc = {.frag = frag, .g = g, .r = r, .state = root};
    char note[512], blk[64], v1[128], v2[128];
    mc_q gap = MC_Q_ZERO;
    mc_pr_block_text(p, 0, blk, sizeof blk);
    mc_status st = MC_OK;
    fc.at = mc_fragment_state(frag, g, root, "focus", err);
    if (fc.at < 0)
        st = err ? err->code : MC_ENOMEM;
    if (st == MC_OK) {
        snprintf(note, sizeof note, "Lemma 3' price rule: announcing %s, K1 = TV(%s)",
                 p->state_name[w], p->state_name[w]);
        if (mc_fragment_node_note(frag, fc.at, NULL, note) != MC_OK)
            st = oom(err);
    }
    if (st == MC_OK) {
        snprintf(note, sizeof note, "prescribed: block %s value %s", blk,
                 qs(v1, sizeof v1, &a->root[want].value));
        st = branch(&fc, want, "", note, err);
    }
    if (st == MC_OK && best != want) {
        mc_q_sub(&gap, &a->root[best].value, &a->root[want].value);
        snprintf(note, sizeof note, "best for %s: block %s value %s (gap %s)%s", p->state_name[w],
                 blk, qs(v1, sizeof v1, &a->root[best].value), qs(v2, sizeof v2, &gap),
                 a->tied_for_state[w] > 1 ? ", tied" : "");
        st = branch(&fc, best, "deviation", note, err);
    }
    if (st == MC_OK && other != UINT32_MAX) {
        snprintf(note, sizeof note, "as good: block %s value %s", blk,
                 qs(v1, sizeof v1, &a->root[other].value));
        st = branch(&fc, other, "deviation", note, err);
    }
    if (st == MC_OK)
        st = others_cut(&fc, err);
    mc_q_clear(&gap);
    if (st != MC_OK) {
        json_decref(frag);
        return st;
    }
    return keep_text(frag, &a->frag_price[w], err);
}

mc_status mc_pr_audit_fragments(mc_pr_audit *a, const mc_game *g, const mc_spe_result *r,
                                mc_error *err)
{
    unsigned char *root = malloc(g->state_size), *state = malloc(g->state_size);
    if (!root || !state) {
        free(root);
        free(state);
        return oom(err);
    }
    g->ops->root(g, root);
    mc_status st = path_fragment(a, g, r, root, err);
    pr_tally *ts[3] = {&a->l1, &a->l2, &a->l3};
    for (int t = 0; t < 3 && st == MC_OK; t++)
        for (uint32_t i = 0; i < ts[t]->nkept && st == MC_OK; i++)
            if (!ts[t]->kept[i].cap_affected)
                st = finding_fragment(a, g, r, root, state, &ts[t]->kept[i], err);
    /* the price rule is Lemma 3''s: every player independent */
    for (unsigned w = 0; w < a->p.nstates && st == MC_OK && a->root &&
                         mc_agents_is_singletons(&a->p.agents);
         w++)
        st = price_fragment(a, g, r, root, w, err);
    free(root);
    free(state);
    return st;
}
