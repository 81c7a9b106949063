#include "tls.hpp"

#include <stdexcept>

#include <openssl/ssl.h>

namespace ngnpro::transport {

namespace ssl = boost::asio::ssl;

ssl::context make_server_tls_context(const std::string& certificate_chain_file,
                                     const std::string& private_key_file) {
  ssl::context context{ssl::context::tls_server};
  // asio's tls_server allows TLS 1.0; set the floor ourselves rather than rely on the
  // system openssl.cnf (Debian's says 1.2, others do not).
  if (SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_2_VERSION) != 1) {
    throw std::runtime_error("TLS: cannot require TLS 1.2");
  }
  context.set_options(ssl::context::default_workarounds | ssl::context::no_compression |
                      ssl::context::single_dh_use | SSL_OP_NO_RENEGOTIATION |
                      SSL_OP_CIPHER_SERVER_PREFERENCE);
  // Idle keep-alive TLS connections then hold no OpenSSL read/write buffers (ARCHITECTURE §5).
  SSL_CTX_set_mode(context.native_handle(), SSL_MODE_RELEASE_BUFFERS);
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
  if (SSL_CTX_check_private_key(context.native_handle()) != 1) {
    throw std::runtime_error("TLS private key " + private_key_file + " does not match " +
                             certificate_chain_file);
  }
  return context;
}

}  // namespace ngnpro::transport
