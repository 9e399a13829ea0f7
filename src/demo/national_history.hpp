#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "assessment/framework_registry.hpp"
#include "core/clock.hpp"
#include "services/procedure_catalog.hpp"
#include "storage/database.hpp"

namespace sen::demo {

// A synthetic but realistic national history for the demo and the benchmarks: officials of the
// communes, citizens, 24 months of dossiers with Tết's dip, an online share rising over time,
// on-time rates varying by place (a few places clearly off track, so warnings fire), payments and
// ratings, DX assessments across industries and sizes, and imported statistics (some reported on the
// units before 1 July 2025). Deterministic for a seed and a `now`. Written through the storage
// layer's bulk path (storage/bulk_load.hpp), one batch written while the next is made, with the list
// counters added once at the end. A marker row says "loading" until the last row is in, so an
// interrupted load is refused rather than taken for a whole one.
enum class Scale {
  kSmall,     // about 50,000 dossiers in five communes of every province
  kNational,  // about 10 million dossiers in all 3,321 communes, 500,000 assessments
};

struct HistoryOptions {
  Scale scale = Scale::kSmall;
  std::uint64_t seed = 1;
  std::function<void(std::size_t done, std::size_t total)> progress;
  std::function<void(std::string_view what)> stage;  // a long step without a count, e.g. building indexes
};

struct HistoryOutcome {
  bool already_loaded = false;
  std::size_t dossiers = 0, events = 0, assessments = 0, citizens = 0, officials = 0, statistics = 0;
};

// Loads the history once into a database holding the pack; a second call finds it and does nothing.
Result<HistoryOutcome> load_national_history(storage::Database& db, const services::ProcedureCatalog& catalog,
                                             const assessment::FrameworkRegistry& frameworks,
                                             const std::filesystem::path& pack_dir, const Clock& clock,
                                             const HistoryOptions& options);

}  // namespace sen::demo
