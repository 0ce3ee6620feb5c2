/* The C ABI from C11, simulation, populations and their charts (part of capi_test: capi_check.h). */
#include "capi_check.h"

/* A citalopram plan: 20 mg, 5 mg less every 28 days from 2026-12-01 (linear). */
static taper_schedule* citalopram_linear(taper_database* db, const char* drug, double dose_mg) {
    taper_request* r = NULL;
    OK(taper_request_create(&r, &err));
    OK(taper_request_set_drug(r, drug, &err));
    OK(taper_request_set_daily_dose_mg(r, dose_mg, &err));
    OK(taper_request_set_start_date(r, 2026, 12, 1, &err));
    OK(taper_request_set_interval_days(r, 28, &err));
    taper_strategy_options* o = NULL;
    OK(taper_strategy_options_create(&o, &err));
    OK(taper_strategy_options_set_number(o, "amount", TAPER_OPTION_KIND_MASS, dose_mg / 4, &err));
    taper_schedule* s = NULL;
    OK(taper_plan(&s, db, r, NULL, "linear", o, &err));
    taper_strategy_options_free(o);
    taper_request_free(r);
    return s;
}

/* The points of the chart's simulated-occupancy line: its path is "M x y L x y L x y ...". */
static size_t simulated_points(const char* svg) {
    const char* const marker = "class=\"simulated-occupancy\" d=\"";
    const char* p = svg == NULL ? NULL : strstr(svg, marker);
    if (p == NULL) return 0;
    size_t points = 0;
    for (p += strlen(marker); *p != '\0' && *p != '"'; ++p)
        if (*p == 'M' || *p == 'L') ++points;
    return points;
}

void test_simulation(taper_database* db) {
    taper_schedule* s = citalopram_linear(db, "citalopram", 20);
    taper_simulation_options so;
    memset(&so, 0, sizeof so);
    so.struct_size = sizeof so;
    so.after_end_days = NAN;
    so.body_weight_kg = 70;
    taper_simulation* sim = NULL;
    OK(taper_simulate(&sim, s, &so, &err));

    /* Citalopram in data/pharmacokinetics.json (Celexa label): t1/2 35 h, tmax 4 h, F 0.8,
     * V 12 L/kg. ke = ln 2 / 35 h; ka solves tmax = ln(ka/ke)/(ka - ke). */
    taper_simulation_metrics m;
    m.struct_size = sizeof m;
    OK(taper_simulation_metrics_get(sim, &m, &err));
    NEAR(m.half_life_hours, 35, 0);
    NEAR(m.elimination_per_hour, log(2.0) / 35, 1e-12);
    NEAR(log(m.absorption_per_hour / m.elimination_per_hour) / (m.absorption_per_hour - m.elimination_per_hour), 4,
         1e-6);
    CHECK(isnan(m.peak_pressure_points) && isnan(m.time_above_threshold_hours));
    CHECK(m.length_days >= 3 * 28); /* 15, 10 and 5 mg for 28 days each, then the stop */
    CHECK(m.doses_taken > 0);

    const double *time = NULL, *amount = NULL, *conc = NULL, *occ = NULL, *set_point = NULL, *pressure = NULL;
    size_t n = 0, n_amount = 0, n_conc = 0, n_occ = 0, n_set = 99, n_pressure = 99;
    OK(taper_simulation_time_hours(sim, &time, &n, &err));
    OK(taper_simulation_amount_mg(sim, &amount, &n_amount, &err));
    OK(taper_simulation_concentration_ng_per_ml(sim, &conc, &n_conc, &err));
    OK(taper_simulation_occupancy_points(sim, &occ, &n_occ, &err));
    OK(taper_simulation_set_point_points(sim, &set_point, &n_set, &err));
    OK(taper_simulation_pressure_points(sim, &pressure, &n_pressure, &err));
    /* Hourly samples over the plan and the default 14 days after it. */
    CHECK(n == (size_t)(24 * (m.length_days + 14)) && n_amount == n && n_conc == n && n_occ == n);
    CHECK(n_set == 0 && n_pressure == 0); /* no adaptation model */
    NEAR(time[1] - time[0], 1, 0);
    /* Two weeks after the stop only elimination is left: one day divides the amount by
     * e^(ke * 24 h) (the gut emptied long before: ka is about 0.6 per hour). */
    NEAR(amount[n - 1] / amount[n - 25], exp(-log(2.0) / 35 * 24), 1e-6);
    /* ng/mL = mg / (12 L/kg * 70 kg = 840 000 mL) * 1e6 ng/mg. */
    NEAR(conc[100], amount[100] * 1e6 / 840000.0, 1e-9);
    CHECK(occ[0] > 0 && occ[0] < 84);

    /* The chart and the page of the simulation: the simulated occupancy drawn on the plan's
     * chart, one point a day or every sample. */
    char* chart = NULL;
    OK(taper_simulation_to_svg(sim, 1, &chart, &err));
    CHECK(strncmp(chart, "<svg xmlns=\"http://www.w3.org/2000/svg\"",
                  strlen("<svg xmlns=\"http://www.w3.org/2000/svg\"")) == 0);
    CONTAINS(chart, "class=\"simulated-occupancy\"");
    /* One point per whole day: the plan's days and the 14 after it. */
    CHECK(simulated_points(chart) == (size_t)(m.length_days + 14));
    taper_string_free(chart);
    chart = NULL;
    /* Every sample: the n hourly samples. */
    OK(taper_simulation_to_svg(sim, 0, &chart, &err));
    CHECK(simulated_points(chart) == n);
    taper_string_free(chart);
    chart = NULL;
    OK(taper_simulation_to_html(sim, 1, &chart, &err));
    CHECK(strncmp(chart, "<!DOCTYPE html>", 15) == 0);
    CONTAINS(chart, "class=\"simulated-occupancy\"");
    taper_string_free(chart);
    chart = NULL;
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_simulation_to_svg(NULL, 1, &chart, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_simulation_to_svg(sim, 1, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_simulation_to_html(NULL, 1, &chart, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_simulation_to_html(sim, 0, NULL, &err));
    CHECK(chart == NULL);
    taper_simulation_free(sim);
    taper_simulation_free(NULL);

    /* Mirtazapine has pharmacokinetic data but no occupancy model: it simulates (amounts and
     * concentrations), but there is no occupancy to draw. */
    taper_schedule* mirtazapine = citalopram_linear(db, "mirtazapine", 15);
    OK(taper_simulate(&sim, mirtazapine, NULL, &err));
    FAILS_WITH(TAPER_ERROR_MISSING_DATA, taper_simulation_to_svg(sim, 1, &chart, &err), "occupancy");
    FAILS_WITH(TAPER_ERROR_MISSING_DATA, taper_simulation_to_html(sim, 0, &chart, &err), "occupancy");
    CHECK(chart == NULL);
    taper_simulation_free(sim);
    taper_schedule_free(mirtazapine);

    /* With the adaptation model: the set point follows, the pressure is set point - occupancy. */
    so.adaptation_time_constant_days = 14;
    so.adaptation_threshold_points = 5;
    OK(taper_simulate(&sim, s, &so, &err));
    OK(taper_simulation_set_point_points(sim, &set_point, &n_set, &err));
    OK(taper_simulation_pressure_points(sim, &pressure, &n_pressure, &err));
    OK(taper_simulation_occupancy_points(sim, &occ, &n_occ, &err));
    CHECK(n_set == n_occ && n_pressure == n_occ);
    NEAR(pressure[500], set_point[500] - occ[500], 1e-9);
    OK(taper_simulation_metrics_get(sim, &m, &err));
    CHECK(m.peak_pressure_points > 0 && m.time_above_threshold_hours >= 0);
    taper_simulation_free(sim);

    /* Refusals: no source for norfluoxetine's fraction formed; NULL handles; struct sizes. */
    taper_schedule* fluoxetine = citalopram_linear(db, "fluoxetine", 20);
    FAILS_WITH(TAPER_ERROR_MISSING_DATA, taper_simulate(&sim, fluoxetine, NULL, &err), "norfluoxetine");
    taper_schedule_free(fluoxetine);
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_simulate(&sim, NULL, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_simulate(NULL, s, NULL, &err));
    so.struct_size = 8;
    FAILS(TAPER_ERROR_ABI_MISMATCH, taper_simulate(&sim, s, &so, &err));
    so.struct_size = sizeof so;
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_simulation_time_hours(NULL, &time, &n, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_simulation_metrics_get(NULL, &m, &err));

    /* A population: the same seed gives the same people whatever the threads, and people
     * [3, 6) alone are people 3-5 of the whole run (what the Dask example relies on). */
    taper_population_options po;
    memset(&po, 0, sizeof po);
    po.struct_size = sizeof po;
    po.people = 6;
    po.seed = 7;
    po.ed50_log_sd = 0.3;
    po.half_life_log_sd = 0.3;
    po.threads = 1;
    taper_population *whole = NULL, *threaded = NULL, *shard = NULL;
    OK(taper_simulate_population(&whole, s, &so, &po, &err));
    po.threads = 2;
    OK(taper_simulate_population(&threaded, s, &so, &po, &err));
    po.first_person = 3;
    po.people = 3;
    OK(taper_simulate_population(&shard, s, &so, &po, &err));
    taper_population_summary sum;
    sum.struct_size = sizeof sum;
    OK(taper_population_summary_get(whole, &sum, &err));
    CHECK(sum.people == 6 && sum.first_person == 0 && sum.has_adaptation == 1);
    CHECK(sum.time_steps == (int64_t)n);
    CHECK(sum.share_above_threshold_percent >= 0 && sum.share_above_threshold_percent <= 100);
    const int64_t *ids = NULL, *shard_ids = NULL;
    size_t count = 0, shard_count = 0;
    OK(taper_population_person(shard, &shard_ids, &shard_count, &err));
    CHECK(shard_count == 3 && shard_ids[0] == 3 && shard_ids[2] == 5);
    OK(taper_population_person(whole, &ids, &count, &err));
    CHECK(count == 6 && ids[5] == 5);
    typedef taper_status (*column_fn)(const taper_population*, const double**, size_t*, taper_error**);
    const column_fn columns[] = {taper_population_ed50_factor,
                                 taper_population_half_life_factor,
                                 taper_population_volume_factor,
                                 taper_population_adaptation_factor,
                                 taper_population_largest_day_to_day_change_points,
                                 taper_population_largest_within_day_fluctuation_points,
                                 taper_population_largest_two_day_swing_points,
                                 taper_population_peak_pressure_points,
                                 taper_population_time_above_threshold_hours};
    for (size_t c = 0; c < sizeof columns / sizeof columns[0]; ++c) {
        const double *a = NULL, *b = NULL, *part = NULL;
        size_t na = 0, nb = 0, np = 0;
        OK(columns[c](whole, &a, &na, &err));
        OK(columns[c](threaded, &b, &nb, &err));
        OK(columns[c](shard, &part, &np, &err));
        CHECK(na == 6 && nb == 6 && np == 3);
        if (na == 6 && nb == 6 && np == 3) {
            CHECK(memcmp(a, b, 6 * sizeof(double)) == 0);
            CHECK(memcmp(a + 3, part, 3 * sizeof(double)) == 0);
        }
    }
    /* Each column by name as well (the loop above calls them through pointers). */
    const double* any = NULL;
    OK(taper_population_half_life_factor(shard, &any, &count, &err));
    OK(taper_population_adaptation_factor(shard, &any, &count, &err));
    NEAR(any[0], 1, 0); /* no spread of the time constant */
    OK(taper_population_largest_day_to_day_change_points(shard, &any, &count, &err));
    OK(taper_population_largest_within_day_fluctuation_points(shard, &any, &count, &err));
    OK(taper_population_largest_two_day_swing_points(shard, &any, &count, &err));
    OK(taper_population_peak_pressure_points(shard, &any, &count, &err));
    OK(taper_population_time_above_threshold_hours(shard, &any, &count, &err));
    CHECK(count == 3);
    /* No volume spread: every volume factor is exactly 1; an ED50 spread of 0.3 moves them. */
    const double* factor = NULL;
    OK(taper_population_volume_factor(whole, &factor, &count, &err));
    NEAR(factor[4], 1, 0);
    OK(taper_population_ed50_factor(whole, &factor, &count, &err));
    CHECK(factor[0] != 1 && factor[0] > 0);
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_population_summary_get(NULL, &sum, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_population_person(NULL, &ids, &count, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_simulate_population(&shard, s, &so, NULL, &err));
    po.half_life_log_sd = -1;
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_simulate_population(&shard, s, &so, &po, &err));
    po.half_life_log_sd = 0.3;
    po.struct_size = 4;
    FAILS(TAPER_ERROR_ABI_MISMATCH, taper_simulate_population(&shard, s, &so, &po, &err));
    taper_population_free(whole);
    taper_population_free(threaded);
    taper_population_free(shard);
    taper_population_free(NULL);
    taper_schedule_free(s);
}
