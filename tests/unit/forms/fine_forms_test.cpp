// The realization's off-target hint lists the drug's liquids and dispersible tablets not on
// hand by their index in all_forms(drug). fine_forms_not_on_hand finds them without building
// every form (src/forms/on_hand.cpp); it must give exactly what filtering all_forms gives, for
// every drug in the data, with nothing, some and all of the drug's forms on hand, or the hints
// would name the wrong product.
#include <taper/drugs/database.hpp>
#include <taper/forms/on_hand.hpp>

#include "../../../src/forms/realizer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace {

std::vector<std::size_t> by_filtering_all_forms(const std::vector<taper::available_form>& every,
                                                const std::vector<const taper::available_form*>& have) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < every.size(); ++i) {
        const auto& f = every[i];
        const bool fine = taper::is_liquid(f.kind) || f.dispersible;
        const bool on_hand = std::any_of(have.begin(), have.end(), [&](const taper::available_form* g) {
            return g->formulation_id == f.formulation_id && g->label == f.label;
        });
        if (fine && !on_hand) out.push_back(i);
    }
    return out;
}

TEST(FineFormsNotOnHand, AgreesWithFilteringAllFormsForEveryDrug) {
    int compared = 0, listed = 0;
    for (const auto& d : taper::database::embedded().drugs()) {
        const auto every = taper::all_forms(d);
        std::vector<const taper::available_form*> none, odd, all;
        for (std::size_t i = 0; i < every.size(); ++i) {
            all.push_back(&every[i]);
            if (i % 2 == 1) odd.push_back(&every[i]);
        }
        for (const auto* have : {&none, &odd, &all}) {
            const auto fast = taper::forms_detail::fine_forms_not_on_hand(d, *have);
            EXPECT_EQ(fast, by_filtering_all_forms(every, *have)) << d.name;
            listed += static_cast<int>(fast.size());
            ++compared;
        }
        EXPECT_TRUE(taper::forms_detail::fine_forms_not_on_hand(d, all).empty()) << d.name;
    }
    EXPECT_GT(compared, 100);
    EXPECT_GT(listed, 10);  // the comparison is not between empty lists only
}

}  // namespace
