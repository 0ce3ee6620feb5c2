// What the person has on hand: the drug's formulations, one entry per strength, read from
// text like "10 mg tablet, 2 mg/mL liquid". See include/taper/forms/on_hand.hpp and
// docs/realization.md.
#include <taper/forms/on_hand.hpp>
#include "form_grammar.hpp"
#include "realizer.hpp"  // fine_forms_not_on_hand
#include "../detail/number_text.hpp"
#include "../detail/text.hpp"

#include <taper/units/io.hpp>
#include <taper/units/parse.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <variant>

namespace taper {
namespace {

using detail::trim;
using detail::nearly_equal;

bool is_true(const sourced<bool>& b) { return b.known() && *b; }

bool is_modified_release(const formulation& f) { return is_true(f.modified_release) || is_true(f.enteric_coated); }

std::string strength_text(const available_form& a) {
    if (a.liquid_strength) return to_string(*a.liquid_strength);
    if (a.unit_strength) return to_string(*a.unit_strength);
    return "?";
}

/// "10 mg tablet", "12.5 mg modified-release tablet", "75 mg capsule of beads",
/// "2 mg/mL liquid", "20 mg/mL concentrate", "40 mg/mL drops".
std::string label_for(const formulation& f, const available_form& a, bool whole_capsules_only) {
    std::string out = strength_text(a) + " ";
    switch (f.kind) {
        case form_kind::tablet:
        case form_kind::capsule:
            if (is_true(f.enteric_coated)) out += "enteric-coated ";
            else if (is_true(f.modified_release)) out += "modified-release ";
            out += f.kind == form_kind::tablet ? "tablet" : "capsule";
            break;
        case form_kind::beads:
            if (is_true(f.enteric_coated)) out += "enteric-coated ";
            else if (is_true(f.modified_release)) out += "modified-release ";
            out += whole_capsules_only ? "capsule" : "capsule of beads";
            break;
        case form_kind::liquid: out += a.must_dilute ? "concentrate" : "liquid"; break;
        case form_kind::drops: out += "drops"; break;
    }
    return out;
}

available_form make_form(const drug& d, const formulation& f, std::size_t strength_index, bool use_bead_count) {
    available_form a;
    a.drug = d.name;
    a.formulation_id = f.id;
    a.kind = f.kind;
    if (is_liquid(f.kind))
        a.liquid_strength = (*f.concentrations)[strength_index];
    else
        a.unit_strength = (*f.unit_strengths)[strength_index];
    a.may_split = f.may_split();
    a.must_dilute = is_true(f.must_dilute);
    a.dispersible = is_true(f.dispersible) && f.kind == form_kind::tablet;
    if (f.bioavailability_vs_tablet.known()) {
        a.bioavailability = *f.bioavailability_vs_tablet;
        a.bioavailability_known = true;
    }
    a.bioavailability_origin = f.bioavailability_vs_tablet.origin;
    if (f.kind == form_kind::drops && f.drop_volume.known()) a.drop_volume = *f.drop_volume;
    if (use_bead_count && f.kind == form_kind::beads && f.bead_counts.known() &&
        f.bead_counts->size() == f.unit_strengths->size())
        a.bead_count = (*f.bead_counts)[strength_index];
    a.label = label_for(f, a, f.kind == form_kind::beads && !a.bead_count);
    a.formulation_notes = f.notes;
    if (a.must_dilute)
        a.caution = "must be diluted before taking" + (f.notes.empty() ? std::string() : " (" + f.notes + ")");
    else if (f.kind == form_kind::beads)
        a.caution = "do not crush or chew the beads";
    else if (is_modified_release(f))
        a.caution = "swallow whole: do not split, crush or chew";
    return a;
}

std::size_t strength_count(const formulation& f) {
    if (is_liquid(f.kind)) return f.concentrations.known() ? f.concentrations->size() : 0;
    return f.unit_strengths.known() ? f.unit_strengths->size() : 0;
}

}  // namespace

// --- reading an item: the one "<strength> <form>" grammar (form_grammar.hpp) ---------------
namespace forms_detail {

std::optional<word_kind> kind_word(const std::string& w) {
    static const std::pair<const char*, word_kind> words[] = {
        {"tablet", word_kind::tablet},   {"tablets", word_kind::tablet},   {"tab", word_kind::tablet},
        {"tabs", word_kind::tablet},     {"capsule", word_kind::capsule},  {"capsules", word_kind::capsule},
        {"cap", word_kind::capsule},     {"caps", word_kind::capsule},     {"bead", word_kind::beads},
        {"beads", word_kind::beads},     {"pellet", word_kind::beads},     {"pellets", word_kind::beads},
        {"liquid", word_kind::liquid},   {"solution", word_kind::liquid},  {"syrup", word_kind::liquid},
        {"suspension", word_kind::liquid}, {"concentrate", word_kind::liquid}, {"drop", word_kind::drops},
        {"drops", word_kind::drops},
    };
    for (const auto& [text, k] : words)
        if (w == text) return k;
    return std::nullopt;
}

bool release_word(const std::string& w) {
    static const char* words[] = {"mr", "xl", "xr", "cr", "sr", "er", "pr", "modified-release",
                                  "extended-release", "prolonged-release", "slow-release"};
    return std::any_of(std::begin(words), std::end(words), [&](const char* x) { return w == x; });
}

bool enteric_word(const std::string& w) {
    return w == "dr" || w == "ec" || w == "enteric-coated" || w == "gastro-resistant" || w == "delayed-release";
}

std::string kinds_help() {
    return "tablet, capsule, beads, liquid (solution, concentrate) or drops, optionally with MR/XL/XR "
           "for modified-release, or a formulation id";
}

form_words read_form_words(const drug& d, std::string_view item, std::string_view text) {
    form_words out;
    const std::string all = detail::ascii_lower(trim(text));
    // A formulation id ("tablet-mr", "drops-40mg-ml"), unless the words read as a kind of
    // form: "tablet" means any tablet, not only the formulation whose id is "tablet".
    if (!kind_word(all))
        for (const auto& f : d.formulations)
            if (detail::ascii_lower(f.id) == all) {
                out.by_id = &f;
                return out;
            }
    std::size_t i = 0;
    while (i < all.size()) {
        while (i < all.size() && detail::is_ascii_space(all[i])) ++i;
        std::size_t j = i;
        while (j < all.size() && !detail::is_ascii_space(all[j])) ++j;
        if (j == i) break;
        const std::string w = all.substr(i, j - i);
        i = j;
        if (auto k = kind_word(w)) {
            if (out.kind && *out.kind != *k)
                throw plan_error("forms on hand: \"" + std::string(item) + "\" names two forms (" + w +
                                 " and another); write one item per form, separated by commas");
            out.kind = k;
            if (w == "concentrate") out.concentrate = true;
        } else if (release_word(w)) {
            out.modified_release = true;
        } else if (enteric_word(w)) {
            out.enteric = true;
        } else if (w == "oral" || w == "of" || w == "scored" || w == "film-coated" || w == "dispersible") {
            // descriptive words that do not change which formulation is meant
        } else {
            throw plan_error("forms on hand: \"" + std::string(item) + "\": \"" + w +
                             "\" is not a form taper knows; expected " + kinds_help() + " (" + d.name +
                             " has: " + describe_forms(d) + ")");
        }
    }
    return out;
}

bool kind_matches(word_kind w, form_kind k) {
    switch (w) {
        case word_kind::tablet: return k == form_kind::tablet;
        case word_kind::capsule: return k == form_kind::capsule || k == form_kind::beads;
        case word_kind::beads: return k == form_kind::beads;
        case word_kind::liquid: return k == form_kind::liquid;
        case word_kind::drops: return k == form_kind::drops;
    }
    return false;
}

std::string join_words(const std::vector<std::string_view>& words, std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t i = from; i < to; ++i) {
        if (!out.empty()) out += ' ';
        out += words[i];
    }
    return out;
}

std::vector<std::string_view> split_words(std::string_view s) {
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && detail::is_ascii_space(s[i])) ++i;
        std::size_t j = i;
        while (j < s.size() && !detail::is_ascii_space(s[j])) ++j;
        if (j > i) words.push_back(s.substr(i, j - i));
        i = j;
    }
    return words;
}

std::pair<strength_value, std::string> read_strength(std::string_view item) {
    const auto words = split_words(item);
    // The longest leading run of words that reads as a strength; at least one word is left
    // for the form when there is more than one word.
    std::optional<parse_error> first_problem;
    for (std::size_t k = words.size(); k >= 1; --k) {
        const std::string q = join_words(words, 0, k);
        try {
            strength_value v;
            if (q.find('/') != std::string::npos)
                v = parse_concentration(q);
            else
                v = parse_mass(q);
            return {v, join_words(words, k, words.size())};
        } catch (const parse_error& e) {
            if (k == 1) first_problem = e;
        }
    }
    throw parse_error(std::string(item), "a strength and a form, e.g. \"10 mg tablet\" or \"2 mg/mL liquid\"",
                      first_problem ? std::string(first_problem->what()) : "it does not start with a strength");
}

bool words_fit(const drug& d, const formulation& f, const form_words& words) {
    if (words.by_id != nullptr) return &f == words.by_id;
    if (words.kind && !kind_matches(*words.kind, f.kind)) return false;
    if (words.modified_release && !is_modified_release(f)) return false;
    if (words.enteric && !is_true(f.enteric_coated)) return false;
    // "concentrate" means the liquid that must be diluted, where the drug has one
    if (words.concentrate && !is_true(f.must_dilute) &&
        std::any_of(d.formulations.begin(), d.formulations.end(),
                    [](const formulation& g) { return is_true(g.must_dilute); }))
        return false;
    return true;
}

}  // namespace forms_detail

namespace {

using forms_detail::form_words;
using forms_detail::kind_matches;
using forms_detail::read_form_words;
using forms_detail::read_strength;
using forms_detail::word_kind;

std::string what_it_has(const drug& d) {
    return d.name + " has: " + describe_forms(d) + " (a user formulary can add others)";
}

/// One strength of one formulation that an item matched.
struct match {
    const formulation* f;
    std::size_t index;
};

/// Two products the realization would use alike: the same form, release, splitting,
/// dilution, dispersing, bioavailability, drop size and bead count. They differ at most in
/// country, brand and source, so either may stand for the other.
bool used_alike(const available_form& a, const available_form& b) {
    return a.kind == b.kind && a.label == b.label && a.may_split == b.may_split && a.must_dilute == b.must_dilute &&
           a.dispersible == b.dispersible && a.bioavailability_known == b.bioavailability_known &&
           a.bioavailability == b.bioavailability && a.drop_volume == b.drop_volume && a.bead_count == b.bead_count;
}

/// The same, apart from whether it may be split.
bool alike_but_splitting(available_form a, const available_form& b) {
    a.may_split = b.may_split;
    return used_alike(a, b);
}

std::string regions_text(const formulation& f) {
    if (!f.regions.known() || f.regions->empty()) return "country not stated";
    std::string out;
    for (const auto r : *f.regions) out += (out.empty() ? "" : ", ") + detail::ascii_upper(to_string(r));
    return out;
}

/// Several products of the drug match one item ("5 mg tablet": a UK tablet with no score line
/// and a scored US one). The person's country decides where it can; otherwise the choice must
/// not make a difference, or it is the product that may not be split, because splitting a
/// tablet whose label gives no score line is the one mistake a plan must never ask for.
/// `others` receives the ids of the products not taken when the choice mattered.
match choose_among(const drug& d, std::string_view item, std::vector<match> matches,
                   std::optional<market_region> region, std::vector<std::string>& others) {
    if (region) {
        std::vector<match> there;
        for (const auto& m : matches)
            if (m.f->sold_in(*region)) there.push_back(m);
        if (there.size() == 1) return there.front();
        // None sold there: the person has one of them anyway (from elsewhere, or the data does
        // not know), so all stay candidates.
        if (!there.empty()) matches = std::move(there);
    }
    std::vector<available_form> as_used;
    for (const auto& m : matches) as_used.push_back(make_form(d, *m.f, m.index, true));
    const bool all_alike = std::all_of(as_used.begin(), as_used.end(),
                                       [&](const available_form& a) { return used_alike(a, as_used.front()); });
    if (all_alike) return matches.front();
    const bool all_alike_but_splitting =
        std::all_of(as_used.begin(), as_used.end(),
                    [&](const available_form& a) { return alike_but_splitting(a, as_used.front()); });
    if (all_alike_but_splitting) {
        std::size_t keep = 0;
        while (keep < as_used.size() && as_used[keep].may_split) ++keep;  // some may not: that one
        for (std::size_t i = 0; i < matches.size(); ++i)
            if (i != keep && matches[i].f != matches[keep].f) others.push_back(matches[i].f->id);
        return matches[keep];
    }
    // Products used differently in another way (immediate- and modified-release tablets of
    // one strength): no choice is safe, so the person says which.
    std::string ids;
    for (const auto& m : matches) ids += (ids.empty() ? "" : ", ") + m.f->id + " (" + regions_text(*m.f) + ")";
    throw plan_error("forms on hand: \"" + std::string(item) + "\" could be any of " + d.name + "'s " + ids +
                     "; name the formulation id instead of the form (e.g. \"" +
                     strength_text(as_used.front()) + " " + matches.front().f->id +
                     "\"), add MR for a modified-release form, or give the country (--region uk or us)");
}

available_form read_item(const drug& d, std::string_view item, std::optional<market_region> region) {
    auto [strength, rest] = read_strength(item);
    const form_words words = read_form_words(d, item, rest);

    const bool is_conc = std::holds_alternative<concentration>(strength);
    if (!is_conc && !(std::get<mass>(strength) > mass{}))
        throw plan_error("forms on hand: \"" + std::string(item) + "\": a strength must be more than 0 mg");

    std::vector<const formulation*> candidates;
    for (const auto& f : d.formulations) {
        // Without a form word, the strength says which: a concentration is a liquid.
        if (words.by_id == nullptr && !words.kind && is_liquid(f.kind) != is_conc) continue;
        if (forms_detail::words_fit(d, f, words)) candidates.push_back(&f);
    }
    if (candidates.empty())
        throw plan_error("forms on hand: \"" + std::string(item) + "\" matches none of " + d.name +
                         "'s formulations; " + what_it_has(d));

    // The type of strength must fit the form.
    const bool want_liquid = is_liquid(candidates.front()->kind);
    if (std::all_of(candidates.begin(), candidates.end(), [&](const formulation* f) { return is_liquid(f->kind) == want_liquid; }) &&
        want_liquid != is_conc)
        throw plan_error("forms on hand: \"" + std::string(item) + "\": " +
                         (want_liquid ? "a liquid's or drops' strength is a concentration, e.g. \"2 mg/mL\" or \"10 mg/5 mL\""
                                      : "a tablet's or capsule's strength is a mass per unit, e.g. \"10 mg\""));

    std::vector<match> matches;
    std::vector<const formulation*> unknown_strength;
    for (const formulation* f : candidates) {
        if (is_liquid(f->kind) != is_conc) continue;
        const std::size_t n = strength_count(*f);
        if (n == 0) unknown_strength.push_back(f);
        for (std::size_t i = 0; i < n; ++i) {
            constexpr auto mg_per_ml = units::mg / units::mL;
            const double have = is_conc ? in((*f->concentrations)[i], mg_per_ml) : in((*f->unit_strengths)[i], units::mg);
            const double want = is_conc ? in(std::get<concentration>(strength), mg_per_ml)
                                        : in(std::get<mass>(strength), units::mg);
            if (nearly_equal(have, want)) matches.push_back({f, i});
        }
    }
    if (matches.empty()) {
        std::string msg = "forms on hand: \"" + std::string(item) + "\": " + d.name + " has no such strength; " +
                          what_it_has(d);
        for (const formulation* f : unknown_strength)
            msg += "; the data does not know the strengths of " + f->id +
                   " (give them in a user formulary to use it)";
        throw plan_error(msg);
    }
    std::vector<std::string> assumed_among;
    if (matches.size() > 1) {
        const match chosen = choose_among(d, item, matches, region, assumed_among);
        matches.assign(1, chosen);
    }
    const match& m = matches.front();
    const bool counting_beads = m.f->kind == form_kind::beads && words.kind != word_kind::capsule;
    available_form a = make_form(d, *m.f, m.index, counting_beads);
    a.assumed_among = std::move(assumed_among);
    if (counting_beads && !a.bead_count) {
        throw plan_error(
            "forms on hand: \"" + std::string(item) + "\": the number of beads in a " + strength_text(a) + " " + d.name +
            " " + m.f->id +
            " capsule is not in the data (it differs between brands, so taper does not guess it). Count the beads "
            "in several capsules and give the count in a user formulary, e.g. {\"format\": \"taper-formulary\", "
            "\"version\": 1, \"drugs\": [{\"name\": \"" + d.name + "\", \"formulations\": [{\"id\": \"" + m.f->id +
            "\", \"beads_per_capsule\": [one count per strength: " +
            [&] {
                std::string s;
                for (const auto& u : *m.f->unit_strengths) s += (s.empty() ? "" : ", ") + to_string(u);
                return s;
            }() +
            "]}]}]}; or write \"" + strength_text(a) + " capsule\" to take whole capsules only");
    }
    return a;
}

}  // namespace

std::vector<available_form> all_forms(const drug& d) {
    std::vector<available_form> out;
    for (const auto& f : d.formulations)
        for (std::size_t i = 0; i < strength_count(f); ++i) out.push_back(make_form(d, f, i, true));
    return out;
}

namespace forms_detail {

// all_forms(d)'s order, without building the forms that are not fine (tablets, capsules),
// nor those whose formulation nobody has on hand: this runs in a realization, and all_forms
// builds every product's label, caution and notes.
std::vector<std::size_t> fine_forms_not_on_hand(const drug& d, const std::vector<const available_form*>& have) {
    std::vector<std::size_t> out;
    std::size_t index = 0;
    for (const auto& f : d.formulations) {
        const std::size_t n = strength_count(f);
        // The same test as on the built form: make_form sets `dispersible` only for tablets.
        const bool fine = is_liquid(f.kind) || (is_true(f.dispersible) && f.kind == form_kind::tablet);
        const bool id_on_hand =
            fine && std::any_of(have.begin(), have.end(), [&](const available_form* g) { return g->formulation_id == f.id; });
        for (std::size_t i = 0; i < n; ++i, ++index) {
            if (!fine) continue;
            if (id_on_hand) {
                const available_form a = make_form(d, f, i, true);
                if (std::any_of(have.begin(), have.end(), [&](const available_form* g) {
                        return g->formulation_id == a.formulation_id && g->label == a.label;
                    }))
                    continue;
            }
            out.push_back(index);
        }
    }
    return out;
}

}  // namespace forms_detail

std::string describe_forms(const drug& d) {
    std::string out;
    for (const auto& f : d.formulations) {
        const std::size_t n = strength_count(f);
        if (n == 0) {
            out += (out.empty() ? "" : ", ") + f.id + " (strength not known)";
            continue;
        }
        for (std::size_t i = 0; i < n; ++i) {
            const available_form a = make_form(d, f, i, true);
            out += (out.empty() ? "" : ", ") + a.label;
            if (a.label.find(f.id) == std::string::npos &&
                std::count_if(d.formulations.begin(), d.formulations.end(),
                              [&](const formulation& g) { return g.kind == f.kind; }) > 1)
                out += " [" + f.id + "]";
        }
    }
    return out.empty() ? std::string("no formulations in the data") : out;
}

namespace {

/// A bare formulation id as an item ("liquid-1mg-ml", as `taper info` lists them; docs/cli.md
/// says an item may be one): the formulation, whose every known strength is on hand.
const formulation* bare_formulation(const drug& d, std::string_view item) {
    const std::string lower = detail::ascii_lower(item);
    // "tablet" is a kind of form, which needs a strength ("10 mg tablet"), even where a
    // formulation's id is "tablet".
    if (forms_detail::kind_word(lower)) return nullptr;
    for (const auto& f : d.formulations)
        if (detail::ascii_lower(f.id) == lower) return &f;
    return nullptr;
}

}  // namespace

std::vector<available_form> all_forms(const drug& d, std::optional<market_region> region) {
    std::vector<available_form> forms = all_forms(d);
    const auto not_sold = [&](const available_form& a) {
        const formulation* f = d.find_formulation(a.formulation_id);
        return f == nullptr || !f->sold_in(*region);
    };
    if (region && !std::all_of(forms.begin(), forms.end(), not_sold))
        forms.erase(std::remove_if(forms.begin(), forms.end(), not_sold), forms.end());
    std::vector<available_form> out;
    for (const auto& a : forms) {
        const bool whole_one_exists = a.may_split && std::any_of(forms.begin(), forms.end(), [&](const available_form& b) {
                                          return b.label == a.label && !b.may_split;  // the safer reading
                                      });
        const bool repeats =
            std::any_of(out.begin(), out.end(), [&](const available_form& b) { return used_alike(a, b); });
        if (!whole_one_exists && !repeats) out.push_back(a);
    }
    return out;
}

std::vector<available_form> forms_on_hand(const drug& d, std::string_view text, std::optional<market_region> region) {
    if (detail::ascii_lower(trim(text)) == "any") return all_forms(d, region);
    if (trim(text).empty())
        throw plan_error("forms on hand: nothing given; name at least one form, e.g. \"10 mg tablet, 2 mg/mL liquid\" (" +
                         what_it_has(d) + ")");
    std::vector<available_form> out;
    std::set<std::pair<std::string, std::string>> seen;
    std::size_t start = 0;
    int number = 0;
    while (start <= text.size()) {
        std::size_t end = text.find_first_of(",;", start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view item = trim(text.substr(start, end - start));
        ++number;
        if (item.empty())
            throw plan_error("forms on hand: item " + std::to_string(number) + " of \"" + std::string(text) +
                             "\" is empty; separate forms with single commas");
        if (const formulation* f = bare_formulation(d, item)) {
            const std::size_t n = strength_count(*f);
            if (n == 0)
                throw plan_error("forms on hand: \"" + std::string(item) + "\": the data does not know the strengths of " +
                                 f->id + " (give them in a user formulary to use it); " + what_it_has(d));
            for (std::size_t i = 0; i < n; ++i) {
                available_form a = make_form(d, *f, i, true);
                if (seen.insert({a.formulation_id, a.label}).second) out.push_back(std::move(a));
            }
            start = end + 1;
            continue;
        }
        available_form a = read_item(d, item, region);
        if (seen.insert({a.formulation_id, a.label}).second) out.push_back(std::move(a));
        start = end + 1;
    }
    return out;
}

}  // namespace taper
