/* Surviving-strategy sets: one bitset per agent in one contiguous array, so
 * a whole state can be copied, compared and hashed as bytes. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechcheck/sform.h"

mc_status mc_survivors_init(mc_survivors *sv, const mc_sform *sf, mc_error *err)
{
    memset(sv, 0, sizeof *sv);
    sv->nagents = sf->nagents;
    size_t words = 0;
    for (unsigned a = 0; a < sf->nagents; a++) {
        sv->nstrategies[a] = sf->nstrategies[a];
        sv->count[a] = sf->nstrategies[a];
        sv->word_offset[a] = words;
        words += (sf->nstrategies[a] + 63) / 64;
    }
    sv->word_offset[sf->nagents] = words;
    sv->bits = calloc(words ? words : 1, sizeof *sv->bits);
    if (!sv->bits)
        return mc_error_set(err, MC_ENOMEM, "surviving sets: out of memory");
    for (unsigned a = 0; a < sf->nagents; a++) {
        uint32_t n = sf->nstrategies[a];
        uint64_t *w = sv->bits + sv->word_offset[a];
        for (uint32_t i = 0; i < n / 64; i++)
            w[i] = UINT64_MAX;
        if (n % 64)
            w[n / 64] = (UINT64_C(1) << (n % 64)) - 1;
    }
    return MC_OK;
}

mc_status mc_survivors_copy(mc_survivors *dst, const mc_survivors *src, mc_error *err)
{
    *dst = *src;
    size_t words = src->word_offset[src->nagents];
    dst->bits = malloc((words ? words : 1) * sizeof *dst->bits);
    if (!dst->bits)
        return mc_error_set(err, MC_ENOMEM, "surviving sets: out of memory");
    memcpy(dst->bits, src->bits, words * sizeof *dst->bits);
    return MC_OK;
}

void mc_survivors_assign(mc_survivors *dst, const mc_survivors *src)
{
    uint64_t *bits = dst->bits;
    *dst = *src;
    dst->bits = bits;
    memcpy(dst->bits, src->bits, src->word_offset[src->nagents] * sizeof *dst->bits);
}

void mc_survivors_free(mc_survivors *sv)
{
    free(sv->bits);
    memset(sv, 0, sizeof *sv);
}

void mc_survivors_remove(mc_survivors *sv, unsigned agent, uint32_t s)
{
    uint64_t *w = &sv->bits[sv->word_offset[agent] + s / 64];
    uint64_t m = UINT64_C(1) << (s % 64);
    if (*w & m) {
        *w &= ~m;
        sv->count[agent]--;
    }
}

void mc_survivors_add(mc_survivors *sv, unsigned agent, uint32_t s)
{
    uint64_t *w = &sv->bits[sv->word_offset[agent] + s / 64];
    uint64_t m = UINT64_C(1) << (s % 64);
    if (!(*w & m)) {
        *w |= m;
        sv->count[agent]++;
    }
}

void mc_survivors_keep_only(mc_survivors *sv, unsigned agent, const uint32_t *keep, size_t nkeep)
{
    memset(sv->bits + sv->word_offset[agent], 0,
           (sv->word_offset[agent + 1] - sv->word_offset[agent]) * sizeof *sv->bits);
    sv->count[agent] = 0;
    for (size_t i = 0; i < nkeep; i++)
        if (keep[i] < sv->nstrategies[agent])
            mc_survivors_add(sv, agent, keep[i]);
}

bool mc_survivors_equal(const mc_survivors *a, const mc_survivors *b)
{
    if (a->nagents != b->nagents || a->word_offset[a->nagents] != b->word_offset[b->nagents])
        return false;
    return memcmp(a->bits, b->bits, a->word_offset[a->nagents] * sizeof *a->bits) == 0;
}

uint64_t mc_survivors_nprofiles(const mc_survivors *sv)
{
    uint64_t n = 1;
    for (unsigned a = 0; a < sv->nagents; a++) {
        if (sv->count[a] && n > UINT64_MAX / sv->count[a])
            return UINT64_MAX;
        n *= sv->count[a];
    }
    return n;
}

size_t mc_survivors_snprint(char *buf, size_t cap, const mc_survivors *sv, unsigned agent)
{
    size_t len = 0;
    if (cap)
        buf[0] = '\0';
    for (uint32_t s = 0; s < sv->nstrategies[agent]; s++) {
        if (!mc_survivors_has(sv, agent, s))
            continue;
        int k = snprintf(len < cap ? buf + len : NULL, len < cap ? cap - len : 0, "%s%" PRIu32,
                         len ? "," : "", s + 1);
        len += (size_t)k;
    }
    return len;
}
