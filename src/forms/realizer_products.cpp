// Setting up the realization engine: the options and forms checked (plan_error), each
// product in tablet-equivalent mg, and the top-ups (the syringe's grid for liquids, counted
// drops and beads, dilutions of dispersible tablets). See src/forms/realizer.hpp.
#include "realizer.hpp"
#include "../detail/input_range.hpp"

#include <taper/units/io.hpp>

namespace taper::forms_detail {
namespace {

// With at most 64 measurements per dose, 1000 mL / 0.001 mL × 64 = 6.4e7 syringe steps: an int.
constexpr double min_resolution_ml = 0.001;
constexpr double max_single_volume_ml = 1000;

[[noreturn]] void bad(const std::string& what) { throw plan_error(what); }

void check_tools(const measuring_tools& t) {
    const double res = in(t.syringe_resolution, units::mL);
    const double min_v = in(t.min_volume, units::mL), max_v = in(t.max_volume, units::mL);
    if (!std::isfinite(res) || !(res > 0))
        bad("measuring tools: the syringe resolution must be more than 0 mL (a " + num(res) +
            " mL syringe measures nothing), e.g. 0.1 mL");
    // Volumes are counted in syringe steps (ints): a resolution finer than any syringe, or a
    // single measurement larger than any bottle, would overflow the count.
    if (res < min_resolution_ml)
        bad("measuring tools: the syringe resolution must be at least " + num(min_resolution_ml) + " mL (no syringe "
            "measures finer), not " + format_number(res) + " mL; e.g. 0.1 mL, or 0.01 mL for a 1 mL syringe");
    if (std::isfinite(max_v) && max_v > max_single_volume_ml)
        bad("measuring tools: the largest single measurement must be at most " + num(max_single_volume_ml) +
            " mL, not " + num(max_v) + " mL (more is several measurements)");
    if (!std::isfinite(min_v) || min_v < 0)
        bad("measuring tools: the smallest measurable volume must be 0 mL or more, not " + num(min_v) + " mL");
    if (!std::isfinite(max_v) || !(max_v > 0) || max_v < min_v || max_v < res)
        bad("measuring tools: the largest single measurement (" + num(max_v) +
            " mL) must be more than 0 mL and at least the smallest measurable volume (" + num(min_v) +
            " mL) and the syringe resolution (" + num(res) + " mL)");
    if (t.max_drops < 1) bad("measuring tools: the most drops for one dose must be at least 1, not " + std::to_string(t.max_drops));
}

void check_options(const realization_options& o) {
    check_tools(o.tools);
    if (!std::isfinite(o.tolerance_percent) || o.tolerance_percent < 0)
        bad("realization options: the tolerance must be 0% or more, not " + num(o.tolerance_percent) + "%");
    if (!std::isfinite(o.tie_percent) || o.tie_percent < 0)
        bad("realization options: the tie band must be 0% or more, not " + num(o.tie_percent) + "%");
    const double floor_mg = in(o.tolerance_floor, units::mg);
    if (!std::isfinite(floor_mg) || floor_mg < 0)
        bad("realization options: the tolerance floor must be 0 mg or more, not " + num(floor_mg) + " mg");
    if (o.max_pieces < 1 || o.max_pieces > 64)
        bad("realization options: the most pieces and measurements per dose must be from 1 to 64, not " +
            std::to_string(o.max_pieces));
    // Checked here, when realizing, not first when dispensing: a tiny bottle would overflow
    // the bottle count, a negative one fail only at export.
    if (o.bottle_volume)
        detail::require_in_range(in(*o.bottle_volume, units::mL), detail::min_bottle_ml, detail::max_bottle_ml,
                                 "realization options: bottle volume", "mL");
    for (auto w : o.dilution_volumes)
        if (!std::isfinite(in(w, units::mL)) || !(in(w, units::mL) > 0))
            bad("realization options: a dilution volume must be more than 0 mL, not " + num(in(w, units::mL)) + " mL");
}

/// A formulation's key, "<drug>\n<formulation id>" (the label when there is no id): products
/// with the same key share a slot. Compared as that text, without building it (this runs for
/// every product of every realization).
bool same_slot(const available_form& a, const available_form& b) {
    const std::string& tail_a = a.formulation_id.empty() ? a.label : a.formulation_id;
    const std::string& tail_b = b.formulation_id.empty() ? b.label : b.formulation_id;
    if (a.drug.size() == b.drug.size()) return a.drug == b.drug && tail_a == tail_b;
    // Only a drug name with a line break in it could make two such texts equal.
    const std::size_t size = a.drug.size() + 1 + tail_a.size();
    if (size != b.drug.size() + 1 + tail_b.size()) return false;
    const auto at = [](const available_form& f, const std::string& tail, std::size_t k) {
        return k < f.drug.size() ? f.drug[k] : k == f.drug.size() ? '\n' : tail[k - f.drug.size() - 1];
    };
    for (std::size_t k = 0; k < size; ++k)
        if (at(a, tail_a, k) != at(b, tail_b, k)) return false;
    return true;
}

std::string name_of(const available_form& f, std::size_t index) {
    if (!f.label.empty()) return "\"" + f.label + "\"";
    return "form " + std::to_string(index + 1) + (f.formulation_id.empty() ? "" : " (" + f.formulation_id + ")");
}

/// A liquid's numbers: measured on the syringe, or counted in drops of a known size.
void read_liquid(const available_form& f, std::size_t i, product& p) {
    const auto mg_per_ml = units::mg / units::mL;
    const double c = f.liquid_strength ? in(*f.liquid_strength, mg_per_ml) : 0.0;
    if (!f.liquid_strength || !std::isfinite(c) || !(c > 0))
        bad("forms on hand: " + name_of(f, i) + ": a liquid needs a concentration of more than 0 mg/mL" +
            (f.liquid_strength ? ", not " + num(c) + " mg/mL" : std::string()));
    if (f.kind == form_kind::drops && f.drop_volume) {
        const double dv = in(*f.drop_volume, units::mL / units::drop);
        if (!std::isfinite(dv) || !(dv > 0))
            bad("forms on hand: " + name_of(f, i) + ": a drop must be more than 0 mL, not " + num(dv) + " mL");
        p.counted_drops = true;
        p.drop_eq = c * dv * f.bioavailability;
    } else {
        p.syringe = true;
        p.per_ml_eq = c * f.bioavailability;
    }
}

/// A tablet's or capsule's numbers: whole units, and beads when their count is known.
void read_solid(const available_form& f, std::size_t i, bool allow_dilution, product& p) {
    const double s = f.unit_strength ? in(*f.unit_strength, units::mg) : 0.0;
    if (!f.unit_strength || !std::isfinite(s) || !(s > 0))
        bad("forms on hand: " + name_of(f, i) + ": a tablet or capsule needs a strength of more than 0 mg" +
            (f.unit_strength ? ", not " + num(s) + " mg" : std::string()));
    p.solid = true;
    p.unit_eq = s * f.bioavailability;
    if (f.kind == form_kind::beads && f.bead_count) {
        const double n = in(*f.bead_count, units::bead / units::capsule);
        // (At most a million: the count is an int, and no capsule holds more.)
        if (!std::isfinite(n) || n < 1 || n > 1e6 || std::abs(n - std::round(n)) > 1e-9)
            bad("forms on hand: " + name_of(f, i) + ": beads per capsule must be a whole number from 1 to 1000000, not " +
                num(n));
        p.bead_count = static_cast<int>(std::lround(n));
        p.counted_beads = p.bead_count >= 2;
        p.bead_eq = p.unit_eq / p.bead_count;
    }
    p.dilutable = f.dispersible && f.kind == form_kind::tablet && allow_dilution;
}

}  // namespace

engine::engine(const std::vector<available_form>& on_hand, const realization_options& options, double largest_dose)
    : engine(on_hand, {}, options, largest_dose) {}

engine::engine(const std::vector<available_form>& on_hand, const std::vector<std::size_t>& indexes,
               const realization_options& options, double largest_dose)
    : on_hand_(on_hand.data()), options_(options) {
    if (indexes.empty()) {
        forms_.reserve(on_hand.size());
        for (const auto& f : on_hand) forms_.push_back(&f);
    } else {
        forms_.reserve(indexes.size());
        for (const std::size_t i : indexes) forms_.push_back(&on_hand[i]);
    }
    check_options(options_);
    if (forms_.empty())
        bad("nothing on hand: give at least one form to take the doses with, e.g. \"10 mg tablet, 2 mg/mL liquid\"");
    if (forms_.size() > 64) bad("forms on hand: more than 64 products; give fewer");
    if (options_.dilution_volumes.empty())
        water_ = {10, 20, 50, 100};
    else
        for (auto w : options_.dilution_volumes) water_.push_back(in(w, units::mL));

    products_.reserve(forms_.size());
    slot_forms_.reserve(forms_.size());
    for (std::size_t i = 0; i < forms_.size(); ++i) add_product(*forms_[i], i);
    // The candidates of one search: one block, not a doubling from 1 in the first searches.
    pool_.reserve(64);
    add_topups();

    const double margin = 1 + (options_.tie_percent + options_.tolerance_percent) / 100.0;
    table_limit_ = std::min(largest_piece_ * options_.max_pieces,
                            std::max(0.0, largest_dose) * margin + 2 * largest_piece_);
}

void engine::add_product(const available_form& f, std::size_t i) {
    product p;
    p.source = &f;
    const double b = f.bioavailability;
    if (!std::isfinite(b) || !(b > 0))
        bad("forms on hand: " + name_of(f, i) + ": the bioavailability must be more than 0, not " + num(b));
    // One slot (mask bit) per formulation: strengths of one formulation share it.
    const auto it = std::find_if(slot_forms_.begin(), slot_forms_.end(), [&](int first) {
        return same_slot(*forms_[static_cast<std::size_t>(first)], f);
    });
    if (it == slot_forms_.end()) {
        if (slot_forms_.size() >= 64) bad("forms on hand: more than 64 formulations; give fewer");
        slot_forms_.push_back(static_cast<int>(i));
        p.slot = static_cast<int>(slot_forms_.size()) - 1;
    } else {
        p.slot = static_cast<int>(it - slot_forms_.begin());
    }
    if (is_liquid(f.kind)) {
        read_liquid(f, i, p);
    } else {
        read_solid(f, i, options_.allow_dilution, p);
        largest_piece_ = std::max(largest_piece_, p.unit_eq);
    }
    const form_mask bit = form_mask{1} << p.slot;
    all_ |= bit;
    if (p.solid) solid_mask_ |= bit;
    products_.push_back(p);
}

// The top-ups: amounts measured in small steps. Syringe volumes are whole multiples of the
// resolution, from the smallest measurable volume up to max_pieces fills.
void engine::add_topups() {
    const auto& tools = options_.tools;
    const double res = in(tools.syringe_resolution, units::mL);
    const int k_syringe_min = std::max(1, static_cast<int>(std::ceil(in(tools.min_volume, units::mL) / res - 1e-9)));
    const double most_volume = in(tools.max_volume, units::mL) * options_.max_pieces;
    const int k_syringe_max = static_cast<int>(std::floor(most_volume / res + 1e-9));
    for (std::size_t i = 0; i < products_.size(); ++i) {
        const product& p = products_[i];
        const int pi = static_cast<int>(i);
        if (p.syringe && k_syringe_min <= k_syringe_max)
            topups_.push_back({pi, dose_component::kind::liquid_volume, res * p.per_ml_eq, k_syringe_min, k_syringe_max,
                               -1, 0, true, res});
        if (p.counted_drops)
            topups_.push_back({pi, dose_component::kind::drops, p.drop_eq, 1, tools.max_drops, -1, 1, false, 0});
        if (p.counted_beads)
            topups_.push_back({pi, dose_component::kind::beads, p.bead_eq, 1, p.bead_count - 1, -1, 1, false, 0});
        if (p.dilutable)
            for (std::size_t w = 0; w < water_.size(); ++w) {
                const int k_max = static_cast<int>(std::floor(std::min(water_[w], most_volume) / res + 1e-9));
                if (k_syringe_min <= k_max)
                    topups_.push_back({pi, dose_component::kind::dilution, res * p.unit_eq / water_[w], k_syringe_min,
                                       k_max, static_cast<int>(w), 2, true, res});
            }
    }
}

}  // namespace taper::forms_detail
