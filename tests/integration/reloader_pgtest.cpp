// storage::Reloader on a real PostgreSQL: committed changes run the configured commands,
// debounced, retried until they succeed, again after a reconnect; stop() is prompt.
// The commands append to files in a scratch directory, which the tests count.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include "ngnpro/storage/reloader.hpp"
#include "pg_fixture.hpp"

namespace ngnpro::testing {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

std::vector<std::string> lines_of(const std::string& path) {
  std::ifstream in{path};
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// Polls until `done` holds or `limit` passes; the time it took, or `limit` when it never held.
milliseconds wait_until(const std::function<bool()>& done, milliseconds limit = milliseconds{5000}) {
  const auto start = Clock::now();
  while (!done()) {
    if (Clock::now() - start >= limit) return limit;
    std::this_thread::sleep_for(milliseconds{10});
  }
  return std::chrono::duration_cast<milliseconds>(Clock::now() - start);
}

struct ReloaderFixture {
  ReloaderFixture() {
    truncate_all(dsn);
    char pattern[] = "/tmp/ngnpro-reloader-XXXXXX";
    REQUIRE(::mkdtemp(pattern) != nullptr);
    dir = pattern;
  }
  ~ReloaderFixture() {
    for (const char* f : {"/out", "/count", "/times"}) ::unlink((dir + f).c_str());
    ::rmdir(dir.c_str());
  }

  void notify(const std::string& payload) {
    pqxx::work tx{notifier};
    tx.exec_params("SELECT pg_notify('ngnpro_reload', $1)", payload);
    tx.commit();
  }
  std::vector<std::string> out() { return lines_of(dir + "/out"); }
  std::size_t runs() { return out().size(); }
  // Appends `word` to out.
  std::string echo(const std::string& word) { return "echo " + word + " >> '" + dir + "/out'"; }
  // Counts its runs in count and succeeds from run `n` on.
  std::string succeed_from(int n) {
    const std::string count = "'" + dir + "/count'";
    return "c=$(cat " + count + " 2>/dev/null || echo 0); c=$((c + 1)); echo $c > " + count + "; echo run $c; [ $c -ge " +
           std::to_string(n) + " ]";
  }
  int count() {
    const auto l = lines_of(dir + "/count");
    return l.empty() ? 0 : std::stoi(l.front());
  }

  std::string dsn = required_env("NGNPRO_TEST_DSN");
  pqxx::connection notifier{dsn};
  std::string dir;
};

// Tests wait for listening() instead of running the start-up reload, so they count only theirs.
storage::Reloader::Options quiet_start() {
  storage::Reloader::Options options;
  options.reload_on_start = false;
  return options;
}

bool wait_listening(storage::Reloader& reloader) {
  return wait_until([&] { return reloader.listening(); }) < milliseconds{5000};
}

}  // namespace

TEST_CASE_METHOD(ReloaderFixture, "a committed domain change runs the domain command within a second",
                 "[pg][reloader]") {
  core::ReloadConfig config;
  config.kamailio_domain = {echo("domain")};
  config.kamailio_trusted = {echo("trusted")};
  storage::Reloader reloader{config, dsn, quiet_start()};
  reloader.start();
  REQUIRE(wait_listening(reloader));

  // Through the real trigger: the NOTIFY leaves with the commit.
  pqxx::connection conn{dsn};
  {
    pqxx::work tx{conn};
    tx.exec("INSERT INTO ngnpro.sip_domains (domain) VALUES ('example.com')");
    std::this_thread::sleep_for(milliseconds{400});
    CHECK(runs() == 0);  // not before the commit
    tx.commit();
  }
  const auto took = wait_until([&] { return runs() == 1; });
  CHECK(took < milliseconds{1000});
  CHECK(out() == std::vector<std::string>{"domain"});

  // A rolled-back change runs nothing.
  {
    pqxx::work tx{conn};
    tx.exec("INSERT INTO ngnpro.sip_domains (domain) VALUES ('other.example')");
    tx.abort();
  }
  std::this_thread::sleep_for(milliseconds{600});
  CHECK(out() == std::vector<std::string>{"domain"});
}

TEST_CASE_METHOD(ReloaderFixture, "notifications within the debounce run each needed command once", "[pg][reloader]") {
  core::ReloadConfig config;
  config.kamailio_domain = {echo("domain")};
  config.kamailio_trusted = {echo("trusted"), echo("both")};
  config.kamailio_address = {echo("address"), echo("both")};  // configured twice, still run once
  config.debounce = milliseconds{400};
  storage::Reloader reloader{config, dsn, quiet_start()};
  reloader.start();
  REQUIRE(wait_listening(reloader));

  for (int i = 0; i < 5; ++i) notify("kamailio domain");
  notify("kamailio trusted");
  notify("kamailio address");
  notify("kamailio trusted");
  notify("pdns purge example.com$");  // not ours: ignored
  wait_until([&] { return runs() >= 4; });
  std::this_thread::sleep_for(milliseconds{800});
  CHECK(out() == std::vector<std::string>{"domain", "trusted", "both", "address"});  // config order
}

TEST_CASE_METHOD(ReloaderFixture, "on start every command runs once, since changes may have been missed",
                 "[pg][reloader]") {
  core::ReloadConfig config;
  config.kamailio_domain = {echo("domain")};
  config.kamailio_trusted = {echo("trusted")};
  config.kamailio_address = {echo("address")};
  storage::Reloader reloader{config, dsn};
  reloader.start();
  CHECK(wait_until([&] { return runs() == 3; }) < milliseconds{3000});
  std::this_thread::sleep_for(milliseconds{500});
  CHECK(out() == std::vector<std::string>{"domain", "trusted", "address"});
  CHECK(reloader.listening());
}

TEST_CASE_METHOD(ReloaderFixture, "a failing command is retried until it succeeds, then no more", "[pg][reloader]") {
  core::ReloadConfig config;
  config.kamailio_domain = {succeed_from(3)};
  auto options = quiet_start();
  options.retry_initial = milliseconds{100};
  storage::Reloader reloader{config, dsn, options};
  reloader.start();
  REQUIRE(wait_listening(reloader));

  notify("kamailio domain");
  // debounce 200 ms, fails, +100 ms fails, +200 ms succeeds
  CHECK(wait_until([&] { return count() == 3; }) < milliseconds{2000});
  std::this_thread::sleep_for(milliseconds{1000});
  CHECK(count() == 3);
}

TEST_CASE_METHOD(ReloaderFixture, "kamcmd's RPC fault line counts as a failure although it exits 0",
                 "[pg][reloader]") {
  // What kamcmd prints when Kamailio refuses a reload inside permissions' reload_delta.
  const std::string counter = "'" + dir + "/count'";
  core::ReloadConfig config;
  config.kamailio_address = {"c=$(cat " + counter + " 2>/dev/null || echo 0); c=$((c + 1)); echo $c > " + counter +
                             "; if [ $c -lt 3 ]; then echo 'error: 500 - ongoing reload'; else echo 'Reload OK'; fi"};
  // Not the fault form: a success, run once.
  config.kamailio_trusted = {"echo 'no error: 500 - here'; echo 'error: none'; " + echo("trusted")};
  auto options = quiet_start();
  options.retry_initial = milliseconds{100};
  storage::Reloader reloader{config, dsn, options};
  reloader.start();
  REQUIRE(wait_listening(reloader));

  notify("kamailio address");
  notify("kamailio trusted");
  CHECK(wait_until([&] { return count() == 3; }) < milliseconds{2000});
  std::this_thread::sleep_for(milliseconds{600});
  CHECK(count() == 3);
  CHECK(out() == std::vector<std::string>{"trusted"});
}

TEST_CASE_METHOD(ReloaderFixture, "a command that always fails keeps being retried, the delay doubling",
                 "[pg][reloader]") {
  core::ReloadConfig config;
  config.kamailio_address = {"date +%s%N >> '" + dir + "/times'; false"};
  auto options = quiet_start();
  options.retry_initial = milliseconds{100};
  options.retry_max = milliseconds{400};
  storage::Reloader reloader{config, dsn, options};
  reloader.start();
  REQUIRE(wait_listening(reloader));

  notify("kamailio address");
  // runs at 0, +100, +200, +400, +400 (capped) after the debounce
  REQUIRE(wait_until([&] { return lines_of(dir + "/times").size() >= 5; }) < milliseconds{4000});
  const auto times = lines_of(dir + "/times");
  std::vector<long long> gaps_ms;
  for (std::size_t i = 1; i < 5; ++i) gaps_ms.push_back((std::stoll(times[i]) - std::stoll(times[i - 1])) / 1'000'000);
  INFO("gaps " << gaps_ms[0] << " " << gaps_ms[1] << " " << gaps_ms[2] << " " << gaps_ms[3] << " ms");
  CHECK(gaps_ms[0] >= 90);
  CHECK(gaps_ms[1] >= 190);
  CHECK(gaps_ms[2] >= 390);
  CHECK(gaps_ms[3] >= 390);
  CHECK(gaps_ms[3] < 1000);  // capped at retry_max
}

TEST_CASE_METHOD(ReloaderFixture, "a newer change supersedes a failed command's retry delay", "[pg][reloader]") {
  core::ReloadConfig config;
  config.kamailio_trusted = {succeed_from(2)};
  auto options = quiet_start();
  options.retry_initial = milliseconds{10'000};
  storage::Reloader reloader{config, dsn, options};
  reloader.start();
  REQUIRE(wait_listening(reloader));

  notify("kamailio trusted");
  REQUIRE(wait_until([&] { return count() == 1; }) < milliseconds{2000});  // failed; next try in 10 s
  notify("kamailio trusted");
  CHECK(wait_until([&] { return count() == 2; }) < milliseconds{1000});  // debounce only
}

TEST_CASE_METHOD(ReloaderFixture, "a command that hangs is killed after the timeout and retried", "[pg][reloader]") {
  core::ReloadConfig config;
  config.kamailio_domain = {echo("run") + "; sleep 30"};
  auto options = quiet_start();
  options.command_timeout = milliseconds{300};
  options.retry_initial = milliseconds{100};
  storage::Reloader reloader{config, dsn, options};
  reloader.start();
  REQUIRE(wait_listening(reloader));

  notify("kamailio domain");
  CHECK(wait_until([&] { return runs() >= 2; }) < milliseconds{3000});
  const auto start = Clock::now();
  reloader.stop();
  CHECK(Clock::now() - start < milliseconds{1000});
}

TEST_CASE_METHOD(ReloaderFixture, "stop() is prompt when idle and while a command runs", "[pg][reloader]") {
  core::ReloadConfig config;
  config.kamailio_domain = {echo("started") + "; sleep 30"};
  {
    storage::Reloader idle{config, dsn, quiet_start()};
    idle.start();
    REQUIRE(wait_listening(idle));
    const auto start = Clock::now();
    idle.stop();
    CHECK(Clock::now() - start < milliseconds{1000});
  }
  storage::Reloader busy{config, dsn};  // the start-up run begins the sleep
  busy.start();
  REQUIRE(wait_until([&] { return runs() == 1; }) < milliseconds{3000});
  const auto start = Clock::now();
  busy.stop();
  CHECK(Clock::now() - start < milliseconds{1000});
  busy.stop();  // twice is fine
}

TEST_CASE_METHOD(ReloaderFixture, "after its connection breaks it reconnects and runs every command once",
                 "[pg][reloader]") {
  core::ReloadConfig config;
  config.kamailio_domain = {echo("domain")};
  config.kamailio_address = {echo("address")};
  auto options = quiet_start();
  options.reconnect_initial = milliseconds{100};
  storage::Reloader reloader{config, dsn, options};
  reloader.start();
  REQUIRE(wait_listening(reloader));

  {
    pqxx::connection conn{dsn};
    pqxx::work tx{conn};
    const auto killed = tx.exec(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        " WHERE usename = current_user AND pid <> pg_backend_pid() AND query LIKE 'LISTEN%'");
    tx.commit();
    // The reloader's; a listener of an earlier test may still be on its way out and go too.
    REQUIRE(!killed.empty());
  }
  CHECK(wait_until([&] { return runs() >= 2; }) < milliseconds{3000});
  std::this_thread::sleep_for(milliseconds{300});  // and nothing more
  // Each once; their order is not the point (seen once with address first).
  auto ran = out();
  std::sort(ran.begin(), ran.end());
  CHECK(ran == std::vector<std::string>{"address", "domain"});
  REQUIRE(wait_listening(reloader));

  notify("kamailio domain");  // and it listens again
  CHECK(wait_until([&] { return runs() == 3; }) < milliseconds{1000});
  CHECK(out().back() == "domain");
}

TEST_CASE_METHOD(ReloaderFixture, "without commands it starts no thread and no connection", "[pg][reloader]") {
  storage::Reloader reloader{core::ReloadConfig{}, dsn};
  CHECK_FALSE(reloader.enabled());
  reloader.start();
  std::this_thread::sleep_for(milliseconds{300});
  CHECK_FALSE(reloader.listening());
  pqxx::connection conn{dsn};
  pqxx::read_transaction tx{conn};
  CHECK(tx.exec1("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'LISTEN%' AND state = 'idle'"
                 " AND usename = current_user")[0]
            .as<int>() == 0);
  reloader.stop();
}

}  // namespace ngnpro::testing
