#include "convert.hpp"

#include <algorithm>
#include <cctype>

namespace ngnpro::ports {

std::string trim(const std::string& text) {
  const auto is_space = [](unsigned char c) { return std::isspace(c) != 0; };
  auto begin = std::find_if_not(text.begin(), text.end(), is_space);
  auto end = std::find_if_not(text.rbegin(), std::string::const_reverse_iterator(begin), is_space).base();
  return std::string(begin, end);
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::int64_t required_id(const LONG64* id, const char* what) {
  if (id == nullptr) throw core::Error{core::ErrorCode::kInvalidArgument, std::string(what) + " is required"};
  return *id;
}

std::string required_text(const std::string* value, const char* what) {
  if (value == nullptr || trim(*value).empty())
    throw core::Error{core::ErrorCode::kInvalidArgument, std::string(what) + " is required"};
  return lower(trim(*value));
}

std::string* new_string(struct soap* ctx, const std::string& value) {
  std::string* p = soap_new_std__string(ctx);
  *p = value;
  return p;
}

core::OrderBy to_order_by(const ngnpro__OrderBy* order_by) {
  core::OrderBy out;
  if (order_by == nullptr) return out;
  if (order_by->attribute) out.attribute = trim(*order_by->attribute);
  out.descending = order_by->direction && lower(trim(*order_by->direction)) == "desc";
  return out;
}

core::Range to_range(const ngnpro__Range* range) {
  core::Range out;
  if (range == nullptr) return out;
  out.start = std::max(0, range->start ? *range->start : 0);
  out.count = range->count ? *range->count : 0;
  return out;
}

std::vector<std::string> to_name_set(const StringArray* names) {
  std::vector<std::string> out;
  if (names == nullptr) return out;
  for (int i = 0; i < names->__size; ++i) {
    std::string name = trim(names->__ptr[i]);
    if (!name.empty() && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
  }
  return out;
}

StringArray* new_string_array(struct soap* ctx, const std::vector<std::string>& values) {
  StringArray* out = soap_new_StringArray(ctx);
  out->__size = static_cast<int>(values.size());
  // Never NULL, even when empty: gSOAP then omits SOAP-ENC:arrayType and PEAR reads "" (api §2.5).
  out->__ptr = soap_new_std__string(ctx, out->__size);
  for (int i = 0; i < out->__size; ++i) out->__ptr[i] = values[static_cast<std::size_t>(i)];
  return out;
}

}  // namespace ngnpro::ports
