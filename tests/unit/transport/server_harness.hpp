// Test helpers: an HttpServer running on 127.0.0.1:0 in a thread, a fake SOAP handler, and a
// raw TCP client with timeouts on every wait (a hang fails the test instead of the run).
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>

#include <spdlog/spdlog.h>

#include "ngnpro/core/config.hpp"
#include "ngnpro/transport/http_server.hpp"

namespace ngnpro::transport::test {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// The access log goes to stderr; tests that do not look at it keep the output short.
struct QuietLog {
  QuietLog() { spdlog::set_level(spdlog::level::warn); }
  ~QuietLog() { spdlog::set_level(spdlog::level::info); }
  QuietLog(const QuietLog&) = delete;
  QuietLog& operator=(const QuietLog&) = delete;
};

inline core::ServerConfig local_config() {
  core::ServerConfig config;
  config.listen = {"127.0.0.1", 0};
  config.io_threads = 2;
  config.workers = 2;
  return config;
}

inline core::LimitsConfig test_limits() {
  core::LimitsConfig limits;
  limits.read_timeout = 5s;
  limits.idle_timeout = 5s;
  return limits;
}

inline Documents test_documents() {
  Documents d;
  d.wsdl = "<definitions name='ngnpro'/>";
  d.port_wsdls = {{"sip", "<definitions name='sip'/>"}, {"voicemail", "<definitions name='voicemail'/>"}};
  d.soap_encoding_xsd = "<schema name='soap-encoding'/>";
  return d;
}

// The fake SOAP engine. Body "fault" -> 500, "throw" -> exception, "slow" -> sleeps 300 ms;
// anything else is echoed back as "<path>|<body>".
struct FakeSoap {
  std::atomic<int> calls{0};
  std::promise<void> slow_started;

  SoapHandler handler() {
    return [this](const HttpRequest& request) {
      ++calls;
      HttpResponse response;
      response.access.operation = "Test.echo";
      response.access.caller = "admin";
      response.access.impersonated = 1001;
      if (request.body == "throw") throw std::runtime_error("handler bug");
      if (request.body == "fault") {
        response.status = 500;
        response.access.fault_code = 1000;
        response.body = "<Fault/>";
        return response;
      }
      if (request.body == "slow") {
        slow_started.set_value();
        std::this_thread::sleep_for(300ms);
      }
      response.body = request.path + "|" + request.body;
      return response;
    };
  }
};

class RunningServer {
 public:
  RunningServer(core::ServerConfig config, core::LimitsConfig limits, SoapHandler soap,
                HealthCheck health = [] { return true; }, Documents documents = test_documents())
      : server_(config, limits, std::move(documents), std::move(soap), std::move(health)) {
    std::promise<void> done;
    returned_ = done.get_future();
    thread_ = std::thread([this, done = std::move(done)]() mutable {
      server_.run();
      done.set_value();
    });
  }
  ~RunningServer() { stop_and_wait(); }
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  HttpServer& server() { return server_; }
  unsigned short port() const { return server_.http_port(); }
  unsigned short tls_port() const { return server_.https_port(); }

  // stop(), then wait for run() to return. A server that hangs would hang the whole test run,
  // so that is reported and the process aborted.
  void stop_and_wait(std::chrono::milliseconds timeout = 5s) {
    if (!thread_.joinable()) return;
    server_.stop();
    if (!returned_.valid() || returned_.wait_for(timeout) != std::future_status::ready) {
      std::fprintf(stderr, "HttpServer::run() did not return within %lld ms of stop()\n",
                   static_cast<long long>(timeout.count()));
      std::abort();
    }
    thread_.join();
  }
  bool run_returned_within(std::chrono::milliseconds timeout) {
    return returned_.wait_for(timeout) == std::future_status::ready;
  }

 private:
  HttpServer server_;
  std::future<void> returned_;
  std::thread thread_;
};

struct RawResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-cased names
  std::string body;
  std::string header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? std::string{} : it->second;
  }
};

// Parses one response from the front of `data`; nullopt until it is complete.
inline std::optional<RawResponse> take_response(std::string& data, bool head_request = false) {
  const std::size_t end = data.find("\r\n\r\n");
  if (end == std::string::npos) return std::nullopt;
  RawResponse response;
  std::size_t line_end = data.find("\r\n");
  const std::string status_line = data.substr(0, line_end);
  if (status_line.size() < 12 || status_line.compare(0, 7, "HTTP/1.") != 0) {
    throw std::runtime_error("bad status line: " + status_line);
  }
  response.status = std::stoi(status_line.substr(9, 3));
  std::size_t pos = line_end + 2;
  while (pos < end) {
    line_end = data.find("\r\n", pos);
    const std::string line = data.substr(pos, line_end - pos);
    const std::size_t colon = line.find(':');
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (response.headers.count(name)) throw std::runtime_error("repeated header " + name);
    response.headers[name] = line.substr(colon + 2);
    pos = line_end + 2;
  }
  std::size_t length = 0;
  if (!head_request && response.status != 100) {
    length = std::stoul(response.header("content-length"));
  }
  if (data.size() < end + 4 + length) return std::nullopt;
  response.body = data.substr(end + 4, length);
  data.erase(0, end + 4 + length);
  return response;
}

class TcpClient {
 public:
  explicit TcpClient(unsigned short port, const std::string& host = "127.0.0.1") {
    const bool v6 = host.find(':') != std::string::npos;
    fd_ = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) throw std::runtime_error("socket()");
    int rc;
    if (v6) {
      sockaddr_in6 address{};
      address.sin6_family = AF_INET6;
      address.sin6_port = htons(port);
      ::inet_pton(AF_INET6, host.c_str(), &address.sin6_addr);
      rc = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    } else {
      sockaddr_in address{};
      address.sin_family = AF_INET;
      address.sin_port = htons(port);
      ::inet_pton(AF_INET, host.c_str(), &address.sin_addr);
      rc = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    }
    if (rc != 0) throw std::runtime_error("connect() to port " + std::to_string(port) + " failed");
    const int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  ~TcpClient() {
    if (fd_ >= 0) ::close(fd_);
  }
  TcpClient(const TcpClient&) = delete;
  TcpClient& operator=(const TcpClient&) = delete;

  // false when the peer has already closed or reset the connection.
  bool send(std::string_view data) {
    while (!data.empty()) {
      const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  // Waits up to `timeout` for data; returns false on EOF/reset (closed() is then true) or
  // when nothing arrived in time.
  bool receive(std::chrono::milliseconds timeout) {
    if (closed_) return false;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return false;
    char chunk[16384];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) {
      closed_ = true;
      return false;
    }
    received_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  std::optional<RawResponse> read_response(std::chrono::milliseconds timeout = 5s,
                                           bool head_request = false) {
    const auto deadline = Clock::now() + timeout;
    for (;;) {
      if (auto response = take_response(received_, head_request)) return response;
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left <= 0ms || !receive(left)) {
        if (auto response = take_response(received_, head_request)) return response;
        return std::nullopt;
      }
    }
  }

  // True when the server closes (EOF or reset) within `timeout`; data is kept in received().
  bool closed_within(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (!closed_) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left <= 0ms) return false;
      receive(left);
    }
    return true;
  }

  std::string& received() { return received_; }
  bool closed() const { return closed_; }
  int fd() const { return fd_; }

 private:
  int fd_ = -1;
  bool closed_ = false;
  std::string received_;
};

inline std::string post(const std::string& path, const std::string& body,
                        const std::string& version = "HTTP/1.1", const std::string& extra = "") {
  return "POST " + path + " " + version + "\r\nHost: localhost\r\n" +
         "Content-Type: text/xml; charset=UTF-8\r\nSOAPAction: \"\"\r\n" + extra +
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

inline std::string get(const std::string& target, const std::string& method = "GET",
                       const std::string& extra = "") {
  return method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n" + extra + "\r\n";
}

// One request on a fresh connection.
inline std::optional<RawResponse> exchange(unsigned short port, const std::string& request,
                                           bool head_request = false) {
  TcpClient client{port};
  client.send(request);
  return client.read_response(5s, head_request);
}

}  // namespace ngnpro::transport::test
