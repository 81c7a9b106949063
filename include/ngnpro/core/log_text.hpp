// Client text in log lines. A log line is one line of space-separated key=value fields read by
// people and by tools; a client's user name, path or SOAP operation must not be able to end it
// early, forge another line or field, drive a terminal, or make a megabyte-long line. Every
// layer that logs text it did not write itself passes it through log_safe().
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ngnpro::core {

inline constexpr std::size_t kMaxLogFieldBytes = 128;

// Every byte outside printable ASCII (controls, space, DEL, and every byte >= 0x80, so no
// Unicode line separator or bidi override either) becomes \xNN; '\' becomes \\ and '"' becomes
// \", so the escaping is reversible and a value stays one token, quoted or not. At most
// max_bytes of escaped text are kept, never half an escape; what is cut is counted in a
// "…(+N bytes)" suffix, N being the input bytes not shown.
std::string log_safe(std::string_view client_text, std::size_t max_bytes = kMaxLogFieldBytes);

// The spdlog pattern main() installs with spdlog::pattern_time_type::utc: ISO-8601 timestamps
// in UTC that carry their offset (2026-12-04T17:24:14.123+00:00), whatever the host's TZ is.
inline constexpr const char* kLogPattern = "%Y-%m-%dT%H:%M:%S.%e%z [%l] %v";

}  // namespace ngnpro::core
