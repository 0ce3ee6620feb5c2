// taper: plan the gradual reduction of a psychiatric drug, from the command line.
//
// Output goes to stdout; every error goes to stderr with a non-zero exit and nothing on
// stdout, so scripts can trust what they read.
#include "describe.hpp"

#include <taper/taper.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <iostream>
#include <string>

namespace {

constexpr const char* disclaimer =
    "taper is decision support for you and your prescriber, not a prescriber. "
    "Never change a dose without talking to the person who prescribes it.";

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"taper: plan the gradual reduction (tapering) of psychiatric drugs.\n" +
                 std::string(disclaimer)};
    app.set_version_flag("--version", std::string("taper ") + TAPER_VERSION_STRING);
    app.require_subcommand(1);

    std::string formulary;
    app.add_option("--formulary", formulary,
                   "A JSON formulary laid over the built-in drug data (docs/drug-data.md)")
        ->check(CLI::ExistingFile);

    auto* drugs = app.add_subcommand("drugs", "List the drugs taper knows");
    drugs->footer("Example:\n  taper drugs");

    std::string drug_name;
    auto* info = app.add_subcommand("info", "Show one drug: models, half-life, forms, sources");
    info->add_option("drug", drug_name, "Name, brand or alias, e.g. citalopram or Cipramil")->required();
    info->footer("Examples:\n  taper info citalopram\n  taper info Xanax");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }

    try {
        taper::database db = taper::database::embedded();
        if (!formulary.empty()) db.overlay_file(formulary);

        std::string out;
        if (*drugs) out = taper::cli::describe_drug_list(db);
        if (*info) out = taper::cli::describe_drug(db.get(drug_name));
        std::fwrite(out.data(), 1, out.size(), stdout);
        return 0;
    } catch (const taper::error& e) {
        fmt::print(stderr, "taper: {}\n", e.what());
        return 1;
    } catch (const std::exception& e) {
        fmt::print(stderr, "taper: internal error: {}\n", e.what());
        return 70;
    }
}
