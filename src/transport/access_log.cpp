#include "access_log.hpp"

#include <spdlog/fmt/fmt.h>

#include "ngnpro/core/log_text.hpp"

namespace ngnpro::transport {

std::string log_field(std::string_view value) {
  return value.empty() ? std::string{"-"} : core::log_safe(value);
}

std::string access_line(const AccessRecord& record) {
  std::string line = fmt::format(
      "peer={} tls={} method={} path={} status={} op={} caller={} as={} fault={} us={}",
      log_field(record.peer), record.tls ? 1 : 0, log_field(record.method),
      log_field(record.path), record.status, log_field(record.access.operation),
      log_field(record.access.caller), record.access.impersonated, record.access.fault_code,
      record.elapsed.count());
  if (line.size() > kMaxAccessLineBytes) {
    constexpr std::string_view kEllipsis = "…";
    std::size_t cut = kMaxAccessLineBytes - kEllipsis.size();
    // Only our own "…" is not ASCII: back up over its continuation bytes.
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    line.resize(cut);
    line += kEllipsis;
  }
  return line;
}

}  // namespace ngnpro::transport
