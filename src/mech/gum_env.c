/* Dynamic environments: storage, validation, state packing and the
 * product-distribution expectations every mechanism is built from. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mech/gum.h"

/* Rows of component c's transition table into t: |Theta^0_{t-1}| *
 * |Theta^c_{t-1}| (1 for the public state) * |X_{t-1}|. */
static size_t trans_rows(const mc_gum_env *e, unsigned t, unsigned c)
{
    size_t prev_c = c == 0 ? 1 : e->ntypes[t - 1][c];
    return (size_t)e->ntypes[t - 1][0] * prev_c * e->nx[t - 1];
}

static char *label_of(uint32_t k)
{
    char buf[16];
    snprintf(buf, sizeof buf, "%u", (unsigned)k);
    return strdup(buf);
}

static char **labels_new(uint32_t n)
{
    char **l = calloc(n, sizeof *l);
    if (!l)
        return NULL;
    for (uint32_t k = 0; k < n; k++)
        if (!(l[k] = label_of(k))) {
            for (uint32_t m = 0; m < k; m++)
                free(l[m]);
            free(l);
            return NULL;
        }
    return l;
}

static void labels_free(char **l, uint32_t n)
{
    if (!l)
        return;
    for (uint32_t k = 0; k < n; k++)
        free(l[k]);
    free(l);
}

mc_q *mc_gum_qvec_new(size_t n)
{
    mc_q *v = malloc((n ? n : 1) * sizeof *v);
    if (v)
        mc_q_init_vec(v, n);
    return v;
}

void mc_gum_qvec_free(mc_q *v, size_t n)
{
    if (!v)
        return;
    mc_q_clear_vec(v, n);
    free(v);
}

mc_status mc_gum_env_init(mc_gum_env *e, unsigned n, unsigned T, const uint32_t *ntypes,
                          const uint32_t *nx, mc_error *err)
{
    memset(e, 0, sizeof *e);
    if (n < 1 || n > MC_GUM_MAX_AGENTS)
        return mc_error_set(err, MC_EINPUT, "environment: n = %u agents must be in 1..%d", n,
                            MC_GUM_MAX_AGENTS);
    if (T < 1 || T > MC_GUM_MAX_T)
        return mc_error_set(err, MC_EINPUT, "environment: T = %u must be in 1..%d", T,
                            MC_GUM_MAX_T);
    e->n = n;
    e->T = T;
    for (unsigned t = 0; t <= T; t++) {
        if (nx[t] < 1 || nx[t] > MC_GUM_MAX_X)
            return mc_error_set(err, MC_EINPUT, "environment: |X_%u| = %u must be in 1..%d", t,
                                (unsigned)nx[t], MC_GUM_MAX_X);
        e->nx[t] = nx[t];
        uint64_t states = 1;
        for (int c = (int)n; c >= 0; c--) {
            uint32_t k = ntypes[t * (n + 1) + (unsigned)c];
            if (k < 1 || k > MC_GUM_MAX_TYPES)
                return mc_error_set(err, MC_EINPUT,
                                    "environment: |Theta^%d_%u| = %u must be in 1..%d", c, t,
                                    (unsigned)k, MC_GUM_MAX_TYPES);
            e->ntypes[t][c] = k;
            e->stride[t][c] = states;
            states *= k;
            if (states > MC_GUM_MAX_STATES)
                return mc_error_set(err, MC_ELIMIT,
                                    "environment: |Theta_%u| exceeds %llu states", t,
                                    (unsigned long long)MC_GUM_MAX_STATES);
        }
        e->nstates[t] = states;
    }
    snprintf(e->agent_name[0], MC_GUM_NAME, "public");
    for (unsigned i = 1; i <= n; i++)
        snprintf(e->agent_name[i], MC_GUM_NAME, "%u", i);
    for (unsigned t = 0; t <= T; t++) {
        if (!(e->x_label[t] = labels_new(e->nx[t])))
            goto oom;
        for (unsigned c = 0; c <= n; c++) {
            if (!(e->type_label[t][c] = labels_new(e->ntypes[t][c])))
                goto oom;
            if (c >= 1 &&
                !(e->pay[t][c] = mc_gum_qvec_new((size_t)e->ntypes[t][c] * e->nx[t])))
                goto oom;
            if (t >= 1) {
                size_t rows = trans_rows(e, t, c);
                if (!(e->trans[t][c] = mc_gum_qvec_new(rows * e->ntypes[t][c])))
                    goto oom;
                for (size_t r = 0; r < rows; r++)
                    mc_q_set_i64(&e->trans[t][c][r * e->ntypes[t][c]], 1);
            }
        }
    }
    return MC_OK;
oom:
    mc_gum_env_free(e);
    return mc_error_set(err, MC_ENOMEM, "environment: out of memory");
}

void mc_gum_env_free(mc_gum_env *e)
{
    for (unsigned t = 0; t <= e->T && e->n; t++) {
        labels_free(e->x_label[t], e->nx[t]);
        for (unsigned c = 0; c <= e->n; c++) {
            labels_free(e->type_label[t][c], e->ntypes[t][c]);
            if (c >= 1)
                mc_gum_qvec_free(e->pay[t][c], (size_t)e->ntypes[t][c] * e->nx[t]);
            if (t >= 1 && e->trans[t][c])
                mc_gum_qvec_free(e->trans[t][c], trans_rows(e, t, c) * e->ntypes[t][c]);
        }
    }
    memset(e, 0, sizeof *e);
}

mc_status mc_gum_env_copy(mc_gum_env *dst, const mc_gum_env *src, mc_error *err)
{
    uint32_t ntypes[(MC_GUM_MAX_T + 1) * MC_GUM_MAX_COMP];
    for (unsigned t = 0; t <= src->T; t++)
        for (unsigned c = 0; c <= src->n; c++)
            ntypes[t * (src->n + 1) + c] = src->ntypes[t][c];
    mc_status st = mc_gum_env_init(dst, src->n, src->T, ntypes, src->nx, err);
    if (st != MC_OK)
        return st;
    memcpy(dst->init, src->init, sizeof dst->init);
    memcpy(dst->agent_name, src->agent_name, sizeof dst->agent_name);
    memcpy(dst->name, src->name, sizeof dst->name);
    for (unsigned t = 0; t <= src->T; t++) {
        for (uint32_t x = 0; x < src->nx[t]; x++)
            if ((st = mc_gum_set_x_label(dst, t, x, src->x_label[t][x], err)) != MC_OK)
                goto fail;
        for (unsigned c = 0; c <= src->n; c++) {
            for (uint32_t k = 0; k < src->ntypes[t][c]; k++)
                if ((st = mc_gum_set_type_label(dst, t, c, k, src->type_label[t][c][k], err)) !=
                    MC_OK)
                    goto fail;
            if (c >= 1)
                for (size_t k = 0; k < (size_t)src->ntypes[t][c] * src->nx[t]; k++)
                    mc_q_set(&dst->pay[t][c][k], &src->pay[t][c][k]);
            if (t >= 1)
                for (size_t k = 0; k < trans_rows(src, t, c) * src->ntypes[t][c]; k++)
                    mc_q_set(&dst->trans[t][c][k], &src->trans[t][c][k]);
        }
    }
    return MC_OK;
fail:
    mc_gum_env_free(dst);
    return st;
}

mc_q *mc_gum_trans(const mc_gum_env *e, unsigned t, unsigned c, uint32_t th0, uint32_t thc,
                   uint32_t x)
{
    size_t prev_c = c == 0 ? 1 : e->ntypes[t - 1][c];
    if (c == 0)
        thc = 0;
    size_t row = ((size_t)th0 * prev_c + thc) * e->nx[t - 1] + x;
    return &e->trans[t][c][row * e->ntypes[t][c]];
}

mc_q *mc_gum_pay(const mc_gum_env *e, unsigned t, unsigned i, uint32_t thi)
{
    return &e->pay[t][i][(size_t)thi * e->nx[t]];
}

void mc_gum_set_trans_frac(mc_gum_env *e, unsigned t, unsigned c, uint32_t th0, uint32_t thc,
                           uint32_t x, const int64_t *num, int64_t den)
{
    mc_q *v = mc_gum_trans(e, t, c, th0, thc, x);
    for (uint32_t k = 0; k < e->ntypes[t][c]; k++)
        mc_q_set_frac(&v[k], num[k], den);
}

mc_status mc_gum_set_type_label(mc_gum_env *e, unsigned t, unsigned c, uint32_t k,
                                const char *label, mc_error *err)
{
    char *s = strdup(label);
    if (!s)
        return mc_error_set(err, MC_ENOMEM, "environment: out of memory");
    free(e->type_label[t][c][k]);
    e->type_label[t][c][k] = s;
    return MC_OK;
}

mc_status mc_gum_set_x_label(mc_gum_env *e, unsigned t, uint32_t x, const char *label,
                             mc_error *err)
{
    char *s = strdup(label);
    if (!s)
        return mc_error_set(err, MC_ENOMEM, "environment: out of memory");
    free(e->x_label[t][x]);
    e->x_label[t][x] = s;
    return MC_OK;
}

mc_status mc_gum_env_validate(const mc_gum_env *e, mc_error *err)
{
    for (unsigned c = 0; c <= e->n; c++)
        if (e->init[c] >= e->ntypes[0][c])
            return mc_error_set(err, MC_EINPUT,
                                "environment %s: initial type %u of component %u is out of range",
                                e->name, (unsigned)e->init[c], c);
    mc_q sum = MC_Q_ZERO, one = MC_Q_INT(1);
    for (unsigned t = 1; t <= e->T; t++)
        for (unsigned c = 0; c <= e->n; c++) {
            size_t rows = trans_rows(e, t, c);
            uint32_t K = e->ntypes[t][c];
            for (size_t r = 0; r < rows; r++) {
                const mc_q *v = &e->trans[t][c][r * K];
                mc_q_set_i64(&sum, 0);
                for (uint32_t k = 0; k < K; k++) {
                    if (mc_q_sgn(&v[k]) < 0) {
                        mc_q_clear(&sum);
                        return mc_error_set(err, MC_EINPUT,
                                            "environment %s: transition of component %u into "
                                            "period %u (row %zu) has a negative entry %u",
                                            e->name, c, t, r, (unsigned)k);
                    }
                    mc_q_add(&sum, &sum, &v[k]);
                }
                if (!mc_q_eq(&sum, &one)) {
                    char buf[64];
                    mc_q_snprint(buf, sizeof buf, &sum);
                    mc_q_clear(&sum);
                    return mc_error_set(err, MC_EINPUT,
                                        "environment %s: transition of component %u into period "
                                        "%u (row %zu) sums to %s, not 1",
                                        e->name, c, t, r, buf);
                }
            }
        }
    mc_q_clear(&sum);
    return MC_OK;
}

uint64_t mc_gum_state_index(const mc_gum_env *e, unsigned t, const uint32_t *th)
{
    uint64_t idx = 0;
    for (unsigned c = 0; c <= e->n; c++)
        idx += (uint64_t)th[c] * e->stride[t][c];
    return idx;
}

void mc_gum_state_decode(const mc_gum_env *e, unsigned t, uint64_t index, uint32_t *th)
{
    for (unsigned c = 0; c <= e->n; c++)
        th[c] = (uint32_t)((index / e->stride[t][c]) % e->ntypes[t][c]);
}

unsigned mc_gum_fresh_components(const mc_gum_env *e, unsigned t, const uint32_t *prev,
                                 uint32_t x)
{
    unsigned fresh = 0;
    for (unsigned c = 1; c <= e->n; c++) {
        const mc_q *v = mc_gum_trans(e, t, c, prev[0], prev[c], x);
        unsigned pos = 0;
        for (uint32_t k = 0; k < e->ntypes[t][c]; k++)
            pos += mc_q_sgn(&v[k]) > 0;
        fresh += pos >= 2;
    }
    return fresh;
}

void mc_gum_next_weights(const mc_gum_env *e, unsigned t, const uint32_t *prev, uint32_t x,
                         const mc_q **w)
{
    for (unsigned c = 0; c <= e->n; c++)
        w[c] = mc_gum_trans(e, t, c, prev[0], prev[c], x);
}

/* Sums out the components with weights, fastest first.  The table is kept
 * as (outer, K_c, inner) around the component being reduced; inner already
 * includes the nv values and the kept faster components. */
void mc_gum_contract(const mc_gum_env *e, unsigned t, const mc_q *f, unsigned nv,
                     const mc_q *const *w, mc_q *out, mc_q *scratch)
{
    size_t total = (size_t)e->nstates[t] * nv;
    /* intermediate tables alternate between the two halves of scratch */
    mc_q *bufs[2] = {scratch, scratch + total};
    unsigned which = 0;
    const mc_q *cur = f;
    size_t inner = nv; /* size of the block below component c in cur */
    size_t len = total;
    for (int c = (int)e->n; c >= 0; c--) {
        uint32_t K = e->ntypes[t][c];
        if (!w[c]) {
            inner *= K;
            continue;
        }
        if (K == 1)
            continue; /* a probability vector over one type is the point mass 1 */
        size_t outer = len / (inner * K);
        mc_q *dst = bufs[which];
        for (size_t o = 0; o < outer; o++) {
            const mc_q *src = cur + o * K * inner;
            mc_q *d = dst + o * inner;
            for (size_t v = 0; v < inner; v++)
                mc_q_set_i64(&d[v], 0);
            for (uint32_t k = 0; k < K; k++) {
                if (mc_q_is_zero(&w[c][k]))
                    continue;
                const mc_q *s = src + k * inner;
                for (size_t v = 0; v < inner; v++)
                    mc_q_addmul(&d[v], &s[v], &w[c][k]);
            }
        }
        cur = dst;
        which ^= 1;
        len = outer * inner;
    }
    for (size_t k = 0; k < len; k++)
        mc_q_set(&out[k], &cur[k]);
}
