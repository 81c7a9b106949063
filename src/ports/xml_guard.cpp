#include "xml_guard.hpp"

#include <algorithm>
#include <cstdint>

namespace ngnpro::ports {

namespace {

// XML 1.0 §2.2 Char.
bool is_xml_char(std::uint32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

// Decodes one UTF-8 sequence at body[i]; nullopt for an invalid, overlong or surrogate one.
std::optional<std::uint32_t> decode_utf8(std::string_view body, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(body[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) {
    ++i;
    return lead;
  }
  int extra;
  std::uint32_t c, min;
  if ((lead & 0xE0) == 0xC0) { extra = 1; c = lead & 0x1F; min = 0x80; }
  else if ((lead & 0xF0) == 0xE0) { extra = 2; c = lead & 0x0F; min = 0x800; }
  else if ((lead & 0xF8) == 0xF0) { extra = 3; c = lead & 0x07; min = 0x10000; }
  else return std::nullopt;
  for (int k = 1; k <= extra; ++k) {
    if (i + k >= body.size() || (byte(i + k) & 0xC0) != 0x80) return std::nullopt;
    c = (c << 6) | (byte(i + k) & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return std::nullopt;
  i += extra + 1;
  return c;
}

// Checks the reference starting at body[i] == '&'; advances i past its ';'.
std::optional<std::string> check_reference(std::string_view body, std::size_t& i) {
  const std::size_t end = body.find(';', i);
  if (end == std::string_view::npos || end - i > 12) return "unterminated entity or character reference";
  const std::string_view ref = body.substr(i + 1, end - i - 1);
  i = end + 1;
  if (ref == "amp" || ref == "lt" || ref == "gt" || ref == "quot" || ref == "apos") return std::nullopt;
  if (ref.size() < 2 || ref[0] != '#') return "undefined entity &" + std::string(ref) + ";";
  const bool hex = ref[1] == 'x';
  const std::string_view digits = ref.substr(hex ? 2 : 1);
  if (digits.empty()) return "malformed character reference";
  std::uint32_t c = 0;
  for (const char d : digits) {
    int v;
    if (d >= '0' && d <= '9') v = d - '0';
    else if (hex && d >= 'a' && d <= 'f') v = d - 'a' + 10;
    else if (hex && d >= 'A' && d <= 'F') v = d - 'A' + 10;
    else return "malformed character reference";
    c = c * (hex ? 16 : 10) + static_cast<std::uint32_t>(v);
    if (c > 0x10FFFF) return "character reference out of range";
  }
  if (!is_xml_char(c)) return "character reference &" + std::string(ref) + "; is not an XML character";
  return std::nullopt;
}

std::string code_point_name(std::uint32_t c) {
  static const char kDigits[] = "0123456789ABCDEF";
  std::string out;
  do {
    out.insert(out.begin(), kDigits[c % 16]);
    c /= 16;
  } while (c != 0);
  return "U+" + std::string(out.size() < 4 ? 4 - out.size() : 0, '0') + out;
}

// Checks the characters of body[begin, end) without interpreting markup (CDATA, comments).
std::optional<std::string> check_characters(std::string_view body, std::size_t begin, std::size_t end) {
  for (std::size_t i = begin; i < end;) {
    const auto c = decode_utf8(body, i);
    if (!c) return "invalid UTF-8 at byte " + std::to_string(i);
    if (!is_xml_char(*c)) return "character " + code_point_name(*c) + " is not allowed in XML";
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> find_xml_violation(std::string_view body) {
  int depth = 0;              // open elements
  bool root_closed = false;   // after the root element only white space, comments and PIs may follow
  std::size_t i = 0;
  while (i < body.size()) {
    const std::size_t markup = std::min(body.find_first_of("&<", i), body.size());
    if (auto problem = check_characters(body, i, markup)) return problem;
    if (root_closed && body.substr(i, markup - i).find_first_not_of(" \t\r\n") != std::string_view::npos)
      return "content after the root element";
    i = markup;
    if (i == body.size()) break;
    if (body[i] == '&') {
      if (auto problem = check_reference(body, i)) return problem;
    } else if (body.compare(i, 2, "<!") == 0) {
      // Inside CDATA and comments '&' is literal: check only that they hold XML characters.
      const bool cdata = body.compare(i, 9, "<![CDATA[") == 0;
      const bool comment = body.compare(i, 4, "<!--") == 0;
      if (!cdata && !comment) return "a DOCTYPE or DTD declaration is not allowed in a SOAP message";
      if (cdata && root_closed) return "content after the root element";
      const std::size_t close = body.find(cdata ? "]]>" : "-->", i);
      if (close == std::string_view::npos) return cdata ? "unterminated CDATA section" : "unterminated comment";
      if (auto problem = check_characters(body, i, close)) return problem;
      i = close + 3;
    } else {
      // A tag: find its '>' outside quoted attribute values, then count it.
      std::size_t close = i + 1;
      for (char quote = 0; close < body.size() && (quote || body[close] != '>'); ++close) {
        if (quote && body[close] == quote) quote = 0;
        else if (!quote && (body[close] == '"' || body[close] == '\'')) quote = body[close];
      }
      if (close == body.size()) return "unterminated tag";
      if (auto problem = check_characters(body, i, close)) return problem;
      const bool processing_instruction = body[i + 1] == '?';
      if (!processing_instruction) {
        if (root_closed) return "content after the root element";
        if (body[i + 1] == '/') --depth;
        else if (body[close - 1] != '/') ++depth;
        if (depth < 0) return "unbalanced end tag";
        root_closed = depth == 0;
      }
      i = close + 1;
    }
  }
  return std::nullopt;
}

}  // namespace ngnpro::ports
