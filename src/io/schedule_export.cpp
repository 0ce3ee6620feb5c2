// A plan as JSON and CSV: see include/taper/io/json.hpp, io/csv.hpp and docs/output-formats.md.
#include <taper/io/csv.hpp>
#include <taper/io/json.hpp>

#include "export_detail.hpp"
#include "../messages/json.hpp"

#include <taper/error.hpp>
#include <taper/units/io.hpp>
#include <taper/version.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <string_view>

namespace taper {
namespace {

using detail::ordered_json;
using detail::message_json;
using detail::texts_of;

// The schema's names for the dose basis: the C++ enumerators, stable across versions.
std::string_view basis_id(dose_basis b) { return b == dose_basis::own_mg ? "own_mg" : "diazepam_mg"; }

// Every number leaves through here: a non-finite one would become JSON null or "inf" in a
// CSV and look like data, so it is an error; -0 prints as 0.
double checked(double v, const step* s, std::string_view field) {
    if (!std::isfinite(v))
        throw invalid_argument_error("schedule export: " +
                                     (s != nullptr ? "step " + std::to_string(s->number) + ", " : std::string()) +
                                     std::string(field) + " is not a finite number");
    return v == 0 ? 0.0 : v;
}

long whole_days(duration d) { return std::lround(d.value()); }

ordered_json step_json(const schedule& s, const step& st) {
    const message_context context = context_of(s, &st);
    ordered_json j;
    j["number"] = st.number;
    j["phase"] = std::string(to_string(st.phase));
    j["start"] = format_date(st.start);
    j["end"] = format_date(st.end());
    j["last_day"] = format_date(st.end() - std::chrono::days{1});
    j["length_days"] = whole_days(st.length);
    j["daily_dose_mg"] = checked(st.daily_dose.value(), &st, "daily_dose_mg");
    j["equivalent_daily_dose_mg"] = checked(st.equivalent_daily_dose.value(), &st, "equivalent_daily_dose_mg");
    j["change_mg"] = checked(st.change.value(), &st, "change_mg");
    j["change_percent"] = checked(st.change_percent, &st, "change_percent");
    j["occupancy_percent"] =
        st.occupancy_percent ? ordered_json(checked(*st.occupancy_percent, &st, "occupancy_percent")) : ordered_json();
    j["change_points"] =
        st.change_points ? ordered_json(checked(*st.change_points, &st, "change_points")) : ordered_json();
    ordered_json doses = ordered_json::array();
    for (const auto& line : st.doses) {
        ordered_json d;
        d["drug"] = line.drug;
        d["time"] = line.time;
        d["amount_mg"] = checked(line.amount.value(), &st, "amount_mg");
        doses.push_back(std::move(d));
    }
    j["doses"] = std::move(doses);
    j["notes"] = texts_of(st.messages, severity::note, context);
    j["warnings"] = texts_of(st.messages, severity::warning, context);
    ordered_json messages = ordered_json::array();
    for (const auto& m : st.messages) messages.push_back(message_json(m, context));
    j["messages"] = std::move(messages);
    return j;
}

std::string csv_number(double v, const step& st, std::string_view field) {
    return format_number(checked(v, &st, field));
}

}  // namespace

namespace detail {

std::string csv_field(std::string_view v) {
    if (v.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(v);
    std::string out = "\"";
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) {
        if (!out.empty()) out += " | ";
        out += s;
    }
    return out;
}

ordered_json schedule_json(const schedule& s) {
    ordered_json j;
    j["format"] = "taper-schedule";
    j["format_version"] = schedule_format_version;
    j["taper_version"] = TAPER_VERSION_STRING;
    j["disclaimer"] = schedule_disclaimer;
    j["drug"] = s.drug;
    j["strategy"] = s.strategy;
    j["basis"] = std::string(basis_id(s.basis));
    j["start_daily_dose_mg"] = checked(s.start_dose.value(), nullptr, "start_daily_dose_mg");
    j["start_equivalent_daily_dose_mg"] =
        checked(s.start_equivalent_dose.value(), nullptr, "start_equivalent_daily_dose_mg");
    j["start_occupancy_percent"] =
        s.start_occupancy_percent
            ? ordered_json(checked(*s.start_occupancy_percent, nullptr, "start_occupancy_percent"))
            : ordered_json();
    ordered_json split = ordered_json::array();
    for (const auto& t : s.start_split) {
        ordered_json d;
        d["time"] = t.time;
        d["amount_mg"] = checked(t.amount.value(), nullptr, "start_doses amount_mg");
        split.push_back(std::move(d));
    }
    j["start_doses"] = std::move(split);
    if (s.occupancy_model.empty()) {
        j["occupancy_model"] = nullptr;
    } else {
        ordered_json m;
        m["id"] = s.occupancy_model;
        m["receptor"] = s.occupancy_receptor;
        j["occupancy_model"] = std::move(m);
    }
    j["equivalence_table"] = s.equivalence_table.empty() ? ordered_json() : ordered_json(s.equivalence_table);
    j["start"] = format_date(s.start);
    j["end"] = format_date(s.end());
    j["length_days"] = days_between(s.start, s.end());
    j["final_equivalent_daily_dose_mg"] = checked(s.final_dose().value(), nullptr, "final_equivalent_daily_dose_mg");
    const message_context context = context_of(s);
    j["warnings"] = texts_of(s.messages, severity::warning, context);
    ordered_json messages = ordered_json::array();
    for (const auto& m : s.messages) messages.push_back(message_json(m, context));
    j["messages"] = std::move(messages);
    ordered_json steps = ordered_json::array();
    for (const auto& st : s.steps) steps.push_back(step_json(s, st));
    j["steps"] = std::move(steps);
    return j;
}

std::vector<std::string> step_csv_rows(const schedule& s, const step& st) {
    const message_context context = context_of(s, &st);
    std::vector<std::string> out;
    std::string common;
    common += std::to_string(st.number) + ',';
    common += csv_field(to_string(st.phase)) + ',';
    common += format_date(st.start) + ',';
    common += format_date(st.end()) + ',';
    common += format_date(st.end() - std::chrono::days{1}) + ',';
    common += std::to_string(whole_days(st.length)) + ',';
    common += csv_number(st.daily_dose.value(), st, "daily_dose_mg") + ',';
    common += csv_number(st.equivalent_daily_dose.value(), st, "equivalent_daily_dose_mg") + ',';
    common += csv_number(st.change.value(), st, "change_mg") + ',';
    common += csv_number(st.change_percent, st, "change_percent") + ',';
    common += (st.occupancy_percent ? csv_number(*st.occupancy_percent, st, "occupancy_percent") : "") + ',';
    common += (st.change_points ? csv_number(*st.change_points, st, "change_points") : "") + ',';
    const std::string tail = csv_field(joined(texts_of(st.messages, severity::note, context))) + ',' +
                             csv_field(joined(texts_of(st.messages, severity::warning, context))) + ',' +
                             csv_field(ids_of(st.messages));
    if (st.doses.empty()) {
        out.push_back(common + ",,," + tail);  // a step with no dose lines still gets its row
        return out;
    }
    for (const auto& line : st.doses)
        out.push_back(common + csv_field(line.drug) + ',' + csv_field(line.time) + ',' +
                      csv_number(line.amount.value(), st, "amount_mg") + ',' + tail);
    return out;
}

}  // namespace detail

std::string to_json(const schedule& s) { return detail::schedule_json(s).dump(2) + "\n"; }

std::string to_csv(const schedule& s) {
    std::string out = std::string(detail::schedule_csv_header) + "\r\n";
    for (const auto& st : s.steps)
        for (const auto& row : detail::step_csv_rows(s, st)) out += row + "\r\n";
    return out;
}

}  // namespace taper
