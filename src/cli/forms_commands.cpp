#include "forms_commands.hpp"

#include "inputs.hpp"
#include "outputs.hpp"
#include "render.hpp"
#include "text.hpp"
#include "../detail/number_text.hpp"
#include "../detail/text.hpp"

#include <taper/forms/convert.hpp>
#include <taper/forms/instruction.hpp>
#include <taper/io/csv.hpp>
#include <taper/io/json.hpp>
#include <taper/forms/realize.hpp>
#include <taper/messages/text.hpp>
#include <taper/units/io.hpp>
#include <taper/units/parse.hpp>
#include <taper/units/from_value.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taper::cli {
namespace {

using detail::trim;

// mL and counts as a person measures them ("0.1", "42").
std::string num(double v) { return detail::decimal_text(v); }

volume positive_volume(std::string_view option, const std::string& text) {
    const volume v = volume_option(option, text);
    if (!std::isfinite(v.value()) || v.value() <= 0)
        throw input_error(std::string(option) + ": \"" + text + "\" is " + num(v.value()) +
                          " mL: expected a positive volume, e.g. 0.1mL");
    return v;
}

/// --have: "any", or "<strength> <form>, ..." for the plan's drug; a part after ";" may start
/// with another drug's name and a colon ("diazepam: 2 mg tablet, 1 mg/mL liquid"), for the
/// other drug of a crossover. "any" also works after a drug name. `region` (--region) picks
/// the country's product where an item matches several.
std::vector<available_form> forms_from(const database& db, const drug& d, const std::string& text,
                                       std::optional<market_region> region) {
    std::vector<available_form> out, others;
    std::string own;
    auto add = [&](const drug& who, std::string_view items) {
        const auto forms = forms_on_hand(who, items, region);  // "any": all_forms(who, region)
        auto& into = &who == &d ? out : others;
        into.insert(into.end(), forms.begin(), forms.end());
    };
    std::string_view rest = text;
    while (true) {
        const auto cut = rest.find(';');
        const std::string_view part = trim(rest.substr(0, cut));
        const auto colon = part.find(':');
        const drug* other = colon == std::string_view::npos ? nullptr : db.find(trim(part.substr(0, colon)));
        if (other != nullptr) {
            const std::string_view items = trim(part.substr(colon + 1));
            if (items.empty()) throw input_error("--have: \"" + std::string(part) + "\" names no forms after the colon");
            for_option("--have", [&] { add(*other, items); });
        } else if (!part.empty()) {
            own += (own.empty() ? "" : ", ") + std::string(part);
        }
        if (cut == std::string_view::npos) break;
        rest.remove_prefix(cut + 1);
    }
    if (!own.empty()) for_option("--have", [&] { add(d, own); });
    out.insert(out.end(), others.begin(), others.end());  // the plan's own drug first
    if (out.empty()) throw input_error("--have: \"" + text + "\" names no forms: give e.g. \"10 mg tablet, 2 mg/mL liquid\" or any");
    return out;
}

struct dispense_choice {
    bool by_step = false;
    std::optional<duration> period;  ///< by period when set
};

dispense_choice dispense_from(const std::string& text) {
    dispense_choice c;
    const std::string t = lower(trim(text));
    if (t.empty()) return c;
    if (t == "step" || t == "steps") {
        c.by_step = true;
        return c;
    }
    if (t == "period" || t == "periods") {
        c.period = from_value<duration>(28);
        return c;
    }
    const duration d = duration_option("--dispense", t);
    const double days = d.value();
    if (std::abs(days - std::round(days)) > 1e-9 || days < 1)
        throw input_error("--dispense: \"" + text + "\" is " + num(days) +
                          " days: expected step, or a whole number of days such as 28d or 4w");
    c.period = d;
    return c;
}

// ---- text ---------------------------------------------------------------------------------

std::string difference_text(double target, double realized) {
    const double diff = realized - target;
    if (detail::nearly_equal(realized, target)) return "0";
    std::string out = (diff < 0 ? "-" : "+") + readable(std::abs(diff)) + " mg";
    // Halves round away from zero (6.25% -> 6.3%), as the realizer's warnings write them.
    if (target > 0) out += fmt::format(" ({}{:.1f}%)", diff < 0 ? "-" : "+", std::round(std::abs(diff) / target * 1000) / 10);
    return out;
}

/// The first day of the realized steps (the plan's start when there are none).
date first_day(const realized_schedule& r) { return r.steps.empty() ? r.plan().start : r.steps.front().planned().start; }

std::string recipe_who(const schedule& plan, const dose_recipe& r) {
    std::string who = r.time.empty() ? "daily" : r.time;
    if (!r.drug.empty() && lower(r.drug) != lower(plan.drug)) who += " (" + r.drug + ")";
    return who;
}

std::string line_text(const dispensing_line& l, const realization_options& o) {
    if (l.formulation_id == "tapering-strip")
        return num(l.units) + (l.units == 1 ? " daily pouch" : " daily pouches") + " (tapering strip, holding the doses listed below)";
    if (l.total_volume.value() > 0) {
        std::string s = num(l.total_volume.value()) + " mL of " + l.label;
        if (o.bottle_volume)
            s += " (" + std::to_string(l.bottles) + (l.bottles == 1 ? " bottle" : " bottles") + " of " +
                 num(o.bottle_volume->value()) + " mL)";
        return s;
    }
    return num(l.units) + " × " + l.label;
}

std::string render_dispensing(const std::vector<dispensing_period>& periods, const dispense_choice& how,
                              const realization_options& o, date start) {
    std::string out = how.by_step ? "To dispense, step by step:\n"
                                  : fmt::format("To dispense, in {}-day periods from {}:\n",
                                                std::lround(how.period->value()), format_date(start));
    if (periods.empty()) return out + "  nothing (no dose to take)\n";
    for (const auto& p : periods) {
        const std::string when = format_date(p.start) + " to " + format_last_day(p.end);
        for (std::size_t i = 0; i < p.lines.size(); ++i)
            out += fmt::format("  {:<26}  {}\n", i == 0 ? when : "", line_text(p.lines[i], o));
    }
    out += "Tablets and capsules are whole units (halves and quarters pooled over the period, rounded up);\n"
           "a dilution uses one tablet per dose (the rest is discarded).\n";
    return out;
}

std::string describe_tools(const realization_options& o, const std::vector<available_form>& forms,
                           const std::string& plan_drug) {
    std::string labels;
    for (const auto& f : forms) {
        const std::string label = f.drug.empty() || lower(f.drug) == lower(plan_drug) ? f.label : f.drug + " " + f.label;
        if (labels.find(label) == std::string::npos) labels += (labels.empty() ? "" : ", ") + label;
    }
    return "forms on hand: " + labels + "\nsyringe " + num(o.tools.syringe_resolution.value()) +
           " mL (smallest volume " + num(o.tools.min_volume.value()) + " mL, largest " +
           num(o.tools.max_volume.value()) + " mL per fill); doses within " + num(o.tolerance_percent) +
           "% of the target count as on target" +
           // The absolute floor is said, not hidden: below it a dose further off than the
           // percentage still counts as on target (issue 10).
           (o.tolerance_floor.value() > 0 ? " (or within " + num(o.tolerance_floor.value()) +
                                                " mg, for the smallest doses, whatever the percentage)"
                                          : std::string()) +
           "\n";
}

std::string render_realized(const realized_schedule& r, const std::string& how, const realization_options& o,
                            const std::vector<available_form>& forms, const std::vector<std::string>& cautions) {
    const schedule& s = r.plan();
    const date start = first_day(r);
    const date end = r.steps.empty() ? s.start : r.steps.back().planned().end();
    const bool diazepam = s.basis == dose_basis::diazepam_mg;
    std::string out = plan_heading(s, how);
    out += fmt::format("from {} to {}: {} steps, {} days\n", format_date(start),
                       format_last_day(end), r.steps.size(), days_between(start, end));
    out += describe_tools(o, forms, s.drug);
    // Which product an item was taken to be, next to the forms on hand it qualifies.
    for (const auto& m : r.messages)
        if (m.code == message_code::form_assumed_among) out += wrap("note: " + text(m, context_of(r)), 92, "  ");
    if (diazepam) out += "doses are mg diazepam-equivalent (table " + s.equivalence_table + ")\n";
    out += "\n";
    out += fmt::format("{:>4}  {:<10}  {:>4}  {:>10}  {:>10}  {}\n", "step", "from", "days", "target/day", "taken/day",
                       "difference");
    for (const auto& st : r.steps) {
        const step& p = st.planned();
        const double target = p.equivalent_daily_dose.value();
        std::string marks;
        if (st.form_changed) marks += "  switch";
        if (st.inserted) marks += "  inserted";
        out += fmt::format("{:>4}  {:<10}  {:>4}  {:>10}  {:>10}  {}{}\n", p.number, format_date(p.start),
                           days_between(p.start, p.end()), readable(target) + " mg",
                           readable(st.realized_daily.value()) + " mg",
                           difference_text(target, st.realized_daily.value()), marks);
        for (const auto& rc : st.recipes)
            out += wrap(recipe_who(s, rc) + ": " + instruction_text(r, rc), 92, "        ");
        const message_context context = context_of(r, &st);
        for (const auto& m : st.messages)
            if (m.level == severity::note) out += wrap("note: " + text(m, context), 92, "        ");
        for (const auto& m : p.messages)
            if (m.level == severity::warning) out += wrap("warning: " + text(m, context_of(s, &p)), 92, "        ");
        for (const auto& m : st.messages)
            if (m.level == severity::warning) out += wrap("warning: " + text(m, context), 92, "        ");
    }
    const message_context whole = context_of(r);
    std::vector<std::string> equivalences;
    for (const auto& m : r.messages)
        if (m.code == message_code::form_equivalence || m.code == message_code::form_equivalence_assumed)
            equivalences.push_back(text(m, whole));
    if (!equivalences.empty()) {
        out += "\nEquivalences used:\n";
        for (const auto& e : equivalences) out += wrap("- " + e, 92, "  ");
    }
    if (!cautions.empty()) {
        out += "\nCautions:\n";
        for (const auto& c : cautions) out += wrap("- " + c, 92, "  ");
    }
    std::vector<std::string> warnings;
    for (const auto& m : s.messages)
        if (m.code != message_code::who_can_help) warnings.push_back(text(m, context_of(s)));  // the closing renders it
    for (const auto& m : r.messages)
        if (m.level == severity::warning) warnings.push_back(text(m, whole));
    if (!warnings.empty()) {
        out += "\nWarnings:\n";
        for (const auto& w : warnings) out += wrap("- " + w, 92, "  ");
    }
    return out;
}

}  // namespace

void add_forms_options(CLI::App& plan, forms_args& a) {
    plan.add_option("--have", a.have,
                    "Forms on hand, e.g. \"10 mg tablet, 2 mg/mL liquid\", or any (every form in the data); "
                    "shows how to take each step");
    plan.add_option("--region", a.region,
                    "uk or us: where the data has products of one form and strength from both countries (a UK "
                    "tablet and a scored US one), the country's product is meant (default: the one that is not "
                    "split, with a note)")
        ->check(CLI::IsMember({"uk", "us"}));
    plan.add_option("--syringe", a.syringe, "Syringe resolution: liquid volumes are multiples of it (default 0.1mL)");
    plan.add_option("--min-volume", a.min_volume, "Smallest volume measured reliably (default 0.2mL)");
    plan.add_option("--max-volume", a.max_volume, "Largest volume in one syringe fill (default 10mL)");
    plan.add_option("--dispense", a.dispense,
                    "What to dispense: step (per step) or a period from the start, e.g. 28d (needs --have)");
    plan.add_option("--bottle", a.bottle, "Bottle size of liquids and drops, for --dispense, e.g. 100mL");
}

std::string run_realized_plan(const database& db, const strategy_registry& registry, const plan_args& pa,
                              const forms_args& fa) {
    if (fa.have.empty())
        throw input_error(std::string(!fa.dispense.empty() ? "--dispense" : !fa.region.empty() ? "--region" : !fa.syringe.empty() ? "--syringe"
                                      : !fa.min_volume.empty() ? "--min-volume" : !fa.max_volume.empty() ? "--max-volume"
                                                                                                           : "--bottle") +
                          " needs --have (the forms to take the doses with, e.g. --have \"10 mg tablet\" or --have any)");
    if (!fa.bottle.empty() && fa.dispense.empty()) throw input_error("--bottle needs --dispense (e.g. --dispense 28d)");
    check_format(pa.format);
    if (pa.reminders && pa.format != "ics") throw input_error("--reminders needs --format ics");
    if (!pa.country.empty() && pa.format != "html") throw input_error("--country needs --format html");

    realization_options o;
    if (!fa.syringe.empty()) o.tools.syringe_resolution = positive_volume("--syringe", fa.syringe);
    if (!fa.min_volume.empty()) o.tools.min_volume = positive_volume("--min-volume", fa.min_volume);
    if (!fa.max_volume.empty()) o.tools.max_volume = positive_volume("--max-volume", fa.max_volume);
    if (o.tools.min_volume < o.tools.syringe_resolution && fa.min_volume.empty())
        o.tools.min_volume = o.tools.syringe_resolution;  // the default 0.2 mL on a coarser syringe
    if (o.tools.max_volume < o.tools.min_volume)
        throw input_error("--max-volume: " + num(o.tools.max_volume.value()) + " mL is less than the smallest volume (" +
                          num(o.tools.min_volume.value()) + " mL)");
    if (!fa.bottle.empty()) o.bottle_volume = positive_volume("--bottle", fa.bottle);
    const dispense_choice how = dispense_from(fa.dispense);

    const drug& d = db.get(pa.drug);
    const auto forms = forms_from(db, d, fa.have, fa.region.empty() ? std::nullopt : market_region_from_string(fa.region));
    const built_plan b = build_plan(db, registry, pa);
    const realized_schedule r = realize(b.plan, forms, o);

    std::optional<dispensing> supplies;
    if (how.by_step) supplies = dispense(r);
    if (how.period) supplies = for_option("--dispense", [&] { return dispense(r, *how.period); });

    if (pa.format == "json") return supplies ? to_json(*supplies) : to_json(r);
    if (pa.format == "csv") return supplies ? to_csv(*supplies) : to_csv(r);
    if (auto document = exported_document(r, pa)) {
        if (supplies) throw input_error("--dispense works with --format table, json or csv");
        return *document;
    }
    std::string out = render_realized(r, b.how, o, forms, dilution_cautions(r));
    if (supplies) out += "\n" + render_dispensing(supplies->periods, how, o, first_day(r));
    return out + plan_closing(b.plan, d);
}

CLI::App* add_convert_command(CLI::App& app, convert_args& a) {
    auto* c = app.add_subcommand("convert", "Convert a dose between forms of a drug, or to another benzodiazepine");
    c->add_option("drug", a.drug, "Name, brand or alias, e.g. citalopram")->required();
    c->add_option("dose", a.dose, "The dose with its unit, e.g. 10mg")->required();
    c->add_option("--from", a.from, "The form the dose is in: a form (tablet, drops ...), \"10 mg tablet\" or an id "
                                    "(default: tablet)");
    c->add_option("--to", a.to, "The form to convert to: a form, \"40 mg/mL drops\" or an id (`taper info` lists them)");
    c->add_option("--strength", a.strength, "Strength of the target form: 40mg/mL for liquids and drops, 10mg for tablets");
    c->add_option("--to-drug", a.to_drug, "Another benzodiazepine or z-drug: the equivalent dose via diazepam");
    c->add_option("--table", a.table, "Diazepam equivalence table: ashton (default) or va-dod-2021");
    c->add_flag("--high-end", a.high_end, "Where the table gives a range (loprazolam 1-2 mg), use its high end");
    c->footer("Examples:\n"
              "  taper convert citalopram 10mg --from tablet --to drops\n"
              "  taper convert citalopram 8mg --from drops --to tablet --strength 10mg\n"
              "  taper convert sertraline 20mg --to concentrate\n"
              "  taper convert alprazolam 1mg --to-drug lorazepam\n"
              "  taper convert loprazolam 1mg --to-drug diazepam --high-end\n"
              "See docs/conversions.md.");
    return c;
}

std::string run_convert(const database& db, const convert_args& a) {
    const bool forms = !a.to.empty();
    const bool drugs = !a.to_drug.empty();
    if (forms == drugs)
        throw input_error(forms ? "--to and --to-drug: give one of them, not both"
                                : "give --to (another form of the drug) or --to-drug (another benzodiazepine)");
    const drug& d = db.get(a.drug);
    const mass dose = mass_option("dose", a.dose);
    std::string out;
    if (forms) {
        if (!a.table.empty() || a.high_end)
            throw input_error(std::string(a.high_end ? "--high-end" : "--table") + " is for --to-drug, not --to");
        std::string to = a.to;
        std::optional<concentration> strength;
        if (!a.strength.empty()) {
            if (a.strength.find('/') != std::string::npos) {
                strength = for_option("--strength", [&] { return parse_concentration(a.strength); });
            } else {
                const mass m = mass_option("--strength", a.strength);
                if (!(m.value() > 0)) throw input_error("--strength: \"" + a.strength + "\": expected a positive strength");
                to = a.strength + " " + a.to;
            }
        }
        const form_conversion c = convert_form(d, dose, a.from.empty() ? "tablet" : a.from, to, strength);
        out += wrap(c.text, 92, "");
        out += wrap("equivalence: " + c.equivalence, 92, "");
    } else {
        if (!a.from.empty() || !a.strength.empty())
            throw input_error(std::string(!a.from.empty() ? "--from" : "--strength") + " is for --to, not --to-drug");
        const drug& other = db.get(a.to_drug);
        const class_equivalent e =
            class_equivalent_dose(d, dose, other, a.table.empty() ? default_equivalence_table : a.table, a.high_end);
        out += wrap(e.text, 92, "");
        out += "sources:\n";
        for (const drug* x : {&d, &other}) {
            if (x != &d && x->name == d.name) break;
            const auto it = x->equivalents.tables.find(e.table);
            if (it != x->equivalents.tables.end())
                out += wrap(x->name + ": " + it->second.origin.source, 92, "  ");
        }
    }
    out += "\n" + footer();
    return out;
}

}  // namespace taper::cli
