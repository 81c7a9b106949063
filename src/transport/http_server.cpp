#include "ngnpro/transport/http_server.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <optional>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <spdlog/spdlog.h>

#include "address_limiter.hpp"
#include "connection.hpp"
#include "health_monitor.hpp"
#include "ngnpro/core/log_text.hpp"
#include "tls.hpp"

namespace ngnpro::transport {

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;

namespace {

// After a failed accept (EMFILE, ENOBUFS) wait before retrying instead of spinning.
constexpr std::chrono::milliseconds kAcceptRetryDelay{100};

// Logs at most one warning every 10 s, counting the events it stands for: a flood of
// connections or a persistent EMFILE must not flood the log too.
class WarningThrottle {
 public:
  // The number of events the warning due now stands for, or 0 when none is due.
  std::size_t event() {
    ++events_;
    const auto now = Clock::now();
    if (last_ != Clock::time_point{} && now - last_ < std::chrono::seconds(10)) return 0;
    last_ = now;
    return std::exchange(events_, 0);
  }

 private:
  using Clock = std::chrono::steady_clock;
  Clock::time_point last_{};
  std::size_t events_ = 0;
};

std::string describe(const core::ListenAddress& address) {
  const bool v6 = address.host.find(':') != std::string::npos && address.host.front() != '[';
  return (v6 ? "[" + address.host + "]" : address.host) + ":" + std::to_string(address.port);
}

tcp::endpoint endpoint_of(asio::io_context& io, const core::ListenAddress& address) {
  std::string host = address.host;
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty()) host = "0.0.0.0";
  error_code ec;
  const auto ip = asio::ip::make_address(host, ec);
  if (!ec) return {ip, address.port};
  // Not a literal ("localhost"): take the first address the resolver gives.
  tcp::resolver resolver{io};
  const auto results = resolver.resolve(host, std::to_string(address.port),
                                        tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || results.empty()) {
    throw std::runtime_error("cannot listen on " + describe(address) + ": " +
                             (ec ? ec.message() : "no address"));
  }
  return results.begin()->endpoint();
}

std::string peer_of(const tcp::socket& socket) {
  error_code ec;
  const tcp::endpoint endpoint = socket.remote_endpoint(ec);
  if (ec) return "-";
  auto address = endpoint.address();
  // A dual-stack listener reports IPv4 clients as ::ffff:a.b.c.d; log them as a.b.c.d.
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
  }
  return address.to_string();
}

}  // namespace

class HttpServer::Impl {
 public:
  Impl(const core::ServerConfig& config, const core::LimitsConfig& limits, Documents documents,
       SoapHandler soap, HealthCheck health)
      : addresses_(limits.max_connections_per_address),
        io_threads_(std::max(1, config.io_threads)),
        max_connections_(limits.max_connections),
        strand_(io_.get_executor()),
        workers_(static_cast<std::size_t>(std::max(1, config.workers))),
        health_(std::move(health)) {
    context_.limits = limits;
    context_.documents = std::move(documents);
    context_.soap = std::move(soap);
    context_.health = &health_;
    context_.io = &io_;
    context_.workers = &workers_;

    listeners_.push_back(open_listener(config.listen, false));
    if (config.tls_listen.port != 0) {
      if (config.tls_certificate.empty() || config.tls_private_key.empty()) {
        throw std::runtime_error("TLS listener " + describe(config.tls_listen) +
                                 " needs tls_certificate and tls_private_key");
      }
      tls_.emplace(make_server_tls_context(config.tls_certificate, config.tls_private_key));
      listeners_.push_back(open_listener(config.tls_listen, true));
    }
  }

  void run() {
    asio::post(strand_, [this] {
      for (auto& listener : listeners_) accept(*listener);
    });
    const auto run_io = [this] {
      for (;;) {
        try {
          io_.run();
          return;
        } catch (const std::exception& e) {
          // A handler bug must not take the server down with it.
          spdlog::error("io thread: unexpected exception: {}", e.what());
        }
      }
    };
    std::vector<std::thread> threads;  // the calling thread is the last io thread
    threads.reserve(static_cast<std::size_t>(io_threads_ - 1));
    for (int i = 1; i < io_threads_; ++i) threads.emplace_back(run_io);
    run_io();
    for (auto& thread : threads) thread.join();
    workers_.join();
    health_.join();
  }

  void stop() {
    asio::post(strand_, [this] {
      if (stopping_) return;
      stopping_ = true;
      for (auto& listener : listeners_) {
        error_code ignored;
        listener->acceptor.close(ignored);
        listener->retry.cancel();
      }
      for (const auto& connection : context_.connections.stop_all()) connection->stop();
      spdlog::info("stopping: no longer accepting connections");
    });
  }

  unsigned short port(bool tls) const {
    for (const auto& listener : listeners_) {
      if (listener->tls == tls) return listener->port;
    }
    return 0;
  }

 private:
  struct Listener {
    Listener(asio::strand<asio::io_context::executor_type>& strand, bool is_tls)
        : acceptor(strand), retry(strand), tls(is_tls) {}
    tcp::acceptor acceptor;
    asio::steady_timer retry;
    bool tls;
    unsigned short port = 0;
  };

  std::unique_ptr<Listener> open_listener(const core::ListenAddress& address, bool tls) {
    auto listener = std::make_unique<Listener>(strand_, tls);
    const tcp::endpoint endpoint = endpoint_of(io_, address);
    error_code ec;
    listener->acceptor.open(endpoint.protocol(), ec);
    if (!ec) listener->acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) listener->acceptor.bind(endpoint, ec);
    if (!ec) listener->acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) throw std::runtime_error("cannot listen on " + describe(address) + ": " + ec.message());
    listener->port = listener->acceptor.local_endpoint().port();
    spdlog::info("listening on {} ({})", describe({address.host, listener->port}),
                 tls ? "https" : "http");
    return listener;
  }

  // Runs on strand_, like every use of the acceptors.
  void accept(Listener& listener) {
    if (stopping_) return;
    // Each connection gets its own strand: its handlers never run concurrently, while
    // different connections use every io thread.
    listener.acceptor.async_accept(
        asio::any_io_executor{asio::make_strand(io_)},
        [this, &listener](error_code ec, tcp::socket socket) {
          if (stopping_ || ec == asio::error::operation_aborted) return;
          if (ec) {
            if (const std::size_t n = accept_failures_.event()) {
              spdlog::warn("accept failed ({} time(s)): {}", n, ec.message());
            }
            listener.retry.expires_after(kAcceptRetryDelay);
            listener.retry.async_wait([this, &listener](error_code wait_ec) {
              if (!wait_ec) accept(listener);
            });
            return;
          }
          admit(std::move(socket), listener.tls);
          accept(listener);
        });
  }

  void admit(tcp::socket socket, bool tls) {
    if (context_.connections.size() >= max_connections_) {
      // Closed at once: the client sees EOF rather than waiting on a connection nobody serves.
      if (const std::size_t n = rejections_.event()) {
        spdlog::warn("max_connections ({}) reached: closed {} new connection(s)",
                     max_connections_, n);
      }
      return;  // the socket closes as it goes out of scope
    }
    const std::string peer = peer_of(socket);
    std::optional<AddressLimiter::Slot> slot = addresses_.try_acquire(peer);
    if (!slot) {
      // Closed at once too: one client must not take every connection from the others.
      if (const std::size_t n = address_rejections_.event()) {
        spdlog::warn("max_connections_per_address ({}) reached, latest by {}: closed {} new "
                     "connection(s)",
                     addresses_.max_per_address(), core::log_safe(peer), n);
      }
      return;
    }
    error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    auto connection = tls ? make_tls_connection(context_, std::move(socket), *tls_, std::move(*slot))
                          : make_plain_connection(context_, std::move(socket), std::move(*slot));
    if (context_.connections.add(connection)) connection->start();
  }

  // Members are destroyed in reverse order: health_ and workers_ first (their queued jobs hold
  // connections and work on io_), then io_ (its handlers own connections, which use context_,
  // addresses_ and tls_).
  ServerContext context_;
  AddressLimiter addresses_;
  std::optional<asio::ssl::context> tls_;
  int io_threads_;
  std::size_t max_connections_;
  asio::io_context io_;
  asio::strand<asio::io_context::executor_type> strand_;
  std::vector<std::unique_ptr<Listener>> listeners_;
  bool stopping_ = false;  // this and the throttles: on strand_
  WarningThrottle rejections_;
  WarningThrottle address_rejections_;
  WarningThrottle accept_failures_;
  asio::thread_pool workers_;
  HealthMonitor health_;
};

HttpServer::HttpServer(const core::ServerConfig& config, const core::LimitsConfig& limits,
                       Documents documents, SoapHandler soap, HealthCheck health)
    : impl_(std::make_unique<Impl>(config, limits, std::move(documents), std::move(soap),
                                   std::move(health))) {}

HttpServer::~HttpServer() = default;

void HttpServer::run() { impl_->run(); }
void HttpServer::stop() { impl_->stop(); }
unsigned short HttpServer::http_port() const { return impl_->port(false); }
unsigned short HttpServer::https_port() const { return impl_->port(true); }

}  // namespace ngnpro::transport
