#pragma once
// A Dataset as bytes and back, for sending a work unit's results between MPI ranks, and an area part
// of one (a share of a multi-area run's areas). The layout is private to one build of carecast (native
// byte order, no versioning): it never leaves a batch.
#include <string>

#include "output/dataset.hpp"
#include "sim/simulation.hpp"

namespace carecast::batch {

/// Every dimension, variable (values as raw bytes) and attribute of `dataset`.
std::string encode_dataset(const output::Dataset& dataset);

/// The inverse of encode_dataset; throws std::runtime_error if `bytes` is truncated or malformed.
output::Dataset decode_dataset(const std::string& bytes);

/// An area part's areas, counts, stays, drawn parameters and money shifts, and the host that computed it.
std::string encode_area_part(const AreaPart& part, const std::string& host);

/// The inverse of encode_area_part (the host into `host`); throws std::runtime_error if `bytes` is
/// truncated or malformed.
AreaPart decode_area_part(const std::string& bytes, std::string& host);

}  // namespace carecast::batch
