#include "ledger/run_ledger.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/errors.hpp"

namespace nba {

namespace {

nlohmann::json to_json(const LedgerRecord& r) {
  nlohmann::json j = {{"run_id", r.run_id},
                      {"processor", r.processor},
                      {"date", r.date},
                      {"status", r.status},
                      {"rows", r.rows},
                      {"entities", r.entities},
                      {"failures", r.failures},
                      {"attempt", r.attempt},
                      {"seconds", r.seconds},
                      {"code_version", r.code_version},
                      {"input_fingerprint", r.input_fingerprint},
                      {"options_fingerprint", r.options_fingerprint}};
  if (!r.shard.empty()) j["shard"] = r.shard;
  if (!r.shard_crc32.empty()) j["shard_crc32"] = r.shard_crc32;
  if (!r.error.empty()) j["error"] = r.error;
  if (r.bootstrap) j["bootstrap"] = true;
  if (r.preflight_skipped) j["preflight_skipped"] = true;
  return j;
}

LedgerRecord from_json(const nlohmann::json& j) {
  LedgerRecord r;
  r.run_id = j.at("run_id");
  r.processor = j.at("processor");
  r.date = j.at("date");
  r.status = j.at("status");
  r.rows = j.at("rows");
  r.entities = j.at("entities");
  r.failures = j.at("failures").get<FailureCounts>();
  r.attempt = j.at("attempt");
  r.seconds = j.at("seconds");
  r.code_version = j.at("code_version");
  r.input_fingerprint = j.at("input_fingerprint");
  r.options_fingerprint = j.at("options_fingerprint");
  r.shard = j.value("shard", "");
  r.shard_crc32 = j.value("shard_crc32", "");
  r.error = j.value("error", "");
  r.bootstrap = j.value("bootstrap", false);
  r.preflight_skipped = j.value("preflight_skipped", false);
  return r;
}

}  // namespace

RunLedger RunLedger::load(const std::string& out_dir) {
  RunLedger l;
  l.path_ = (std::filesystem::path(out_dir) / "ledger.jsonl").string();
  std::ifstream in(l.path_, std::ios::binary);
  if (!in) return l;
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t pos = 0;
  long line = 0;
  while (pos < content.size()) {
    ++line;
    const std::size_t nl = content.find('\n', pos);
    const bool complete = nl != std::string::npos;
    const std::string text = content.substr(pos, complete ? nl - pos : std::string::npos);
    pos = complete ? nl + 1 : content.size();
    if (text.empty()) {
      if (complete) l.valid_bytes_ = pos;
      continue;
    }
    try {
      LedgerRecord r = from_json(nlohmann::json::parse(text));
      l.latest_[{r.processor, r.date}] = std::move(r);
      if (complete) l.valid_bytes_ = pos;
    } catch (const std::exception& e) {
      // Only an unterminated last line can come from a crash mid-append.
      if (!complete) {
        ++l.torn_;
        continue;
      }
      throw InputError(l.path_, line, "", std::string("corrupt ledger line: ") + e.what());
    }
  }
  return l;
}

void RunLedger::append(std::vector<LedgerRecord> records) {
  if (records.empty()) return;
  std::string text;
  for (auto& r : records) {
    auto it = latest_.find({r.processor, r.date});
    r.attempt = it == latest_.end() ? 1 : it->second.attempt + 1;
    text += to_json(r).dump() + "\n";
  }
  // A torn tail (crash mid-append) is cut back to the last complete line first.
  if (torn_ > 0 && ::truncate(path_.c_str(), static_cast<off_t>(valid_bytes_)) != 0)
    throw std::runtime_error("cannot repair torn ledger " + path_ + ": " + std::strerror(errno));
  const int fd = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT, 0644);
  if (fd < 0) throw std::runtime_error("cannot open ledger " + path_ + ": " + std::strerror(errno));
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      const int saved = errno;
      // Cut a partial batch back off (disk full mid-write): the file must end
      // on a complete line, or the next append would glue onto a torn one.
      if (::ftruncate(fd, static_cast<off_t>(valid_bytes_)) != 0) torn_ = 1;
      ::close(fd);
      throw std::runtime_error("cannot append to ledger " + path_ + ": " + std::strerror(saved));
    }
    done += static_cast<std::size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  const int sync_errno = errno;
  const bool closed = ::close(fd) == 0;
  if (!synced || !closed) {
    const int saved = synced ? errno : sync_errno;
    if (::truncate(path_.c_str(), static_cast<off_t>(valid_bytes_)) != 0) torn_ = 1;
    throw std::runtime_error("cannot sync ledger " + path_ + ": " + std::strerror(saved));
  }
  torn_ = 0;
  valid_bytes_ += text.size();
  for (auto& r : records) latest_[{r.processor, r.date}] = std::move(r);
}

const LedgerRecord* RunLedger::latest(const std::string& processor, const std::string& date) const {
  auto it = latest_.find({processor, date});
  return it == latest_.end() ? nullptr : &it->second;
}

}  // namespace nba
