#include "ngnpro/storage/reloader.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include "ngnpro/storage/notifications.hpp"

extern char** environ;

namespace ngnpro::storage {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr const char* kChannel = "ngnpro_reload";
// The payloads schema/003_kamailio.sql sends, in the order of by_payload_.
constexpr std::array<const char*, 3> kPayloads = {"kamailio domain", "kamailio trusted", "kamailio address"};
// Enough for any reload command's chatter; a runaway command cannot fill the log.
constexpr std::size_t kMaxOutput = 8 * 1024;
// How often a running command is checked for exit, timeout and stop().
constexpr milliseconds kCommandTick{20};
// Upper bound on one listener wait, so the loop's bookkeeping never depends on a single wake-up.
constexpr milliseconds kMaxWait{1000};

milliseconds since(Clock::time_point start) {
  return std::chrono::duration_cast<milliseconds>(Clock::now() - start);
}

struct RunResult {
  enum class Outcome { kExited, kRpcFault, kSignalled, kTimedOut, kStopped, kNotStarted } outcome =
      Outcome::kNotStarted;
  int code = 0;  // exit status, or signal number
  std::string output;
  std::string error;  // kNotStarted: why
  milliseconds elapsed{0};

  bool ok() const { return outcome == Outcome::kExited && code == 0; }
  std::string describe(milliseconds timeout) const {
    switch (outcome) {
      case Outcome::kExited: return "exit status " + std::to_string(code);
      case Outcome::kRpcFault: return "exit status 0 but an RPC error in its output";
      case Outcome::kSignalled: return "killed by signal " + std::to_string(code);
      case Outcome::kTimedOut: return "timed out after " + std::to_string(timeout.count()) + " ms (killed)";
      case Outcome::kStopped: return "stopped with the server (killed)";
      case Outcome::kNotStarted: return "could not start: " + error;
    }
    return "?";
  }
};

void append_output(std::string& out, const char* data, std::size_t n, bool& truncated) {
  const std::size_t room = kMaxOutput - std::min(kMaxOutput, out.size());
  if (n > room) truncated = true;
  out.append(data, std::min(n, room));
}

// kamcmd prints an RPC fault as "error: <code> - <reason>" and still exits 0, e.g. when
// Kamailio's permissions module refuses a reload inside its reload_delta ("error: 500 - ongoing
// reload"; trustedReload and addressReload share that limit). Such a run did not reload.
bool reports_rpc_fault(const std::string& out) {
  std::size_t at = 0;
  while (at < out.size()) {
    const std::size_t end = std::min(out.find('\n', at), out.size());
    const std::string line = out.substr(at, end - at);
    if (line.rfind("error: ", 0) == 0) {
      std::size_t i = 7;
      while (i < line.size() && line[i] >= '0' && line[i] <= '9') ++i;
      if (i > 7 && line.compare(i, 3, " - ") == 0) return true;
    }
    at = end + 1;
  }
  return false;
}

std::string for_log(std::string out, bool truncated) {
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  for (char& c : out)
    if (c == '\n') c = '|';  // one log line per run
  if (truncated) out += " [output truncated]";
  return out;
}

// Runs `/bin/sh -c command` in a process group of its own, stdout and stderr captured, stdin
// /dev/null, signals at their defaults (the server ignores SIGPIPE), no inherited descriptors.
// posix_spawn, not fork: the server is multi-threaded. Blocks the calling (reloader) thread
// until the command ends, times out (the whole group is killed) or `stopping` is set.
RunResult run_shell(const std::string& command, milliseconds timeout, const std::atomic<bool>& stopping) {
  RunResult result;
  const auto start = Clock::now();
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) {
    result.error = std::strerror(errno);
    return result;
  }
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_init(&attr);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_adddup2(&actions, out[1], 2);
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);  // sockets of the server, the pool ...
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  std::string arg0 = "sh", arg1 = "-c", arg2 = command;
  char* argv[] = {arg0.data(), arg1.data(), arg2.data(), nullptr};
  pid_t pid = -1;
  const int rc = ::posix_spawn(&pid, "/bin/sh", &actions, &attr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  ::close(out[1]);
  if (rc != 0) {
    ::close(out[0]);
    result.error = std::strerror(rc);
    return result;
  }

  const auto deadline = start + timeout;
  bool pipe_open = true, truncated = false;
  int status = 0;
  char buf[4096];
  auto read_available = [&](int wait_ms) {
    pollfd p{out[0], POLLIN, 0};
    while (pipe_open && ::poll(&p, 1, wait_ms) > 0) {
      const ssize_t n = ::read(out[0], buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        pipe_open = false;
        break;
      }
      append_output(result.output, buf, static_cast<std::size_t>(n), truncated);
      wait_ms = 0;  // take what is there, then check on the process
    }
  };
  auto kill_group = [&] {
    ::kill(-pid, SIGKILL);
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  };
  // Once the output is closed the process is about to exit: look again soon, then less often.
  milliseconds idle_tick{1};
  for (;;) {
    if (pipe_open) {
      read_available(static_cast<int>(kCommandTick.count()));
    } else {
      ::poll(nullptr, 0, static_cast<int>(idle_tick.count()));
      idle_tick = std::min(idle_tick * 2, kCommandTick);
    }
    const pid_t w = ::waitpid(pid, &status, WNOHANG);
    if (w == pid) {
      // Exited. Whatever is still buffered belongs to it; a background child that keeps the
      // pipe open is not waited for.
      read_available(0);
      if (WIFEXITED(status)) {
        result.outcome = RunResult::Outcome::kExited;
        result.code = WEXITSTATUS(status);
        if (result.code == 0 && reports_rpc_fault(result.output)) result.outcome = RunResult::Outcome::kRpcFault;
      } else {
        result.outcome = RunResult::Outcome::kSignalled;
        result.code = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
      }
      break;
    }
    if (w < 0 && errno != EINTR) {  // ECHILD: someone set SIGCHLD to SIG_IGN; status unknown
      result.outcome = RunResult::Outcome::kNotStarted;
      result.error = std::string("lost track of the process: ") + std::strerror(errno);
      break;
    }
    if (stopping) {
      kill_group();
      result.outcome = RunResult::Outcome::kStopped;
      break;
    }
    if (Clock::now() >= deadline) {
      kill_group();
      result.outcome = RunResult::Outcome::kTimedOut;
      break;
    }
  }
  ::close(out[0]);
  result.output = for_log(std::move(result.output), truncated);
  result.elapsed = since(start);
  return result;
}

}  // namespace

Reloader::Reloader(const core::ReloadConfig& config, std::string dsn)
    : Reloader(config, std::move(dsn), Options{}) {}

Reloader::Reloader(const core::ReloadConfig& config, std::string dsn, Options options)
    : debounce_(config.debounce), dsn_(std::move(dsn)), options_(options), by_payload_(kPayloads.size()) {
  const std::array<const std::vector<std::string>*, 3> lists = {&config.kamailio_domain, &config.kamailio_trusted,
                                                                &config.kamailio_address};
  for (std::size_t kind = 0; kind < lists.size(); ++kind) {
    for (const std::string& text : *lists[kind]) {
      // The same command configured for two payloads still runs once per round.
      auto it = std::find_if(commands_.begin(), commands_.end(), [&](const Command& c) { return c.text == text; });
      if (it == commands_.end()) {
        commands_.push_back(Command{text});
        it = commands_.end() - 1;
      }
      const auto index = static_cast<std::size_t>(it - commands_.begin());
      auto& indexes = by_payload_[kind];
      if (std::find(indexes.begin(), indexes.end(), index) == indexes.end()) indexes.push_back(index);
    }
  }
}

Reloader::~Reloader() { stop(); }

void Reloader::start() {
  if (thread_.joinable() || stopping_) return;
  if (!enabled()) {
    spdlog::info("reloader: no [reload] commands configured; not listening for changes");
    return;
  }
  NotificationListener::Options listen_options;
  listen_options.reconnect_initial = options_.reconnect_initial;
  listen_options.reconnect_max = options_.reconnect_max;
  listener_ = std::make_unique<NotificationListener>(dsn_, kChannel, listen_options);
  thread_ = std::thread([this] { run(); });
  spdlog::info("reloader: started, {} command(s), debounce {} ms", commands_.size(), debounce_.count());
}

void Reloader::stop() {
  stopping_ = true;
  if (listener_) listener_->interrupt();
  if (thread_.joinable()) thread_.join();
}

bool Reloader::listening() const { return listener_ && listener_->listening(); }

void Reloader::run() {
  using Listen = NotificationListener::Listen;
  while (!stopping_) {
    auto wait = kMaxWait;
    const auto now = Clock::now();
    for (const Command& c : commands_) {
      if (c.pending) wait = std::min(wait, std::max(milliseconds{0}, std::chrono::duration_cast<milliseconds>(c.due - now)));
    }
    auto batch = listener_->wait(wait);
    if (stopping_) break;
    const auto got = Clock::now();
    if (batch.listen == Listen::kReconnected || (batch.listen == Listen::kStarted && options_.reload_on_start)) {
      for (Command& c : commands_) schedule(c, got + debounce_);
    }
    for (const std::string& payload : batch.payloads) note(payload, got);
    run_due();
  }
  for (const Command& c : commands_) {
    if (c.pending) spdlog::warn("reloader: stopped before `{}` ran for the latest change", c.text);
  }
}

// A change for one command: run it after the debounce. A command already waiting for its
// debounce keeps its time (a stream of changes must not postpone it forever); one waiting to
// retry a failure is superseded: the retry delay starts over.
void Reloader::schedule(Command& c, Clock::time_point due) {
  if (c.pending && c.failures == 0) {
    c.due = std::min(c.due, due);
    return;
  }
  c.pending = true;
  c.due = due;
  c.failures = 0;
  c.backoff = options_.retry_initial;
}

void Reloader::note(const std::string& payload, Clock::time_point now) {
  const auto it = std::find(kPayloads.begin(), kPayloads.end(), payload);
  if (it == kPayloads.end()) {
    spdlog::debug("reloader: ignoring notification '{}'", payload);
    return;
  }
  for (const std::size_t index : by_payload_[static_cast<std::size_t>(it - kPayloads.begin())])
    schedule(commands_[index], now + debounce_);
}

void Reloader::run_due() {
  for (Command& c : commands_) {
    if (stopping_) return;
    if (!c.pending || c.due > Clock::now()) continue;
    const RunResult r = run_shell(c.text, options_.command_timeout, stopping_);
    if (r.ok()) {
      spdlog::info("reloader: `{}` ok in {} ms{}{}", c.text, r.elapsed.count(),
                   c.failures > 0 ? " after " + std::to_string(c.failures) + " failed run(s)" : std::string{},
                   r.output.empty() ? std::string{} : ": " + r.output);
      c.pending = false;
      c.failures = 0;
      continue;
    }
    if (r.outcome == RunResult::Outcome::kStopped) {
      spdlog::warn("reloader: `{}` {}", c.text, r.describe(options_.command_timeout));
      return;  // c stays pending: run() reports it
    }
    ++c.failures;
    spdlog::error("reloader: `{}` failed ({}) after {} ms, failure {}; retrying in {} ms{}", c.text,
                  r.describe(options_.command_timeout), r.elapsed.count(), c.failures, c.backoff.count(),
                  r.output.empty() ? std::string{} : "; output: " + r.output);
    c.due = Clock::now() + c.backoff;
    c.backoff = std::min(c.backoff * 2, options_.retry_max);
  }
}

}  // namespace ngnpro::storage
