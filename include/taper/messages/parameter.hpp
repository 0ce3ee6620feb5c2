#pragma once
// One typed parameter of a message: a dose, a share, occupancy points, days, a count or a
// reference (a dose-time of the step, a formulation reason, a guidance rule, a text). Fixed
// size and trivially copyable, so a message never allocates.
#include <taper/units/quantities.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace taper {

enum class parameter_kind : std::uint8_t {
    none = 0,
    dose = 1,           ///< mg of the drug (or of the plan's basis)
    diazepam_dose = 2,  ///< mg diazepam-equivalent
    share = 3,        ///< a share of a dose
    points = 4,         ///< receptor occupancy, or a change in it, in percentage points
    days = 5,
    half_life_hours = 6,
    count = 7,          ///< a whole number: a step number, a row, a roll
    dose_time = 8,      ///< index into the step's dose lines (their time of day)
    whole_unit_reason = 9, ///< why a form must be taken whole (enum whole_unit_reason)
    guidance = 10,      ///< which class guidance on pace (enum pace_guidance)
    text = 11,          ///< index into the plan's strategy texts
    whole_unit_form = 12, ///< what is taken whole (enum whole_unit_form)
    // The person in the loop (numbers 70+, clear of other areas' additions).
    symptom = 70,       ///< index into the journal's checklist (journal/checklist.hpp)
    evidence = 71,      ///< a published source (enum evidence_source, journal/evidence.hpp)
    drug_ref = 72,      ///< index into the names a several-drug plan lists (several/plan.hpp)
    volume_ml = 13,     ///< a volume in mL
    form_on_hand = 14,  ///< index into the realization's forms on hand (realized_schedule::forms)
    drug_form = 15,     ///< index into all_forms() of the plan's drug (a form not on hand)
    drug_name = 16,     ///< index into the realization's drugs (realized_schedule::drugs)
    pk_parameter = 95,  ///< a pharmacokinetic parameter (enum pharmacokinetic_parameter)
};

/// "mass", "percent", ...: stable, used in JSON.
std::string_view id(parameter_kind k) noexcept;

/// Why a formulation cannot be split (the planner's whole-unit checks).
enum class whole_unit_reason : std::uint8_t {
    modified_release = 0,
    enteric_coated = 1,
    not_known_splittable = 2,  ///< a tablet without data saying it may be split
    cannot_split = 3,          ///< a capsule or other unit that is not divided
};

/// What a whole-unit form is, for the advice: a capsule of beads may be opened.
enum class whole_unit_form : std::uint8_t {
    tablet = 0,
    capsule = 1,
    bead_capsule = 2,
};

/// A pharmacokinetic parameter the simulation needs (data/pharmacokinetics.json).
enum class pharmacokinetic_parameter : std::uint8_t {
    half_life = 0,
    time_to_peak = 1,
    metabolite_half_life = 2,
    metabolite_fraction_formed = 3,
    metabolite_relative_potency = 4,
};

/// Which published guidance on pace a warning compares with.
enum class pace_guidance : std::uint8_t {
    benzodiazepines = 0,
    antidepressants = 1,
    antipsychotics = 2,
};

class parameter {
public:
    constexpr parameter() = default;
    parameter(mass m) : kind_(parameter_kind::dose), number_(in(m, units::mg)) {}
    parameter(diazepam_mass m)
        : kind_(parameter_kind::diazepam_dose), number_(in(m, units::diazepam_mg)) {}
    parameter(percent p) : kind_(parameter_kind::share), number_(in(p, units::percent_of_dose)) {}
    parameter(occupancy_points p) : kind_(parameter_kind::points), number_(in(p, units::points)) {}
    parameter(duration d) : kind_(parameter_kind::days), number_(in(d, units::day)) {}
    parameter(hours h) : kind_(parameter_kind::half_life_hours), number_(in(h, units::hour)) {}
    parameter(volume v) : kind_(parameter_kind::volume_ml), number_(in(v, units::mL)) {}
    constexpr parameter(whole_unit_reason r)
        : kind_(parameter_kind::whole_unit_reason), number_(static_cast<double>(r)) {}
    constexpr parameter(pharmacokinetic_parameter k)
        : kind_(parameter_kind::pk_parameter), number_(static_cast<double>(k)) {}
    constexpr parameter(whole_unit_form f)
        : kind_(parameter_kind::whole_unit_form), number_(static_cast<double>(f)) {}
    constexpr parameter(pace_guidance g) : kind_(parameter_kind::guidance), number_(static_cast<double>(g)) {}
    /// A count, a dose-time index or a text index: the kind says which.
    static constexpr parameter whole(parameter_kind k, std::size_t n) {
        parameter p;
        p.kind_ = k;
        p.number_ = static_cast<double>(n);
        return p;
    }
    static constexpr parameter count(std::size_t n) { return whole(parameter_kind::count, n); }
    static constexpr parameter dose_time(std::size_t line) { return whole(parameter_kind::dose_time, line); }
    static constexpr parameter text(std::size_t index) { return whole(parameter_kind::text, index); }
    static constexpr parameter on_hand_form(std::size_t index) { return whole(parameter_kind::form_on_hand, index); }
    static constexpr parameter drug_form(std::size_t index) { return whole(parameter_kind::drug_form, index); }
    static constexpr parameter drug_name(std::size_t index) { return whole(parameter_kind::drug_name, index); }

    constexpr parameter_kind kind() const noexcept { return kind_; }
    /// The number in the kind's own unit (mg, %, points, days, hours, or the index).
    /// For the boundaries (JSON, the C ABI); in C++ use the typed readers.
    constexpr double number() const noexcept { return number_; }

    mass as_mass() const { return number_ * units::mg; }
    diazepam_mass as_diazepam_mass() const { return number_ * units::diazepam_mg; }
    percent as_percent() const { return number_ * units::percent_of_dose; }
    occupancy_points as_points() const { return number_ * units::points; }
    duration as_days() const { return number_ * units::day; }
    hours as_hours() const { return number_ * units::hour; }
    volume as_volume() const { return number_ * units::mL; }
    constexpr std::size_t as_index() const { return static_cast<std::size_t>(number_); }
    constexpr whole_unit_reason as_reason() const { return static_cast<whole_unit_reason>(as_index()); }
    constexpr whole_unit_form as_form() const { return static_cast<whole_unit_form>(as_index()); }
    constexpr pace_guidance as_guidance() const { return static_cast<pace_guidance>(as_index()); }
    constexpr pharmacokinetic_parameter as_pk_parameter() const {
        return static_cast<pharmacokinetic_parameter>(as_index());
    }

    friend constexpr bool operator==(const parameter&, const parameter&) = default;

private:
    parameter_kind kind_ = parameter_kind::none;
    double number_ = 0;
};

}  // namespace taper
