// Conversions between the forms of one drug, and between drugs of a class via diazepam.
//
// Forms: everything goes through "mg as tablets". A form whose bioavailability_vs_tablet is
// b delivers b × as much per labelled mg, so  labelled_to = labelled_from × b_from / b_to.
// A value the data does not have is taken as 1 (the same as tablets), and the text says so
// with the data's source and status: the caller must be able to see what was assumed.
//
// Classes: dose_to = dose_from × (10 / equiv_from) × (equiv_to / 10), where equiv_x is the
// mg of x the named table puts level with 10 mg diazepam.
#include <taper/forms/convert.hpp>
#include "form_grammar.hpp"
#include "../detail/input_range.hpp"
#include "../detail/number_text.hpp"
#include "../detail/text.hpp"
#include <taper/units/io.hpp>
#include <taper/units/parse.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace taper {
namespace {

using detail::nearly_equal;
using detail::trim;

/// A conversion's result: at least `decimals` decimals, and three significant figures for
/// small numbers ("0.2", "13.412", "0.0123").
std::string num(double v, int decimals = 3) { return detail::significant_text(v, decimals); }
std::string mg_text(mass m) { return num(in(m, units::mg)) + " mg"; }
std::string ml_text(volume v) { return num(in(v, units::mL)) + " mL"; }
std::string conc_text(concentration c) { return num(in(c, units::mg / units::mL)) + " mg/mL"; }

/// "form, 10 / 20 / 40 mg" for error messages.
std::string describe_formulation(const formulation& f) {
    std::string out = f.id + " (" + std::string(to_string(f.kind));
    std::vector<std::string> parts;
    if (is_liquid(f.kind)) {
        if (f.concentrations)
            for (auto c : *f.concentrations) parts.push_back(conc_text(c));
    } else if (f.unit_strengths) {
        for (auto m : *f.unit_strengths) parts.push_back(mg_text(m));
    }
    if (!parts.empty()) {
        out += ' ';
        for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
    }
    return out + ")";
}

std::string formulation_list(const drug& d) {
    if (d.formulations.empty()) return "none in the data";
    std::string out;
    for (const auto& f : d.formulations) out += (out.empty() ? "" : "; ") + describe_formulation(f);
    return out;
}

/// A formulation named by the caller, and the strength the name carried, if any.
struct named_form {
    const formulation* form = nullptr;
    std::optional<mass> unit_strength;
    std::optional<concentration> liquid_strength;
};

bool has_strength(const formulation& f, const named_form& n) {
    if (n.liquid_strength) {
        if (!is_liquid(f.kind)) return false;
        if (!f.concentrations) return true;  // unknown concentration: the caller supplies one
        return std::any_of(f.concentrations->begin(), f.concentrations->end(),
                           [&](concentration c) { return nearly_equal(in(c, units::mg / units::mL), in(*n.liquid_strength, units::mg / units::mL)); });
    }
    if (n.unit_strength) {
        if (is_liquid(f.kind) || !f.unit_strengths) return false;
        return std::any_of(f.unit_strengths->begin(), f.unit_strengths->end(),
                           [&](mass m) { return nearly_equal(in(m, units::mg), in(*n.unit_strength, units::mg)); });
    }
    return true;
}

bool known_true(const sourced<bool>& b) { return b.known() && *b; }

/// Two formulations a conversion treats alike, apart from splitting: the same kind, release,
/// dilution and bioavailability figure.
bool converts_alike(const formulation& a, const formulation& b) {
    const auto bio = [](const formulation& f) {
        return f.bioavailability_vs_tablet.known() ? *f.bioavailability_vs_tablet : -1.0;
    };
    return a.kind == b.kind && known_true(a.modified_release) == known_true(b.modified_release) &&
           known_true(a.enteric_coated) == known_true(b.enteric_coated) &&
           known_true(a.must_dilute) == known_true(b.must_dilute) && bio(a) == bio(b);
}

/// By id (any case); by form name when the drug has exactly one such formulation; by
/// "<strength> <form>" ("10 mg tablet", "40 mg/mL drops"); by a unique id prefix
/// ("concentrate"). `strength` (liquids) narrows a form name that fits several.
named_form find_form(const drug& d, std::string_view spec_in, std::string_view role,
                     std::optional<concentration> strength) {
    const std::string_view spec = trim(spec_in);
    auto fail = [&](const std::string& problem) -> invalid_argument_error {
        return invalid_argument_error(d.name + ": \"" + std::string(spec_in) + "\" (the form to convert " +
                                      std::string(role) + ") " + problem +
                                      "; its formulations are: " + formulation_list(d));
    };
    if (spec.empty()) throw fail("is empty: name a formulation id or a form");
    if (d.formulations.empty())
        throw invalid_argument_error(d.name + " has no formulations in the data, so \"" +
                                     std::string(spec_in) + "\" cannot be converted");

    const std::string key = detail::ascii_lower(spec);
    for (const auto& f : d.formulations)
        if (detail::ascii_lower(f.id) == key) return named_form{&f, std::nullopt, std::nullopt};

    // The grammar of --have (form_grammar.hpp): "[<strength>] <form words>", where the
    // words may also be a formulation id: "tablet", "10 mg tabs", "40 mg/mL drops".
    named_form wanted;
    std::string form_text(spec);
    if (spec.front() == '.' || (spec.front() >= '0' && spec.front() <= '9')) {
        try {
            auto [value, rest] = forms_detail::read_strength(spec);
            if (const auto* c = std::get_if<concentration>(&value)) wanted.liquid_strength = *c;
            else wanted.unit_strength = std::get<mass>(value);
            form_text = std::move(rest);
        } catch (const parse_error&) {
            throw fail("has a strength that does not read as \"10 mg\" or \"40 mg/mL\"");
        }
        if (wanted.unit_strength && !(*wanted.unit_strength > mass{})) throw fail("has a zero strength");
    }
    std::optional<forms_detail::form_words> words;
    try {
        words = forms_detail::read_form_words(d, spec, form_text);
    } catch (const plan_error&) {
        // not form words: maybe the start of a formulation id (below)
    }
    if (words && words->by_id != nullptr) {
        const formulation* by_id = words->by_id;
        if ((wanted.unit_strength || wanted.liquid_strength) &&
            (!has_strength(*by_id, wanted) || (wanted.liquid_strength && !is_liquid(by_id->kind))))
            throw fail("names a strength " + by_id->id + " does not have");
        wanted.form = by_id;
        if (strength && !wanted.liquid_strength) wanted.liquid_strength = strength;
        return wanted;
    }
    const bool named_kind = words && words->kind;
    if (!wanted.liquid_strength && strength) wanted.liquid_strength = strength;

    std::vector<const formulation*> hits;
    if (named_kind) {
        for (const auto& f : d.formulations)
            if (forms_detail::words_fit(d, f, *words)) hits.push_back(&f);
        if (hits.empty()) throw fail("is not a form the data has");
        if (hits.size() > 1) {
            // A form whose data lists the strength beats one whose strength is unknown.
            std::vector<const formulation*> listed, unknown;
            for (const auto* f : hits) {
                if (!has_strength(*f, wanted)) continue;
                const bool strength_known = is_liquid(f->kind) ? f->concentrations.known()
                                                               : f->unit_strengths.known();
                (strength_known ? listed : unknown).push_back(f);
            }
            if (!listed.empty()) hits = listed;
            else if (!unknown.empty()) hits = unknown;
            else if (wanted.unit_strength || wanted.liquid_strength)
                throw fail("names a strength the data does not have");
        } else if ((wanted.unit_strength || (wanted.liquid_strength && !strength)) &&
                   !has_strength(*hits.front(), wanted)) {
            throw fail("names a strength the data does not have");
        }
    } else {
        for (const auto& f : d.formulations)
            if (detail::ascii_lower(f.id).rfind(key + "-", 0) == 0) hits.push_back(&f);
        if (hits.empty()) throw fail("is not a formulation id, a form or \"<strength> <form>\"");
    }
    // Products of one form and strength from two countries (citalopram's UK and US 20 mg
    // tablets) convert alike: the first stands for both. Where they differ only in splitting
    // (diazepam's 5 mg: the UK tablet has no score line, the US one is scored), the one that
    // may not be split, as forms_on_hand() assumes; the id names the other.
    if (hits.size() > 1 && (wanted.unit_strength || wanted.liquid_strength) &&
        std::all_of(hits.begin(), hits.end(), [&](const formulation* f) {
            return converts_alike(*f, *hits.front());
        })) {
        const auto whole = std::find_if(hits.begin(), hits.end(), [](const formulation* f) { return !f->may_split(); });
        hits.assign(1, whole != hits.end() ? *whole : hits.front());
    }
    if (hits.size() > 1) {
        std::string ids;
        for (const auto* f : hits) ids += (ids.empty() ? "" : ", ") + f->id;
        throw fail("fits more than one formulation (" + ids + "): name one by id");
    }
    wanted.form = hits.front();
    return wanted;
}

std::string provenance_text(const provenance& p) {
    return "source: " + (p.source.empty() ? std::string("none") : p.source) + "; " +
           std::string(to_string(p.status));
}

struct bioavailability {
    double value = 1.0;
    std::string text;
};

bioavailability bioavailability_of(const drug& d, const formulation& f) {
    const auto& b = f.bioavailability_vs_tablet;
    if (b.known()) {
        if (!(*b > 0) || !std::isfinite(*b))
            throw invalid_argument_error(d.name + " " + f.id + ": bioavailability_vs_tablet " +
                                         format_number(*b) + " is not a positive number");
        return {*b, d.name + " " + f.id + " delivers " + num(*b) + "× tablets per labelled mg (" +
                        provenance_text(b.origin) + ")"};
    }
    if (f.kind == form_kind::tablet)
        return {1.0, d.name + " " + f.id + " is a tablet, the reference form (1×)"};
    // A field the formulary left out has no provenance of its own: name the formulation's.
    const provenance& where = !b.origin.source.empty() ? b.origin
                              : is_liquid(f.kind)      ? f.concentrations.origin
                                                       : f.unit_strengths.origin;
    return {1.0, d.name + " " + f.id +
                     ": bioavailability vs tablets is not in the data, taken as 1 (the same as "
                     "tablets) (" + provenance_text(where) + ")"};
}

void check_dose(mass dose, std::string_view what) {
    const double v = in(dose, units::mg);
    if (std::isnan(v)) throw invalid_argument_error(std::string(what) + " is not a number (NaN)");
    if (!std::isfinite(v))
        throw invalid_argument_error(std::string(what) + " " + format_number(v) +
                                     " mg is not finite: expected a positive dose in mg");
    if (v <= 0)
        throw invalid_argument_error(std::string(what) + " " + format_number(v) +
                                     " mg: expected a positive dose in mg");
    // A huge finite dose would make the converted amounts overflow to inf.
    detail::require_in_range(v, 0, detail::max_dose_mg, what, "mg");
}

bool is_whole(double v) { return nearly_equal(v, std::round(v)); }

/// The concentration of a liquid target: asked for, named, or the only one the data has.
concentration target_concentration(const drug& d, const named_form& n) {
    const formulation& f = *n.form;
    if (n.liquid_strength) {
        if (!(*n.liquid_strength > concentration{}) || !std::isfinite(in(*n.liquid_strength, units::mg / units::mL)))
            throw invalid_argument_error(d.name + " " + f.id + ": strength " +
                                         format_number(in(*n.liquid_strength, units::mg / units::mL)) +
                                         " mg/mL: expected a positive concentration");
        if (f.concentrations && !has_strength(f, n))
            throw invalid_argument_error(d.name + " " + f.id + " has no strength " +
                                         conc_text(*n.liquid_strength) + "; the data has: " +
                                         describe_formulation(f));
        return *n.liquid_strength;
    }
    if (!f.concentrations || f.concentrations->empty())
        throw missing_data_error(d.name + " " + f.id +
                                 ": the concentration is not in the data (" +
                                 provenance_text(f.concentrations.origin) +
                                 "); give the strength of your product (e.g. --strength 2mg/mL)");
    if (f.concentrations->size() > 1)
        throw invalid_argument_error(d.name + " " + f.id + " comes in several strengths (" +
                                     describe_formulation(f) +
                                     "): name one (e.g. --strength " +
                                     conc_text(f.concentrations->front()) + ")");
    return f.concentrations->front();
}

}  // namespace

form_conversion convert_form(const drug& d, mass dose, std::string_view from, std::string_view to,
                             std::optional<concentration> to_strength) {
    check_dose(dose, "dose");
    if (to_strength && *to_strength > concentration{})
        detail::require_in_range(in(*to_strength, units::mg / units::mL), detail::min_strength_mg_per_ml,
                                 detail::max_strength_mg_per_ml, "strength to convert to", "mg/mL");
    if (to_strength && (!(*to_strength > concentration{}) || !std::isfinite(in(*to_strength, units::mg / units::mL))))
        throw invalid_argument_error("strength " + format_number(in(*to_strength, units::mg / units::mL)) +
                                     " mg/mL: expected a positive concentration");

    const named_form src = find_form(d, from, "from", std::nullopt);
    named_form dst = find_form(d, to, "to", to_strength);
    if (to_strength) {
        if (dst.liquid_strength && !nearly_equal(in(*dst.liquid_strength, units::mg / units::mL), in(*to_strength, units::mg / units::mL)))
            throw invalid_argument_error("\"" + std::string(to) + "\" names " +
                                         conc_text(*dst.liquid_strength) + " but the strength asked is " +
                                         conc_text(*to_strength));
        dst.liquid_strength = to_strength;
    }
    const formulation& ff = *src.form;
    const formulation& tf = *dst.form;
    if (to_strength && !is_liquid(tf.kind))
        throw invalid_argument_error(d.name + " " + tf.id + " is a " + std::string(to_string(tf.kind)) +
                                     ": a strength in mg/mL applies to liquids and drops; name a "
                                     "unit strength as \"10 mg " + std::string(to_string(tf.kind)) + "\"");

    const bioavailability bf = bioavailability_of(d, ff);
    const bioavailability bt = bioavailability_of(d, tf);

    form_conversion out;
    out.from_labelled = dose;
    out.bioavailability_ratio = bf.value / bt.value;
    out.to_labelled = dose * out.bioavailability_ratio;
    out.equivalence = ff.id == tf.id ? bf.text : bf.text + "; " + bt.text;

    std::string text = mg_text(dose) + " " + d.name + " as " + ff.id + " = " +
                       mg_text(out.to_labelled) + " as " + tf.id;
    std::vector<std::string> remarks;

    if (is_liquid(tf.kind)) {
        const concentration c = target_concentration(d, dst);
        const volume v = out.to_labelled / c;
        out.to_volume = v;
        text += " (" + conc_text(c) + ") = " + ml_text(v);
        if (tf.kind == form_kind::drops) {
            if (tf.drop_volume.known() && *tf.drop_volume > volume_per_drop{}) {
                const drops n = v / *tf.drop_volume;
                out.to_drops = n;
                const double count = in(n, units::drop);
                text += " = " + num(count, 2) + (nearly_equal(count, 1) ? " drop" : " drops");
                if (!is_whole(count))
                    remarks.push_back("drops are counted whole: " + format_number(std::floor(count)) +
                                      " or " + format_number(std::ceil(count)) + " drops");
            } else {
                remarks.push_back("the drop size is not in the data (" +
                                  provenance_text(tf.drop_volume.origin) + "), so drops are not counted");
            }
        }
    } else {
        std::optional<mass> strength = dst.unit_strength;
        if (!strength && tf.unit_strengths && tf.unit_strengths->size() == 1)
            strength = tf.unit_strengths->front();
        if (strength) {
            const double count = in(out.to_labelled, units::mg) / in(*strength, units::mg);
            const std::string unit_name(tf.kind == form_kind::tablet ? "tablet" : "capsule");
            if (tf.kind == form_kind::tablet) out.to_tablets = count * units::tablet;
            text += " = " + num(count, 3) + " × " + mg_text(*strength) + " " + unit_name;
            if (tf.kind == form_kind::beads) {
                const auto& counts = tf.bead_counts;
                std::optional<double> per_capsule;
                if (counts.known() && tf.unit_strengths)
                    for (std::size_t i = 0; i < tf.unit_strengths->size() && i < counts->size(); ++i)
                        if (nearly_equal(in((*tf.unit_strengths)[i], units::mg), in(*strength, units::mg)))
                            per_capsule = in((*counts)[i], units::bead / units::capsule);
                if (per_capsule)
                    text += " = " + num(count * *per_capsule, 1) + " beads (" +
                            format_number(*per_capsule) + " beads per capsule)";
                else
                    remarks.push_back("beads per capsule are not in the data (brands differ: count "
                                      "several capsules and set it in your formulary)");
            } else if (!is_whole(count)) {
                if (tf.kind != form_kind::tablet || !tf.may_split())
                    remarks.push_back("not a whole " + unit_name + ", and this " + unit_name +
                                      " must not be split");
                else if (!is_whole(count * 4))
                    remarks.push_back("not a whole, half or quarter tablet");
            }
        } else if (tf.unit_strengths && tf.unit_strengths->size() > 1) {
            // One of the form's own strengths as the example; capsules of beads are counted as
            // capsules here (beads need the strength's bead count).
            const std::string counted = tf.kind == form_kind::tablet ? "tablets" : "capsules";
            remarks.push_back("name a strength (\"" + mg_text(tf.unit_strengths->front()) + " " +
                              std::string(to_string(tf.kind)) + "\") to count " + counted);
        }
    }
    if (tf.must_dilute.known() && *tf.must_dilute)
        remarks.push_back("must be diluted before taking" +
                          (tf.notes.empty() ? std::string() : " (data: \"" + tf.notes + "\")"));
    for (const auto& r : remarks) text += "; " + r;
    out.text = text;
    // Every number leaving is finite (a strength near zero from the text or the data would
    // give an infinite volume or count).
    detail::require_finite_result(in(out.to_labelled, units::mg), "converted dose (mg)");
    if (out.to_volume) detail::require_finite_result(in(*out.to_volume, units::mL), "converted volume (mL)");
    if (out.to_drops) detail::require_finite_result(in(*out.to_drops, units::drop), "converted drops");
    if (out.to_tablets) detail::require_finite_result(in(*out.to_tablets, units::tablet), "converted tablets");
    return out;
}

namespace {

/// A drug's entry in a table. Diazepam is the common currency: 10 mg by definition in every
/// table, also where a table (VA/DoD 2021) does not list it.
struct table_entry {
    equivalent_dose dose;
    std::string status;   ///< "verified", ..., or "reference" for diazepam by definition
};

bool is_diazepam(const drug& d) { return detail::ascii_lower(d.name) == "diazepam"; }

table_entry entry_of(const drug& d, std::string_view table) {
    if (is_diazepam(d) && d.equivalents.tables.find(table) == d.equivalents.tables.end())
        return {equivalent_dose{10.0 * units::mg, 10.0 * units::mg}, "reference"};
    const equivalent_dose& e = d.diazepam_equivalent(table);  // missing_data_error naming the table
    if (!(e.low > mass{}) || !(e.high > mass{}) || !std::isfinite(in(e.high, units::mg)))
        throw missing_data_error(d.name + "'s dose equivalent to 10 mg diazepam (table " + std::string(table) +
                                 ") is not a positive number");
    return {e, std::string(to_string(d.equivalents.tables.find(table)->second.origin.status))};
}

}  // namespace

class_equivalent class_equivalent_dose(const drug& from, mass dose, const drug& to,
                                       std::string_view table, bool use_high_end) {
    check_dose(dose, from.name + " dose");
    for (const drug* d : {&from, &to})
        if (!uses_diazepam_equivalents(d->klass))
            throw invalid_argument_error(
                d->name + " (" + (d->class_label.empty() ? std::string(to_string(d->klass)) : d->class_label) +
                ") is not a benzodiazepine or z-drug: diazepam equivalents apply only to those. "
                "Between other drugs there is no dose equivalence table; switching needs the prescriber");
    if (trim(table).empty()) throw invalid_argument_error("equivalence table name is empty (try ashton or va-dod-2021)");
    if (is_diazepam(from) && is_diazepam(to) && from.equivalents.tables.find(table) == from.equivalents.tables.end())
        (void)from.diazepam_equivalent(table);  // diazepam to itself in an unknown table: say which exist

    const table_entry ef = entry_of(from, table);
    const table_entry et = entry_of(to, table);
    const std::string end_name = use_high_end ? "high" : "low";
    auto pick = [&](const equivalent_dose& e) { return use_high_end ? e.high : e.low; };
    const mass eq_from = pick(ef.dose);
    const mass eq_to = pick(et.dose);

    class_equivalent out;
    out.table = std::string(table);
    out.diazepam_equivalent = dose * (10.0 / in(eq_from, units::mg));
    out.dose = out.diazepam_equivalent * (in(eq_to, units::mg) / 10.0);
    // A formulary may hold a tiny equivalent: the numbers leaving must still be finite.
    detail::require_finite_result(in(out.diazepam_equivalent, units::mg), "diazepam-equivalent dose (mg)");
    detail::require_finite_result(in(out.dose, units::mg), to.name + " dose (mg)");

    auto entry = [&](const drug& d, const table_entry& e, mass used) {
        if (e.status == "reference") return d.name + " is the reference (10 mg)";
        std::string t = d.name + " " + mg_text(used) + " ≈ 10 mg diazepam";
        if (e.dose.is_range())
            t += " (a range, " + num(in(e.dose.low, units::mg)) + "-" + num(in(e.dose.high, units::mg)) + " mg: the " +
                 end_name + " end was used)";
        return t + " [" + e.status + "]";
    };
    // "1 mg alprazolam ≈ 20 mg diazepam ≈ 2 mg lorazepam"; diazepam itself is named once.
    out.text = mg_text(dose) + " " + from.name;
    if (!is_diazepam(from)) out.text += " ≈ " + mg_text(out.diazepam_equivalent) + " diazepam";
    if (!is_diazepam(to) || is_diazepam(from)) out.text += " ≈ " + mg_text(out.dose) + " " + to.name;
    out.text += " (table " + out.table + ": " + entry(from, ef, eq_from);
    if (detail::ascii_lower(from.name) != detail::ascii_lower(to.name)) out.text += "; " + entry(to, et, eq_to);
    out.text += ")";
    // A range is never resolved silently (issue 10: loprazolam 1-2 mg ~ 10 mg diazepam): the
    // other end's dose is computed and stated beside the one used.
    if (ef.dose.is_range() || et.dose.is_range()) {
        auto other = [&](const equivalent_dose& e) { return use_high_end ? e.low : e.high; };
        const mass other_diazepam = dose * (10.0 / in(other(ef.dose), units::mg));
        const mass other_dose = other_diazepam * (in(other(et.dose), units::mg) / 10.0);
        out.other_end_diazepam_equivalent = other_diazepam;
        out.other_end_dose = other_dose;
        out.text += ". The range's " + std::string(use_high_end ? "low" : "high") + " end gives ";
        if (!is_diazepam(to)) out.text += mg_text(other_diazepam) + " diazepam ≈ ";
        out.text += mg_text(other_dose) + " " + to.name + " instead";
    }
    out.text += ". Equivalents are approximate and tables disagree: agree the dose with the prescriber";
    return out;
}

}  // namespace taper
