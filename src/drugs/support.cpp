// The support directory: data/support.json, read with nlohmann::json. See
// include/taper/drugs/support.hpp and docs/drug-data.md ("Where to find support").
#include <taper/drugs/support.hpp>

#include <taper/error.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <set>

namespace taper {

namespace detail {
extern const std::string_view embedded_support_json;  // generated from data/support.json
}

namespace {

using json = nlohmann::json;

[[noreturn]] void fail(std::string_view origin, std::string_view entry, std::string_view field,
                       const std::string& problem) {
    throw formulary_error(std::string(origin), std::string(entry), std::string(field), problem);
}

std::string text(const json& obj, std::string_view key, std::string_view origin, std::string_view entry,
                 bool required = true) {
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) {
        if (required) fail(origin, entry, key, "required");
        return {};
    }
    if (!it->is_string()) fail(origin, entry, key, "expected a string");
    std::string s = it->get<std::string>();
    if (required && s.empty()) fail(origin, entry, key, "must not be empty");
    return s;
}

void only_keys(const json& obj, std::initializer_list<std::string_view> allowed, std::string_view origin,
               std::string_view entry) {
    if (!obj.is_object()) fail(origin, entry, "", "expected an object");
    for (const auto& [key, value] : obj.items()) {
        (void)value;
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
            fail(origin, entry, key, "unknown field");
    }
}

constexpr std::string_view countries[] = {"uk", "us", "hk", "online"};

bool in_country(const support_organisation& o, std::string_view country) {
    return country.empty() || o.country == country;
}

}  // namespace

bool support_organisation::fits(const drug& d) const noexcept {
    if (is_general()) return true;
    if (std::find(drugs.begin(), drugs.end(), d.name) != drugs.end()) return true;
    return std::find(classes.begin(), classes.end(), d.klass) != classes.end();
}

support_directory support_directory::from_json(std::string_view json_text, std::string_view origin) {
    json doc;
    try {
        doc = json::parse(json_text.begin(), json_text.end());
    } catch (const json::exception& e) {
        fail(origin, "", "", std::string("not valid JSON: ") + e.what());
    }
    only_keys(doc, {"format", "version", "about", "sources", "organisations"}, origin, "");
    if (doc.value("format", "") != "taper-support" || doc.value("version", 0) != 1)
        fail(origin, "", "format", "expected \"taper-support\" version 1");

    support_directory dir;
    const auto& sources = doc.at("sources");
    if (!sources.is_array()) fail(origin, "", "sources", "expected a list");
    for (const auto& s : sources) {
        only_keys(s, {"id", "title", "published", "where", "notes"}, origin, "sources[]");
        support_source src{text(s, "id", origin, "sources[]"), {}, {}, {}, {}};
        src.title = text(s, "title", origin, src.id);
        src.published = text(s, "published", origin, src.id, false);
        src.where = text(s, "where", origin, src.id);
        src.notes = text(s, "notes", origin, src.id, false);
        dir.sources_.push_back(std::move(src));
    }

    const auto& orgs = doc.at("organisations");
    if (!orgs.is_array()) fail(origin, "", "organisations", "expected a list");
    std::set<std::string> ids;
    for (const auto& o : orgs) {
        only_keys(o, {"id", "name", "kind", "offers", "phone", "country", "classes", "drugs", "source"}, origin,
                  "organisations[]");
        support_organisation org;
        org.id = text(o, "id", origin, "organisations[]");
        if (!ids.insert(org.id).second) fail(origin, org.id, "id", "appears twice");
        org.name = text(o, "name", origin, org.id);
        org.kind = text(o, "kind", origin, org.id);
        org.offers = text(o, "offers", origin, org.id);
        if (auto phone = text(o, "phone", origin, org.id, false); !phone.empty()) org.phone = phone;
        org.country = text(o, "country", origin, org.id);
        if (std::find(std::begin(countries), std::end(countries), org.country) == std::end(countries))
            fail(origin, org.id, "country", "\"" + org.country + "\" is not uk, us, hk or online");
        for (const auto& c : o.value("classes", json::array())) {
            const auto klass = c.is_string() ? drug_class_from_string(c.get<std::string>()) : std::nullopt;
            if (!klass) fail(origin, org.id, "classes", c.dump() + " is not a drug class");
            org.classes.push_back(*klass);
        }
        for (const auto& d : o.value("drugs", json::array())) {
            if (!d.is_string() || d.get<std::string>().empty()) fail(origin, org.id, "drugs", "expected drug names");
            org.drugs.push_back(d.get<std::string>());
        }
        const std::string source = text(o, "source", origin, org.id);
        const auto it = std::find_if(dir.sources_.begin(), dir.sources_.end(),
                                     [&](const support_source& s) { return s.id == source; });
        if (it == dir.sources_.end()) fail(origin, org.id, "source", "\"" + source + "\" is not one of the sources");
        org.source = &*it;  // sources_ is complete and never grows again
        dir.organisations_.push_back(std::move(org));
    }
    return dir;
}

const support_directory& support_directory::embedded() {
    static const support_directory dir = from_json(detail::embedded_support_json, "embedded support.json");
    return dir;
}

std::vector<const support_organisation*> support_directory::for_drug(const drug& d, std::string_view country) const {
    std::vector<const support_organisation*> named, by_class, general;
    for (const auto& o : organisations_) {
        if (!in_country(o, country) || !o.fits(d)) continue;
        if (std::find(o.drugs.begin(), o.drugs.end(), d.name) != o.drugs.end())
            named.push_back(&o);
        else if (o.is_general())
            general.push_back(&o);
        else
            by_class.push_back(&o);
    }
    named.insert(named.end(), by_class.begin(), by_class.end());
    named.insert(named.end(), general.begin(), general.end());
    return named;
}

std::vector<const support_organisation*> support_directory::for_class(drug_class c, std::string_view country) const {
    std::vector<const support_organisation*> by_class, general;
    for (const auto& o : organisations_) {
        if (!in_country(o, country)) continue;
        if (o.is_general())
            general.push_back(&o);
        else if (std::find(o.classes.begin(), o.classes.end(), c) != o.classes.end())
            by_class.push_back(&o);
    }
    by_class.insert(by_class.end(), general.begin(), general.end());
    return by_class;
}

namespace {

/// `in_country` then the online ones of `all` (or `all` when the country is not known).
std::vector<const support_organisation*> country_then_online(const std::vector<const support_organisation*>& all,
                                                             std::string_view country) {
    if (country.empty()) return all;
    std::vector<const support_organisation*> out;
    for (const auto* o : all)
        if (o->country == country) out.push_back(o);
    for (const auto* o : all)
        if (o->country == "online") out.push_back(o);
    return out;
}

}  // namespace

std::vector<const support_organisation*> support_directory::for_person(const drug& d, std::string_view country) const {
    return country_then_online(for_drug(d), country);
}

std::vector<const support_organisation*> support_directory::for_person(drug_class c, std::string_view country) const {
    return country_then_online(for_class(c), country);
}

std::string support_country_from_code(std::string_view code) {
    std::string lower;
    for (const char ch : code) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (lower == "gb" || lower == "uk") return "uk";
    if (lower == "us" || lower == "hk") return lower;
    return {};
}

std::string to_json(std::span<const support_organisation* const> organisations) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto* o : organisations) {
        nlohmann::ordered_json j;
        j["id"] = o->id;
        j["name"] = o->name;
        j["kind"] = o->kind;
        j["offers"] = o->offers;
        j["phone"] = o->phone ? nlohmann::ordered_json(*o->phone) : nlohmann::ordered_json();
        j["country"] = o->country;
        auto classes = nlohmann::ordered_json::array();
        for (auto c : o->classes) classes.push_back(std::string(to_string(c)));
        j["classes"] = std::move(classes);
        j["drugs"] = o->drugs;
        j["source"] = o->source ? o->source->title : std::string();
        j["published"] = (o->source && !o->source->published.empty()) ? nlohmann::ordered_json(o->source->published)
                                                                        : nlohmann::ordered_json();
        list.push_back(std::move(j));
    }
    return list.dump(2) + "\n";
}

}  // namespace taper
