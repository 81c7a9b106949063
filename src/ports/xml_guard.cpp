#include "xml_guard.hpp"

#include <algorithm>
#include <cstdint>
#include <unordered_set>
#include <vector>

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
  const std::size_t semicolon = body.substr(i, 13).find(';');  // the longest we accept: &#x10FFFF;
  if (semicolon == std::string_view::npos) return "unterminated entity or character reference";
  const std::string_view ref = body.substr(i + 1, semicolon - 1);
  i += semicolon + 1;
  if (ref == "amp" || ref == "lt" || ref == "gt" || ref == "quot" || ref == "apos") return std::nullopt;
  if (ref.size() < 2 || ref[0] != '#') {
    // Named in the fault only when it is plain ASCII: the fault must stay well-formed XML.
    const bool plain = std::all_of(ref.begin(), ref.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
             c == '_' || c == ':';
    });
    return plain ? "undefined entity &" + std::string(ref) + ";" : std::string("malformed entity reference");
  }
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

// Checks the characters of body from i on, up to end or the first byte equal to one of the stops
// (ASCII, or -1 for none), and leaves i there. ASCII is checked byte by byte without decoding:
// it is nearly all of a SOAP body, and the guard reads every byte of a 4 MiB body before gSOAP does.
std::optional<std::string> scan_characters(std::string_view body, std::size_t& i, std::size_t end,
                                           int stop1 = -1, int stop2 = -1, int stop3 = -1) {
  while (i < end) {
    const auto byte = static_cast<unsigned char>(body[i]);
    if (byte == stop1 || byte == stop2 || byte == stop3) break;
    if (byte >= 0x20 && byte < 0x80) {
      ++i;
      continue;
    }
    if (byte < 0x80) {
      if (byte != 0x9 && byte != 0xA && byte != 0xD)
        return "character " + code_point_name(byte) + " is not allowed in XML";
      ++i;
      continue;
    }
    const std::size_t at = i;
    const auto c = decode_utf8(body, i);
    if (!c) return "invalid UTF-8 at byte " + std::to_string(at);
    if (!is_xml_char(*c)) return "character " + code_point_name(*c) + " is not allowed in XML";
  }
  return std::nullopt;
}

// Checks the characters of body[begin, end) without interpreting markup (CDATA, comments).
std::optional<std::string> check_characters(std::string_view body, std::size_t begin, std::size_t end) {
  return scan_characters(body, begin, end);
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Where a name ends. Names are read as gSOAP reads them (up to white space, '=', '/' or '>'), not by
// the XML Name production: gSOAP matches them against its tables, and a name no table knows is
// ignored or refused there.
bool ends_name(char c) {
  return is_space(c) || c == '=' || c == '>' || c == '/' || c == '<' || c == '"' || c == '\'' || c == '&';
}

bool is_namespace_declaration(std::string_view name) {
  return name == "xmlns" || name.substr(0, 6) == "xmlns:";
}

// At most 40 bytes of a name for a message, cut at a character boundary: the message is echoed
// in the fault, which must stay valid UTF-8.
std::string short_name(std::string_view name) {
  std::size_t n = std::min<std::size_t>(name.size(), 40);
  while (n < name.size() && n > 0 && (static_cast<unsigned char>(name[n]) & 0xC0) == 0x80) --n;
  return std::string(name.substr(0, n));
}

std::string limit_text(std::size_t limit, const char* what) {
  return "more than " + std::to_string(limit) + " " + what;
}

// One pass over a body. Text, references, CDATA and comments are checked as they come; each tag is
// parsed into its name and attributes, counted against the limits, and matched with its end tag.
class BodyScanner {
 public:
  explicit BodyScanner(std::string_view body) : body_(body) {}

  std::optional<std::string> run() {
    while (i_ < body_.size()) {
      const std::size_t text = i_;
      if (auto problem = scan_characters(body_, i_, body_.size(), '&', '<')) return problem;
      if (root_closed_ && body_.substr(text, i_ - text).find_first_not_of(" \t\r\n") != std::string_view::npos)
        return "content after the root element";
      if (i_ == body_.size()) break;
      std::optional<std::string> problem;
      const char next = i_ + 1 < body_.size() ? body_[i_ + 1] : '\0';
      if (body_[i_] == '&') problem = check_reference(body_, i_);
      else if (next == '!') problem = comment_or_cdata();
      else if (next == '?') problem = processing_instruction();
      else if (next == '/') problem = end_tag();
      else problem = start_tag();
      if (problem) return problem;
    }
    if (!open_.empty()) return "unterminated element <" + short_name(open_.back().name) + ">";
    return std::nullopt;
  }

 private:
  struct OpenElement {
    std::string_view name;
    std::size_t declarations;  // namespace declarations made on it
  };

  std::optional<std::string> comment_or_cdata() {
    // Inside CDATA and comments '&' is literal: check only that they hold XML characters.
    const bool cdata = body_.compare(i_, 9, "<![CDATA[") == 0;
    const bool comment = body_.compare(i_, 4, "<!--") == 0;
    if (!cdata && !comment) return "a DOCTYPE or DTD declaration is not allowed in a SOAP message";
    if (cdata && root_closed_) return "content after the root element";
    const std::size_t close = body_.find(cdata ? "]]>" : "-->", i_);
    if (close == std::string_view::npos) return cdata ? "unterminated CDATA section" : "unterminated comment";
    if (auto problem = check_characters(body_, i_, close)) return problem;
    i_ = close + 3;
    return std::nullopt;
  }

  std::optional<std::string> processing_instruction() {
    const std::size_t close = body_.find("?>", i_ + 2);
    if (close == std::string_view::npos) return "unterminated processing instruction";
    if (auto problem = check_characters(body_, i_, close)) return problem;
    i_ = close + 2;
    return std::nullopt;
  }

  // Reads the name at i_ into name; checks its characters and length.
  std::optional<std::string> read_name(std::string_view& name) {
    const std::size_t begin = i_;
    while (i_ < body_.size() && !ends_name(body_[i_])) ++i_;
    if (i_ == begin) return i_ == body_.size() ? "unterminated tag" : "malformed tag: a name is missing";
    if (i_ - begin > kMaxNameLength) return "a name is longer than " + std::to_string(kMaxNameLength) + " bytes";
    if (auto problem = check_characters(body_, begin, i_)) return problem;
    name = body_.substr(begin, i_ - begin);
    return std::nullopt;
  }

  void skip_space() {
    while (i_ < body_.size() && is_space(body_[i_])) ++i_;
  }

  // A quoted attribute value at i_: no '<', only references we accept, XML characters.
  std::optional<std::string> attribute_value() {
    if (i_ == body_.size()) return "unterminated tag";
    const char quote = body_[i_];
    if (quote != '"' && quote != '\'') return "an attribute value is not quoted";
    ++i_;
    for (;;) {
      if (auto problem = scan_characters(body_, i_, body_.size(), quote, '<', '&')) return problem;
      if (i_ == body_.size()) return "unterminated attribute value";
      if (body_[i_] == quote) break;
      if (body_[i_] == '<') return "'<' in an attribute value";
      if (auto problem = check_reference(body_, i_)) return problem;
    }
    ++i_;
    return std::nullopt;
  }

  std::optional<std::string> start_tag() {
    if (root_closed_) return "content after the root element";
    ++i_;
    std::string_view element;
    if (auto problem = read_name(element)) return problem;
    // At most kMaxAttributesPerElement names to compare each new one with: the duplicate check
    // stays bounded per attribute.
    std::string_view names[kMaxAttributesPerElement];
    std::size_t count = 0;
    std::size_t declarations = 0;
    bool empty = false;
    for (;;) {
      const std::size_t before = i_;
      skip_space();
      if (i_ == body_.size()) return "unterminated tag";
      if (body_[i_] == '>') {
        ++i_;
        break;
      }
      if (body_[i_] == '/') {
        if (body_.compare(i_, 2, "/>") != 0) return "malformed tag: '/' not followed by '>'";
        i_ += 2;
        empty = true;
        break;
      }
      if (i_ == before) return "malformed tag: attributes must be separated by white space";
      std::string_view name;
      if (auto problem = read_name(name)) return problem;
      skip_space();
      if (i_ == body_.size() || body_[i_] != '=') return "malformed tag: an attribute has no value";
      ++i_;
      skip_space();
      if (auto problem = attribute_value()) return problem;

      if (count == kMaxAttributesPerElement)
        return "an element has " + limit_text(kMaxAttributesPerElement, "attributes");
      for (std::size_t k = 0; k < count; ++k)
        if (names[k] == name) return "duplicate attribute " + std::string(name);
      names[count++] = name;
      if (is_namespace_declaration(name) && ++declarations > kMaxNamespaceDeclarationsPerElement)
        return "an element has " + limit_text(kMaxNamespaceDeclarationsPerElement, "namespace declarations");
      if ((name == "id" || name == "href") && ++references_ > kMaxMultiReferences)
        return "the message has " + limit_text(kMaxMultiReferences, "multi-reference attributes (id, href)");
      if (attribute_names_.insert(name).second && attribute_names_.size() > kMaxAttributeNames)
        return "the message has " + limit_text(kMaxAttributeNames, "distinct attribute names");
    }
    if (in_scope_ + declarations > kMaxNamespaceDeclarationsInScope)
      return "an element has " + limit_text(kMaxNamespaceDeclarationsInScope, "namespace declarations in scope");
    if (empty) {
      root_closed_ = open_.empty();
    } else {
      open_.push_back({element, declarations});
      in_scope_ += declarations;
    }
    return std::nullopt;
  }

  std::optional<std::string> end_tag() {
    i_ += 2;
    std::string_view name;
    if (auto problem = read_name(name)) return problem;
    skip_space();
    if (i_ == body_.size()) return "unterminated tag";
    if (body_[i_] != '>') return "malformed end tag";
    ++i_;
    if (open_.empty()) return root_closed_ ? "content after the root element" : "unbalanced end tag";
    if (open_.back().name != name)
      return "end tag </" + short_name(name) + "> does not match <" + short_name(open_.back().name) + ">";
    in_scope_ -= open_.back().declarations;
    open_.pop_back();
    root_closed_ = open_.empty();
    return std::nullopt;
  }

  std::string_view body_;
  std::size_t i_ = 0;
  std::vector<OpenElement> open_;
  std::size_t in_scope_ = 0;   // namespace declarations on the open elements
  std::size_t references_ = 0;
  std::unordered_set<std::string_view> attribute_names_;  // at most kMaxAttributeNames + 1
  bool root_closed_ = false;   // after the root element only white space, comments and PIs may follow
};

// The attributes of the start tag at xml[i] == '<' (not "</", "<?", "<!"): where SOAP-ENC:arrayType
// begins (its leading space), whether xsi:type is there, and the index after the tag.
struct StartTag {
  std::size_t array_type = std::string::npos;
  bool has_xsi_type = false;
  std::size_t end = 0;
};

StartTag scan_start_tag(const std::string& xml, std::size_t i) {
  StartTag tag;
  const std::size_t n = xml.size();
  ++i;
  while (i < n && !ends_name(xml[i])) ++i;  // the element name
  for (;;) {
    const std::size_t space = i;
    while (i < n && is_space(xml[i])) ++i;
    if (i >= n || xml[i] == '>' || xml[i] == '/') break;
    const std::size_t name_begin = i;
    while (i < n && xml[i] != '=' && xml[i] != '>') ++i;
    if (i >= n || xml[i] != '=') break;
    const std::string_view name(xml.data() + name_begin, i - name_begin);
    if (name == "SOAP-ENC:arrayType") tag.array_type = space;
    if (name == "xsi:type") tag.has_xsi_type = true;
    // gSOAP quotes values with '"' and writes '"' inside them as &quot;.
    const std::size_t open = xml.find('"', i);
    const std::size_t close = open == std::string::npos ? open : xml.find('"', open + 1);
    if (close == std::string::npos) return {std::string::npos, false, n};
    i = close + 1;
  }
  tag.end = std::min(xml.find('>', std::min(i, n)), n);
  return tag;
}

}  // namespace

std::optional<std::string> find_xml_violation(std::string_view body) { return BodyScanner(body).run(); }

void mark_soap_arrays(std::string& xml) {
  static constexpr std::string_view kArrayType = " xsi:type=\"SOAP-ENC:Array\"";
  std::string out;
  std::size_t copied = 0;  // xml[0, copied) is in out
  bool marked = false;
  for (std::size_t i = xml.find('<'); i != std::string::npos; i = xml.find('<', i + 1)) {
    if (i + 1 < xml.size() && (xml[i + 1] == '/' || xml[i + 1] == '?' || xml[i + 1] == '!')) continue;
    const StartTag tag = scan_start_tag(xml, i);
    if (tag.array_type != std::string::npos && !tag.has_xsi_type) {
      if (!marked) out.reserve(xml.size() + xml.size() / 8);
      marked = true;
      out.append(xml, copied, tag.array_type - copied);
      out += kArrayType;
      copied = tag.array_type;
    }
    i = tag.end;
    if (i >= xml.size()) break;
  }
  if (!marked) return;
  out.append(xml, copied, std::string::npos);
  xml = std::move(out);
}

}  // namespace ngnpro::ports
