#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace sen {

// A bounded map whose entries expire `ttl` after they were stored: for answers that may be a
// little stale (another process's writes show within ttl) but are asked for far more often than
// they change. Capacity or ttl 0 disables it. Thread-safe; readers do not block each other.
template <class V>
class TtlCache {
 public:
  using SteadyNow = std::function<std::chrono::steady_clock::time_point()>;

  TtlCache(
      std::size_t capacity, std::chrono::milliseconds ttl,
      SteadyNow now = [] { return std::chrono::steady_clock::now(); })
      : capacity_(capacity), ttl_(ttl), now_(std::move(now)) {}

  bool enabled() const { return capacity_ > 0 && ttl_.count() > 0; }

  std::optional<V> get(const std::string& key) const {
    if (!enabled()) return std::nullopt;
    std::shared_lock lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end() || now_() >= it->second.expires) return std::nullopt;
    return it->second.value;
  }

  // Stores `value` unless `keep_current(cached)` says the cached value is the newer one.
  void put(const std::string& key, V value, const std::function<bool(const V&)>& keep_current = {}) {
    if (!enabled()) return;
    const auto expires = now_() + ttl_;
    std::unique_lock lock(mutex_);
    auto it = entries_.find(key);
    if (it != entries_.end()) {
      if (keep_current && now_() < it->second.expires && keep_current(it->second.value)) return;
      it->second = Entry{std::move(value), expires};
      return;
    }
    // Full: drop the expired entries, or else an arbitrary one; no per-read bookkeeping.
    if (entries_.size() >= capacity_) {
      const auto now = now_();
      std::erase_if(entries_, [&](const auto& e) { return now >= e.second.expires; });
      if (entries_.size() >= capacity_) entries_.erase(entries_.begin());
    }
    entries_.emplace(key, Entry{std::move(value), expires});
  }

  void erase(const std::string& key) {
    std::unique_lock lock(mutex_);
    entries_.erase(key);
  }

  void clear() {
    std::unique_lock lock(mutex_);
    entries_.clear();
  }

  std::size_t size() const {
    std::shared_lock lock(mutex_);
    return entries_.size();
  }

 private:
  struct Entry {
    V value;
    std::chrono::steady_clock::time_point expires;
  };
  std::size_t capacity_;
  std::chrono::milliseconds ttl_;
  SteadyNow now_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace sen
