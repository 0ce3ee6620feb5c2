// taper: plan the gradual reduction of a psychiatric drug, from the command line.
//
// Output goes to stdout; every error goes to stderr with a non-zero exit and nothing on
// stdout, so scripts can trust what they read. Each command builds its whole output as a
// string first and prints it only once nothing can fail any more.
#include "commands.hpp"
#include "describe.hpp"
#include "forms_commands.hpp"
#include "inputs.hpp"
#include "person_commands.hpp"
#include "plan_options.hpp"
#include "render.hpp"
#include "simulate_commands.hpp"
#include "text.hpp"

#include <taper/drugs/database.hpp>
#include <taper/error.hpp>
#include <taper/io/strategy_schema_json.hpp>
#include <taper/plan/registry.hpp>
#include <taper/version.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <string>

namespace {

constexpr const char* disclaimer =
    "taper is decision support for you and your prescriber, not a prescriber. "
    "Never change a dose without talking to the person who prescribes it.";

constexpr const char* plan_examples = R"(Examples:
  taper plan citalopram 20mg --strategy hyperbolic --step 5pp --every 4w --start 2026-12-01
  taper plan sertraline 100mg --step 10% --every 2w --final 5mg
  taper plan sertraline 50mg --strategy linear --step 12.5mg --every 4w
  taper plan venlafaxine 150mg --split "75mg morning, 75mg evening" --step 10% --pacing
  taper plan olanzapine 10mg --strategy antipsychotic --every 13w
  taper plan alprazolam 3mg --split "1mg morning, 1mg afternoon, 1mg night" --strategy diazepam-crossover --every 2w
  taper plan citalopram 20mg --strategy tapering-strip --curve hyperbolic --roll 28d
  taper plan citalopram 20mg --table "15mg,10mg:8w,5mg,2.5mg" --every 4w
  taper plan citalopram 20mg --step 5pp --max-step 2.5mg --hold 3:4w --until 5mg --format json
  taper plan alprazolam 1.5mg --strategy diazepam-crossover --option tail_step=1mg --option range_end=high
  taper plan --drug "diazepam 10mg --step 2.5mg" --drug "sertraline 50mg --step 12.5mg" --gap 4w

Sizes: --step and --max-step take occupancy points (5pp), a percentage of the most recent
dose (10%) or mg (2.5mg, 500mcg). Durations: 14d, 4w, 2 weeks. Dates: YYYY-MM-DD.
Without --strategy: --step in pp means hyperbolic, in % proportional, in mg linear; --table
means table; otherwise antipsychotics get antipsychotic, benzodiazepines and z-drugs
diazepam-crossover, drugs with an occupancy model hyperbolic, others proportional.
Without --start the plan starts today (the local date). Several drugs, one at a time: a
--drug "DRUG DOSE [plan options]" group for each, in order, and --gap (as `taper several`).
See docs/cli.md.)";

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"taper: plan the gradual reduction (tapering) of psychiatric drugs.\n" +
                 std::string(disclaimer)};
    app.set_version_flag("--version", std::string("taper ") + TAPER_VERSION_STRING);
    app.require_subcommand(1);
    app.footer("Examples:\n  taper drugs\n  taper info citalopram\n  taper support citalopram\n  taper strategies\n"
               "  taper occupancy citalopram 20mg\n"
               "  taper plan citalopram 20mg --strategy hyperbolic --step 5pp --every 4w --start 2026-12-01\n"
               "`taper <command> --help` shows each command's options; docs/cli.md has them all.");

    std::string formulary;
    app.add_option("--formulary", formulary,
                   "A JSON formulary laid over the built-in drug data (docs/drug-data.md)")
        ->check(CLI::ExistingFile);

    auto* drugs = app.add_subcommand("drugs", "List the drugs taper knows");
    std::string drugs_region;
    drugs->add_option("--region", drugs_region, "uk or us: only the drugs and forms sold there (default: both, labelled)")
        ->check(CLI::IsMember({"uk", "us"}));
    drugs->footer("Examples:\n  taper drugs\n  taper drugs --region uk");

    std::string support_drug;
    std::string support_country;
    std::string support_format = "text";
    auto* support = app.add_subcommand("support", "Who can help: organisations and peer groups, by drug and country");
    support->add_option("drug", support_drug, "Name, brand or alias (none: every organisation)");
    support->add_option("--country", support_country, "uk, us, hk or online (default: all)")
        ->check(CLI::IsMember({"uk", "us", "hk", "online"}));
    support->add_option("-f,--format", support_format, "text (default) or json")->check(CLI::IsMember({"text", "json"}));
    support->footer("Examples:\n  taper support paroxetine\n  taper support Xanax --country uk\n"
                    "Sources: Mind's 'Coming off psychiatric drugs' (July 2016) and Mind HK's adaptation.");

    std::string drug_name;
    auto* info = app.add_subcommand("info", "Show one drug: models, half-life, forms, sources");
    info->add_option("drug", drug_name, "Name, brand or alias, e.g. citalopram or Cipramil")->required();
    info->footer("Examples:\n  taper info citalopram\n  taper info Xanax");

    auto* strategies = app.add_subcommand("strategies", "List the planning strategies, with their options");
    std::string strategies_format = "table";
    strategies->add_option("--format", strategies_format,
                           "table (default) or json: every strategy's option schema (docs/strategy-options.md)");
    strategies->footer("Examples:\n  taper strategies\n  taper strategies --format json");

    std::string occupancy_drug;
    std::string occupancy_dose;
    auto* occupancy = app.add_subcommand("occupancy", "Receptor occupancy at a daily dose, under each model");
    occupancy->add_option("drug", occupancy_drug, "Name, brand or alias")->required();
    occupancy->add_option("dose", occupancy_dose, "Daily dose with its unit, e.g. 20mg")->required();
    occupancy->footer("Examples:\n  taper occupancy citalopram 20mg\n  taper occupancy risperidone 2mg\n"
                      "The default model (marked *) is the one `taper plan` uses unless --model says otherwise.");

    taper::cli::plan_args p;
    auto* plan = app.add_subcommand("plan", "Plan a dated reduction schedule");
    // Required unless --drug groups are given instead (checked after parsing: plan_drugs).
    plan->add_option("drug", p.drug, "Name, brand or alias, e.g. citalopram");
    plan->add_option("dose", p.dose, "Current daily dose with its unit, e.g. 20mg or 500mcg");
    taper::cli::add_plan_options(*plan, p);
    taper::cli::several_args several_plan;  // --drug groups and --gap: `taper several` (person_commands.cpp)
    plan->add_option("--drug", several_plan.groups,
                     "Several drugs, one at a time instead of DRUG DOSE: \"DRUG DOSE [plan options]\" in the order "
                     "chosen (repeatable; with --gap, as `taper several`)")
        // One group per --drug, so that a stray DRUG DOSE after a group is read as the positional
        // drug and dose (and refused as such) rather than as more groups.
        ->allow_extra_args(false);
    plan->add_option("--gap", several_plan.gap,
                     "With --drug: days on the new doses before the next drug, e.g. 4w");
    plan->add_option("-f,--format", p.format,
                     "Output: table (default), json, csv, ics (calendar), fhir (HL7 FHIR R4), svg (chart) or html "
                     "(printable page)")
        ->check(CLI::IsMember({"table", "json", "csv", "ics", "fhir", "svg", "html"}));
    plan->add_flag("--reminders", p.reminders,
                   "With --format ics: a daily event per step with a reminder at each dose-time");
    plan->add_option("--country", p.country,
                     "With --format html: the person's country (uk, us, hk, or ISO 3166 such as GB) for the page's "
                     "support contacts; default: every country's");
    plan->footer(plan_examples);
    taper::cli::forms_args forms;  // --have, --syringe, --dispense ... (forms_commands.cpp)
    taper::cli::add_forms_options(*plan, forms);

    taper::cli::simulate_args simulation;
    auto* simulate = taper::cli::add_simulate_command(app, simulation);
    taper::cli::compare_args comparison;
    auto* compare = taper::cli::add_compare_command(app, comparison);

    taper::cli::convert_args conversion;
    auto* convert = taper::cli::add_convert_command(app, conversion);

    taper::cli::person_args person;  // journal, assess, replan, several (person_commands.cpp)
    const auto person_commands = taper::cli::add_person_commands(app, person);

    try {
        app.parse(argc, argv);
        // An option given with an empty value ("--until ''") is a mistake, not "not given".
        for (const CLI::Option* opt : plan->get_options())
            for (const auto& value : opt->results())
                if (value.empty() && opt->get_type_size_max() > 0)
                    throw CLI::ValidationError(opt->get_name(), "a value is needed, not an empty text");
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }

    try {
        taper::database db = taper::database::embedded();
        if (!formulary.empty()) db.overlay_file(formulary);
        const taper::strategy_registry& registry = taper::builtin_strategies();

        std::string out;
        if (*drugs)
            out = taper::cli::describe_drug_list(db, drugs_region.empty()
                                                         ? std::nullopt
                                                         : taper::market_region_from_string(drugs_region));
        if (*support) {
            const auto& dir = taper::support_directory::embedded();
            const taper::drug* d = support_drug.empty() ? nullptr : &db.get(support_drug);
            if (support_format == "json") {
                std::vector<const taper::support_organisation*> list;
                if (d != nullptr)
                    list = dir.for_drug(*d, support_country);
                else
                    for (const auto& o : dir.organisations())
                        if (support_country.empty() || o.country == support_country) list.push_back(&o);
                out = taper::to_json(list);
            } else {
                out = taper::cli::describe_support(dir, d, support_country);
            }
        }
        if (*info) out = taper::cli::describe_drug(db.get(drug_name));
        if (*strategies) {
            if (strategies_format == "json")
                out = taper::strategy_schemas_json(registry);
            else if (strategies_format == "table" || strategies_format.empty())
                out = taper::cli::render_strategies(registry);
            else
                throw taper::cli::input_error("--format: cannot use \"" + strategies_format +
                                              "\": expected table or json");
        }
        if (*occupancy) out = taper::cli::run_occupancy(db, occupancy_drug, occupancy_dose);
        if (*plan && !several_plan.groups.empty()) {
            several_plan.start = p.start;
            several_plan.format = p.format;
            out = taper::cli::run_plan_of_several(db, registry, *plan, several_plan);
        } else if (*plan) {
            if (p.drug.empty() || p.dose.empty())
                throw taper::cli::input_error(
                    "plan: the drug and its current daily dose are needed, e.g. `taper plan citalopram 20mg`, or "
                    "--drug \"DRUG DOSE [plan options]\" groups for several drugs");
            if (!several_plan.gap.empty())
                throw taper::cli::input_error("--gap: the gap between drugs goes with --drug groups (several drugs)");
            out = forms.given() ? taper::cli::run_realized_plan(db, registry, p, forms)
                                : taper::cli::run_plan(db, registry, p);
        }
        if (*convert) out = taper::cli::run_convert(db, conversion);
        if (out.empty()) out = taper::cli::run_person_command(db, registry, person_commands, person);
        if (*simulate) out = taper::cli::run_simulate(db, registry, simulation);
        if (*compare) out = taper::cli::run_compare(db, registry, comparison);
        // Data (a user's formulary) and input reach the output: no control character goes out raw.
        out = taper::cli::terminal_safe(out);
        std::fwrite(out.data(), 1, out.size(), stdout);
        return std::fflush(stdout) == 0 ? 0 : 74;
    } catch (const taper::error& e) {
        fmt::print(stderr, "taper: {}\n", taper::cli::terminal_safe(e.what()));
        return 1;
    } catch (const std::exception& e) {
        fmt::print(stderr, "taper: internal error: {}\n", taper::cli::terminal_safe(e.what()));
        return 70;
    }
}
