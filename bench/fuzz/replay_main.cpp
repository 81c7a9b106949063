// ngnpro_fuzz_soap_replay: the SOAP harness without libFuzzer or sanitizers, built in the normal
// tree, to see what the server's own memory does under fuzz input (bench/fuzz/run --memory).
// An ASan process says little about that: its allocator, quarantine and shadow memory dominate.
//
//   ngnpro_fuzz_soap_replay [-seconds=N] [-runs=R] [-report=S] DIR_OR_FILE...
//
// Loads every input once (files in the order given), then feeds them to LLVMFuzzerTestOneInput
// in a loop for N seconds (default 60) or R inputs, printing every S seconds (default 10): inputs run, VmRSS, VmHWM and glibc's
// view of the heap (mallinfo2: bytes in use, bytes free inside the arenas). In-use flat while RSS
// grows means fragmentation / memory glibc keeps; in-use growing means a leak or a growing cache.
// At the end it calls malloc_trim(0) and prints RSS again.
#include <malloc.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv);
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

long status_kb(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::size_t n = std::strlen(key);
  while (std::getline(in, line))
    if (line.compare(0, n, key) == 0 && line.size() > n && line[n] == ':') return std::atol(line.c_str() + n + 1);
  return -1;
}

void report(double seconds, unsigned long long runs, const char* note) {
  const struct mallinfo2 mi = mallinfo2();
  std::printf("replay: t=%6.0fs runs=%llu VmRSS=%ld kB VmHWM=%ld kB heap_in_use=%zu kB heap_free=%zu kB mmap=%zu kB%s\n",
              seconds, runs, status_kb("VmRSS"), status_kb("VmHWM"), mi.uordblks / 1024, mi.fordblks / 1024,
              mi.hblkhd / 1024, note);
  std::fflush(stdout);
}

void add_file(const std::filesystem::path& p, std::vector<std::string>& inputs) {
  std::ifstream in(p, std::ios::binary);
  inputs.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 60, every = 10;
  unsigned long long max_runs = 0;  // 0: no limit
  std::vector<std::string> inputs;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("-seconds=", 0) == 0) {
      seconds = std::atof(arg.c_str() + 9);
    } else if (arg.rfind("-runs=", 0) == 0) {
      max_runs = std::strtoull(arg.c_str() + 6, nullptr, 10);
    } else if (arg.rfind("-report=", 0) == 0) {
      every = std::atof(arg.c_str() + 8);
    } else if (std::filesystem::is_directory(arg)) {
      for (const auto& e : std::filesystem::directory_iterator(arg))
        if (e.is_regular_file()) add_file(e.path(), inputs);
    } else if (std::filesystem::is_regular_file(arg)) {
      add_file(arg, inputs);
    } else {
      std::fprintf(stderr, "usage: %s [-seconds=N] [-runs=R] [-report=S] DIR_OR_FILE...\n", argv[0]);
      return 2;
    }
  }
  if (inputs.empty()) {
    std::fprintf(stderr, "replay: no inputs\n");
    return 2;
  }
  LLVMFuzzerInitialize(&argc, &argv);
  std::printf("replay: %zu inputs, %.0f s\n", inputs.size(), seconds);
  const auto start = std::chrono::steady_clock::now();
  const auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  report(0, 0, "");
  unsigned long long runs = 0;
  double next = every;
  for (std::size_t k = 0; elapsed() < seconds && (max_runs == 0 || runs < max_runs); k = (k + 1) % inputs.size()) {
    const std::string& in = inputs[k];
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(in.data()), in.size());
    ++runs;
    if (elapsed() >= next) {
      report(elapsed(), runs, "");
      next += every;
    }
  }
  report(elapsed(), runs, " (end)");
  malloc_trim(0);
  report(elapsed(), runs, " (after malloc_trim(0))");
  std::printf("replay: %.0f inputs/s\n", static_cast<double>(runs) / elapsed());
  return 0;
}
