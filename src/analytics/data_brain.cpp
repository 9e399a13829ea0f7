#include "analytics/data_brain.hpp"

#include <spdlog/spdlog.h>

#include "analytics/metadata_file.hpp"

namespace sen::analytics {

DataBrain::DataBrain(Inputs& in, PlaceTree tree, UnitMapping mapping, Metadata meta)
    : db_(in.db),
      config_(in.config),
      tree_(std::move(tree)),
      mapping_(std::move(mapping)),
      meta_(std::move(meta)),
      statistics_(tree_, meta_),
      dx_(tree_,
          [&aggregates = in.aggregates, framework = in.dx_framework] {
            return aggregates.standings({framework, "", ""});
          }),
      engine_(tree_, meta_, statistics_, dx_, std::move(in.service_index)),
      targets_(in.db, meta_, tree_, in.clock),
      alerts_(in.db, tree_, in.clock),
      evaluator_(engine_, targets_, alerts_),
      import_(in.db, statistics_, meta_, tree_, mapping_, in.clock),
      follower_(in.db, in.leadership, engine_, dx_, evaluator_, in.clock, config_) {}

Result<std::unique_ptr<DataBrain>> DataBrain::open(Inputs in) {
  auto tree = PlaceTree::build(in.places);
  if (!tree) return tl::unexpected(tree.error());
  auto mapping = UnitMapping::load(in.pack_dir / "admin-units" / "old-to-new.csv", *tree);
  if (!mapping) return tl::unexpected(mapping.error());
  auto meta = load_metadata(in.pack_dir / "analytics" / "indicators.json", *tree);
  if (!meta) return tl::unexpected(meta.error());
  return std::unique_ptr<DataBrain>(
      new DataBrain(in, std::move(*tree), std::move(*mapping), std::move(*meta)));
}

Status DataBrain::start() {
  const auto started = std::chrono::steady_clock::now();
  {
    auto conn = db_.acquire();
    if (!conn) return tl::unexpected(conn.error());
    if (auto ok = statistics_.load(**conn); !ok) return ok;
  }
  if (auto ok = targets_.load(); !ok) return ok;
  if (auto ok = dx_.refresh(); !ok) return ok;
  auto read = follower_.catch_up();
  if (!read) return tl::unexpected(read.error());
  const auto read_at = std::chrono::steady_clock::now();
  // The sums were kept as the events were read; recomputing them from the facts tells the operator
  // (and bench/analytics_bench.mjs) what a full rebuild costs.
  engine_.rebuild();
  const auto size = engine_.size();
  const auto ms = [](auto d) { return std::chrono::duration_cast<std::chrono::milliseconds>(d).count(); };
  spdlog::info(
      "analytics: {} dossier events read, {} facts ({} MiB), {} DX standings, in {} ms; sums rebuilt in {} "
      "ms",
      *read, size.facts, size.bytes >> 20, size.standings, ms(read_at - started),
      ms(std::chrono::steady_clock::now() - read_at));
  follower_.start();
  return {};
}

}  // namespace sen::analytics
