#pragma once
// Where a number comes from. Every number in the drug data carries one; a number that
// was never found is empty (std::nullopt), never guessed.
#include <taper/error.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace taper {

enum class evidence_status {
    verified,       ///< read in the primary or official text (paper, SmPC/label, NICE/NHS)
    secondary,      ///< read only in a third-party copy or transcription of the source
    unverified,     ///< not found in a source; the value is normally empty
    user_supplied,  ///< set by a user's formulary (a local product, a pharmacy's liquid)
};

std::string_view to_string(evidence_status s) noexcept;
/// "verified", "secondary", "unverified", "user-supplied"; nullopt for anything else.
std::optional<evidence_status> evidence_status_from_string(std::string_view s) noexcept;

struct provenance {
    std::string source;  ///< citation, with a link where there is one
    evidence_status status = evidence_status::unverified;
    friend bool operator==(const provenance&, const provenance&) = default;
};

/// A value with its provenance. Empty means "not known": callers must not invent one.
template <class T>
struct sourced {
    std::optional<T> value;
    provenance origin;

    bool known() const noexcept { return value.has_value(); }
    explicit operator bool() const noexcept { return known(); }
    const T& operator*() const { return *value; }
    const T* operator->() const { return &*value; }

    /// The value, or missing_data_error saying what was needed and why it is missing.
    const T& require(std::string_view what) const {
        if (!value)
            throw missing_data_error(std::string(what) + " is not known (" +
                                     std::string(to_string(origin.status)) + "; source: " +
                                     (origin.source.empty() ? "none" : origin.source) + ")");
        return *value;
    }
};

}  // namespace taper
