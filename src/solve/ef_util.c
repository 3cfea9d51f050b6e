/* Small shared pieces of the extensive-form solvers: key interning, array
 * growth, per-depth generator buffers, player sets. */
#include <stdlib.h>
#include <string.h>

#include "solve/ef_internal.h"

/* ---- interning ------------------------------------------------------------- */

void ef_intern_init(ef_intern *t)
{
    memset(t, 0, sizeof *t);
}

void ef_intern_free(ef_intern *t)
{
    free(t->slot);
    free(t->hash);
    free(t->key_off);
    free(t->keys);
    ef_intern_init(t);
}

static uint64_t hash_key(const uint32_t *key, uint32_t len)
{
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ len;
    for (uint32_t i = 0; i < len; i++) {
        h ^= key[i];
        h *= 0xff51afd7ed558ccdULL;
        h ^= h >> 33;
    }
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 29;
    return h;
}

static bool key_equal(const ef_intern *t, uint32_t id, const uint32_t *key, uint32_t len)
{
    uint32_t off = t->key_off[id];
    return t->key_off[id + 1] - off == len && memcmp(t->keys + off, key, len * sizeof *key) == 0;
}

static uint32_t probe(const ef_intern *t, uint64_t h, const uint32_t *key, uint32_t len,
                      size_t *where)
{
    size_t mask = t->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        uint32_t s = t->slot[i];
        if (!s) {
            *where = i;
            return MC_EF_NONE;
        }
        if (t->hash[s - 1] == h && key_equal(t, s - 1, key, len))
            return s - 1;
    }
}

static bool rehash(ef_intern *t, size_t cap)
{
    uint32_t *slot = calloc(cap, sizeof *slot);
    if (!slot)
        return false;
    for (uint32_t id = 0; id < t->n; id++) {
        size_t i = t->hash[id] & (cap - 1);
        while (slot[i])
            i = (i + 1) & (cap - 1);
        slot[i] = id + 1;
    }
    free(t->slot);
    t->slot = slot;
    t->cap = cap;
    return true;
}

uint32_t ef_intern_id(ef_intern *t, const uint32_t *key, uint32_t len, bool *created)
{
    *created = false;
    if ((size_t)(t->n + 1) * 2 > t->cap && !rehash(t, t->cap ? t->cap * 2 : 64))
        return MC_EF_NONE;
    uint64_t h = hash_key(key, len);
    size_t where = 0; /* set by probe */
    uint32_t id = probe(t, h, key, len, &where);
    if (id != MC_EF_NONE)
        return id;
    if (t->n >= MC_EF_NONE - 1)
        return MC_EF_NONE;
    if (t->n + 2 > t->id_cap) {
        size_t cap = t->id_cap ? (size_t)t->id_cap * 2 : 64;
        uint64_t *hs = realloc(t->hash, cap * sizeof *hs);
        if (!hs)
            return MC_EF_NONE;
        t->hash = hs;
        uint32_t *ko = realloc(t->key_off, (cap + 1) * sizeof *ko);
        if (!ko)
            return MC_EF_NONE;
        t->key_off = ko;
        t->id_cap = (uint32_t)cap;
    }
    if (!ef_grow((void **)&t->keys, sizeof *t->keys, &t->keys_cap, t->keys_len + len))
        return MC_EF_NONE;
    if (t->n == 0)
        t->key_off[0] = 0;
    memcpy(t->keys + t->keys_len, key, len * sizeof *key);
    t->keys_len += len;
    id = t->n++;
    t->key_off[id + 1] = (uint32_t)t->keys_len;
    t->hash[id] = h;
    t->slot[where] = id + 1;
    *created = true;
    return id;
}

bool ef_grow(void **p, size_t sz, size_t *cap, size_t need)
{
    if (need <= *cap)
        return true;
    size_t c = *cap ? *cap : 16;
    while (c < need) {
        if (c > SIZE_MAX / 2 / sz)
            return false;
        c *= 2;
    }
    void *q = realloc(*p, c * sz);
    if (!q)
        return false;
    *p = q;
    *cap = c;
    return true;
}

/* ---- generator stack ------------------------------------------------------ */

void ef_genstack_init(ef_genstack *s, const mc_game *g)
{
    memset(s, 0, sizeof *s);
    s->g = g;
}

void ef_genstack_free(ef_genstack *s)
{
    for (size_t d = 0; d < s->cap; d++)
        mc_node_free(&s->node[d]);
    free(s->node);
    free(s->state);
    memset(s, 0, sizeof *s);
}

mc_status ef_genstack_ensure(ef_genstack *s, size_t d, mc_error *err)
{
    if (d < s->cap)
        return MC_OK;
    size_t cap = s->cap ? s->cap * 2 : 32;
    while (cap <= d)
        cap *= 2;
    mc_node *nodes = realloc(s->node, cap * sizeof *nodes);
    if (!nodes)
        return mc_error_set(err, MC_ENOMEM, "extensive form: out of memory");
    s->node = nodes;
    size_t ss = s->g->state_size ? s->g->state_size : 1;
    unsigned char *states = realloc(s->state, cap * ss);
    if (!states)
        return mc_error_set(err, MC_ENOMEM, "extensive form: out of memory");
    s->state = states;
    for (size_t k = s->cap; k < cap; k++)
        if (mc_node_init(&s->node[k], s->g->nplayers) != MC_OK) {
            s->cap = k;
            return mc_error_set(err, MC_ENOMEM, "extensive form: out of memory");
        }
    s->cap = cap;
    return MC_OK;
}

/* ---- nodes ------------------------------------------------------------------ */

void ef_slot_strides(const mc_ef *ef, uint32_t v, uint64_t *stride)
{
    unsigned n = ef->nmovers[v];
    uint64_t s = 1;
    for (unsigned k = n; k-- > 0;) {
        stride[k] = s;
        s *= ef->infosets[ef->slot_infoset[ef->aux[v] + k]].nactions;
    }
}

void ef_weighted_payoff(const mc_ef *ef, uint32_t t, const mc_q *weights, mc_q *out)
{
    const mc_q *pay = &ef->payoff[(size_t)t * ef->nplayers];
    mc_q_set_i64(out, 0);
    for (unsigned p = 0; p < ef->nplayers; p++)
        if (!mc_q_is_zero(&weights[p]))
            mc_q_addmul(out, &weights[p], &pay[p]);
}

/* ---- player sets ------------------------------------------------------------ */

mc_players mc_players_of_agent(const mc_agents *ag, unsigned agent)
{
    mc_players s = 0;
    for (unsigned p = 0; p < ag->nplayers; p++)
        if (ag->agent_of[p] == agent)
            s |= UINT64_C(1) << p;
    return s;
}

size_t mc_players_snprint(char *buf, size_t cap, mc_players s)
{
    size_t n = 0;
    char tmp[8];
    bool first = true;
    n += (size_t)snprintf(buf, cap, "{");
    for (unsigned p = 0; p < 64; p++) {
        if (!mc_players_has(s, p))
            continue;
        snprintf(tmp, sizeof tmp, "%s%u", first ? "" : ",", p + 1);
        first = false;
        n += (size_t)snprintf(n < cap ? buf + n : NULL, n < cap ? cap - n : 0, "%s", tmp);
    }
    n += (size_t)snprintf(n < cap ? buf + n : NULL, n < cap ? cap - n : 0, "}");
    return n;
}

mc_status mc_players_parse(const char *spec, unsigned nplayers, mc_players *out, mc_error *err)
{
    mc_players s = 0;
    const char *p = spec;
    for (;;) {
        if (*p < '0' || *p > '9')
            return mc_error_set(err, MC_EINPUT,
                                "players \"%s\": expected a player number at character %zu",
                                spec, (size_t)(p - spec) + 1);
        unsigned long v = 0;
        const char *start = p;
        while (*p >= '0' && *p <= '9') {
            v = v * 10 + (unsigned long)(*p - '0');
            if (v > 1000)
                break;
            p++;
        }
        if (v < 1 || v > nplayers)
            return mc_error_set(err, MC_EINPUT,
                                "players \"%s\": player %.*s at character %zu is not in 1..%u",
                                spec, (int)(p - start), start, (size_t)(start - spec) + 1,
                                nplayers);
        s |= UINT64_C(1) << (v - 1);
        if (*p == 0)
            break;
        if (*p != ',')
            return mc_error_set(err, MC_EINPUT,
                                "players \"%s\": expected ',' at character %zu", spec,
                                (size_t)(p - spec) + 1);
        p++;
    }
    *out = s;
    return MC_OK;
}

void ef_weights_of(const mc_ef *ef, mc_players s, mc_q *w)
{
    for (unsigned p = 0; p < ef->nplayers; p++)
        w[p] = (mc_q)MC_Q_INT(mc_players_has(s, p));
}

uint32_t ef_node_infoset_of(const mc_ef *ef, uint32_t v, unsigned p)
{
    if (ef->kind[v] != MC_NODE_DECISION)
        return MC_EF_NONE;
    for (unsigned k = 0; k < ef->nmovers[v]; k++) {
        uint32_t i = ef->slot_infoset[ef->aux[v] + k];
        if (ef->infosets[i].player == p)
            return i;
    }
    return MC_EF_NONE;
}
