// Which rows a caller may see (api §8.3), as storage filters: no restriction (admin), one
// reseller's rows, or one customer's rows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace ngnpro::storage {

struct Scope {
  std::optional<std::int64_t> reseller;
  std::optional<std::int64_t> customer;
};

// Who wrote a row: the authenticated login and the customer it acted as (0: none).
struct Audit {
  std::string login;
  std::int64_t acting_as = 0;
};

}  // namespace ngnpro::storage
