// What first touching fresh memory costs on this machine (issue 18): 8 MiB
// touched once a 4 KiB page, as ordinary pages and as transparent huge pages
// (huge_pages.hpp's allocator). On a VM a 4 KiB page fault can cost far more
// than on bare metal, which is why arrays from 256 KiB on take whole huge pages.
#include <benchmark/benchmark.h>
#include <sys/mman.h>

#include <cstddef>
#include <cstdint>

#include "core/huge_pages.hpp"

namespace {

constexpr std::size_t region_bytes = std::size_t{8} << 20;
constexpr std::size_t page_bytes = 4096;

// A fresh mapping each time (malloc would hand back pages it kept), advised
// for huge pages or not, 2 MiB-aligned inside a mapping 2 MiB larger.
void touch_pages(benchmark::State& state, bool huge) {
  const std::size_t mapped = region_bytes + calsim::detail::huge_page_bytes;
  for (auto _ : state) {
    void* m = ::mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) {
      state.SkipWithError("mmap failed");
      break;
    }
    const auto a = reinterpret_cast<std::uintptr_t>(m);
    const std::size_t h = calsim::detail::huge_page_bytes;
    char* p = reinterpret_cast<char*>((a + h - 1) / h * h);
    if (huge) ::madvise(p, region_bytes, MADV_HUGEPAGE);
    for (std::size_t off = 0; off < region_bytes; off += page_bytes) p[off] = 1;
    benchmark::DoNotOptimize(p);
    ::munmap(m, mapped);
  }
  // Seconds per 4 KiB touched (mapping and unmapping included), shown scaled (e.g. 11.2u = 11.2 us).
  state.counters["s per 4 KiB"] =
      benchmark::Counter(static_cast<double>(state.iterations() * (region_bytes / page_bytes)),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_FirstTouch4KiBPages(benchmark::State& state) { touch_pages(state, false); }
void BM_FirstTouchHugePages(benchmark::State& state) { touch_pages(state, true); }
BENCHMARK(BM_FirstTouch4KiBPages)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_FirstTouchHugePages)->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace
