// A plan or a realization as one printable HTML page: see include/taper/io/html.hpp and
// docs/output-formats.md.
#include <taper/io/html.hpp>
#include <taper/io/svg.hpp>

#include "output_detail.hpp"
#include "../detail/number_text.hpp"

#include <taper/forms/instruction.hpp>
#include <taper/io/format.hpp>
#include <taper/messages/text.hpp>
#include <taper/version.hpp>

#include <algorithm>
#include <cmath>
#include <string_view>
#include <vector>

namespace taper {
namespace {

using detail::xml_escape;

// The page prints on A4 and Letter alike: no fixed paper size (the printer's is used), and
// content no wider than A4's printable width (210 mm less 2 × 12 mm margins).
constexpr std::string_view style = R"css(
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; color: #111; background: #fff;
       max-width: 186mm; margin: 1.5em auto; padding: 0 1em; line-height: 1.4; font-size: 11pt; }
h1 { font-size: 1.6em; margin: 0 0 0.2em; }
h2 { font-size: 1.2em; margin: 1.4em 0 0.4em; border-bottom: 1px solid #888; }
.summary { margin: 0.2em 0 0.8em; }
.disclaimer { border: 2px solid #b00020; padding: 0.6em 0.8em; background: #fff4f4; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
th, td { border: 1px solid #999; padding: 0.25em 0.4em; text-align: left; vertical-align: top; }
th { background: #eee; }
td.number, td.date { text-align: right; white-space: nowrap; }
tr.hold td { background: #f2f2f2; }
tr.stop td { font-weight: bold; }
.warning { color: #8a1c00; }
.note { color: #444; }
figure { margin: 0.5em 0; }
figure svg { width: 100%; height: auto; }
.fill-in { border-bottom: 1px solid #555; display: inline-block; min-width: 60mm; }
.marked { border-left: 4px solid #d4a000; padding-left: 0.6em; }
footer { margin-top: 2em; font-size: 0.85em; color: #444; }
@page { margin: 14mm 12mm; }
@media print {
  body { margin: 0; padding: 0; max-width: none; font-size: 10pt; }
  thead { display: table-header-group; }
  tr, figure, .disclaimer, section.keep { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
)css";

std::string last_day(const step& st) { return format_date(st.end() - std::chrono::days{1}); }

std::string change_cell(const step& st) {
    if (st.change.value() == 0) return "0";
    const bool lower = st.change.value() > 0;  // change > 0 is a reduction
    const mass size = lower ? st.change : -st.change;
    const char* sign = lower ? "−" : "+";
    return sign + detail::mg_text(size) + " (" + sign +
           detail::significant_text(std::abs(in(st.change_percent, units::percent_of_dose))) + "%)";
}

void add_unique(std::vector<std::string>& list, const std::string& item) {
    if (!item.empty() && std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
}

std::string list_html(const std::vector<std::string>& items, std::string_view css_class = {}) {
    std::string out = css_class.empty() ? "<ul>\n" : "<ul class=\"" + std::string(css_class) + "\">\n";
    for (const auto& i : items) out += "<li>" + xml_escape(i) + "</li>\n";
    return out + "</ul>\n";
}

// Every source of a number the page relies on: the occupancy model, the half-life, the
// equivalence table of a crossover, the forms used, the medication codes.
std::vector<std::string> sources_of(const schedule& plan, const realized_schedule* r) {
    std::vector<std::string> out;
    if (plan.subject) {
        const drug& d = *plan.subject;
        if (const occupancy_model* m = d.find_target(plan.occupancy_model)) {
            add_unique(out, m->ed50.origin.source);
            add_unique(out, m->emax_percent.origin.source);
            add_unique(out, m->hill.origin.source);
        }
        add_unique(out, d.half_life.parent.origin.source);
        if (d.half_life.metabolite) add_unique(out, d.half_life.metabolite->range.origin.source);
        if (!plan.equivalence_table.empty()) {
            const auto t = d.equivalents.tables.find(plan.equivalence_table);
            if (t != d.equivalents.tables.end()) add_unique(out, t->second.origin.source);
        }
        if (r != nullptr)
            for (const auto& f : r->forms)
                if (const formulation* x = d.find_formulation(f.formulation_id); x != nullptr && f.drug == d.name) {
                    add_unique(out, x->unit_strengths.origin.source);
                    add_unique(out, x->concentrations.origin.source);
                    add_unique(out, x->splittable.origin.source);
                    if (f.bioavailability_known) add_unique(out, f.bioavailability_origin.source);
                }
        for (const auto& c : d.codes) add_unique(out, c.origin.source);
    }
    add_unique(out, "NICE guideline NG222, Depression in adults: treatment and management (2022), recommendations "
                    "1.4.13 to 1.4.22 on stopping antidepressants: https://www.nice.org.uk/guidance/ng222");
    add_unique(out, "NICE guideline NG215, Medicines associated with dependence or withdrawal symptoms: safe "
                    "prescribing and withdrawal management for adults (2022): https://www.nice.org.uk/guidance/ng215");
    return out;
}

// What withdrawal can feel like and what to do, by class. The antidepressant text follows
// NICE NG222 1.4.14-1.4.22 in our own words; for the other classes only what every plan
// already says (the disclaimer, and the seizure risk of stopping abruptly: message 214).
std::string withdrawal_section(const schedule& plan) {
    const drug_class klass = plan.subject ? plan.subject->klass : drug_class::other;
    std::string s = "<section class=\"keep\" id=\"withdrawal\">\n<h2>What withdrawal can feel like, and what to do</h2>\n";
    if (is_antidepressant(klass)) {
        s += "<p>Not everyone has withdrawal symptoms, and they differ from person to person. They can include "
             "dizziness or unsteadiness, “electric shock” sensations, irritability, anxiety or confusion, "
             "restlessness, poor sleep, sweating, nausea, palpitations, tiredness, headaches and aching joints "
             "or muscles. They often start within a few days of a cut and are usually mild and over within one to "
             "two weeks, but can last longer and can be severe, especially after stopping suddenly (NICE NG222 "
             "1.4.14, 1.4.15).</p>\n"
             "<p>Withdrawal symptoms soon after a cut are not usually a relapse. If they are mild, keep going and "
             "watch them; tell the prescriber if they do not improve or get worse. If they are severe, the "
             "prescriber may suggest going back to the previous dose until they settle, then reducing more slowly "
             "in smaller steps (NICE NG222 1.4.20 to 1.4.22).</p>\n";
    } else if (abrupt_stop_risks_seizures(klass)) {
        s += "<p>Reducing this medicine can bring back or bring on anxiety, poor sleep, restlessness and "
             "changes in how things feel. Stopping it abruptly can cause seizures: never stop suddenly, and keep "
             "to the steps agreed with the prescriber (NICE NG215).</p>\n";
    } else if (klass == drug_class::antipsychotic) {
        s += "<p>Reducing an antipsychotic can bring on withdrawal symptoms, and the illness it treats can return, "
             "sometimes weeks or months later. Agree with the prescriber what signs to watch for and who to "
             "contact early (NICE NG215).</p>\n";
    } else {
        s += "<p>Reducing this medicine can bring on withdrawal symptoms, and the condition it treats can return. "
             "Agree with the prescriber what to watch for and who to contact (NICE NG215).</p>\n";
    }
    s += "<p>" + xml_escape(schedule_disclaimer) + "</p>\n</section>\n";
    return s;
}

// Support: who can help, from the support directory (data/support.json) for the plan's drug
// (named for it, its class, anyone) in the person's country and online, each with its phone
// number as the source prints it and the source's date (numbers age); then the people only
// the person can name, to write in by hand.
std::string support_section(const schedule& plan, const html_options& options) {
    const support_directory& dir = options.support != nullptr ? *options.support : support_directory::embedded();
    const std::string country = support_country_from_code(options.country);
    const auto contacts = plan.subject ? dir.for_person(*plan.subject, country)
                                       : dir.for_person(drug_class::other, country);
    std::string s = "<section class=\"keep\" id=\"support\">\n<h2>Support and contacts</h2>\n"
                    "<p>Nobody should do this alone. These organisations help people coming off " +
                    xml_escape(plan.drug.empty() ? std::string("psychiatric drugs") : plan.drug) +
                    (country.empty() ? std::string(" (in every country taper’s directory covers)")
                                     : " (in " + xml_escape(options.country) + ", and online)") +
                    ". Phone numbers are as the source printed them, on the date shown: check before calling.</p>\n";
    if (contacts.empty()) {
        s += "<p>taper’s support directory lists no organisation for this country.</p>\n";
    } else {
        // Each contact names its source by number; the sources follow once, with their dates.
        std::vector<const support_source*> cited;
        s += "<ul class=\"contacts\">\n";
        for (const auto* o : contacts) {
            s += "<li class=\"contact\" data-id=\"" + xml_escape(o->id) + "\"><strong>" + xml_escape(o->name) +
                 "</strong> (" + xml_escape(o->kind) + ", " + xml_escape(o->country) + "): " + xml_escape(o->offers);
            if (o->phone) s += ". Phone: <span class=\"phone\">" + xml_escape(*o->phone) + "</span>";
            if (o->source != nullptr) {
                auto at = std::find(cited.begin(), cited.end(), o->source);
                if (at == cited.end()) at = cited.insert(cited.end(), o->source);
                s += ". <span class=\"note\">[" + std::to_string(at - cited.begin() + 1) + "]</span>";
            }
            s += "</li>\n";
        }
        s += "</ul>\n";
        for (std::size_t i = 0; i < cited.size(); ++i)
            s += "<p class=\"note\">[" + std::to_string(i + 1) + "] " + xml_escape(cited[i]->title) + ", " +
                 (cited[i]->published.empty() ? std::string("no publication date given")
                                              : "published " + xml_escape(cited[i]->published)) +
                 ".</p>\n";
    }
    s += "<p>And the people only you can name:</p>\n<ul>\n"
         "<li>Prescriber: <span class=\"fill-in\"></span></li>\n"
         "<li>Pharmacist: <span class=\"fill-in\"></span></li>\n"
         "<li>Out of hours / urgent help: <span class=\"fill-in\"></span></li>\n"
         "<li>Someone I trust who knows about this plan: <span class=\"fill-in\"></span></li>\n"
         "</ul>\n</section>\n";
    return s;
}

struct page_row {
    const step* planned = nullptr;
    std::string take;  // the dose lines, or how to take them
    std::vector<std::string> notes;
    std::vector<std::string> warnings;
};

std::string page(const schedule& plan, const std::vector<page_row>& rows, const std::string& chart,
                 const std::vector<std::string>& cautions, const realized_schedule* r, const html_options& options) {
    const bool diazepam_basis = plan.basis == dose_basis::diazepam_mg;
    const bool has_occupancy = std::any_of(plan.steps.begin(), plan.steps.end(), [](const step& s) { return s.occupancy_percent.has_value(); });
    const long days = days_between(plan.start, plan.end());
    std::string s = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<meta name=\"generator\" content=\"taper " TAPER_VERSION_STRING "\">\n<title>" +
                    xml_escape(plan.drug + " taper plan, " + format_date(plan.start)) + "</title>\n<style>" +
                    std::string(style) + "</style>\n</head>\n<body>\n";
    s += "<header>\n<h1>" + xml_escape(plan.drug) + " taper plan</h1>\n<p class=\"summary\">From " +
         xml_escape(detail::mg_text(plan.start_dose)) + " a day, " + xml_escape(plan.strategy) + " strategy: " +
         format_date(plan.start) + " to " + format_date(plan.end() - std::chrono::days{1}) + ", " +
         std::to_string(plan.steps.size()) + (plan.steps.size() == 1 ? " step, " : " steps, ") + std::to_string(days) +
         " days.";
    if (diazepam_basis)
        s += " Doses per day are in mg diazepam-equivalent (" + xml_escape(plan.equivalence_table) + " table).";
    if (plan.start_occupancy_percent)
        s += " " + xml_escape(plan.occupancy_receptor) + " occupancy at the starting dose: " +
             detail::significant_text(in(*plan.start_occupancy_percent, units::points)) + "% (model " +
             xml_escape(plan.occupancy_model) + ").";
    s += "</p>\n<p class=\"disclaimer\"><strong>Read this first.</strong> " +
         xml_escape(schedule_disclaimer) + "</p>\n</header>\n";

    s += "<section id=\"chart\">\n<h2>The plan at a glance</h2>\n<figure>\n" + chart + "</figure>\n</section>\n";

    s += "<section id=\"steps\">\n<h2>Step by step</h2>\n<table>\n<thead><tr><th>Step</th><th>From</th><th>To</th>"
         "<th>Days</th><th>Dose a day</th><th>" + std::string(r != nullptr ? "How to take it" : "Doses") +
         "</th><th>Change</th>" + (has_occupancy ? "<th>" + xml_escape(plan.occupancy_receptor) + " occ.</th>" : "") +
         "</tr></thead>\n<tbody>\n";
    for (const auto& row : rows) {
        const step& st = *row.planned;
        const char* css = st.phase == step_phase::hold ? " class=\"hold\"" : st.phase == step_phase::stop ? " class=\"stop\"" : "";
        s += std::string("<tr") + css + "><td class=\"number\">" + std::to_string(st.number) + "</td><td class=\"date\">" +
             format_date(st.start) + "</td><td class=\"date\">" + last_day(st) + "</td><td class=\"number\">" +
             std::to_string(days_between(st.start, st.end())) + "</td><td class=\"number\">" +
             xml_escape(detail::mg_text(diazepam_basis ? st.equivalent_daily_dose : st.daily_dose)) + "</td><td>" +
             xml_escape(row.take);
        for (const auto& n : row.notes) s += "<br><span class=\"note\">" + xml_escape(n) + "</span>";
        for (const auto& w : row.warnings) s += "<br><span class=\"warning\">⚠ " + xml_escape(w) + "</span>";
        s += "</td><td class=\"number\">" + xml_escape(change_cell(st)) + "</td>";
        if (has_occupancy)
            s += "<td class=\"number\">" +
                 (st.occupancy_percent ? detail::significant_text(in(*st.occupancy_percent, units::points)) + "%" : std::string("–")) +
                 "</td>";
        s += "</tr>\n";
    }
    s += "</tbody>\n</table>\n</section>\n";

    s += "<section class=\"keep\" id=\"cautions\">\n<h2>Cautions</h2>\n";
    s += cautions.empty() ? "<p>None recorded in the data for this plan.</p>\n" : list_html(cautions, "cautions");
    s += "</section>\n";
    s += withdrawal_section(plan);
    s += support_section(plan, options);
    s += "<section id=\"sources\">\n<h2>Sources</h2>\n" + list_html(sources_of(plan, r)) + "</section>\n";
    s += "<footer>Made by taper " TAPER_VERSION_STRING " from the plan of " + format_date(plan.start) +
         ". Doses are rounded for reading; taper’s JSON export has them in full.</footer>\n</body>\n</html>\n";
    return s;
}

std::vector<std::string> plan_cautions(const schedule& plan) {
    std::vector<std::string> out;
    if (plan.subject)
        for (const auto& c : plan.subject->cautions) add_unique(out, c);
    const message_context context = context_of(plan);
    for (const auto& m : plan.messages)
        if (m.level == severity::warning) add_unique(out, text(m, context));
    return out;
}

std::vector<page_row> plan_rows(const schedule& plan) {
    std::vector<page_row> rows;
    for (const auto& st : plan.steps) {
        page_row row{&st, detail::doses_text(plan, st), {}, {}};
        const message_context context = context_of(plan, &st);
        for (const auto& m : st.messages) (m.level == severity::warning ? row.warnings : row.notes).push_back(text(m, context));
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace

std::string to_html(const schedule& plan, const html_options& options) {
    svg_options o;
    return page(plan, plan_rows(plan), to_svg(plan, o), plan_cautions(plan), nullptr, options);
}

std::string to_html(const simulation& sim, series_step step, const html_options& options) {
    // The same page as the plan's, its chart with the simulated occupancy and a caption that
    // says what that line is (and is not).
    const std::string caption =
        "<figcaption class=\"simulated\">The solid purple line is the " + xml_escape(sim.parameters.receptor) +
        " occupancy simulated through time (" + (step == series_step::daily ? "the mean of each day" : "every sample") +
        "; one compartment, half-life " + detail::significant_text(in(sim.parameters.half_life, units::hour)) +
        " h): a research model for reading the plan, not a prediction for one person (taper's docs/simulation.md). "
        "The dashed line is the occupancy once each step's dose has settled.</figcaption>\n";
    return page(sim.plan, plan_rows(sim.plan), to_svg(sim, step) + caption, plan_cautions(sim.plan), nullptr, options);
}

std::string to_html(const realized_schedule& realization, const html_options& options) {
    const schedule plan = detail::realized_plan(realization);
    std::vector<page_row> rows;
    for (std::size_t i = 0; i < realization.steps.size(); ++i) {
        const realized_step& rs = realization.steps[i];
        const step& st = plan.steps[i];
        page_row row{&st, {}, {}, {}};
        // Realization's own messages (rounding, inserted steps, re-checks on the doses as taken).
        const message_context realized_context = context_of(realization, &rs);
        for (const auto& m : rs.messages)
            (m.level == severity::warning ? row.warnings : row.notes).push_back(text(m, realized_context));
        for (const auto& rc : rs.recipes) {
            if (!row.take.empty()) row.take += "; ";
            row.take += rc.time + ": " + (rc.drug != plan.drug ? rc.drug + " " : std::string()) + instruction_text(realization, rc);
        }
        if (rs.recipes.empty()) row.take = detail::doses_text(plan, st);
        const message_context context = context_of(plan, &st);
        for (const auto& m : st.messages) (m.level == severity::warning ? row.warnings : row.notes).push_back(text(m, context));
        rows.push_back(std::move(row));
    }
    std::vector<std::string> cautions = plan_cautions(plan);
    for (const auto& c : dilution_cautions(realization)) add_unique(cautions, c);
    const message_context realization_context = context_of(realization);
    for (const auto& m : realization.messages) add_unique(cautions, text(m, realization_context));
    return page(plan, rows, to_svg(realization), cautions, &realization, options);
}

}  // namespace taper
