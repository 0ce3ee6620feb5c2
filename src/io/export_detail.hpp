#pragma once
// Internal to the library: the pieces of the plan exporter (src/io/schedule_export.cpp) that the
// realization exporter (src/io/realization_export.cpp) builds on. Not installed.
#include <taper/plan/schedule.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace taper::detail {

using ordered_json = nlohmann::ordered_json;

/// The schedule as to_json(const schedule&) writes it, before it becomes text.
ordered_json schedule_json(const schedule& s);

/// The CSV header of to_csv(const schedule&), without its CRLF.
inline constexpr std::string_view schedule_csv_header =
    "step,phase,start,end,last_day,length_days,daily_dose_mg,equivalent_daily_dose_mg,change_mg,"
    "change_percent,occupancy_percent,change_points,drug,time,amount_mg,notes,warnings,message_ids";

/// The CSV rows of one step (one per dose line, at least one), without their CRLF.
std::vector<std::string> step_csv_rows(const schedule& s, const step& st);

/// RFC 4180: a field with a comma, a double quote or a line break is quoted, and its
/// quotes doubled.
std::string csv_field(std::string_view v);

/// The items with " | " between them.
std::string joined(const std::vector<std::string>& items);

}  // namespace taper::detail
