// The access line: every client field escaped and bounded, the line bounded, timestamps in
// ISO-8601 UTC with their offset (issue 9, defect 7).
#include <cstdlib>
#include <ctime>
#include <regex>
#include <string>

#include <catch2/catch.hpp>
#include <spdlog/pattern_formatter.h>

#include "access_log.hpp"
#include "ngnpro/core/log_text.hpp"
#include "server_harness.hpp"

using namespace ngnpro::transport;
using namespace ngnpro::transport::test;

namespace {

AccessRecord soap_record() {
  AccessRecord record;
  record.peer = "192.0.2.7";
  record.method = "POST";
  record.path = "/ngnpro/";
  record.status = 200;
  record.access = {"Customer.getAccount", "admin", 1001, 0};
  record.elapsed = std::chrono::microseconds{1234};
  return record;
}

}  // namespace

TEST_CASE("an access line carries every field as key=value", "[transport][log]") {
  CHECK(access_line(soap_record()) ==
        "peer=192.0.2.7 tls=0 method=POST path=/ngnpro/ status=200 op=Customer.getAccount "
        "caller=admin as=1001 fault=0 us=1234");
  AccessRecord empty;
  CHECK(access_line(empty) ==
        "peer=- tls=0 method=- path=- status=0 op=- caller=- as=0 fault=0 us=0");
}

TEST_CASE("a caller holding a line feed stays one field of one access line", "[transport][log]") {
  AccessRecord record = soap_record();
  record.access.caller = "admin\n2026-12-04T17:24:14.123+00:00 [info] peer=10.0.0.1 caller=root";
  const std::string line = access_line(record);
  CHECK(line.find('\n') == std::string::npos);
  CHECK_THAT(line, Catch::Contains(
                       " caller=admin\\x0a2026-12-04T17:24:14.123+00:00\\x20[info]\\x20peer=10.0.0.1"
                       "\\x20caller=root as=1001 "));
}

TEST_CASE("every client field of an access line is escaped: method, path, op, caller",
          "[transport][log]") {
  AccessRecord record = soap_record();
  record.method = "PO\rST";
  record.path = "/a b\x1b[2J";
  record.access.operation = "Op\xE2\x80\xA8x";  // U+2028, a line break to some log viewers
  record.access.caller = "\"x\"";
  CHECK(access_line(record) ==
        "peer=192.0.2.7 tls=0 method=PO\\x0dST path=/a\\x20b\\x1b[2J status=200 "
        "op=Op\\xe2\\x80\\xa8x caller=\\\"x\\\" as=1001 fault=0 us=1234");
}

TEST_CASE("a 3 MB user name or path makes a 128-byte field, and the line stays under 2 KiB",
          "[transport][log]") {
  const std::string huge(3 * 1024 * 1024, 'A');
  AccessRecord record = soap_record();
  record.access.caller = huge;
  const std::string line = access_line(record);
  CHECK_THAT(line, Catch::Contains(" caller=" + std::string(128, 'A') + "…(+" +
                                   std::to_string(huge.size() - 128) + " bytes) as=1001 "));
  record.peer = record.method = record.path = huge;
  record.access.operation = huge;
  CHECK(access_line(record).size() <= kMaxAccessLineBytes);
  const std::string escaped_huge(3 * 1024 * 1024, '\n');
  record.peer = record.method = record.path = escaped_huge;
  record.access.operation = record.access.caller = escaped_huge;
  CHECK(access_line(record).size() <= kMaxAccessLineBytes);
}

TEST_CASE("a SOAP user name holding a line feed writes one access line through the server",
          "[transport][log]") {
  LogCapture log;
  {
    RunningServer server{local_config(), test_limits(), [](const HttpRequest& request) {
                           HttpResponse response;
                           response.access.operation = "Test.echo";
                           response.access.caller = request.body;  // as the SOAP layer reports it
                           return response;
                         }};
    REQUIRE(exchange(server.port(), post("/ngnpro/", "admin\ninfo peer=6.6.6.6 caller=root")));
  }  // stopped: every line is written
  const auto lines = log.lines_containing("peer=");
  REQUIRE(lines.size() == 1);
  CHECK_THAT(lines[0], Catch::Contains(" caller=admin\\x0ainfo\\x20peer=6.6.6.6\\x20caller=root "));
}

TEST_CASE("log timestamps are ISO-8601 in UTC with their +00:00 offset, whatever TZ says",
          "[transport][log]") {
  const char* previous = std::getenv("TZ");
  const std::string saved = previous ? previous : "";
  ::setenv("TZ", "XYZ-5:30", 1);  // POSIX form: no tzdata needed; local time is UTC+05:30
  ::tzset();
  spdlog::pattern_formatter formatter{ngnpro::core::kLogPattern, spdlog::pattern_time_type::utc};
  const auto now = std::chrono::system_clock::now();
  spdlog::details::log_msg message{"ngnpro", spdlog::level::info, "hello"};
  message.time = now;
  spdlog::memory_buf_t out;
  formatter.format(message, out);
  if (previous) {
    ::setenv("TZ", saved.c_str(), 1);
  } else {
    ::unsetenv("TZ");
  }
  ::tzset();

  const std::string line{out.data(), out.size()};
  std::smatch match;
  REQUIRE(std::regex_search(line, match,
                            std::regex{R"(^(\d{4}-\d\d-\d\dT(\d\d):\d\d:\d\d\.\d{3})\+00:00 \[info\] hello)"}));
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  CHECK(std::stoi(match[2]) == utc.tm_hour);  // the UTC hour, not the local one
}
