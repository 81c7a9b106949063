// SIP digests (api §8.7) and customer login password hashes (ARCHITECTURE §4).
#pragma once

#include <string>
#include <string_view>

namespace ngnpro::core {

std::string md5_hex(std::string_view data);  // lower-case hex
// ha1 = MD5(username:domain:password), ha1b = MD5(username@domain:domain:password); username
// and domain are used as given (callers lower-case them first).
std::string sip_ha1(std::string_view username, std::string_view domain, std::string_view password);
std::string sip_ha1b(std::string_view username, std::string_view domain, std::string_view password);
// "^[0-9a-fA-F]{32}:[0-9a-fA-F]{32}$": the "digest1:digest2" input form.
bool is_digest_pair(std::string_view password);

// Salted PBKDF2-HMAC-SHA256, encoded "pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>".
std::string hash_login_password(std::string_view password, int iterations);
// Constant-time comparison against a stored encoding; false for a malformed encoding.
bool verify_login_password(std::string_view password, std::string_view encoded);
// Constant-time string equality (admin credentials). The time taken depends only on a.size():
// pass the client-supplied value as a, the secret as b.
bool constant_time_equal(std::string_view a, std::string_view b);
// SHA-256 of the input, lower-case hex (keys of the verified-credential cache).
std::string sha256_hex(std::string_view data);
// Random bytes from OpenSSL, as lower-case hex (2 * bytes characters).
std::string random_hex(std::size_t bytes);

}  // namespace ngnpro::core
