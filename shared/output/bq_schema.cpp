#include "output/bq_schema.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "processors/processor_table.hpp"

namespace nba {

extern const std::string_view kBqSchemasJson;

namespace {

const nlohmann::ordered_json& schemas_json() {
  static const nlohmann::ordered_json j = nlohmann::ordered_json::parse(kBqSchemasJson);
  return j;
}

BqField field_of(const nlohmann::ordered_json& f) {
  BqField b;
  b.name = f.at("name").get<std::string>();
  b.type = f.at("type").get<std::string>();
  b.mode = f.value("mode", std::string("NULLABLE"));
  auto number = [&](const char* key) {
    if (!f.contains(key)) return 0;
    return f[key].is_string() ? std::stoi(f[key].get<std::string>()) : f[key].get<int>();
  };
  b.precision = number("precision");
  b.scale = number("scale");
  if (f.contains("fields"))
    for (const auto& sub : f["fields"]) b.fields.push_back(field_of(sub));
  return b;
}

}  // namespace

std::optional<std::string_view> bq_table_of(std::string_view processor) {
  const auto id = processor_id(processor);
  if (!id) return std::nullopt;
  return kProcessors[*id].bq_table;
}

const std::vector<BqField>& bq_schema(std::string_view bq_table) {
  static const std::map<std::string, std::vector<BqField>, std::less<>> schemas = [] {
    std::map<std::string, std::vector<BqField>, std::less<>> m;
    for (const auto& [table, fields] : schemas_json().items())
      for (const auto& f : fields) m[table].push_back(field_of(f));
    return m;
  }();
  const auto it = schemas.find(bq_table);
  if (it == schemas.end()) throw std::out_of_range("no BigQuery schema for table " + std::string(bq_table));
  return it->second;
}

std::string bq_schema_json(std::string_view bq_table) {
  const auto& j = schemas_json();
  const std::string key(bq_table);
  if (!j.contains(key)) throw std::out_of_range("no BigQuery schema for table " + key);
  return j[key].dump(2) + "\n";
}

}  // namespace nba
