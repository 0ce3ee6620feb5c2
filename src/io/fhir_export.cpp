// A plan or a realization as a FHIR R4 Bundle of MedicationRequests: see
// include/taper/io/fhir.hpp and docs/output-formats.md. Element names and value sets are
// FHIR R4's (hl7.org/fhir/R4/medicationrequest.html, dosage.html, datatypes.html#Timing).
#include <taper/io/fhir.hpp>

#include "output_detail.hpp"
#include "../detail/text.hpp"

#include <taper/error.hpp>
#include <taper/forms/instruction.hpp>
#include <taper/io/format.hpp>
#include <taper/version.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <string_view>

namespace taper {
namespace {

using ordered_json = nlohmann::ordered_json;

constexpr std::string_view ucum = "http://unitsofmeasure.org";

// FHIR ids: [A-Za-z0-9\-\.]{1,64}.
std::string fhir_id(std::string_view text) {
    std::string out;
    for (char c : detail::ascii_lower(text)) out += (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ? c : '-';
    if (out.size() > 64) out.resize(64);
    return out;
}

std::string compact(date d) {
    std::string iso = format_date(d);
    iso.erase(std::remove(iso.begin(), iso.end(), '-'), iso.end());
    return iso;
}

double finite(double v, std::string_view what) {
    if (!std::isfinite(v)) throw invalid_argument_error("FHIR export: " + std::string(what) + " is not a finite number");
    return v == 0 ? 0.0 : v;
}

// R4's EventTiming codes for the dose-time names taper's splits use; others: none (the
// dose-time's name is in the Dosage's text).
std::optional<std::string_view> event_timing(std::string_view time) {
    const std::string t = detail::ascii_lower(detail::trim(time));
    if (t == "morning") return "MORN";
    if (t == "midday" || t == "noon" || t == "lunchtime") return "NOON";
    if (t == "afternoon") return "AFT";
    if (t == "evening") return "EVE";
    if (t == "night") return "NIGHT";
    if (t == "bedtime") return "HS";
    return std::nullopt;
}

/// One dose-time of one step, for one drug.
struct dose_entry {
    const step* planned = nullptr;
    std::string drug;
    std::string time;
    mass amount;
    std::string how;  // the realization's recipe, empty for a plan
};

ordered_json dosage(const schedule& plan, const dose_entry& e) {
    const step& st = *e.planned;
    ordered_json d;
    d["sequence"] = st.number;
    std::string text = detail::step_summary(plan, st) + ", " + e.time + ": ";
    text += e.amount.value() > 0 ? (e.how.empty() ? detail::mg_text(e.amount) + " " + e.drug : e.how) : "none";
    d["text"] = text;
    ordered_json repeat;
    repeat["boundsPeriod"] = {{"start", format_date(st.start)}, {"end", format_date(st.end() - std::chrono::days{1})}};
    repeat["frequency"] = 1;
    repeat["period"] = 1;
    repeat["periodUnit"] = "d";
    if (const auto when = event_timing(e.time)) repeat["when"] = ordered_json::array({std::string(*when)});
    d["timing"]["repeat"] = std::move(repeat);
    if (e.amount.value() > 0) {
        ordered_json quantity;
        quantity["value"] = finite(e.amount.value(), "a dose");
        quantity["unit"] = "mg";
        quantity["system"] = ucum;
        quantity["code"] = "mg";
        d["doseAndRate"] = ordered_json::array({ordered_json{{"doseQuantity", std::move(quantity)}}});
    }
    return d;
}

ordered_json medication(const schedule& plan, const std::string& drug_name) {
    ordered_json m;
    ordered_json coding = ordered_json::array();
    const drug* named = plan.subject && detail::equals_ignoring_case(plan.subject->name, drug_name) ? plan.subject.get() : nullptr;
    for (const auto& other : plan.line_drugs)
        if (named == nullptr && other && detail::equals_ignoring_case(other->name, drug_name)) named = other.get();
    if (named != nullptr)
        for (const auto& c : named->codes) coding.push_back({{"system", c.system}, {"code", c.code}, {"display", c.display}});
    if (!coding.empty()) m["coding"] = std::move(coding);
    m["text"] = drug_name;
    return m;
}

std::string bundle(const schedule& plan, const std::vector<dose_entry>& entries) {
    std::vector<std::string> drugs;  // in order of first appearance, the tapered drug first
    drugs.push_back(plan.drug);
    for (const auto& e : entries)
        if (std::find(drugs.begin(), drugs.end(), e.drug) == drugs.end()) drugs.push_back(e.drug);

    const std::string base = "taper-" + plan.drug + "-" + compact(plan.start) + "-" + plan.strategy;
    ordered_json doc;
    doc["resourceType"] = "Bundle";
    doc["id"] = fhir_id(base);
    doc["meta"]["tag"] = ordered_json::array(
        {{{"system", "urn:taper"}, {"code", "decision-support"}, {"display", std::string("taper ") + TAPER_VERSION_STRING}}});
    doc["type"] = "collection";
    ordered_json list = ordered_json::array();
    for (const auto& name : drugs) {
        ordered_json r;
        r["resourceType"] = "MedicationRequest";
        r["id"] = fhir_id(base + "-" + name);
        r["status"] = "draft";
        r["intent"] = "proposal";
        r["medicationCodeableConcept"] = medication(plan, name);
        r["subject"] = {{"display", "the person tapering " + plan.drug}};
        ordered_json notes = ordered_json::array();
        notes.push_back({{"text", schedule_disclaimer}});
        notes.push_back({{"text", "Plan: " + plan.strategy + " strategy, from " + format_date(plan.start) + " to " +
                                      format_date(plan.end() - std::chrono::days{1}) + ", " +
                                      std::to_string(plan.steps.size()) + " steps (taper " + TAPER_VERSION_STRING + ")."}});
        r["note"] = std::move(notes);
        ordered_json dosages = ordered_json::array();
        for (const auto& e : entries)
            if (e.drug == name) dosages.push_back(dosage(plan, e));
        r["dosageInstruction"] = std::move(dosages);
        list.push_back({{"resource", std::move(r)}});
    }
    doc["entry"] = std::move(list);
    return doc.dump(2) + "\n";
}

std::string line_drug(const schedule& plan, const std::string& name) { return name.empty() ? plan.drug : name; }

}  // namespace

std::string to_fhir(const schedule& plan) {
    std::vector<dose_entry> entries;
    for (const auto& st : plan.steps) {
        if (st.doses.empty()) entries.push_back({&st, plan.drug, "daily", st.daily_dose, {}});
        for (const auto& l : st.doses) entries.push_back({&st, line_drug(plan, l.drug), l.time, l.amount, {}});
    }
    return bundle(plan, entries);
}

std::string to_fhir(const realized_schedule& realization) {
    const schedule plan = detail::realized_plan(realization);
    std::vector<dose_entry> entries;
    for (std::size_t i = 0; i < realization.steps.size(); ++i) {
        const realized_step& rs = realization.steps[i];
        const step& st = plan.steps[i];
        if (rs.recipes.empty()) {
            if (st.doses.empty()) entries.push_back({&st, plan.drug, "daily", st.daily_dose, {}});
            for (const auto& l : st.doses) entries.push_back({&st, line_drug(plan, l.drug), l.time, l.amount, {}});
        }
        for (const auto& r : rs.recipes)
            entries.push_back({&st, line_drug(plan, r.drug), r.time, r.realized, instruction_text(realization, r)});
    }
    return bundle(plan, entries);
}

}  // namespace taper
