#include "address_limiter.hpp"

#include <utility>

namespace ngnpro::transport {

AddressLimiter::Slot::Slot(Slot&& other) noexcept
    : limiter_(std::exchange(other.limiter_, nullptr)), address_(std::move(other.address_)) {}

AddressLimiter::Slot::~Slot() {
  if (limiter_ != nullptr) limiter_->release(address_);
}

std::optional<AddressLimiter::Slot> AddressLimiter::try_acquire(const std::string& address) {
  // The copy is made first: once the count is up, nothing may throw before the slot owns it.
  Slot slot{nullptr, address};
  {
    std::lock_guard lock{mutex_};
    std::size_t& count = counts_[address];
    if (count >= max_per_address_) {
      if (count == 0) counts_.erase(address);  // max 0: leave no empty entry behind
      return std::nullopt;
    }
    ++count;
  }
  slot.limiter_ = this;
  return slot;
}

std::size_t AddressLimiter::count(const std::string& address) const {
  std::lock_guard lock{mutex_};
  const auto it = counts_.find(address);
  return it == counts_.end() ? 0 : it->second;
}

void AddressLimiter::release(const std::string& address) noexcept {
  std::lock_guard lock{mutex_};
  const auto it = counts_.find(address);
  if (it != counts_.end() && --it->second == 0) counts_.erase(it);
}

}  // namespace ngnpro::transport
