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
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <spdlog/sinks/ostream_sink.h>
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

// Routes spdlog's default logger into a string for the duration of a test.
class LogCapture {
 public:
  LogCapture() : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(stream_);
    sink->set_pattern("%l %v");
    auto logger = std::make_shared<spdlog::logger>("capture", sink);
    logger->set_level(spdlog::level::info);
    spdlog::set_default_logger(logger);
  }
  ~LogCapture() { spdlog::set_default_logger(previous_); }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;
  std::vector<std::string> lines_containing(const std::string& needle) {
    spdlog::default_logger()->flush();
    std::vector<std::string> out;
    std::istringstream in{stream_.str()};
    for (std::string line; std::getline(in, line);) {
      if (line.find(needle) != std::string::npos) out.push_back(line);
    }
    return out;
  }

 private:
  std::ostringstream stream_;
  std::shared_ptr<spdlog::logger> previous_;
};

inline core::LimitsConfig test_limits() {
  core::LimitsConfig limits;
  limits.read_timeout = 5s;
  limits.idle_timeout = 5s;
  // Every test client is 127.0.0.1: only the tests of this limit set it lower.
  limits.max_connections_per_address = limits.max_connections;
  return limits;
}

inline core::LimitsConfig limits_per_address(std::size_t max_connections_per_address) {
  core::LimitsConfig limits = test_limits();
  limits.max_connections_per_address = max_connections_per_address;
  return limits;
}

// Holds the threads that pass() until open() — a SOAP handler or health check blocked on a
// database lock, say. A forgotten open() costs at most kMaxWait: a failing test must not leave
// workers blocked for stop_and_wait() to give up on.
class Gate {
 public:
  static constexpr std::chrono::milliseconds kMaxWait{3000};
  void pass() {
    std::unique_lock lock{mutex_};
    ++waiting_;
    changed_.notify_all();
    changed_.wait_for(lock, kMaxWait, [this] { return open_; });
    --waiting_;
  }
  void open() {
    std::lock_guard lock{mutex_};
    open_ = true;
    changed_.notify_all();
  }
  // True once `n` threads are waiting in pass().
  bool wait_for_waiting(int n, std::chrono::milliseconds timeout = 2s) {
    std::unique_lock lock{mutex_};
    return changed_.wait_for(lock, timeout, [&] { return waiting_ >= n; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int waiting_ = 0;
  bool open_ = false;
};

// A non-standard exception, as a careless library might throw.
struct NotAnException {};

inline Documents test_documents() {
  Documents d;
  d.wsdl = "<definitions name='ngnpro'/>";
  d.port_wsdls = {{"sip", "<definitions name='sip'/>"}, {"voicemail", "<definitions name='voicemail'/>"}};
  d.soap_encoding_xsd = "<schema name='soap-encoding'/>";
  return d;
}

// The fake SOAP engine. Body "fault" -> 500, "throw" -> exception, "throw-forged" -> an
// exception whose text holds a line feed and a forged log line, "throw-other" -> a
// non-std::exception, "slow" -> sleeps 300 ms, "block" -> waits for gate.open(); anything else
// is echoed back as "<path>|<body>".
struct FakeSoap {
  std::atomic<int> calls{0};
  std::promise<void> slow_started;
  Gate gate;

  SoapHandler handler() {
    return [this](const HttpRequest& request) {
      ++calls;
      HttpResponse response;
      response.access.operation = "Test.echo";
      response.access.caller = "admin";
      response.access.impersonated = 1001;
      if (request.body == "throw") throw std::runtime_error("handler bug");
      if (request.body == "throw-forged") {
        throw std::runtime_error("bad user \"x\nerror forged=1\"");
      }
      if (request.body == "throw-other") throw NotAnException{};
      if (request.body == "block") gate.pass();
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
  // `source`: an IPv4 address to connect from, e.g. "127.0.0.2" (all of 127/8 is local).
  explicit TcpClient(unsigned short port, const std::string& host = "127.0.0.1",
                     const std::string& source = "") {
    const bool v6 = host.find(':') != std::string::npos;
    fd_ = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) throw std::runtime_error("socket()");
    if (!source.empty()) {
      sockaddr_in from{};
      from.sin_family = AF_INET;
      ::inet_pton(AF_INET, source.c_str(), &from.sin_addr);
      if (::bind(fd_, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0) {
        ::close(fd_);
        throw std::runtime_error("bind() to " + source + " failed");
      }
    }
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
    if (rc != 0) {
      ::close(fd_);
      throw std::runtime_error("connect() to port " + std::to_string(port) + " failed");
    }
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

// One request on a fresh connection, retried on fresh connections for up to `timeout` while
// the server refuses them: it learns asynchronously that an earlier client has gone.
inline std::optional<RawResponse> exchange_once_admitted(unsigned short port,
                                                         const std::string& request,
                                                         std::chrono::milliseconds timeout = 2s) {
  const auto deadline = Clock::now() + timeout;
  std::optional<RawResponse> response;
  while (!response && Clock::now() < deadline) {
    TcpClient client{port};
    if (client.send(request)) response = client.read_response(1s);
  }
  return response;
}

// Two clients get an answer (so both surely hold their connection), then a third from the same
// address is closed at once without one. The two are returned, still connected.
inline std::pair<std::unique_ptr<TcpClient>, std::unique_ptr<TcpClient>> expect_third_refused(
    unsigned short port) {
  auto first = std::make_unique<TcpClient>(port);
  auto second = std::make_unique<TcpClient>(port);
  for (TcpClient* c : {first.get(), second.get()}) {
    c->send(post("/", "x"));
    if (!c->read_response()) throw std::runtime_error("no answer to an admitted client");
  }
  TcpClient third{port};
  third.send(post("/", "x"));
  if (!third.closed_within(2s)) throw std::runtime_error("the third client was not closed");
  if (!third.received().empty()) throw std::runtime_error("the third client got an answer");
  return {std::move(first), std::move(second)};
}

}  // namespace ngnpro::transport::test
