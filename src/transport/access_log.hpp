// The access log line: one per answered request, built from the connection's view of the
// request and the SOAP engine's AccessInfo. Every field a client can influence goes through
// core::log_safe(), so a user name holding "\n" or 3 MB stays one bounded token (issue 9, d7).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "ngnpro/transport/http.hpp"

namespace ngnpro::transport {

// Five client fields of at most 128 bytes plus their "…(+N bytes)" keep a line near 1 KiB;
// this is the backstop should a field be added unbounded.
inline constexpr std::size_t kMaxAccessLineBytes = 2048;

struct AccessRecord {
  std::string_view peer;
  bool tls = false;
  std::string_view method;
  std::string_view path;
  int status = 0;
  AccessInfo access;
  std::chrono::microseconds elapsed{0};
};

// "peer=… tls=0 method=POST path=/ngnpro/ status=200 op=… caller=… as=0 fault=0 us=…"
std::string access_line(const AccessRecord& record);

// One field of a log line: core::log_safe(value), or "-" when empty so that the field is
// still there for whoever splits the line on spaces.
std::string log_field(std::string_view value);

}  // namespace ngnpro::transport
