// Text-to-value conversions for scalar SOAP fields, lenient exactly as api §2.6.4: the sender's
// xsi:type is advisory, so the text alone decides. Used by the gSOAP serializers in ports/.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace ngnpro::core {

// "12", " 12 ", "+12", "-3", "12.0", "1.2e1" (integral values only), "0x" forms are refused.
std::optional<std::int64_t> parse_integer(std::string_view text);
// Any decimal or scientific number; "NaN"/"INF" refused.
std::optional<double> parse_double(std::string_view text);
// true/false/1/0 in any letter case, surrounding white space ignored.
std::optional<bool> parse_boolean(std::string_view text);
// True when the text is empty or white space only: such a numeric or boolean element is nil
// (api §2.6.5).
bool is_blank(std::string_view text);

}  // namespace ngnpro::core
