#pragma once
// Reads a netCDF-4/HDF5 file written by `write_netcdf4` back into a `Dataset` (dimensions with their
// coordinates, variables with their data and attributes, global attributes), so that commands that
// work on finished runs (merge, compare, export, report) never touch HDF5 themselves.
#include <filesystem>

#include "output/dataset.hpp"

namespace carecast::output {

/// Reads every dimension, variable and attribute of `path` in creation order. Integer variables come
/// back as the type they were written with (int32 or int64), floating ones as double. Throws
/// std::runtime_error naming `path` and the object if the file is missing, is not HDF5, or holds
/// something `write_netcdf4` would not have written. The file is read once in a child process first, so
/// that a damaged file that crashes the HDF5 library gives that error instead of a crash.
Dataset read_netcdf4(const std::filesystem::path& path);

}  // namespace carecast::output
