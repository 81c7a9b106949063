#include "pg_arrays.hpp"

#include <stdexcept>

namespace ngnpro::storage {

namespace {

[[noreturn]] void malformed(std::string_view why) {
  throw std::runtime_error{"malformed array literal: " + std::string{why}};
}

// array_out quotes an element when it is empty, is NULL in any case, or holds one of {},"\ or
// white space; inside quotes only " and \ are escaped, with a backslash.
class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  std::vector<std::vector<std::string>> rows(int dimensions) {
    skip_dimension_decoration();
    std::vector<std::vector<std::string>> out;
    bool expect_item = true;  // after '{' or ',': an element or a sub-array must follow
    expect('{');
    int depth = 1;
    if (dimensions == 1) out.emplace_back();
    if (peek() == '}') {  // '{}': no rows at all
      ++pos_;
      at_end(0);
      return {};
    }
    while (depth > 0) {
      const char c = peek();
      if (c == '{') {
        if (!expect_item || depth >= dimensions) malformed("too many dimensions");
        ++pos_;
        ++depth;
        if (depth == dimensions) out.emplace_back();
        expect_item = true;
      } else if (c == '}') {
        if (expect_item) malformed("empty element");
        ++pos_;
        --depth;
        expect_item = false;
      } else if (c == ',') {
        if (expect_item) malformed("empty element");
        ++pos_;
        expect_item = true;
      } else {
        if (!expect_item || depth != dimensions) malformed("element outside the innermost dimension");
        out.back().push_back(element());
        expect_item = false;
      }
    }
    at_end(0);
    return out;
  }

 private:
  char peek() const {
    if (pos_ >= text_.size()) malformed("unexpected end");
    return text_[pos_];
  }

  void expect(char c) {
    if (peek() != c) malformed(std::string{"expected '"} + c + "'");
    ++pos_;
  }

  void at_end(int depth) const {
    if (depth != 0 || pos_ != text_.size()) malformed("characters after the array");
  }

  // Arrays whose lower bound is not 1 start with "[2:3]=".
  void skip_dimension_decoration() {
    if (!text_.empty() && text_[0] == '[') {
      const std::size_t equals = text_.find('=');
      if (equals == std::string_view::npos) malformed("bad dimension decoration");
      pos_ = equals + 1;
    }
  }

  // One element; NULL reads as "".
  std::string element() {
    std::string value;
    if (peek() == '"') {
      ++pos_;
      for (;;) {
        char c = peek();
        ++pos_;
        if (c == '"') break;
        if (c == '\\') {
          c = peek();
          ++pos_;
        }
        value += c;
      }
      return value;
    }
    const std::size_t start = pos_;
    while (peek() != ',' && peek() != '}') {
      if (peek() == '{' || peek() == '"') malformed("unexpected character in an unquoted element");
      ++pos_;
    }
    value.assign(text_.substr(start, pos_ - start));
    if (value.size() == 4 && (value[0] | 0x20) == 'n' && (value[1] | 0x20) == 'u' && (value[2] | 0x20) == 'l' &&
        (value[3] | 0x20) == 'l')
      value.clear();
    return value;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

std::vector<std::vector<std::string>> parse_text_array(std::string_view literal, int dimensions) {
  if (dimensions < 1 || dimensions > 2) throw std::invalid_argument{"only 1 or 2 dimensions are read"};
  return Reader{literal}.rows(dimensions);
}

std::vector<std::string> text_array(const pqxx::field& field) {
  if (field.is_null()) return {};
  auto rows = parse_text_array(std::string_view{field.c_str(), field.size()}, 1);
  return rows.empty() ? std::vector<std::string>{} : std::move(rows.front());
}

std::vector<std::vector<std::string>> text_array_rows(const pqxx::field& field) {
  if (field.is_null()) return {};
  return parse_text_array(std::string_view{field.c_str(), field.size()}, 2);
}

}  // namespace ngnpro::storage
