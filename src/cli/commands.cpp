#include "commands.hpp"

#include "inputs.hpp"
#include "outputs.hpp"
#include "render.hpp"
#include "../detail/text.hpp"

#include <taper/io/csv.hpp>
#include <taper/io/json.hpp>
#include <taper/plan/option_text.hpp>
#include <taper/plan/suggest.hpp>
#include <taper/plan/planner.hpp>
#include <taper/units/io.hpp>
#include <taper/units/parse.hpp>

#include <algorithm>
#include <ctime>
#include <utility>

namespace taper::cli {
namespace {

using detail::trim;

// Today on the local calendar: the default start of a plan.
date today() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return date{std::chrono::year{local.tm_year + 1900} / std::chrono::month{static_cast<unsigned>(local.tm_mon + 1)} /
                std::chrono::day{static_cast<unsigned>(local.tm_mday)}};
}

// "NAME=VALUE" of --option, split at the first "=" and trimmed; input_error unless both are there.
std::pair<std::string, std::string> option_assignment(std::string_view text) {
    const auto equals = text.find('=');
    const std::string_view name = equals == std::string_view::npos ? std::string_view{} : trim(text.substr(0, equals));
    const std::string_view value = equals == std::string_view::npos ? std::string_view{} : trim(text.substr(equals + 1));
    if (name.empty() || value.empty())
        throw input_error("--option: cannot use \"" + std::string(text) +
                          "\": expected NAME=VALUE, e.g. occupancy_floor=10pp (`taper strategies` lists each "
                          "strategy's options)");
    return {std::string(name), std::string(value)};
}

// --option NAME=VALUE, each: any option by its schema name, read by the kind the schema gives
// it, so that a strategy's new option needs no flag of its own here. `from_flag` gets which
// flag set each option (for errors), and already holds the options other flags set.
void set_named_options(const strategy_schema& schema, const std::vector<std::string>& assignments,
                       strategy_options& o, std::vector<std::pair<std::string, std::string>>& from_flag) {
    for (const auto& text : assignments) {
        const auto [option, value] = option_assignment(text);
        const std::string as_flag = "--option " + text;
        if (o.contains(option)) {  // by another flag: the latest one that named this option set it
            const auto earlier = std::find_if(from_flag.rbegin(), from_flag.rend(),
                                              [&](const auto& f) { return f.first == option; });
            throw input_error(as_flag + ": option \"" + option + "\" is already set" +
                              (earlier == from_flag.rend() ? std::string() : " by " + earlier->second));
        }
        from_flag.emplace_back(option, as_flag);
        for_option(as_flag, [&] { set_option_text(schema, o, option, value); });
    }
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
                r.max_step_points = limit.number * units::points;
                break;
            case step_size::kind::percent:
                if (r.max_step_percent) twice();
                r.max_step_percent = limit.number * units::percent_of_dose;
                break;
            case step_size::kind::amount:
                if (r.max_step) twice();
                r.max_step = limit.amount;
                break;
        }
    }
    if (!a.min_change.empty()) r.min_change = mass_option("--min-change", a.min_change);
    if (a.limits_in_diazepam) r.limits_in = limit_basis::plan_basis;
    if (!a.max_steps.empty()) r.max_steps = parse_whole_number("--max-steps", a.max_steps);
    if (!a.max_duration.empty()) r.max_duration = duration_option("--max-duration", a.max_duration);
    for (const auto& text : a.holds) r.holds.push_back(parse_hold("--hold", text));
    r.half_life_pacing = a.pacing;
    if (!a.split.empty()) r.split = parse_split("--split", a.split);
    r.occupancy_model = a.model;
    if (!a.equivalence.empty()) r.equivalence_table = a.equivalence;
    r.current_formulation = a.current_form;

    // The strategy: the one named, else the library's suggestion for the drug.
    std::string name = a.strategy;
    std::string how;
    if (name.empty()) {
        suggestion_hints hints;
        if (!a.step.empty()) hints.step_kind = step_text_kind(a.step);
        hints.has_table = !a.table.empty();
        strategy_suggestion suggested = suggest_strategy(d, hints);
        name = std::move(suggested.strategy);
        how = std::move(suggested.reason);
    }
    const strategy_registry::entry* entry = registry.find(name);
    if (entry == nullptr) {
        try {
            (void)registry.make(name);  // the registry's message: known names, the nearest one
        } catch (const strategy_error& e) {
            throw strategy_error("--strategy " + name + ": " + e.what(), e.detail());
        }
    }

    // The strategy's options, read by the kind its schema gives each, remembering which flag
    // set each (an option error names the option; the message then names the flag too).
    strategy_options o;
    std::vector<std::pair<std::string, std::string>> from_flag;
    // Names an option error by the flag that set the option: the error says which option is
    // at fault as data (error_detail::option), never by its text. The detail goes on as it was.
    const auto flag_error = [&](const strategy_error& e) {
        const error_detail& why = e.detail();
        std::string message = e.what();
        const auto flag = why.option.empty() ? from_flag.end()
                                             : std::find_if(from_flag.begin(), from_flag.end(),
                                                            [&](const auto& f) { return f.first == why.option; });
        if (flag != from_flag.end()) {
            const std::string quoted = "\"" + why.option + "\"";
            if (const auto at = message.find(quoted); at != std::string::npos)
                message.insert(at + quoted.size(), " (" + flag->second + ")");
            else
                message = flag->second + ": " + message;
        }
        return strategy_error(message, why);
    };
    if (!a.step.empty()) {
        (void)parse_step_size("--step", a.step);  // a step that does not read is named by its flag
        const std::string as_flag = "--step " + a.step;
        for (const char* usual : {"points", "percent", "amount"}) from_flag.emplace_back(usual, as_flag);
        try {
            const std::string option = set_step_text(entry->schema, name, o, a.step);
            from_flag.emplace_back(option, as_flag);
        } catch (const strategy_error& e) {
            throw flag_error(e);
        }
    }
    // The CLI's own spelling of each option; how the text reads comes from the schema.
    const std::pair<const std::string*, std::pair<const char*, const char*>> named_flags[] = {
        {&a.table, {"--table", "table"}},
        {&a.targets, {"--targets", "occupancy_targets"}},
        {&a.floor, {"--floor", "occupancy_floor"}},
        {&a.final_fraction, {"--final-fraction", "final_fraction"}},
        {&a.curve, {"--curve", "curve"}},
        {&a.roll, {"--roll", "roll_length"}},
        {&a.range, {"--range", "range_end"}},
        {&a.tail_step, {"--tail-step", "tail_step"}},
        {&a.step_length, {"--step-length", "step_length"}},
    };
    for (const auto& [text, flag_option] : named_flags) {
        if (text->empty()) continue;
        const auto [flag, option] = flag_option;
        from_flag.emplace_back(option, std::string(flag) + (std::string(flag) == "--table" ? "" : " " + *text));
        for_option(flag, [&] { set_option_text(entry->schema, o, option, *text); });
    }
    set_named_options(entry->schema, a.options, o, from_flag);
    // A strategy whose steps have their own length (a preset of 3-6 months): --every sets it.
    if (!a.every.empty())
        for (const auto& spec : entry->schema.options)
            if (spec.role == option_role::step_length && !o.contains(spec.name)) {
                o.set(spec.name, r.interval);
                from_flag.emplace_back(spec.name, "--every " + a.every);
            }

    const any_strategy strategy = [&] {
        try {
            return registry.make(name, o);
        } catch (const strategy_error& e) {
            throw flag_error(e);
        }
    }();

    schedule s = make_plan(db, r, strategy);
    return built_plan{std::move(r), std::move(s), std::move(how), strategy};
}

std::string run_plan(const database& db, const strategy_registry& registry, const plan_args& a) {
    if (a.reminders && a.format != "ics") throw input_error("--reminders needs --format ics");
    if (!a.country.empty() && a.format != "html") throw input_error("--country needs --format html");
    const built_plan b = build_plan(db, registry, a);
    if (a.format == "json") return to_json(b.plan);
    if (a.format == "csv") return to_csv(b.plan);
    check_format(a.format);
    if (auto document = exported_document(b.plan, a)) return *document;
    return render_plan(b.plan, b.how);
}

void check_format(const std::string& format) {
    for (const char* known : {"table", "json", "csv", "ics", "fhir", "svg", "html", ""})
        if (format == known) return;
    throw input_error("--format: cannot use \"" + format + "\": expected table, json, csv, ics, fhir, svg or html");
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
