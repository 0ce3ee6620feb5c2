// data/pharmacokinetics.json: read, checked, and looked up by drug name.
#include <taper/simulate/pharmacokinetics.hpp>

#include "../detail/text.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

namespace taper {
namespace detail {
extern const std::string_view embedded_pharmacokinetics_json;  // generated from data/pharmacokinetics.json
}

namespace {

using json = nlohmann::json;

[[noreturn]] void reject(std::string_view origin, const std::string& where, const std::string& expected) {
    throw formulary_error(std::string(origin), "", where, "expected " + expected);
}

std::optional<evidence_status> status_of(const json& j) {
    if (!j.contains("status") || !j["status"].is_string()) return std::nullopt;
    return evidence_status_from_string(j["status"].get<std::string>());
}

// {value, source, status}: value a number, a [low, high] range (its midpoint is the typical
// value, docs/simulation.md), or null. `scale` turns the number into the quantity.
template <class Q, class Make>
sourced<Q> read_parameter(const json& owner, const char* key, std::string_view origin, const std::string& where,
                          Make make) {
    sourced<Q> out;
    if (!owner.contains(key)) return out;  // not listed: unknown, no source
    const json& j = owner[key];
    const std::string at = where + "." + key;
    if (!j.is_object()) reject(origin, at, "an object {value, source, status}");
    const auto status = status_of(j);
    if (!status) reject(origin, at + ".status", "verified, secondary or unverified");
    out.origin.status = *status;
    if (j.contains("source") && j["source"].is_string()) out.origin.source = j["source"].get<std::string>();
    if (out.origin.source.empty()) reject(origin, at + ".source", "the source of the value, or why it is not known");
    const json& v = j.contains("value") ? j["value"] : json();
    if (v.is_null()) return out;
    double number = 0;
    if (v.is_number()) {
        number = v.get<double>();
    } else if (v.is_array() && v.size() == 2 && v[0].is_number() && v[1].is_number() &&
               v[0].get<double>() <= v[1].get<double>()) {
        number = (v[0].get<double>() + v[1].get<double>()) / 2.0;
    } else {
        reject(origin, at + ".value", "a number, a [low, high] range or null");
    }
    if (!std::isfinite(number) || number <= 0) reject(origin, at + ".value", "a positive number");
    out.value = make(number);
    return out;
}

auto as_hours = [](double h) { return h * units::hour; };
auto as_fraction = [](double f) { return percent(f * units::fraction); };
auto as_litres = [](double l) { return l * units::L; };
auto as_ratio = [](double r) { return r; };

}  // namespace

std::vector<pharmacokinetics> read_pharmacokinetics(std::string_view json_text, std::string_view origin) {
    json root;
    try {
        root = json::parse(json_text);
    } catch (const json::parse_error& e) {
        reject(origin, "the file", std::string("JSON (") + e.what() + ")");
    }
    if (!root.is_object() || root.value("format", "") != "taper-pharmacokinetics")
        reject(origin, "format", "\"taper-pharmacokinetics\"");
    if (!root.contains("drugs") || !root["drugs"].is_array()) reject(origin, "drugs", "a list");
    std::vector<pharmacokinetics> out;
    for (std::size_t i = 0; i < root["drugs"].size(); ++i) {
        const json& d = root["drugs"][i];
        const std::string where = "drugs[" + std::to_string(i) + "]";
        if (!d.is_object() || !d.contains("drug") || !d["drug"].is_string())
            reject(origin, where + ".drug", "the drug's name");
        pharmacokinetics pk;
        pk.drug = d["drug"].get<std::string>();
        pk.half_life = read_parameter<hours>(d, "half_life_h", origin, where, as_hours);
        pk.time_to_peak = read_parameter<hours>(d, "tmax_h", origin, where, as_hours);
        pk.bioavailability = read_parameter<percent>(d, "bioavailability", origin, where, as_fraction);
        pk.volume = read_parameter<litres>(d, "volume_l", origin, where, as_litres);
        pk.volume_per_kg = read_parameter<double>(d, "volume_l_per_kg", origin, where, as_ratio);
        if (pk.bioavailability && in(*pk.bioavailability, units::fraction) > 1.0)
            reject(origin, where + ".bioavailability.value", "a fraction from 0 to 1");
        if (d.contains("notes") && d["notes"].is_string()) pk.notes = d["notes"].get<std::string>();
        if (d.contains("metabolite")) {
            const json& m = d["metabolite"];
            const std::string at = where + ".metabolite";
            if (!m.is_object() || !m.contains("name") || !m["name"].is_string() || !m.contains("active") ||
                !m["active"].is_boolean())
                reject(origin, at, "an object with a name and whether it is active");
            metabolite_pharmacokinetics met;
            met.name = m["name"].get<std::string>();
            met.active = m["active"].get<bool>();
            met.half_life = read_parameter<hours>(m, "half_life_h", origin, at, as_hours);
            met.fraction_formed = read_parameter<percent>(m, "fraction_formed", origin, at, as_fraction);
            met.relative_potency = read_parameter<double>(m, "relative_potency", origin, at, as_ratio);
            if (m.contains("notes") && m["notes"].is_string()) met.notes = m["notes"].get<std::string>();
            pk.metabolite = std::move(met);
        }
        out.push_back(std::move(pk));
    }
    return out;
}

std::span<const pharmacokinetics> embedded_pharmacokinetics() {
    static const std::vector<pharmacokinetics> table =
        read_pharmacokinetics(detail::embedded_pharmacokinetics_json, "embedded pharmacokinetics.json");
    return table;
}

const pharmacokinetics* pharmacokinetics_of(std::string_view drug_name) noexcept {
    try {
        for (const auto& pk : embedded_pharmacokinetics())
            if (detail::equals_ignoring_case(pk.drug, detail::trim(drug_name))) return &pk;
    } catch (...) {
        return nullptr;  // the embedded table is checked by tests; never expected here
    }
    return nullptr;
}

double absorption_rate_per_hour(hours time_to_peak, hours half_life) {
    const double tmax = in(time_to_peak, units::hour);
    const double t_half = in(half_life, units::hour);
    if (!(std::isfinite(tmax) && tmax > 0 && std::isfinite(t_half) && t_half > 0))
        throw invalid_argument_error("the time to peak and the half-life must be positive hours",
                                     error_detail{error_code::invalid_argument, {}, "positive hours", "time to peak", {}});
    const double ke = std::log(2.0) / t_half;
    // tmax(ka) = ln(ka/ke)/(ka − ke) falls from 1/ke (ka → ke) to 0 (ka → ∞): one root above ke
    // when tmax < 1/ke. Bisection on log(ka) is slow but sure, and runs once per drug.
    if (tmax >= 1.0 / ke)
        throw invalid_argument_error("a time to peak of " + std::to_string(tmax) + " h cannot come from first-order "
                                     "absorption with a half-life of " + std::to_string(t_half) + " h (it must be "
                                     "below 1/ke = " + std::to_string(1.0 / ke) + " h)",
                                     error_detail{error_code::invalid_argument, {}, "tmax < half-life / ln 2", "time to peak", {}});
    auto peak_time = [&](double ka) { return std::log(ka / ke) / (ka - ke); };
    double lo = ke * (1.0 + 1e-12), hi = ke * 2.0;
    while (peak_time(hi) > tmax) hi *= 2.0;
    for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; ++i) {
        const double mid = std::sqrt(lo * hi);
        (peak_time(mid) > tmax ? lo : hi) = mid;
    }
    return std::sqrt(lo * hi);
}

}  // namespace taper
