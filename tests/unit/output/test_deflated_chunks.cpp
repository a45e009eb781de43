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

/// The chunk's bytes inflated back to `count` values and unshuffled (byte b of value i is at b * count + i).
std::vector<std::int32_t> inflated(const std::vector<unsigned char>& bytes, std::size_t count) {
    std::vector<unsigned char> shuffled(count * sizeof(std::int32_t));
    uLongf size = static_cast<uLongf>(shuffled.size());
    REQUIRE(uncompress(shuffled.data(), &size, bytes.data(), static_cast<uLong>(bytes.size())) == Z_OK);
    REQUIRE(size == shuffled.size());
    std::vector<unsigned char> out(shuffled.size());
    for (std::size_t i = 0; i < count; ++i)
        for (std::size_t b = 0; b < sizeof(std::int32_t); ++b)
            out[i * sizeof(std::int32_t) + b] = shuffled[b * count + i];
    std::vector<std::int32_t> values(count);
    std::memcpy(values.data(), out.data(), out.size());
    return values;
}

/// The raw (filtered) bytes of every chunk of a dataset HDF5 writes itself with its shuffle and deflate
/// filters (level 1), in an in-memory file: what deflate_chunks must give.
template <typename T>
std::vector<std::vector<unsigned char>> hdf5_chunks(const std::vector<T>& values, hid_t type, hsize_t rows,
                                                    hsize_t columns, hsize_t chunk_rows) {
    const hid_t access = H5Pcreate(H5P_FILE_ACCESS);
    REQUIRE(H5Pset_fapl_core(access, 1 << 20, 0) >= 0);
    const hid_t file = H5Fcreate("deflated_chunks_in_memory.h5", H5F_ACC_TRUNC, H5P_DEFAULT, access);
    REQUIRE(file >= 0);
    const hsize_t shape[2] = {rows, columns}, chunk[2] = {chunk_rows, columns};
    const hid_t space = H5Screate_simple(2, shape, nullptr);
    const hid_t creation = H5Pcreate(H5P_DATASET_CREATE);
    REQUIRE(H5Pset_chunk(creation, 2, chunk) >= 0);
    REQUIRE(H5Pset_shuffle(creation) >= 0);
    REQUIRE(H5Pset_deflate(creation, 1) >= 0);
    const hid_t dataset = H5Dcreate2(file, "values", type, space, H5P_DEFAULT, creation, H5P_DEFAULT);
    REQUIRE(H5Dwrite(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) >= 0);
    std::vector<std::vector<unsigned char>> out;
    for (hsize_t row = 0; row < rows; row += chunk_rows) {
        const hsize_t offset[2] = {row, 0};
        hsize_t size = 0;
        REQUIRE(H5Dget_chunk_storage_size(dataset, offset, &size) >= 0);
        std::vector<unsigned char> bytes(size);
        std::uint32_t filters = 0;
        REQUIRE(H5Dread_chunk(dataset, H5P_DEFAULT, offset, &filters, bytes.data()) >= 0);
        CHECK(filters == 0);  // every filter applied
        out.push_back(std::move(bytes));
    }
    H5Dclose(dataset);
    H5Pclose(creation);
    H5Sclose(space);
    H5Fclose(file);
    H5Pclose(access);
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
        std::vector<std::int32_t> own(4, 0);  // the chunk alone, padded with zeros, shuffled, deflated by zlib
        std::copy_n(values.begin() + static_cast<std::ptrdiff_t>(s * 6 + start * 2), start == 0 ? 4 : 2, own.begin());
        unsigned char shuffled[16];
        for (std::size_t i = 0; i < 4; ++i)
            for (std::size_t b = 0; b < 4; ++b)
                shuffled[b * 4 + i] = reinterpret_cast<const unsigned char*>(own.data())[i * 4 + b];
        uLongf size = compressBound(sizeof(std::int32_t) * 4);
        std::vector<unsigned char> expected(size);
        REQUIRE(compress2(expected.data(), &size, shuffled, sizeof(std::int32_t) * 4, level) == Z_OK);
        expected.resize(size);
        INFO("chunk " << c);
        CHECK(chunks[c].bytes == expected);
        CHECK(inflated(chunks[c].bytes, 4) == own);
    }
}

TEST_CASE("deflate_chunks gives the bytes HDF5's own shuffle and deflate filters store", "[output]") {
    // 1000 x 7 values in chunks of 64 rows (the last an edge chunk): int32 counts and double statistics.
    const hsize_t rows = 1000, columns = 7, chunk_rows = 64;
    std::vector<std::int32_t> counts(rows * columns);
    std::vector<double> statistics(rows * columns);
    for (std::size_t i = 0; i < counts.size(); ++i) {
        counts[i] = static_cast<std::int32_t>((i * 7919) % 5000) - 100;
        statistics[i] = 0.25 * static_cast<double>(counts[i]) + 1e-3 * static_cast<double>(i % 13);
    }
    const auto expected_counts = hdf5_chunks(counts, H5T_NATIVE_INT32, rows, columns, chunk_rows);
    const auto expected_statistics = hdf5_chunks(statistics, H5T_NATIVE_DOUBLE, rows, columns, chunk_rows);
    const auto got_counts =
        deflate_chunks(counts.data(), sizeof(std::int32_t), {rows, columns}, {chunk_rows, columns}, 1);
    const auto got_statistics =
        deflate_chunks(statistics.data(), sizeof(double), {rows, columns}, {chunk_rows, columns}, 1);
    REQUIRE(got_counts.size() == expected_counts.size());
    REQUIRE(got_statistics.size() == expected_statistics.size());
    for (std::size_t c = 0; c < got_counts.size(); ++c) {
        INFO("chunk " << c);
        CHECK(got_counts[c].bytes == expected_counts[c]);
        CHECK(got_statistics[c].bytes == expected_statistics[c]);
    }
}

TEST_CASE("deflate_chunks does not shuffle one-byte elements", "[output]") {
    std::vector<unsigned char> bytes(300);
    std::iota(bytes.begin(), bytes.end(), 0);
    const auto chunks = deflate_chunks(bytes.data(), 1, {300}, {300}, 1);
    REQUIRE(chunks.size() == 1);
    std::vector<unsigned char> back(300);
    uLongf size = 300;
    REQUIRE(uncompress(back.data(), &size, chunks[0].bytes.data(), static_cast<uLong>(chunks[0].bytes.size())) == Z_OK);
    CHECK(back == bytes);
}
