// Rules about the source tree that the compiler cannot check.
//
// Quantities are made and read with the unit named at the call site (`12.5 * units::mg`,
// `in(q, units::mg)`). `from_value` and `.value()` hide the unit, so they may appear only where
// numbers enter or leave the library (docs/units.md, "Where numbers enter and leave"). This
// test reads include/ and src/ and names file:line for every use anywhere else.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;

/// Where numbers enter or leave: parsing, printing and the unit system itself, JSON and CSV,
/// the user's formulary, the C ABI and the command line. A folder ends with '/'.
constexpr std::array<std::string_view, 6> boundary = {
    "include/taper/units/",          // the unit system, `in`, from_value, printing
    "src/units/",                    // parsing text into quantities
    "src/io/",                       // JSON and CSV exporters
    "src/drugs/formulary_json.cpp",  // a user's formulary, read from JSON
    "src/capi/",                     // the C ABI: plain doubles in C
    "src/cli/",                      // arguments in, tables out
};

bool listed(std::string_view path, auto const& list) {
    return std::any_of(list.begin(), list.end(), [&](std::string_view entry) {
        return entry.ends_with('/') ? path.starts_with(entry) : path == entry;
    });
}

/// The code of one line without its `//` comment (string literals are not special-cased: no
/// literal in the tree holds "//" before a rule's word).
std::string_view code_of(std::string_view line) {
    const auto comment = line.find("//");
    return comment == std::string_view::npos ? line : line.substr(0, comment);
}

/// Uses on one line of code: `from_value` anywhere (its header's include too, so that only the
/// boundary includes it), or a call of `.value()` / `->value()`.
bool breaks_rule(std::string_view line) {
    static const std::regex rule(R"(\bfrom_value\b|(\.|->)\s*value\s*\(\s*\))");
    const std::string code(code_of(line));
    return std::regex_search(code, rule);
}

/// "path:line: text" for each use in `text` (path is shown as given).
std::vector<std::string> uses_in(const std::string& path, std::istream& text) {
    std::vector<std::string> found;
    std::string line;
    bool in_block_comment = false;
    for (int number = 1; std::getline(text, line); ++number) {
        std::string_view rest = line;
        if (in_block_comment) {
            const auto end = rest.find("*/");
            if (end == std::string_view::npos) continue;
            rest = rest.substr(end + 2);
            in_block_comment = false;
        }
        if (const auto start = rest.find("/*"); start != std::string_view::npos && rest.find("*/", start) == std::string_view::npos) {
            in_block_comment = true;
            rest = rest.substr(0, start);
        }
        if (breaks_rule(rest)) found.push_back(path + ":" + std::to_string(number) + ": " + line);
    }
    return found;
}

std::vector<std::string> uses_in_text(const std::string& text) {
    std::istringstream in(text);
    return uses_in("sample", in);
}

TEST(SourceRules, TheScannerFindsWhatItLooksFor) {
    // The rule itself: if these stopped being found, the tree scan below would pass vacuously.
    EXPECT_EQ(uses_in_text("auto m = from_value<mass>(2.5);").size(), 1u);
    EXPECT_EQ(uses_in_text("double mg = dose.value();").size(), 1u);
    EXPECT_EQ(uses_in_text("double mg = strength->value();").size(), 1u);
    EXPECT_EQ(uses_in_text("#include <taper/units/from_value.hpp>").size(), 1u);
    EXPECT_EQ(uses_in_text("a\nb\nx = q.value() + r.value();\n").front(), "sample:3: x = q.value() + r.value();");
    // ... and not in comments, other names or the unit-naming forms.
    EXPECT_TRUE(uses_in_text("double mg = in(dose, units::mg);  // not .value()").empty());
    EXPECT_TRUE(uses_in_text("/* from_value\n   .value() */ int x = 1;").empty());
    EXPECT_TRUE(uses_in_text("auto v = opt.value_or(0); bool b = x.has_value();").empty());
    EXPECT_TRUE(uses_in_text("mass m = 12.5 * units::mg;").empty());
}

TEST(SourceRules, TheBoundaryListMatchesFilesAndFolders) {
    EXPECT_TRUE(listed("src/capi/plan_c.cpp", boundary));
    EXPECT_TRUE(listed("include/taper/units/io.hpp", boundary));
    EXPECT_TRUE(listed("src/drugs/formulary_json.cpp", boundary));
    EXPECT_FALSE(listed("src/drugs/formulary_json.hpp", boundary));
    EXPECT_FALSE(listed("src/forms/convert.cpp", boundary));
    EXPECT_FALSE(listed("include/taper/plan/request.hpp", boundary));
}

TEST(SourceRules, QuantitiesAreMadeAndReadWithTheUnitNamedOutsideTheBoundary) {
    const fs::path root(TAPER_SOURCE_DIR);
    std::vector<std::string> found;
    std::size_t scanned = 0;
    for (const char* top : {"include", "src"}) {
        for (const auto& entry : fs::recursive_directory_iterator(root / top)) {
            if (!entry.is_regular_file()) continue;
            const auto ext = entry.path().extension();
            if (ext != ".hpp" && ext != ".cpp" && ext != ".h") continue;
            const std::string path = entry.path().lexically_relative(root).generic_string();
            if (listed(path, boundary)) continue;
            std::ifstream in(entry.path());
            ASSERT_TRUE(in) << "cannot read " << path;
            ++scanned;
            for (auto& use : uses_in(path, in)) found.push_back(std::move(use));
        }
    }
    EXPECT_GT(scanned, 50u) << "the source tree was not found under " << root;
    std::string report;
    for (const auto& use : found) report += "  " + use + "\n";
    EXPECT_TRUE(found.empty()) << "name the unit (`x * units::mg`, `in(q, units::mg)`; `*opt` for an optional) "
                                  "instead of from_value / .value() outside the boundary files:\n"
                               << report;
}

}  // namespace
