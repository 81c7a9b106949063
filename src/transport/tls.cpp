#include "tls.hpp"

#include <stdexcept>

#include <openssl/ssl.h>

namespace ngnpro::transport {

namespace ssl = boost::asio::ssl;

namespace {

// TLS 1.2: Mozilla's "intermediate" list without its DHE suites. Every one has forward secrecy
// (ECDHE) and an AEAD cipher: no static-RSA key exchange, no CBC, no SHA-1 MAC. TLS 1.3 keeps
// OpenSSL's defaults (all AEAD, all forward-secret). Issue 9, defect 9.
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";
// Mozilla's curves for the ECDHE exchange.
constexpr const char* kGroups = "X25519:prime256v1:secp384r1";

}  // namespace

ssl::context make_server_tls_context(const std::string& certificate_chain_file,
                                     const std::string& private_key_file) {
  ssl::context context{ssl::context::tls_server};
  SSL_CTX* native = context.native_handle();
  // asio's tls_server allows TLS 1.0; set the floor ourselves rather than rely on the
  // system openssl.cnf (Debian's says 1.2, others do not).
  if (SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION) != 1) {
    throw std::runtime_error("TLS: cannot require TLS 1.2");
  }
  if (SSL_CTX_set_cipher_list(native, kTls12Ciphers) != 1) {
    throw std::runtime_error("TLS: cannot set the TLS 1.2 cipher suites");
  }
  if (SSL_CTX_set1_groups_list(native, kGroups) != 1) {
    throw std::runtime_error("TLS: cannot set the key exchange groups");
  }
  // No server cipher preference, as Mozilla's intermediate profile says: every suite offered
  // is strong, and the client knows best whether it has AES hardware (else ChaCha20 is faster).
  context.clear_options(SSL_OP_CIPHER_SERVER_PREFERENCE);
  context.set_options(ssl::context::default_workarounds | ssl::context::no_compression |
                      SSL_OP_NO_RENEGOTIATION);
  // Idle keep-alive TLS connections then hold no OpenSSL read/write buffers (ARCHITECTURE §5).
  SSL_CTX_set_mode(native, SSL_MODE_RELEASE_BUFFERS);
  try {
    context.use_certificate_chain_file(certificate_chain_file);
  } catch (const boost::system::system_error& e) {
    throw std::runtime_error("TLS certificate " + certificate_chain_file + ": " + e.what());
  }
  try {
    context.use_private_key_file(private_key_file, ssl::context::pem);
  } catch (const boost::system::system_error& e) {
    throw std::runtime_error("TLS private key " + private_key_file + ": " + e.what());
  }
  if (SSL_CTX_check_private_key(native) != 1) {
    throw std::runtime_error("TLS private key " + private_key_file + " does not match " +
                             certificate_chain_file);
  }
  return context;
}

}  // namespace ngnpro::transport
