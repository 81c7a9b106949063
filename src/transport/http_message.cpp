#include "http_message.hpp"

namespace ngnpro::transport {

std::string_view reason_phrase(int status) {
  switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Content Too Large";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return status >= 500 ? "Server Error" : status >= 400 ? "Client Error" : "OK";
  }
}

std::string serialize(const ResponseHead& head) {
  std::string out;
  out.reserve(160);
  out += "HTTP/1.1 ";
  out += std::to_string(head.status);
  out += ' ';
  out += reason_phrase(head.status);
  out += "\r\nServer: ngnpro\r\n";
  if (!head.content_type.empty()) {
    out += "Content-Type: ";
    out += head.content_type;
    out += "\r\n";
  }
  out += "Content-Length: ";
  out += std::to_string(head.content_length);
  out += "\r\n";
  if (!head.allow.empty()) {
    out += "Allow: ";
    out += head.allow;
    out += "\r\n";
  }
  if (head.connection == ConnectionHeader::kClose) out += "Connection: close\r\n";
  if (head.connection == ConnectionHeader::kKeepAlive) out += "Connection: keep-alive\r\n";
  out += "\r\n";
  return out;
}

}  // namespace ngnpro::transport
