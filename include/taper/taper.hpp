#pragma once
// Umbrella header: the core, no I/O beyond opt-in text formatting of quantities.
#include <taper/error.hpp>
#include <taper/version.hpp>

#include <taper/units/io.hpp>
#include <taper/units/literals.hpp>
#include <taper/units/parse.hpp>
#include <taper/units/quantities.hpp>

#include <taper/drugs/database.hpp>
#include <taper/drugs/drug.hpp>
#include <taper/messages/text.hpp>
#include <taper/plan/plan.hpp>
#include <taper/forms/convert.hpp>
#include <taper/forms/measuring.hpp>
#include <taper/forms/on_hand.hpp>
#include <taper/forms/realize.hpp>
