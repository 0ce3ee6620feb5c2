#pragma once
// Everything for planning: request, steps, schedule, strategies, registry, planner, and the
// built-in strategies.
#include <taper/plan/calendar.hpp>
#include <taper/plan/closing_text.hpp>
#include <taper/plan/planner.hpp>
#include <taper/plan/registry.hpp>
#include <taper/plan/request.hpp>
#include <taper/plan/schedule.hpp>
#include <taper/plan/step.hpp>
#include <taper/plan/strategy.hpp>

#include <taper/strategies/antipsychotic.hpp>
#include <taper/strategies/diazepam_crossover.hpp>
#include <taper/strategies/hyperbolic.hpp>
#include <taper/strategies/linear.hpp>
#include <taper/strategies/proportional.hpp>
#include <taper/strategies/table.hpp>
#include <taper/strategies/tapering_strip.hpp>
