#include <sys/resource.h>

#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <vector>

#include <catch2/catch.hpp>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "address_limiter.hpp"
#include "server_harness.hpp"

using namespace ngnpro::transport;
using namespace ngnpro::transport::test;

namespace {

long rss_kib() {
  std::ifstream status{"/proc/self/status"};
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

}  // namespace

TEST_CASE("HTTP/1.1 keeps the connection open for a second request", "[transport][server]") {
  QuietLog quiet;
  FakeSoap soap;
  RunningServer server{local_config(), test_limits(), soap.handler()};
  TcpClient client{server.port()};
  for (const char* body : {"first", "second"}) {
    client.send(post("/ngnpro/", body));
    const auto response = client.read_response();
    REQUIRE(response);
    CHECK(response->status == 200);
    CHECK(response->body == std::string{"/ngnpro/|"} + body);
    CHECK(response->header("content-type") == "text/xml; charset=utf-8");
    CHECK(response->header("server") == "ngnpro");
    CHECK(response->header("connection").empty());
    CHECK(response->header("transfer-encoding").empty());
  }
  CHECK_FALSE(client.closed());
}

TEST_CASE("HTTP/1.0 gets Connection: close and EOF after the response, so read-until-EOF works",
          "[transport][server]") {
  QuietLog quiet;
  FakeSoap soap;
  RunningServer server{local_config(), test_limits(), soap.handler()};
  TcpClient client{server.port()};
  // What PEAR SOAP sends over plain HTTP (envelopes/README.md "HTTP").
  client.send(post("/", "envelope", "HTTP/1.0", "Connection: close\r\nUser-Agent: PEAR-SOAP 0.11.0-beta\r\n"));
  REQUIRE(client.closed_within(2s));
  const auto response = take_response(client.received());
  REQUIRE(response);
  CHECK(response->status == 200);
  CHECK(response->body == "/|envelope");
  CHECK(response->header("connection") == "close");
  CHECK(response->header("content-length") == "10");
  CHECK(client.received().empty());

  TcpClient plain10{server.port()};  // HTTP/1.0 without any Connection header closes too
  plain10.send(post("/", "x", "HTTP/1.0"));
  REQUIRE(plain10.closed_within(2s));
  CHECK(take_response(plain10.received())->header("connection") == "close");
}

TEST_CASE("HTTP/1.0 with Connection: keep-alive stays open and is told so", "[transport][server]") {
  QuietLog quiet;
  FakeSoap soap;
  RunningServer server{local_config(), test_limits(), soap.handler()};
  TcpClient client{server.port()};
  for (int i = 0; i < 2; ++i) {
    client.send(post("/", "x", "HTTP/1.0", "Connection: keep-alive\r\n"));
    const auto response = client.read_response();
    REQUIRE(response);
    CHECK(response->status == 200);
    CHECK(response->header("connection") == "keep-alive");
  }
}

TEST_CASE("Connection: close on HTTP/1.1 is honoured", "[transport][server]") {
  QuietLog quiet;
  FakeSoap soap;
  RunningServer server{local_config(), test_limits(), soap.handler()};
  TcpClient client{server.port()};
  client.send(post("/", "x", "HTTP/1.1", "Connection: close\r\n"));
  REQUIRE(client.closed_within(2s));
  const auto response = take_response(client.received());
  REQUIRE(response);
  CHECK(response->status == 200);
  CHECK(response->header("connection") == "close");
}

TEST_CASE("a second request pipelined in the same packet is answered after the first",
          "[transport][server]") {
  QuietLog quiet;
  FakeSoap soap;
  RunningServer server{local_config(), test_limits(), soap.handler()};
  TcpClient client{server.port()};
  client.send(post("/", "one") + post("/voicemail", "two") + get("/wsdl"));
  const auto first = client.read_response();
  const auto second = client.read_response();
  const auto third = client.read_response();
  REQUIRE(first);
  REQUIRE(second);
  REQUIRE(third);
  CHECK(first->body == "/|one");
  CHECK(second->body == "/voicemail|two");
  CHECK(third->body == test_documents().wsdl);
}

TEST_CASE("a declared 100 MB body is answered 413 and closed without waiting for the body",
          "[transport][server][limits]") {
  QuietLog quiet;
  FakeSoap soap;
  RunningServer server{local_config(), test_limits(), soap.handler()};
  TcpClient client{server.port()};
  client.send("POST /ngnpro/ HTTP/1.1\r\nHost: a\r\nContent-Type: text/xml\r\n"
              "Content-Length: 104857600\r\n\r\n");  // the client sends only the headers
  const auto response = client.read_response(2s);
  REQUIRE(response);
  CHECK(response->status == 413);
  CHECK(response->header("connection") == "close");
  CHECK(client.closed_within(2s));
  CHECK(soap.calls == 0);
}

TEST_CASE("a chunked body larger than max_body_bytes is refused with 413",
          "[transport][server][limits]") {
  QuietLog quiet;
  FakeSoap soap;
  auto limits = test_limits();
  limits.max_body_bytes = 1000;
  RunningServer server{local_config(), limits, soap.handler()};
  TcpClient client{server.port()};
  client.send("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n");
  const std::string chunk = "100\r\n" + std::string(256, 'x') + "\r\n";  // 256 bytes per chunk
  for (int i = 0; i < 4 && !client.closed(); ++i) client.send(chunk);
  const auto response = client.read_response(2s);
  REQUIRE(response);
  CHECK(response->status == 413);
  CHECK(client.closed_within(2s));
  CHECK(soap.calls == 0);
}

TEST_CASE("a chunked request body reaches the SOAP handler decoded", "[transport][server]") {
  QuietLog quiet;
  FakeSoap soap;
  RunningServer server{local_config(), test_limits(), soap.handler()};
  const auto response = exchange(server.port(),
                                 "POST /ngnpro HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                                 "4\r\nenve\r\n4\r\nlope\r\n0\r\n\r\n");
  REQUIRE(response);
  CHECK(response->status == 200);
  CHECK(response->body == "/ngnpro|envelope");
}

TEST_CASE("Expect: 100-continue gets 100 Continue before the client sends the body",
          "[transport][server]") {
  QuietLog quiet;
  FakeSoap soap;
  RunningServer server{local_config(), test_limits(), soap.handler()};
  TcpClient client{server.port()};
  const std::string body(2000, 'b');
  client.send("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2000\r\n\r\n");
  const auto interim = client.read_response(2s);
  REQUIRE(interim);
  CHECK(interim->status == 100);
  client.send(body);
  const auto response = client.read_response();
  REQUIRE(response);
  CHECK(response->status == 200);
  CHECK(response->body == "/|" + body);
}

TEST_CASE("a malformed request gets 400 and the connection is closed", "[transport][server]") {
  QuietLog quiet;
  FakeSoap soap;
  RunningServer server{local_config(), test_limits(), soap.handler()};
  TcpClient client{server.port()};
  client.send("POST / HTTP/1.1\r\nBad Header\r\n\r\n");
  const auto response = client.read_response(2s);
  REQUIRE(response);
  CHECK(response->status == 400);
  CHECK(response->header("connection") == "close");
  CHECK(client.closed_within(2s));
}

TEST_CASE("headers over max_header_bytes get 431 and the connection is closed",
          "[transport][server][limits]") {
  QuietLog quiet;
  FakeSoap soap;
  auto limits = test_limits();
  limits.max_header_bytes = 1024;
  RunningServer server{local_config(), limits, soap.handler()};
  TcpClient client{server.port()};
  client.send("POST / HTTP/1.1\r\nX-Junk: " + std::string(2000, 'j'));  // never ends
  const auto response = client.read_response(2s);
  REQUIRE(response);
  CHECK(response->status == 431);
  CHECK(client.closed_within(2s));
}

TEST_CASE("a client trickling its headers is cut off after read_timeout (slow-loris)",
          "[transport][server][timeouts]") {
  QuietLog quiet;
  FakeSoap soap;
  auto limits = test_limits();
  limits.read_timeout = 1s;
  limits.idle_timeout = 10s;
  RunningServer server{local_config(), limits, soap.handler()};
  TcpClient client{server.port()};
  const std::string request = post("/", std::string(100, 'x'));
  const auto first_byte = Clock::now();
  for (char c : request) {
    if (!client.send(std::string_view{&c, 1})) break;
    // 200 ms between bytes; the wait ends early if the server closes.
    if (client.closed_within(200ms)) break;
  }
  const auto elapsed = Clock::now() - first_byte;
  CHECK(client.closed());
  CHECK(elapsed >= 900ms);
  CHECK(elapsed < 1500ms);
  CHECK(soap.calls == 0);
}

TEST_CASE("an idle keep-alive connection is closed after idle_timeout", "[transport][server][timeouts]") {
  QuietLog quiet;
  FakeSoap soap;
  auto limits = test_limits();
  limits.idle_timeout = 300ms;
  RunningServer server{local_config(), limits, soap.handler()};
  TcpClient client{server.port()};
  client.send(post("/", "x"));
  REQUIRE(client.read_response());
  const auto start = Clock::now();
  REQUIRE(client.closed_within(3s));
  CHECK(Clock::now() - start >= 250ms);
  CHECK(client.received().empty());  // closed silently
}

TEST_CASE("64 idle keep-alive connections do not block a 65th client's request with 2 workers",
          "[transport][server][concurrency]") {
  QuietLog quiet;
  FakeSoap soap;
  auto config = local_config();
  config.workers = 2;
  RunningServer server{config, test_limits(), soap.handler()};
  std::vector<std::unique_ptr<TcpClient>> idle;
  for (int i = 0; i < 64; ++i) {
    idle.push_back(std::make_unique<TcpClient>(server.port()));
    idle.back()->send(post("/", "warm-up"));
    REQUIRE(idle.back()->read_response());
  }
  // A worker-per-connection server would have no worker left for this one.
  const auto response = exchange(server.port(), post("/", "65th"));
  REQUIRE(response);
  CHECK(response->body == "/|65th");
  // ...and the idle ones are still usable.
  idle.front()->send(post("/", "again"));
  const auto again = idle.front()->read_response();
  REQUIRE(again);
  CHECK(again->body == "/|again");
}

TEST_CASE("connections beyond max_connections are closed at once", "[transport][server][limits]") {
  QuietLog quiet;
  FakeSoap soap;
  auto limits = test_limits();
  limits.max_connections = 2;
  RunningServer server{local_config(), limits, soap.handler()};
  CHECK_NOTHROW(expect_third_refused(server.port()));
}

TEST_CASE("an address's connection count goes up once per slot and down once per slot",
          "[transport][limits]") {
  AddressLimiter limiter{2};
  {
    auto a = limiter.try_acquire("192.0.2.1");
    auto b = limiter.try_acquire("192.0.2.1");
    REQUIRE(a);
    REQUIRE(b);
    CHECK_FALSE(limiter.try_acquire("192.0.2.1"));
    CHECK(limiter.try_acquire("192.0.2.2"));  // released again at once
    CHECK(limiter.count("192.0.2.1") == 2);
    CHECK(limiter.count("192.0.2.2") == 0);
    AddressLimiter::Slot moved{std::move(*a)};  // the moved-from slot gives nothing back
    a.reset();
    CHECK(limiter.count("192.0.2.1") == 2);
  }
  CHECK(limiter.count("192.0.2.1") == 0);
  CHECK(limiter.try_acquire("192.0.2.1"));
}

TEST_CASE("connections beyond max_connections_per_address from one IP are closed at once; "
          "other IPs are still served",
          "[transport][server][limits]") {
  QuietLog quiet;
  FakeSoap soap;
  RunningServer server{local_config(), limits_per_address(2), soap.handler()};
  const auto held = expect_third_refused(server.port());

  TcpClient other{server.port(), "127.0.0.1", "127.0.0.2"};
  other.send(post("/", "other address"));
  const auto response = other.read_response();
  REQUIRE(response);
  CHECK(response->body == "/|other address");
}

TEST_CASE("a connection gives its place under max_connections_per_address back when it ends",
          "[transport][server][limits]") {
  QuietLog quiet;
  FakeSoap soap;
  RunningServer server{local_config(), limits_per_address(1), soap.handler()};
  // Ten connections in turn, each ended a different way: none may keep its place. The server
  // learns of a close asynchronously, so each new client retries for a moment.
  for (int i = 0; i < 10; ++i) {
    INFO("connection " << i);
    std::optional<RawResponse> response;
    const auto deadline = Clock::now() + 2s;
    while (!response && Clock::now() < deadline) {
      TcpClient client{server.port()};
      if (!client.send(post("/", "x", "HTTP/1.1", "Connection: close\r\n"))) continue;
      response = client.read_response(1s);
      if (!response) continue;
      switch (i % 3) {
        case 0: break;  // the server closes after its answer
        case 1: client.send("GARBAGE\r\n\r\n"); break;  // and ignores more input
        case 2: ::shutdown(client.fd(), SHUT_RDWR); break;
      }
    }
    REQUIRE(response);
    CHECK(response->status == 200);
  }
  // So does one whose client goes away in the middle of a request.
  {
    std::unique_ptr<TcpClient> half;
    const auto deadline = Clock::now() + 2s;
    do {  // until the last connection above is gone and this one gets the place
      half = std::make_unique<TcpClient>(server.port());
      half->send("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc");
    } while (half->closed_within(200ms) && Clock::now() < deadline);
    REQUIRE_FALSE(half->closed());  // it holds the one place...
    TcpClient refused{server.port()};
    CHECK(refused.closed_within(2s));  // ...so this one is refused
  }
  CHECK(exchange_once_admitted(server.port(), post("/", "x")));
}

TEST_CASE("WSDL, one-port WSDLs and soap-encoding.xsd are served on GET and HEAD",
          "[transport][server][routing]") {
  QuietLog quiet;
  FakeSoap soap;
  RunningServer server{local_config(), test_limits(), soap.handler()};
  const Documents docs = test_documents();
  struct Case { const char* target; std::string expected; };
  for (const Case& c : {Case{"/wsdl", docs.wsdl}, Case{"/ngnpro/wsdl", docs.wsdl},
                        Case{"/ngnpro/?wsdl", docs.wsdl},
                        Case{"/voicemail/wsdl", docs.port_wsdls.at("voicemail")},
                        Case{"/ngnpro/voicemail/wsdl/", docs.port_wsdls.at("voicemail")},
                        Case{"/ngnpro/sip/wsdl", docs.port_wsdls.at("sip")},
                        Case{"/ngnpro/soap-encoding.xsd", docs.soap_encoding_xsd}}) {
    INFO(c.target);
    const auto response = exchange(server.port(), get(c.target));
    REQUIRE(response);
    CHECK(response->status == 200);
    CHECK(response->body == c.expected);
    CHECK(response->header("content-type") == "text/xml; charset=utf-8");
  }
  const auto head = exchange(server.port(), get("/ngnpro/wsdl", "HEAD"), /*head_request=*/true);
  REQUIRE(head);
  CHECK(head->status == 200);
  CHECK(head->header("content-length") == std::to_string(docs.wsdl.size()));
  CHECK(head->body.empty());
  CHECK(exchange(server.port(), get("/ngnpro/nosuchport/wsdl"))->status == 404);
  CHECK(soap.calls == 0);
}

TEST_CASE("GET /health answers 200 ok or 503 from the health check", "[transport][server][routing]") {
  QuietLog quiet;
  FakeSoap soap;
  std::atomic<bool> healthy{true};
  RunningServer server{local_config(), test_limits(), soap.handler(), [&] { return healthy.load(); }};
  auto response = exchange(server.port(), get("/health"));
  REQUIRE(response);
  CHECK(response->status == 200);
  CHECK(response->body == "ok\n");
  CHECK(response->header("content-type").rfind("text/plain", 0) == 0);
  healthy = false;
  response = exchange(server.port(), get("/health"));
  REQUIRE(response);
  CHECK(response->status == 503);
  CHECK(response->body == "database unavailable\n");
}

TEST_CASE("unknown paths get 404 and wrong methods 405 with Allow", "[transport][server][routing]") {
  QuietLog quiet;
  FakeSoap soap;
  RunningServer server{local_config(), test_limits(), soap.handler()};
  TcpClient client{server.port()};  // error answers keep the connection
  client.send(get("/nope"));
  auto response = client.read_response();
  REQUIRE(response);
  CHECK(response->status == 404);
  client.send(get("/ngnpro/"));
  response = client.read_response();
  REQUIRE(response);
  CHECK(response->status == 405);
  CHECK(response->header("allow") == "POST");
  client.send(post("/wsdl", "x"));
  response = client.read_response();
  REQUIRE(response);
  CHECK(response->status == 405);
  CHECK(response->header("allow") == "GET, HEAD");
  CHECK(soap.calls == 0);
}

TEST_CASE("the SOAP handler sees method, path, headers, body, peer and tls=false",
          "[transport][server]") {
  QuietLog quiet;
  std::mutex mutex;
  HttpRequest seen;
  RunningServer server{local_config(), test_limits(), [&](const HttpRequest& request) {
                         std::lock_guard lock{mutex};
                         seen = request;
                         return HttpResponse{};
                       }};
  REQUIRE(exchange(server.port(), post("/ngnpro/voicemail/", "<env/>", "HTTP/1.0")));
  std::lock_guard lock{mutex};
  CHECK(seen.method == "POST");
  CHECK(seen.path == "/ngnpro/voicemail/");
  CHECK(seen.version_minor == 0);
  CHECK(seen.headers.at("soapaction") == "\"\"");
  CHECK(seen.body == "<env/>");
  CHECK(seen.peer == "127.0.0.1");
  CHECK_FALSE(seen.tls);
}

TEST_CASE("a 500 SOAP fault keeps the connection alive; a handler exception is a 500 text/plain",
          "[transport][server]") {
  QuietLog quiet;
  FakeSoap soap;
  RunningServer server{local_config(), test_limits(), soap.handler()};
  TcpClient client{server.port()};
  client.send(post("/", "fault"));
  auto response = client.read_response();
  REQUIRE(response);
  CHECK(response->status == 500);
  CHECK(response->body == "<Fault/>");
  CHECK(response->header("connection").empty());

  client.send(post("/", "throw"));
  response = client.read_response();
  REQUIRE(response);
  CHECK(response->status == 500);
  CHECK(response->body == "internal error\n");
  CHECK(response->header("content-type").rfind("text/plain", 0) == 0);

  client.send(post("/", "still here"));
  response = client.read_response();
  REQUIRE(response);
  CHECK(response->body == "/|still here");
}

TEST_CASE("every answered request writes one access log line with the handler's fields",
          "[transport][server][log]") {
  FakeSoap soap;
  LogCapture log;
  {
    RunningServer server{local_config(), test_limits(), soap.handler()};
    TcpClient client{server.port()};
    client.send(post("/ngnpro/", "fault") + get("/nope"));
    REQUIRE(client.read_response());
    REQUIRE(client.read_response());
  }  // stopped: every line is written
  const auto lines = log.lines_containing("peer=");
  REQUIRE(lines.size() == 2);
  CHECK_THAT(lines[0], Catch::StartsWith("info peer=127.0.0.1 tls=0 method=POST path=/ngnpro/ "
                                         "status=500 op=Test.echo caller=admin as=1001 fault=1000 us="));
  CHECK_THAT(lines[1], Catch::StartsWith("info peer=127.0.0.1 tls=0 method=GET path=/nope "
                                         "status=404 op=- caller=- as=0 fault=0 us="));
  CHECK(log.lines_containing("fault<").empty());  // never a body
}

TEST_CASE("stop() lets a request in flight finish its response, then run() returns",
          "[transport][server][stop]") {
  QuietLog quiet;
  FakeSoap soap;
  RunningServer server{local_config(), test_limits(), soap.handler()};
  TcpClient busy{server.port()};
  TcpClient idle{server.port()};
  idle.send(post("/", "x"));
  REQUIRE(idle.read_response());
  TcpClient half{server.port()};
  half.send("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc");  // never finished

  auto started = soap.slow_started.get_future();
  busy.send(post("/", "slow"));
  REQUIRE(started.wait_for(2s) == std::future_status::ready);
  server.server().stop();  // the handler is sleeping its 300 ms now

  const auto response = busy.read_response(2s);
  REQUIRE(response);
  CHECK(response->status == 200);
  CHECK(response->body == "/|slow");
  CHECK(response->header("connection") == "close");
  CHECK(busy.closed_within(2s));
  CHECK(idle.closed_within(2s));
  CHECK(idle.received().empty());
  CHECK(half.closed_within(2s));
  CHECK(server.run_returned_within(3s));
}

TEST_CASE("stop() before run() makes run() return at once", "[transport][server][stop]") {
  QuietLog quiet;
  HttpServer server{local_config(), test_limits(), test_documents(),
                    [](const HttpRequest&) { return HttpResponse{}; }, [] { return true; }};
  server.stop();
  auto done = std::async(std::launch::async, [&] { server.run(); });
  CHECK(done.wait_for(3s) == std::future_status::ready);
}

TEST_CASE("the server listens on an IPv6 literal", "[transport][server]") {
  QuietLog quiet;
  FakeSoap soap;
  auto config = local_config();
  config.listen = {"::1", 0};
  std::unique_ptr<RunningServer> server;
  try {
    server = std::make_unique<RunningServer>(config, test_limits(), soap.handler());
  } catch (const std::exception& e) {
    WARN("no IPv6 loopback here: " << e.what());
    return;
  }
  TcpClient client{server->port(), "::1"};
  client.send(post("/", "v6"));
  const auto response = client.read_response();
  REQUIRE(response);
  CHECK(response->body == "/|v6");
}

TEST_CASE("a port already in use is reported at construction", "[transport][server]") {
  QuietLog quiet;
  FakeSoap soap;
  RunningServer first{local_config(), test_limits(), soap.handler()};
  auto config = local_config();
  config.listen.port = first.port();
  CHECK_THROWS_WITH(HttpServer(config, test_limits(), test_documents(), soap.handler(), [] { return true; }),
                    Catch::Contains("cannot listen on 127.0.0.1:" + std::to_string(first.port())));
}

// Not run by default: `transport_server_test "[.measure]" -s` prints what idle connections cost.
TEST_CASE("measure: RSS of 1000 idle keep-alive connections", "[.measure]") {
  QuietLog quiet;
  rlimit limit{};
  ::getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, 4096);
  ::setrlimit(RLIMIT_NOFILE, &limit);
  FakeSoap soap;
  auto limits = test_limits();
  limits.idle_timeout = 60s;
  RunningServer server{local_config(), limits, soap.handler()};
  std::vector<std::unique_ptr<TcpClient>> clients;
  clients.reserve(1000);
  // Warm up allocator and threads first.
  for (int i = 0; i < 10; ++i) REQUIRE(exchange(server.port(), post("/", "warm")));
  const long before = rss_kib();
  for (int i = 0; i < 1000; ++i) {
    clients.push_back(std::make_unique<TcpClient>(server.port()));
    clients.back()->send(post("/", std::string(100, 'x')));
    REQUIRE(clients.back()->read_response());
    clients.back()->received().shrink_to_fit();
  }
  const long after = rss_kib();
  WARN("RSS before " << before << " KiB, with 1000 idle keep-alive connections " << after
       << " KiB: " << (after - before) * 1024 / 1000 << " bytes per connection (client side included)");
}
