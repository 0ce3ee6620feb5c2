#pragma once
// Realization's messages (codes 400-599) as text (not public API): taper::text() in
// src/messages/text.cpp hands them here, since their words name forms on hand, earlier
// steps and bioavailability sources that only realization knows about.
#include <taper/forms/on_hand.hpp>
#include <taper/messages/text.hpp>

#include <string>

namespace taper::forms_detail {

std::string realization_text(const message& m, const message_context& context);

/// "citalopram drops-40mg-ml: delivers 1.25× as much per labelled mg as tablets, so 10 mg as
/// tablets ≡ 8 mg as 40 mg/mL drops = 4 drops (source: ...; verified)".
std::string equivalence_text(const available_form& f);

}  // namespace taper::forms_detail
