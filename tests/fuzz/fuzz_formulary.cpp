// The formulary overlay from a string (docs/drug-data.md): onto an empty database and onto the
// embedded one. Either it loads, or it throws formulary_error and leaves the database as it
// was; what loads has names a terminal can print (no control characters).
#include "fuzz_check.hpp"

#include <taper/drugs/database.hpp>
#include <taper/error.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

bool printable(std::string_view s) {
    for (unsigned char c : s)
        if (c < 0x20 || c == 0x7F) return false;
    return true;
}

void overlay(taper::database db, std::string_view text) {
    const std::size_t before = db.size();
    try {
        db.overlay_json(text, "fuzz.json");
    } catch (const taper::formulary_error&) {
        TAPER_FUZZ_REQUIRE(db.size() == before);  // the strong guarantee
        return;
    }
    for (const auto& d : db.drugs()) {
        TAPER_FUZZ_REQUIRE(printable(d.name));
        for (const auto& a : d.aliases) TAPER_FUZZ_REQUIRE(printable(a));
        TAPER_FUZZ_REQUIRE(db.find(d.name) != nullptr);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        overlay(taper::database{}, text);
        static const taper::database& embedded = taper::database::embedded();
        overlay(embedded, text);
    } catch (const taper::error&) {
        // other library errors (e.g. a drug the overlay made unusable) are answers, not findings
    }
    return 0;
}
