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

}  // namespace

std::string describe_drug_list(const database& db) {
    std::string out = fmt::format("{:<16} {:<20} {:<10} {}\n", "drug", "class", "occupancy", "forms");
    for (const auto& d : db.drugs()) {
        std::vector<std::string> forms;
        for (const auto& f : d.formulations) {
            const std::string k(to_string(f.kind));
            if (std::find(forms.begin(), forms.end(), k) == forms.end()) forms.push_back(k);
        }
        const auto* m = d.usable_occupancy();
        const std::string model = m != nullptr ? m->receptor
                                  : uses_diazepam_equivalents(d.klass) ? "diazepam-eq"
                                                                       : "-";
        out += fmt::format("{:<16} {:<20} {:<10} {}\n", d.name, d.class_label, model,
                           forms.empty() ? "-" : join(forms));
    }
    out += fmt::format("\n{} drugs. `taper info <drug>` shows one with its sources.\n", db.size());
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
        if (!facts.empty()) out += fmt::format("      {}\n", join(facts, "; "));
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
    if (!d.cautions.empty()) {
        out += "\nCautions\n";
        for (const auto& c : d.cautions) out += fmt::format("  - {}\n", c);
    }
    if (!d.notes.empty()) out += fmt::format("\nNotes\n  {}\n", d.notes);
    return out;
}

}  // namespace taper::cli
