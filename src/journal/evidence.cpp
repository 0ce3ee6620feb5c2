// The sources (journal/evidence.hpp). docs/assessment.md says which part of each is used.
#include <taper/journal/evidence.hpp>

#include <algorithm>
#include <iterator>

namespace taper {
namespace {

using e = evidence_source;

constexpr evidence_info sources[] = {
    {e::horowitz_taylor_2022, "horowitz_taylor_2022",
     "Horowitz MA, Taylor D. Distinguishing relapse from antidepressant withdrawal: clinical practice and "
     "antidepressant discontinuation studies. BJPsych Advances 2022;28(5):297-311, doi:10.1192/bja.2021.62",
     "https://www.cambridge.org/core/journals/bjpsych-advances/article/distinguishing-relapse-from-antidepressant-"
     "withdrawal-clinical-practice-and-antidepressant-discontinuation-studies/AE99BDE4435521CE9F3D626AE14D1962"},
    {e::nice_ng222, "nice_ng222",
     "NICE NG222, Depression in adults: treatment and management (2022), recommendations 1.4.13-1.4.22 "
     "(stopping antidepressant medication) and 1.8.4",
     "https://www.nice.org.uk/guidance/ng222"},
    {e::nice_ng215, "nice_ng215",
     "NICE NG215, Medicines associated with dependence or withdrawal symptoms: safe prescribing and withdrawal "
     "management for adults (2022); summary: Carville et al., BMJ 2022;378:o1454",
     "https://www.nice.org.uk/guidance/ng215/chapter/Recommendations"},
    {e::ashton_manual, "ashton_manual",
     "Ashton CH. Benzodiazepines: how they work and how to withdraw (the Ashton Manual), revised 2002, chapter III: "
     "withdrawal symptoms, acute and protracted",
     "https://www.benzo.org.uk/manual/bzcha03.htm"},
    {e::dess_rosenbaum_1998, "dess_rosenbaum_1998",
     "Rosenbaum JF, Fava M, Hoog SL, Ascroft RC, Krebs WB. Selective serotonin reuptake inhibitor discontinuation "
     "syndrome: a randomized clinical trial. Biol Psychiatry 1998;44(2):77-87 (the 43-item DESS checklist)",
     "https://doi.org/10.1016/S0006-3223(98)00126-7"},
    {e::clozapine_label, "clozapine_label",
     "Clozaril (clozapine) US prescribing information, Table 1: dose adjustments with concomitant medications "
     "(reproduced in CNS Drugs 2022;36(7):659-679, Table 1)",
     "https://pmc.ncbi.nlm.nih.gov/articles/PMC9243911/table/Tab1"},
    {e::quetiapine_label, "quetiapine_label",
     "Seroquel (quetiapine) US prescribing information: strong CYP3A4 inducers (carbamazepine): when the inducer is "
     "stopped, reduce quetiapine to the original dose within 7-14 days (as quoted by drugs.com's interaction monograph)",
     "http://www.drugs.com/drug-interactions/carbamazepine-with-seroquel-xr-497-0-1979-2549.html?professional=1"},
    {e::aripiprazole_label, "aripiprazole_label",
     "Abilify (aripiprazole) US prescribing information, section 2 (dosage adjustments for cytochrome P450 "
     "considerations: strong CYP2D6 inhibitors such as fluoxetine and paroxetine; strong CYP3A4 inducers such as "
     "carbamazepine)",
     "https://api.fda.gov/drug/label.json?search=openfda.generic_name%3A%22aripiprazole%22"},
    {e::risperidone_label, "risperidone_label",
     "Risperdal (risperidone) US prescribing information, section 7 (drug interactions: fluoxetine and paroxetine "
     "raise risperidone levels; carbamazepine lowers them; re-evaluate the dose when they are started or stopped)",
     "https://api.fda.gov/drug/label.json?search=openfda.generic_name%3A%22risperidone%22"},
    {e::project_rule, "project_rule",
     "a rule of this project, not a published one (docs/assessment.md says why it was chosen)", ""},
};

static_assert(std::size(sources) == static_cast<std::size_t>(e::project_rule) + 1);

}  // namespace

std::span<const evidence_info> evidence_sources() noexcept { return sources; }

const evidence_info& info(evidence_source s) noexcept {
    const auto i = static_cast<std::size_t>(s);
    return i < std::size(sources) ? sources[i] : sources[std::size(sources) - 1];
}

std::optional<evidence_source> evidence_from_id(std::string_view id) noexcept {
    for (const auto& s : sources)
        if (s.id == id) return s.source;
    return std::nullopt;
}

}  // namespace taper
