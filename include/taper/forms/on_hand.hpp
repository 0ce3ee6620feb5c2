#pragma once
// What the person has, or can get: specific strengths of specific formulations, with what the
// data says about splitting, bioavailability, drop size and bead counts.
//
//   auto forms = taper::forms_on_hand(citalopram, "10 mg tablet, 2 mg/mL liquid, 40 mg/mL drops");
//   auto every = taper::all_forms(citalopram);   // any form in the database
//
// Each item is "<strength> <form>": the strength a mass ("10 mg", "500 mcg") for tablets and
// capsules, a concentration ("2 mg/mL", "10 mg/5 mL") for liquids and drops; the form a word
// (tablet, capsule, beads, liquid / solution / concentrate, drops; plurals too), optionally
// with a release word (MR, XL, XR, CR, SR, ER, PR, DR: only modified-release formulations),
// or a formulation id of the drug ("tablet-mr", "drops-40mg-ml"). Items are separated by
// commas or semicolons. docs/realization.md lists the rules.
//
// Two products of the same form and strength (a UK and a US tablet) are told apart by the
// person's country where one is given, else by the safer one (see forms_on_hand below).
#include <taper/drugs/drug.hpp>
#include <taper/drugs/market.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taper {

/// One product on hand: one strength of one formulation.
struct available_form {
    std::string drug;             ///< the drug's name (realize() matches dose lines by it)
    std::string formulation_id;   ///< the drug's formulation this comes from
    form_kind kind = form_kind::tablet;
    std::optional<mass> unit_strength;            ///< tablet / capsule (for beads: per capsule)
    std::optional<concentration> liquid_strength;  ///< liquid / drops: mg/mL
    bool may_split = false;       ///< halves (and quarters, if the tools allow) are permitted
    bool must_dilute = false;     ///< e.g. sertraline concentrate
    bool dispersible = false;     ///< a tablet that may be dispersed in water for tiny doses
    /// Drug delivered per labelled mg, relative to tablets (1 when the data says nothing).
    double bioavailability = 1.0;
    bool bioavailability_known = false;
    provenance bioavailability_origin;            ///< where the figure comes from
    std::optional<volume_per_drop> drop_volume;   ///< drops
    /// Beads: how many a capsule of this strength holds (brand-specific). Without it a bead
    /// formulation is used as whole capsules only.
    std::optional<beads_per_capsule> bead_count;
    std::string label;            ///< "10 mg tablet", "2 mg/mL liquid"
    std::string caution;          ///< shown with every recipe that uses it (from the data)
    /// The data's notes on the formulation (how to disperse it, ...): the realization's
    /// exporters quote them, so they need no database.
    std::string formulation_notes;
    /// Set when the item matched several of the drug's products that differ in what may be
    /// done with them (one scored, another not) and this one was assumed: the others' ids,
    /// so that the realization says which was assumed and how to choose another (code 504).
    /// Empty when the item named one product, or the matches differed only in country.
    std::vector<std::string> assumed_among;
};

/// Every product in the database for this drug (each strength its own entry). Formulations
/// whose strength the data does not know are left out (they cannot be measured); a bead
/// formulation without a bead count comes in as whole capsules only.
std::vector<available_form> all_forms(const drug& d);

/// What "any" on hand means: every product of the drug as above, one entry per set of products
/// the realization would use alike (the UK and US 20 mg citalopram tablets, both scored, are
/// one), a product that may be split left out where one of the same label may not (never split
/// what one label does not score), and with a `region` only the products sold there, unless
/// none is (then all stay: the person has one of them anyway).
std::vector<available_form> all_forms(const drug& d, std::optional<market_region> region);

/// Parse "10 mg tablet, 2 mg/mL liquid, 40 mg/mL drops" against the drug's data ("any":
/// all_forms(d, region) above). Each item
/// must match a formulation and strength the data has (a user formulary can add more);
/// otherwise parse_error (the strength does not read as a quantity) or plan_error naming
/// the item and listing what the drug has. Beads need a known bead count: without one the
/// item is a plan_error that says how to give it (a formulary with `beads_per_capsule`)
/// and that "<strength> capsule" uses whole capsules instead. A count is never guessed.
///
/// When an item matches several products (the same form and strength, sold in different
/// countries or under different labels): with a `region`, those sold there are kept, and if
/// one is left it is the answer. Otherwise, if the products differ only in country (same
/// form, release and splitting permission) the first is taken; if they differ in splitting,
/// the one that may not be split is taken (never split what one label does not score) and
/// `assumed_among` lists the others; any other difference (release) is a plan_error asking
/// for MR, the formulation id or --region. A formulation id always selects exactly.
std::vector<available_form> forms_on_hand(const drug& d, std::string_view text,
                                          std::optional<market_region> region = std::nullopt);

/// "10 mg tablet, 20 mg tablet, 2 mg/mL liquid": what the drug has, for messages.
std::string describe_forms(const drug& d);

}  // namespace taper
