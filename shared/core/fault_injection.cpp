#include "core/fault_injection.hpp"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <stdexcept>
#include <thread>

namespace nba::fault {

void before_date(const std::string& iso_date) {
  if (const char* delay = std::getenv("NBA_FAULT_DATE_DELAY_MS"))
    std::this_thread::sleep_for(std::chrono::milliseconds(std::atol(delay)));
  if (const char* poison = std::getenv("NBA_FAULT_FAIL_DATE"); poison && iso_date == poison)
    throw std::runtime_error("injected failure for " + iso_date + " (NBA_FAULT_FAIL_DATE)");
  if (const char* crash = std::getenv("NBA_FAULT_CRASH_DATE"); crash && iso_date == crash) std::raise(SIGKILL);
}

void after_unit_recorded() {
  static const char* env = std::getenv("NBA_FAULT_KILL_COORDINATOR_AFTER_UNITS");
  static const long kill_after = env ? std::atol(env) : -1;
  static long recorded = 0;
  if (++recorded == kill_after) std::raise(SIGKILL);
}

void before_worker_ready(int rank) {
  if (const char* env = std::getenv("NBA_FAULT_UNUSABLE_RANK"); env && std::atoi(env) == rank)
    throw std::runtime_error("injected: this worker cannot work (NBA_FAULT_UNUSABLE_RANK)");
}

}  // namespace nba::fault
