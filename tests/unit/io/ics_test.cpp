// iCalendar export (RFC 5545) of the hand-made schedule in outputs_fixture.hpp: dates, UIDs,
// escaping (§3.3.11), folding (§3.1) and alarms, each checked against values worked out by
// hand from the fixture.
#include "outputs_fixture.hpp"

#include <taper/error.hpp>
#include <taper/io/ics.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace {

using namespace std::chrono_literals;
using taper::testing::crlf_lines;
using taper::testing::outputs_sample;

taper::ics_options fixed(bool reminders = false) {
    taper::ics_options o;
    o.reminders = reminders;
    o.stamp = std::chrono::sys_days{std::chrono::year{2026} / 11 / 30} + 12h;
    return o;
}

// RFC 5545 §3.1: a CRLF followed by one space or tab is removed.
std::string unfolded(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 3, "\r\n ") == 0 || text.compare(i, 3, "\r\n\t") == 0) {
            i += 2;
            continue;
        }
        out += text[i];
    }
    return out;
}

std::vector<std::string> with_prefix(const std::vector<std::string>& lines, const std::string& prefix) {
    std::vector<std::string> out;
    for (const auto& l : lines)
        if (l.rfind(prefix, 0) == 0) out.push_back(l.substr(prefix.size()));
    return out;
}

bool valid_utf8(const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n;
    }
    return true;
}

TEST(ExportIcs, OneAllDayEventPerStepSpanningIt) {
    const auto lines = crlf_lines(unfolded(taper::to_ics(outputs_sample(), fixed())));
    EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
    EXPECT_EQ(lines.back(), "END:VCALENDAR");
    EXPECT_EQ(std::count(lines.begin(), lines.end(), "BEGIN:VEVENT"), 3);
    // 28 days from 2026-12-01, then 14, then 7; DTEND is the day after the last (exclusive).
    EXPECT_EQ(with_prefix(lines, "DTSTART;VALUE=DATE:"), (std::vector<std::string>{"20261201", "20261229", "20270112"}));
    EXPECT_EQ(with_prefix(lines, "DTEND;VALUE=DATE:"), (std::vector<std::string>{"20261229", "20270112", "20270119"}));
    EXPECT_EQ(with_prefix(lines, "SUMMARY:"),
              (std::vector<std::string>{"citalopram step 1: 10 mg a day", "citalopram step 2: 10 mg a day (hold)",
                                        "citalopram step 3: stop"}));
    EXPECT_EQ(with_prefix(lines, "DTSTAMP:"), std::vector<std::string>(3, "20261130T120000Z"));
    EXPECT_TRUE(with_prefix(lines, "RRULE:").empty());
    EXPECT_TRUE(with_prefix(lines, "BEGIN:VALARM").empty());
}

TEST(ExportIcs, UidsAreStableAndNameDrugStartStrategyAndStep) {
    const auto sample = outputs_sample();
    const auto uids = with_prefix(crlf_lines(unfolded(taper::to_ics(sample, fixed()))), "UID:");
    EXPECT_EQ(uids, (std::vector<std::string>{"taper-citalopram-20261201-hyperbolic-step-1@taper",
                                              "taper-citalopram-20261201-hyperbolic-step-2@taper",
                                              "taper-citalopram-20261201-hyperbolic-step-3@taper"}));
    // Another export of the same plan, at another time, keeps them (a re-import updates).
    EXPECT_EQ(with_prefix(crlf_lines(unfolded(taper::to_ics(sample))), "UID:"), uids);
    auto other = sample;
    other.strategy = "linear";
    EXPECT_EQ(with_prefix(crlf_lines(unfolded(taper::to_ics(other, fixed()))), "UID:").front(),
              "taper-citalopram-20261201-linear-step-1@taper");
}

TEST(ExportIcs, TextIsEscaped) {
    const std::string ics = unfolded(taper::to_ics(outputs_sample(), fixed()));
    // The note "a, b; c\d ..." with comma, semicolon and backslash escaped; line breaks as \n.
    EXPECT_NE(ics.find("\\nnote: a\\, b\\; c\\\\d <e> & \"f\" 'g' — Übergang ü"), std::string::npos);
    EXPECT_NE(ics.find("\\nmorning: 5 mg\\nnight: 5 mg\\n"), std::string::npos);
    EXPECT_EQ(ics.find("a, b"), std::string::npos);
}

TEST(ExportIcs, LinesAreFoldedAt75OctetsWithoutSplittingACharacter) {
    const std::string ics = taper::to_ics(outputs_sample(), fixed());
    ASSERT_EQ(ics.substr(ics.size() - 2), "\r\n");
    const auto lines = crlf_lines(ics);
    std::size_t continuations = 0;
    for (const auto& l : lines) {
        EXPECT_LE(l.size(), 75u) << l;
        EXPECT_TRUE(valid_utf8(l)) << "a fold split a character: " << l;
        if (!l.empty() && l.front() == ' ') ++continuations;
    }
    EXPECT_GT(continuations, 3u);  // the descriptions are long enough to be folded
    EXPECT_EQ(ics.find('\n'), ics.find("\r\n") + 1);  // no bare LF
}

TEST(ExportIcs, RemindersMakeADailyEventWithAnAlarmPerDoseTime) {
    const auto lines = crlf_lines(unfolded(taper::to_ics(outputs_sample(), fixed(true))));
    EXPECT_EQ(with_prefix(lines, "RRULE:"),
              (std::vector<std::string>{"FREQ=DAILY;COUNT=28", "FREQ=DAILY;COUNT=14", "FREQ=DAILY;COUNT=7"}));
    EXPECT_EQ(with_prefix(lines, "DTEND;VALUE=DATE:"), (std::vector<std::string>{"20261202", "20261230", "20270113"}));
    // Morning at 08:00 and night at 22:00 in steps 1 and 2; nothing to take in the stop step.
    EXPECT_EQ(with_prefix(lines, "TRIGGER;RELATED=START:"), (std::vector<std::string>{"PT8H", "PT22H", "PT8H", "PT22H"}));
    EXPECT_EQ(with_prefix(lines, "ACTION:"), std::vector<std::string>(4, "DISPLAY"));
}

TEST(ExportIcs, ReminderTimesCanBeSetAndAnUnknownOneIsSaid) {
    auto o = fixed(true);
    o.reminder_times = {{"night", 21h + 30min}};
    const std::string ics = unfolded(taper::to_ics(outputs_sample(), o));
    const auto lines = crlf_lines(ics);
    EXPECT_EQ(with_prefix(lines, "TRIGGER;RELATED=START:"), (std::vector<std::string>{"PT21H30M", "PT21H30M"}));
    EXPECT_NE(ics.find("no reminder for \"morning\": no clock time is set for it"), std::string::npos);

    o.reminder_times = {{"night", 24h}};
    EXPECT_THROW((void)taper::to_ics(outputs_sample(), o), taper::invalid_argument_error);
}

TEST(ExportIcs, DefaultReminderTimes) {
    const auto times = taper::default_reminder_times();
    const auto at = [&](const std::string& name) {
        for (const auto& t : times)
            if (t.dose_time == name) return t.after_midnight;
        return std::chrono::minutes{-1};
    };
    EXPECT_EQ(at("morning"), 8h);
    EXPECT_EQ(at("night"), 22h);
    EXPECT_EQ(at("evening"), 18h);
}

}  // namespace
