// Makes committed provisioning changes live in Kamailio's caches: listens for the triggers'
// NOTIFY ngnpro_reload (schema/003_kamailio.sql) and runs the [reload] commands of the config
// (kamcmd domain.reload, ...). Its own thread and database connection; never touches the SOAP
// workers or the pool.
//
//   payload            commands run          because Kamailio caches
//   'kamailio domain'  reload.kamailio_domain   domain (domain module)
//   'kamailio trusted' reload.kamailio_trusted  trusted (permissions, db_mode=1)
//   'kamailio address' reload.kamailio_address  address (permissions)
//
// Notifications are collected for reload.debounce, then each needed command runs once
// (/bin/sh -c, stdin /dev/null, output to the log). A command that exits non-zero, times out,
// or prints kamcmd's RPC fault line ("error: 500 - ongoing reload": kamcmd exits 0 even then) is
// logged at error and retried with a doubling delay until it succeeds; a newer change for it
// restarts it after the debounce. Kamailio's permissions module accepts one trustedReload or
// addressReload per reload_delta (default 5 s, shared by both), so after a peer change one of
// the two typically lands on a retry. Whenever LISTEN is (re)established (start-up, database
// restart) every command runs once, since changes may have been missed meanwhile.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "ngnpro/core/config.hpp"

namespace ngnpro::storage {

class NotificationListener;

class Reloader {
 public:
  struct Options {
    std::chrono::milliseconds command_timeout{10'000};  // then the command's process group is killed
    std::chrono::milliseconds retry_initial{500};       // first retry after a failure, doubling ...
    std::chrono::milliseconds retry_max{30'000};        // ... up to this
    std::chrono::milliseconds reconnect_initial{500};   // database reconnect backoff, doubling ...
    std::chrono::milliseconds reconnect_max{30'000};    // ... up to this
    // Run every command once when LISTEN is first in place: a change committed while this
    // server was down (another instance, resync_kamailio(), a migration) was heard by nobody.
    bool reload_on_start = true;
  };

  Reloader(const core::ReloadConfig& config, std::string dsn);
  Reloader(const core::ReloadConfig& config, std::string dsn, Options options);
  ~Reloader();  // stop()
  Reloader(const Reloader&) = delete;
  Reloader& operator=(const Reloader&) = delete;

  // Spawns the thread (which connects on its own, retrying in the background: start() neither
  // blocks nor fails on database trouble). Does nothing when no command is configured, or twice.
  void start();
  // Prompt (well under a second): interrupts the wait and kills a command still running.
  // Pending and failed commands are dropped, with a log line. Safe to call twice.
  void stop();

  bool enabled() const { return !commands_.empty(); }  // a command is configured
  bool listening() const;                              // LISTEN is in place (for health and tests)

 private:
  struct Command {
    std::string text;
    bool pending = false;                   // a change waits for this command
    std::chrono::steady_clock::time_point due{};
    std::chrono::milliseconds backoff{0};   // delay before the next retry, should this run fail
    int failures = 0;                       // consecutive failed runs for the current change
  };

  void run();
  void note(const std::string& payload, std::chrono::steady_clock::time_point now);
  void schedule(Command& command, std::chrono::steady_clock::time_point due);
  void run_due();

  std::chrono::milliseconds debounce_;
  std::string dsn_;
  Options options_;
  std::vector<Command> commands_;                     // distinct commands, in config order
  std::vector<std::vector<std::size_t>> by_payload_;  // per kPayloads entry: indexes into commands_
  std::unique_ptr<NotificationListener> listener_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace ngnpro::storage
