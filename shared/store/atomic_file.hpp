#pragma once
// "Appear whole or not at all": every output file is written under a temporary
// name in the same directory and renamed into place only after it was closed
// and flushed, so a crash or a full disk never leaves a half-written file
// under a final name.
#include <string>
#include <vector>

namespace nba {

// Temporary sibling of `final_path` unique to this process: <final>.tmp.<host>.<pid>
std::string temp_path_for(const std::string& final_path);
// Asks the kernel to start writing a closed temp file to disk now, without
// waiting: a later commit_temp_file's fsync then finds little left to flush.
// Only a hint; errors are left for that fsync to report.
void start_writeback(const std::string& tmp_path) noexcept;
// fsync(tmp), rename(tmp, final), fsync(directory). Throws with the path on
// failure, after removing the temp file (a failed commit leaves nothing behind).
void commit_temp_file(const std::string& tmp_path, const std::string& final_path);
// Writes text to a temp file and commits it.
void write_text_atomically(const std::string& final_path, const std::string& text);
// Removes a temp file left behind by a failed write (never throws).
void discard_temp_file(const std::string& tmp_path) noexcept;

// Checks, before any work, that `path` can take a file this program will write
// later: it is not a directory ("... is a directory; name <file_kind>") and its
// folder exists (created when `create_folder`) and is writable. Throws
// UsageError naming `option`.
void check_output_file_path(const std::string& option, const std::string& path, const std::string& file_kind,
                            bool create_folder);

// True for a name temp_path_for makes: <final>.tmp.<host>.<pid>.
bool is_temp_file_name(const std::string& file_name);
// Removes the temp files of runs that died before committing them (a killed
// worker's shard, a killed index rebuild): every file named as temp_path_for
// names them in `dir` and below. Only for a folder this process holds the lock
// of, before anything of its own is written there. Returns the removed paths.
std::vector<std::string> remove_abandoned_temp_files(const std::string& dir);

}  // namespace nba
