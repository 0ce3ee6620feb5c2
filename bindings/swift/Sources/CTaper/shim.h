/* taper's C ABI, from the include directory pkg-config gives (taper_c.pc). */
#include <taper.h>
