/* Number -> index maps for file readers (see idmap.h). */
#include <stdlib.h>
#include <string.h>

#include "game/idmap.h"

/* A number goes into the dense array while it is below this bound, so the
 * array never holds more than about twice the entries plus a constant. */
static uint64_t dense_bound(const mc_idmap_space *s)
{
    return 2 * (uint64_t)s->count + 1024;
}

bool mc_idmap_init(mc_idmap *m, unsigned nspaces)
{
    memset(m, 0, sizeof *m);
    m->spaces = calloc(nspaces ? nspaces : 1, sizeof *m->spaces);
    if (!m->spaces)
        return false;
    m->nspaces = nspaces;
    return true;
}

void mc_idmap_free(mc_idmap *m)
{
    if (m->spaces)
        for (unsigned i = 0; i < m->nspaces; i++)
            free(m->spaces[i].dense);
    free(m->spaces);
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

static uint64_t hash_key(uint64_t k)
{
    k ^= k >> 33;
    k *= UINT64_C(0xff51afd7ed558ccd);
    k ^= k >> 33;
    k *= UINT64_C(0xc4ceb9fe1a85ec53);
    k ^= k >> 33;
    return k;
}

static uint64_t make_key(unsigned space, uint32_t number)
{
    return (((uint64_t)space << 32) | number) + 1;
}

uint32_t mc_idmap_get(const mc_idmap *m, unsigned space, uint32_t number)
{
    const mc_idmap_space *s = &m->spaces[space];
    if (number < s->dense_len && s->dense[number])
        return s->dense[number] - 1;
    if (m->used == 0)
        return MC_IDMAP_NONE;
    uint64_t key = make_key(space, number), mask = m->cap - 1;
    for (uint64_t i = hash_key(key) & mask;; i = (i + 1) & mask) {
        if (m->keys[i] == key)
            return m->vals[i];
        if (m->keys[i] == 0)
            return MC_IDMAP_NONE;
    }
}

static bool hash_grow(mc_idmap *m)
{
    uint64_t cap = m->cap ? m->cap * 2 : 64;
    uint64_t *keys = calloc(cap, sizeof *keys);
    uint32_t *vals = malloc(cap * sizeof *vals);
    if (!keys || !vals) {
        free(keys);
        free(vals);
        return false;
    }
    for (uint64_t j = 0; j < m->cap; j++) {
        if (!m->keys[j])
            continue;
        uint64_t i = hash_key(m->keys[j]) & (cap - 1);
        while (keys[i])
            i = (i + 1) & (cap - 1);
        keys[i] = m->keys[j];
        vals[i] = m->vals[j];
    }
    free(m->keys);
    free(m->vals);
    m->keys = keys;
    m->vals = vals;
    m->cap = cap;
    return true;
}

bool mc_idmap_put(mc_idmap *m, unsigned space, uint32_t number, uint32_t value)
{
    mc_idmap_space *s = &m->spaces[space];
    if (number < s->dense_len || (number < dense_bound(s) && number < UINT32_MAX - 1)) {
        if (number >= s->dense_len) {
            uint64_t len = s->dense_len ? (uint64_t)s->dense_len * 2 : 64;
            while (len <= number)
                len *= 2;
            if (len > UINT32_MAX)
                len = UINT32_MAX;
            uint32_t *d = realloc(s->dense, len * sizeof *d);
            if (!d)
                return false;
            memset(d + s->dense_len, 0, (len - s->dense_len) * sizeof *d);
            s->dense = d;
            s->dense_len = (uint32_t)len;
        }
        s->dense[number] = value + 1;
        s->count++;
        return true;
    }
    if ((m->used + 1) * 2 > m->cap && !hash_grow(m))
        return false;
    uint64_t key = make_key(space, number), mask = m->cap - 1;
    uint64_t i = hash_key(key) & mask;
    while (m->keys[i])
        i = (i + 1) & mask;
    m->keys[i] = key;
    m->vals[i] = value;
    m->used++;
    s->count++;
    return true;
}
