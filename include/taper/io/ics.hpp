#pragma once
// A plan or a realization as an iCalendar file (RFC 5545), for a person's calendar.
//
//   std::string a = taper::to_ics(plan);                       // one all-day event per step
//   std::string b = taper::to_ics(realization, {.reminders = true});  // + how to take, alarms
//
// One VEVENT per step, all-day (DTSTART;VALUE=DATE), spanning the step, with the daily dose
// and each dose-time's amount (or, for a realization, its recipe) in the description. With
// `reminders` each step is a daily event (RRULE:FREQ=DAILY;COUNT=<days>) with one VALARM per
// dose-time at its clock time, so that the reminder rings every day of the step.
//
// Each step's UID is made of the drug, the plan's start date, the strategy and the step
// number, so importing a changed plan again updates its events instead of adding copies.
// Lines are folded at 75 octets without splitting a UTF-8 character; CRLF line ends; text
// escaped as RFC 5545 §3.3.11 says. docs/output-formats.md has an example.
#include <taper/forms/realize.hpp>
#include <taper/plan/schedule.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace taper {

/// A clock time for a dose-time name ("morning" at 08:00), for reminders.
struct reminder_time {
    std::string dose_time;
    std::chrono::minutes after_midnight{0};
};

/// The clock times used when none are given: morning 08:00, midday/noon/lunchtime 12:00,
/// afternoon 15:00, evening 18:00, night/bedtime 22:00, daily 09:00.
std::vector<reminder_time> default_reminder_times();

struct ics_options {
    /// A daily event per step with one alarm per dose-time (see above).
    bool reminders = false;
    /// Clock times by dose-time name (ASCII case ignored). A dose-time not listed gets no
    /// alarm, and the event's description says so. Empty: default_reminder_times().
    std::vector<reminder_time> reminder_times;
    /// DTSTAMP of every event (when the file was made). Unset: now. Set it for output that
    /// is the same every time (tests, reproducible files).
    std::optional<std::chrono::sys_seconds> stamp;
};

/// The plan's steps as all-day events (the dose lines in each description).
std::string to_ics(const schedule& plan, const ics_options& options = {});

/// The realized steps as all-day events, each description saying how to take each
/// dose-time with the forms on hand.
std::string to_ics(const realized_schedule& realization, const ics_options& options = {});

}  // namespace taper
