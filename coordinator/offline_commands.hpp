#pragma once
// Subcommands that need no MPI: generate a synthetic league, import Phase 3
// CSVs into the input store, and digest an index for byte-identity checks.
#include <cstdint>
#include <optional>
#include <string>

namespace nba {

struct SynthCommandOptions {
  std::string out_dir;
  std::uint64_t seed = 20241022;
  int first_season = 2023;
  int seasons = 2;
  double roster_scale = 1.0;
  std::string store;  // when set, import the written CSVs into this store too
};

int synth_command(const SynthCommandOptions& o);
int import_command(const std::string& from_dir, const std::string& store);
int digest_command(const std::string& index_path);

// Coverage table / gap list of an output folder against the current input store.
// Writes one processor's rows (optionally a date range) as CSV or NDJSON to `output` ("-" = stdout).
// Prints the BigQuery schema JSON of a processor's table (to a file when output != "-").
int export_schema_command(const std::string& processor, const std::string& output);
int export_command(const std::string& out_dir, const std::string& processor, const std::optional<std::string>& start,
                   const std::optional<std::string>& end, const std::string& format, const std::string& output);

int coverage_command(const std::string& store, const std::string& out_dir);
// Exit code 0 when there are no gaps, kSomeFailed when there are (so scripts can branch).
int gaps_command(const std::string& store, const std::string& out_dir, const std::string& format);

}  // namespace nba
