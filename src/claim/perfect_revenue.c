/* The paper "Robust Perfect Revenue From Perfectly Informed Players"
 * (Chen, Hassidim, Micali, 2011; seeds/000): its mechanisms and claims. */
#include "claim/perfect_revenue_claims.h"
#include "claim/perfect_revenue_foils.h"

#define M_ID "perfect-revenue/M"
#define PAPER "perfect-revenue"

static const mc_claim claims[] = {
    {PAPER "/theorem-1", PAPER, "theorem-1", "Theorem 1 (no DST mechanism guarantees a fraction eps)",
     "For any eps > 0 no dominant-strategy-truthful direct mechanism guarantees revenue eps * MSW "
     "at the truthful profile in every context.  Checked as LP feasibility over deterministic "
     "mechanisms on a finite grid of reports and contexts (n = 2, Omega = {bot, w}): for every "
     "allocation pattern x in {bot, w}^(R x R), IR, DST and the revenue guarantee must be "
     "infeasible in the free-sign prices.",
     "n = 2, |Omega| = 2; the grid R = T; deterministic allocations", "perfect-revenue/dst-grid",
     mc_pr_check_theorem1, mc_pr_recheck_theorem1},
    {PAPER "/lemma-1", PAPER, "lemma-1", "Lemma 1 (height-1 nodes)",
     "At every YES/NO node every agent has a strictly dominant vote: an independent player says "
     "YES iff TV_i(omega*) >= P*_i; a member i of a collusive set C says YES iff bip_i is in C or "
     "sum_C TV(omega*) >= sum_C P*.  Checked at every distinct height-1 node of the capped game, "
     "blocks acting as joint agents.",
     "integer values; players with P* = 0 and player 1 with bip_1 = 1 vote YES by default", M_ID,
     mc_pr_check_lemma1, mc_pr_recheck_lemma},
    {PAPER "/lemma-1-prime", PAPER, "lemma-1-prime", "Lemma 1' (height-1 nodes, no collusion)",
     "With every player independent, at every YES/NO node each voter's strictly dominant vote is "
     "YES iff TV_i(omega*) >= P*_i.", "every player independent", M_ID,
     mc_pr_check_lemma1_prime, mc_pr_recheck_lemma},
    {PAPER "/lemma-2", PAPER, "lemma-2", "Lemma 2 (raise nodes, heights 2..n)",
     "At every node where player i announces Delta^i, the unique best raise is: for every other "
     "block D short of its total value at the current prices, the shortfall on D's minimal member; "
     "for i's own block C, the shortfall on min(C \\ {i}) if C is short and some later player is "
     "outside C; zero elsewhere.  Checked at every distinct raise node within the caps.",
     "integer values; the eps^i_j chain strictly decreasing", M_ID, mc_pr_check_lemma2,
     mc_pr_recheck_lemma},
    {PAPER "/lemma-2-prime", PAPER, "lemma-2-prime", "Lemma 2' (raise nodes, no collusion)",
     "With every player independent, at every raise node player i raises each j exactly to "
     "TV_j(omega*) when j's current price is below it, and not at all otherwise.",
     "every player independent", M_ID, mc_pr_check_lemma2_prime, mc_pr_recheck_lemma},
    {PAPER "/lemma-3", PAPER, "lemma-3", "Lemma 3 (root)",
     "Player 1's unique best announcement is the first welfare-maximising state in the order of "
     "Omega, with each block's total value on its minimal member and 0 on the others.",
     "integer values; caps on K1 admit the prescription", M_ID, mc_pr_check_lemma3,
     mc_pr_recheck_lemma},
    {PAPER "/lemma-3-prime", PAPER, "lemma-3-prime", "Lemma 3' (root, no collusion)",
     "With every player independent, player 1's unique best announcement is the first "
     "welfare-maximising state with K1_i = TV_i(omega*), and for every announced state omega the "
     "best K1 is TV(omega) (\"no matter what omega* is\").",
     "every player independent", M_ID, mc_pr_check_lemma3_prime, mc_pr_recheck_lemma},
    {PAPER "/theorem-2-welfare", PAPER, "theorem-2-welfare", "Theorem 2 (1): welfare",
     "In the SPE the outcome's welfare sum_i TV_i(omega) equals MSW.",
     "the SPE of the capped game (uniqueness reported separately)", M_ID,
     mc_pr_check_thm2_welfare, mc_pr_recheck_outcome},
    {PAPER "/theorem-2-revenue", PAPER, "theorem-2-revenue", "Theorem 2 (2): revenue",
     "In the SPE the revenue sum_i P_i is at least (1 - 4 eps n) MSW (expected revenue; every "
     "realisation is reported).", "the SPE of the capped game (uniqueness reported separately)",
     M_ID, mc_pr_check_thm2_revenue, mc_pr_recheck_outcome},
    {PAPER "/unique-spe", PAPER, "unique-spe", "Unique SPE (Sec. 1.5, Sec. 5)",
     "The game of M has a unique subgame-perfect equilibrium in the paper's inductive sense: at "
     "every node the acting agent has a strictly best action, and at the YES/NO step every agent "
     "a strictly dominant vote.", "nodes within the caps", M_ID, mc_pr_check_unique_spe, NULL},
    {PAPER "/no-loss", PAPER, "no-loss", "The mechanism never loses money (rational play)",
     "In the equilibrium play the revenue (expected, and of every realisation) is non-negative.",
     "the SPE of the capped game", M_ID, mc_pr_check_no_loss, mc_pr_recheck_outcome},
    {PAPER "/nonneg-utility", PAPER, "nonneg-utility", "Non-negative utilities in rational play",
     "In the equilibrium play every player's expected utility is non-negative.",
     "the SPE of the capped game", M_ID, mc_pr_check_nonneg_utility, mc_pr_recheck_outcome},
    {PAPER "/no-loss-all-plays", PAPER, "no-loss-all-plays",
     "Never loses money, broader reading (every play)",
     "Not a claim the paper proves: the broader reading of \"never loses money\" -- the least "
     "expected revenue over every pure play of the capped game is non-negative.",
     "every pure play within the caps", M_ID, mc_pr_check_no_loss_all_plays, NULL},
    {PAPER "/privacy", PAPER, "privacy", "Perfect privacy in rational play (Sec. 1.5)",
     "In rational play the public transcript (the announced state and prices K1, the raises, "
     "the NO votes) reveals nothing beyond the outcome: over every true-value profile with "
     "TV_j(omega) in 0..cap_k[j] (the instance's own tv is ignored; everything else is kept), "
     "profiles with the same outcome distribution (kinds, states, final prices, probabilities) "
     "have the same SPE transcript.",
     "the SPE of the capped game (the solver's selection at ties); at most 4096 profiles", M_ID,
     mc_pr_check_privacy, NULL},
    {PAPER "/one-truthful-spe", PAPER, "one-truthful-spe",
     "Collusive players: many truthful announcements, one SPE (Sec. 1.5)",
     "With collusive players M has several ways to be truthful (each block priced at its total "
     "value, split in any way among its members), but exactly one of them is the SPE root.",
     "some collusive set", M_ID, mc_pr_check_one_truthful_spe, NULL},
    {PAPER "/hope-truthful-ne", PAPER, "hope-truthful-ne",
     "HOPE-FOR-THE-BEST: truthful reporting is a Nash equilibrium (Sec. 1.4)",
     "In HOPE-FOR-THE-BEST every player reporting the true valuation profile is a pure Nash "
     "equilibrium with revenue MSW - n * discount.", "report grid contains TV",
     "perfect-revenue/hope", mc_pr_check_hope_truthful, NULL},
    {PAPER "/hope-scaled-ne", PAPER, "hope-scaled-ne",
     "HOPE-FOR-THE-BEST: the scaled-down profiles E_x are equilibria (Sec. 1.4)",
     "Everyone reporting TV/x is a Nash equilibrium for x = 2, 3, ...; the paper says each "
     "player's utility grows by a factor x and the revenue is a fraction 1/x of the maximum "
     "(both computed exactly and printed next to the statement).",
     "report grid contains TV/x", "perfect-revenue/hope", mc_pr_check_hope_scaled, NULL},
    {PAPER "/hope-scaled-numbers", PAPER, "hope-scaled-numbers",
     "HOPE-FOR-THE-BEST: the numbers of E_x (Sec. 1.4)",
     "In E_x the utility of each player is x times that of the truthful equilibrium E_1, and the "
     "money collected is a fraction 1/x of the maximum possible revenue MSW (taken literally).",
     "report grid contains TV and TV/x", "perfect-revenue/hope", mc_pr_check_hope_scaled_numbers,
     NULL},
    {PAPER "/hope-footnote-1", PAPER, "hope-footnote-1",
     "HOPE-FOR-THE-BEST: footnote 1's low-revenue equilibrium",
     "Everyone reporting that every player values omega at c (and other states at 0) is an "
     "equilibrium with revenue c n (less the discounts) and welfare sum_i TV_i(omega).",
     "0 < c < min_i TV_i(omega), c on the grid", "perfect-revenue/hope",
     mc_pr_check_hope_footnote, NULL},
    {PAPER "/hope-equilibrium-selection", PAPER, "hope-equilibrium-selection",
     "HOPE-FOR-THE-BEST is vulnerable to equilibrium selection (Sec. 1.4)",
     "HOPE-FOR-THE-BEST has many pure equilibria, in plenty of which revenue and welfare are "
     "poor; and neither iterated weak dominance (simultaneous rounds, alternating passes from "
     "either player) nor iterated strict dominance leaves only the truthful report.  The spread "
     "of (revenue, welfare) over the equilibria and the survivors of every order are reported.",
     "report grid contains TV", "perfect-revenue/hope",
     mc_pr_check_hope_dominance, NULL},
    {PAPER "/gp-rounds", PAPER, "gp-rounds", "Glazer-Perry needs exponentially many rounds (App. B)",
     "In the 5-player example the fine must satisfy delta < eps/5 for last-round truthfulness and "
     "delta > 2^m / k for player 5 at round k, hence k > 5 * 2^m / eps: the number of rounds is "
     "exponential in the O(m)-bit description.", "the Appendix-B example",
     "perfect-revenue/gp", mc_pr_check_gp, NULL},
};

static const mc_mechanism mechanisms[] = {
    {M_ID, PAPER, "Mechanism M (Sec. 4)",
     "Player 1 announces a state omega* and prices K1; players 2..n in turn announce raises "
     "Delta^i; the last raiser of each player is his best-informed player bip and his price is "
     "cumulative (step b, corrected reading); then every player with a choice says YES or NO "
     "simultaneously; unanimity implements (omega*, P* - eps), otherwise coins c1 (punish the "
     "NO-sayers' bip by 2 P*) and c2 (implement with probability Y/(nB)); step g pays the rewards "
     "eps + 2 eps sum K1 - eps f_r/n_r to player 1 and eps + sum_j eps^i_j Delta^i_j to player i.  "
     "Announcements are capped per coordinate (instance parameters, printed with every result).",
     mc_pr_m_params, MC_PR_M_NPARAMS, mc_pr_m_validate, mc_pr_m_shrink,
     "n=2..3,tv=[0..3]*n,caps=1..3", "--set n=2 --set tv=1,2 --set eps=1/20 --set caps=3"},
    {"perfect-revenue/dst-grid", PAPER, "DST direct mechanisms on a finite grid (Theorem 1)",
     "Deterministic direct mechanisms for n = 2, Omega = {bot, w}: a report is a pair of declared "
     "values; the allocation is enumerated, prices are LP variables.",
     mc_pr_dst_params, MC_PR_DST_NPARAMS, mc_pr_dst_validate, NULL, "eps=1/20..1:1/20",
     "--set eps=1/10"},
    {"perfect-revenue/hope", PAPER, "HOPE-FOR-THE-BEST (Sec. 1.4)",
     "Every player reports a valuation profile from a grid; if all reports agree, the first "
     "welfare-maximising state is implemented at prices v_i - discount; else (bot, 0).",
     mc_pr_hope_params, MC_PR_HOPE_NPARAMS, mc_pr_hope_validate, NULL, "tv=[0..5]*2",
     "--set tv=2,4 --set discount=1/10"},
    {"perfect-revenue/gp", PAPER, "Glazer-Perry example (Appendix B)",
     "The 5-player, 2-outcome example of Appendix B as arithmetic in (eps, delta, k, m).",
     mc_pr_gp_params, MC_PR_GP_NPARAMS, mc_pr_gp_validate, NULL, "m=1..30",
     "--set eps=1/10 --set m=10"},
};

const mc_paper mc_paper_perfect_revenue = {
    .id = PAPER,
    .title = "Robust Perfect Revenue From Perfectly Informed Players",
    .authors = "Jing Chen, Avinatan Hassidim, Silvio Micali",
    .seed = "000_d1417cfd1a3527ae.txt",
    .claims = claims,
    .nclaims = sizeof claims / sizeof claims[0],
    .mechanisms = mechanisms,
    .nmechanisms = sizeof mechanisms / sizeof mechanisms[0],
};
