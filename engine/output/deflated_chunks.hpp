#pragma once
// A variable's chunks deflated before HDF5 writes them, in parallel: compression is most of the time of
// writing a run's file, and HDF5's own deflate filter runs on one thread. The bytes are those HDF5's
// shuffle and deflate filters would store (bytes grouped by their place in the element, then zlib's
// compress2 at the same level over the whole chunk, an edge chunk padded with the fill value 0), written
// with H5Dwrite_chunk.
#include <hdf5.h>

#include <cstddef>
#include <vector>

namespace carecast::output {

/// One chunk: its first element's coordinates and its deflated bytes.
struct DeflatedChunk {
    std::vector<hsize_t> offset;
    std::vector<unsigned char> bytes;
};

/// Whether each chunk of shape `chunk` is one run of consecutive row-major values of `shape`: the axes
/// before the last cut axis are cut to 1 and the axes after it are whole (netcdf_writer's chunk_shape).
bool chunks_are_contiguous(const std::vector<hsize_t>& shape, const std::vector<hsize_t>& chunk);

/// Every chunk of `values` (row-major, `shape`, elements of `element_bytes` in the file's byte order),
/// shuffled (elements of more than one byte: the dataset's filters must be shuffle, then deflate) and
/// deflated at `level`, in parallel. Needs chunks_are_contiguous(shape, chunk).
std::vector<DeflatedChunk> deflate_chunks(const void* values, std::size_t element_bytes,
                                          const std::vector<hsize_t>& shape, const std::vector<hsize_t>& chunk,
                                          int level);

}  // namespace carecast::output
