// The search for the best way to take one dose: every amount the forms in `allowed` make
// near the goal (solid pieces from the table, then each top-up over the solid amounts
// below it), ranked by the documented objective (docs/realization.md, "Choosing how to take
// one dose").
#include "practicality.hpp"
#include "realizer.hpp"

#include <bit>
#include <limits>
#include <tuple>

namespace taper::forms_detail {

/// Candidates within the window and the tie band of the best so far go to `pool`; the best
/// error so far bounds how far each scan goes.
struct search_state {
    double goal = 0;
    double tau = 0;  // the tie band in mg
    double lo = 0, hi = 0;
    double lo_eps = 0, hi_eps = 0;
    int max_pieces = 0;
    double e_best = std::numeric_limits<double>::infinity();
    std::vector<choice>& pool;

    void consider(choice c) {
        if (c.realized < lo_eps || c.realized > hi_eps || c.cost > max_pieces) return;
        c.error = std::abs(c.realized - goal);
        if (c.error > e_best + tau + eps_of(goal)) return;
        e_best = std::min(e_best, c.error);
        pool.push_back(c);
    }
};

bool engine::within_tolerance(double realized, double goal) const {
    return std::abs(realized - goal) <= tolerance(goal) + eps_of(goal);
}

double engine::tolerance(double goal) const {
    return std::max(options_.tolerance_percent / 100.0 * goal, in(options_.tolerance_floor, units::mg));
}

// Solid amounts only, outwards from the goal in both directions.
void engine::scan_solids(const solid_table& table, double goal, search_state& s) const {
    auto solid_choice = [&](std::size_t i) {
        choice c;
        c.realized = round9(table.exact[i]);
        c.cost = table.pieces[i];
        c.splits = table.splits[i];
        c.mask = table.masks[i];
        c.table = &table;
        c.solid_index = i;
        return c;
    };
    const double q = table.step_mg;
    const std::size_t n = table.size();
    const auto center = static_cast<std::size_t>(std::clamp(std::floor(goal / q), 0.0, static_cast<double>(n - 1)));
    for (std::size_t i = center; i >= 1; --i) {
        const double a = static_cast<double>(i) * q;
        if (a < s.lo_eps - q || goal - a > s.e_best + s.tau + q) break;
        if (table.reachable(i)) s.consider(solid_choice(i));
    }
    for (std::size_t i = center + 1; i < n; ++i) {
        const double a = static_cast<double>(i) * q;
        if (a > s.hi_eps + q || a - goal > s.e_best + s.tau + q) break;
        if (table.reachable(i)) s.consider(solid_choice(i));
    }
}

// One top-up over each solid amount `a` that can still lead into the window: the step
// counts on either side of the rest of the dose.
void engine::scan_topup(std::size_t ti, const solid_table* base, double goal, double lo, double hi,
                        search_state& s) const {
    const topup_kind& t = topups_[ti];
    const product& p = products_[static_cast<std::size_t>(t.product)];
    const form_mask bit = form_mask{1} << p.slot;
    const double q = base != nullptr ? base->step_mg : 1.0;
    const std::size_t n = base != nullptr ? base->size() : 1;
    const double max_volume = in(options_.tools.max_volume, units::mL);
    // Until something in the window is found, the window alone bounds the search.
    const double reach_low =
        (std::isfinite(s.e_best) ? std::max(lo, goal - s.e_best - s.tau) : std::max(lo, 0.0)) - t.k_max * t.unit_eq;
    std::size_t first = reach_low > 0 ? static_cast<std::size_t>(std::floor(reach_low / q)) : 0;
    first = first > 0 ? first - 1 : 0;
    // The usual window [0, infinity) bounds no step count (a >= 0 and k_min >= 1): the
    // divisions below would only be clamped to k_min and k_max, so they are skipped.
    const bool no_floor = lo <= 0;
    const bool no_ceiling = hi == std::numeric_limits<double>::infinity();
    for (std::size_t i = first; i < n; ++i) {
        const double a_grid = static_cast<double>(i) * q;
        const double top = std::isfinite(s.e_best) ? std::min(hi, goal + s.e_best + s.tau)
                                                   : (std::isfinite(hi) ? hi : std::max(lo, goal) * 2 + 1);
        if (a_grid - q > top - t.k_min * t.unit_eq + eps_of(top)) break;
        if (i > 0 && !base->reachable(i)) continue;
        const double a = i > 0 ? base->exact[i] : 0.0;
        const int pieces = i > 0 ? base->pieces[i] : 0;
        if (pieces + t.base_cost + (t.fills ? 1 : 0) > s.max_pieces) continue;
        const double k_lo_f = no_floor ? t.k_min : std::ceil((lo - a) / t.unit_eq - 1e-9);
        const double k_hi_f = no_ceiling ? t.k_max : std::floor((hi - a) / t.unit_eq + 1e-9);
        // Clamped before the conversion to int: with a very dilute liquid the step counts
        // can exceed any int (and converting those is undefined).
        const int k_lo = static_cast<int>(std::clamp<double>(k_lo_f, t.k_min, t.k_max + 1.0));
        const int k_hi = static_cast<int>(std::clamp<double>(k_hi_f, t.k_min - 1.0, t.k_max));
        if (k_lo > k_hi) continue;
        const double kf = std::clamp((goal - a) / t.unit_eq, -1.0, 1e9);
        const int ks[2] = {std::clamp(static_cast<int>(std::floor(kf)), k_lo, k_hi),
                           std::clamp(static_cast<int>(std::ceil(kf)), k_lo, k_hi)};
        const form_mask solid_mask = i > 0 ? base->masks[i] : 0;
        for (int j = 0; j < (ks[0] == ks[1] ? 1 : 2); ++j) {
            const int k = ks[j];
            choice c;
            c.realized = round9(a + topup_amount(t, p, k));
            c.cost = pieces + t.base_cost + (t.fills ? fills_for(k * t.step_volume, max_volume) : 0);
            c.mask = solid_mask | bit;
            c.splits = i > 0 ? base->splits[i] : 0;
            c.table = i > 0 ? base : nullptr;
            c.solid_index = i;
            c.topup = static_cast<int>(ti);
            c.k = k;
            s.consider(c);
        }
    }
}

// Whether a candidate asks more of one dose than practicality.hpp allows: its solid pieces
// as the table counts them (a half or a quarter is a piece of its own, so 1¾ tablets is three,
// where the warning, reading the recipe, counts two), the drops or beads counted, and the
// liquid measured.
bool engine::impractical(const choice& c) const {
    double pieces = c.table != nullptr && c.solid_index > 0 ? c.table->pieces[c.solid_index] : 0;
    double ml = 0;
    if (c.topup >= 0) {
        const topup_kind& t = topups_[static_cast<std::size_t>(c.topup)];
        if (t.what == dose_component::kind::liquid_volume || t.what == dose_component::kind::dilution)
            ml = c.k * t.step_volume;
        else
            pieces += c.k;
    }
    return pieces > impractical_pieces || ml > impractical_volume_ml;
}

void engine::collect(double goal, double lo, double hi, form_mask allowed, double band) const {
    pool_.clear();
    search_state s{goal, band, lo, hi, lo - eps_of(lo), hi + eps_of(hi),
                   options_.max_pieces, std::numeric_limits<double>::infinity(), pool_};
    if (s.lo_eps <= 0) s.consider(choice{});

    const form_mask solid_allowed = allowed & solid_mask_;
    const solid_table* table = solid_allowed != 0 ? table_for(solid_allowed) : nullptr;
    if (table != nullptr && table->size() > 1) scan_solids(*table, goal, s);

    for (std::size_t ti = 0; ti < topups_.size(); ++ti) {
        const topup_kind& t = topups_[ti];
        const form_mask bit = form_mask{1} << products_[static_cast<std::size_t>(t.product)].slot;
        if ((allowed & bit) == 0) continue;
        const solid_table* base = nullptr;
        if (options_.allow_mixtures)
            base = table;
        else if (t.what == dose_component::kind::beads)
            base = table_for(bit & solid_mask_);  // whole capsules of the same beads
        scan_topup(ti, base, goal, lo, hi, s);
    }
}

// Closest first (ties within the band), then a practical recipe before an impractical one
// (R8: 45 mL of diazepam liquid is five syringe fills, fewer than nine 2 mg tablets, but no
// one should measure it every day), then fewest pieces, forms not yet in use, fewest forms,
// fewest splits. With `practical_only`, the impractical and those further than `max_error`
// are left out (nullptr if that leaves none).
const choice* engine::pick(double goal, form_mask in_use, bool practical_only, double max_error) const {
    auto eligible = [&](const choice& c) { return !practical_only || (c.error <= max_error && !impractical(c)); };
    double e_star = std::numeric_limits<double>::infinity();
    for (const auto& c : pool_)
        if (eligible(c)) e_star = std::min(e_star, c.error);
    const double band = e_star + options_.tie_percent / 100.0 * goal + eps_of(goal);
    const choice* best = nullptr;
    auto key = [&](const choice& c) {
        return std::make_tuple(impractical(c), c.cost, std::popcount(c.mask & ~in_use), std::popcount(c.mask),
                               c.splits, c.error, c.realized);
    };
    for (const auto& c : pool_) {
        if (c.error > band || !eligible(c)) continue;
        if (best == nullptr || key(c) < key(*best)) best = &c;
    }
    return best;
}

std::optional<choice> engine::search(double goal, double lo, double hi, form_mask allowed, form_mask in_use) const {
    collect(goal, lo, hi, allowed, options_.tie_percent / 100.0 * goal);
    if (pool_.empty()) return std::nullopt;
    const choice best = *pick(goal, in_use, false, 0);
    if (!impractical(best)) return best;
    // Every equally close recipe is impractical (R8): a practical one still within the
    // tolerance is taken instead (one 75 mg capsule for 73 mg, not a 37.5 mg capsule and a
    // hundred beads counted), closest first. Only where none is within the tolerance is the
    // impractical one kept, and the step says so (437). The wider search runs only here.
    const double tolerance_mg = tolerance(goal);
    if (best.error > tolerance_mg + eps_of(goal)) return best;
    collect(goal, lo, hi, allowed, tolerance_mg);
    if (const choice* practical = pick(goal, in_use, true, tolerance_mg + eps_of(goal))) return *practical;
    return best;
}

std::optional<choice> engine::best(double goal, double lo, double hi, form_mask in_use) const {
    const form_mask current = in_use & all_;
    if (options_.keep_forms_in_use && current != 0 && current != all_) {
        auto a = search(goal, lo, hi, current, in_use);
        if (a && within_tolerance(a->realized, goal)) return a;
        auto b = search(goal, lo, hi, all_, in_use);
        // Neither is within tolerance (a window can force that): other forms only if closer.
        if (a && (!b || a->error <= b->error + options_.tie_percent / 100.0 * goal + eps_of(goal))) return a;
        return b;
    }
    return search(goal, lo, hi, all_, in_use);
}

}  // namespace taper::forms_detail
