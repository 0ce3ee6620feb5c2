// The program both package consumers build: it uses the C++ core (Taper::taper / taper.pc)
// and the C ABI (Taper::taper_c / taper_c.pc) exactly as an outside project would, and
// fails (non-zero exit) when a value is not the one worked out by hand.
#include <taper.h>
#include <taper/taper.hpp>

#include <cmath>
#include <cstring>
#include <iostream>
#include <sstream>
#include <string>

namespace {
int failures = 0;

void expect(bool ok, const std::string& what) {
    std::cout << (ok ? "ok:   " : "FAIL: ") << what << '\n';
    if (!ok) ++failures;
}
}  // namespace

int main() {
    using namespace taper::literals;

    // 10 mg in 5 mL is 2 mg/mL, so 20 mg is 20 / 2 = 10 mL.
    const taper::volume v = 20.0_mg / taper::parse_concentration("10 mg/5 mL");
    std::ostringstream text;
    text << v;
    expect(std::abs(v.value() - 10.0) < 1e-12 && text.str() == "10 mL",
           "20 mg at 10 mg/5 mL is " + text.str() + " (expected 10 mL)");

    // The embedded database comes along with the static library: no file at run time.
    const taper::drug& citalopram = taper::database::embedded().get("Citalopram");
    expect(citalopram.name == "citalopram",
           "the embedded database has " + std::string(citalopram.name));

    // The C ABI, from the shared library.
    const char* version = taper_version();
    expect(std::strcmp(version, TAPER_VERSION_STRING) == 0,
           std::string("taper_version() is ") + version + " (headers say " TAPER_VERSION_STRING ")");
    expect(taper_abi_version() == TAPER_ABI_VERSION, "taper_abi_version() matches the headers");

    return failures == 0 ? 0 : 1;
}
