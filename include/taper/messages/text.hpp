#pragma once
// Messages as text for people, rendered on demand from the code and parameters. The context
// supplies the names a message refers to (the drug, the receptor, the step's dose-times).
#include <taper/messages/message.hpp>
#include <taper/plan/schedule.hpp>

#include <span>
#include <string>
#include <string_view>

namespace taper {

struct message_context {
    std::string_view drug;               ///< the drug being tapered
    std::string_view strategy;
    std::string_view receptor;           ///< of the plan's occupancy model ("SERT")
    std::string_view equivalence_table;  ///< diazepam-equivalent plans
    std::string_view formulation;        ///< the formulation in use (whole-unit warnings)
    std::span<const dose_line> doses;    ///< the step's lines (dose_time parameters)
    std::span<const std::string> texts;  ///< the plan's strategy texts (text parameters)
};

/// The names a message of `plan` (and of its step `s`, if given) refers to.
message_context context_of(const schedule& plan, const step* s = nullptr);

/// The message as a sentence, e.g. "cut limited to the maximum of 2 mg".
std::string text(const message& m, const message_context& context);

}  // namespace taper
