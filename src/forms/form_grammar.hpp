#pragma once
// The one grammar for naming a product of a drug (not public API): "<strength> <form>", as in
// "10 mg tablet", "10 mg tabs", "20 mg MR capsules", "2 mg/mL oral solution", or a
// formulation id after the strength ("40 mg/mL drops-40mg-ml"). forms_on_hand() (--have and
// taper_forms_on_hand) and convert_form() (--from/--to and taper_convert_form) both read
// their text with it, so that whatever one accepts the other accepts too. Defined in
// on_hand.cpp.
#include <taper/drugs/drug.hpp>
#include <taper/units/quantities.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace taper::forms_detail {

/// What the form words name; `capsule` fits capsules and capsules of beads.
enum class word_kind { tablet, capsule, beads, liquid, drops };

/// The words after the strength.
struct form_words {
    std::optional<word_kind> kind;
    bool modified_release = false;  // MR, XL, XR ...
    bool enteric = false;           // DR, gastro-resistant
    bool concentrate = false;
    const formulation* by_id = nullptr;
};

/// Reads `text` (the words after the strength of `item`) as form words against the drug's
/// formulation ids. plan_error naming `item` for a word that is not a form.
form_words read_form_words(const drug& d, std::string_view item, std::string_view text);

/// Whether a word kind names formulations of kind `k`.
bool kind_matches(word_kind w, form_kind k);

/// Whether formulation `f` of `d` is one the words name (by id, kind, release, coating).
bool words_fit(const drug& d, const formulation& f, const form_words& words);

using strength_value = std::variant<mass, concentration>;

/// The strength at the front of `item` (the longest leading run of words that reads as a
/// mass or a concentration) and the words after it. parse_error when it has none.
std::pair<strength_value, std::string> read_strength(std::string_view item);

}  // namespace taper::forms_detail
