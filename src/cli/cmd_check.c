/* mechcheck check CLAIM (--instance FILE | --set k=v ...): one claim on one
 * instance -> the verdict, the reason, exact margins and the witness (or
 * counterexample); --dot writes the game fragment the result carries. */
#include <stdlib.h>
#include <string.h>

#include "cli/claim_cli.h"
#include "cli/cli.h"
#include "mechcheck/report.h"
#include "mechcheck/suite.h"

#define CHECK_SCHEMA "mechcheck-check/1"

enum { OPT_HELP, OPT_INSTANCE, OPT_SET, OPT_JSON, OPT_DOT, OPT_MAX_NODES, OPT_TIMEOUT, OPT_OUTPUT };

static const cli_option check_options[] = {
    {"instance", 'i', CLI_REQ_ARG, OPT_INSTANCE, "FILE",
     "the instance as JSON: {\"mechanism\": ..., \"params\": {...}} or the bare parameters"},
    {"set", 's', CLI_REQ_ARG, OPT_SET, "KEY=VALUE",
     "set a parameter (repeatable; overrides --instance); a,b,c is a list"},
    {"json", 0, CLI_NO_ARG, OPT_JSON, NULL, "print JSON (exact numbers as \"p/q\" strings)"},
    {"dot", 0, CLI_REQ_ARG, OPT_DOT, "FILE",
     "write the relevant game path as Graphviz (for a failure: the node and the deviation); "
     "exit 2 when the claim is not checked on a game tree"},
    {"max-nodes", 0, CLI_REQ_ARG, OPT_MAX_NODES, "N",
     "stop after N nodes (or profiles, LPs): the verdict is then UNDECIDED"},
    {"timeout", 0, CLI_REQ_ARG, OPT_TIMEOUT, "S", "stop after S seconds: UNDECIDED"},
    {"output", 'o', CLI_REQ_ARG, OPT_OUTPUT, "FILE", "write the result to FILE instead"},
    {"help", 'h', CLI_NO_ARG, OPT_HELP, NULL, "show this help"},
    {NULL, 0, 0, 0, NULL, NULL},
};

void cli_help_check(FILE *f)
{
    fprintf(f,
            "usage: mechcheck check CLAIM (--instance FILE | --set KEY=VALUE ...) [--json]\n"
            "                       [--dot FILE] [--max-nodes N] [--timeout S] [-o FILE]\n"
            "\n"
            "Checks one claim of a paper (PAPER/NAME, e.g. synthetic/half-share; see\n"
            "'mechcheck list') on a concrete instance and prints the verdict:\n"
            "  HOLDS           the claim is true on this instance (with a witness)\n"
            "  FAILS           a counterexample: the node, the deviation, the exact gap\n"
            "  UNDECIDED       a resource limit was reached, or an LP value could not be\n"
            "                  certified (the reason says which; partial results are kept)\n"
            "  NOT-APPLICABLE  the instance violates a hypothesis of the claim (named)\n"
            "Witnesses are re-checked by an independent routine.  Every number is exact.\n"
            "The instance's parameters are documented by 'mechcheck help instance MECHANISM';\n"
            "values are exact: integers, fractions (1/20) or decimals (0.05, read exactly).\n"
            "\n"
            "options:\n");
    cli_print_options(f, check_options);
    fprintf(f, "\n"
               "exit status: 0 the claim holds (or is NOT-APPLICABLE or UNDECIDED), 1 it fails,\n"
               "2 error (bad instance, unknown claim, unreadable file).\n"
               "\n"
               "example: mechcheck check synthetic/half-share --set n=2 --set pie=3 --set step=1\n");
}

typedef struct {
    const mc_claim *c;
    const mc_instance *in;
    const mc_claim_result *r;
    bool json;
} check_out;

static mc_status write_text(FILE *f, const check_out *o)
{
    const mc_claim_result *r = o->r;
    char *set = mc_instance_cli(o->in);
    fprintf(f, "claim      %s — %s\n", o->c->id, o->c->title ? o->c->title : "");
    fprintf(f, "instance   %s\n", set && *set ? set : "(defaults)");
    fprintf(f, "verdict    %s\n", mc_verdict_name(r->verdict));
    fprintf(f, "reason     %s\n", r->reason ? r->reason : "");
    if (json_object_size(r->margins)) {
        fputs("margins   ", f);
        const char *k;
        json_t *v;
        json_object_foreach (r->margins, k, v)
            fprintf(f, " %s = %s", k, json_string_value(v) ? json_string_value(v) : "?");
        fputc('\n', f);
    }
    if (r->witness && !json_is_null(r->witness)) {
        fprintf(f, "%s:\n", r->verdict == MC_FAILS ? "counterexample" : "witness");
        mc_text_value(f, r->witness, 2);
    }
    if (o->c->recheck && (r->verdict == MC_HOLDS || r->verdict == MC_FAILS))
        fputs("re-checked by an independent routine: confirmed\n", f);
    fprintf(f, "work       %llu nodes, %.3f s\n", (unsigned long long)r->nodes, r->seconds);
    free(set);
    return ferror(f) ? MC_EIO : MC_OK;
}

static mc_status write_check(FILE *f, const void *arg, mc_error *err)
{
    const check_out *o = arg;
    if (!o->json) {
        if (write_text(f, o) != MC_OK)
            return mc_error_set(err, MC_EIO, "check: write error");
        return MC_OK;
    }
    json_t *j = mc_result_json(o->c, o->in, o->r);
    if (!j)
        return mc_error_set(err, MC_ENOMEM, "check: out of memory");
    json_object_set_new(j, "schema", json_string(CHECK_SCHEMA));
    json_object_set_new(j, "title", json_string(o->c->title ? o->c->title : ""));
    json_object_set_new(j, "mechanism", json_string(o->c->mechanism));
    json_object_set_new(j, "rechecked", json_boolean(o->c->recheck && (o->r->verdict == MC_HOLDS ||
                                                                      o->r->verdict == MC_FAILS)));
    json_object_set_new(j, "stats", json_pack("{s:I,s:f}", "nodes", (json_int_t)o->r->nodes,
                                              "seconds", o->r->seconds));
    mc_status st = mc_report_json(f, j, err);
    json_decref(j);
    return st;
}

typedef struct {
    const json_t *frag;
    const char *title;
} dot_out;

static mc_status write_dot(FILE *f, const void *arg, mc_error *err)
{
    const dot_out *d = arg;
    return mc_dot_write(f, d->frag, d->title, err);
}

int cli_cmd_check(int argc, char **argv)
{
    cli_instance_opts io = {0};
    const char *claim_id = NULL, *dot = NULL, *output = NULL;
    bool json = false;
    mc_check_opts co = {0};
    cli_parser p;
    cli_parser_init(&p, "check", argc, argv);
    const char *arg;
    int id, status = CLI_EXIT_ERROR;
    while ((id = cli_next(&p, check_options, &arg)) != CLI_END) {
        switch (id) {
        case CLI_POSITIONAL:
            if (claim_id) {
                cli_errorf("check: one claim only, got '%s' and '%s'", claim_id, arg);
                goto done;
            }
            claim_id = arg;
            break;
        case OPT_HELP:
            cli_help_check(stdout);
            status = cli_flush_stdout() ? CLI_EXIT_OK : CLI_EXIT_ERROR;
            goto done;
        case OPT_INSTANCE:
            io.file = arg;
            break;
        case OPT_SET:
            if (!cli_instance_add_set(&io, arg))
                goto done;
            break;
        case OPT_JSON:
            json = true;
            break;
        case OPT_DOT:
            dot = arg;
            break;
        case OPT_MAX_NODES:
            if (!cli_parse_u64("check", "--max-nodes", arg, &co.max_nodes))
                goto done;
            break;
        case OPT_TIMEOUT:
            if (!cli_parse_seconds("check", "--timeout", arg, &co.timeout))
                goto done;
            break;
        case OPT_OUTPUT:
            output = arg;
            break;
        default: /* CLI_BAD: already reported */
            goto done;
        }
    }
    if (!claim_id) {
        cli_errorf("check: no claim given (see 'mechcheck list' and 'mechcheck check --help')");
        goto done;
    }
    const mc_claim *c = cli_find_claim("check", claim_id);
    if (!c)
        goto done;
    mc_instance in;
    if (!cli_instance_build(&io, &in))
        goto done;
    mc_claim_result r;
    mc_error err;
    mc_error_clear(&err);
    if (mc_claim_run(c, &in, &co, &r, &err) != MC_OK) {
        cli_report_error(&err);
        mc_instance_free(&in);
        goto done;
    }
    check_out out = {.c = c, .in = &in, .r = &r, .json = json};
    status = r.verdict == MC_FAILS ? CLI_EXIT_FAIL : CLI_EXIT_OK;
    if (!cli_write(output, write_check, &out))
        status = CLI_EXIT_ERROR;
    if (dot && status != CLI_EXIT_ERROR) {
        if (!r.fragment) {
            /* a requested output that cannot be written is an error */
            cli_errorf("check: --dot: the %s result of %s carries no game fragment (only claims "
                       "checked on a game tree have one); %s not written",
                       mc_verdict_name(r.verdict), c->id, dot);
            status = CLI_EXIT_ERROR;
        } else {
            char title[512];
            snprintf(title, sizeof title, "%s: %s", c->id, mc_verdict_name(r.verdict));
            dot_out d = {.frag = r.fragment, .title = title};
            if (!cli_write(dot, write_dot, &d))
                status = CLI_EXIT_ERROR;
        }
    }
    mc_claim_result_free(&r);
    mc_instance_free(&in);
done:
    cli_instance_opts_free(&io);
    return status;
}
