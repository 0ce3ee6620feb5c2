// The closing text of a plan, per drug class. See include/taper/plan/closing_text.hpp.
#include <taper/plan/closing_text.hpp>

// Every closing text begins with this (a macro so that each text is one literal: nothing is
// built at run time).
#define TAPER_DECISION_SUPPORT                                                                        \
    "taper is decision support for you and your prescriber, not a prescriber: talk to the person who " \
    "prescribes before changing any dose. "

namespace taper {

closing_text closing_text_for(drug_class c) noexcept {
    switch (c) {
        case drug_class::ssri:
        case drug_class::snri:
        case drug_class::serotonin_modulator:
        case drug_class::nassa:
        case drug_class::tricyclic:
        case drug_class::maoi:
        case drug_class::atypical_antidepressant: {
            constexpr std::string_view text = TAPER_DECISION_SUPPORT
                "Withdrawal or relapse? Withdrawal symptoms usually start within days of a cut (later with "
                "fluoxetine's long half-life) and ease within hours to days if the previous dose is taken again; "
                "a return of the original illness usually comes later and more gradually. If symptoms are "
                "severe, go back to the last dose that was tolerated and reduce more slowly.";
            return {text, "NICE NG222 (Depression in adults, 2022), recommendations 1.4.13-1.4.19 on stopping "
                          "antidepressants; Horowitz & Taylor, Lancet Psychiatry 2019;6:538-546"};
        }
        case drug_class::antipsychotic: {
            constexpr std::string_view text = TAPER_DECISION_SUPPORT
                "Withdrawal or relapse? Withdrawal symptoms (sleep problems, anxiety, nausea, restlessness, "
                "movement symptoms) can follow a cut within days; a relapse of psychosis can come weeks or months "
                "after a cut. Agree early warning signs and a plan with the prescriber and the people close to "
                "you before each cut; if they appear, contact the care team promptly and go back to the last dose "
                "that was well tolerated.";
            return {text, "Maudsley Deprescribing Guidelines (Horowitz & Taylor, Wiley 2024), antipsychotics; "
                          "Horowitz, Jauhar, Natesan, Murray & Taylor, Schizophrenia Bulletin 2021;47(4):1116-1129"};
        }
        case drug_class::benzodiazepine:
        case drug_class::z_drug: {
            constexpr std::string_view text = TAPER_DECISION_SUPPORT
                "Never stop a benzodiazepine or z-drug abruptly: it can cause seizures. Withdrawal symptoms "
                "(anxiety, poor sleep, tremor, sensitivity to light and sound) often follow a cut within days; "
                "if they are hard to bear, stay on the current dose until they settle, then reduce more slowly. "
                "Confusion, hallucinations or a seizure need urgent medical help.";
            return {text, "NICE NG215 (Medicines associated with dependence or withdrawal symptoms, 2022), "
                          "section 1.5; Ashton Manual (2002), chapter II"};
        }
        // Lithium and the anticonvulsants (relapse; their cautions carry the drug's own
        // guidance) and gabapentinoids (NICE NG215 covers them): the general text.
        case drug_class::mood_stabilizer:
        case drug_class::gabapentinoid:
        case drug_class::other: break;
    }
    constexpr std::string_view text = TAPER_DECISION_SUPPORT
        "If a cut brings new or returning symptoms that are hard to bear, go back to the last dose that was "
        "tolerated and reduce more slowly, together with the prescriber.";
    return {text, "NICE NG215 (Medicines associated with dependence or withdrawal symptoms, 2022), section 1.5"};
}

}  // namespace taper

#undef TAPER_DECISION_SUPPORT
