#pragma once
// How a simulation's series is exported or drawn: every sample, or one mean a day.
namespace taper {

enum class series_step {
    each_sample,  ///< every sample of the simulation (hourly by default)
    daily,        ///< the mean of each day's samples
};

}  // namespace taper
