#include "render.hpp"

#include "text.hpp"
#include "../detail/number_text.hpp"
#include "../io/output_detail.hpp"

#include <taper/messages/text.hpp>
#include <taper/plan/closing_text.hpp>
#include <taper/plan/option_schema.hpp>
#include <taper/units/io.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace taper::cli {
namespace {

using row = std::vector<std::string>;

// Columns padded to their widest cell; the first `right` columns are right-aligned.
std::vector<std::string> layout(const std::vector<row>& rows, const std::vector<bool>& right_aligned) {
    std::vector<std::size_t> widths;
    for (const auto& r : rows) {
        if (widths.size() < r.size()) widths.resize(r.size(), 0);
        for (std::size_t i = 0; i < r.size(); ++i) widths[i] = std::max(widths[i], display_width(r[i]));
    }
    std::vector<std::string> out;
    for (const auto& r : rows) {
        std::string line;
        for (std::size_t i = 0; i < r.size(); ++i) {
            const std::string pad(widths[i] - display_width(r[i]), ' ');
            const bool right = i < right_aligned.size() && right_aligned[i];
            line += right ? pad + r[i] : r[i] + (i + 1 < r.size() ? pad : std::string());
            if (i + 1 < r.size()) line += "  ";
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out.push_back(std::move(line));
    }
    return out;
}

std::string one_decimal(double v) {
    std::string s = fmt::format("{:.1f}", v);
    if (s == "-0.0") s = "0.0";
    return s;
}

std::string percent_text(double v) {
    // 100% and 0% exactly; otherwise one decimal, but never "0.0%" or "100.0%" for a change
    // that is neither.
    if (v == 0) return "0%";
    if (v == 100) return "100%";
    std::string s = one_decimal(v);
    if (s == "0.0") s = v > 0 ? "<0.1" : ">-0.1";
    if (s == "100.0") s = ">99.9";
    return s + "%";
}

// A change for reading: the dose goes down, so a reduction shows with a minus sign.
std::string change_text(const step& st) {
    if (st.change.value() == 0) return "0";
    const double mg = -st.change.value();
    std::string out = (mg < 0 ? "-" : "+") + readable(std::abs(mg)) + " mg";
    out += " (" + std::string(mg < 0 ? "-" : "+") + percent_text(std::abs(in(st.change_percent, units::percent_of_dose))) + ")";
    return out;
}

// "morning 5, night 5" (mg); lines of another drug are grouped under its name:
// "alprazolam morning 1, afternoon 1; diazepam night 20".
std::string doses_text(const schedule& s, const step& st) {
    return detail::grouped_doses(s, st, [](mass m) { return readable(in(m, units::mg)); });
}

}  // namespace

std::string readable(double mg) { return detail::significant_text(mg); }

std::string footer() {
    return wrap("taper is decision support for you and your prescriber, not a prescriber: talk to the person "
                "who prescribes before changing any dose. Withdrawal or relapse? Withdrawal symptoms usually "
                "start within days of a cut and ease within hours to days if the previous dose is taken "
                "again. If symptoms are severe, go back to the last dose that was tolerated and reduce more "
                "slowly (NICE NG222).",
                92, "");
}

std::string plan_heading(const schedule& s, const std::string& how) {
    return fmt::format("{}: {} mg a day, {} strategy{}\n", s.drug, readable(s.start_dose.value()), s.strategy,
                       how.empty() ? std::string() : " (" + how + ")");
}

std::string plan_closing() {
    return "\nDoses are rounded for reading; --format json or csv gives them in full.\n\n" + footer();
}

std::string plan_closing(const schedule& s, const drug& d) {
    // The closing text of the drug's class, then (the seed documents ask "Who can I talk to?")
    // where to look for people who help: the plan's who_can_help message, with the command.
    const closing_text c = closing_text_for(d.klass);
    std::string out = "\nDoses are rounded for reading; --format json or csv gives them in full.\n\n" +
                      wrap(std::string(c.text) + " (" + std::string(c.source) + ")", 92, "");
    if (const message* m = find(s.messages, message_code::who_can_help)) {
        std::string line = text(*m, context_of(s));
        if (!line.empty()) line[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(line[0])));
        out += "\n" + wrap(line + ": `taper support " + d.name + "`.", 92, "");
    }
    return out;
}

std::string render_plan(const schedule& s, const std::string& how) {
    const bool diazepam = s.basis == dose_basis::diazepam_mg;
    const long days = days_between(s.start, s.end());
    std::string out = plan_heading(s, how);
    out += fmt::format("from {} to {}: {} step{}, {} days\n", format_date(s.start),
                       format_last_day(s.end()), s.steps.size(), s.steps.size() == 1 ? "" : "s",
                       days);
    if (diazepam)
        out += fmt::format("doses per day in mg diazepam-equivalent ({} table; {} mg a day of {} = {} mg diazepam)\n",
                           s.equivalence_table, readable(s.start_dose.value()), s.drug,
                           readable(s.start_equivalent_dose.value()));
    if (!s.occupancy_model.empty() && s.start_occupancy_percent)
        out += fmt::format("{} occupancy model {}: {}% at the starting dose\n", s.occupancy_receptor,
                           s.occupancy_model, one_decimal(in(*s.start_occupancy_percent, units::points)));
    for (const auto& m : s.messages)
        if (m.code != message_code::who_can_help)  // the closing renders it
            out += wrap(std::string(m.code == message_code::drug_caution ? "caution" : id(m.level)) + ": " +
                            text(m, context_of(s)),
                        92, "");
    out += "\n";

    const bool occupancy = std::any_of(s.steps.begin(), s.steps.end(),
                                       [](const step& st) { return st.occupancy_percent.has_value(); });
    // The doses column only when it says more than the daily dose: several dose-times or
    // another drug.
    const bool show_doses = std::any_of(s.steps.begin(), s.steps.end(), [&](const step& st) {
        return st.doses.size() != 1 || st.doses.front().drug != s.drug;
    });
    std::vector<row> rows;
    row head{"step", "from", "to", "days", diazepam ? "dose/day (dz-eq)" : "dose/day", "doses (mg)", "change"};
    if (occupancy) {
        head.push_back(s.occupancy_receptor.empty() ? "occupancy" : s.occupancy_receptor + " occ.");
        head.push_back("points");
    }
    rows.push_back(head);
    std::vector<std::vector<std::string>> below;  // notes and warnings under each step
    for (const auto& st : s.steps) {
        row r{std::to_string(st.number),
              format_date(st.start),
              format_last_day(st.end()),
              std::to_string(std::lround(st.length.value())),
              readable(st.equivalent_daily_dose.value()) + " mg",
              doses_text(s, st),
              st.phase == step_phase::reduce || st.phase == step_phase::stop ? change_text(st)
                                                                             : std::string(to_string(st.phase))};
        if (occupancy) {
            r.push_back(st.occupancy_percent ? one_decimal(in(*st.occupancy_percent, units::points)) + "%" : "-");
            const auto change = st.change_points ? std::optional(in(*st.change_points, units::points)) : std::nullopt;
            r.push_back(change ? (*change == 0 ? "0" : one_decimal(-*change)) : "-");
        }
        if (st.phase == step_phase::stop && st.equivalent_daily_dose.value() == 0) r[6] += ", stop";
        rows.push_back(std::move(r));
        std::vector<std::string> extra;
        const message_context context = context_of(s, &st);
        for (const severity level : {severity::note, severity::warning})
            for (const auto& m : st.messages)
                if (m.level == level) extra.push_back(std::string(id(level)) + ": " + text(m, context));
        below.push_back(std::move(extra));
    }
    std::vector<bool> right{true, false, false, true, true, false, false, true, true};
    if (!show_doses) {
        for (auto& r : rows) r.erase(r.begin() + 5);
        right.erase(right.begin() + 5);
    }
    const auto lines = layout(rows, right);
    out += lines[0] + "\n";
    for (std::size_t i = 1; i < lines.size(); ++i) {
        out += lines[i] + "\n";
        for (const auto& e : below[i - 1]) out += wrap(e, 92, "      ");
    }
    return out + (s.subject ? plan_closing(s, *s.subject) : plan_closing());
}

std::string render_occupancy(const drug& d, mass dose) {
    std::string out = fmt::format("{} {} mg a day: receptor occupancy by model\n\n", d.name, readable(dose.value()));
    std::vector<row> rows{{"", "model", "receptor", "region", "Emax", "ED50", "occupancy"}};
    for (const auto& m : d.targets) {
        const bool is_default = m.id == d.default_target;
        row r{is_default ? "*" : "", m.id, m.receptor, m.region.value_or("-")};
        if (m.usable()) {
            r.push_back(one_decimal(*m.emax_percent) + "%");
            r.push_back(readable(m.ed50->value()) + " mg");
            r.push_back(one_decimal(in(m.occupancy_percent(dose), units::points)) + "%");
        } else {
            r.push_back(m.emax_percent ? one_decimal(*m.emax_percent) + "%" : "unknown");
            r.push_back(m.ed50 ? readable(m.ed50->value()) + " mg" : "unknown");
            r.push_back("cannot be evaluated (the data lacks Emax, ED50 or Hill)");
        }
        rows.push_back(std::move(r));
    }
    for (const auto& line : layout(rows, {false, false, false, false, true, true, false})) out += line + "\n";
    out += "\n* the default model; `taper plan ... --model ID` plans with another.\n\n";
    out += footer();
    return out;
}

std::string render_strategies(const strategy_registry& registry) {
    std::string out;
    std::size_t name_width = 0;
    for (const auto* e : registry.list()) name_width = std::max(name_width, e->name.size());
    const std::string indent(name_width + 2, ' ');
    for (const auto* e : registry.list()) {
        std::string text = wrap(e->description, 90, indent);
        text.replace(0, e->name.size(), e->name);
        out += text;
        // Each option from the strategy's schema: name, kind, default or "required", bounds.
        for (const option_spec& spec : e->schema.options) {
            std::string line = spec.name + " (" + std::string(to_string(spec.kind)) + ")";
            if (spec.required) line += ", required";
            if (spec.default_value) line += ", default " + describe_value(*spec.default_value, spec.kind);
            if (!spec.choices.empty()) {
                line += ": ";
                for (std::size_t i = 0; i < spec.choices.size(); ++i) line += (i ? " | " : "") + spec.choices[i];
            }
            if (spec.minimum || spec.maximum) {
                line += ", ";
                line += spec.minimum ? describe_value(spec.minimum->value, bound_kind(spec.kind)) +
                                           (spec.minimum->inclusive ? " <= " : " < ")
                                     : std::string();
                line += "value";
                line += spec.maximum ? std::string(spec.maximum->inclusive ? " <= " : " < ") +
                                           describe_value(spec.maximum->value, bound_kind(spec.kind))
                                     : std::string();
            }
            out += wrap(line + ": " + spec.description, 90, indent + "  ");
        }
    }
    out += "\n`taper plan <drug> <dose> --strategy NAME` plans with one; docs/cli.md gives the flag for each "
           "option, docs/strategy-options.md the schema (`taper strategies --format json`).\n";
    return out;
}

}  // namespace taper::cli
