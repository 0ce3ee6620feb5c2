#pragma once
// A journal as JSON (docs/journal.schema.json) and back. Reading never lets a bad entry
// corrupt the rest: an entry with a problem is left out and the problem reported, coded, with
// its entry and field. Text that is not JSON at all, or not a journal object, throws
// journal_error.
#include <taper/error.hpp>
#include <taper/journal/journal.hpp>
#include <taper/journal/validate.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace taper {

/// A journal that cannot be read at all (not JSON, not an object, a bad header field). An
/// invalid argument (TAPER_ERROR_INVALID_ARGUMENT in C); detail().option names the field.
class journal_error : public invalid_argument_error {
public:
    using invalid_argument_error::invalid_argument_error;
};

struct journal_read {
    journal value;                          ///< every sound entry
    std::vector<journal_problem> problems;  ///< each entry left out, and why
};

std::string to_json(const journal& j);
journal_read journal_from_json(std::string_view text);

}  // namespace taper
