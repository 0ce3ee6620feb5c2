#pragma once
// A journal as CSV, one fact per row, so that a spreadsheet can add rows freely:
//   date,kind,key,value,status
//   ,baseline,low_mood,,
//   2027-01-03,dose,morning,10,taken
//   2027-01-03,symptom,dizziness,2,
//   2027-01-03,functioning,,1,
//   2027-01-03,event,illness,,
//   2027-01-03,note,,"felt foggy",
// Reading groups rows by date; a bad row drops its day's entry and reports the problem.
#include <taper/io/journal_json.hpp>

#include <string>
#include <string_view>

namespace taper {

std::string to_csv(const journal& j);
journal_read journal_from_csv(std::string_view text);

}  // namespace taper
