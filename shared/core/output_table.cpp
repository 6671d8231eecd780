#include "core/output_table.hpp"

#include <stdexcept>

namespace nba {

std::size_t OutColumn::size() const {
  switch (kind) {
    case OutKind::F64: return f64.size();
    case OutKind::I64: return i64.size();
    case OutKind::Str: return width ? fixed.size() / width : 0;
    case OutKind::F64Matrix: return width ? f64.size() / width : 0;
    case OutKind::I8Matrix: return width ? i8.size() / width : 0;
  }
  return 0;
}

const OutColumn& OutputTable::column(const std::string& name) const {
  for (const auto& c : columns_)
    if (c.name == name) return c;
  throw std::out_of_range("output table " + name_ + " has no column " + name);
}

}  // namespace nba
