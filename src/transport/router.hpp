// Which answer a request gets, from its method and target alone (api §2.1, ARCHITECTURE §3).
#pragma once

#include <string>
#include <string_view>

#include "ngnpro/transport/http.hpp"

namespace ngnpro::transport {

enum class RouteKind {
  kSoap,           // POST on a SOAP path: the SOAP engine
  kWsdl,           // GET/HEAD: Documents::wsdl
  kPortWsdl,       // GET/HEAD: Documents::port_wsdls[Route::port], if there is one
  kSchema,         // GET/HEAD: Documents::soap_encoding_xsd
  kHealth,         // GET/HEAD: the health check
  kNotFound,
  kMethodNotAllowed,
};

struct Route {
  RouteKind kind = RouteKind::kNotFound;
  std::string_view allow;  // the Allow header for kMethodNotAllowed
  std::string port;        // kPortWsdl: the path segment naming the port
};

Route route(const HttpRequest& request);

}  // namespace ngnpro::transport
