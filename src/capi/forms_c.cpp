// The C ABI: forms on hand, realization, dispensing and conversions (see include/taper.h).
#include "internal.hpp"

#include <taper/forms/convert.hpp>
#include <taper/forms/instruction.hpp>
#include <taper/forms/on_hand.hpp>
#include <taper/units/io.hpp>
#include <taper/units/from_value.hpp>

#include <optional>

namespace taper::capi {

/// The defaults of realization_options as the C struct (taper_realization_options_init).
static taper_realization_options options_defaults_c() {
    const realization_options d;
    auto c = blank<taper_realization_options>();
    c.syringe_resolution_ml = d.tools.syringe_resolution.value();
    c.min_volume_ml = d.tools.min_volume.value();
    c.max_volume_ml = d.tools.max_volume.value();
    c.allow_quarters = d.tools.allow_quarters ? 1 : 0;
    c.max_drops = d.tools.max_drops;
    c.tolerance_percent = d.tolerance_percent;
    c.tolerance_floor_mg = d.tolerance_floor.value();
    c.tie_percent = d.tie_percent;
    c.allow_mixtures = d.allow_mixtures ? 1 : 0;
    c.allow_dilution = d.allow_dilution ? 1 : 0;
    c.keep_forms_in_use = d.keep_forms_in_use ? 1 : 0;
    c.max_pieces = d.max_pieces;
    c.dilution_volumes_ml = nullptr;
    c.dilution_volume_count = 0;
    c.bottle_volume_ml = d.bottle_volume ? d.bottle_volume->value() : 0.0;
    return c;
}

realization_options options_from_c(const taper_realization_options* input, const char* fn) {
    realization_options o;
    if (input == nullptr) return o;
    // An older caller's struct is shorter: the fields it lacks keep their defaults.
    const taper_realization_options c = read_prefix(*input, options_defaults_c(), fn, "options");
    const taper_realization_options* const options = &c;
    o.tools.syringe_resolution = from_value<volume>(options->syringe_resolution_ml);
    o.tools.min_volume = from_value<volume>(options->min_volume_ml);
    o.tools.max_volume = from_value<volume>(options->max_volume_ml);
    o.tools.allow_quarters = options->allow_quarters != 0;
    o.tools.max_drops = options->max_drops;
    o.tolerance_percent = options->tolerance_percent;
    o.tolerance_floor = from_value<mass>(options->tolerance_floor_mg);
    o.tie_percent = options->tie_percent;
    o.allow_mixtures = options->allow_mixtures != 0;
    o.allow_dilution = options->allow_dilution != 0;
    o.keep_forms_in_use = options->keep_forms_in_use != 0;
    o.max_pieces = options->max_pieces;
    if (options->dilution_volume_count > 0) {
        if (options->dilution_volumes_ml == nullptr)
            throw failure(TAPER_ERROR_INVALID_ARGUMENT,
                          std::string(fn) + ": options->dilution_volumes_ml is NULL but dilution_volume_count is " +
                              std::to_string(options->dilution_volume_count));
        for (std::size_t i = 0; i < options->dilution_volume_count; ++i)
            o.dilution_volumes.push_back(from_value<volume>(options->dilution_volumes_ml[i]));
    }
    if (options->bottle_volume_ml != 0) o.bottle_volume = from_value<volume>(options->bottle_volume_ml);
    return o;
}

namespace {

double value_or_nan(const auto& q) { return q ? q->value() : nan; }

int32_t kind_to_c(form_kind k) {
    switch (k) {
        case form_kind::tablet: return TAPER_FORM_TABLET;
        case form_kind::capsule: return TAPER_FORM_CAPSULE;
        case form_kind::beads: return TAPER_FORM_BEADS;
        case form_kind::liquid: return TAPER_FORM_LIQUID;
        case form_kind::drops: return TAPER_FORM_DROPS;
    }
    return TAPER_FORM_TABLET;
}

int32_t component_to_c(dose_component::kind k) {
    switch (k) {
        case dose_component::kind::whole_or_split_units: return TAPER_COMPONENT_UNITS;
        case dose_component::kind::liquid_volume: return TAPER_COMPONENT_LIQUID;
        case dose_component::kind::drops: return TAPER_COMPONENT_DROPS;
        case dose_component::kind::beads: return TAPER_COMPONENT_BEADS;
        case dose_component::kind::dilution: return TAPER_COMPONENT_DILUTION;
    }
    return TAPER_COMPONENT_UNITS;
}

const realized_schedule& need_realization(const taper_realization* r, const char* fn) {
    return need(r, fn, "realization").realized;
}

/// A dispensing period for the exports: 0 is none, else a whole number of days > 0.
std::optional<long> period_days(double days, const char* fn) {
    if (days == 0) return std::nullopt;
    if (!std::isfinite(days) || days < 1 || days != std::floor(days) || days > 1e6)
        throw failure(TAPER_ERROR_INVALID_ARGUMENT, std::string(fn) + ": dispense_period_days is " +
                                                        format_number(days) +
                                                        ": expected 0 (no dispensing) or a whole number of days >= 1");
    return static_cast<long>(days);
}

const realized_step& realized_step_at(const realized_schedule& r, std::size_t index, const char* fn) {
    check_index(index, r.steps.size(), fn, "step");
    return r.steps[index];
}

const dose_recipe& recipe_at(const realized_schedule& r, std::size_t step, std::size_t recipe, const char* fn) {
    const realized_step& s = realized_step_at(r, step, fn);
    check_index(recipe, s.recipes.size(), fn, "recipe");
    return s.recipes[recipe];
}

}  // namespace
}  // namespace taper::capi

using namespace taper;
using namespace taper::capi;

extern "C" {

// ---- forms on hand --------------------------------------------------------------------

taper_status taper_forms_parse(taper_forms** out_forms, const taper_database* db, const char* drug, const char* text,
                               taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_forms, fn, "out_forms");
        const taper::drug& d = drug_in(db, drug, fn);
        auto f = std::make_unique<taper_forms>();
        f->items = forms_on_hand(d, need_text(text, fn, "text"));
        *out_forms = f.release();
    });
}

taper_status taper_forms_all(taper_forms** out_forms, const taper_database* db, const char* drug,
                             taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_forms, fn, "out_forms");
        auto f = std::make_unique<taper_forms>();
        f->items = all_forms(drug_in(db, drug, fn));
        *out_forms = f.release();
    });
}

taper_status taper_forms_create_empty(taper_forms** out_forms, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_forms, fn, "out_forms");
        *out_forms = new taper_forms{};
    });
}

taper_status taper_forms_append(taper_forms* forms, const taper_forms* source, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        auto& to = need(forms, fn, "forms").items;
        const std::vector<available_form> copy = need(source, fn, "source").items;  // source may be forms
        to.insert(to.end(), copy.begin(), copy.end());
    });
}

void taper_forms_free(taper_forms* forms) { delete forms; }

size_t taper_forms_count(const taper_forms* forms) { return forms == nullptr ? 0 : forms->items.size(); }

taper_status taper_forms_item(const taper_forms* forms, taper_form_info* out_info, size_t index,
                              taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& items = need(forms, fn, "forms").items;
        out_struct_size(out_info, fn, "taper_form_info");
        check_index(index, items.size(), fn, "form");
        const available_form& a = items[index];
        auto info = blank<taper_form_info>();
        info.kind = kind_to_c(a.kind);
        info.drug = a.drug.c_str();
        info.formulation_id = a.formulation_id.c_str();
        info.label = a.label.c_str();
        info.caution = a.caution.c_str();
        info.bioavailability_source = a.bioavailability_origin.source.c_str();
        info.unit_strength_mg = value_or_nan(a.unit_strength);
        info.liquid_strength_mg_per_ml = value_or_nan(a.liquid_strength);
        info.bioavailability = a.bioavailability;
        info.drop_volume_ml = value_or_nan(a.drop_volume);
        info.beads_per_capsule = value_or_nan(a.bead_count);
        info.may_split = a.may_split ? 1 : 0;
        info.must_dilute = a.must_dilute ? 1 : 0;
        info.dispersible = a.dispersible ? 1 : 0;
        info.bioavailability_known = a.bioavailability_known ? 1 : 0;
        write_struct(out_info, info, fn, "taper_form_info");
    });
}

// ---- realization ----------------------------------------------------------------------

taper_status taper_realization_options_init(taper_realization_options* options, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        auto& o = need(options, fn, "options");
        write_struct(&o, options_defaults_c(), fn, "options");
    });
}

taper_status taper_realize(taper_realization** out_realization, const taper_schedule* schedule,
                           const taper_forms* forms, const taper_realization_options* options, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_realization, fn, "out_realization");
        const auto& s = need(schedule, fn, "schedule").schedule;
        const auto& f = need(forms, fn, "forms").items;
        const realization_options o = options_from_c(options, fn);
        auto out = std::make_unique<taper_realization>();
        out->realized = realize(s, f, o);
        out->render();
        *out_realization = out.release();
    });
}

void taper_realization_free(taper_realization* realization) { delete realization; }

taper_status taper_realization_get_info(const taper_realization* realization, taper_realization_info* out_info,
                                        taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& r = need_realization(realization, fn);
        out_struct_size(out_info, fn, "taper_realization_info");
        auto info = blank<taper_realization_info>();
        info.step_count = r.steps.size();
        info.equivalence_count = realization->equivalences.size();
        info.warning_count = realization->warnings.size();
        write_struct(out_info, info, fn, "taper_realization_info");
    });
}

taper_status taper_realization_equivalence(const taper_realization* realization, const char** out_text,
                                           size_t index, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need_realization(realization, fn);
        need(out_text, fn, "out_text") = text_at(realization->equivalences, index, fn, "equivalence").c_str();
    });
}

taper_status taper_realization_warning(const taper_realization* realization, const char** out_text, size_t index,
                                       taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need_realization(realization, fn);
        need(out_text, fn, "out_text") = text_at(realization->warnings, index, fn, "warning").c_str();
    });
}

taper_status taper_realization_schedule(taper_schedule** out_schedule, const taper_realization* realization,
                                        taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_schedule, fn, "out_schedule");
        const auto& r = need_realization(realization, fn);
        auto s = std::make_unique<taper_schedule>();
        s->schedule = r.plan();
        s->schedule.steps.clear();
        for (const auto& st : r.steps) s->schedule.steps.push_back(st.planned());
        s->render();
        *out_schedule = s.release();
    });
}

taper_status taper_realization_to_json(const taper_realization* realization, char** out_json,
                                       double dispense_period_days, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& rz = need(realization, fn, "realization");
        need(out_json, fn, "out_json");
        const auto days = period_days(dispense_period_days, fn);
        *out_json = allocated(days ? to_json(dispense(rz.realized, from_value<duration>(static_cast<double>(*days))))
                                   : to_json(rz.realized));
    });
}

taper_status taper_realization_to_csv(const taper_realization* realization, char** out_csv,
                                      double dispense_period_days, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& rz = need(realization, fn, "realization");
        need(out_csv, fn, "out_csv");
        const auto days = period_days(dispense_period_days, fn);
        *out_csv = allocated(days ? to_csv(dispense(rz.realized, from_value<duration>(static_cast<double>(*days))))
                                  : to_csv(rz.realized));
    });
}

taper_status taper_realization_step(const taper_realization* realization, taper_realized_step_info* out_step,
                                    size_t index, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& r = need_realization(realization, fn);
        out_struct_size(out_step, fn, "taper_realized_step_info");
        const realized_step& s = realized_step_at(r, index, fn);
        auto info = blank<taper_realized_step_info>();
        info.inserted = s.inserted ? 1 : 0;
        info.form_changed = s.form_changed ? 1 : 0;
        info.realized_daily_mg = s.realized_daily.value();
        info.difference_mg = s.difference.value();
        info.recipe_count = s.recipes.size();
        info.note_count = realization->step_notes[index].size();
        info.warning_count = realization->step_warnings[index].size();
        info.message_count = s.messages.size();
        write_struct(out_step, info, fn, "taper_realized_step_info");
    });
}

taper_status taper_realization_step_note(const taper_realization* realization, const char** out_text, size_t step,
                                         size_t index, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        realized_step_at(need_realization(realization, fn), step, fn);
        const auto& notes = realization->step_notes[step];
        check_index(index, notes.size(), fn, "note");
        need(out_text, fn, "out_text") = realization->step_texts[step][notes[index]].c_str();
    });
}

taper_status taper_realization_step_warning(const taper_realization* realization, const char** out_text,
                                            size_t step, size_t index, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        realized_step_at(need_realization(realization, fn), step, fn);
        const auto& warnings = realization->step_warnings[step];
        check_index(index, warnings.size(), fn, "warning");
        need(out_text, fn, "out_text") = realization->step_texts[step][warnings[index]].c_str();
    });
}

taper_status taper_realization_recipe(const taper_realization* realization, taper_recipe_info* out_recipe,
                                      size_t step, size_t recipe, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& r = need_realization(realization, fn);
        out_struct_size(out_recipe, fn, "taper_recipe_info");
        const dose_recipe& d = recipe_at(r, step, recipe, fn);
        auto info = blank<taper_recipe_info>();
        info.within_tolerance = d.within_tolerance ? 1 : 0;
        info.drug = d.drug.c_str();
        info.time = d.time.c_str();
        info.instruction = realization->recipe_instructions[step][recipe].c_str();
        info.target_mg = d.target.value();
        info.realized_mg = d.realized.value();
        info.part_count = d.parts.size();
        info.warning_count = realization->recipe_warnings[step][recipe].size();
        write_struct(out_recipe, info, fn, "taper_recipe_info");
    });
}

taper_status taper_realization_recipe_warning(const taper_realization* realization, const char** out_text,
                                              size_t step, size_t recipe, size_t index, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        recipe_at(need_realization(realization, fn), step, recipe, fn);
        const auto& warnings = realization->recipe_warnings[step][recipe];
        check_index(index, warnings.size(), fn, "warning");
        need(out_text, fn, "out_text") = realization->recipe_texts[step][recipe][warnings[index]].c_str();
    });
}

taper_status taper_realization_recipe_part(const taper_realization* realization, taper_recipe_part_info* out_part,
                                           size_t step, size_t recipe, size_t part, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& r = need_realization(realization, fn);
        out_struct_size(out_part, fn, "taper_recipe_part_info");
        const dose_recipe& d = recipe_at(r, step, recipe, fn);
        check_index(part, d.parts.size(), fn, "part");
        const dose_component& p = d.parts[part];
        auto info = blank<taper_recipe_part_info>();
        info.kind = component_to_c(p.what);
        info.formulation_id = p.formulation_id.c_str();
        info.label = p.label.c_str();
        info.instruction = realization->part_instructions[step][recipe][part].c_str();
        info.count = p.count;
        info.volume_ml = p.amount_volume.value();
        info.labelled_mg = p.labelled.value();
        info.equivalent_mg = p.equivalent.value();
        info.units_used = p.units_used;
        info.dispersed_in_ml = p.dispersed_in.value();
        write_struct(out_part, info, fn, "taper_recipe_part_info");
    });
}

taper_status taper_realize_dose(char** out_instruction, double* out_realized_mg, int* out_within_tolerance,
                                const taper_forms* forms, double target_mg, const taper_realization_options* options,
                                taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& f = need(forms, fn, "forms").items;
        const realization_options o = options_from_c(options, fn);
        const dose_recipe d = realize_dose(from_value<mass>(target_mg), f, o);
        char* instruction = out_instruction != nullptr ? allocated(instruction_text(d, f, o)) : nullptr;
        put(out_instruction, instruction);
        put(out_realized_mg, d.realized.value());
        put(out_within_tolerance, d.within_tolerance ? 1 : 0);
    });
}

// ---- dispensing -----------------------------------------------------------------------

taper_status taper_dispense_by_step(taper_dispensing** out_dispensing, const taper_realization* realization,
                                    taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_dispensing, fn, "out_dispensing");
        const auto& r = need_realization(realization, fn);
        auto out = std::make_unique<taper_dispensing>();
        out->periods = dispense_by_step(r);
        *out_dispensing = out.release();
    });
}

taper_status taper_dispense_by_period(taper_dispensing** out_dispensing, const taper_realization* realization,
                                      double period_days, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_dispensing, fn, "out_dispensing");
        const auto& r = need_realization(realization, fn);
        auto out = std::make_unique<taper_dispensing>();
        out->periods = dispense_by_period(r, from_value<duration>(period_days));
        *out_dispensing = out.release();
    });
}

void taper_dispensing_free(taper_dispensing* dispensing) { delete dispensing; }

size_t taper_dispensing_period_count(const taper_dispensing* dispensing) { return dispensing == nullptr ? 0 : dispensing->periods.size(); }

taper_status taper_dispensing_period(const taper_dispensing* dispensing, taper_dispensing_period_info* out_period,
                                     size_t index, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& periods = need(dispensing, fn, "dispensing").periods;
        out_struct_size(out_period, fn, "taper_dispensing_period_info");
        check_index(index, periods.size(), fn, "period");
        const dispensing_period& p = periods[index];
        auto info = blank<taper_dispensing_period_info>();
        info.start = to_c(p.start);
        info.end = to_c(p.end);
        info.line_count = p.lines.size();
        write_struct(out_period, info, fn, "taper_dispensing_period_info");
    });
}

taper_status taper_dispensing_line(const taper_dispensing* dispensing, taper_dispensing_line_info* out_line,
                                   size_t period, size_t line, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& periods = need(dispensing, fn, "dispensing").periods;
        out_struct_size(out_line, fn, "taper_dispensing_line_info");
        check_index(period, periods.size(), fn, "period");
        check_index(line, periods[period].lines.size(), fn, "line");
        const dispensing_line& l = periods[period].lines[line];
        auto info = blank<taper_dispensing_line_info>();
        info.bottles = l.bottles;
        info.formulation_id = l.formulation_id.c_str();
        info.label = l.label.c_str();
        info.units = l.units;
        info.total_volume_ml = l.total_volume.value();
        write_struct(out_line, info, fn, "taper_dispensing_line_info");
    });
}

// ---- conversions ----------------------------------------------------------------------

taper_status taper_convert_form(taper_form_conversion* out_conversion, char** out_text, char** out_equivalence,
                                const taper_database* db, const char* drug, double dose_mg, const char* from,
                                const char* to, double to_strength_mg_per_ml, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        out_struct_size(out_conversion, fn, "taper_form_conversion");
        const taper::drug& d = drug_in(db, drug, fn);
        std::optional<concentration> strength;
        if (to_strength_mg_per_ml != 0) strength = from_value<concentration>(to_strength_mg_per_ml);
        const form_conversion c = convert_form(d, from_value<mass>(dose_mg), need_text(from, fn, "from"),
                                               need_text(to, fn, "to"), strength);
        auto info = blank<taper_form_conversion>();
        info.from_labelled_mg = c.from_labelled.value();
        info.to_labelled_mg = c.to_labelled.value();
        info.bioavailability_ratio = c.bioavailability_ratio;
        info.to_volume_ml = value_or_nan(c.to_volume);
        info.to_drops = value_or_nan(c.to_drops);
        info.to_tablets = value_or_nan(c.to_tablets);
        // Allocate both strings before writing any out-parameter, so a failure leaves all unchanged.
        std::unique_ptr<char, void (*)(char*)> text(out_text != nullptr ? allocated(c.text) : nullptr,
                                                    taper_string_free);
        std::unique_ptr<char, void (*)(char*)> equivalence(
            out_equivalence != nullptr ? allocated(c.equivalence) : nullptr, taper_string_free);
        write_struct(out_conversion, info, fn, "taper_form_conversion");
        put(out_text, text.release());
        put(out_equivalence, equivalence.release());
    });
}

taper_status taper_class_equivalent_dose(taper_class_equivalent* out_equivalent, char** out_text,
                                         const taper_database* db, const char* from_drug, double dose_mg,
                                         const char* to_drug, const char* table, int use_high_end,
                                         taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        out_struct_size(out_equivalent, fn, "taper_class_equivalent");
        const taper::drug& from = drug_in(db, from_drug, fn);
        const taper::drug& to = drug_in(db, to_drug, fn);
        const class_equivalent e = class_equivalent_dose(from, from_value<mass>(dose_mg), to,
                                                         table == nullptr ? "ashton" : table, use_high_end != 0);
        auto info = blank<taper_class_equivalent>();
        info.dose_mg = e.dose.value();
        info.diazepam_equivalent_mg = e.diazepam_equivalent.value();
        char* text = out_text != nullptr ? allocated(e.text) : nullptr;
        write_struct(out_equivalent, info, fn, "taper_class_equivalent");
        put(out_text, text);
    });
}

}  // extern "C"

void taper_realization::render() {
    using namespace taper;
    const message_context whole = context_of(realized);
    for (const auto& m : realized.messages) {
        texts.push_back(text(m, whole));
        if (m.code == message_code::form_equivalence || m.code == message_code::form_equivalence_assumed)
            equivalences.push_back(texts.back());
        else if (m.level == severity::warning)
            warnings.push_back(texts.back());
    }
    const std::size_t n = realized.steps.size();
    step_texts.assign(n, {});
    step_notes.assign(n, {});
    step_warnings.assign(n, {});
    recipe_texts.assign(n, {});
    recipe_warnings.assign(n, {});
    recipe_instructions.assign(n, {});
    part_instructions.assign(n, {});
    for (std::size_t i = 0; i < n; ++i) {
        const realized_step& st = realized.steps[i];
        const message_context context = context_of(realized, &st);
        for (std::size_t k = 0; k < st.messages.size(); ++k) {
            step_texts[i].push_back(text(st.messages[k], context));
            (st.messages[k].level == severity::note ? step_notes : step_warnings)[i].push_back(k);
        }
        recipe_texts[i].resize(st.recipes.size());
        recipe_warnings[i].resize(st.recipes.size());
        part_instructions[i].resize(st.recipes.size());
        for (std::size_t r = 0; r < st.recipes.size(); ++r) {
            recipe_instructions[i].push_back(instruction_text(realized, st.recipes[r]));
            for (const auto& part : st.recipes[r].parts)
                part_instructions[i][r].push_back(instruction_text(part, realized.forms, realized.options));
        }
        for (std::size_t r = 0; r < st.recipes.size(); ++r)
            for (std::size_t k = 0; k < st.recipes[r].messages.size(); ++k) {
                recipe_texts[i][r].push_back(text(st.recipes[r].messages[k], context));
                if (st.recipes[r].messages[k].level == severity::warning) recipe_warnings[i][r].push_back(k);
            }
    }
}

namespace {

taper_message_info realization_message_info(const taper::message& m, const std::string& text) {
    auto out = taper::capi::blank<taper_message_info>();
    out.code = static_cast<int32_t>(m.code);
    out.severity = static_cast<int32_t>(m.level);
    out.id = taper::id(m.code).data();  // string literals in the catalogue: NUL-terminated, static
    out.text = text.c_str();
    return out;
}

}  // namespace

extern "C" {

size_t taper_realization_message_count(const taper_realization* realization) { return realization == nullptr ? 0 : realization->realized.messages.size(); }

taper_status taper_realization_message(const taper_realization* realization, taper_message_info* out_message,
                                       size_t index, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& r = need_realization(realization, fn);
        out_struct_size(out_message, fn, "taper_message_info");
        check_index(index, r.messages.size(), fn, "message");
        write_struct(out_message, realization_message_info(r.messages[index], realization->texts[index]), fn,
                     "taper_message_info");
    });
}

taper_status taper_realization_step_message_count(const taper_realization* realization, size_t* out_count,
                                                  size_t step, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_count, fn, "out_count") = realized_step_at(need_realization(realization, fn), step, fn).messages.size();
    });
}

taper_status taper_realization_step_message(const taper_realization* realization, taper_message_info* out_message,
                                            size_t step, size_t index, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const realized_step& s = realized_step_at(need_realization(realization, fn), step, fn);
        out_struct_size(out_message, fn, "taper_message_info");
        check_index(index, s.messages.size(), fn, "message");
        write_struct(out_message, realization_message_info(s.messages[index], realization->step_texts[step][index]),
                     fn, "taper_message_info");
    });
}

taper_status taper_realization_recipe_message_count(const taper_realization* realization, size_t* out_count,
                                                    size_t step, size_t recipe, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_count, fn, "out_count") = recipe_at(need_realization(realization, fn), step, recipe, fn).messages.size();
    });
}

taper_status taper_realization_recipe_message(const taper_realization* realization, taper_message_info* out_message,
                                              size_t step, size_t recipe, size_t index, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const dose_recipe& d = recipe_at(need_realization(realization, fn), step, recipe, fn);
        out_struct_size(out_message, fn, "taper_message_info");
        check_index(index, d.messages.size(), fn, "message");
        write_struct(out_message,
                     realization_message_info(d.messages[index], realization->recipe_texts[step][recipe][index]), fn,
                     "taper_message_info");
    });
}

}  // extern "C"
