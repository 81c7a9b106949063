// One accepted connection (plain or TLS): reads requests within the limits, hands complete
// ones to the worker pool, writes the answers back on its strand.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/thread_pool.hpp>

#include "address_limiter.hpp"
#include "health_monitor.hpp"
#include "ngnpro/core/config.hpp"
#include "ngnpro/transport/http.hpp"
#include "ngnpro/transport/http_server.hpp"

namespace ngnpro::transport {

class Connection {
 public:
  virtual ~Connection() = default;
  virtual void start() = 0;
  // Thread-safe: closes the connection unless a request is in flight, which is answered
  // (with Connection: close) first.
  virtual void stop() = 0;
};

// Every live connection, so that stop() can reach the idle ones; thread-safe.
class ConnectionRegistry {
 public:
  // false once stopping: the caller drops the connection instead of starting it.
  bool add(const std::shared_ptr<Connection>& connection);
  void remove(const Connection* connection);
  std::size_t size() const;
  // Marks the registry stopping and returns the connections alive at that moment.
  std::vector<std::shared_ptr<Connection>> stop_all();

 private:
  mutable std::mutex mutex_;
  std::unordered_map<const Connection*, std::weak_ptr<Connection>> live_;
  bool stopping_ = false;
};

// What every connection shares; owned by the server and outliving every connection.
struct ServerContext {
  core::LimitsConfig limits;
  Documents documents;
  SoapHandler soap;
  HealthMonitor* health = nullptr;              // GET /health, off the SOAP workers
  boost::asio::io_context* io = nullptr;        // kept busy while a worker holds a request
  boost::asio::thread_pool* workers = nullptr;  // the SOAP handler runs here
  ConnectionRegistry connections;
};

// `socket` must use a strand executor: the connection's handlers then never run concurrently.
// The connection keeps `peer` (its client's place in max_connections_per_address) until it is
// destroyed.
std::shared_ptr<Connection> make_plain_connection(ServerContext& server,
                                                  boost::asio::ip::tcp::socket socket,
                                                  AddressLimiter::Slot peer);
std::shared_ptr<Connection> make_tls_connection(ServerContext& server,
                                                boost::asio::ip::tcp::socket socket,
                                                boost::asio::ssl::context& tls,
                                                AddressLimiter::Slot peer);

}  // namespace ngnpro::transport
