#pragma once
// A schedule built by hand for the exporter tests (iCalendar, FHIR, SVG, HTML), so that every
// expected value is known independently of the planner: citalopram 20 mg from 2026-12-01,
// step 1 (28 days) 10 mg split morning and night, step 2 a 14-day hold on it, step 3 (7 days)
// the stop. Its notes carry characters that every format must escape.
#include <taper/drugs/database.hpp>
#include <taper/messages/message.hpp>
#include <taper/plan/plan.hpp>
#include <taper/units/from_value.hpp>
#include <taper/units/literals.hpp>

#include <string>
#include <vector>

namespace taper::testing {

inline schedule outputs_sample() {
    using namespace taper::literals;
    schedule s;
    s.drug = "citalopram";
    s.strategy = "hyperbolic";
    s.start_dose = 20.0_mg;
    s.start_equivalent_dose = 20.0_mg;
    s.start_occupancy_percent = 75.0_points;
    s.start_split = {{"morning", 10.0_mg}, {"night", 10.0_mg}};
    s.occupancy_model = "sert-striatum-sorensen2022";
    s.occupancy_receptor = "SERT";
    s.start = parse_date("2026-12-01");
    // A note with every character iCalendar escapes, XML's five, and letters of two and three
    // UTF-8 octets (long enough to be folded).
    s.strategy_texts = {"a, b; c\\d <e> & \"f\" 'g' — Übergang ü ü ü ü ü ü ü ü ü ü ü ü ü ü ü ü ü ü ü ü ü ü ü ü ü"};
    s.subject = database::embedded().share("citalopram");

    step a;
    a.number = 1;
    a.start = s.start;
    a.length = from_value<duration>(28);
    a.doses = {{"citalopram", "morning", 5.0_mg}, {"citalopram", "night", 5.0_mg}};
    a.daily_dose = 10.0_mg;
    a.equivalent_daily_dose = 10.0_mg;
    a.change = 10.0_mg;
    a.change_percent = 50_pct;
    a.occupancy_percent = 60.0_points;
    a.change_points = 15.0_points;
    a.messages = {make_message(message_code::strategy_text, {parameter::text(0)})};

    step b = a;
    b.number = 2;
    b.phase = step_phase::hold;
    b.start = a.end();
    b.length = from_value<duration>(14);
    b.change = 0.0_mg;
    b.change_percent = 0_pct;
    b.change_points = 0.0_points;
    b.messages = {make_message(message_code::hold_step)};

    step c;
    c.number = 3;
    c.phase = step_phase::stop;
    c.start = b.end();
    c.length = from_value<duration>(7);
    c.doses = {{"citalopram", "morning", 0.0_mg}, {"citalopram", "night", 0.0_mg}};
    c.change = 10.0_mg;
    c.change_percent = 100_pct;
    c.occupancy_percent = 0.0_points;
    c.change_points = 60.0_points;
    s.steps = {a, b, c};
    return s;
}

/// The lines of `text` split at CRLF (no empty last item).
inline std::vector<std::string> crlf_lines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t from = 0;
    while (from < text.size()) {
        const auto at = text.find("\r\n", from);
        out.push_back(text.substr(from, at - from));
        if (at == std::string::npos) break;
        from = at + 2;
    }
    return out;
}

}  // namespace taper::testing
