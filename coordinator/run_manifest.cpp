#include "coordinator/run_manifest.hpp"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/system_info.hpp"
#include "engine/unit_report.hpp"
#include "store/atomic_file.hpp"

namespace nba {

WorkDone count_work_done(const RunPlan& plan, const std::vector<UnitOutcome>& outcomes, std::size_t not_started) {
  WorkDone w;
  w.units_planned = plan.units.size();
  for (const auto& u : plan.units) w.dates_planned += u.dates.size();
  for (const auto& oc : outcomes) {
    const std::size_t dates = plan.units.at(static_cast<std::size_t>(oc.report.unit_id)).dates.size();
    (oc.report.ok ? w.dates_done : w.dates_failed) += dates;
    ++(oc.report.ok ? w.units_done : w.units_failed);
  }
  w.units_not_started = not_started;
  return w;
}

void write_manifest(const RunPlan& plan, const std::vector<UnitOutcome>& outcomes, const ManifestFacts& facts) {
  nlohmann::json units = nlohmann::json::array();
  for (const auto& oc : outcomes) {
    const WorkUnit& u = plan.units.at(static_cast<std::size_t>(oc.report.unit_id));
    nlohmann::json j = {{"id", u.id},           {"name", u.name()}, {"dates", u.dates.size()},
                        {"rank", oc.rank},      {"status", oc.report.ok ? "done" : "failed"},
                        {"rows", oc.report.rows}, {"seconds_compute", oc.report.seconds_compute},
                        {"seconds_write", oc.report.seconds_write}};
    if (oc.report.rows_loaded > 0) j["seconds_load"] = oc.report.seconds_load, j["rows_loaded"] = oc.report.rows_loaded;
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
                            {"preflight", {{"ok", facts.preflight_ok}, {"skipped", plan.preflight_skipped}}},
                            {"bootstrap_dates_computed", plan.bootstrap_dates.size()},
                            {"ranks", facts.ranks},
                            {"started_utc", facts.started_utc},
                            {"finished_utc", utc_now_iso()},
                            {"hosts", hosts},
                            {"lost_workers", lost},
                            {"seconds_total", facts.seconds},
                            {"work",
                             {{"dates_planned", facts.work.dates_planned},
                              {"dates_done", facts.work.dates_done},
                              {"dates_failed", facts.work.dates_failed},
                              {"dates_not_done", facts.work.dates_not_done()},
                              {"units_planned", facts.work.units_planned},
                              {"units_done", facts.work.units_done},
                              {"units_failed", facts.work.units_failed},
                              {"units_not_started", facts.work.units_not_started}}},
                            {"timers", facts.timers},
                            {"units", units}};
  write_text_atomically((std::filesystem::path(plan.out_dir) / "manifest.json").string(), m.dump(1) + "\n");
}

}  // namespace nba
