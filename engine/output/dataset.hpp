#pragma once
// An in-memory description of a netCDF-4 dataset (dimensions, variables, attributes), independent of
// the model. The simulation fills one; `write_netcdf4` writes it as HDF5 that netCDF-4, xarray and R
// read. Keeping this layer generic lets every module add outputs without touching HDF5 code.
#include <cstdint>
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

/// An N-dimensional array variable, row-major over `dimensions` (last index fastest).
struct Variable {
    std::string name;
    std::vector<std::string> dimensions;  // names of Dimension entries, outermost first
    std::string long_name;                // required: CF long_name
    std::string units;                    // required: UDUNITS string, "1" for counts
    std::variant<std::vector<std::int32_t>, std::vector<std::int64_t>, std::vector<double>> data;
    std::vector<Attribute> attributes;  // extra attributes (e.g. description, cell_methods)
};

struct Dataset {
    std::vector<Dimension> dimensions;
    std::vector<Variable> variables;
    std::vector<Attribute> global_attributes;

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

}  // namespace carecast::output
