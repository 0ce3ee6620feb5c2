#pragma once
// A note or warning as a value: a code, a severity and typed parameters. Text is rendered on
// demand (messages/text.hpp), so no code ever has to read prose back. Fixed size: making,
// copying and storing a message never allocates, and a step keeps its usual 0-2 messages
// inline (message_list).
#include <taper/messages/catalogue.hpp>

#include <boost/container/small_vector.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <initializer_list>

namespace taper {

struct message {
    message_code code{};
    severity level = severity::note;
    std::array<parameter, 4> parameters{};

    /// Parameter `i` in the catalogue's order.
    const parameter& operator[](std::size_t i) const { return parameters.at(i); }
    friend bool operator==(const message&, const message&) = default;
};

/// A message with the catalogue's severity. The parameters must match the catalogue's kinds
/// in order (std::logic_error otherwise: a programming error, caught by the tests).
message make_message(message_code code, std::initializer_list<parameter> parameters = {});

/// A step's messages: up to two without a heap allocation.
using message_list = boost::container::small_vector<message, 2>;

/// The first message with `code` in `messages`, or nullptr.
template <class Range>
const message* find(const Range& messages, message_code code) {
    const auto it = std::find_if(std::begin(messages), std::end(messages),
                                 [code](const message& m) { return m.code == code; });
    return it == std::end(messages) ? nullptr : &*it;
}

template <class Range>
bool contains(const Range& messages, message_code code) {
    return find(messages, code) != nullptr;
}

}  // namespace taper
