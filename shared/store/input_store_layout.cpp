#include "store/input_store_layout.hpp"

#include "core/errors.hpp"
#include "core/fingerprint.hpp"

namespace nba::layout {

std::string planning_checksum(const std::vector<std::int64_t>& days, const std::vector<std::int64_t>& hashes) {
  Fingerprint fp;
  fp.add_bytes(days.data(), days.size() * sizeof(std::int64_t));
  fp.add_bytes(hashes.data(), hashes.size() * sizeof(std::int64_t));
  return fp.hex();
}

void write_blocks(hid_t file, const InputBlocks& blocks) {
  h5::Handle g = h5::create_group(file, kBlocks);
  h5::write_i64(g.id(), "season", blocks.season);
  h5::write_i64(g.id(), "reach", blocks.reach);
  h5::write_i64(g.id(), "checksum", blocks.checksum);
  h5::write_i64(g.id(), "string_begin", blocks.string_begin);
  for (const auto& [group, per_table] : {std::pair{"rows", &blocks.rows}, {"carried_processed_at", &blocks.carried_processed_at},
                                         {"carried_hash", &blocks.carried_hash}}) {
    h5::Handle sub = h5::create_group(g.id(), group);
    for (const auto& [table, v] : *per_table) h5::write_i64(sub.id(), table, v);
  }
}

InputBlocks read_blocks(const std::string& path, hid_t file) {
  if (!h5::exists(file, kBlocks)) throw InputError(path, 0, kBlocks, "input store lacks its season blocks (re-import)");
  h5::Handle g = h5::open_group(file, kBlocks);
  InputBlocks b;
  b.season = h5::read_i64(g.id(), "season");
  b.reach = h5::read_i64(g.id(), "reach");
  b.checksum = h5::read_i64(g.id(), "checksum");
  b.string_begin = h5::read_i64(g.id(), "string_begin");
  const std::size_t n = b.season.size();
  auto bad = [&](const std::string& what) { return InputError(path, 0, kBlocks, what + " (corrupt file?)"); };
  if (b.reach.size() != n || b.checksum.size() != n || b.string_begin.size() != n + 1)
    throw bad("block arrays differ in length");
  for (const auto& [group, per_table, length] :
       {std::tuple{"rows", &b.rows, n + 1}, {"carried_processed_at", &b.carried_processed_at, n},
        {"carried_hash", &b.carried_hash, n}}) {
    h5::Handle sub = h5::open_group(g.id(), group);
    for (const std::string& table : h5::list_children(sub.id())) {
      auto& v = (*per_table)[table] = h5::read_i64(sub.id(), table);
      if (v.size() != length) throw bad(std::string(group) + "/" + table + " has the wrong length");
    }
  }
  return b;
}

}  // namespace nba::layout
