#pragma once
// The drug database: the embedded default, plus a user's own formulary laid over it.
//
//   auto db = taper::database::embedded();          // needs no file at run time
//   db.overlay_file("local-formulary.json");         // add drugs or override fields
//   const taper::drug& d = db.get("Cipramil");       // name, alias or brand, any case
//
// A database is a plain value: copy it, keep several. Reading it from many threads at once
// is safe; changing it (overlay_*) needs the usual exclusive access.
#include <taper/drugs/drug.hpp>

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace taper {

class database {
public:
    /// An empty database.
    database() = default;

    /// The reviewed default data compiled into the library (data/drugs.json).
    static const database& embedded();

    /// Lay a formulary (JSON text) over this database. `origin` names it in errors.
    /// Strong guarantee: on formulary_error the database is unchanged.
    void overlay_json(std::string_view json_text, std::string_view origin = "<string>");
    /// The same, reading a file. A file that cannot be read is a formulary_error too.
    /// The path is a std::string so that this header need not include <filesystem> (a tenth
    /// of the umbrella header's compile time); a std::filesystem::path converts to it.
    void overlay_file(const std::string& file);

    /// By name, alias or brand name, ignoring case and surrounding spaces.
    /// Throws unknown_drug_error with "did you mean" suggestions.
    const drug& get(std::string_view name) const;
    /// The same, or nullptr.
    const drug* find(std::string_view name) const noexcept;
    /// The drug as a shared value, for what must outlive this database (a plan keeps its
    /// drug). Shares the database's storage: no copy, and a later overlay does not change
    /// it. Throws unknown_drug_error as get() does.
    std::shared_ptr<const drug> share(std::string_view name) const;
    /// Up to `limit` known names close to `name` (edit distance), nearest first.
    std::vector<std::string> suggestions(std::string_view name, std::size_t limit = 3) const;

    std::span<const drug> drugs() const noexcept {
        return drugs_ ? std::span<const drug>(*drugs_) : std::span<const drug>();
    }
    std::size_t size() const noexcept { return drugs_ ? drugs_->size() : 0; }

private:
    // Copy-on-write: an overlay builds a new list, so a drug shared with a plan stays as it
    // was, and copying a database copies one pointer. Null while empty.
    std::shared_ptr<const std::vector<drug>> drugs_;
    // Lower-case name, alias or brand -> position in drugs_; built with the list and shared
    // as it is. Defined in database.cpp, so that the header does not instantiate a hash map
    // in every translation unit that includes it.
    struct name_index;
    std::shared_ptr<const name_index> index_;
    static std::shared_ptr<const name_index> index_of(const std::vector<drug>& all);
};

}  // namespace taper
