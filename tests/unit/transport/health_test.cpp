// GET /health off the SOAP workers, with a deadline; and no exception escapes a thread that
// runs the SOAP handler or the health check (issue 9, items 4 and 5).
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "health_monitor.hpp"
#include "server_harness.hpp"

using namespace ngnpro::transport;
using namespace ngnpro::transport::test;

namespace {

std::chrono::milliseconds since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

}  // namespace

TEST_CASE("GET /health answers while every SOAP worker is blocked", "[transport][health]") {
  QuietLog quiet;
  FakeSoap soap;
  auto config = local_config();
  config.workers = 2;
  RunningServer server{config, test_limits(), soap.handler()};
  TcpClient first{server.port()};
  TcpClient second{server.port()};
  first.send(post("/", "block"));
  second.send(post("/", "block"));
  REQUIRE(soap.gate.wait_for_waiting(2));  // both workers are held, as by a database lock

  const auto start = Clock::now();
  const auto health = exchange(server.port(), get("/health"));
  const auto took = since(start);
  soap.gate.open();
  REQUIRE(health);
  CHECK(health->status == 200);
  CHECK(health->body == "ok\n");
  CHECK(took < 2500ms);
  REQUIRE(first.read_response());
  REQUIRE(second.read_response());
}

TEST_CASE("a health check that hangs is answered 503 database unavailable at the deadline, "
          "and concurrent requests share the one check",
          "[transport][health]") {
  QuietLog quiet;
  FakeSoap soap;
  Gate database;
  std::atomic<int> checks{0};
  RunningServer server{local_config(), test_limits(), soap.handler(), [&] {
                         ++checks;
                         database.pass();
                         return true;
                       }};
  std::vector<std::unique_ptr<TcpClient>> clients;
  const auto start = Clock::now();
  for (int i = 0; i < 3; ++i) {
    clients.push_back(std::make_unique<TcpClient>(server.port()));
    clients.back()->send(get("/health"));
  }
  for (auto& client : clients) {
    const auto response = client->read_response(3s);
    REQUIRE(response);
    CHECK(response->status == 503);
    CHECK(response->body == "database unavailable\n");
  }
  const auto took = since(start);
  CHECK(took >= kHealthDeadline - 100ms);
  CHECK(took < 2500ms);
  CHECK(checks == 1);  // one hung check, not one per request

  // The connection is still usable, and once the database answers so does /health.
  database.open();
  std::optional<RawResponse> response;
  const auto deadline = Clock::now() + 2s;
  while (Clock::now() < deadline) {
    clients.front()->send(get("/health"));
    response = clients.front()->read_response(3s);
    REQUIRE(response);
    if (response->status == 200) break;
  }
  CHECK(response->status == 200);  // from the hung check, now finished, or a new one
}

TEST_CASE("a health check that throws is answered 500, logged escaped, and the next check runs",
          "[transport][health]") {
  FakeSoap soap;
  LogCapture log;
  std::atomic<int> checks{0};
  {
    RunningServer server{local_config(), test_limits(), soap.handler(), [&]() -> bool {
                           if (++checks == 1) throw std::runtime_error("lost\nerror forged=1");
                           return true;
                         }};
    auto response = exchange(server.port(), get("/health"));
    REQUIRE(response);
    CHECK(response->status == 500);
    CHECK(response->body == "internal error\n");
    response = exchange(server.port(), get("/health"));
    REQUIRE(response);
    CHECK(response->status == 200);
  }
  const auto lines = log.lines_containing("health check threw");
  REQUIRE(lines.size() == 1);
  CHECK_THAT(lines[0], Catch::EndsWith("lost\\x0aerror\\x20forged=1"));
  CHECK(log.lines_containing("forged").size() == 1);
}

TEST_CASE("a SOAP handler that throws anything is answered 500 and logged on one escaped line; "
          "the workers go on",
          "[transport][server]") {
  FakeSoap soap;
  LogCapture log;
  {
    auto config = local_config();
    config.workers = 1;  // a worker killed by an exception would leave none
    RunningServer server{config, test_limits(), soap.handler()};
    TcpClient client{server.port()};
    for (const char* body : {"throw-forged", "throw-other", "throw"}) {
      INFO(body);
      client.send(post("/ngnpro/", body));
      const auto response = client.read_response();
      REQUIRE(response);
      CHECK(response->status == 500);
      CHECK(response->body == "internal error\n");
      CHECK(response->header("content-type").rfind("text/plain", 0) == 0);
    }
    client.send(post("/ngnpro/", "still here"));
    const auto response = client.read_response();
    REQUIRE(response);
    CHECK(response->body == "/ngnpro/|still here");
  }
  const auto lines = log.lines_containing("handler threw");
  REQUIRE(lines.size() == 3);
  CHECK_THAT(lines[0], Catch::EndsWith("handler threw: bad\\x20user\\x20\\\"x\\x0aerror\\x20forged=1\\\""));
  CHECK(log.lines_containing("forged").size() == 1);  // no second line began with the forgery
  CHECK_THAT(lines[1], Catch::EndsWith("handler threw: a non-standard exception"));
}
