#include "ngnpro/core/lenient.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <system_error>

namespace ngnpro::core {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// ASCII only: std::tolower would consult the process locale.
bool equals_ignoring_case(std::string_view text, std::string_view lower) {
  if (text.size() != lower.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

std::size_t count_digits(std::string_view text, std::size_t from) {
  std::size_t end = from;
  while (end < text.size() && is_digit(text[end])) ++end;
  return end - from;
}

// Decimal or scientific text ("12.0", "1.2e1", "1.0E+25" as PHP writes floats) whose value is a
// whole number, evaluated exactly on the digits: going through double would silently round
// integral values above 2^53.
std::optional<std::int64_t> parse_integral_decimal(std::string_view text) {
  std::size_t pos = 0;
  bool negative = false;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) negative = text[pos++] == '-';

  const std::size_t int_digits = count_digits(text, pos);
  const std::string_view int_part = text.substr(pos, int_digits);
  pos += int_digits;
  std::string_view frac_part;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    const std::size_t frac_digits = count_digits(text, pos);
    frac_part = text.substr(pos, frac_digits);
    pos += frac_digits;
  }
  if (int_part.empty() && frac_part.empty()) return std::nullopt;

  long long exponent = 0;
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    ++pos;
    bool exponent_negative = false;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
      exponent_negative = text[pos++] == '-';
    }
    const std::size_t exponent_digits = count_digits(text, pos);
    if (exponent_digits == 0) return std::nullopt;
    // Saturate: any exponent beyond this already overflows int64 or leaves only zeros.
    constexpr long long kExponentCap = 1'000'000;
    for (std::size_t i = 0; i < exponent_digits; ++i) {
      exponent = std::min(kExponentCap, exponent * 10 + (text[pos + i] - '0'));
    }
    pos += exponent_digits;
    if (exponent_negative) exponent = -exponent;
  }
  if (pos != text.size()) return std::nullopt;

  // The value is `digits` with the decimal point moved to `point`.
  std::string digits{int_part};
  digits.append(frac_part);
  const long long point = static_cast<long long>(int_part.size()) + exponent;
  const long long size = static_cast<long long>(digits.size());

  std::string_view whole = digits;
  std::string_view fraction;
  if (point <= 0) {
    whole = {};
    fraction = digits;
  } else if (point < size) {
    whole = std::string_view{digits}.substr(0, static_cast<std::size_t>(point));
    fraction = std::string_view{digits}.substr(static_cast<std::size_t>(point));
  }
  for (const char c : fraction) {
    if (c != '0') return std::nullopt;
  }
  while (!whole.empty() && whole.front() == '0') whole.remove_prefix(1);
  const long long trailing_zeros = point > size ? point - size : 0;
  if (whole.empty()) return std::int64_t{0};  // zeros followed by any number of zeros

  // Accumulate the magnitude as unsigned so that INT64_MIN's magnitude fits.
  const std::uint64_t limit =
      negative ? static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + 1
               : static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  std::uint64_t magnitude = 0;
  auto push_digit = [&](unsigned digit) {
    if (magnitude > (limit - digit) / 10) return false;
    magnitude = magnitude * 10 + digit;
    return true;
  };
  for (const char c : whole) {
    if (!push_digit(static_cast<unsigned>(c - '0'))) return std::nullopt;
  }
  for (long long i = 0; i < trailing_zeros; ++i) {
    if (!push_digit(0)) return std::nullopt;
  }
  if (!negative) return static_cast<std::int64_t>(magnitude);
  if (magnitude == limit) return std::numeric_limits<std::int64_t>::min();
  return -static_cast<std::int64_t>(magnitude);
}

}  // namespace

std::optional<std::int64_t> parse_integer(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  return parse_integral_decimal(text);
}

std::optional<double> parse_double(std::string_view text) {
  text = trim(text);
  // from_chars takes no '+', but a sign followed by another sign must stay refused.
  if (!text.empty() && text.front() == '+') {
    text.remove_prefix(1);
    if (!text.empty() && (text.front() == '+' || text.front() == '-')) return std::nullopt;
  }
  if (text.empty()) return std::nullopt;
  // from_chars never consults the locale, so "1.5" parses the same under a de_DE process.
  double value = 0;
  const char* const end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value, std::chars_format::general);
  // result_out_of_range covers both overflow and underflow: neither is a value we can store.
  if (ec != std::errc{} || ptr != end) return std::nullopt;
  if (!std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<bool> parse_boolean(std::string_view text) {
  text = trim(text);
  if (text == "1" || equals_ignoring_case(text, "true")) return true;
  if (text == "0" || equals_ignoring_case(text, "false")) return false;
  return std::nullopt;
}

bool is_blank(std::string_view text) { return trim(text).empty(); }

}  // namespace ngnpro::core
