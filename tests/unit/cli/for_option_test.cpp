// The CLI's for_option (src/cli/inputs.hpp): a library error is re-thrown as an input_error
// whose message starts with the option, and an input_error (already naming its option) passes
// through unchanged rather than being prefixed a second time.
#include "../../../src/cli/inputs.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>
#include <string>

namespace {

using taper::cli::for_option;
using taper::cli::input_error;

std::string message_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const input_error& e) {
        return e.what();
    } catch (const std::exception& e) {
        return std::string("not an input_error: ") + e.what();
    }
    return "no error";
}

TEST(CliForOption, ReturnsTheValueWhenNothingIsWrong) {
    EXPECT_EQ(for_option("--count", [] { return 12; }), 12);
}

TEST(CliForOption, ALibraryErrorIsPrefixedWithTheOption) {
    EXPECT_EQ(message_of([] { for_option("--start", [] { throw taper::error("not a date: 2027-02-30"); }); }),
              "--start: not a date: 2027-02-30");
}

TEST(CliForOption, AnInputErrorPassesThroughUnchanged) {
    // Nested options (a --have part that names another drug) already say which option: no
    // "--have: --have: ...".
    EXPECT_EQ(message_of([] {
                  for_option("--have", [] { throw input_error("--have: \"x\" names no forms after the colon"); });
              }),
              "--have: \"x\" names no forms after the colon");
}

TEST(CliForOption, OtherExceptionsAreNotTurnedIntoInputErrors) {
    EXPECT_EQ(message_of([] { for_option("--x", [] { throw std::runtime_error("disk full"); }); }),
              "not an input_error: disk full");
}

}  // namespace
