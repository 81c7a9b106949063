#include "ngnpro/core/digest.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <charconv>
#include <climits>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

namespace ngnpro::core {
namespace {

constexpr std::string_view kPbkdf2Scheme = "pbkdf2-sha256";
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;
// Bounds on what verify accepts from a stored encoding; a derived key shorter than 16 bytes
// would be too weak to trust, and 64 bytes lets RFC 7914's test vector through.
constexpr std::size_t kMinStoredHashBytes = 16;
constexpr std::size_t kMaxStoredHashBytes = 64;
constexpr std::size_t kMaxStoredSaltBytes = 1024;

std::string to_hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(size * 2, '\0');
  for (std::size_t i = 0; i < size; ++i) {
    out[2 * i] = kDigits[bytes[i] >> 4];
    out[2 * i + 1] = kDigits[bytes[i] & 0x0f];
  }
  return out;
}

std::string digest_hex(const EVP_MD* md, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  // Fails only when the provider lacks the algorithm (e.g. MD5 under a FIPS-only config).
  if (md == nullptr || EVP_Digest(data.data(), data.size(), out, &size, md, nullptr) != 1) {
    throw std::runtime_error("OpenSSL digest failed");
  }
  return to_hex(out, size);
}

void random_bytes(unsigned char* out, std::size_t size) {
  while (size > 0) {
    const int chunk = static_cast<int>(std::min<std::size_t>(size, INT_MAX));
    if (RAND_bytes(out, chunk) != 1) throw std::runtime_error("OpenSSL RAND_bytes failed");
    out += chunk;
    size -= static_cast<std::size_t>(chunk);
  }
}

bool is_hex_digit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

std::string base64_encode(const unsigned char* bytes, std::size_t size) {
  std::string out(4 * ((size + 2) / 3) + 1, '\0');  // EVP_EncodeBlock adds a NUL
  const int written =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes, static_cast<int>(size));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

bool is_base64_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

// Strict: EVP_DecodeBlock alone skips white space and counts padding as zero bytes.
std::optional<std::vector<unsigned char>> base64_decode(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  std::size_t padding = 0;
  while (padding < 2 && text[text.size() - 1 - padding] == '=') ++padding;
  for (std::size_t i = 0; i < text.size() - padding; ++i) {
    if (!is_base64_char(text[i])) return std::nullopt;
  }
  std::vector<unsigned char> out(text.size() / 4 * 3);
  const int decoded =
      EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()),
                      static_cast<int>(text.size()));
  if (decoded < 0 || static_cast<std::size_t>(decoded) < padding) return std::nullopt;
  out.resize(static_cast<std::size_t>(decoded) - padding);
  return out;
}

bool pbkdf2_sha256(std::string_view password, const unsigned char* salt, std::size_t salt_size,
                   int iterations, unsigned char* out, std::size_t out_size) {
  if (password.size() > INT_MAX || salt_size > INT_MAX || out_size > INT_MAX) return false;
  return PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt,
                           static_cast<int>(salt_size), iterations, EVP_sha256(),
                           static_cast<int>(out_size), out) == 1;
}

std::optional<int> parse_iterations(std::string_view text) {
  if (text.empty()) return std::nullopt;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  int value = 0;
  const char* const end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc{} || ptr != end || value < 1) return std::nullopt;
  return value;
}

}  // namespace

std::string md5_hex(std::string_view data) { return digest_hex(EVP_md5(), data); }

std::string sip_ha1(std::string_view username, std::string_view domain, std::string_view password) {
  std::string input;
  input.reserve(username.size() + domain.size() + password.size() + 2);
  input.append(username).append(":").append(domain).append(":").append(password);
  return md5_hex(input);
}

std::string sip_ha1b(std::string_view username, std::string_view domain,
                     std::string_view password) {
  std::string input;
  input.reserve(username.size() + 2 * domain.size() + password.size() + 3);
  input.append(username).append("@").append(domain).append(":").append(domain).append(":");
  input.append(password);
  return md5_hex(input);
}

bool is_digest_pair(std::string_view password) {
  if (password.size() != 65 || password[32] != ':') return false;
  for (std::size_t i = 0; i < password.size(); ++i) {
    if (i != 32 && !is_hex_digit(password[i])) return false;
  }
  return true;
}

std::string hash_login_password(std::string_view password, int iterations) {
  if (iterations < 1) throw std::invalid_argument("PBKDF2 iteration count must be at least 1");
  unsigned char salt[kSaltBytes];
  random_bytes(salt, sizeof salt);
  unsigned char hash[kHashBytes];
  if (!pbkdf2_sha256(password, salt, sizeof salt, iterations, hash, sizeof hash)) {
    throw std::runtime_error("OpenSSL PBKDF2 failed");
  }
  std::string out{kPbkdf2Scheme};
  out.append("$").append(std::to_string(iterations));
  out.append("$").append(base64_encode(salt, sizeof salt));
  out.append("$").append(base64_encode(hash, sizeof hash));
  OPENSSL_cleanse(hash, sizeof hash);
  return out;
}

bool verify_login_password(std::string_view password, std::string_view encoded) {
  std::string_view fields[4];  // scheme, iterations, salt, hash; a stray '$' fails base64
  for (std::size_t i = 0; i < 3; ++i) {
    const std::size_t dollar = encoded.find('$');
    if (dollar == std::string_view::npos) return false;
    fields[i] = encoded.substr(0, dollar);
    encoded.remove_prefix(dollar + 1);
  }
  fields[3] = encoded;
  if (fields[0] != kPbkdf2Scheme) return false;
  const auto iterations = parse_iterations(fields[1]);
  const auto salt = base64_decode(fields[2]);
  const auto stored = base64_decode(fields[3]);
  if (!iterations || !salt || !stored || salt->empty() || salt->size() > kMaxStoredSaltBytes ||
      stored->size() < kMinStoredHashBytes || stored->size() > kMaxStoredHashBytes) {
    return false;
  }
  std::vector<unsigned char> derived(stored->size());
  if (!pbkdf2_sha256(password, salt->data(), salt->size(), *iterations, derived.data(),
                     derived.size())) {
    return false;
  }
  const bool equal = CRYPTO_memcmp(derived.data(), stored->data(), derived.size()) == 0;
  OPENSSL_cleanse(derived.data(), derived.size());
  return equal;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  // On a length mismatch compare a with itself: the same work as a real comparison, so the
  // time depends on a.size() alone and never on where the contents first differ.
  const bool same_size = a.size() == b.size();
  const char* const other = same_size ? b.data() : a.data();
  const int diff = CRYPTO_memcmp(a.data(), other, a.size());
  return same_size && diff == 0;
}

std::string sha256_hex(std::string_view data) { return digest_hex(EVP_sha256(), data); }

std::string random_hex(std::size_t bytes) {
  std::vector<unsigned char> buffer(bytes);
  random_bytes(buffer.data(), buffer.size());
  return to_hex(buffer.data(), buffer.size());
}

}  // namespace ngnpro::core
