#pragma once
// A plan for a person on several drugs: one drug at a time, in the order the person and their
// prescriber choose (the library says what guidance says about choosing and never decides),
// a stabilisation gap between drugs, a combined calendar, and interaction notes from sourced
// data (several/interactions.hpp). docs/journal.md, "Several drugs".
#include <taper/drugs/database.hpp>
#include <taper/messages/message.hpp>
#include <taper/plan/planner.hpp>
#include <taper/plan/request.hpp>
#include <taper/plan/schedule.hpp>
#include <taper/plan/strategy.hpp>
#include <taper/several/interactions.hpp>

#include <optional>
#include <string>
#include <vector>

namespace taper {

struct drug_course {
    plan_request request;  ///< its start is ignored: the plan sets it from the order
    any_strategy strategy;
};

struct several_drugs_request {
    std::vector<drug_course> courses;  ///< in the order chosen: the first is tapered first
    date start{};
    /// Days on the new dose of one drug before the next drug's taper begins. No published
    /// figure was found, so there is no default: the person and prescriber choose it.
    duration stabilisation_gap;
};

/// The doses of every drug over one stretch of days when none of them changes.
struct calendar_period {
    date from{};
    date to{};  ///< the day after the last day
    std::vector<dose_line> doses;  ///< every drug's dose lines, in course order
};

struct several_drugs_plan {
    std::vector<schedule> plans;                ///< one per course, in order, dated one after another
    std::vector<std::string> drugs;             ///< names, in order (drug_ref parameters index this)
    std::vector<message> notes;                 ///< order and gap notes
    std::vector<interaction_note> interactions; ///< where reducing one drug changes another's level
    std::vector<calendar_period> calendar;      ///< the combined calendar
};

several_drugs_plan plan_several(const database& db, const several_drugs_request& request);

}  // namespace taper
