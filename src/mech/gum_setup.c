/* Instances of mechanism "gum/dynamic": parameter reading, building the
 * environment, policy, mechanism and game, efficient implementations, and
 * shrinking of random instances. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mech/gum_setup.h"



void mc_gum_setup_free(mc_gum_setup *s)
{
    if (s->mechs) {
        for (size_t k = 0; k < s->nmechs; k++)
            mc_gum_mech_free(&s->mechs[k]);
        free(s->mechs);
    }
    mc_gum_policy_free(&s->pol);
    mc_gum_env_free(&s->env);
    mc_q_clear(&s->gopts.bound);
    memset(s, 0, sizeof *s);
}

static mc_status read_env(mc_gum_setup *s, const mc_instance *in, mc_error *err)
{
    const char *env = NULL;
    mc_status st = mc_inst_string(in, "env", "r4", &env, err);
    if (st != MC_OK)
        return st;
    mc_gum_env *e = &s->env;
    if (!strcmp(env, "r4"))
        return mc_gum_env_r4(e, err);
    if (!strcmp(env, "app-e3"))
        return mc_gum_env_app_e3(e, err);
    if (!strcmp(env, "dpm52"))
        return mc_gum_env_dpm52(e, err);
    if (!strcmp(env, "app-d")) {
        int64_t n, dn = 3;
        mc_q big = MC_Q_ZERO, eps = MC_Q_ZERO;
        if ((st = mc_inst_int(in, "n", 3, MC_GUM_MAX_AGENTS, &dn, &n, err)) == MC_OK &&
            (st = mc_inst_q(in, "big", "1e42", &big, err)) == MC_OK &&
            (st = mc_inst_q(in, "eps", "3", &eps, err)) == MC_OK)
            st = mc_gum_env_app_d(e, (unsigned)n, &big, &eps, err);
        mc_q_clear(&big);
        mc_q_clear(&eps);
        return st;
    }
    if (!strcmp(env, "ex51")) {
        int64_t T, dT = 3;
        mc_q lo = MC_Q_ZERO, hi = MC_Q_ZERO, g = MC_Q_ZERO;
        if ((st = mc_inst_int(in, "T", 1, MC_GUM_MAX_T, &dT, &T, err)) == MC_OK &&
            (st = mc_inst_q(in, "lo", "5", &lo, err)) == MC_OK &&
            (st = mc_inst_q(in, "hi", "100", &hi, err)) == MC_OK &&
            (st = mc_inst_q(in, "g", "-150", &g, err)) == MC_OK)
            st = mc_gum_env_ex51(e, (unsigned)T, &lo, &hi, &g, err);
        mc_q_clear(&lo);
        mc_q_clear(&hi);
        mc_q_clear(&g);
        return st;
    }
    if (!strcmp(env, "app-g")) {
        int64_t m, dummy, dm = 5, dd = 1;
        const char *sign0;
        if ((st = mc_inst_int(in, "grid", 2, MC_GUM_MAX_TYPES, &dm, &m, err)) != MC_OK ||
            (st = mc_inst_int(in, "dummy", 0, 1, &dd, &dummy, err)) != MC_OK ||
            (st = mc_inst_string(in, "sign0", "plus", &sign0, err)) != MC_OK)
            return st;
        if (strcmp(sign0, "plus") && strcmp(sign0, "minus"))
            return mc_error_set(err, MC_EINPUT,
                                "instance %s: parameter 'sign0' must be plus or minus, not '%s'",
                                in->origin, sign0);
        s->sign0 = !strcmp(sign0, "plus") ? 1 : -1;
        return mc_gum_env_app_g(e, (unsigned)m, dummy != 0, err);
    }
    if (!strcmp(env, "random")) {
        mc_gum_random_spec sp;
        mc_gum_random_spec_default(&sp);
        int64_t v, d;
        const char *support;
#define RD(key, lo, hi, def, field)                                              \
    do {                                                                         \
        d = (def);                                                               \
        if ((st = mc_inst_int(in, key, lo, hi, &d, &v, err)) != MC_OK)           \
            return st;                                                           \
        sp.field = v;                                                            \
    } while (0)
        RD("n", 1, MC_GUM_MAX_AGENTS, 3, n);
        RD("T", 1, MC_GUM_MAX_T, 2, T);
        RD("k", 1, MC_GUM_MAX_TYPES, 2, kmin);
        RD("kmax", (int64_t)sp.kmin, MC_GUM_MAX_TYPES, sp.kmin, kmax);
        RD("x", 1, MC_GUM_MAX_X, 2, xmin);
        sp.xmax = sp.xmin;
        RD("public", 1, MC_GUM_MAX_TYPES, 1, public_types);
        RD("den", 1, 1000000, 6, den);
        RD("umin", -1000000, 1000000, -5, umin);
        RD("umax", sp.umin, 1000000, 5, umax);
        RD("seed", 0, INT64_MAX, 1, seed);
        RD("dd", 0, 1, 1, decision_dependent);
        RD("iid", 0, 1, 0, iid);
#undef RD
        if ((st = mc_inst_string(in, "support", "full", &support, err)) != MC_OK)
            return st;
        if (strcmp(support, "full") && strcmp(support, "partial"))
            return mc_error_set(err, MC_EINPUT,
                                "instance %s: parameter 'support' must be full or partial",
                                in->origin);
        sp.full_support = !strcmp(support, "full");
        return mc_gum_env_random(e, &sp, err);
    }
    return mc_error_set(err, MC_EINPUT,
                        "instance %s: parameter 'env' must be r4, app-e3, dpm52, app-d, ex51, "
                        "app-g or random, not '%s'",
                        in->origin, env);
}

uint64_t mc_gum_count_impl(const mc_gum_policy *p)
{
    const mc_gum_env *e = p->env;
    uint64_t total = 1;
    for (unsigned t = 0; t <= e->T; t++)
        for (uint64_t k = 0; k < e->nstates[t]; k++) {
            uint64_t c = (uint64_t)__builtin_popcountll(p->argmax[t][k]);
            if (c > 1 && total > UINT64_MAX / c)
                return UINT64_MAX;
            total *= c;
        }
    return total;
}

mc_status mc_gum_policy_impl(mc_gum_policy *out, const mc_gum_env *e, const mc_gum_policy *eff,
                             uint64_t k, mc_error *err)
{
    uint32_t *chi[MC_GUM_MAX_T + 1];
    memset(chi, 0, sizeof chi);
    mc_status st = MC_OK;
    for (unsigned t = 0; t <= e->T && st == MC_OK; t++) {
        if (!(chi[t] = malloc(e->nstates[t] * sizeof *chi[t])))
            st = mc_error_set(err, MC_ENOMEM, "policy: out of memory");
        for (uint64_t s = 0; st == MC_OK && s < e->nstates[t]; s++) {
            uint64_t am = eff->argmax[t][s];
            uint64_t c = (uint64_t)__builtin_popcountll(am);
            uint64_t digit = k % c;
            k /= c;
            while (digit--)
                am &= am - 1;
            chi[t][s] = (uint32_t)__builtin_ctzll(am);
        }
    }
    if (st == MC_OK)
        st = mc_gum_policy_given(out, e, (const uint32_t *const *)chi, err);
    for (unsigned t = 0; t <= e->T; t++)
        free(chi[t]);
    return st;
}

static mc_status random_policy(mc_gum_setup *s, uint64_t seed, mc_error *err)
{
    const mc_gum_env *e = &s->env;
    uint32_t *chi[MC_GUM_MAX_T + 1];
    memset(chi, 0, sizeof chi);
    uint64_t r = seed * UINT64_C(0x9E3779B97F4A7C15) + 12345;
    mc_status st = MC_OK;
    for (unsigned t = 0; t <= e->T && st == MC_OK; t++) {
        if (!(chi[t] = malloc(e->nstates[t] * sizeof *chi[t]))) {
            st = mc_error_set(err, MC_ENOMEM, "policy: out of memory");
            break;
        }
        for (uint64_t k = 0; k < e->nstates[t]; k++) {
            r ^= r << 13;
            r ^= r >> 7;
            r ^= r << 17;
            chi[t][k] = (uint32_t)(r % e->nx[t]);
        }
    }
    if (st == MC_OK)
        st = mc_gum_policy_given(&s->pol, e, (const uint32_t *const *)chi, err);
    for (unsigned t = 0; t <= e->T; t++)
        free(chi[t]);
    return st;
}

/* One decision of a given policy: a label of period t's decisions or a
 * 0-based index. */
static mc_status given_decision(const mc_gum_env *e, const mc_instance *in, unsigned t,
                                uint64_t k, const json_t *v, uint32_t *out, mc_error *err)
{
    if (json_is_integer(v) && json_integer_value(v) >= 0 &&
        json_integer_value(v) < (json_int_t)e->nx[t]) {
        *out = (uint32_t)json_integer_value(v);
        return MC_OK;
    }
    for (uint32_t x = 0; json_is_string(v) && x < e->nx[t]; x++)
        if (e->x_label[t] && e->x_label[t][x] && !strcmp(json_string_value(v), e->x_label[t][x])) {
            *out = x;
            return MC_OK;
        }
    char list[256];
    size_t len = 0;
    for (uint32_t x = 0; x < e->nx[t] && len < sizeof list; x++)
        len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", x ? ", " : "",
                                e->x_label[t] && e->x_label[t][x] ? e->x_label[t][x] : "?");
    return mc_error_set(err, MC_EINPUT,
                        "instance %s: parameter 'chi': period %u, entry %llu is not a decision of "
                        "that period (a label: %s; or an index 0..%u)",
                        in->origin, t, (unsigned long long)k, list, e->nx[t] - 1);
}

/* policy=given: chi = [[d_0], [d per state of period 1], ...]. */
static mc_status given_policy(mc_gum_setup *s, const mc_instance *in, mc_error *err)
{
    const mc_gum_env *e = &s->env;
    const json_t *chi = json_object_get(in->params, "chi");
    if (!json_is_array(chi) || json_array_size(chi) != e->T + 1)
        return mc_error_set(err, MC_EINPUT,
                            "instance %s: parameter 'chi' (policy=given) must be a list of %u "
                            "lists, one per period 0..%u",
                            in->origin, e->T + 1, e->T);
    uint32_t *x[MC_GUM_MAX_T + 1];
    memset(x, 0, sizeof x);
    mc_status st = MC_OK;
    for (unsigned t = 0; t <= e->T && st == MC_OK; t++) {
        const json_t *row = json_array_get(chi, t);
        if (!json_is_array(row) || json_array_size(row) != e->nstates[t]) {
            st = mc_error_set(err, MC_EINPUT,
                              "instance %s: parameter 'chi': period %u needs %llu decisions, one "
                              "per type profile (public state slowest, agent %u fastest)",
                              in->origin, t, (unsigned long long)e->nstates[t], e->n);
            break;
        }
        if (!(x[t] = malloc(e->nstates[t] * sizeof *x[t]))) {
            st = mc_error_set(err, MC_ENOMEM, "policy: out of memory");
            break;
        }
        for (uint64_t k = 0; k < e->nstates[t] && st == MC_OK; k++)
            st = given_decision(e, in, t, k, json_array_get(row, k), &x[t][k], err);
    }
    if (st == MC_OK)
        st = mc_gum_policy_given(&s->pol, e, (const uint32_t *const *)x, err);
    for (unsigned t = 0; t <= e->T; t++)
        free(x[t]);
    return st;
}

static mc_status read_policy(mc_gum_setup *s, const mc_instance *in, mc_error *err)
{
    const char *tie, *policy;
    mc_status st = mc_inst_string(in, "tie", "first", &tie, err);
    if (st == MC_OK)
        st = mc_inst_string(in, "policy", "efficient", &policy, err);
    if (st != MC_OK)
        return st;
    if (strcmp(tie, "first") && strcmp(tie, "last"))
        return mc_error_set(err, MC_EINPUT, "instance %s: parameter 'tie' must be first or last",
                            in->origin);
    mc_gum_tie tb = !strcmp(tie, "first") ? MC_GUM_TIE_FIRST : MC_GUM_TIE_LAST;
    if (s->sign0) {
        /* app-g: decisions are -1 (index 0) and +1 (index 1) and the only
         * ties are at a zero sum, so sign(0) is the tie-break */
        if (mc_inst_has(in, "tie"))
            return mc_error_set(err, MC_EINPUT,
                                "instance %s: env=app-g takes its tie rule from parameter "
                                "'sign0', not 'tie'",
                                in->origin);
        tb = s->sign0 > 0 ? MC_GUM_TIE_LAST : MC_GUM_TIE_FIRST;
    }
    if (!strcmp(policy, "random") || !strcmp(policy, "given")) {
        int64_t seed, d = 1;
        s->nimpl = 0;
        if (!strcmp(policy, "given"))
            st = given_policy(s, in, err);
        else if ((st = mc_inst_int(in, "policy_seed", 0, INT64_MAX, &d, &seed, err)) == MC_OK)
            st = random_policy(s, (uint64_t)seed, err);
        if (st != MC_OK)
            return st;
        s->policy_efficient = s->pol.efficient;
        return MC_OK;
    }
    if (mc_inst_has(in, "chi"))
        return mc_error_set(err, MC_EINPUT,
                            "instance %s: parameter 'chi' needs policy=given", in->origin);
    if (strcmp(policy, "efficient"))
        return mc_error_set(err, MC_EINPUT,
                            "instance %s: parameter 'policy' must be efficient, random or given",
                            in->origin);
    if ((st = mc_gum_policy_efficient(&s->pol, &s->env, tb, err)) != MC_OK)
        return st;
    s->policy_efficient = true;
    s->nimpl = mc_gum_count_impl(&s->pol);
    if (mc_inst_has(in, "impl")) {
        int64_t k;
        if ((st = mc_inst_int(in, "impl", 0, INT64_MAX, NULL, &k, err)) != MC_OK)
            return st;
        if ((uint64_t)k >= s->nimpl)
            return mc_error_set(err, MC_EINPUT,
                                "instance %s: parameter 'impl' = %lld, but there are %llu efficient "
                                "implementations",
                                in->origin, (long long)k, (unsigned long long)s->nimpl);
        mc_gum_policy p;
        if ((st = mc_gum_policy_impl(&p, &s->env, &s->pol, (uint64_t)k, err)) != MC_OK)
            return st;
        mc_gum_policy_free(&s->pol);
        s->pol = p;
        s->impl = (uint64_t)k;
    }
    return MC_OK;
}

static mc_status read_info(mc_gum_setup *s, const mc_instance *in, mc_error *err)
{
    const char *info, *see;
    int64_t past, d0 = 0;
    mc_status st = mc_inst_string(in, "info", "v0", &info, err);
    if (st == MC_OK)
        st = mc_inst_string(in, "see", "reports", &see, err);
    if (st == MC_OK)
        st = mc_inst_int(in, "past", 0, 1, &d0, &past, err);
    if (st != MC_OK)
        return st;
    mc_gum_game_opts *o = &s->gopts;
    mc_gum_game_opts_default(o);
    if (!strcmp(info, "v0"))
        o->info = MC_GUM_V0;
    else if (!strcmp(info, "v1"))
        o->info = MC_GUM_V1;
    else if (!strcmp(info, "v2"))
        o->info = MC_GUM_V2;
    else
        return mc_error_set(err, MC_EINPUT, "instance %s: parameter 'info' must be v0, v1 or v2",
                            in->origin);
    if (!strcmp(see, "reports")) {
        o->see_reports = true;
    } else if (!strcmp(see, "types")) {
        o->see_reports = false;
        o->see_types = true;
    } else if (!strcmp(see, "both")) {
        o->see_reports = o->see_types = true;
    } else {
        return mc_error_set(err, MC_EINPUT,
                            "instance %s: parameter 'see' must be reports, types or both",
                            in->origin);
    }
    o->simultaneous = o->info == MC_GUM_V0 && !s->transfer_free;
    s->past = past != 0;
    return MC_OK;
}

static mc_status read_mech(mc_gum_setup *s, const mc_instance *in, mc_error *err)
{
    const char *mech;
    mc_status st = mc_inst_string(in, "mech", "gum", &mech, err);
    if (st != MC_OK)
        return st;
    snprintf(s->mech_name, sizeof s->mech_name, "%s", mech);
    if (!strcmp(mech, "gum-sym-r")) {
        s->kind = MC_GUM_KIND_GUM;
        s->sym_random = true;
    } else if (!strcmp(mech, "free")) {
        s->kind = MC_GUM_KIND_NONE;
        s->transfer_free = true;
    } else if ((st = mc_gum_kind_parse(mech, &s->kind, err)) != MC_OK) {
        return mc_error_set(err, MC_EINPUT, "instance %s: parameter 'mech': %s", in->origin,
                            err->msg);
    }
    unsigned n = s->env.n;
    mc_gum_first_order(n, s->order);
    if (mc_inst_has(in, "order")) {
        int64_t ord[MC_GUM_MAX_AGENTS];
        size_t len = n;
        if ((st = mc_inst_int_list(in, "order", 1, n, ord, MC_GUM_MAX_AGENTS, &len, err)) != MC_OK)
            return st;
        uint32_t seen = 0;
        for (unsigned k = 0; k < n; k++) {
            if ((seen >> ord[k]) & 1u)
                return mc_error_set(err, MC_EINPUT,
                                    "instance %s: parameter 'order' must be a permutation of 1..%u",
                                    in->origin, n);
            seen |= 1u << ord[k];
            s->order[k] = (unsigned)ord[k];
        }
    }
    return MC_OK;
}

static mc_status build_mechs(mc_gum_setup *s, mc_error *err)
{
    unsigned n = s->env.n;
    s->nmechs = 1;
    if (s->sym_random) {
        if (n > 6)
            return mc_error_set(err, MC_ELIMIT, "gum-sym-r: n = %u > 6", n);
        s->nmechs = mc_gum_norders(n);
    }
    s->mechs = calloc(s->nmechs, sizeof *s->mechs);
    if (!s->mechs)
        return mc_error_set(err, MC_ENOMEM, "out of memory");
    unsigned perm[MC_GUM_MAX_AGENTS];
    mc_gum_first_order(n, perm);
    for (size_t m = 0; m < s->nmechs; m++) {
        mc_status st = mc_gum_mech_build(&s->mechs[m], &s->env, &s->pol, s->kind,
                                         s->sym_random ? perm : s->order, err);
        if (st != MC_OK) {
            s->nmechs = m;
            return st;
        }
        mc_gum_next_order(perm, n);
    }
    return MC_OK;
}

mc_status mc_gum_setup_read(mc_gum_setup *s, const mc_instance *in, mc_error *err)
{
    memset(s, 0, sizeof *s);
    s->gopts.bound = MC_Q_ZERO;
    /* all-zero bytes are not a valid mc_q: the fail path clears these */
    s->pol.W = s->pol.welfare = MC_Q_ZERO;
    mc_status st = read_env(s, in, err);
    if (st != MC_OK) {
        memset(s, 0, sizeof *s);
        return st;
    }
    if ((st = mc_gum_env_validate(&s->env, err)) != MC_OK ||
        (st = read_mech(s, in, err)) != MC_OK || (st = read_info(s, in, err)) != MC_OK ||
        (st = read_policy(s, in, err)) != MC_OK)
        goto fail;
    if ((s->kind == MC_GUM_KIND_BTM) && s->env.n < 2) {
        st = mc_error_set(err, MC_EINPUT, "instance %s: BTM/AGV needs at least 2 agents",
                          in->origin);
        goto fail;
    }
    if (s->transfer_free) {
        s->gopts.transfer_free = true;
        s->gopts.simultaneous = false;
        if ((st = mc_inst_q(in, "bound", "0", &s->gopts.bound, err)) != MC_OK)
            goto fail;
        if (mc_q_sgn(&s->gopts.bound) < 0) {
            st = mc_error_set(err, MC_EINPUT, "instance %s: parameter 'bound' must be >= 0",
                              in->origin);
            goto fail;
        }
    }
    s->gopts.random_order = s->sym_random;
    if ((st = build_mechs(s, err)) != MC_OK)
        goto fail;
    /* the other documented parameters are read by the claims; check them here */
    int64_t v, d0 = 0, d1 = 1;
    if ((st = mc_inst_int(in, "agent", 0, s->env.n, &d0, &v, err)) != MC_OK ||
        (st = mc_inst_int(in, "lp", 0, 1, &d1, &v, err)) != MC_OK)
        goto fail;
    return MC_OK;
fail:
    mc_gum_setup_free(s);
    return st;
}

mc_status mc_gum_setup_game(const mc_gum_setup *s, uint32_t coalition, uint32_t truthful,
                            uint32_t observe_past, bool simultaneous, mc_game **g, mc_error *err)
{
    mc_gum_game_opts o = s->gopts;
    o.coalition = coalition;
    o.truthful = truthful;
    o.observe_past = observe_past;
    o.simultaneous = simultaneous && o.info == MC_GUM_V0 && !o.transfer_free;
    return mc_gum_game_new(g, &s->env, &s->pol, s->mechs, s->nmechs, &o, err);
}

mc_status mc_gum_validate(const mc_instance *in, mc_error *err)
{
    mc_gum_setup s;
    mc_status st = mc_gum_setup_read(&s, in, err);
    if (st == MC_OK)
        mc_gum_setup_free(&s);
    return st;
}

static bool variant(const mc_instance *in, mc_instance *out, size_t cap, size_t *k, const char *key,
                    int64_t value)
{
    if (*k >= cap || mc_instance_copy(&out[*k], in, NULL) != MC_OK)
        return false;
    if (json_object_set_new(out[*k].params, key, json_integer(value)) != 0) {
        mc_instance_free(&out[*k]);
        return false;
    }
    (*k)++;
    return true;
}

size_t mc_gum_shrink(const mc_instance *in, mc_instance *out, size_t cap)
{
    const char *env;
    if (mc_inst_string(in, "env", "r4", &env, NULL) != MC_OK || strcmp(env, "random"))
        return 0;
    size_t k = 0;
    static const struct {
        const char *key;
        int64_t lo, dflt;
    } keys[] = {{"T", 1, 2}, {"n", 2, 3}, {"k", 1, 2}, {"kmax", 1, 2}, {"x", 1, 2},
                {"public", 1, 1}, {"umax", 0, 5}};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        int64_t v;
        if (mc_inst_int(in, keys[i].key, INT64_MIN, INT64_MAX, &keys[i].dflt, &v, NULL) != MC_OK)
            continue;
        if (!strcmp(keys[i].key, "kmax") && !mc_inst_has(in, "kmax"))
            continue;
        for (int64_t w = keys[i].lo; w < v; w++)
            if (!variant(in, out, cap, &k, keys[i].key, w))
                return k;
    }
    /* other seeds of the same size: often a simpler payoff table */
    return k;
}
