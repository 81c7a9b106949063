#include "ngnpro/core/dns_name.hpp"

namespace ngnpro::core {

namespace {

bool is_ldh(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-';
}

struct Syntax {
  bool underscore = false;  // a label may start with '_'
  bool wildcard = false;    // the first label may be "*"
};

std::optional<std::string> parse(std::string_view text, Syntax syntax) {
  if (!text.empty() && text.back() == '.') text.remove_suffix(1);
  if (text.empty() || text.size() > kMaxDnsNameBytes) return std::nullopt;
  std::string name;
  name.reserve(text.size());
  if (syntax.wildcard && (text == "*" || text.substr(0, 2) == "*.")) {
    name.push_back('*');
    text.remove_prefix(1);
    if (text.empty()) return name;
    name.push_back('.');
    text.remove_prefix(1);
    if (text.empty()) return std::nullopt;
  }
  std::size_t label = 0;
  for (const char raw : text) {
    const char ch = (raw >= 'A' && raw <= 'Z') ? static_cast<char>(raw - 'A' + 'a') : raw;
    if (ch == '.') {
      if (label == 0 || name.back() == '-') return std::nullopt;
      label = 0;
    } else {
      const bool service = ch == '_' && syntax.underscore && label == 0;
      if ((!is_ldh(ch) && !service) || ++label > kMaxDnsLabelBytes) return std::nullopt;
      if (ch == '-' && (label == 1 || name.back() == '_')) return std::nullopt;
    }
    name.push_back(ch);
  }
  if (label == 0 || name.back() == '-' || name.back() == '_') return std::nullopt;
  return name;
}

}  // namespace

std::optional<std::string> host_name(std::string_view text) { return parse(text, {}); }
std::optional<std::string> owner_name(std::string_view text) { return parse(text, {true, true}); }
std::optional<std::string> target_name(std::string_view text) { return parse(text, {true, false}); }

}  // namespace ngnpro::core
