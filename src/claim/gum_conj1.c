/* gum/conjecture-1 (App E, open): is there a static setup in which, in EVERY
 * AGV implementation (every efficient decision policy), iterated
 * elimination of weakly dominated strategies eliminates all efficient
 * strategy profiles, whatever the order?  A seeded search, never a proof:
 * each instance is one static setup; every efficient implementation (ties
 * broken every possible way, up to max_impl of them) is built, its ex-ante
 * strategic form reduced by iterated weak dominance in every order, and the
 * setup is a witness when every implementation ends, order-independently,
 * with no efficient profile left.  An instance that is not a witness is
 * UNDECIDED (the question stays open); a witness would be HOLDS. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim/gum_checks.h"

#define DEFAULT_MAX_IMPL 256

/* One implementation: does iterated weak dominance, in every order, end
 * without any efficient profile? */
static mc_status impl_verdict(const mc_gum_setup *s, const mc_gum_policy *pol, bool *kills,
                              bool *order_indep, bool *limited, bool *truth_dominated,
                              mc_error *err)
{
    mc_gum_setup t = *s; /* shallow: env shared; policy and mechanism replaced */
    t.pol = *pol;
    t.pol.env = &s->env;
    mc_gum_mech m;
    mc_status st = mc_gum_mech_build(&m, &s->env, pol, MC_GUM_KIND_BTM, NULL, err);
    if (st != MC_OK)
        return st;
    mc_gum_nf nf;
    if ((st = mc_gum_static_nf(&t, &m, &nf, err)) != MC_OK) {
        mc_gum_mech_free(&m);
        return st;
    }
    mc_gum_iewds r;
    st = mc_gum_iewds_run_limited(&nf, &s->pol.W, UINT64_C(1) << 13, &r, err);
    if (st == MC_OK) {
        *limited = r.limited;
        *order_indep = r.order_independent;
        *kills = r.every_end_inefficient && !r.limited;
        *truth_dominated = r.truth_dominated;
    }
    mc_gum_iewds_free(&r);
    mc_gum_nf_free(&nf);
    mc_gum_mech_free(&m);
    return st;
}

/* One setup's analysis. */
typedef struct setup_stat {
    uint64_t nimpl;          /* efficient implementations (saturating) */
    bool searched;           /* nimpl <= max_impl */
    uint64_t kill;           /* implementations whose every order ends without an efficient profile */
    uint64_t indep, limited, dominated;
    int64_t first_keep;      /* the first implementation keeping one, or -1 */
} setup_stat;

static mc_status analyze(const mc_gum_setup *s, uint64_t max_impl, setup_stat *a, mc_error *err)
{
    memset(a, 0, sizeof *a);
    a->first_keep = -1;
    a->nimpl = mc_gum_count_impl(&s->pol);
    if (a->nimpl > max_impl)
        return MC_OK;
    a->searched = true;
    mc_status st = MC_OK;
    for (uint64_t k = 0; k < a->nimpl && st == MC_OK; k++) {
        mc_gum_policy p;
        if ((st = mc_gum_policy_impl(&p, &s->env, &s->pol, k, err)) != MC_OK)
            break;
        bool kl = false, oi = false, lim = false, td = false;
        st = impl_verdict(s, &p, &kl, &oi, &lim, &td, err);
        mc_gum_policy_free(&p);
        a->kill += kl && oi;
        a->indep += oi;
        a->limited += lim;
        a->dominated += td;
        if (!(kl && oi) && a->first_keep < 0)
            a->first_keep = (int64_t)k;
    }
    return st;
}

static bool applicable(const mc_gum_setup *s)
{
    const mc_gum_env *e = &s->env;
    return e->T == 1 && e->ntypes[1][0] == 1 && s->kind == MC_GUM_KIND_BTM;
}

static json_t *stat_json(const mc_gum_setup *s, const setup_stat *a)
{
    return json_pack("{s:o,s:o,s:I,s:b,s:I,s:I,s:I,s:I,s:I}", "setup", mc_gum_jsetup(s), "W*",
                     mc_gum_jq(&s->pol.W), "implementations",
                     (json_int_t)(a->nimpl > INT64_MAX ? INT64_MAX : a->nimpl), "searched",
                     a->searched, "order_independent", (json_int_t)a->indep,
                     "eliminate_every_efficient_profile_in_every_order", (json_int_t)a->kill,
                     "truthful_weakly_dominated_in_full_game", (json_int_t)a->dominated,
                     "all_orders_search_limited", (json_int_t)a->limited,
                     "first_implementation_keeping_an_efficient_profile",
                     (json_int_t)a->first_keep);
}

static void margin_u(mc_claim_result *res, const char *name, uint64_t v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%llu", (unsigned long long)v);
    if (!res->margins)
        res->margins = json_object();
    json_object_set_new(res->margins, name, json_string(buf));
}

/* setups = 1: the instance itself; setups = m > 1 (env = random): the m
 * setups with seeds seed, seed+1, ..., aggregated. */
mc_status mc_gum_check_conjecture1(const mc_instance *in, const mc_check_opts *o,
                                   mc_claim_result *res, mc_error *err)
{
    (void)o;
    int64_t max_impl, setups, seed0, d = DEFAULT_MAX_IMPL, d1 = 1;
    const char *env;
    mc_status st;
    if ((st = mc_inst_int(in, "max_impl", 1, 1 << 20, &d, &max_impl, err)) != MC_OK ||
        (st = mc_inst_int(in, "setups", 1, 1000000, &d1, &setups, err)) != MC_OK ||
        (st = mc_inst_int(in, "seed", 0, INT64_MAX, &d1, &seed0, err)) != MC_OK ||
        (st = mc_inst_string(in, "env", "r4", &env, err)) != MC_OK)
        return st;
    if (setups > 1 && strcmp(env, "random"))
        return mc_error_set(err, MC_EINPUT,
                            "instance %s: parameter 'setups' needs env = random", in->origin);
    uint64_t searched = 0, skipped = 0, tied = 0, impls = 0, kills = 0, with_kill = 0,
             limited = 0, witnesses = 0;
    double best = -1;
    json_t *best_json = NULL, *witness_json = NULL, *single = NULL;
    bool na = false;
    for (int64_t k = 0; k < setups && st == MC_OK; k++) {
        mc_instance cur;
        if ((st = mc_instance_copy(&cur, in, err)) != MC_OK)
            break;
        if (setups > 1)
            json_object_set_new(cur.params, "seed", json_integer(seed0 + k));
        mc_gum_setup s;
        if ((st = mc_gum_setup_read(&s, &cur, err)) != MC_OK) {
            mc_instance_free(&cur);
            break;
        }
        if (!applicable(&s)) {
            na = true;
            mc_gum_setup_free(&s);
            mc_instance_free(&cur);
            break;
        }
        setup_stat a;
        if ((st = analyze(&s, (uint64_t)max_impl, &a, err)) == MC_OK) {
            searched += a.searched;
            skipped += !a.searched;
            tied += a.searched && a.nimpl > 1;
            impls += a.searched ? a.nimpl : 0;
            kills += a.kill;
            with_kill += a.kill > 0;
            limited += a.limited;
            if (setups == 1)
                single = stat_json(&s, &a);
            if (a.searched && a.kill == a.nimpl) {
                if (!witnesses++)
                    witness_json = stat_json(&s, &a);
            } else if (a.searched && a.kill) {
                double f = (double)a.kill / (double)a.nimpl; /* display only: the closest */
                if (f > best) {
                    best = f;
                    json_decref(best_json);
                    best_json = stat_json(&s, &a);
                }
            }
        }
        mc_gum_setup_free(&s);
        mc_instance_free(&cur);
    }
    if (st != MC_OK || na) {
        json_decref(best_json);
        json_decref(witness_json);
        json_decref(single);
        if (na)
            mc_claim_result_set(res, MC_NOT_APPLICABLE,
                                "the conjecture is about static setups (T = 1, no public state) "
                                "under AGV (mech = agv)");
        return st;
    }
    res->nodes = impls;
    margin_u(res, "setups_searched", searched);
    margin_u(res, "implementations", impls);
    margin_u(res, "implementations_without_efficient_survivors", kills);
    if (single) {
        res->witness = single;
    } else {
        res->witness = json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I}", "first_seed",
                                 (json_int_t)seed0, "setups", (json_int_t)setups,
                                 "setups_searched", (json_int_t)searched,
                                 "setups_skipped_too_many_implementations", (json_int_t)skipped,
                                 "setups_with_ties", (json_int_t)tied, "implementations",
                                 (json_int_t)impls,
                                 "implementations_eliminating_every_efficient_profile",
                                 (json_int_t)kills, "setups_with_such_an_implementation",
                                 (json_int_t)with_kill, "implementations_search_limited",
                                 (json_int_t)limited, "witnesses", (json_int_t)witnesses);
        if (best_json)
            json_object_set_new(res->witness, "closest_setup", best_json);
        best_json = NULL;
    }
    if (witness_json)
        json_object_set_new(res->witness, "witness", witness_json);
    json_decref(best_json);
    if (witnesses)
        mc_claim_result_set(res, MC_HOLDS,
                            "a witness: a setup where, in every AGV implementation, iterated weak "
                            "dominance eliminates every efficient profile in every order");
    else if (setups == 1)
        mc_claim_result_set(res, MC_UNDECIDED,
                            "not a witness: %llu of %llu implementations eliminate every efficient "
                            "profile in every order%s; the question stays open",
                            (unsigned long long)kills, (unsigned long long)impls,
                            skipped ? " (too many implementations: not searched)"
                            : limited ? " (the all-orders search hit its limit for some)"
                                      : "");
    else
        mc_claim_result_set(res, MC_UNDECIDED,
                            "no witness among %llu setups searched (%llu with ties, %llu "
                            "implementations; %llu setups skipped for having more than %lld): the "
                            "question stays open",
                            (unsigned long long)searched, (unsigned long long)tied,
                            (unsigned long long)impls, (unsigned long long)skipped,
                            (long long)max_impl);
    return MC_OK;
}
