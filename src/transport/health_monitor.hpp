// GET /health runs its check here, on one thread of its own, never in the SOAP worker queue:
// when every worker is blocked (on a database lock, say) /health must still answer, and
// answer that the database is in trouble rather than time out.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <utility>
#include <vector>

#include <boost/asio/thread_pool.hpp>

#include "ngnpro/transport/http.hpp"

namespace ngnpro::transport {

// How long GET /health waits for the check before answering 503 "database unavailable".
inline constexpr std::chrono::milliseconds kHealthDeadline{2000};

enum class HealthState {
  kUp,      // the check said true: 200
  kDown,    // the check said false, or missed kHealthDeadline: 503
  kFailed,  // the check threw: 500, like any handler that throws
};

class HealthMonitor {
 public:
  using Callback = std::function<void(HealthState)>;

  explicit HealthMonitor(HealthCheck check) : check_(std::move(check)) {}
  HealthMonitor(const HealthMonitor&) = delete;
  HealthMonitor& operator=(const HealthMonitor&) = delete;

  // Thread-safe. Starts the check unless one is running, in which case `done` shares that
  // one's result; `done` is called on the monitor's thread. At most one check runs at a time,
  // so a flood of /health requests costs one database round trip, not one each, and a hung
  // check holds one thread, not one per request. The deadline is the caller's to keep.
  void check(Callback done);

  // Waits for the running check, if any, and the callbacks it calls. After HttpServer::run()'s
  // io threads have returned nobody calls check() any more.
  void join();

 private:
  void run_check() noexcept;

  HealthCheck check_;
  std::mutex mutex_;
  std::vector<Callback> waiters_;  // for the running check
  bool running_ = false;
  boost::asio::thread_pool thread_{1};
};

}  // namespace ngnpro::transport
