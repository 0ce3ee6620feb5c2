#pragma once
// The simulation handle, shared by simulate_c.cpp (which makes it and reads its series) and
// outputs_c.cpp (which draws it as SVG and HTML); not installed, not public.
#include <taper.h>

#include <taper/simulate/simulation.hpp>

#include <vector>

// The handle holds plain numbers in the unit their accessor names, converted once when the
// handle is made, so that the accessors hand out pointers into them; and the C++ simulation
// itself, because the chart and the page are drawn from it (its plan, its typed series), not
// from the numbers.
struct taper_simulation {
    taper::simulation simulation;
    taper_simulation_metrics metrics{};
    std::vector<double> time_hours, amount_mg, concentration_ng_per_ml, occupancy_points, set_point_points,
        pressure_points;
};
