// The {filter, orderBy, range} query convention shared by every get<Plural> method (api §3).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ngnpro::core {

struct OrderBy {
  std::string attribute;     // a field name of the entity; unknown falls back to the natural key
  bool descending = false;   // "DESC" in any case; anything else is ascending
};

struct Range {
  std::int64_t start = 0;    // 0-based offset
  std::int64_t count = 0;    // page size; <= 0 means all rows
};

template <class T>
struct Page {
  std::int64_t total = 0;    // rows matching the filter, ignoring the range
  std::vector<T> rows;
};

}  // namespace ngnpro::core
