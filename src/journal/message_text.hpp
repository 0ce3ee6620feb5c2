#pragma once
// Internal: the text of the journal, assessment, replanning and several-drug messages
// (codes 700-799), for messages/text.cpp. Each is worded for the person; the source is named
// so that a clinician can look it up.
#include <taper/messages/text.hpp>

#include <string>

namespace taper::detail {

std::string person_in_loop_text(const message& m, const message_context& c);

}  // namespace taper::detail
