#pragma once
// Text the CLI prints about drugs: the list and one drug's card.
#include <taper/drugs/database.hpp>
#include <taper/drugs/support.hpp>

#include <optional>
#include <string>

namespace taper::cli {

/// Every drug with its forms, each form tagged with its countries; with a region, only the
/// drugs and forms sold there.
std::string describe_drug_list(const database& db, std::optional<market_region> region = std::nullopt);
std::string describe_drug(const drug& d);
/// The organisations that fit `d` (or all, without a drug) in `country` ("" = any).
std::string describe_support(const support_directory& dir, const drug* d, const std::string& country);

}  // namespace taper::cli
