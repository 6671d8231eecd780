#include "processors/processor_table.hpp"

#include "core/errors.hpp"

namespace nba {

const std::vector<std::string>& processor_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& p : kProcessors) v.emplace_back(p.name);
    return v;
  }();
  return names;
}

std::optional<ProcessorId> processor_id(std::string_view name) {
  for (std::size_t i = 0; i < kProcessorCount; ++i)
    if (kProcessors[i].name == name) return static_cast<ProcessorId>(i);
  return std::nullopt;
}

std::vector<std::string> dependency_closure(const std::vector<std::string>& requested) {
  if (requested.empty()) return processor_names();
  std::uint32_t needed = 0;
  for (const auto& name : requested) {
    const auto id = processor_id(name);
    if (!id) {
      std::string known;
      for (const auto& p : kProcessors) known += (known.empty() ? "" : ", ") + std::string(p.name);
      throw UsageError("unknown processor '" + name + "' (" + known + ")");
    }
    needed |= 1u << *id;
  }
  // Walking back from the last, each needed processor adds what it reads (DAG order).
  for (std::size_t i = kProcessorCount; i-- > 0;)
    if (needed >> i & 1u) needed |= kProcessors[i].reads;
  std::vector<std::string> out;
  for (std::size_t i = 0; i < kProcessorCount; ++i)
    if (needed >> i & 1u) out.emplace_back(kProcessors[i].name);
  return out;
}

}  // namespace nba
