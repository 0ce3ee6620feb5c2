// An assessment, a replan history and a several-drug plan as JSON (io/assessment_json.hpp).
#include <taper/io/assessment_json.hpp>

#include "../messages/json.hpp"
#include "export_detail.hpp"

#include <nlohmann/json.hpp>

namespace taper {
namespace {

using json = nlohmann::ordered_json;

json messages_json(const std::vector<message>& ms, const message_context& c) {
    json out = json::array();
    for (const auto& m : ms) {
        json j = detail::message_json(m, c);
        // Each source with its citation, so that a clinician can look it up.
        const auto& slots = info(m.code).parameters;
        for (std::size_t i = 0; i < slots.size(); ++i)
            if (slots[i].kind == parameter_kind::evidence) {
                const auto& e = info(static_cast<evidence_source>(m[i].as_index()));
                j["source"] = {{"id", e.id}, {"citation", e.citation}, {"url", e.url}};
            }
        out.push_back(std::move(j));
    }
    return out;
}

/// A contact as the person reads it: name, what it offers, its phone number as the source
/// printed it and the source's publication date (phone numbers age).
json contact_json(const support_organisation& o) {
    json j;
    j["id"] = o.id;
    j["name"] = o.name;
    j["kind"] = o.kind;
    j["offers"] = o.offers;
    j["phone"] = o.phone ? json(*o.phone) : json(nullptr);
    j["country"] = o.country;
    if (o.source != nullptr)
        j["source"] = {{"id", o.source->id},
                       {"title", o.source->title},
                       {"published", o.source->published.empty() ? json(nullptr) : json(o.source->published)}};
    return j;
}

}  // namespace

std::string to_json(const assessment& a, const schedule& plan) {
    const message_context c = context_of(plan);
    json out;
    out["seek_help_now"] = a.seek_help_now;
    out["red_flags"] = messages_json(a.red_flags, c);
    json contacts = json::array();
    for (const auto* o : a.contacts) contacts.push_back(contact_json(*o));
    out["contacts"] = std::move(contacts);
    out["latest"] = to_string(a.latest);
    json periods = json::array();
    for (const auto& p : a.periods) {
        json j;
        j["change"] = format_date(p.change);
        j["from_mg"] = in(p.from, units::mg);
        j["to_mg"] = in(p.to, units::mg);
        j["onset"] = p.onset ? json(format_date(*p.onset)) : json(nullptr);
        j["verdict"] = to_string(p.result);
        j["reasons"] = messages_json(p.reasons, c);
        j["advice"] = messages_json(p.advice, c);
        periods.push_back(std::move(j));
    }
    out["periods"] = std::move(periods);
    return out.dump(2) + "\n";
}

std::string to_json(const plan_history& h) {
    json versions = json::array();
    for (std::size_t i = 0; i < h.versions.size(); ++i) {
        const auto& v = h.versions[i];
        json j;
        j["version"] = i + 1;
        j["made"] = format_date(v.made);
        j["action"] = i == 0 ? "original" : std::string(to_string(v.action));
        j["reasons"] = messages_json(v.reasons, context_of(v.plan));
        j["plan"] = detail::schedule_json(v.plan);
        versions.push_back(std::move(j));
    }
    return json{{"versions", std::move(versions)}}.dump(2) + "\n";
}

std::string to_json(const several_drugs_plan& p) {
    json out;
    out["drugs"] = p.drugs;
    message_context c;
    c.texts = p.drugs;
    out["notes"] = messages_json(p.notes, c);
    json interactions = json::array();
    for (const auto& n : p.interactions) {
        message_context nc = c;
        nc.drug = n.reduced;
        json j = messages_json({n.note}, nc)[0];
        j["reduced"] = n.reduced;
        j["affected"] = n.affected;
        j["enzyme"] = n.enzyme;
        j["status"] = to_string(n.status);
        interactions.push_back(std::move(j));
    }
    out["interactions"] = std::move(interactions);
    json plans = json::array();
    for (const auto& s : p.plans) plans.push_back(detail::schedule_json(s));
    out["plans"] = std::move(plans);
    json calendar = json::array();
    for (const auto& period : p.calendar) {
        json doses = json::array();
        for (const auto& l : period.doses) doses.push_back({{"drug", l.drug}, {"time", l.time}, {"mg", in(l.amount, units::mg)}});
        calendar.push_back({{"from", format_date(period.from)}, {"to", format_date(period.to)}, {"doses", std::move(doses)}});
    }
    out["calendar"] = std::move(calendar);
    return out.dump(2) + "\n";
}

}  // namespace taper
