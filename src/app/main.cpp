// ngnpro: read the config, build the layers bottom-up, serve until SIGTERM. Nothing else.
#include <csignal>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <spdlog/spdlog.h>

#include "ngnpro/core/config.hpp"
#include "ngnpro/core/log_text.hpp"
#include "ngnpro/ports/soap_endpoint.hpp"
#include "ngnpro/services/services.hpp"
#include "ngnpro/storage/database.hpp"
#include "ngnpro/storage/reloader.hpp"
#include "ngnpro/transport/http_server.hpp"

namespace {

using namespace ngnpro;

constexpr const char* kUsage =
    "usage: ngnpro [--config FILE]\n"
    "  --config FILE   configuration (default /etc/ngnpro/config.ini; see config/ngnpro.ini.example)\n";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw core::ConfigError("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The WSDLs are generated with http://localhost:9200/ngnpro as their address; clients must see
// the address they can reach.
std::string with_base_url(std::string wsdl, const std::string& base_url) {
  static const std::string kPlaceholder = "http://localhost:9200/ngnpro";
  for (std::size_t at; (at = wsdl.find(kPlaceholder)) != std::string::npos;) wsdl.replace(at, kPlaceholder.size(), base_url);
  return wsdl;
}

transport::Documents load_documents(const core::ServerConfig& server) {
  std::string base = server.base_url;
  if (base.empty()) {
    const bool v6 = server.listen.host.find(':') != std::string::npos;
    base = "http://" + (v6 ? "[" + server.listen.host + "]" : server.listen.host) + ":" +
           std::to_string(server.listen.port) + "/ngnpro";
  }
  while (!base.empty() && base.back() == '/') base.pop_back();
  const std::string dir = server.wsdl_dir.empty() ? "wsdl" : server.wsdl_dir;
  transport::Documents documents;
  documents.wsdl = with_base_url(read_file(dir + "/ngnpro.wsdl"), base);
  for (const char* port : {"customer", "sip", "dns", "enum", "voicemail"})
    documents.port_wsdls[port] = with_base_url(read_file(dir + "/" + port + ".wsdl"), base);
  documents.soap_encoding_xsd = read_file(dir + "/soap-encoding.xsd");
  return documents;
}

int run(const core::Config& config) {
  storage::Database db{config.db};
  services::Services services{db, config};
  ports::SoapEndpoint endpoint{services};
  // Runs the configured consumer reload commands after the triggers' NOTIFY (no-op without any).
  storage::Reloader reloader{config.reload, config.db.dsn};
  reloader.start();

  transport::SoapHandler soap = [&endpoint](const transport::HttpRequest& request) {
    ports::SoapResult result = endpoint.handle(request.body, request.peer);
    transport::HttpResponse response;
    response.status = result.fault ? 500 : 200;  // SOAP 1.1: a fault travels with HTTP 500
    response.body = std::move(result.body);
    response.access = {std::move(result.operation), std::move(result.caller), result.impersonated,
                       result.fault_code};
    return response;
  };
  transport::HttpServer server{config.server, config.limits, load_documents(config.server), soap,
                               [&db] { return db.healthy(); }};

  boost::asio::io_context signals_io;
  boost::asio::signal_set signals{signals_io, SIGTERM, SIGINT};
  signals.async_wait([&server](const boost::system::error_code& ec, int sig) {
    if (ec) return;
    spdlog::info("signal {}: finishing requests in flight, then stopping", sig);
    server.stop();
  });
  std::thread signal_thread([&signals_io] { signals_io.run(); });

  spdlog::info("ngnpro listening on {}:{}{}", config.server.listen.host, server.http_port(),
               config.server.tls_listen.port ? " and TLS on " + config.server.tls_listen.host + ":" +
                                                   std::to_string(server.https_port())
                                             : std::string{});
  server.run();
  reloader.stop();
  signals_io.stop();
  signal_thread.join();
  spdlog::info("stopped");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string config_path = "/etc/ngnpro/config.ini";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--config" && i + 1 < argc) {
      config_path = argv[++i];
    } else if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else {
      std::fputs(kUsage, stderr);
      return 2;
    }
  }
  // A client closing mid-response must not kill the server (SSL_write raises SIGPIPE).
  std::signal(SIGPIPE, SIG_IGN);
  try {
    const core::Config config = core::load_config(config_path);
    // UTC, so that the +00:00 the pattern prints is true on a host in any time zone.
    spdlog::set_pattern(core::kLogPattern, spdlog::pattern_time_type::utc);
    spdlog::set_level(spdlog::level::from_str(config.log.level));
    return run(config);
  } catch (const core::ConfigError& e) {
    std::fprintf(stderr, "ngnpro: %s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ngnpro: %s\n", e.what());
    return 1;
  }
}
