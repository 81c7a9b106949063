#include "ngnpro/core/log_text.hpp"

#include <algorithm>

namespace ngnpro::core {

std::string log_safe(std::string_view client_text, std::size_t max_bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(std::min(client_text.size(), max_bytes));
  std::size_t shown = 0;
  for (; shown < client_text.size(); ++shown) {
    const auto byte = static_cast<unsigned char>(client_text[shown]);
    char escaped[4];
    std::size_t length = 2;
    if (byte == '\\' || byte == '"') {
      escaped[0] = '\\';
      escaped[1] = static_cast<char>(byte);
    } else if (byte > 0x20 && byte < 0x7f) {
      escaped[0] = static_cast<char>(byte);
      length = 1;
    } else {
      escaped[0] = '\\';
      escaped[1] = 'x';
      escaped[2] = kHex[byte >> 4];
      escaped[3] = kHex[byte & 0xf];
      length = 4;
    }
    if (out.size() + length > max_bytes) break;
    out.append(escaped, length);
  }
  if (shown < client_text.size()) {
    out += "…(+";
    out += std::to_string(client_text.size() - shown);
    out += " bytes)";
  }
  return out;
}

}  // namespace ngnpro::core
