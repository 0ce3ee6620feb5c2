// The embedded drug data against the reference it was built from
// (shared/reference/drugs.json, via tools/import_reference.py).
//
// ReferenceSweep: every number of the reference, with its source and status, is what the
// embedded database holds (skipped when the reference file is not beside the project).
// ReferenceSpot: values typed by hand from the reference, so that a bug shared by the
// importer and the sweep (both read the same file) still shows.
// The project's sourced supplements (data/sources/*.json) add drugs and products after the
// reference's, and may replace a reference formulation whole ("replaces_reference"): those
// are skipped here by name, and checked against their own sources in
// drug_data_values_test.cpp.
#include <taper/drugs/database.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace {

using json = nlohmann::json;

/// The reference, or null when the file is not there (a checkout without shared/).
const json* reference() {
    static const std::optional<json> doc = []() -> std::optional<json> {
        std::ifstream in(TAPER_REFERENCE_DRUGS_JSON);
        if (!in) return std::nullopt;
        return json::parse(in);
    }();
    return doc ? &*doc : nullptr;
}

#define TAPER_REQUIRE_REFERENCE(ref)                                                    \
    const json* ref = reference();                                                      \
    if (ref == nullptr) GTEST_SKIP() << "reference not found: " TAPER_REFERENCE_DRUGS_JSON

const taper::database& db() { return taper::database::embedded(); }

/// What the supplements change: "drug/formulation" ids replaced whole, and the number of
/// drugs they add.
struct supplement_changes {
    std::set<std::string> replaced;
    std::size_t new_drugs = 0;
};

const supplement_changes& supplements() {
    static const supplement_changes changes = [] {
        supplement_changes c;
        const auto dir = std::filesystem::path(TAPER_SOURCE_DIR) / "data" / "sources";
        if (!std::filesystem::is_directory(dir)) return c;
        for (const auto& entry : std::filesystem::directory_iterator(dir)) {
            if (entry.path().extension() != ".json") continue;
            std::ifstream in(entry.path());
            const json doc = json::parse(in);
            for (const auto& d : doc.at("drugs")) {
                if (d.value("new", false)) ++c.new_drugs;
                for (const auto& f : d.value("formulations", json::array()))
                    if (f.contains("replaces_reference"))
                        c.replaced.insert(d.at("name").get<std::string>() + "/" + f.at("id").get<std::string>());
            }
        }
        return c;
    }();
    return changes;
}

bool replaced(const std::string& drug, const std::string& formulation) {
    return supplements().replaced.count(drug + "/" + formulation) != 0;
}

std::string status_of(const taper::provenance& p) { return std::string(taper::to_string(p.status)); }

/// A reference scalar or list of numbers, as a list.
std::vector<double> numbers(const json& v) {
    std::vector<double> out;
    if (v.is_array())
        for (const auto& x : v) out.push_back(x.get<double>());
    else
        out.push_back(v.get<double>());
    return out;
}

/// Value and provenance of one sourced number against the reference.
template <class T, class Get>
void expect_number(const taper::sourced<T>& actual, const json& expected, const json& holder,
                   Get get, const std::string& what) {
    SCOPED_TRACE(what);
    if (expected.is_null()) {
        EXPECT_FALSE(actual.known()) << "reference has null";
    } else {
        ASSERT_TRUE(actual.known()) << "reference has " << expected.dump();
        EXPECT_DOUBLE_EQ(get(*actual), expected.get<double>());
    }
    EXPECT_EQ(status_of(actual.origin), holder.at("status").get<std::string>());
    EXPECT_EQ(actual.origin.source, holder.at("source").get<std::string>());
}

void expect_bool(const taper::sourced<bool>& actual, const json& expected, const json& holder,
                 const std::string& what) {
    SCOPED_TRACE(what);
    if (expected.is_null()) {
        EXPECT_FALSE(actual.known());
    } else {
        ASSERT_TRUE(actual.known());
        EXPECT_EQ(*actual, expected.get<bool>());
    }
    EXPECT_EQ(status_of(actual.origin), holder.at("status").get<std::string>());
}

void expect_hours(const taper::sourced<taper::hours_range>& actual, const json& expected,
                  const std::string& source, const std::string& status, const std::string& what) {
    SCOPED_TRACE(what);
    if (expected.is_null()) {
        EXPECT_FALSE(actual.known());
    } else {
        ASSERT_TRUE(actual.known());
        EXPECT_DOUBLE_EQ(actual->shortest.value(), expected.at(0).get<double>());
        EXPECT_DOUBLE_EQ(actual->longest.value(), expected.at(1).get<double>());
    }
    EXPECT_EQ(actual.origin.source, source);
    EXPECT_EQ(status_of(actual.origin), status);
}

void expect_equivalent(const taper::drug& d, const std::string& table, const json& dose,
                       const json& holder) {
    SCOPED_TRACE(d.name + " equivalents." + table);
    const auto it = d.equivalents.tables.find(table);
    ASSERT_NE(it, d.equivalents.tables.end());
    const auto& entry = it->second;
    if (dose.is_null()) {
        EXPECT_FALSE(entry.known());
    } else {
        ASSERT_TRUE(entry.known());
        const auto v = numbers(dose);
        EXPECT_DOUBLE_EQ(entry->low.value(), v.front());
        EXPECT_DOUBLE_EQ(entry->high.value(), v.back());
    }
    EXPECT_EQ(status_of(entry.origin), holder.at("status").get<std::string>());
    EXPECT_EQ(entry.origin.source, holder.at("source").get<std::string>());
}

// ---------------------------------------------------------------------------------------
// every drug, every number

TEST(ReferenceSweep, EveryDrugLoadsWithItsTargetsAndFormulations) {
    TAPER_REQUIRE_REFERENCE(ref);
    ASSERT_TRUE(ref->is_array());
    EXPECT_EQ(db().size(), ref->size() + supplements().new_drugs);
    for (const auto& r : *ref) {
        const auto name = r.at("name").get<std::string>();
        SCOPED_TRACE(name);
        const taper::drug* d = db().find(name);
        ASSERT_NE(d, nullptr) << name << " is not in the embedded database";
        EXPECT_EQ(d->name, name);
        EXPECT_EQ(d->class_label, r.at("class").get<std::string>());
        EXPECT_EQ(d->targets.size(), r.at("targets").size());
        EXPECT_GE(d->formulations.size(), r.at("formulations").size());  // supplements add products
        EXPECT_EQ(d->notes, r.at("notes").get<std::string>());
    }
}

TEST(ReferenceSweep, OccupancyModels) {
    TAPER_REQUIRE_REFERENCE(ref);
    for (const auto& r : *ref) {
        const auto name = r.at("name").get<std::string>();
        const taper::drug& d = db().get(name);
        ASSERT_EQ(d.targets.size(), r.at("targets").size()) << name;
        for (std::size_t i = 0; i < d.targets.size(); ++i) {
            const json& rt = r.at("targets")[i];
            const taper::occupancy_model& m = d.targets[i];
            const std::string where = name + " targets[" + std::to_string(i) + "] " + m.id;
            SCOPED_TRACE(where);
            EXPECT_FALSE(m.id.empty());
            EXPECT_EQ(m.receptor, rt.at("receptor").get<std::string>());
            if (rt.at("region").is_null()) {
                EXPECT_FALSE(m.region.has_value());
            } else {
                EXPECT_EQ(m.region.value_or(""), rt.at("region").get<std::string>());
            }
            expect_number(m.emax_percent, rt.at("emax"), rt, [](double v) { return v; }, "emax");
            expect_number(m.ed50, rt.at("ed50_mg"), rt, [](taper::mass v) { return v.value(); },
                          "ed50_mg");
            expect_number(m.hill, rt.at("hill"), rt, [](double v) { return v; }, "hill");
            EXPECT_EQ(m.notes, rt.value("notes", std::string()));
            EXPECT_EQ(m.usable(), !rt.at("emax").is_null() && !rt.at("ed50_mg").is_null() &&
                                      !rt.at("hill").is_null());
        }
    }
}

TEST(ReferenceSweep, DefaultTargetFollowsTheDocumentedRule) {
    // docs/drug-data.md: the first complete target (emax and ed50 known), verified before
    // secondary; else the first target; no default for a drug without targets.
    TAPER_REQUIRE_REFERENCE(ref);
    for (const auto& r : *ref) {
        const auto name = r.at("name").get<std::string>();
        SCOPED_TRACE(name);
        const taper::drug& d = db().get(name);
        const json& targets = r.at("targets");
        if (targets.empty()) {
            EXPECT_EQ(d.find_target(d.default_target), nullptr);
            EXPECT_THROW((void)d.occupancy(), taper::missing_data_error);
            continue;
        }
        std::optional<std::size_t> chosen;
        for (const char* status : {"verified", "secondary"}) {
            for (std::size_t i = 0; i < targets.size() && !chosen; ++i)
                if (!targets[i].at("emax").is_null() && !targets[i].at("ed50_mg").is_null() &&
                    targets[i].at("status") == status)
                    chosen = i;
        }
        const std::size_t expected = chosen.value_or(0);
        ASSERT_EQ(d.targets.size(), targets.size());
        EXPECT_EQ(d.default_target, d.targets[expected].id);
        if (chosen) {
            EXPECT_EQ(&d.occupancy(), &d.targets[expected]);
        } else {
            EXPECT_THROW((void)d.occupancy(), taper::missing_data_error);
        }
    }
}

TEST(ReferenceSweep, Formulations) {
    TAPER_REQUIRE_REFERENCE(ref);
    for (const auto& r : *ref) {
        const auto name = r.at("name").get<std::string>();
        const taper::drug& d = db().get(name);
        ASSERT_GE(d.formulations.size(), r.at("formulations").size()) << name;
        for (std::size_t i = 0; i < r.at("formulations").size(); ++i) {
            const json& rf = r.at("formulations")[i];
            const taper::formulation& f = d.formulations[i];
            if (replaced(name, f.id)) continue;  // a supplement replaced it, with its reason
            SCOPED_TRACE(name + " formulations[" + std::to_string(i) + "] " + f.id);
            EXPECT_FALSE(f.id.empty());
            EXPECT_EQ(taper::to_string(f.kind), rf.at("form").get<std::string>());

            const bool liquid = taper::is_liquid(f.kind);
            EXPECT_EQ(rf.at("unit").get<std::string>(), liquid ? "mg/mL" : "mg");
            std::optional<std::vector<double>> strengths;  // mg per unit, or mg/mL
            const taper::provenance* origin = nullptr;
            if (liquid) {
                EXPECT_FALSE(f.unit_strengths.known());
                origin = &f.concentrations.origin;
                if (f.concentrations.known()) {
                    strengths.emplace();
                    for (const auto& c : *f.concentrations) strengths->push_back(c.value());
                }
            } else {
                EXPECT_FALSE(f.concentrations.known());
                origin = &f.unit_strengths.origin;
                if (f.unit_strengths.known()) {
                    strengths.emplace();
                    for (const auto& m : *f.unit_strengths) strengths->push_back(m.value());
                }
            }
            if (rf.at("strength").is_null()) {
                EXPECT_FALSE(strengths.has_value());
            } else {
                ASSERT_TRUE(strengths.has_value());
                const auto expected = numbers(rf.at("strength"));
                ASSERT_EQ(strengths->size(), expected.size());
                for (std::size_t k = 0; k < expected.size(); ++k)
                    EXPECT_DOUBLE_EQ((*strengths)[k], expected[k]);
            }
            EXPECT_EQ(origin->source, rf.at("source").get<std::string>());
            EXPECT_EQ(status_of(*origin), rf.at("status").get<std::string>());

            expect_bool(f.scored, rf.at("scored"), rf, "scored");
            expect_bool(f.splittable, rf.at("splittable"), rf, "splittable");
            expect_bool(f.modified_release, rf.at("modified_release"), rf, "modified_release");
            expect_number(f.bioavailability_vs_tablet, rf.at("bioavailability_vs_tablet"), rf,
                          [](double v) { return v; }, "bioavailability_vs_tablet");
            EXPECT_EQ(f.notes, rf.value("notes", std::string()));
            // Modified-release forms are never offered for splitting.
            if (rf.at("modified_release") == true) {
                EXPECT_FALSE(f.may_split());
            }
        }
    }
}

TEST(ReferenceSweep, HalfLives) {
    TAPER_REQUIRE_REFERENCE(ref);
    for (const auto& r : *ref) {
        const auto name = r.at("name").get<std::string>();
        SCOPED_TRACE(name);
        const taper::drug& d = db().get(name);
        const json& hl = r.at("half_life_h");
        const auto source = hl.at("source").get<std::string>();
        const auto status = hl.at("status").get<std::string>();
        expect_hours(d.half_life.parent, hl.at("parent"), source, status, "parent");
        const json& met = hl.at("metabolite");
        if (met.is_null()) {
            EXPECT_FALSE(d.half_life.metabolite.has_value());
            continue;
        }
        ASSERT_TRUE(d.half_life.metabolite.has_value());
        EXPECT_EQ(d.half_life.metabolite->name, met.at("name").get<std::string>());
        // The metabolite's own provenance where the reference gives one, else the half-life's.
        expect_hours(d.half_life.metabolite->range, met.at("range_h"),
                     met.value("source", source), met.value("status", status), "metabolite");
    }
}

TEST(ReferenceSweep, DiazepamEquivalents) {
    TAPER_REQUIRE_REFERENCE(ref);
    for (const auto& r : *ref) {
        const auto name = r.at("name").get<std::string>();
        SCOPED_TRACE(name);
        const taper::drug& d = db().get(name);
        const json& eq = r.at("equivalents");
        if (eq.empty()) {
            EXPECT_TRUE(d.equivalents.empty());
            continue;
        }
        const bool has_va = eq.contains("alternatives") && eq.at("alternatives").contains("VA_DoD_2021");
        EXPECT_EQ(d.equivalents.tables.size(), has_va ? 2u : 1u);
        expect_equivalent(d, "ashton", eq.at("dose_equiv_to_diazepam_10mg"), eq);
        if (has_va) expect_equivalent(d, "va-dod-2021", eq.at("alternatives").at("VA_DoD_2021"), eq);
    }
}

TEST(ReferenceSweep, IdsAreUniqueWithinEachDrug) {
    for (const auto& d : db().drugs()) {
        SCOPED_TRACE(d.name);
        for (std::size_t i = 0; i < d.targets.size(); ++i)
            for (std::size_t j = i + 1; j < d.targets.size(); ++j)
                EXPECT_NE(d.targets[i].id, d.targets[j].id);
        for (std::size_t i = 0; i < d.formulations.size(); ++i)
            for (std::size_t j = i + 1; j < d.formulations.size(); ++j)
                EXPECT_NE(d.formulations[i].id, d.formulations[j].id);
    }
}

// ---------------------------------------------------------------------------------------
// values typed from the reference

TEST(ReferenceSpot, CitalopramDefaultModelIsSorensen) {
    const taper::drug& d = db().get("citalopram");
    EXPECT_EQ(d.klass, taper::drug_class::ssri);
    const taper::occupancy_model& m = d.occupancy();
    EXPECT_EQ(m.receptor, "SERT");
    EXPECT_EQ(m.region.value_or(""), "striatum");
    EXPECT_DOUBLE_EQ(*m.emax_percent, 83.98);
    EXPECT_DOUBLE_EQ(m.ed50->value(), 2.33);
    EXPECT_DOUBLE_EQ(*m.hill, 1.0);
    EXPECT_EQ(m.emax_percent.origin.status, taper::evidence_status::secondary);
    EXPECT_EQ(m.ed50.origin.status, taper::evidence_status::secondary);
    EXPECT_NE(m.ed50.origin.source.find("Sorensen"), std::string::npos);
    // The Horowitz & Taylor 2019 fit is kept, but its numbers were never found.
    ASSERT_EQ(d.targets.size(), 2u);
    EXPECT_FALSE(d.targets[1].usable());
    EXPECT_FALSE(d.targets[1].emax_percent.known());
    EXPECT_EQ(d.targets[1].emax_percent.origin.status, taper::evidence_status::unverified);
}

TEST(ReferenceSpot, DuloxetineDefaultIsTakano2006) {
    const taper::drug& d = db().get("duloxetine");
    const taper::occupancy_model& m = d.occupancy();
    EXPECT_EQ(m.receptor, "SERT");
    EXPECT_DOUBLE_EQ(*m.emax_percent, 100.0);
    EXPECT_DOUBLE_EQ(m.ed50->value(), 7.9);
    EXPECT_EQ(m.ed50.origin.status, taper::evidence_status::verified);
    EXPECT_NE(m.ed50.origin.source.find("Takano"), std::string::npos);
    EXPECT_NE(m.ed50.origin.source.find("2006"), std::string::npos);
    // The Sorensen fit and the NET model stay selectable.
    ASSERT_EQ(d.targets.size(), 3u);
    EXPECT_DOUBLE_EQ(*d.targets[1].emax_percent, 90.75);
    EXPECT_DOUBLE_EQ(d.targets[1].ed50->value(), 6.27);
    EXPECT_EQ(d.targets[2].receptor, "NET");
    EXPECT_DOUBLE_EQ(d.targets[2].ed50->value(), 76.8);
    EXPECT_EQ(&d.occupancy(d.targets[1].id), &d.targets[1]);
}

TEST(ReferenceSpot, DuloxetinePelletsAreEntericCoated) {
    const taper::drug& d = db().get("duloxetine");
    ASSERT_EQ(d.formulations.size(), 1u);
    const taper::formulation& f = d.formulations[0];
    EXPECT_EQ(f.kind, taper::form_kind::beads);
    ASSERT_TRUE(f.enteric_coated.known());
    EXPECT_TRUE(*f.enteric_coated);
    EXPECT_FALSE(f.may_split());
}

TEST(ReferenceSpot, CitalopramDrops) {
    const taper::drug& d = db().get("citalopram");
    const taper::formulation* drops = nullptr;
    for (const auto& f : d.formulations)
        if (f.kind == taper::form_kind::drops) drops = &f;
    ASSERT_NE(drops, nullptr);
    ASSERT_TRUE(drops->concentrations.known());
    ASSERT_EQ(drops->concentrations->size(), 1u);
    EXPECT_DOUBLE_EQ(drops->concentrations->front().value(), 40.0);  // mg/mL
    EXPECT_EQ(drops->concentrations.origin.status, taper::evidence_status::verified);
    ASSERT_TRUE(drops->bioavailability_vs_tablet.known());
    EXPECT_DOUBLE_EQ(*drops->bioavailability_vs_tablet, 1.25);
    EXPECT_EQ(drops->bioavailability_vs_tablet.origin.status, taper::evidence_status::verified);
    ASSERT_TRUE(drops->drop_volume.known());  // 1 drop = 2 mg at 40 mg/mL
    EXPECT_DOUBLE_EQ(drops->drop_volume->value(), 0.05);
    EXPECT_EQ(drops->drop_volume.origin.status, taper::evidence_status::verified);
    EXPECT_EQ(d.find_formulation(drops->id), drops);
}

TEST(ReferenceSpot, EscitalopramDropsSizeAndFourRegionalModels) {
    const taper::drug& d = db().get("escitalopram");
    ASSERT_EQ(d.targets.size(), 4u);
    const char* regions[] = {"thalamus", "caudate", "putamen", "dorsal raphe nucleus"};
    const double emax[] = {78.67, 75.35, 69.32, 89.57};
    const double ed50[] = {2.1, 0.66, 1.22, 2.72};
    for (std::size_t i = 0; i < 4; ++i) {
        SCOPED_TRACE(regions[i]);
        EXPECT_EQ(d.targets[i].region.value_or(""), regions[i]);
        EXPECT_DOUBLE_EQ(*d.targets[i].emax_percent, emax[i]);
        EXPECT_DOUBLE_EQ(d.targets[i].ed50->value(), ed50[i]);
        EXPECT_TRUE(d.targets[i].usable());
    }
    int drops = 0;  // the reference lists one drops formulation (20 mg/mL)
    for (const auto& f : d.formulations)
        if (f.kind == taper::form_kind::drops) {
            ++drops;
            EXPECT_DOUBLE_EQ(f.concentrations->front().value(), 20.0);
            ASSERT_TRUE(f.drop_volume.known());  // "1 drop = 1 mg" at 20 mg/mL
            EXPECT_DOUBLE_EQ(f.drop_volume->value(), 0.05);
            EXPECT_FALSE(f.bioavailability_vs_tablet.known());
        }
    EXPECT_EQ(drops, 1);
}

TEST(ReferenceSpot, AlprazolamEquivalents) {
    const taper::drug& d = db().get("alprazolam");
    EXPECT_EQ(d.klass, taper::drug_class::benzodiazepine);
    const auto& ashton = d.diazepam_equivalent("ashton");
    EXPECT_DOUBLE_EQ(ashton.low.value(), 0.5);
    EXPECT_DOUBLE_EQ(ashton.high.value(), 0.5);
    EXPECT_FALSE(ashton.is_range());
    EXPECT_EQ(d.diazepam_equivalent(), ashton);  // ashton is the default table
    const auto& va = d.diazepam_equivalent("va-dod-2021");
    EXPECT_DOUBLE_EQ(va.low.value(), 1.0);
    EXPECT_DOUBLE_EQ(va.high.value(), 1.0);
    EXPECT_EQ(d.equivalents.tables.at("ashton").origin.status, taper::evidence_status::verified);
}

TEST(ReferenceSpot, LoprazolamAshtonRange) {
    const auto& e = db().get("loprazolam").diazepam_equivalent("ashton");
    EXPECT_TRUE(e.is_range());
    EXPECT_DOUBLE_EQ(e.low.value(), 1.0);
    EXPECT_DOUBLE_EQ(e.high.value(), 2.0);
    EXPECT_THROW((void)db().get("loprazolam").diazepam_equivalent("va-dod-2021"),
                 taper::missing_data_error);
}

TEST(ReferenceSpot, ZaleplonEquivalentUnknown) {
    const taper::drug& d = db().get("zaleplon");
    EXPECT_EQ(d.klass, taper::drug_class::z_drug);
    ASSERT_EQ(d.equivalents.tables.count("ashton"), 1u);
    const auto& entry = d.equivalents.tables.at("ashton");
    EXPECT_FALSE(entry.known());
    EXPECT_EQ(entry.origin.status, taper::evidence_status::unverified);
    EXPECT_THROW((void)d.diazepam_equivalent(), taper::missing_data_error);
}

TEST(ReferenceSpot, AntidepressantsHaveNoEquivalents) {
    EXPECT_TRUE(db().get("sertraline").equivalents.empty());
    EXPECT_THROW((void)db().get("sertraline").diazepam_equivalent(), taper::missing_data_error);
}

TEST(ReferenceSpot, VenlafaxineHalfLives) {
    const taper::drug& d = db().get("venlafaxine");
    ASSERT_TRUE(d.half_life.parent.known());
    EXPECT_DOUBLE_EQ(d.half_life.parent->shortest.value(), 4.0);  // hours
    EXPECT_DOUBLE_EQ(d.half_life.parent->longest.value(), 4.0);
    EXPECT_EQ(d.half_life.parent.origin.status, taper::evidence_status::verified);
    ASSERT_TRUE(d.half_life.metabolite.has_value());
    EXPECT_NE(d.half_life.metabolite->name.find("O-desmethylvenlafaxine"), std::string::npos);
    ASSERT_TRUE(d.half_life.metabolite->range.known());
    EXPECT_DOUBLE_EQ(d.half_life.metabolite->range->shortest.value(), 11.0);
    EXPECT_DOUBLE_EQ(d.half_life.metabolite->range->longest.value(), 11.0);
}

TEST(ReferenceSpot, SertralineMetaboliteKeepsItsOwnSource) {
    const taper::drug& d = db().get("sertraline");
    EXPECT_EQ(d.half_life.parent.origin.status, taper::evidence_status::verified);
    ASSERT_TRUE(d.half_life.metabolite.has_value());
    EXPECT_DOUBLE_EQ(d.half_life.metabolite->range->longest.value(), 66.0);
    EXPECT_EQ(d.half_life.metabolite->range.origin.status, taper::evidence_status::secondary);
    EXPECT_NE(d.half_life.metabolite->range.origin.source.find("Mothers Matter"), std::string::npos);
}

TEST(ReferenceSpot, RisperidoneFirstD2ModelIsKapur) {
    const taper::drug& d = db().get("risperidone");
    EXPECT_EQ(d.klass, taper::drug_class::antipsychotic);
    EXPECT_EQ(d.class_label, "antipsychotic (SGA)");
    ASSERT_EQ(d.targets.size(), 2u);
    const auto& m = d.targets[0];
    EXPECT_EQ(m.receptor, "D2");
    EXPECT_DOUBLE_EQ(*m.emax_percent, 91.0);
    EXPECT_DOUBLE_EQ(m.ed50->value(), 0.8);
    EXPECT_EQ(m.emax_percent.origin.status, taper::evidence_status::verified);
    EXPECT_EQ(m.ed50.origin.status, taper::evidence_status::verified);
    EXPECT_EQ(&d.occupancy(), &m);
    // Lako 2013: Emax only; ED50 not retrieved.
    EXPECT_DOUBLE_EQ(*d.targets[1].emax_percent, 92.4);
    EXPECT_FALSE(d.targets[1].ed50.known());
    EXPECT_THROW((void)d.occupancy(d.targets[1].id), taper::missing_data_error);
}

TEST(ReferenceSpot, NoUsableModelWhereNoneWasPublished) {
    EXPECT_THROW((void)db().get("haloperidol").occupancy(), taper::missing_data_error);
    EXPECT_THROW((void)db().get("mirtazapine").occupancy(), taper::missing_data_error);
    EXPECT_THROW((void)db().get("diazepam").occupancy(), taper::missing_data_error);
}

TEST(ReferenceSpot, SertralineConcentrateMustBeDiluted) {
    const taper::drug& d = db().get("sertraline");
    const taper::formulation* concentrate = nullptr;
    for (const auto& f : d.formulations)
        if (f.must_dilute.known() && *f.must_dilute) concentrate = &f;
    ASSERT_NE(concentrate, nullptr);
    EXPECT_EQ(concentrate->kind, taper::form_kind::liquid);
    ASSERT_TRUE(concentrate->concentrations.known());
    ASSERT_EQ(concentrate->concentrations->size(), 1u);
    EXPECT_DOUBLE_EQ(concentrate->concentrations->front().value(), 20.0);
    EXPECT_EQ(concentrate->must_dilute.origin.status, taper::evidence_status::verified);
}

TEST(ReferenceSpot, FluoxetineLongMetabolite) {
    const taper::drug& d = db().get("fluoxetine");
    ASSERT_TRUE(d.half_life.metabolite.has_value());
    EXPECT_DOUBLE_EQ(d.half_life.metabolite->range->shortest.value(), 96.0);
    EXPECT_DOUBLE_EQ(d.half_life.metabolite->range->longest.value(), 384.0);
}

TEST(ReferenceSpot, ClorazepateParentHalfLifeUnknown) {
    const taper::drug& d = db().get("clorazepate");
    EXPECT_FALSE(d.half_life.parent.known());
    ASSERT_TRUE(d.half_life.metabolite.has_value());
    EXPECT_DOUBLE_EQ(d.half_life.metabolite->range->longest.value(), 200.0);
}

TEST(ReferenceSpot, LookupByBrandAndInAnyCase) {
    EXPECT_EQ(db().get("Cipramil").name, "citalopram");
    EXPECT_EQ(db().get("XANAX").name, "alprazolam");
    EXPECT_EQ(db().get("  zoloft ").name, "sertraline");
    EXPECT_EQ(db().get("Cymbalta").name, "duloxetine");
    EXPECT_EQ(db().get("Valium").name, "diazepam");
    EXPECT_EQ(db().get("CITALOPRAM").name, "citalopram");
}

TEST(ReferenceSpot, ThirtyEightDrugsAndTheSupplements) {
    EXPECT_EQ(db().size(), 38u + supplements().new_drugs);
    EXPECT_EQ(supplements().new_drugs, 22u);
}

}  // namespace
