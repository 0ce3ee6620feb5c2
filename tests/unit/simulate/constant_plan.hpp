#pragma once
// A hand-made plan for the simulation tests: `start` daily before day 0 (0 mg: nothing in the
// body yet), then `dose` daily for `days` days from 2026-12-01, then nothing. Built by hand,
// not by the planner, so that what a simulation test checks depends on the simulation alone.
#include <taper/taper.hpp>

#include <string>

namespace taper::testing {

inline schedule constant_plan(const std::string& drug, mass start, mass dose, int days) {
    schedule s;
    s.drug = drug;
    s.start = parse_date("2026-12-01");
    s.start_dose = start;
    s.subject = database::embedded().share(drug);
    step st;
    st.number = 1;
    st.start = s.start;
    st.length = static_cast<double>(days) * units::day;
    st.doses = {{drug, "daily", dose}};
    st.daily_dose = dose;
    s.steps.push_back(st);
    return s;
}

}  // namespace taper::testing
