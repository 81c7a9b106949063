#include "ngnpro/core/config.hpp"

#include <arpa/inet.h>

#include <cctype>
#include <cerrno>
#include <charconv>
#include <climits>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <sstream>
#include <string_view>
#include <system_error>

#include "ngnpro/core/dns_name.hpp"

namespace ngnpro::core {
namespace {

using namespace std::chrono_literals;

std::string_view trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\v\f";
  const std::size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

std::string to_lower(std::string_view text) {
  std::string out{text};
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string in_quotes(std::string_view value) { return "'" + std::string{value} + "'"; }

// Leading digits of `text` as an unsigned number; the rest (a unit suffix) goes to `suffix`.
std::optional<std::uint64_t> leading_number(std::string_view text, std::string_view& suffix) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0) return std::nullopt;
  std::uint64_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + digits, value);
  if (ec != std::errc{} || ptr != text.data() + digits) return std::nullopt;
  suffix = text.substr(digits);
  return value;
}

long long to_integer(const std::string& value, long long min, long long max) {
  long long out = 0;
  const char* const end = value.data() + value.size();
  const auto [ptr, ec] = std::from_chars(value.data(), end, out);
  if (value.empty() || ec == std::errc::invalid_argument || ptr != end) {
    throw ConfigError(in_quotes(value) + " is not an integer");
  }
  const bool overflow = ec == std::errc::result_out_of_range;
  if ((overflow && value.front() != '-') || out > max) {
    throw ConfigError(in_quotes(value) + " is too large (at most " + std::to_string(max) + ")");
  }
  if (overflow || out < min) {
    throw ConfigError(in_quotes(value) + " is too small (at least " + std::to_string(min) + ")");
  }
  return out;
}

int to_int(const std::string& value, int min) {
  return static_cast<int>(to_integer(value, min, INT_MAX));
}

// Bytes, or KiB/MiB with a K or M suffix: "16K", "4M".
std::size_t to_size(const std::string& value) {
  const auto bad = [&] {
    return ConfigError(in_quotes(value) + " is not a size (bytes, or with suffix K or M: 16K, 4M)");
  };
  std::string_view suffix;
  const auto number = leading_number(value, suffix);
  if (!number) throw bad();
  std::uint64_t unit = 1;
  if (suffix == "K" || suffix == "k") {
    unit = 1024;
  } else if (suffix == "M" || suffix == "m") {
    unit = 1024 * 1024;
  } else if (!suffix.empty()) {
    throw bad();
  }
  if (*number == 0) throw ConfigError(in_quotes(value) + " must be at least 1 byte");
  if (*number > std::numeric_limits<std::size_t>::max() / unit) {
    throw ConfigError(in_quotes(value) + " is too large");
  }
  return static_cast<std::size_t>(*number * unit);
}

// Seconds, or with a suffix ms, s or m: "500ms", "10s", "2m".
std::chrono::milliseconds to_duration(const std::string& value, std::chrono::milliseconds min) {
  std::string_view suffix;
  const auto number = leading_number(value, suffix);
  std::uint64_t unit_ms = 0;
  if (suffix.empty() || suffix == "s") {
    unit_ms = 1000;
  } else if (suffix == "ms") {
    unit_ms = 1;
  } else if (suffix == "m") {
    unit_ms = 60'000;
  }
  if (!number || unit_ms == 0) {
    throw ConfigError(in_quotes(value) +
                      " is not a duration (seconds, or with suffix ms, s or m: 500ms, 10s, 2m)");
  }
  constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (*number > kMax / unit_ms) throw ConfigError(in_quotes(value) + " is too long");
  const std::chrono::milliseconds out{static_cast<std::int64_t>(*number * unit_ms)};
  if (out < min) {
    throw ConfigError(in_quotes(value) + " is too short (at least " + std::to_string(min.count()) +
                      "ms)");
  }
  return out;
}

std::chrono::seconds to_seconds(const std::string& value, std::chrono::seconds min) {
  const auto ms = to_duration(value, min);
  if (ms.count() % 1000 != 0) throw ConfigError(in_quotes(value) + " must be whole seconds");
  return std::chrono::duration_cast<std::chrono::seconds>(ms);
}

bool to_bool(const std::string& value) {
  const std::string lower = to_lower(value);
  if (lower == "yes" || lower == "true" || lower == "on" || lower == "1") return true;
  if (lower == "no" || lower == "false" || lower == "off" || lower == "0") return false;
  throw ConfigError(in_quotes(value) + " is not a boolean (yes/no, true/false, on/off, 1/0)");
}

std::string non_empty(const std::string& value) {
  if (value.empty()) throw ConfigError("must not be empty");
  return value;
}

IpNetwork to_network(const std::string& value) {
  const auto network = parse_ip_network(value);
  if (!network) throw ConfigError(in_quotes(value) + " is not an IP address or network (192.0.2.7, 192.0.2.0/24, 2001:db8::/32)");
  return *network;
}

std::string to_host_name(const std::string& value) {
  auto name = host_name(value);
  if (!name) throw ConfigError(in_quotes(value) + " is not a host name");
  return *name;
}

AdminAccount& admin(Config& config) {
  if (config.admins.empty()) config.admins.emplace_back();
  return config.admins.front();
}

using Setter = void (*)(Config&, const std::string& value);

struct KeySpec {
  std::string_view section;
  std::string_view key;
  Setter set;
  bool repeatable = false;  // each occurrence adds an entry instead of being a duplicate
};

// Order and defaults match config/ngnpro.ini.example; change both together.
const KeySpec kKeys[] = {
    {"server", "listen",
     [](Config& c, const std::string& v) { c.server.listen = parse_listen_address(v); }},
    {"server", "tls_listen",
     [](Config& c, const std::string& v) {
       if (v.empty()) {
         c.server.tls_listen = {};
         return;
       }
       c.server.tls_listen = parse_listen_address(v);
       // Port 0 is how ServerConfig says "no TLS listener"; asking for it by address is a slip.
       if (c.server.tls_listen.port == 0) {
         throw ConfigError("port 0 is not allowed; leave tls_listen empty to disable TLS");
       }
     }},
    {"server", "tls_certificate",
     [](Config& c, const std::string& v) { c.server.tls_certificate = v; }},
    {"server", "tls_private_key",
     [](Config& c, const std::string& v) { c.server.tls_private_key = v; }},
    {"server", "io_threads",
     [](Config& c, const std::string& v) { c.server.io_threads = to_int(v, 1); }},
    {"server", "workers", [](Config& c, const std::string& v) { c.server.workers = to_int(v, 1); }},
    {"server", "base_url",
     [](Config& c, const std::string& v) {
       if (!v.empty() && v.rfind("http://", 0) != 0 && v.rfind("https://", 0) != 0) {
         throw ConfigError(in_quotes(v) + " must start with http:// or https://");
       }
       c.server.base_url = v;
     }},
    {"server", "wsdl_dir", [](Config& c, const std::string& v) { c.server.wsdl_dir = v; }},

    {"limits", "max_header_bytes",
     [](Config& c, const std::string& v) { c.limits.max_header_bytes = to_size(v); }},
    {"limits", "max_body_bytes",
     [](Config& c, const std::string& v) { c.limits.max_body_bytes = to_size(v); }},
    {"limits", "read_timeout",
     [](Config& c, const std::string& v) { c.limits.read_timeout = to_duration(v, 1ms); }},
    {"limits", "idle_timeout",
     [](Config& c, const std::string& v) { c.limits.idle_timeout = to_duration(v, 1ms); }},
    {"limits", "max_connections",
     [](Config& c, const std::string& v) {
       c.limits.max_connections = static_cast<std::size_t>(to_integer(v, 1, INT_MAX));
     }},
    {"limits", "max_connections_per_address",
     [](Config& c, const std::string& v) {
       c.limits.max_connections_per_address = static_cast<std::size_t>(to_integer(v, 1, INT_MAX));
     }},

    {"database", "dsn", [](Config& c, const std::string& v) { c.db.dsn = non_empty(v); }},
    {"database", "pool_size",
     [](Config& c, const std::string& v) { c.db.pool_size = to_int(v, 1); }},
    {"database", "statement_timeout",
     [](Config& c, const std::string& v) { c.db.statement_timeout = to_duration(v, 0ms); }},
    {"database", "lock_timeout",
     [](Config& c, const std::string& v) { c.db.lock_timeout = to_duration(v, 0ms); }},
    {"database", "lease_timeout",
     [](Config& c, const std::string& v) { c.db.lease_timeout = to_duration(v, 1ms); }},

    {"admin", "username",
     [](Config& c, const std::string& v) { admin(c).username = non_empty(v); }},
    {"admin", "password",
     [](Config& c, const std::string& v) { admin(c).password = non_empty(v); }},

    {"auth", "max_failures",
     [](Config& c, const std::string& v) { c.auth.max_failures = to_int(v, 1); }},
    {"auth", "failure_window",
     [](Config& c, const std::string& v) { c.auth.failure_window = to_seconds(v, 1s); }},
    {"auth", "lockout",
     [](Config& c, const std::string& v) { c.auth.lockout = to_seconds(v, 0s); }},
    {"auth", "pbkdf2_iterations",
     [](Config& c, const std::string& v) { c.auth.pbkdf2_iterations = to_int(v, 1); }},
    {"auth", "max_address_failures",
     [](Config& c, const std::string& v) { c.auth.max_address_failures = to_int(v, 1); }},
    {"auth", "admin_address",
     [](Config& c, const std::string& v) { c.auth.admin_addresses.push_back(to_network(v)); },
     true},

    {"sip", "store_clear_text_passwords",
     [](Config& c, const std::string& v) { c.sip.store_clear_text_passwords = to_bool(v); }},
    {"sip", "autoincrement_minimum",
     [](Config& c, const std::string& v) {
       c.sip.autoincrement_minimum = to_integer(v, 0, std::numeric_limits<long long>::max());
     }},

    {"dns", "nameserver",
     [](Config& c, const std::string& v) {
       c.dns.nameservers.push_back(to_host_name(v));
     },
     true},
    {"dns", "url_redirector",
     [](Config& c, const std::string& v) {
       if (!v.empty() && (v.find('/') != std::string::npos || !to_network(v).is_host()))
         throw ConfigError(in_quotes(v) + " must be one IP address, not a network");
       c.dns.url_redirector = v;
     }},

    {"voicemail", "mailbox_start",
     [](Config& c, const std::string& v) {
       c.voicemail.mailbox_start = to_integer(v, 0, std::numeric_limits<long long>::max());
     }},

    {"reload", "kamailio_domain",
     [](Config& c, const std::string& v) { c.reload.kamailio_domain.push_back(non_empty(v)); },
     true},
    {"reload", "kamailio_trusted",
     [](Config& c, const std::string& v) { c.reload.kamailio_trusted.push_back(non_empty(v)); },
     true},
    {"reload", "kamailio_address",
     [](Config& c, const std::string& v) { c.reload.kamailio_address.push_back(non_empty(v)); },
     true},
    {"reload", "debounce",
     [](Config& c, const std::string& v) { c.reload.debounce = to_duration(v, 0ms); }},

    {"log", "level",
     [](Config& c, const std::string& v) {
       const std::string level = to_lower(v);
       for (const char* known : {"trace", "debug", "info", "warn", "error", "critical", "off"}) {
         if (level == known) {
           c.log.level = level;
           return;
         }
       }
       throw ConfigError(in_quotes(v) +
                         " is not a level (trace, debug, info, warn, error, critical, off)");
     }},
};

bool is_known_section(std::string_view section) {
  for (const auto& spec : kKeys) {
    if (spec.section == section) return true;
  }
  return false;
}

std::string known_sections() {
  std::string out;
  for (const auto& spec : kKeys) {
    const std::string name = "[" + std::string{spec.section} + "]";
    if (out.find(name) == std::string::npos) out += (out.empty() ? "" : " ") + name;
  }
  return out;
}

std::string known_keys(std::string_view section) {
  std::string out;
  for (const auto& spec : kKeys) {
    if (spec.section == section) out += (out.empty() ? "" : ", ") + std::string{spec.key};
  }
  return out;
}

const KeySpec* find_key(std::string_view section, std::string_view key) {
  for (const auto& spec : kKeys) {
    if (spec.section == section && spec.key == key) return &spec;
  }
  return nullptr;
}

// Builds "file:line: [section] key: message"; line 0 means the problem is an absent key.
class Reporter {
 public:
  explicit Reporter(const std::string& origin) : origin_(origin) {}

  [[noreturn]] void fail(int line, std::string_view what, const std::string& message) const {
    std::string text = origin_;
    if (line > 0) text += ":" + std::to_string(line);
    text += ": ";
    if (!what.empty()) text.append(what).append(": ");
    throw ConfigError(text + message);
  }

 private:
  const std::string& origin_;
};

std::string key_name(std::string_view section, std::string_view key) {
  return "[" + std::string{section} + "] " + std::string{key};
}

}  // namespace

ListenAddress parse_listen_address(const std::string& text) {
  const auto bad = [&](const std::string& why) {
    return ConfigError(in_quotes(text) + " is not host:port or [ipv6]:port (" + why + ")");
  };
  ListenAddress out;
  std::string_view port;
  if (!text.empty() && text.front() == '[') {
    const std::size_t close = text.find(']');
    if (close == std::string::npos) throw bad("missing ']'");
    out.host = text.substr(1, close - 1);
    if (close + 1 >= text.size() || text[close + 1] != ':') throw bad("missing :port");
    port = std::string_view{text}.substr(close + 2);
    in6_addr ignored{};
    if (inet_pton(AF_INET6, out.host.c_str(), &ignored) != 1) throw bad("bad IPv6 address");
  } else {
    const std::size_t colon = text.rfind(':');
    if (colon == std::string::npos) throw bad("missing :port");
    out.host = text.substr(0, colon);
    port = std::string_view{text}.substr(colon + 1);
    if (out.host.empty()) throw bad("missing host; 0.0.0.0 or [::] listens on every address");
    if (out.host.find(':') != std::string::npos) throw bad("an IPv6 address needs brackets");
    for (const char c : out.host) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '-' || c == '_';
      if (!ok) throw bad("bad host name");
    }
  }
  unsigned number = 0;
  const char* const end = port.data() + port.size();
  const auto [ptr, ec] = std::from_chars(port.data(), end, number);
  if (port.empty() || port.front() == '+' || ec != std::errc{} || ptr != end || number > 65535) {
    throw bad("port must be 0 to 65535");
  }
  out.port = static_cast<unsigned short>(number);
  return out;
}

Config parse_config(const std::string& text, const std::string& origin) {
  const Reporter report{origin};
  Config config;
  std::string section;
  std::map<std::string, int> section_lines;
  std::map<std::string, int> key_lines;  // "section.key" -> line where it was (last) set

  std::string_view rest{text};
  if (rest.substr(0, 3) == "\xEF\xBB\xBF") rest.remove_prefix(3);  // UTF-8 BOM from some editors
  int line_number = 0;
  while (!rest.empty()) {
    ++line_number;
    const std::size_t newline = rest.find('\n');
    const std::string_view line = trim(rest.substr(0, newline));
    rest.remove_prefix(newline == std::string_view::npos ? rest.size() : newline + 1);

    // Comments are whole lines only: values such as a DSN password may contain '#' or ';'.
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;

    if (line.front() == '[') {
      if (line.back() != ']') {
        report.fail(line_number, "", "malformed section header " + in_quotes(line));
      }
      section = std::string{trim(line.substr(1, line.size() - 2))};
      const std::string what = "[" + section + "]";
      if (!is_known_section(section)) {
        report.fail(line_number, what, "unknown section (known: " + known_sections() + ")");
      }
      const auto [first, inserted] = section_lines.emplace(section, line_number);
      if (!inserted) {
        report.fail(line_number, what,
                    "section appears twice (first on line " + std::to_string(first->second) + ")");
      }
      continue;
    }

    const std::size_t equals = line.find('=');
    if (equals == std::string_view::npos) {
      report.fail(line_number, "", "expected 'key = value', a [section] header or a comment");
    }
    const std::string key{trim(line.substr(0, equals))};
    if (key.empty()) report.fail(line_number, "", "missing key before '='");
    if (section.empty()) report.fail(line_number, key, "key outside any [section]");
    const std::string what = key_name(section, key);

    std::string_view value = trim(line.substr(equals + 1));
    if (!value.empty() && value.front() == '"') {
      if (value.size() < 2 || value.back() != '"') {
        report.fail(line_number, what, "unterminated quoted value");
      }
      value = value.substr(1, value.size() - 2);  // verbatim: no escapes inside quotes
    }

    const KeySpec* spec = find_key(section, key);
    if (spec == nullptr) {
      report.fail(line_number, what, "unknown key (known: " + known_keys(section) + ")");
    }
    const auto [first, inserted] = key_lines.emplace(section + "." + key, line_number);
    if (!inserted) {
      if (!spec->repeatable) {
        report.fail(line_number, what,
                    "duplicate key (first set on line " + std::to_string(first->second) + ")");
      }
      first->second = line_number;
    }
    try {
      spec->set(config, std::string{value});
    } catch (const ConfigError& e) {
      report.fail(line_number, what, e.what());
    }
  }

  const auto line_of = [&](const char* key) {
    const auto found = key_lines.find(key);
    return found == key_lines.end() ? 0 : found->second;
  };
  if (config.dns.nameservers.empty()) config.dns.nameservers = {"ns1.dns-hosting.info", "ns2.dns-hosting.info"};
  if (config.db.dsn.empty()) {
    report.fail(0, "[database] dsn", "required (a libpq connection string or URI)");
  }
  if (config.admins.empty() || config.admins.front().username.empty()) {
    report.fail(0, "[admin] username", "required");
  }
  if (config.admins.front().password.empty()) report.fail(0, "[admin] password", "required");
  if (config.server.tls_listen.port != 0 &&
      (config.server.tls_certificate.empty() || config.server.tls_private_key.empty())) {
    report.fail(line_of("server.tls_listen"), "[server] tls_listen",
                "needs [server] tls_certificate and tls_private_key");
  }
  if (config.server.workers > config.db.pool_size) {
    // Each worker holds one pooled connection for its whole request; more workers would block.
    const bool blame_workers = line_of("server.workers") >= line_of("database.pool_size");
    report.fail(blame_workers ? line_of("server.workers") : line_of("database.pool_size"),
                blame_workers ? "[server] workers" : "[database] pool_size",
                "workers (" + std::to_string(config.server.workers) + ") exceeds pool_size (" +
                    std::to_string(config.db.pool_size) +
                    "): each worker holds one database connection");
  }
  return config;
}

Config load_config(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw ConfigError(path + ": is a directory");
  std::ifstream in{path, std::ios::binary};
  if (!in) throw ConfigError(path + ": cannot open: " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw ConfigError(path + ": cannot read: " + std::strerror(errno));
  return parse_config(text.str(), path);
}

}  // namespace ngnpro::core
