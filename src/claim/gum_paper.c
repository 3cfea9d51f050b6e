/* Seed 004: Csoka, Liu, Rodivilov, Teytelboym, "A Collusion-Proof
 * Efficient Dynamic Mechanism" (2024) -- the mechanism and claim registry. */
#include "claim/gum_appc.h"
#include "claim/gum_checks.h"

static const mc_param_doc gum_params_doc[] = {
    {"env", "string", "r4",
     "environment: r4 (spec R4), app-e3 (Theorem 2), dpm52 (Sec. 5.2), app-d (Theorem 4), ex51 "
     "(Example 5.1 on a grid), app-g (App G on a grid), random"},
    {"mech", "string", "gum",
     "mechanism: gum, gum-sym (orders averaged), gum-sym-r (random order), btm, agv (= btm), dpm, "
     "dpm27, free (transfer-free GUM)"},
    {"order", "int-list", "1,2,..,n", "GUM processing order of the agents (a permutation of 1..n)"},
    {"info", "string", "v0", "within-period information: v0 simultaneous, v1 in order, v2 against"},
    {"see", "string", "reports", "v1/v2: what later movers see of earlier ones: reports, types, both"},
    {"past", "int", "0", "1: true past types are observed (V3; the coalition's in guarantee claims)"},
    {"tie", "string", "first",
     "tie-break of the efficient policy: first or last maximiser (app-g: set by sign0)"},
    {"impl", "int", NULL, "use the k-th efficient implementation (0-based; overrides tie)"},
    {"policy", "string", "efficient",
     "efficient, random (a seeded arbitrary policy) or given (parameter chi)"},
    {"chi", "json", "none",
     "policy=given: [[d], [d per type profile of period 1], ..., [.. period T]], decisions as "
     "labels or 0-based indices, type profiles with the public state slowest and agent n "
     "fastest"},
    {"policy_seed", "int", "1", "seed of policy=random"},
    {"n", "int", "3", "agents (random, app-d)"},
    {"T", "int", "2", "periods (random; ex51 default 3)"},
    {"k", "int", "2", "types per agent and period (random; the minimum if kmax is given)"},
    {"kmax", "int", "k", "random: most types per agent and period"},
    {"x", "int", "2", "random: decisions per period"},
    {"public", "int", "1", "random: public-state types (1 = no public state)"},
    {"den", "int", "6", "random: probabilities are multiples of 1/den"},
    {"umin", "int", "-5", "random: smallest payoff"},
    {"umax", "int", "5", "random: largest payoff"},
    {"seed", "int", "1", "random: seed"},
    {"support", "string", "full", "random: full (every type positive) or partial"},
    {"dd", "int", "1", "random: 1 = transitions depend on the decision"},
    {"iid", "int", "0", "random: 1 = every period repeats period 1's stage independently"},
    {"big", "rational", "1e42", "app-d: the forcing penalty"},
    {"eps", "rational", "3", "app-d: red's round-2 cost"},
    {"lo", "rational", "5", "ex51: YES payoff of a LOW blue/red"},
    {"hi", "rational", "100", "ex51: YES payoff of a HIGH blue/red"},
    {"g", "rational", "-150", "ex51: green's YES payoff"},
    {"grid", "int", "5",
     "app-g: grid points per agent, theta in {-1, -1 + 2/(grid-1), ..., 1} (uniform; >= 2)"},
    {"dummy", "int", "1", "app-g: 1 = add agent 3, the dummy (single type 0, payoff 0)"},
    {"sign0", "string", "plus", "app-g: the decision at a zero sum of reports: plus (+1) or minus (-1)"},
    {"bound", "rational", "0", "free: the bound B of the virtual budgets"},
    {"agent", "int", "0", "guarantee claims: the agent checked (0 = every agent)"},
    {"lp", "int", "1", "guarantee claims: 1 = also solve the sequence-form LP"},
    {"pairs", "int", "48", "lemma-2/3: strategy pairs sampled (pair 0 is truthful)"},
    {"pair_seed", "int", "1", "lemma-2/3: seed of the sampled strategy maps"},
    {"max_impl", "int", "256", "conjecture-1: most efficient implementations searched"},
    {"setups", "int", "1", "conjecture-1 (env=random): search the setups of seeds seed..seed+setups-1"},
    {"max_profiles", "int", "1048576",
     "equilibrium claims: the most profiles of a reduced normal form (beyond: UNDECIDED)"},
};

static const mc_param_doc appc_params_doc[] = {
    {"bet", "int-list", "-2,1,8,-9",
     "(u1, u2) when agent 2's guess is correct, then when it is wrong (Tables 3-4)"},
    {"pd", "int-list", "-10,10,-20,0",
     "agent 3's prisoners'-dilemma payoff at (x3, x4) = YY, YN, NY, NN; agent 4's mirrors it"},
    {"stage", "int-list", "-10,-40,0,10,-20,-50",
     "three-player variant: YYY; one N: the N, the Ys; two N: the Ns, the Y; NNN"},
    {"p", "rational", "1/5", "app-c-bet: agent 1's belief that agent 2's guess is wrong"},
};

static const mc_mechanism gum_mechanisms[] = {
    {
        .id = "gum/dynamic",
        .paper = "gum",
        .title = "Dynamic direct mechanisms: GUM, symmetric GUM, BTM/AGV, pivot, transfer-free GUM",
        .summary =
            "A finite dynamic environment (private Markov types, independent given the public "
            "state and the decision; finite decisions; per-period payoffs; fixed initial "
            "state; horizon T) with a decision policy (efficient by dynamic programming with "
            "an explicit tie-break, an efficient implementation chosen among ties, or an "
            "arbitrary seeded one) and a transfer rule: GUM (eq. 10, processing order as a "
            "parameter), GUM averaged over all orders or with a random order (App H), the "
            "Balanced Team Mechanism (= static AGV for T = 1), the dynamic pivot mechanism "
            "(Bergemann-Valimaki, and the literal eq. 27), or the transfer-free GUM (Sec. 7). "
            "The extensive form has chance drawing the true types each period and the agents "
            "reporting with the information structure of the instance (simultaneous, in or "
            "against the processing order, with or without true past types observed).  All "
            "numbers are exact rationals.",
        .params = gum_params_doc,
        .nparams = sizeof gum_params_doc / sizeof gum_params_doc[0],
        .validate = mc_gum_validate,
        .shrink = mc_gum_shrink,
        .family = "env=random,seed=1..50,n=2..3,T=1..2",
        .example = "--set env=r4 --set mech=btm",
    },
    {
        .id = "gum/app-c",
        .paper = "gum",
        .title = "App C: the four-player bet game and the three-player stage game",
        .summary =
            "Appendix C's games against Safronov's coalition-proofness.  Agent 1 Quits (all "
            "get 0) or Bets; agent 2 privately guesses agents 3 and 4's moves (g3, g4); agents "
            "3 and 4 then play a prisoners' dilemma without seeing the guess; (u1, u2) depend "
            "only on whether the guess is right.  The three-player variant replaces the "
            "dilemma by a symmetric game among agents 3, 4 and 5.  Both as exact strategic "
            "forms (pure strategies are actions: nobody moves twice); payoffs are parameters, "
            "the paper's by default.",
        .params = appc_params_doc,
        .nparams = sizeof appc_params_doc / sizeof appc_params_doc[0],
        .validate = mc_appc_validate,
        .shrink = NULL,
        .family = "p=0..1",
        .example = "--set p=1/10",
    },
};

#define CLAIM(nm, ttl, stmt, hyp, fn)                                                         \
    {                                                                                        \
        .id = "gum/" nm, .paper = "gum", .name = nm, .title = ttl, .statement = stmt,         \
        .hypotheses = hyp, .mechanism = "gum/dynamic", .check = fn, .recheck = NULL           \
    }

#define CLAIM_C(nm, ttl, stmt, hyp, fn)                                                       \
    {                                                                                        \
        .id = "gum/" nm, .paper = "gum", .name = nm, .title = ttl, .statement = stmt,         \
        .hypotheses = hyp, .mechanism = "gum/app-c", .check = fn, .recheck = NULL             \
    }

static const mc_claim gum_claims[] = {
    CLAIM("budget-balance", "Ex-post budget balance (eq. 5)",
          "The transfers of GUM (and of BTM) sum to zero in every period after every history of "
          "reports, on and off the path: each payment in eq. (10) is from one agent to another.",
          "mech = gum, gum-sym, gum-sym-r or btm", mc_gum_check_budget),
    CLAIM("lemma-1", "Lemma 1: the GUM externality is additive",
          "For every agent j, period t and history, the externalities gamma^{i->j}_t of the "
          "agents' sequential updates (eq. 9) sum to the total externality gamma^{I->j}_t of "
          "updating all period-t reports at once (eq. 30).  Also reported: the public state's "
          "term, and coalitions updating at once (contiguous and not) in the processing order.",
          "mech = gum; any environment, including a public state", mc_gum_check_lemma1),
    CLAIM("gup", "GUM satisfies the Guaranteed Utility Property (eqs. 11-13)",
          "The sum over agents of the maximin expected utilities (others independent, mixed) "
          "equals the highest total expected utility; for GUM each agent guarantees Upsilon^i "
          "by reporting truthfully.",
          "a budget-balanced mechanism with an efficient policy (RHS = W*)", mc_gum_check_gup),
    CLAIM("cpgup", "GUM satisfies the Collusion-Proof Guaranteed Utility Property (eqs. 20-22)",
          "The sum over agents of the maximin expected utilities against all other agents "
          "pooled into one collusive coalition equals the grand coalition's highest total "
          "expected utility.  With past=1 the punishing coalition also sees every agent's true "
          "past types (the strengthened property, eq. 45).",
          "efficient policy; V0 or V1 information", mc_gum_check_cpgup),
    CLAIM("proposition-1", "Proposition 1: every BNE of GUM is efficient and utility-equivalent",
          "In every Bayesian Nash equilibrium of GUM the expected total payoff is W* and agent "
          "i's expected utility is Upsilon^i.  Checked on all pure BNE: of the ex-ante strategic "
          "form for static instances (cross-checked against the extensive form), of the reduced "
          "normal form of the extensive form for dynamic ones (with past=1: every agent sees all "
          "true past types); each equilibrium is confirmed by DP best responses.  On dynamic "
          "instances the paper's argument is checked too, premise by premise: each truthful "
          "agent's lower bound against the pooled others (DP) equals Upsilon^i, the bounds sum "
          "to the best joint total, which is W*, and transfers balance at every history; this "
          "covers mixed BNE and decides normal forms too large to enumerate, and where both "
          "routes decide they must agree.",
          "enumeration: pure equilibria of reduced normal forms up to max_profiles profiles; "
          "the argument: V0 or V1 information, budget balance",
          mc_gum_check_prop1),
    CLAIM("proposition-2", "Proposition 2: collusion-proof iff CPGUP",
          "A mechanism is collusion-proof (all weak collusive equilibria are utility-"
          "equivalent) if and only if it satisfies CPGUP.  When CPGUP fails, two weak "
          "collusive equilibria with different utility vectors are built from the LP's "
          "punishments and verified.",
          "budget balanced or not; mixed strategies on both sides", mc_gum_check_prop2),
    CLAIM("coalition-bound", "Eq. (19): no coalition beats the sum of its Upsilons",
          "If every agent outside a coalition L reports truthfully, L's pooled total expected "
          "utility is at most sum_{j in L} Upsilon^j.",
          "mech = gum (BTM and AGV reported for contrast)", mc_gum_check_coalition_bound),
    CLAIM("theorem-1", "Theorem 1: GUM is collusion-proof",
          "A truthful agent's expected utility equals Upsilon^i against every collusive "
          "strategy of the others (the martingale of App B, eq. 56), also when they observe "
          "every true past type (eq. 45); the Upsilons sum to W*, so CPGUP and, by Prop. 2, "
          "collusion-proofness hold.  The martingale identity is also checked node by node.",
          "mech = gum; V0 or V1", mc_gum_check_theorem1),
    CLAIM("theorem-2", "Theorem 2 (= 7): an AGV implementation where IEWDS ends inefficient",
          "In App E.3's setup, under the AGV implementation (N, N, S, B), the truthful "
          "strategy of an agent is weakly dominated, and iterated elimination of weakly "
          "dominated strategies, in every order, ends at an inefficient profile.  Every "
          "efficient implementation of the setup is reported.",
          "env = app-e3, mech = agv", mc_gum_check_theorem2),
    CLAIM("theorem-3", "Theorem 3: with a unique efficient policy, truth survives IEWDS under AGV",
          "If the efficient decision policy is unique, then under AGV the truthful profile "
          "survives iterated elimination of weakly dominated strategies (every order).  "
          "Theorem 6's weaker statement (truth is not weakly dominated) is reported too.",
          "T = 1, mech = agv, unique efficient policy", mc_gum_check_theorem3),
    CLAIM("theorem-4", "Theorem 4: dynamic BTM where IEWDS leaves only inefficient profiles",
          "There is a setup with a unique efficient policy in which, under BTM, iterated "
          "elimination of weakly dominated strategies leaves only inefficient profiles, in "
          "every order.  The paper's witness is App D's setup for any N >= 3 and eps with "
          "eps/6 < 4 - 6/(N-1); after its steps 1-2 the game is blue's 4 round-1 maps against "
          "red's 16 round-2 maps, and each instance checks that game exactly.",
          "env = app-d, mech = btm, 0 < eps/6 < 4 - 6/(N-1)", mc_gum_check_theorem4),
    CLAIM("theorem-5", "Theorem 5: transfer-free GUM implements approximate CPGUP",
          "With B = D sqrt(T ln(TN)), each truthful agent i guarantees C^i in the transfer-free "
          "GUM with sup total - sum_i C^i <= R = N^2 D (1 + sqrt(T ln(TN))).",
          "mech = free", mc_gum_check_theorem5),
    CLAIM("table-1-same-period", "Table 1: robustness to observing same-period types",
          "DPM is robust (YES: period ex-post incentive compatible, no agent gains from a lie "
          "even knowing every current type); BTM and GUM are not (NO).  Checked after every "
          "truthful history and current type profile, everyone truthful afterwards.",
          "mech = dpm, btm or gum", mc_gum_check_table1_ic),
    CLAIM("table-1-pbe", "Table 1: an efficient PBE exists",
          "DPM, BTM and GUM each have an efficient perfect Bayesian equilibrium (YES).  Checked "
          "on the truthful profile: at every information set of every agent, including those "
          "after its own lies, with the others truthful and beliefs by Bayes' rule (their types "
          "equal their reports), reporting truthfully now and afterwards is optimal (no "
          "one-shot deviation gains); cross-checked against each agent's best response in the "
          "game tree.",
          "mech = dpm, btm or gum; V0; efficient policy", mc_gum_check_table1_pbe),
    CLAIM("table-1-iewds", "Table 1: an efficient PBE survives IEWDS",
          "Under GUM an efficient PBE survives iterated elimination of weakly dominated "
          "strategies (YES); under DPM (Sec. 5.2) and BTM (Sec. 5.1) it need not (NO).  "
          "Checked on the reduced normal form of the game tree: iterated weak dominance by pure "
          "strategies in simultaneous rounds and in every order; every terminal set must (YES) "
          "or may fail to (NO) contain a pure NE of the game that is efficient and "
          "sequentially rational.",
          "mech = dpm, btm or gum; efficient policy; small reduced normal forms",
          mc_gum_check_table1_iewds),
    CLAIM("table-1-all-bne-efficient", "Table 1: all BNE are efficient",
          "Every BNE of GUM is efficient (YES, Proposition 1); DPM and BTM have inefficient "
          "BNE (NO).  Checked on the pure BNE of the reduced normal form of the game tree.",
          "mech = dpm, btm or gum; efficient policy; pure equilibria",
          mc_gum_check_table1_bne),
    CLAIM("table-1-all-pbe-efficient", "Table 1: all PBE are efficient",
          "Every PBE of GUM is efficient (YES: a PBE is a BNE); DPM and BTM have inefficient "
          "PBE (NO): an inefficient pure BNE that is sequentially rational wherever the "
          "others' plans reach with positive probability.",
          "mech = dpm, btm or gum; efficient policy; pure equilibria",
          mc_gum_check_table1_pbe_all),
    CLAIM("table-1-past-types", "Table 1: robustness to observing past true types",
          "DPM and GUM are robust (YES) and BTM is not (NO) when agents observe each other's "
          "true past types: the truthful profile stays sequentially rational at every "
          "information set that holds all agents' true past types, after any past lies by "
          "anyone (spec 2.8, V3), and stays a BNE; for BTM some one-shot deviation gains.  "
          "This is the notion by which Sec. 6.2 says BTM fails (its truthful profile is not "
          "subgame perfect); GUM's guarantee with observed past types (eq. 45) is checked by "
          "theorem-1 and cpgup with past=1.",
          "mech = dpm, btm or gum; V0 reports; efficient policy", mc_gum_check_table1_past),
    CLAIM("example-app-e3", "App E.3 / spec R2-R3: AGV and GUM on the investment example",
          "The transfers, values, equilibria and maximin values of the static investment "
          "example under AGV (paper's normalisation (87)-(91)) and under GUM.",
          "env = app-e3", mc_gum_check_example_e3),
    CLAIM("example-5.2", "Sec. 5.2: the dynamic pivot mechanism example and Table 2",
          "Under the pivot mechanism blue and red pay 99 at t=2 for reports (100, -100); red "
          "pays 2 at t=1 for (X, 5, -2), blue 2 for (5, X, -2); Table 2; blue and red prefer "
          "exiting at t=1; green's truth dominates X; with a_1 = +1 they prefer (100, -100) to "
          "(X, X); truth is weakly dominated.",
          "env = dpm52, mech = dpm", mc_gum_check_example_52),
    CLAIM("example-5.1", "Example 5.1: BTM's alternating deviation vs GUM",
          "On a discretised Example 5.1, BTM's terms are 50 p^{-i}_{t-1}(p^i_{t-1} - p^i_t) "
          "(eq. 35) and GUM's (38)-(39); under BTM blue and red gain by reporting 0 in even "
          "and 1 in odd rounds, and either agent's deviation makes joining a best response; "
          "under GUM it does not pay.",
          "env = ex51", mc_gum_check_example_51),
    CLAIM("lemma-2", "Lemma 2 (App D): expected BTM terms under alternating truth-telling",
          "If blue reports truthfully in even rounds and red in odd rounds, both at 0 and T, "
          "then E gamma^blue = c sum_t E(-delta^red_{t-1} delta^blue_t) = c sum_k "
          "E(-delta^red_{2k} delta^blue_{2k+1}) (73) and E gamma^red = c sum_t "
          "E(-delta^blue_{t-1} delta^red_t) = c sum_k E(-delta^blue_{2k-1} delta^red_{2k}) (74), "
          "delta = report - truth, c = 100 with App D's payoffs.  Checked exactly on sampled "
          "pure strategy pairs.",
          "env = app-d or ex51, mech = btm", mc_gum_check_lemma2),
    CLAIM("lemma-3", "Lemma 3 (App D): the expected BTM terms in terms of the lies",
          "E sum_t gamma^blue_t = c E[sum_{t<T} (delta^red_t - delta^red_{t-1}) delta^blue_t - "
          "delta^red_{T-1} delta^blue_T + p^red_0 p^blue_0 - p^red_T p-hat^blue_T] (75), and (76) "
          "for red \"in an analogous way\", printed with last term -p^red_T p-hat^red_T; also "
          "when agents observe each other's past types, provided the last reports are "
          "independent of the other's last type given the history.  Checked exactly on sampled "
          "pure strategy pairs; (76) is also checked as the mirror image of (75).",
          "env = app-d or ex51, mech = btm; simultaneous last reports", mc_gum_check_lemma3),
    CLAIM("conjecture-1", "Conjecture 1 (open): every AGV implementation loses all efficient profiles",
          "The paper asks whether some static setup has, in ALL of its AGV implementations, "
          "iterated elimination of weakly dominated strategies eliminating every efficient "
          "strategy profile, independently of the order (and suspects yes).  A seeded search: "
          "each instance is a setup, every efficient implementation is tried; a witness would "
          "answer the question, a non-witness leaves it open (UNDECIDED).",
          "static setups (T = 1) under AGV; at most max_impl implementations",
          mc_gum_check_conjecture1),
    CLAIM("example-app-d", "App D: the 4 x 4 games of Theorem 4's proof",
          "The paper's two printed 4 x 4 matrices (1/3 of the expected gammas; 4/3 of the "
          "expected utilities plus a constant, N = 3, eps = 3) over blue's and red's named "
          "strategies, recomputed exactly from the App D setup under BTM.",
          "env = app-d, mech = btm", mc_gum_check_example_appd),
    CLAIM("app-h-shapley", "App H: the symmetric GUM pays Shapley values",
          "Averaging GUM's transfers over all n! processing orders (option A) gives payments "
          "equal to Shapley values: gamma^{j->i} = Sh_j(phi_i), where phi_i(L) is the change in "
          "agent i's anticipated payoff when the reports of the agents in L (with the public "
          "state) are revealed.  Recomputed from the subset values alone, without orders, and "
          "compared exactly at every period and every pair of report profiles.",
          "mech = gum-sym", mc_gum_check_apph_shapley),
    CLAIM_C("app-c-spe", "App C: (72) is the unique SPE of the bet game",
            "In the four-player game, (Quit, (Y,Y), Y, Y) is the unique subgame perfect "
            "equilibrium (72), and agent 1 Quits with probability one in every Nash equilibrium "
            "(footnote 38).  Checked by iterated strict dominance in the subgame after Bet, "
            "agent 1's comparison, and every pure NE of the whole game.",
            "payoffs as given", mc_appc_check_spe),
    CLAIM_C("app-c-bet", "App C: Bet pays iff agent 2's guess is wrong with probability >= 0.2",
            "Agent 1 chooses Bet if it believes agent 2's guess is wrong with probability at "
            "least 0.2: E u1(Bet) >= E u1(Quit) = 0 exactly when p >= 1/5.",
            "p in [0, 1]", mc_appc_check_bet),
    CLAIM_C("app-c-safronov", "App C: (72) is Safronov coalition-proof",
            "\"By checking all the joint deviations for all possible coalitions\", (72) satisfies "
            "Safronov's coalition-proofness (71): no coalition's joint strategy raises its "
            "members' total expected utility when the others play (72).  Checked over all 15 "
            "coalitions and all joint pure plans (pure plans suffice: (71) is linear).",
            "payoffs as given", mc_appc_check_safronov),
    CLAIM_C("app-c-three", "App C: the three-player stage game has the unique NE (Y,Y,Y)",
            "The symmetric three-player variant ((Y,Y,Y) -> -10 each; one N: -40 for it, 0 for "
            "the others; two N: 10 for them, -20 for the other; (N,N,N) -> -50 each) has the "
            "unique Nash equilibrium (Y,Y,Y), with three symmetric options for collusion.",
            "payoffs as given", mc_appc_check_three),
    CLAIM("app-g", "App G: under AGV with a dummy any two agents gain by colluding; GUM is immune",
          "In App G's example (two agents with types uniform on [-1,1], u_i = theta_i d, d = "
          "sign of the sum of reports, plus a dummy agent 3 with type 0 and payoff 0), under AGV "
          "every pair of the three agents, pooling its information with the third agent "
          "truthful, gets a strictly higher total expected utility than by reporting truthfully; "
          "under GUM no pair does, and adding the dummy does not change GUM.  Checked on a "
          "uniform grid of types (env=app-g) by exact enumeration, cross-checked with the "
          "coalition DP; AGV's transfers are compared with the printed (134) and (136)-(138), "
          "agent 1's best reports with the dummy with (139), and truth is checked to be a BNE.",
          "env = app-g, dummy = 1, info = v0, d = sign(sum); mech = agv/btm (gains) or gum "
          "(immunity)",
          mc_gum_check_app_g),
    CLAIM("app-g-collusive-equilibrium",
          "App G: with {1,3} colluding openly, AGV has an inefficient equilibrium (1 over-, 2 "
          "under-reports)",
          "In App G's example with the dummy agent 3 under AGV, \"if the collusion of agents 1 "
          "and 3 is common knowledge, then there is an inefficient equilibrium where agent 1 "
          "overreports and agent 2 underreports his true preference\".  On a uniform grid "
          "(env=app-g): the static game between the coalition {1,3} as one agent (it knows "
          "theta_1; the dummy's type is 0 and on the grid its only report is 0, so nothing is "
          "restricted; payoff u1 + u3 with transfers) and agent 2, pure strategies maps type -> "
          "report.  Every pure BNE is enumerated exactly from the ex-ante strategic form; one "
          "qualifies when its expected welfare is below W*, agent 1 over-reports (r1(t) t >= t^2 "
          "for every type t, > for some) and agent 2 under-reports (|r2(t)| <= |t| for every t, "
          "< for some).  HOLDS when one qualifies (re-checked by direct summation, every "
          "unilateral deviation included); otherwise UNDECIDED (an existence claim: mixed "
          "equilibria are not enumerated), and UNDECIDED above max_profiles.",
          "env = app-g, dummy = 1, info = v0, d = sign(sum); mech = agv/btm (gum: contrast only); "
          "max_profiles (default 2^20) bounds (grid^grid)^2",
          mc_gum_check_app_g_eq),
};

const mc_paper mc_paper_gum = {
    .id = "gum",
    .title = "A Collusion-Proof Efficient Dynamic Mechanism",
    .authors = "Endre Csoka, Heng Liu, Aleksei Rodivilov, Alexander Teytelboym",
    .seed = "004_66fbdeffafe38eee.txt",
    .claims = gum_claims,
    .nclaims = sizeof gum_claims / sizeof gum_claims[0],
    .mechanisms = gum_mechanisms,
    .nmechanisms = sizeof gum_mechanisms / sizeof gum_mechanisms[0],
    .fixture = false,
};
