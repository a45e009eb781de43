#include <zlib.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstring>
#include <numeric>
#include <vector>

#include "output/deflated_chunks.hpp"

using carecast::output::chunks_are_contiguous;
using carecast::output::deflate_chunks;

namespace {

/// The chunk's bytes inflated back to `size` bytes.
std::vector<std::int32_t> inflated(const std::vector<unsigned char>& bytes, std::size_t count) {
    std::vector<std::int32_t> out(count);
    uLongf size = static_cast<uLongf>(count * sizeof(std::int32_t));
    REQUIRE(uncompress(reinterpret_cast<Bytef*>(out.data()), &size, bytes.data(), static_cast<uLong>(bytes.size())) ==
            Z_OK);
    REQUIRE(size == count * sizeof(std::int32_t));
    return out;
}

}  // namespace

TEST_CASE("chunks are contiguous when only the axes after the last cut are whole and those before it are 1",
          "[output]") {
    CHECK(chunks_are_contiguous({5, 3}, {5, 3}));        // one chunk
    CHECK(chunks_are_contiguous({5, 3}, {2, 3}));        // cut along the first axis
    CHECK(chunks_are_contiguous({2, 3, 4}, {1, 2, 4}));  // axis 0 cut to 1, axis 1 cut
    CHECK_FALSE(chunks_are_contiguous({4, 3, 4}, {2, 1, 4}));
    CHECK_FALSE(chunks_are_contiguous({5, 3}, {2, 2}));
}

TEST_CASE("deflate_chunks gives every chunk at its offset, an edge chunk padded with zeros", "[output]") {
    std::vector<std::int32_t> values(15);  // shape 5 x 3, chunks of 2 rows: rows 0-1, 2-3, 4 (+ padding)
    std::iota(values.begin(), values.end(), 1);
    const auto chunks = deflate_chunks(values.data(), sizeof(std::int32_t), {5, 3}, {2, 3}, 4);
    REQUIRE(chunks.size() == 3);
    CHECK(chunks[0].offset == std::vector<hsize_t>{0, 0});
    CHECK(chunks[1].offset == std::vector<hsize_t>{2, 0});
    CHECK(chunks[2].offset == std::vector<hsize_t>{4, 0});
    CHECK(inflated(chunks[0].bytes, 6) == std::vector<std::int32_t>{1, 2, 3, 4, 5, 6});
    CHECK(inflated(chunks[1].bytes, 6) == std::vector<std::int32_t>{7, 8, 9, 10, 11, 12});
    CHECK(inflated(chunks[2].bytes, 6) == std::vector<std::int32_t>{13, 14, 15, 0, 0, 0});
}

TEST_CASE("deflate_chunks walks the axes before the cut axis in row-major order", "[output]") {
    std::vector<std::int32_t> values(2 * 3 * 2);  // shape 2 x 3 x 2, chunks 1 x 2 x 2
    std::iota(values.begin(), values.end(), 0);
    const auto chunks = deflate_chunks(values.data(), sizeof(std::int32_t), {2, 3, 2}, {1, 2, 2}, 4);
    REQUIRE(chunks.size() == 4);
    CHECK(chunks[1].offset == std::vector<hsize_t>{0, 2, 0});
    CHECK(chunks[2].offset == std::vector<hsize_t>{1, 0, 0});
    CHECK(inflated(chunks[1].bytes, 4) == std::vector<std::int32_t>{4, 5, 0, 0});
    CHECK(inflated(chunks[3].bytes, 4) == std::vector<std::int32_t>{10, 11, 0, 0});
    const auto one = deflate_chunks(values.data(), sizeof(std::int32_t), {2, 3, 2}, {2, 3, 2}, 4);
    REQUIRE(one.size() == 1);
    CHECK(one[0].offset == std::vector<hsize_t>{0, 0, 0});
    CHECK(inflated(one[0].bytes, 12) == values);
}

TEST_CASE("chunks equal along the first axis are deflated once, to the bytes each would have alone", "[output]") {
    // Shape 4 x 3 x 2, chunks 1 x 2 x 2 (the second of each slice an edge chunk): slices 0-2 equal (as
    // the statistics of one replicate), slice 3 differs in its last value.
    std::vector<std::int32_t> slice(3 * 2);
    std::iota(slice.begin(), slice.end(), 7);
    std::vector<std::int32_t> values;
    for (int s = 0; s < 4; ++s) values.insert(values.end(), slice.begin(), slice.end());
    values.back() = 99;
    const int level = 1;
    const auto chunks = deflate_chunks(values.data(), sizeof(std::int32_t), {4, 3, 2}, {1, 2, 2}, level);
    REQUIRE(chunks.size() == 8);
    for (std::size_t c = 0; c < chunks.size(); ++c) {
        const std::size_t s = c / 2, start = (c % 2) * 2;
        CHECK(chunks[c].offset == std::vector<hsize_t>{s, start, 0});
        std::vector<std::int32_t> own(4, 0);  // the chunk alone, padded with zeros, deflated by zlib
        std::copy_n(values.begin() + static_cast<std::ptrdiff_t>(s * 6 + start * 2), start == 0 ? 4 : 2, own.begin());
        uLongf size = compressBound(sizeof(std::int32_t) * 4);
        std::vector<unsigned char> expected(size);
        REQUIRE(compress2(expected.data(), &size, reinterpret_cast<const Bytef*>(own.data()), sizeof(std::int32_t) * 4,
                          level) == Z_OK);
        expected.resize(size);
        INFO("chunk " << c);
        CHECK(chunks[c].bytes == expected);
        CHECK(inflated(chunks[c].bytes, 4) == own);
    }
}
