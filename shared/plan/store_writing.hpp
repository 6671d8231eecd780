#pragma once
// Writing an input store with what the processors' rules add to the rows
// (store/input_store.hpp StoreFacts): per-day input hashes, each season's
// reach and the source-hash picks each season carries in. `import` and `synth`
// write stores this way.
#include <string>

#include "store/input_store.hpp"

namespace nba {

StoreFacts store_facts(const Phase3Data& data);
// write_input_store(path, data, store_facts(data)); returns the store's fingerprint.
std::string write_store_of(const std::string& path, const Phase3Data& data);

}  // namespace nba
