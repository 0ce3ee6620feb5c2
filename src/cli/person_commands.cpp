// `taper journal|assess|replan|several` (person_commands.hpp).
#include "person_commands.hpp"

#include "inputs.hpp"
#include "outputs.hpp"
#include "plan_options.hpp"
#include "render.hpp"

#include <taper/assess/assessment.hpp>
#include <taper/io/assessment_json.hpp>
#include <taper/io/journal_csv.hpp>
#include <taper/io/journal_json.hpp>
#include <taper/io/json.hpp>
#include <taper/messages/text.hpp>
#include <taper/replan/replan.hpp>
#include <taper/several/plan.hpp>
#include <taper/units/io.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace taper::cli {
namespace {

date local_today() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return date{std::chrono::year{local.tm_year + 1900} / std::chrono::month{static_cast<unsigned>(local.tm_mon + 1)} /
                std::chrono::day{static_cast<unsigned>(local.tm_mday)}};
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw input_error("cannot read the journal file \"" + path + "\"");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// Reads a journal (JSON, or CSV when the name ends in .csv); problems go to stderr.
journal load_journal(const std::string& path) {
    const std::string text = read_file(path);
    const bool csv = path.size() >= 4 && path.substr(path.size() - 4) == ".csv";
    journal_read r = csv ? journal_from_csv(text) : journal_from_json(text);
    for (const auto& p : r.problems) fmt::print(stderr, "taper: warning: {}: {} (left out)\n", path, describe(p));
    return std::move(r.value);
}

std::vector<std::string> words(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> out;
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

dose_record dose_arg(const std::string& text) {
    const auto w = words(text);
    if (w.empty() || w.size() > 3)
        throw input_error("--dose: \"" + text + "\": expected \"AMOUNT [TIME] [taken|missed|late|extra]\", e.g. \"10mg morning\"");
    dose_record d;
    d.amount = mass_option("--dose", w[0]);
    d.time = w.size() >= 2 ? w[1] : "daily";
    if (w.size() == 3) {
        const auto s = dose_status_from_string(w[2]);
        if (!s) throw input_error("--dose: \"" + w[2] + "\": expected taken, missed, late or extra");
        d.status = *s;
    }
    return d;
}

symptom symptom_arg(const std::string& option, const std::string& id) {
    const auto s = symptom_from_id(id);
    if (!s) throw input_error(option + ": \"" + id + "\" is not on the checklist (docs/journal.md lists it)");
    return *s;
}

int rating_arg(const std::string& option, const std::string& text, int max) {
    if (text.size() != 1 || text[0] < '0' || text[0] > '0' + max)
        throw input_error(option + ": \"" + text + "\": expected a whole number from 0 to " + std::to_string(max));
    return text[0] - '0';
}

std::string run_journal_add(const person_args& a) {
    journal j;
    if (std::filesystem::exists(a.file)) j = load_journal(a.file);
    if (!a.drug.empty()) j.drug = a.drug;
    for (const auto& b : a.baseline) {
        const symptom s = symptom_arg("--baseline", b);
        if (!j.in_baseline(s)) j.baseline.push_back(s);
    }
    journal_entry e;
    e.day = a.date.empty() ? local_today() : for_option("--date", [&] { return parse_date(a.date); });
    for (const auto& d : a.doses) e.doses.push_back(dose_arg(d));
    for (const auto& s : a.symptoms) {
        const auto eq = s.find('=');
        if (eq == std::string::npos) throw input_error("--symptom: \"" + s + "\": expected NAME=RATING, e.g. dizziness=2");
        e.ratings.push_back({symptom_arg("--symptom", s.substr(0, eq)), rating_arg("--symptom", s.substr(eq + 1), max_severity)});
    }
    for (const auto& ev : a.events) {
        const auto v = life_event_from_string(ev);
        if (!v) throw input_error("--event: \"" + ev + "\": expected illness, stress, bereavement, poor_sleep, travel, alcohol or other");
        e.events.push_back(*v);
    }
    if (!a.functioning.empty()) e.functioning = rating_arg("--functioning", a.functioning, max_functioning);
    e.note = a.note;
    // One entry per day: a day given again replaces its entry.
    std::erase_if(j.entries, [&](const journal_entry& x) { return x.day == e.day; });
    const auto at = std::find_if(j.entries.begin(), j.entries.end(), [&](const journal_entry& x) { return x.day > e.day; });
    j.entries.insert(at, std::move(e));
    return to_json(j);
}

std::string run_journal_show(const person_args& a) {
    const journal j = load_journal(a.file);
    std::string out = "journal" + (j.drug.empty() ? std::string() : " of " + j.drug) + ": " +
                      std::to_string(j.entries.size()) + " entries\n";
    if (!j.baseline.empty()) {
        out += "original condition:";
        for (auto s : j.baseline) out += " " + std::string(info(s).id);
        out += "\n";
    }
    for (const auto& e : j.entries) {
        out += format_date(e.day);
        if (const auto t = e.taken()) out += "  " + to_string(*t);
        for (const auto& d : e.doses)
            if (d.status != dose_status::taken) out += " (" + d.time + " " + std::string(to_string(d.status)) + ")";
        for (const auto& r : e.ratings) out += "  " + std::string(info(r.what).id) + "=" + std::to_string(r.severity);
        if (e.functioning) out += "  functioning=" + std::to_string(*e.functioning);
        for (auto ev : e.events) out += "  [" + std::string(to_string(ev)) + "]";
        if (!e.note.empty()) out += "  \"" + e.note + "\"";
        out += "\n";
    }
    return out;
}

std::string render_messages(const std::vector<message>& ms, const message_context& c, const char* indent) {
    std::string out;
    for (const auto& m : ms) out += std::string(indent) + (m.level == severity::warning ? "! " : "- ") + text(m, c) + "\n";
    return out;
}

std::string run_assess(const database& db, const strategy_registry& registry, const person_args& a) {
    const built_plan b = build_plan(db, registry, a.plan);
    const journal j = load_journal(a.journal);
    const assessment result = assess(b.plan, j);
    if (a.format == "json") return to_json(result, b.plan);
    const message_context c = context_of(b.plan);
    std::string out;
    if (result.seek_help_now) {
        out += "SEEK HELP NOW\n" + render_messages(result.red_flags, c, "  ");
        if (!result.contacts.empty()) out += "  who can help (phone numbers are as old as their source: check them):\n";
        for (const auto* o : result.contacts) {
            out += "    " + o->name + " (" + o->kind + ", " + o->country + ")";
            if (o->phone) out += ": " + *o->phone;
            if (o->source != nullptr)
                out += " [" + o->source->id + (o->source->published.empty() ? "" : ", " + o->source->published) + "]";
            out += "\n";
        }
        out += "\n";
    }
    if (result.periods.empty()) out += "no dose change in the period the journal covers\n";
    for (const auto& p : result.periods) {
        out += "after the change on " + format_date(p.change) + " (" + to_string(p.from) + " -> " + to_string(p.to) +
               "): " + std::string(to_string(p.result)) + "\n";
        out += render_messages(p.reasons, c, "  ");
        out += render_messages(p.advice, c, "  ");
    }
    out += "\nThis is decision support, not a diagnosis: talk to the person who prescribes your medicine.\n";
    return out;
}

std::string run_replan(const database& db, const strategy_registry& registry, const person_args& a) {
    const auto action = replan_action_from_string(a.action.empty() ? "continue" : a.action);
    if (!action) throw input_error("--action: \"" + a.action + "\": expected continue, hold, go_back, slow_down or resume");
    plan_args exporting = a.plan;
    exporting.format = a.format;
    check_export_options(exporting);
    const built_plan b = build_plan(db, registry, a.plan);
    const journal j = load_journal(a.journal);
    replan_request r;
    r.action = *action;
    r.today = a.today.empty() ? local_today() : for_option("--today", [&] { return parse_date(a.today); });
    if (!a.tolerable.empty()) r.tolerable_for = duration_option("--tolerable", a.tolerable);
    const plan_history h = replan(db, start_history(b.plan), j, *b.strategy, r);
    if (a.format == "json") return to_json(h);
    // The people-facing formats carry the current plan (the latest version); json has them all.
    if (auto document = exported_document(h.current(), exporting)) return *std::move(document);
    return render_messages(h.versions.back().reasons, context_of(h.current()), "") + "\n" +
           render_plan(h.current(), b.how);
}

/// A --drug group's words as a shell would split them: blanks separate words except inside
/// single or double quotes, so that `--split "5mg morning, 5mg night"` stays one word.
std::vector<std::string> group_words(const std::string& group) {
    std::vector<std::string> out;
    std::string word;
    bool in_word = false;
    char quote = 0;
    for (const char ch : group) {
        if (quote != 0) {
            if (ch == quote) quote = 0;
            else word += ch;
        } else if (ch == '"' || ch == '\'') {
            quote = ch;
            in_word = true;
        } else if (ch == ' ' || ch == '\t') {
            if (in_word) out.push_back(std::move(word));
            word.clear();
            in_word = false;
        } else {
            word += ch;
            in_word = true;
        }
    }
    if (quote != 0) throw input_error("--drug \"" + group + "\": a quote (" + std::string(1, quote) + ") is not closed");
    if (in_word) out.push_back(std::move(word));
    return out;
}

}  // namespace

std::string run_several(const database& db, const strategy_registry& registry, const several_args& a) {
    several_drugs_request r;
    r.start = a.start.empty() ? local_today() : for_option("--start", [&] { return parse_date(a.start); });
    if (a.gap.empty()) throw input_error("--gap: the stabilisation gap between drugs is needed (no published figure: you and your prescriber choose it), e.g. --gap 4w");
    r.stabilisation_gap = duration_option("--gap", a.gap);
    for (const auto& group : a.groups) {
        plan_args p;
        CLI::App sub{"--drug"};
        sub.add_option("drug", p.drug)->required();
        sub.add_option("dose", p.dose)->required();
        add_plan_options(sub, p);
        try {
            auto w = group_words(group);
            std::reverse(w.begin(), w.end());
            sub.parse(w);
        } catch (const CLI::ParseError& e) {
            throw input_error("--drug \"" + group + "\": " + e.what());
        }
        p.start = format_date(r.start);
        built_plan b = build_plan(db, registry, p);
        r.courses.push_back({b.request, *b.strategy});
    }
    const several_drugs_plan plan = plan_several(db, r);
    if (a.format == "json") return to_json(plan);
    std::string out;
    message_context c;
    c.texts = plan.drugs;
    for (std::size_t i = 0; i < plan.plans.size(); ++i) {
        const auto& s = plan.plans[i];
        c.drug = s.drug;
        out += std::to_string(i + 1) + ". " + s.drug + ": " + to_string(s.start_dose) + " a day, from " +
               format_date(s.start) + " to " + format_date(s.end()) + ", " + std::to_string(s.steps.size()) + " steps\n";
        for (const auto& n : plan.interactions)
            if (n.reduced == s.drug) {
                message_context nc = c;
                out += "   ! " + text(n.note, nc) + " [" + n.enzyme + ", " + std::string(to_string(n.status)) + "]\n";
            }
    }
    c.drug = "";
    out += "\n" + render_messages(plan.notes, c, "");
    out += "\ncombined calendar\n";
    for (const auto& p : plan.calendar) {
        out += format_date(p.from) + " to " + format_date(p.to - std::chrono::days{1}) + ":";
        for (const auto& l : p.doses) out += "  " + l.drug + " " + to_string(l.amount) + " " + l.time;
        out += "\n";
    }
    return out;
}

std::string run_plan_of_several(const database& db, const strategy_registry& registry, const CLI::App& plan,
                                const several_args& a) {
    if (a.groups.empty()) throw input_error("--drug: at least one \"DRUG DOSE [plan options]\" group is needed");
    // One form or the other: a positional drug beside --drug groups would be a plan of its own
    // that the several-drug plan leaves out, or a group the person forgot to quote.
    for (const char* positional : {"drug", "dose"})
        if (const CLI::Option* o = plan.get_option_no_throw(positional); o != nullptr && o->count() > 0)
            throw input_error("plan: give either DRUG DOSE (one drug) or --drug \"DRUG DOSE [plan options]\" groups "
                              "(several drugs, one at a time), not both; \"" + o->as<std::string>() +
                              "\" was given besides " + std::to_string(a.groups.size()) + " --drug group" +
                              (a.groups.size() == 1 ? "" : "s"));
    // Each drug's plan options belong inside its group; one given outside would apply to no
    // drug, and nothing is skipped in silence.
    for (const CLI::Option* o : plan.get_options()) {
        const std::string name = o->get_name();
        if (o->count() == 0 || name == "--drug" || name == "--gap" || name == "--start" || name == "--format" ||
            name == "--help")
            continue;
        throw input_error(name + ": with --drug, each drug's options go inside its group, e.g. --drug \"citalopram "
                                 "20mg " + name + " ...\" (only --gap, --start and --format table|json apply to all)");
    }
    if (a.format != "table" && a.format != "json")
        throw input_error("--format: the several-drug plan (--drug) is written as table or json, not \"" + a.format +
                          "\"");
    return run_several(db, registry, a);
}

person_commands add_person_commands(CLI::App& app, person_args& a) {
    person_commands c;
    auto* j = app.add_subcommand("journal", "Keep a taper journal: doses taken, symptoms, events (docs/journal.md)");
    j->require_subcommand(1);
    c.journal_add = j->add_subcommand("add", "Add (or replace) one day's entry; prints the journal as JSON");
    c.journal_add->add_option("file", a.file, "The journal (JSON); a new one if it does not exist")->required();
    c.journal_add->add_option("--date", a.date, "The day, YYYY-MM-DD (default: today)");
    c.journal_add->add_option("--drug", a.drug, "The drug being tapered");
    c.journal_add->add_option("--dose", a.doses, "\"AMOUNT [TIME] [taken|missed|late|extra]\" (repeatable)");
    c.journal_add->add_option("--symptom", a.symptoms, "NAME=RATING, 0-3, e.g. dizziness=2 (repeatable)");
    c.journal_add->add_option("--baseline", a.baseline, "A symptom of the original condition (repeatable)");
    c.journal_add->add_option("--event", a.events, "illness, stress, bereavement, poor_sleep, travel, alcohol, other");
    c.journal_add->add_option("--functioning", a.functioning, "0 as usual, 1 a little harder, 2 much harder, 3 unable");
    c.journal_add->add_option("--note", a.note, "Free text");
    c.journal_show = j->add_subcommand("show", "Show a journal, one line per day");
    c.journal_show->add_option("file", a.file, "The journal (JSON or .csv)")->required();
    c.journal_import = j->add_subcommand("import", "Read a journal CSV; prints it as JSON");
    c.journal_import->add_option("file", a.file, "The journal CSV")->required();
    c.journal_export = j->add_subcommand("export", "Write a journal (JSON) as CSV");
    c.journal_export->add_option("file", a.file, "The journal (JSON)")->required();

    c.assess = app.add_subcommand("assess", "Withdrawal, relapse or unclear: the journal against the plan (docs/assessment.md)");
    c.assess->add_option("drug", a.plan.drug, "The plan's drug")->required();
    c.assess->add_option("dose", a.plan.dose, "The plan's starting daily dose")->required();
    add_plan_options(*c.assess, a.plan);
    c.assess->add_option("--journal", a.journal, "The journal (JSON or .csv)")->required();
    c.assess->add_option("-f,--format", a.format, "table (default) or json")->check(CLI::IsMember({"table", "json"}));

    c.replan = app.add_subcommand("replan", "A new plan from today, from the plan and its journal");
    c.replan->add_option("drug", a.plan.drug, "The plan's drug")->required();
    c.replan->add_option("dose", a.plan.dose, "The plan's starting daily dose")->required();
    add_plan_options(*c.replan, a.plan);
    c.replan->add_option("--journal", a.journal, "The journal (JSON or .csv)")->required();
    c.replan->add_option("--action", a.action, "continue (default), hold, go_back, slow_down or resume");
    c.replan->add_option("--today", a.today, "The day the new plan starts (default: today)");
    c.replan->add_option("--tolerable", a.tolerable, "hold, go_back: tolerable this long before the next cut (default 7d)");
    c.replan->add_option("-f,--format", a.format,
                         "table (default), json (every version), or the current plan as ics (calendar), fhir (HL7 FHIR "
                         "R4), svg (chart) or html (printable page)")
        ->check(CLI::IsMember({"table", "json", "ics", "fhir", "svg", "html"}));
    c.replan->add_flag("--reminders", a.plan.reminders,
                       "With --format ics: a daily event per step with a reminder at each dose-time");
    c.replan->add_option("--country", a.plan.country,
                         "With --format html: the person's country (uk, us, hk, or ISO 3166 such as GB) for the page's "
                         "support contacts; default: every country's");

    c.several = app.add_subcommand("several", "Several drugs, one at a time in the order given");
    c.several->add_option("--drug", a.groups, "\"DRUG DOSE [plan options]\", in the order chosen (repeatable)")->required();
    c.several->add_option("--gap", a.gap, "Days on the new doses before the next drug, e.g. 4w")->required();
    c.several->add_option("--start", a.start, "First day, YYYY-MM-DD (default: today)");
    c.several->add_option("-f,--format", a.format, "table (default) or json")->check(CLI::IsMember({"table", "json"}));
    return c;
}

std::string run_person_command(const database& db, const strategy_registry& registry, const person_commands& c,
                               const person_args& a) {
    if (*c.journal_add) return run_journal_add(a);
    if (*c.journal_show) return run_journal_show(a);
    if (*c.journal_import) return to_json(load_journal(a.file));
    if (*c.journal_export) return to_csv(load_journal(a.file));
    if (*c.assess) return run_assess(db, registry, a);
    if (*c.replan) return run_replan(db, registry, a);
    if (*c.several) return run_several(db, registry, several_args{a.groups, a.gap, a.start, a.format});
    return "";
}

}  // namespace taper::cli
