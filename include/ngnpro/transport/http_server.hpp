// The HTTP(S) front door: Boost.Asio owns the sockets and the HTTP framing, and the SOAP
// engine only ever sees complete in-memory requests on a fixed worker pool, so an idle
// keep-alive connection holds no thread (ARCHITECTURE §5).
#pragma once

#include <map>
#include <memory>
#include <string>

#include "ngnpro/core/config.hpp"
#include "ngnpro/transport/http.hpp"

namespace ngnpro::transport {

// Served on GET as they are; main has already put the base URL into the WSDLs.
struct Documents {
  std::string wsdl;  // every port
  // One port each, by the lower-case name in the path: "customer", "sip", "dns", "enum",
  // "voicemail" (PHP's SoapClient keeps only the first of two same-named operations).
  std::map<std::string, std::string> port_wsdls;
  std::string soap_encoding_xsd;
};

class HttpServer {
 public:
  // Binds the listeners (config port 0: an ephemeral port) and loads the TLS certificate.
  // Throws std::runtime_error naming the address or file when that fails.
  HttpServer(const core::ServerConfig& config, const core::LimitsConfig& limits,
             Documents documents, SoapHandler soap, HealthCheck health);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Blocks on io_threads Asio threads (the caller's among them) and the worker pool; returns
  // after stop(), once the requests in flight are answered. Call once; destroy the server
  // only after run() has returned (or was never called).
  void run();
  // Thread-safe; callable from a signal_set handler. Stops accepting, closes idle and
  // half-read connections, lets requests in flight finish writing their response.
  void stop();

  unsigned short http_port() const;
  unsigned short https_port() const;  // 0 without a TLS listener

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ngnpro::transport
