/* The C ABI from C11, journals, assessment, replanning and several drugs (part of capi_test: capi_check.h). */
#include "capi_check.h"

/* The person in the loop: a journal read from JSON and CSV (a bad entry reported, the rest
 * kept), the assessment of a withdrawal pattern, and a replan that holds (docs/journal.md). */
void test_journal(taper_database* db) {
    /* Sertraline 50 mg, 12.5 mg every 28 days from 2026-12-01: 37.5 mg, then 25 mg from
     * 2026-12-29. Dizziness and electric shocks two days after that cut, worst on day 3, eased
     * within a day of going back to 37.5 mg: consistent with withdrawal (docs/assessment.md). */
    const char* json =
        "{\"drug\": \"sertraline\", \"baseline\": [\"low_mood\"], \"entries\": ["
        "{\"date\": \"2026-12-28\", \"doses\": [{\"mg\": 37.5}]},"
        "{\"date\": \"2026-12-29\", \"doses\": [{\"mg\": 25}]},"
        "{\"date\": \"2026-12-30\", \"doses\": [{\"mg\": 25}]},"
        "{\"date\": \"2026-12-31\", \"doses\": [{\"mg\": 25}], \"symptoms\": {\"dizziness\": 2, \"electric_shocks\": 2}},"
        "{\"date\": \"2027-01-01\", \"doses\": [{\"mg\": 25}], \"symptoms\": {\"dizziness\": 3, \"anxiety\": 1}},"
        "{\"date\": \"2027-01-02\", \"doses\": [{\"mg\": 37.5}], \"symptoms\": {\"dizziness\": 3, \"electric_shocks\": 1}},"
        "{\"date\": \"2027-01-03\", \"doses\": [{\"mg\": 37.5}], \"symptoms\": {\"dizziness\": 1}},"
        "{\"date\": \"2027-01-04\", \"symptoms\": {\"dizziness\": 7}}"
        "]}";
    taper_journal* j = NULL;
    size_t problems = 99;
    OK(taper_journal_from_json(&j, &problems, json, &err));
    CHECK(problems == 1);
    size_t entries = 0;
    entries = taper_journal_entry_count(j);
    CHECK(entries == 7);
    taper_journal_problem_info p;
    p.struct_size = sizeof p;
    OK(taper_journal_problem(j, &p, 0, &err));
    CHECK(p.entry == 7);
    CHECK(p.code == TAPER_MESSAGE_JOURNAL_SEVERITY_OUT_OF_RANGE);
    STR_EQ(p.field, "symptoms.dizziness");
    STR_EQ(p.input, "7");
    CONTAINS(p.text, "entry 8");
    FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_journal_problem(j, &p, 1, &err));
    STR_EQ(taper_message_code_id(TAPER_MESSAGE_RED_FLAG_SEEK_HELP_NOW), "red_flag_seek_help_now");

    /* JSON -> CSV -> journal again: the same entries. */
    char* csv = NULL;
    OK(taper_journal_to_csv(j, &csv, &err));
    taper_journal* again = NULL;
    OK(taper_journal_from_csv(&again, NULL, csv, &err));
    entries = taper_journal_entry_count(again);
    CHECK(entries == 7);
    char* text = NULL;
    OK(taper_journal_to_json(again, &text, &err));
    CONTAINS(text, "\"electric_shocks\": 2");
    taper_string_free(text);
    taper_string_free(csv);
    taper_journal_free(again);
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_journal_from_json(&again, NULL, "not json", &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_journal_to_json(j, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_journal_to_csv(j, NULL, &err));
    taper_journal_free(NULL);

    taper_request* r = NULL;
    OK(taper_request_create(&r, &err));
    OK(taper_request_set_drug(r, "sertraline", &err));
    OK(taper_request_set_daily_dose_mg(r, 50, &err));
    OK(taper_request_set_start_date(r, 2026, 12, 1, &err));
    OK(taper_request_set_interval_days(r, 28, &err));
    taper_strategy_options* o = NULL;
    OK(taper_strategy_options_create(&o, &err));
    OK(taper_strategy_options_set_number(o, "amount", TAPER_OPTION_KIND_MASS, 12.5, &err));
    taper_schedule* s = NULL;
    OK(taper_plan(&s, db, r, NULL, "linear", o, &err));

    int32_t verdict = -1, seek_help = -1;
    char* assessment = NULL;
    OK(taper_assess(&verdict, &seek_help, &assessment, s, j, &err));
    CHECK(verdict == TAPER_VERDICT_CONSISTENT_WITH_WITHDRAWAL);
    CHECK(seek_help == 0);
    CONTAINS(assessment, "\"onset_soon_after_cut\"");
    CONTAINS(assessment, "\"nice_ng222\"");
    taper_string_free(assessment);
    OK(taper_assess(NULL, NULL, NULL, s, j, &err));

    /* Hold 14 days from 2027-01-04 at the dose recorded last (37.5 mg), then on. */
    taper_schedule* next = NULL;
    const taper_date today = {2027, 1, 4};
    OK(taper_replan(&next, db, s, j, NULL, "linear", o, TAPER_REPLAN_HOLD, today, 14, &err));
    taper_step_info step;
    step.struct_size = sizeof step;
    OK(taper_schedule_step(next, &step, 0, &err));
    CHECK(step.phase == TAPER_PHASE_HOLD);
    NEAR(step.daily_dose_mg, 37.5, 0);
    NEAR(step.length_days, 14, 0);
    taper_message_info m;
    m.struct_size = sizeof m;
    OK(taper_schedule_message(next, &m, 0, &err));
    CHECK(m.code == TAPER_MESSAGE_REPLAN_HOLD);
    taper_schedule_free(next);
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_replan(&next, db, s, j, NULL, "linear", o, 9, today, 14, &err));

    /* Patient pacing on 2027-01-04: the last entry kept (2027-01-03, 37.5 mg) is tolerable,
     * the one before (dizziness 3) is not: 2 tolerable days (01-03 and 01-04). Not ready
     * after the 7 days agreed; ready after 2, offering the plan's next dose below 37.5 mg
     * (25 mg), or half that cut if the person asks (37.5 - 12.5 / 2 = 31.25 mg). */
    taper_next_cut_offer offer;
    offer.struct_size = sizeof offer;
    char* reasons = NULL;
    OK(taper_offer_next_cut(&offer, &reasons, s, j, today, 7, 1, &err));
    CHECK(offer.ready == 0);
    NEAR(offer.tolerable_days, 2, 0);
    NEAR(offer.current_mg, 37.5, 0);
    NEAR(offer.offered_mg, 37.5, 0);
    CONTAINS(reasons, "\"not_ready_for_next_cut\"");
    taper_string_free(reasons);
    OK(taper_offer_next_cut(&offer, NULL, s, j, today, 2, 1, &err));
    CHECK(offer.ready == 1);
    NEAR(offer.offered_mg, 25, 0);
    OK(taper_offer_next_cut(&offer, &reasons, s, j, today, 2, 0.5, &err));
    NEAR(offer.offered_mg, 31.25, 0);
    CONTAINS(reasons, "\"cut_lowered_by_person\"");
    taper_string_free(reasons);
    FAILS(TAPER_ERROR_PLAN, taper_offer_next_cut(&offer, NULL, s, j, today, 2, 1.5, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_offer_next_cut(&offer, NULL, s, j, today, -1, 1, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_offer_next_cut(NULL, NULL, s, j, today, 7, 1, &err));

    taper_schedule_free(s);
    taper_strategy_options_free(o);
    taper_request_free(r);
    taper_journal_free(j);
}

/* Three drugs, one at a time in the order given, two weeks apart: diazepam, fluoxetine (a
 * strong CYP2D6 inhibitor) and aripiprazole, whose level may fall when fluoxetine is reduced
 * (aripiprazole prescribing information, data/interactions.json). */
void test_several(taper_database* db) {
    taper_several_request* sr = NULL;
    const taper_date start = {2027, 1, 4};
    OK(taper_several_request_create(&sr, start, 14, &err));
    const char* drugs[] = {"diazepam", "fluoxetine", "aripiprazole"};
    const double doses[] = {10, 20, 10};
    const double cuts[] = {2.5, 10, 5};
    for (int i = 0; i < 3; ++i) {
        taper_request* r = NULL;
        OK(taper_request_create(&r, &err));
        OK(taper_request_set_drug(r, drugs[i], &err));
        OK(taper_request_set_daily_dose_mg(r, doses[i], &err));
        taper_strategy_options* o = NULL;
        OK(taper_strategy_options_create(&o, &err));
        OK(taper_strategy_options_set_number(o, "amount", TAPER_OPTION_KIND_MASS, cuts[i], &err));
        OK(taper_several_request_add(sr, r, NULL, "linear", o, &err));
        FAILS(TAPER_ERROR_STRATEGY, taper_several_request_add(sr, r, NULL, "no-such-strategy", NULL, &err));
        taper_strategy_options_free(o);
        taper_request_free(r);
    }
    char* json = NULL;
    size_t plans = 0;
    OK(taper_plan_several(&json, &plans, db, sr, &err));
    CHECK(plans == 3);
    CONTAINS(json, "\"drugs\": [\n    \"diazepam\",\n    \"fluoxetine\",\n    \"aripiprazole\"");
    CONTAINS(json, "\"interaction_level_may_fall\"");
    CONTAINS(json, "\"stabilisation_gap\"");
    CONTAINS(json, "\"calendar\"");
    taper_string_free(json);
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_plan_several(NULL, NULL, db, sr, &err));
    taper_several_request_free(sr);
    taper_several_request_free(NULL);

    /* No course at all, and a negative gap. */
    OK(taper_several_request_create(&sr, start, 0, &err));
    FAILS(TAPER_ERROR_PLAN, taper_plan_several(&json, NULL, db, sr, &err));
    taper_several_request_free(sr);
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_several_request_create(&sr, start, -1, &err));
}
