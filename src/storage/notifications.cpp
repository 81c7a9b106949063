#include "ngnpro/storage/notifications.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

namespace ngnpro::storage {

namespace {

using Clock = std::chrono::steady_clock;

class Receiver final : public pqxx::notification_receiver {
 public:
  using pqxx::notification_receiver::notification_receiver;
  void operator()(const std::string& payload, int /*backend_pid*/) override { payloads.push_back(payload); }
  std::vector<std::string> payloads;
};

// A connection with LISTEN in place. The receiver must go before its connection.
struct Session {
  std::unique_ptr<pqxx::connection> conn;
  std::unique_ptr<Receiver> receiver;

  ~Session() {
    // Disconnect first: libpqxx 6 would otherwise UNLISTEN on destruction, and on a broken
    // connection that silently reconnects, blocking, just to say UNLISTEN.
    if (conn) conn->disconnect();
    receiver.reset();
    conn.reset();
  }
};

// An eventfd used as a wake-up flag that poll() can wait on.
class WakeFd {
 public:
  WakeFd() : fd_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {
    if (fd_ < 0) throw std::system_error(errno, std::generic_category(), "eventfd");
  }
  ~WakeFd() { ::close(fd_); }
  WakeFd(const WakeFd&) = delete;
  WakeFd& operator=(const WakeFd&) = delete;
  int fd() const { return fd_; }
  void signal() const {
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto n = ::write(fd_, &one, sizeof one);  // full counter: already set
  }
  void clear() const {
    std::uint64_t value;
    [[maybe_unused]] const auto n = ::read(fd_, &value, sizeof value);
  }

 private:
  int fd_;
};

// One connection attempt, shared with the thread that makes it: connecting blocks (DNS, TCP,
// TLS, authentication) for as long as the network wants, and neither wait()'s timeout nor
// interrupt() may depend on that. Whoever lets go last frees it.
struct Attempt {
  WakeFd done_fd;  // signalled when finished
  std::mutex mutex;
  bool done = false;
  std::unique_ptr<Session> session;  // set on success
  std::string error;                 // set on failure
};

// libpq turns keepalives on with the kernel's defaults (first probe after 2 h). A listener only
// reads, so a peer that vanished without a FIN or RST (host crash, NAT timeout) would go
// unnoticed for hours: probe after 30 s idle, give up after three more 10 s apart.
void tighten_keepalive(int fd) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (fd < 0 || ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return;
  if (addr.ss_family != AF_INET && addr.ss_family != AF_INET6) return;  // unix socket: no need
  const int on = 1, idle = 30, interval = 10, count = 3;
  ::setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
  ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
  ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof interval);
  ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &count, sizeof count);
}

void connect_and_listen(const std::shared_ptr<Attempt>& attempt, const std::string& dsn,
                        const std::string& channel) {
  std::unique_ptr<Session> session;
  std::string error;
  try {
    session = std::make_unique<Session>();
    session->conn = std::make_unique<pqxx::connection>(dsn);
    session->receiver = std::make_unique<Receiver>(*session->conn, channel);  // runs LISTEN
    // add_receiver swallows a connection that broke during LISTEN
    if (!session->conn->is_open()) throw pqxx::broken_connection{"connection lost during LISTEN"};
    tighten_keepalive(session->conn->sock());
  } catch (const std::exception& e) {
    session.reset();
    error = e.what();
    if (error.empty()) error = "connection failed";
  }
  std::lock_guard<std::mutex> lock(attempt->mutex);
  attempt->done = true;
  attempt->session = std::move(session);
  attempt->error = std::move(error);
  attempt->done_fd.signal();
}

// Trims libpq's trailing newline for one-line log messages.
std::string one_line(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

}  // namespace

struct NotificationListener::Impl {
  Impl(std::string dsn_in, std::string channel_in, Options options_in)
      : dsn(std::move(dsn_in)), channel(std::move(channel_in)), options(options_in),
        backoff(options_in.reconnect_initial) {}

  Batch wait(std::chrono::milliseconds timeout);
  std::optional<std::string> receive(Batch& batch);  // set: the connection broke, and why
  void start_attempt();
  bool finish_attempt(Batch& batch);
  void lose_session(const std::string& why);
  void schedule_retry();
  // Waits for one of up to two fds (-1: none) until `until`; true when woken by interrupt().
  bool poll_until(int fd, Clock::time_point until, bool& fd_ready);

  const std::string dsn;
  const std::string channel;
  const Options options;
  WakeFd wake;
  std::atomic<bool> listening{false};

  std::unique_ptr<Session> session;
  std::shared_ptr<Attempt> attempt;
  bool ever_listened = false;
  int failures = 0;  // consecutive failed attempts, for the log
  std::chrono::milliseconds backoff;
  Clock::time_point next_attempt{};  // epoch: at once
};

bool NotificationListener::Impl::poll_until(int fd, Clock::time_point until, bool& fd_ready) {
  fd_ready = false;
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
  // Round up, so that a sub-millisecond remainder does not spin.
  const int ms = left.count() <= 0 ? 0 : static_cast<int>(std::min<long long>(left.count() + 1, 60'000));
  pollfd fds[2] = {{wake.fd(), POLLIN, 0}, {fd, POLLIN, 0}};
  const int n = ::poll(fds, fd >= 0 ? 2 : 1, ms);
  if (n <= 0) return false;  // timeout or EINTR: the caller re-checks its clock
  if (fds[0].revents != 0) {
    wake.clear();
    return true;
  }
  fd_ready = fd >= 0 && fds[1].revents != 0;
  return false;
}

std::optional<std::string> NotificationListener::Impl::receive(Batch& batch) {
  std::optional<std::string> broken;
  try {
    session->conn->get_notifs();  // reads what the socket has (never blocks), runs the receiver
  } catch (const pqxx::broken_connection&) {
    broken = std::string{};  // its text says nothing more than that
  } catch (const std::exception& e) {
    broken = one_line(e.what());
  }
  auto& got = session->receiver->payloads;
  batch.payloads.insert(batch.payloads.end(), std::make_move_iterator(got.begin()),
                        std::make_move_iterator(got.end()));
  got.clear();
  // Once libpq has marked the connection bad, get_notifs() just returns nothing; is_open() tells.
  if (!broken && !session->conn->is_open()) broken = std::string{};
  return broken;
}

void NotificationListener::Impl::schedule_retry() {
  next_attempt = Clock::now() + backoff;
  backoff = std::min(backoff * 2, options.reconnect_max);
}

void NotificationListener::Impl::lose_session(const std::string& why) {
  session.reset();
  listening = false;
  spdlog::warn("notifications: connection for LISTEN {} lost ({}); reconnecting in {} ms", channel, why,
               backoff.count());
  schedule_retry();
}

void NotificationListener::Impl::start_attempt() {
  auto shared = std::make_shared<Attempt>();
  try {
    std::thread(connect_and_listen, shared, dsn, channel).detach();
  } catch (const std::system_error& e) {
    ++failures;
    spdlog::error("notifications: cannot start a connection attempt: {}", e.what());
    schedule_retry();
    return;
  }
  attempt = std::move(shared);
}

// Called once the attempt signalled. True when LISTEN is now in place.
bool NotificationListener::Impl::finish_attempt(Batch& batch) {
  std::unique_ptr<Session> got;
  std::string error;
  {
    std::lock_guard<std::mutex> lock(attempt->mutex);
    if (!attempt->done) return false;
    got = std::move(attempt->session);
    error = std::move(attempt->error);
  }
  attempt.reset();
  if (!got) {
    ++failures;
    // The first failure at warn, then quieter, so an outage does not flood the log.
    const auto level = failures == 1 ? spdlog::level::warn : spdlog::level::debug;
    spdlog::log(level, "notifications: cannot LISTEN {} (attempt {}): {}; retrying in {} ms", channel, failures,
                one_line(error), backoff.count());
    schedule_retry();
    return false;
  }
  session = std::move(got);
  batch.listen = ever_listened ? Listen::kReconnected : Listen::kStarted;
  spdlog::info("notifications: LISTEN {} {}", channel,
               ever_listened ? "in place again; changes made meanwhile may have been missed" : "in place");
  ever_listened = true;
  failures = 0;
  backoff = options.reconnect_initial;
  listening = true;
  return true;
}

NotificationListener::Batch NotificationListener::Impl::wait(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  Batch batch;
  for (;;) {
    bool ready = false;
    if (session) {
      // libpq may already hold notifications it read along with an earlier reply; the socket
      // would not show them, so look before waiting.
      if (const auto broken = receive(batch)) {
        lose_session(broken->empty() ? "the server closed it or the network failed" : *broken);
        if (!batch.payloads.empty()) return batch;
        continue;
      }
      if (!batch.payloads.empty()) return batch;
      const int fd = session->conn->sock();
      if (fd < 0) {
        lose_session("no socket");
        continue;
      }
      if (poll_until(fd, deadline, ready)) return batch;  // interrupted
      if (!ready && Clock::now() >= deadline) return batch;
      continue;  // readable: receive() above
    }
    if (attempt) {
      if (poll_until(attempt->done_fd.fd(), deadline, ready)) return batch;
      if (ready && finish_attempt(batch)) return batch;
      if (!ready && Clock::now() >= deadline) return batch;
      continue;
    }
    if (Clock::now() >= next_attempt) {
      start_attempt();
      continue;
    }
    if (poll_until(-1, std::min(deadline, next_attempt), ready)) return batch;
    if (Clock::now() >= deadline) return batch;
  }
}

NotificationListener::NotificationListener(std::string dsn, std::string channel)
    : NotificationListener(std::move(dsn), std::move(channel), Options{}) {}

NotificationListener::NotificationListener(std::string dsn, std::string channel, Options options)
    : impl_(std::make_unique<Impl>(std::move(dsn), std::move(channel), options)) {}

NotificationListener::~NotificationListener() = default;

NotificationListener::Batch NotificationListener::wait(std::chrono::milliseconds timeout) {
  return impl_->wait(timeout);
}

void NotificationListener::interrupt() { impl_->wake.signal(); }

bool NotificationListener::listening() const { return impl_->listening; }

}  // namespace ngnpro::storage
