#pragma once
// The realization engine (not public API): precomputed tables for one set of forms on hand,
// and the search for the best way to take one dose. realize() and realize_dose() in
// realize.cpp are built on it; docs/realization.md describes the objective and the tables.
#include <taper/forms/realize.hpp>
#include "realizer_text.hpp"

#include <taper/units/access.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace taper::forms_detail {

using form_mask = std::uint64_t;  // one bit per formulation (drug + formulation id)

/// The shared rules for amounts (src/detail/number_text.hpp), under the short names the
/// realization's arithmetic uses: the slack of a comparison, and an amount without float noise.
inline double eps_of(double x) { return detail::rounding_slack(x); }
inline double round9(double x) { return detail::without_float_noise(x); }

/// One product, in the numbers the search needs (all in tablet-equivalent mg).
struct product {
    const available_form* source = nullptr;
    int slot = 0;              // formulation bit
    bool solid = false;        // tablets, capsules, capsules of beads (whole units)
    bool syringe = false;      // liquid measured on the syringe (also drops of unknown size)
    bool counted_drops = false;
    bool counted_beads = false;
    bool dilutable = false;    // dispersible tablet
    double unit_eq = 0;        // solids: per whole unit
    double per_ml_eq = 0;      // liquids
    double drop_eq = 0;        // per drop
    double bead_eq = 0;        // per bead
    int bead_count = 0;
};

/// A solid piece: a whole, half or quarter unit of one product.
struct piece_type {
    int product = 0;
    int denominator = 1;       // 1 whole, 2 half, 4 quarter
    std::int64_t steps = 0;    // size in grid steps
    double exact = 0;          // size in mg (tablet-equivalent)
};

/// Fewest pieces for every amount on a grid (the gcd of the piece sizes), for one set of
/// solid formulations: a coin-change DP, computed once and reused for every dose.
struct solid_table {
    double step_mg = 0;
    std::vector<piece_type> types;
    std::vector<std::uint8_t> pieces;  // 255 = cannot be made within max_pieces
    std::vector<std::uint8_t> splits;
    std::vector<std::uint8_t> last;    // the piece type added last
    std::vector<double> exact;         // exact amount (sum of the exact piece sizes)
    std::vector<form_mask> masks;      // the formulations the pieces come from
    std::size_t size() const { return pieces.size(); }
    bool reachable(std::size_t i) const { return pieces[i] != 255; }
};

/// A top-up: an amount measured in small steps (mL on the syringe grid, drops, beads, or
/// mL of a dilution).
struct topup_kind {
    int product = 0;
    dose_component::kind what = dose_component::kind::liquid_volume;
    double unit_eq = 0;        // mg per step
    int k_min = 1;
    int k_max = 1;
    int water = -1;            // dilution: index into the water volumes
    int base_cost = 1;         // cost without the syringe fills
    bool fills = false;        // cost grows with syringe fills
    double step_volume = 0;    // mL per step (syringe kinds)
};

/// The amount (mg, tablet-equivalent) of `k` steps of a top-up of product `p`, without the
/// float noise of the multiplication (the search and the recipe must agree to the last bit).
inline double topup_amount(const topup_kind& t, const product& p, int k) {
    switch (t.what) {
        case dose_component::kind::liquid_volume:
            return detail::without_float_noise(detail::without_float_noise(k * t.step_volume) * p.per_ml_eq);
        case dose_component::kind::dilution:
            return detail::without_float_noise(detail::without_float_noise(k * t.step_volume) * t.unit_eq /
                                               t.step_volume);
        default: return detail::without_float_noise(k * t.unit_eq);
    }
}

/// Syringe fills needed for `volume_ml` when one fill holds at most `max_volume_ml`.
inline int fills_for(double volume_ml, double max_volume_ml) {
    return std::max(1, static_cast<int>(std::ceil(volume_ml / max_volume_ml - 1e-9)));
}

struct choice {
    double realized = 0;
    double error = 0;
    int cost = 0;              // pieces + measurements
    form_mask mask = 0;
    int splits = 0;
    const solid_table* table = nullptr;
    std::size_t solid_index = 0;
    int topup = -1;            // index into topups
    int k = 0;
};

/// The running state of one search (src/forms/realizer_search.cpp).
struct search_state;

/// The drug's liquids and dispersible tablets that are not among `have` (the same formulation
/// id and label), as indexes into all_forms(d): what off-target warnings suggest. Defined in
/// on_hand.cpp.
std::vector<std::size_t> fine_forms_not_on_hand(const drug& d, const std::vector<const available_form*>& have);

class engine {
public:
    /// Validates forms and options (plan_error). `largest_dose` bounds the tables. The engine
    /// uses the forms of `on_hand` at `indexes` (all of them without), in that order, and
    /// points into `on_hand` instead of copying it: `on_hand` must outlive the engine.
    engine(const std::vector<available_form>& on_hand, const std::vector<std::size_t>& indexes,
           const realization_options& options, double largest_dose);
    engine(const std::vector<available_form>& on_hand, const realization_options& options, double largest_dose);

    /// The best choice for `goal` (mg) whose amount lies in [lo, hi], by the objective;
    /// `in_use` is the set of formulations already in use. nullopt: nothing in the window.
    std::optional<choice> best(double goal, double lo, double hi, form_mask in_use) const;
    /// The best choice made only with the formulations of `allowed` (a change of form at a
    /// constant dose, src/forms/realize_release.cpp); nullopt: nothing in the window.
    std::optional<choice> best_among(double goal, double lo, double hi, form_mask allowed) const;

    /// The recipe for a choice, with warnings when it is off target; `line` is the dose line
    /// of the step it is for (the messages' dose_time).
    dose_recipe recipe(const choice& c, double goal, std::size_t line = 0) const;
    /// The same, written into `r` (a new recipe, already where it is kept: not moved there).
    void recipe_into(dose_recipe& r, const choice& c, double goal, std::size_t line = 0) const;

    bool within_tolerance(double realized, double goal) const;
    double tolerance(double goal) const;
    form_mask all() const { return all_; }
    form_mask solids() const { return solid_mask_; }
    const std::vector<product>& products() const { return products_; }
    /// This engine's forms (its drug's, in the order given), in the forms on hand as given.
    const std::vector<const available_form*>& forms() const { return forms_; }
    int slot_count() const { return static_cast<int>(slot_forms_.size()); }
    /// A product of this slot (the first), for labels and provenance.
    const available_form& slot_form(int slot) const { return *forms_[static_cast<std::size_t>(slot_forms_[static_cast<std::size_t>(slot)])]; }
    /// Off-target warnings also name this drug's liquids and dispersible tablets that are
    /// not on hand ("citalopram also comes as 40 mg/mL drops (not on hand)"); worked out
    /// only when a warning needs it.
    void suggest_from(const drug& d) { suggest_from_ = &d; }
    /// The index in the forms on hand as given of one of forms() (form_on_hand parameters).
    std::size_t origin_of(const available_form* f) const { return static_cast<std::size_t>(f - on_hand_); }

private:
    void add_product(const available_form& f, std::size_t index);
    void add_topups();
    const solid_table* table_for(form_mask solids) const;
    void scan_solids(const solid_table& table, double goal, search_state& s) const;
    void scan_topup(std::size_t topup, const solid_table* table, double goal, double lo, double hi,
                    search_state& s) const;
    void add_solid_parts(const choice& c, dose_recipe& r) const;
    void add_topup_part(const choice& c, dose_recipe& r) const;
    void add_off_target_warning(dose_recipe& r, double realized, double goal, std::size_t line) const;
    std::optional<choice> search(double goal, double lo, double hi, form_mask allowed, form_mask in_use) const;
    /// Every candidate within `band` mg of the best one, into pool_.
    void collect(double goal, double lo, double hi, form_mask allowed, double band) const;
    /// Of pool_, the best by closeness (within the tie band of the closest), then the key;
    /// with `practical_only`, of the practical ones no further than `max_error` mg (or none).
    const choice* pick(double goal, form_mask in_use, bool practical_only, double max_error) const;
    bool impractical(const choice& c) const;
    void add_off_target_hints(dose_recipe& r, double goal) const;

    const available_form* on_hand_ = nullptr;  // the forms on hand as given (not owned)
    std::vector<const available_form*> forms_;
    realization_options options_;
    std::vector<product> products_;
    std::vector<topup_kind> topups_;
    std::vector<int> slot_forms_;          // slot -> first product
    std::vector<double> water_;            // dilution volumes, mL
    form_mask all_ = 0;
    form_mask solid_mask_ = 0;
    double table_limit_ = 0;
    double largest_piece_ = 0;
    const drug* suggest_from_ = nullptr;
    /// The drug's fine forms not on hand (indexes into all_forms), worked out once when needed.
    mutable std::optional<std::vector<std::size_t>> suggestion_;
    mutable std::map<form_mask, std::unique_ptr<solid_table>> tables_;
    mutable std::vector<choice> pool_;
};

}  // namespace taper::forms_detail
