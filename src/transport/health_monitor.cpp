#include "health_monitor.hpp"

#include <exception>
#include <utility>

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

#include "ngnpro/core/log_text.hpp"

namespace ngnpro::transport {

namespace {

constexpr std::size_t kMaxLoggedError = 512;

HealthState run_guarded(const HealthCheck& check) noexcept {
  try {
    return check() ? HealthState::kUp : HealthState::kDown;
  } catch (const std::exception& e) {
    spdlog::error("health check threw: {}", core::log_safe(e.what(), kMaxLoggedError));
  } catch (...) {
    spdlog::error("health check threw a non-standard exception");
  }
  return HealthState::kFailed;
}

}  // namespace

void HealthMonitor::check(Callback done) {
  std::lock_guard lock{mutex_};
  waiters_.push_back(std::move(done));
  if (running_) return;
  running_ = true;
  boost::asio::post(thread_, [this] { run_check(); });
}

void HealthMonitor::join() { thread_.join(); }

void HealthMonitor::run_check() noexcept {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  const HealthState state = run_guarded(check_);
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
  if (took > kHealthDeadline) {
    // Its waiters were answered 503 at the deadline; this is the only trace of how long it hung.
    spdlog::warn("health check took {} ms (deadline {} ms)", took.count(), kHealthDeadline.count());
  }
  std::vector<Callback> waiters;
  {
    std::lock_guard lock{mutex_};
    waiters.swap(waiters_);
    running_ = false;
  }
  for (auto& waiter : waiters) {
    try {
      waiter(state);
    } catch (...) {
      // Posting the answer failed (out of memory): that connection is dropped, not the thread.
    }
  }
}

}  // namespace ngnpro::transport
