/* Help texts of the commands that are planned but not implemented yet.
 * Each moves to its own cmd_<name>.c when it is written. */
#include "cli/cli.h"

static void planned_note(FILE *f)
{
    fprintf(f, "\nThis command is planned and not implemented yet; it exits with status 2.\n");
}

void cli_help_export(FILE *f)
{
    fprintf(f, "usage: mechcheck export MECHANISM [INSTANCE OPTIONS] -o FILE.efg|FILE.nfg\n"
               "\n"
               "Materialises a mechanism's game on an instance and writes it as a Gambit file.\n");
    planned_note(f);
}
