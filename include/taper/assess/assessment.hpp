#pragma once
// Withdrawal, relapse or unclear: decision support for the period after each dose change,
// never a diagnosis. The features published guidance weighs (Horowitz & Taylor 2022; NICE
// NG222 1.4.14-1.4.22; the Ashton Manual for benzodiazepines) are each a coded reason with its
// source; red flags (suicidal thoughts, self-harm, seizures, mania or psychosis, severe
// akathisia, confusion) say "seek help now" whatever else is true. docs/assessment.md.
#include <taper/drugs/support.hpp>
#include <taper/journal/journal.hpp>
#include <taper/messages/message.hpp>
#include <taper/plan/schedule.hpp>

#include <optional>
#include <vector>

namespace taper {

enum class verdict : std::uint8_t {
    no_troubling_symptoms = 0,
    consistent_with_withdrawal = 1,
    consistent_with_relapse = 2,
    unclear = 3,
};
std::string_view to_string(verdict v) noexcept;

/// The rules' thresholds, each from docs/assessment.md (sources there).
struct assessment_rules {
    duration soon_after_cut = 7.0 * units::day;       ///< "within a few days" (NG222 1.4.15)
    duration long_after_cut = 28.0 * units::day;      ///< weeks to months later (Horowitz & Taylor 2022)
    duration eased_within = 7.0 * units::day;         ///< quick improvement on reinstatement
    duration gradual_over = 14.0 * units::day;        ///< a build-up at least this long
    duration tolerable_for = 7.0 * units::day;        ///< hold until tolerable this long (NG222 1.4.17, 1.4.19)
    int troubling_severity = 2;                       ///< moderate or worse counts as an onset
};

/// One change of dose and what followed it, up to the next change.
struct period_assessment {
    date change{};          ///< the day the lower dose was first taken
    mass from;              ///< the daily dose before
    mass to;                ///< the daily dose after
    std::optional<date> onset;  ///< first day rated moderate or worse
    verdict result = verdict::no_troubling_symptoms;
    std::vector<message> reasons;          ///< features found, each with its source
    std::vector<message> advice;           ///< what the person could do, with their prescriber
};

struct assessment {
    bool seek_help_now = false;
    std::vector<message> red_flags;        ///< red_flag_seek_help_now per symptom, then who to contact
    /// With a red flag: who the person could contact now, from the support directory passed to
    /// assess (it must outlive the assessment; the embedded one always does): those for the
    /// plan's drug in the journal's country, then online ones; every country's when the
    /// journal names none. Empty without a red flag.
    std::vector<const support_organisation*> contacts;
    std::vector<period_assessment> periods;  ///< one per cut the journal covers, oldest first
    verdict latest = verdict::no_troubling_symptoms;
};

/// Assesses `j` against `plan` (the plan supplies the doses of days without a dose record).
/// `support` lists the contacts of a red flag.
assessment assess(const schedule& plan, const journal& j, const assessment_rules& rules = {},
                  const support_directory& support = support_directory::embedded());

}  // namespace taper
