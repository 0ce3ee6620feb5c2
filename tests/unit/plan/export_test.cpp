// JSON and CSV export of a schedule built by hand, so every expected value is known
// independently of the planner.
#include <taper/io/csv.hpp>
#include <taper/io/json.hpp>
#include <taper/messages/message.hpp>
#include <taper/plan/plan.hpp>
#include <taper/units/literals.hpp>
#include <taper/version.hpp>
#include <taper/units/from_value.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <limits>
#include <string>
#include <vector>

namespace {

using namespace taper::literals;
using json = nlohmann::json;
using ordered = nlohmann::ordered_json;

taper::duration days(double n) { return taper::from_value<taper::duration>(n); }

// Two steps of a made-up plan: 20 mg split morning/night, then 1/3 mg (a number with no short
// decimal), then 0. A note with a comma and a quote exercises CSV quoting.
taper::schedule sample() {
    taper::schedule s;
    s.drug = "citalopram";
    s.strategy = "hyperbolic";
    s.start_dose = 20.0_mg;
    s.start_equivalent_dose = 20.0_mg;
    s.start_occupancy_percent = 75.25_points;
    s.start_split = {{"morning", 10.0_mg}, {"night", 10.0_mg}};
    s.occupancy_model = "sert-striatum-sorensen2022";
    s.occupancy_receptor = "SERT";
    s.start = taper::parse_date("2026-12-01");
    s.messages = {taper::make_message(taper::message_code::pacing_half_life_unknown)};
    s.strategy_texts = {"cut, as \"asked\"", "second note"};

    taper::step a;
    a.number = 1;
    a.phase = taper::step_phase::reduce;
    a.start = s.start;
    a.length = days(28);
    const taper::mass third = taper::from_value<taper::mass>(1.0 / 3.0);
    a.doses = {{"citalopram", "morning", third * 0.5}, {"citalopram", "night", third * 0.5}};
    a.daily_dose = third;
    a.equivalent_daily_dose = third;
    a.change = 20.0_mg - third;
    a.change_percent = 100.0 * (20.0 - 1.0 / 3.0) / 20.0 * taper::units::percent_of_dose;
    a.occupancy_percent = 10.5_points;
    a.change_points = 64.75_points;
    a.messages = {taper::make_message(taper::message_code::strategy_text, {taper::parameter::text(0)}),
                  taper::make_message(taper::message_code::strategy_text, {taper::parameter::text(1)})};

    taper::step b;
    b.number = 2;
    b.phase = taper::step_phase::stop;
    b.start = a.end();
    b.length = days(14);
    b.doses = {{"citalopram", "morning", 0.0_mg}, {"citalopram", "night", 0.0_mg}};
    b.daily_dose = 0.0_mg;
    b.equivalent_daily_dose = 0.0_mg;
    b.change = third;
    b.change_percent = 100_pct;
    b.occupancy_percent = 0.0_points;
    b.change_points = 10.5_points;
    b.messages = {taper::make_message(taper::message_code::min_change_exceeds_max_cut, {2.0_mg})};
    s.steps = {a, b};
    return s;
}

std::vector<std::string> keys(const ordered& j) {
    std::vector<std::string> out;
    for (const auto& [k, v] : j.items()) out.push_back(k);
    return out;
}

// Splits at each separator; a separator at the very end gives no empty last item.
std::vector<std::string> lines(const std::string& text, const std::string& sep) {
    std::vector<std::string> out;
    std::size_t from = 0;
    while (from < text.size()) {
        const auto at = text.find(sep, from);
        out.push_back(text.substr(from, at - from));
        if (at == std::string::npos) break;
        from = at + sep.size();
    }
    return out;
}

TEST(ExportJson, HeaderFieldsInTheirStableOrder) {
    const ordered j = ordered::parse(taper::to_json(sample()));
    const std::vector<std::string> expected{
        "format", "format_version", "taper_version", "disclaimer", "drug", "strategy", "basis",
        "start_daily_dose_mg", "start_equivalent_daily_dose_mg", "start_occupancy_percent", "start_doses",
        "occupancy_model", "equivalence_table", "start", "end", "length_days", "final_equivalent_daily_dose_mg",
        "warnings", "messages", "steps"};
    EXPECT_EQ(keys(j), expected);
    EXPECT_EQ(j["format"], "taper-schedule");
    EXPECT_EQ(j["format_version"], 1);
    EXPECT_EQ(j["taper_version"], TAPER_VERSION_STRING);
    EXPECT_NE(j["disclaimer"].get<std::string>().find("NICE NG222"), std::string::npos);
    EXPECT_EQ(j["drug"], "citalopram");
    EXPECT_EQ(j["strategy"], "hyperbolic");
    EXPECT_EQ(j["basis"], "own_mg");
    EXPECT_EQ(j["start_daily_dose_mg"], 20.0);
    EXPECT_EQ(j["start_occupancy_percent"], 75.25);
    EXPECT_EQ(j["start_doses"], ordered::parse(R"([{"time":"morning","amount_mg":10},{"time":"night","amount_mg":10}])"));
    EXPECT_EQ(j["occupancy_model"], ordered::parse(R"({"id":"sert-striatum-sorensen2022","receptor":"SERT"})"));
    EXPECT_TRUE(j["equivalence_table"].is_null());
    // 28 + 14 days from 2026-12-01: the plan ends (exclusive) on 2027-01-12.
    EXPECT_EQ(j["start"], "2026-12-01");
    EXPECT_EQ(j["end"], "2027-01-12");
    EXPECT_EQ(j["length_days"], 42);
    EXPECT_EQ(j["final_equivalent_daily_dose_mg"], 0.0);
    EXPECT_EQ(j["warnings"], ordered::array({"half-life pacing was asked for, but citalopram's half-life is not known in the data, so it was not applied"}));
    EXPECT_EQ(j["messages"], ordered::parse(R"([{"code":300,"id":"pacing_half_life_unknown","severity":"warning",
                                                  "params":{},"text":"half-life pacing was asked for, but citalopram's half-life is not known in the data, so it was not applied"}])"));
    ASSERT_EQ(j["steps"].size(), 2u);
}

TEST(ExportJson, EveryStepFieldWithUnitsAndFullPrecision) {
    const ordered j = ordered::parse(taper::to_json(sample()));
    const ordered& a = j["steps"][0];
    const std::vector<std::string> expected{
        "number", "phase", "start", "end", "last_day", "length_days", "daily_dose_mg", "equivalent_daily_dose_mg",
        "change_mg", "change_percent", "occupancy_percent", "change_points", "doses", "notes", "warnings", "messages"};
    EXPECT_EQ(keys(a), expected);
    EXPECT_EQ(a["number"], 1);
    EXPECT_EQ(a["phase"], "reduce");
    EXPECT_EQ(a["start"], "2026-12-01");
    EXPECT_EQ(a["end"], "2026-12-29");
    EXPECT_EQ(a["last_day"], "2026-12-28");
    EXPECT_EQ(a["length_days"], 28);
    // Bit for bit: the text reads back as the same double.
    EXPECT_EQ(a["daily_dose_mg"].get<double>(), 1.0 / 3.0);
    EXPECT_EQ(a["change_mg"].get<double>(), 20.0 - 1.0 / 3.0);
    EXPECT_EQ(a["change_percent"].get<double>(), 100.0 * (20.0 - 1.0 / 3.0) / 20.0);
    EXPECT_EQ(a["occupancy_percent"], 10.5);
    EXPECT_EQ(a["change_points"], 64.75);
    ASSERT_EQ(a["doses"].size(), 2u);
    EXPECT_EQ(keys(a["doses"][0]), (std::vector<std::string>{"drug", "time", "amount_mg"}));
    EXPECT_EQ(a["doses"][1]["time"], "night");
    EXPECT_EQ(a["doses"][1]["amount_mg"].get<double>(), 1.0 / 6.0);
    EXPECT_EQ(a["notes"], ordered::parse(R"(["cut, as \"asked\"", "second note"])"));
    EXPECT_TRUE(a["warnings"].empty());
    EXPECT_EQ(a["messages"][1], ordered::parse(R"({"code":100,"id":"strategy_text","severity":"note",
                                                   "params":{"text":"second note"},"text":"second note"})"));

    const ordered& b = j["steps"][1];
    EXPECT_EQ(b["phase"], "stop");
    EXPECT_EQ(b["start"], "2026-12-29");
    EXPECT_EQ(b["end"], "2027-01-12");
    EXPECT_EQ(b["last_day"], "2027-01-11");
    EXPECT_EQ(b["daily_dose_mg"], 0.0);
    EXPECT_EQ(b["change_percent"], 100.0);
    EXPECT_EQ(b["warnings"], ordered::array({"the smallest change worth making (2 mg) is larger than the maximum cut at low doses; the maximum wins"}));
    EXPECT_EQ(b["messages"], ordered::parse(R"([{"code":304,"id":"min_change_exceeds_max_cut","severity":"warning",
                                                  "params":{"min_change":2.0},"text":"the smallest change worth making (2 mg) is larger than the maximum cut at low doses; the maximum wins"}])"));
}

TEST(ExportJson, MissingModelIsNullAndDiazepamBasisIsNamed) {
    taper::schedule s = sample();
    s.occupancy_model.clear();
    s.occupancy_receptor.clear();
    s.start_occupancy_percent.reset();
    s.basis = taper::dose_basis::diazepam_mg;
    s.equivalence_table = "ashton";
    s.start_equivalent_dose = 40.0_mg;
    for (auto& st : s.steps) {
        st.occupancy_percent.reset();
        st.change_points.reset();
    }
    const ordered j = ordered::parse(taper::to_json(s));
    EXPECT_EQ(j["basis"], "diazepam_mg");
    EXPECT_EQ(j["equivalence_table"], "ashton");
    EXPECT_EQ(j["start_equivalent_daily_dose_mg"], 40.0);
    EXPECT_TRUE(j["occupancy_model"].is_null());
    EXPECT_TRUE(j["start_occupancy_percent"].is_null());
    EXPECT_TRUE(j["steps"][0]["occupancy_percent"].is_null());
    EXPECT_TRUE(j["steps"][0]["change_points"].is_null());
    EXPECT_TRUE(j["steps"][0].contains("change_points"));  // present, null: every field, always
}

TEST(ExportJson, NonFiniteNumbersAreAnErrorNotNull) {
    taper::schedule s = sample();
    s.steps[1].change_percent = std::numeric_limits<double>::quiet_NaN() * taper::units::percent_of_dose;
    try {
        (void)taper::to_json(s);
        FAIL() << "expected invalid_argument_error";
    } catch (const taper::invalid_argument_error& e) {
        EXPECT_NE(std::string(e.what()).find("step 2, change_percent"), std::string::npos) << e.what();
    }
    EXPECT_THROW((void)taper::to_csv(s), taper::invalid_argument_error);
}

TEST(ExportCsv, HeaderWithUnitsAndOneRowPerDoseLine) {
    const std::string csv = taper::to_csv(sample());
    ASSERT_GE(csv.size(), 2u);
    EXPECT_EQ(csv.substr(csv.size() - 2), "\r\n");  // RFC 4180: CRLF after every record
    const auto rows = lines(csv, "\r\n");
    ASSERT_EQ(rows.size(), 5u);  // header + 2 steps x 2 dose lines
    EXPECT_EQ(rows[0],
              "step,phase,start,end,last_day,length_days,daily_dose_mg,equivalent_daily_dose_mg,change_mg,"
              "change_percent,occupancy_percent,change_points,drug,time,amount_mg,notes,warnings,message_ids");
    // 1/3 and 20 - 1/3 at full precision (shortest text that reads back exactly): 1/3 is
    // 0.3333333333333333, 20 - 1/3 is 19.666666666666668, the change 100 · (20 - 1/3) / 20 is
    // 98.33333333333334 and each half-dose 1/6 is 0.16666666666666666 (the same doubles the
    // sample was built from, std::to_chars's shortest form); the notes quoted because of the
    // comma, their quotes doubled, joined with " | ".
    EXPECT_EQ(rows[1],
              "1,reduce,2026-12-01,2026-12-29,2026-12-28,28,0.3333333333333333,0.3333333333333333,"
              "19.666666666666668,98.33333333333334,10.5,64.75,citalopram,morning,0.16666666666666666,"
              "\"cut, as \"\"asked\"\" | second note\",,strategy_text|strategy_text");
    EXPECT_EQ(rows[2].substr(0, 2), "1,");
    EXPECT_NE(rows[2].find(",citalopram,night,0.16666666666666666,"), std::string::npos) << rows[2];
    EXPECT_EQ(rows[3],
              "2,stop,2026-12-29,2027-01-12,2027-01-11,14,0,0,0.3333333333333333,100,0,10.5,citalopram,morning,0,,"
              "the smallest change worth making (2 mg) is larger than the maximum cut at low doses; the maximum wins,min_change_exceeds_max_cut");
    EXPECT_EQ(std::stod("19.666666666666668"), 20.0 - 1.0 / 3.0);
    EXPECT_EQ(std::stod("98.33333333333334"), 100.0 * (20.0 - 1.0 / 3.0) / 20.0);
    EXPECT_EQ(std::stod("0.16666666666666666"), (1.0 / 3.0) * 0.5);
}

TEST(ExportCsv, EmptyCellsWhereThereIsNoModel) {
    taper::schedule s = sample();
    for (auto& st : s.steps) {
        st.occupancy_percent.reset();
        st.change_points.reset();
    }
    s.steps[1].doses.clear();  // a step without dose lines still gets its row
    const auto rows = lines(taper::to_csv(s), "\r\n");
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_NE(rows[1].find(",98.33333333333334,,,citalopram,morning,"), std::string::npos) << rows[1];
    EXPECT_EQ(rows[3], "2,stop,2026-12-29,2027-01-12,2027-01-11,14,0,0,0.3333333333333333,100,,,,,,,"
                       "the smallest change worth making (2 mg) is larger than the maximum cut at low doses; the "
                       "maximum wins,min_change_exceeds_max_cut");
}

}  // namespace
