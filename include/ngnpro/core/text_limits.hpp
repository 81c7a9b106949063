// How long a client's text may be. Every string field has one of these maxima, checked in the
// services before anything is written (8003 naming the field), so a value always fits its
// column and any btree index over it (PostgreSQL refuses index rows over ~2.7 kB with an error
// that would otherwise surface as 9000). Lengths are in bytes of UTF-8. README, "Limits".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ngnpro::core {

inline constexpr std::size_t kMaxNameBytes = 64;       // logins, group/property/category names, tags
inline constexpr std::size_t kMaxTextBytes = 255;      // names, addresses, e-mail, descriptions
inline constexpr std::size_t kMaxValueBytes = 4096;    // property values
inline constexpr std::size_t kMaxPemBytes = 16384;     // a certificate chain or a private key
inline constexpr std::size_t kMaxPasswordBytes = 256;

// Throws 8003 "<field> is longer than <max> bytes" when value is longer than max.
void require_length(std::string_view value, std::size_t max, std::string_view field);

// At most max_bytes of client text for a fault message or a log line, cut on a UTF-8 character
// boundary and marked with "…" when cut: faults never echo a client's megabyte back.
std::string excerpt(std::string_view client_text, std::size_t max_bytes = 40);

}  // namespace ngnpro::core
