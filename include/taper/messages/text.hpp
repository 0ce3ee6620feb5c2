#pragma once
// Messages as text for people, rendered on demand from the code and parameters. The context
// supplies the names a message refers to (the drug, the receptor, the step's dose-times).
#include <taper/messages/message.hpp>
#include <taper/plan/schedule.hpp>

#include <span>
#include <string>
#include <string_view>

namespace taper {

struct available_form;
struct drug;
struct realized_schedule;
struct realized_step;

struct message_context {
    std::string_view drug;               ///< the drug being tapered
    std::string_view strategy;
    std::string_view receptor;           ///< of the plan's occupancy model ("SERT")
    std::string_view equivalence_table;  ///< diazepam-equivalent plans
    std::string_view formulation;        ///< the formulation in use (whole-unit warnings)
    std::span<const dose_line> doses;    ///< the step's lines (dose_time parameters)
    std::span<const std::string> texts;  ///< the plan's strategy texts (text parameters)
    /// Realization messages (codes 400-599): the realization and its step, for the forms,
    /// drugs and earlier steps they refer to. Without them the text names forms generically.
    std::span<const available_form> forms;  ///< forms on hand (form parameters)
    std::span<const std::string> drugs;     ///< the realization's drugs (drug parameters)
    const taper::drug* subject = nullptr;   ///< the plan's drug (drug_form parameters)
    const realized_schedule* realization = nullptr;
    const realized_step* realized = nullptr;
};

/// The names a message of `plan` (and of its step `s`, if given) refers to.
message_context context_of(const schedule& plan, const step* s = nullptr);

/// The names a message of realization `r` (and of its step `s`, if given) refers to.
message_context context_of(const realized_schedule& r, const realized_step* s = nullptr);

/// The message as a sentence, e.g. "cut limited to the maximum of 2 mg".
std::string text(const message& m, const message_context& context);

}  // namespace taper
