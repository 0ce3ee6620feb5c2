// The C ABI: the drug database (see include/taper.h).
#include "internal.hpp"

#include <taper/drugs/support.hpp>
#include <taper/io/json.hpp>

namespace taper::capi {

const drug& drug_in(const taper_database* db, const char* name, const char* fn) {
    return need(db, fn, "db").db.get(need_text(name, fn, "drug"));
}

namespace {

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

size_t taper_database_count(const taper_database* db) { return db == nullptr ? 0 : db->db.size(); }

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
        const std::string text = to_json(drug_in(db, drug, fn));
        *out_json = allocated(text);
    });
}

taper_status taper_support_json(const taper_database* db, char** out_json, const char* drug, const char* country,
                                taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_json, fn, "out_json");
        const std::string where = country == nullptr ? std::string() : std::string(country);
        if (!where.empty() && where != "uk" && where != "us" && where != "hk" && where != "online")
            throw invalid_argument_error(std::string(fn) + ": country \"" + where +
                                         "\" is not uk, us, hk or online");
        const auto& dir = support_directory::embedded();
        std::vector<const support_organisation*> list;
        if (drug != nullptr) {
            list = dir.for_drug(drug_in(db, drug, fn), where);
        } else {
            need(db, fn, "db");
            for (const auto& o : dir.organisations())
                if (where.empty() || o.country == where) list.push_back(&o);
        }
        *out_json = allocated(to_json(list));
    });
}

taper_status taper_database_occupancy(const taper_database* db, double* out_percent, const char* drug,
                                      const char* model_id, double daily_dose_mg, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_percent, fn, "out_percent");
        const auto& m = model_of(drug_in(db, drug, fn), model_id);
        *out_percent = in(m.occupancy_percent(daily_dose_mg * units::mg), units::points);
    });
}

taper_status taper_database_dose_for_occupancy(const taper_database* db, double* out_mg, const char* drug,
                                               const char* model_id, double occupancy_percent,
                                               taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_mg, fn, "out_mg");
        const auto& m = model_of(drug_in(db, drug, fn), model_id);
        *out_mg = in(m.dose_for_occupancy(occupancy_percent * units::points), units::mg);
    });
}

}  // extern "C"
