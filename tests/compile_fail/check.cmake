# Compile-fail check for one source file; run as
#
#   cmake -DCXX=<compiler> -DSOURCE=<file.cpp> -DINCLUDE_DIR=<include/>
#         [-DSYSTEM_INCLUDE_DIRS=<dir|dir>] [-DCXX_FLAGS="<flags>"] -P check.cmake
#
# The file holds one line that must not compile and, under #ifdef TAPER_COMPILE_FAIL_CONTROL,
# the well-typed version of the same line. Its `// TAPER_EXPECT_ERROR: <regex>` comments say
# what the diagnostic must contain (each regex must match some line of it).
#
# Exit status is inverted for ctest's WILL_FAIL (the test passes when this script FAILS):
#   - control does not compile          -> exit 0: the test itself is broken (ctest: Failed)
#   - the case compiles                 -> exit 0: the unit check is missing (ctest: Failed)
#   - the case fails for another reason -> exit 0: a typo, not a unit error  (ctest: Failed)
#   - the case fails with the expected unit diagnostic -> FATAL_ERROR, exit 1 (ctest: Passed)
cmake_minimum_required(VERSION 3.25)

foreach(_var CXX SOURCE INCLUDE_DIR)
  if(NOT DEFINED ${_var})
    message(STATUS "compile_fail: ${_var} is not set; the test is misconfigured")
    return()
  endif()
endforeach()

get_filename_component(_case "${SOURCE}" NAME_WE)

# Diagnostics in plain ASCII English, whatever the caller's locale: the regexes rely on it.
set(ENV{LC_ALL} C)
set(ENV{LANG} C)
unset(ENV{LANGUAGE})

file(STRINGS "${SOURCE}" _expect_lines REGEX "^// TAPER_EXPECT_ERROR: ")
set(_expected)
foreach(_line IN LISTS _expect_lines)
  string(REGEX REPLACE "^// TAPER_EXPECT_ERROR: " "" _re "${_line}")
  list(APPEND _expected "${_re}")
endforeach()
if(NOT _expected)
  set(_expected "boost::units|quantity<")
endif()

set(_command "${CXX}")
if(DEFINED CXX_FLAGS AND NOT CXX_FLAGS STREQUAL "")
  separate_arguments(_flags UNIX_COMMAND "${CXX_FLAGS}")
  list(APPEND _command ${_flags})
endif()
list(APPEND _command -std=c++20 -fsyntax-only "-I${INCLUDE_DIR}")
if(DEFINED SYSTEM_INCLUDE_DIRS)
  string(REPLACE "|" ";" _system_dirs "${SYSTEM_INCLUDE_DIRS}")
  foreach(_dir IN LISTS _system_dirs)
    if(NOT _dir STREQUAL "")
      list(APPEND _command -isystem "${_dir}")
    endif()
  endforeach()
endif()

list(JOIN _command " " _shown)  # for messages

# 1. The control: the same file with the well-typed line must compile.
execute_process(
  COMMAND ${_command} -DTAPER_COMPILE_FAIL_CONTROL "${SOURCE}"
  RESULT_VARIABLE _control_rc
  OUTPUT_VARIABLE _control_out
  ERROR_VARIABLE _control_out)
if(NOT _control_rc EQUAL 0)
  message(STATUS "compile_fail.${_case}: BROKEN TEST: the control (-DTAPER_COMPILE_FAIL_CONTROL) "
                 "does not compile, so a failure without it would prove nothing.\n"
                 "Command: ${_shown} -DTAPER_COMPILE_FAIL_CONTROL ${SOURCE}\n${_control_out}")
  return()
endif()

# 2. The case itself must fail, and for the unit mismatch.
execute_process(
  COMMAND ${_command} "${SOURCE}"
  RESULT_VARIABLE _case_rc
  OUTPUT_VARIABLE _case_out
  ERROR_VARIABLE _case_out)
if(_case_rc EQUAL 0)
  message(STATUS "compile_fail.${_case}: the case COMPILED; the type system no longer "
                 "rejects it.\nCommand: ${_shown} ${SOURCE}")
  return()
endif()

# Match each regex against single lines so that `.*` cannot span unrelated messages.
string(REPLACE ";" "\\;" _escaped "${_case_out}")
string(REPLACE "\n" ";" _out_lines "${_escaped}")
set(_missing)
foreach(_re IN LISTS _expected)
  set(_found FALSE)
  foreach(_out_line IN LISTS _out_lines)
    if(_out_line MATCHES "${_re}")
      set(_found TRUE)
      break()
    endif()
  endforeach()
  if(NOT _found)
    list(APPEND _missing "${_re}")
  endif()
endforeach()

if(_missing)
  string(SUBSTRING "${_case_out}" 0 4000 _head)
  message(STATUS "compile_fail.${_case}: the case fails to compile, but not with the "
                 "expected unit diagnostic (missing: ${_missing}); a typo or an unrelated "
                 "error would look like this.\nCommand: ${_shown} ${SOURCE}\n${_head}")
  return()
endif()

# The only non-zero exit: ctest's WILL_FAIL turns it into a pass.
message(FATAL_ERROR "compile_fail.${_case}: rejected for the unit mismatch, as intended "
                    "(the control compiles; the diagnostic matches: ${_expected}).")
