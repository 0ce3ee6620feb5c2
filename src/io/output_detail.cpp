// The pieces the people-facing exporters share: see output_detail.hpp.
#include "output_detail.hpp"

#include "../detail/number_text.hpp"

#include <algorithm>
#include <utility>

namespace taper::detail {

std::string mg_text(mass amount) { return significant_text(amount.value()) + " mg"; }

std::string doses_text(const schedule& plan, const step& st) {
    if (st.doses.empty()) return mg_text(st.daily_dose) + " a day";
    return grouped_doses(plan, st, mg_text);
}

std::string grouped_doses(const schedule& plan, const step& st, std::string (*amount)(mass)) {
    std::vector<std::pair<std::string, std::string>> groups;  // drug, its doses
    for (const auto& line : st.doses) {
        auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == line.drug; });
        if (it == groups.end()) {
            groups.emplace_back(line.drug, std::string());
            it = groups.end() - 1;
        }
        if (!it->second.empty()) it->second += ", ";
        it->second += line.time + " " + amount(line.amount);
    }
    const bool named = groups.size() > 1 || (groups.size() == 1 && groups.front().first != plan.drug);
    std::string out;
    for (const auto& [name, text] : groups) {
        if (!out.empty()) out += "; ";
        out += named ? name + " " + text : text;
    }
    return out;
}

std::string step_summary(const schedule& plan, const step& st) {
    std::string out = "step " + std::to_string(st.number) + ": ";
    const bool diazepam_basis = plan.basis == dose_basis::diazepam_mg;
    if (st.phase == step_phase::stop && st.equivalent_daily_dose.value() == 0) return out + "stop";
    out += diazepam_basis ? mg_text(st.equivalent_daily_dose) + " a day diazepam-equivalent"
                          : mg_text(st.daily_dose) + " a day";
    if (st.phase == step_phase::hold) out += " (hold)";
    if (st.phase == step_phase::switch_over) out += " (switch)";
    if (st.phase == step_phase::stop) out += " (maintenance)";
    return out;
}

schedule realized_plan(const realized_schedule& r) {
    schedule s = r.plan();
    s.steps.clear();
    for (const auto& st : r.steps) s.steps.push_back(st.planned());
    return s;
}

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
                out += c;
        }
    }
    return out;
}

}  // namespace taper::detail
