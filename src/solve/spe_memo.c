/* Memo of solved subgames, keyed by the generator's canonical state key
 * (uthash over entries carved from an arena: no malloc per entry). */
#include <stdlib.h>
#include <string.h>
#include <uthash.h>

#include "spe_internal.h"

struct spe_memo_entry {
    UT_hash_handle hh;
    uint64_t choice;
    mc_q value[]; /* nplayers values, then the key bytes */
};

typedef struct arena_chunk {
    struct arena_chunk *next;
    size_t used, cap;
    _Alignas(max_align_t) unsigned char data[];
} arena_chunk;

struct spe_memo {
    spe_memo_entry *table;
    arena_chunk *chunks;
    size_t key_size;
    unsigned nplayers;
    uint64_t count;
};

spe_memo *spe_memo_new(size_t key_size, unsigned nplayers)
{
    spe_memo *m = calloc(1, sizeof *m);
    if (m) {
        m->key_size = key_size;
        m->nplayers = nplayers;
    }
    return m;
}

void spe_memo_free(spe_memo *m)
{
    if (!m)
        return;
    spe_memo_entry *e, *tmp;
    HASH_ITER(hh, m->table, e, tmp)
    {
        HASH_DELETE(hh, m->table, e);
        mc_q_clear_vec(e->value, m->nplayers);
    }
    for (arena_chunk *c = m->chunks, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    free(m);
}

static void *arena_alloc(spe_memo *m, size_t size)
{
    size = (size + 15) & ~(size_t)15;
    arena_chunk *c = m->chunks;
    if (!c || c->used + size > c->cap) {
        size_t cap = size > (1u << 20) ? size : (1u << 20);
        c = malloc(sizeof *c + cap);
        if (!c)
            return NULL;
        c->next = m->chunks;
        c->used = 0;
        c->cap = cap;
        m->chunks = c;
    }
    void *p = c->data + c->used;
    c->used += size;
    return p;
}

spe_memo_entry *spe_memo_find(const spe_memo *m, const void *key, size_t len)
{
    spe_memo_entry *e;
    HASH_FIND(hh, m->table, key, len, e);
    return e;
}

spe_memo_entry *spe_memo_add(spe_memo *m, const void *key, size_t len, const mc_q *value,
                             uint64_t choice)
{
    spe_memo_entry *e = arena_alloc(m, sizeof *e + m->nplayers * sizeof(mc_q) + len);
    if (!e)
        return NULL;
    e->choice = choice;
    for (unsigned p = 0; p < m->nplayers; p++) {
        e->value[p] = MC_Q_ZERO;
        mc_q_set(&e->value[p], &value[p]);
    }
    unsigned char *k = (unsigned char *)(e->value + m->nplayers);
    memcpy(k, key, len);
    HASH_ADD_KEYPTR(hh, m->table, k, len, e);
    m->count++;
    return e;
}

const mc_q *spe_memo_value(const spe_memo_entry *e)
{
    return e->value;
}

uint64_t spe_memo_choice(const spe_memo_entry *e)
{
    return e->choice;
}

uint64_t spe_memo_count(const spe_memo *m)
{
    return m ? m->count : 0;
}
