#include "coordinator/offline_commands.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>
#include <iostream>

#include "core/fingerprint.hpp"
#include "output/run_index.hpp"
#include "phase3/phase3_import.hpp"
#include "store/input_store.hpp"
#include "synth/phase3_writer.hpp"

namespace nba {

int synth_command(const SynthCommandOptions& o) {
  synth::SynthOptions so;
  so.seed = o.seed;
  so.first_season = o.first_season;
  so.seasons = o.seasons;
  so.roster_scale = o.roster_scale;
  const synth::League league = synth::generate_league(so);
  const auto counts = synth::write_phase3_csv(league, o.out_dir);
  spdlog::info("synthetic league (seed {}): {} seasons from {}, {} teams, {} players, {} games, {} player rows -> {}",
               o.seed, o.seasons, o.first_season, league.teams.size(), league.players.size(), counts.games,
               counts.player_rows, o.out_dir);
  if (!o.store.empty()) return import_command(o.out_dir, o.store);
  return 0;
}

int import_command(const std::string& from_dir, const std::string& store) {
  const auto t0 = std::chrono::steady_clock::now();
  ImportResult r = import_phase3_dir(from_dir);
  for (const auto& w : r.warnings) spdlog::warn("{}", w);
  if (auto parent = std::filesystem::path(store).parent_path(); !parent.empty())
    std::filesystem::create_directories(parent);
  write_input_store(store, r.data);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  for (const auto& t : r.data.tables) spdlog::info("  {:<30} {:>8} rows", t.name(), t.rows());
  spdlog::info("imported {} -> {} (fingerprint {}) in {:.2f}s", from_dir, store, to_hex64(r.data.fingerprint), s);
  return 0;
}

int digest_command(const std::string& index_path) {
  for (const auto& d : digest_index(index_path)) std::cout << d.dataset << " " << d.rows << " " << d.hash << "\n";
  return 0;
}

}  // namespace nba
