// max_connections_per_address: how many connections one client IP holds at a time, so that one
// client cannot take every one of max_connections from the others.
#pragma once

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace ngnpro::transport {

class AddressLimiter {
 public:
  // One connection's place in its address's count. The connection owns it, so the place is
  // given back exactly once, when the connection is destroyed, however it ended (plain or
  // TLS, answered, timed out, failed handshake, refused while stopping).
  class Slot {
   public:
    Slot(Slot&& other) noexcept;
    Slot& operator=(Slot&&) = delete;
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    ~Slot();
    const std::string& address() const { return address_; }

   private:
    friend class AddressLimiter;
    Slot(AddressLimiter* limiter, std::string address)
        : limiter_(limiter), address_(std::move(address)) {}
    AddressLimiter* limiter_;  // null: nothing to give back (moved from, or not counted yet)
    std::string address_;
  };

  explicit AddressLimiter(std::size_t max_per_address) : max_per_address_(max_per_address) {}
  AddressLimiter(const AddressLimiter&) = delete;
  AddressLimiter& operator=(const AddressLimiter&) = delete;

  // Thread-safe. nullopt when `address` already holds max_per_address connections.
  std::optional<Slot> try_acquire(const std::string& address);
  std::size_t count(const std::string& address) const;  // thread-safe
  std::size_t max_per_address() const { return max_per_address_; }

 private:
  void release(const std::string& address) noexcept;

  const std::size_t max_per_address_;
  mutable std::mutex mutex_;
  // Addresses with no connection are erased: the map holds at most max_connections entries.
  std::unordered_map<std::string, std::size_t> counts_;
};

}  // namespace ngnpro::transport
