# cmake -DINPUT=<file> -DOUTPUT=<file.cpp> -DSYMBOL=<name> -P EmbedFile.cmake
# Writes a C++ source defining `extern const std::string_view <SYMBOL>` with the file's
# bytes, so the library carries its default data and needs no file at run time.
file(READ "${INPUT}" _hex HEX)
string(LENGTH "${_hex}" _len)
math(EXPR _bytes "${_len} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," _body "${_hex}")
string(REGEX REPLACE "(('\\\\x[0-9a-f][0-9a-f]',){24})" "\\1\n    " _body "${_body}")
file(WRITE "${OUTPUT}.tmp"
"// Generated from ${INPUT} by cmake/EmbedFile.cmake. Do not edit.\n"
"#include <string_view>\n"
"namespace taper::detail {\n"
"namespace { constexpr char bytes[] = {\n    ${_body}'\\0'}; }\n"
"extern const std::string_view ${SYMBOL};\n"
"const std::string_view ${SYMBOL}{bytes, ${_bytes}};\n"
"}  // namespace taper::detail\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
