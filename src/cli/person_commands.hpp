#pragma once
// The person in the loop on the command line: `taper journal add|show|import|export`,
// `taper assess`, `taper replan` and `taper several` (one drug at a time; also `taper plan
// --drug ... --drug ...`). Each returns the whole output, so that on an error nothing reaches
// stdout (docs/cli.md, docs/journal.md).
#include "commands.hpp"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace taper::cli {

struct person_args {
    std::string file;  ///< the journal (JSON; CSV for import)
    // journal add
    std::string drug;
    std::string date;
    std::vector<std::string> doses;     ///< "10mg morning", "10mg morning missed"
    std::vector<std::string> symptoms;  ///< "dizziness=2"
    std::vector<std::string> baseline;  ///< symptom ids of the original condition
    std::vector<std::string> events;
    std::string functioning;
    std::string note;
    // assess, replan
    plan_args plan;
    std::string journal;
    std::string today;
    std::string action;
    std::string tolerable;
    std::string format = "table";
    // several
    std::vector<std::string> groups;  ///< each "DRUG DOSE [plan options]"
    std::string gap;
    std::string start;
};

struct person_commands {
    CLI::App* journal_add = nullptr;
    CLI::App* journal_show = nullptr;
    CLI::App* journal_import = nullptr;
    CLI::App* journal_export = nullptr;
    CLI::App* assess = nullptr;
    CLI::App* replan = nullptr;
    CLI::App* several = nullptr;
};

person_commands add_person_commands(CLI::App& app, person_args& a);

/// A several-drug plan as typed: each group "DRUG DOSE [plan options]", in the order chosen.
struct several_args {
    std::vector<std::string> groups;
    std::string gap;     ///< the stabilisation gap between drugs (required: no published figure)
    std::string start;   ///< the first day; empty: today
    std::string format = "table";  ///< table or json
};

/// `taper several`: one drug at a time, in the order of the groups, `gap` apart.
std::string run_several(const database& db, const strategy_registry& registry, const several_args& a);

/// `taper plan --drug "DRUG DOSE [opts]" --drug ... --gap D`: exactly run_several. `plan` is
/// the plan command as parsed, so that the positional drug and dose, or a plan option outside
/// the groups, are refused (input_error) rather than left out in silence.
std::string run_plan_of_several(const database& db, const strategy_registry& registry, const CLI::App& plan,
                                const several_args& a);

/// The output of whichever of these commands was given ("" when none was). Problems met while
/// reading a journal (entries left out) are written to stderr as warnings.
std::string run_person_command(const database& db, const strategy_registry& registry, const person_commands& c,
                               const person_args& a);

}  // namespace taper::cli
