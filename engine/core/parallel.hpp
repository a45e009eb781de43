#pragma once
// carecast::run_in_parallel: tbb::parallel_for, with its ordering told to ThreadSanitizer. (Not named
// parallel_for: argument-dependent lookup on a tbb::blocked_range would pick TBB's own over it.)
//
// oneTBB hands a block of work (a task holding a copy of the body) from the thread that makes it to the
// thread that runs it, and guarantees that the caller's writes before parallel_for happen before every
// call of the body, and every call of the body before parallel_for returns. The hand-over is made of
// atomics inside libtbb.so, which Debian does not build with TSan, so TSan cannot see it and reports
// every use of shared data as a race. Under TSan the body is wrapped so that each copy of it states
// that hand-over (the copy is released where it is made and acquired where it runs) and each call
// states the join; two calls of the body stay unordered, so a real race between blocks is still found.
// In any other build run_in_parallel is tbb::parallel_for itself.
#include <tbb/parallel_for.h>

#include <type_traits>
#include <utility>

#if defined(__SANITIZE_THREAD__)
#define CARECAST_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define CARECAST_TSAN 1
#endif
#endif
#ifdef CARECAST_TSAN
#include <sanitizer/tsan_interface.h>
#endif

namespace carecast {

#ifdef CARECAST_TSAN
namespace detail {

/// A body whose copies carry TSan's happens-before from the thread that made them to the thread that
/// runs them (the synchronisation object is the copy's own address, so no member is read before it).
template <typename Body>
class HandedOverBody {
public:
    HandedOverBody(const Body& body, char* join) : body_(&body), join_(join) { __tsan_release(this); }
    HandedOverBody(const HandedOverBody& other) {
        __tsan_acquire(const_cast<HandedOverBody*>(&other));
        __tsan_acquire(this);  // the task memory may be reused from a task another thread ran
        body_ = other.body_;
        join_ = other.join_;
        __tsan_release(this);
    }
    HandedOverBody& operator=(const HandedOverBody&) = delete;

    template <typename Work>
    void operator()(const Work& work) const {
        __tsan_acquire(self());
        (*body_)(work);
        __tsan_release(join_);
        __tsan_release(self());
    }

private:
    void* self() const { return const_cast<HandedOverBody*>(this); }
    const Body* body_;
    char* join_;
};

}  // namespace detail
#endif

/// run_in_parallel(range, body [, partitioner]) as tbb::parallel_for over a range.
template <typename Range, typename Body, typename... Partitioner>
requires(!std::is_integral_v<Range>) void run_in_parallel(const Range& range, const Body& body,
                                                          Partitioner&&... partitioner) {
#ifdef CARECAST_TSAN
    char join = 0;
    tbb::parallel_for(range, detail::HandedOverBody<Body>(body, &join), std::forward<Partitioner>(partitioner)...);
    __tsan_acquire(&join);
#else
    tbb::parallel_for(range, body, std::forward<Partitioner>(partitioner)...);
#endif
}

/// run_in_parallel(first, last, body) as tbb::parallel_for over the indices [first, last).
template <typename Index, typename Body>
requires std::is_integral_v<Index>
void run_in_parallel(Index first, Index last, const Body& body) {
#ifdef CARECAST_TSAN
    char join = 0;
    tbb::parallel_for(first, last, detail::HandedOverBody<Body>(body, &join));
    __tsan_acquire(&join);
#else
    tbb::parallel_for(first, last, body);
#endif
}

/// Under ThreadSanitizer, states that what this thread wrote before is seen by a thread that later calls
/// tsan_acquire with the same address: for oneTBB hand-overs that run_in_parallel does not cover (a
/// parallel_pipeline's tokens and its serial stages, which may run on a different thread each time).
/// Nothing in any other build.
inline void tsan_release([[maybe_unused]] const void* address) {
#ifdef CARECAST_TSAN
    __tsan_release(const_cast<void*>(address));
#endif
}

/// The other half of tsan_release.
inline void tsan_acquire([[maybe_unused]] const void* address) {
#ifdef CARECAST_TSAN
    __tsan_acquire(const_cast<void*>(address));
#endif
}

}  // namespace carecast
