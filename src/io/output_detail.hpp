#pragma once
// Internal to the library: what the people-facing exporters (iCalendar, FHIR, SVG, HTML)
// share: amounts for reading, a step's dose lines as one text, XML escaping, and the
// realized steps seen as a schedule. Not installed.
#include <taper/forms/realize.hpp>
#include <taper/plan/schedule.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace taper::detail {

/// "11.9 mg": three significant figures, as the CLI's tables print doses.
std::string mg_text(mass amount);

/// A step's dose lines as one text, each amount written by `amount`: "morning 5 mg, night
/// 5 mg"; lines of a drug other than the plan's grouped under its name ("alprazolam morning
/// 1 mg, afternoon 1 mg; diazepam night 20 mg"). The exporters and the CLI's table share it.
std::string grouped_doses(const schedule& plan, const step& st, std::string (*amount)(mass));

/// grouped_doses with mg_text; a step with no dose lines: its daily dose ("10 mg a day").
std::string doses_text(const schedule& plan, const step& st);

/// "step 3: 8.1 mg a day" (a stop step: "step 15: stop", or the maintenance dose).
std::string step_summary(const schedule& plan, const step& st);

/// The plan of the realized steps: what the JSON exporter writes for a realization (an
/// inserted step shifts the numbers and dates after it).
schedule realized_plan(const realized_schedule& r);

/// &, <, >, " and ' as XML entities; bytes below 0x20 other than tab and line breaks, which
/// XML 1.0 forbids, are dropped.
std::string xml_escape(std::string_view text);

/// The drug's name for people: "citalopram".
inline const std::string& drug_name(const schedule& plan) { return plan.drug; }

}  // namespace taper::detail
