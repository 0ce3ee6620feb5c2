#include <taper/drugs/drug.hpp>

namespace taper {
namespace {

template <class Range, class Key>
std::string list_of(const Range& items, Key key) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += ", ";
        out += key(item);
    }
    return out.empty() ? std::string("none") : out;
}

}  // namespace

const occupancy_model* drug::find_target(std::string_view id) const noexcept {
    for (const auto& t : targets)
        if (t.id == id) return &t;
    return nullptr;
}

const occupancy_model* drug::usable_occupancy() const noexcept {
    const occupancy_model* m = find_target(default_target);
    return (m != nullptr && m->usable()) ? m : nullptr;
}

const occupancy_model& drug::occupancy() const {
    const occupancy_model* m = usable_occupancy();
    if (m == nullptr)
        throw missing_data_error(
            name + " has no usable receptor occupancy model in the data (no published Emax "
                   "and ED50 were found), so occupancy cannot be computed; plan a proportional "
                   "taper (a percentage of the most recent dose) instead");
    return *m;
}

const occupancy_model& drug::occupancy(std::string_view id) const {
    const occupancy_model* m = find_target(id);
    if (m == nullptr)
        throw missing_data_error(name + " has no occupancy model \"" + std::string(id) +
                                 "\"; its models are: " +
                                 list_of(targets, [](const occupancy_model& t) { return t.id; }));
    if (!m->usable())
        (void)m->occupancy_percent(mass{});  // throws the detailed missing-data message
    return *m;
}

const licensed_maximum* drug::licensed_maximum_for(std::optional<market_region> region) const noexcept {
    const licensed_maximum* best = nullptr;
    for (const auto& m : max_daily_dose) {
        if (m.population != general_adult_population || !m.daily_dose.known()) continue;
        if (region && m.region != *region) continue;
        if (best == nullptr || *m.daily_dose > *best->daily_dose) best = &m;
    }
    return best;
}

const formulation* drug::find_formulation(std::string_view id) const noexcept {
    for (const auto& f : formulations)
        if (f.id == id) return &f;
    return nullptr;
}

const equivalent_dose& drug::diazepam_equivalent(std::string_view table) const {
    if (equivalents.empty())
        throw missing_data_error(name + " has no diazepam equivalent in the data (only "
                                        "benzodiazepines and z-drugs have one)");
    const auto it = equivalents.tables.find(table);
    if (it == equivalents.tables.end())
        throw missing_data_error(
            name + " has no diazepam equivalent in the table \"" + std::string(table) +
            "\"; its tables are: " +
            list_of(equivalents.tables, [](const auto& entry) { return entry.first; }));
    return it->second.require(name + "'s dose equivalent to 10 mg diazepam (table " +
                              std::string(table) + ")");
}

}  // namespace taper
