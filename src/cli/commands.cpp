#include "commands.hpp"

#include "inputs.hpp"
#include "render.hpp"

#include <taper/io/csv.hpp>
#include <taper/io/json.hpp>
#include <taper/plan/planner.hpp>
#include <taper/units/io.hpp>
#include <taper/units/parse.hpp>

#include <algorithm>
#include <ctime>
#include <utility>

namespace taper::cli {
namespace {

// Which strategy when --strategy is not given: the one the --step's unit belongs to, the
// table if one is given, else by the drug's class and data.
std::pair<std::string, std::string> default_strategy(const drug& d, const plan_args& a,
                                                     const std::optional<step_size>& step) {
    if (!a.table.empty()) return {"table", "chosen by --table"};
    if (step) {
        switch (step->unit) {
            case step_size::kind::points: return {"hyperbolic", "chosen by --step in occupancy points"};
            case step_size::kind::percent: return {"proportional", "chosen by --step in %"};
            case step_size::kind::amount: return {"linear", "chosen by --step in mg"};
        }
    }
    if (d.klass == drug_class::antipsychotic) return {"antipsychotic", "the default for antipsychotics"};
    if (uses_diazepam_equivalents(d.klass))
        return {"diazepam-crossover", "the default for benzodiazepines and z-drugs"};
    if (d.usable_occupancy() != nullptr)
        return {"hyperbolic", "the default for a drug with an occupancy model"};
    return {"proportional", "the default for a drug without an occupancy model"};
}

// Today on the local calendar: the default start of a plan.
date today() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return date{std::chrono::year{local.tm_year + 1900} / std::chrono::month{static_cast<unsigned>(local.tm_mon + 1)} /
                std::chrono::day{static_cast<unsigned>(local.tm_mday)}};
}

}  // namespace

built_plan build_plan(const database& db, const strategy_registry& registry, const plan_args& a) {
    const drug& d = db.get(a.drug);

    plan_request r;
    r.drug = a.drug;
    r.daily_dose = mass_option("dose", a.dose);
    r.start = a.start.empty() ? today() : for_option("--start", [&] { return parse_date(a.start); });
    if (!a.every.empty()) r.interval = duration_option("--every", a.every);
    if (!a.switch_every.empty()) r.phase_interval[step_phase::switch_over] = duration_option("--switch-every", a.switch_every);
    if (!a.until.empty()) r.maintenance = mass_option("--until", a.until);
    if (!a.final_dose.empty()) r.final_dose = mass_option("--final", a.final_dose);
    for (const auto& text : a.max_step) {
        const step_size limit = parse_step_size("--max-step", text);
        auto twice = [&] {
            throw input_error("--max-step: \"" + text + "\" sets a limit of the same kind a second time");
        };
        switch (limit.unit) {
            case step_size::kind::points:
                if (r.max_step_points) twice();
                r.max_step_points = limit.number;
                break;
            case step_size::kind::percent:
                if (r.max_step_percent) twice();
                r.max_step_percent = limit.number;
                break;
            case step_size::kind::amount:
                if (r.max_step) twice();
                r.max_step = limit.amount;
                break;
        }
    }
    if (!a.min_change.empty()) r.min_change = mass_option("--min-change", a.min_change);
    if (!a.max_steps.empty()) r.max_steps = parse_whole_number("--max-steps", a.max_steps);
    if (!a.max_duration.empty()) r.max_duration = duration_option("--max-duration", a.max_duration);
    for (const auto& text : a.holds) r.holds.push_back(parse_hold("--hold", text));
    r.half_life_pacing = a.pacing;
    if (!a.split.empty()) r.split = parse_split("--split", a.split);
    r.occupancy_model = a.model;
    if (!a.equivalence.empty()) r.equivalence_table = a.equivalence;
    r.current_formulation = a.current_form;

    // The strategy's options, remembering which flag set each (for error messages).
    strategy_options o;
    std::vector<std::pair<std::string, std::string>> from_flag;
    std::optional<step_size> step;
    if (!a.step.empty()) {
        step = parse_step_size("--step", a.step);
        switch (step->unit) {
            case step_size::kind::points: o.points = step->number; from_flag.emplace_back("points", "--step " + a.step); break;
            case step_size::kind::percent: o.percent = step->number; from_flag.emplace_back("percent", "--step " + a.step); break;
            case step_size::kind::amount: o.amount = step->amount; from_flag.emplace_back("amount", "--step " + a.step); break;
        }
    }
    if (!a.table.empty()) {
        o.table = parse_table("--table", a.table);
        from_flag.emplace_back("table", "--table");
    }
    if (!a.targets.empty()) {
        o.occupancy_targets = parse_number_list("--targets", a.targets);
        from_flag.emplace_back("occupancy_targets", "--targets " + a.targets);
    }
    if (!a.floor.empty()) {
        std::string_view f = a.floor;
        if (!f.empty() && f.back() == '%') f.remove_suffix(1);
        o.occupancy_floor = parse_number("--floor", f);
        from_flag.emplace_back("occupancy_floor", "--floor " + a.floor);
    }
    if (!a.final_fraction.empty()) {
        o.final_fraction = parse_number("--final-fraction", a.final_fraction);
        from_flag.emplace_back("final_fraction", "--final-fraction " + a.final_fraction);
    }
    if (!a.curve.empty()) {
        o.curve = a.curve;
        from_flag.emplace_back("curve", "--curve " + a.curve);
    }
    if (!a.roll.empty()) {
        o.roll_length = duration_option("--roll", a.roll);
        from_flag.emplace_back("roll_length", "--roll " + a.roll);
    }
    if (!a.range.empty()) {
        o.extra["range_end"] = a.range;
        from_flag.emplace_back("extra.range_end", "--range " + a.range);
    }
    if (!a.tail_step.empty()) {
        (void)mass_option("--tail-step", a.tail_step);  // a bad mass is named by its flag
        o.extra["tail_step"] = a.tail_step;
        from_flag.emplace_back("extra.tail_step", "--tail-step " + a.tail_step);
    }

    auto [name, how] = a.strategy.empty() ? default_strategy(d, a, step)
                                          : std::pair<std::string, std::string>{a.strategy, ""};
    if (!a.step_length.empty()) {
        o.step_length = duration_option("--step-length", a.step_length);
        from_flag.emplace_back("step_length", "--step-length " + a.step_length);
    } else if (name == "antipsychotic" && !a.every.empty()) {
        // The preset's steps have their own length (3-6 months); --every sets it.
        o.step_length = r.interval;
        from_flag.emplace_back("step_length", "--every " + a.every);
    }

    const any_strategy strategy = [&] {
        try {
            return registry.make(name, o);
        } catch (const strategy_error& e) {
            std::string message = e.what();
            for (const auto& [option, flag] : from_flag) {
                const std::string quoted = "\"" + option + "\"";
                if (const auto at = message.find(quoted); at != std::string::npos)
                    message.insert(at + quoted.size(), " (" + flag + ")");
            }
            // An unknown name is the flag's fault; a strategy's own message names itself.
            if (registry.find(name) == nullptr) message = "--strategy " + name + ": " + message;
            throw strategy_error(message);
        }
    }();

    schedule s = make_plan(db, r, strategy);
    return built_plan{std::move(r), std::move(s), std::move(how)};
}

std::string run_plan(const database& db, const strategy_registry& registry, const plan_args& a) {
    const built_plan b = build_plan(db, registry, a);
    if (a.format == "json") return to_json(b.plan);
    if (a.format == "csv") return to_csv(b.plan);
    check_format(a.format);
    return render_plan(b.plan, b.how);
}

void check_format(const std::string& format) {
    if (format != "table" && format != "json" && format != "csv" && !format.empty())
        throw input_error("--format: cannot use \"" + format + "\": expected table, json or csv");
}

std::string run_occupancy(const database& db, const std::string& drug_name, const std::string& dose_text) {
    const drug& d = db.get(drug_name);
    const mass dose = mass_option("dose", dose_text);
    if (dose.value() <= 0)
        throw input_error("dose: " + to_string(dose) + ": expected a daily dose of more than 0 mg");
    const mass limit = plausible_daily_limit(d);
    if (dose > limit)
        throw input_error("dose: " + to_string(dose) + " is far beyond any plausible daily dose of " + d.name +
                          " (taper refuses more than " + to_string(limit) + "); check the number and the unit");
    const bool any_usable = std::any_of(d.targets.begin(), d.targets.end(),
                                        [](const occupancy_model& m) { return m.usable(); });
    if (!any_usable) (void)d.occupancy();  // throws missing_data_error, saying what to do instead
    return render_occupancy(d, dose);
}

}  // namespace taper::cli
