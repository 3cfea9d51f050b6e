/* The tie-break term f_r / n_r of step (g) (spec 3.3).  The paper ranks
 * outcomes (omega, P) of revenue r "state first, then prices, where P
 * precedes P' if P_1 > P'_1, etc."; read on the proposal (omega*, K1) with
 * prices in N^n, n_r = |Omega| C(r+n-1, n-1) and
 * f_r = idx(omega*) C(r+n-1, n-1) + rank of K1 among the compositions of r
 * into n parts in decreasing-lexicographic order. */
#include "mech/perfect_revenue.h"

/* C(a, b) exactly (a >= b >= 0): a product of exact quotients. */
static void binomial(mc_q *r, int64_t a, int64_t b)
{
    mc_q num = MC_Q_ZERO, den = MC_Q_ZERO;
    mc_q_set_i64(r, 1);
    if (b > a - b)
        b = a - b;
    for (int64_t t = 1; t <= b; t++) {
        mc_q_set_i64(&num, a - b + t);
        mc_q_set_i64(&den, t);
        mc_q_mul(r, r, &num);
        mc_q_div(r, r, &den); /* den >= 1: cannot fail */
    }
    mc_q_clear(&num);
    mc_q_clear(&den);
}

void mc_pr_composition_rank(unsigned n, const int64_t *k, mc_q *rank, mc_q *count)
{
    int64_t r = 0;
    for (unsigned j = 0; j < n; j++)
        r += k[j];
    binomial(count, r + n - 1, n - 1);
    mc_q_set_i64(rank, 0);
    mc_q c = MC_Q_ZERO;
    /* compositions that precede k: a larger first part, or the same first
     * part and a preceding composition of the rest */
    int64_t rest = r;
    for (unsigned j = 0; j + 1 < n; j++) {
        unsigned parts = n - j - 1; /* parts after position j */
        for (int64_t v = k[j] + 1; v <= rest; v++) {
            binomial(&c, rest - v + parts - 1, parts - 1);
            mc_q_add(rank, rank, &c);
        }
        rest -= k[j];
    }
    mc_q_clear(&c);
}

void mc_pr_rank(const mc_pr_params *p, unsigned omega, const int64_t *k1, mc_q *f, mc_q *nr)
{
    if (p->rank == MC_PR_RANK_STATE) {
        mc_q_set_i64(f, omega);
        mc_q_set_i64(nr, p->nstates);
        return;
    }
    mc_q count = MC_Q_ZERO, idx = MC_Q_ZERO;
    mc_pr_composition_rank(p->n, k1, f, &count);
    mc_q_set_i64(&idx, omega);
    mc_q_addmul(f, &idx, &count);
    mc_q_set_i64(&idx, p->nstates);
    mc_q_mul(nr, &idx, &count);
    mc_q_clear(&count);
    mc_q_clear(&idx);
}
