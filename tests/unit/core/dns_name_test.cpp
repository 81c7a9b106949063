#include <string>

#include <catch2/catch.hpp>

#include "ngnpro/core/dns_name.hpp"

using ngnpro::core::host_name;

TEST_CASE("host names are folded to lower case and lose one trailing dot") {
  CHECK(host_name("NS1.Example.NET.") == std::optional<std::string>{"ns1.example.net"});
  CHECK(host_name("a-b.c0") == std::optional<std::string>{"a-b.c0"});
  CHECK(host_name("localhost") == std::optional<std::string>{"localhost"});
}

TEST_CASE("host names refuse empty labels, bad characters and misplaced hyphens") {
  for (const char* bad : {"", ".", "a..b", ".a", "a..", "a_b.com", "*.example.com", "-a.com",
                          "a-.com", "a.com-", "a b.com", "é.com", "a.com/"}) {
    INFO(bad);
    CHECK_FALSE(host_name(bad));
  }
}

TEST_CASE("host names are bounded: 63 bytes per label, 253 in all") {
  const std::string label63(63, 'a');
  CHECK(host_name(label63 + ".com"));
  CHECK_FALSE(host_name(std::string(64, 'a') + ".com"));
  std::string name = label63 + "." + label63 + "." + label63 + "." + std::string(61, 'a');
  REQUIRE(name.size() == 253);
  CHECK(host_name(name));
  CHECK(host_name(name + "."));
  CHECK_FALSE(host_name(name + "a"));
}

using ngnpro::core::owner_name;
using ngnpro::core::target_name;

TEST_CASE("owner names take service labels and a leading wildcard label") {
  CHECK(owner_name("_SIP._udp.Example.com.") == std::optional<std::string>{"_sip._udp.example.com"});
  CHECK(owner_name("*") == std::optional<std::string>{"*"});
  CHECK(owner_name("*.www") == std::optional<std::string>{"*.www"});
  CHECK(owner_name("_dmarc") == std::optional<std::string>{"_dmarc"});
  CHECK(owner_name("www") == host_name("www"));
}

TEST_CASE("owner and target names refuse what the host name rules refuse, and misplaced _ and *") {
  for (const char* bad : {"", ".", "a..b", "a_b", "_", "_-a", "a._", "www.*", "*a", "**", "*..a", "a b",
                          "-a", "a-"}) {
    INFO(bad);
    CHECK_FALSE(owner_name(bad));
  }
  CHECK(target_name("_sip._tcp") == std::optional<std::string>{"_sip._tcp"});
  CHECK_FALSE(target_name("*.example.com"));
  CHECK_FALSE(host_name("_sip._tcp.example.com"));
}
