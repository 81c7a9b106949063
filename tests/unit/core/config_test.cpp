// The INI configuration: defaults, units, and a file:line + key in every refusal.
#include "ngnpro/core/config.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

using namespace ngnpro::core;
using namespace std::chrono_literals;

namespace {

// The keys every config must have, placed after the text under test so its line numbers stay
// 1-based.
const std::string kRequired =
    "[database]\n"
    "dsn = host=127.0.0.1 dbname=ngnpro\n"
    "[admin]\n"
    "username = admin\n"
    "password = secret\n";

Config parse(const std::string& text) { return parse_config(text + kRequired, "test.ini"); }

// The ConfigError message parsing `text` produces; fails the test when there is none.
std::string error_of(const std::string& text, bool with_required = true) {
  try {
    parse_config(with_required ? text + kRequired : text, "test.ini");
  } catch (const ConfigError& e) {
    return e.what();
  }
  FAIL("no ConfigError for:\n" << text);
  return {};
}

std::string read_file(const std::string& path) {
  std::ifstream in{path, std::ios::binary};
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every "#key = value" line of the example made live; help lines ("# ...") stay comments.
std::string uncomment_settings(const std::string& text) {
  std::istringstream in{text};
  std::string out;
  for (std::string line; std::getline(in, line);) {
    if (line.size() > 1 && line[0] == '#' && line[1] != ' ' &&
        line.find('=') != std::string::npos) {
      line.erase(0, 1);
    }
    out += line + "\n";
  }
  return out;
}

void check_defaults_except_required(const Config& c) {
  const Config d;
  CHECK(c.server.listen.host == "127.0.0.1");
  CHECK(c.server.listen.port == 9200);
  CHECK(c.server.tls_listen.port == 0);
  CHECK(c.server.tls_certificate.empty());
  CHECK(c.server.tls_private_key.empty());
  CHECK(c.server.io_threads == d.server.io_threads);
  CHECK(c.server.workers == d.server.workers);
  CHECK(c.server.base_url.empty());
  CHECK(c.server.wsdl_dir.empty());
  CHECK(c.limits.max_header_bytes == 16 * 1024);
  CHECK(c.limits.max_body_bytes == 4 * 1024 * 1024);
  CHECK(c.limits.read_timeout == 10s);
  CHECK(c.limits.idle_timeout == 30s);
  CHECK(c.limits.max_connections == d.limits.max_connections);
  CHECK(c.limits.max_connections_per_address == d.limits.max_connections_per_address);
  CHECK(c.db.pool_size == d.db.pool_size);
  CHECK(c.db.statement_timeout == d.db.statement_timeout);
  CHECK(c.db.lock_timeout == d.db.lock_timeout);
  CHECK(c.db.lease_timeout == d.db.lease_timeout);
  CHECK(c.auth.max_address_failures == d.auth.max_address_failures);
  CHECK(c.auth.max_failures == d.auth.max_failures);
  CHECK(c.auth.failure_window == d.auth.failure_window);
  CHECK(c.auth.lockout == d.auth.lockout);
  CHECK(c.auth.pbkdf2_iterations == d.auth.pbkdf2_iterations);
  CHECK(c.sip.store_clear_text_passwords == d.sip.store_clear_text_passwords);
  CHECK(c.sip.autoincrement_minimum == d.sip.autoincrement_minimum);
  CHECK(c.voicemail.mailbox_start == d.voicemail.mailbox_start);
  CHECK(c.reload.debounce == d.reload.debounce);
  CHECK(c.log.level == d.log.level);
}

}  // namespace

TEST_CASE("the shipped example config parses as it is", "[unit][core][config]") {
  const Config c = load_config(NGNPRO_EXAMPLE_CONFIG);
  CHECK(c.db.dsn == "host=127.0.0.1 port=5432 dbname=ngnpro user=ngnpro");
  REQUIRE(c.admins.size() == 1);
  CHECK(c.admins[0].username == "admin");
  CHECK(c.admins[0].password == "change-me");
  check_defaults_except_required(c);
  CHECK(c.reload.kamailio_domain.empty());
}

TEST_CASE("every setting in the example shows its real default and parses when uncommented",
          "[unit][core][config]") {
  const std::string live = uncomment_settings(read_file(NGNPRO_EXAMPLE_CONFIG));
  REQUIRE(live != read_file(NGNPRO_EXAMPLE_CONFIG));
  const Config c = parse_config(live, "ngnpro.ini.example");
  check_defaults_except_required(c);
  // The reload commands default to none; the example shows one sample command for each.
  CHECK(c.reload.kamailio_domain.size() == 1);
  CHECK(c.reload.kamailio_trusted.size() == 1);
  CHECK(c.reload.kamailio_address.size() == 1);
  // The admin addresses default to none; the example shows one.
  REQUIRE(c.auth.admin_addresses.size() == 1);
  CHECK(c.auth.admin_addresses[0].text() == "192.0.2.10");
}

TEST_CASE("the example documents every key the parser knows", "[unit][core][config]") {
  // Parsing the example proves each key in it is known; this list (config.cpp's keys) proves
  // the converse, that no key is left undocumented.
  const std::string example = read_file(NGNPRO_EXAMPLE_CONFIG);
  for (const char* key : {"listen",
                          "tls_listen",
                          "tls_certificate",
                          "tls_private_key",
                          "io_threads",
                          "workers",
                          "base_url",
                          "wsdl_dir",
                          "max_header_bytes",
                          "max_body_bytes",
                          "read_timeout",
                          "idle_timeout",
                          "max_connections",
                          "max_connections_per_address",
                          "dsn",
                          "pool_size",
                          "statement_timeout",
                          "lock_timeout",
                          "lease_timeout",
                          "username",
                          "password",
                          "max_failures",
                          "failure_window",
                          "lockout",
                          "pbkdf2_iterations",
                          "max_address_failures",
                          "admin_address",
                          "store_clear_text_passwords",
                          "autoincrement_minimum",
                          "mailbox_start",
                          "kamailio_domain",
                          "kamailio_trusted",
                          "kamailio_address",
                          "debounce",
                          "level"}) {
    INFO("key " << key);
    const std::string k = key;
    CHECK((example.find("\n#" + k + " =") != std::string::npos ||
           example.find("\n" + k + " =") != std::string::npos));
  }
}

TEST_CASE("a config with only the required keys gets every default", "[unit][core][config]") {
  const Config c = parse("");
  CHECK(c.db.dsn == "host=127.0.0.1 dbname=ngnpro");
  REQUIRE(c.admins.size() == 1);
  CHECK(c.admins[0].username == "admin");
  CHECK(c.admins[0].password == "secret");
  check_defaults_except_required(c);
  CHECK(c.reload.kamailio_domain.empty());
  CHECK(c.reload.kamailio_trusted.empty());
  CHECK(c.reload.kamailio_address.empty());
}

TEST_CASE("every key sets its field", "[unit][core][config]") {
  const Config c = parse(
      "[server]\n"
      "listen = [::1]:9300\n"
      "tls_listen = 0.0.0.0:9443\n"
      "tls_certificate = /etc/ngnpro/cert.pem\n"
      "tls_private_key = /etc/ngnpro/key.pem\n"
      "io_threads = 4\n"
      "workers = 6\n"
      "base_url = https://ngnpro.example.com:9443/\n"
      "wsdl_dir = /usr/share/ngnpro/wsdl\n"
      "[limits]\n"
      "max_header_bytes = 8K\n"
      "max_body_bytes = 2M\n"
      "read_timeout = 500ms\n"
      "idle_timeout = 2m\n"
      "max_connections = 50\n"
      "[auth]\n"
      "max_failures = 3\n"
      "failure_window = 2m\n"
      "lockout = 0\n"
      "pbkdf2_iterations = 1000\n"
      "[sip]\n"
      "store_clear_text_passwords = no\n"
      "autoincrement_minimum = 5000\n"
      "[voicemail]\n"
      "mailbox_start = 200\n"
      "[reload]\n"
      "kamailio_domain = kamcmd domain.reload\n"
      "kamailio_trusted = kamcmd permissions.trustedReload\n"
      "kamailio_address = kamcmd permissions.addressReload\n"
      "debounce = 1s\n"
      "[log]\n"
      "level = debug\n");
  CHECK(c.server.listen.host == "::1");
  CHECK(c.server.listen.port == 9300);
  CHECK(c.server.tls_listen.host == "0.0.0.0");
  CHECK(c.server.tls_listen.port == 9443);
  CHECK(c.server.tls_certificate == "/etc/ngnpro/cert.pem");
  CHECK(c.server.tls_private_key == "/etc/ngnpro/key.pem");
  CHECK(c.server.io_threads == 4);
  CHECK(c.server.workers == 6);
  CHECK(c.server.base_url == "https://ngnpro.example.com:9443/");
  CHECK(c.server.wsdl_dir == "/usr/share/ngnpro/wsdl");
  CHECK(c.limits.max_header_bytes == 8 * 1024);
  CHECK(c.limits.max_body_bytes == 2 * 1024 * 1024);
  CHECK(c.limits.read_timeout == 500ms);
  CHECK(c.limits.idle_timeout == 120s);
  CHECK(c.limits.max_connections == 50);
  CHECK(c.auth.max_failures == 3);
  CHECK(c.auth.failure_window == 120s);
  CHECK(c.auth.lockout == 0s);
  CHECK(c.auth.pbkdf2_iterations == 1000);
  CHECK_FALSE(c.sip.store_clear_text_passwords);
  CHECK(c.sip.autoincrement_minimum == 5000);
  CHECK(c.voicemail.mailbox_start == 200);
  CHECK(c.reload.kamailio_domain == std::vector<std::string>{"kamcmd domain.reload"});
  CHECK(c.reload.kamailio_trusted == std::vector<std::string>{"kamcmd permissions.trustedReload"});
  CHECK(c.reload.kamailio_address == std::vector<std::string>{"kamcmd permissions.addressReload"});
  CHECK(c.reload.debounce == 1s);
  CHECK(c.log.level == "debug");
}

TEST_CASE("sizes take plain bytes or a K or M suffix", "[unit][core][config]") {
  CHECK(parse("[limits]\nmax_body_bytes = 1000\n").limits.max_body_bytes == 1000);
  CHECK(parse("[limits]\nmax_body_bytes = 16K\n").limits.max_body_bytes == 16 * 1024);
  CHECK(parse("[limits]\nmax_body_bytes = 16k\n").limits.max_body_bytes == 16 * 1024);
  CHECK(parse("[limits]\nmax_body_bytes = 4M\n").limits.max_body_bytes == 4 * 1024 * 1024);
  CHECK(parse("[limits]\nmax_header_bytes = 1\n").limits.max_header_bytes == 1);
}

TEST_CASE("durations take seconds or an ms, s or m suffix", "[unit][core][config]") {
  CHECK(parse("[limits]\nread_timeout = 10\n").limits.read_timeout == 10s);
  CHECK(parse("[limits]\nread_timeout = 10s\n").limits.read_timeout == 10s);
  CHECK(parse("[limits]\nread_timeout = 500ms\n").limits.read_timeout == 500ms);
  CHECK(parse("[limits]\nread_timeout = 3m\n").limits.read_timeout == 180s);
  CHECK(parse("[reload]\ndebounce = 0\n").reload.debounce == 0ms);
  CHECK(parse("[auth]\nlockout = 5m\n").auth.lockout == 300s);
  CHECK(parse("[auth]\nlockout = 2000ms\n").auth.lockout == 2s);
}

TEST_CASE("store_clear_text_passwords takes yes/no, true/false, on/off and 1/0",
          "[unit][core][config]") {
  for (const char* yes : {"yes", "YES", "true", "True", "on", "1"}) {
    INFO(yes);
    CHECK(parse(std::string("[sip]\nstore_clear_text_passwords = ") + yes + "\n")
              .sip.store_clear_text_passwords);
  }
  for (const char* no : {"no", "No", "false", "FALSE", "off", "0"}) {
    INFO(no);
    CHECK_FALSE(parse(std::string("[sip]\nstore_clear_text_passwords = ") + no + "\n")
                    .sip.store_clear_text_passwords);
  }
}

TEST_CASE("each log level is accepted, in any letter case", "[unit][core][config]") {
  for (const char* level : {"trace", "debug", "info", "warn", "error", "critical", "off"}) {
    CHECK(parse(std::string("[log]\nlevel = ") + level + "\n").log.level == level);
  }
  CHECK(parse("[log]\nlevel = WARN\n").log.level == "warn");
}

TEST_CASE("a repeated reload key adds one command per line, in order", "[unit][core][config]") {
  const Config c = parse(
      "[reload]\n"
      "kamailio_domain = kamcmd domain.reload\n"
      "kamailio_domain = logger domains reloaded\n"
      "kamailio_trusted = kamcmd permissions.trustedReload\n");
  CHECK(c.reload.kamailio_domain ==
        std::vector<std::string>{"kamcmd domain.reload", "logger domains reloaded"});
  CHECK(c.reload.kamailio_trusted.size() == 1);
  CHECK(c.reload.kamailio_address.empty());
}

TEST_CASE("comments, blank lines, white space, quotes and CRLF are handled",
          "[unit][core][config]") {
  const Config c = parse_config(
      "# a comment\r\n"
      "; another comment\r\n"
      "   # an indented comment\r\n"
      "\r\n"
      "  [ database ]  \r\n"
      "\tdsn=host=db password=a#b;c  \r\n"
      "[admin]\r\n"
      "username = \"  admin  \"\r\n"
      "password = \"\"quoted\" inside\"\r\n"
      "[log]\r\n"
      "level = \"debug\"",  // no final newline
      "crlf.ini");
  CHECK(c.db.dsn == "host=db password=a#b;c");  // no inline comments: '#' and ';' are data
  CHECK(c.admins.at(0).username == "  admin  ");
  CHECK(c.admins.at(0).password == "\"quoted\" inside");
  CHECK(c.log.level == "debug");
}

TEST_CASE("a UTF-8 byte order mark at the start is ignored", "[unit][core][config]") {
  CHECK(parse_config("\xEF\xBB\xBF" + kRequired, "bom.ini").db.dsn ==
        "host=127.0.0.1 dbname=ngnpro");
}

TEST_CASE("listen addresses take host:port and [ipv6]:port", "[unit][core][config]") {
  const auto v4 = parse_listen_address("0.0.0.0:9200");
  CHECK(v4.host == "0.0.0.0");
  CHECK(v4.port == 9200);
  const auto v6 = parse_listen_address("[::1]:9200");
  CHECK(v6.host == "::1");
  CHECK(v6.port == 9200);
  const auto any6 = parse_listen_address("[::]:65535");
  CHECK(any6.host == "::");
  CHECK(any6.port == 65535);
  const auto name = parse_listen_address("localhost:80");
  CHECK(name.host == "localhost");
  CHECK(name.port == 80);
  CHECK(parse_listen_address("127.0.0.1:0").port == 0);
}

TEST_CASE("malformed listen addresses are refused", "[unit][core][config]") {
  for (const char* bad :
       {"", "127.0.0.1", "127.0.0.1:", ":9200", "::1:9200", "[::1]", "[::1]9200", "[::1:9200",
        "[nonsense]:9200", "[]:9200", "127.0.0.1:65536", "127.0.0.1:-1", "127.0.0.1:+80",
        "127.0.0.1:http", "127.0.0.1:80 ", "host name:80", "127.0.0.1:99999999999"}) {
    INFO("address '" << bad << "'");
    CHECK_THROWS_AS(parse_listen_address(bad), ConfigError);
  }
}

TEST_CASE("every refused value names file:line and the key", "[unit][core][config]") {
  struct Case {
    const char* text;
    const char* where;  // "test.ini:<line>: [section] key"
  };
  const Case cases[] = {
      {"[server]\nlisten = 127.0.0.1\n", "test.ini:2: [server] listen"},
      {"[server]\nlisten = ::1:9200\n", "test.ini:2: [server] listen"},
      {"[server]\ntls_listen = 0.0.0.0:0\n", "test.ini:2: [server] tls_listen"},
      {"[server]\nio_threads = 0\n", "test.ini:2: [server] io_threads"},
      {"[server]\nio_threads = two\n", "test.ini:2: [server] io_threads"},
      {"[server]\nworkers = -1\n", "test.ini:2: [server] workers"},
      {"[server]\nworkers = 99999999999\n", "test.ini:2: [server] workers"},
      {"[server]\nworkers = 4.0\n", "test.ini:2: [server] workers"},
      {"[server]\nbase_url = ftp://x/\n", "test.ini:2: [server] base_url"},
      {"[limits]\nmax_header_bytes = 16X\n", "test.ini:2: [limits] max_header_bytes"},
      {"[limits]\nmax_body_bytes = 4MB\n", "test.ini:2: [limits] max_body_bytes"},
      {"[limits]\nmax_body_bytes = 0\n", "test.ini:2: [limits] max_body_bytes"},
      {"[limits]\nmax_body_bytes = -1\n", "test.ini:2: [limits] max_body_bytes"},
      {"[limits]\nmax_body_bytes =\n", "test.ini:2: [limits] max_body_bytes"},
      {"[limits]\nmax_body_bytes = 99999999999999999999M\n", "test.ini:2: [limits] max_body_bytes"},
      {"[limits]\nread_timeout = 10x\n", "test.ini:2: [limits] read_timeout"},
      {"[limits]\nread_timeout = 0\n", "test.ini:2: [limits] read_timeout"},
      {"[limits]\nread_timeout = 1.5s\n", "test.ini:2: [limits] read_timeout"},
      {"[limits]\nidle_timeout = 10 s\n", "test.ini:2: [limits] idle_timeout"},
      {"[limits]\nidle_timeout = 1h\n", "test.ini:2: [limits] idle_timeout"},
      {"[limits]\nmax_connections = 0\n", "test.ini:2: [limits] max_connections"},
      {"[auth]\nmax_failures = 0\n", "test.ini:2: [auth] max_failures"},
      {"[auth]\nfailure_window = 500ms\n", "test.ini:2: [auth] failure_window"},
      {"[auth]\nfailure_window = 0\n", "test.ini:2: [auth] failure_window"},
      {"[auth]\nlockout = 1500ms\n", "test.ini:2: [auth] lockout"},
      {"[auth]\npbkdf2_iterations = 0\n", "test.ini:2: [auth] pbkdf2_iterations"},
      {"[sip]\nstore_clear_text_passwords = maybe\n",
       "test.ini:2: [sip] store_clear_text_passwords"},
      {"[sip]\nautoincrement_minimum = -5\n", "test.ini:2: [sip] autoincrement_minimum"},
      {"[voicemail]\nmailbox_start = 1e6\n", "test.ini:2: [voicemail] mailbox_start"},
      {"[reload]\nkamailio_domain =\n", "test.ini:2: [reload] kamailio_domain"},
      {"[reload]\ndebounce = soon\n", "test.ini:2: [reload] debounce"},
      {"[log]\nlevel = verbose\n", "test.ini:2: [log] level"},
      {"[log]\nlevel = \"info\n", "test.ini:2: [log] level"},
  };
  for (const auto& c : cases) {
    INFO("config:\n" << c.text);
    const std::string message = error_of(c.text);
    INFO("message: " << message);
    CHECK(message.rfind(std::string(c.where) + ": ", 0) == 0);
  }
}

TEST_CASE("the structure of the file is checked line by line", "[unit][core][config]") {
  SECTION("unknown section") {
    const auto m = error_of("# comment\n[servr]\nlisten = 127.0.0.1:1\n");
    CHECK(m.rfind("test.ini:2: [servr]: unknown section", 0) == 0);
  }
  SECTION("unknown key, with the known ones listed") {
    const auto m = error_of("[server]\nlisten = 127.0.0.1:1\nlisen = 1\n");
    CHECK(m.rfind("test.ini:3: [server] lisen: unknown key", 0) == 0);
    CHECK(m.find("tls_listen") != std::string::npos);
  }
  SECTION("a key in the wrong section is unknown there") {
    CHECK(error_of("[server]\ndsn = x\n").rfind("test.ini:2: [server] dsn: unknown key", 0) == 0);
  }
  SECTION("duplicate key") {
    const auto m = error_of("[server]\nworkers = 2\n\nworkers = 3\n");
    CHECK(m.rfind("test.ini:4: [server] workers: duplicate key (first set on line 2)", 0) == 0);
  }
  SECTION("a section given twice") {
    const auto m = error_of("[log]\nlevel = info\n[server]\n[log]\n");
    CHECK(m.rfind("test.ini:4: [log]: section appears twice (first on line 1)", 0) == 0);
  }
  SECTION("a key before any section") {
    CHECK(error_of("workers = 2\n").rfind("test.ini:1: workers: key outside any [section]", 0) ==
          0);
  }
  SECTION("a line that is neither") {
    CHECK(error_of("[server]\nworkers\n").rfind("test.ini:2: expected 'key = value'", 0) == 0);
  }
  SECTION("a missing key name") {
    CHECK(error_of("[server]\n = 2\n").rfind("test.ini:2: missing key", 0) == 0);
  }
  SECTION("a malformed section header") {
    CHECK(error_of("[server\n").rfind("test.ini:1: malformed section header", 0) == 0);
  }
  SECTION("an empty admin field") {
    const auto m = error_of("[admin]\nusername =\npassword = x\n[database]\ndsn = x\n", false);
    CHECK(m.rfind("test.ini:2: [admin] username: must not be empty", 0) == 0);
  }
  SECTION("an empty dsn") {
    const auto m = error_of("[database]\ndsn = \"\"\n[admin]\nusername = a\npassword = b\n", false);
    CHECK(m.rfind("test.ini:2: [database] dsn: must not be empty", 0) == 0);
  }
}

TEST_CASE("values are not echoed for keys that hold secrets", "[unit][core][config]") {
  const auto m = error_of(
      "[admin]\nusername = a\npassword = s3cret\npassword = s3cret\n"
      "[database]\ndsn = x\n",
      false);
  CHECK(m.rfind("test.ini:4: [admin] password: duplicate key", 0) == 0);
  CHECK(m.find("s3cret") == std::string::npos);
}

TEST_CASE("required keys that are absent are named", "[unit][core][config]") {
  CHECK(error_of("[admin]\nusername = a\npassword = b\n", false) ==
        "test.ini: [database] dsn: required (a libpq connection string or URI)");
  CHECK(error_of("[database]\ndsn = x\n", false) == "test.ini: [admin] username: required");
  CHECK(error_of("[database]\ndsn = x\n[admin]\npassword = b\n", false) ==
        "test.ini: [admin] username: required");
  CHECK(error_of("[database]\ndsn = x\n[admin]\nusername = a\n", false) ==
        "test.ini: [admin] password: required");
  CHECK(error_of("", false).rfind("test.ini: [database] dsn: required", 0) == 0);
}

TEST_CASE("a TLS listener needs a certificate and a private key", "[unit][core][config]") {
  const auto no_key = error_of("[server]\ntls_listen = 0.0.0.0:9443\ntls_certificate = /c.pem\n");
  CHECK(no_key.rfind("test.ini:2: [server] tls_listen: needs", 0) == 0);
  const auto no_cert = error_of("[server]\ntls_private_key = /k.pem\ntls_listen = [::]:9443\n");
  CHECK(no_cert.rfind("test.ini:3: [server] tls_listen: needs", 0) == 0);
  // An empty tls_listen means no TLS listener, so nothing else is needed.
  CHECK(parse("[server]\ntls_listen =\n").server.tls_listen.port == 0);
}

TEST_CASE("more workers than pooled connections is refused", "[unit][core][config]") {
  const auto m = error_of("[server]\nworkers = 9\n");
  CHECK(m.rfind("test.ini:2: [server] workers: ", 0) == 0);
  CHECK(m.find("pool_size (8)") != std::string::npos);
  CHECK(m.find("each worker holds one database connection") != std::string::npos);

  // The message points at whichever of the two keys was set last.
  const auto smaller_pool = error_of(
      "[server]\nworkers = 4\n[database]\npool_size = 3\n"
      "dsn = x\n[admin]\nusername = a\npassword = b\n",
      false);
  CHECK(smaller_pool.rfind("test.ini:4: [database] pool_size: ", 0) == 0);

  const Config equal = parse_config(
      "[server]\nworkers = 3\n[database]\npool_size = 3\n"
      "dsn = x\n[admin]\nusername = a\npassword = b\n",
      "test.ini");
  CHECK(equal.server.workers == 3);
  CHECK(equal.db.pool_size == 3);
  CHECK(parse_config("[server]\nworkers = 1\n[database]\npool_size = 20\n"
                     "dsn = x\n[admin]\nusername = a\npassword = b\n",
                     "test.ini")
            .db.pool_size == 20);
}

TEST_CASE("load_config reads a file and names it in errors", "[unit][core][config]") {
  char path[] = "/tmp/ngnpro_config_test_XXXXXX";
  const int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  close(fd);
  {
    std::ofstream out{path};
    out << kRequired << "[log]\nlevel = nonsense\n";
  }
  try {
    load_config(path);
    FAIL("no ConfigError");
  } catch (const ConfigError& e) {
    CHECK(std::string(e.what()).rfind(std::string(path) + ":7: [log] level: ", 0) == 0);
  }
  {
    std::ofstream out{path};
    out << kRequired;
  }
  CHECK(load_config(path).admins.at(0).password == "secret");
  std::remove(path);
}

TEST_CASE("an unreadable config file is a ConfigError naming the path", "[unit][core][config]") {
  const std::string missing = "/nonexistent/ngnpro/config.ini";
  try {
    load_config(missing);
    FAIL("no ConfigError");
  } catch (const ConfigError& e) {
    CHECK(std::string(e.what()).rfind(missing + ": ", 0) == 0);
  }
  try {
    load_config("/tmp");
    FAIL("no ConfigError");
  } catch (const ConfigError& e) {
    CHECK(std::string(e.what()).rfind("/tmp: ", 0) == 0);
  }
}

TEST_CASE("the configuration block of README.md works when pasted", "[unit][core][config]") {
  const std::string readme = read_file(NGNPRO_README);
  const std::size_t heading = readme.find("## Configuration");
  REQUIRE(heading != std::string::npos);
  const std::size_t start = readme.find("```ini\n", heading);
  REQUIRE(start != std::string::npos);
  const std::size_t end = readme.find("```", start + 7);
  REQUIRE(end != std::string::npos);
  const Config c = parse_config(readme.substr(start + 7, end - start - 7), "README.md");
  CHECK(c.server.listen.port == 9200);
  CHECK(c.server.tls_listen.port == 9443);
  CHECK(c.db.pool_size >= c.server.workers);
  CHECK(c.admins.at(0).username == "admin");
}

TEST_CASE("admin addresses take hosts and networks and refuse anything else", "[unit][core][config]") {
  const Config c = parse("[auth]\nadmin_address = 192.0.2.10\nadmin_address = 2001:db8::/32\n");
  REQUIRE(c.auth.admin_addresses.size() == 2);
  CHECK(c.auth.admin_addresses[1].text() == "2001:db8::/32");
  CHECK(error_of("[auth]\nadmin_address = 192.0.2.1/24\n").find("test.ini:2: [auth] admin_address:") == 0);
  CHECK(error_of("[auth]\nadmin_address = crm.example.com\n").find("not an IP address") != std::string::npos);
}

TEST_CASE("database timeouts take durations; 0 turns them off", "[unit][core][config]") {
  const Config c = parse_config(
      "[database]\ndsn = x\nstatement_timeout = 2500ms\nlock_timeout = 0\n[admin]\nusername = a\npassword = b\n", "test.ini");
  CHECK(c.db.statement_timeout == 2500ms);
  CHECK(c.db.lock_timeout == 0ms);
}

TEST_CASE("DNS name servers default to the hosted platform's; the first one given replaces them",
          "[unit][core][config]") {
  CHECK(parse("").dns.nameservers == std::vector<std::string>{"ns1.dns-hosting.info", "ns2.dns-hosting.info"});
  const Config c = parse("[dns]\nnameserver = NS1.Example.NET.\nnameserver = ns2.example.net\n");
  CHECK(c.dns.nameservers == std::vector<std::string>{"ns1.example.net", "ns2.example.net"});
  CHECK(error_of("[dns]\nnameserver = ns_1.example.net\n").find("test.ini:2: [dns] nameserver:") == 0);
  CHECK(error_of("[dns]\nnameserver = a..b\n").find("not a host name") != std::string::npos);
}

TEST_CASE("the URL redirector is one IP address, or none", "[unit][core][config]") {
  CHECK(parse("").dns.url_redirector.empty());
  CHECK(parse("[dns]\nurl_redirector = 192.0.2.80\n").dns.url_redirector == "192.0.2.80");
  CHECK(parse("[dns]\nurl_redirector = 2001:db8::80\n").dns.url_redirector == "2001:db8::80");
  CHECK(error_of("[dns]\nurl_redirector = 192.0.2.0/24\n").find("one IP address") != std::string::npos);
  CHECK(error_of("[dns]\nurl_redirector = redirect.example.net\n").find("[dns] url_redirector") != std::string::npos);
}
