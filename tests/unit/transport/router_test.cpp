#include <string>

#include <catch2/catch.hpp>

#include "http_message.hpp"
#include "router.hpp"

using namespace ngnpro::transport;

namespace {

Route route_of(const std::string& method, const std::string& target) {
  HttpRequest request;
  request.method = method;
  request.target = target;
  request.path = target.substr(0, target.find('?'));
  return route(request);
}

RouteKind kind_of(const std::string& method, const std::string& target) {
  return route_of(method, target).kind;
}

}  // namespace

TEST_CASE("POST on every SOAP path, with or without a trailing slash, goes to the SOAP engine",
          "[transport][router]") {
  for (const char* target : {"/", "/ngnpro", "/ngnpro/", "/voicemail", "/voicemail/",
                             "/ngnpro/voicemail", "/ngnpro/voicemail/", "/ngnpro/?wsdl"}) {
    INFO(target);
    CHECK(kind_of("POST", target) == RouteKind::kSoap);
  }
}

TEST_CASE("GET base+wsdl and ?wsdl serve the WSDL; <base>/<port>/wsdl the WSDL of that port",
          "[transport][router]") {
  for (const char* target : {"/wsdl", "/wsdl/", "/ngnpro/wsdl", "/ngnpro/wsdl/", "/?wsdl",
                             "/ngnpro?wsdl", "/ngnpro/?WSDL"}) {
    INFO(target);
    CHECK(kind_of("GET", target) == RouteKind::kWsdl);
    CHECK(kind_of("HEAD", target) == RouteKind::kWsdl);
  }
  for (const char* target : {"/voicemail/wsdl", "/ngnpro/voicemail/wsdl", "/ngnpro/voicemail/wsdl/",
                             "/voicemail?wsdl", "/ngnpro/voicemail/?wsdl"}) {
    INFO(target);
    CHECK(kind_of("GET", target) == RouteKind::kPortWsdl);
    CHECK(route_of("GET", target).port == "voicemail");
  }
  for (const char* target : {"/sip/wsdl", "/ngnpro/sip/wsdl", "/ngnpro/sip/wsdl/", "/ngnpro/sip?wsdl"}) {
    INFO(target);
    CHECK(kind_of("GET", target) == RouteKind::kPortWsdl);
    CHECK(route_of("GET", target).port == "sip");
  }
  // One path segment names the port; whether it exists is the server's to say (404).
  CHECK(route_of("GET", "/other/wsdl").port == "other");
  CHECK(kind_of("GET", "/ngnpro/a/b/wsdl") == RouteKind::kNotFound);
  CHECK(kind_of("POST", "/ngnpro/sip/wsdl") == RouteKind::kMethodNotAllowed);
  CHECK(kind_of("GET", "/health?wsdl") == RouteKind::kHealth);
  CHECK(kind_of("GET", "/ngnpro/?other") == RouteKind::kMethodNotAllowed);
}

TEST_CASE("any GET path ending in /soap-encoding.xsd serves the schema", "[transport][router]") {
  CHECK(kind_of("GET", "/soap-encoding.xsd") == RouteKind::kSchema);
  CHECK(kind_of("GET", "/ngnpro/soap-encoding.xsd") == RouteKind::kSchema);
  CHECK(kind_of("GET", "/ngnpro/voicemail/soap-encoding.xsd") == RouteKind::kSchema);
  CHECK(kind_of("HEAD", "/x/y/soap-encoding.xsd") == RouteKind::kSchema);
}

TEST_CASE("GET /health is the health check", "[transport][router]") {
  CHECK(kind_of("GET", "/health") == RouteKind::kHealth);
  CHECK(kind_of("GET", "/health/") == RouteKind::kHealth);
  CHECK(kind_of("HEAD", "/health") == RouteKind::kHealth);
}

TEST_CASE("unknown paths are 404; a wrong method on a known path is 405 with Allow",
          "[transport][router]") {
  CHECK(kind_of("GET", "/nope") == RouteKind::kNotFound);
  CHECK(kind_of("POST", "/nope") == RouteKind::kNotFound);
  CHECK(kind_of("POST", "/ngnpro//") == RouteKind::kNotFound);  // one trailing slash only
  CHECK(kind_of("GET", "/ngnpro/extra") == RouteKind::kNotFound);

  const Route get_on_soap = route_of("GET", "/ngnpro/");
  CHECK(get_on_soap.kind == RouteKind::kMethodNotAllowed);
  CHECK(get_on_soap.allow == "POST");
  const Route post_on_wsdl = route_of("POST", "/ngnpro/wsdl");
  CHECK(post_on_wsdl.kind == RouteKind::kMethodNotAllowed);
  CHECK(post_on_wsdl.allow == "GET, HEAD");
  CHECK(route_of("DELETE", "/health").allow == "GET, HEAD");
  CHECK(route_of("PUT", "/").allow == "POST");
}

TEST_CASE("a response head always has Content-Length and says Connection: close when closing",
          "[transport][message]") {
  ResponseHead head;
  head.status = 500;
  head.content_type = "text/xml; charset=utf-8";
  head.content_length = 42;
  head.connection = ConnectionHeader::kClose;
  CHECK(serialize(head) ==
        "HTTP/1.1 500 Internal Server Error\r\nServer: ngnpro\r\n"
        "Content-Type: text/xml; charset=utf-8\r\nContent-Length: 42\r\n"
        "Connection: close\r\n\r\n");

  ResponseHead allow;
  allow.status = 405;
  allow.allow = "POST";
  allow.connection = ConnectionHeader::kKeepAlive;
  CHECK(serialize(allow) ==
        "HTTP/1.1 405 Method Not Allowed\r\nServer: ngnpro\r\nContent-Length: 0\r\n"
        "Allow: POST\r\nConnection: keep-alive\r\n\r\n");
}
