#include <taper/error.hpp>

#include <cstddef>
#include <string>

namespace taper {
namespace {

// Quote user text for a message: visible, bounded, no control characters.
std::string quoted(const std::string& text) {
    constexpr std::size_t limit = 80;
    std::string out = "\"";
    for (std::size_t i = 0; i < text.size() && i < limit; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7f) {
            static constexpr char hex[] = "0123456789abcdef";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 0xf];
        } else {
            out += static_cast<char>(c);
        }
    }
    if (text.size() > limit) out += "...";
    out += '"';
    return out;
}

std::string join_suggestions(const std::vector<std::string>& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i > 0) out += (i + 1 == s.size()) ? " or " : ", ";
        out += s[i];
    }
    return out;
}

}  // namespace

parse_error::parse_error(std::string input, std::string expected, const std::string& problem)
    : error("cannot read " + quoted(input) + " as " + expected + ": " + problem,
            error_detail{error_code::parse, input, expected, {}, {}}),
      input_(std::move(input)),
      expected_(std::move(expected)) {}

formulary_error::formulary_error(std::string origin, std::string drug, std::string field,
                                 const std::string& problem)
    : error(origin + ": " + (drug.empty() ? std::string("top level") : "drug " + quoted(drug)) +
            (field.empty() ? std::string() : ", field " + quoted(field)) + ": " + problem,
            error_detail{error_code::formulary, drug, {}, field, {}}),
      origin_(std::move(origin)),
      drug_(std::move(drug)),
      field_(std::move(field)) {}

unknown_drug_error::unknown_drug_error(std::string query, std::vector<std::string> suggestions)
    : unknown_drug_error(query, suggestions, suggestions) {}

// A name that is not in the data is said to be missing, never silently read as another drug;
// a near spelling is offered only as a question, with its class, so that a different drug
// is not taken for the one meant.
unknown_drug_error::unknown_drug_error(std::string query, std::vector<std::string> suggestions,
                                       const std::vector<std::string>& described)
    : error("no drug called " + quoted(query) + " in the database" +
            (suggestions.empty() ? std::string(": taper has no data for it; `taper drugs` lists the names it knows")
                                 : "; did you mean " + join_suggestions(described) +
                                       "? (a different drug if not; `taper drugs` lists the names it knows)"),
            error_detail{error_code::unknown_drug, query, "a drug name `taper drugs` lists", {}, suggestions}),
      query_(std::move(query)),
      suggestions_(std::move(suggestions)) {}

}  // namespace taper
