#pragma once
// What the plan and strategy tests share: a request starting on 2026-12-01 with the default
// 28-day steps, and checks of coded messages (code and typed parameters, not text).
#include <taper/messages/text.hpp>
#include <taper/plan/calendar.hpp>
#include <taper/plan/request.hpp>
#include <taper/units/from_value.hpp>

#include <gtest/gtest.h>

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

/// Does `messages` hold a message with `code`?
template <class Range>
bool has_code(const Range& messages, message_code code) {
    return contains(messages, code);
}

/// A plan's messages other than the pointer to who can help that every plan ends with
/// (who_can_help, 800) and the drug's cautions from the data that every plan of it states
/// (drug_caution, 327): "no plan-wide message" means none of these.
template <class Range>
std::vector<message> besides_closing(const Range& messages) {
    std::vector<message> out;
    for (const auto& m : messages)
        if (m.code != message_code::who_can_help && m.code != message_code::drug_caution) out.push_back(m);
    return out;
}

/// Does `messages` hold any warning?
template <class Range>
bool has_warning(const Range& messages) {
    return std::any_of(std::begin(messages), std::end(messages),
                       [](const message& m) { return m.level == severity::warning; });
}

/// Parameter `name` (the catalogue's) of the first message with `code`; a test failure, and
/// an empty parameter, when there is none.
template <class Range>
parameter param(const Range& messages, message_code code, std::string_view name) {
    const message* m = find(messages, code);
    if (m == nullptr) {
        ADD_FAILURE() << "no message " << id(code);
        return {};
    }
    const auto& slots = info(code).parameters;
    for (std::size_t i = 0; i < slots.size(); ++i)
        if (slots[i].name == name) return (*m)[i];
    ADD_FAILURE() << id(code) << " has no parameter " << name;
    return {};
}

}  // namespace taper::testing
