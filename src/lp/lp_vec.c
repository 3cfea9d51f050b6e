/* Vectors of initialised GMP numbers for the exact linear algebra, and of
 * mc_q for the results. */
#include <stdlib.h>

#include "lp/lp_internal.h"

mpq_t *mc_mpq_vec(size_t n)
{
    mpq_t *v = malloc((n ? n : 1) * sizeof *v);
    if (v)
        for (size_t i = 0; i < n; i++)
            mpq_init(v[i]);
    return v;
}

void mc_mpq_vec_free(mpq_t *v, size_t n)
{
    if (!v)
        return;
    for (size_t i = 0; i < n; i++)
        mpq_clear(v[i]);
    free(v);
}

mpq_t *mc_mpq_vec_of(const mc_q *v, size_t n)
{
    mpq_t *q = mc_mpq_vec(n);
    if (q)
        for (size_t i = 0; i < n; i++)
            mc_q_get_mpq(q[i], &v[i]);
    return q;
}

mpz_t *mc_mpz_vec(size_t n)
{
    mpz_t *v = malloc((n ? n : 1) * sizeof *v);
    if (v)
        for (size_t i = 0; i < n; i++)
            mpz_init(v[i]);
    return v;
}

void mc_mpz_vec_free(mpz_t *v, size_t n)
{
    if (!v)
        return;
    for (size_t i = 0; i < n; i++)
        mpz_clear(v[i]);
    free(v);
}

mc_q *mc_lp_q_vec(size_t n)
{
    mc_q *v = malloc((n ? n : 1) * sizeof *v);
    if (v)
        mc_q_init_vec(v, n);
    return v;
}

void mc_lp_q_vec_free(mc_q **v, size_t n)
{
    if (*v) {
        mc_q_clear_vec(*v, n);
        free(*v);
        *v = NULL;
    }
}

bool mc_lp_set_q_vec(mc_q **slot, size_t old_n, const mpq_t *v, size_t n)
{
    mc_q *q = mc_lp_q_vec(n);
    if (!q)
        return false;
    for (size_t i = 0; i < n; i++)
        mc_q_set_mpq(&q[i], v[i]);
    mc_lp_q_vec_free(slot, old_n);
    *slot = q;
    return true;
}
