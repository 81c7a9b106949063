// HTTP types shared by the transport and the code that answers requests. No sockets here.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>

namespace ngnpro::transport {

struct HttpRequest {
  std::string method;                         // "GET", "POST", ...
  std::string target;                         // as sent, e.g. "/ngnpro/?wsdl"
  std::string path;                           // target without the query string
  int version_minor = 1;                      // HTTP/1.<minor>
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string peer;                           // client IP address, for logs and throttling
  bool tls = false;
};

// What the SOAP engine tells the access log about one request (api §2, issue 3 item 2).
struct AccessInfo {
  std::string operation;     // "Customer.getAccount"; empty when the body could not be parsed
  std::string caller;        // authenticated user name; never a password
  std::int64_t impersonated = 0;
  int fault_code = 0;        // NGNPro code of the fault, 0 for a result
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/xml; charset=utf-8";
  std::string body;
  AccessInfo access;
};

using SoapHandler = std::function<HttpResponse(const HttpRequest&)>;
using HealthCheck = std::function<bool()>;

}  // namespace ngnpro::transport
