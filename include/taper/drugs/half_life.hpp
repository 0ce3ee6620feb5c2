#pragma once
// Elimination half-lives. They set the pace: short half-lives (paroxetine, venlafaxine)
// give faster, stronger withdrawal; fluoxetine's metabolite makes it partly self-tapering.
#include <taper/drugs/provenance.hpp>
#include <taper/units/quantities.hpp>

#include <optional>
#include <string>

namespace taper {

struct hours_range {
    hours shortest;
    hours longest;
    friend bool operator==(const hours_range&, const hours_range&) = default;
};

struct metabolite_half_life {
    std::string name;
    sourced<hours_range> range;
};

struct half_life_info {
    sourced<hours_range> parent;
    std::optional<metabolite_half_life> metabolite;
};

}  // namespace taper
