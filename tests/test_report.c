/* Suites and reports: the report model of the synthetic suite against the
 * hand computation, determinism, the JSON schema (key sets are a contract),
 * suite errors, the writers (Markdown witnesses, DOT, SVG, HTML), and the
 * committed proofs/ reports reproduced byte for byte. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechcheck/gambit.h"
#include "mechcheck/report.h"
#include "mechcheck/suite.h"
#include "testutil.h"

/* ---- helpers ------------------------------------------------------------------------------ */

typedef struct {
    char *buf;
    size_t len;
    FILE *f;
} membuf;

static FILE *mem_open(membuf *m)
{
    m->buf = NULL;
    m->len = 0;
    m->f = open_memstream(&m->buf, &m->len);
    ck_assert_ptr_nonnull(m->f);
    return m->f;
}

static char *mem_close(membuf *m)
{
    fclose(m->f);
    return m->buf;
}

static json_t *parse(const char *text)
{
    json_error_t e;
    json_t *j = json_loads(text, 0, &e);
    ck_assert_msg(j != NULL, "%s", e.text);
    return j;
}

/* The sorted member names of an object, comma-separated. */
static char *key_set(const json_t *o)
{
    json_t *arr = json_array();
    const char *k;
    json_t *v;
    json_object_foreach ((json_t *)o, k, v)
        json_array_append_new(arr, json_string(k));
    size_t n = json_array_size(arr);
    for (size_t i = 1; i < n; i++) /* insertion sort: few keys */
        for (size_t j = i; j > 0 && strcmp(json_string_value(json_array_get(arr, j - 1)),
                                           json_string_value(json_array_get(arr, j))) > 0;
             j--) {
            json_t *a = json_incref(json_array_get(arr, j - 1));
            json_array_set(arr, j - 1, json_array_get(arr, j));
            json_array_set_new(arr, j, a);
        }
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(json_string_value(json_array_get(arr, i))) + 1;
    char *s = calloc(len, 1);
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(s, ",");
        strcat(s, json_string_value(json_array_get(arr, i)));
    }
    json_decref(arr);
    return s;
}

#define ck_assert_keys(obj, want)                                                             \
    do {                                                                                      \
        char *ks_ = key_set(obj);                                                             \
        ck_assert_str_eq(ks_, want);                                                          \
        free(ks_);                                                                            \
    } while (0)

static const char *suite_text =
    "{\"paper\": \"synthetic\", \"claims\": {"
    " \"half-share\": {\"instances\": [{\"params\": {\"n\": 2, \"pie\": 3, \"step\": 1}, "
    "\"note\": \"even\"}, {\"params\": {\"n\": 1, \"pie\": 4}}],"
    "  \"sweeps\": [{\"over\": \"n=1..4,step=0..1\", \"fixed\": {\"pie\": 6}, \"shrink\": true}]},"
    " \"immediate-agreement\": {\"instances\": [{\"params\": {\"n\": 2, \"pie\": 5, \"step\": 0}}]}"
    "}}";

static json_t *run_suite(const char *text)
{
    json_t *suite = parse(text);
    json_t *rep = NULL, *tim = NULL;
    mc_error err;
    mc_suite_opts o = {.source = "test.suite.json"};
    mc_status st = mc_suite_run(mc_paper_find("synthetic"), suite, &o, &rep, &tim, &err);
    ck_assert_msg(st == MC_OK, "%s", err.msg);
    ck_assert_uint_eq(json_array_size(json_object_get(tim, "entries")), 4);
    json_decref(tim);
    json_decref(suite);
    return rep;
}

/* ---- the model -------------------------------------------------------------------------------- */

START_TEST(test_model)
{
    json_t *rep = run_suite(suite_text);
    const json_t *sum = json_object_get(rep, "summary");
    ck_assert_int_eq(json_integer_value(json_object_get(sum, "claims")), 2);
    ck_assert_int_eq(json_integer_value(json_object_get(sum, "FAILS")), 1);
    ck_assert_int_eq(json_integer_value(json_object_get(sum, "NOT-APPLICABLE")), 1);
    const json_t *hs = json_array_get(json_object_get(rep, "claims"), 0);
    ck_assert_str_eq(json_string_value(json_object_get(hs, "verdict")), "FAILS");
    const json_t *check0 = json_array_get(json_object_get(hs, "checks"), 0);
    ck_assert_str_eq(json_string_value(json_object_get(check0, "note")), "even");
    ck_assert_str_eq(json_string_value(json_object_get(check0, "command")),
                     "mechcheck check synthetic/half-share --set n=2 --set pie=3 --set step=1");
    const json_t *sw = json_array_get(json_object_get(hs, "sweeps"), 0);
    /* pie = 6: n = 2 fails for step 0, 1 (2*step < 6); n = 4 fails for step
     * 0, 1 (4*step < 6); n = 1, 3 hold (3 > 2*1 keeps the hypothesis) */
    ck_assert_int_eq(json_integer_value(json_object_get(sw, "checked")), 8);
    ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(sw, "counts"), "FAILS")), 4);
    ck_assert_uint_eq(json_array_size(json_object_get(sw, "rows")), 8);
    const json_t *row = json_array_get(json_object_get(sw, "rows"), 2);
    ck_assert_keys(json_object_get(row, "params"), "n,step"); /* swept keys only */
    ck_assert_str_eq(json_string_value(json_object_get(json_object_get(row, "margins"),
                                                       "share_minus_half")),
                     "-3");
    const json_t *min = json_object_get(sw, "minimal");
    ck_assert_str_eq(json_string_value(json_object_get(min, "command")),
                     "mechcheck check synthetic/half-share --set n=2 --set pie=1 --set step=0");
    ck_assert(json_is_true(json_object_get(min, "shrink_complete")));
    const json_t *ia = json_array_get(json_object_get(rep, "claims"), 1);
    ck_assert_str_eq(json_string_value(json_object_get(ia, "verdict")), "NOT-APPLICABLE");
    json_decref(rep);

    /* without a suite every claim is NOT-CHECKED */
    mc_suite_opts o = {0};
    json_t *tim;
    ck_assert_int_eq(mc_suite_run(mc_paper_find("synthetic"), NULL, &o, &rep, &tim, NULL), MC_OK);
    ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(rep, "summary"),
                                                        "NOT-CHECKED")),
                     2);
    json_decref(rep);
    json_decref(tim);
}
END_TEST

/* The key sets of the report model are a contract for machines. */
START_TEST(test_schema_stability)
{
    json_t *rep = run_suite(suite_text);
    ck_assert_str_eq(json_string_value(json_object_get(rep, "schema")), "mechcheck-report/1");
    ck_assert_keys(rep, "claims,description,generator,mechanisms,paper,schema,suite,summary");
    ck_assert_keys(json_object_get(rep, "paper"), "authors,fixture,id,seed,title");
    ck_assert_keys(json_object_get(rep, "summary"),
                   "ERROR,FAILS,HOLDS,NOT-APPLICABLE,NOT-CHECKED,UNDECIDED,claims");
    const json_t *c = json_array_get(json_object_get(rep, "claims"), 0);
    ck_assert_keys(c, "checks,counts,hypotheses,id,mechanism,name,statement,sweeps,title,verdict");
    ck_assert_keys(json_object_get(c, "counts"), "ERROR,FAILS,HOLDS,NOT-APPLICABLE,UNDECIDED");
    ck_assert_keys(json_array_get(json_object_get(c, "checks"), 1),
                   "claim,command,margins,params,reason,verdict,witness");
    const json_t *sw = json_array_get(json_object_get(c, "sweeps"), 0);
    ck_assert_keys(sw, "checked,complete,counts,first_failure,fixed,keys,minimal,over,rows,"
                       "rows_truncated,shrink,verdict");
    ck_assert_keys(json_array_get(json_object_get(sw, "rows"), 0), "margins,params,verdict");
    ck_assert_keys(json_object_get(sw, "minimal"),
                   "claim,command,margins,params,reason,shrink_checks,shrink_complete,"
                   "shrink_steps,verdict,witness");
    ck_assert_keys(json_array_get(json_object_get(rep, "mechanisms"), 0), "id,params,summary,title");
    json_decref(rep);
}
END_TEST

START_TEST(test_deterministic)
{
    json_t *a = run_suite(suite_text), *b = run_suite(suite_text);
    for (int fmt = MC_FORMAT_MD; fmt <= MC_FORMAT_HTML; fmt++) {
        membuf ma, mb;
        ck_assert_int_eq(mc_report_write(mem_open(&ma), a, (mc_report_format)fmt, NULL), MC_OK);
        ck_assert_int_eq(mc_report_write(mem_open(&mb), b, (mc_report_format)fmt, NULL), MC_OK);
        char *x = mem_close(&ma), *y = mem_close(&mb);
        ck_assert_str_eq(x, y);
        ck_assert_ptr_null(strstr(x, "seconds"));
        free(x);
        free(y);
    }
    json_decref(a);
    json_decref(b);
}
END_TEST

/* ---- suite errors ------------------------------------------------------------------------------ */

static void load_error(const char *text, const char *want)
{
    char path[] = "/tmp/mc_suite_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
    json_t *s = NULL;
    mc_error err;
    mc_status st = mc_suite_load(path, &s, &err);
    remove(path);
    ck_assert_int_eq(st, MC_EINPUT);
    const char *msg = strchr(err.msg, ':'); /* after the temporary file name */
    ck_assert_msg(msg && strcmp(msg + 2, want) == 0, "got '%s'", err.msg);
}

START_TEST(test_suite_errors)
{
    load_error("{\"paper\": \"nope\", \"claims\": {}}",
               "unknown paper 'nope' (see 'mechcheck list')");
    load_error("{\"paper\": \"synthetic\", \"claims\": {\"lemma-9\": {}}}",
               "claims: 'lemma-9' is not a claim of synthetic");
    load_error("{\"paper\": \"synthetic\", \"claims\": {\"half-share\": {\"instances\": "
               "[{\"params\": {\"n\": 0, \"pie\": 1}}]}}}",
               "instance claims.half-share.instances[0]: parameter 'n' must be an integer in "
               "1..64 (got 0)");
    load_error("{\"paper\": \"synthetic\", \"claims\": {\"half-share\": {\"sweeps\": "
               "[{\"over\": \"n=4..1\"}]}}}",
               "claims.half-share.sweeps[0]: family 'n=4..1': the range is empty (B < A)");
    load_error("{\"paper\": \"synthetic\", \"claims\": {\"half-share\": {\"sweeps\": "
               "[{\"over\": \"n=1..2\", \"colour\": 1}]}}}",
               "claims.half-share.sweeps[0]: unexpected member 'colour' (allowed: over, fixed, "
               "shrink, note, plot, random, seed)");
    load_error("{\"paper\": \"synthetic\", \"claims\": {}, \"extra\": 1}",
               "suite: unexpected member 'extra' (allowed: schema, paper, description, limits, "
               "claims)");
    json_t *s;
    mc_error err;
    ck_assert_int_eq(mc_suite_load("/nonexistent/x.suite.json", &s, &err), MC_EIO);
}
END_TEST

/* ---- writers ------------------------------------------------------------------------------------ */

START_TEST(test_markdown_witness)
{
    json_t *w = parse("{\"shares\": {\"P1\": \"1/2\", \"P2\": \"3\"}, \"path\": [\"a|b\", "
                      "\"c\"], \"deep\": {\"list\": [{\"x\": 1, \"y\": [1, 2, {\"z\": true}]}]}, "
                      "\"none\": [], \"flag\": false}");
    membuf m;
    mc_md_value(mem_open(&m), w, 0);
    char *s = mem_close(&m);
    ck_assert_str_eq(s, "- **deep**: \n"
                        "  - **list**: \n"
                        "    - \n"
                        "      - **x**: 1\n"
                        "      - **y**: \n"
                        "        - 1\n"
                        "        - 2\n"
                        "        - z: yes\n"
                        "- **flag**: no\n"
                        "- **none**: none\n"
                        "- **path**: a\\|b, c\n"
                        "- **shares**: P1: 1/2, P2: 3\n");
    free(s);
    json_decref(w);
}
END_TEST

START_TEST(test_dot)
{
    json_t *frag = parse("{\"nodes\": [{\"id\": 0, \"label\": \"root \\\"r\\\"\", \"kind\": "
                         "\"decision\", \"mark\": \"path\"}, {\"id\": 1, \"label\": \"(1, 0)\", "
                         "\"kind\": \"terminal\", \"mark\": \"deviation\"}], \"edges\": "
                         "[{\"from\": 0, \"to\": 1, \"label\": \"go\", \"mark\": \"deviation\"}]}");
    membuf m;
    ck_assert_int_eq(mc_dot_write(mem_open(&m), frag, "t", NULL), MC_OK);
    char *s = mem_close(&m);
    ck_assert_ptr_nonnull(strstr(s, "digraph mechcheck {\n"));
    ck_assert_ptr_nonnull(strstr(s, "  n0 [label=\"root \\\"r\\\"\", shape=ellipse, style=bold"));
    ck_assert_ptr_nonnull(strstr(s, "  n1 [label=\"(1, 0)\", shape=box, style=dashed"));
    ck_assert_ptr_nonnull(strstr(s, "  n0 -> n1 [label=\"go\", style=dashed"));
    ck_assert_str_eq(s + strlen(s) - 2, "}\n");
    free(s);
    json_decref(frag);
    json_t *empty = json_object();
    ck_assert_int_eq(mc_dot_write(stdout, empty, NULL, NULL), MC_EUNSUPPORTED);
    json_decref(empty);
}
END_TEST

START_TEST(test_svg_and_html)
{
    json_t *rep = run_suite(suite_text);
    const json_t *sw =
        json_array_get(json_object_get(json_array_get(json_object_get(rep, "claims"), 0),
                                       "sweeps"),
                       0);
    membuf m;
    ck_assert_int_eq(mc_svg_sweep(mem_open(&m), sw, NULL), MC_OK);
    char *s = mem_close(&m);
    ck_assert(strncmp(s, "<svg xmlns=\"http://www.w3.org/2000/svg\"", 39) == 0);
    /* x = n (first key), one line per step value, 4 FAILS crosses */
    size_t lines = 0, crosses = 0;
    for (const char *p = s; (p = strstr(p, "<polyline")); p++)
        lines++;
    for (const char *p = s; (p = strstr(p, "stroke=\"#d62728\"")); p++)
        crosses++;
    ck_assert_uint_eq(lines, 2);
    ck_assert_uint_eq(crosses, 4 + 1); /* and the legend's */
    ck_assert_ptr_nonnull(strstr(s, "share_minus_half against n"));
    free(s);
    json_t *empty = parse("{\"rows\": [], \"keys\": [\"n\"]}");
    ck_assert_int_eq(mc_svg_sweep(stdout, empty, NULL), MC_EUNSUPPORTED);
    json_decref(empty);

    ck_assert_int_eq(mc_report_html(mem_open(&m), rep, NULL), MC_OK);
    s = mem_close(&m);
    ck_assert(strncmp(s, "<!DOCTYPE html>", 15) == 0);
    ck_assert_ptr_nonnull(strstr(s, "<svg"));
    ck_assert_ptr_null(strstr(s, "src=")); /* self-contained */
    ck_assert_ptr_null(strstr(s, "href=\"http"));
    ck_assert_str_eq(s + strlen(s) - 15, "</body></html>\n");
    free(s);
    json_decref(rep);
}
END_TEST

/* ---- the committed reports ---------------------------------------------------------------------- */

/* Every proofs/<paper>.suite.json, run afresh, gives proofs/<paper>.md
 * byte for byte (regenerate with `make proofs`). */
START_TEST(test_committed_reports)
{
    char dir[512];
    mc_test_data("../../proofs", dir, sizeof dir);
    DIR *d = opendir(dir);
    ck_assert_msg(d != NULL, "no %s", dir);
    struct dirent *e;
    size_t suites = 0;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 12 || strcmp(e->d_name + len - 11, ".suite.json") != 0)
            continue;
        suites++;
        char path[1024], md[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        snprintf(md, sizeof md, "%s/%.*s.md", dir, (int)(len - 11), e->d_name);
        json_t *suite;
        mc_error err;
        ck_assert_msg(mc_suite_load(path, &suite, &err) == MC_OK, "%s", err.msg);
        const mc_paper *p = mc_paper_find(json_string_value(json_object_get(suite, "paper")));
        json_t *rep, *tim;
        mc_suite_opts o = {.source = e->d_name};
        ck_assert_int_eq(mc_suite_run(p, suite, &o, &rep, &tim, &err), MC_OK);
        membuf m;
        ck_assert_int_eq(mc_report_markdown(mem_open(&m), rep, NULL), MC_OK);
        char *fresh = mem_close(&m);
        char *committed = NULL;
        size_t clen = 0;
        ck_assert_msg(mc_read_file(md, &committed, &clen, &err) == MC_OK, "%s", err.msg);
        ck_assert_msg(strcmp(fresh, committed) == 0,
                      "%s differs from a fresh run of %s: run 'make proofs'", md, path);
        free(fresh);
        free(committed);
        json_decref(rep);
        json_decref(tim);
        json_decref(suite);
    }
    closedir(d);
    ck_assert_uint_ge(suites, 1);
}
END_TEST

Suite *mc_suite_report(void)
{
    Suite *s = suite_create("report");
    TCase *tc = tcase_create("model");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_model);
    tcase_add_test(tc, test_schema_stability);
    tcase_add_test(tc, test_deterministic);
    tcase_add_test(tc, test_suite_errors);
    suite_add_tcase(s, tc);
    tc = tcase_create("writers");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_markdown_witness);
    tcase_add_test(tc, test_dot);
    tcase_add_test(tc, test_svg_and_html);
    suite_add_tcase(s, tc);
    /* every paper's default suite: seconds plain, tens of seconds under ASan */
    tc = tcase_create("committed");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, test_committed_reports);
    suite_add_tcase(s, tc);
    return s;
}
