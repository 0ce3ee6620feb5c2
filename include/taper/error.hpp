#pragma once
// Typed errors. Every message names the input and says what was expected, so that a
// person reading it (or a binding forwarding it) can act without reading our code.
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace taper {

/// Base of every error the library throws on purpose.
class error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
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
    const std::string& query() const noexcept { return query_; }
    const std::vector<std::string>& suggestions() const noexcept { return suggestions_; }

private:
    std::string query_;
    std::vector<std::string> suggestions_;
};

/// A value the data does not have (an unverified, null number) was needed.
class missing_data_error : public error {
public:
    using error::error;
};

/// A well-formed argument outside what the operation accepts (zero strength, ...).
class invalid_argument_error : public error {
public:
    using error::error;
};

}  // namespace taper

namespace taper {

/// A plan request that cannot be planned as asked (a bad field, contradictory limits, a
/// strategy that does not fit the drug). The message names the field and what was expected.
class plan_error : public error {
public:
    using error::error;
};

/// A strategy that cannot be made as asked: an unknown name or a duplicate registration, or
/// options its schema does not accept. option() names the option at fault (empty when the
/// error is not about one option), so that a front end can point at its own spelling of it.
class strategy_error : public error {
public:
    explicit strategy_error(const std::string& message, std::string option = {})
        : error(message), option_(std::move(option)) {}
    const std::string& option() const noexcept { return option_; }

private:
    std::string option_;
};

}  // namespace taper
