/* mechcheck export MECHANISM (--instance FILE | --set k=v ...) [-o FILE]:
 * materialises a mechanism's game on an instance and writes it as a Gambit
 * file -- an extensive form (.efg) for game trees, a normal form (.nfg) for
 * strategic forms -- so that other tools can cross-check it. */
#include <stdlib.h>
#include <string.h>

#include "claim/perfect_revenue_claims.h"
#include "cli/claim_cli.h"
#include "cli/cli.h"
#include "mechcheck/gambit.h"

enum { OPT_HELP, OPT_INSTANCE, OPT_SET, OPT_MAX_NODES, OPT_OUTPUT };

static const cli_option export_options[] = {
    {"instance", 'i', CLI_REQ_ARG, OPT_INSTANCE, "FILE",
     "the instance as JSON: {\"mechanism\": ..., \"params\": {...}} or the bare parameters"},
    {"set", 's', CLI_REQ_ARG, OPT_SET, "KEY=VALUE",
     "set a parameter (repeatable; overrides --instance); a,b,c is a list"},
    {"max-nodes", 0, CLI_REQ_ARG, OPT_MAX_NODES, "N",
     "refuse games with more than N tree nodes (default 2000000)"},
    {"output", 'o', CLI_REQ_ARG, OPT_OUTPUT, "FILE", "write to FILE (atomically), not stdout"},
    {"help", 'h', CLI_NO_ARG, OPT_HELP, NULL, "show this help"},
    {NULL, 0, 0, 0, NULL, NULL},
};

/* The mechanisms that can be exported: an extensive or a normal form. */
typedef struct exporter {
    const char *id;
    const char *alias; /* a paper id standing for its main mechanism, or NULL */
    mc_status (*tree)(const mc_instance *in, mc_tree *t, uint64_t max_nodes, mc_error *err);
    mc_status (*nfg)(const mc_instance *in, mc_nfg *g, mc_error *err);
} exporter;

static const exporter exporters[] = {
    {"perfect-revenue/M", "perfect-revenue", mc_pr_export_tree, NULL},
    {"perfect-revenue/hope", NULL, NULL, mc_pr_export_hope},
};
#define NEXPORTERS (sizeof exporters / sizeof exporters[0])

void cli_help_export(FILE *f)
{
    fprintf(f,
            "usage: mechcheck export MECHANISM (--instance FILE | --set KEY=VALUE ...)\n"
            "                        [--max-nodes N] [-o FILE]\n"
            "\n"
            "Materialises a mechanism's game on an instance and writes it as a Gambit file:\n"
            "an extensive form (.efg, simultaneous stages as information sets) for game\n"
            "trees, a normal form (.nfg) for strategic forms.  Payoffs are exact.\n"
            "\n"
            "mechanisms:\n");
    for (size_t i = 0; i < NEXPORTERS; i++)
        fprintf(f, "  %-22s %s%s%s\n", exporters[i].id, exporters[i].tree ? ".efg" : ".nfg",
                exporters[i].alias ? ", also named " : "",
                exporters[i].alias ? exporters[i].alias : "");
    fprintf(f, "\noptions:\n");
    cli_print_options(f, export_options);
    fprintf(f, "\n"
               "For mechanism M, --set leaves=chance writes the coins c1, c2 as chance nodes\n"
               "(default: closed-form expected utilities at the YES/NO leaves).\n"
               "exit status: 0 written, 2 error (bad instance, too large, unwritable file).\n"
               "\n"
               "example: mechcheck export perfect-revenue --set n=2 --set tv=1,2 --set caps=1 \\\n"
               "             --set eps=1/20 --set leaves=chance -o game.efg\n");
}

static mc_status write_efg(FILE *f, const void *arg, mc_error *err)
{
    return mc_efg_write(arg, f, err);
}

static mc_status write_nfg(FILE *f, const void *arg, mc_error *err)
{
    return mc_nfg_write(arg, f, err);
}

int cli_cmd_export(int argc, char **argv)
{
    cli_parser p;
    cli_parser_init(&p, "export", argc, argv);
    cli_instance_opts io = {0};
    const char *mech = NULL, *out = NULL, *arg;
    uint64_t max_nodes = 2000000;
    int id, rc = CLI_EXIT_ERROR;
    while ((id = cli_next(&p, export_options, &arg)) != CLI_END) {
        switch (id) {
        case OPT_HELP:
            cli_help_export(stdout);
            cli_instance_opts_free(&io);
            return cli_flush_stdout() ? CLI_EXIT_OK : CLI_EXIT_ERROR;
        case OPT_INSTANCE:
            io.file = arg;
            break;
        case OPT_SET:
            if (!cli_instance_add_set(&io, arg))
                goto done;
            break;
        case OPT_MAX_NODES:
            if (!cli_parse_u64("export", "--max-nodes", arg, &max_nodes))
                goto done;
            break;
        case OPT_OUTPUT:
            out = arg;
            break;
        case CLI_POSITIONAL:
            if (mech) {
                cli_errorf("export: one mechanism please (got '%s' and '%s')", mech, arg);
                goto done;
            }
            mech = arg;
            break;
        default:
            goto done;
        }
    }
    if (!mech) {
        cli_errorf("export: which mechanism? (see 'mechcheck export --help')");
        goto done;
    }
    const exporter *ex = NULL;
    for (size_t i = 0; i < NEXPORTERS; i++)
        if (!strcmp(exporters[i].id, mech) || (exporters[i].alias && !strcmp(exporters[i].alias, mech)))
            ex = &exporters[i];
    if (!ex) {
        cli_errorf("export: cannot export '%s' (exportable: perfect-revenue/M, "
                   "perfect-revenue/hope)", mech);
        goto done;
    }
    mc_instance in;
    if (!cli_instance_build(&io, &in))
        goto done;
    mc_error err;
    mc_status st = MC_OK;
    if (in.mechanism && strcmp(in.mechanism, ex->id) != 0)
        st = mc_error_set(&err, MC_EINPUT, "export: instance %s is for mechanism %s, not %s",
                          in.origin, in.mechanism, ex->id);
    const mc_mechanism *m = mc_mechanism_find(ex->id);
    if (st == MC_OK && m)
        st = mc_instance_check_params(&in, m, &err);
    if (st == MC_OK && ex->tree) {
        mc_tree t;
        if ((st = ex->tree(&in, &t, max_nodes, &err)) == MC_OK) {
            rc = cli_write(out, write_efg, &t) ? CLI_EXIT_OK : CLI_EXIT_ERROR;
            mc_tree_free(&t);
        }
    } else if (st == MC_OK) {
        mc_nfg g;
        if ((st = ex->nfg(&in, &g, &err)) == MC_OK) {
            rc = cli_write(out, write_nfg, &g) ? CLI_EXIT_OK : CLI_EXIT_ERROR;
            mc_nfg_free(&g);
        }
    }
    if (st != MC_OK)
        rc = cli_report_error(&err);
    mc_instance_free(&in);
done:
    cli_instance_opts_free(&io);
    return rc;
}
