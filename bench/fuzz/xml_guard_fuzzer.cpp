// libFuzzer target over ports::find_xml_violation alone: no database, no gSOAP, so it runs at
// raw throughput. Besides the sanitizers, one check against an independent decoder: a body the
// guard accepts is valid UTF-8 made of XML 1.0 characters only (what it exists to ensure, since
// gSOAP's reader does not; see src/ports/xml_guard.hpp).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "xml_guard.hpp"

namespace {

bool is_xml_char(std::uint32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

// Byte offset of the first byte that is not part of well-formed UTF-8 (RFC 3629 table) holding
// an XML Char, or -1.
long first_bad_byte(const std::uint8_t* s, std::size_t n) {
  std::size_t i = 0;
  while (i < n) {
    const std::uint8_t b = s[i];
    std::size_t len;
    std::uint32_t c;
    std::uint8_t lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (b < 0x80) { len = 1; c = b; }
    else if (b >= 0xC2 && b <= 0xDF) { len = 2; c = b & 0x1F; }
    else if (b >= 0xE0 && b <= 0xEF) {
      len = 3; c = b & 0x0F;
      if (b == 0xE0) lo = 0xA0;
      if (b == 0xED) hi = 0x9F;  // no surrogates
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4; c = b & 0x07;
      if (b == 0xF0) lo = 0x90;
      if (b == 0xF4) hi = 0x8F;
    } else {
      return static_cast<long>(i);
    }
    if (i + len > n) return static_cast<long>(i);
    for (std::size_t k = 1; k < len; ++k) {
      const std::uint8_t t = s[i + k];
      if (k == 1 ? (t < lo || t > hi) : (t < 0x80 || t > 0xBF)) return static_cast<long>(i);
      c = (c << 6) | (t & 0x3F);
    }
    if (!is_xml_char(c)) return static_cast<long>(i);
    i += len;
  }
  return -1;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const auto problem = ngnpro::ports::find_xml_violation(body);
  if (!problem) {
    const long bad = first_bad_byte(data, size);
    if (bad >= 0) {
      std::fprintf(stderr, "xml-guard-fuzz: CHECK FAILED: accepted a body whose byte %ld is not valid UTF-8 "
                           "of an XML character (0x%02x)\n", bad, data[bad]);
      std::abort();
    }
  }
  return 0;
}
