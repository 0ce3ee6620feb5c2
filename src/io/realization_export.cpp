// A realization and a dispensing as JSON and CSV: see include/taper/io/json.hpp, io/csv.hpp
// and docs/output-formats.md.
#include <taper/io/csv.hpp>
#include <taper/io/json.hpp>
#include "../detail/text.hpp"

#include "export_detail.hpp"
#include "../messages/json.hpp"

#include <taper/error.hpp>
#include <taper/forms/instruction.hpp>
#include <taper/units/io.hpp>

#include <algorithm>
#include <cmath>
#include <string_view>

namespace taper {
namespace {

using detail::csv_field;
using detail::ordered_json;


std::string last_day(date end) { return format_date(end - std::chrono::days{1}); }

std::string_view kind_id(dose_component::kind k) {
    switch (k) {
        case dose_component::kind::whole_or_split_units: return "units";
        case dose_component::kind::liquid_volume: return "liquid";
        case dose_component::kind::drops: return "drops";
        case dose_component::kind::beads: return "beads";
        case dose_component::kind::dilution: return "dilution";
    }
    return "units";
}

double finite(double v, std::string_view what) {
    if (!std::isfinite(v)) throw invalid_argument_error("realized schedule export: " + std::string(what) + " is not finite");
    return v == 0 ? 0.0 : v;
}

/// The schedule as exported: the realized steps' dates and numbers (an inserted step shifts
/// the ones after it).
schedule exported(const realized_schedule& r) {
    schedule s = r.plan();
    s.steps.clear();
    for (const auto& st : r.steps) s.steps.push_back(st.planned());
    return s;
}

ordered_json messages_json(const auto& messages, const message_context& context) {
    ordered_json out = ordered_json::array();
    for (const message& m : messages) out.push_back(detail::message_json(m, context));
    return out;
}

ordered_json step_realization(const realized_schedule& whole, const realized_step& st) {
    const message_context context = context_of(whole, &st);
    ordered_json j;
    j["inserted"] = st.inserted;
    j["form_changed"] = st.form_changed;
    j["realized_daily_mg"] = finite(st.realized_daily.value(), "realized_daily_mg");
    j["difference_mg"] = finite(st.difference.value(), "difference_mg");
    ordered_json recipes = ordered_json::array();
    for (const auto& rc : st.recipes) {
        ordered_json r;
        r["drug"] = rc.drug;
        r["time"] = rc.time;
        r["target_mg"] = finite(rc.target.value(), "target_mg");
        r["realized_mg"] = finite(rc.realized.value(), "realized_mg");
        r["within_tolerance"] = rc.within_tolerance;
        r["instruction"] = instruction_text(whole, rc);
        ordered_json parts = ordered_json::array();
        for (const auto& p : rc.parts) {
            ordered_json q;
            q["kind"] = std::string(kind_id(p.what));
            q["formulation_id"] = p.formulation_id;
            q["label"] = p.label;
            q["count"] = finite(p.count, "count");
            q["volume_ml"] = finite(p.amount_volume.value(), "volume_ml");
            q["labelled_mg"] = finite(p.labelled.value(), "labelled_mg");
            q["equivalent_mg"] = finite(p.equivalent.value(), "equivalent_mg");
            q["units_used"] = finite(p.units_used, "units_used");
            q["dispersed_in_ml"] = p.what == dose_component::kind::dilution
                                       ? ordered_json(finite(p.dispersed_in.value(), "dispersed_in_ml"))
                                       : ordered_json();
            q["instruction"] = instruction_text(p, whole.forms, whole.options);
            parts.push_back(std::move(q));
        }
        r["parts"] = std::move(parts);
        r["messages"] = messages_json(rc.messages, context);
        r["warnings"] = detail::texts_of(rc.messages, severity::warning, context);
        recipes.push_back(std::move(r));
    }
    j["recipes"] = std::move(recipes);
    j["messages"] = messages_json(st.messages, context);
    j["notes"] = detail::texts_of(st.messages, severity::note, context);
    j["warnings"] = detail::texts_of(st.messages, severity::warning, context);
    return j;
}

ordered_json dispensing_json(const dispensing& d) {
    const realization_options& o = d.realization.options;
    ordered_json j;
    j["by"] = d.period_days ? "period" : "step";
    j["period_days"] = d.period_days ? ordered_json(*d.period_days) : ordered_json();
    j["bottle_volume_ml"] = o.bottle_volume ? ordered_json(o.bottle_volume->value()) : ordered_json();
    ordered_json ps = ordered_json::array();
    for (const auto& p : d.periods) {
        ordered_json q;
        q["start"] = format_date(p.start);
        q["end"] = format_date(p.end);
        q["last_day"] = last_day(p.end);
        ordered_json lines = ordered_json::array();
        for (const auto& l : p.lines) {
            const bool liquid = l.total_volume.value() > 0;
            ordered_json x;
            x["formulation_id"] = l.formulation_id;
            x["label"] = l.label;
            x["units"] = liquid ? ordered_json() : ordered_json(l.units);
            x["total_volume_ml"] = liquid ? ordered_json(l.total_volume.value()) : ordered_json();
            x["bottles"] = liquid && o.bottle_volume ? ordered_json(l.bottles) : ordered_json();
            lines.push_back(std::move(x));
        }
        q["lines"] = std::move(lines);
        ps.push_back(std::move(q));
    }
    j["periods"] = std::move(ps);
    return j;
}

ordered_json realization_document(const realized_schedule& r, const dispensing* supplies) {
    ordered_json j = detail::schedule_json(exported(r));
    auto& steps = j["steps"];
    for (std::size_t i = 0; i < r.steps.size(); ++i) steps[i]["realization"] = step_realization(r, r.steps[i]);
    const realization_options& o = r.options;
    ordered_json top;
    ordered_json fs = ordered_json::array();
    for (const auto& f : r.forms) {
        ordered_json x;
        x["drug"] = f.drug;
        x["formulation_id"] = f.formulation_id;
        x["label"] = f.label;
        x["form"] = std::string(to_string(f.kind));
        x["bioavailability_vs_tablet"] = f.bioavailability;
        x["bioavailability_known"] = f.bioavailability_known;
        fs.push_back(std::move(x));
    }
    top["forms_on_hand"] = std::move(fs);
    top["syringe_resolution_ml"] = o.tools.syringe_resolution.value();
    top["min_volume_ml"] = o.tools.min_volume.value();
    top["max_volume_ml"] = o.tools.max_volume.value();
    top["tolerance_percent"] = o.tolerance_percent;
    const message_context context = context_of(r);
    top["messages"] = messages_json(r.messages, context);
    ordered_json equivalences = ordered_json::array();
    for (const message& m : r.messages)
        if (m.code == message_code::form_equivalence || m.code == message_code::form_equivalence_assumed)
            equivalences.push_back(text(m, context));
    top["equivalences"] = std::move(equivalences);
    top["cautions"] = dilution_cautions(r);
    top["warnings"] = detail::texts_of(r.messages, severity::warning, context);
    j["realization"] = std::move(top);
    j["dispensing"] = supplies != nullptr ? dispensing_json(*supplies) : ordered_json();
    return j;
}

constexpr std::string_view csv_extra_header =
    ",realized_amount_mg,how_to_take,realized_daily_mg,difference_mg,form_changed,inserted,realization_notes,"
    "realization_warnings,realization_message_ids";

}  // namespace

std::string to_json(const realized_schedule& realization) {
    return realization_document(realization, nullptr).dump(2) + "\n";
}

std::string to_json(const dispensing& supplies) {
    return realization_document(supplies.realization, &supplies).dump(2) + "\n";
}

std::string to_csv(const realized_schedule& r) {
    std::string out = std::string(detail::schedule_csv_header) + std::string(csv_extra_header) + "\r\n";
    for (const auto& st : r.steps) {
        const auto rows = detail::step_csv_rows(r.plan(), st.planned());
        const message_context context = context_of(r, &st);
        const std::string step_tail =
            format_number(finite(st.realized_daily.value(), "realized_daily_mg")) + ',' +
            format_number(finite(st.difference.value(), "difference_mg")) + ',' + (st.form_changed ? "true" : "false") +
            ',' + (st.inserted ? "true" : "false") + ',' +
            csv_field(detail::joined(detail::texts_of(st.messages, severity::note, context))) + ',' +
            csv_field(detail::joined(detail::texts_of(st.messages, severity::warning, context))) + ',' +
            csv_field(detail::ids_of(st.messages));
        for (std::size_t i = 0; i < rows.size(); ++i) {
            std::string extra = ",,";
            if (i < st.recipes.size())
                extra = ',' + format_number(finite(st.recipes[i].realized.value(), "realized_amount_mg")) + ',' +
                        csv_field(instruction_text(r, st.recipes[i]));
            out += rows[i] + extra + ',' + step_tail + "\r\n";
        }
    }
    return out;
}

std::string to_csv(const dispensing& supplies) {
    const std::vector<dispensing_period>& periods = supplies.periods;
    const realization_options& o = supplies.realization.options;
    std::string out = "period_start,period_end,last_day,formulation_id,label,units,total_volume_ml,bottles\r\n";
    for (const auto& p : periods)
        for (const auto& l : p.lines) {
            const bool liquid = l.total_volume.value() > 0;
            out += format_date(p.start) + ',' + format_date(p.end) + ',' + last_day(p.end) + ',' +
                   csv_field(l.formulation_id) + ',' + csv_field(l.label) + ',' +
                   (liquid ? "" : format_number(l.units)) + ',' +
                   (liquid ? format_number(l.total_volume.value()) : "") + ',' +
                   (liquid && o.bottle_volume ? std::to_string(l.bottles) : "") + "\r\n";
        }
    return out;
}

}  // namespace taper
