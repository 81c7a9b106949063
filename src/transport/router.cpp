#include "router.hpp"

#include <optional>

namespace ngnpro::transport {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto fold = [](char c) { return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c; };
    if (fold(a[i]) != fold(b[i])) return false;
  }
  return true;
}

// The client POSTs to its configured URL, usually with a trailing '/', sometimes without.
std::string_view normalise(std::string_view path) {
  if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  return path;
}

bool is_soap_path(std::string_view p) {
  return p == "/" || p == "/ngnpro" || p == "/voicemail" || p == "/ngnpro/voicemail";
}

std::string_view query_of(std::string_view target) {
  const std::size_t q = target.find('?');
  if (q == std::string_view::npos) return {};
  target.remove_prefix(q + 1);
  return target.substr(0, target.find('#'));
}

// What a WSDL request asks for: <path> + "/wsdl" (api §2.1) or, for WSDL-first tools,
// <path>?wsdl. Returns <path>, or nullopt when the request is not for a WSDL.
std::optional<std::string_view> wsdl_base(std::string_view path, std::string_view query) {
  if (ends_with(path, "/wsdl")) return normalise(path.substr(0, path.size() - 4));  // keeps the '/'
  if (iequals(query, "wsdl")) return path;
  return std::nullopt;
}

// "/<port>" or "/ngnpro/<port>": the WSDL of that one port. /voicemail is also where the
// Voicemail port is posted to (api §2.8); the others are posted to the base URL.
std::optional<std::string_view> port_of(std::string_view base) {
  if (base.substr(0, 7) == "/ngnpro" && base.size() > 7 && base[7] == '/') base.remove_prefix(7);
  if (base.size() < 2 || base.front() != '/' || base.find('/', 1) != std::string_view::npos) return std::nullopt;
  base.remove_prefix(1);
  if (base == "ngnpro") return std::nullopt;
  return base;
}

}  // namespace

Route route(const HttpRequest& request) {
  const std::string_view path = normalise(request.path);
  const std::string_view method = request.method;
  const bool get = method == "GET" || method == "HEAD";

  // A POST on a SOAP path is SOAP, even with ?wsdl: the engine, not us, answers it.
  if (method == "POST" && is_soap_path(path)) return {RouteKind::kSoap, {}, {}};

  RouteKind document = RouteKind::kNotFound;
  std::string_view port_name;
  if (ends_with(path, "/soap-encoding.xsd")) {
    document = RouteKind::kSchema;  // imported by the WSDLs by relative location
  } else if (path == "/health") {
    document = RouteKind::kHealth;
  } else if (const auto base = wsdl_base(path, query_of(request.target))) {
    if (const auto port = port_of(*base)) {
      port_name = *port;
      document = RouteKind::kPortWsdl;
    } else if (is_soap_path(*base)) {
      document = RouteKind::kWsdl;
    }
  }
  if (document != RouteKind::kNotFound) {
    return get ? Route{document, {}, std::string{port_name}} : Route{RouteKind::kMethodNotAllowed, "GET, HEAD", {}};
  }
  if (is_soap_path(path)) return {RouteKind::kMethodNotAllowed, "POST", {}};
  return {RouteKind::kNotFound, {}, {}};
}

}  // namespace ngnpro::transport
