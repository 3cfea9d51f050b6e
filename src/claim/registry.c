/* The registered papers.  Adding a paper is one line in each list below:
 * its mc_paper_<id> is defined next to its claims.  Tests may register
 * extra papers at run time. */
#include <string.h>

#include "mechcheck/claim.h"

extern const mc_paper mc_paper_synthetic;
extern const mc_paper mc_paper_perfect_revenue;
extern const mc_paper mc_paper_gum;

static const mc_paper *const papers[] = {
    &mc_paper_synthetic,
    &mc_paper_perfect_revenue,
    &mc_paper_gum,
};
#define NPAPERS (sizeof papers / sizeof papers[0])

#define MAX_EXTRA 8
static const mc_paper *extra[MAX_EXTRA];
static size_t nextra;

/* mc_papers hands out one contiguous array; the papers live in their own
 * files, so it is a copy. */
static mc_paper paper_array[NPAPERS + MAX_EXTRA];

static const mc_paper *paper_at(size_t i)
{
    return i < NPAPERS ? papers[i] : extra[i - NPAPERS];
}

size_t mc_papers(const mc_paper **out)
{
    size_t n = NPAPERS + nextra;
    for (size_t i = 0; i < n; i++)
        paper_array[i] = *paper_at(i);
    if (out)
        *out = paper_array;
    return n;
}

mc_status mc_paper_register(const mc_paper *p, mc_error *err)
{
    if (mc_paper_find(p->id))
        return mc_error_set(err, MC_EINPUT, "paper '%s' is already registered", p->id);
    if (nextra == MAX_EXTRA)
        return mc_error_set(err, MC_ENOMEM, "too many extra papers (at most %d)", MAX_EXTRA);
    extra[nextra++] = p;
    return MC_OK;
}

void mc_paper_unregister(const mc_paper *p)
{
    for (size_t i = 0; i < nextra; i++)
        if (extra[i] == p) {
            memmove(&extra[i], &extra[i + 1], (nextra - i - 1) * sizeof extra[0]);
            nextra--;
            return;
        }
}

const mc_paper *mc_paper_find(const char *id)
{
    for (size_t i = 0; i < NPAPERS + nextra; i++)
        if (strcmp(paper_at(i)->id, id) == 0)
            return paper_at(i);
    return NULL;
}

const mc_claim *mc_claim_find(const char *id)
{
    for (size_t i = 0; i < NPAPERS + nextra; i++)
        for (size_t j = 0; j < paper_at(i)->nclaims; j++)
            if (strcmp(paper_at(i)->claims[j].id, id) == 0)
                return &paper_at(i)->claims[j];
    return NULL;
}

const mc_mechanism *mc_mechanism_find(const char *id)
{
    for (size_t i = 0; i < NPAPERS + nextra; i++)
        for (size_t j = 0; j < paper_at(i)->nmechanisms; j++)
            if (strcmp(paper_at(i)->mechanisms[j].id, id) == 0)
                return &paper_at(i)->mechanisms[j];
    return NULL;
}
