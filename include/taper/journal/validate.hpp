#pragma once
// Checks of a journal, each problem coded and naming its entry and field, so that an app can
// point at it. A bad entry never corrupts the rest: readers (io/journal_json.hpp) drop the
// entry and report the problem; `validate` checks a journal already in memory.
#include <taper/journal/journal.hpp>
#include <taper/messages/message.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace taper {

struct journal_problem {
    static constexpr std::size_t whole_journal = static_cast<std::size_t>(-1);
    std::size_t entry = whole_journal;  ///< 0-based index of the entry (or the CSV row's entry)
    std::string field;                  ///< "ratings[2].severity", "date", ...
    std::string input;                  ///< the value as given
    message_code code{};                ///< journal_* (740-749)
    friend bool operator==(const journal_problem&, const journal_problem&) = default;
};

/// Every problem of `j` (empty when it is sound).
std::vector<journal_problem> validate(const journal& j);

/// "entry 3, field ratings[0].severity: 5 is not a severity (0-3)".
std::string describe(const journal_problem& p);

}  // namespace taper
