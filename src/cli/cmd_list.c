/* mechcheck list [PAPER] and mechcheck help instance [MECHANISM]: what the
 * registry holds, and how to write an instance of a mechanism. */
#include <string.h>

#include "cli/claim_cli.h"
#include "cli/cli.h"
#include "mechcheck/report.h"

enum { OPT_HELP, OPT_JSON };

static const cli_option list_options[] = {
    {"json", 0, CLI_NO_ARG, OPT_JSON, NULL, "print JSON"},
    {"help", 'h', CLI_NO_ARG, OPT_HELP, NULL, "show this help"},
    {NULL, 0, 0, 0, NULL, NULL},
};

void cli_help_list(FILE *f)
{
    fprintf(f, "usage: mechcheck list [PAPER] [--json]\n"
               "\n"
               "Lists the papers mechcheck knows, their mechanisms and their claims; with a\n"
               "PAPER, also each claim's statement and hypotheses.  Papers marked [fixture]\n"
               "are test fixtures, not papers.\n"
               "\n"
               "options:\n");
    cli_print_options(f, list_options);
    fprintf(f, "\nSee also: mechcheck help instance MECHANISM\n");
}

/* Prints text wrapped at 78 columns with the given indent. */
static void wrap(FILE *f, const char *text, int indent)
{
    int col = 0;
    const char *p = text ? text : "";
    while (*p) {
        while (*p == ' ')
            p++;
        size_t w = strcspn(p, " ");
        if (!w)
            break;
        if (col > indent && col + 1 + (int)w > 78) {
            fputc('\n', f);
            col = 0;
        }
        if (col == 0) {
            fprintf(f, "%*s", indent, "");
            col = indent;
        } else {
            fputc(' ', f);
            col++;
        }
        fwrite(p, 1, w, f);
        col += (int)w;
        p += w;
    }
    if (col)
        fputc('\n', f);
}

static void list_paper(FILE *f, const mc_paper *p, bool detail)
{
    fprintf(f, "%s%s  %s\n", p->id, p->fixture ? " [fixture]" : "", p->title ? p->title : "");
    if (detail && p->authors && *p->authors)
        fprintf(f, "  %s\n", p->authors);
    if (detail && p->seed && *p->seed)
        fprintf(f, "  source: %s\n", p->seed);
    fputs("  mechanisms:\n", f);
    for (size_t i = 0; i < p->nmechanisms; i++)
        fprintf(f, "    %-32s %s\n", p->mechanisms[i].id,
                p->mechanisms[i].title ? p->mechanisms[i].title : "");
    fputs("  claims:\n", f);
    for (size_t i = 0; i < p->nclaims; i++) {
        const mc_claim *c = &p->claims[i];
        fprintf(f, "    %-32s %s\n", c->id, c->title ? c->title : "");
        if (detail) {
            wrap(f, c->statement, 6);
            fputs("      hypotheses: ", f);
            fputs(c->hypotheses && *c->hypotheses ? c->hypotheses : "none", f);
            fprintf(f, "\n      mechanism: %s\n", c->mechanism);
        }
    }
}

static json_t *paper_json(const mc_paper *p)
{
    json_t *claims = json_array(), *mechs = json_array();
    for (size_t i = 0; i < p->nclaims; i++) {
        const mc_claim *c = &p->claims[i];
        json_array_append_new(claims,
                              json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "id", c->id, "name", c->name,
                                        "title", c->title ? c->title : "", "statement",
                                        c->statement ? c->statement : "", "hypotheses",
                                        c->hypotheses ? c->hypotheses : "", "mechanism",
                                        c->mechanism));
    }
    for (size_t i = 0; i < p->nmechanisms; i++)
        json_array_append_new(mechs, json_pack("{s:s,s:s}", "id", p->mechanisms[i].id, "title",
                                               p->mechanisms[i].title ? p->mechanisms[i].title
                                                                      : ""));
    return json_pack("{s:s,s:s,s:s,s:s,s:b,s:o,s:o}", "id", p->id, "title",
                     p->title ? p->title : "", "authors", p->authors ? p->authors : "", "seed",
                     p->seed ? p->seed : "", "fixture", p->fixture, "mechanisms", mechs, "claims",
                     claims);
}

int cli_cmd_list(int argc, char **argv)
{
    const char *paper = NULL;
    bool json = false;
    cli_parser p;
    cli_parser_init(&p, "list", argc, argv);
    const char *arg;
    int id;
    while ((id = cli_next(&p, list_options, &arg)) != CLI_END) {
        switch (id) {
        case CLI_POSITIONAL:
            if (paper) {
                cli_errorf("list: one paper only, got '%s' and '%s'", paper, arg);
                return CLI_EXIT_ERROR;
            }
            paper = arg;
            break;
        case OPT_HELP:
            cli_help_list(stdout);
            return cli_flush_stdout() ? CLI_EXIT_OK : CLI_EXIT_ERROR;
        case OPT_JSON:
            json = true;
            break;
        default:
            return CLI_EXIT_ERROR;
        }
    }
    const mc_paper *papers;
    size_t n = mc_papers(&papers);
    if (paper && !mc_paper_find(paper)) {
        cli_errorf("list: unknown paper '%s' (see 'mechcheck list')", paper);
        return CLI_EXIT_ERROR;
    }
    if (json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++)
            if (!paper || strcmp(papers[i].id, paper) == 0)
                json_array_append_new(arr, paper_json(&papers[i]));
        json_t *doc = json_pack("{s:s,s:o}", "schema", "mechcheck-list/1", "papers", arr);
        mc_error err;
        mc_status st = mc_report_json(stdout, doc, &err);
        json_decref(doc);
        if (st != MC_OK)
            return cli_report_error(&err);
        return cli_flush_stdout() ? CLI_EXIT_OK : CLI_EXIT_ERROR;
    }
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        if (paper && strcmp(papers[i].id, paper) != 0)
            continue;
        if (!first)
            fputc('\n', stdout);
        first = false;
        list_paper(stdout, &papers[i], paper != NULL);
    }
    if (!paper)
        printf("\nDetails: mechcheck list PAPER; instances: mechcheck help instance MECHANISM\n");
    return cli_flush_stdout() ? CLI_EXIT_OK : CLI_EXIT_ERROR;
}

int cli_help_instance(int argc, char **argv)
{
    const mc_paper *papers;
    size_t n = mc_papers(&papers);
    if (argc < 2) {
        printf("usage: mechcheck help instance MECHANISM\n\nmechanisms:\n");
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < papers[i].nmechanisms; j++)
                printf("  %-32s %s\n", papers[i].mechanisms[j].id,
                       papers[i].mechanisms[j].title ? papers[i].mechanisms[j].title : "");
        return cli_flush_stdout() ? CLI_EXIT_OK : CLI_EXIT_ERROR;
    }
    const mc_mechanism *m = mc_mechanism_find(argv[1]);
    if (!m) {
        cli_errorf("help instance: unknown mechanism '%s' (see 'mechcheck help instance')",
                   argv[1]);
        return CLI_EXIT_ERROR;
    }
    printf("%s — %s\n\n", m->id, m->title ? m->title : "");
    wrap(stdout, m->summary, 0);
    printf("\nparameters:\n");
    for (size_t i = 0; i < m->nparams; i++) {
        const mc_param_doc *d = &m->params[i];
        char left[96];
        snprintf(left, sizeof left, "%s (%s%s%s)", d->name, d->type, d->dflt ? ", default " : "",
                 d->dflt ? d->dflt : ", required");
        printf("  %-30s %s\n", left, d->doc ? d->doc : "");
    }
    printf("\nAn instance is given with --set KEY=VALUE per parameter, or as a JSON file\n"
           "(--instance FILE) holding {\"mechanism\": \"%s\", \"params\": {...}}.\n"
           "Numbers are exact: integers, fractions as strings (\"1/20\") or decimals\n"
           "(\"0.05\", read exactly); JSON reals such as 0.05 are refused.  A list is\n"
           "written a,b,c on the command line and [a, b, c] in JSON.\n",
           m->id);
    const mc_claim *first = NULL;
    printf("\nclaims about it:\n");
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < papers[i].nclaims; j++)
            if (strcmp(papers[i].claims[j].mechanism, m->id) == 0) {
                first = first ? first : &papers[i].claims[j];
                printf("  %-32s %s\n", papers[i].claims[j].id,
                       papers[i].claims[j].title ? papers[i].claims[j].title : "");
            }
    if (m->example && first)
        printf("\nexample: mechcheck check %s %s\n", first->id, m->example);
    if (m->family && first)
        printf("search:  mechcheck search %s --over \"%s\" --shrink\n", first->id, m->family);
    return cli_flush_stdout() ? CLI_EXIT_OK : CLI_EXIT_ERROR;
}
