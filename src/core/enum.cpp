#include "ngnpro/core/enum.hpp"

#include <algorithm>
#include <iterator>

#include "ngnpro/core/error.hpp"
#include "ngnpro/core/text_limits.hpp"

namespace ngnpro::core {

namespace {

// api §8.13's table. The NAPTR service is the type itself except npd:tel, published as
// npd+tel (api §9.1 row 13).
constexpr EnumService kServices[] = {
    {"sip", "sip", {"sip:", "sips:"}},
    {"mailto", "mailto", {"mailto:", ""}},
    {"web:http", "web:http", {"http://", ""}},
    {"web:https", "web:https", {"https://", ""}},
    {"x-skype:callto", "x-skype:callto", {"callto:", ""}},
    {"h323", "h323", {"h323:", ""}},
    {"iax", "iax", {"iax:", ""}},
    {"iax2", "iax2", {"iax2:", ""}},
    {"mms", "mms", {"tel:", "mailto:"}},
    {"sms", "sms", {"tel:", "mailto:"}},
    {"ems", "ems", {"tel:", "mailto:"}},
    {"im", "im", {"im:", ""}},
    {"npd:tel", "npd+tel", {"tel:", ""}},
    {"void:mailto", "void:mailto", {"mailto:", ""}},
    {"void:http", "void:http", {"http://", ""}},
    {"void:https", "void:https", {"https://", ""}},
    {"voice", "voice", {"voice:", "tel:"}},
    {"tel", "tel", {"tel:", ""}},
    {"fax:tel", "fax:tel", {"tel:", ""}},
    {"ifax:mailto", "ifax:mailto", {"mailto:", ""}},
    {"pres", "pres", {"pres:", ""}},
    {"ft:ftp", "ft:ftp", {"ftp://", ""}},
    {"loc:http", "loc:http", {"http://", ""}},
    {"key:http", "key:http", {"http://", ""}},
    {"key:https", "key:https", {"https://", ""}},
};

// The assigned country codes of ITU-T E.164: "List of ITU-T Recommendation E.164 assigned
// country codes" (Complement to ITU-T Rec. E.164, ITU Operational Bulletin annex, position of
// 15.XII.2016, with 383 Kosovo assigned that year), sorted. Spare and reserved codes are left
// out: a prefix starting with one extends no country code. Country codes are a prefix code:
// none is the beginning of another, so a prefix starts with at most one of them.
constexpr std::string_view kCountryCodes[] = {
    "1",   "20",  "211", "212", "213", "216", "218", "220", "221", "222", "223", "224", "225",
    "226", "227", "228", "229", "230", "231", "232", "233", "234", "235", "236", "237", "238",
    "239", "240", "241", "242", "243", "244", "245", "246", "247", "248", "249", "250", "251",
    "252", "253", "254", "255", "256", "257", "258", "260", "261", "262", "263", "264", "265",
    "266", "267", "268", "269", "27",  "290", "291", "297", "298", "299", "30",  "31",  "32",
    "33",  "34",  "350", "351", "352", "353", "354", "355", "356", "357", "358", "359", "36",
    "370", "371", "372", "373", "374", "375", "376", "377", "378", "379", "380", "381", "382",
    "383", "385", "386", "387", "388", "389", "39",  "40",  "41",  "420", "421", "423", "43",
    "44",  "45",  "46",  "47",  "48",  "49",  "500", "501", "502", "503", "504", "505", "506",
    "507", "508", "509", "51",  "52",  "53",  "54",  "55",  "56",  "57",  "58",  "590", "591",
    "592", "593", "594", "595", "596", "597", "598", "599", "60",  "61",  "62",  "63",  "64",
    "65",  "66",  "670", "672", "673", "674", "675", "676", "677", "678", "679", "680", "681",
    "682", "683", "685", "686", "687", "688", "689", "690", "691", "692", "7",   "800", "808",
    "81",  "82",  "84",  "850", "852", "853", "855", "856", "86",  "870", "878", "880", "881",
    "882", "883", "886", "888", "90",  "91",  "92",  "93",  "94",  "95",  "960", "961", "962",
    "963", "964", "965", "966", "967", "968", "970", "971", "972", "973", "974", "975", "976",
    "977", "979", "98",  "991", "992", "993", "994", "995", "996", "998",
};

[[noreturn]] void invalid(const std::string& message) { throw Error{ErrorCode::kInvalidArgument, message}; }
[[noreturn]] void bad_mapping(const std::string& message) { throw Error{ErrorCode::kEnumMappingInvalid, message}; }

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
           const auto fold = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
           return fold(a) == fold(b);
         });
}

}  // namespace

const EnumService* find_enum_service(std::string_view type) {
  const auto it = std::find_if(std::begin(kServices), std::end(kServices), [&](const EnumService& s) { return s.type == type; });
  return it == std::end(kServices) ? nullptr : it;
}

std::string enum_tld(std::string_view text) {
  if (text.empty()) return std::string{kDefaultEnumTld};
  const std::optional<std::string> name = host_name(text);
  if (!name || name->size() > kMaxEnumTldBytes)
    invalid("tld '" + excerpt(text) + "' is not a host name of at most " + std::to_string(kMaxEnumTldBytes) +
            " bytes");
  // A zone name is the prefix's digit labels, then the tld: a tld that began with one would
  // give two ranges the same zone (312 under e164.arpa, 2 under 1.3.e164.arpa).
  if (name->size() == 1 || (*name)[1] == '.') {
    if ((*name)[0] >= '0' && (*name)[0] <= '9')
      invalid("tld '" + excerpt(*name) + "' begins with a digit label: digits belong to the prefix");
  }
  return *name;
}

void require_enum_digits(std::string_view digits, std::string_view field) {
  const bool only_digits = std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits.empty() || digits.size() > kMaxEnumDigits || !only_digits)
    invalid(std::string{field} + " '" + excerpt(digits) + "' is not 1 to " + std::to_string(kMaxEnumDigits) +
            " digits");
}

void require_enum_mapping(const EnumMapping& m) {
  const EnumService* service = find_enum_service(m.type);
  if (service == nullptr) bad_mapping("unknown ENUM mapping type '" + excerpt(m.type) + "'");
  require_length(m.mapto, kMaxEnumUriBytes, "mapto");
  const auto scheme = std::find_if(service->schemes.begin(), service->schemes.end(), [&](std::string_view s) {
    return !s.empty() && m.mapto.size() > s.size() && starts_with_ignoring_case(m.mapto, s);
  });
  if (scheme == service->schemes.end()) {
    std::string allowed{service->schemes[0]};
    if (!service->schemes[1].empty()) allowed += " or " + std::string{service->schemes[1]};
    bad_mapping("mapto '" + excerpt(m.mapto) + "' of a " + std::string{m.type} + " mapping must start with " +
                allowed);
  }
  // '!' delimits the NAPTR regexp (SCHEMA-MAPPING §4); there is no escape for it there.
  if (m.mapto.find('!') != std::string::npos) bad_mapping("mapto '" + excerpt(m.mapto) + "' contains '!'");
  // A URI is printable ASCII without spaces (RFC 3986 §2); anything else would have to be
  // escaped in the NAPTR's presentation form, which PowerDNS parses.
  if (!std::all_of(m.mapto.begin(), m.mapto.end(), [](char c) { return c > ' ' && c < 0x7f; }))
    invalid("mapto '" + excerpt(m.mapto) + "' is not a URI: spaces, control characters and non-ASCII are refused");
  if (m.priority < 0 || m.priority > kMaxEnumPriority)
    invalid("mapping priority must be 0 to " + std::to_string(kMaxEnumPriority));
  if (m.ttl < 0) invalid("mapping ttl must not be negative");
}

std::string_view country_code_of(std::string_view prefix) {
  // At most one code is a beginning of prefix (a prefix code), and it is at most 3 digits.
  for (std::size_t n = 1; n <= 3 && n <= prefix.size(); ++n) {
    const std::string_view head = prefix.substr(0, n);
    if (std::binary_search(std::begin(kCountryCodes), std::end(kCountryCodes), head)) return head;
  }
  return {};
}

bool extends_country_code(std::string_view prefix) {
  const std::string_view code = country_code_of(prefix);
  return !code.empty() && prefix.size() > code.size();
}

}  // namespace ngnpro::core
