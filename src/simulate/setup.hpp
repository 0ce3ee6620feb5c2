#pragma once
// From a plan and options to the kernel's plain numbers: shared by one simulation and a
// population, so that both simulate exactly the same course. Not public API.
#include "kernel.hpp"

#include <taper/simulate/simulation.hpp>

namespace taper::simulate_detail {

struct prepared_course {
    simulation_parameters parameters;
    std::vector<dose_event> doses;
    kernel_schedule schedule;
    double bioavailable_fraction = 1;  ///< F where known, else 1 (occupancy does not depend on it)
};

prepared_course prepare_course(const schedule& plan, const simulation_options& options);

/// `n` people with the typical parameters.
kernel_people typical_people(const prepared_course& course, const simulation_options& options, Eigen::Index n);

}  // namespace taper::simulate_detail
