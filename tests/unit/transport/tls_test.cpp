#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdlib.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <catch2/catch.hpp>

#include "server_harness.hpp"

using namespace ngnpro::transport;
using namespace ngnpro::transport::test;
namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
using asio::ip::tcp;
using boost::system::error_code;

namespace {

// A throwaway self-signed certificate in a temporary directory, made once per test run.
// `key_type`: openssl req -newkey's argument ("ec" with a P-256 curve, or "rsa:2048").
struct Certificate {
  std::filesystem::path dir;
  std::string cert, key;
  explicit Certificate(const std::string& key_type) {
    char pattern[] = "/tmp/ngnpro-tls-XXXXXX";
    if (::mkdtemp(pattern) == nullptr) throw std::runtime_error("mkdtemp");
    dir = pattern;
    cert = (dir / "cert.pem").string();
    key = (dir / "key.pem").string();
    const std::string command =
        "openssl req -x509 -newkey " + key_type + " -nodes -days 1"
        " -subj /CN=localhost -addext subjectAltName=IP:127.0.0.1"
        " -keyout " + key + " -out " + cert + " 2>/dev/null";
    if (std::system(command.c_str()) != 0) throw std::runtime_error("openssl req failed");
  }
  ~Certificate() { std::filesystem::remove_all(dir); }
};

const Certificate& certificate() {
  static const Certificate instance{"ec -pkeyopt ec_paramgen_curve:prime256v1"};
  return instance;
}

// The ECDHE-RSA suites need an RSA certificate, and so do the legacy ones refused below: with
// an EC certificate alone they would fail for want of a key, not for the server's cipher list.
const Certificate& rsa_certificate() {
  static const Certificate instance{"rsa:2048"};
  return instance;
}

// config.tls_listen port 0 means "no TLS listener", so the test picks a free port itself.
// The TLS listener takes no port 0 (0 disables it), so the test picks one. Below Linux's
// ephemeral range (32768-60999): a port the kernel hands to another process's connect() or
// listen(0) between this probe and the server's bind would fail the test (seen under load).
unsigned short free_port() {
  static std::mt19937 pick{std::random_device{}()};
  asio::io_context io;
  for (int attempt = 0; attempt < 100; ++attempt) {
    const auto port = static_cast<unsigned short>(std::uniform_int_distribution<int>{20000, 32000}(pick));
    error_code ec;
    tcp::acceptor probe{io};
    probe.open(tcp::v4(), ec);
    if (!ec) probe.bind(tcp::endpoint{asio::ip::make_address("127.0.0.1"), port}, ec);
    if (!ec) return port;
  }
  throw std::runtime_error("no free port between 20000 and 32000");
}

ngnpro::core::ServerConfig tls_config(const Certificate& server_certificate = certificate()) {
  auto config = local_config();
  config.tls_listen = {"127.0.0.1", free_port()};
  config.tls_certificate = server_certificate.cert;
  config.tls_private_key = server_certificate.key;
  return config;
}

// A TLS client whose every step is bounded by run_for(): a server bug fails, never hangs.
class TlsClient {
 public:
  explicit TlsClient(ssl::context& context) : stream_(io_, context) {}

  error_code connect_and_handshake(unsigned short port) {
    error_code result = asio::error::timed_out;
    stream_.next_layer().connect({asio::ip::make_address("127.0.0.1"), port}, result);
    if (result) return result;
    result = asio::error::timed_out;
    stream_.async_handshake(ssl::stream_base::client, [&](error_code ec) { result = ec; });
    run();
    return result;
  }

  // Sends `request` and reads until the server closes; returns what was read.
  std::string exchange_until_eof(const std::string& request) {
    std::string received;
    error_code write_ec = asio::error::timed_out;
    asio::async_write(stream_, asio::buffer(request), [&](error_code ec, std::size_t) { write_ec = ec; });
    run();
    if (write_ec) return received;
    read_error_ = asio::error::timed_out;
    asio::async_read(stream_, asio::dynamic_buffer(received),
                     [&](error_code ec, std::size_t) { read_error_ = ec; });
    run();
    return received;
  }

  // Sends `request` and reads one response, leaving the connection open.
  std::optional<RawResponse> exchange(const std::string& request) {
    error_code ec = asio::error::timed_out;
    asio::async_write(stream_, asio::buffer(request), [&](error_code e, std::size_t) { ec = e; });
    run();
    std::string received;
    while (!ec) {
      if (auto response = take_response(received)) return response;
      char chunk[4096];
      ec = asio::error::timed_out;
      stream_.async_read_some(asio::buffer(chunk), [&](error_code e, std::size_t n) {
        ec = e;
        received.append(chunk, n);
      });
      run();
    }
    return std::nullopt;
  }

  ssl::stream<tcp::socket>& stream() { return stream_; }
  error_code read_error() const { return read_error_; }

 private:
  void run() {
    io_.restart();
    io_.run_for(std::chrono::seconds(5));
  }
  asio::io_context io_;
  ssl::stream<tcp::socket> stream_;
  error_code read_error_;
};

ssl::context client_context(int min_version, int max_version,
                            const Certificate& trusted = certificate()) {
  ssl::context context{ssl::context::tls_client};
  SSL_CTX_set_min_proto_version(context.native_handle(), min_version);
  SSL_CTX_set_max_proto_version(context.native_handle(), max_version);
  context.load_verify_file(trusted.cert);
  context.set_verify_mode(ssl::verify_peer);
  return context;
}

// A TLS 1.2 client offering exactly `suites`. Security level 0, so that the client itself
// offers legacy suites: a refusal must be the server's.
ssl::context tls12_client_offering(const char* suites, const Certificate& trusted) {
  ssl::context context = client_context(TLS1_2_VERSION, TLS1_2_VERSION, trusted);
  SSL_CTX_set_security_level(context.native_handle(), 0);
  if (SSL_CTX_set_cipher_list(context.native_handle(), suites) != 1) {
    throw std::runtime_error(std::string{"this OpenSSL cannot offer "} + suites);
  }
  return context;
}

constexpr const char* kServerSuites[] = {
    "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
    "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
    "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305"};

}  // namespace

TEST_CASE("a TLS 1.2 client and a TLS 1.3 client get their SOAP response over HTTPS",
          "[transport][tls]") {
  QuietLog quiet;
  FakeSoap soap;
  RunningServer server{tls_config(), test_limits(), soap.handler()};
  REQUIRE(server.tls_port() != 0);
  for (int version : {TLS1_2_VERSION, TLS1_3_VERSION}) {
    INFO("version " << version);
    ssl::context context = client_context(version, version);
    TlsClient client{context};
    REQUIRE_FALSE(client.connect_and_handshake(server.tls_port()));
    CHECK(SSL_version(client.stream().native_handle()) == version);
    // As PEAR SOAP sends it over curl: HTTP/1.0, no Connection header; it reads to EOF.
    std::string data = client.exchange_until_eof(post("/ngnpro/", "secure", "HTTP/1.0"));
    // The server ends with close_notify, so the client sees a clean EOF, not a truncation.
    CHECK(client.read_error() == asio::error::eof);
    const auto response = take_response(data);
    REQUIRE(response);
    CHECK(response->status == 200);
    CHECK(response->body == "/ngnpro/|secure");
    CHECK(response->header("connection") == "close");
  }
}

TEST_CASE("the SOAP handler sees tls=true on the TLS listener; plain HTTP still works beside it",
          "[transport][tls]") {
  QuietLog quiet;
  std::atomic<int> tls_requests{0};
  RunningServer server{tls_config(), test_limits(), [&](const HttpRequest& request) {
                         if (request.tls) ++tls_requests;
                         return HttpResponse{};
                       }};
  ssl::context context = client_context(TLS1_2_VERSION, TLS1_3_VERSION);
  TlsClient client{context};
  REQUIRE_FALSE(client.connect_and_handshake(server.tls_port()));
  client.exchange_until_eof(post("/", "x", "HTTP/1.1", "Connection: close\r\n"));
  CHECK(tls_requests == 1);
  const auto plain = exchange(server.port(), post("/", "x"));
  REQUIRE(plain);
  CHECK(plain->status == 200);
  CHECK(tls_requests == 1);
}

TEST_CASE("HTTP/1.1 keep-alive works over TLS", "[transport][tls]") {
  QuietLog quiet;
  FakeSoap soap;
  RunningServer server{tls_config(), test_limits(), soap.handler()};
  ssl::context context = client_context(TLS1_2_VERSION, TLS1_3_VERSION);
  TlsClient client{context};
  REQUIRE_FALSE(client.connect_and_handshake(server.tls_port()));
  for (const char* body : {"one", "two"}) {
    const auto response = client.exchange(post("/", body));
    REQUIRE(response);
    CHECK(response->body == std::string{"/|"} + body);
    CHECK(response->header("connection").empty());
  }
}

TEST_CASE("a TLS 1.1-only client is refused with a protocol_version alert", "[transport][tls]") {
  QuietLog quiet;
  FakeSoap soap;
  RunningServer server{tls_config(), test_limits(), soap.handler()};
  ssl::context context = client_context(TLS1_1_VERSION, TLS1_1_VERSION);
  // OpenSSL 3 will not even offer TLS 1.1 above security level 0; the refusal must be the server's.
  SSL_CTX_set_security_level(context.native_handle(), 0);
  SSL_CTX_set_cipher_list(context.native_handle(), "DEFAULT@SECLEVEL=0");
  TlsClient client{context};
  const error_code ec = client.connect_and_handshake(server.tls_port());
  REQUIRE(ec);
  INFO(ec.message());
  CHECK(ec.category() == asio::error::get_ssl_category());
  CHECK(ERR_GET_REASON(static_cast<unsigned long>(ec.value())) == SSL_R_TLSV1_ALERT_PROTOCOL_VERSION);
  CHECK(soap.calls == 0);
}

TEST_CASE("plain HTTP sent to the TLS port is closed without an answer", "[transport][tls]") {
  QuietLog quiet;
  FakeSoap soap;
  RunningServer server{tls_config(), test_limits(), soap.handler()};
  TcpClient client{server.tls_port()};
  client.send(post("/", "x", "HTTP/1.0"));
  CHECK(client.closed_within(2s));
  CHECK(client.received().find("HTTP/1.1 200") == std::string::npos);
  CHECK(soap.calls == 0);
}

TEST_CASE("a missing certificate file or key is reported at construction", "[transport][tls]") {
  QuietLog quiet;
  auto config = tls_config();
  config.tls_certificate = "/nonexistent/cert.pem";
  CHECK_THROWS_WITH(HttpServer(config, test_limits(), test_documents(),
                               [](const HttpRequest&) { return HttpResponse{}; }, [] { return true; }),
                    Catch::Contains("/nonexistent/cert.pem"));
  config = tls_config();
  config.tls_private_key.clear();
  CHECK_THROWS_WITH(HttpServer(config, test_limits(), test_documents(),
                               [](const HttpRequest&) { return HttpResponse{}; }, [] { return true; }),
                    Catch::Contains("tls_private_key"));
}


TEST_CASE("a TLS 1.2 client offering only static-RSA, CBC or DHE suites fails the handshake",
          "[transport][tls]") {
  QuietLog quiet;
  FakeSoap soap;
  RunningServer server{tls_config(rsa_certificate()), test_limits(), soap.handler()};
  for (const char* suites : {"AES128-SHA", "AES256-SHA256", "AES128-GCM-SHA256",
                             "ECDHE-RSA-AES128-SHA", "ECDHE-RSA-AES256-SHA384",
                             "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:"
                             "DHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-SHA"}) {
    INFO(suites);
    ssl::context context = tls12_client_offering(suites, rsa_certificate());
    TlsClient client{context};
    const error_code ec = client.connect_and_handshake(server.tls_port());
    INFO(ec.message());
    CHECK(ec);
  }
  CHECK(soap.calls == 0);
}

TEST_CASE("a TLS 1.2 client offering any one of the six ECDHE AEAD suites gets it",
          "[transport][tls]") {
  QuietLog quiet;
  FakeSoap soap;
  RunningServer ec_server{tls_config(certificate()), test_limits(), soap.handler()};
  RunningServer rsa_server{tls_config(rsa_certificate()), test_limits(), soap.handler()};
  for (const char* suite : kServerSuites) {
    INFO(suite);
    const bool rsa = std::string_view{suite}.rfind("ECDHE-RSA-", 0) == 0;
    ssl::context context = tls12_client_offering(suite, rsa ? rsa_certificate() : certificate());
    TlsClient client{context};
    REQUIRE_FALSE(client.connect_and_handshake(rsa ? rsa_server.tls_port() : ec_server.tls_port()));
    CHECK(std::string{SSL_get_cipher_name(client.stream().native_handle())} == suite);
    const auto response = client.exchange(post("/", "aead"));
    REQUIRE(response);
    CHECK(response->body == "/|aead");
  }
}

TEST_CASE("a TLS 1.2 client with OpenSSL's default list negotiates one of the six suites",
          "[transport][tls]") {
  QuietLog quiet;
  FakeSoap soap;
  RunningServer server{tls_config(rsa_certificate()), test_limits(), soap.handler()};
  ssl::context context = client_context(TLS1_2_VERSION, TLS1_2_VERSION, rsa_certificate());
  TlsClient client{context};
  REQUIRE_FALSE(client.connect_and_handshake(server.tls_port()));
  const std::string chosen = SSL_get_cipher_name(client.stream().native_handle());
  INFO(chosen);
  CHECK(std::find(std::begin(kServerSuites), std::end(kServerSuites), chosen) !=
        std::end(kServerSuites));
}

TEST_CASE("TLS connections count under max_connections_per_address and give their place back",
          "[transport][tls][limits]") {
  QuietLog quiet;
  FakeSoap soap;
  RunningServer server{tls_config(), limits_per_address(1), soap.handler()};
  {
    ssl::context context = client_context(TLS1_2_VERSION, TLS1_3_VERSION);
    TlsClient client{context};
    REQUIRE_FALSE(client.connect_and_handshake(server.tls_port()));
    REQUIRE(client.exchange(post("/", "held")));
    TcpClient plain{server.port()};  // the same address, on the other listener
    plain.send(post("/", "x"));
    CHECK(plain.closed_within(2s));
    CHECK(plain.received().empty());
  }
  // A failed handshake (plain HTTP on the TLS port) gives its place back as well.
  {
    TcpClient wrong{server.tls_port()};
    wrong.send(post("/", "x", "HTTP/1.0"));
    CHECK(wrong.closed_within(2s));
  }
  const auto response = exchange_once_admitted(server.port(), post("/", "x"));
  REQUIRE(response);
  CHECK(response->status == 200);
}
