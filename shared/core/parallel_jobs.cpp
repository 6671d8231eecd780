#include "core/parallel_jobs.hpp"

#include <sched.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>

namespace nba {

unsigned usable_cores() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) return std::max(1, CPU_COUNT(&set));
  return std::max(1u, std::thread::hardware_concurrency());
}

void run_jobs(const std::vector<std::size_t>& order, const std::function<void(std::size_t)>& job, unsigned threads) {
  const std::size_t n = order.empty() ? 0 : *std::max_element(order.begin(), order.end()) + 1;
  std::vector<std::exception_ptr> errors(n);
  std::atomic<std::size_t> next{0};
  auto drain = [&] {
    for (std::size_t k; (k = next.fetch_add(1)) < order.size();) {
      try {
        job(order[k]);
      } catch (...) {
        errors[order[k]] = std::current_exception();
      }
    }
  };
  const std::size_t extra = std::min<std::size_t>(std::max(1u, threads), order.size()) - (order.empty() ? 0 : 1);
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < extra; ++t) pool.emplace_back(drain);
  drain();  // this thread works too
  for (auto& t : pool) t.join();
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace nba
