#include "phase3/table_files.hpp"

#include <algorithm>
#include <filesystem>

#include "core/errors.hpp"

namespace nba {

namespace fs = std::filesystem;

namespace {

bool is_csv_name(const std::string& name) {
  return name.ends_with(".csv") || name.ends_with(".csv.gz");
}

std::string stem_of(const std::string& name) {  // without .csv / .csv.gz
  return name.substr(0, name.size() - (name.ends_with(".csv.gz") ? 7 : 4));
}

// `<table>-<digits>`: what `bq extract ... gs://bucket/<table>-*.csv.gz` names its files.
bool is_shard_of(const std::string& stem, const std::string& table) {
  if (stem.size() <= table.size() + 1 || !stem.starts_with(table) || stem[table.size()] != '-') return false;
  return std::all_of(stem.begin() + static_cast<long>(table.size()) + 1, stem.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

// Files of `folder` for which `keep(name)` holds, sorted by name. The
// error_code forms: a symlink loop or an unreadable folder is bad input, not a crash.
template <class Keep>
std::vector<std::string> list_files(const fs::path& folder, Keep keep) {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code type_ec;
    if (keep(name) && !it->is_directory(type_ec)) names.push_back(name);
  }
  if (ec) throw InputError(folder.string(), 0, "", "cannot read folder: " + ec.message());
  std::sort(names.begin(), names.end());
  std::vector<std::string> paths;
  for (const auto& n : names) paths.push_back((folder / n).string());
  return paths;
}

struct Layouts {
  std::vector<std::string> single, shards, folder;
};

Layouts find_layouts(const std::string& dir, const std::string& table) {
  Layouts l;
  l.single = list_files(dir, [&](const std::string& n) { return n == table + ".csv" || n == table + ".csv.gz"; });
  l.shards = list_files(dir, [&](const std::string& n) { return is_csv_name(n) && is_shard_of(stem_of(n), table); });
  std::error_code ec;
  const fs::path folder = fs::path(dir) / table;
  if (fs::is_directory(folder, ec)) l.folder = list_files(folder, is_csv_name);
  return l;
}

}  // namespace

std::vector<std::string> locate_table_files(const std::string& dir, const std::string& table) {
  const Layouts l = find_layouts(dir, table);
  if (l.single.size() > 1)
    throw InputError(dir, 0, "",
                     "both " + table + ".csv and " + table + ".csv.gz exist; keep one so the input is unambiguous");
  const std::pair<const std::vector<std::string>*, const char*> forms[] = {
      {&l.single, "the file"}, {&l.shards, "the shards"}, {&l.folder, "the folder"}};
  const std::pair<const std::vector<std::string>*, const char*>* found = nullptr;
  for (const auto& f : forms) {
    if (f.first->empty()) continue;
    if (found)
      throw InputError(dir, 0, "",
                       "table " + table + " is there twice: " + found->second + " " + found->first->front() + " and " +
                           f.second + " " + f.first->front() + "; keep one layout so the input is unambiguous");
    found = &f;
  }
  if (!found) {
    std::error_code ec;
    if (fs::is_directory(fs::path(dir) / table, ec))
      throw InputError((fs::path(dir) / table).string(), 0, "", "folder of table " + table + " holds no .csv or .csv.gz file");
    throw InputError(dir, 0, "",
                     "missing input table: expected " + table + ".csv[.gz], shards " + table +
                         "-NNNNNNNNNNNN.csv[.gz] or a folder " + table + "/");
  }
  return *found->first;
}

bool table_files_exist(const std::string& dir, const std::string& table) {
  const Layouts l = find_layouts(dir, table);
  std::error_code ec;
  return !l.single.empty() || !l.shards.empty() || fs::is_directory(fs::path(dir) / table, ec);
}

}  // namespace nba
