#pragma once
// Writes a `Dataset` as an HDF5 file following the netCDF-4 conventions (creation order tracked,
// every dimension an HDF5 dimension scale with `_Netcdf4Dimid`, libver bounds V18..LATEST), so that
// ncdump, netCDF4-python, xarray (netcdf4 and h5netcdf engines) and R read it.
#include <filesystem>
#include <string>

#include "output/dataset.hpp"

namespace carecast::output {

/// Checks that `dataset` can be written; throws std::invalid_argument listing every problem found. A
/// deferred variable's number of values is checked when it is computed, as it is written.
void validate_dataset(const Dataset& dataset);

/// Writes `dataset` to exactly `path`, which must not exist yet; throws std::invalid_argument for an
/// invalid dataset and std::runtime_error (naming `path` and the object) for any HDF5 failure or a
/// deferred variable computed with the wrong number of values.
void write_netcdf4(const Dataset& dataset, const std::filesystem::path& path);

/// Overwrites the value of the global string attribute `name` of the file at `path` (written by
/// write_netcdf4, not yet published), keeping its place among the attributes; throws
/// std::runtime_error if the file or the attribute cannot be opened or written.
void overwrite_global_attribute(const std::filesystem::path& path, const std::string& name, const std::string& value);

/// Writes `dataset` to a temporary sibling of `target` and renames it into place (see
/// publish_atomically); refuses an existing `target` unless `overwrite`.
void write_netcdf4_file(const Dataset& dataset, const std::filesystem::path& target, bool overwrite);

}  // namespace carecast::output
