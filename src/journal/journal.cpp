// Journal entries and their checks (journal/entry.hpp, journal.hpp, validate.hpp).
#include <taper/journal/journal.hpp>
#include <taper/journal/validate.hpp>

#include <algorithm>
#include <array>
#include <set>
#include <string>

namespace taper {
namespace {

constexpr std::array<std::string_view, 4> status_names = {"taken", "missed", "late", "extra"};
constexpr std::array<std::string_view, 7> event_names = {"illness", "stress", "bereavement", "poor_sleep",
                                                         "travel", "alcohol", "other"};

}  // namespace

std::string_view to_string(dose_status s) noexcept { return status_names.at(static_cast<std::size_t>(s)); }
std::optional<dose_status> dose_status_from_string(std::string_view s) noexcept {
    for (std::size_t i = 0; i < status_names.size(); ++i)
        if (status_names[i] == s) return static_cast<dose_status>(i);
    return std::nullopt;
}
std::string_view to_string(life_event e) noexcept { return event_names.at(static_cast<std::size_t>(e)); }
std::optional<life_event> life_event_from_string(std::string_view s) noexcept {
    for (std::size_t i = 0; i < event_names.size(); ++i)
        if (event_names[i] == s) return static_cast<life_event>(i);
    return std::nullopt;
}

std::optional<mass> journal_entry::taken() const {
    if (doses.empty()) return std::nullopt;
    mass total = 0.0 * units::mg;
    for (const auto& d : doses)
        if (d.status != dose_status::missed) total += d.amount;
    return total;
}

int journal_entry::rating(symptom s) const {
    int worst = 0;
    for (const auto& r : ratings)
        if (r.what == s) worst = std::max(worst, r.severity);
    return worst;
}

bool journal::in_baseline(symptom s) const { return std::find(baseline.begin(), baseline.end(), s) != baseline.end(); }

const journal_entry* journal::on(date day) const {
    const auto it = std::find_if(entries.begin(), entries.end(), [&](const journal_entry& e) { return e.day == day; });
    return it == entries.end() ? nullptr : &*it;
}

std::vector<journal_problem> validate(const journal& j) {
    std::vector<journal_problem> out;
    for (std::size_t i = 0; i < j.entries.size(); ++i) {
        const auto& e = j.entries[i];
        if (i > 0 && e.day == j.entries[i - 1].day)
            out.push_back({i, "date", format_date(e.day), message_code::journal_duplicate_date});
        else if (i > 0 && e.day < j.entries[i - 1].day)
            out.push_back({i, "date", format_date(e.day), message_code::journal_entries_out_of_order});
        for (std::size_t d = 0; d < e.doses.size(); ++d)
            if (in(e.doses[d].amount, units::mg) < 0)
                out.push_back({i, "doses[" + std::to_string(d) + "].amount", "", message_code::journal_dose_negative});
        for (std::size_t r = 0; r < e.ratings.size(); ++r)
            if (e.ratings[r].severity < 0 || e.ratings[r].severity > max_severity)
                out.push_back({i, "ratings[" + std::to_string(r) + "].severity", std::to_string(e.ratings[r].severity),
                               message_code::journal_severity_out_of_range});
        if (e.functioning && (*e.functioning < 0 || *e.functioning > max_functioning))
            out.push_back({i, "functioning", std::to_string(*e.functioning),
                           message_code::journal_functioning_out_of_range});
    }
    return out;
}

std::string describe(const journal_problem& p) {
    std::string where = p.entry == journal_problem::whole_journal ? std::string("journal")
                                                                  : "entry " + std::to_string(p.entry + 1);
    if (!p.field.empty()) where += ", field " + p.field;
    std::string what;
    switch (p.code) {
        case message_code::journal_bad_date: what = "not a date (expected YYYY-MM-DD)"; break;
        case message_code::journal_entries_out_of_order: what = "earlier than the entry before it"; break;
        case message_code::journal_unknown_symptom: what = "not a symptom of the checklist (docs/journal.md)"; break;
        case message_code::journal_severity_out_of_range: what = "not a severity (0-3)"; break;
        case message_code::journal_dose_negative: what = "a negative dose"; break;
        case message_code::journal_unknown_dose_status: what = "not a dose status (taken, missed, late, extra)"; break;
        case message_code::journal_functioning_out_of_range: what = "not a functioning rating (0-3)"; break;
        case message_code::journal_unknown_life_event: what = "not a life event (docs/journal.md)"; break;
        case message_code::journal_wrong_type: what = "missing or of the wrong type"; break;
        case message_code::journal_duplicate_date: what = "a second entry for the same day"; break;
        default: what = std::string(id(p.code)); break;
    }
    return where + ": " + (p.input.empty() ? std::string() : "'" + p.input + "' is ") + what;
}

}  // namespace taper
