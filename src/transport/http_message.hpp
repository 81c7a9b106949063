// Writing a response head. Every response carries Content-Length and is never chunked:
// PEAR SOAP reads until EOF and does no chunked decoding (api §2.2).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ngnpro::transport {

enum class ConnectionHeader { kNone, kKeepAlive, kClose };

struct ResponseHead {
  int status = 200;
  std::string_view content_type;  // omitted when empty
  std::size_t content_length = 0;
  ConnectionHeader connection = ConnectionHeader::kNone;
  std::string_view allow;         // omitted when empty
};

std::string_view reason_phrase(int status);
std::string serialize(const ResponseHead& head);

}  // namespace ngnpro::transport
