// Reads taper-formulary JSON (docs/drug-data.md) with nlohmann::json.
//
// Every check names the origin (file), the drug and the field. Unknown keys are errors, so
// a misspelt field is never silently ignored. Provenance is per object in the file and per
// value in memory: each value set here takes the provenance of the object it came from.
#include "formulary_json.hpp"
#include "../detail/text.hpp"

#include <taper/error.hpp>
#include <taper/units/from_value.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace taper::detail {

using json = nlohmann::json;

std::string name_key(std::string_view name) {
    while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
    return ascii_lower(name);
}

namespace {

constexpr int supported_version = 1;

/// Where we are in the document, for error messages.
struct location {
    std::string origin;
    std::string drug;
    std::string path;  // field path inside the drug, e.g. formulations[drops].strength

    location at(std::string_view field) const {
        location l = *this;
        if (!l.path.empty() && !field.starts_with('[')) l.path += '.';
        l.path += field;
        return l;
    }
    [[noreturn]] void fail(const std::string& problem) const {
        throw formulary_error(origin, drug, path, problem);
    }
};

std::string describe(const json& v) {
    switch (v.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return "a boolean";
        case json::value_t::string: return "a string";
        case json::value_t::array: return "a list";
        case json::value_t::object: return "an object";
        case json::value_t::discarded: return "nothing";
        default: return "a number";
    }
}

void require_keys(const json& obj, std::initializer_list<std::string_view> allowed,
                  const location& where) {
    for (const auto& [key, value] : obj.items()) {
        (void)value;
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
            std::string list;
            for (auto a : allowed) {
                if (!list.empty()) list += ", ";
                list += a;
            }
            where.at(key).fail("unknown field; expected one of: " + list);
        }
    }
}

const json& require_object(const json& v, const location& where) {
    if (!v.is_object()) where.fail("expected an object, found " + describe(v));
    return v;
}

std::string read_string(const json& v, const location& where, bool allow_empty = false) {
    if (!v.is_string()) where.fail("expected a string, found " + describe(v));
    auto s = v.get<std::string>();
    if (!allow_empty && s.empty()) where.fail("must not be empty");
    // Names and notes reach terminals: a line break, an escape sequence or a NUL in them could
    // rewrite what a person reads (nlohmann has already refused invalid UTF-8).
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        const bool c1 = c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
                        static_cast<unsigned char>(s[i + 1]) <= 0x9F;  // U+0080 ... U+009F
        if (c < 0x20 || c == 0x7F || c1)
            where.fail("contains a control character (byte " + std::to_string(i + 1) +
                       "); text in a formulary is one line of printable UTF-8");
    }
    return s;
}

std::vector<std::string> read_string_list(const json& v, const location& where) {
    if (!v.is_array()) where.fail("expected a list of strings, found " + describe(v));
    std::vector<std::string> out;
    for (std::size_t i = 0; i < v.size(); ++i)
        out.push_back(read_string(v[i], where.at(std::string("[").append(std::to_string(i)).append("]"))));
    return out;
}

double read_number(const json& v, const location& where, const std::string& rule,
                   const std::function<bool(double)>& ok) {
    if (!v.is_number()) where.fail("expected a number (" + rule + "), found " + describe(v));
    const double d = v.get<double>();
    if (!std::isfinite(d) || !ok(d)) where.fail("expected a number " + rule + ", found " + v.dump());
    return d;
}

bool positive(double d) { return d > 0; }

/// The provenance an object in the file gives its values.
provenance read_provenance(const json& obj, const location& where, const provenance& fallback) {
    provenance p = fallback;
    if (auto it = obj.find("source"); it != obj.end())
        p.source = read_string(*it, where.at("source"));
    if (auto it = obj.find("status"); it != obj.end()) {
        const auto text = read_string(*it, where.at("status"));
        const auto s = evidence_status_from_string(text);
        if (!s)
            where.at("status").fail("\"" + text +
                                    "\" is not a status; expected verified, secondary, "
                                    "unverified or user-supplied");
        p.status = *s;
    }
    return p;
}

/// Set `target` from obj[key] if present: null clears it, a value is read by `read`.
template <class T, class Read>
void set_if_present(sourced<T>& target, const json& obj, std::string_view key,
                    const location& where, const provenance& origin, Read read) {
    const auto it = obj.find(key);
    if (it == obj.end()) return;
    target.origin = origin;
    if (it->is_null())
        target.value.reset();
    else
        target.value = read(*it, where.at(key));
}

auto boolean_reader() {
    return [](const json& v, const location& where) {
        if (!v.is_boolean()) where.fail("expected true, false or null, found " + describe(v));
        return v.get<bool>();
    };
}

auto positive_number_reader(std::string rule = "greater than 0") {
    return [rule](const json& v, const location& where) {
        return read_number(v, where, rule, positive);
    };
}

/// How many times a day a form is taken: a whole number from 1 to 6 (a label dividing the day
/// more finely than every four hours is not one this library plans for).
auto doses_per_day_reader() {
    return [](const json& v, const location& where) {
        const double d = read_number(v, where, "a whole number from 1 to 6",
                                     [](double x) { return x >= 1 && x <= 6 && x == static_cast<int>(x); });
        return static_cast<int>(d);
    };
}

/// [low, high] in hours.
auto hours_range_reader() {
    return [](const json& v, const location& where) {
        if (!v.is_array() || v.size() != 2)
            where.fail("expected [shortest, longest] in hours, found " + describe(v));
        const double lo = read_number(v[0], where.at("[0]"), "greater than 0", positive);
        const double hi = read_number(v[1], where.at("[1]"), "greater than 0", positive);
        if (lo > hi) where.fail("the shortest half-life is longer than the longest");
        return hours_range{from_value<hours>(lo), from_value<hours>(hi)};
    };
}

/// A number or a non-empty list of numbers > 0.
std::vector<double> read_positive_list(const json& v, const location& where) {
    std::vector<double> out;
    if (v.is_array()) {
        if (v.empty()) where.fail("expected a number or a non-empty list of numbers, found []");
        for (std::size_t i = 0; i < v.size(); ++i)
            out.push_back(read_number(v[i], where.at(std::string("[").append(std::to_string(i)).append("]")),
                                      "greater than 0", positive));
    } else {
        out.push_back(read_number(v, where, "greater than 0", positive));
    }
    return out;
}

/// Appends the values of `from` not yet in `to`, keeping the order. Linear (a set of what is
/// there): a drug may carry tens of thousands of cautions.
void append_unique(std::vector<std::string>& to, const std::vector<std::string>& from) {
    if (from.empty()) return;
    std::unordered_set<std::string_view> present(to.begin(), to.end());
    std::vector<std::string> added;
    for (const auto& v : from)
        if (present.insert(v).second) added.push_back(v);
    to.insert(to.end(), std::make_move_iterator(added.begin()), std::make_move_iterator(added.end()));
}

market_region read_region(const json& v, const location& where) {
    const auto text = read_string(v, where);
    const auto r = market_region_from_string(text);
    if (!r) where.fail("\"" + text + "\" is not a region; expected \"uk\" or \"us\"");
    return *r;
}

/// A non-empty list of distinct regions, ["uk"], ["us"] or ["uk", "us"].
auto regions_reader() {
    return [](const json& v, const location& where) {
        if (!v.is_array() || v.empty())
            where.fail("expected a non-empty list of regions (\"uk\", \"us\"), found " + describe(v));
        std::vector<market_region> out;
        for (std::size_t i = 0; i < v.size(); ++i) {
            const auto r = read_region(v[i], where.at(std::string("[").append(std::to_string(i)).append("]")));
            if (std::find(out.begin(), out.end(), r) != out.end())
                where.fail("names \"" + std::string(to_string(r)) + "\" twice");
            out.push_back(r);
        }
        return out;
    };
}

// ---------------------------------------------------------------------------------------
// targets

void apply_target(drug& d, const json& obj, const location& where, const provenance& fallback) {
    require_object(obj, where);
    require_keys(obj, {"id", "receptor", "model", "emax", "ed50_mg", "hill", "region", "source",
                       "status", "notes"},
                 where);
    const auto id_it = obj.find("id");
    if (id_it == obj.end()) where.at("id").fail("every target needs an id");
    const std::string id = read_string(*id_it, where.at("id"));
    const location here = location{where.origin, where.drug, "targets[" + id + "]"};

    if (auto it = obj.find("model"); it != obj.end() && read_string(*it, here.at("model")) != "emax")
        here.at("model").fail("only the \"emax\" (Hill) model is supported");

    occupancy_model* m = nullptr;
    for (auto& t : d.targets)
        if (t.id == id) m = &t;
    if (m == nullptr) {
        if (!obj.contains("receptor"))
            here.at("receptor").fail("a new target needs a receptor (e.g. \"SERT\", \"D2\")");
        d.targets.push_back(occupancy_model{});
        m = &d.targets.back();
        m->id = id;
    }
    const provenance p = read_provenance(obj, here, fallback);
    if (auto it = obj.find("receptor"); it != obj.end())
        m->receptor = read_string(*it, here.at("receptor"));
    if (auto it = obj.find("region"); it != obj.end())
        m->region = it->is_null() ? std::nullopt
                                  : std::optional<std::string>(read_string(*it, here.at("region")));
    if (auto it = obj.find("notes"); it != obj.end())
        m->notes = read_string(*it, here.at("notes"), true);
    set_if_present(m->emax_percent, obj, "emax", here, p, [](const json& v, const location& w) {
        return read_number(v, w, "between 0 and 200 (%)", [](double x) { return x > 0 && x < 200; });
    });
    set_if_present(m->ed50, obj, "ed50_mg", here, p, [](const json& v, const location& w) {
        return from_value<mass>(read_number(v, w, "greater than 0 (mg)", positive));
    });
    set_if_present(m->hill, obj, "hill", here, p, positive_number_reader());
}

// ---------------------------------------------------------------------------------------
// formulations

void apply_formulation(drug& d, const json& obj, const location& where,
                       const provenance& fallback) {
    require_object(obj, where);
    require_keys(obj, {"id", "form", "strength", "unit", "scored", "splittable",
                       "modified_release", "enteric_coated", "bioavailability_vs_tablet",
                       "drop_volume_ml", "beads_per_capsule", "must_dilute", "dispersible",
                       "orodispersible", "doses_per_day", "regions", "brand", "excipient_cautions",
                       "source", "status", "notes"},
                 where);
    const auto id_it = obj.find("id");
    if (id_it == obj.end()) where.at("id").fail("every formulation needs an id");
    const std::string id = read_string(*id_it, where.at("id"));
    const location here = location{where.origin, where.drug, "formulations[" + id + "]"};

    std::optional<form_kind> kind;
    if (auto it = obj.find("form"); it != obj.end()) {
        const auto text = read_string(*it, here.at("form"));
        kind = form_kind_from_string(text);
        if (!kind)
            here.at("form").fail("\"" + text +
                                 "\" is not a form; expected tablet, capsule, beads, liquid or drops");
    }

    formulation* f = nullptr;
    for (auto& existing : d.formulations)
        if (existing.id == id) f = &existing;
    if (f == nullptr) {
        if (!kind) here.at("form").fail("a new formulation needs a form");
        if (!obj.contains("unit")) here.at("unit").fail("a new formulation needs a unit");
        d.formulations.push_back(formulation{});
        f = &d.formulations.back();
        f->id = id;
        f->kind = *kind;
    } else if (kind && *kind != f->kind) {
        here.at("form").fail("cannot change the form of an existing formulation (" +
                             std::string(to_string(f->kind)) + "); add one with a new id");
    }

    const bool liquid = is_liquid(f->kind);
    const std::string expected_unit = liquid ? "mg/mL" : "mg";
    if (auto it = obj.find("unit"); it != obj.end()) {
        const auto unit = read_string(*it, here.at("unit"));
        if (unit != expected_unit)
            here.at("unit").fail("\"" + unit + "\" does not fit a " +
                                 std::string(to_string(f->kind)) + "; expected \"" +
                                 expected_unit + "\"" +
                                 (liquid ? "" : " (mg per tablet or capsule)"));
    }

    const provenance p = read_provenance(obj, here, fallback);
    if (auto it = obj.find("strength"); it != obj.end()) {
        f->unit_strengths = {};
        f->concentrations = {};
        auto& origin = liquid ? f->concentrations.origin : f->unit_strengths.origin;
        origin = p;
        if (!it->is_null()) {
            const auto values = read_positive_list(*it, here.at("strength"));
            if (liquid) {
                std::vector<concentration> c;
                for (double v : values) c.push_back(from_value<concentration>(v));
                f->concentrations.value = std::move(c);
            } else {
                std::vector<mass> m;
                for (double v : values) m.push_back(from_value<mass>(v));
                f->unit_strengths.value = std::move(m);
            }
        }
    }
    set_if_present(f->scored, obj, "scored", here, p, boolean_reader());
    set_if_present(f->splittable, obj, "splittable", here, p, boolean_reader());
    set_if_present(f->modified_release, obj, "modified_release", here, p, boolean_reader());
    set_if_present(f->enteric_coated, obj, "enteric_coated", here, p, boolean_reader());
    set_if_present(f->must_dilute, obj, "must_dilute", here, p, boolean_reader());
    set_if_present(f->dispersible, obj, "dispersible", here, p, boolean_reader());
    set_if_present(f->orodispersible, obj, "orodispersible", here, p, boolean_reader());
    set_if_present(f->doses_per_day, obj, "doses_per_day", here, p, doses_per_day_reader());
    set_if_present(f->regions, obj, "regions", here, p, regions_reader());
    if (auto it = obj.find("brand"); it != obj.end())
        f->brand = read_string(*it, here.at("brand"), true);
    if (auto it = obj.find("excipient_cautions"); it != obj.end())
        append_unique(f->excipient_cautions, read_string_list(*it, here.at("excipient_cautions")));
    set_if_present(f->bioavailability_vs_tablet, obj, "bioavailability_vs_tablet", here, p,
                   positive_number_reader());
    if (obj.contains("drop_volume_ml") && f->kind != form_kind::drops && !obj["drop_volume_ml"].is_null())
        here.at("drop_volume_ml").fail("only drops have a drop volume");
    set_if_present(f->drop_volume, obj, "drop_volume_ml", here, p,
                   [](const json& v, const location& w) {
                       return from_value<volume_per_drop>(read_number(v, w, "greater than 0 (mL)", positive));
                   });
    if (obj.contains("beads_per_capsule") && f->kind != form_kind::beads &&
        !obj["beads_per_capsule"].is_null())
        here.at("beads_per_capsule").fail("only capsules of beads have a bead count");
    set_if_present(f->bead_counts, obj, "beads_per_capsule", here, p,
                   [](const json& v, const location& w) {
                       std::vector<beads_per_capsule> out;
                       for (double n : read_positive_list(v, w)) out.push_back(from_value<beads_per_capsule>(n));
                       return out;
                   });
    if (auto it = obj.find("notes"); it != obj.end())
        f->notes = read_string(*it, here.at("notes"), true);

    // Cross-field rule: bead counts go with strengths, one each.
    if (f->bead_counts.known()) {
        const std::size_t strengths = f->unit_strengths.known() ? f->unit_strengths->size() : 0;
        if (f->bead_counts->size() != strengths)
            here.at("beads_per_capsule")
                .fail("gives " + std::to_string(f->bead_counts->size()) +
                      " bead count(s) for " + std::to_string(strengths) +
                      " strength(s); give one count per strength, in the same order");
    }
}

// ---------------------------------------------------------------------------------------
// half-life, equivalents

void apply_half_life(drug& d, const json& obj, const location& where, const provenance& fallback) {
    require_object(obj, where);
    require_keys(obj, {"parent_h", "metabolite", "source", "status"}, where);
    const provenance p = read_provenance(obj, where, fallback);
    set_if_present(d.half_life.parent, obj, "parent_h", where, p, hours_range_reader());
    if (auto it = obj.find("metabolite"); it != obj.end()) {
        const location m_where = where.at("metabolite");
        if (it->is_null()) {
            d.half_life.metabolite.reset();
            return;
        }
        require_object(*it, m_where);
        require_keys(*it, {"name", "range_h", "source", "status"}, m_where);
        if (!d.half_life.metabolite) {
            if (!it->contains("name")) m_where.at("name").fail("a metabolite needs a name");
            d.half_life.metabolite.emplace();
        }
        auto& met = *d.half_life.metabolite;
        if (auto n = it->find("name"); n != it->end()) met.name = read_string(*n, m_where.at("name"));
        const provenance mp = read_provenance(*it, m_where, p);
        set_if_present(met.range, *it, "range_h", m_where, mp, hours_range_reader());
    }
}

void apply_equivalents(drug& d, const json& obj, const location& where,
                       const provenance& fallback) {
    require_object(obj, where);
    for (const auto& [table, entry] : obj.items()) {
        const location t_where = where.at(table);
        if (table.empty()) t_where.fail("a table needs a name");
        require_object(entry, t_where);
        require_keys(entry, {"dose_mg", "source", "status"}, t_where);
        const provenance p = read_provenance(entry, t_where, fallback);
        auto& slot = d.equivalents.tables[table];
        if (!entry.contains("dose_mg") && !slot.origin.source.empty()) {
            slot.origin = p;  // provenance-only update
            continue;
        }
        if (!entry.contains("dose_mg")) t_where.at("dose_mg").fail("a new table entry needs dose_mg");
        set_if_present(slot, entry, "dose_mg", t_where, p, [](const json& v, const location& w) {
            const auto values = read_positive_list(v, w);
            if (values.size() > 2) w.fail("expected a dose or a [low, high] range");
            if (values.size() == 2 && values[0] > values[1])
                w.fail("the low end of the range is above the high end");
            return equivalent_dose{from_value<mass>(values.front()), from_value<mass>(values.back())};
        });
    }
}

/// One licensed maximum. Entries are keyed by (region, population, indication): an overlay
/// entry with the key of an existing one replaces its dose, provenance and notes.
void apply_max_daily_dose(drug& d, const json& obj, const location& where,
                          const provenance& fallback) {
    require_object(obj, where);
    require_keys(obj, {"dose_mg", "region", "population", "indication", "source", "status", "notes"},
                 where);
    const auto region_it = obj.find("region");
    if (region_it == obj.end()) where.at("region").fail("every maximum needs its region (\"uk\" or \"us\")");
    licensed_maximum key;
    key.region = read_region(*region_it, where.at("region"));
    if (auto it = obj.find("population"); it != obj.end())
        key.population = read_string(*it, where.at("population"));
    if (auto it = obj.find("indication"); it != obj.end())
        key.indication = read_string(*it, where.at("indication"), true);
    const location here{where.origin, where.drug,
                        "max_daily_dose[" + std::string(to_string(key.region)) + "/" + key.population +
                            (key.indication.empty() ? "" : "/" + key.indication) + "]"};

    auto existing = std::find_if(d.max_daily_dose.begin(), d.max_daily_dose.end(), [&](const licensed_maximum& m) {
        return m.region == key.region && m.population == key.population && m.indication == key.indication;
    });
    const auto dose_it = obj.find("dose_mg");
    if (dose_it == obj.end() || dose_it->is_null())
        here.at("dose_mg").fail("a licensed maximum needs its dose in mg a day (leave out what is not known)");
    licensed_maximum& m = existing != d.max_daily_dose.end() ? *existing : d.max_daily_dose.emplace_back(key);
    m.daily_dose.origin = read_provenance(obj, here, fallback);
    m.daily_dose.value = from_value<mass>(read_number(*dose_it, here.at("dose_mg"), "greater than 0 (mg a day)", positive));
    if (auto it = obj.find("notes"); it != obj.end()) m.notes = read_string(*it, here.at("notes"), true);
}

// ---------------------------------------------------------------------------------------
// a drug

void apply_drug(drug& d, bool is_new, const json& obj, const location& where,
                const provenance& fallback) {
    require_keys(obj, {"name", "class", "class_label", "aliases", "brand_names", "default_target",
                       "targets", "half_life", "formulations", "equivalents", "max_daily_dose",
                       "cautions", "notes"},
                 where);
    if (auto it = obj.find("class"); it != obj.end()) {
        const auto text = read_string(*it, where.at("class"));
        const auto c = drug_class_from_string(text);
        if (!c)
            where.at("class").fail("\"" + text +
                                   "\" is not a class; expected ssri, snri, serotonin_modulator, "
                                   "nassa, antipsychotic, benzodiazepine, z_drug, tricyclic, maoi, "
                                   "atypical_antidepressant, mood_stabilizer, gabapentinoid or other");
        d.klass = *c;
        if (d.class_label.empty()) d.class_label = text;
    } else if (is_new) {
        where.at("class").fail("a new drug needs a class");
    }
    if (auto it = obj.find("class_label"); it != obj.end())
        d.class_label = read_string(*it, where.at("class_label"));
    if (auto it = obj.find("aliases"); it != obj.end())
        append_unique(d.aliases, read_string_list(*it, where.at("aliases")));
    if (auto it = obj.find("brand_names"); it != obj.end())
        append_unique(d.brand_names, read_string_list(*it, where.at("brand_names")));
    if (auto it = obj.find("cautions"); it != obj.end())
        append_unique(d.cautions, read_string_list(*it, where.at("cautions")));
    if (auto it = obj.find("notes"); it != obj.end())
        d.notes = read_string(*it, where.at("notes"), true);

    auto each = [&](std::string_view key, auto apply) {
        const auto it = obj.find(key);
        if (it == obj.end()) return;
        if (!it->is_array()) where.at(key).fail("expected a list, found " + describe(*it));
        for (std::size_t i = 0; i < it->size(); ++i)
            apply(d, (*it)[i], where.at(std::string(key) + "[" + std::to_string(i) + "]"), fallback);
    };
    each("targets", apply_target);
    each("formulations", apply_formulation);
    each("max_daily_dose", apply_max_daily_dose);
    if (auto it = obj.find("half_life"); it != obj.end())
        apply_half_life(d, *it, where.at("half_life"), fallback);
    if (auto it = obj.find("equivalents"); it != obj.end())
        apply_equivalents(d, *it, where.at("equivalents"), fallback);

    if (auto it = obj.find("default_target"); it != obj.end())
        d.default_target = read_string(*it, where.at("default_target"));
    else if (d.default_target.empty() && !d.targets.empty()) {
        // A user-added drug without a stated default: the first model that can be evaluated.
        auto usable = std::find_if(d.targets.begin(), d.targets.end(),
                                   [](const occupancy_model& m) { return m.usable(); });
        d.default_target = (usable != d.targets.end() ? *usable : d.targets.front()).id;
    }
    if (!d.default_target.empty() && d.find_target(d.default_target) == nullptr)
        where.at("default_target").fail("\"" + d.default_target + "\" is not one of the drug's targets");
}

/// No two drugs may answer to the same name, alias or brand.
void check_names_unique(const std::vector<drug>& drugs, const std::string& origin) {
    std::map<std::string, const drug*> owner;
    for (const auto& d : drugs) {
        auto claim = [&](const std::string& n, const char* field) {
            const auto key = name_key(n);
            if (key.empty()) throw formulary_error(origin, d.name, field, "a name must not be empty");
            auto [it, inserted] = owner.emplace(key, &d);
            if (!inserted && it->second != &d)
                throw formulary_error(origin, d.name, field,
                                      "\"" + n + "\" already names " + it->second->name);
        };
        claim(d.name, "name");
        for (const auto& a : d.aliases) claim(a, "aliases");
        for (const auto& b : d.brand_names) claim(b, "brand_names");
    }
}

}  // namespace

namespace {

/// The parser's message quotes the bytes it stopped at, which may be invalid UTF-8 or control
/// characters: written as \xNN, the message is plain ASCII.
std::string visible_bytes(std::string_view text) {
    std::string out;
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c >= 0x20 && c < 0x7F) {
            out += ch;
        } else {
            constexpr char hex[] = "0123456789abcdef";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 0xF];
        }
    }
    return out;
}

}  // namespace

void check_formulary_text(std::string_view text, std::string_view origin_view) {
    const std::string origin(origin_view);
    auto fail = [&](const std::string& problem) { throw formulary_error(origin, "", "", problem); };
    if (const auto nul = text.find('\0'); nul != std::string_view::npos)
        fail("holds a NUL byte at byte " + std::to_string(nul + 1) + ": it is not a text file (is it the right file?)");
    if (text.size() > max_formulary_bytes)
        fail("is larger than " + std::to_string(max_formulary_bytes / (1024 * 1024)) +
             " MiB, the most a formulary may be (is it the right file?)");
    // One pass over the text: NUL bytes (binary data, /dev/zero) and the nesting depth, before
    // the parser builds anything.
    int depth = 0;
    bool in_string = false, escaped = false;
    std::size_t line = 1;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n') ++line;
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > max_formulary_depth)
                fail("nests lists and objects more than " + std::to_string(max_formulary_depth) +
                     " levels deep (line " + std::to_string(line) + "); a formulary needs about 6");
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
}

void apply_formulary(std::vector<drug>& drugs, std::string_view json_text, std::string_view origin_view) {
    check_formulary_text(json_text, origin_view);
    const std::string origin(origin_view);
    const location top{origin, "", ""};
    json doc;
    try {
        doc = json::parse(json_text.begin(), json_text.end());
    } catch (const json::exception& e) {  // syntax errors, invalid UTF-8, and numbers like 1e400
        top.fail("not valid JSON: " + visible_bytes(e.what()));
    }
    if (!doc.is_object())
        top.fail("expected an object {\"format\": \"taper-formulary\", \"version\": 1, \"drugs\": [...]}, found " +
                 describe(doc));
    require_keys(doc, {"format", "version", "drugs"}, top);
    if (auto it = doc.find("format"); it != doc.end() && read_string(*it, top.at("format")) != "taper-formulary")
        top.at("format").fail("expected \"taper-formulary\"");
    if (auto it = doc.find("version"); it != doc.end()) {
        if (!it->is_number_integer() || it->get<long long>() != supported_version)
            top.at("version").fail("this library reads version " + std::to_string(supported_version) +
                                   ", found " + it->dump());
    }
    const auto drugs_it = doc.find("drugs");
    if (drugs_it == doc.end()) top.at("drugs").fail("missing: the list of drugs");
    if (!drugs_it->is_array()) top.at("drugs").fail("expected a list, found " + describe(*drugs_it));
    if (drugs_it->size() > max_formulary_drugs)
        top.at("drugs").fail("lists " + std::to_string(drugs_it->size()) + " drugs; a formulary may hold at most " +
                             std::to_string(max_formulary_drugs));

    // Names to drugs (by index: `drugs` grows), so that each entry is found in constant time:
    // loading stays linear in the number of drugs.
    std::unordered_map<std::string, std::size_t> by_name;
    std::unordered_map<std::string, std::size_t> by_other_name;  // aliases and brands
    auto index_other_names = [&](std::size_t k) {
        for (const auto& a : drugs[k].aliases) by_other_name.emplace(name_key(a), k);
        for (const auto& b : drugs[k].brand_names) by_other_name.emplace(name_key(b), k);
    };
    for (std::size_t k = 0; k < drugs.size(); ++k) {
        by_name.emplace(drugs[k].name, k);
        index_other_names(k);
    }

    const provenance fallback{"user formulary " + origin, evidence_status::user_supplied};
    std::unordered_set<std::string> seen;
    for (std::size_t i = 0; i < drugs_it->size(); ++i) {
        const json& entry = (*drugs_it)[i];
        const location at_entry{origin, "", "drugs[" + std::to_string(i) + "]"};
        require_object(entry, at_entry);
        const auto name_it = entry.find("name");
        if (name_it == entry.end()) at_entry.at("name").fail("every drug needs a name");
        const std::string name = read_string(*name_it, at_entry.at("name"));
        const std::string key = name_key(name);
        if (key.empty()) at_entry.at("name").fail("must not be blank");
        const location where{origin, name, ""};
        if (!seen.insert(key).second) where.at("name").fail("appears twice in this file");

        const auto found = by_name.find(key);
        const bool is_new = found == by_name.end();
        std::size_t k = is_new ? drugs.size() : found->second;
        if (is_new) {
            if (const auto other = by_other_name.find(key); other != by_other_name.end()) {
                const drug& d = drugs[other->second];
                where.at("name").fail("\"" + name + "\" is another name for " + d.name + "; use \"" + d.name +
                                      "\" to change that drug");
            }
            drugs.push_back(drug{});
            drugs.back().name = key;
            by_name.emplace(key, k);
        }
        apply_drug(drugs[k], is_new, entry, where, fallback);
        index_other_names(k);
    }
    check_names_unique(drugs, origin);
}

}  // namespace taper::detail
