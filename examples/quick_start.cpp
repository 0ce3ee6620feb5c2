// The README's quick example: look a drug up and read its occupancy model, with units.
#include <taper/taper.hpp>

#include <iostream>

int main() {
    using namespace taper::literals;
    const taper::database& db = taper::database::embedded();
    const taper::drug& citalopram = db.get("Cipramil");  // brand names work too

    const taper::occupancy_model& sert = citalopram.occupancy();
    for (taper::mass dose : {20.0_mg, 10.0_mg, 5.0_mg, 2.5_mg}) {
        std::cout << citalopram.name << ' ' << dose << " -> "
                  << taper::format_number(taper::in(sert.occupancy_percent(dose), taper::units::points)) << "% SERT occupancy\n";
    }
    // 20 mg of a 10 mg/5 mL (2 mg/mL) liquid is 10 mL: the division is checked at compile time.
    const taper::volume v = 20.0_mg / taper::parse_concentration("10 mg/5 mL");
    std::cout << "20 mg as 10 mg/5 mL liquid: " << v << '\n';
}
