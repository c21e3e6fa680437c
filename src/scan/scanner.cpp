// SPDX-License-Identifier: GPL-2.0-or-later
#include "scan/scanner.h"

#include <fmt/format.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "core/digest.h"
#include "core/mapped_file.h"
#include "core/progress.h"
#include "scan/cache.h"
#include "scan/job_queue.h"

namespace iotguard::scan {
namespace {

struct Outcome {
  std::vector<Finding> findings;
  std::vector<std::string> errors;
  std::uint64_t bytes = 0;  // analysed here (0 for cache hits and duplicates)
  bool cached = false, duplicate = false, store = false;
  std::string sha256, kind;
};

// First analysis of a content; later files with the same SHA-256 wait for it
// and reuse its findings under their own path.
struct ContentSlot {
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  bool failed = false;  // the file could not be mapped: copies analyse themselves
  std::vector<Finding> findings;
  std::vector<std::string> errors;
  std::string kind, sha256;
};

// Contents repeat only where sizes do, and hashing a file costs more than
// the literal pre-filter's pass over it. A file whose size is unique in the
// walk is analysed without hashing. Files of a shared size are told apart by
// a cheap sketch (core/digest.h); the first file of each (size, sketch) is
// analysed without a full hash. A later one is compared with it byte for
// byte (read from the page cache, several times faster than SHA-256): the
// same bytes share its verdict. Only one that differs, which a sketch
// collision makes rare, is hashed, for the SHA-256 dedupe among such files.
struct SketchClass {
  std::mutex mu;
  const FileEntry* first_file = nullptr;  // what later files of this sketch are compared with
  std::shared_ptr<ContentSlot> first;
  std::unordered_map<std::string, std::shared_ptr<ContentSlot>> by_sha256;  // the others
};

void rebase(std::vector<Finding>& findings, const std::string& path) {
  for (auto& f : findings) {
    f.path = path;
    if (!f.object.links.empty()) f.object.links[0] = path;
  }
}

class Pool {
 public:
  Pool(const detect::Engine& engine, const std::vector<FileEntry>& files, unsigned jobs,
       std::uint64_t max_mapped)
      : engine_(engine), files_(files), queue_(max_mapped, 2 * max_mapped) {
    std::unordered_map<std::uint64_t, unsigned> seen;
    for (const auto& f : files)
      if (++seen[f.size] == 2) shared_sizes_.insert(f.size);
    // Rules that read a file's name or owner give equal bytes different
    // verdicts: every file is analysed on its own then.
    dedupe_ = !engine.info().depends_on_path;
    for (unsigned i = 0; i < jobs; ++i) threads_.emplace_back([this] { work(); });
  }
  ~Pool() {
    queue_.close();
    for (auto& t : threads_) t.join();
  }

  void submit(std::size_t index) { queue_.push(index, files_[index].size); }

  // Waits for the next finished job (any order).
  std::pair<std::size_t, Outcome> next() {
    std::unique_lock lock(mu_);
    cv_done_.wait(lock, [this] { return !done_.empty(); });
    auto r = std::move(done_.front());
    done_.pop_front();
    return r;
  }

 private:
  void work() {
    while (auto job = queue_.pop()) {
      Outcome o;
      try {
        o = analyse(files_[job->index]);
      } catch (const std::exception& ex) {
        o.errors.push_back(fmt::format("internal error: {}", ex.what()));
      }
      queue_.finish(*job);
      {
        std::lock_guard lock(mu_);
        done_.emplace_back(job->index, std::move(o));
      }
      cv_done_.notify_one();
    }
  }

  Outcome analyse(const FileEntry& e) {
    Outcome o;
    // O_NOFOLLOW: the walker saw a regular file here; a symlink swapped in
    // since then is not followed (unless the user named a symlink).
    const bool nofollow = !e.named_symlink;
    std::shared_ptr<ContentSlot> slot;
    std::shared_ptr<SketchClass> sc;
    bool first = false;
    if (dedupe_ && shared_sizes_.contains(e.size)) {
      // Sketched and compared by reads before anything is mapped: a
      // duplicate is never mapped at all.
      auto f = OpenFile::open(e.path, nofollow);
      auto sketch = f && f->size() == e.size ? sketch_hex(f->fd(), e.size) : std::nullopt;
      if (sketch) {
        {
          // The first file's slot and path are set before anyone else can
          // see the class: a second file with this sketch may need them at once.
          std::lock_guard lock(sketches_mu_);
          auto& p = sketches_[std::to_string(e.size) + ":" + *sketch];
          if (!p) {
            p = std::make_shared<SketchClass>();
            p->first = std::make_shared<ContentSlot>();
            p->first_file = &e;
            first = true;
          }
          sc = p;
        }
        if (first) {
          slot = sc->first;
        } else if (auto g = OpenFile::open(sc->first_file->path, !sc->first_file->named_symlink);
                   g && same_bytes(*f, *g)) {
          if (auto c = copy_of(*sc->first, e)) return std::move(*c);
          sc.reset();  // the first could not be analysed: this copy is, alone
        }
      }
    }
    // The job queue reserved the size the walk saw; a file that has grown
    // since (a log being written) is not mapped past that budget.
    std::uint64_t grown = 0;
    auto file = MappedFile::open(e.path, e.size, nofollow, &grown);
    if (!file) {
      o.errors.push_back(grown > e.size
                             ? fmt::format("changed while the scan ran: {} bytes when listed, {} "
                                           "now; not scanned",
                                           e.size, grown)
                             : file.error().message);
      if (slot) release(*slot, {}, {}, "", "", /*failed=*/true);
      return o;
    }
    if (sc && !first) {
      // Same sketch as another content: SHA-256 tells such files apart.
      o.sha256 = sha256_hex(file->bytes());
      std::shared_ptr<ContentSlot> other;
      {
        std::lock_guard lock(sc->mu);
        auto& s = sc->by_sha256[o.sha256];
        if (s) {
          other = s;
        } else {
          s = std::make_shared<ContentSlot>();
          slot = s;
        }
      }
      if (other)
        if (auto c = copy_of(*other, e, o.sha256)) return std::move(*c);
    }
    detect::Analysis a;
    try {
      a = engine_.analyse(file->bytes(), e.path,
                          o.sha256.empty() ? std::nullopt : std::optional(o.sha256));
    } catch (const std::exception& ex) {
      // Memory exhaustion or a bug on this object: it gets an error, the run
      // goes on, and copies waiting on its slot are released below.
      a.errors.push_back(fmt::format("internal error while analysing: {}", ex.what()));
    }
    o.sha256 = a.sha256;
    o.bytes = file->size();
    o.findings = a.findings;
    o.errors = a.errors;
    o.kind = a.kind;
    o.store = o.errors.empty();
    if (slot) release(*slot, std::move(a.findings), std::move(a.errors), a.kind, a.sha256);
    return o;
  }

  // Publishes a content's verdict to the copies waiting on it.
  static void release(ContentSlot& slot, std::vector<Finding> findings,
                      std::vector<std::string> errors, const std::string& kind,
                      const std::string& sha256, bool failed = false) {
    {
      std::lock_guard lock(slot.mu);
      slot.failed = failed;
      slot.findings = std::move(findings);
      slot.errors = std::move(errors);
      slot.kind = kind;
      slot.sha256 = sha256;
      slot.done = true;
    }
    slot.cv.notify_all();
  }

  // A copy's outcome: the verdict of the same bytes elsewhere, once known;
  // nullopt when that file could not be opened after all.
  static std::optional<Outcome> copy_of(ContentSlot& slot, const FileEntry& e,
                                        std::string sha256 = {}) {
    std::unique_lock lock(slot.mu);
    slot.cv.wait(lock, [&] { return slot.done; });
    if (slot.failed) return std::nullopt;
    Outcome o;
    o.sha256 = std::move(sha256);
    o.findings = slot.findings;
    o.errors = slot.errors;
    o.kind = slot.kind;
    if (o.sha256.empty()) o.sha256 = slot.sha256;
    rebase(o.findings, e.path);
    o.duplicate = true;
    o.store = o.errors.empty();
    return o;
  }

  const detect::Engine& engine_;
  const std::vector<FileEntry>& files_;
  JobQueue queue_;
  std::unordered_set<std::uint64_t> shared_sizes_;  // sizes more than one walked file has
  bool dedupe_ = true;
  std::vector<std::thread> threads_;
  std::mutex mu_;
  std::condition_variable cv_done_;
  std::deque<std::pair<std::size_t, Outcome>> done_;
  std::mutex sketches_mu_;
  std::unordered_map<std::string, std::shared_ptr<SketchClass>> sketches_;
};

}  // namespace

ScanStats run_scan(const detect::Engine& engine, const std::vector<std::string>& paths,
                   const ScanOptions& opt, report::FindingSink& sink,
                   const std::atomic<bool>& stop) {
  const auto t0 = std::chrono::steady_clock::now();
  ScanStats st;
  WalkResult w = walk(paths, opt.walk, stop);
  for (const auto& e : w.errors) {
    sink.error(e.path, e.reason);
    ++st.errors;
  }
  for (const auto& s : w.skipped) {
    sink.skipped(s.path, s.reason);
    ++st.skipped;
  }

  std::unique_ptr<ScanCache> cache;
  if (opt.cache_file) {
    auto c =
        ScanCache::open(*opt.cache_file, engine.info().fingerprint, engine.info().depends_on_path);
    if (c)
      cache = std::move(*c);
    else
      std::fprintf(stderr, "iotguard: warning: %s; scanning without cache\n",
                   c.error().message.c_str());
  }

  const unsigned jobs =
      opt.jobs != 0 ? opt.jobs : std::max(1u, std::thread::hardware_concurrency());
  const std::size_t max_inflight = 4 * static_cast<std::size_t>(jobs) + 16;
  Progress progress("scan", w.files.size(), w.bytes, opt.progress);
  Pool pool(engine, w.files, jobs, opt.max_mapped);

  std::map<std::size_t, Outcome> ready;  // reorder buffer: output follows walk order
  std::size_t next_dispatch = 0, next_emit = 0, inflight = 0;
  std::uint64_t progressed_bytes = 0;
  const std::size_t n = w.files.size();

  auto emit = [&](std::size_t index, Outcome& o) {
    const FileEntry& e = w.files[index];
    ++st.files;
    st.bytes += o.bytes;
    progressed_bytes += e.size;
    if (o.cached) ++st.cache_hits;
    if (o.duplicate) ++st.duplicates;
    if (cache && o.store && !o.cached) cache->store(e, o.sha256, o.kind, o.findings);
    progress.clear();
    bool shown = false;
    for (const auto& f : o.findings) {
      if (f.severity < opt.min_severity) continue;
      sink.finding(f);
      ++st.findings;
      shown = true;
      st.any_finding = true;
      if (f.severity > st.worst) st.worst = f.severity;
    }
    for (const auto& err : o.errors) {
      sink.error(e.path, err);
      ++st.errors;
    }
    if (shown)
      ++st.files_with_findings;
    else if (o.errors.empty())
      sink.clean(e.path);
    progress.update(st.files, progressed_bytes);
  };

  while (next_emit < n) {
    const bool stopping = stop.load(std::memory_order_relaxed);
    // Dispatch: cache hits are resolved here without touching the file.
    while (!stopping && next_dispatch < n && inflight < max_inflight) {
      const std::size_t i = next_dispatch++;
      if (cache) {
        if (auto hit = cache->lookup(w.files[i])) {
          Outcome o;
          o.findings = std::move(hit->findings);
          o.sha256 = hit->sha256;
          o.kind = hit->kind;
          o.cached = true;
          ready.emplace(i, std::move(o));
          continue;
        }
      }
      pool.submit(i);
      ++inflight;
    }
    // Emit everything that is next in order.
    while (true) {
      auto it = ready.find(next_emit);
      if (it == ready.end()) break;
      emit(next_emit, it->second);
      ready.erase(it);
      ++next_emit;
    }
    if (next_emit >= n) break;
    if (stopping && inflight == 0) break;
    if (inflight == 0) continue;  // only cache hits were dispatched this round
    auto [index, outcome] = pool.next();
    --inflight;
    ready.emplace(index, std::move(outcome));
  }
  if (stop.load() && next_emit < n) {
    st.interrupted = true;
    // Results finished after the stop are still reported, in order.
    for (auto& [i, o] : ready) emit(i, o);
  }
  if (cache) cache->flush();
  progress.clear();
  st.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return st;
}

}  // namespace iotguard::scan
