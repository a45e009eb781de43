#include "core/philox_batch.hpp"

#include <algorithm>
#include <array>
#include <type_traits>

#include "core/cpu_paths.hpp"

// The AVX-512 twins: core/avx512_begin.hpp (closed at the end of the file).
#include "core/avx512_begin.hpp"

namespace carecast {
namespace detail {

void first_blocks_one_at_a_time(const StreamKey& key, std::int32_t year, RandomEvent event,
                                std::span<const std::uint64_t> persons, DrawBlock::Block* out) {
    const r123::Philox4x64 philox;
    for (const std::uint64_t person : persons) {
        const PhiloxAddress address = philox_address(key, person, year, event);
        *out++ = philox(address.counter, address.key);
    }
}

void decision_blocks_together_one_at_a_time(std::int32_t year, std::span<const DecisionBlocksRequest> requests) {
    for (const DecisionBlocksRequest& request : requests)
        first_blocks_one_at_a_time(request.key, year, RandomEvent::decisions, request.persons, request.out);
}

#if CARECAST_AVX512_PATHS

bool cpu_has_avx512() {
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq");
}

namespace {

// Random123's Philox4x64 constants (philox.h): the round multipliers and the key's Weyl increments.
constexpr std::uint64_t multiplier_0 = PHILOX_M4x64_0, multiplier_1 = PHILOX_M4x64_1;
constexpr std::uint64_t key_step_0 = PHILOX_W64_0, key_step_1 = PHILOX_W64_1;
constexpr int rounds = 10;  // r123::Philox4x64 is Philox4x64_R<10> (or, in bench/count_philox.sh's build, counts it)
static_assert(std::is_base_of_v<r123::Philox4x64_R<rounds>, r123::Philox4x64>);
static_assert(sizeof(DrawBlock::Block) == 4 * sizeof(std::uint64_t));

/// The 128-bit product a * m of each lane, as its low and high 64 bits (Random123's mulhilo64). AVX-512
/// multiplies 32 x 32 bits only (vpmuludq), so the product is summed from the four 32-bit partial
/// products with their carries: with a = ah 2^32 + al and m = mh 2^32 + ml,
///   t = ah ml + (al ml >> 32)          < 2^64 (at most (2^32 - 1)^2 + 2^32 - 1),
///   w = (t mod 2^32) + al mh           < 2^64 likewise,
///   hi = ah mh + (t >> 32) + (w >> 32), lo = (w mod 2^32) 2^32 + (al ml mod 2^32).
/// Four multiplications and no vpmullq: the multiplier ports are what a round waits for.
__attribute__((target("avx512f,avx512dq"))) inline void multiply_wide(__m512i a, std::uint64_t m, __m512i& lo,
                                                                      __m512i& hi) {
    const __m512i m_low = _mm512_set1_epi64(static_cast<long long>(m & 0xffffffffu));
    const __m512i m_high = _mm512_set1_epi64(static_cast<long long>(m >> 32));
    const __m512i a_high = _mm512_srli_epi64(a, 32);
    const __m512i ll = _mm512_mul_epu32(a, m_low), lh = _mm512_mul_epu32(a, m_high);
    const __m512i hl = _mm512_mul_epu32(a_high, m_low), hh = _mm512_mul_epu32(a_high, m_high);
    const __m512i low_32 = _mm512_set1_epi64(0xffffffff);
    const __m512i t = _mm512_add_epi64(hl, _mm512_srli_epi64(ll, 32));
    const __m512i w = _mm512_add_epi64(_mm512_and_si512(t, low_32), lh);
    hi = _mm512_add_epi64(hh, _mm512_add_epi64(_mm512_srli_epi64(t, 32), _mm512_srli_epi64(w, 32)));
    // The low 32 bits of each lane from ll, the high 32 from w's low 32 (0xAAAA: the odd 32-bit elements).
    lo = _mm512_mask_blend_epi32(0xAAAA, ll, _mm512_slli_epi64(w, 32));
}

/// One Philox round of a vector of 8 counters (lanes of x0..x3: their words 0..3) under the round's
/// key: Random123's {hi1 ^ x1 ^ k0, lo1, hi0 ^ x3 ^ k1, lo0} (0x96: three-way xor).
__attribute__((target("avx512f,avx512dq"))) inline void philox_round(__m512i& x0, __m512i& x1, __m512i& x2, __m512i& x3,
                                                                     __m512i key0, __m512i key1) {
    __m512i lo0, hi0, lo1, hi1;
    multiply_wide(x0, multiplier_0, lo0, hi0);
    multiply_wide(x2, multiplier_1, lo1, hi1);
    x0 = _mm512_ternarylogic_epi64(hi1, x1, key0, 0x96);
    x1 = lo1;
    x2 = _mm512_ternarylogic_epi64(hi0, x3, key1, 0x96);
    x3 = lo0;
}

/// The 8 blocks of a vector's lanes to out[0..7] (a 4 x 8 transpose): pairs (x0, x1) and (x2, x3) of
/// each lane, then 128-bit quarters to their blocks, two blocks to a store.
__attribute__((target("avx512f,avx512dq"))) inline void store_blocks(__m512i x0, __m512i x1, __m512i x2, __m512i x3,
                                                                     DrawBlock::Block* out) {
    const __m512i a_even = _mm512_unpacklo_epi64(x0, x1), a_odd = _mm512_unpackhi_epi64(x0, x1);
    const __m512i b_even = _mm512_unpacklo_epi64(x2, x3), b_odd = _mm512_unpackhi_epi64(x2, x3);
    const __m512i first_even = _mm512_shuffle_i64x2(a_even, b_even, 0x44);
    const __m512i first_odd = _mm512_shuffle_i64x2(a_odd, b_odd, 0x44);
    const __m512i second_even = _mm512_shuffle_i64x2(a_even, b_even, 0xEE);
    const __m512i second_odd = _mm512_shuffle_i64x2(a_odd, b_odd, 0xEE);
    _mm512_storeu_si512(out, _mm512_shuffle_i64x2(first_even, first_odd, 0x88));        // blocks 0, 1
    _mm512_storeu_si512(out + 2, _mm512_shuffle_i64x2(first_even, first_odd, 0xDD));    // 2, 3
    _mm512_storeu_si512(out + 4, _mm512_shuffle_i64x2(second_even, second_odd, 0x88));  // 4, 5
    _mm512_storeu_si512(out + 6, _mm512_shuffle_i64x2(second_even, second_odd, 0xDD));  // 6, 7
}

/// The parts of an address's first two rounds that are the same for every person. Only counter word 0
/// (the person) differs between the lanes of a vector, so round 1's second product (of word 2) and
/// round 2's first (of round 1's word 0: word 2's product, word 1 and the key) are the address's, computed
/// once in scalar code: two of the twenty wide multiplications of a vector's ten rounds saved.
struct AddressStart {
    std::uint64_t round_1_xor_2;  // round 1's word 2 is hi(person M0) ^ this
    std::uint64_t round_2_xor_0;  // round 2's word 0 is hi(round 1's word 2 M1) ^ this
    std::uint64_t round_2_xor_2;  // round 2's word 2 is lo(person M0) ^ this
    std::uint64_t round_2_word_3;
    std::uint64_t key_0, key_1;  // the key of round 3
};

/// Random123's mulhilo64 in scalar code: the high and low 64 bits of a m.
inline void multiply_wide(std::uint64_t a, std::uint64_t m, std::uint64_t& lo, std::uint64_t& hi) {
    lo = mulhilo64(a, m, &hi);  // Random123 declares it outside namespace r123
}

/// Rounds 1 and 2 of Random123's {hi1 ^ x1 ^ k0, lo1, hi0 ^ x3 ^ k1, lo0}, where only x0 varies:
///   round 1: x0' = hi(c2 M1) ^ c1 ^ k0, x1' = lo(c2 M1)     (the address's)
///            x2' = hi(x0 M0) ^ c3 ^ k1,  x3' = lo(x0 M0)     (the person's)
///   round 2: x0'' = hi(x2' M1) ^ x1' ^ k0', x1'' = lo(x2' M1), x2'' = hi(x0' M0) ^ x3' ^ k1', x3'' = lo(x0' M0)
inline AddressStart address_start(const PhiloxAddress& address) {
    const std::uint64_t k0 = address.key.v[0], k1 = address.key.v[1];
    std::uint64_t lo1, hi1;
    multiply_wide(address.counter.v[2], multiplier_1, lo1, hi1);
    const std::uint64_t x0 = hi1 ^ address.counter.v[1] ^ k0, x1 = lo1;
    std::uint64_t lo0, hi0;
    multiply_wide(x0, multiplier_0, lo0, hi0);
    return {address.counter.v[3] ^ k1, x1 ^ (k0 + key_step_0), hi0 ^ (k1 + key_step_1), lo0,
            k0 + 2 * key_step_0,       k1 + 2 * key_step_1};
}

/// A vector of 8 persons' counters (x0) through rounds 1 and 2 of their address (`start`).
__attribute__((target("avx512f,avx512dq"))) inline void first_two_rounds(const AddressStart& start, __m512i& x0,
                                                                         __m512i& x1, __m512i& x2, __m512i& x3) {
    __m512i lo, hi;
    multiply_wide(x0, multiplier_0, lo, hi);  // round 1
    const __m512i round_1_word_2 = _mm512_xor_si512(hi, _mm512_set1_epi64(static_cast<long long>(start.round_1_xor_2)));
    multiply_wide(round_1_word_2, multiplier_1, x1, hi);  // round 2
    x0 = _mm512_xor_si512(hi, _mm512_set1_epi64(static_cast<long long>(start.round_2_xor_0)));
    x2 = _mm512_xor_si512(lo, _mm512_set1_epi64(static_cast<long long>(start.round_2_xor_2)));
    x3 = _mm512_set1_epi64(static_cast<long long>(start.round_2_word_3));
}

/// 8 x V blocks of one address (persons[k] in counter word 0): V vectors side by side give the core
/// independent multiplications to overlap; one key broadcast a round.
template <int V>
__attribute__((target("avx512f,avx512dq"))) void philox_lanes(const PhiloxAddress& address,
                                                              const std::uint64_t* persons, DrawBlock::Block* out) {
    const AddressStart start = address_start(address);
    __m512i x0[V], x1[V], x2[V], x3[V];
    for (int v = 0; v < V; ++v) {
        x0[v] = _mm512_loadu_si512(persons + 8 * v);
        first_two_rounds(start, x0[v], x1[v], x2[v], x3[v]);
    }
    std::uint64_t k0 = start.key_0, k1 = start.key_1;
    for (int r = 2; r < rounds; ++r) {
        const __m512i key0 = _mm512_set1_epi64(static_cast<long long>(k0));
        const __m512i key1 = _mm512_set1_epi64(static_cast<long long>(k1));
        for (int v = 0; v < V; ++v) philox_round(x0[v], x1[v], x2[v], x3[v], key0, key1);
        k0 += key_step_0;
        k1 += key_step_1;
    }
    for (int v = 0; v < V; ++v) store_blocks(x0[v], x1[v], x2[v], x3[v], out + 8 * v);
}

/// A vector of 8 blocks for VectorQueue: their address but for the person (key, counter words 1..3),
/// the 8 persons (counter word 0) and where the blocks go.
struct VectorJob {
    PhiloxAddress address;
    const std::uint64_t* persons;
    DrawBlock::Block* out;
};

/// V vectors of 8 blocks side by side, each of its own address (a key broadcast a vector a round). Kept
/// apart from philox_lanes, not used for everything: whole groups of one address through it made
/// floor_bench's decision_blocks about 6% slower (bench/RESULTS.md, 7 December 2026).
template <int V>
__attribute__((target("avx512f,avx512dq"))) void philox_vectors(const VectorJob* jobs) {
    __m512i x0[V], x1[V], x2[V], x3[V];
    std::uint64_t k0[V], k1[V];
    for (int v = 0; v < V; ++v) {
        const AddressStart start = address_start(jobs[v].address);
        x0[v] = _mm512_loadu_si512(jobs[v].persons);
        first_two_rounds(start, x0[v], x1[v], x2[v], x3[v]);
        k0[v] = start.key_0;
        k1[v] = start.key_1;
    }
    for (int r = 2; r < rounds; ++r)
        for (int v = 0; v < V; ++v) {
            philox_round(x0[v], x1[v], x2[v], x3[v], _mm512_set1_epi64(static_cast<long long>(k0[v])),
                         _mm512_set1_epi64(static_cast<long long>(k1[v])));
            k0[v] += key_step_0;
            k1[v] += key_step_1;
        }
    for (int v = 0; v < V; ++v) store_blocks(x0[v], x1[v], x2[v], x3[v], jobs[v].out);
}

/// Blocks of any addresses, computed four vectors at a time: whole groups of 32 blocks of one address
/// at once (philox_lanes), the rest queued as vectors of 8 (the last padded) and computed four
/// together whatever their addresses, so that a few blocks left over do not wait through ten rounds
/// alone.
class VectorQueue {
public:
    /// The blocks of (address with person persons[k]) into out[k], for every k of persons; those queued
    /// are written by the next flush.
    __attribute__((target("avx512f,avx512dq"))) void push_all(const PhiloxAddress& address,
                                                              std::span<const std::uint64_t> persons,
                                                              DrawBlock::Block* out) {
        std::size_t k = 0;
        for (; k + 32 <= persons.size(); k += 32) philox_lanes<4>(address, persons.data() + k, out + k);
        for (; k < persons.size(); k += 8)
            push(address, persons.subspan(k, std::min<std::size_t>(8, persons.size() - k)), out + k);
    }
    /// Computes what is queued.
    void flush() {
        static constexpr void (*compute[width + 1])(const VectorJob*) = {
            nullptr, &philox_vectors<1>, &philox_vectors<2>, &philox_vectors<3>, &philox_vectors<4>};
        static_assert(width == 4);
        if (size_ > 0) compute[size_](jobs_.data());
        for (std::size_t v = 0; v < size_; ++v)  // a padded vector's blocks, to where they belong
            if (padded_[v].count) std::copy_n(padded_[v].blocks.begin(), padded_[v].count, padded_[v].out);
        size_ = 0;
    }

private:
    static constexpr std::size_t width = 4;  // vectors computed together (as the rounds' registers allow)

    /// A vector of 1 to 8 blocks.
    void push(const PhiloxAddress& address, std::span<const std::uint64_t> persons, DrawBlock::Block* out) {
        VectorJob& job = jobs_[size_];
        Padded& padded = padded_[size_];
        job.address = address;
        if (persons.size() == 8) {
            job.persons = persons.data();
            job.out = out;
            padded.count = 0;
        } else {
            padded.persons.fill(0);
            std::copy(persons.begin(), persons.end(), padded.persons.begin());
            job.persons = padded.persons.data();
            job.out = padded.blocks.data();
            padded.count = persons.size();
            padded.out = out;
        }
        if (++size_ == width) flush();
    }

    struct Padded {
        std::array<std::uint64_t, 8> persons;
        std::array<DrawBlock::Block, 8> blocks;
        std::size_t count = 0;  // 0: the vector is whole, its blocks written in place
        DrawBlock::Block* out = nullptr;
    };
    std::array<VectorJob, width> jobs_;
    std::array<Padded, width> padded_;
    std::size_t size_ = 0;
};

}  // namespace

void first_blocks_avx512(const StreamKey& key, std::int32_t year, RandomEvent event,
                         std::span<const std::uint64_t> people, DrawBlock::Block* out) {
    VectorQueue queue;
    queue.push_all(philox_address(key, 0, year, event), people, out);
    queue.flush();
}

void decision_blocks_together_avx512(std::int32_t year, std::span<const DecisionBlocksRequest> requests) {
    VectorQueue queue;
    for (const DecisionBlocksRequest& request : requests)
        queue.push_all(philox_address(request.key, 0, year, RandomEvent::decisions), request.persons, request.out);
    queue.flush();
}

#else

bool cpu_has_avx512() {
    return false;
}
void first_blocks_avx512(const StreamKey& key, std::int32_t year, RandomEvent event,
                         std::span<const std::uint64_t> persons, DrawBlock::Block* out) {
    first_blocks_one_at_a_time(key, year, event, persons, out);
}
void decision_blocks_together_avx512(std::int32_t year, std::span<const DecisionBlocksRequest> requests) {
    decision_blocks_together_one_at_a_time(year, requests);
}

#endif

}  // namespace detail

CpuPath philox_batch_path() {
    static const CpuPath path = cpu_path(detail::cpu_has_avx512());
    return path;
}

void first_blocks(const StreamKey& key, std::int32_t year, RandomEvent event, std::span<const std::uint64_t> persons,
                  DrawBlock::Block* out) {
    if (philox_batch_path() == CpuPath::avx512)
        detail::first_blocks_avx512(key, year, event, persons, out);
    else
        detail::first_blocks_one_at_a_time(key, year, event, persons, out);
}

void decision_blocks_together(std::int32_t year, std::span<const DecisionBlocksRequest> requests) {
    if (philox_batch_path() == CpuPath::avx512)
        detail::decision_blocks_together_avx512(year, requests);
    else
        detail::decision_blocks_together_one_at_a_time(year, requests);
}

}  // namespace carecast

#include "core/avx512_end.hpp"
