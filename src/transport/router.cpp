#include "router.hpp"

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

bool is_voicemail(std::string_view p) {
  for (std::string_view base : {std::string_view{"/voicemail"}, std::string_view{"/ngnpro/voicemail"}}) {
    if (p.substr(0, base.size()) == base && (p.size() == base.size() || p[base.size()] == '/')) {
      return true;
    }
  }
  return false;
}

std::string_view query_of(std::string_view target) {
  const std::size_t q = target.find('?');
  if (q == std::string_view::npos) return {};
  target.remove_prefix(q + 1);
  return target.substr(0, target.find('#'));
}

// The WSDL lives at <SOAP path> + "wsdl" (api §2.1) and, for WSDL-first tools, at <SOAP path>?wsdl.
bool is_wsdl(std::string_view path, std::string_view query) {
  if (ends_with(path, "/wsdl")) {
    std::string_view base = path.substr(0, path.size() - 4);  // keeps the '/'
    return is_soap_path(normalise(base));
  }
  return is_soap_path(path) && iequals(query, "wsdl");
}

}  // namespace

Route route(const HttpRequest& request) {
  const std::string_view path = normalise(request.path);
  const std::string_view method = request.method;
  const bool get = method == "GET" || method == "HEAD";

  // A POST on a SOAP path is SOAP, even with ?wsdl: the engine, not us, answers it.
  if (method == "POST" && is_soap_path(path)) return {RouteKind::kSoap, {}};

  RouteKind document = RouteKind::kNotFound;
  if (ends_with(path, "/soap-encoding.xsd")) {
    document = RouteKind::kSchema;  // imported by the WSDLs by relative location
  } else if (is_wsdl(path, query_of(request.target))) {
    document = is_voicemail(path) ? RouteKind::kVoicemailWsdl : RouteKind::kWsdl;
  } else if (path == "/health") {
    document = RouteKind::kHealth;
  }
  if (document != RouteKind::kNotFound) {
    return get ? Route{document, {}} : Route{RouteKind::kMethodNotAllowed, "GET, HEAD"};
  }
  if (is_soap_path(path)) return {RouteKind::kMethodNotAllowed, "POST"};
  return {RouteKind::kNotFound, {}};
}

}  // namespace ngnpro::transport
