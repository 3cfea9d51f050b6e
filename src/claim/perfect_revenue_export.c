/* Games of the perfect-revenue mechanisms as Gambit objects, for
 * `mechcheck export`: mechanism M as an explicit tree (.efg; simultaneous
 * YES/NO stages become Gambit information sets when written), and
 * HOPE-FOR-THE-BEST as a normal form (.nfg). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim/perfect_revenue_claims.h"
#include "claim/perfect_revenue_foils.h"
#include "mech/perfect_revenue_hope.h"

mc_status mc_pr_export_tree(const mc_instance *in, mc_tree *t, uint64_t max_nodes,
                            mc_error *err)
{
    mc_pr_params p;
    mc_pr_params_init(&p);
    mc_status st = mc_pr_params_from_instance(in, &p, err);
    mc_game g;
    if (st == MC_OK)
        st = mc_pr_game_new(&g, &p, err);
    if (st == MC_OK) {
        st = mc_tree_from_game(&g, t, max_nodes, err);
        if (st == MC_OK) {
            char *text = mc_pr_params_text(&p);
            free(t->title);
            t->title = strdup("perfect-revenue mechanism M (Chen, Hassidim, Micali 2011)");
            free(t->comment);
            t->comment = text ? text : strdup("");
        }
        mc_game_destroy(&g);
    }
    mc_pr_params_clear(&p);
    return st;
}

mc_status mc_pr_export_hope(const mc_instance *in, mc_nfg *out, mc_error *err)
{
    mc_hope h;
    mc_sform sf;
    mc_status st = mc_pr_hope_read(in, &h, err);
    if (st == MC_OK)
        st = mc_hope_sform(&h, &sf, err);
    if (st != MC_OK) {
        mc_hope_clear(&h);
        return st;
    }
    st = mc_nfg_init(out, h.n, sf.nstrategies, err);
    for (uint64_t prof = 0; st == MC_OK && prof < sf.nprofiles; prof++)
        for (unsigned j = 0; j < h.n; j++)
            mc_q_set(mc_nfg_payoff(out, prof, j), mc_sform_payoff(&sf, prof, j));
    for (unsigned j = 0; st == MC_OK && j < h.n; j++)
        for (uint32_t s = 0; s < h.nstrategies; s++) {
            char *name = strdup(sf.strategy_names[j][s]);
            if (!name) {
                st = mc_error_set(err, MC_ENOMEM, "export: out of memory");
                break;
            }
            free(out->strategy_names[j][s]);
            out->strategy_names[j][s] = name;
        }
    if (st == MC_OK) {
        free(out->title);
        out->title = strdup("perfect-revenue HOPE-FOR-THE-BEST");
    }
    mc_sform_free(&sf);
    mc_hope_clear(&h);
    return st;
}
