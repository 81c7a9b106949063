// SIP digests (api §8.7) and customer login password hashes, against known answers.
#include "ngnpro/core/digest.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace ngnpro::core;

namespace {

std::vector<unsigned char> from_hex(const std::string& hex) {
  std::vector<unsigned char> out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<unsigned char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

std::string to_base64(const std::vector<unsigned char>& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes.data(),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::vector<unsigned char> from_base64(const std::string& text) {
  std::vector<unsigned char> out(text.size() / 4 * 3);
  const int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()),
                                static_cast<int>(text.size()));
  REQUIRE(n >= 0);
  out.resize(static_cast<std::size_t>(n) -
             static_cast<std::size_t>(std::count(text.begin(), text.end(), '=')));
  return out;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> out(1);
  for (const char c : text) {
    if (c == separator) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

bool is_lower_hex(const std::string& text) {
  return text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

TEST_CASE("md5_hex gives lower-case hex of the MD5 digest", "[unit][core][digest]") {
  CHECK(md5_hex("") == "d41d8cd98f00b204e9800998ecf8427e");  // RFC 1321 A.5
  CHECK(md5_hex("abc") == "900150983cd24fb0d6963f7d28e17f72");
  CHECK(md5_hex(std::string("a\0b", 3)) != md5_hex("a"));  // the whole view, NUL included
}

TEST_CASE("sip_ha1 matches RFC 2617's Mufasa example", "[unit][core][digest]") {
  CHECK(sip_ha1("Mufasa", "testrealm@host.com", "Circle Of Life") ==
        "939e7578ed9e3c518a452acee763bce9");
}

TEST_CASE("sip_ha1b hashes username@domain:domain:password", "[unit][core][digest]") {
  // printf '%s' 'alice@example.com:example.com:alice-secret' | md5sum
  CHECK(sip_ha1b("alice", "example.com", "alice-secret") == "6c4ca6d04403c91667527ea30efda86d");
  // printf '%s' 'alice:example.com:alice-secret' | md5sum
  CHECK(sip_ha1("alice", "example.com", "alice-secret") == "ae7914636bb60b37a9441871cf572389");
}

TEST_CASE("sip digests use username and domain exactly as given", "[unit][core][digest]") {
  // Lower-casing is the caller's job (api §8.7); a digest of other input must differ.
  CHECK(sip_ha1("Alice", "example.com", "alice-secret") !=
        sip_ha1("alice", "example.com", "alice-secret"));
}

TEST_CASE("is_digest_pair recognises 'ha1:ha1b' and nothing else", "[unit][core][digest]") {
  const std::string ha1 = "939e7578ed9e3c518a452acee763bce9";
  const std::string upper = "939E7578ED9E3C518A452ACEE763BCE9";
  CHECK(is_digest_pair(ha1 + ":" + ha1));
  CHECK(is_digest_pair(upper + ":" + ha1));
  CHECK_FALSE(is_digest_pair(ha1));
  CHECK_FALSE(is_digest_pair(ha1 + ":"));
  CHECK_FALSE(is_digest_pair(ha1 + ":" + ha1 + "0"));
  CHECK_FALSE(is_digest_pair(ha1.substr(1) + ":" + ha1 + "0"));  // 31:33, same total length
  CHECK_FALSE(is_digest_pair(ha1 + ";" + ha1));
  CHECK_FALSE(is_digest_pair(" " + ha1 + ":" + ha1));
  CHECK_FALSE(is_digest_pair("g39e7578ed9e3c518a452acee763bce9:" + ha1));
  CHECK_FALSE(is_digest_pair(""));
  CHECK_FALSE(is_digest_pair("secret"));
}

TEST_CASE("sha256_hex gives lower-case hex of the SHA-256 digest", "[unit][core][digest]") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("random_hex gives 2 lower-case hex characters per byte, different each time",
          "[unit][core][digest]") {
  CHECK(random_hex(0).empty());
  const std::string a = random_hex(16);
  const std::string b = random_hex(16);
  CHECK(a.size() == 32);
  CHECK(is_lower_hex(a));
  CHECK(a != b);  // 2^-128 chance of a false failure
  CHECK(random_hex(1).size() == 2);
}

TEST_CASE("constant_time_equal compares content and length", "[unit][core][digest]") {
  CHECK(constant_time_equal("", ""));
  CHECK(constant_time_equal("secret", "secret"));
  CHECK_FALSE(constant_time_equal("secret", "secreT"));
  CHECK_FALSE(constant_time_equal("secret", "secret "));
  CHECK_FALSE(constant_time_equal("secret", "secre"));
  CHECK_FALSE(constant_time_equal("secret", ""));
  CHECK_FALSE(constant_time_equal("", "secret"));
  // A longer b that starts with a: the length alone must decide.
  CHECK_FALSE(constant_time_equal("abc", "abcdef"));
  CHECK(constant_time_equal(std::string("a\0b", 3), std::string("a\0b", 3)));
  CHECK_FALSE(constant_time_equal(std::string("a\0b", 3), std::string("a\0c", 3)));
}

TEST_CASE("PBKDF2-HMAC-SHA256 matches RFC 7914 section 11", "[unit][core][digest]") {
  // The stored encoding carries its own salt and iteration count, so an encoding built by hand
  // from the RFC's inputs and output must verify with the RFC's password.
  const std::string passwd_salt_c1 =
      "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
      "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783";
  const std::string encoded = "pbkdf2-sha256$1$" + to_base64({'s', 'a', 'l', 't'}) + "$" +
                              to_base64(from_hex(passwd_salt_c1));
  CHECK(verify_login_password("passwd", encoded));
  CHECK_FALSE(verify_login_password("passwe", encoded));

  const std::string password_nacl_c80000 =
      "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
      "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d";
  const std::string slow = "pbkdf2-sha256$80000$" + to_base64({'N', 'a', 'C', 'l'}) + "$" +
                           to_base64(from_hex(password_nacl_c80000));
  CHECK(verify_login_password("Password", slow));
  // The same key claimed for another iteration count must not verify.
  CHECK_FALSE(verify_login_password("Password", "pbkdf2-sha256$79999$" +
                                                    to_base64({'N', 'a', 'C', 'l'}) + "$" +
                                                    to_base64(from_hex(password_nacl_c80000))));
}

TEST_CASE("hash_login_password writes pbkdf2-sha256$iterations$salt$hash", "[unit][core][digest]") {
  const std::string encoded = hash_login_password("hunter2", 1000);
  const auto fields = split(encoded, '$');
  REQUIRE(fields.size() == 4);
  CHECK(fields[0] == "pbkdf2-sha256");
  CHECK(fields[1] == "1000");
  CHECK(fields[2].size() == 24);  // 16 bytes, standard base64 with padding
  CHECK(fields[3].size() == 44);  // 32 bytes
  CHECK(encoded.find('\n') == std::string::npos);

  // Recompute independently from the stored salt.
  const auto salt = from_base64(fields[2]);
  REQUIRE(salt.size() == 16);
  std::vector<unsigned char> expected(32);
  REQUIRE(PKCS5_PBKDF2_HMAC("hunter2", 7, salt.data(), static_cast<int>(salt.size()), 1000,
                            EVP_sha256(), static_cast<int>(expected.size()), expected.data()) == 1);
  CHECK(from_base64(fields[3]) == expected);
}

TEST_CASE("hash_login_password salts every hash differently", "[unit][core][digest]") {
  const std::string a = hash_login_password("same", 1000);
  const std::string b = hash_login_password("same", 1000);
  CHECK(a != b);
  CHECK(split(a, '$')[2] != split(b, '$')[2]);
}

TEST_CASE("a hashed login password verifies, a wrong one does not", "[unit][core][digest]") {
  const std::string encoded = hash_login_password("correct horse", 2000);
  CHECK(verify_login_password("correct horse", encoded));
  CHECK_FALSE(verify_login_password("correct horsE", encoded));
  CHECK_FALSE(verify_login_password("correct horse ", encoded));
  CHECK_FALSE(verify_login_password("", encoded));

  const std::string empty = hash_login_password("", 1);
  CHECK(verify_login_password("", empty));
  CHECK_FALSE(verify_login_password("x", empty));
}

TEST_CASE("hash_login_password refuses a non-positive iteration count", "[unit][core][digest]") {
  CHECK_THROWS_AS(hash_login_password("x", 0), std::invalid_argument);
  CHECK_THROWS_AS(hash_login_password("x", -5), std::invalid_argument);
}

TEST_CASE("a malformed stored encoding never verifies and never throws", "[unit][core][digest]") {
  const std::string good = hash_login_password("pw", 1000);
  REQUIRE(verify_login_password("pw", good));
  const auto f = split(good, '$');
  const std::string salt = f[2];
  const std::string hash = f[3];

  const std::vector<std::string> malformed = {
      "",
      "pw",
      "$$$",
      "pbkdf2-sha256",
      "pbkdf2-sha256$1000$" + salt,
      "pbkdf2-sha256$1000$" + salt + "$" + hash + "$",
      "pbkdf2-sha256$1000$" + salt + "$" + hash + "$extra",
      "pbkdf2-sha1$1000$" + salt + "$" + hash,
      "PBKDF2-SHA256$1000$" + salt + "$" + hash,
      "pbkdf2-sha256$$" + salt + "$" + hash,
      "pbkdf2-sha256$0$" + salt + "$" + hash,
      "pbkdf2-sha256$-1000$" + salt + "$" + hash,
      "pbkdf2-sha256$+1000$" + salt + "$" + hash,
      "pbkdf2-sha256$1e3$" + salt + "$" + hash,
      "pbkdf2-sha256$ 1000$" + salt + "$" + hash,
      "pbkdf2-sha256$99999999999999999999$" + salt + "$" + hash,
      "pbkdf2-sha256$1000$$" + hash,
      "pbkdf2-sha256$1000$" + salt + "$",
      "pbkdf2-sha256$1000$" + salt.substr(1) + "$" + hash,      // length not a multiple of 4
      "pbkdf2-sha256$1000$" + salt + "$" + hash.substr(0, 20),  // decodes to 15 bytes: too weak
      "pbkdf2-sha256$1000$" + salt + "$ " + hash.substr(1),     // white space inside base64
      "pbkdf2-sha256$1000$" + salt + "$" + hash + "\n",
      "pbkdf2-sha256$1000$" + salt + "$" + hash.substr(0, 40) + "!!!=",
      "pbkdf2-sha256$1000$" + salt + "$" + hash.substr(0, 40) + "====",
      "pbkdf2-sha256$1000$" + std::string(24, '=') + "$" + hash,
      "pbkdf2-sha256$1000$" + salt + "$" + hash + std::string(1, '\0'),
  };
  for (const auto& encoded : malformed) {
    INFO("encoded = " << encoded);
    bool verified = true;
    CHECK_NOTHROW(verified = verify_login_password("pw", encoded));
    CHECK_FALSE(verified);
  }
}
