// The evidence status of the occupancy model a plan used, and the drug's cautions, each said
// once on the plan (issue 10).
// See src/plan/planner_parts.hpp.
#include "planner_parts.hpp"

namespace taper::planning {
namespace {

/// Weaker evidence ranks higher: a model is as strong as its weaker number.
int weakness(evidence_status s) {
    switch (s) {
        case evidence_status::verified: return 0;
        case evidence_status::secondary: return 1;
        case evidence_status::user_supplied: return 2;
        case evidence_status::unverified: return 3;
    }
    return 3;
}

}  // namespace

void add_model_evidence_note(const occupancy_model* model, dose_basis basis, schedule& plan, text_writer& texts) {
    if (model == nullptr || basis != dose_basis::own_mg) return;
    const evidence_status a = model->ed50.origin.status;
    const evidence_status b = model->emax_percent.origin.status;
    const evidence_status weaker = weakness(a) >= weakness(b) ? a : b;
    plan.messages.push_back(make_message(message_code::occupancy_model_evidence,
                                         {parameter::text(texts.add(to_string(weaker)))}));
}

void add_drug_cautions(const drug& d, schedule& plan, text_writer& texts) {
    for (const std::string& caution : d.cautions)
        plan.messages.push_back(make_message(message_code::drug_caution, {parameter::text(texts.add(caution))}));
}

}  // namespace taper::planning
