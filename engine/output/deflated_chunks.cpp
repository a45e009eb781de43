#include "output/deflated_chunks.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <numeric>
#include <stdexcept>

#include "core/parallel.hpp"

namespace carecast::output {
namespace {

/// The last axis whose chunk is shorter than the shape; the rank if none (one chunk holds everything).
std::size_t last_cut_axis(const std::vector<hsize_t>& shape, const std::vector<hsize_t>& chunk) {
    std::size_t last = shape.size();
    for (std::size_t axis = 0; axis < shape.size(); ++axis)
        if (chunk[axis] < shape[axis]) last = axis;
    return last;
}

/// HDF5's shuffle filter: the first byte of every element, then every second byte, and so on (counts are
/// small numbers, so most of their high bytes are zero, in long runs once side by side).
void shuffle(const unsigned char* bytes, std::size_t size, std::size_t element_bytes, unsigned char* out) {
    const std::size_t n = size / element_bytes;
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t b = 0; b < element_bytes; ++b) out[b * n + i] = bytes[i * element_bytes + b];
    std::memcpy(out + n * element_bytes, bytes + n * element_bytes, size - n * element_bytes);  // as HDF5 does
}

std::vector<unsigned char> deflate(const unsigned char* bytes, std::size_t size, int level) {
    uLongf deflated = compressBound(static_cast<uLong>(size));
    std::vector<unsigned char> out(deflated);
    if (compress2(out.data(), &deflated, bytes, static_cast<uLong>(size), level) != Z_OK)
        throw std::runtime_error("zlib could not compress a chunk");
    out.resize(deflated);
    return out;
}

}  // namespace

bool chunks_are_contiguous(const std::vector<hsize_t>& shape, const std::vector<hsize_t>& chunk) {
    if (chunk.size() != shape.size()) return false;
    const std::size_t last = last_cut_axis(shape, chunk);
    if (last == shape.size()) return true;  // one chunk holds every value
    for (std::size_t axis = 0; axis < last; ++axis)
        if (chunk[axis] != 1) return false;
    return true;
}

std::vector<DeflatedChunk> deflate_chunks(const void* values, std::size_t element_bytes,
                                          const std::vector<hsize_t>& shape, const std::vector<hsize_t>& chunk,
                                          int level) {
    const std::size_t rank = shape.size();
    // Chunks run along `last` (k values of it each) for every index of the axes before it; with no axis
    // cut, the whole variable is one chunk (as if axis 0 were cut into one piece).
    std::size_t last = last_cut_axis(shape, chunk);
    if (last == rank) last = 0;
    hsize_t outer = 1, inner = 1;
    for (std::size_t axis = 0; axis < last; ++axis) outer *= shape[axis];
    for (std::size_t axis = last + 1; axis < rank; ++axis) inner *= shape[axis];
    const hsize_t extent = shape[last], k = chunk[last];
    const hsize_t per_outer = (extent + k - 1) / k;
    const std::size_t chunk_bytes = static_cast<std::size_t>(k * inner) * element_bytes;
    std::vector<DeflatedChunk> chunks(static_cast<std::size_t>(outer * per_outer));
    const auto* bytes = static_cast<const unsigned char*>(values);
    // Chunk c's first value and its number of bytes (fewer than chunk_bytes at the edge of `last`).
    auto first_of = [&](std::size_t c) {
        const hsize_t o = c / per_outer, start = (c % per_outer) * k;
        return bytes + static_cast<std::size_t>((o * extent + start) * inner) * element_bytes;
    };
    auto used_by = [&](std::size_t c) {
        const hsize_t start = (c % per_outer) * k;
        return static_cast<std::size_t>(std::min(k, extent - start) * inner) * element_bytes;
    };
    // A chunk whose bytes equal those of the chunk one step back along the first axis takes that chunk's
    // deflated bytes (zlib gives the same bytes for the same input): the statistics of a one-replicate
    // run are four copies of its counts (mean, p5, p50 and p95 are the value), deflated once instead of
    // four times. Elsewhere the comparison stops at the first bytes that differ.
    const std::size_t step = last > 0 && shape[0] > 1 ? chunks.size() / static_cast<std::size_t>(shape[0]) : 0;
    std::vector<std::size_t> source(chunks.size());
    std::iota(source.begin(), source.end(), std::size_t{0});
    if (step > 0) {
        run_in_parallel(step, chunks.size(), [&](std::size_t c) {
            if (used_by(c) == chunk_bytes && std::memcmp(first_of(c), first_of(c - step), chunk_bytes) == 0)
                source[c] = c - step;
        });
        for (std::size_t c = step; c < chunks.size(); ++c) source[c] = source[source[c]];  // the first of equals
    }
    run_in_parallel(std::size_t{0}, chunks.size(), [&](std::size_t c) {
        DeflatedChunk& out = chunks[c];
        const hsize_t o = c / per_outer, start = (c % per_outer) * k;
        out.offset.assign(rank, 0);
        for (std::size_t axis = last, rest = o; axis-- > 0;) {
            out.offset[axis] = rest % shape[axis];
            rest /= shape[axis];
        }
        out.offset[last] = start;
        if (source[c] != c) return;
        const std::size_t used = used_by(c);
        const unsigned char* chunk_values = first_of(c);
        std::vector<unsigned char> padded;
        if (used < chunk_bytes) {  // an edge chunk: HDF5 fills the rest with 0
            padded.assign(chunk_bytes, 0);
            std::memcpy(padded.data(), chunk_values, used);
            chunk_values = padded.data();
        }
        if (element_bytes == 1) {
            out.bytes = deflate(chunk_values, chunk_bytes, level);
            return;
        }
        std::vector<unsigned char> shuffled(chunk_bytes);
        shuffle(chunk_values, chunk_bytes, element_bytes, shuffled.data());
        out.bytes = deflate(shuffled.data(), chunk_bytes, level);
    });
    for (std::size_t c = step; step > 0 && c < chunks.size(); ++c)
        if (source[c] != c) chunks[c].bytes = chunks[source[c]].bytes;
    return chunks;
}

}  // namespace carecast::output
