/* gum/lemma-2 and gum/lemma-3 (App D): identities for the expected BTM
 * terms gamma^i = sum_t gamma^{BTM,i}_t (the total externality of i's
 * reports on the others, eq. 35 with factor c = 100 in App D) in terms of
 * the lies delta^i_t = p-hat^i_t - p^i_t on the martingale type process.
 *
 * Each instance samples pure strategy pairs -- maps from what an agent
 * knows to a report, drawn by hashing (seed, pair, agent, period, own type
 * history, public report history, and with past = 1 the other agent's true
 * past types) -- and computes both sides exactly by enumerating the chance
 * paths.  Reports at T are simultaneous, so p-hat^blue_T is independent of
 * p^red_T given the history (Lemma 3's hypothesis); pair 0 is truthful.
 *   Lemma 3 (75): E gamma^b = c E[ sum_{t<T} (d^r_t - d^r_{t-1}) d^b_t - d^r_{T-1} d^b_T
 *                                 + p^r_0 p^b_0 - p^r_T ph^b_T ]
 *           (76) as printed: the same with b, r swapped except the last
 *                term, printed - p^r_T ph^r_T; also checked as the mirror
 *                image of (75), - p^b_T ph^r_T.
 *   Lemma 2 (pairs with blue truthful in even rounds, red in odd rounds,
 *   both at T): (73) E gamma^b = c sum_t E(-d^r_{t-1} d^b_t)
 *                             = c sum_{k=1}^{floor((T-2)/2)} E(-d^r_{2k} d^b_{2k+1}),
 *               (74) E gamma^r = c sum_t E(-d^b_{t-1} d^r_t)
 *                             = c sum_{k=1}^{floor((T-1)/2)} E(-d^b_{2k-1} d^r_{2k}). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim/gum_checks.h"

#define B 1 /* blue */
#define R 2 /* red */
#define NQ 9 /* quantities accumulated per pair */

enum { Q_GB, Q_GR, Q_75, Q_76P, Q_76M, Q_73A, Q_73B, Q_74A, Q_74B };

static const char *const qname[NQ] = {
    "E gamma^blue", "E gamma^red", "RHS of (75)", "RHS of (76) as printed",
    "RHS of (76) mirrored from (75)", "RHS of (73), sum over t", "RHS of (73), even/odd sum",
    "RHS of (74), sum over t", "RHS of (74), even/odd sum"};

typedef struct l23 {
    const mc_gum_setup *s;
    const mc_gum_env *e;
    unsigned T, n;
    bool lemma2, past;
    uint64_t seed, pair;
    mc_q c;                                 /* the factor of (35) */
    mc_q *val[MC_GUM_MAX_T + 1][3];         /* numeric type values of blue and red */
    mc_q *gam[MC_GUM_MAX_T + 1][3];         /* gamma^i_t per (prev * nstates + cur) */
    mc_q acc[NQ];
    mc_q pb[MC_GUM_MAX_T + 1], pr[MC_GUM_MAX_T + 1]; /* true values along the path */
    mc_q hb[MC_GUM_MAX_T + 1], hr[MC_GUM_MAX_T + 1]; /* reported values */
    mc_q tmp, tmp2, sum;
    uint64_t paths;
} l23;

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + UINT64_C(0x9E3779B97F4A7C15) + (h << 6) + (h >> 2);
    h *= UINT64_C(0xBF58476D1CE4E5B9);
    return h ^ (h >> 31);
}

/* A type label's value: "3/10", "1/2", "30%". */
static mc_status label_value(const char *lab, mc_q *v, mc_error *err)
{
    size_t len = strlen(lab);
    if (len && lab[len - 1] == '%') {
        mc_q h = MC_Q_INT(100);
        mc_status st = mc_q_parse(v, lab, len - 1, err);
        if (st == MC_OK)
            st = mc_q_div(v, v, &h);
        return st;
    }
    return mc_q_parse(v, lab, len, err);
}

/* Report of agent i at t: truthful, or a hash of what it knows. */
static uint32_t report(const l23 *L, unsigned i, unsigned t, uint32_t truth, uint64_t own,
                       uint64_t pub, uint64_t other)
{
    uint32_t K = L->e->ntypes[t][i];
    if (L->pair == 0 || K == 1)
        return truth;
    if (L->lemma2 && (t == L->T || (i == B && t % 2 == 0) || (i == R && t % 2 == 1)))
        return truth;
    uint64_t h = mix(mix(mix(L->seed, L->pair), i), t);
    h = mix(mix(mix(h, own), pub), L->past ? other : 0);
    return (uint32_t)(h % K);
}

/* d = reported - true at t (0 at t = 0). */
static void delta(l23 *L, unsigned i, unsigned t, mc_q *d)
{
    if (t == 0)
        mc_q_set_i64(d, 0);
    else
        mc_q_sub(d, i == B ? &L->hb[t] : &L->hr[t], i == B ? &L->pb[t] : &L->pr[t]);
}

/* acc[q] += prob * c * (sum of products) at a leaf. */
static void leaf(l23 *L, const mc_q *prob, const mc_q *gb, const mc_q *gr)
{
    unsigned T = L->T;
    mc_q q[NQ], d1 = MC_Q_ZERO, d2 = MC_Q_ZERO, d3 = MC_Q_ZERO;
    for (int k = 0; k < NQ; k++)
        q[k] = MC_Q_ZERO;
    mc_q_set(&q[Q_GB], gb);
    mc_q_set(&q[Q_GR], gr);
    /* (75) and the two readings of (76) */
    for (unsigned t = 1; t + 1 <= T; t++) {
        for (int side = 0; side < 2; side++) {
            unsigned a = side ? B : R, b = side ? R : B; /* (75): a = red, b = blue */
            delta(L, a, t, &d1);
            delta(L, a, t - 1, &d2);
            mc_q_sub(&d1, &d1, &d2);
            delta(L, b, t, &d3);
            mc_q_mul(&d1, &d1, &d3);
            mc_q_add(&q[side ? Q_76P : Q_75], &q[side ? Q_76P : Q_75], &d1);
        }
    }
    for (int side = 0; side < 2; side++) {
        unsigned a = side ? B : R, b = side ? R : B;
        delta(L, a, T - 1, &d1);
        delta(L, b, T, &d3);
        mc_q_mul(&d1, &d1, &d3);
        mc_q_sub(&q[side ? Q_76P : Q_75], &q[side ? Q_76P : Q_75], &d1);
        mc_q_mul(&d1, &L->pb[0], &L->pr[0]);
        mc_q_add(&q[side ? Q_76P : Q_75], &q[side ? Q_76P : Q_75], &d1);
    }
    mc_q_set(&q[Q_76M], &q[Q_76P]);
    mc_q_mul(&d1, &L->pr[T], &L->hb[T]);
    mc_q_sub(&q[Q_75], &q[Q_75], &d1);
    mc_q_mul(&d1, &L->pr[T], &L->hr[T]); /* as printed */
    mc_q_sub(&q[Q_76P], &q[Q_76P], &d1);
    mc_q_mul(&d1, &L->pb[T], &L->hr[T]); /* the mirror image of (75) */
    mc_q_sub(&q[Q_76M], &q[Q_76M], &d1);
    /* Lemma 2 */
    for (unsigned t = 1; t <= T; t++) {
        delta(L, R, t - 1, &d1);
        delta(L, B, t, &d2);
        mc_q_mul(&d1, &d1, &d2);
        mc_q_sub(&q[Q_73A], &q[Q_73A], &d1);
        delta(L, B, t - 1, &d1);
        delta(L, R, t, &d2);
        mc_q_mul(&d1, &d1, &d2);
        mc_q_sub(&q[Q_74A], &q[Q_74A], &d1);
    }
    for (unsigned k = 1; T >= 2 && k <= (T - 2) / 2; k++) {
        delta(L, R, 2 * k, &d1);
        delta(L, B, 2 * k + 1, &d2);
        mc_q_mul(&d1, &d1, &d2);
        mc_q_sub(&q[Q_73B], &q[Q_73B], &d1);
    }
    for (unsigned k = 1; k <= (T - 1) / 2; k++) {
        delta(L, B, 2 * k - 1, &d1);
        delta(L, R, 2 * k, &d2);
        mc_q_mul(&d1, &d1, &d2);
        mc_q_sub(&q[Q_74B], &q[Q_74B], &d1);
    }
    for (int k = 0; k < NQ; k++) {
        if (k >= Q_75)
            mc_q_mul(&q[k], &q[k], &L->c);
        mc_q_addmul(&L->acc[k], prob, &q[k]);
        mc_q_clear(&q[k]);
    }
    mc_q_clear(&d1);
    mc_q_clear(&d2);
    mc_q_clear(&d3);
    L->paths++;
}

/* Period t: chance draws blue's and red's types, both report. */
static void walk(l23 *L, unsigned t, uint32_t tb, uint32_t tr, uint64_t prev, const mc_q *prob,
                 uint64_t ob, uint64_t orr, uint64_t pub, const mc_q *gb, const mc_q *gr)
{
    const mc_gum_env *e = L->e;
    if (t > L->T) {
        leaf(L, prob, gb, gr);
        return;
    }
    uint32_t th[MC_GUM_MAX_COMP];
    mc_gum_state_decode(e, t - 1, prev, th);
    uint32_t x = L->s->pol.chi[t - 1][prev];
    const mc_q *wb = mc_gum_trans(e, t, B, 0, tb, x), *wr = mc_gum_trans(e, t, R, 0, tr, x);
    mc_q p = MC_Q_ZERO, g1 = MC_Q_ZERO, g2 = MC_Q_ZERO;
    for (uint32_t nb = 0; nb < e->ntypes[t][B]; nb++)
        for (uint32_t nr = 0; nr < e->ntypes[t][R]; nr++) {
            if (mc_q_sgn(&wb[nb]) <= 0 || mc_q_sgn(&wr[nr]) <= 0)
                continue;
            mc_q_mul(&p, prob, &wb[nb]);
            mc_q_mul(&p, &p, &wr[nr]);
            uint64_t ob2 = mix(ob, nb), or2 = mix(orr, nr);
            uint32_t rb = report(L, B, t, nb, ob2, pub, orr);
            uint32_t rr = report(L, R, t, nr, or2, pub, ob);
            uint32_t cur[MC_GUM_MAX_COMP] = {0};
            cur[B] = rb;
            cur[R] = rr;
            uint64_t ci = mc_gum_state_index(e, t, cur);
            mc_q_set(&L->pb[t], &L->val[t][B][nb]);
            mc_q_set(&L->pr[t], &L->val[t][R][nr]);
            mc_q_set(&L->hb[t], &L->val[t][B][rb]);
            mc_q_set(&L->hr[t], &L->val[t][R][rr]);
            size_t at = prev * e->nstates[t] + ci;
            mc_q_add(&g1, gb, &L->gam[t][B][at]);
            mc_q_add(&g2, gr, &L->gam[t][R][at]);
            walk(L, t + 1, nb, nr, ci, &p, ob2, or2, mix(pub, ci), &g1, &g2);
        }
    mc_q_clear(&p);
    mc_q_clear(&g1);
    mc_q_clear(&g2);
}

static void l23_free(l23 *L)
{
    const mc_gum_env *e = L->e;
    for (unsigned t = 0; t <= L->T; t++)
        for (unsigned i = B; i <= R; i++) {
            if (L->val[t][i]) {
                mc_q_clear_vec(L->val[t][i], e->ntypes[t][i]);
                free(L->val[t][i]);
            }
            if (L->gam[t][i]) {
                mc_q_clear_vec(L->gam[t][i], (size_t)e->nstates[t - 1] * e->nstates[t]);
                free(L->gam[t][i]);
            }
        }
    for (int k = 0; k < NQ; k++)
        mc_q_clear(&L->acc[k]);
    for (unsigned t = 0; t <= MC_GUM_MAX_T; t++) {
        mc_q_clear(&L->pb[t]);
        mc_q_clear(&L->pr[t]);
        mc_q_clear(&L->hb[t]);
        mc_q_clear(&L->hr[t]);
    }
    mc_q_clear(&L->c);
    mc_q_clear(&L->tmp);
    mc_q_clear(&L->tmp2);
    mc_q_clear(&L->sum);
}

/* Type values and the gamma tables; the instance must be app-d or ex51
 * (blue and red are agents 1 and 2, the only ones with private types). */
static mc_status l23_init(l23 *L, const mc_gum_setup *s, mc_error *err)
{
    memset(L, 0, sizeof *L);
    L->s = s;
    L->e = &s->env;
    L->T = s->env.T;
    L->n = s->env.n;
    L->c = L->tmp = L->tmp2 = L->sum = MC_Q_ZERO;
    for (int k = 0; k < NQ; k++)
        L->acc[k] = MC_Q_ZERO;
    for (unsigned t = 0; t <= MC_GUM_MAX_T; t++)
        L->pb[t] = L->pr[t] = L->hb[t] = L->hr[t] = MC_Q_ZERO;
    const mc_gum_env *e = L->e;
    unsigned n = L->n;
    mc_status st = MC_OK;
    for (unsigned t = 0; t <= L->T && st == MC_OK; t++)
        for (unsigned i = B; i <= R && st == MC_OK; i++) {
            L->val[t][i] = malloc(e->ntypes[t][i] * sizeof *L->val[t][i]);
            if (!L->val[t][i])
                return mc_error_set(err, MC_ENOMEM, "lemma 2/3: out of memory");
            mc_q_init_vec(L->val[t][i], e->ntypes[t][i]);
            for (uint32_t k = 0; k < e->ntypes[t][i] && st == MC_OK; k++)
                st = label_value(e->type_label[t][i][k], &L->val[t][i][k], err);
        }
    mc_q *gamma = malloc((size_t)(n + 1) * n * sizeof *gamma);
    if (!gamma)
        return mc_error_set(err, MC_ENOMEM, "lemma 2/3: out of memory");
    mc_q_init_vec(gamma, (size_t)(n + 1) * n);
    for (unsigned t = 1; t <= L->T && st == MC_OK; t++) {
        size_t len = (size_t)e->nstates[t - 1] * e->nstates[t];
        for (unsigned i = B; i <= R; i++) {
            L->gam[t][i] = malloc(len * sizeof *L->gam[t][i]);
            if (!L->gam[t][i]) {
                st = mc_error_set(err, MC_ENOMEM, "lemma 2/3: out of memory");
                break;
            }
            mc_q_init_vec(L->gam[t][i], len);
        }
        for (uint64_t p = 0; p < e->nstates[t - 1] && st == MC_OK; p++)
            for (uint64_t c = 0; c < e->nstates[t] && st == MC_OK; c++) {
                st = mc_gum_btm_externalities(e, &s->pol, t, p, c, gamma, err);
                for (unsigned i = B; i <= R && st == MC_OK; i++) {
                    mc_q *g = &L->gam[t][i][p * e->nstates[t] + c];
                    for (unsigned j = 1; j <= n; j++)
                        if (j != i)
                            mc_q_add(g, g, &gamma[i * n + (j - 1)]);
                }
            }
    }
    mc_q_clear_vec(gamma, (size_t)(n + 1) * n);
    free(gamma);
    /* the factor of (35): 204 - 104 in App D; -g - hi on the Example 5.1 grid */
    if (st == MC_OK) {
        if (!strcmp(e->name, "app-d")) {
            mc_q_set_i64(&L->c, 100);
        } else {
            unsigned T = L->T;
            mc_q_neg(&L->c, &mc_gum_pay(e, T, 3, 0)[1]);
            mc_q_sub(&L->c, &L->c, &mc_gum_pay(e, T, B, 1)[1]);
        }
    }
    return st;
}

static mc_status run_lemma(const mc_instance *in, bool lemma2, mc_claim_result *res,
                           mc_error *err)
{
    mc_gum_setup s;
    mc_status st = mc_gum_setup_read(&s, in, err);
    if (st != MC_OK)
        return st;
    int64_t pairs, seed, dp = 48, ds = 1;
    if ((st = mc_inst_int(in, "pairs", 1, 100000, &dp, &pairs, err)) != MC_OK ||
        (st = mc_inst_int(in, "pair_seed", 0, INT64_MAX, &ds, &seed, err)) != MC_OK) {
        mc_gum_setup_free(&s);
        return st;
    }
    const mc_gum_env *e = &s.env;
    bool env_ok = (!strcmp(e->name, "app-d") || !strcmp(e->name, "ex51")) && e->T >= 2;
    if (s.kind != MC_GUM_KIND_BTM || !env_ok) {
        mc_claim_result_set(res, MC_NOT_APPLICABLE,
                            "the lemma is about BTM's terms on Example 5.1's type process: env = "
                            "app-d or ex51 (T >= 2), mech = btm");
        mc_gum_setup_free(&s);
        return MC_OK;
    }
    l23 L;
    if ((st = l23_init(&L, &s, err)) != MC_OK) {
        l23_free(&L);
        mc_gum_setup_free(&s);
        return st;
    }
    L.lemma2 = lemma2;
    L.past = s.past;
    L.seed = (uint64_t)seed;
    /* which identities: (75), (76) printed, (76) mirrored; or (73), (74) */
    static const int lhs3[3] = {Q_GB, Q_GR, Q_GR}, rhs3[3] = {Q_75, Q_76P, Q_76M};
    static const int lhs2[4] = {Q_GB, Q_GB, Q_GR, Q_GR}, rhs2[4] = {Q_73A, Q_73B, Q_74A, Q_74B};
    static const char *const id3[3] = {"(75)", "(76) as printed", "(76) mirrored from (75)"};
    static const char *const id2[4] = {"(73), first equality", "(73), second equality",
                                       "(74), first equality", "(74), second equality"};
    int nid = lemma2 ? 4 : 3;
    const int *lhs = lemma2 ? lhs2 : lhs3, *rhs = lemma2 ? rhs2 : rhs3;
    const char *const *ids = lemma2 ? id2 : id3;
    uint64_t fails[4] = {0};
    json_t *first[4] = {NULL};
    json_t *sample = json_array();
    mc_q one = MC_Q_INT(1), zero = MC_Q_ZERO, gap = MC_Q_ZERO;
    uint64_t root = mc_gum_state_index(e, 0, e->init);
    mc_q_set(&L.pb[0], &L.val[0][B][e->init[B]]);
    mc_q_set(&L.pr[0], &L.val[0][R][e->init[R]]);
    mc_q_set(&L.hb[0], &L.pb[0]);
    mc_q_set(&L.hr[0], &L.pr[0]);
    for (uint64_t k = 0; k < (uint64_t)pairs; k++) {
        L.pair = k;
        for (int q = 0; q < NQ; q++)
            mc_q_set_i64(&L.acc[q], 0);
        walk(&L, 1, e->init[B], e->init[R], root, &one, 0, 0, 0, &zero, &zero);
        json_t *row = NULL;
        for (int d = 0; d < nid; d++) {
            mc_q_sub(&gap, &L.acc[lhs[d]], &L.acc[rhs[d]]);
            if (mc_q_is_zero(&gap))
                continue;
            fails[d]++;
            if (!first[d])
                first[d] = json_pack("{s:I,s:s,s:o,s:s,s:o,s:o}", "pair", (json_int_t)k,
                                     "lhs", qname[lhs[d]], "lhs_value", mc_gum_jq(&L.acc[lhs[d]]),
                                     "rhs", qname[rhs[d]], "rhs_value", mc_gum_jq(&L.acc[rhs[d]]),
                                     "difference", mc_gum_jq(&gap));
        }
        if (k < 4) {
            row = json_pack("{s:I}", "pair", (json_int_t)k);
            for (int q = 0; q < NQ; q++)
                if (lemma2 ? (q <= Q_GR || q >= Q_73A) : q <= Q_76M)
                    json_object_set_new(row, qname[q], mc_gum_jq(&L.acc[q]));
            json_array_append_new(sample, row);
        }
    }
    res->nodes = L.paths;
    json_t *ident = json_array();
    uint64_t bad = 0;
    for (int d = 0; d < nid; d++) {
        json_t *o = json_pack("{s:s,s:I}", "identity", ids[d], "pairs_failing",
                              (json_int_t)fails[d]);
        if (first[d])
            json_object_set_new(o, "first_failure", first[d]);
        json_array_append_new(ident, o);
        /* the mirrored (76) is our reading, not the paper's statement */
        if (!(!lemma2 && d == 2))
            bad += fails[d];
    }
    res->witness = json_pack("{s:o,s:o,s:I,s:I,s:s,s:s,s:o,s:o}", "setup", mc_gum_jsetup(&s),
                             "factor_c", mc_gum_jq(&L.c), "pairs", (json_int_t)pairs, "pair_seed",
                             (json_int_t)seed, "strategies",
                             lemma2 ? "blue truthful in even rounds, red in odd rounds, both at "
                                      "T; other reports hashed from what the agent knows"
                                    : "reports hashed from what the agent knows (own types, "
                                      "public reports, and with past = 1 the other's true past "
                                      "types); simultaneous at T; pair 0 truthful",
                             "information", s.past ? "true past types observed" : "V0",
                             "identities", ident, "first_pairs", sample);
    if (!bad)
        mc_claim_result_set(res, MC_HOLDS,
                            "the identities hold exactly for all %lld sampled strategy pairs "
                            "(%llu chance paths)",
                            (long long)pairs, (unsigned long long)L.paths);
    else if (!lemma2 && fails[0] == 0 && fails[1] && fails[2] == 0)
        mc_claim_result_set(res, MC_FAILS,
                            "(75) holds for all %lld pairs, but (76) as printed fails for %llu of "
                            "them (the truthful pair included); its mirror image of (75), with "
                            "-p^blue_T p-hat^red_T as the last term, holds for all",
                            (long long)pairs, (unsigned long long)fails[1]);
    else
        mc_claim_result_set(res, MC_FAILS, "%llu (pair, identity) checks fail (see identities)",
                            (unsigned long long)bad);
    mc_q_clear(&gap);
    l23_free(&L);
    mc_gum_setup_free(&s);
    return MC_OK;
}

mc_status mc_gum_check_lemma2(const mc_instance *in, const mc_check_opts *o, mc_claim_result *res,
                              mc_error *err)
{
    (void)o;
    return run_lemma(in, true, res, err);
}

mc_status mc_gum_check_lemma3(const mc_instance *in, const mc_check_opts *o, mc_claim_result *res,
                              mc_error *err)
{
    (void)o;
    return run_lemma(in, false, res, err);
}
