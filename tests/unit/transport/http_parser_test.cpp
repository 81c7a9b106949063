#include <algorithm>
#include <string>

#include <catch2/catch.hpp>

#include "http_parser.hpp"

using ngnpro::transport::ParseStatus;
using ngnpro::transport::RequestParser;

namespace {

struct Fed {
  ParseStatus status = ParseStatus::kIncomplete;
  std::string left;             // bytes not consumed (a pipelined next request)
  bool saw_headers = false;     // kHeadersComplete was reported
  std::size_t fed_at_headers = 0;  // input bytes given when kHeadersComplete came
};

// Feeds `data` in pieces of `step` bytes the way a connection does: unconsumed bytes stay in
// a buffer that the next piece is appended to.
Fed feed(RequestParser& parser, const std::string& data, std::size_t step = 1 << 20) {
  Fed out;
  std::string buffer;
  std::size_t given = 0;
  while (given < data.size()) {
    const std::size_t n = std::min(step, data.size() - given);
    buffer.append(data, given, n);
    given += n;
    for (;;) {
      std::size_t used = 0;
      out.status = parser.parse(buffer, used);
      buffer.erase(0, used);
      if (out.status != ParseStatus::kHeadersComplete) break;
      out.saw_headers = true;
      out.fed_at_headers = given;
    }
    if (out.status == ParseStatus::kComplete || out.status == ParseStatus::kError) break;
  }
  out.left = buffer + data.substr(given);
  return out;
}

RequestParser make_parser(std::size_t max_header = 16 * 1024, std::size_t max_body = 1024) {
  return RequestParser{max_header, max_body};
}

int error_of(const std::string& raw) {
  RequestParser parser = make_parser();
  const Fed fed = feed(parser, raw);
  return fed.status == ParseStatus::kError ? parser.error_status() : 0;
}

}  // namespace

TEST_CASE("the request line and headers are parsed; header names are lower-cased",
          "[transport][parser]") {
  RequestParser parser = make_parser();
  const Fed fed = feed(parser,
                       "POST /ngnpro/?a=b HTTP/1.0\r\nHost: sip.example.com\r\n"
                       "Content-Type: text/xml; charset=UTF-8\r\nSOAPAction: \"\"\r\n"
                       "X-Spaces:   padded value \t\r\nContent-Length: 5\r\n\r\nhello");
  REQUIRE(fed.status == ParseStatus::kComplete);
  CHECK(fed.saw_headers);
  CHECK(fed.left.empty());
  const auto& rq = parser.request();
  CHECK(rq.method == "POST");
  CHECK(rq.target == "/ngnpro/?a=b");
  CHECK(rq.path == "/ngnpro/");
  CHECK(rq.version_minor == 0);
  CHECK(rq.headers.at("host") == "sip.example.com");
  CHECK(rq.headers.at("content-type") == "text/xml; charset=UTF-8");
  CHECK(rq.headers.at("soapaction") == "\"\"");
  CHECK(rq.headers.at("x-spaces") == "padded value");
  CHECK(rq.body == "hello");
}

TEST_CASE("bytes fed one at a time give the same request as all at once", "[transport][parser]") {
  const std::string raw =
      "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nhello world";
  RequestParser whole = make_parser();
  RequestParser trickled = make_parser();
  REQUIRE(feed(whole, raw).status == ParseStatus::kComplete);
  REQUIRE(feed(trickled, raw, 1).status == ParseStatus::kComplete);
  CHECK(trickled.request().body == whole.request().body);
  CHECK(trickled.request().headers == whole.request().headers);
}

TEST_CASE("Content-Length frames the body and leaves a pipelined request unconsumed",
          "[transport][parser]") {
  RequestParser parser = make_parser();
  const std::string second = "GET /wsdl HTTP/1.1\r\nHost: a\r\n\r\n";
  const Fed fed = feed(parser, "POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc" + second);
  REQUIRE(fed.status == ParseStatus::kComplete);
  CHECK(parser.request().body == "abc");
  CHECK(fed.left == second);

  parser.reset();
  const Fed next = feed(parser, fed.left);
  REQUIRE(next.status == ParseStatus::kComplete);
  CHECK(parser.request().method == "GET");
  CHECK(parser.request().path == "/wsdl");
  CHECK(parser.request().body.empty());
}

TEST_CASE("a request without Content-Length or Transfer-Encoding has an empty body",
          "[transport][parser]") {
  RequestParser parser = make_parser();
  const Fed fed = feed(parser, "POST / HTTP/1.1\r\nHost: a\r\n\r\nGET");
  REQUIRE(fed.status == ParseStatus::kComplete);
  CHECK(parser.request().body.empty());
  CHECK(fed.left == "GET");
  CHECK_FALSE(parser.body_expected());
}

TEST_CASE("a chunked body is decoded, with chunk extensions and trailers",
          "[transport][parser]") {
  const std::string raw =
      "POST / HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n"
      "5;name=value\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nX-Trailer: yes\r\n\r\nNEXT";
  for (std::size_t step : {std::size_t{1}, std::size_t{7}, raw.size()}) {
    RequestParser parser = make_parser();
    const Fed fed = feed(parser, raw, step);
    INFO("step " << step);
    REQUIRE(fed.status == ParseStatus::kComplete);
    CHECK(parser.request().body == "hello 0123456789");
    CHECK(fed.left == "NEXT");
  }
}

TEST_CASE("bare LF line endings are accepted", "[transport][parser]") {
  RequestParser parser = make_parser();
  const Fed fed = feed(parser, "POST / HTTP/1.1\nTransfer-Encoding: chunked\n\n3\nabc\n0\n\n", 1);
  REQUIRE(fed.status == ParseStatus::kComplete);
  CHECK(parser.request().body == "abc");
}

TEST_CASE("keep-alive follows the version and the Connection header", "[transport][parser]") {
  const auto keep_alive = [](const std::string& version, const std::string& connection) {
    RequestParser parser = make_parser();
    const std::string header = connection.empty() ? "" : "Connection: " + connection + "\r\n";
    REQUIRE(feed(parser, "GET / " + version + "\r\n" + header + "\r\n").status ==
            ParseStatus::kComplete);
    return parser.keep_alive();
  };
  CHECK(keep_alive("HTTP/1.1", ""));
  CHECK_FALSE(keep_alive("HTTP/1.1", "close"));
  CHECK_FALSE(keep_alive("HTTP/1.1", "TE, Close"));
  CHECK_FALSE(keep_alive("HTTP/1.0", ""));
  CHECK(keep_alive("HTTP/1.0", "Keep-Alive"));
  CHECK_FALSE(keep_alive("HTTP/1.0", "keep-alive, close"));
}

TEST_CASE("Expect: 100-continue is reported at the headers, for HTTP/1.1 only",
          "[transport][parser]") {
  RequestParser parser = make_parser();
  const std::string head = "POST / HTTP/1.1\r\nExpect: 100-Continue\r\nContent-Length: 4\r\n\r\n";
  Fed fed = feed(parser, head);
  CHECK(fed.status == ParseStatus::kIncomplete);
  CHECK(fed.saw_headers);
  CHECK(parser.headers_complete());
  CHECK(parser.expects_continue());
  CHECK(parser.body_expected());

  RequestParser old = make_parser();
  feed(old, "POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
  CHECK_FALSE(old.expects_continue());
}

TEST_CASE("empty lines before the request line are ignored", "[transport][parser]") {
  RequestParser parser = make_parser();
  const Fed fed = feed(parser, "\r\n\r\nGET /health HTTP/1.1\r\n\r\n", 1);
  REQUIRE(fed.status == ParseStatus::kComplete);
  CHECK(parser.request().path == "/health");
}

TEST_CASE("repeated headers are joined and folded lines are unfolded", "[transport][parser]") {
  RequestParser parser = make_parser();
  REQUIRE(feed(parser, "GET / HTTP/1.1\r\nX-A: one\r\nx-a: two\r\nX-B: first\r\n  second\r\n\r\n")
              .status == ParseStatus::kComplete);
  CHECK(parser.request().headers.at("x-a") == "one, two");
  CHECK(parser.request().headers.at("x-b") == "first second");
}

TEST_CASE("an absolute-form target gives the path; the query is not part of it",
          "[transport][parser]") {
  RequestParser parser = make_parser();
  REQUIRE(feed(parser, "POST http://sip.example.com:9200/ngnpro/?wsdl HTTP/1.1\r\n\r\n").status ==
          ParseStatus::kComplete);
  CHECK(parser.request().path == "/ngnpro/");
  CHECK(parser.request().target == "http://sip.example.com:9200/ngnpro/?wsdl");
}

TEST_CASE("a header block larger than max_header_bytes is refused with 431",
          "[transport][parser]") {
  const std::string big = "GET / HTTP/1.1\r\nX-Big: " + std::string(200, 'x') + "\r\n\r\n";
  SECTION("complete but too large") {
    RequestParser parser = make_parser(100);
    CHECK(feed(parser, big).status == ParseStatus::kError);
    CHECK(parser.error_status() == 431);
  }
  SECTION("still incomplete, already too large, trickled") {
    RequestParser parser = make_parser(100);
    CHECK(feed(parser, big.substr(0, 150), 1).status == ParseStatus::kError);
    CHECK(parser.error_status() == 431);
  }
  SECTION("a header block of exactly the limit is accepted") {
    RequestParser parser = make_parser(big.size());
    CHECK(feed(parser, big).status == ParseStatus::kComplete);
  }
}

TEST_CASE("a declared Content-Length above max_body_bytes is refused with 413 at the headers",
          "[transport][parser]") {
  RequestParser parser = make_parser(16 * 1024, 1024);
  const Fed fed = feed(parser, "POST / HTTP/1.1\r\nContent-Length: 104857600\r\n\r\n");
  CHECK(fed.status == ParseStatus::kError);
  CHECK(parser.error_status() == 413);
  // A length too large for any integer is the same answer, not a 400 or an overflow.
  CHECK(error_of("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999999\r\n\r\n") == 413);
  // Exactly the limit is fine.
  RequestParser at_limit = make_parser(16 * 1024, 4);
  CHECK(feed(at_limit, "POST / HTTP/1.1\r\nContent-Length: 4\r\n\r\nabcd").status ==
        ParseStatus::kComplete);
}

TEST_CASE("a chunked body growing past max_body_bytes is refused with 413",
          "[transport][parser]") {
  RequestParser parser = make_parser(16 * 1024, 10);
  const Fed fed =
      feed(parser, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n6\r\n", 3);
  CHECK(fed.status == ParseStatus::kError);
  CHECK(parser.error_status() == 413);
  CHECK(error_of("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFF\r\n") == 413);
}

TEST_CASE("malformed request lines and headers are refused with 400", "[transport][parser]") {
  const char* bad[] = {
      "GET /\r\n\r\n",                                          // no version
      "GET  / HTTP/1.1\r\n\r\n",                                // two spaces
      "GET / HTTP/1.1 \r\n\r\n",                                // trailing space
      "G(T / HTTP/1.1\r\n\r\n",                                 // not a token
      "GET / FTP/1.1\r\n\r\n",
      "GET / HTTP/1.x\r\n\r\n",
      "GET /a\x01 HTTP/1.1\r\n\r\n",                            // control char in target
      "GET / HTTP/1.1\r\nNo Colon\r\n\r\n",
      "GET / HTTP/1.1\r\nName : value\r\n\r\n",                 // space before the colon
      "GET / HTTP/1.1\r\n: value\r\n\r\n",
      "GET / HTTP/1.1\r\nX: a\rb\r\n\r\n",                      // bare CR
      "GET / HTTP/1.1\r\n folded-first\r\n\r\n",
      "POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
      "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
      "POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n",
      "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
      "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n",
      "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
      "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n",
  };
  for (const char* raw : bad) {
    INFO(raw);
    CHECK(error_of(raw) == 400);
  }
  // Agreeing repeated lengths are one length.
  RequestParser parser = make_parser();
  CHECK(feed(parser, "POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nab").status ==
        ParseStatus::kComplete);
}

TEST_CASE("unsupported transfer codings get 501 and other HTTP major versions 505",
          "[transport][parser]") {
  CHECK(error_of("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n") == 501);
  CHECK(error_of("PRI * HTTP/2.0\r\n\r\n") == 505);
}

TEST_CASE("reset() makes the parser ready for the next request", "[transport][parser]") {
  RequestParser parser = make_parser();
  REQUIRE(feed(parser, "POST / HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx")
              .status == ParseStatus::kComplete);
  parser.reset();
  CHECK_FALSE(parser.headers_complete());
  REQUIRE(feed(parser, "GET /health HTTP/1.1\r\n\r\n").status == ParseStatus::kComplete);
  CHECK(parser.request().body.empty());
  CHECK(parser.request().version_minor == 1);
  CHECK(parser.request().headers.empty());
}
