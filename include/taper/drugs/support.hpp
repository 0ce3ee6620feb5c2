#pragma once
// Who a person coming off psychiatric drugs can talk to: organisations by country and by the
// class of drug they help with, each with its source and the date the source was published
// (so that an app can say how old a phone number is).
//
//   const auto& dir = taper::support_directory::embedded();      // data/support.json
//   for (const auto* org : dir.for_drug(db.get("paroxetine"))) ...  // the drug's own first
#include <taper/drugs/drug.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace taper {

/// Where the entries come from.
struct support_source {
    std::string id;
    std::string title;
    std::string published;  ///< "YYYY-MM" or "YYYY"; empty when the source gives no date
    std::string where;      ///< address or file of the copy that was read
    std::string notes;
};

struct support_organisation {
    std::string id;
    std::string name;
    std::string kind;                  ///< "helpline", "peer support", "information" ...
    std::string offers;                ///< what it offers, in plain words
    std::optional<std::string> phone;  ///< as the source prints it; none when it gives none
    std::string country;               ///< "uk", "us", "hk" or "online"
    std::vector<drug_class> classes;   ///< empty: for anyone coming off psychiatric drugs
    std::vector<std::string> drugs;    ///< drug names it is specifically for (paroxetine)
    const support_source* source = nullptr;  ///< owned by the directory

    /// For this drug: named for it, for its class, or for anyone.
    bool fits(const drug& d) const noexcept;
    bool is_general() const noexcept { return classes.empty() && drugs.empty(); }
};

class support_directory {
public:
    /// The directory compiled into the library (data/support.json).
    static const support_directory& embedded();
    /// A directory from taper-support JSON text; formulary_error names `origin` and the field.
    static support_directory from_json(std::string_view json_text, std::string_view origin = "<string>");

    support_directory() = default;
    support_directory(const support_directory&) = delete;  // organisations point at sources
    support_directory& operator=(const support_directory&) = delete;
    support_directory(support_directory&&) noexcept = default;
    support_directory& operator=(support_directory&&) noexcept = default;

    std::span<const support_organisation> organisations() const noexcept { return organisations_; }
    std::span<const support_source> sources() const noexcept { return sources_; }

    /// Those that fit the drug, in `country` ("" = any): named for the drug first, then for
    /// its class, then general ones, each group in the file's order.
    std::vector<const support_organisation*> for_drug(const drug& d, std::string_view country = "") const;
    /// Those for a class (and the general ones), in `country` ("" = any).
    std::vector<const support_organisation*> for_class(drug_class c, std::string_view country = "") const;
    /// Who a person on `d` living in `country` could contact: those that fit the drug in that
    /// country, then the online ones that fit; every one that fits when `country` is "" (not
    /// known). `country` is a directory code (support_country_from_code).
    std::vector<const support_organisation*> for_person(const drug& d, std::string_view country) const;
    /// The same for a plan made without a drug record: the class's and the general ones.
    std::vector<const support_organisation*> for_person(drug_class c, std::string_view country) const;

private:
    std::vector<support_source> sources_;
    std::vector<support_organisation> organisations_;
};

/// The directory's country code ("uk", "us", "hk") for an ISO 3166 alpha-2 code or a
/// directory code, in any case: "GB" and "UK" are "uk". "" for anything else (an unknown or
/// empty country: the caller lists every country's organisations).
std::string support_country_from_code(std::string_view code);

/// The directory as JSON (`taper support --format json`, the C ABI): {"sources": [...],
/// "organisations": [...]}, each organisation with its source's title and publication date.
std::string to_json(std::span<const support_organisation* const> organisations);

}  // namespace taper
