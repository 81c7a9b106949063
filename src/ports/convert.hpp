// Field-level conversions between gSOAP structs and core structs, shared by every port adapter.
// They map and reject missing required values; the rules stay in services.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ngnpro/core/error.hpp"
#include "ngnpro/core/query.hpp"
#include "soapH.h"

namespace ngnpro::ports {

template <class T>
std::optional<T> optional_of(const T* value) {
  return value ? std::optional<T>(*value) : std::nullopt;
}

// Identifiers are trimmed (api §2.6.9); other text is kept as sent.
std::string trim(const std::string& text);
std::string lower(std::string text);

std::int64_t required_id(const LONG64* id, const char* what);
// A nil or absent string is "" (api §2.5: clients send nil back as "").
inline std::string text_or_empty(const std::string* value) { return value ? *value : std::string{}; }

// An identifier filter or key as stored: trimmed and lower-cased (api §6); nil is "".
inline std::string identifier(const std::string* value) { return lower(trim(text_or_empty(value))); }
// A filter's id: nil and 0 both mean "no condition" (api §3).
inline std::int64_t id_or_zero(const LONG64* value) { return value ? *value : 0; }

template <class T>
T* new_value(struct soap* ctx, T value) {
  T* p = static_cast<T*>(soap_malloc(ctx, sizeof(T)));
  *p = value;
  return p;
}
std::string* new_string(struct soap* ctx, const std::string& value);

core::OrderBy to_order_by(const ngnpro__OrderBy* order_by);
core::Range to_range(const ngnpro__Range* range);

// Fills a SOAP-ENC array class (__ptr/__size) from rows; __ptr is never NULL, so an empty list
// still carries its arrayType (api §2.5).
template <class Array, class Item, class Row, class Fill>
Array* new_array(struct soap* ctx, const std::vector<Row>& rows, Array* (*make_array)(struct soap*, int),
                 Item* (*make_items)(struct soap*, int), Fill fill) {
  Array* out = make_array(ctx, -1);
  out->__size = static_cast<int>(rows.size());
  out->__ptr = make_items(ctx, out->__size);
  for (int i = 0; i < out->__size; ++i) fill(out->__ptr[i], rows[static_cast<std::size_t>(i)]);
  return out;
}

// A set of names (groups, nameservers, …): empty strings are dropped (api §2.6.7).
std::vector<std::string> to_name_set(const StringArray* names);
StringArray* new_string_array(struct soap* ctx, const std::vector<std::string>& values);

}  // namespace ngnpro::ports
