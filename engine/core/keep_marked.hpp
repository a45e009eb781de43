#pragma once
// Compaction of one column: the elements whose bit is set kept, moved down in place, their order kept.
// Compaction (sim/year_step.cpp) does this to every column of the population each year. With AVX-512
// VBMI2 (vpcompress on bytes and words) a group of 64 people costs a handful of instructions per column
// whatever the pattern of who left; the portable way moves the kept elements one by one. The two give the
// same bytes (tests/unit/core/test_keep_marked.cpp); before, a memmove per run of consecutive survivors
// (about 30 people between deaths and emigrations) made compaction a tenth of a full model's year.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <type_traits>

namespace carecast {

/// Which way keep_marked moves elements: chosen once per process from the CPU.
enum class CompactionPath { one_by_one, avx512 };
CompactionPath compaction_path();
const char* to_string(CompactionPath path);

namespace detail {
/// The ways, by element size (1, 2, 4 or 8 bytes): keep_marked's, for the tests. The AVX-512 one only
/// where cpu_has_avx512_compress().
bool cpu_has_avx512_compress();
std::size_t keep_marked_one_by_one(void* values, std::size_t element_bytes, std::size_t n, const std::uint64_t* marks);
std::size_t keep_marked_avx512(void* values, std::size_t element_bytes, std::size_t n, const std::uint64_t* marks);
}  // namespace detail

/// Keeps the elements i of values[0, n) whose mark is set (bit i % 64 of marks[i / 64]; marks holds
/// (n + 63) / 64 words, bits at or past n clear), moved down in place in index order; returns how many.
/// The elements past the returned count are left unspecified up to n; nothing past n is written.
template <typename T>
std::size_t keep_marked(std::span<T> values, std::span<const std::uint64_t> marks) {
    static_assert(std::is_trivially_copyable_v<T> &&
                  (sizeof(T) == 1 || sizeof(T) == 2 || sizeof(T) == 4 || sizeof(T) == 8));
    const std::size_t n = values.size();
    if (compaction_path() == CompactionPath::avx512)
        return detail::keep_marked_avx512(values.data(), sizeof(T), n, marks.data());
    return detail::keep_marked_one_by_one(values.data(), sizeof(T), n, marks.data());
}

}  // namespace carecast
