/* Help texts of the commands that are planned but not implemented yet.
 * Each moves to its own cmd_<name>.c when it is written. */
#include "cli/cli.h"

static void planned_note(FILE *f)
{
    fprintf(f, "\nThis command is planned and not implemented yet; it exits with status 2.\n");
}

void cli_help_check(FILE *f)
{
    fprintf(f, "usage: mechcheck check CLAIM [INSTANCE OPTIONS] [--json]\n"
               "\n"
               "Checks one numbered claim of a paper (for example perfect-revenue/lemma-2) on a\n"
               "concrete instance and prints the verdict (HOLDS, FAILS, UNDECIDED) with a\n"
               "witness that an independent routine re-checks.\n");
    planned_note(f);
}

void cli_help_search(FILE *f)
{
    fprintf(f, "usage: mechcheck search CLAIM [FAMILY OPTIONS] [--seed N]\n"
               "\n"
               "Sweeps or samples a family of instances, stops at the first instance on which\n"
               "the claim fails, shrinks it to a minimal one and prints a command that\n"
               "reproduces it.\n");
    planned_note(f);
}

void cli_help_report(FILE *f)
{
    fprintf(f, "usage: mechcheck report PAPER | --all [--format md|json|html] [-o FILE]\n"
               "\n"
               "Runs a paper's claim suite and writes a verification report: every numbered\n"
               "claim, the instances checked, verdicts, witnesses, timings and sweep plots.\n");
    planned_note(f);
}

void cli_help_list(FILE *f)
{
    fprintf(f, "usage: mechcheck list [papers|claims|mechanisms]\n"
               "\n"
               "Lists the papers mechcheck ships with (perfect-revenue, resilient-auction,\n"
               "bb-welfare, conservative-bayes, gum), their claims and their mechanisms.\n");
    planned_note(f);
}

void cli_help_export(FILE *f)
{
    fprintf(f, "usage: mechcheck export MECHANISM [INSTANCE OPTIONS] -o FILE.efg|FILE.nfg\n"
               "\n"
               "Materialises a mechanism's game on an instance and writes it as a Gambit file.\n");
    planned_note(f);
}
