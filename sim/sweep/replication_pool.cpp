#include "sweep/replication_pool.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <iostream>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "output/pending_output.hpp"

namespace calsim::detail {

unsigned effective_threads(unsigned requested, std::size_t jobs) {
  unsigned t = requested != 0 ? requested : std::max(1u, std::thread::hardware_concurrency());
  if (jobs < t) t = static_cast<unsigned>(std::max<std::size_t>(jobs, 1));
  return t;
}

void run_indexed(std::size_t jobs, unsigned threads, const std::function<void(std::size_t)>& job,
                 progress_bar* progress) {
  std::atomic<std::size_t> next{0}, done{0};
  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::condition_variable finished_one;
  std::exception_ptr first_error;

  auto worker = [&] {
    // Stop signals go to the calling thread, which removes the temporaries (cli/signals.hpp).
    const sigset_t blocked = stop_signal_set();
    pthread_sigmask(SIG_BLOCK, &blocked, nullptr);
    while (!stop.load(std::memory_order_relaxed)) {
      const std::size_t i = next.fetch_add(1, std::memory_order_relaxed);
      if (i >= jobs) break;
      try {
        job(i);
      } catch (...) {
        std::lock_guard lock(mutex);
        if (!first_error) first_error = std::current_exception();
        stop = true;
      }
      {
        std::lock_guard lock(mutex);
        done.fetch_add(1, std::memory_order_relaxed);
      }
      finished_one.notify_one();
    }
  };

  threads = effective_threads(threads, jobs);
  std::vector<std::thread> pool;
  pool.reserve(threads);
  for (unsigned t = 0; t < threads; ++t) {
    try {
      pool.emplace_back(worker);
    } catch (const std::exception& e) {  // system_error EAGAIN or bad_alloc: a thread or memory limit (issue 19)
      std::cerr << "calsim: could start only " << pool.size() << " of " << threads << " threads (" << e.what()
                << "); going on with " << std::max<std::size_t>(pool.size(), 1) << "\n";
      break;
    }
  }
  if (pool.empty()) {  // not even one: the calling thread does the work
    worker();
    const sigset_t blocked = stop_signal_set();
    pthread_sigmask(SIG_UNBLOCK, &blocked, nullptr);
  }
  if (progress) {
    std::unique_lock lock(mutex);
    while (done.load() < jobs && !stop.load()) {
      finished_one.wait_for(lock, std::chrono::milliseconds(200));
      const std::size_t d = done.load();
      lock.unlock();
      progress->update(d);
      lock.lock();
    }
  }
  for (auto& t : pool) t.join();
  if (first_error) std::rethrow_exception(first_error);
  if (progress) progress->finish();
}

}  // namespace calsim::detail
