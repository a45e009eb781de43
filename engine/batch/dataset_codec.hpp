#pragma once
// A Dataset as bytes and back, for sending a work unit's results between MPI ranks. The layout is
// private to one build of carecast (native byte order, no versioning): it never leaves a batch.
#include <string>

#include "output/dataset.hpp"

namespace carecast::batch {

/// Every dimension, variable (values as raw bytes) and attribute of `dataset`.
std::string encode_dataset(const output::Dataset& dataset);

/// The inverse of encode_dataset; throws std::runtime_error if `bytes` is truncated or malformed.
output::Dataset decode_dataset(const std::string& bytes);

}  // namespace carecast::batch
