// Values of the embedded drug data compared with their cited sources, typed by hand from
// the page each source names (the page is in the comment; the data carries the same
// citation). A change to data/drugs.json that moves any of these numbers must come with a
// new source, and this file is where a reviewer sees it.
#include <taper/drugs/database.hpp>
#include <taper/units/access.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using taper::market_region;

const taper::drug& get(std::string_view name) { return taper::database::embedded().get(name); }

const taper::formulation& product(std::string_view drug, std::string_view id) {
    const auto* f = get(drug).find_formulation(id);
    if (f == nullptr) throw std::runtime_error(std::string(drug) + " has no product " + std::string(id));
    return *f;
}

std::vector<double> strengths(std::string_view drug, std::string_view id) {
    const auto& f = product(drug, id);
    std::vector<double> out;
    if (f.unit_strengths)
        for (auto m : *f.unit_strengths) out.push_back(taper::in(m, taper::units::mg));
    if (f.concentrations)
        for (auto c : *f.concentrations) out.push_back(taper::in(c, taper::units::mg / taper::units::mL));
    return out;
}

/// The data's maximum for region, population and indication, in mg a day; -1 if absent.
double maximum(std::string_view drug, market_region region, std::string_view indication = "",
               std::string_view population = "adults") {
    for (const auto& m : get(drug).max_daily_dose)
        if (m.region == region && m.population == population && m.indication == indication)
            return taper::in(*m.daily_dose, taper::units::mg);
    return -1;
}

std::pair<double, double> half_life(std::string_view drug) {
    const auto& r = get(drug).half_life.parent;
    if (!r) return {-1, -1};
    return {taper::in(r->shortest, taper::units::hour), taper::in(r->longest, taper::units::hour)};
}

TEST(DrugDataValues, SertralineScoringAndMaximum) {
    // PL 11311-0491 SmPC section 3: 50 mg "scored ... can be divided into equal halves";
    // 4.2 "The maximum daily dose is 200 mg".
    EXPECT_THAT(strengths("sertraline", "tablet"), ElementsAre(50));
    EXPECT_TRUE(product("sertraline", "tablet").may_split());
    EXPECT_THAT(product("sertraline", "tablet").unit_strengths.origin.source, HasSubstr("PL 11311-0491"));
    EXPECT_EQ(maximum("sertraline", market_region::uk), 200);
    // Zoloft (US): "25, 50, and 100 mg scored tablets"; label maximum 200 mg per day.
    EXPECT_THAT(strengths("sertraline", "tablet-25mg"), ElementsAre(25));
    EXPECT_TRUE(*product("sertraline", "tablet-25mg").scored);
    EXPECT_TRUE(product("sertraline", "tablet").sold_in(market_region::us));
    EXPECT_EQ(maximum("sertraline", market_region::us), 200);
    // PL 29831-0183 describes its 100 mg tablet with no score line: never split here.
    EXPECT_FALSE(product("sertraline", "tablet-100mg").may_split());
}

TEST(DrugDataValues, ClonazepamScoringAndMaximum) {
    // emc 100311: 0.5 mg "scored ... can be divided into two equal doses".
    EXPECT_THAT(strengths("clonazepam", "tablet"), ElementsAre(0.5));
    EXPECT_TRUE(*product("clonazepam", "tablet").splittable);
    EXPECT_EQ(product("clonazepam", "tablet").unit_strengths.origin.status, taper::evidence_status::verified);
    // Rivotril SmPC 4.2: "up to a maximum of 20mg daily".
    EXPECT_EQ(maximum("clonazepam", market_region::uk), 20);
}

TEST(DrugDataValues, AntidepressantMaxima) {
    EXPECT_EQ(maximum("citalopram", market_region::uk), 40);    // Tillomed SmPC 4.2
    EXPECT_EQ(maximum("mirtazapine", market_region::uk), 45);   // emc 4070: 15-45 mg a day
    EXPECT_EQ(maximum("amitriptyline", market_region::uk, "major depressive disorder"), 150);  // Rosemont API
    EXPECT_EQ(maximum("nortriptyline", market_region::uk), 150);  // "Doses above 150mg per day are not recommended"
    EXPECT_EQ(maximum("doxepin", market_region::uk), 300);      // "25-300 mg daily"
    EXPECT_EQ(maximum("dosulepin", market_region::uk), 225);    // "not more than 3 tablets" of 75 mg
    EXPECT_EQ(maximum("trazodone", market_region::uk), 300);
    EXPECT_EQ(maximum("trazodone", market_region::uk, "", "hospitalised adults"), 600);
    EXPECT_EQ(maximum("bupropion", market_region::us, "depression (extended-release)"), 450);
    EXPECT_EQ(maximum("agomelatine", market_region::uk), 50);   // two 25 mg tablets
}

TEST(DrugDataValues, MirtazapineProducts) {
    // 15 mg: "scored on both edges ... can be divided into equal doses"; 45 mg: no score;
    // orodispersible 15/30/45 mg with aspartame.
    EXPECT_TRUE(product("mirtazapine", "tablet-15mg").may_split());
    EXPECT_FALSE(product("mirtazapine", "tablet-45mg").may_split());
    EXPECT_THAT(strengths("mirtazapine", "orodispersible"), ElementsAre(15, 30, 45));
    EXPECT_FALSE(product("mirtazapine", "orodispersible").may_split());
    EXPECT_FALSE(product("mirtazapine", "orodispersible").excipient_cautions.empty());
}

TEST(DrugDataValues, AntipsychoticProductsAndMaxima) {
    // Risperdal leaflet: 0.5-6 mg film-coated tablets, Quicklet 0.5-4 mg orodispersible.
    EXPECT_THAT(strengths("risperidone", "tablet"), ElementsAre(0.5, 1, 2, 3, 4, 6));
    EXPECT_THAT(strengths("risperidone", "orodispersible"), ElementsAre(0.5, 1, 2, 3, 4));
    // NHS: olanzapine 2.5, 5, 7.5, 10, 15 and 20 mg; Zyprexa SmPC maximum 20 mg.
    EXPECT_THAT(strengths("olanzapine", "tablet"), ElementsAre(2.5, 5, 7.5, 10, 15, 20));
    EXPECT_EQ(maximum("olanzapine", market_region::uk), 20);
    // Clozaril 25 and 100 mg; Denzapine 50 mg/ml.
    EXPECT_THAT(strengths("clozapine", "tablet"), ElementsAre(25, 100));
    EXPECT_THAT(strengths("clozapine", "liquid"), ElementsAre(50));
    EXPECT_THAT(strengths("haloperidol", "liquid"), ElementsAre(1));
    // Seroquel 25-300 mg; Biquelle XL 50-600 mg, modified release; maxima 750 / 800 mg.
    EXPECT_THAT(strengths("quetiapine", "tablet"), ElementsAre(25, 100, 150, 200, 300));
    EXPECT_THAT(strengths("quetiapine", "tablet-xl"), ElementsAre(50, 150, 200, 300, 400, 600));
    EXPECT_FALSE(product("quetiapine", "tablet-xl").may_split());
    EXPECT_EQ(maximum("quetiapine", market_region::uk, "schizophrenia"), 750);
    EXPECT_EQ(taper::in(*get("quetiapine").licensed_maximum_for(market_region::uk)->daily_dose, taper::units::mg), 800);
    // Abilify 5/10/15/30 mg; 1 mg/ml solution (emc 14443): "should not exceed 30mg".
    EXPECT_THAT(strengths("aripiprazole", "tablet"), ElementsAre(5, 10, 15, 30));
    EXPECT_THAT(strengths("aripiprazole", "liquid"), ElementsAre(1));
    EXPECT_EQ(maximum("aripiprazole", market_region::uk), 30);
    // emc 13092: 100 mg/ml; emc 548: up to 1200 mg/d.
    EXPECT_THAT(strengths("amisulpride", "liquid"), ElementsAre(100));
    EXPECT_EQ(maximum("amisulpride", market_region::uk), 1200);
    // Invega 3/6/9/12 mg prolonged release, 3-12 mg; Latuda 18.5/37/74 mg, max 148 mg;
    // chlorpromazine 25/50/100 mg, syrups 25 and 100 mg/5 ml, "up to 1g daily".
    EXPECT_THAT(strengths("paliperidone", "tablet-mr"), ElementsAre(3, 6, 9, 12));
    EXPECT_EQ(maximum("paliperidone", market_region::uk), 12);
    EXPECT_THAT(strengths("lurasidone", "tablet"), ElementsAre(18.5, 37, 74));
    EXPECT_EQ(maximum("lurasidone", market_region::uk), 148);
    EXPECT_THAT(strengths("chlorpromazine", "tablet"), ElementsAre(25, 50, 100));
    EXPECT_THAT(strengths("chlorpromazine", "liquid-5-20mg-ml"), ElementsAre(5, 20));
    EXPECT_EQ(maximum("chlorpromazine", market_region::uk), 1000);
}

TEST(DrugDataValues, HypnoticsAndAnxiolytics) {
    EXPECT_THAT(strengths("zopiclone", "tablet"), ElementsAre(3.75, 7.5));
    EXPECT_THAT(strengths("zolpidem", "tablet"), ElementsAre(5, 10));
    EXPECT_THAT(strengths("temazepam", "liquid-2mg-ml"), ElementsAre(2));  // 10 mg/5 ml
    EXPECT_EQ(maximum("temazepam", market_region::uk), 40);                // "30 - 40mg"
    EXPECT_THAT(strengths("chlordiazepoxide", "capsule"), ElementsAre(5, 10));
}

TEST(DrugDataValues, ProductsOfTheLastThirteenDrugs) {
    // Each value typed from the page the product cites (data/sources/30-products-of-every-drug.json).
    // Ziprasidone capsules, How Supplied: "20 mg, 40 mg, 60 mg and 80 mg" (US only).
    EXPECT_THAT(strengths("ziprasidone", "capsule"), ElementsAre(20, 40, 60, 80));
    EXPECT_TRUE(product("ziprasidone", "capsule").sold_in(market_region::us));
    EXPECT_FALSE(product("ziprasidone", "capsule").sold_in(market_region::uk));
    // emc 11748, oxazepam 15 mg: "a score line ... The score line is not intended for
    // breaking the tablet": scored, yet never split.
    EXPECT_THAT(strengths("oxazepam", "tablet"), ElementsAre(15));
    EXPECT_TRUE(*product("oxazepam", "tablet").scored);
    EXPECT_FALSE(product("oxazepam", "tablet").may_split());
    EXPECT_EQ(product("oxazepam", "tablet").unit_strengths.origin.status, taper::evidence_status::verified);
    // MHRA record: nitrazepam 5mg oral tablet (Teva UK).
    EXPECT_THAT(strengths("nitrazepam", "tablet"), ElementsAre(5));
    // emc 4192, loprazolam 1 mg: score line; 4.2 "a starting dose of a half tablet".
    EXPECT_THAT(strengths("loprazolam", "tablet"), ElementsAre(1));
    EXPECT_TRUE(product("loprazolam", "tablet").may_split());
    // UK leaflet "Lormetazepam 0.5 mg and 1mg tablets".
    EXPECT_THAT(strengths("lormetazepam", "tablet"), ElementsAre(0.5, 1));
    // Clobazam Accord 10 mg: "one-side scored".
    EXPECT_THAT(strengths("clobazam", "tablet"), ElementsAre(10));
    EXPECT_TRUE(*product("clobazam", "tablet").scored);
    // Clorazepate dipotassium tablets USP "3.75 mg, 7.5 mg or 15 mg".
    EXPECT_THAT(strengths("clorazepate", "tablet"), ElementsAre(3.75, 7.5, 15));
    // DailyMed flurazepam: "15 mg and 30 mg capsules".
    EXPECT_THAT(strengths("flurazepam", "capsule"), ElementsAre(15, 30));
    // DailyMed triazolam: "0.125 mg or 0.25 mg"; Halcion 2.1 "maximum recommended dosage
    // is 0.5 mg once daily", 2.2 geriatric 0.25 mg.
    EXPECT_THAT(strengths("triazolam", "tablet"), ElementsAre(0.125, 0.25));
    EXPECT_EQ(maximum("triazolam", market_region::us), 0.5);
    EXPECT_EQ(maximum("triazolam", market_region::us, "", "older adults"), 0.25);
    // DailyMed estazolam: "either 1 mg or 2 mg".
    EXPECT_THAT(strengths("estazolam", "tablet"), ElementsAre(1, 2));
    // DailyMed Doral: "Split the 15 mg tablet along the score line to achieve 7.5 mg dose".
    EXPECT_THAT(strengths("quazepam", "tablet"), ElementsAre(15));
    EXPECT_TRUE(product("quazepam", "tablet").may_split());
    // Zaleplon capsules 5 mg and 10 mg (US).
    EXPECT_THAT(strengths("zaleplon", "capsule"), ElementsAre(5, 10));
    // DailyMed Lunesta: "1 mg, 2 mg, or 3 mg eszopiclone".
    EXPECT_THAT(strengths("eszopiclone", "tablet"), ElementsAre(1, 2, 3));
}

TEST(DrugDataValues, ReferenceProductsGivenTheirStrengthAndCountry) {
    // Pristiq: "equivalent to 25 mg, 50 mg or 100 mg of desvenlafaxine"; not divided.
    EXPECT_THAT(strengths("desvenlafaxine", "tablet-mr"), ElementsAre(25, 50, 100));
    EXPECT_TRUE(product("desvenlafaxine", "tablet-mr").sold_in(market_region::us));
    EXPECT_FALSE(product("desvenlafaxine", "tablet-mr").may_split());
    // emc 7121 Brintellix "tablets 5, 10 and 20mg".
    EXPECT_THAT(strengths("vortioxetine", "tablet"), ElementsAre(5, 10, 20));
    EXPECT_EQ(product("vortioxetine", "tablet").unit_strengths.origin.status, taper::evidence_status::verified);
    // Venlalic XL "37.5mg, 75mg, 150mg and 225mg" prolonged release.
    EXPECT_THAT(strengths("venlafaxine", "tablet-mr"), ElementsAre(37.5, 75, 150, 225));
    EXPECT_FALSE(product("venlafaxine", "tablet-mr").may_split());
    // Mirtazapine oral solution "1 ml ... contains 15 mg"; risperidone "1 mg risperidone per ml".
    EXPECT_THAT(strengths("mirtazapine", "liquid"), ElementsAre(15));
    EXPECT_THAT(strengths("risperidone", "liquid"), ElementsAre(1));
    // Alprazolam tablets USP "0.25, 0.5, 1 or 2 mg" (US).
    EXPECT_THAT(strengths("alprazolam", "tablet"), ElementsAre(0.25, 0.5, 1, 2));
    EXPECT_TRUE(product("alprazolam", "tablet").sold_in(market_region::us));
    // Lorazepam 1 mg and 2.5 mg (UK leaflet, scoring not stated: never split).
    EXPECT_THAT(strengths("lorazepam", "tablet"), ElementsAre(1, 2.5));
    EXPECT_FALSE(product("lorazepam", "tablet").may_split());
    EXPECT_TRUE(product("lorazepam", "tablet").sold_in(market_region::uk));
}

TEST(DrugDataValues, DiazepamTabletsSplitOnlyWhereScored) {
    // UK leaflet (Chelonia/DDSA): 2 mg and 5 mg "round, flat ... with bevelled edges" (no
    // score line); 10 mg "with bevelled edges and a scoreline". The reference's "splittable"
    // for all three is replaced by what its own source shows.
    EXPECT_THAT(strengths("diazepam", "tablet"), ElementsAre(2, 5));
    EXPECT_FALSE(*product("diazepam", "tablet").scored);
    EXPECT_FALSE(product("diazepam", "tablet").may_split());
    EXPECT_THAT(strengths("diazepam", "tablet-10mg"), ElementsAre(10));
    EXPECT_TRUE(*product("diazepam", "tablet-10mg").scored);
}

TEST(DrugDataValues, UsProductsOfTheCommonDrugs) {
    // DailyMed clonazepam: "unscored tablets debossed with C 1 on 1 mg tablets and C 2 on 2 mg".
    EXPECT_THAT(strengths("clonazepam", "tablet-us-1-2mg"), ElementsAre(1, 2));
    EXPECT_FALSE(product("clonazepam", "tablet-us-1-2mg").may_split());
    EXPECT_EQ(product("clonazepam", "tablet-us-1-2mg").unit_strengths.origin.status, taper::evidence_status::verified);
    // Lithium carbonate capsules 150/300/600 mg; Mylan ER tablet "contains 300 mg", never split.
    EXPECT_THAT(strengths("lithium carbonate", "capsule-us"), ElementsAre(150, 300, 600));
    EXPECT_THAT(strengths("lithium carbonate", "tablet-er-us"), ElementsAre(300));
    EXPECT_FALSE(product("lithium carbonate", "tablet-er-us").may_split());
    EXPECT_TRUE(product("lithium carbonate", "tablet-er-us").sold_in(market_region::us));
}

TEST(DrugDataValues, ProductsSoldInBothCountries) {
    // Each product below has the same form, strengths and scoring in a UK source and in a US
    // label (data/sources/40-us-products.json cites both); one entry serves both countries.
    // Lexapro (US), Dosage forms and strengths: "5 mg ... non-scored"; "10 mg ... scored".
    EXPECT_TRUE(product("escitalopram", "tablet-5mg").sold_in(market_region::us));
    EXPECT_TRUE(product("escitalopram", "tablet-5mg").sold_in(market_region::uk));
    EXPECT_FALSE(product("escitalopram", "tablet-5mg").may_split());
    EXPECT_TRUE(product("escitalopram", "tablet-10-20mg").sold_in(market_region::us));
    EXPECT_TRUE(product("escitalopram", "tablet-10-20mg").may_split());
    // DailyMed mirtazapine tablets (set a6a5949f-...): 15 and 30 mg scored, 45 mg not.
    EXPECT_TRUE(product("mirtazapine", "tablet-15mg").sold_in(market_region::us));
    EXPECT_TRUE(product("mirtazapine", "tablet-30mg").sold_in(market_region::us));
    EXPECT_TRUE(product("mirtazapine", "tablet-45mg").sold_in(market_region::us));
    EXPECT_FALSE(product("mirtazapine", "tablet-45mg").may_split());
    // DailyMed clonazepam (set 3ca76628-...): the 0.5 mg tablet is scored, as the UK SmPC's.
    EXPECT_TRUE(product("clonazepam", "tablet").sold_in(market_region::us));
    EXPECT_TRUE(product("clonazepam", "tablet").sold_in(market_region::uk));
    // DailyMed zolpidem (set 747949c5-...): 5 and 10 mg, not scored.
    EXPECT_THAT(strengths("zolpidem", "tablet"), ElementsAre(5, 10));
    EXPECT_TRUE(product("zolpidem", "tablet").sold_in(market_region::us));
    EXPECT_FALSE(product("zolpidem", "tablet").may_split());
    // Olanzapine Tablets USP (Aurobindo): "2.5 mg ... 5 mg ... 7.5 mg ... 10 mg ... 15 mg ... or 20 mg".
    EXPECT_THAT(strengths("olanzapine", "tablet"), ElementsAre(2.5, 5, 7.5, 10, 15, 20));
    EXPECT_TRUE(product("olanzapine", "tablet").sold_in(market_region::us));
    // US diazepam 10 mg (DAN 5620) scored, as the UK 10 mg; the US 2 and 5 mg are scored but
    // the UK ones are not, so the 2/5 mg product stays UK only.
    EXPECT_TRUE(product("diazepam", "tablet-10mg").sold_in(market_region::us));
    EXPECT_FALSE(product("diazepam", "tablet").sold_in(market_region::us));
    // US fluoxetine capsules 10, 20 and 40 mg: the 20 mg is the UK capsule, the others a US product.
    EXPECT_TRUE(product("fluoxetine", "capsule").sold_in(market_region::us));
    EXPECT_THAT(strengths("fluoxetine", "capsule-us-10-40mg"), ElementsAre(10, 40));
    EXPECT_FALSE(product("fluoxetine", "capsule-us-10-40mg").sold_in(market_region::uk));
    // US gabapentin capsules 100, 300 and 400 mg, the UK Neurontin capsules' strengths.
    EXPECT_THAT(strengths("gabapentin", "capsule"), ElementsAre(100, 300, 400));
    EXPECT_TRUE(product("gabapentin", "capsule").sold_in(market_region::us));
    // Aripiprazole tablets (US) 2, 5, 10, 15, 20, 30 mg: the 5-30 mg are the UK tablet's.
    EXPECT_TRUE(product("aripiprazole", "tablet").sold_in(market_region::us));
    EXPECT_THAT(strengths("aripiprazole", "tablet-us-2-20mg"), ElementsAre(2, 20));
    // Amitriptyline tablets USP (Mylan): 10, 25, 50, 75, 100, 150 mg; 10 and 25 mg "unscored".
    EXPECT_TRUE(product("amitriptyline", "tablet").sold_in(market_region::us));
    EXPECT_THAT(strengths("amitriptyline", "tablet-us-75-150mg"), ElementsAre(75, 100, 150));
    EXPECT_FALSE(product("amitriptyline", "tablet-us-75-150mg").may_split());
}

TEST(DrugDataValues, UsOnlyStrengthsOfTheCommonDrugs) {
    // Paroxetine tablets USP (US): "30 and 40 mg ... not scored".
    EXPECT_THAT(strengths("paroxetine", "tablet-us-40mg"), ElementsAre(40));
    EXPECT_FALSE(product("paroxetine", "tablet-us-40mg").may_split());
    EXPECT_FALSE(product("paroxetine", "tablet").sold_in(market_region::us));
    // Risperidone (US) 0.25 mg; lorazepam tablets USP (DailyMed) 0.5 and 2 mg.
    EXPECT_THAT(strengths("risperidone", "tablet-us-0.25mg"), ElementsAre(0.25));
    EXPECT_THAT(strengths("lorazepam", "tablet-us-0.5-2mg"), ElementsAre(0.5, 2));
    EXPECT_EQ(product("lorazepam", "tablet-us-0.5-2mg").unit_strengths.origin.status, taper::evidence_status::verified);
    // Trazodone (US, Sun): "50 mg are scored", "100 mg are scored"; "broken in half along the score line".
    EXPECT_THAT(strengths("trazodone", "tablet-us-50-100mg"), ElementsAre(50, 100));
    EXPECT_TRUE(product("trazodone", "tablet-us-50-100mg").may_split());
    EXPECT_TRUE(product("trazodone", "tablet-us-50-100mg").sold_in(market_region::us));
}

TEST(DrugDataValues, UsProductsOfAFormAndStrengthTheDataHas) {
    // Diazepam 2 mg MYLAN 271 (DailyMed listing copy): "SCORE: 2"; the 5 mg of the label too.
    EXPECT_THAT(strengths("diazepam", "tablet-us-2-5mg"), ElementsAre(2, 5));
    EXPECT_TRUE(product("diazepam", "tablet-us-2-5mg").may_split());
    EXPECT_TRUE(product("diazepam", "tablet-us-2-5mg").sold_in(market_region::us));
    EXPECT_FALSE(product("diazepam", "tablet-us-2-5mg").sold_in(market_region::uk));
    // Paroxetine tablets USP: "10 mg ... (scored); 20 mg ... (scored); 30 mg ..."; "The 10 mg
    // and 20 mg strength tablets are functionally scored, each can be split into two halves".
    EXPECT_THAT(strengths("paroxetine", "tablet-us-10-20mg"), ElementsAre(10, 20));
    EXPECT_TRUE(product("paroxetine", "tablet-us-10-20mg").may_split());
    EXPECT_THAT(strengths("paroxetine", "tablet-us-30mg"), ElementsAre(30));
    EXPECT_FALSE(product("paroxetine", "tablet-us-30mg").may_split());
    // Quetiapine (Apotex, APO QUE 25 ... APO QUE400): 25, 50, 100, 200, 300, 400 mg; no score stated.
    EXPECT_THAT(strengths("quetiapine", "tablet-us"), ElementsAre(25, 50, 100, 200, 300, 400));
    EXPECT_FALSE(product("quetiapine", "tablet-us").scored.known());
    EXPECT_FALSE(product("quetiapine", "tablet-us").may_split());
    // Risperidone (US monograph): 0.25 (tablet-us-0.25mg), 0.5, 1, 2, 3 and 4 mg.
    EXPECT_THAT(strengths("risperidone", "tablet-us-0.5-4mg"), ElementsAre(0.5, 1, 2, 3, 4));
    // Lorazepam tablets USP (DailyMed set 0007892c-...): 0.5, 1 and 2 mg.
    EXPECT_THAT(strengths("lorazepam", "tablet-us-1mg"), ElementsAre(1));
    EXPECT_EQ(product("lorazepam", "tablet-us-1mg").unit_strengths.origin.status, taper::evidence_status::verified);
    // Trazodone (Sun): "150 mg are scored in the divided dose design" (thirds): scored, not halved.
    EXPECT_THAT(strengths("trazodone", "tablet-us-150mg"), ElementsAre(150));
    EXPECT_TRUE(*product("trazodone", "tablet-us-150mg").scored);
    EXPECT_FALSE(product("trazodone", "tablet-us-150mg").may_split());
    // Citalopram (Torrent): "20 mg and 40 mg tablets are film-coated, oval shaped, scored".
    EXPECT_THAT(strengths("citalopram", "tablet-us-20-40mg"), ElementsAre(20, 40));
    EXPECT_TRUE(product("citalopram", "tablet-us-20-40mg").may_split());
    // Trintellix (US) 5, 10 and 20 mg: the Brintellix tablet, sold in both countries.
    EXPECT_TRUE(product("vortioxetine", "tablet").sold_in(market_region::us));
    EXPECT_TRUE(product("vortioxetine", "tablet").sold_in(market_region::uk));
}

TEST(DrugDataValues, LithiumSaltsAreSeparateDrugs) {
    // NHS Highland: Priadel 200 and 400 mg MR; emc 13163: the 400 mg "can be divided into
    // equal doses", but a modified-release tablet is never split here.
    EXPECT_THAT(strengths("lithium carbonate", "tablet-mr"), ElementsAre(200, 400));
    EXPECT_TRUE(*product("lithium carbonate", "tablet-mr").splittable);
    EXPECT_FALSE(product("lithium carbonate", "tablet-mr").may_split());
    // emc 13164: 520 mg lithium citrate per 5 ml = 104 mg/mL.
    EXPECT_THAT(strengths("lithium citrate", "liquid-104mg-ml"), ElementsAre(104));
    EXPECT_EQ(&get("lithium"), &get("lithium carbonate"));
    EXPECT_EQ(&get("Priadel"), &get("lithium carbonate"));
    EXPECT_EQ(half_life("lithium carbonate"), std::make_pair(18.0, 36.0));  // Priadel SmPC 5.2
    EXPECT_TRUE(get("lithium carbonate").max_daily_dose.empty());  // set by blood levels
}

TEST(DrugDataValues, HalfLives) {
    // Textbook Table 12-2: amitriptyline 5-45 h, clomipramine 15-60, doxepin 10-25,
    // nortriptyline 20-55. PMC7265598 Table 1: gabapentin 5-7 h, pregabalin 5.5-6.7 h.
    EXPECT_EQ(half_life("amitriptyline"), std::make_pair(5.0, 45.0));
    EXPECT_EQ(half_life("clomipramine"), std::make_pair(15.0, 60.0));
    EXPECT_EQ(half_life("doxepin"), std::make_pair(10.0, 25.0));
    EXPECT_EQ(half_life("nortriptyline"), std::make_pair(20.0, 55.0));
    EXPECT_EQ(half_life("gabapentin"), std::make_pair(5.0, 7.0));
    EXPECT_EQ(half_life("pregabalin"), std::make_pair(5.5, 6.7));
    EXPECT_EQ(half_life("lamotrigine"), std::make_pair(25.4, 32.8));
    // Not found in a source: unknown, not guessed.
    EXPECT_EQ(half_life("trazodone"), std::make_pair(-1.0, -1.0));
}

TEST(DrugDataValues, OtherNewDrugs) {
    EXPECT_THAT(strengths("amitriptyline", "liquid-5-10mg-ml"), ElementsAre(5, 10));  // 25 and 50 mg/5 ml
    EXPECT_THAT(strengths("nortriptyline", "tablet"), ElementsAre(10, 25));
    EXPECT_THAT(strengths("clomipramine", "capsule"), ElementsAre(10, 25, 50));
    EXPECT_THAT(strengths("trazodone", "capsule"), ElementsAre(50, 100));
    EXPECT_THAT(strengths("phenelzine", "tablet"), ElementsAre(15));
    EXPECT_THAT(strengths("tranylcypromine", "tablet"), ElementsAre(10));
    EXPECT_THAT(strengths("moclobemide", "tablet"), ElementsAre(150, 300));
    EXPECT_THAT(strengths("gabapentin", "capsule"), ElementsAre(100, 300, 400));
    EXPECT_THAT(strengths("gabapentin", "tablet"), ElementsAre(600, 800));
    EXPECT_EQ(maximum("pregabalin", market_region::us), 600);
    EXPECT_EQ(maximum("lamotrigine", market_region::us, "bipolar I disorder"), 200);
    EXPECT_THAT(strengths("lamotrigine", "dispersible"), ElementsAre(2, 5, 25));
    // Imipramine 10 and 25 mg (UK leaflet); SmPC 4.2: "stepwise to 150-200 mg", hospital
    // "100 mg three times daily"; Table 12-2: 5-30 h.
    EXPECT_THAT(strengths("imipramine", "tablet"), ElementsAre(10, 25));
    EXPECT_EQ(maximum("imipramine", market_region::uk), 200);
    EXPECT_EQ(maximum("imipramine", market_region::uk, "", "hospitalised adults"), 300);
    EXPECT_EQ(half_life("imipramine"), std::make_pair(5.0, 30.0));
}

TEST(DrugDataValues, BrandsPeopleType) {
    for (auto [brand, name] : std::vector<std::pair<std::string, std::string>>{
             {"Lustral", "sertraline"}, {"Zoloft", "sertraline"}, {"Cipramil", "citalopram"},
             {"Celexa", "citalopram"}, {"Seroquel", "quetiapine"}, {"Zimovane", "zopiclone"},
             {"Stilnoct", "zolpidem"}, {"Priadel", "lithium carbonate"}, {"Lyrica", "pregabalin"},
             {"Neurontin", "gabapentin"}, {"Epilim", "valproate"}, {"Tegretol", "carbamazepine"}})
        EXPECT_EQ(get(brand).name, name) << brand;
}

TEST(DrugDataValues, NewClassesGetTheirDefaultStrategies) {
    EXPECT_EQ(get("amitriptyline").klass, taper::drug_class::tricyclic);
    EXPECT_EQ(get("phenelzine").klass, taper::drug_class::maoi);
    EXPECT_EQ(get("pregabalin").klass, taper::drug_class::gabapentinoid);
    EXPECT_EQ(get("lamotrigine").klass, taper::drug_class::mood_stabilizer);
    EXPECT_EQ(get("bupropion").klass, taper::drug_class::atypical_antidepressant);
    EXPECT_EQ(get("lurasidone").klass, taper::drug_class::antipsychotic);
}

}  // namespace
