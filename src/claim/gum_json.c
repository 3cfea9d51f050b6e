/* JSON renderings of exact numbers, vectors and report profiles for the
 * seed-004 witnesses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim/gum_claims.h"

json_t *mc_gum_jq(const mc_q *q)
{
    char *s = mc_q_strdup(q);
    json_t *v = s ? json_string(s) : json_null();
    free(s);
    return v;
}

json_t *mc_gum_jvec(const mc_q *v, unsigned n)
{
    json_t *a = json_array();
    for (unsigned i = 0; a && i < n; i++)
        json_array_append_new(a, mc_gum_jq(&v[i]));
    return a;
}

json_t *mc_gum_jagents(const mc_gum_env *e, const mc_q *v)
{
    json_t *o = json_object();
    for (unsigned i = 1; o && i <= e->n; i++)
        json_object_set_new(o, e->agent_name[i], mc_gum_jq(&v[i - 1]));
    return o;
}

json_t *mc_gum_jstate(const mc_gum_env *e, unsigned t, uint64_t state)
{
    uint32_t th[MC_GUM_MAX_COMP];
    mc_gum_state_decode(e, t, state, th);
    json_t *o = json_object();
    if (o && e->ntypes[t][0] > 1)
        json_object_set_new(o, "public", json_string(e->type_label[t][0][th[0]]));
    for (unsigned i = 1; o && i <= e->n; i++)
        if (e->ntypes[t][i] > 1)
            json_object_set_new(o, e->agent_name[i], json_string(e->type_label[t][i][th[i]]));
    return o;
}

json_t *mc_gum_jsetup(const mc_gum_setup *s)
{
    char order[64];
    size_t len = 0;
    for (unsigned k = 0; k < s->env.n; k++)
        len += (size_t)snprintf(order + len, sizeof order - len, k ? ",%s" : "%s",
                                s->env.agent_name[s->order[k]]);
    return json_pack("{s:s,s:s,s:s,s:s,s:b,s:i,s:i,s:o,s:b}", "environment", s->env.name,
                     "mechanism", s->mech_name, "order", order, "information",
                     mc_gum_info_name(s->gopts.info), "past_types_observed", s->past, "agents",
                     (int)s->env.n, "periods", (int)s->env.T, "W*", mc_gum_jq(&s->pol.W),
                     "policy_efficient", s->policy_efficient);
}

void mc_gum_item(json_t *items, const char *what, const char *source, const char *expected,
                 const char *computed, bool *ok)
{
    bool match = !strcmp(expected, computed);
    if (!match)
        *ok = false;
    json_array_append_new(items, json_pack("{s:s,s:s,s:s,s:s,s:b}", "what", what, "source", source,
                                           "expected", expected, "computed", computed, "match",
                                           match));
}

void mc_gum_item_q(json_t *items, const char *what, const char *source, const char *expected,
                   const mc_q *computed, bool *ok)
{
    char buf[128];
    mc_q_snprint(buf, sizeof buf, computed);
    mc_gum_item(items, what, source, expected, buf, ok);
}

void mc_gum_vec_str(const mc_q *v, unsigned n, char *buf, size_t cap)
{
    size_t len = (size_t)snprintf(buf, cap, "(");
    for (unsigned i = 0; i < n && len < cap; i++) {
        len += mc_q_snprint(buf + len, cap - len, &v[i]);
        if (len < cap)
            len += (size_t)snprintf(buf + len, cap - len, i + 1 < n ? ", " : ")");
    }
}

mc_status mc_gum_instance_with(mc_instance *dst, const mc_instance *src, const char *key,
                               const char *value, mc_error *err)
{
    mc_status st = mc_instance_copy(dst, src, err);
    if (st != MC_OK)
        return st;
    if (json_object_set_new(dst->params, key, json_string(value)) != 0) {
        mc_instance_free(dst);
        return mc_error_set(err, MC_ENOMEM, "instance: out of memory");
    }
    return MC_OK;
}
