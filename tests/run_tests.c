/* Runs every Check suite (see scripts/gen_suites.sh); an argument selects
 * the suites whose name contains it. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MC_SUITE(name) Suite *mc_suite_##name(void);
#include "suites.h"
#undef MC_SUITE

typedef struct {
    const char *name;
    Suite *(*make)(void);
} suite_entry;

static const suite_entry suites[] = {
#define MC_SUITE(name) {#name, mc_suite_##name},
#include "suites.h"
#undef MC_SUITE
};

int main(int argc, char **argv)
{
    const char *filter = argc > 1 ? argv[1] : NULL;
    SRunner *runner = NULL;
    for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++) {
        if (filter && !strstr(suites[i].name, filter))
            continue;
        Suite *s = suites[i].make();
        if (!runner)
            runner = srunner_create(s);
        else
            srunner_add_suite(runner, s);
    }
    if (!runner) {
        fprintf(stderr, "mc_tests: no suite matches '%s'\n", filter ? filter : "");
        return 2;
    }
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
