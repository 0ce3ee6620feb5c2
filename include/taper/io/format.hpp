#pragma once
// What every exported document says about itself: the layout's version and the disclaimer.
namespace taper {

/// Version of the JSON and CSV layouts; bumped on any change a reader could notice.
inline constexpr int schedule_format_version = 1;

/// What every exported plan says about itself.
inline constexpr const char* schedule_disclaimer =
    "Decision support for a person and their prescriber, not a prescription. Do not change a dose "
    "without talking to the prescriber. Withdrawal symptoms usually start within days of a cut and "
    "ease within hours to days if the previous dose is taken again; if they are severe, go back to "
    "the last dose that was tolerated and reduce more slowly (NICE NG222).";

}  // namespace taper
