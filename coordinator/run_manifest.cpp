#include "coordinator/run_manifest.hpp"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/system_info.hpp"
#include "engine/unit_executor.hpp"
#include "store/atomic_file.hpp"

namespace nba {

void write_manifest(const RunPlan& plan, const std::vector<UnitOutcome>& outcomes, const ManifestFacts& facts) {
  nlohmann::json units = nlohmann::json::array();
  for (const auto& oc : outcomes) {
    const WorkUnit& u = plan.units.at(static_cast<std::size_t>(oc.report.unit_id));
    nlohmann::json j = {{"id", u.id},           {"name", u.name()}, {"dates", u.dates.size()},
                        {"rank", oc.rank},      {"status", oc.report.ok ? "done" : "failed"},
                        {"rows", oc.report.rows}, {"seconds_compute", oc.report.seconds_compute},
                        {"seconds_write", oc.report.seconds_write}};
    if (oc.report.ok) j["shard"] = shard_relative_path(u);
    else j["error"] = oc.report.error;
    units.push_back(j);
  }
  nlohmann::json hosts = nlohmann::json::object();
  for (const auto& [rank, host] : facts.hosts) hosts[std::to_string(rank)] = host;
  nlohmann::json lost = nlohmann::json::array();
  for (const auto& l : facts.lost) {
    nlohmann::json j = {{"rank", l.rank}, {"host", l.host}, {"pid", l.pid}, {"killed", l.killed}};
    if (l.unit_id >= 0) j["unit"] = plan.units.at(static_cast<std::size_t>(l.unit_id)).name();
    lost.push_back(j);
  }
  const nlohmann::json m = {{"format_version", 3},
                            {"run_id", plan.run_id},
                            {"code_version", plan.code_version},
                            {"input", plan.input_path},
                            {"input_fingerprint", plan.input_fingerprint},
                            {"options_fingerprint", plan.options_fingerprint},
                            {"partition", facts.partition},
                            {"ranks", facts.ranks},
                            {"started_utc", facts.started_utc},
                            {"finished_utc", utc_now_iso()},
                            {"hosts", hosts},
                            {"lost_workers", lost},
                            {"seconds_total", facts.seconds},
                            {"timers", facts.timers},
                            {"units", units}};
  write_text_atomically((std::filesystem::path(plan.out_dir) / "manifest.json").string(), m.dump(1) + "\n");
}

}  // namespace nba
