#include "store/input_store.hpp"

#include <map>
#include <stdexcept>

#include "core/errors.hpp"
#include "core/fingerprint.hpp"
#include "store/atomic_file.hpp"
#include "store/hdf5_file.hpp"

namespace nba {

namespace {

// Per-day input hashes (plan/input_fingerprints.hpp) under /planning, with a checksum of
// their own: rank 0 plans from them without reading the tables, whose content
// only the workers verify.
std::string planning_checksum(const std::vector<std::int64_t>& days, const std::vector<std::int64_t>& hashes) {
  Fingerprint fp;
  fp.add_bytes(days.data(), days.size() * sizeof(std::int64_t));
  fp.add_bytes(hashes.data(), hashes.size() * sizeof(std::int64_t));
  return fp.hex();
}

void write_planning_hashes(hid_t file, const std::map<Day, std::uint64_t>& day_hashes) {
  std::vector<std::int64_t> days, hashes;
  for (const auto& [day, hash] : day_hashes)
    days.push_back(day), hashes.push_back(static_cast<std::int64_t>(hash));
  h5::Handle g = h5::create_group(file, "planning");
  h5::write_i64(g.id(), "day", days);
  h5::write_i64(g.id(), "day_hash", hashes);
  h5::set_attr(g.id(), "checksum", planning_checksum(days, hashes));
}

std::map<Day, std::uint64_t> read_planning_hashes(const std::string& path, hid_t file) {
  if (!h5::exists(file, "planning"))
    throw InputError(path, 0, "planning", "input store lacks its per-day hashes (re-import)");
  h5::Handle g = h5::open_group(file, "planning");
  const auto days = h5::read_i64(g.id(), "day");
  const auto hashes = h5::read_i64(g.id(), "day_hash");
  if (days.size() != hashes.size() || planning_checksum(days, hashes) != h5::get_attr_string(g.id(), "checksum"))
    throw InputError(path, 0, "planning", "per-day input hashes do not match their checksum (corrupt file?)");
  std::map<Day, std::uint64_t> out;
  for (std::size_t i = 0; i < days.size(); ++i)
    out.emplace(static_cast<Day>(days[i]), static_cast<std::uint64_t>(hashes[i]));
  return out;
}

h5::Handle open_store(const std::string& path) {
  h5::silence_hdf5_errors();
  h5::Handle file;
  try {
    file = h5::open_file_readonly(path);
  } catch (const std::exception&) {
    throw InputError(path, 0, "", "cannot open input store (run `nba-precompute import` or `synth` first)");
  }
  if (!h5::exists(file.id(), "tables")) {
    // Run outputs are HDF5 too: name what was given instead of a version mismatch.
    const std::string what = h5::has_attr(file.id(), "unit_id")  ? "a shard of a run's output"
                             : h5::has_attr(file.id(), "run_id") ? "the index of a run's output"
                                                                 : "an HDF5 file without Phase 3 tables";
    throw InputError(path, 0, "", "not an input store: this is " + what +
                                      " (--input takes the .h5 written by `nba-precompute import` or `synth`)");
  }
  if (!h5::has_attr(file.id(), "format_version"))
    throw InputError(path, 0, "", "not an input store (no format_version attribute)");
  if (const auto version = h5::get_attr_i64(file.id(), "format_version"); version != kInputStoreFormat)
    throw InputError(path, 0, "",
                     "input store format version " + std::to_string(version) + ", this build reads version " +
                         std::to_string(kInputStoreFormat) + ": re-create it with `nba-precompute import` (or `synth`)");
  return file;
}

Table read_table(const std::string& path, hid_t tables, const TableSpec& spec) {
  if (!h5::exists(tables, spec.name)) throw InputError(path, 0, spec.name, "input store lacks table");
  h5::Handle g = h5::open_group(tables, spec.name);
  Table t(spec);
  t.set_rows(static_cast<std::size_t>(h5::get_attr_i64(g.id(), "rows")));
  for (auto& c : t.columns()) {
    if (!h5::exists(g.id(), c.spec.name))
      throw InputError(path, 0, spec.name + "." + c.spec.name, "input store lacks column (re-import)");
    c.values = h5::read_i64(g.id(), c.spec.name);
    if (c.values.size() != t.rows())
      throw InputError(path, 0, spec.name + "." + c.spec.name, "column length differs from table rows");
  }
  return t;
}

}  // namespace

void write_input_store(const std::string& path, const Phase3Data& data,
                       const std::map<Day, std::uint64_t>& day_hashes) {
  h5::silence_hdf5_errors();
  const std::string tmp = temp_path_for(path);
  try {
    h5::Handle file = h5::create_file(tmp);
    h5::set_attr(file.id(), "format_version", kInputStoreFormat);
    h5::set_attr(file.id(), "fingerprint", to_hex64(data.fingerprint));
    {
      h5::Handle g = h5::create_group(file.id(), "strings");
      const std::string& b = data.strings.bytes();
      h5::write_u8(g.id(), "bytes", std::vector<std::uint8_t>(b.begin(), b.end()));
      const auto& o = data.strings.offsets();
      h5::write_i64(g.id(), "offsets", std::vector<std::int64_t>(o.begin(), o.end()));
    }
    write_planning_hashes(file.id(), day_hashes);
    h5::Handle tables = h5::create_group(file.id(), "tables");
    for (const auto& t : data.tables) {
      h5::Handle g = h5::create_group(tables.id(), t.name());
      h5::set_attr(g.id(), "rows", static_cast<std::int64_t>(t.rows()));
      for (const auto& c : t.columns()) {
        h5::write_i64(g.id(), c.spec.name, c.values);
      }
    }
    file.close_checked(tmp);
    commit_temp_file(tmp, path);
  } catch (...) {
    discard_temp_file(tmp);
    throw;
  }
}

Phase3Data read_input_store(const std::string& path) {
  h5::Handle file = open_store(path);
  Phase3Data data;
  {
    h5::Handle g = h5::open_group(file.id(), "strings");
    const auto bytes = h5::read_u8(g.id(), "bytes");
    const auto offsets = h5::read_i64(g.id(), "offsets");
    std::vector<std::size_t> at(offsets.size());
    for (std::size_t i = 0; i < offsets.size(); ++i) {
      if (offsets[i] < 0) throw InputError(path, 0, "strings", "negative string offset (corrupt file?)");
      at[i] = static_cast<std::size_t>(offsets[i]);
    }
    try {
      data.strings.assign(std::string(bytes.begin(), bytes.end()), std::move(at));
    } catch (const std::runtime_error& e) {
      throw InputError(path, 0, "strings", std::string(e.what()) + " (corrupt file?)");
    }
  }
  h5::Handle tables = h5::open_group(file.id(), "tables");
  for (const auto& spec : phase3_table_specs()) data.tables.push_back(read_table(path, tables.id(), spec));
  data.fingerprint = compute_fingerprint(data);
  if (to_hex64(data.fingerprint) != h5::get_attr_string(file.id(), "fingerprint"))
    throw InputError(path, 0, "", "input store content does not match its fingerprint (corrupt file?)");
  return data;
}

PlanningInput read_planning_input(const std::string& path) {
  h5::Handle file = open_store(path);
  PlanningInput in;
  in.fingerprint_hex = h5::get_attr_string(file.id(), "fingerprint");
  h5::Handle tables = h5::open_group(file.id(), "tables");
  for (const auto& spec : phase3_table_specs()) {
    if (spec.name == tables::kSchedule) in.schedule = read_table(path, tables.id(), spec);
    if (spec.name != tables::kPlayerGames) continue;
    h5::Handle g = h5::open_group(tables.id(), spec.name);
    in.player_game_dates = h5::read_i64(g.id(), "game_date");
    if (in.player_game_dates.size() != static_cast<std::size_t>(h5::get_attr_i64(g.id(), "rows")))
      throw InputError(path, 0, spec.name + ".game_date", "column length differs from table rows");
  }
  in.day_hashes = read_planning_hashes(path, file.id());
  return in;
}

std::vector<std::vector<std::int64_t>> read_store_columns(const std::string& path, const std::string& table,
                                                          const std::vector<std::string>& columns) {
  h5::Handle file = open_store(path);
  h5::Handle tables = h5::open_group(file.id(), "tables");
  h5::Handle g = h5::open_group(tables.id(), table);
  const auto rows = static_cast<std::size_t>(h5::get_attr_i64(g.id(), "rows"));
  std::vector<std::vector<std::int64_t>> out;
  for (const auto& c : columns) {
    out.push_back(h5::read_i64(g.id(), c));
    if (out.back().size() != rows) throw InputError(path, 0, table + "." + c, "column length differs from table rows");
  }
  return out;
}

}  // namespace nba
