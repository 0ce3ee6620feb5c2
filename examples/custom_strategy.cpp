// Your own tapering strategy, plugged into taper two ways:
//   1. at compile time: any type with name() and next() satisfies taper::Strategy and can be
//      passed straight to taper::make_plan;
//   2. at run time: register a factory under a name in a taper::strategy_registry (next to
//      the built-ins) and make it by name, as a command line or a binding would.
// Either way the planner does the rest: dates, the request's limits, notes, the stop step.
#include <taper/taper.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <string>

namespace {

using namespace taper::literals;

// "Halve the dose each step down to a floor, then stop."
struct halve_to_floor {
    taper::mass floor = 1.0_mg;

    std::string_view name() const { return "halve-to-floor"; }

    // Given what has been planned so far, where should the dose go next? Nothing = stop
    // (the planner then adds the step to zero, or to the maintenance dose).
    std::optional<taper::target> next(const taper::plan_context& ctx, std::span<const taper::step> done) const {
        const taper::mass latest = ctx.latest(done, ctx.start_dose());
        if (latest <= floor) return std::nullopt;
        taper::target t;
        t.daily_dose = std::max(latest * 0.5, floor);
        return t;
    }
};
static_assert(taper::Strategy<halve_to_floor>);

void print(const taper::schedule& s) {
    std::cout << s.drug << ", " << s.strategy << ", from " << taper::to_string(s.start_dose) << " ("
              << taper::format_number(std::round(*s.start_occupancy_percent * 10) / 10) << "% "
              << s.occupancy_receptor << " occupancy)\n";
    std::cout << "step  start        days  daily dose  change   occupancy\n";
    for (const auto& st : s.steps) {
        char line[160];
        std::snprintf(line, sizeof line, "%4d  %s  %4ld  %7.3g mg  %5.1f%%   %5.1f%%  %s\n", st.number,
                      taper::format_date(st.start).c_str(), std::lround(st.length.value()), st.daily_dose.value(),
                      st.change_percent, st.occupancy_percent.value_or(0), std::string(taper::to_string(st.phase)).c_str());
        std::cout << line;
        for (const auto& m : st.messages)
            std::cout << "      " << taper::id(m.level) << ": " << taper::text(m, taper::context_of(s, &st)) << '\n';
    }
    std::cout << "ends " << taper::format_date(s.end()) << "\n\n";
}

}  // namespace

int main() {
    const taper::database& db = taper::database::embedded();

    taper::plan_request request;
    request.drug = "citalopram";
    request.daily_dose = 20.0_mg;
    request.start = taper::parse_date("2026-12-01");
    request.interval = 28.0_d;
    request.max_step_percent = 40;  // the request's limits bind a user's strategy too

    // 1. Compile time.
    print(taper::make_plan(db, request, halve_to_floor{}));

    // 2. Run time: a registry with the built-ins and ours, made by name with options.
    taper::strategy_registry registry;
    taper::register_builtin_strategies(registry);
    // Its schema declares its one option; the registry checks it and fills in the default.
    registry.add({"halve-to-floor",
                  "halve the dose each step down to a floor, then stop",
                  {.options = {{.name = "amount",
                                .kind = taper::option_kind::milligrams,
                                .description = "the floor, mg",
                                .default_value = 1.0_mg,
                                .minimum = taper::option_bound{0.0_mg, false}}}},
                  [](const taper::strategy_options& o) -> taper::any_strategy {
                      halve_to_floor h;
                      h.floor = *o.get<taper::mass>("amount");
                      return h;
                  }});
    std::cout << "strategies:";
    for (const auto* e : registry.list()) std::cout << ' ' << e->name;
    std::cout << "\n\n";

    taper::strategy_options options;
    options.set("amount", 2.5_mg);
    print(taper::make_plan(db, request, registry.make("halve-to-floor", options)));
}
