#pragma once
// A form a drug is sold in: tablets, capsules, capsules of beads, liquids, drops.
#include <taper/drugs/market.hpp>
#include <taper/drugs/provenance.hpp>
#include <taper/units/quantities.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taper {

// GCC before 13 warns that scoped enumerators "shadow" taper::beads and taper::drops
// (the quantity types); scoped enumerators cannot shadow anything, so silence only that.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#endif
enum class form_kind { tablet, capsule, beads, liquid, drops };
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

std::string_view to_string(form_kind k) noexcept;
std::optional<form_kind> form_kind_from_string(std::string_view s) noexcept;

/// True for forms measured by volume (liquid, drops).
constexpr bool is_liquid(form_kind k) noexcept {
    return k == form_kind::liquid || k == form_kind::drops;
}

struct formulation {
    std::string id;  ///< stable id within the drug, e.g. "tablet", "drops-40mg-ml"
    form_kind kind = form_kind::tablet;

    /// mg per tablet / capsule (for beads: per capsule). Empty for liquids.
    sourced<std::vector<mass>> unit_strengths;
    /// mg/mL for liquids and drops. Empty for solid forms.
    sourced<std::vector<concentration>> concentrations;

    sourced<bool> scored;
    sourced<bool> splittable;
    sourced<bool> modified_release;
    sourced<bool> enteric_coated;
    /// > 1: this form delivers more drug per labelled mg than the tablet does.
    sourced<double> bioavailability_vs_tablet;
    sourced<volume_per_drop> drop_volume;            ///< drops: mL per drop
    /// beads: how many beads a capsule of each strength holds (parallel to unit_strengths);
    /// brand-specific, so empty unless the data or the user's formulary says.
    sourced<std::vector<beads_per_capsule>> bead_counts;
    sourced<bool> must_dilute;   ///< must be diluted before taking (sertraline concentrate)
    sourced<bool> dispersible;   ///< may be dispersed in water to measure small doses
    sourced<bool> orodispersible;  ///< melts on the tongue (ODT): not for splitting
    /// How many times a day the label says this form is taken, where it says one number
    /// (venlafaxine immediate-release solution: 2, "in two divided doses"). Unknown for most
    /// forms, and never guessed: a switch to a form taken more often says how to divide the
    /// day only when this is known (message 436, dosing_frequency_change).
    sourced<int> doses_per_day;
    /// The countries it is sold in, with the source that says so; empty when not stated.
    sourced<std::vector<market_region>> regions;
    std::string brand;           ///< the product's brand where it matters (lithium); "" generic
    /// Excipients to know about (ethanol, sorbitol, aspartame ...), as the label states them.
    std::vector<std::string> excipient_cautions;
    std::string notes;

    /// Sold in `region` according to the data (unknown regions: no).
    bool sold_in(market_region region) const noexcept {
        if (!regions.known()) return false;
        for (auto r : *regions)
            if (r == region) return true;
        return false;
    }

    /// May a person halve or quarter it? Only if known splittable (or scored) and not
    /// known modified-release or enteric-coated. Unknown means no.
    bool may_split() const noexcept {
        const bool marked = (splittable.known() && *splittable) ||
                            (!splittable.known() && scored.known() && *scored);
        const bool protected_release = (modified_release.known() && *modified_release) ||
                                       (enteric_coated.known() && *enteric_coated);
        const bool melts = orodispersible.known() && *orodispersible;
        return kind == form_kind::tablet && marked && !protected_release && !melts;
    }
};

}  // namespace taper
