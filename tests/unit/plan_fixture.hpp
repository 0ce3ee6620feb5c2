#pragma once
// What the plan and strategy tests share: a request starting on 2026-12-01 with the default
// 28-day steps, and substring checks for notes and warnings.
#include <taper/plan/calendar.hpp>
#include <taper/plan/request.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace taper::testing {

inline plan_request request(std::string drug, mass daily_dose) {
    plan_request r;
    r.drug = std::move(drug);
    r.daily_dose = daily_dose;
    r.start = parse_date("2026-12-01");
    r.interval = from_value<duration>(28);
    return r;
}

inline bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

inline bool has_text(const std::vector<std::string>& lines, const std::string& part) {
    return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) { return has(l, part); });
}

}  // namespace taper::testing
