#include "http_parser.hpp"

#include <algorithm>
#include <vector>

namespace ngnpro::transport {
namespace {

// A chunk-size line is a hex number and maybe an extension; nobody needs more than this.
constexpr std::size_t kMaxChunkSizeLine = 1024;

bool is_tchar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view{"!#$%&'*+-.^_`|~"}.find(c) != std::string_view::npos;
}

bool is_token(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_tchar);
}

// Field values may hold HTAB and obs-text but no other control character (a bare CR or a NUL
// in a header is how request smuggling starts).
bool is_field_value(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u == '\t' || (u >= 0x20 && u != 0x7f);
  });
}

bool is_target(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7f;
  });
}

std::string_view trim(std::string_view s) {
  const auto ows = [](char c) { return c == ' ' || c == '\t'; };
  while (!s.empty() && ows(s.front())) s.remove_prefix(1);
  while (!s.empty() && ows(s.back())) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out{s};
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return out;
}

// "a, B ,,c" -> {"a", "b", "c"}: the comma-separated lists of Connection, Transfer-Encoding...
std::vector<std::string> token_list(std::string_view s) {
  std::vector<std::string> out;
  while (!s.empty()) {
    const std::size_t comma = s.find(',');
    const std::string_view item = trim(s.substr(0, comma));
    if (!item.empty()) out.push_back(lower(item));
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

bool contains(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

const std::string* find_header(const HttpRequest& rq, const char* name) {
  const auto it = rq.headers.find(name);
  return it == rq.headers.end() ? nullptr : &it->second;
}

// Digits only; saturates above `cap` instead of overflowing. nullopt-like -1 on bad input.
long long parse_decimal(std::string_view s, std::size_t cap) {
  if (s.empty()) return -1;
  unsigned long long value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    if (value <= cap) value = value * 10 + static_cast<unsigned>(c - '0');
  }
  return static_cast<long long>(std::min<unsigned long long>(value, cap + 1ULL));
}

std::string_view path_of(std::string_view target) {
  // absolute-form ("POST http://host:9200/ngnpro/ HTTP/1.0") is what a client sends via a proxy
  const std::size_t scheme = target.find("://");
  if (target.front() != '/' && scheme != std::string_view::npos) {
    const std::size_t slash = target.find('/', scheme + 3);
    target = slash == std::string_view::npos ? std::string_view{"/"} : target.substr(slash);
  }
  return target.substr(0, target.find_first_of("?#"));
}

// Appends without letting a declared-but-unsent length reserve memory up front, and without
// the doubling overshoot at the end of a large body.
void append_body(std::string& body, std::string_view data, std::size_t total_hint) {
  const std::size_t needed = body.size() + data.size();
  if (needed > body.capacity() && total_hint >= needed) {
    body.reserve(std::min(total_hint, std::max(needed, 2 * body.capacity())));
  }
  body.append(data);
}

}  // namespace

RequestParser::RequestParser(std::size_t max_header_bytes, std::size_t max_body_bytes)
    : max_header_bytes_(max_header_bytes), max_body_bytes_(max_body_bytes) {}

void RequestParser::reset() {
  state_ = State::kHeaders;
  request_ = HttpRequest{};
  error_status_ = 0;
  scanned_ = 0;
  content_length_ = 0;
  trailer_bytes_ = 0;
  chunked_ = false;
  expects_continue_ = false;
  keep_alive_ = false;
}

ParseStatus RequestParser::fail(int status) {
  error_status_ = status;
  return ParseStatus::kError;
}

ParseStatus RequestParser::parse(std::string_view input, std::size_t& consumed) {
  consumed = 0;
  if (error_status_ != 0) return ParseStatus::kError;
  for (;;) {
    const std::string_view rest = input.substr(consumed);
    switch (state_) {
      case State::kHeaders: {
        std::size_t used = 0;
        const ParseStatus status = parse_headers(rest, used);
        consumed += used;
        return status;
      }
      case State::kBody:
      case State::kChunkData: {
        const std::size_t n = std::min(rest.size(), content_length_);
        append_body(request_.body, rest.substr(0, n),
                    chunked_ ? 0 : request_.body.size() + content_length_);
        consumed += n;
        content_length_ -= n;
        if (content_length_ > 0) return ParseStatus::kIncomplete;
        if (state_ == State::kChunkData) {
          state_ = State::kChunkDataEnd;
          continue;
        }
        state_ = State::kDone;
        return ParseStatus::kComplete;
      }
      case State::kChunkSize: {
        const std::size_t eol = rest.find('\n');
        if (eol == std::string_view::npos) {
          if (rest.size() > kMaxChunkSizeLine) return fail(400);
          return ParseStatus::kIncomplete;
        }
        std::string_view line = rest.substr(0, eol);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        const std::string_view hex = trim(line.substr(0, line.find(';')));
        if (hex.empty() || hex.size() > 15) return fail(400);  // 15 hex digits cannot overflow
        std::size_t size = 0;
        for (char c : hex) {
          int digit;
          if (c >= '0' && c <= '9') digit = c - '0';
          else if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
          else if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
          else return fail(400);
          size = size * 16 + static_cast<std::size_t>(digit);
        }
        consumed += eol + 1;
        if (size == 0) {
          state_ = State::kTrailers;
        } else {
          if (size > max_body_bytes_ - request_.body.size()) return fail(413);
          content_length_ = size;
          state_ = State::kChunkData;
        }
        continue;
      }
      case State::kChunkDataEnd: {
        if (rest.empty()) return ParseStatus::kIncomplete;
        if (rest[0] == '\n') {
          consumed += 1;
        } else if (rest[0] == '\r') {
          if (rest.size() < 2) return ParseStatus::kIncomplete;
          if (rest[1] != '\n') return fail(400);
          consumed += 2;
        } else {
          return fail(400);
        }
        state_ = State::kChunkSize;
        continue;
      }
      case State::kTrailers: {
        // Trailer fields are read and dropped; they count against the header budget.
        const std::size_t eol = rest.find('\n');
        if (eol == std::string_view::npos) {
          if (trailer_bytes_ + rest.size() > max_header_bytes_) return fail(431);
          return ParseStatus::kIncomplete;
        }
        consumed += eol + 1;
        trailer_bytes_ += eol + 1;
        if (trailer_bytes_ > max_header_bytes_) return fail(431);
        if (eol == 0 || (eol == 1 && rest[0] == '\r')) {
          state_ = State::kDone;
          return ParseStatus::kComplete;
        }
        continue;
      }
      case State::kDone:
        return ParseStatus::kComplete;
    }
  }
}

ParseStatus RequestParser::parse_headers(std::string_view input, std::size_t& consumed) {
  consumed = 0;
  // RFC 9112 §2.2: ignore empty lines before the request line (old clients send CRLF after a body).
  if (scanned_ == 0) {
    while (consumed < input.size() && (input[consumed] == '\r' || input[consumed] == '\n')) {
      ++consumed;
    }
    input.remove_prefix(consumed);
  }
  // Find the blank line, resuming where the last call stopped so trickled bytes cost O(n).
  std::size_t end = std::string_view::npos;
  for (std::size_t i = input.find('\n', scanned_ > 2 ? scanned_ - 2 : 0);
       i != std::string_view::npos; i = input.find('\n', i + 1)) {
    if (i + 1 < input.size() && input[i + 1] == '\n') {
      end = i + 2;
      break;
    }
    if (i + 2 < input.size() && input[i + 1] == '\r' && input[i + 2] == '\n') {
      end = i + 3;
      break;
    }
  }
  if (end == std::string_view::npos) {
    if (input.size() > max_header_bytes_) return fail(431);
    scanned_ = input.size();
    return ParseStatus::kIncomplete;
  }
  if (end > max_header_bytes_) return fail(431);
  if (!parse_header_block(input.substr(0, end))) return fail(error_status_ ? error_status_ : 400);
  consumed += end;
  return check_framing();
}

bool RequestParser::parse_request_line(std::string_view line) {
  const std::size_t sp1 = line.find(' ');
  if (sp1 == std::string_view::npos) return false;
  const std::size_t sp2 = line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos) return false;
  const std::string_view method = line.substr(0, sp1);
  const std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  const std::string_view version = line.substr(sp2 + 1);
  if (!is_token(method) || !is_target(target)) return false;
  if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || version[6] != '.' ||
      version[5] < '0' || version[5] > '9' || version[7] < '0' || version[7] > '9') {
    return false;
  }
  if (version[5] != '1') {
    error_status_ = 505;
    return false;
  }
  request_.method = std::string{method};
  request_.target = std::string{target};
  request_.path = std::string{path_of(target)};
  request_.version_minor = version[7] == '0' ? 0 : 1;  // HTTP/1.2+ are answered as 1.1
  return true;
}

bool RequestParser::parse_header_block(std::string_view block) {
  std::string* last_value = nullptr;
  bool first = true;
  while (!block.empty()) {
    const std::size_t eol = block.find('\n');
    std::string_view line = block.substr(0, eol);
    block.remove_prefix(eol + 1);  // the block always ends with '\n'
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (first) {
      first = false;
      if (!parse_request_line(line)) return false;
      continue;
    }
    if (line.empty()) break;  // the blank line ending the block
    if (!is_field_value(line)) return false;
    if (line.front() == ' ' || line.front() == '\t') {
      // obs-fold: a continuation line; RFC 9112 §5.2 allows replacing it with one space.
      if (last_value == nullptr) return false;
      const std::string_view more = trim(line);
      if (!more.empty()) *last_value += (last_value->empty() ? "" : " ") + std::string{more};
      continue;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || !is_token(line.substr(0, colon))) return false;
    const std::string_view value = trim(line.substr(colon + 1));
    auto [it, inserted] = request_.headers.try_emplace(lower(line.substr(0, colon)), value);
    if (!inserted) {
      // Repeated fields are one comma-separated list (RFC 9110 §5.3).
      it->second += ", ";
      it->second += value;
    }
    last_value = &it->second;
  }
  return true;
}

ParseStatus RequestParser::check_framing() {
  const std::string* te = find_header(request_, "transfer-encoding");
  const std::string* cl = find_header(request_, "content-length");
  if (te != nullptr) {
    // Both headers, or chunked over HTTP/1.0, is how smuggling is attempted (RFC 9112 §6.1).
    if (cl != nullptr || request_.version_minor == 0) return fail(400);
    const std::vector<std::string> codings = token_list(*te);
    if (codings.size() != 1 || codings.front() != "chunked") return fail(501);
    chunked_ = true;
    state_ = State::kChunkSize;
  } else if (cl != nullptr) {
    // "5, 5" (a repeated header) is allowed when every value agrees.
    long long length = -1;
    std::string_view rest = *cl;
    while (true) {
      const std::size_t comma = rest.find(',');
      const long long value = parse_decimal(trim(rest.substr(0, comma)), max_body_bytes_);
      if (value < 0 || (length >= 0 && value != length)) return fail(400);
      length = value;
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
    if (static_cast<unsigned long long>(length) > max_body_bytes_) return fail(413);
    content_length_ = static_cast<std::size_t>(length);
    state_ = State::kBody;
  } else {
    state_ = State::kBody;  // no body
  }

  const std::string* expect = find_header(request_, "expect");
  expects_continue_ = request_.version_minor == 1 && expect != nullptr &&
                      lower(trim(*expect)) == "100-continue";
  const std::string* connection = find_header(request_, "connection");
  const std::vector<std::string> options =
      connection ? token_list(*connection) : std::vector<std::string>{};
  keep_alive_ = !contains(options, "close") &&
                (request_.version_minor == 1 || contains(options, "keep-alive"));
  return ParseStatus::kHeadersComplete;
}

}  // namespace ngnpro::transport
