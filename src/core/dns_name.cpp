#include "ngnpro/core/dns_name.hpp"

namespace ngnpro::core {

namespace {

bool is_ldh(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-';
}

}  // namespace

std::optional<std::string> host_name(std::string_view text) {
  if (!text.empty() && text.back() == '.') text.remove_suffix(1);
  if (text.empty() || text.size() > kMaxDnsNameBytes) return std::nullopt;
  std::string name;
  name.reserve(text.size());
  std::size_t label = 0;
  for (const char raw : text) {
    const char ch = (raw >= 'A' && raw <= 'Z') ? static_cast<char>(raw - 'A' + 'a') : raw;
    if (ch == '.') {
      if (label == 0 || name.back() == '-') return std::nullopt;
      label = 0;
    } else {
      if (!is_ldh(ch) || ++label > kMaxDnsLabelBytes) return std::nullopt;
      if (ch == '-' && label == 1) return std::nullopt;
    }
    name.push_back(ch);
  }
  if (label == 0 || name.back() == '-') return std::nullopt;
  return name;
}

}  // namespace ngnpro::core
