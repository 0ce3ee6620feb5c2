// A journal as CSV, one fact per row (io/journal_csv.hpp). Rows are grouped by date; a bad row
// drops its day's entry and reports the problem, naming the entry and the field.
#include <taper/io/journal_csv.hpp>

#include <taper/units/io.hpp>

#include <charconv>
#include <map>
#include <sstream>

namespace taper {
namespace {

std::string quoted(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

/// The fields of one CSV record; quoted fields may hold commas, quotes and newlines.
std::vector<std::vector<std::string>> records(std::string_view text) {
    std::vector<std::vector<std::string>> out;
    std::vector<std::string> row;
    std::string field;
    bool quoted_field = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted_field) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') { field += '"'; ++i; }
            else if (c == '"') quoted_field = false;
            else field += c;
        } else if (c == '"') quoted_field = true;
        else if (c == ',') { row.push_back(std::move(field)); field.clear(); }
        else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            row.push_back(std::move(field));
            field.clear();
            if (!(row.size() == 1 && row[0].empty())) out.push_back(std::move(row));
            row.clear();
        } else field += c;
    }
    if (!field.empty() || !row.empty()) {
        row.push_back(std::move(field));
        out.push_back(std::move(row));
    }
    return out;
}

std::optional<double> number(const std::string& s) {
    double v = 0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
    return v;
}

std::optional<int> whole_number(const std::string& s) {
    int v = 0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
    return v;
}

}  // namespace

std::string to_csv(const journal& j) {
    std::ostringstream out;
    out << "date,kind,key,value,status\n";
    if (!j.drug.empty()) out << ",drug," << quoted(j.drug) << ",,\n";
    if (!j.country.empty()) out << ",country," << quoted(j.country) << ",,\n";
    for (auto s : j.baseline) out << ",baseline," << info(s).id << ",,\n";
    for (const auto& e : j.entries) {
        const std::string day = format_date(e.day);
        for (const auto& d : e.doses)
            out << day << ",dose," << quoted(d.time) << ',' << format_number(in(d.amount, units::mg)) << ','
                << to_string(d.status) << '\n';
        for (const auto& r : e.ratings) out << day << ",symptom," << info(r.what).id << ',' << r.severity << ",\n";
        if (e.functioning) out << day << ",functioning,," << *e.functioning << ",\n";
        for (auto ev : e.events) out << day << ",event," << to_string(ev) << ",,\n";
        if (!e.note.empty()) out << day << ",note,," << quoted(e.note) << ",\n";
    }
    return out.str();
}

journal_read journal_from_csv(std::string_view text) {
    journal_read out;
    auto rows = records(text);
    if (rows.empty() || rows[0].size() < 4 || rows[0][0] != "date" || rows[0][1] != "kind")
        throw journal_error("the journal CSV does not start with the header date,kind,key,value,status",
                            {error_code::invalid_argument, rows.empty() ? "" : (rows[0].empty() ? "" : rows[0][0]),
                             "date,kind,key,value,status", "header", {}});
    std::map<std::string, journal_entry> days;       // by ISO date: sorts in date order
    std::map<std::string, std::size_t> entry_index;  // first row of each day, for problems
    std::map<std::string, bool> bad;
    for (std::size_t n = 1; n < rows.size(); ++n) {
        auto r = rows[n];
        r.resize(5);
        const std::string& day = r[0];
        const std::string& kind = r[1];
        const std::string field = "row " + std::to_string(n + 1) + " (" + kind + ")";
        if (day.empty()) {  // journal-wide rows
            if (kind == "drug") out.value.drug = r[2];
            else if (kind == "country") out.value.country = r[2];
            else if (kind == "baseline") {
                if (const auto s = symptom_from_id(r[2])) out.value.baseline.push_back(*s);
                else out.problems.push_back({journal_problem::whole_journal, field, r[2], message_code::journal_unknown_symptom});
            } else out.problems.push_back({journal_problem::whole_journal, field, kind, message_code::journal_wrong_type});
            continue;
        }
        auto problem = [&](std::string input, message_code code) {
            if (!entry_index.count(day)) entry_index[day] = entry_index.size();
            out.problems.push_back({entry_index[day], field, std::move(input), code});
            bad[day] = true;
        };
        date d{};
        try {
            d = parse_date(day);
        } catch (const error&) {
            out.problems.push_back({journal_problem::whole_journal, field, day, message_code::journal_bad_date});
            continue;
        }
        if (!entry_index.count(day)) entry_index[day] = entry_index.size();
        journal_entry& e = days[day];
        e.day = d;
        if (kind == "dose") {
            const auto mg = number(r[3]);
            const auto status = r[4].empty() ? std::optional<dose_status>(dose_status::taken) : dose_status_from_string(r[4]);
            if (!mg) problem(r[3], message_code::journal_wrong_type);
            else if (*mg < 0) problem(r[3], message_code::journal_dose_negative);
            else if (!status) problem(r[4], message_code::journal_unknown_dose_status);
            else e.doses.push_back({r[2].empty() ? std::string("daily") : r[2], *mg * units::mg, *status});
        } else if (kind == "symptom") {
            const auto s = symptom_from_id(r[2]);
            const auto v = whole_number(r[3]);
            if (!s) problem(r[2], message_code::journal_unknown_symptom);
            else if (!v) problem(r[3], message_code::journal_wrong_type);
            else if (*v < 0 || *v > max_severity) problem(r[3], message_code::journal_severity_out_of_range);
            else e.ratings.push_back({*s, *v});
        } else if (kind == "functioning") {
            const auto v = whole_number(r[3]);
            if (!v) problem(r[3], message_code::journal_wrong_type);
            else if (*v < 0 || *v > max_functioning) problem(r[3], message_code::journal_functioning_out_of_range);
            else e.functioning = *v;
        } else if (kind == "event") {
            if (const auto ev = life_event_from_string(r[2])) e.events.push_back(*ev);
            else problem(r[2], message_code::journal_unknown_life_event);
        } else if (kind == "note") {
            e.note += (e.note.empty() ? "" : "\n") + r[3];
        } else {
            problem(kind, message_code::journal_wrong_type);
        }
    }
    for (auto& [day, e] : days)
        if (!bad[day]) out.value.entries.push_back(std::move(e));
    return out;
}

}  // namespace taper
