#include "connection.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <exception>
#include <string_view>
#include <type_traits>
#include <utility>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <spdlog/spdlog.h>

#include "access_log.hpp"
#include "http_message.hpp"
#include "http_parser.hpp"
#include "ngnpro/core/log_text.hpp"
#include "router.hpp"

namespace ngnpro::transport {

namespace asio = boost::asio;
using boost::system::error_code;
using Clock = std::chrono::steady_clock;

bool ConnectionRegistry::add(const std::shared_ptr<Connection>& connection) {
  std::lock_guard lock{mutex_};
  if (stopping_) return false;
  live_.emplace(connection.get(), connection);
  return true;
}

void ConnectionRegistry::remove(const Connection* connection) {
  std::lock_guard lock{mutex_};
  live_.erase(connection);
}

std::size_t ConnectionRegistry::size() const {
  std::lock_guard lock{mutex_};
  return live_.size();
}

std::vector<std::shared_ptr<Connection>> ConnectionRegistry::stop_all() {
  std::lock_guard lock{mutex_};
  stopping_ = true;
  std::vector<std::shared_ptr<Connection>> out;
  out.reserve(live_.size());
  for (const auto& entry : live_) {
    if (auto connection = entry.second.lock()) out.push_back(std::move(connection));
  }
  return out;
}

namespace {

constexpr std::size_t kReadChunk = 8 * 1024;
// A buffer grown by one large request is given back rather than kept by an idle connection.
constexpr std::size_t kMaxIdleBuffer = 64 * 1024;
// An exception's text may quote the client (a bad value, a pqxx error echoing SQL input).
constexpr std::size_t kMaxLoggedError = 512;
// After the last response, how long unread input is drained before the socket is closed.
// Closing with unread data sends an RST that can destroy the response in the client's
// buffer (a 413 sent while the client is still sending its body).
constexpr std::chrono::milliseconds kLingerTimeout{2000};
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

HttpResponse text_response(int status, std::string body) {
  HttpResponse response;
  response.status = status;
  response.content_type = "text/plain; charset=utf-8";
  response.body = std::move(body);
  return response;
}

HttpResponse internal_error() { return text_response(500, "internal error\n"); }

HttpResponse health_response(HealthState state) {
  switch (state) {
    case HealthState::kUp: return text_response(200, "ok\n");
    case HealthState::kDown: return text_response(503, "database unavailable\n");
    case HealthState::kFailed: break;
  }
  return internal_error();
}

std::string exception_text(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return core::log_safe(e.what(), kMaxLoggedError);
  } catch (...) {
    return "a non-standard exception";
  }
}

std::string error_text(int status) {
  switch (status) {
    case 400: return "bad request\n";
    case 413: return "request body too large\n";
    case 431: return "request header fields too large\n";
    case 501: return "transfer coding not implemented\n";
    case 505: return "HTTP version not supported\n";
    default: return "error\n";
  }
}

template <class Stream>
constexpr bool kIsTls = !std::is_same_v<Stream, asio::ip::tcp::socket>;

template <class Stream>
class HttpConnection final : public Connection,
                             public std::enable_shared_from_this<HttpConnection<Stream>> {
 public:
  template <class... StreamArgs>
  HttpConnection(ServerContext& server, AddressLimiter::Slot peer, StreamArgs&&... stream_args)
      : server_(server),
        stream_(std::forward<StreamArgs>(stream_args)...),
        timer_(stream_.get_executor()),
        parser_(server.limits.max_header_bytes, server.limits.max_body_bytes),
        peer_(std::move(peer)) {}

  ~HttpConnection() override { server_.connections.remove(this); }

  void start() override {
    asio::dispatch(stream_.get_executor(), [self = this->shared_from_this()] {
      if constexpr (kIsTls<Stream>) {
        self->phase_ = Phase::kHandshake;
        self->arm_timer(self->server_.limits.read_timeout);
        self->stream_.async_handshake(asio::ssl::stream_base::server, [self](error_code ec) {
          if (ec) {
            spdlog::debug("peer={} tls=1 handshake failed: {}", self->peer(), ec.message());
            self->close_now();
            return;
          }
          self->wait_for_request();
        });
      } else {
        self->wait_for_request();
      }
    });
  }

  void stop() override {
    asio::post(stream_.get_executor(), [self = this->shared_from_this()] {
      self->stopping_ = true;
      switch (self->phase_) {
        case Phase::kHandshake:
        case Phase::kIdle:
        case Phase::kReading:
          self->close_now();
          break;
        case Phase::kHandling:  // answered with Connection: close, then closed
        case Phase::kWriting:
        case Phase::kClosing:   // bounded by kLingerTimeout
        case Phase::kClosed:
          break;
      }
    });
  }

 private:
  enum class Phase { kHandshake, kIdle, kReading, kHandling, kWriting, kClosing, kClosed };

  void wait_for_request() {
    if (stopping_) {
      close_now();
      return;
    }
    if (!buffer_.empty()) {  // a pipelined request arrived with the previous one
      phase_ = Phase::kReading;
      arm_timer(server_.limits.read_timeout);
      on_data({});
      return;
    }
    phase_ = Phase::kIdle;
    // A fresh connection is not a keep-alive client yet: it gets the shorter read budget.
    arm_timer(served_ == 0 ? std::min(server_.limits.read_timeout, server_.limits.idle_timeout)
                           : server_.limits.idle_timeout);
    read();
  }

  void read() {
    stream_.async_read_some(asio::buffer(chunk_),
                            [self = this->shared_from_this()](error_code ec, std::size_t n) {
                              if (ec) {
                                self->close_now();
                                return;
                              }
                              if (self->phase_ == Phase::kIdle) {
                                // read_timeout runs from the first byte to the last.
                                self->phase_ = Phase::kReading;
                                self->arm_timer(self->server_.limits.read_timeout);
                              }
                              self->on_data({self->chunk_.data(), n});
                            });
  }

  void on_data(std::string_view data) {
    // Parse straight from the read chunk; only an unconsumed tail is copied into buffer_.
    std::string_view input = data;
    if (!buffer_.empty()) {
      buffer_.append(data);
      input = buffer_;
    }
    std::size_t used_total = 0;
    bool send_continue = false;
    ParseStatus status;
    for (;;) {
      std::size_t used = 0;
      status = parser_.parse(input.substr(used_total), used);
      used_total += used;
      if (status != ParseStatus::kHeadersComplete) break;
      // curl waits for this before sending a body over 1 KiB; not needed once body bytes came.
      send_continue = parser_.expects_continue() && parser_.body_expected() &&
                      used_total == input.size();
    }
    if (input.data() == buffer_.data()) {
      buffer_.erase(0, used_total);
    } else {
      buffer_.assign(input.substr(used_total));
    }

    switch (status) {
      case ParseStatus::kIncomplete:
        if (send_continue) {
          write_continue();
        } else {
          read();
        }
        break;
      case ParseStatus::kComplete:
        on_request();
        break;
      case ParseStatus::kError:
      case ParseStatus::kHeadersComplete:
        on_bad_request(parser_.error_status());
        break;
    }
  }

  void write_continue() {
    asio::async_write(stream_, asio::buffer(kContinue),
                      [self = this->shared_from_this()](error_code ec, std::size_t) {
                        if (ec) {
                          self->close_now();
                          return;
                        }
                        self->read();
                      });
  }

  void on_request() {
    phase_ = Phase::kHandling;
    disarm_timer();
    completed_at_ = Clock::now();
    HttpRequest request = std::move(parser_.request());
    request.peer = peer();
    request.tls = kIsTls<Stream>;
    method_ = request.method;
    path_ = request.path;
    head_only_ = request.method == "HEAD";
    keep_alive_ = parser_.keep_alive();
    http10_ = request.version_minor == 0;

    const Route target = route(request);
    switch (target.kind) {
      case RouteKind::kSoap:
        run_on_workers([server = &server_, request = std::move(request)] {
          return server->soap(request);
        });
        break;
      case RouteKind::kHealth:
        check_health();
        break;
      case RouteKind::kWsdl:
        respond_document(server_.documents.wsdl);
        break;
      case RouteKind::kPortWsdl: {
        const auto wsdl = server_.documents.port_wsdls.find(target.port);
        if (wsdl == server_.documents.port_wsdls.end()) {
          respond(text_response(404, "not found\n"));
        } else {
          respond_document(wsdl->second);
        }
        break;
      }
      case RouteKind::kSchema:
        respond_document(server_.documents.soap_encoding_xsd);
        break;
      case RouteKind::kNotFound:
        respond(text_response(404, "not found\n"));
        break;
      case RouteKind::kMethodNotAllowed:
        respond(text_response(405, "method not allowed\n"), target.allow);
        break;
    }
  }

  // Framing errors end the connection: what follows the bad bytes cannot be trusted.
  void on_bad_request(int status) {
    phase_ = Phase::kHandling;
    disarm_timer();
    completed_at_ = Clock::now();
    method_ = parser_.request().method;
    path_ = parser_.request().path;
    head_only_ = false;
    keep_alive_ = false;
    respond(text_response(status, error_text(status)));
  }

  template <class Job>
  void run_on_workers(Job job) {
    // The work guard keeps io_context::run() from returning while the worker holds the request.
    asio::post(*server_.workers, [self = this->shared_from_this(), job = std::move(job),
                                  work = asio::make_work_guard(*server_.io)]() mutable {
      // Transport is the last line: an exception leaving a thread_pool job ends the process.
      try {
        HttpResponse response;
        try {
          response = job();
        } catch (...) {
          self->log_handler_failure(std::current_exception());
          response = internal_error();
        }
        asio::post(self->stream_.get_executor(),
                   [self, response = std::move(response)]() mutable {
                     self->respond(std::move(response));
                   });
      } catch (...) {
        // Out of memory even for the 500: dropping `self` closes the connection instead.
      }
    });
  }

  void log_handler_failure(const std::exception_ptr& error) const noexcept {
    try {
      spdlog::error("peer={} method={} path={}: handler threw: {}", log_field(peer()),
                    log_field(method_), log_field(path_), exception_text(error));
    } catch (...) {
    }
  }

  // The check runs on the health monitor's thread; the connection's timer is its deadline.
  void check_health() {
    arm_timer(kHealthDeadline);
    server_.health->check([self = this->shared_from_this(), request = served_](HealthState state) {
      asio::post(self->stream_.get_executor(), [self, request, state] {
        // Already answered 503 at the deadline; the connection may be on a later request.
        if (self->phase_ != Phase::kHandling || self->served_ != request) return;
        self->disarm_timer();
        self->respond(health_response(state));
      });
    });
  }

  void respond_document(const std::string& document) {
    HttpResponse response;  // text/xml; charset=utf-8
    body_view_ = document;  // the server's copy outlives every connection: no copy per GET
    respond_head(response, document.size(), {});
  }

  void respond(HttpResponse response, std::string_view allow = {}) {
    body_ = std::move(response.body);
    body_view_ = body_;
    respond_head(response, body_.size(), allow);
  }

  void respond_head(const HttpResponse& response, std::size_t content_length,
                    std::string_view allow) {
    status_ = response.status;
    access_ = response.access;
    keep_alive_ = keep_alive_ && !stopping_;
    ResponseHead head;
    head.status = response.status;
    head.content_type = response.content_type;
    head.content_length = content_length;
    head.allow = allow;
    // HTTP/1.1 keeps the connection by default; an HTTP/1.0 client must be told.
    head.connection = !keep_alive_ ? ConnectionHeader::kClose
                      : http10_    ? ConnectionHeader::kKeepAlive
                                   : ConnectionHeader::kNone;
    head_ = serialize(head);
    if (head_only_) body_view_ = {};
    write_response();
  }

  void write_response() {
    phase_ = Phase::kWriting;
    arm_timer(server_.limits.read_timeout);  // a client that stops reading is cut off too
    const std::array<asio::const_buffer, 2> buffers{asio::buffer(head_), asio::buffer(body_view_)};
    asio::async_write(stream_, buffers,
                      [self = this->shared_from_this()](error_code ec, std::size_t) {
                        self->on_written(ec);
                      });
  }

  void on_written(error_code ec) {
    disarm_timer();
    log_access();
    ++served_;
    head_.clear();
    std::string{}.swap(body_);
    body_view_ = {};
    if (ec) {
      close_now();
      return;
    }
    if (!keep_alive_ || stopping_) {
      close_gracefully();
      return;
    }
    parser_.reset();
    if (buffer_.empty() && buffer_.capacity() > kMaxIdleBuffer) std::string{}.swap(buffer_);
    wait_for_request();
  }

  void log_access() const {
    AccessRecord record;
    record.peer = peer();
    record.tls = kIsTls<Stream>;
    record.method = method_;
    record.path = path_;
    record.status = status_;
    record.access = access_;
    record.elapsed =
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - completed_at_);
    spdlog::info("{}", access_line(record));
  }

  void close_gracefully() {
    phase_ = Phase::kClosing;
    arm_timer(std::min<std::chrono::milliseconds>(kLingerTimeout, server_.limits.read_timeout));
    if constexpr (kIsTls<Stream>) {
      stream_.async_shutdown([self = this->shared_from_this()](error_code) { self->close_now(); });
    } else {
      error_code ignored;
      stream_.shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
      drain();
    }
  }

  void drain() {
    stream_.async_read_some(asio::buffer(chunk_),
                            [self = this->shared_from_this()](error_code ec, std::size_t) {
                              if (ec) {
                                self->close_now();
                              } else {
                                self->drain();
                              }
                            });
  }

  void close_now() {
    if (phase_ == Phase::kClosed) return;
    phase_ = Phase::kClosed;
    disarm_timer();
    error_code ignored;
    stream_.lowest_layer().close(ignored);  // pending operations complete with an error
  }

  void arm_timer(std::chrono::milliseconds timeout) {
    timer_.expires_after(timeout);  // cancels the previous wait
    timer_.async_wait([self = this->shared_from_this(), generation = ++timer_generation_](
                          error_code ec) {
      if (ec || generation != self->timer_generation_) return;
      if (self->phase_ == Phase::kHandling) {  // only /health's deadline is armed while handling
        self->respond(health_response(HealthState::kDown));
        return;
      }
      if (self->phase_ != Phase::kIdle && self->phase_ != Phase::kClosing) {
        spdlog::debug("peer={} tls={} {} timed out", self->peer(), kIsTls<Stream> ? 1 : 0,
                      self->phase_ == Phase::kHandshake ? "TLS handshake"
                      : self->phase_ == Phase::kWriting ? "response write"
                                                         : "request read");
      }
      self->close_now();
    });
  }

  const std::string& peer() const { return peer_.address(); }

  void disarm_timer() {
    ++timer_generation_;
    timer_.cancel();
  }

  ServerContext& server_;
  Stream stream_;
  asio::steady_timer timer_;
  unsigned timer_generation_ = 0;
  RequestParser parser_;
  std::array<char, kReadChunk> chunk_;
  std::string buffer_;  // received bytes the parser has not consumed yet
  const AddressLimiter::Slot peer_;
  Phase phase_ = Phase::kIdle;
  bool stopping_ = false;
  std::size_t served_ = 0;

  // The request being answered.
  std::string method_;
  std::string path_;
  bool head_only_ = false;
  bool keep_alive_ = false;
  bool http10_ = false;
  Clock::time_point completed_at_;
  int status_ = 0;
  AccessInfo access_;
  std::string head_;
  std::string body_;
  std::string_view body_view_;
};

}  // namespace

std::shared_ptr<Connection> make_plain_connection(ServerContext& server,
                                                  asio::ip::tcp::socket socket,
                                                  AddressLimiter::Slot peer) {
  return std::make_shared<HttpConnection<asio::ip::tcp::socket>>(server, std::move(peer),
                                                                 std::move(socket));
}

std::shared_ptr<Connection> make_tls_connection(ServerContext& server,
                                                asio::ip::tcp::socket socket,
                                                asio::ssl::context& tls,
                                                AddressLimiter::Slot peer) {
  return std::make_shared<HttpConnection<asio::ssl::stream<asio::ip::tcp::socket>>>(
      server, std::move(peer), std::move(socket), tls);
}

}  // namespace ngnpro::transport
