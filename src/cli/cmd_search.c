/* mechcheck search CLAIM --over SPEC | --random N --seed S: sweeps or samples
 * a family of instances, reports the first failure, shrinks it and prints
 * the command that reproduces the minimal counterexample. */
#include <stdlib.h>
#include <string.h>

#include "cli/claim_cli.h"
#include "cli/cli.h"
#include "mechcheck/report.h"
#include "mechcheck/search.h"
#include "mechcheck/suite.h"

#define SEARCH_SCHEMA "mechcheck-search/1"

enum {
    OPT_HELP,
    OPT_OVER,
    OPT_SET,
    OPT_INSTANCE,
    OPT_RANDOM,
    OPT_SEED,
    OPT_SHRINK,
    OPT_STOP,
    OPT_JSON,
    OPT_MAX_NODES,
    OPT_TIMEOUT,
    OPT_CHECK_TIMEOUT,
    OPT_THREADS,
    OPT_OUTPUT
};

static const cli_option search_options[] = {
    {"over", 0, CLI_REQ_ARG, OPT_OVER, "SPEC",
     "the family: \"n=1..4,pie=0..12,caps=[1..3]*n\" (repeatable)"},
    {"random", 0, CLI_REQ_ARG, OPT_RANDOM, "N",
     "check N instances drawn at random from the family (default: all, in order)"},
    {"seed", 0, CLI_REQ_ARG, OPT_SEED, "S", "seed of --random (default 1); same seed, same draws"},
    {"shrink", 0, CLI_NO_ARG, OPT_SHRINK, NULL,
     "shrink the first failure to a minimal failing instance"},
    {"stop-at-first", 0, CLI_NO_ARG, OPT_STOP, NULL, "stop at the first failure"},
    {"set", 's', CLI_REQ_ARG, OPT_SET, "KEY=VALUE", "fix a parameter for every instance"},
    {"instance", 'i', CLI_REQ_ARG, OPT_INSTANCE, "FILE", "fixed parameters from a JSON file"},
    {"max-nodes", 0, CLI_REQ_ARG, OPT_MAX_NODES, "N",
     "per instance: stop after N nodes (that instance is UNDECIDED)"},
    {"check-timeout", 0, CLI_REQ_ARG, OPT_CHECK_TIMEOUT, "S", "per instance: stop after S seconds"},
    {"timeout", 0, CLI_REQ_ARG, OPT_TIMEOUT, "S",
     "the whole search: stop after S seconds, keeping what was found"},
    {"threads", 'j', CLI_REQ_ARG, OPT_THREADS, "N",
     "instances checked side by side on N threads (default 0: every core); same result"},
    {"json", 0, CLI_NO_ARG, OPT_JSON, NULL, "print JSON"},
    {"output", 'o', CLI_REQ_ARG, OPT_OUTPUT, "FILE", "write the result to FILE instead"},
    {"help", 'h', CLI_NO_ARG, OPT_HELP, NULL, "show this help"},
    {NULL, 0, 0, 0, NULL, NULL},
};

void cli_help_search(FILE *f)
{
    fprintf(f,
            "usage: mechcheck search CLAIM --over SPEC [--set KEY=VALUE ...] [--shrink]\n"
            "                        [--stop-at-first] [--random N [--seed S]] [--json]\n"
            "                        [--max-nodes N] [--check-timeout S] [--timeout S] [-j N]\n"
            "\n"
            "Checks a claim on every instance of a family (in order, the last key varying\n"
            "fastest) or on N instances drawn with a seeded generator, counts the verdicts,\n"
            "and reports the first failure.  With --shrink the failure is made minimal:\n"
            "the mechanism proposes smaller instances (fewer players, smaller caps, smaller\n"
            "values) and the first that still fails is kept, until none does.  The output\n"
            "ends with the exact 'mechcheck check' command that reproduces it.\n"
            "\n"
            "A family SPEC is KEY=VALUES items separated by commas:\n"
            "  n=1..4            integers 1, 2, 3, 4\n"
            "  eps=1/4..1:1/4    exact steps: 1/4, 1/2, 3/4, 1\n"
            "  caps=[1..3]*n     lists of n values in 1..3 (n set earlier), every combination\n"
            "  rule=a|b|2,2,2    alternatives, each read as --set reads a value\n"
            "--random without --over samples the mechanism's default family.\n"
            "\n"
            "options:\n");
    cli_print_options(f, search_options);
    fprintf(f, "\n"
               "exit status: 0 no instance fails, 1 a counterexample was found, 2 error.\n"
               "\n"
               "example: mechcheck search synthetic/half-share --over \"n=1..6,pie=0..12,"
               "step=0..3\" --shrink\n");
}

typedef struct {
    const mc_claim *c;
    const mc_family *f;
    const mc_search_opts *o;
    const mc_search_result *r;
    bool json;
} search_out;

static json_t *counts_json(const mc_search_result *r)
{
    json_t *c = json_object();
    for (int v = 0; v < 4; v++)
        json_object_set_new(c, mc_verdict_name((mc_verdict)v), json_integer((json_int_t)r->counts[v]));
    return c;
}

static mc_status write_json(FILE *fp, const search_out *s, mc_error *err)
{
    const mc_search_result *r = s->r;
    json_t *j = json_pack("{s:s,s:s,s:s,s:s,s:I,s:o,s:b,s:s}", "schema", SEARCH_SCHEMA, "claim",
                          s->c->id, "family", mc_family_spec(s->f), "mode",
                          s->o->random ? "random" : "exhaustive", "checked",
                          (json_int_t)r->checked, "counts", counts_json(r), "complete",
                          r->complete, "verdict", mc_verdict_name(mc_search_verdict(r)));
    if (!j)
        return mc_error_set(err, MC_ENOMEM, "search: out of memory");
    if (s->o->random) {
        json_object_set_new(j, "random", json_integer((json_int_t)s->o->random));
        json_object_set_new(j, "seed", json_integer((json_int_t)s->o->seed));
    }
    if (r->stopped)
        json_object_set_new(j, "stopped", json_string(r->stopped));
    if (r->found) {
        json_t *ff = mc_result_json(s->c, &r->first, &r->first_result);
        json_object_set_new(ff, "index", json_integer((json_int_t)r->first_index));
        json_object_set_new(j, "first_failure", ff);
    }
    if (r->shrunk) {
        json_t *m = mc_result_json(s->c, &r->minimal, &r->minimal_result);
        json_object_set_new(m, "shrink_steps", json_integer((json_int_t)r->shrink_steps));
        json_object_set_new(m, "shrink_checks", json_integer((json_int_t)r->shrink_checks));
        json_object_set_new(m, "shrink_complete", json_boolean(r->shrink_complete));
        json_object_set_new(j, "minimal", m);
    }
    json_object_set_new(j, "stats", json_pack("{s:f}", "seconds", r->seconds));
    mc_status st = mc_report_json(fp, j, err);
    json_decref(j);
    return st;
}

static void text_result(FILE *fp, const mc_instance *in, const mc_claim_result *r)
{
    char *set = mc_instance_cli(in);
    fprintf(fp, "  instance  %s\n  reason    %s\n", set ? set : "?", r->reason ? r->reason : "");
    if (json_object_size(r->margins)) {
        fputs("  margins  ", fp);
        const char *k;
        json_t *v;
        json_object_foreach (r->margins, k, v)
            fprintf(fp, " %s = %s", k, json_string_value(v) ? json_string_value(v) : "?");
        fputc('\n', fp);
    }
    free(set);
}

static mc_status write_search(FILE *fp, const void *arg, mc_error *err)
{
    const search_out *s = arg;
    if (s->json)
        return write_json(fp, s, err);
    const mc_search_result *r = s->r;
    fprintf(fp, "search     %s over %s", s->c->id, mc_family_spec(s->f));
    if (s->o->random)
        fprintf(fp, " (%llu random instances, seed %llu)\n", (unsigned long long)s->o->random,
                (unsigned long long)s->o->seed);
    else
        fputs(" (every instance)\n", fp);
    fprintf(fp, "checked    %llu: %llu HOLDS, %llu FAILS, %llu UNDECIDED, %llu NOT-APPLICABLE\n",
            (unsigned long long)r->checked, (unsigned long long)r->counts[MC_HOLDS],
            (unsigned long long)r->counts[MC_FAILS], (unsigned long long)r->counts[MC_UNDECIDED],
            (unsigned long long)r->counts[MC_NOT_APPLICABLE]);
    if (r->stopped)
        fprintf(fp, "stopped    %s\n", r->stopped);
    fprintf(fp, "verdict    %s\n", mc_verdict_name(mc_search_verdict(r)));
    if (r->found) {
        fprintf(fp, "first failure (instance %llu):\n", (unsigned long long)r->first_index + 1);
        text_result(fp, &r->first, &r->first_result);
    }
    const mc_instance *repro = r->found ? &r->first : NULL;
    if (r->shrunk) {
        fprintf(fp, "shrunk in %llu steps (%llu candidates checked) to %s:\n",
                (unsigned long long)r->shrink_steps, (unsigned long long)r->shrink_checks,
                r->shrink_complete ? "a minimal failing instance (no smaller candidate fails)"
                                   : "a smaller failing instance (shrinking stopped early)");
        text_result(fp, &r->minimal, &r->minimal_result);
        repro = &r->minimal;
    }
    if (repro) {
        char *cmd = mc_check_command(s->c, repro);
        fprintf(fp, "reproduce:\n  %s\n", cmd ? cmd : "?");
        free(cmd);
    }
    fprintf(fp, "time       %.3f s\n", r->seconds);
    if (ferror(fp))
        return mc_error_set(err, MC_EIO, "search: write error");
    return MC_OK;
}

static void on_progress(void *arg, uint64_t done, uint64_t total, uint64_t failures)
{
    cli_progress *p = arg;
    if (total == UINT64_MAX)
        cli_progress_show(p, "search: %llu instances, %llu failing", (unsigned long long)done,
                          (unsigned long long)failures);
    else
        cli_progress_show(p, "search: %llu/%llu instances, %llu failing", (unsigned long long)done,
                          (unsigned long long)total, (unsigned long long)failures);
}

int cli_cmd_search(int argc, char **argv)
{
    cli_instance_opts io = {0};
    const char **overs = calloc((size_t)argc, sizeof *overs);
    size_t nover = 0;
    const char *claim_id = NULL, *output = NULL;
    bool json = false;
    mc_search_opts so = {.seed = 1};
    cli_parser p;
    cli_parser_init(&p, "search", argc, argv);
    const char *arg;
    int id, status = CLI_EXIT_ERROR;
    mc_family *fam = NULL;
    mc_instance base = {0};
    if (!overs) {
        cli_errorf("search: out of memory");
        return CLI_EXIT_ERROR;
    }
    while ((id = cli_next(&p, search_options, &arg)) != CLI_END) {
        switch (id) {
        case CLI_POSITIONAL:
            if (claim_id) {
                cli_errorf("search: one claim only, got '%s' and '%s'", claim_id, arg);
                goto done;
            }
            claim_id = arg;
            break;
        case OPT_HELP:
            cli_help_search(stdout);
            status = cli_flush_stdout() ? CLI_EXIT_OK : CLI_EXIT_ERROR;
            goto done;
        case OPT_OVER:
            overs[nover++] = arg;
            break;
        case OPT_SET:
            if (!cli_instance_add_set(&io, arg))
                goto done;
            break;
        case OPT_INSTANCE:
            io.file = arg;
            break;
        case OPT_RANDOM:
            if (!cli_parse_u64("search", "--random", arg, &so.random))
                goto done;
            if (so.random == 0) {
                cli_errorf("search: --random: the number of instances must be at least 1");
                goto done;
            }
            break;
        case OPT_SEED:
            if (!cli_parse_u64("search", "--seed", arg, &so.seed))
                goto done;
            break;
        case OPT_SHRINK:
            so.shrink = true;
            break;
        case OPT_STOP:
            so.stop_at_first = true;
            break;
        case OPT_JSON:
            json = true;
            break;
        case OPT_MAX_NODES:
            if (!cli_parse_u64("search", "--max-nodes", arg, &so.check.max_nodes))
                goto done;
            break;
        case OPT_CHECK_TIMEOUT:
            if (!cli_parse_seconds("search", "--check-timeout", arg, &so.check.timeout))
                goto done;
            break;
        case OPT_TIMEOUT:
            if (!cli_parse_seconds("search", "--timeout", arg, &so.timeout))
                goto done;
            break;
        case OPT_THREADS:
            if (!cli_parse_threads("search", arg, &so.check.threads))
                goto done;
            break;
        case OPT_OUTPUT:
            output = arg;
            break;
        default:
            goto done;
        }
    }
    if (!claim_id) {
        cli_errorf("search: no claim given (see 'mechcheck list' and 'mechcheck search --help')");
        goto done;
    }
    const mc_claim *c = cli_find_claim("search", claim_id);
    if (!c)
        goto done;
    const mc_mechanism *m = mc_mechanism_find(c->mechanism);
    if (nover == 0 && !(so.random && m && m->family)) {
        cli_errorf("search: say which instances: --over SPEC%s (see 'mechcheck search --help')",
                   m && m->family ? " or --random N" : "");
        goto done;
    }
    if (!cli_instance_build(&io, &base))
        goto done;
    mc_error err;
    mc_error_clear(&err);
    if (mc_family_new(&fam, &base, &err) != MC_OK) {
        cli_report_error(&err);
        goto done;
    }
    if (nover == 0 && mc_family_add(fam, m->family, &err) != MC_OK) {
        cli_report_error(&err);
        goto done;
    }
    for (size_t i = 0; i < nover; i++)
        if (mc_family_add(fam, overs[i], &err) != MC_OK) {
            cli_errorf("search: --over: %s", err.msg);
            goto done;
        }
    cli_progress prog;
    cli_progress_init(&prog);
    so.progress = on_progress;
    so.arg = &prog;
    mc_search_result r;
    mc_status st = mc_search(c, fam, &so, &r, &err);
    cli_progress_clear(&prog);
    if (st != MC_OK) {
        cli_report_error(&err);
        mc_search_result_free(&r);
        goto done;
    }
    search_out out = {.c = c, .f = fam, .o = &so, .r = &r, .json = json};
    status = r.found ? CLI_EXIT_FAIL : CLI_EXIT_OK;
    if (!cli_write(output, write_search, &out))
        status = CLI_EXIT_ERROR;
    mc_search_result_free(&r);
done:
    mc_family_free(fam);
    if (base.params)
        mc_instance_free(&base);
    cli_instance_opts_free(&io);
    free(overs);
    return status;
}
