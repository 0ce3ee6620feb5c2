#include "describe.hpp"

#include "text.hpp"

#include <taper/units/io.hpp>

#include <fmt/format.h>

namespace taper::cli {
namespace {

std::string status_tag(const provenance& p) { return "[" + std::string(to_string(p.status)) + "]"; }

std::string or_unknown(const sourced<double>& v, std::string_view unit = "") {
    return v ? format_number(*v) + std::string(unit) : std::string("unknown");
}

std::string strengths_of(const formulation& f) {
    std::vector<std::string> parts;
    if (is_liquid(f.kind)) {
        if (f.concentrations)
            for (auto c : *f.concentrations) parts.push_back(to_string(c));
    } else if (f.unit_strengths) {
        for (auto m : *f.unit_strengths) parts.push_back(to_string(m));
    }
    return parts.empty() ? "strength unknown" : join(parts);
}

std::string yes_no_unknown(const sourced<bool>& b) {
    return b ? (*b ? "yes" : "no") : "unknown";
}

std::string regions_of(const formulation& f) {
    if (!f.regions.known()) return "country not stated";
    std::vector<std::string> names;
    for (auto r : *f.regions) names.push_back(upper(std::string(to_string(r))));
    return join(names);
}

std::string form_label(const formulation& f) {
    std::string label(to_string(f.kind));
    if (f.modified_release && *f.modified_release) label += "-mr";
    if (f.orodispersible && *f.orodispersible) label = "orodispersible";
    return label;
}

}  // namespace

std::string describe_drug_list(const database& db, std::optional<market_region> region) {
    const std::string forms_heading =
        region ? "forms sold in the " + upper(std::string(to_string(*region))) : std::string("forms (countries)");
    std::size_t class_width = 5;  // "class"
    for (const auto& d : db.drugs()) class_width = std::max(class_width, display_width(d.class_label));
    std::string out = fmt::format("{:<18} {:<{}} {:<11} {}\n", "drug", "class", class_width, "occupancy", forms_heading);
    std::size_t listed = 0;
    bool any_unstated = false;  // the legend for "[?]" only where one is printed
    for (const auto& d : db.drugs()) {
        std::vector<std::string> forms;
        for (const auto& f : d.formulations) {
            if (region && !f.sold_in(*region)) continue;
            // Without a region, each form is labelled with its countries, so that "both" is
            // never mistaken for one country's list.
            const std::string k = region ? form_label(f)
                                         : form_label(f) + (f.regions.known() ? " [" + regions_of(f) + "]" : " [?]");
            if (!region && !f.regions.known()) any_unstated = true;
            if (std::find(forms.begin(), forms.end(), k) == forms.end()) forms.push_back(k);
        }
        if (region && forms.empty()) continue;
        ++listed;
        const auto* m = d.usable_occupancy();
        const std::string model = m != nullptr ? m->receptor
                                  : uses_diazepam_equivalents(d.klass) ? "diazepam-eq"
                                                                       : "-";
        out += fmt::format("{:<18} {:<{}} {:<11} {}\n", d.name, d.class_label, class_width, model,
                           forms.empty() ? "-" : join(forms));
    }
    if (region)
        out += fmt::format("\n{} of {} drugs have a product the data places in the {}. `taper info <drug>` "
                           "shows every product with its country and source.\n",
                           listed, db.size(), upper(std::string(to_string(*region))));
    else
        out += fmt::format("\n{} drugs{}. `taper info <drug>` shows one with its "
                           "sources; `taper drugs --region uk` or `us` lists one country's.\n",
                           db.size(), any_unstated ? "; [?] = country not stated" : "");
    return out;
}

std::string describe_drug(const drug& d) {
    std::string out = fmt::format("{} ({})\n", d.name, d.class_label);
    if (!d.brand_names.empty()) out += fmt::format("  brands: {}\n", join(d.brand_names));
    if (!d.aliases.empty()) out += fmt::format("  also: {}\n", join(d.aliases));

    out += "\nHalf-life\n";
    const auto& hl = d.half_life;
    auto range = [](const sourced<hours_range>& r) {
        if (!r) return std::string("unknown");
        return r->shortest == r->longest
                   ? to_string(r->shortest)
                   : format_number(r->shortest.value()) + "-" + to_string(r->longest);
    };
    out += fmt::format("  parent: {} {}\n", range(hl.parent), status_tag(hl.parent.origin));
    if (hl.metabolite)
        out += fmt::format("  {}: {} {}\n", hl.metabolite->name, range(hl.metabolite->range),
                           status_tag(hl.metabolite->range.origin));
    if (!hl.parent.origin.source.empty()) out += fmt::format("    source: {}\n", hl.parent.origin.source);

    out += "\nReceptor occupancy models (occ = Emax * D / (ED50 + D))\n";
    if (d.targets.empty()) out += "  none in the data\n";
    for (const auto& t : d.targets) {
        out += fmt::format("  {}{}: {}{} Emax {}, ED50 {}, Hill {} {}\n",
                           t.id == d.default_target ? "* " : "  ", t.id, t.receptor,
                           t.region ? " (" + *t.region + ")" : std::string(), or_unknown(t.emax_percent, "%"),
                           t.ed50 ? to_string(*t.ed50) : std::string("unknown"), or_unknown(t.hill),
                           status_tag(t.ed50.origin));
        out += fmt::format("      source: {}\n", t.ed50.origin.source);
        if (!t.notes.empty()) out += fmt::format("      note: {}\n", t.notes);
    }
    if (!d.targets.empty()) out += "  (* = default model)\n";

    out += "\nFormulations\n";
    if (d.formulations.empty()) out += "  none in the data\n";
    for (const auto& f : d.formulations) {
        const auto& src = is_liquid(f.kind) ? f.concentrations.origin : f.unit_strengths.origin;
        out += fmt::format("  {}: {} {} {}\n", f.id, to_string(f.kind), strengths_of(f), status_tag(src));
        std::vector<std::string> facts;
        if (f.kind == form_kind::tablet)
            facts.push_back(f.may_split() ? "may be split" : "do not split");
        if (f.modified_release && *f.modified_release) facts.push_back("modified release: never split or crush");
        if (f.enteric_coated && *f.enteric_coated) facts.push_back("enteric-coated: never crush");
        if (f.bioavailability_vs_tablet)
            facts.push_back("bioavailability vs tablet " + format_number(*f.bioavailability_vs_tablet));
        if (f.drop_volume) facts.push_back("1 drop = " + to_string(*f.drop_volume * (1.0 * units::drop)));
        if (f.must_dilute && *f.must_dilute) facts.push_back("must be diluted before taking");
        if (f.kind == form_kind::tablet) facts.push_back("scored " + yes_no_unknown(f.scored));
        if (f.orodispersible && *f.orodispersible) facts.push_back("orodispersible: melts in the mouth, never split");
        if (f.doses_per_day)
            facts.push_back(fmt::format("taken {} time{} a day (label)", *f.doses_per_day,
                                        *f.doses_per_day == 1 ? "" : "s"));
        if (!facts.empty()) out += fmt::format("      {}\n", join(facts, "; "));
        out += fmt::format("      sold in: {}{}\n", regions_of(f), f.brand.empty() ? "" : " (" + f.brand + ")");
        for (const auto& e : f.excipient_cautions) out += fmt::format("      excipient: {}\n", e);
        out += fmt::format("      source: {}\n", src.source);
        if (!f.notes.empty()) out += fmt::format("      note: {}\n", f.notes);
    }

    if (!d.equivalents.empty()) {
        out += "\nDose equivalent to 10 mg diazepam\n";
        for (const auto& [table, eq] : d.equivalents.tables) {
            std::string value = "unknown";
            if (eq) value = eq->is_range() ? format_number(eq->low.value()) + "-" + to_string(eq->high)
                                           : to_string(eq->low);
            out += fmt::format("  {}{}: {} {}\n", table == default_equivalence_table ? "* " : "  ",
                               table, value, status_tag(eq.origin));
            out += fmt::format("      source: {}\n", eq.origin.source);
        }
    }
    out += "\nLicensed maximum daily dose\n";
    if (d.max_daily_dose.empty()) out += "  not in the data\n";
    for (const auto& m : d.max_daily_dose) {
        std::string who = m.population;
        if (!m.indication.empty()) who += ", " + m.indication;
        out += fmt::format("  {}: {} a day ({}) {}\n", upper(std::string(to_string(m.region))),
                           m.daily_dose ? to_string(*m.daily_dose) : std::string("unknown"), who,
                           status_tag(m.daily_dose.origin));
        out += fmt::format("      source: {}\n", m.daily_dose.origin.source);
        if (!m.notes.empty()) out += fmt::format("      note: {}\n", m.notes);
    }
    if (!d.cautions.empty()) {
        out += "\nCautions\n";
        for (const auto& c : d.cautions) out += fmt::format("  - {}\n", c);
    }
    if (!d.notes.empty()) out += fmt::format("\nNotes\n  {}\n", d.notes);
    out += fmt::format("\nWho can help: `taper support {}`\n", d.name);
    return out;
}

std::string describe_support(const support_directory& dir, const drug* d, const std::string& country) {
    std::vector<const support_organisation*> list;
    if (d != nullptr)
        list = dir.for_drug(*d, country);
    else
        for (const auto& o : dir.organisations())
            if (country.empty() || o.country == country) list.push_back(&o);
    std::string out = d != nullptr ? fmt::format("Who can help people coming off {} ({})\n", d->name, d->class_label)
                                   : std::string("Who can help people coming off psychiatric drugs\n");
    if (!country.empty()) out += fmt::format("in: {}\n", country);
    if (list.empty()) out += "\n  none in the data for this country\n";
    for (const auto* o : list) {
        out += fmt::format("\n  {} [{}, {}]\n", o->name, o->kind, o->country);
        out += wrap(o->offers, 92, "      ");
        if (o->phone) out += fmt::format("      phone: {} (as printed in the source)\n", *o->phone);
        const auto* s = o->source;
        out += fmt::format("      source: {} ({})\n", s ? s->title : std::string("?"),
                           s && !s->published.empty() ? "published " + s->published : std::string("date not stated"));
    }
    out += "\nPhone numbers and services are as old as their source: check them before relying on them. "
           "Your prescriber, and your local drug dependency team, can help too.\n";
    return out;
}

}  // namespace taper::cli
