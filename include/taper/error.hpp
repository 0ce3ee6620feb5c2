#pragma once
// Typed errors. Every message names the input and says what was expected, so that a
// person reading it (or a binding forwarding it) can act without reading our code; and every
// error carries the same as data (error_detail: a stable code, the input, what was expected,
// the option or field, suggestions), so that a program never has to parse the message.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace taper {

/// What kind of error, stable across versions (the C ABI's taper_error_code has the same
/// numbers). Finer than the error classes: a plan_error may be a bad request field or a
/// strategy's bad proposal.
enum class error_code : std::uint16_t {
    unspecified = 0,
    parse = 1,                 ///< text that does not read as the expected quantity
    formulary = 2,             ///< drug data that breaks the schema
    unknown_drug = 3,          ///< suggestions: the nearest names
    missing_data = 4,          ///< a value the data does not have
    invalid_argument = 5,
    plan_request = 6,          ///< a request field (option: the field, e.g. "max step")
    plan = 7,                  ///< a request that cannot be planned as asked
    strategy_option = 8,       ///< an option a strategy does not take, or a bad value (option: its name)
    unknown_strategy = 9,      ///< input: the name; suggestions: the nearest name
    strategy_registration = 10,
};

/// An error as data (abseil's Status keeps a code and a payload beside the message).
struct error_detail {
    error_code code = error_code::unspecified;
    std::string input;     ///< the text or value as given, when there is one
    std::string expected;  ///< what would have been accepted
    std::string option;    ///< the option or request field at fault ("tail_step", "max step")
    std::vector<std::string> suggestions;
};

/// The detail of an error about one option of a strategy (code strategy_option): the option's
/// name, the value as given and what would have been accepted.
inline error_detail option_detail(std::string option, std::string input, std::string expected,
                                  std::vector<std::string> suggestions = {}) {
    return error_detail{error_code::strategy_option, std::move(input), std::move(expected), std::move(option),
                        std::move(suggestions)};
}

/// Base of every error the library throws on purpose.
class error : public std::runtime_error {
public:
    explicit error(const std::string& what, error_detail detail = {})
        : std::runtime_error(what), detail_(std::move(detail)) {}
    explicit error(const char* what) : error(std::string(what)) {}
    const error_detail& detail() const noexcept { return detail_; }

protected:
    /// Subclasses give their kind when the thrower did not.
    static error_detail with_code(error_detail d, error_code c) {
        if (d.code == error_code::unspecified) d.code = c;
        return d;
    }

private:
    error_detail detail_;
};

/// Text that does not read as the quantity that was expected ("5 kg/m" as a mass).
class parse_error : public error {
public:
    parse_error(std::string input, std::string expected, const std::string& problem);
    const std::string& input() const noexcept { return input_; }
    const std::string& expected() const noexcept { return expected_; }

private:
    std::string input_;
    std::string expected_;
};

/// A formulary (JSON drug data) that breaks the schema. Names the file, drug and field.
class formulary_error : public error {
public:
    formulary_error(std::string origin, std::string drug, std::string field,
                    const std::string& problem);
    const std::string& origin() const noexcept { return origin_; }
    const std::string& drug() const noexcept { return drug_; }
    const std::string& field() const noexcept { return field_; }

private:
    std::string origin_;
    std::string drug_;
    std::string field_;
};

/// A name that matches no drug, with the nearest names as suggestions.
class unknown_drug_error : public error {
public:
    unknown_drug_error(std::string query, std::vector<std::string> suggestions);
    /// With the suggestions as the text shows them (each with its drug class).
    unknown_drug_error(std::string query, std::vector<std::string> suggestions, const std::vector<std::string>& described);
    const std::string& query() const noexcept { return query_; }
    const std::vector<std::string>& suggestions() const noexcept { return suggestions_; }

private:
    std::string query_;
    std::vector<std::string> suggestions_;
};

/// A value the data does not have (an unverified, null number) was needed.
class missing_data_error : public error {
public:
    explicit missing_data_error(const std::string& what, error_detail d = {})
        : error(what, with_code(std::move(d), error_code::missing_data)) {}
};

/// A well-formed argument outside what the operation accepts (zero strength, ...).
class invalid_argument_error : public error {
public:
    explicit invalid_argument_error(const std::string& what, error_detail d = {})
        : error(what, with_code(std::move(d), error_code::invalid_argument)) {}
};

}  // namespace taper

namespace taper {

/// A plan request that cannot be planned as asked (a bad field, contradictory limits, a
/// strategy that does not fit the drug). The message names the field and what was expected.
class plan_error : public error {
public:
    explicit plan_error(const std::string& what, error_detail d = {})
        : error(what, with_code(std::move(d), error_code::plan)) {}
};

/// A strategy that cannot be made as asked: an unknown name or a duplicate registration, or
/// options its schema does not accept. detail().option names the option at fault (empty when
/// the error is not about one option), so that a front end can point at its own spelling of it;
/// detail().input and detail().expected give the value as given and what would have been accepted.
class strategy_error : public error {
public:
    explicit strategy_error(const std::string& what, error_detail d = {})
        : error(what, with_code(std::move(d), error_code::strategy_option)) {}
    /// The option at fault: detail().option (empty when the error is not about one option).
    const std::string& option() const noexcept { return detail().option; }
};

}  // namespace taper
