// LISTEN on one PostgreSQL channel over a connection of its own, surviving database restarts.
// The schema's triggers pg_notify('ngnpro_reload', ...) inside the writing transaction; the
// server receives the payload only after that transaction commits (storage::Reloader).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace ngnpro::storage {

class NotificationListener {
 public:
  struct Options {
    // Delay before the next connection attempt after a failure or a broken connection,
    // doubling up to reconnect_max; back to reconnect_initial once connected.
    std::chrono::milliseconds reconnect_initial{500};
    std::chrono::milliseconds reconnect_max{30'000};
  };

  enum class Listen {
    kUnchanged,    // as before this call (listening, or still not)
    kStarted,      // the first LISTEN of this listener is in place
    kReconnected,  // LISTEN is in place again after the connection broke
  };

  struct Batch {
    std::vector<std::string> payloads;  // in arrival order, duplicates kept
    // Not kUnchanged: notifications sent before this moment were not seen, whatever they were.
    Listen listen = Listen::kUnchanged;
  };

  NotificationListener(std::string dsn, std::string channel);
  NotificationListener(std::string dsn, std::string channel, Options options);
  // Never waits for a connection attempt in progress: that one is abandoned and finishes on
  // its own thread (bounded by the TCP connect timeout).
  ~NotificationListener();
  NotificationListener(const NotificationListener&) = delete;
  NotificationListener& operator=(const NotificationListener&) = delete;

  // Waits up to `timeout` and returns what arrived; returns early as soon as there is something
  // to report, or after interrupt(). Connects (again) when due, without ever blocking longer
  // than `timeout` on it. Never throws for database trouble: it logs, and retries later.
  // One thread at a time.
  Batch wait(std::chrono::milliseconds timeout);

  // Any thread: the current wait(), or else the next one, returns at once.
  void interrupt();

  // True while LISTEN is in place. Any thread.
  bool listening() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ngnpro::storage
