// libFuzzer target over the SOAP request path: every input is one request body, handed to
// ports::SoapEndpoint::handle(body, "127.0.0.1") built, as src/app/main.cpp builds it, over the
// real services on a real PostgreSQL. bench/fuzz/run (and scripts/test) start the database,
// apply schema/ and set the environment; see bench/fuzz/README.md.
//
// Environment:
//   NGNPRO_FUZZ_DSN            libpq DSN of a migrated ngnpro database (required)
//   NGNPRO_FUZZ_ADMIN_USER     admin login of the config (default "admin")
//   NGNPRO_FUZZ_ADMIN_PASSWORD its password (default "admin-secret": what tests/wire/envelopes,
//                              the seed corpus, carry, as the wire tests configure it)
//   NGNPRO_FUZZ_KEEP_DIR       when set, inputs answered with fault 9000 (internal error) or
//                              9003 (database unavailable), and in count mode inputs whose
//                              answer failed a check, are copied there (first 100 of each kind)
//   NGNPRO_FUZZ_ABORT_ON_INTERNAL=1  make a 9000 answer a crash (to minimise one)
//   NGNPRO_FUZZ_ANSWER_CHECK   abort (default): a failed answer check is a crash;
//                              count: it is counted and kept, and fuzzing goes on (to look for
//                              sanitizer findings past a known answer bug)
//
// Crashes are what the sanitizers report, an exception escaping handle(), and these checks on
// every answer: a body is always written; it passes ports::find_xml_violation (an answer that
// is not well-formed XML breaks every client); `fault` and `fault_code` agree.
#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include "ngnpro/core/config.hpp"
#include "ngnpro/ports/soap_endpoint.hpp"
#include "ngnpro/services/services.hpp"
#include "ngnpro/storage/database.hpp"
#include "xml_guard.hpp"

namespace {

using namespace ngnpro;

std::string env_or(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

// The layers, built once and never destroyed (libFuzzer exits without unwinding main). The
// config must outlive the services: they keep a reference to it.
struct Server {
  core::Config config;
  std::unique_ptr<storage::Database> db;
  std::unique_ptr<services::Services> services;
  std::unique_ptr<ports::SoapEndpoint> endpoint;
};
Server* g_server = nullptr;

// What the run did, printed at exit (bench/fuzz/run reads the "ngnpro-fuzz:" lines).
struct Stats {
  std::mutex mutex;
  std::uint64_t inputs = 0;
  std::map<int, std::uint64_t> faults;         // NGNPro code -> answers
  std::map<std::string, std::uint64_t> logged; // warning/error log lines, by text
  std::map<std::string, int> kept;              // kind -> inputs copied to NGNPRO_FUZZ_KEEP_DIR
  std::map<std::string, std::uint64_t> failed_checks;
};
Stats* g_stats = nullptr;

// Counts the server's warnings and errors instead of printing each one: a fuzzer repeats the
// same failure thousands of times. The first occurrence of each text is printed at once.
class CountingSink : public spdlog::sinks::base_sink<std::mutex> {
 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    std::string text(msg.payload.data(), msg.payload.size());
    if (text.size() > 300) text.resize(300);
    std::lock_guard<std::mutex> lock(g_stats->mutex);
    if (g_stats->logged.size() >= 2000 && !g_stats->logged.count(text)) text = "(other messages)";
    if (g_stats->logged[text]++ == 0)
      std::fprintf(stderr, "ngnpro-fuzz: server log (%.*s): %s\n", static_cast<int>(spdlog::level::to_string_view(msg.level).size()),
                   spdlog::level::to_string_view(msg.level).data(), text.c_str());
  }
  void flush_() override {}
};

void print_summary() {
  if (!g_stats) return;
  std::lock_guard<std::mutex> lock(g_stats->mutex);
  std::fprintf(stderr, "ngnpro-fuzz: inputs %llu\n", static_cast<unsigned long long>(g_stats->inputs));
  std::string faults;
  for (const auto& [code, n] : g_stats->faults) faults += " " + std::to_string(code) + ":" + std::to_string(n);
  std::fprintf(stderr, "ngnpro-fuzz: answers by fault code (0 = result):%s\n", faults.c_str());
  std::uint64_t failed = 0;
  for (const auto& [what, n] : g_stats->failed_checks) {
    failed += n;
    std::fprintf(stderr, "ngnpro-fuzz: failed answer check x%llu: %s\n", static_cast<unsigned long long>(n), what.c_str());
  }
  std::fprintf(stderr, "ngnpro-fuzz: failed answer checks %llu\n", static_cast<unsigned long long>(failed));
  std::vector<std::pair<std::uint64_t, std::string>> top;
  for (const auto& [text, n] : g_stats->logged) top.emplace_back(n, text);
  std::sort(top.rbegin(), top.rend());
  if (top.size() > 15) top.resize(15);
  for (const auto& [n, text] : top)
    std::fprintf(stderr, "ngnpro-fuzz: server log x%llu: %s\n", static_cast<unsigned long long>(n), text.c_str());
}

std::string fnv1a_hex(const std::uint8_t* data, std::size_t size) {
  std::uint64_t h = 1469598103934665603ULL;
  for (std::size_t i = 0; i < size; ++i) h = (h ^ data[i]) * 1099511628211ULL;
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
  return out;
}

void keep(const std::string& kind, const std::uint8_t* data, std::size_t size) {
  static const std::string dir = env_or("NGNPRO_FUZZ_KEEP_DIR", "");
  if (dir.empty()) return;
  {
    std::lock_guard<std::mutex> lock(g_stats->mutex);
    if (g_stats->kept[kind]++ >= 100) return;
  }
  std::ofstream out(dir + "/" + kind + "-" + fnv1a_hex(data, size), std::ios::binary);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
}

// The answer, printable: bytes outside printable ASCII as \xNN (the point is often a bad byte).
std::string printable(const std::string& body, std::size_t limit) {
  std::string out;
  for (std::size_t i = 0; i < body.size() && i < limit; ++i) {
    const auto c = static_cast<unsigned char>(body[i]);
    if ((c >= 0x20 && c < 0x7F) || c == '\n') {
      out += static_cast<char>(c);
    } else {
      char hex[5];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    }
  }
  return out;
}

// A failed check on the answer: a crash (libFuzzer keeps the input), or in count mode one more
// line of the summary.
void fail(const char* what, const ports::SoapResult& r, const std::uint8_t* data, std::size_t size,
          const std::string& detail = {}) {
  static const bool count_only = env_or("NGNPRO_FUZZ_ANSWER_CHECK", "abort") == "count";
  if (count_only) {
    // One line per kind of failure: the detail with its numbers (byte offsets) taken out.
    std::string kind = what;
    if (!detail.empty()) kind += ": ";
    for (const char c : detail)
      if (!(c >= '0' && c <= '9')) kind += c;
      else if (kind.back() != '#') kind += '#';
    {
      std::lock_guard<std::mutex> lock(g_stats->mutex);
      if (g_stats->failed_checks[kind]++ == 0)
        std::fprintf(stderr, "ngnpro-fuzz: failed answer check (counted, fuzzing goes on): %s%s%s\n  answer: %s\n", what,
                     detail.empty() ? "" : ": ", detail.c_str(), printable(r.body, 2000).c_str());
    }
    keep("check", data, size);
    return;
  }
  std::fprintf(stderr,
               "ngnpro-fuzz: CHECK FAILED: %s%s%s\n  fault=%d fault_code=%d operation='%s'\n  answer (first 2000 bytes):\n%s\n",
               what, detail.empty() ? "" : ": ", detail.c_str(), r.fault ? 1 : 0, r.fault_code, r.operation.c_str(),
               printable(r.body, 2000).c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const std::string dsn = env_or("NGNPRO_FUZZ_DSN", "");
  if (dsn.empty()) {
    std::fprintf(stderr, "ngnpro-fuzz: set NGNPRO_FUZZ_DSN to a migrated ngnpro database (bench/fuzz/run does)\n");
    std::exit(2);
  }
  g_stats = new Stats;
  auto sink = std::make_shared<CountingSink>();
  auto logger = std::make_shared<spdlog::logger>("ngnpro", sink);
  logger->set_level(spdlog::level::warn);
  spdlog::set_default_logger(logger);

  g_server = new Server;
  core::Config& config = g_server->config;
  config.db.dsn = dsn;
  config.db.pool_size = 2;  // one fuzzing thread; a second connection for a nested lease
  config.admins.push_back({env_or("NGNPRO_FUZZ_ADMIN_USER", "admin"), env_or("NGNPRO_FUZZ_ADMIN_PASSWORD", "admin-secret")});
  // Determinism: with the default throttling, ten mutated passwords would lock the seed
  // corpus's logins out for a minute and every later input would only reach fault 8000.
  config.auth.max_failures = INT_MAX;
  config.auth.max_address_failures = INT_MAX;
  // Customer logins the fuzzer creates (Customer.addAccount) are hashed with this cost; the
  // default 100 000 PBKDF2 rounds would make every customer-login input cost tens of ms.
  config.auth.pbkdf2_iterations = 1000;

  g_server->db = std::make_unique<storage::Database>(config.db);
  if (!g_server->db->healthy()) {
    std::fprintf(stderr, "ngnpro-fuzz: the database of NGNPRO_FUZZ_DSN does not answer\n");
    std::exit(2);
  }
  g_server->services = std::make_unique<services::Services>(*g_server->db, config);
  g_server->endpoint = std::make_unique<ports::SoapEndpoint>(*g_server->services);
  std::atexit(print_summary);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string body(reinterpret_cast<const char*>(data), size);
  const ports::SoapResult r = g_server->endpoint->handle(body, "127.0.0.1");

  if (r.body.empty()) fail("empty answer", r, data, size);
  if (const auto problem = ports::find_xml_violation(r.body))
    fail("the answer is not well-formed XML", r, data, size, *problem);
  if (r.fault != (r.fault_code != 0)) fail("fault and fault_code disagree", r, data, size);

  {
    std::lock_guard<std::mutex> lock(g_stats->mutex);
    ++g_stats->inputs;
    ++g_stats->faults[r.fault_code];
  }
  if (r.fault_code == 9000 || r.fault_code == 9003) {
    keep("fault" + std::to_string(r.fault_code), data, size);
    static const bool abort_on_internal = env_or("NGNPRO_FUZZ_ABORT_ON_INTERNAL", "0") == "1";
    if (abort_on_internal && r.fault_code == 9000) {
      std::fprintf(stderr, "ngnpro-fuzz: internal error (fault 9000); answer:\n%s\n", printable(r.body, 2000).c_str());
      std::abort();
    }
  }
  return 0;
}
