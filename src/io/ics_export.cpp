// A plan or a realization as iCalendar (RFC 5545): see include/taper/io/ics.hpp.
#include <taper/io/ics.hpp>

#include "output_detail.hpp"
#include "../detail/text.hpp"

#include <taper/error.hpp>
#include <taper/forms/instruction.hpp>
#include <taper/io/format.hpp>
#include <taper/messages/text.hpp>
#include <taper/version.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>

namespace taper {
namespace {

using namespace std::chrono_literals;

// RFC 5545 §3.3.11: backslash, semicolon and comma are escaped, a line break is "\n".
std::string escaped(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\\' || c == ';' || c == ',') {
            out += '\\';
            out += c;
        } else if (c == '\r') {
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
            out += "\\n";
        } else if (c == '\n') {
            out += "\\n";
        } else if (static_cast<unsigned char>(c) >= 0x20 || c == '\t') {
            out += c;  // other control characters are not allowed in TEXT
        }
    }
    return out;
}

// RFC 5545 §3.1: lines longer than 75 octets are folded (CRLF and one space); a fold never
// falls inside a UTF-8 character (the octets of one start with 0b10xxxxxx after the first).
void add_line(std::string& out, std::string_view line) {
    constexpr std::size_t limit = 75;
    std::size_t begin = 0;
    bool first = true;
    while (begin < line.size()) {
        const std::size_t room = first ? limit : limit - 1;  // a continuation starts with a space
        std::size_t end = std::min(line.size(), begin + room);
        if (end < line.size())
            while (end > begin + 1 && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) --end;
        if (!first) out += ' ';
        out.append(line.substr(begin, end - begin));
        out += "\r\n";
        begin = end;
        first = false;
    }
    if (line.empty()) out += "\r\n";
}

std::string compact_date(date d) {
    std::string iso = format_date(d);
    iso.erase(std::remove(iso.begin(), iso.end(), '-'), iso.end());
    return iso;
}

std::string utc_stamp(std::chrono::sys_seconds t) {
    const auto day = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::hh_mm_ss clock{t - day};
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "T%02d%02d%02dZ", static_cast<int>(clock.hours().count()),
                  static_cast<int>(clock.minutes().count()), static_cast<int>(clock.seconds().count()));
    return compact_date(day) + buffer;
}

// "citalopram" -> "citalopram"; anything but [a-z0-9] becomes '-', so the UID is plain ASCII.
std::string uid_part(std::string_view text) {
    std::string out;
    for (char c : detail::ascii_lower(text)) out += (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '-';
    return out;
}

// Stable across exports of the same plan, different for another drug, start or strategy.
std::string uid_of(const schedule& plan, const step& st) {
    return "taper-" + uid_part(plan.drug) + "-" + compact_date(plan.start) + "-" + uid_part(plan.strategy) +
           "-step-" + std::to_string(st.number) + "@taper";
}

std::optional<std::chrono::minutes> clock_time(const ics_options& o, std::string_view dose_time) {
    const std::vector<reminder_time> defaults = o.reminder_times.empty() ? default_reminder_times() : o.reminder_times;
    for (const auto& r : defaults)
        if (detail::equals_ignoring_case(detail::trim(r.dose_time), detail::trim(dose_time))) return r.after_midnight;
    return std::nullopt;
}

// "PT8H", "PT22H30M": a duration from the start of the (all-day) event's day.
std::string trigger_of(std::chrono::minutes m) {
    const long hours = static_cast<long>(m.count() / 60), minutes = static_cast<long>(m.count() % 60);
    std::string out = "PT";
    if (hours > 0 || minutes == 0) out += std::to_string(hours) + "H";
    if (minutes > 0) out += std::to_string(minutes) + "M";
    return out;
}

/// What one dose-time of a step says: "morning: 5 mg" or, realized, its recipe.
struct dose_entry {
    std::string time;
    std::string text;
    bool nothing_to_take = false;
};

struct event_input {
    const step* planned = nullptr;
    std::vector<dose_entry> entries;
    std::vector<std::string> notes;
    std::vector<std::string> warnings;
};

std::vector<dose_entry> planned_entries(const schedule& plan, const step& st) {
    std::vector<dose_entry> out;
    const bool named = std::any_of(st.doses.begin(), st.doses.end(), [&](const dose_line& l) { return l.drug != plan.drug; });
    for (const auto& l : st.doses)
        out.push_back({l.time, (named ? l.drug + " " : std::string()) + detail::mg_text(l.amount), l.amount.value() <= 0});
    return out;
}

std::string calendar(const schedule& plan, const std::vector<event_input>& events, const ics_options& o) {
    const std::chrono::sys_seconds stamp =
        o.stamp ? *o.stamp : std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    std::string out;
    add_line(out, "BEGIN:VCALENDAR");
    add_line(out, "VERSION:2.0");
    add_line(out, std::string("PRODID:-//taper//taper ") + TAPER_VERSION_STRING + "//EN");
    add_line(out, "CALSCALE:GREGORIAN");
    add_line(out, "METHOD:PUBLISH");
    add_line(out, "X-WR-CALNAME:" + escaped(plan.drug + " taper"));
    for (const auto& e : events) {
        const step& st = *e.planned;
        const long days = std::max(1L, days_between(st.start, st.end()));
        std::string description = detail::step_summary(plan, st) + "\n" + format_date(st.start) + " to " +
                                  format_date(st.end() - std::chrono::days{1}) + " (" + std::to_string(days) +
                                  (days == 1 ? " day)" : " days)");
        for (const auto& d : e.entries) description += "\n" + d.time + ": " + d.text;
        for (const auto& n : e.notes) description += "\nnote: " + n;
        for (const auto& w : e.warnings) description += "\nwarning: " + w;
        std::vector<const dose_entry*> unalarmed;
        if (o.reminders)
            for (const auto& d : e.entries)
                if (!d.nothing_to_take && !clock_time(o, d.time)) unalarmed.push_back(&d);
        for (const auto* d : unalarmed) description += "\nno reminder for \"" + d->time + "\": no clock time is set for it";
        description += std::string("\n\n") + schedule_disclaimer;

        add_line(out, "BEGIN:VEVENT");
        add_line(out, "UID:" + uid_of(plan, st));
        add_line(out, "DTSTAMP:" + utc_stamp(stamp));
        add_line(out, "DTSTART;VALUE=DATE:" + compact_date(st.start));
        if (o.reminders) {
            add_line(out, "DTEND;VALUE=DATE:" + compact_date(st.start + std::chrono::days{1}));
            add_line(out, "RRULE:FREQ=DAILY;COUNT=" + std::to_string(days));
        } else {
            add_line(out, "DTEND;VALUE=DATE:" + compact_date(st.start + std::chrono::days{days}));
        }
        add_line(out, "SUMMARY:" + escaped(plan.drug + " " + detail::step_summary(plan, st)));
        add_line(out, "DESCRIPTION:" + escaped(description));
        add_line(out, "TRANSP:TRANSPARENT");
        add_line(out, "CATEGORIES:" + escaped("taper"));
        if (o.reminders)
            for (const auto& d : e.entries) {
                if (d.nothing_to_take) continue;
                const auto at = clock_time(o, d.time);
                if (!at) continue;
                add_line(out, "BEGIN:VALARM");
                add_line(out, "ACTION:DISPLAY");
                add_line(out, "DESCRIPTION:" + escaped(plan.drug + ", " + d.time + ": " + d.text));
                add_line(out, "TRIGGER;RELATED=START:" + trigger_of(*at));
                add_line(out, "END:VALARM");
            }
        add_line(out, "END:VEVENT");
    }
    add_line(out, "END:VCALENDAR");
    return out;
}

void check_options(const ics_options& o) {
    for (const auto& r : o.reminder_times)
        if (r.after_midnight < 0min || r.after_midnight >= 24h)
            throw invalid_argument_error(
                "iCalendar export: the reminder time of \"" + r.dose_time + "\" is not a time of day",
                error_detail{error_code::invalid_argument, r.dose_time, "a clock time from 00:00 to 23:59", "reminder_times", {}});
}

}  // namespace

std::vector<reminder_time> default_reminder_times() {
    return {{"morning", 8h},     {"midday", 12h},  {"noon", 12h},    {"lunchtime", 12h}, {"afternoon", 15h},
            {"evening", 18h},    {"night", 22h},   {"bedtime", 22h}, {"daily", 9h}};
}

std::string to_ics(const schedule& plan, const ics_options& options) {
    check_options(options);
    std::vector<event_input> events;
    for (const auto& st : plan.steps) {
        const message_context context = context_of(plan, &st);
        event_input e{&st, planned_entries(plan, st), {}, {}};
        for (const auto& m : st.messages) (m.level == severity::warning ? e.warnings : e.notes).push_back(text(m, context));
        events.push_back(std::move(e));
    }
    return calendar(plan, events, options);
}

std::string to_ics(const realized_schedule& realization, const ics_options& options) {
    check_options(options);
    const schedule plan = detail::realized_plan(realization);
    std::vector<event_input> events;
    for (std::size_t i = 0; i < realization.steps.size(); ++i) {
        const realized_step& rs = realization.steps[i];
        const step& st = plan.steps[i];
        const message_context context = context_of(plan, &st);
        event_input e{&st, {}, {}, {}};
        // Realization's own messages (rounding, inserted steps, re-checks on the doses as taken).
        const message_context realized_context = context_of(realization, &rs);
        for (const auto& m : rs.messages)
            (m.level == severity::warning ? e.warnings : e.notes).push_back(text(m, realized_context));
        for (const auto& m : st.messages) (m.level == severity::warning ? e.warnings : e.notes).push_back(text(m, context));
        if (rs.recipes.empty()) e.entries = planned_entries(plan, st);
        for (const auto& r : rs.recipes)
            e.entries.push_back({r.time, (r.drug != plan.drug ? r.drug + ": " : std::string()) + instruction_text(realization, r),
                                 r.target.value() <= 0 && r.realized.value() <= 0});
        events.push_back(std::move(e));
    }
    return calendar(plan, events, options);
}

}  // namespace taper
