#pragma once
// One day of a journal: the doses actually taken (per dose time: taken, missed, late or
// extra), symptom ratings on the checklist, day-to-day functioning, life events and free text.
#include <taper/journal/checklist.hpp>
#include <taper/plan/calendar.hpp>
#include <taper/units/quantities.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taper {

enum class dose_status : std::uint8_t {
    taken = 0,   ///< as planned
    missed = 1,  ///< not taken (amount: what was planned)
    late = 2,    ///< taken, hours late
    extra = 3,   ///< an extra dose, beyond the plan
};
std::string_view to_string(dose_status s) noexcept;
std::optional<dose_status> dose_status_from_string(std::string_view s) noexcept;

enum class life_event : std::uint8_t { illness = 0, stress = 1, bereavement = 2, poor_sleep = 3, travel = 4, alcohol = 5, other = 6 };
std::string_view to_string(life_event e) noexcept;
std::optional<life_event> life_event_from_string(std::string_view s) noexcept;

struct dose_record {
    std::string time;   ///< the dose-time ("morning"), "daily" when not split
    mass amount;        ///< of the drug; for a missed dose, what was planned
    dose_status status = dose_status::taken;
    friend bool operator==(const dose_record&, const dose_record&) = default;
};

struct symptom_rating {
    symptom what{};
    int severity = 0;  ///< 0-3
    friend bool operator==(const symptom_rating&, const symptom_rating&) = default;
};

struct journal_entry {
    date day{};
    std::vector<dose_record> doses;       ///< empty: not recorded (the plan's dose is assumed)
    std::vector<symptom_rating> ratings;  ///< unrated symptoms count as 0
    std::optional<int> functioning;       ///< 0 as usual ... 3 unable to do usual activities
    std::vector<life_event> events;
    std::string note;

    /// What was taken that day (taken, late and extra doses); nullopt when no dose was recorded.
    std::optional<mass> taken() const;
    /// The rating of `s` (0 when not rated).
    int rating(symptom s) const;
    friend bool operator==(const journal_entry&, const journal_entry&) = default;
};

}  // namespace taper
