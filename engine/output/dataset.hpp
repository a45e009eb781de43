#pragma once
// An in-memory description of a netCDF-4 dataset (dimensions, variables, attributes), independent of
// the model. The simulation fills one; `write_netcdf4` writes it as HDF5 that netCDF-4, xarray and R
// read. Keeping this layer generic lets every module add outputs without touching HDF5 code.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace carecast::output {

/// A named axis. With `int_coordinates` or `string_coordinates` it is a coordinate variable
/// (an HDF5 dimension scale holding those values); with neither it is a bare netCDF dimension.
struct Dimension {
    std::string name;
    std::size_t size = 0;
    std::string long_name;                        // written when non-empty
    std::string units;                            // written when non-empty
    std::vector<std::int32_t> int_coordinates;    // size() values, or empty
    std::vector<std::string> string_coordinates;  // size() values, or empty
};

/// A string-valued attribute (netCDF NC_STRING / fixed-length char both read fine).
struct Attribute {
    std::string name;
    std::string value;
};

/// A variable's values, in one of the types a file stores.
using Values = std::variant<std::vector<std::int32_t>, std::vector<std::int64_t>, std::vector<double>>;

/// An N-dimensional array variable, row-major over `dimensions` (last index fastest).
struct Variable {
    std::string name;
    std::vector<std::string> dimensions;  // names of Dimension entries, outermost first
    std::string long_name;                // required: CF long_name
    std::string units;                    // required: UDUNITS string, "1" for counts
    Values data;                          // empty for a deferred variable (Dataset::deferred)
    std::vector<Attribute> attributes;    // extra attributes (e.g. description, cell_methods)
};

struct Dataset;
/// Computes a deferred variable's values from the rest of the dataset.
using ComputeValues = std::function<Values(const Dataset&)>;

struct Dataset {
    std::vector<Dimension> dimensions;
    std::vector<Variable> variables;
    std::vector<Attribute> global_attributes;
    /// Variables, by name, whose values are computed when they are needed (the file written, the
    /// dataset encoded) rather than held in `data`, which stays empty: a run's statistics across
    /// replicates are derived from its counts and, as doubles, 8 times their size with one replicate
    /// (2.1 GB of an England run's 2.6 GB when they were all held at once). The writer computes a few
    /// at a time and frees each once stored.
    std::map<std::string, ComputeValues, std::less<>> deferred;

    /// Sets a global attribute, replacing the value of one that exists (order kept) or adding it last.
    void set_attribute(const std::string& name, const std::string& value) {
        for (Attribute& attribute : global_attributes) {
            if (attribute.name == name) {
                attribute.value = value;
                return;
            }
        }
        global_attributes.push_back({name, value});
    }
};

/// The dimension called `name`, or null.
inline const Dimension* find_dimension(const Dataset& dataset, std::string_view name) {
    for (const auto& d : dataset.dimensions)
        if (d.name == name) return &d;
    return nullptr;
}

/// The variable called `name`, or null.
inline const Variable* find_variable(const Dataset& dataset, std::string_view name) {
    for (const auto& v : dataset.variables)
        if (v.name == name) return &v;
    return nullptr;
}

/// `variable`'s values: its `data`, or, if it is deferred, computed into `scratch` (held as long as
/// the caller keeps `scratch`).
inline const Values& values_of(const Dataset& dataset, const Variable& variable, Values& scratch) {
    const auto found = dataset.deferred.find(variable.name);
    if (found == dataset.deferred.end()) return variable.data;
    scratch = found->second(dataset);
    return scratch;
}

/// Computes every deferred variable into its `data` (for code that reads a dataset's values in memory
/// instead of writing it).
inline void compute_deferred(Dataset& dataset) {
    for (auto& variable : dataset.variables) {
        const auto found = dataset.deferred.find(variable.name);
        if (found != dataset.deferred.end()) variable.data = found->second(dataset);
    }
    dataset.deferred.clear();
}

}  // namespace carecast::output
