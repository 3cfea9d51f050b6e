/* Pure Nash equilibria by best-response marking (see nash.h). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "mechcheck/nash.h"
#include "solve/sform_internal.h"

mc_status mc_nash_pure(const mc_sform *sf, const mc_survivors *survivors, uint64_t max_profiles,
                       mc_nash_result *res, mc_error *err)
{
    memset(res, 0, sizeof *res);
    if (max_profiles == 0)
        max_profiles = MC_SFORM_DEFAULT_MAX_PROFILES;
    if (sf->nprofiles > max_profiles)
        return mc_error_set(err, MC_ELIMIT,
                            "pure Nash: %" PRIu64 " profiles, over the limit of %" PRIu64
                            " profiles",
                            sf->nprofiles, max_profiles);
    if (survivors) {
        if (survivors->nagents != sf->nagents)
            return mc_error_set(err, MC_EINPUT,
                                "pure Nash: the surviving sets do not fit the form");
        for (unsigned a = 0; a < sf->nagents; a++)
            if (survivors->nstrategies[a] != sf->nstrategies[a] || survivors->count[a] == 0)
                return mc_error_set(err, MC_EINPUT,
                                    "pure Nash: the surviving sets do not fit agent %u", a + 1);
    }
    /* mark[p]: 0 = not an equilibrium, 1 = best response for every agent so
     * far, 2 = ... and uniquely so (strict) */
    uint8_t *mark = calloc(sf->nprofiles, 1);
    uint64_t ntau = 0;
    for (unsigned a = 0; a < sf->nagents; a++)
        ntau =
            sf->nprofiles / sf->nstrategies[a] > ntau ? sf->nprofiles / sf->nstrategies[a] : ntau;
    uint64_t *base = malloc(ntau * sizeof *base);
    if (!mark || !base) {
        free(mark);
        free(base);
        return mc_error_set(err, MC_ENOMEM, "pure Nash: out of memory for %" PRIu64 " profiles",
                            sf->nprofiles);
    }
    /* surviving profiles start as candidates */
    uint64_t k = mc_sform_others(sf, survivors, 0, base, NULL);
    for (uint64_t m = 0; m < k; m++)
        for (uint32_t s = mc_sv_next(sf, survivors, 0, 0); s < sf->nstrategies[0];
             s = mc_sv_next(sf, survivors, 0, s + 1))
            mark[base[m] + s * sf->stride[0]] = 2;

    for (unsigned a = 0; a < sf->nagents; a++) {
        uint64_t st = sf->stride[a];
        uint32_t first = mc_sv_next(sf, survivors, a, 0), n = sf->nstrategies[a];
        k = mc_sform_others(sf, survivors, a, base, NULL);
        for (uint64_t m = 0; m < k; m++) {
            const mc_q *best = mc_sform_payoff(sf, base[m] + first * st, a);
            uint32_t nbest = 1;
            for (uint32_t s = mc_sv_next(sf, survivors, a, first + 1); s < n;
                 s = mc_sv_next(sf, survivors, a, s + 1)) {
                const mc_q *u = mc_sform_payoff(sf, base[m] + s * st, a);
                int c = mc_q_cmp(u, best);
                if (c > 0) {
                    best = u;
                    nbest = 1;
                } else if (c == 0) {
                    nbest++;
                }
            }
            for (uint32_t s = first; s < n; s = mc_sv_next(sf, survivors, a, s + 1)) {
                uint64_t p = base[m] + s * st;
                if (!mark[p])
                    continue;
                if (mc_q_cmp(mc_sform_payoff(sf, p, a), best) < 0)
                    mark[p] = 0;
                else if (nbest > 1)
                    mark[p] = 1;
            }
        }
    }
    size_t count = 0;
    for (uint64_t p = 0; p < sf->nprofiles; p++)
        count += mark[p] != 0;
    res->profile = malloc((count ? count : 1) * sizeof *res->profile);
    res->strict = malloc((count ? count : 1) * sizeof *res->strict);
    mc_status status = MC_OK;
    if (!res->profile || !res->strict) {
        status = mc_error_set(err, MC_ENOMEM, "pure Nash: out of memory for %zu equilibria", count);
    } else {
        for (uint64_t p = 0; p < sf->nprofiles; p++)
            if (mark[p]) {
                res->profile[res->count] = p;
                res->strict[res->count++] = mark[p] == 2;
            }
    }
    free(mark);
    free(base);
    return status;
}

void mc_nash_result_free(mc_nash_result *res)
{
    free(res->profile);
    free(res->strict);
    memset(res, 0, sizeof *res);
}
