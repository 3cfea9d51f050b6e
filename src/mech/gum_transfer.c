/* Transfers of every mechanism, memoised per (t, reports at t-1, reports
 * at t): GUM (eqs. 9-10 in the implementable form of spec 1.6), its
 * order-averaged symmetric variant, BTM / static AGV (spec 3.5-3.6), the
 * pivot mechanism (BV, and the literal eq. 27).
 *
 * Everything is built from "partially revealed expectations": F^j_t with
 * some components fixed at their period-t reports and the others drawn
 * from their transitions at the period-(t-1) reports under the actual
 * decision x_{t-1} = chi_{t-1}(reports_{t-1}) (footnote 14). */
#include <stdlib.h>
#include <string.h>

#include "mech/gum.h"

#define MAX_Y_ENTRIES (UINT64_C(1) << 25)

static const char *const kind_names[MC_GUM_NKINDS] = {"gum", "gum-sym", "btm",
                                                      "dpm", "dpm27",   "none"};

const char *mc_gum_kind_name(mc_gum_kind k)
{
    return (unsigned)k < MC_GUM_NKINDS ? kind_names[k] : "?";
}

mc_status mc_gum_kind_parse(const char *s, mc_gum_kind *k, mc_error *err)
{
    for (unsigned i = 0; i < MC_GUM_NKINDS; i++)
        if (!strcmp(s, kind_names[i])) {
            *k = (mc_gum_kind)i;
            return MC_OK;
        }
    if (!strcmp(s, "agv")) {
        *k = MC_GUM_KIND_BTM;
        return MC_OK;
    }
    return mc_error_set(err, MC_EINPUT,
                        "mechanism '%s' is not one of gum, gum-sym, btm, agv, dpm, dpm27, none", s);
}

/* ---- revealed tables for one (t, prev) ---------------------------------- */

typedef struct reveal {
    const mc_gum_env *e;
    const mc_gum_policy *p;
    unsigned t;
    const mc_q *w[MC_GUM_MAX_COMP];   /* transitions at prev under x_{t-1} */
    mc_q *scratch;                    /* nstates[t] * n */
    mc_q *tab[MC_GUM_MAX_COMP + 1];   /* revealed tables, by use */
    size_t tab_len[MC_GUM_MAX_COMP + 1];
    uint64_t kstride[MC_GUM_MAX_COMP + 1][MC_GUM_MAX_COMP]; /* strides of kept components */
} reveal;

static mc_status reveal_init(reveal *r, const mc_gum_env *e, const mc_gum_policy *p, unsigned t,
                             mc_error *err)
{
    memset(r, 0, sizeof *r);
    r->e = e;
    r->p = p;
    r->t = t;
    size_t len = (size_t)e->nstates[t] * e->n;
    r->scratch = mc_gum_qvec_new(2 * len);
    for (unsigned s = 0; s <= e->n + 1; s++) {
        r->tab[s] = mc_gum_qvec_new(len);
        r->tab_len[s] = len;
    }
    for (unsigned s = 0; s <= e->n + 1; s++)
        if (!r->tab[s] || !r->scratch)
            return mc_error_set(err, MC_ENOMEM, "transfers: out of memory");
    return MC_OK;
}

static void reveal_free(reveal *r)
{
    if (!r->e)
        return;
    size_t len = (size_t)r->e->nstates[r->t] * r->e->n;
    mc_gum_qvec_free(r->scratch, 2 * len);
    for (unsigned s = 0; s <= r->e->n + 1; s++)
        mc_gum_qvec_free(r->tab[s], r->tab_len[s]);
    memset(r, 0, sizeof *r);
}

static void reveal_prev(reveal *r, uint64_t prev)
{
    const mc_gum_env *e = r->e;
    uint32_t pth[MC_GUM_MAX_COMP];
    mc_gum_state_decode(e, r->t - 1, prev, pth);
    mc_gum_next_weights(e, r->t, pth, r->p->chi[r->t - 1][prev], r->w);
}

/* Table slot s := F_t with the components in mask revealed (kept), the
 * others drawn. */
static void reveal_table(reveal *r, unsigned s, uint32_t mask)
{
    const mc_gum_env *e = r->e;
    const mc_q *w[MC_GUM_MAX_COMP];
    uint64_t acc = 1;
    for (int c = (int)e->n; c >= 0; c--) {
        bool keep = (mask >> c) & 1u;
        w[c] = keep ? NULL : r->w[c];
        r->kstride[s][c] = keep ? acc : 0;
        if (keep)
            acc *= e->ntypes[r->t][c];
    }
    mc_gum_contract(e, r->t, r->p->F[r->t], e->n, w, r->tab[s], r->scratch);
}

/* The n values of slot s at the current reports cur (component types). */
static const mc_q *reveal_at(const reveal *r, unsigned s, const uint32_t *cur)
{
    uint64_t idx = 0;
    for (unsigned c = 0; c <= r->e->n; c++)
        idx += (uint64_t)cur[c] * r->kstride[s][c];
    return &r->tab[s][idx * r->e->n];
}

/* ---- GUM ------------------------------------------------------------------- */

void mc_gum_first_order(unsigned n, unsigned *order)
{
    for (unsigned k = 0; k < n; k++)
        order[k] = k + 1;
}

bool mc_gum_next_order(unsigned *a, unsigned n)
{
    int i = (int)n - 2;
    while (i >= 0 && a[i] >= a[i + 1])
        i--;
    if (i < 0)
        return false;
    int j = (int)n - 1;
    while (a[j] <= a[i])
        j--;
    unsigned tmp = a[i];
    a[i] = a[j];
    a[j] = tmp;
    for (int l = i + 1, r = (int)n - 1; l < r; l++, r--) {
        tmp = a[l];
        a[l] = a[r];
        a[r] = tmp;
    }
    return true;
}

uint64_t mc_gum_norders(unsigned n)
{
    uint64_t k = 1;
    for (unsigned m = 2; m <= n; m++)
        k *= m;
    return k;
}

/* Slots 0..n+1 for the order: slot s reveals {0} and the first s-1 agents
 * of the order (slot 0 reveals nothing). */
static void gum_tables(reveal *r, const unsigned *order)
{
    uint32_t mask = 0;
    reveal_table(r, 0, 0);
    mask |= 1u;
    for (unsigned s = 1; s <= r->e->n + 1; s++) {
        reveal_table(r, s, mask);
        if (s <= r->e->n)
            mask |= 1u << order[s - 1];
    }
}

/* gamma[k * n + j-1] for components k = 0..n from the tables. */
static void gum_gamma(const reveal *r, const unsigned *order, const uint32_t *cur, mc_q *gamma,
                      mc_q *total)
{
    unsigned n = r->e->n;
    for (unsigned s = 1; s <= n + 1; s++) {
        unsigned comp = s == 1 ? 0 : order[s - 2];
        const mc_q *hi = reveal_at(r, s, cur), *lo = reveal_at(r, s - 1, cur);
        for (unsigned j = 0; j < n; j++)
            mc_q_sub(&gamma[comp * n + j], &hi[j], &lo[j]);
    }
    if (total) {
        const mc_q *hi = reveal_at(r, n + 1, cur), *lo = reveal_at(r, 0, cur);
        for (unsigned j = 0; j < n; j++)
            mc_q_sub(&total[j], &hi[j], &lo[j]);
    }
}

/* y^i = sum_{j != i} gamma^{i->j} - sum_{j != i} gamma^{j->i} (agents only). */
void mc_gum_y_from_gamma(unsigned n, const mc_q *gamma, mc_q *y)
{
    for (unsigned i = 1; i <= n; i++) {
        mc_q_set_i64(&y[i - 1], 0);
        for (unsigned j = 1; j <= n; j++) {
            if (j == i)
                continue;
            mc_q_add(&y[i - 1], &y[i - 1], &gamma[i * n + (j - 1)]);
            mc_q_sub(&y[i - 1], &y[i - 1], &gamma[j * n + (i - 1)]);
        }
    }
}

mc_status mc_gum_externalities(const mc_gum_env *e, const mc_gum_policy *p, const unsigned *order,
                               unsigned t, uint64_t prev, uint64_t cur, mc_q *gamma, mc_q *total,
                               mc_error *err)
{
    unsigned ord[MC_GUM_MAX_AGENTS];
    if (!order) {
        mc_gum_first_order(e->n, ord);
        order = ord;
    }
    reveal r;
    mc_status st = reveal_init(&r, e, p, t, err);
    if (st == MC_OK) {
        uint32_t cth[MC_GUM_MAX_COMP];
        mc_gum_state_decode(e, t, cur, cth);
        reveal_prev(&r, prev);
        gum_tables(&r, order);
        gum_gamma(&r, order, cth, gamma, total);
    }
    reveal_free(&r);
    return st;
}

mc_status mc_gum_reveal_gain(const mc_gum_env *e, const mc_gum_policy *p, unsigned t, uint64_t prev,
                             uint64_t cur, uint32_t before, uint32_t after, mc_q *gain,
                             mc_error *err)
{
    reveal r;
    mc_status st = reveal_init(&r, e, p, t, err);
    if (st == MC_OK) {
        uint32_t cth[MC_GUM_MAX_COMP];
        mc_gum_state_decode(e, t, cur, cth);
        reveal_prev(&r, prev);
        reveal_table(&r, 0, before);
        reveal_table(&r, 1, after);
        const mc_q *lo = reveal_at(&r, 0, cth), *hi = reveal_at(&r, 1, cth);
        for (unsigned j = 0; j < e->n; j++)
            mc_q_sub(&gain[j], &hi[j], &lo[j]);
    }
    reveal_free(&r);
    return st;
}

mc_status mc_gum_reveal_value(const mc_gum_env *e, const mc_gum_policy *p, unsigned t,
                              uint64_t prev, const uint32_t *cur, uint32_t mask, mc_q *out,
                              mc_error *err)
{
    reveal r;
    mc_status st = reveal_init(&r, e, p, t, err);
    if (st == MC_OK) {
        reveal_prev(&r, prev);
        reveal_table(&r, 0, mask);
        const mc_q *v = reveal_at(&r, 0, cur);
        for (unsigned j = 0; j < e->n; j++)
            mc_q_set(&out[j], &v[j]);
    }
    reveal_free(&r);
    return st;
}

/* ---- BTM ------------------------------------------------------------------- */

/* Slot 0: nothing revealed; slot i: only agent i revealed (the public state
 * is not revealed inside B, following eq. 28). */
static void btm_tables(reveal *r)
{
    reveal_table(r, 0, 0);
    for (unsigned i = 1; i <= r->e->n; i++)
        reveal_table(r, i, 1u << i);
}

static void btm_gamma(const reveal *r, const uint32_t *cur, mc_q *gamma)
{
    unsigned n = r->e->n;
    const mc_q *a = reveal_at(r, 0, cur);
    for (unsigned i = 1; i <= n; i++) {
        const mc_q *b = reveal_at(r, i, cur);
        for (unsigned j = 0; j < n; j++)
            mc_q_sub(&gamma[i * n + j], &b[j], &a[j]);
    }
}

mc_status mc_gum_btm_externalities(const mc_gum_env *e, const mc_gum_policy *p, unsigned t,
                                   uint64_t prev, uint64_t cur, mc_q *gamma, mc_error *err)
{
    reveal r;
    mc_status st = reveal_init(&r, e, p, t, err);
    if (st == MC_OK) {
        uint32_t cth[MC_GUM_MAX_COMP];
        mc_gum_state_decode(e, t, cur, cth);
        reveal_prev(&r, prev);
        btm_tables(&r);
        btm_gamma(&r, cth, gamma);
    }
    reveal_free(&r);
    return st;
}

/* y^i = g^i - (1/(n-1)) sum_{j != i} g^j with g^i = sum_{j != i} gamma^{i->j}. */
static void btm_y(unsigned n, const mc_q *gamma, mc_q *y, mc_q *g, const mc_q *inv)
{
    mc_q sum = MC_Q_ZERO, tmp = MC_Q_ZERO;
    for (unsigned i = 1; i <= n; i++) {
        mc_q_set_i64(&g[i - 1], 0);
        for (unsigned j = 1; j <= n; j++)
            if (j != i)
                mc_q_add(&g[i - 1], &g[i - 1], &gamma[i * n + (j - 1)]);
        mc_q_add(&sum, &sum, &g[i - 1]);
    }
    for (unsigned i = 0; i < n; i++) {
        mc_q_sub(&tmp, &sum, &g[i]);
        mc_q_mul(&tmp, &tmp, inv);
        mc_q_sub(&y[i], &g[i], &tmp);
    }
    mc_q_clear(&sum);
    mc_q_clear(&tmp);
}

/* ---- building the memo ------------------------------------------------------ */

void mc_gum_mech_free(mc_gum_mech *m)
{
    const mc_gum_env *e = m->env;
    if (e)
        for (unsigned t = 1; t <= e->T; t++)
            mc_gum_qvec_free(m->y[t], (size_t)e->nstates[t - 1] * e->nstates[t] * e->n);
    memset(m, 0, sizeof *m);
}

static mc_status build_period(mc_gum_mech *m, unsigned t, mc_q **vsub, mc_error *err)
{
    const mc_gum_env *e = m->env;
    const mc_gum_policy *p = m->pol;
    unsigned n = e->n;
    reveal r;
    mc_status st = reveal_init(&r, e, p, t, err);
    mc_q *gamma = mc_gum_qvec_new((size_t)(n + 1) * n);
    mc_q *y = mc_gum_qvec_new(n), *g = mc_gum_qvec_new(n);
    mc_q inv = MC_Q_ZERO, tmp = MC_Q_ZERO, sum = MC_Q_ZERO, fact = MC_Q_ZERO;
    mc_q *nextv = NULL, *nexts = NULL;
    if (st == MC_OK && (!gamma || !y || !g))
        st = mc_error_set(err, MC_ENOMEM, "transfers: out of memory");
    if (st == MC_OK && (m->kind == MC_GUM_KIND_DPM) && t < e->T) {
        nextv = mc_gum_qvec_new(1);
        nexts = mc_gum_qvec_new(2 * e->nstates[t + 1]);
        if (!nextv || !nexts)
            st = mc_error_set(err, MC_ENOMEM, "transfers: out of memory");
    }
    if (st != MC_OK)
        goto done;
    if (n >= 2)
        mc_q_set_frac(&inv, 1, (int64_t)n - 1);
    uint32_t cth[MC_GUM_MAX_COMP];
    unsigned perm[MC_GUM_MAX_AGENTS];
    mc_q_set_frac(&fact, 1, (int64_t)mc_gum_norders(n));
    for (uint64_t prev = 0; prev < e->nstates[t - 1]; prev++) {
        mc_q *row = &m->y[t][prev * e->nstates[t] * n];
        reveal_prev(&r, prev);
        switch (m->kind) {
        case MC_GUM_KIND_GUM:
            gum_tables(&r, m->order);
            for (uint64_t cur = 0; cur < e->nstates[t]; cur++) {
                mc_gum_state_decode(e, t, cur, cth);
                gum_gamma(&r, m->order, cth, gamma, NULL);
                mc_gum_y_from_gamma(n, gamma, &row[cur * n]);
            }
            break;
        case MC_GUM_KIND_SYM:
            for (uint64_t cur = 0; cur < e->nstates[t] * n; cur++)
                mc_q_set_i64(&row[cur], 0);
            mc_gum_first_order(n, perm);
            do {
                gum_tables(&r, perm);
                for (uint64_t cur = 0; cur < e->nstates[t]; cur++) {
                    mc_gum_state_decode(e, t, cur, cth);
                    gum_gamma(&r, perm, cth, gamma, NULL);
                    mc_gum_y_from_gamma(n, gamma, y);
                    for (unsigned i = 0; i < n; i++)
                        mc_q_addmul(&row[cur * n + i], &y[i], &fact);
                }
            } while (mc_gum_next_order(perm, n));
            break;
        case MC_GUM_KIND_BTM:
            btm_tables(&r);
            for (uint64_t cur = 0; cur < e->nstates[t]; cur++) {
                mc_gum_state_decode(e, t, cur, cth);
                btm_gamma(&r, cth, gamma);
                btm_y(n, gamma, &row[cur * n], g, &inv);
            }
            break;
        case MC_GUM_KIND_DPM27:
            /* slot 0: everything revealed; slot i: all but agent i */
            reveal_table(&r, 0, (2u << n) - 1);
            for (unsigned i = 1; i <= n; i++)
                reveal_table(&r, i, ((2u << n) - 1) & ~(1u << i));
            for (uint64_t cur = 0; cur < e->nstates[t]; cur++) {
                mc_gum_state_decode(e, t, cur, cth);
                const mc_q *all = reveal_at(&r, 0, cth);
                for (unsigned i = 1; i <= n; i++) {
                    const mc_q *wo = reveal_at(&r, i, cth);
                    mc_q *yi = &row[cur * n + i - 1];
                    mc_q_set_i64(yi, 0);
                    for (unsigned j = 1; j <= n; j++)
                        if (j != i) {
                            mc_q_add(yi, yi, &all[j - 1]);
                            mc_q_sub(yi, yi, &wo[j - 1]);
                        }
                }
            }
            break;
        case MC_GUM_KIND_DPM:
            /* depends on the current reports only: fill the row from
             * prev = 0's computation */
            if (prev > 0) {
                const mc_q *first = &m->y[t][0];
                for (uint64_t k = 0; k < e->nstates[t] * n; k++)
                    mc_q_set(&row[k], &first[k]);
                break;
            }
            for (uint64_t cur = 0; cur < e->nstates[t]; cur++) {
                mc_gum_state_decode(e, t, cur, cth);
                uint32_t x = p->chi[t][cur];
                for (unsigned i = 1; i <= n; i++) {
                    mc_q *yi = &row[cur * n + i - 1];
                    /* -p^i = sum_{j != i} u^j + E V^{-i}_{t+1} - V^{-i}_t */
                    mc_q_set_i64(yi, 0);
                    for (unsigned j = 1; j <= n; j++)
                        if (j != i)
                            mc_q_add(yi, yi, &mc_gum_pay(e, t, j, cth[j])[x]);
                    if (t < e->T) {
                        const mc_q *w[MC_GUM_MAX_COMP];
                        mc_gum_next_weights(e, t + 1, cth, x, w);
                        mc_gum_contract(e, t + 1, vsub[(i - 1) * (MC_GUM_MAX_T + 1) + t + 1], 1,
                                        w, nextv, nexts);
                        mc_q_add(yi, yi, &nextv[0]);
                    }
                    mc_q_sub(yi, yi, &vsub[(i - 1) * (MC_GUM_MAX_T + 1) + t][cur]);
                }
            }
            break;
        case MC_GUM_KIND_NONE:
        default:
            for (uint64_t k = 0; k < e->nstates[t] * n; k++)
                mc_q_set_i64(&row[k], 0);
            break;
        }
        for (uint64_t cur = 0; cur < e->nstates[t]; cur++) {
            mc_q_set_i64(&sum, 0);
            for (unsigned i = 0; i < n; i++)
                mc_q_add(&sum, &sum, &row[cur * n + i]);
            if (!mc_q_is_zero(&sum)) {
                m->balanced = false;
                m->unbalanced++;
            }
        }
    }
done:
    mc_gum_qvec_free(gamma, (size_t)(n + 1) * n);
    mc_gum_qvec_free(y, n);
    mc_gum_qvec_free(g, n);
    mc_gum_qvec_free(nextv, 1);
    if (nexts)
        mc_gum_qvec_free(nexts, 2 * e->nstates[t + 1]);
    mc_q_clear(&inv);
    mc_q_clear(&tmp);
    mc_q_clear(&sum);
    mc_q_clear(&fact);
    reveal_free(&r);
    return st;
}

mc_status mc_gum_mech_build(mc_gum_mech *m, const mc_gum_env *e, const mc_gum_policy *p,
                            mc_gum_kind kind, const unsigned *order, mc_error *err)
{
    memset(m, 0, sizeof *m);
    m->env = e;
    m->pol = p;
    m->kind = kind;
    m->balanced = true;
    unsigned n = e->n;
    if ((kind == MC_GUM_KIND_BTM) && n < 2)
        return mc_error_set(err, MC_EINPUT, "transfers: BTM needs at least 2 agents");
    if (kind == MC_GUM_KIND_SYM && n > 6)
        return mc_error_set(err, MC_ELIMIT, "transfers: symmetric GUM averages n! orders; n = %u > 6",
                            n);
    if (order) {
        uint32_t seen = 0;
        for (unsigned k = 0; k < n; k++) {
            if (order[k] < 1 || order[k] > n || ((seen >> order[k]) & 1u))
                return mc_error_set(err, MC_EINPUT,
                                    "transfers: order must be a permutation of 1..%u", n);
            seen |= 1u << order[k];
            m->order[k] = order[k];
        }
    } else {
        mc_gum_first_order(n, m->order);
    }
    uint64_t entries = 0;
    for (unsigned t = 1; t <= e->T; t++)
        entries += e->nstates[t - 1] * e->nstates[t] * n;
    if (entries > MAX_Y_ENTRIES)
        return mc_error_set(err, MC_ELIMIT, "transfers: %llu memoised transfers exceed the limit %llu",
                            (unsigned long long)entries, (unsigned long long)MAX_Y_ENTRIES);
    for (unsigned t = 1; t <= e->T; t++)
        if (!(m->y[t] = mc_gum_qvec_new((size_t)e->nstates[t - 1] * e->nstates[t] * n))) {
            mc_gum_mech_free(m);
            return mc_error_set(err, MC_ENOMEM, "transfers: out of memory");
        }
    mc_q *vsub[MC_GUM_MAX_AGENTS * (MC_GUM_MAX_T + 1)];
    memset(vsub, 0, sizeof vsub);
    mc_status st = MC_OK;
    if (kind == MC_GUM_KIND_DPM)
        for (unsigned i = 1; i <= n && st == MC_OK; i++)
            st = mc_gum_value_subset(e, ((1u << n) - 1) & ~(1u << (i - 1)),
                                     &vsub[(i - 1) * (MC_GUM_MAX_T + 1)], err);
    for (unsigned t = 1; t <= e->T && st == MC_OK; t++)
        st = build_period(m, t, vsub, err);
    if (kind == MC_GUM_KIND_DPM)
        for (unsigned i = 1; i <= n; i++)
            if (vsub[(i - 1) * (MC_GUM_MAX_T + 1)])
                mc_gum_value_free(e, &vsub[(i - 1) * (MC_GUM_MAX_T + 1)]);
    if (st != MC_OK)
        mc_gum_mech_free(m);
    return st;
}

void mc_gum_play_utility(const mc_gum_mech *m, const mc_gum_play *pl, bool payoff_only, mc_q *out)
{
    const mc_gum_env *e = m->env;
    unsigned n = e->n;
    for (unsigned i = 0; i < n; i++)
        mc_q_set_i64(&out[i], 0);
    uint64_t prev = 0;
    for (unsigned t = 0; t <= e->T; t++) {
        uint64_t cur = mc_gum_state_index(e, t, pl->reports[t]);
        uint32_t x = m->pol->chi[t][cur];
        for (unsigned i = 1; i <= n; i++)
            mc_q_add(&out[i - 1], &out[i - 1], &mc_gum_pay(e, t, i, pl->types[t][i])[x]);
        if (t >= 1 && !payoff_only) {
            const mc_q *y = mc_gum_y(m, t, prev, cur);
            for (unsigned i = 0; i < n; i++)
                mc_q_add(&out[i], &out[i], &y[i]);
        }
        prev = cur;
    }
}
