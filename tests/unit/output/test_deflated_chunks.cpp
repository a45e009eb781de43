#include <zlib.h>

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
