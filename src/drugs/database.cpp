#include <taper/drugs/database.hpp>

#include "codes_json.hpp"
#include "formulary_json.hpp"
#include "../detail/text.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <system_error>
#include <unordered_map>

namespace taper {

namespace detail {
extern const std::string_view embedded_drugs_json;  // generated from data/drugs.json
extern const std::string_view embedded_codes_json;  // generated from data/codes.json
}

namespace {

using detail::edit_distance;

}  // namespace

struct database::name_index {
    std::unordered_map<std::string, std::size_t> position;
};

const database& database::embedded() {
    // Built once, on first use, thread-safely (a function-local static).
    static const database db = [] {
        database d;
        d.overlay_json(detail::embedded_drugs_json, "embedded drugs.json");
        // The terminology codes live in their own file (data/codes.json, owned by the
        // exporters), merged into the drugs here rather than edited into drugs.json.
        auto coded = std::make_shared<std::vector<drug>>(*d.drugs_);
        detail::apply_codes(*coded, detail::embedded_codes_json, "embedded codes.json");
        d.drugs_ = std::move(coded);
        return d;
    }();
    return db;
}

void database::overlay_json(std::string_view json_text, std::string_view origin) {
    // Strong guarantee: work on a copy; plans sharing the old list keep it.
    auto updated = drugs_ ? std::make_shared<std::vector<drug>>(*drugs_) : std::make_shared<std::vector<drug>>();
    detail::apply_formulary(*updated, json_text, origin);
    auto index = index_of(*updated);  // before either is replaced: a failure changes nothing
    drugs_ = std::move(updated);
    index_ = std::move(index);
}

void database::overlay_file(const std::string& path) {
    const std::filesystem::path file(path);
    const std::string& origin = path;
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec))
        throw formulary_error(origin, "", "", "is a directory, not a formulary file");
    std::ifstream in(file, std::ios::binary);
    if (!in) throw formulary_error(origin, "", "", "cannot be opened for reading");
    // Read at most one byte more than a formulary may hold: /dev/zero or /dev/urandom must fail
    // at the limit, not fill the memory.
    std::string text;
    std::array<char, 1 << 16> chunk;
    while (text.size() <= detail::max_formulary_bytes) {
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        if (in.gcount() <= 0) break;
        text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) throw formulary_error(origin, "", "", "could not be read to the end");
    overlay_json(text, origin);
}

std::shared_ptr<const database::name_index> database::index_of(const std::vector<drug>& all) {
    auto index = std::make_shared<name_index>();
    for (std::size_t i = 0; i < all.size(); ++i) {
        const auto& d = all[i];
        index->position.emplace(detail::name_key(d.name), i);
        for (const auto& a : d.aliases) index->position.emplace(detail::name_key(a), i);
        for (const auto& b : d.brand_names) index->position.emplace(detail::name_key(b), i);
    }
    return index;
}

const drug* database::find(std::string_view name) const noexcept {
    try {
        if (!index_) return nullptr;
        const auto it = index_->position.find(detail::name_key(name));
        return it == index_->position.end() ? nullptr : &(*drugs_)[it->second];
    } catch (...) {  // only std::bad_alloc from building the key
        return nullptr;
    }
}

const drug& database::get(std::string_view name) const {
    if (const drug* d = find(name)) return *d;
    // The text names each suggestion's class, so that a near spelling of another drug is not
    // taken for the one meant; the error's list keeps the bare names to retry with.
    std::vector<std::string> near = suggestions(name);
    std::vector<std::string> described;
    for (const auto& s : near) {
        const std::size_t open = s.find(" (");
        const drug* d = find(open == std::string::npos ? std::string_view(s) : std::string_view(s).substr(0, open));
        if (d == nullptr || d->class_label.empty()) {
            described.push_back(s);
        } else if (open == std::string::npos) {
            described.push_back(s + " (" + d->class_label + ")");
        } else {
            described.push_back(s.substr(0, s.size() - 1) + ", " + d->class_label + ")");
        }
    }
    throw unknown_drug_error(std::string(name), std::move(near), std::move(described));
}

std::shared_ptr<const drug> database::share(std::string_view name) const {
    return std::shared_ptr<const drug>(drugs_, &get(name));  // aliases the list: no copy
}

std::vector<std::string> database::suggestions(std::string_view name, std::size_t limit) const {
    const std::string query = detail::name_key(name);
    if (query.empty()) return {};
    // Only a slip is suggested: one edit (a swap counts as one) in a name of up to eight
    // letters, two in a longer one; a prefix of 3+ letters ("venla") also counts. A wider
    // net offers another drug as if it were a typo (issue 10: lithium -> Librium, clonidine
    // -> clozapine, fluvoxamine -> fluoxetine are 2-3 edits apart and different drugs).
    const std::size_t budget = query.size() <= 8 ? 1 : 2;
    struct candidate {
        std::size_t distance;
        std::string label;
        std::size_t drug_index;
    };
    std::vector<candidate> found;
    const auto all = drugs();
    for (std::size_t i = 0; i < all.size(); ++i) {
        const auto& d = all[i];
        auto consider = [&](const std::string& spelling, bool is_generic) {
            const std::string key = detail::name_key(spelling);
            std::size_t dist = edit_distance(query, key);
            if (query.size() >= 3 && key.starts_with(query)) dist = std::min<std::size_t>(dist, 1);
            if (dist > budget) return;
            found.push_back({dist, is_generic ? d.name : spelling + " (" + d.name + ")", i});
        };
        consider(d.name, true);
        for (const auto& a : d.aliases) consider(a, false);
        for (const auto& b : d.brand_names) consider(b, false);
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const candidate& a, const candidate& b) { return a.distance < b.distance; });
    std::vector<std::string> out;
    std::vector<std::size_t> drugs_named;
    for (const auto& c : found) {
        if (out.size() >= limit) break;
        if (std::find(drugs_named.begin(), drugs_named.end(), c.drug_index) != drugs_named.end())
            continue;  // one suggestion per drug: its nearest spelling
        drugs_named.push_back(c.drug_index);
        out.push_back(c.label);
    }
    return out;
}

}  // namespace taper
