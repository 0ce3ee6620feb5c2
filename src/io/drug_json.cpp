// A drug's data as JSON, every value with its source: see include/taper/io/json.hpp.
#include <taper/io/json.hpp>

#include <nlohmann/json.hpp>

#include <cmath>

namespace taper {
namespace {

using ordered_json = nlohmann::ordered_json;

/// {"value": ..., "status": ..., "source": ...}; value null when not known.
template <class T, class F>
ordered_json sourced_json(const sourced<T>& s, F&& value_of) {
    ordered_json j;
    j["value"] = s.known() ? value_of(*s) : ordered_json();
    j["status"] = std::string(to_string(s.origin.status));
    j["source"] = s.origin.source;
    return j;
}

ordered_json plain(double v) { return std::isfinite(v) ? ordered_json(v) : ordered_json(); }

ordered_json drug_json(const drug& d) {
    ordered_json j;
    j["name"] = d.name;
    j["aliases"] = d.aliases;
    j["brand_names"] = d.brand_names;
    j["class"] = std::string(to_string(d.klass));
    j["class_label"] = d.class_label;
    j["default_target"] = d.default_target;
    ordered_json targets = ordered_json::array();
    for (const auto& m : d.targets) {
        ordered_json t;
        t["id"] = m.id;
        t["receptor"] = m.receptor;
        t["region"] = m.region ? ordered_json(*m.region) : ordered_json();
        t["usable"] = m.usable();
        t["emax_percent"] = sourced_json(m.emax_percent, [](double v) { return plain(v); });
        t["ed50_mg"] = sourced_json(m.ed50, [](mass v) { return plain(v.value()); });
        t["hill"] = sourced_json(m.hill, [](double v) { return plain(v); });
        t["notes"] = m.notes;
        targets.push_back(std::move(t));
    }
    j["targets"] = std::move(targets);

    const auto range_json = [](const hours_range& r) {
        return ordered_json::array({plain(r.shortest.value()), plain(r.longest.value())});
    };
    ordered_json half_life;
    half_life["parent_h"] = sourced_json(d.half_life.parent, range_json);
    if (d.half_life.metabolite) {
        ordered_json m;
        m["name"] = d.half_life.metabolite->name;
        m["range_h"] = sourced_json(d.half_life.metabolite->range, range_json);
        half_life["metabolite"] = std::move(m);
    } else {
        half_life["metabolite"] = ordered_json();
    }
    j["half_life"] = std::move(half_life);

    const auto flag = [](const sourced<bool>& b) { return sourced_json(b, [](bool v) { return ordered_json(v); }); };
    ordered_json forms = ordered_json::array();
    for (const auto& f : d.formulations) {
        ordered_json x;
        x["id"] = f.id;
        x["form"] = std::string(to_string(f.kind));
        x["unit_strengths_mg"] = sourced_json(f.unit_strengths, [](const std::vector<mass>& v) {
            ordered_json a = ordered_json::array();
            for (const auto& m : v) a.push_back(plain(m.value()));
            return a;
        });
        x["concentrations_mg_per_ml"] = sourced_json(f.concentrations, [](const std::vector<concentration>& v) {
            ordered_json a = ordered_json::array();
            for (const auto& c : v) a.push_back(plain(c.value()));
            return a;
        });
        x["scored"] = flag(f.scored);
        x["splittable"] = flag(f.splittable);
        x["modified_release"] = flag(f.modified_release);
        x["enteric_coated"] = flag(f.enteric_coated);
        x["may_split"] = f.may_split();
        x["bioavailability_vs_tablet"] = sourced_json(f.bioavailability_vs_tablet, [](double v) { return plain(v); });
        x["drop_volume_ml"] = sourced_json(f.drop_volume, [](volume_per_drop v) { return plain(v.value()); });
        x["beads_per_capsule"] = sourced_json(f.bead_counts, [](const std::vector<beads_per_capsule>& v) {
            ordered_json a = ordered_json::array();
            for (const auto& b : v) a.push_back(plain(b.value()));
            return a;
        });
        x["must_dilute"] = flag(f.must_dilute);
        x["dispersible"] = flag(f.dispersible);
        x["orodispersible"] = flag(f.orodispersible);
        x["doses_per_day"] = sourced_json(f.doses_per_day, [](int v) { return ordered_json(v); });
        x["regions"] = sourced_json(f.regions, [](const std::vector<market_region>& v) {
            ordered_json a = ordered_json::array();
            for (auto r : v) a.push_back(std::string(to_string(r)));
            return a;
        });
        x["brand"] = f.brand;
        x["excipient_cautions"] = f.excipient_cautions;
        x["notes"] = f.notes;
        forms.push_back(std::move(x));
    }
    j["formulations"] = std::move(forms);

    ordered_json equivalents = ordered_json::object();
    for (const auto& [table, entry] : d.equivalents.tables)
        equivalents[table] = sourced_json(entry, [](const equivalent_dose& e) {
            ordered_json v;
            v["low_mg"] = plain(e.low.value());
            v["high_mg"] = plain(e.high.value());
            return v;
        });
    j["diazepam_equivalents"] = std::move(equivalents);
    ordered_json maxima = ordered_json::array();
    for (const auto& m : d.max_daily_dose) {
        ordered_json x;
        x["region"] = std::string(to_string(m.region));
        x["population"] = m.population;
        x["indication"] = m.indication;
        x["daily_dose_mg"] = sourced_json(m.daily_dose, [](mass v) { return plain(v.value()); });
        x["notes"] = m.notes;
        maxima.push_back(std::move(x));
    }
    j["max_daily_dose"] = std::move(maxima);
    j["cautions"] = d.cautions;
    j["notes"] = d.notes;
    ordered_json codes = ordered_json::array();
    for (const auto& c : d.codes) {
        ordered_json x;
        x["system"] = c.system;
        x["code"] = c.code;
        x["display"] = c.display;
        x["source"] = c.origin.source;
        x["status"] = std::string(to_string(c.origin.status));
        codes.push_back(std::move(x));
    }
    j["codes"] = std::move(codes);  // data/codes.json (docs/drug-data.md, "Codes")
    return j;
}

}  // namespace

std::string to_json(const drug& d) { return drug_json(d).dump(2) + "\n"; }

}  // namespace taper
