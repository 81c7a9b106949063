// An incremental HTTP/1.x request parser: bytes in, one HttpRequest out. No I/O, so the
// framing rules (limits, chunked bodies, 100-continue) are unit-tested without sockets.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "ngnpro/transport/http.hpp"

namespace ngnpro::transport {

enum class ParseStatus {
  kIncomplete,       // every byte given was used or kept for later: read more
  kHeadersComplete,  // the header block is parsed; call parse() again for the body
  kComplete,         // request() holds a whole request
  kError,            // error_status() says which answer; the connection must close
};

class RequestParser {
 public:
  RequestParser(std::size_t max_header_bytes, std::size_t max_body_bytes);

  // `input` must start with the bytes the previous call did not consume (a partial header
  // block is left unconsumed until its end arrives). `consumed` tells how many to drop.
  ParseStatus parse(std::string_view input, std::size_t& consumed);

  // Forget the request, ready for the next one on the same connection.
  void reset();

  HttpRequest& request() { return request_; }
  int error_status() const { return error_status_; }           // 400, 413, 431 or 501
  bool headers_complete() const { return state_ > State::kHeaders; }
  bool expects_continue() const { return expects_continue_; }  // only for HTTP/1.1
  bool keep_alive() const { return keep_alive_; }
  bool body_expected() const { return chunked_ || content_length_ > 0; }

 private:
  enum class State { kHeaders, kBody, kChunkSize, kChunkData, kChunkDataEnd, kTrailers, kDone };

  ParseStatus parse_headers(std::string_view input, std::size_t& consumed);
  bool parse_request_line(std::string_view line);
  bool parse_header_block(std::string_view block);
  ParseStatus check_framing();
  ParseStatus fail(int status);

  std::size_t max_header_bytes_;
  std::size_t max_body_bytes_;
  State state_ = State::kHeaders;
  HttpRequest request_;
  int error_status_ = 0;
  std::size_t scanned_ = 0;         // header bytes already searched for the blank line
  std::size_t content_length_ = 0;  // bytes still to come (Content-Length) or in this chunk
  std::size_t trailer_bytes_ = 0;
  bool chunked_ = false;
  bool expects_continue_ = false;
  bool keep_alive_ = false;
};

}  // namespace ngnpro::transport
