// Provenance: every number in the drug data carries its source and status, a missing value is
// never guessed (require() says what is missing and why), and the status names round-trip.
#include <taper/taper.hpp>

#include <gtest/gtest.h>

#include <string>

namespace {

TEST(Provenance, StatusNamesRoundTrip) {
    // docs/drug-data.md: "verified", "secondary", "unverified", "user-supplied".
    for (const auto s : {taper::evidence_status::verified, taper::evidence_status::secondary,
                         taper::evidence_status::unverified, taper::evidence_status::user_supplied})
        EXPECT_EQ(taper::evidence_status_from_string(taper::to_string(s)), s);
    EXPECT_EQ(taper::to_string(taper::evidence_status::user_supplied), "user-supplied");
    EXPECT_FALSE(taper::evidence_status_from_string("user_supplied").has_value());
    EXPECT_FALSE(taper::evidence_status_from_string("").has_value());
}

TEST(Provenance, AMissingValueSaysWhatIsMissingAndWhy) {
    taper::sourced<double> unknown;
    EXPECT_FALSE(unknown.known());
    EXPECT_FALSE(static_cast<bool>(unknown));
    try {
        (void)unknown.require("the half-life of xyz");
        ADD_FAILURE() << "an unknown value was returned";
    } catch (const taper::missing_data_error& e) {
        EXPECT_EQ(std::string(e.what()), "the half-life of xyz is not known (unverified; source: none)");
    }
    unknown.origin = {"Smith 2020, table 2", taper::evidence_status::secondary};
    try {
        (void)unknown.require("Emax");
        ADD_FAILURE() << "an unknown value was returned";
    } catch (const taper::missing_data_error& e) {
        EXPECT_EQ(std::string(e.what()), "Emax is not known (secondary; source: Smith 2020, table 2)");
    }

    const taper::sourced<double> known{35.0, {"SmPC 5.2", taper::evidence_status::verified}};
    EXPECT_TRUE(known.known());
    EXPECT_DOUBLE_EQ(known.require("the half-life"), 35.0);
    EXPECT_DOUBLE_EQ(*known, 35.0);
}

TEST(Provenance, CodesAndProvenanceCompareByEveryField) {
    const taper::provenance a{"RxNorm", taper::evidence_status::verified};
    EXPECT_EQ(a, (taper::provenance{"RxNorm", taper::evidence_status::verified}));
    EXPECT_NE(a, (taper::provenance{"RxNorm", taper::evidence_status::secondary}));
    const taper::drug_code code{"http://www.nlm.nih.gov/research/umls/rxnorm", "2556", "citalopram", a};
    taper::drug_code other = code;
    EXPECT_EQ(code, other);
    other.code = "2557";
    EXPECT_NE(code, other);
    other = code;
    other.origin.status = taper::evidence_status::unverified;
    EXPECT_NE(code, other);
}

}  // namespace
