// A whole run from fuzzer-chosen inputs: drug, dose, strategy and its options (as text, through
// each option's parser), limits, start date, forms on hand and realization tools; then
// plan -> realize -> dispense -> export. The safety invariants checked on every plan that is
// made (docs/reliability.md):
//   - every dose is finite and >= 0;
//   - no step is above the start (equivalent mg: a crossover switches at an equal equivalent);
//   - every date is inside 1900-01-01 ... 9999-12-31;
//   - each export is JSON that parses, with ISO 8601 dates.
// Bad requests are answered with taper::error; anything else is a finding.
#include "fuzz_check.hpp"

#include <taper/drugs/database.hpp>
#include <taper/error.hpp>
#include <taper/forms/on_hand.hpp>
#include <taper/forms/realize.hpp>
#include <taper/io/json.hpp>
#include <taper/plan/calendar.hpp>
#include <taper/plan/option_text.hpp>
#include <taper/plan/plan.hpp>
#include <taper/plan/registry.hpp>

#include <fuzzer/FuzzedDataProvider.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace {

using namespace taper;

/// A number as a fuzzer gives it: mostly in a plausible range, sometimes any double at all
/// (inf, NaN, 1e308, -0), so that the boundary checks are reached too.
double number(FuzzedDataProvider& in, double low, double high) {
    if (in.ConsumeIntegralInRange<int>(0, 15) == 0) return in.ConsumeFloatingPoint<double>();
    return in.ConsumeFloatingPointInRange<double>(low, high);
}

bool finite_non_negative(mass m) {
    const double v = in(m, units::mg);
    return std::isfinite(v) && v >= 0;
}

void check_plan(const schedule& s) {
    TAPER_FUZZ_REQUIRE(in_date_range(s.start));
    TAPER_FUZZ_REQUIRE(finite_non_negative(s.start_equivalent_dose));
    const double start = in(s.start_equivalent_dose, units::mg);
    for (const auto& st : s.steps) {
        TAPER_FUZZ_REQUIRE(finite_non_negative(st.daily_dose));
        TAPER_FUZZ_REQUIRE(finite_non_negative(st.equivalent_daily_dose));
        TAPER_FUZZ_REQUIRE(in(st.equivalent_daily_dose, units::mg) <= start * (1 + 1e-9) + 1e-12);
        TAPER_FUZZ_REQUIRE(in_date_range(st.start) && st.end() <= latest_date);
        for (const auto& line : st.doses) TAPER_FUZZ_REQUIRE(finite_non_negative(line.amount));
    }
}

bool iso_date(const nlohmann::json& v) {
    if (!v.is_string()) return false;
    try {
        return format_date(parse_date(v.get<std::string>())) == v.get<std::string>();
    } catch (const taper::error&) {
        return false;
    }
}

void check_export(const std::string& text) {
    const auto doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    TAPER_FUZZ_REQUIRE(!doc.is_discarded());
    TAPER_FUZZ_REQUIRE(iso_date(doc.at("start")) && iso_date(doc.at("end")));
    for (const auto& st : doc.at("steps")) {
        TAPER_FUZZ_REQUIRE(iso_date(st.at("start")) && iso_date(st.at("end")));
        TAPER_FUZZ_REQUIRE(st.at("daily_dose_mg").is_number());  // NaN/inf would be null
    }
}

void run(FuzzedDataProvider& in) {
    const database& db = database::embedded();
    const auto drugs = db.drugs();
    const drug& d = drugs[in.ConsumeIntegralInRange<std::size_t>(0, drugs.size() - 1)];

    plan_request r;
    r.drug = d.name;
    r.daily_dose = number(in, 0, 400) * units::mg;
    r.start = date{std::chrono::year{2026} / 1 / 1} + std::chrono::days{in.ConsumeIntegralInRange<int>(-50000, 50000)};
    r.interval = number(in, 1, 120) * units::day;
    r.max_steps = in.ConsumeIntegralInRange<int>(1, 400);  // the request's own bound on the work
    if (in.ConsumeBool()) r.max_step = number(in, 0, 50) * units::mg;
    if (in.ConsumeBool()) r.min_change = number(in, 0, 5) * units::mg;
    if (in.ConsumeBool()) r.final_dose = number(in, 0, 20) * units::mg;
    r.half_life_pacing = in.ConsumeBool();

    const auto strategies = builtin_strategies().list();
    const auto* entry = strategies[in.ConsumeIntegralInRange<std::size_t>(0, strategies.size() - 1)];
    strategy_options options;
    for (const auto& spec : entry->schema.options)
        if (in.ConsumeBool()) options.set(spec.name, parse_option_value(spec.kind, in.ConsumeRandomLengthString(24)));
    const any_strategy strategy = builtin_strategies().make(entry->name, options);

    const schedule plan = make_plan(db, r, strategy);
    check_plan(plan);
    check_export(to_json(plan));

    std::vector<available_form> forms;
    const auto every = all_forms(d);
    for (const auto& f : every)
        if (in.ConsumeBool()) forms.push_back(f);
    if (forms.empty()) return;
    realization_options o;
    o.tools.syringe_resolution = number(in, 0.01, 1) * units::mL;
    o.tools.allow_quarters = in.ConsumeBool();
    o.max_pieces = in.ConsumeIntegralInRange<int>(1, 12);
    if (in.ConsumeBool()) o.bottle_volume = number(in, 1, 500) * units::mL;
    const realized_schedule realized = realize(plan, forms, o);
    for (const auto& st : realized.steps) TAPER_FUZZ_REQUIRE(finite_non_negative(st.realized_daily));
    check_export(to_json(realized));
    check_export(to_json(dispense(realized, number(in, 1, 400) * units::day)));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider in(data, size);
    try {
        run(in);
    } catch (const taper::error&) {
        // a request, option or form the library refuses, with a message: the expected answer
    }
    return 0;
}
