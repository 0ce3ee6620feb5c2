// The only place C and C++ meet. Every entry point is noexcept and turns exceptions into
// status codes; see include/taper.h.
#include <taper.h>

extern "C" {

const char* taper_version(void) { return TAPER_VERSION_STRING; }

int taper_abi_version(void) { return TAPER_ABI_VERSION; }

}
