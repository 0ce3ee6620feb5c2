"""The cffi-ready header (bindings/common/taper_cdef.h) parses with cffi, and the shared
library loads and works through it in ABI mode (no compiler), as the Python binding uses it.

    python3 cffi_check.py <taper_cdef.h> <libtaper_c.so>
"""
import math
import sys

import cffi

cdef_path, library_path = sys.argv[1], sys.argv[2]
ffi = cffi.FFI()
with open(cdef_path, encoding="utf-8") as f:
    ffi.cdef(f.read())
lib = ffi.dlopen(library_path)

# The ABI check a binding does when it loads.
assert lib.taper_abi_version() == lib.TAPER_ABI_VERSION, "ABI version differs from the cdef's"
error = ffi.new("taper_error**")
assert lib.taper_abi_check(lib.TAPER_ABI_VERSION + 1, error) == lib.TAPER_ERROR_ABI_MISMATCH
assert b"ABI version" in ffi.string(lib.taper_error_message(error[0]))
lib.taper_error_free(error[0])

# A plan: citalopram 20 mg, hyperbolic 5 points; first step 11.8876 mg.
db = ffi.new("taper_database**")
request = ffi.new("taper_request**")
options = ffi.new("taper_strategy_options**")
schedule = ffi.new("taper_schedule**")
assert lib.taper_database_create_embedded(db, ffi.NULL) == lib.TAPER_OK
assert lib.taper_request_create(request, ffi.NULL) == lib.TAPER_OK
assert lib.taper_request_set_drug(request[0], b"citalopram", ffi.NULL) == lib.TAPER_OK
assert lib.taper_request_set_daily_dose_mg(request[0], 20.0, ffi.NULL) == lib.TAPER_OK
assert lib.taper_request_set_start_date(request[0], 2026, 1, 5, ffi.NULL) == lib.TAPER_OK
assert lib.taper_strategy_options_create(options, ffi.NULL) == lib.TAPER_OK
assert lib.taper_strategy_options_set_number(options[0], b"points", lib.TAPER_OPTION_KIND_OCCUPANCY_POINTS, 5.0, ffi.NULL) == lib.TAPER_OK
assert lib.taper_plan(schedule, db[0], request[0], ffi.NULL, b"hyperbolic", options[0], ffi.NULL) == lib.TAPER_OK

n = lib.taper_schedule_step_count(schedule[0])
count = ffi.new("size_t*")
dose = ffi.new("double[]", n)
occupancy = ffi.new("double[]", n)
columns = ffi.new("taper_schedule_column_arrays*")
columns.struct_size = ffi.sizeof("taper_schedule_column_arrays")
columns.daily_dose_mg = dose
columns.occupancy_percent = occupancy
status = lib.taper_schedule_columns(schedule[0], columns, count, n, ffi.NULL)
assert status == lib.TAPER_OK, status
assert abs(dose[0] - 11.8876) < 1e-3, dose[0]
step = ffi.new("taper_step_info*")
step.struct_size = ffi.sizeof("taper_step_info")
assert lib.taper_schedule_step(schedule[0], step, 0, ffi.NULL) == lib.TAPER_OK
assert step.daily_dose_mg == dose[0] and step.number == 1
assert not math.isnan(occupancy[0])

# A bad input carries the library's message.
assert lib.taper_request_set_drug(request[0], b"citaloparm", ffi.NULL) == lib.TAPER_OK
bad = ffi.new("taper_schedule**")
assert lib.taper_plan(bad, db[0], request[0], ffi.NULL, b"hyperbolic", ffi.NULL, error) == lib.TAPER_ERROR_UNKNOWN_DRUG
assert b"citalopram" in ffi.string(lib.taper_error_message(error[0]))
lib.taper_error_free(error[0])

lib.taper_schedule_free(schedule[0])
lib.taper_strategy_options_free(options[0])
lib.taper_request_free(request[0])
lib.taper_database_free(db[0])
print("cffi: cdef parsed, library loaded in ABI mode, plan read back")
