// Client text in a log line stays one bounded token: issue 9, defect 7.
#include "ngnpro/core/log_text.hpp"

#include <string>

#include <catch2/catch.hpp>

using namespace ngnpro::core;

TEST_CASE("log_safe keeps printable ASCII as it is", "[unit][core][log]") {
  CHECK(log_safe("admin") == "admin");
  CHECK(log_safe("Customer.getAccount") == "Customer.getAccount");
  CHECK(log_safe("/ngnpro/?wsdl=1&a=b") == "/ngnpro/?wsdl=1&a=b");
  CHECK(log_safe("") == "");
}

TEST_CASE("log_safe escapes a line feed, so a user name cannot forge a second log line",
          "[unit][core][log]") {
  const std::string forged = log_safe("admin\n2026-12-04T17:24:14.123+00:00 [info] peer=10.0.0.1");
  CHECK(forged.find('\n') == std::string::npos);
  CHECK_THAT(forged, Catch::StartsWith("admin\\x0a2026-12-04T17:24:14.123+00:00\\x20[info]"));
}

TEST_CASE("log_safe escapes controls, space, DEL and non-ASCII bytes as \\xNN", "[unit][core][log]") {
  CHECK(log_safe(std::string{"a\r\tb\0c", 6}) == "a\\x0d\\x09b\\x00c");
  CHECK(log_safe("a b") == "a\\x20b");        // no forged key=value field either
  CHECK(log_safe("\x1b[2J") == "\\x1b[2J");   // no terminal escape
  CHECK(log_safe("\x7f") == "\\x7f");
  CHECK(log_safe("m\xC3\xBCller") == "m\\xc3\\xbcller");
  CHECK(log_safe("\xE2\x80\xA8") == "\\xe2\\x80\\xa8");  // U+2028 LINE SEPARATOR
}

TEST_CASE("log_safe escapes backslash and double quote, so the escaping can be undone",
          "[unit][core][log]") {
  CHECK(log_safe("a\\x0ab") == "a\\\\x0ab");  // a literal \x0a is not a line feed in the log
  CHECK(log_safe("say \"hi\"") == "say\\x20\\\"hi\\\"");
}

TEST_CASE("log_safe bounds a 3 MB value to max_bytes and counts what it left out",
          "[unit][core][log]") {
  const std::string huge(3 * 1024 * 1024, 'u');
  const std::string safe = log_safe(huge);
  CHECK(safe == std::string(128, 'u') + "…(+" + std::to_string(huge.size() - 128) + " bytes)");
  CHECK(log_safe(std::string(128, 'u')) == std::string(128, 'u'));
  CHECK(log_safe("abcdef", 4) == "abcd…(+2 bytes)");
}

TEST_CASE("log_safe never cuts an escape in half", "[unit][core][log]") {
  // "ab" fits in 5 bytes, "\x0a" (4 bytes) would not: it is left out whole.
  CHECK(log_safe("ab\ncd", 5) == "ab…(+3 bytes)");
  CHECK(log_safe("\n\n", 4) == "\\x0a…(+1 bytes)");
  CHECK(log_safe("\n", 0) == "…(+1 bytes)");
}
