/* The C ABI from C11, forms, realization, dispensing and conversions (part of capi_test: capi_check.h). */
#include "capi_check.h"

/* ---- forms, realization, dispensing, conversions -------------------------------------- */

void test_forms_and_realization(taper_database* db) {
    taper_forms* forms = NULL;
    OK(taper_forms_parse(&forms, db, "citalopram", "10 mg tablet, 2 mg/mL liquid", &err));
    {
        /* "any": every product of the drug, once per set the realization would use alike. */
        taper_forms* any = NULL;
        OK(taper_forms_parse(&any, db, "citalopram", "any", &err));
        CHECK(taper_forms_count(any) > 0);
        taper_forms_free(any);
    }
    size_t count = 0;
    count = taper_forms_count(forms);
    CHECK(count == 2);
    taper_form_info fi;
    fi.struct_size = sizeof fi;
    OK(taper_forms_item(forms, &fi, 0, &err));
    CHECK(fi.kind == TAPER_FORM_TABLET);
    STR_EQ(fi.drug, "citalopram");
    STR_EQ(fi.formulation_id, "tablet");
    NEAR(fi.unit_strength_mg, 10, 0);
    CHECK(isnan(fi.liquid_strength_mg_per_ml) && isnan(fi.drop_volume_ml) && isnan(fi.beads_per_capsule));
    CHECK(fi.may_split == 1);
    CHECK(fi.label != NULL && fi.caution != NULL && fi.bioavailability_source != NULL);
    OK(taper_forms_item(forms, &fi, 1, &err));
    CHECK(fi.kind == TAPER_FORM_LIQUID);
    NEAR(fi.liquid_strength_mg_per_ml, 2, 0);
    CHECK(isnan(fi.unit_strength_mg));
    FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_forms_item(forms, &fi, 2, &err));
    fi.struct_size = 0;
    FAILS(TAPER_ERROR_ABI_MISMATCH, taper_forms_item(forms, &fi, 0, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_forms_item(NULL, &fi, 0, &err));
    CHECK(taper_forms_count(NULL) == 0);

    taper_forms* bad = NULL;
    FAILS(TAPER_ERROR_PARSE, taper_forms_parse(&bad, db, "citalopram", "ten mg tablet", &err));
    FAILS_WITH(TAPER_ERROR_PLAN, taper_forms_parse(&bad, db, "citalopram", "15 mg tablet", &err), "15");
    FAILS(TAPER_ERROR_UNKNOWN_DRUG, taper_forms_parse(&bad, db, "citaloparm", "10 mg tablet", &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_forms_parse(&bad, db, "citalopram", NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_forms_parse(NULL, db, "citalopram", "10 mg tablet", &err));
    CHECK(bad == NULL);

    taper_forms* all = NULL;
    OK(taper_forms_all(&all, db, "citalopram", &err));
    size_t all_count = 0;
    all_count = taper_forms_count(all);
    CHECK(all_count == 7); /* 10, 20, 40 mg tablets, 40 mg/mL drops, 2 mg/mL liquid; US 20, 40 mg tablets */
    FAILS(TAPER_ERROR_UNKNOWN_DRUG, taper_forms_all(&bad, db, "nosuchdrug", &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_forms_all(NULL, db, "citalopram", &err));
    taper_forms* combined = NULL;
    OK(taper_forms_create_empty(&combined, &err));
    OK(taper_forms_append(combined, all, &err));
    OK(taper_forms_append(combined, combined, &err)); /* onto itself */
    count = taper_forms_count(combined);
    CHECK(count == 2 * all_count);
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_forms_append(combined, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_forms_append(NULL, all, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_forms_create_empty(NULL, &err));
    taper_forms_free(combined);

    /* Options. */
    taper_realization_options options;
    options.struct_size = sizeof options;
    OK(taper_realization_options_init(&options, &err));
    NEAR(options.syringe_resolution_ml, 0.1, 1e-12);
    NEAR(options.min_volume_ml, 0.2, 1e-12);
    NEAR(options.max_volume_ml, 10, 1e-12);
    CHECK(options.allow_quarters == 1 && options.max_drops == 40 && options.max_pieces == 8);
    NEAR(options.tolerance_percent, 5, 0);
    NEAR(options.bottle_volume_ml, 0, 0);
    CHECK(options.dilution_volumes_ml == NULL && options.dilution_volume_count == 0);
    taper_realization_options wrong;
    wrong.struct_size = 12;
    FAILS(TAPER_ERROR_ABI_MISMATCH, taper_realization_options_init(&wrong, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_options_init(NULL, &err));

    /* Realize the hyperbolic citalopram plan with tablets and liquid. */
    taper_request* r = citalopram_request();
    taper_schedule* s = NULL;
    OK(taper_plan(&s, db, r, NULL, "hyperbolic", NULL, &err));
    static const double volumes[] = {10, 50};
    options.dilution_volumes_ml = volumes;
    options.dilution_volume_count = 2;
    options.bottle_volume_ml = 100;
    taper_realization* rz = NULL;
    OK(taper_realize(&rz, s, forms, &options, &err));
    taper_realization_info ri;
    ri.struct_size = sizeof ri;
    OK(taper_realization_get_info(rz, &ri, &err));
    size_t planned = 0;
    planned = taper_schedule_step_count(s);
    CHECK(planned == 16);
    CHECK(ri.step_count == planned); /* the request has no maximum cut: nothing is inserted */
    /* Step 1 by hand: the target is 11.8876 mg (occupancy 70.2172 %). 10 mg tablets cannot make
     * it within 5 % (1 1/4 = 12.5 mg is 5.2 % off), so the liquid is chosen: 5.9 mL = 11.8 mg
     * (0.088 mg off) is the closest single measurement (6.0 mL = 12 mg is 0.112 mg off), and a
     * tablet plus 0.9 mL is as close but two pieces. The forms change at step 1 (the start is
     * taken to be two 10 mg tablets). Supplies for that step: 5.9 mL x 28 days = 165.2 mL, two
     * 100 mL bottles. */
    {
        taper_realized_step_info first;
        first.struct_size = sizeof first;
        OK(taper_realization_step(rz, &first, 0, &err));
        NEAR(first.realized_daily_mg, 11.8, 1e-9);
        NEAR(first.difference_mg, 11.8 - 2.33 * (83.98 * 20 / 22.33 - 5) / (83.98 - (83.98 * 20 / 22.33 - 5)), 1e-9);
        CHECK(first.form_changed == 1 && first.inserted == 0);
        taper_recipe_info first_recipe;
        first_recipe.struct_size = sizeof first_recipe;
        OK(taper_realization_recipe(rz, &first_recipe, 0, 0, &err));
        STR_EQ(first_recipe.instruction, "5.9 mL of 2 mg/mL liquid = 11.8 mg");
        CHECK(first_recipe.within_tolerance == 1 && first_recipe.part_count == 1);
        taper_recipe_part_info first_part;
        first_part.struct_size = sizeof first_part;
        OK(taper_realization_recipe_part(rz, &first_part, 0, 0, 0, &err));
        CHECK(first_part.kind == TAPER_COMPONENT_LIQUID);
        NEAR(first_part.volume_ml, 5.9, 1e-9);
        /* The first step switches from the tablets presumed at the start to the liquid: a
         * coded note (docs/messages.md, 420), read by code, not by its text. */
        size_t first_count = 0;
        OK(taper_realization_step_message_count(rz, &first_count, 0, &err));
        CHECK(first_count >= 1);
        taper_message_info sw;
        sw.struct_size = sizeof sw;
        OK(taper_realization_step_message(rz, &sw, 0, 0, &err));
        CHECK(sw.code == TAPER_MESSAGE_SWITCH_POINT && sw.severity == TAPER_SEVERITY_NOTE);
        STR_EQ(sw.id, "switch_point");
        STR_EQ(taper_message_code_id(TAPER_MESSAGE_SWITCH_POINT), "switch_point");
        CHECK(sw.text != NULL && sw.text[0] != '\0');
        FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_realization_step_message(rz, &sw, 0, first_count, &err));
    }
    /* Every recipe lands within the syringe's 0.1 mL of 2 mg/mL (0.2 mg) of its target or
     * says it is off. */
    for (size_t i = 0; i < ri.step_count; ++i) {
        taper_realized_step_info rs;
        rs.struct_size = sizeof rs;
        OK(taper_realization_step(rz, &rs, i, &err));
        CHECK(rs.recipe_count == 1);
        taper_recipe_info rec;
        rec.struct_size = sizeof rec;
        OK(taper_realization_recipe(rz, &rec, i, 0, &err));
        STR_EQ(rec.drug, "citalopram");
        STR_EQ(rec.time, "daily");
        CHECK(rec.instruction != NULL && rec.instruction[0] != '\0');
        if (rec.within_tolerance && rec.target_mg > 1) NEAR(rec.realized_mg, rec.target_mg, 0.2 + 1e-9);
        NEAR(rs.realized_daily_mg, rec.realized_mg, 1e-9);
        double parts_mg = 0;
        for (size_t p = 0; p < rec.part_count; ++p) {
            taper_recipe_part_info part;
            part.struct_size = sizeof part;
            OK(taper_realization_recipe_part(rz, &part, i, 0, p, &err));
            CHECK(part.kind == TAPER_COMPONENT_UNITS || part.kind == TAPER_COMPONENT_LIQUID);
            if (part.kind == TAPER_COMPONENT_LIQUID) {
                NEAR(part.labelled_mg, 2 * part.volume_ml, 1e-9);
                NEAR(part.volume_ml * 10, floor(part.volume_ml * 10 + 0.5), 1e-9); /* on the 0.1 mL grid */
            } else {
                NEAR(part.labelled_mg, 10 * part.count, 1e-9);
            }
            parts_mg += part.equivalent_mg;
            CHECK(part.instruction != NULL && part.label != NULL && part.formulation_id != NULL);
            (void)part.units_used;
            (void)part.dispersed_in_ml;
        }
        NEAR(parts_mg, rec.realized_mg, 1e-9);
        taper_recipe_part_info part;
        part.struct_size = sizeof part;
        FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_realization_recipe_part(rz, &part, i, 0, rec.part_count, &err));
        const char* text = NULL;
        for (size_t w = 0; w < rec.warning_count; ++w) OK(taper_realization_recipe_warning(rz, &text, i, 0, w, &err));
        FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_realization_recipe_warning(rz, &text, i, 0, rec.warning_count, &err));
        for (size_t w = 0; w < rs.note_count; ++w) OK(taper_realization_step_note(rz, &text, i, w, &err));
        for (size_t w = 0; w < rs.warning_count; ++w) OK(taper_realization_step_warning(rz, &text, i, w, &err));
        FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_realization_step_note(rz, &text, i, rs.note_count, &err));
        FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_realization_step_warning(rz, &text, i, rs.warning_count, &err));
        /* The coded messages: as many as the notes and warnings, each with a catalogue id. */
        size_t step_messages = 0, recipe_messages = 0;
        OK(taper_realization_step_message_count(rz, &step_messages, i, &err));
        CHECK(step_messages == rs.note_count + rs.warning_count);
        for (size_t m = 0; m < step_messages; ++m) {
            taper_message_info mi;
            mi.struct_size = sizeof mi;
            OK(taper_realization_step_message(rz, &mi, i, m, &err));
            CHECK(mi.code >= 400 && mi.code < 600);
            STR_EQ(mi.id, taper_message_code_id(mi.code));
        }
        OK(taper_realization_recipe_message_count(rz, &recipe_messages, i, 0, &err));
        CHECK(recipe_messages >= rec.warning_count);
        for (size_t m = 0; m < recipe_messages; ++m) {
            taper_message_info mi;
            mi.struct_size = sizeof mi;
            OK(taper_realization_recipe_message(rz, &mi, i, 0, m, &err));
            CHECK(mi.code >= 400 && mi.code < 500);
        }
        {
            taper_message_info mi;
            mi.struct_size = sizeof mi;
            FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_realization_recipe_message(rz, &mi, i, 0, recipe_messages, &err));
        }
        (void)rs.inserted;
        (void)rs.form_changed;
        (void)rs.difference_mg;
    }
    const char* text = NULL;
    for (size_t i = 0; i < ri.equivalence_count; ++i) OK(taper_realization_equivalence(rz, &text, i, &err));
    for (size_t i = 0; i < ri.warning_count; ++i) OK(taper_realization_warning(rz, &text, i, &err));
    FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_realization_equivalence(rz, &text, ri.equivalence_count, &err));
    FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_realization_warning(rz, &text, ri.warning_count, &err));
    {
        size_t whole = 0;
        whole = taper_realization_message_count(rz);
        CHECK(whole >= ri.equivalence_count + ri.warning_count);
        taper_message_info mi;
        mi.struct_size = sizeof mi;
        for (size_t i = 0; i < whole; ++i) {
            OK(taper_realization_message(rz, &mi, i, &err));
            CHECK(mi.code >= 400 && mi.code < 600);
        }
        FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_realization_message(rz, &mi, whole, &err));
    }
    taper_realized_step_info rs;
    rs.struct_size = sizeof rs;
    FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_realization_step(rz, &rs, ri.step_count, &err));
    taper_recipe_info rec;
    rec.struct_size = sizeof rec;
    FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_realization_recipe(rz, &rec, 0, 1, &err));
    rec.struct_size = 1;
    FAILS(TAPER_ERROR_ABI_MISMATCH, taper_realization_recipe(rz, &rec, 0, 0, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_get_info(NULL, &ri, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_step_note(rz, NULL, 0, 0, &err));

    /* The realized steps as a schedule. */
    taper_schedule* realized = NULL;
    OK(taper_realization_schedule(&realized, rz, &err));
    size_t realized_steps = 0;
    realized_steps = taper_schedule_step_count(realized);
    CHECK(realized_steps == ri.step_count);
    taper_schedule_free(realized);
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_schedule(&realized, NULL, &err));

    /* Dispensing: per step and per 28 days, with 100 mL bottles. */
    taper_dispensing* by_step = NULL;
    OK(taper_dispense_by_step(&by_step, rz, &err));
    size_t periods = 0;
    periods = taper_dispensing_period_count(by_step);
    CHECK(periods >= 1 && periods <= ri.step_count);
    taper_dispensing_period_info pi;
    pi.struct_size = sizeof pi;
    OK(taper_dispensing_period(by_step, &pi, 0, &err));
    CHECK(pi.start.year == 2026 && pi.start.month == 1 && pi.start.day == 5);
    CHECK(pi.end.year == 2026 && pi.end.month == 2 && pi.end.day == 2); /* 28 days later */
    CHECK(pi.line_count == 1);
    taper_dispensing_line_info li;
    li.struct_size = sizeof li;
    OK(taper_dispensing_line(by_step, &li, 0, 0, &err));
    STR_EQ(li.formulation_id, "liquid-2mg-ml");
    STR_EQ(li.label, "2 mg/mL liquid");
    NEAR(li.units, 0, 0);
    NEAR(li.total_volume_ml, 5.9 * 28, 1e-9); /* 165.2 mL */
    CHECK(li.bottles == 2);
    FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_dispensing_line(by_step, &li, 0, pi.line_count, &err));
    FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_dispensing_line(by_step, &li, periods, 0, &err));
    FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_dispensing_period(by_step, &pi, periods, &err));
    li.struct_size = 0;
    FAILS(TAPER_ERROR_ABI_MISMATCH, taper_dispensing_line(by_step, &li, 0, 0, &err));
    taper_dispensing_free(by_step);
    taper_dispensing* monthly = NULL;
    OK(taper_dispense_by_period(&monthly, rz, 28, &err));
    periods = taper_dispensing_period_count(monthly);
    CHECK(periods >= 1);
    taper_dispensing_free(monthly);
    monthly = NULL;
    FAILS_WITH(TAPER_ERROR_INVALID_ARGUMENT, taper_dispense_by_period(&monthly, rz, 0.5, &err), "whole number");
    /* Dispensing counts bottles with the options the realization was made with. */
    options.bottle_volume_ml = -1;
    taper_realization* bad_bottle = NULL;
    /* A bad bottle volume is refused when realizing, not first when exporting (issue 15). */
    FAILS_WITH(TAPER_ERROR_INVALID_ARGUMENT, taper_realize(&bad_bottle, s, forms, &options, &err), "bottle volume");
    CHECK(bad_bottle == NULL);
    options.bottle_volume_ml = 100;
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_dispense_by_step(NULL, rz, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_dispense_by_period(&monthly, NULL, 28, &err));
    CHECK(taper_dispensing_period_count(NULL) == 0);
    CHECK(monthly == NULL);
    taper_dispensing_free(NULL);

    /* Exports of the realization, as `taper plan ... --have ... --format json|csv` prints them:
     * step 1's recipe (checked by hand above), the tools from `options`, and dispensing only
     * when a period is given. */
    char* rjson = NULL;
    OK(taper_realization_to_json(rz, &rjson, 0, &err));
    CONTAINS(rjson, "\"format\": \"taper-schedule\"");
    CONTAINS(rjson, "\"instruction\": \"5.9 mL of 2 mg/mL liquid = 11.8 mg\"");
    CONTAINS(rjson, "\"syringe_resolution_ml\": 0.1,");
    CONTAINS(rjson, "\"dispensing\": null\n}\n");
    taper_string_free(rjson);
    rjson = NULL;
    OK(taper_realization_to_json(rz, &rjson, 28, &err));
    CONTAINS(rjson, "\"by\": \"period\",\n    \"period_days\": 28,\n    \"bottle_volume_ml\": 100.0,");
    taper_string_free(rjson);
    char* rcsv = NULL;
    OK(taper_realization_to_csv(rz, &rcsv, 0, &err));
    CONTAINS(rcsv, ",amount_mg,notes,warnings,message_ids,realized_amount_mg,how_to_take,realized_daily_mg,");
    CONTAINS(rcsv, ",5.9 mL of 2 mg/mL liquid = 11.8 mg,");
    taper_string_free(rcsv);
    rcsv = NULL;
    OK(taper_realization_to_csv(rz, &rcsv, 28, &err));
    CHECK(strncmp(rcsv, "period_start,period_end,last_day,formulation_id,label,units,total_volume_ml,bottles\r\n", 85) ==
          0);
    CONTAINS(rcsv, ",2 mg/mL liquid,,");
    taper_string_free(rcsv);
    rjson = NULL;
    rcsv = NULL;
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_to_json(NULL, &rjson, 0, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_to_json(rz, NULL, 0, &err));
    FAILS_WITH(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_to_json(rz, &rjson, 0.5, &err), "whole number");
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_to_json(rz, &rjson, -28, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_to_csv(NULL, &rcsv, 0, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_to_csv(rz, NULL, 0, &err));
    FAILS_WITH(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_to_csv(rz, &rcsv, 0.5, &err), "whole number");
    CHECK(rjson == NULL && rcsv == NULL); /* untouched on failure */
    /* The realization's people-facing outputs say how to take each step. */
    char* rdoc = NULL;
    OK(taper_realization_to_ics(rz, &rdoc, 0, 86400, &err));
    CONTAINS(rdoc, "\r\nSUMMARY:citalopram step 1: ");
    CONTAINS(rdoc, "DTSTAMP:19700102T000000Z\r\n");
    taper_string_free(rdoc);
    rdoc = NULL;
    OK(taper_realization_to_fhir(rz, &rdoc, &err));
    CONTAINS(rdoc, "5.9 mL of 2 mg/mL liquid = 11.8 mg");
    taper_string_free(rdoc);
    rdoc = NULL;
    OK(taper_realization_to_svg(rz, &rdoc, &err));
    CONTAINS(rdoc, "class=\"target\"");
    taper_string_free(rdoc);
    rdoc = NULL;
    OK(taper_realization_to_html(rz, &rdoc, &err));
    CONTAINS(rdoc, "How to take it");
    taper_string_free(rdoc);
    rdoc = NULL;
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_to_ics(NULL, &rdoc, 0, 0, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_to_ics(rz, NULL, 0, 0, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_to_fhir(NULL, &rdoc, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_to_fhir(rz, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_to_svg(NULL, &rdoc, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_to_svg(rz, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_to_html(NULL, &rdoc, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_to_html(rz, NULL, &err));
    CHECK(rdoc == NULL);

    taper_realization_free(rz);
    rz = NULL;

    /* Realization errors. */
    taper_forms* nothing = NULL;
    OK(taper_forms_create_empty(&nothing, &err));
    FAILS_WITH(TAPER_ERROR_PLAN, taper_realize(&rz, s, nothing, NULL, &err), "nothing on hand");
    options.syringe_resolution_ml = 0;
    FAILS(TAPER_ERROR_PLAN, taper_realize(&rz, s, forms, &options, &err));
    options.syringe_resolution_ml = 0.1;
    options.dilution_volumes_ml = NULL;
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realize(&rz, s, forms, &options, &err));
    options.dilution_volume_count = 0;
    options.struct_size = 16;
    FAILS(TAPER_ERROR_ABI_MISMATCH, taper_realize(&rz, s, forms, &options, &err));
    options.struct_size = sizeof options;
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realize(&rz, NULL, forms, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realize(NULL, s, forms, NULL, &err));
    CHECK(rz == NULL);
    taper_realization_free(NULL);

    /* One dose: 12.4 mg is 6.2 mL of 2 mg/mL (one measurement beats a tablet plus 1.2 mL). */
    char* instruction = NULL;
    double realized_mg = 0;
    int within = 0;
    OK(taper_realize_dose(&instruction, &realized_mg, &within, forms, 12.4, NULL, &err));
    NEAR(realized_mg, 12.4, 1e-9);
    CHECK(within == 1);
    CONTAINS(instruction, "6.2 mL");
    taper_string_free(instruction);
    OK(taper_realize_dose(NULL, &realized_mg, NULL, forms, 5, &options, &err));
    NEAR(realized_mg, 5, 1e-9);
    FAILS(TAPER_ERROR_PLAN, taper_realize_dose(NULL, &realized_mg, NULL, forms, -1, NULL, &err));
    FAILS(TAPER_ERROR_PLAN, taper_realize_dose(NULL, &realized_mg, NULL, nothing, 5, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realize_dose(NULL, &realized_mg, NULL, NULL, 5, NULL, &err));

    taper_forms_free(nothing);
    taper_schedule_free(s);
    taper_request_free(r);
    taper_forms_free(all);
    taper_forms_free(forms);
    taper_forms_free(NULL);
}

void test_conversions(taper_database* db) {
    /* Citalopram drops deliver 1.25 x tablets: 10 mg as tablets = 8 mg as drops = 0.2 mL = 4 drops. */
    taper_form_conversion c;
    c.struct_size = sizeof c;
    char* text = NULL;
    char* equivalence = NULL;
    OK(taper_convert_form(&c, &text, &equivalence, db, "citalopram", 10, "tablet", "drops-40mg-ml", 0, &err));
    NEAR(c.from_labelled_mg, 10, 1e-12);
    NEAR(c.to_labelled_mg, 8, 1e-9);
    NEAR(c.bioavailability_ratio, 1 / 1.25, 1e-9);
    NEAR(c.to_volume_ml, 0.2, 1e-9);
    NEAR(c.to_drops, 4, 1e-9);
    CHECK(isnan(c.to_tablets));
    CONTAINS(text, "4 drops");
    CHECK(equivalence != NULL && equivalence[0] != '\0');
    taper_string_free(text);
    taper_string_free(equivalence);
    OK(taper_convert_form(&c, NULL, NULL, db, "citalopram", 4, "liquid-2mg-ml", "tablet", 0, &err));
    NEAR(c.to_labelled_mg, 4, 1e-9);
    FAILS(TAPER_ERROR_UNKNOWN_DRUG, taper_convert_form(&c, NULL, NULL, db, "citaloparm", 10, "tablet", "drops", 0, &err));
    FAILS_WITH(TAPER_ERROR_INVALID_ARGUMENT,
               taper_convert_form(&c, NULL, NULL, db, "citalopram", 10, "tablet", "patch", 0, &err), "patch");
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_convert_form(&c, NULL, NULL, db, "citalopram", 10, NULL, "tablet", 0, &err));
    c.struct_size = 0;
    FAILS(TAPER_ERROR_ABI_MISMATCH, taper_convert_form(&c, NULL, NULL, db, "citalopram", 10, "tablet", "tablet", 0, &err));

    /* Ashton: alprazolam 0.5 mg ~ 10 mg diazepam ~ lorazepam 1 mg, so 1 mg alprazolam ~ 2 mg lorazepam. */
    taper_class_equivalent e;
    e.struct_size = sizeof e;
    OK(taper_class_equivalent_dose(&e, &text, db, "alprazolam", 1, "lorazepam", NULL, 0, &err));
    NEAR(e.dose_mg, 2, 1e-9);
    NEAR(e.diazepam_equivalent_mg, 20, 1e-9);
    CONTAINS(text, "ashton");
    taper_string_free(text);
    /* VA/DoD 2021: alprazolam 1 mg ~ lorazepam 2 mg ~ 10 mg diazepam. */
    OK(taper_class_equivalent_dose(&e, NULL, db, "alprazolam", 1, "lorazepam", "va-dod-2021", 0, &err));
    NEAR(e.dose_mg, 2, 1e-9);
    NEAR(e.diazepam_equivalent_mg, 10, 1e-9);
    FAILS(TAPER_ERROR_MISSING_DATA, taper_class_equivalent_dose(&e, NULL, db, "zaleplon", 10, "diazepam", NULL, 0, &err));
    FAILS(TAPER_ERROR_UNKNOWN_DRUG, taper_class_equivalent_dose(&e, NULL, db, "alprazolam", 1, "nosuchdrug", NULL, 0, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_class_equivalent_dose(NULL, NULL, db, "alprazolam", 1, "lorazepam", NULL, 0, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_class_equivalent_dose(&e, NULL, NULL, "alprazolam", 1, "lorazepam", NULL, 1, &err));
}
