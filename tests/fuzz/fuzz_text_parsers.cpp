// Every text parser: quantities (doses, volumes, concentrations, strengths, durations), dates,
// dose amounts, forms on hand, dose splits and strategy option values. The first byte picks the
// parser, the rest is the text. A parser either returns finite values or throws taper::error;
// anything else (another exception, a sanitizer report, a hang) is a finding.
#include "fuzz_check.hpp"

#include "../../src/cli/inputs.hpp"

#include <taper/drugs/database.hpp>
#include <taper/error.hpp>
#include <taper/forms/on_hand.hpp>
#include <taper/plan/calendar.hpp>
#include <taper/plan/option_text.hpp>
#include <taper/units/parse.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <variant>

namespace {

bool finite(double v) { return std::isfinite(v); }

void check_option_value(const taper::option_value& v) {
    std::visit(
        [](const auto& x) {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, taper::mass>) TAPER_FUZZ_REQUIRE(finite(taper::in(x, taper::units::mg)));
            if constexpr (std::is_same_v<T, taper::duration>)
                TAPER_FUZZ_REQUIRE(finite(taper::in(x, taper::units::day)));
        },
        v);
}

void parse(std::uint8_t which, std::string_view text) {
    using namespace taper;
    static const drug& citalopram = database::embedded().get("citalopram");
    static const drug& diazepam = database::embedded().get("diazepam");
    switch (which % 17) {
        case 0: TAPER_FUZZ_REQUIRE(finite(in(parse_mass(text), units::mg))); break;
        case 1: TAPER_FUZZ_REQUIRE(finite(in(parse_volume(text), units::mL))); break;
        case 2: TAPER_FUZZ_REQUIRE(finite(in(parse_concentration(text), units::mg / units::mL))); break;
        case 3: TAPER_FUZZ_REQUIRE(finite(in(parse_duration(text), units::day))); break;
        case 4: {
            const date d = parse_date(text);
            TAPER_FUZZ_REQUIRE(in_date_range(d));
            TAPER_FUZZ_REQUIRE(format_date(d) == text);  // the only spelling accepted is the one written
            break;
        }
        case 5: (void)parse_dose_amount(text); break;
        case 6:
            for (const auto& f : forms_on_hand(citalopram, text))
                if (f.unit_strength) TAPER_FUZZ_REQUIRE(finite(in(*f.unit_strength, units::mg)));
            break;
        case 7: (void)forms_on_hand(diazepam, text); break;
        case 8:
            for (const auto& t : cli::parse_split("--split", text))
                TAPER_FUZZ_REQUIRE(finite(in(t.amount, units::mg)) && !t.time.empty());
            break;
        default:  // 9 ... 16: an option value of each of the eight kinds
            check_option_value(parse_option_value(static_cast<option_kind>(which % 17 - 9), text));
            break;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    try {
        parse(data[0], text);
    } catch (const taper::error&) {
        // the expected answer to bad text
    }
    return 0;
}
