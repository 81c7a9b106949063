#include "ngnpro/core/text_limits.hpp"

#include "ngnpro/core/error.hpp"

namespace ngnpro::core {

void require_length(std::string_view value, std::size_t max, std::string_view field) {
  if (value.size() > max)
    throw Error{ErrorCode::kInvalidArgument,
                std::string{field} + " is longer than " + std::to_string(max) + " bytes (" +
                    std::to_string(value.size()) + " given)"};
}

std::string excerpt(std::string_view client_text, std::size_t max_bytes) {
  if (client_text.size() <= max_bytes) return std::string{client_text};
  std::size_t cut = max_bytes;
  // Back up over continuation bytes (10xxxxxx) so that no character is split.
  while (cut > 0 && (static_cast<unsigned char>(client_text[cut]) & 0xC0) == 0x80) --cut;
  return std::string{client_text.substr(0, cut)} + "…";
}

}  // namespace ngnpro::core
