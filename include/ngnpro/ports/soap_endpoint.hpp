// The SOAP engine: one complete request body in, one complete response body out. gSOAP only
// parses and writes memory here; sockets and HTTP belong to transport.
#pragma once

#include <cstdint>
#include <string>

#include "ngnpro/services/services.hpp"

namespace ngnpro::ports {

struct SoapResult {
  bool fault = false;          // HTTP 500 when true (SOAP 1.1), else 200
  std::string body;            // the response envelope
  std::string operation;       // "Customer.getAccount"; empty when the body did not parse
  std::string caller;          // authenticated login; empty when authentication failed
  std::int64_t impersonated = 0;
  int fault_code = 0;          // NGNPro code, 0 for a result
};

class SoapEndpoint {
 public:
  explicit SoapEndpoint(services::Services& services) : services_(services) {}

  // Thread-safe: every calling thread gets its own gSOAP context, made on first use. Lets no
  // exception out: anything thrown while serving is logged and answered with fault 9000, and
  // the thread's gSOAP context is replaced by a fresh one.
  SoapResult handle(const std::string& body, const std::string& peer);

 private:
  services::Services& services_;
};

}  // namespace ngnpro::ports
