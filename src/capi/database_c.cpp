// The C ABI: the drug database (see include/taper.h).
#include "internal.hpp"

#include <nlohmann/json.hpp>

namespace taper::capi {

const drug& drug_in(const taper_database* db, const char* name, const char* fn) {
    return need(db, fn, "db").db.get(need_text(name, fn, "drug"));
}

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
    j["cautions"] = d.cautions;
    j["notes"] = d.notes;
    return j;
}

const occupancy_model& model_of(const drug& d, const char* model_id) {
    if (model_id == nullptr || *model_id == '\0') return d.occupancy();
    return d.occupancy(model_id);
}

}  // namespace
}  // namespace taper::capi

using namespace taper;
using namespace taper::capi;

extern "C" {

taper_status taper_database_create_embedded(taper_database** out_db, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_db, fn, "out_db");
        *out_db = new taper_database{database::embedded()};
    });
}

taper_status taper_database_create_empty(taper_database** out_db, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_db, fn, "out_db");
        *out_db = new taper_database{};
    });
}

taper_status taper_database_clone(taper_database** out_db, const taper_database* db, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_db, fn, "out_db");
        *out_db = new taper_database{need(db, fn, "db").db};
    });
}

void taper_database_free(taper_database* db) { delete db; }

taper_status taper_database_overlay_file(taper_database* db, const char* path, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        auto& d = need(db, fn, "db");
        d.db.overlay_file(std::string(need_text(path, fn, "path")));
    });
}

taper_status taper_database_overlay_json(taper_database* db, const char* json, const char* origin,
                                         taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        auto& d = need(db, fn, "db");
        d.db.overlay_json(need_text(json, fn, "json"), origin == nullptr ? "<string>" : origin);
    });
}

taper_status taper_database_count(const taper_database* db, size_t* out_count, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& d = need(db, fn, "db");
        need(out_count, fn, "out_count") = d.db.size();
    });
}

taper_status taper_database_name(const taper_database* db, const char** out_name, size_t index,
                                 taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& d = need(db, fn, "db");
        need(out_name, fn, "out_name");
        check_index(index, d.db.size(), fn, "drug");
        *out_name = d.db.drugs()[index].name.c_str();
    });
}

taper_status taper_database_lookup(const taper_database* db, const char** out_name, const char* query,
                                   taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_name, fn, "out_name");
        *out_name = drug_in(db, query, fn).name.c_str();
    });
}

taper_status taper_database_drug_json(const taper_database* db, char** out_json, const char* drug,
                                      taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_json, fn, "out_json");
        const std::string text = drug_json(drug_in(db, drug, fn)).dump(2) + "\n";
        *out_json = allocated(text);
    });
}

taper_status taper_database_occupancy(const taper_database* db, double* out_percent, const char* drug,
                                      const char* model_id, double daily_dose_mg, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_percent, fn, "out_percent");
        const auto& m = model_of(drug_in(db, drug, fn), model_id);
        *out_percent = m.occupancy_percent(from_value<mass>(daily_dose_mg));
    });
}

taper_status taper_database_dose_for_occupancy(const taper_database* db, double* out_mg, const char* drug,
                                               const char* model_id, double occupancy_percent,
                                               taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_mg, fn, "out_mg");
        const auto& m = model_of(drug_in(db, drug, fn), model_id);
        *out_mg = m.dose_for_occupancy(occupancy_percent).value();
    });
}

}  // extern "C"
