/* Instances of mechanism M (perfect-revenue/M): reading the parameters of
 * an mc_instance into mc_pr_params, their documentation, and the smaller
 * instances tried when shrinking a counterexample. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim/perfect_revenue_claims.h"
#include "claim/perfect_revenue_foils.h"

const mc_param_doc mc_pr_m_params[MC_PR_M_NPARAMS] = {
    {"n", "int", "2", "number of players, 2..6"},
    {"states", "string-list", "w",
     "names of the non-null states in Omega order, \"a,b\" (the null state 'bot' comes first)"},
    {"tv", "rows", NULL,
     "integer true values TV_j(omega): one row of n values per non-null state, rows separated "
     "by ';' (\"1,0,1;0,2,0\"), or [[1,0,1],[0,2,0]]"},
    {"partition", "string", "(all independent)",
     "collusion partition, blocks separated by ';' (\"1,2;3\") or as [[1,2],[3]]"},
    {"eps", "rational", "1/(10n)", "epsilon, 0 < eps < 1/(5n)"},
    {"chain", "rational-list", "chain(n,eps)",
     "eps^2_1 .. eps^n_n (n(n-1) values, strictly decreasing, below eps); default "
     "eps^i_j = eps (m-t)/(m+1), m = n(n-1), t = (i-2)n + j-1"},
    {"caps", "int", "2", "every announcement cap (K1_j and Delta^i_j) unless cap_k / cap_d say"},
    {"cap_k", "int-list", "caps", "caps on K1_1..K1_n (one value or n)"},
    {"cap_d", "int-list", "caps",
     "caps on Delta^i_j, one value or n(n-1) in (i = 2..n, j = 1..n) order with 0 at i = j"},
    {"rank", "string", "main", "f_r/n_r reading: main (rank of (omega*,K1)) or state (idx/|Omega|)"},
    {"leaves", "string", "closed", "YES/NO leaves: closed (expected utilities) or chance (coins)"},
};

/* A list parameter as text: a string or an integer as it is; an array's elements joined
 * by ',' (what --set makes of "1,0,1;0,2,0": [1, 0, "1;0", 2, 0]); nested
 * arrays as rows joined by ';'.  False when it is none of these. */
bool mc_pr_json_rows(const json_t *v, char *buf, size_t cap)
{
    size_t len = 0;
    buf[0] = '\0';
    if (json_is_string(v)) {
        len = (size_t)snprintf(buf, cap, "%s", json_string_value(v));
        return len < cap;
    }
    if (json_is_integer(v)) { /* a one-element list: "partition=1", "tv=3" */
        len = (size_t)snprintf(buf, cap, "%lld", (long long)json_integer_value(v));
        return len < cap;
    }
    if (!json_is_array(v))
        return false;
    size_t i;
    const json_t *e;
    json_array_foreach (v, i, e) {
        const char *sep = i == 0 ? "" : json_is_array(e) ? ";" : ",";
        if (json_is_array(e)) {
            char row[512];
            if (!mc_pr_json_rows(e, row, sizeof row) || strchr(row, ';'))
                return false;
            len += (size_t)snprintf(buf + len, len < cap ? cap - len : 0, "%s%s", sep, row);
        } else if (json_is_integer(e)) {
            len += (size_t)snprintf(buf + len, len < cap ? cap - len : 0, "%s%lld", sep,
                                    (long long)json_integer_value(e));
        } else if (json_is_string(e)) {
            len += (size_t)snprintf(buf + len, len < cap ? cap - len : 0, "%s%s", sep,
                                    json_string_value(e));
        } else {
            return false;
        }
    }
    return len < cap;
}

/* Splits text at any of seps into at most max words (in place). */
static unsigned split(char *text, const char *seps, char **words, unsigned max)
{
    unsigned k = 0;
    for (char *t = text;;) {
        size_t n = strcspn(t, seps);
        if (k < max)
            words[k] = t;
        k++;
        if (!t[n])
            break;
        t[n] = '\0';
        t += n + 1;
    }
    return k;
}

static mc_status read_states(const mc_instance *in, mc_pr_params *p, mc_error *err)
{
    const json_t *v = json_object_get(in->params, "states");
    p->nstates = 1;
    snprintf(p->state_name[0], MC_PR_NAME, "bot");
    char text[512], *names[MC_PR_MAX_STATES];
    if (!v)
        snprintf(text, sizeof text, "w");
    else if (!mc_pr_json_rows(v, text, sizeof text) || strchr(text, ';'))
        return mc_error_set(err, MC_EINPUT,
                            "instance %s: parameter 'states' must list state names (\"a,b\")",
                            in->origin);
    unsigned k = split(text, ",", names, MC_PR_MAX_STATES);
    if (k < 1 || k >= MC_PR_MAX_STATES)
        return mc_error_set(err, MC_EINPUT,
                            "instance %s: parameter 'states' must list 1..%d state names",
                            in->origin, MC_PR_MAX_STATES - 1);
    for (unsigned i = 0; i < k; i++) {
        char *w = names[i];
        while (*w == ' ')
            w++;
        if (strlen(w) >= MC_PR_NAME)
            return mc_error_set(err, MC_EINPUT,
                                "instance %s: state name '%s' is longer than %d characters",
                                in->origin, w, MC_PR_NAME - 1);
        snprintf(p->state_name[p->nstates++], MC_PR_NAME, "%s", w);
    }
    return MC_OK;
}

/* Rows of n integers per non-null state: "1,0,1;0,2,0", [[1,0,1],[0,2,0]],
 * or flat row-major [1,0,1,0,2,0]. */
static mc_status read_tv(const mc_instance *in, mc_pr_params *p, mc_error *err)
{
    const json_t *v = json_object_get(in->params, "tv");
    unsigned rows = p->nstates - 1, n = p->n;
    char text[2048], *words[MC_PR_MAX_STATES * MC_PR_MAX_N + 1];
    if (!v)
        return mc_error_set(err, MC_EINPUT,
                            "instance %s: parameter 'tv' is required (%u rows of %u integers, "
                            "e.g. \"1,0,1;0,2,0\")",
                            in->origin, rows, n);
    if (!mc_pr_json_rows(v, text, sizeof text))
        return mc_error_set(err, MC_EINPUT,
                            "instance %s: parameter 'tv' must be rows of integers like "
                            "\"1,0,1;0,2,0\" or [[1,0,1],[0,2,0]]",
                            in->origin);
    bool has_rows = strchr(text, ';') != NULL;
    unsigned k = split(text, ",;", words, MC_PR_MAX_STATES * MC_PR_MAX_N + 1);
    if (k != rows * n)
        return mc_error_set(err, MC_EINPUT,
                            "instance %s: parameter 'tv' needs %u rows of %u values (one row per "
                            "non-null state), got %u values%s",
                            in->origin, rows, n, k, has_rows ? "" : " in one row");
    for (unsigned w = 0; w < rows; w++)
        for (unsigned j = 0; j < n; j++) {
            char *end;
            const char *t = words[w * n + j];
            long long x = strtoll(t, &end, 10);
            while (*end == ' ')
                end++;
            if (end == t || *end || x < 0 || x > MC_PR_MAX_TV)
                return mc_error_set(err, MC_EINPUT,
                                    "instance %s: TV_%u(%s) = '%s' must be an integer in 0..%d",
                                    in->origin, j + 1, p->state_name[w + 1], t, MC_PR_MAX_TV);
            p->tv[w + 1][j] = x;
        }
    return MC_OK;
}

/* "1,2;3", [1,"2;3"] (what --set makes of it) or [[1,2],[3]]. */
static mc_status read_partition(const mc_instance *in, mc_pr_params *p, mc_error *err)
{
    const json_t *v = json_object_get(in->params, "partition");
    mc_agents_singletons(&p->agents, p->n);
    if (!v)
        return MC_OK;
    char spec[256];
    if (!mc_pr_json_rows(v, spec, sizeof spec))
        return mc_error_set(err, MC_EINPUT,
                            "instance %s: parameter 'partition' must be like \"1,2;3\" or "
                            "[[1,2],[3]]",
                            in->origin);
    mc_error aerr;
    if (mc_agents_parse(&p->agents, p->n, spec, &aerr) != MC_OK)
        return mc_error_set(err, MC_EINPUT, "instance %s: parameter 'partition': %s", in->origin,
                            aerr.msg);
    return MC_OK;
}

static mc_status read_chain(const mc_instance *in, mc_pr_params *p, mc_error *err)
{
    const json_t *v = json_object_get(in->params, "chain");
    if (!v) {
        mc_pr_chain_default(p);
        return MC_OK;
    }
    size_t want = (size_t)p->n * (p->n - 1);
    if (!json_is_array(v) || json_array_size(v) != want)
        return mc_error_set(err, MC_EINPUT,
                            "instance %s: parameter 'chain' needs %zu exact numbers "
                            "(eps^2_1 .. eps^%u_%u)",
                            in->origin, want, p->n, p->n);
    for (unsigned i = 1; i < p->n; i++)
        for (unsigned j = 0; j < p->n; j++) {
            const json_t *e = json_array_get(v, (size_t)(i - 1) * p->n + j);
            mc_status st = MC_EINPUT;
            if (json_is_integer(e)) {
                mc_q_set_i64(&p->chain[i][j], (int64_t)json_integer_value(e));
                st = MC_OK;
            } else if (json_is_string(e)) {
                st = mc_q_parse(&p->chain[i][j], json_string_value(e), (size_t)-1, NULL);
            }
            if (st != MC_OK)
                return mc_error_set(err, MC_EINPUT,
                                    "instance %s: chain entry eps^%u_%u must be an exact number",
                                    in->origin, i + 1, j + 1);
        }
    return MC_OK;
}

static mc_status read_caps(const mc_instance *in, mc_pr_params *p, mc_error *err)
{
    int64_t dflt = 2, caps;
    mc_status st = mc_inst_int(in, "caps", 0, MC_PR_MAX_CAP, &dflt, &caps, err);
    if (st != MC_OK)
        return st;
    int64_t v[MC_PR_MAX_N * MC_PR_MAX_N];
    size_t k = p->n;
    for (unsigned j = 0; j < p->n; j++)
        p->cap_k[j] = (uint32_t)caps;
    if (mc_inst_has(in, "cap_k")) {
        if ((st = mc_inst_int_list(in, "cap_k", 0, MC_PR_MAX_CAP, v, MC_PR_MAX_N, &k, err)) != MC_OK)
            return st;
        for (unsigned j = 0; j < p->n; j++)
            p->cap_k[j] = (uint32_t)v[j];
    }
    for (unsigned i = 0; i < p->n; i++)
        for (unsigned j = 0; j < p->n; j++)
            p->cap_d[i][j] = (i >= 1 && j != i) ? (uint32_t)caps : 0;
    if (mc_inst_has(in, "cap_d")) {
        k = (size_t)p->n * (p->n - 1);
        const json_t *cv = json_object_get(in->params, "cap_d");
        bool single = json_is_integer(cv) || json_is_string(cv);
        if ((st = mc_inst_int_list(in, "cap_d", 0, MC_PR_MAX_CAP, v, MC_PR_MAX_N * MC_PR_MAX_N,
                                   &k, err)) != MC_OK)
            return st;
        for (unsigned i = 1; i < p->n; i++)
            for (unsigned j = 0; j < p->n; j++) {
                int64_t c = v[(i - 1) * p->n + j];
                if (j == i) {
                    if (c != 0 && !single)
                        return mc_error_set(err, MC_EINPUT,
                                            "instance %s: cap_d entry for Delta^%u_%u must be 0",
                                            in->origin, i + 1, i + 1);
                    c = 0;
                }
                p->cap_d[i][j] = (uint32_t)c;
            }
    }
    return MC_OK;
}

mc_status mc_pr_params_from_instance(const mc_instance *in, mc_pr_params *p, mc_error *err)
{
    int64_t n, dflt_n = 2;
    mc_status st = mc_inst_int(in, "n", 2, MC_PR_MAX_N, &dflt_n, &n, err);
    if (st != MC_OK)
        return st;
    mc_pr_params_clear(p);
    mc_pr_params_init(p);
    p->n = (unsigned)n;
    char eps_dflt[32];
    snprintf(eps_dflt, sizeof eps_dflt, "1/%u", 10 * p->n);
    const char *rank, *leaves;
    if ((st = read_states(in, p, err)) != MC_OK || (st = read_tv(in, p, err)) != MC_OK ||
        (st = read_partition(in, p, err)) != MC_OK ||
        (st = mc_inst_q(in, "eps", eps_dflt, &p->eps, err)) != MC_OK ||
        (st = read_chain(in, p, err)) != MC_OK || (st = read_caps(in, p, err)) != MC_OK ||
        (st = mc_inst_string(in, "rank", "main", &rank, err)) != MC_OK ||
        (st = mc_inst_string(in, "leaves", "closed", &leaves, err)) != MC_OK)
        return st;
    if (!strcmp(rank, "main"))
        p->rank = MC_PR_RANK_MAIN;
    else if (!strcmp(rank, "state"))
        p->rank = MC_PR_RANK_STATE;
    else
        return mc_error_set(err, MC_EINPUT,
                            "instance %s: parameter 'rank' must be main or state (got '%s')",
                            in->origin, rank);
    if (!strcmp(leaves, "closed"))
        p->leaf = MC_PR_LEAF_CLOSED;
    else if (!strcmp(leaves, "chance"))
        p->leaf = MC_PR_LEAF_CHANCE;
    else
        return mc_error_set(err, MC_EINPUT,
                            "instance %s: parameter 'leaves' must be closed or chance (got '%s')",
                            in->origin, leaves);
    mc_error verr;
    if ((st = mc_pr_params_validate(p, &verr)) != MC_OK)
        return mc_error_set(err, st, "instance %s: %s", in->origin, verr.msg);
    return MC_OK;
}

mc_status mc_pr_m_validate(const mc_instance *in, mc_error *err)
{
    mc_pr_params p;
    mc_pr_params_init(&p);
    mc_status st = mc_pr_params_from_instance(in, &p, err);
    mc_pr_params_clear(&p);
    return st;
}

/* ---- shrinking ----------------------------------------------------------------------- */

static bool emit(const mc_instance *in, mc_instance *out, size_t cap, size_t *k, const char *key,
                 json_t *value)
{
    if (*k >= cap || !value) {
        json_decref(value);
        return false;
    }
    mc_error err;
    if (mc_instance_copy(&out[*k], in, &err) != MC_OK) {
        json_decref(value);
        return false;
    }
    json_object_set_new(out[*k].params, key, value);
    mc_error verr;
    if (mc_pr_m_validate(&out[*k], &verr) != MC_OK) {
        mc_instance_free(&out[*k]);
        return false;
    }
    (*k)++;
    return true;
}

/* Smaller instances, most promising first: lower caps, fewer collusive
 * blocks, smaller values, fewer states. */
size_t mc_pr_m_shrink(const mc_instance *in, mc_instance *out, size_t cap)
{
    mc_pr_params p;
    mc_pr_params_init(&p);
    mc_error err;
    size_t k = 0;
    if (mc_pr_params_from_instance(in, &p, &err) != MC_OK) {
        mc_pr_params_clear(&p);
        return 0;
    }
    uint32_t maxk = 0, maxd = 0;
    for (unsigned i = 0; i < p.n; i++) {
        maxk = p.cap_k[i] > maxk ? p.cap_k[i] : maxk;
        for (unsigned j = 0; j < p.n; j++)
            maxd = p.cap_d[i][j] > maxd ? p.cap_d[i][j] : maxd;
    }
    uint32_t maxc = maxk > maxd ? maxk : maxd;
    if (maxc > 0 && !mc_inst_has(in, "cap_k") && !mc_inst_has(in, "cap_d"))
        emit(in, out, cap, &k, "caps", json_integer(maxc - 1));
    if (maxd > 0 && mc_inst_has(in, "cap_d"))
        emit(in, out, cap, &k, "cap_d", json_integer(maxd - 1));
    if (maxk > 0 && mc_inst_has(in, "cap_k"))
        emit(in, out, cap, &k, "cap_k", json_integer(maxk - 1));
    if (!mc_agents_is_singletons(&p.agents))
        emit(in, out, cap, &k, "partition", json_string(""));
    /* one TV entry lower */
    for (unsigned w = 1; w < p.nstates && k < cap; w++)
        for (unsigned j = 0; j < p.n && k < cap; j++) {
            if (p.tv[w][j] == 0)
                continue;
            char rows[512];
            size_t len = 0;
            for (unsigned v = 1; v < p.nstates; v++)
                for (unsigned t = 0; t < p.n; t++)
                    len += (size_t)snprintf(rows + len, len < sizeof rows ? sizeof rows - len : 0,
                                            "%s%lld", t ? "," : v > 1 ? ";" : "",
                                            (long long)(p.tv[v][t] - (v == w && t == j)));
            emit(in, out, cap, &k, "tv", json_string(rows));
        }
    /* drop the last state */
    if (p.nstates > 2 && k + 1 < cap) {
        char names[512], rows[512];
        size_t ln = 0, lr = 0;
        for (unsigned v = 1; v + 1 < p.nstates; v++) {
            ln += (size_t)snprintf(names + ln, ln < sizeof names ? sizeof names - ln : 0, "%s%s",
                                   v > 1 ? "," : "", p.state_name[v]);
            for (unsigned t = 0; t < p.n; t++)
                lr += (size_t)snprintf(rows + lr, lr < sizeof rows ? sizeof rows - lr : 0,
                                       "%s%lld", t ? "," : v > 1 ? ";" : "",
                                       (long long)p.tv[v][t]);
        }
        mc_instance tmp;
        if (mc_instance_copy(&tmp, in, &err) == MC_OK) {
            json_object_set_new(tmp.params, "states", json_string(names));
            emit(&tmp, out, cap, &k, "tv", json_string(rows));
            mc_instance_free(&tmp);
        }
    }
    mc_pr_params_clear(&p);
    return k;
}
