// A journal as JSON and back (io/journal_json.hpp, docs/journal.schema.json). Reading checks
// each entry on its own: an entry with a problem is left out and the problem reported.
#include <taper/io/journal_json.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace taper {
namespace {

using json = nlohmann::ordered_json;

json entry_json(const journal_entry& e) {
    json j;
    j["date"] = format_date(e.day);
    json doses = json::array();
    for (const auto& d : e.doses)
        doses.push_back({{"time", d.time}, {"mg", in(d.amount, units::mg)}, {"status", to_string(d.status)}});
    j["doses"] = std::move(doses);
    json ratings = json::object();
    for (const auto& r : e.ratings) ratings[std::string(info(r.what).id)] = r.severity;
    j["symptoms"] = std::move(ratings);
    if (e.functioning) j["functioning"] = *e.functioning;
    json events = json::array();
    for (auto ev : e.events) events.push_back(to_string(ev));
    j["events"] = std::move(events);
    if (!e.note.empty()) j["note"] = e.note;
    return j;
}

/// Reads one entry; the first problem found leaves it out.
std::optional<journal_entry> read_entry(const json& j, std::size_t index, std::vector<journal_problem>& problems) {
    auto fail = [&](std::string field, std::string input, message_code code) {
        problems.push_back({index, std::move(field), std::move(input), code});
        return std::nullopt;
    };
    if (!j.is_object()) return fail("", j.dump(), message_code::journal_wrong_type);
    journal_entry e;
    if (!j.contains("date") || !j["date"].is_string()) return fail("date", "", message_code::journal_wrong_type);
    try {
        e.day = parse_date(j["date"].get<std::string>());
    } catch (const error&) {
        return fail("date", j["date"].get<std::string>(), message_code::journal_bad_date);
    }
    if (j.contains("doses")) {
        if (!j["doses"].is_array()) return fail("doses", "", message_code::journal_wrong_type);
        for (std::size_t n = 0; n < j["doses"].size(); ++n) {
            const json& d = j["doses"][n];
            const std::string at = "doses[" + std::to_string(n) + "]";
            if (!d.is_object() || !d.contains("mg") || !d["mg"].is_number())
                return fail(at + ".mg", "", message_code::journal_wrong_type);
            dose_record r;
            r.time = d.value("time", std::string("daily"));
            const double mg = d["mg"].get<double>();
            if (mg < 0) return fail(at + ".mg", d["mg"].dump(), message_code::journal_dose_negative);
            r.amount = mg * units::mg;
            const std::string status = d.value("status", std::string("taken"));
            const auto s = dose_status_from_string(status);
            if (!s) return fail(at + ".status", status, message_code::journal_unknown_dose_status);
            r.status = *s;
            e.doses.push_back(std::move(r));
        }
    }
    if (j.contains("symptoms")) {
        if (!j["symptoms"].is_object()) return fail("symptoms", "", message_code::journal_wrong_type);
        for (const auto& [name, value] : j["symptoms"].items()) {
            const auto s = symptom_from_id(name);
            if (!s) return fail("symptoms." + name, name, message_code::journal_unknown_symptom);
            if (!value.is_number_integer()) return fail("symptoms." + name, value.dump(), message_code::journal_wrong_type);
            const int v = value.get<int>();
            if (v < 0 || v > max_severity)
                return fail("symptoms." + name, value.dump(), message_code::journal_severity_out_of_range);
            e.ratings.push_back({*s, v});
        }
    }
    if (j.contains("functioning")) {
        if (!j["functioning"].is_number_integer()) return fail("functioning", "", message_code::journal_wrong_type);
        const int f = j["functioning"].get<int>();
        if (f < 0 || f > max_functioning)
            return fail("functioning", std::to_string(f), message_code::journal_functioning_out_of_range);
        e.functioning = f;
    }
    if (j.contains("events")) {
        if (!j["events"].is_array()) return fail("events", "", message_code::journal_wrong_type);
        for (std::size_t n = 0; n < j["events"].size(); ++n) {
            const json& v = j["events"][n];
            const auto ev = v.is_string() ? life_event_from_string(v.get<std::string>()) : std::nullopt;
            if (!ev) return fail("events[" + std::to_string(n) + "]", v.dump(), message_code::journal_unknown_life_event);
            e.events.push_back(*ev);
        }
    }
    if (j.contains("note")) {
        if (!j["note"].is_string()) return fail("note", "", message_code::journal_wrong_type);
        e.note = j["note"].get<std::string>();
    }
    return e;
}

}  // namespace

std::string to_json(const journal& j) {
    json out;
    out["format"] = "taper-journal";
    out["version"] = 1;
    out["drug"] = j.drug;
    if (!j.country.empty()) out["country"] = j.country;
    json baseline = json::array();
    for (auto s : j.baseline) baseline.push_back(info(s).id);
    out["baseline"] = std::move(baseline);
    json entries = json::array();
    for (const auto& e : j.entries) entries.push_back(entry_json(e));
    out["entries"] = std::move(entries);
    return out.dump(2);
}

journal_read journal_from_json(std::string_view text) {
    json j;
    try {
        j = json::parse(text);
    } catch (const json::parse_error& e) {
        throw journal_error(std::string("the journal is not JSON: ") + e.what(),
                            {error_code::invalid_argument, std::string(text.substr(0, 40)), "a JSON object", "", {}});
    }
    if (!j.is_object())
        throw journal_error("the journal is not a JSON object", {error_code::invalid_argument, "", "a JSON object", "", {}});
    journal_read out;
    if (j.contains("drug")) {
        if (!j["drug"].is_string())
            throw journal_error("the journal's drug is not text", {error_code::invalid_argument, j["drug"].dump(), "a name", "drug", {}});
        out.value.drug = j["drug"].get<std::string>();
    }
    if (j.contains("country") && j["country"].is_string()) out.value.country = j["country"].get<std::string>();
    if (j.contains("baseline")) {
        if (!j["baseline"].is_array())
            throw journal_error("the journal's baseline is not a list", {error_code::invalid_argument, "", "a list of symptom ids", "baseline", {}});
        for (const auto& b : j["baseline"]) {
            const auto s = b.is_string() ? symptom_from_id(b.get<std::string>()) : std::nullopt;
            if (s) out.value.baseline.push_back(*s);
            else out.problems.push_back({journal_problem::whole_journal, "baseline", b.dump(), message_code::journal_unknown_symptom});
        }
    }
    if (j.contains("entries")) {
        if (!j["entries"].is_array())
            throw journal_error("the journal's entries are not a list", {error_code::invalid_argument, "", "a list of entries", "entries", {}});
        for (std::size_t i = 0; i < j["entries"].size(); ++i) {
            auto e = read_entry(j["entries"][i], i, out.problems);
            if (!e) continue;
            // Order and duplicates are checked against the entries kept so far.
            if (!out.value.entries.empty() && e->day <= out.value.entries.back().day) {
                out.problems.push_back({i, "date", format_date(e->day),
                                        e->day == out.value.entries.back().day ? message_code::journal_duplicate_date
                                                                              : message_code::journal_entries_out_of_order});
                continue;
            }
            out.value.entries.push_back(std::move(*e));
        }
    }
    return out;
}

}  // namespace taper
