// The solid table: the fewest pieces (whole, half and quarter tablets) for every amount on
// a grid, for one set of solid formulations. A coin-change DP, built once per set and
// reused for every dose (docs/realization.md).
#include "realizer.hpp"

#include <numeric>

namespace taper::forms_detail {

namespace {

constexpr std::uint8_t unreachable = 255;
constexpr std::size_t max_table_size = 4'000'000;  // grid entries; coarser grids beyond this

/// The grid: the gcd of the piece sizes, in units of 10 ng (coarser if that would make the
/// table too large: the rounding is then far below anything a person can measure). Sets
/// `t.step_mg` and each type's size in grid steps; returns the number of grid entries.
std::size_t lay_out_grid(solid_table& t, double table_limit) {
    std::int64_t g = 0;
    double unit = 1e-5;
    std::size_t n = 1;
    for (int attempt = 0; attempt < 6; ++attempt, unit *= 10) {
        g = 0;
        for (auto& type : t.types) {
            type.steps = std::llround(type.exact / unit);
            g = std::gcd(g, type.steps);
        }
        if (g <= 0) break;
        n = static_cast<std::size_t>(std::floor(table_limit / (static_cast<double>(g) * unit))) + 2;
        if (n <= max_table_size) break;
    }
    t.types.erase(std::remove_if(t.types.begin(), t.types.end(), [](const piece_type& x) { return x.steps <= 0; }),
                  t.types.end());
    if (g <= 0 || t.types.empty()) n = 1;
    t.step_mg = g > 0 ? static_cast<double>(g) * unit : 1.0;
    for (auto& type : t.types) type.steps /= std::max<std::int64_t>(g, 1);
    return std::min(n, max_table_size);
}

/// Pieces of the same size (a whole 10 mg tablet, half a 20 mg one, a quarter of a 40 mg one)
/// sit side by side in `types`. The DP below takes a type only when it is strictly better
/// (fewer pieces, then fewer splits) than the ones before it, and same-size pieces differ only
/// in being split, so of each run it only ever takes the first whole piece, else the first
/// piece: the rest are dropped before it runs (it makes the same table with fewer types).
void drop_same_size_pieces(std::vector<piece_type>& types) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < types.size();) {
        std::size_t end = i;
        while (end < types.size() && types[end].steps == types[i].steps && types[end].exact == types[i].exact) ++end;
        std::size_t pick = i;
        for (std::size_t k = i; k < end; ++k)
            if (types[k].denominator == 1) {
                pick = k;
                break;
            }
        types[kept++] = types[pick];  // kept <= i <= pick
        i = end;
    }
    types.resize(kept);
}

/// The DP: fewest pieces for each amount, then fewest split pieces.
void fill(solid_table& t, std::size_t n, const std::vector<product>& products, int most_pieces) {
    t.pieces.assign(n, unreachable);
    t.splits.assign(n, 0);
    t.last.assign(n, 0);
    t.exact.assign(n, 0.0);
    t.masks.assign(n, 0);
    t.pieces[0] = 0;
    const auto max_pieces = static_cast<std::uint8_t>(most_pieces);
    // Plain pointers: the byte stores below may alias anything, which would make the compiler
    // reload every vector's data pointer in the inner loop.
    const piece_type* const types = t.types.data();
    const std::size_t type_count = t.types.size();
    std::uint8_t* const pieces = t.pieces.data();
    std::uint8_t* const splits = t.splits.data();
    std::uint8_t* const last = t.last.data();
    double* const exact = t.exact.data();
    form_mask* const masks = t.masks.data();
    for (std::size_t i = 1; i < n; ++i) {
        std::uint8_t best_p = unreachable, best_s = unreachable, best_t = 0;
        for (std::size_t k = 0; k < type_count; ++k) {
            const auto s = static_cast<std::size_t>(types[k].steps);
            if (s > i) continue;
            const std::uint8_t p = pieces[i - s];
            if (p >= max_pieces) continue;  // also skips unreachable
            const auto sp = static_cast<std::uint8_t>(splits[i - s] + (types[k].denominator > 1 ? 1 : 0));
            if (p + 1 < best_p || (p + 1 == best_p && sp < best_s)) {
                best_p = static_cast<std::uint8_t>(p + 1);
                best_s = sp;
                best_t = static_cast<std::uint8_t>(k);
            }
        }
        if (best_p == unreachable) continue;
        pieces[i] = best_p;
        splits[i] = best_s;
        last[i] = best_t;
        const std::size_t from = i - static_cast<std::size_t>(types[best_t].steps);
        exact[i] = exact[from] + types[best_t].exact;
        masks[i] = masks[from] | form_mask{1} << products[static_cast<std::size_t>(types[best_t].product)].slot;
    }
}

}  // namespace

const solid_table* engine::table_for(form_mask solids) const {
    if (auto it = tables_.find(solids); it != tables_.end()) return it->second.get();
    auto t = std::make_unique<solid_table>();
    t->types.reserve(3 * products_.size());  // whole, half and quarter of each
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
    const std::size_t n = lay_out_grid(*t, table_limit_);
    drop_same_size_pieces(t->types);
    fill(*t, n, products_, options_.max_pieces);
    const solid_table* out = t.get();
    tables_.emplace(solids, std::move(t));
    return out;
}

}  // namespace taper::forms_detail
