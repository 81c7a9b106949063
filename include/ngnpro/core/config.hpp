// The server's configuration: one INI file, parsed once at start-up into plain structs.
// Every key is documented in config/ngnpro.ini.example, in step with config.cpp.
#pragma once

#include <chrono>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "ngnpro/core/ip_network.hpp"

namespace ngnpro::core {

// A start-up problem (bad file, unknown key, bad value): main prints it and exits non-zero.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ListenAddress {
  std::string host;        // "127.0.0.1", "::1", "0.0.0.0"
  unsigned short port = 0;
};

struct ServerConfig {
  ListenAddress listen{"127.0.0.1", 9200};  // plain HTTP
  ListenAddress tls_listen{};               // port 0: no TLS listener
  std::string tls_certificate;              // PEM file (chain); needed when tls_listen is set
  std::string tls_private_key;              // PEM file
  int io_threads = 2;                       // Asio threads: sockets, HTTP framing, TLS
  int workers = 8;                          // SOAP worker threads; each uses one DB connection
  std::string base_url;                     // soap:address in the served WSDLs; empty: http://<listen>/ngnpro
  std::string wsdl_dir;                     // ngnpro.wsdl, <port>.wsdl, soap-encoding.xsd; empty: ./wsdl
};

struct LimitsConfig {
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 4 * 1024 * 1024;
  std::chrono::milliseconds read_timeout{10'000};  // one whole request, first byte to last
  std::chrono::milliseconds idle_timeout{30'000};  // keep-alive wait for the next request
  std::size_t max_connections = 1024;              // beyond this, new connections are closed
  std::size_t max_connections_per_address = 64;    // per client IP; beyond this, closed at once
};

struct DbConfig {
  std::string dsn;     // libpq keyword string or URI
  int pool_size = 8;
  std::chrono::milliseconds statement_timeout{10'000};  // per statement; 0: none (not advised)
  std::chrono::milliseconds lock_timeout{3'000};        // per lock wait; 0: none (not advised)
  std::chrono::milliseconds lease_timeout{5'000};       // wait for a free pooled connection
};

struct AdminAccount {
  std::string username;
  std::string password;
};

struct AuthConfig {
  int max_failures = 10;                       // failed logins per (address, user name) ...
  std::chrono::seconds failure_window{60};     // ... within this window ...
  std::chrono::seconds lockout{60};            // ... answer 8000 for this long without checking
  int pbkdf2_iterations = 100'000;             // customer password hashing cost for new hashes
  int max_address_failures = 100;              // failed logins per client address (any user name)
                                               // within failure_window before it is locked out
  std::vector<IpNetwork> admin_addresses;      // CRM addresses (IP or CIDR) from which the admin
                                               // login is never locked out
};

struct SipConfig {
  bool store_clear_text_passwords = true;      // api §8.7: default yes
  long long autoincrement_minimum = 1000;      // smallest user name <autoincrement> hands out
};

struct DnsConfig {
  // NS set of a new DNS zone or ENUM range that names none. Default (no nameserver key): the
  // hosted platform's of api §8.14, ns1.dns-hosting.info and ns2.dns-hosting.info.
  std::vector<std::string> nameservers;
  // The web redirector's address: PowerDNS answers each URL fancy record's host with it (A for
  // an IPv4 address, AAAA for IPv6). Empty: URL records are stored but not published.
  std::string url_redirector;
};

struct VoicemailConfig {
  long long mailbox_start = 1000000;
};

struct ReloadConfig {
  std::vector<std::string> kamailio_domain;   // commands run after a 'kamailio domain' notify
  std::vector<std::string> kamailio_trusted;  // after 'kamailio trusted'
  std::vector<std::string> kamailio_address;  // after 'kamailio address'
  std::chrono::milliseconds debounce{200};
};

struct LogConfig {
  std::string level = "info";   // trace debug info warn error critical off
};

struct Config {
  ServerConfig server;
  LimitsConfig limits;
  DbConfig db;
  std::vector<AdminAccount> admins;
  AuthConfig auth;
  SipConfig sip;
  DnsConfig dns;
  VoicemailConfig voicemail;
  ReloadConfig reload;
  LogConfig log;
};

Config load_config(const std::string& path);          //!< throws ConfigError naming file:line and key
Config parse_config(const std::string& text, const std::string& origin);  //!< same, from memory
ListenAddress parse_listen_address(const std::string& text);  //!< "host:port", "[v6]:port"

}  // namespace ngnpro::core
