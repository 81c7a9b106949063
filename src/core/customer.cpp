#include "ngnpro/core/customer.hpp"

namespace ngnpro::core {

Permission parse_permission(const std::string& text) {
  if (text == "admin") return Permission::kAdmin;
  if (text == "reseller") return Permission::kReseller;
  return Permission::kCustomer;  // api §8.6: "anything else (customer)"
}

const char* to_string(Permission permission) {
  switch (permission) {
    case Permission::kAdmin: return "admin";
    case Permission::kReseller: return "reseller";
    case Permission::kCustomer: break;
  }
  return "customer";
}

}  // namespace ngnpro::core
