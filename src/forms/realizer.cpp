// The realization engine: which amounts the forms on hand can make, and the best way to
// take one dose by the documented objective. See src/forms/realizer.hpp and
// docs/realization.md.
#include "realizer.hpp"

#include <taper/units/io.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <numeric>
#include <tuple>

namespace taper::forms_detail {
namespace {

constexpr std::uint8_t unreachable = 255;
constexpr std::size_t max_table_size = 4'000'000;  // grid entries; coarser grids beyond this
// With at most 64 measurements per dose, 1000 mL / 0.001 mL × 64 = 6.4e7 syringe steps: an int.
constexpr double min_resolution_ml = 0.001;
constexpr double max_single_volume_ml = 1000;

constexpr auto eps_of = detail::rounding_slack;  // the shared rule, src/detail/number_text.hpp
constexpr auto round9 = detail::without_float_noise;

[[noreturn]] void bad(const std::string& what) { throw plan_error(what); }

void check_options(const realization_options& o) {
    const auto& t = o.tools;
    const double res = t.syringe_resolution.value();
    if (!std::isfinite(res) || !(res > 0))
        bad("measuring tools: the syringe resolution must be more than 0 mL (a " + num(res) +
            " mL syringe measures nothing), e.g. 0.1 mL");
    // Volumes are counted in syringe steps (ints): a resolution finer than any syringe, or a
    // single measurement larger than any bottle, would overflow the count.
    if (res < min_resolution_ml)
        bad("measuring tools: the syringe resolution must be at least " + num(min_resolution_ml) + " mL (no syringe "
            "measures finer), not " + format_number(res) + " mL; e.g. 0.1 mL, or 0.01 mL for a 1 mL syringe");
    if (std::isfinite(t.max_volume.value()) && t.max_volume.value() > max_single_volume_ml)
        bad("measuring tools: the largest single measurement must be at most " + num(max_single_volume_ml) +
            " mL, not " + num(t.max_volume.value()) + " mL (more is several measurements)");
    if (!std::isfinite(t.min_volume.value()) || t.min_volume.value() < 0)
        bad("measuring tools: the smallest measurable volume must be 0 mL or more, not " + num(t.min_volume.value()) + " mL");
    if (!std::isfinite(t.max_volume.value()) || !(t.max_volume.value() > 0) || t.max_volume < t.min_volume ||
        t.max_volume.value() < res)
        bad("measuring tools: the largest single measurement (" + num(t.max_volume.value()) +
            " mL) must be more than 0 mL and at least the smallest measurable volume (" + num(t.min_volume.value()) +
            " mL) and the syringe resolution (" + num(res) + " mL)");
    if (t.max_drops < 1) bad("measuring tools: the most drops for one dose must be at least 1, not " + std::to_string(t.max_drops));
    if (!std::isfinite(o.tolerance_percent) || o.tolerance_percent < 0)
        bad("realization options: the tolerance must be 0% or more, not " + num(o.tolerance_percent) + "%");
    if (!std::isfinite(o.tie_percent) || o.tie_percent < 0)
        bad("realization options: the tie band must be 0% or more, not " + num(o.tie_percent) + "%");
    if (!std::isfinite(o.tolerance_floor.value()) || o.tolerance_floor.value() < 0)
        bad("realization options: the tolerance floor must be 0 mg or more, not " + num(o.tolerance_floor.value()) + " mg");
    if (o.max_pieces < 1 || o.max_pieces > 64)
        bad("realization options: the most pieces and measurements per dose must be from 1 to 64, not " +
            std::to_string(o.max_pieces));
    for (auto w : o.dilution_volumes)
        if (!std::isfinite(w.value()) || !(w.value() > 0))
            bad("realization options: a dilution volume must be more than 0 mL, not " + num(w.value()) + " mL");
}

std::string name_of(const available_form& f, std::size_t index) {
    if (!f.label.empty()) return "\"" + f.label + "\"";
    return "form " + std::to_string(index + 1) + (f.formulation_id.empty() ? "" : " (" + f.formulation_id + ")");
}

/// "1", "½", "1¾": whole units and the half and quarter pieces, as a person reads them.
std::string count_text(int whole, int halves, int quarters) {
    // Two halves or quarters never occur (the table prefers one larger piece), but be exact.
    const int q = whole * 4 + halves * 2 + quarters;
    const int w = q / 4, rest = q % 4;
    static const char* fraction[] = {"", "¼", "½", "¾"};
    if (w == 0) return fraction[rest];
    return std::to_string(w) + fraction[rest];
}

int fills_for(double volume_ml, double max_volume) {
    return std::max(1, static_cast<int>(std::ceil(volume_ml / max_volume - 1e-9)));
}

}  // namespace

engine::engine(std::vector<available_form> forms, const realization_options& options, double largest_dose)
    : forms_(std::move(forms)), options_(options) {
    check_options(options_);
    if (forms_.empty())
        bad("nothing on hand: give at least one form to take the doses with, e.g. \"10 mg tablet, 2 mg/mL liquid\"");
    if (forms_.size() > 64) bad("forms on hand: more than 64 products; give fewer");
    const auto& tools = options_.tools;
    const double res = tools.syringe_resolution.value();
    if (options_.dilution_volumes.empty())
        water_ = {10, 20, 50, 100};
    else
        for (auto w : options_.dilution_volumes) water_.push_back(w.value());

    std::vector<std::string> slot_keys;
    double largest_piece = 0;
    for (std::size_t i = 0; i < forms_.size(); ++i) {
        const available_form& f = forms_[i];
        product p;
        p.source = &f;
        const double b = f.bioavailability;
        if (!std::isfinite(b) || !(b > 0))
            bad("forms on hand: " + name_of(f, i) + ": the bioavailability must be more than 0, not " + num(b));
        const std::string key = f.drug + '\n' + f.formulation_id + (f.formulation_id.empty() ? f.label : "");
        auto it = std::find(slot_keys.begin(), slot_keys.end(), key);
        if (it == slot_keys.end()) {
            if (slot_keys.size() >= 64) bad("forms on hand: more than 64 formulations; give fewer");
            slot_keys.push_back(key);
            slot_forms_.push_back(static_cast<int>(i));
            it = slot_keys.end() - 1;
        }
        p.slot = static_cast<int>(it - slot_keys.begin());
        if (is_liquid(f.kind)) {
            const double c = f.liquid_strength ? f.liquid_strength->value() : 0.0;
            if (!f.liquid_strength || !std::isfinite(c) || !(c > 0))
                bad("forms on hand: " + name_of(f, i) + ": a liquid needs a concentration of more than 0 mg/mL" +
                    (f.liquid_strength ? ", not " + num(c) + " mg/mL" : std::string()));
            if (f.kind == form_kind::drops && f.drop_volume) {
                const double dv = f.drop_volume->value();
                if (!std::isfinite(dv) || !(dv > 0))
                    bad("forms on hand: " + name_of(f, i) + ": a drop must be more than 0 mL, not " + num(dv) + " mL");
                p.counted_drops = true;
                p.drop_eq = c * dv * b;
            } else {
                p.syringe = true;
                p.per_ml_eq = c * b;
            }
        } else {
            const double s = f.unit_strength ? f.unit_strength->value() : 0.0;
            if (!f.unit_strength || !std::isfinite(s) || !(s > 0))
                bad("forms on hand: " + name_of(f, i) + ": a tablet or capsule needs a strength of more than 0 mg" +
                    (f.unit_strength ? ", not " + num(s) + " mg" : std::string()));
            p.solid = true;
            p.unit_eq = s * b;
            largest_piece = std::max(largest_piece, p.unit_eq);
            if (f.kind == form_kind::beads && f.bead_count) {
                const double n = f.bead_count->value();
                // (At most a million: the count is an int, and no capsule holds more.)
                if (!std::isfinite(n) || n < 1 || n > 1e6 || std::abs(n - std::round(n)) > 1e-9)
                    bad("forms on hand: " + name_of(f, i) +
                        ": beads per capsule must be a whole number from 1 to 1000000, not " + num(n));
                p.bead_count = static_cast<int>(std::lround(n));
                p.counted_beads = p.bead_count >= 2;
                p.bead_eq = p.unit_eq / p.bead_count;
            }
            p.dilutable = f.dispersible && f.kind == form_kind::tablet && options_.allow_dilution;
        }
        const form_mask bit = form_mask{1} << p.slot;
        all_ |= bit;
        if (p.solid) solid_mask_ |= bit;
        products_.push_back(p);
    }

    // The top-ups: amounts measured in small steps.
    const int k_syringe_min = std::max(1, static_cast<int>(std::ceil(tools.min_volume.value() / res - 1e-9)));
    const double most_volume = tools.max_volume.value() * options_.max_pieces;
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

    const double margin = 1 + (options_.tie_percent + options_.tolerance_percent) / 100.0;
    table_limit_ = std::min(largest_piece * options_.max_pieces,
                            std::max(0.0, largest_dose) * margin + 2 * largest_piece);
}

bool engine::within_tolerance(double realized, double goal) const {
    return std::abs(realized - goal) <= tolerance(goal) + eps_of(goal);
}

double engine::tolerance(double goal) const {
    return std::max(options_.tolerance_percent / 100.0 * goal, options_.tolerance_floor.value());
}

const solid_table* engine::table_for(form_mask solids) const {
    if (auto it = tables_.find(solids); it != tables_.end()) return it->second.get();
    auto t = std::make_unique<solid_table>();
    for (std::size_t i = 0; i < products_.size(); ++i) {
        const product& p = products_[i];
        if (!p.solid || ((form_mask{1} << p.slot) & solids) == 0) continue;
        const int pi = static_cast<int>(i);
        t->types.push_back({pi, 1, 0, p.unit_eq});
        if (p.source->may_split) {
            t->types.push_back({pi, 2, 0, p.unit_eq / 2});
            if (options_.tools.allow_quarters) t->types.push_back({pi, 4, 0, p.unit_eq / 4});
        }
    }
    // Largest pieces first; among equal sizes, the order the forms were given in.
    std::sort(t->types.begin(), t->types.end(), [](const piece_type& a, const piece_type& b) {
        if (a.exact != b.exact) return a.exact > b.exact;
        if (a.product != b.product) return a.product < b.product;
        return a.denominator < b.denominator;
    });

    // The grid: the gcd of the piece sizes, in units of 10 ng (coarser if that would make
    // the table too large: the rounding is then far below anything a person can measure).
    std::int64_t g = 0;
    double unit = 1e-5;
    std::size_t n = 1;
    for (int attempt = 0; attempt < 6; ++attempt, unit *= 10) {
        g = 0;
        for (auto& type : t->types) {
            type.steps = std::llround(type.exact / unit);
            g = std::gcd(g, type.steps);
        }
        if (g <= 0) break;
        n = static_cast<std::size_t>(std::floor(table_limit_ / (static_cast<double>(g) * unit))) + 2;
        if (n <= max_table_size) break;
    }
    t->types.erase(std::remove_if(t->types.begin(), t->types.end(), [](const piece_type& x) { return x.steps <= 0; }),
                   t->types.end());
    if (g <= 0 || t->types.empty()) n = 1;
    n = std::min(n, max_table_size);
    t->step_mg = g > 0 ? static_cast<double>(g) * unit : 1.0;
    for (auto& type : t->types) type.steps /= std::max<std::int64_t>(g, 1);

    t->pieces.assign(n, unreachable);
    t->splits.assign(n, 0);
    t->last.assign(n, 0);
    t->exact.assign(n, 0.0);
    t->masks.assign(n, 0);
    t->pieces[0] = 0;
    const auto max_pieces = static_cast<std::uint8_t>(options_.max_pieces);
    for (std::size_t i = 1; i < n; ++i) {
        std::uint8_t best_p = unreachable, best_s = unreachable, best_t = 0;
        for (std::size_t k = 0; k < t->types.size(); ++k) {
            const auto s = static_cast<std::size_t>(t->types[k].steps);
            if (s > i) continue;
            const std::uint8_t p = t->pieces[i - s];
            if (p >= max_pieces) continue;  // also skips unreachable
            const auto sp = static_cast<std::uint8_t>(t->splits[i - s] + (t->types[k].denominator > 1 ? 1 : 0));
            if (p + 1 < best_p || (p + 1 == best_p && sp < best_s)) {
                best_p = static_cast<std::uint8_t>(p + 1);
                best_s = sp;
                best_t = static_cast<std::uint8_t>(k);
            }
        }
        if (best_p == unreachable) continue;
        t->pieces[i] = best_p;
        t->splits[i] = best_s;
        t->last[i] = best_t;
        const std::size_t from = i - static_cast<std::size_t>(t->types[best_t].steps);
        t->exact[i] = t->exact[from] + t->types[best_t].exact;
        t->masks[i] = t->masks[from] |
                      form_mask{1} << products_[static_cast<std::size_t>(t->types[best_t].product)].slot;
    }
    const solid_table* out = t.get();
    tables_.emplace(solids, std::move(t));
    return out;
}

namespace {

double topup_amount(const topup_kind& t, const product& p, int k) {
    switch (t.what) {
        case dose_component::kind::liquid_volume: return round9(round9(k * t.step_volume) * p.per_ml_eq);
        case dose_component::kind::dilution: return round9(round9(k * t.step_volume) * t.unit_eq / t.step_volume);
        default: return round9(k * t.unit_eq);
    }
}

}  // namespace

std::optional<choice> engine::search(double goal, double lo, double hi, form_mask allowed, form_mask in_use) const {
    pool_.clear();
    const double tau = options_.tie_percent / 100.0 * goal;
    double e_best = std::numeric_limits<double>::infinity();
    const int max_pieces = options_.max_pieces;
    const double lo_eps = lo - eps_of(lo), hi_eps = hi + eps_of(hi);
    auto consider = [&](choice c) {
        if (c.realized < lo_eps || c.realized > hi_eps || c.cost > max_pieces) return;
        c.error = std::abs(c.realized - goal);
        if (c.error > e_best + tau + eps_of(goal)) return;
        e_best = std::min(e_best, c.error);
        pool_.push_back(c);
    };

    if (lo_eps <= 0) consider(choice{});

    const form_mask solid_allowed = allowed & solid_mask_;
    const solid_table* table = solid_allowed != 0 ? table_for(solid_allowed) : nullptr;
    auto solid_choice = [&](const solid_table* t, std::size_t i) {
        choice c;
        c.realized = round9(t->exact[i]);
        c.cost = t->pieces[i];
        c.splits = t->splits[i];
        c.mask = t->masks[i];
        c.table = t;
        c.solid_index = i;
        return c;
    };
    if (table != nullptr && table->size() > 1) {
        const double q = table->step_mg;
        const std::size_t n = table->size();
        const auto center = static_cast<std::size_t>(std::clamp(std::floor(goal / q), 0.0, static_cast<double>(n - 1)));
        for (std::size_t i = center; i >= 1; --i) {
            const double a = static_cast<double>(i) * q;
            if (a < lo_eps - q || goal - a > e_best + tau + q) break;
            if (table->reachable(i)) consider(solid_choice(table, i));
        }
        for (std::size_t i = center + 1; i < n; ++i) {
            const double a = static_cast<double>(i) * q;
            if (a > hi_eps + q || a - goal > e_best + tau + q) break;
            if (table->reachable(i)) consider(solid_choice(table, i));
        }
    }

    for (std::size_t ti = 0; ti < topups_.size(); ++ti) {
        const topup_kind& t = topups_[ti];
        const product& p = products_[static_cast<std::size_t>(t.product)];
        const form_mask bit = form_mask{1} << p.slot;
        if ((allowed & bit) == 0) continue;
        const solid_table* base = nullptr;
        if (options_.allow_mixtures)
            base = table;
        else if (t.what == dose_component::kind::beads)
            base = table_for(bit & solid_mask_);  // whole capsules of the same beads
        const double q = base != nullptr ? base->step_mg : 1.0;
        const std::size_t n = base != nullptr ? base->size() : 1;
        // Solid part a, then the top-up closest to the rest of the dose.
        // Until something in the window is found, the window alone bounds the search.
        const double reach_low =
            (std::isfinite(e_best) ? std::max(lo, goal - e_best - tau) : std::max(lo, 0.0)) - t.k_max * t.unit_eq;
        std::size_t first = reach_low > 0 ? static_cast<std::size_t>(std::floor(reach_low / q)) : 0;
        first = first > 0 ? first - 1 : 0;
        for (std::size_t i = first; i < n; ++i) {
            const double a_grid = static_cast<double>(i) * q;
            const double top = std::isfinite(e_best) ? std::min(hi, goal + e_best + tau)
                                                      : (std::isfinite(hi) ? hi : std::max(lo, goal) * 2 + 1);
            if (a_grid - q > top - t.k_min * t.unit_eq + eps_of(top)) break;
            if (i > 0 && !base->reachable(i)) continue;
            const double a = i > 0 ? base->exact[i] : 0.0;
            const int pieces = i > 0 ? base->pieces[i] : 0;
            if (pieces + t.base_cost + (t.fills ? 1 : 0) > max_pieces) continue;
            const double k_lo_f = std::ceil((lo - a) / t.unit_eq - 1e-9);
            const double k_hi_f = std::floor((hi - a) / t.unit_eq + 1e-9);
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
                c.cost = pieces + t.base_cost +
                         (t.fills ? fills_for(k * t.step_volume, options_.tools.max_volume.value()) : 0);
                c.mask = solid_mask | bit;
                c.splits = i > 0 ? base->splits[i] : 0;
                c.table = i > 0 ? base : nullptr;
                c.solid_index = i;
                c.topup = static_cast<int>(ti);
                c.k = k;
                consider(c);
            }
        }
    }

    if (pool_.empty()) return std::nullopt;
    double e_star = std::numeric_limits<double>::infinity();
    for (const auto& c : pool_) e_star = std::min(e_star, c.error);
    const double band = e_star + tau + eps_of(goal);
    const choice* best = nullptr;
    auto key = [&](const choice& c) {
        return std::make_tuple(c.cost, std::popcount(c.mask & ~in_use), std::popcount(c.mask), c.splits, c.error,
                               c.realized);
    };
    for (const auto& c : pool_) {
        if (c.error > band) continue;
        if (best == nullptr || key(c) < key(*best)) best = &c;
    }
    return *best;
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

std::string engine::off_target_hint(double goal) const {
    std::vector<std::string> hints;
    bool fine_form = false;
    const double min_v = options_.tools.min_volume.value();
    for (const auto& p : products_) {
        if (p.syringe) {
            fine_form = true;
            const double v = goal / p.per_ml_eq;
            if (v < min_v - 1e-12 && goal > 0)
                hints.push_back("as " + p.source->label + " it would be " + readable(v) +
                                " mL, below the smallest volume the syringe measures (" + num(min_v) + " mL)");
        }
        if (p.counted_drops || p.counted_beads) fine_form = true;
        if (p.dilutable) fine_form = true;
        if (p.source->dispersible && !options_.allow_dilution)
            hints.push_back(p.source->label + " may be dispersed in water, but dilution is switched off");
    }
    if (!fine_form) hints.push_back("a liquid (or a dilution of a dispersible tablet) would measure it more finely");
    else if (hints.empty()) hints.push_back("a more dilute liquid or a dilution would measure it more finely");
    if (suggest_from_ != nullptr && !suggestion_) {
        std::string missing;
        for (const auto& f : all_forms(*suggest_from_)) {
            const bool fine = is_liquid(f.kind) || f.dispersible;
            const bool have = std::any_of(forms_.begin(), forms_.end(), [&](const available_form& g) {
                return g.formulation_id == f.formulation_id && g.label == f.label;
            });
            if (fine && !have) missing += (missing.empty() ? "" : ", ") + f.label;
        }
        suggestion_ = missing.empty() ? std::string() : suggest_from_->name + " also comes as " + missing + " (not on hand)";
    }
    if (suggestion_ && !suggestion_->empty()) hints.push_back(*suggestion_);
    std::string out;
    for (const auto& h : hints) out += "; " + h;
    return out;
}

dose_recipe engine::recipe(const choice& c, double goal) const {
    dose_recipe r;
    r.target = from_value<mass>(goal);
    r.parts.reserve(2);
    // The product of each part (a recipe has at most one part per product, plus a top-up).
    std::array<int, 66> sources{};
    std::size_t source_count = 0;
    // Solid pieces, grouped per product (whole, half, quarter).
    if (c.table != nullptr && c.solid_index > 0) {
        std::array<std::array<int, 3>, 64> counts{};
        std::size_t i = c.solid_index;
        while (i > 0) {
            const piece_type& type = c.table->types[c.table->last[i]];
            const int slot = type.denominator == 1 ? 0 : type.denominator == 2 ? 1 : 2;
            ++counts[static_cast<std::size_t>(type.product)][static_cast<std::size_t>(slot)];
            i -= static_cast<std::size_t>(type.steps);
        }
        for (std::size_t pi = 0; pi < products_.size(); ++pi) {
            const auto& n = counts[pi];
            if (n[0] + n[1] + n[2] == 0) continue;
            const available_form& f = *products_[pi].source;
            dose_component part;
            part.what = dose_component::kind::whole_or_split_units;
            part.formulation_id = f.formulation_id;
            part.label = f.label;
            part.count = n[0] + n[1] / 2.0 + n[2] / 4.0;
            part.units_used = part.count;
            part.labelled = from_value<mass>(round9(part.count * f.unit_strength->value()));
            part.equivalent = from_value<mass>(round9(part.count * products_[pi].unit_eq));
            part.instruction.reserve(24 + f.label.size());
            part.instruction += count_text(n[0], n[1], n[2]);
            part.instruction += " × ";
            part.instruction += f.label;
            r.parts.push_back(std::move(part));
            sources[source_count++] = static_cast<int>(pi);
        }
    }
    if (c.topup >= 0) {
        const topup_kind& t = topups_[static_cast<std::size_t>(c.topup)];
        const product& p = products_[static_cast<std::size_t>(t.product)];
        const available_form& f = *p.source;
        dose_component part;
        part.what = t.what;
        part.formulation_id = f.formulation_id;
        part.label = f.label;
        const double eq = topup_amount(t, p, c.k);
        part.equivalent = from_value<mass>(eq);
        part.labelled = from_value<mass>(round9(eq / f.bioavailability));
        switch (t.what) {
            case dose_component::kind::liquid_volume: {
                const double v = round9(c.k * t.step_volume);
                part.amount_volume = from_value<volume>(v);
                part.count = 0;
                part.labelled = from_value<mass>(round9(v * f.liquid_strength->value()));
                part.instruction.reserve(48 + f.label.size());
                part.instruction += num(v);
                part.instruction += " mL of ";
                part.instruction += f.label;
                const int fills = fills_for(v, options_.tools.max_volume.value());
                if (fills > 1) part.instruction += " (" + std::to_string(fills) + " syringe fills)";
                if (f.must_dilute) part.instruction += ", diluted before taking";
                break;
            }
            case dose_component::kind::drops: {
                part.count = c.k;
                part.amount_volume = from_value<volume>(round9(c.k * f.drop_volume->value()));
                part.labelled = from_value<mass>(round9(c.k * f.drop_volume->value() * f.liquid_strength->value()));
                part.instruction = std::to_string(c.k) + (c.k == 1 ? " drop of " : " drops of ") + f.label;
                break;
            }
            case dose_component::kind::beads: {
                part.count = c.k;
                part.units_used = static_cast<double>(c.k) / p.bead_count;
                part.labelled = from_value<mass>(round9(c.k * f.unit_strength->value() / p.bead_count));
                part.instruction = std::to_string(c.k) + (c.k == 1 ? " bead" : " beads") + " counted from a " + f.label +
                                   " (" + std::to_string(p.bead_count) + " beads per capsule)";
                break;
            }
            case dose_component::kind::dilution: {
                const double w = water_[static_cast<std::size_t>(t.water)];
                const double v = round9(c.k * t.step_volume);
                part.count = 1;
                part.units_used = 1;
                part.dispersed_in = from_value<volume>(w);
                part.amount_volume = from_value<volume>(v);
                part.labelled = from_value<mass>(round9(f.unit_strength->value() * v / w));
                part.instruction = "disperse 1 × " + f.label + " in " + num(w) + " mL of water (" +
                                   num(f.unit_strength->value() / w) + " mg/mL), freshly for this dose; stir well and at once take " +
                                   num(v) + " mL with an oral syringe; discard the rest";
                if (!f.caution.empty()) part.instruction += " (" + f.caution + ")";
                break;
            }
            case dose_component::kind::whole_or_split_units: break;
        }
        r.parts.push_back(std::move(part));
        sources[source_count++] = t.product;
    }

    double realized = 0, labelled = 0;
    bool converted = false;
    std::string cautions;
    for (std::size_t i = 0; i < r.parts.size(); ++i) {
        realized += r.parts[i].equivalent.value();
        labelled += r.parts[i].labelled.value();
        const available_form& f = *products_[static_cast<std::size_t>(sources[i])].source;
        if (std::abs(f.bioavailability - 1.0) > 1e-12) converted = true;
        if (!f.caution.empty() && cautions.find(f.caution) == std::string::npos)
            cautions += "; " + f.label + ": " + f.caution;
    }
    r.realized = from_value<mass>(round9(realized));
    std::string& text = r.instruction;
    text.reserve(64 + cautions.size());
    for (const auto& part : r.parts) {
        if (!text.empty()) text += " + ";
        text += part.instruction;
    }
    if (r.parts.empty()) {
        text = goal > 0 ? "nothing (0 mg)" : "none (0 mg)";
    } else if (converted) {
        text += " = ";
        text += num(labelled);
        text += " mg on the label ≡ ";
        text += num(realized);
        text += " mg as tablets";
    } else {
        text += " = ";
        text += num(realized);
        text += " mg";
    }
    text += cautions;

    r.within_tolerance = within_tolerance(realized, goal);
    if (goal > 0 && realized <= 0) {
        r.within_tolerance = false;
        r.warnings.push_back(readable(goal) + " mg rounds to 0 mg with what is on hand, so this dose would not be taken" +
                             off_target_hint(goal));
    } else if (!r.within_tolerance) {
        const double pct = goal > 0 ? 100.0 * (realized - goal) / goal : 0.0;
        r.warnings.push_back("the closest that can be made to " + readable(goal) + " mg is " + num(realized) + " mg (" +
                             (pct >= 0 ? "+" : "") + num(std::round(pct * 10) / 10) + "%, beyond the " +
                             num(options_.tolerance_percent) + "% tolerance)" + off_target_hint(goal));
    }
    return r;
}

}  // namespace taper::forms_detail
