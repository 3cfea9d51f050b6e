/* mechcheck solve FILE --spe|--dominance|--nash ...: reads a Gambit game
 * and runs the chosen method.  The file kind comes from its header ("EFG" / "NFG"), not from
 * its extension. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/solve.h"
#include "mechcheck/gambit.h"

enum {
    OPT_HELP,
    OPT_SPE,
    OPT_DOMINANCE,
    OPT_NASH,
    OPT_MAXIMIN,
    OPT_JSON,
    OPT_WITNESS,
    OPT_AGENTS,
    OPT_RESOLVE,
    OPT_MAX_NODES,
    OPT_TIMEOUT,
    OPT_NO_MERGE,
    OPT_OUTPUT,
    OPT_MIXED,
    OPT_ORDER,
    OPT_MAX_STATES,
    OPT_MAX_PROFILES,
    OPT_AGAINST
};

static const cli_option solve_options[] = {
    {"spe", 0, CLI_NO_ARG, OPT_SPE, NULL, "subgame-perfect equilibrium, with uniqueness audit"},
    {"dominance", 0, CLI_REQ_ARG, OPT_DOMINANCE, "strict|weak|distinguishable",
     "iterated elimination of dominated strategies (.nfg, or a .efg's reduced normal form)"},
    {"nash", 0, CLI_NO_ARG, OPT_NASH, NULL,
     "every pure Nash equilibrium, exact (.nfg, or a .efg's reduced normal form)"},
    {"maximin", 0, CLI_REQ_ARG, OPT_MAXIMIN, "AGENT",
     "maximin value of AGENT (\"2\" or \"1,2\") by exact LP"},
    {"against", 0, CLI_REQ_ARG, OPT_AGAINST, "pooled|independent",
     "--maximin: the others share information (default) or act alone"},
    {"agents", 0, CLI_REQ_ARG, OPT_AGENTS, "SPEC",
     "coalitions \"1,2;3\" (default: every player alone)"},
    {"resolve", 0, CLI_REQ_ARG, OPT_RESOLVE, "first-ne|abort",
     "--spe: unsolved stage game: take the first pure NE, or stop"},
    {"max-nodes", 0, CLI_REQ_ARG, OPT_MAX_NODES, "N",
     "--spe: stop after N node expansions; otherwise at most N nodes in a .efg (exit 2)"},
    {"timeout", 0, CLI_REQ_ARG, OPT_TIMEOUT, "S",
     "stop after S seconds (exit 2; --spe, and the LPs of --mixed)"},
    {"no-merge", 0, CLI_NO_ARG, OPT_NO_MERGE, NULL,
     "--spe: keep Gambit-style simultaneous stages apart"},
    {"mixed", 0, CLI_NO_ARG, OPT_MIXED, NULL,
     "--dominance: mixed dominators too (exact LPs; strict and weak)"},
    {"order", 0, CLI_REQ_ARG, OPT_ORDER, "ORDER",
     "--dominance: rounds (default), alternating[:AGENT], all, or a list \"1:3;2:1\""},
    {"max-states", 0, CLI_REQ_ARG, OPT_MAX_STATES, "N",
     "--order all: stop after N surviving-set states (exit 2)"},
    {"max-profiles", 0, CLI_REQ_ARG, OPT_MAX_PROFILES, "N",
     "--dominance, --nash: at most N pure profiles (exit 2; default 2^22 for a .efg, 2^24 for a "
     ".nfg)"},
    {"witness", 0, CLI_NO_ARG, OPT_WITNESS, NULL, "--spe: print the whole strategy profile and re-check"},
    {"json", 0, CLI_NO_ARG, OPT_JSON, NULL, "JSON output (exact numbers as \"p/q\" strings)"},
    {"output", 'o', CLI_REQ_ARG, OPT_OUTPUT, "FILE",
     "write to FILE (atomically), not standard output"},
    {"help", 'h', CLI_NO_ARG, OPT_HELP, NULL, "show this help"},
    {NULL, 0, 0, 0, NULL, NULL},
};

void cli_help_solve(FILE *f)
{
    fprintf(f,
            "usage: mechcheck solve FILE --spe [--json] [--witness] [--agents SPEC]\n"
            "                       [--resolve first-ne|abort] [--max-nodes N]\n"
            "                       [--timeout S] [--no-merge] [-o FILE]\n"
            "       mechcheck solve FILE --dominance strict|weak|distinguishable [--mixed]\n"
            "                       [--order rounds|alternating[:AGENT]|all|LIST]\n"
            "                       [--agents SPEC] [--max-states N] [--max-profiles N]\n"
            "                       [--timeout S] [--json]\n"
            "       mechcheck solve FILE --nash [--agents SPEC] [--max-profiles N] [--json]\n"
            "       mechcheck solve FILE --maximin AGENT [--against pooled|independent]\n"
            "                       [--json] [--max-nodes N] [--timeout S] [-o FILE]\n"
            "\n"
            "Solves a game read from a Gambit file: --spe needs an extensive form (.efg);\n"
            "--dominance, --nash and --maximin take either kind.  The kind is taken from\n"
            "the file's header, not its extension.\n"
            "\n"
            "--spe runs backward induction over agents in exact rationals.  Players named\n"
            "together in --agents form a coalition that moves jointly and maximises the\n"
            "sum of its members' payoffs.  Gambit-style simultaneous stages (a node of one\n"
            "player whose children form one information set of another) are merged into\n"
            "one stage game, solved by iterated elimination of strictly dominated actions.\n"
            "The SPE is unique in the papers' sense iff no agent is ever indifferent\n"
            "between its best actions and every stage game has strictly dominant actions;\n"
            "every tie and every other stage is reported.  The result is re-checked\n"
            "independently (no profitable one-shot deviation; strictly, when unique).\n"
            "\n"
            "--dominance eliminates dominated strategies of the agents, exactly: strict\n"
            "(worse against every surviving profile of the others), weak (never better,\n"
            "worse somewhere) or distinguishable (spec 001 Def 8: worse wherever the\n"
            "outcomes differ).  --mixed also lets a mixture of the agent's other\n"
            "strategies dominate (decided by certified exact LPs; not for\n"
            "distinguishable).  --order: rounds (every agent's dominated strategies at\n"
            "once), alternating[:AGENT] (one agent per pass, from AGENT), all (every\n"
            "one-at-a-time order; the distinct results are listed) or a list of\n"
            "eliminations AGENT:STRATEGY separated by ';' (or ',') -- 1-based numbers or\n"
            "names -- each checked to be dominated when it is made.  Every elimination\n"
            "is re-checked independently.\n"
            "\n"
            "--nash lists every pure Nash equilibrium among the agents with its exact\n"
            "payoffs, marking the strict ones, and re-checks each.\n"
            "\n"
            "On a .efg file, --dominance and --nash work on the reduced normal form: an\n"
            "agent's plan picks an action at each of its members' information sets, and\n"
            "plans that differ only at sets they never reach themselves are one plan.  A\n"
            "plan's name lists its actions in the order of the sets shown in the header\n"
            "('*' where the plan never reaches the set), e.g. \"Ax*\", or \"take *\" when\n"
            "some action label is longer than one character.  Distinguishable dominance\n"
            "compares the distributions over terminal nodes (the histories), not the\n"
            "payoffs.  Each equilibrium of --nash shows the terminal nodes it reaches.\n"
            "\n"
            "--maximin AGENT gives the exact maximin (security) value of AGENT (a player,\n"
            "or players \"1,2\" choosing jointly and sharing information) in mixed\n"
            "strategies.  Against the others pooled (they share what they observe), a\n"
            "sequence-form LP; against independent others, an LP over their pure joint\n"
            "plans (enumerated or generated, with exact bounds when undecided).  Values\n"
            "are certified in rationals and re-checked by best-response DPs; exit 1 when\n"
            "no exact value could be established.  On a .nfg file, the normal-form LP.\n"
            "\n"
            "options:\n");
    cli_print_options(f, solve_options);
    fprintf(f,
            "\n"
            "Nodes are numbered 1, 2, ... in the order they appear in the file.\n"
            "exit status: 0 solved and re-checked, 1 the re-check failed, 2 error or limit.\n"
            "\n"
            "examples: mechcheck solve tests/data/examples/centipede.efg --spe --witness\n"
            "          mechcheck solve tests/data/dominance/mixed.nfg --dominance strict --mixed\n"
            "          mechcheck solve tests/data/examples/kuhn.efg --maximin 1\n");
}

typedef enum { KIND_UNKNOWN, KIND_EFG, KIND_NFG } file_kind;

/* The header's first word decides; line and col locate it for messages. */
static bool parse_notion(const char *text, mc_dom_notion *out)
{
    static const mc_dom_notion all[] = {MC_DOM_STRICT, MC_DOM_WEAK, MC_DOM_DISTINGUISHABLE};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (strcmp(text, mc_dom_notion_name(all[i])) == 0) {
            *out = all[i];
            return true;
        }
    cli_errorf("solve: --dominance: '%s' is not one of strict, weak, distinguishable", text);
    return false;
}

static file_kind detect_kind(const char *buf, size_t len, unsigned *line, unsigned *col)
{
    size_t i = 0;
    *line = 1;
    *col = 1;
    while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' || buf[i] == '\n')) {
        if (buf[i] == '\n') {
            (*line)++;
            *col = 1;
        } else {
            (*col)++;
        }
        i++;
    }
    if (len - i >= 3 && memcmp(buf + i, "EFG", 3) == 0)
        return KIND_EFG;
    if (len - i >= 3 && memcmp(buf + i, "NFG", 3) == 0)
        return KIND_NFG;
    return KIND_UNKNOWN;
}

/* The methods of solve.  A method handles the file kinds it has a function
 * for; one with no function at all is planned.  Adding a method: write
 * solve_<name>.c, declare it in solve.h, fill in its entry here. */
typedef int (*solve_fn)(const solve_request *req, const char *buf, size_t len);

typedef struct solve_method {
    int opt_id;
    const char *option;
    solve_fn efg;
    solve_fn nfg;
    const char *efg_only; /* why the method needs an extensive form */
} solve_method;

static const solve_method methods[] = {
    {OPT_SPE, "--spe", cli_solve_spe_efg, NULL,
     "backward induction (--spe) needs an extensive form (.efg)"},
    {OPT_DOMINANCE, "--dominance", cli_solve_dominance_efg, cli_solve_dominance_nfg, NULL},
    {OPT_NASH, "--nash", cli_solve_nash_efg, cli_solve_nash_nfg, NULL},
    {OPT_MAXIMIN, "--maximin", cli_solve_maximin_efg, cli_solve_maximin_nfg, NULL},
};

static const solve_method *method_of(int opt_id)
{
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
        if (methods[i].opt_id == opt_id)
            return &methods[i];
    return NULL;
}

static int run_method(const solve_method *m, const solve_request *req, const char *buf,
                      size_t len)
{
    unsigned line, col;
    switch (detect_kind(buf, len, &line, &col)) {
    case KIND_EFG:
        if (m->efg)
            return m->efg(req, buf, len);
        cli_errorf("%s:%u:%u: this is an extensive-form game (EFG); %s applies to normal "
                   "forms (.nfg)",
                   req->path, line, col, m->option);
        return CLI_EXIT_ERROR;
    case KIND_NFG:
        if (m->nfg)
            return m->nfg(req, buf, len);
        cli_errorf("%s:%u:%u: this is a normal-form game (NFG); %s", req->path, line, col,
                   m->efg_only ? m->efg_only : "needs an extensive form (.efg)");
        return CLI_EXIT_ERROR;
    default:
        cli_errorf("%s:%u:%u: not a Gambit game file (expected a header 'EFG 2 R' or "
                   "'NFG 1 R')",
                   req->path, line, col);
        return CLI_EXIT_ERROR;
    }
}

int cli_cmd_solve(int argc, char **argv)
{
    solve_request req = {.merge = true, .resolve = MC_RESOLVE_FIRST_NE};
    const solve_method *method = NULL;
    cli_parser p;
    cli_parser_init(&p, "solve", argc, argv);
    const char *arg;
    int id;
    while ((id = cli_next(&p, solve_options, &arg)) != CLI_END) {
        switch (id) {
        case CLI_BAD:
            return CLI_EXIT_ERROR;
        case CLI_POSITIONAL:
            if (req.path) {
                cli_errorf("solve: one game file only, got '%s' and '%s' (see 'mechcheck solve "
                           "--help')",
                           req.path, arg);
                return CLI_EXIT_ERROR;
            }
            req.path = arg;
            break;
        case OPT_HELP:
            cli_help_solve(stdout);
            return cli_flush_stdout() ? CLI_EXIT_OK : CLI_EXIT_ERROR;
        case OPT_SPE:
        case OPT_DOMINANCE:
        case OPT_NASH:
        case OPT_MAXIMIN: {
            const solve_method *m = method_of(id);
            if (!m->efg && !m->nfg) {
                cli_errorf("solve: %s is not implemented yet (planned; see 'mechcheck solve "
                           "--help')",
                           m->option);
                return CLI_EXIT_ERROR;
            }
            if (method && method != m) {
                cli_errorf("solve: one method at a time (%s and %s given)", method->option,
                           m->option);
                return CLI_EXIT_ERROR;
            }
            method = m;
            req.method = m->option;
            if (id == OPT_DOMINANCE && !parse_notion(arg, &req.notion))
                return CLI_EXIT_ERROR;
            if (id == OPT_MAXIMIN)
                req.maximin_agent = arg;
            break;
        }
        case OPT_AGAINST:
            req.against = arg;
            break;
        case OPT_JSON:
            req.json = true;
            break;
        case OPT_WITNESS:
            req.witness = true;
            break;
        case OPT_AGENTS:
            req.agents = arg;
            break;
        case OPT_RESOLVE:
            if (strcmp(arg, "first-ne") == 0) {
                req.resolve = MC_RESOLVE_FIRST_NE;
            } else if (strcmp(arg, "abort") == 0) {
                req.resolve = MC_RESOLVE_ABORT;
            } else {
                cli_errorf("solve: --resolve: '%s' is not one of first-ne, abort", arg);
                return CLI_EXIT_ERROR;
            }
            break;
        case OPT_MAX_NODES:
            if (!cli_parse_u64("solve", "--max-nodes", arg, &req.max_nodes))
                return CLI_EXIT_ERROR;
            break;
        case OPT_TIMEOUT:
            if (!cli_parse_seconds("solve", "--timeout", arg, &req.timeout))
                return CLI_EXIT_ERROR;
            break;
        case OPT_NO_MERGE:
            req.merge = false;
            break;
        case OPT_OUTPUT:
            req.output = arg;
            break;
        case OPT_MIXED:
            req.mixed = true;
            break;
        case OPT_ORDER:
            req.order = arg;
            break;
        case OPT_MAX_STATES:
            if (!cli_parse_u64("solve", "--max-states", arg, &req.max_states))
                return CLI_EXIT_ERROR;
            break;
        case OPT_MAX_PROFILES:
            if (!cli_parse_u64("solve", "--max-profiles", arg, &req.max_profiles))
                return CLI_EXIT_ERROR;
            break;
        default:
            return CLI_EXIT_ERROR;
        }
    }
    if (!req.path) {
        cli_errorf("solve: no game file given (see 'mechcheck solve --help')");
        return CLI_EXIT_ERROR;
    }
    if (!method) {
        cli_errorf("solve: say what to compute, e.g. --spe (see 'mechcheck solve --help')");
        return CLI_EXIT_ERROR;
    }
    if (method->opt_id != OPT_DOMINANCE && (req.mixed || req.order || req.max_states)) {
        cli_errorf("solve: %s applies to --dominance only",
                   req.mixed ? "--mixed" : req.order ? "--order" : "--max-states");
        return CLI_EXIT_ERROR;
    }
    if (method->opt_id != OPT_DOMINANCE && method->opt_id != OPT_NASH && req.max_profiles) {
        cli_errorf("solve: --max-profiles applies to --dominance and --nash only");
        return CLI_EXIT_ERROR;
    }

    mc_error err;
    mc_error_clear(&err);
    char *buf = NULL;
    size_t len = 0;
    if (mc_read_file(req.path, &buf, &len, &err) != MC_OK)
        return cli_report_error(&err);
    int status = run_method(method, &req, buf, len);
    free(buf);
    return status;
}
