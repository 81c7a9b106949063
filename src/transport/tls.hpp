// The server's TLS context: TLS 1.2 minimum with ECDHE+AEAD suites only (Mozilla's
// "intermediate" without DHE), certificate chain and key from PEM files.
#pragma once

#include <string>

#include <boost/asio/ssl/context.hpp>

namespace ngnpro::transport {

// Throws std::runtime_error naming the file when the certificate or key cannot be used.
boost::asio::ssl::context make_server_tls_context(const std::string& certificate_chain_file,
                                                  const std::string& private_key_file);

}  // namespace ngnpro::transport
