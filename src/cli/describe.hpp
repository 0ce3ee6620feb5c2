#pragma once
// Text the CLI prints about drugs: the list and one drug's card.
#include <taper/drugs/database.hpp>

#include <string>

namespace taper::cli {

std::string describe_drug_list(const database& db);
std::string describe_drug(const drug& d);

}  // namespace taper::cli
