// Reads data/codes.json: see codes_json.hpp and docs/drug-data.md ("Codes").
#include "codes_json.hpp"

#include "formulary_json.hpp"

#include <taper/error.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace taper::detail {

void apply_codes(std::vector<drug>& drugs, std::string_view json_text, std::string_view origin) {
    using json = nlohmann::json;
    const std::string where(origin);
    json doc;
    try {
        doc = json::parse(json_text.begin(), json_text.end());
    } catch (const json::exception& e) {
        throw formulary_error(where, "", "", std::string("is not valid JSON: ") + e.what());
    }
    if (!doc.is_object() || doc.value("format", "") != "taper-codes" || !doc.contains("drugs") ||
        !doc["drugs"].is_object())
        throw formulary_error(where, "", "", "is not a taper-codes document (format \"taper-codes\", \"drugs\" object)");
    for (const auto& [name, list] : doc["drugs"].items()) {
        const auto it = std::find_if(drugs.begin(), drugs.end(), [&](const drug& d) { return name_key(d.name) == name_key(name); });
        if (it == drugs.end()) throw formulary_error(where, name, "", "names a drug the data does not have");
        if (!list.is_array()) throw formulary_error(where, name, "codes", "must be a list");
        for (const auto& c : list) {
            const auto text = [&](const char* field) {
                if (!c.is_object() || !c.contains(field) || !c[field].is_string() || c[field].get<std::string>().empty())
                    throw formulary_error(where, name, field, "is needed, as a text");
                return c[field].get<std::string>();
            };
            drug_code code{text("system"), text("code"), text("display"), {text("source"), evidence_status::unverified}};
            const auto status = evidence_status_from_string(text("status"));
            if (!status) throw formulary_error(where, name, "status", "must be verified, secondary or unverified");
            code.origin.status = *status;
            if (std::find(it->codes.begin(), it->codes.end(), code) == it->codes.end()) it->codes.push_back(std::move(code));
        }
    }
}

}  // namespace taper::detail
