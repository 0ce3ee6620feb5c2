/* The C ABI as a C11 program sees it through `pkg-config --cflags --libs taper_c`. */
#include <taper.h>

#include <stdio.h>
#include <string.h>

int main(void) {
    const char* version = taper_version();
    printf("taper_version() = %s, taper_abi_version() = %d\n", version, taper_abi_version());
    if (strcmp(version, TAPER_VERSION_STRING) != 0) {
        fprintf(stderr, "FAIL: library is %s, headers say %s\n", version, TAPER_VERSION_STRING);
        return 1;
    }
    if (taper_abi_version() != TAPER_ABI_VERSION) {
        fprintf(stderr, "FAIL: ABI %d, headers say %d\n", taper_abi_version(), TAPER_ABI_VERSION);
        return 1;
    }
    return 0;
}
