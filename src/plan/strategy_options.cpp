// strategy_options' members that touch its map and set, out of the header (options.hpp says why).
#include <taper/plan/options.hpp>

namespace taper {

strategy_options& strategy_options::set(std::string name, option_value value) {
    defaulted_.erase(name);
    values_.insert_or_assign(std::move(name), std::move(value));
    return *this;
}

strategy_options& strategy_options::set_default(std::string name, option_value value) {
    defaulted_.insert(name);
    values_.insert_or_assign(std::move(name), std::move(value));
    return *this;
}

bool strategy_options::erase(std::string_view name) {
    const auto it = values_.find(name);
    if (it == values_.end()) return false;
    if (const auto d = defaulted_.find(name); d != defaulted_.end()) defaulted_.erase(d);
    values_.erase(it);
    return true;
}

bool strategy_options::given(std::string_view name) const noexcept {
    return contains(name) && !defaulted_.contains(name);
}

const option_value* strategy_options::find(std::string_view name) const noexcept {
    const auto it = values_.find(name);
    return it == values_.end() ? nullptr : &it->second;
}

option_value* strategy_options::find(std::string_view name) noexcept {
    const auto it = values_.find(name);
    return it == values_.end() ? nullptr : &it->second;
}

strategy_options::const_iterator strategy_options::begin() const noexcept { return values_.begin(); }
strategy_options::const_iterator strategy_options::end() const noexcept { return values_.end(); }

}  // namespace taper
