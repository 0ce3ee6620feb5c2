// The options of a plan request on the command line, shared by `taper plan`, `taper simulate`,
// each `taper compare --plan "..."` and the commands that take a plan to work on (`taper assess`,
// `taper replan`, each `--drug` group of `taper several`), so that they read the same words the
// same way.
#include "plan_options.hpp"

namespace taper::cli {

void add_plan_options(CLI::App& app, plan_args& p, bool with_drug_and_dose) {
    if (with_drug_and_dose) {
        app.add_option("drug", p.drug, "Name, brand or alias, e.g. citalopram")->required();
        app.add_option("dose", p.dose, "Current daily dose with its unit, e.g. 20mg or 500mcg")->required();
    }
    app.add_option("-s,--strategy", p.strategy, "Strategy by name (`taper strategies` lists them)");
    app.add_option("--step", p.step, "Size of each step: 5pp (occupancy points), 10% (of the most recent dose) or 2.5mg");
    app.add_option("--every", p.every, "Length of each step, e.g. 4w or 14d (default 4w)");
    app.add_option("--switch-every", p.switch_every, "Length of each switch step of a crossover, e.g. 1w");
    app.add_option("--start", p.start, "First day of the plan, YYYY-MM-DD (default: today, local date)");
    app.add_option("--until,--maintenance", p.until, "End on this daily dose instead of stopping (default 0mg)");
    app.add_option("--final", p.final_dose, "Last daily dose before stopping, e.g. 0.5mg");
    app.add_option("--max-step", p.max_step, "Largest cut per step: mg, % of the most recent dose, or pp (repeatable)");
    app.add_option("--min-change", p.min_change, "Smallest change worth a step, e.g. 0.25mg");
    app.add_option("--max-steps", p.max_steps, "The plan must finish within this many steps");
    app.add_option("--max-duration", p.max_duration, "The plan must finish within this long, e.g. 104w");
    app.add_option("--hold", p.holds, "STEP:LENGTH, stay longer after a step, e.g. 3:4w (repeatable)");
    app.add_flag("--limits-in-diazepam", p.limits_in_diazepam,
                 "In a diazepam crossover, read --until, --final, --max-step (mg) and --min-change as "
                 "diazepam-equivalent mg (default: mg of the drug named)");
    app.add_flag("--pacing", p.pacing, "Longer, smaller steps for a short half-life (paroxetine, venlafaxine)");
    app.add_option("--split", p.split, "How the daily dose is split, e.g. \"1mg morning, 1mg night\"");
    app.add_option("--model", p.model, "Occupancy model id (`taper occupancy` or `taper info` lists them)");
    app.add_option("--table", p.table, "Your own doses for the table strategy, e.g. \"15mg,10mg:8w,5mg\"");
    app.add_option("--targets", p.targets, "hyperbolic: explicit occupancy targets in %, e.g. 70,60,50,40");
    app.add_option("--floor", p.floor, "hyperbolic, tapering-strip: lowest occupancy target, in %");
    app.add_option("--final-fraction", p.final_fraction, "Stop below this share of the starting dose, e.g. 1/40 or 0.05");
    app.add_option("--step-length", p.step_length, "A preset's own step length (antipsychotic steps, crossover switch steps)");
    app.add_option("--curve", p.curve, "tapering-strip: hyperbolic or proportional");
    app.add_option("--roll", p.roll, "tapering-strip: days per roll of pouches, e.g. 28d");
    app.add_option("--range", p.range, "diazepam-crossover: low or high end of a ranged equivalent");
    app.add_option("--tail-step", p.tail_step, "diazepam-crossover: diazepam mg per tail step (default 0.5mg)");
    app.add_option("--option", p.options,
                     "NAME=VALUE: any option of the strategy by its name, e.g. occupancy_floor=10pp "
                     "(`taper strategies` lists them; repeatable)");
    app.add_option("--current-form", p.current_form, "Formulation id in use, for split warnings (`taper info` lists them)");
    app.add_option("--equivalence", p.equivalence, "Diazepam equivalence table: ashton (default) or va-dod-2021");
}

}  // namespace taper::cli
