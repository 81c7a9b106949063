// Networks for the trusted-peer rules and the admin addresses: parsing, containment, overlap.
#include "ngnpro/core/ip_network.hpp"

#include <catch2/catch.hpp>

using ngnpro::core::IpNetwork;
using ngnpro::core::parse_ip_network;

namespace {
IpNetwork net(const char* text) {
  const auto n = parse_ip_network(text);
  REQUIRE(n);
  return *n;
}
}  // namespace

TEST_CASE("hosts and networks of both families parse and print back", "[unit][core][ip]") {
  CHECK(net("192.0.2.7").text() == "192.0.2.7");
  CHECK(net("192.0.2.7").is_host());
  CHECK(net("192.0.2.0/24").text() == "192.0.2.0/24");
  CHECK(net("0.0.0.0/0").prefix == 0);
  CHECK(net("2001:DB8::/32").text() == "2001:db8::/32");
  CHECK(net("::1").is_host());
}

TEST_CASE("malformed addresses, prefixes and host bits under the prefix are refused", "[unit][core][ip]") {
  for (const char* bad : {"", "192.0.2", "192.0.2.256", "192.0.2.0/33", "192.0.2.0/", "192.0.2.0/-1",
                          "192.0.2.0/+8", "192.0.2.1/24", "::/129", "host.example.com", "1.2.3.4 ", "1.2.3.4/8/8"}) {
    INFO(bad);
    CHECK_FALSE(parse_ip_network(bad));
  }
}

TEST_CASE("containment and overlap follow the prefix and never cross families", "[unit][core][ip]") {
  CHECK(net("10.0.0.0/8").contains(net("10.1.2.3")));
  CHECK_FALSE(net("10.1.2.3").contains(net("10.0.0.0/8")));
  CHECK(net("10.1.2.3").overlaps(net("10.0.0.0/8")));
  CHECK_FALSE(net("10.0.0.0/9").overlaps(net("10.128.0.0/9")));
  CHECK(net("0.0.0.0/0").contains(net("203.0.113.9")));
  CHECK_FALSE(net("::/0").contains(net("203.0.113.9")));
  CHECK(net("2001:db8::/32").contains(net("2001:db8:1::5")));
}
