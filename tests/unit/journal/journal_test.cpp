// The journal value, its checklist, and its JSON and CSV forms: round trips, and a bad entry
// that is reported (coded, with entry and field) without corrupting the others.
#include <taper/io/journal_csv.hpp>
#include <taper/io/journal_json.hpp>
#include <taper/journal/checklist.hpp>
#include <taper/journal/validate.hpp>
#include <taper/units/literals.hpp>

#include <gtest/gtest.h>

#include <iterator>
#include <set>
#include <string_view>
#include <utility>
#include <string>

namespace {

using namespace taper::literals;
using taper::message_code;
using taper::parse_date;

taper::journal sample() {
    taper::journal j;
    j.drug = "sertraline";
    j.country = "GB";
    j.baseline = {taper::symptom::low_mood, taper::symptom::anxiety};
    taper::journal_entry a;
    a.day = parse_date("2027-01-03");
    a.doses = {{"morning", 25_mg, taper::dose_status::taken}, {"night", 12.5_mg, taper::dose_status::missed}};
    a.ratings = {{taper::symptom::dizziness, 2}, {taper::symptom::electric_shocks, 1}};
    a.functioning = 1;
    a.events = {taper::life_event::stress};
    a.note = "felt foggy, \"zaps\", worse at night";
    taper::journal_entry b;
    b.day = parse_date("2027-01-04");
    b.doses = {{"morning", 25_mg, taper::dose_status::late}, {"night", 12.5_mg, taper::dose_status::taken}};
    j.entries = {a, b};
    return j;
}

TEST(Checklist, IdsAreUniqueAndEveryItemNamesASource) {
    std::set<std::string_view> ids;
    for (const auto& i : taper::checklist()) {
        EXPECT_TRUE(ids.insert(i.id).second) << i.id;
        EXPECT_EQ(taper::symptom_from_id(i.id), i.what);
        EXPECT_FALSE(taper::info(i.source).citation.empty());
        // Red flags, and only they, have a threshold.
        EXPECT_EQ(i.group == taper::symptom_group::red_flag, i.red_flag_from > 0) << i.id;
    }
    // The issue's examples are on the list.
    for (auto id : {"dizziness", "electric_shocks", "nausea", "flu_like", "sweating", "tremor", "anxiety", "low_mood",
                    "irritability", "insomnia", "suicidal_thoughts", "seizure", "mania", "psychosis", "akathisia",
                    "confusion", "self_harm"})
        EXPECT_TRUE(taper::symptom_from_id(id).has_value()) << id;
    // Akathisia is a red flag only when severe (rated 3), as the issue says.
    EXPECT_EQ(taper::info(taper::symptom::akathisia).red_flag_from, 3);
}

TEST(JournalEntry, TakenCountsTakenLateAndExtraButNotMissed) {
    const auto j = sample();
    // 25 mg taken + 12.5 mg missed = 25 mg; 25 mg late + 12.5 mg taken = 37.5 mg.
    EXPECT_DOUBLE_EQ(taper::in(*j.entries[0].taken(), taper::units::mg), 25.0);
    EXPECT_DOUBLE_EQ(taper::in(*j.entries[1].taken(), taper::units::mg), 37.5);
    EXPECT_FALSE(taper::journal_entry{}.taken().has_value());
}

TEST(JournalJson, RoundTrips) {
    const auto j = sample();
    const auto back = taper::journal_from_json(taper::to_json(j));
    EXPECT_TRUE(back.problems.empty());
    EXPECT_EQ(back.value, j);
}

TEST(JournalCsv, RoundTripsIncludingQuotesInNotes) {
    const auto j = sample();
    const auto back = taper::journal_from_csv(taper::to_csv(j));
    EXPECT_TRUE(back.problems.empty());
    EXPECT_EQ(back.value, j);
}

TEST(JournalJson, ABadEntryIsReportedWithEntryAndFieldAndTheRestIsKept) {
    const std::string text = R"({"drug": "sertraline", "baseline": ["low_mood"], "entries": [
        {"date": "2027-01-01", "symptoms": {"dizziness": 1}},
        {"date": "2027-01-02", "symptoms": {"dizziness": 5}},
        {"date": "2027-02-30"},
        {"date": "2027-01-04", "symptoms": {"brain_fog": 1}},
        {"date": "2027-01-05", "doses": [{"time": "morning", "mg": 10, "status": "forgot"}]},
        {"date": "2027-01-06", "functioning": 4},
        {"date": "2027-01-07", "doses": [{"mg": -1}]},
        {"date": "2026-12-31"},
        {"date": "2027-01-08", "symptoms": {"anxiety": 2}}
    ]})";
    const auto r = taper::journal_from_json(text);
    ASSERT_EQ(r.value.entries.size(), 2U);
    EXPECT_EQ(r.value.entries[0].day, parse_date("2027-01-01"));
    EXPECT_EQ(r.value.entries[1].day, parse_date("2027-01-08"));
    ASSERT_EQ(r.problems.size(), 7U);
    const taper::journal_problem expected[] = {
        {1, "symptoms.dizziness", "5", message_code::journal_severity_out_of_range},
        {2, "date", "2027-02-30", message_code::journal_bad_date},
        {3, "symptoms.brain_fog", "brain_fog", message_code::journal_unknown_symptom},
        {4, "doses[0].status", "forgot", message_code::journal_unknown_dose_status},
        {5, "functioning", "4", message_code::journal_functioning_out_of_range},
        {6, "doses[0].mg", "-1", message_code::journal_dose_negative},
        {7, "date", "2026-12-31", message_code::journal_entries_out_of_order},
    };
    for (std::size_t i = 0; i < 7; ++i) EXPECT_EQ(r.problems[i], expected[i]) << i;
    EXPECT_EQ(taper::describe(r.problems[0]), "entry 2, field symptoms.dizziness: '5' is not a severity (0-3)");
}

TEST(JournalJson, TextThatIsNotAJournalThrowsACodedError) {
    EXPECT_THROW((void)taper::journal_from_json("not json"), taper::journal_error);
    EXPECT_THROW((void)taper::journal_from_json("[1,2]"), taper::journal_error);
    try {
        (void)taper::journal_from_json(R"({"entries": 3})");
        FAIL();
    } catch (const taper::journal_error& e) {
        EXPECT_EQ(e.detail().option, "entries");
    }
}

TEST(JournalCsv, ABadRowDropsOnlyItsDay) {
    const std::string text =
        "date,kind,key,value,status\n"
        ",baseline,low_mood,,\n"
        "2027-01-01,symptom,dizziness,2,\n"
        "2027-01-02,symptom,dizziness,9,\n"
        "2027-01-02,dose,daily,25,taken\n"
        "2027-01-03,dose,daily,25,taken\n";
    const auto r = taper::journal_from_csv(text);
    ASSERT_EQ(r.value.entries.size(), 2U);
    EXPECT_EQ(r.value.entries[0].rating(taper::symptom::dizziness), 2);
    EXPECT_EQ(r.value.entries[1].day, parse_date("2027-01-03"));
    ASSERT_EQ(r.problems.size(), 1U);
    EXPECT_EQ(r.problems[0].entry, 1U);
    EXPECT_EQ(r.problems[0].code, message_code::journal_severity_out_of_range);
    EXPECT_EQ(r.value.baseline, std::vector<taper::symptom>{taper::symptom::low_mood});
    EXPECT_THROW((void)taper::journal_from_csv("day,what\n"), taper::journal_error);
}

TEST(JournalCsv, JournalWideRowsBadDatesNotesAndAnUnknownKind) {
    // Rows are numbered from the header (row 1). The last row has no line end.
    const std::string text =
        "date,kind,key,value,status\n"
        ",drug,sertraline,,\n"
        ",country,GB,,\n"
        ",baseline,brain_fog,,\n"
        ",colour,blue,,\n"
        "2027-02-30,symptom,nausea,1,\n"
        "2027-01-01,note,,first line,\n"
        "2027-01-01,note,,second line,\n"
        "2027-01-01,dose,,20,\n"
        "2027-01-02,mood,,3,\n"
        "2027-01-03,event,travel,,";
    const auto r = taper::journal_from_csv(text);
    EXPECT_EQ(r.value.drug, "sertraline");
    EXPECT_EQ(r.value.country, "GB");
    EXPECT_TRUE(r.value.baseline.empty());
    const taper::journal_problem expected[] = {
        {taper::journal_problem::whole_journal, "row 4 (baseline)", "brain_fog", message_code::journal_unknown_symptom},
        {taper::journal_problem::whole_journal, "row 5 (colour)", "colour", message_code::journal_wrong_type},
        {taper::journal_problem::whole_journal, "row 6 (symptom)", "2027-02-30", message_code::journal_bad_date},
        {1, "row 10 (mood)", "mood", message_code::journal_wrong_type},
    };
    ASSERT_EQ(r.problems.size(), std::size(expected));
    for (std::size_t i = 0; i < std::size(expected); ++i) EXPECT_EQ(r.problems[i], expected[i]) << i;
    // 2027-01-02 is dropped for its unknown row; the other two days are kept.
    ASSERT_EQ(r.value.entries.size(), 2U);
    const auto& first = r.value.entries[0];
    EXPECT_EQ(first.day, parse_date("2027-01-01"));
    EXPECT_EQ(first.note, "first line\nsecond line");
    ASSERT_EQ(first.doses.size(), 1U);
    EXPECT_EQ(first.doses[0], (taper::dose_record{"daily", 20_mg, taper::dose_status::taken}));
    EXPECT_EQ(r.value.entries[1].day, parse_date("2027-01-03"));
    EXPECT_EQ(r.value.entries[1].events, std::vector<taper::life_event>{taper::life_event::travel});
}

TEST(JournalValidate, FindsProblemsInAJournalMadeInMemory) {
    auto j = sample();
    j.entries[1].day = j.entries[0].day;
    j.entries[1].ratings = {{taper::symptom::nausea, 4}};
    const auto p = taper::validate(j);
    ASSERT_EQ(p.size(), 2U);
    EXPECT_EQ(p[0].code, message_code::journal_duplicate_date);
    EXPECT_EQ(p[1].field, "ratings[0].severity");
    EXPECT_TRUE(taper::validate(sample()).empty());
}

TEST(JournalNames, DoseStatusesAndLifeEventsReadBackFromTheirNames) {
    // The names docs/journal.md gives, in the enums' order.
    const std::pair<taper::dose_status, std::string_view> statuses[] = {
        {taper::dose_status::taken, "taken"}, {taper::dose_status::missed, "missed"},
        {taper::dose_status::late, "late"}, {taper::dose_status::extra, "extra"}};
    for (const auto& [s, name] : statuses) {
        EXPECT_EQ(taper::to_string(s), name);
        EXPECT_EQ(taper::dose_status_from_string(name), s) << name;
    }
    const std::pair<taper::life_event, std::string_view> events[] = {
        {taper::life_event::illness, "illness"},       {taper::life_event::stress, "stress"},
        {taper::life_event::bereavement, "bereavement"}, {taper::life_event::poor_sleep, "poor_sleep"},
        {taper::life_event::travel, "travel"},         {taper::life_event::alcohol, "alcohol"},
        {taper::life_event::other, "other"}};
    for (const auto& [e, name] : events) {
        EXPECT_EQ(taper::to_string(e), name);
        EXPECT_EQ(taper::life_event_from_string(name), e) << name;
    }
    // Names are exact: no other spelling or case is taken.
    EXPECT_FALSE(taper::dose_status_from_string("Taken").has_value());
    EXPECT_FALSE(taper::dose_status_from_string("").has_value());
    EXPECT_FALSE(taper::life_event_from_string("poor sleep").has_value());
    EXPECT_FALSE(taper::life_event_from_string("holiday").has_value());
}

TEST(JournalEntry, RatingIsTheWorstGivenForThatSymptomAndZeroWhenUnrated) {
    taper::journal_entry e;
    e.ratings = {{taper::symptom::nausea, 1}, {taper::symptom::dizziness, 2}, {taper::symptom::nausea, 3}};
    EXPECT_EQ(e.rating(taper::symptom::nausea), 3);
    EXPECT_EQ(e.rating(taper::symptom::dizziness), 2);
    EXPECT_EQ(e.rating(taper::symptom::tremor), 0);
    // Only missed doses are left out: an extra dose counts (10 + 5 = 15 mg).
    e.doses = {{"daily", 10_mg, taper::dose_status::taken}, {"night", 5_mg, taper::dose_status::extra}};
    EXPECT_DOUBLE_EQ(taper::in(*e.taken(), taper::units::mg), 15.0);
    // A day whose only dose was missed took nothing, which is not "not recorded".
    e.doses = {{"daily", 10_mg, taper::dose_status::missed}};
    ASSERT_TRUE(e.taken().has_value());
    EXPECT_DOUBLE_EQ(taper::in(*e.taken(), taper::units::mg), 0.0);
}

TEST(Journal, BaselineAndTheEntryOfADay) {
    const auto j = sample();
    EXPECT_TRUE(j.in_baseline(taper::symptom::low_mood));
    EXPECT_TRUE(j.in_baseline(taper::symptom::anxiety));
    EXPECT_FALSE(j.in_baseline(taper::symptom::dizziness));
    const taper::journal_entry* second = j.on(parse_date("2027-01-04"));
    ASSERT_NE(second, nullptr);
    EXPECT_EQ(second, &j.entries[1]);
    EXPECT_EQ(j.on(parse_date("2027-01-03")), &j.entries[0]);
    EXPECT_EQ(j.on(parse_date("2027-01-05")), nullptr);
    EXPECT_EQ(taper::journal{}.on(parse_date("2027-01-03")), nullptr);
}

TEST(JournalValidate, EachKindOfProblemInMemoryNamesItsEntryAndField) {
    auto j = sample();
    // Entry 1: a date before entry 0's, a negative second dose, severity -1 and functioning 4.
    j.entries[1].day = parse_date("2027-01-02");
    j.entries[1].doses[1].amount = -2.5_mg;
    j.entries[1].ratings = {{taper::symptom::nausea, 1}, {taper::symptom::tremor, -1}};
    j.entries[1].functioning = 4;
    j.entries[0].functioning = -1;
    const auto p = taper::validate(j);
    const taper::journal_problem expected[] = {
        {0, "functioning", "-1", message_code::journal_functioning_out_of_range},
        {1, "date", "2027-01-02", message_code::journal_entries_out_of_order},
        {1, "doses[1].amount", "", message_code::journal_dose_negative},
        {1, "ratings[1].severity", "-1", message_code::journal_severity_out_of_range},
        {1, "functioning", "4", message_code::journal_functioning_out_of_range},
    };
    ASSERT_EQ(p.size(), std::size(expected));
    for (std::size_t i = 0; i < std::size(expected); ++i) EXPECT_EQ(p[i], expected[i]) << i;
    // The ends of the scales are in range: severity 0 and 3, functioning 0 and 3.
    auto edges = sample();
    edges.entries[0].ratings = {{taper::symptom::nausea, 0}, {taper::symptom::tremor, 3}};
    edges.entries[0].functioning = 0;
    edges.entries[1].functioning = 3;
    EXPECT_TRUE(taper::validate(edges).empty());
}

TEST(JournalProblem, DescribeSaysWhereAndWhatForEveryCode) {
    using taper::journal_problem;
    const auto d = [](journal_problem p) { return taper::describe(p); };
    EXPECT_EQ(d({0, "date", "2027-13-01", message_code::journal_bad_date}),
              "entry 1, field date: '2027-13-01' is not a date (expected YYYY-MM-DD)");
    EXPECT_EQ(d({4, "date", "2027-01-01", message_code::journal_entries_out_of_order}),
              "entry 5, field date: '2027-01-01' is earlier than the entry before it");
    EXPECT_EQ(d({1, "symptoms.brain_fog", "brain_fog", message_code::journal_unknown_symptom}),
              "entry 2, field symptoms.brain_fog: 'brain_fog' is not a symptom of the checklist (docs/journal.md)");
    EXPECT_EQ(d({2, "doses[0].mg", "", message_code::journal_dose_negative}),
              "entry 3, field doses[0].mg: a negative dose");
    EXPECT_EQ(d({0, "doses[1].status", "forgot", message_code::journal_unknown_dose_status}),
              "entry 1, field doses[1].status: 'forgot' is not a dose status (taken, missed, late, extra)");
    EXPECT_EQ(d({0, "functioning", "7", message_code::journal_functioning_out_of_range}),
              "entry 1, field functioning: '7' is not a functioning rating (0-3)");
    EXPECT_EQ(d({0, "events[0]", "holiday", message_code::journal_unknown_life_event}),
              "entry 1, field events[0]: 'holiday' is not a life event (docs/journal.md)");
    EXPECT_EQ(d({0, "note", "", message_code::journal_wrong_type}), "entry 1, field note: missing or of the wrong type");
    EXPECT_EQ(d({1, "date", "2027-01-03", message_code::journal_duplicate_date}),
              "entry 2, field date: '2027-01-03' is a second entry for the same day");
    // A problem of the whole journal, without a field: no entry number.
    EXPECT_EQ(d({journal_problem::whole_journal, "", "", message_code::journal_wrong_type}),
              "journal: missing or of the wrong type");
    EXPECT_EQ(d({journal_problem::whole_journal, "entries", "", message_code::journal_wrong_type}),
              "journal, field entries: missing or of the wrong type");
    // A code that is not a journal problem's is named by its id rather than described wrongly.
    EXPECT_EQ(d({0, "", "x", message_code::simulation_no_pharmacokinetics}),
              "entry 1: 'x' is simulation_no_pharmacokinetics");
}

}  // namespace
