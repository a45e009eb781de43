#include "output/netcdf_writer.hpp"

#include "core/text.hpp"
#include "output/hdf5_support.hpp"

#include <hdf5.h>
#include <hdf5_hl.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <set>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include <tbb/parallel_pipeline.h>

#include "core/parallel.hpp"
#include "output/atomic_file.hpp"
#include "output/deflated_chunks.hpp"

namespace carecast::output {
namespace {

// Variables with more elements than this are chunked and deflated; smaller ones stay contiguous.
constexpr std::size_t kCompressionThreshold = 4096;
// zlib level 1: a County Durham file of 20 replicates is 10% larger than at level 4 (8.3 against 7.5 MB)
// and written in 55% of the CPU time (0.35 against 0.62 s; deflate was most of it), 5 December 2026.
constexpr unsigned kDeflateLevel = 1;
// Chunks are kept under HDF5's default 1 MiB chunk cache so readers need no tuning.
constexpr std::size_t kTargetChunkBytes = std::size_t{512} * 1024;
// Variables deflated ahead of the one HDF5 is storing: enough to keep every thread busy.
constexpr std::size_t kVariablesInFlight = 16;
constexpr unsigned kCreationOrder = H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED;

/// How a dataset above kCompressionThreshold is stored. Numbers are shuffled before deflate (HDF5's
/// shuffle filter, which every netCDF-4 reader applies): counts are small, so their high bytes are mostly
/// zero and deflate finds them in long runs: England's file 206 -> 156 MB, deflate's CPU about the same
/// (bench/RESULTS.md, 6 December 2026).
/// deflate_chunks shuffles every element of more than one byte, so its variables say shuffle_and_deflate.
enum class Compression { none, deflate, shuffle_and_deflate };

using Problems = std::vector<std::string>;

// ---------------------------------------------------------------------------------------------
// Validation

bool has_control_character(const std::string& text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 || byte == 0x7f;
    });
}

void check_name(const std::string& owner, const std::string& name, Problems& problems) {
    if (name.empty()) {
        problems.push_back(owner + " has an empty name");
    } else if (name.find('/') != std::string::npos) {
        problems.push_back(owner + ": name contains '/'");
    } else if (has_control_character(name)) {
        problems.push_back(owner + ": name contains a control character");
    }
}

void check_text(const std::string& owner, const std::string& text, Problems& problems) {
    if (text.find('\0') != std::string::npos) {
        problems.push_back(owner + " contains a NUL character");
    }
}

bool is_reserved_attribute(const std::string& name) {
    static const std::set<std::string> reserved = {"CLASS", "NAME", "DIMENSION_LIST", "REFERENCE_LIST"};
    return name.starts_with('_') || reserved.contains(name);
}

/// `taken` holds names already written by the writer itself (e.g. long_name, units).
void check_attributes(const std::string& owner, const std::vector<Attribute>& attributes, std::set<std::string> taken,
                      Problems& problems) {
    for (const Attribute& attribute : attributes) {
        const std::string where = owner + " attribute " + in_quotes(attribute.name);
        check_name(where, attribute.name, problems);
        check_text(where + " value", attribute.value, problems);
        if (is_reserved_attribute(attribute.name)) {
            problems.push_back(where + " is reserved by netCDF or HDF5");
        } else if (!taken.insert(attribute.name).second) {
            problems.push_back(where + " is given more than once");
        }
    }
}

void check_dimension(const Dimension& dimension, Problems& problems) {
    const std::string owner = "dimension " + in_quotes(dimension.name);
    check_name(owner, dimension.name, problems);
    const auto n_int = dimension.int_coordinates.size();
    const auto n_string = dimension.string_coordinates.size();
    if (dimension.size == 0) {
        problems.push_back(owner + " has size 0 (netCDF-4 has no fixed dimensions of length 0)");
    }
    if (n_int != 0 && n_string != 0) {
        problems.push_back(owner + " has both integer and string coordinates");
    } else if (n_int + n_string != 0 && n_int + n_string != dimension.size) {
        problems.push_back(owner + " has " + std::to_string(n_int + n_string) + " coordinates but size " +
                           std::to_string(dimension.size));
    }
    if (n_int + n_string == 0 && !(dimension.long_name.empty() && dimension.units.empty())) {
        problems.push_back(owner + " has long_name or units but no coordinates to attach them to");
    }
    for (const std::string& label : dimension.string_coordinates) {
        check_text(owner + " coordinate " + in_quotes(label), label, problems);
    }
    check_text(owner + " long_name", dimension.long_name, problems);
    check_text(owner + " units", dimension.units, problems);
}

std::size_t data_size(const Variable& variable) {
    return std::visit([](const auto& values) { return values.size(); }, variable.data);
}

/// Product of the sizes of `variable`'s dimensions; unknown names are reported, not counted.
std::size_t expected_size(const Variable& variable, const std::unordered_map<std::string, std::size_t>& sizes,
                          const std::string& owner, Problems& problems) {
    std::size_t product = 1;
    for (const std::string& name : variable.dimensions) {
        const auto found = sizes.find(name);
        if (found == sizes.end()) {
            problems.push_back(owner + " uses unknown dimension " + in_quotes(name));
        } else if (found->second != 0 && product > std::numeric_limits<std::size_t>::max() / found->second) {
            problems.push_back(owner + " has more elements than fit in memory");
            return 0;
        } else {
            product *= found->second;
        }
    }
    return product;
}

void check_variable(const Variable& variable, bool deferred, const std::unordered_map<std::string, std::size_t>& sizes,
                    Problems& problems) {
    const std::string owner = "variable " + in_quotes(variable.name);
    check_name(owner, variable.name, problems);
    if (variable.long_name.empty()) {
        problems.push_back(owner + " has no long_name");
    }
    if (variable.units.empty()) {
        problems.push_back(owner + " has no units (use \"1\" for counts and ratios)");
    }
    check_text(owner + " long_name", variable.long_name, problems);
    check_text(owner + " units", variable.units, problems);
    const std::size_t problems_before = problems.size();
    const std::size_t expected = expected_size(variable, sizes, owner, problems);
    // A deferred variable's values are checked once computed, as they are written.
    if (problems.size() == problems_before && !deferred && data_size(variable) != expected) {
        problems.push_back(owner + " has " + std::to_string(data_size(variable)) + " values but its dimensions hold " +
                           std::to_string(expected));
    }
    check_attributes(owner, variable.attributes, {"long_name", "units"}, problems);
}

Problems find_problems(const Dataset& dataset) {
    Problems problems;
    std::set<std::string> names;
    std::unordered_map<std::string, std::size_t> sizes;
    for (const Dimension& dimension : dataset.dimensions) {
        check_dimension(dimension, problems);
        if (!names.insert(dimension.name).second) {
            problems.push_back("dimension " + in_quotes(dimension.name) + " is defined more than once");
        }
        sizes.emplace(dimension.name, dimension.size);
    }
    for (const Variable& variable : dataset.variables) {
        check_variable(variable, dataset.deferred.contains(variable.name), sizes, problems);
        if (!names.insert(variable.name).second) {
            problems.push_back("variable " + in_quotes(variable.name) +
                               " has the same name as another variable or dimension");
        }
    }
    check_attributes("global", dataset.global_attributes, {}, problems);
    return problems;
}

// ---------------------------------------------------------------------------------------------
// HDF5 helpers (Handle, QuietErrors and error_detail are in output/hdf5_support.hpp)

template <typename T>
struct HdfType;
template <>
struct HdfType<std::int32_t> {
    static hid_t file() { return H5T_STD_I32LE; }
    static hid_t memory() { return H5T_NATIVE_INT32; }
};
template <>
struct HdfType<std::int64_t> {
    static hid_t file() { return H5T_STD_I64LE; }
    static hid_t memory() { return H5T_NATIVE_INT64; }
};
template <>
struct HdfType<double> {
    static hid_t file() { return H5T_IEEE_F64LE; }
    static hid_t memory() { return H5T_NATIVE_DOUBLE; }
};

/// A variable's values with the HDF5 types to store them as.
struct TypedData {
    hid_t file_type;
    hid_t memory_type;
    const void* values;
    std::size_t element_bytes;
};

TypedData typed_data(const Values& values) {
    return std::visit(
        [](const auto& array) {
            using T = typename std::decay_t<decltype(array)>::value_type;
            return TypedData{HdfType<T>::file(), HdfType<T>::memory(), array.data(), sizeof(T)};
        },
        values);
}

hsize_t element_count(const std::vector<hsize_t>& shape) {
    hsize_t count = 1;
    for (const hsize_t extent : shape) {
        count *= extent;
    }
    return count;
}

/// Whole innermost axes where they fit in kTargetChunkBytes; outer axes are cut to fit.
std::vector<hsize_t> chunk_shape(const std::vector<hsize_t>& shape, std::size_t element_bytes) {
    const hsize_t target = std::max<hsize_t>(1, kTargetChunkBytes / element_bytes);
    std::vector<hsize_t> chunk = shape;
    hsize_t total = element_count(chunk);
    for (std::size_t axis = 0; axis < chunk.size() && total > target; ++axis) {
        const hsize_t inner = total / chunk[axis];
        chunk[axis] = std::max<hsize_t>(1, target / inner);
        total = inner * chunk[axis];
    }
    return chunk;
}

/// One entry of a scale's REFERENCE_LIST: HDF5 1.10's H5DS `ds_list_t` (an object reference and the
/// axis), whose memory layout is also the attribute's type in the file.
struct ScaleReference {
    hobj_ref_t dataset;
    int dimension;
};

/// The dimension scales of a file, looked up by dimension name.
struct Scales {
    std::vector<hdf5::Handle> handles;
    std::vector<hsize_t> sizes;
    std::unordered_map<std::string, std::size_t> index;
    std::vector<std::vector<ScaleReference>> attached;  // per scale, in the order variables attach to it

    hsize_t size(const std::string& name) const { return sizes[index.at(name)]; }
};

// ---------------------------------------------------------------------------------------------
// Writer

/// Writes one netCDF-4 file; every failure throws std::runtime_error naming the path and object.
class FileWriter {
public:
    explicit FileWriter(const std::filesystem::path& path) : path_(path.string()), file_(create_file()) {}

    void write(const Dataset& dataset);
    /// Closes the file; with H5F_CLOSE_SEMI this fails if any object is still open.
    void close();

private:
    [[noreturn]] void fail(const std::string& action) const {
        throw std::runtime_error(path_ + ": cannot " + action + hdf5::error_detail());
    }
    hid_t check_id(hid_t id, const std::string& action) const {
        if (id < 0) {
            fail(action);
        }
        return id;
    }
    void check_status(herr_t status, const std::string& action) const {
        if (status < 0) {
            fail(action);
        }
    }

    hdf5::Handle create_file() const;
    hdf5::Handle property_list(hid_t list_class, const std::string& object) const;
    hdf5::Handle creation_properties(const std::vector<hsize_t>& shape, std::size_t element_bytes, Compression compress,
                                     const std::string& object) const;
    hdf5::Handle create_dataset(const std::string& name, hid_t type, const std::vector<hsize_t>& shape,
                                hid_t properties, const std::string& object) const;
    hdf5::Handle utf8_string_type(const std::string& object) const;
    void write_string_attribute(hid_t target, const std::string& name, const std::string& value,
                                const std::string& object) const;
    void write_dimid_attribute(hid_t scale, int dimid, const std::string& object) const;
    hdf5::Handle write_coordinates(const Dimension& dimension, const std::string& object) const;
    hdf5::Handle write_bare_dimension(const Dimension& dimension, const std::string& object) const;
    hdf5::Handle write_dimension(const Dimension& dimension, int dimid) const;
    void write_variable(const Variable& variable, const Values& values, Scales& scales,
                        const std::vector<DeflatedChunk>& chunks) const;
    hobj_ref_t object_reference(hid_t object, const std::string& what) const;
    void write_dimension_list(hid_t dataset, const Variable& variable, Scales& scales, const std::string& object) const;
    void write_reference_lists(const Dataset& dataset, const Scales& scales) const;

    std::string path_;
    hdf5::Handle file_;
};

hdf5::Handle FileWriter::create_file() const {
    const hdf5::Handle creation = property_list(H5P_FILE_CREATE, "file");
    check_status(H5Pset_link_creation_order(creation.get(), kCreationOrder), "set link creation order");
    check_status(H5Pset_attr_creation_order(creation.get(), kCreationOrder), "set attribute creation order");
    check_status(H5Pset_obj_track_times(creation.get(), false), "disable timestamps on the root group");
    const hdf5::Handle access = property_list(H5P_FILE_ACCESS, "file");
    check_status(H5Pset_libver_bounds(access.get(), H5F_LIBVER_V18, H5F_LIBVER_LATEST), "set libver bounds");
    check_status(H5Pset_fclose_degree(access.get(), H5F_CLOSE_SEMI), "set the file close degree");
#if H5_VERSION_GE(1, 12, 1) || (H5_VERS_MAJOR == 1 && H5_VERS_MINOR == 10 && H5_VERS_RELEASE >= 7)
    check_status(H5Pset_file_locking(access.get(), true, true), "set best-effort file locking");
#endif
    const hid_t file = H5Fcreate(path_.c_str(), H5F_ACC_EXCL, creation.get(), access.get());
    return hdf5::Handle(check_id(file, "create the file"), H5Fclose);
}

hdf5::Handle FileWriter::property_list(hid_t list_class, const std::string& object) const {
    return hdf5::Handle(check_id(H5Pcreate(list_class), "create a property list for " + object), H5Pclose);
}

hdf5::Handle FileWriter::creation_properties(const std::vector<hsize_t>& shape, std::size_t element_bytes,
                                             Compression compress, const std::string& object) const {
    hdf5::Handle properties = property_list(H5P_DATASET_CREATE, object);
    check_status(H5Pset_attr_creation_order(properties.get(), kCreationOrder),
                 "set attribute creation order on " + object);
    // Timestamps in object headers would make otherwise identical runs differ bit for bit.
    check_status(H5Pset_obj_track_times(properties.get(), false), "disable timestamps on " + object);
    if (compress != Compression::none && element_count(shape) > kCompressionThreshold) {
        const std::vector<hsize_t> chunk = chunk_shape(shape, element_bytes);
        check_status(H5Pset_chunk(properties.get(), static_cast<int>(chunk.size()), chunk.data()),
                     "set chunking on " + object);
        if (compress == Compression::shuffle_and_deflate)
            check_status(H5Pset_shuffle(properties.get()), "set byte shuffling on " + object);
        check_status(H5Pset_deflate(properties.get(), kDeflateLevel), "set zlib compression on " + object);
    }
    return properties;
}

hdf5::Handle FileWriter::create_dataset(const std::string& name, hid_t type, const std::vector<hsize_t>& shape,
                                        hid_t properties, const std::string& object) const {
    const int rank = static_cast<int>(shape.size());
    const hid_t space_id = rank == 0 ? H5Screate(H5S_SCALAR) : H5Screate_simple(rank, shape.data(), nullptr);
    const hdf5::Handle space(check_id(space_id, "create the dataspace of " + object), H5Sclose);
    const hid_t dataset =
        H5Dcreate2(file_.get(), name.c_str(), type, space.get(), H5P_DEFAULT, properties, H5P_DEFAULT);
    return hdf5::Handle(check_id(dataset, "create " + object), H5Dclose);
}

hdf5::Handle FileWriter::utf8_string_type(const std::string& object) const {
    hdf5::Handle type(check_id(H5Tcopy(H5T_C_S1), "create a string type for " + object), H5Tclose);
    check_status(H5Tset_size(type.get(), H5T_VARIABLE), "make a variable-length string type for " + object);
    check_status(H5Tset_cset(type.get(), H5T_CSET_UTF8), "make a UTF-8 string type for " + object);
    return type;
}

void FileWriter::write_string_attribute(hid_t target, const std::string& name, const std::string& value,
                                        const std::string& object) const {
    const std::string what = "attribute " + in_quotes(name) + " of " + object;
    const hdf5::Handle type = utf8_string_type(what);
    const hdf5::Handle space(check_id(H5Screate(H5S_SCALAR), "create the dataspace of " + what), H5Sclose);
    const hid_t id = H5Acreate2(target, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT);
    const hdf5::Handle attribute(check_id(id, "create " + what), H5Aclose);
    const char* text = value.c_str();
    check_status(H5Awrite(attribute.get(), type.get(), &text), "write " + what);
}

void FileWriter::write_dimid_attribute(hid_t scale, int dimid, const std::string& object) const {
    const std::string what = "attribute '_Netcdf4Dimid' of " + object;
    const hdf5::Handle space(check_id(H5Screate(H5S_SCALAR), "create the dataspace of " + what), H5Sclose);
    const hid_t id = H5Acreate2(scale, "_Netcdf4Dimid", H5T_STD_I32LE, space.get(), H5P_DEFAULT, H5P_DEFAULT);
    const hdf5::Handle attribute(check_id(id, "create " + what), H5Aclose);
    const std::int32_t value = dimid;
    check_status(H5Awrite(attribute.get(), H5T_NATIVE_INT32, &value), "write " + what);
}

/// The coordinate variable of `dimension` (int32 or UTF-8 strings), not yet made a scale.
hdf5::Handle FileWriter::write_coordinates(const Dimension& dimension, const std::string& object) const {
    const std::vector<hsize_t> shape = {dimension.size};
    if (!dimension.int_coordinates.empty()) {
        const hdf5::Handle properties =
            creation_properties(shape, sizeof(std::int32_t), Compression::shuffle_and_deflate, object);
        hdf5::Handle dataset = create_dataset(dimension.name, H5T_STD_I32LE, shape, properties.get(), object);
        check_status(
            H5Dwrite(dataset.get(), H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, dimension.int_coordinates.data()),
            "write the coordinates of " + object);
        return dataset;
    }
    const hdf5::Handle type = utf8_string_type(object);
    const hdf5::Handle properties = creation_properties(shape, sizeof(char*), Compression::deflate, object);
    hdf5::Handle dataset = create_dataset(dimension.name, type.get(), shape, properties.get(), object);
    std::vector<const char*> labels;
    labels.reserve(dimension.string_coordinates.size());
    for (const std::string& label : dimension.string_coordinates) {
        labels.push_back(label.c_str());
    }
    check_status(H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, labels.data()),
                 "write the coordinates of " + object);
    return dataset;
}

/// The dataset standing for a dimension without coordinates: float, never written (as netCDF-C does).
hdf5::Handle FileWriter::write_bare_dimension(const Dimension& dimension, const std::string& object) const {
    const std::vector<hsize_t> shape = {dimension.size};
    const hdf5::Handle properties = creation_properties(shape, sizeof(float), Compression::none, object);
    return create_dataset(dimension.name, H5T_IEEE_F32BE, shape, properties.get(), object);
}

/// A dimension scale with `_Netcdf4Dimid` = `dimid`, plus long_name and units when given.
hdf5::Handle FileWriter::write_dimension(const Dimension& dimension, int dimid) const {
    const std::string object = "dimension " + in_quotes(dimension.name);
    const bool bare = dimension.int_coordinates.empty() && dimension.string_coordinates.empty();
    hdf5::Handle dataset = bare ? write_bare_dimension(dimension, object) : write_coordinates(dimension, object);
    std::string scale_name = dimension.name;
    if (bare) {
        char length[32];
        std::snprintf(length, sizeof length, "%10llu", static_cast<unsigned long long>(dimension.size));
        scale_name = std::string(hdf5::kBareDimensionName) + length;
    }
    check_status(H5DSset_scale(dataset.get(), scale_name.c_str()), "make " + object + " a dimension scale");
    write_dimid_attribute(dataset.get(), dimid, object);
    if (!dimension.long_name.empty()) {
        write_string_attribute(dataset.get(), "long_name", dimension.long_name, object);
    }
    if (!dimension.units.empty()) {
        write_string_attribute(dataset.get(), "units", dimension.units, object);
    }
    return dataset;
}

// Dimension scales are attached as H5DSattach_scale (HDF5 1.10) attaches them, with the same two
// attributes, but each written once: DIMENSION_LIST on the variable (per axis, a variable-length list of
// references to its scale) and, after every variable, REFERENCE_LIST on each scale ((variable, axis)
// pairs in the order they attached). H5DSattach_scale rewrote a scale's whole REFERENCE_LIST at every
// attach: quadratic in the variables, 65% of the time of writing a run file of 904 variables.

hobj_ref_t FileWriter::object_reference(hid_t object, const std::string& what) const {
    hobj_ref_t reference{};
    check_status(H5Rcreate(&reference, object, ".", H5R_OBJECT, -1), "make a reference to " + what);
    return reference;
}

void FileWriter::write_dimension_list(hid_t dataset, const Variable& variable, Scales& scales,
                                      const std::string& object) const {
    const std::string what = "attribute 'DIMENSION_LIST' of " + object;
    const std::size_t rank = variable.dimensions.size();
    std::vector<hobj_ref_t> references(rank);
    std::vector<hvl_t> lists(rank);
    const hobj_ref_t self = object_reference(dataset, object);
    for (std::size_t axis = 0; axis < rank; ++axis) {
        const std::string& name = variable.dimensions[axis];
        const std::size_t scale = scales.index.at(name);
        references[axis] = object_reference(scales.handles[scale].get(), "dimension " + in_quotes(name));
        lists[axis] = {1, &references[axis]};
        scales.attached[scale].push_back({self, static_cast<int>(axis)});
    }
    const hdf5::Handle type(check_id(H5Tvlen_create(H5T_STD_REF_OBJ), "create the type of " + what), H5Tclose);
    const hsize_t size = rank;
    const hdf5::Handle space(check_id(H5Screate_simple(1, &size, nullptr), "create the dataspace of " + what),
                             H5Sclose);
    const hid_t id = H5Acreate2(dataset, "DIMENSION_LIST", type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT);
    const hdf5::Handle attribute(check_id(id, "create " + what), H5Aclose);
    check_status(H5Awrite(attribute.get(), type.get(), lists.data()), "write " + what);
}

void FileWriter::write_reference_lists(const Dataset& dataset, const Scales& scales) const {
    const hdf5::Handle type(check_id(H5Tcreate(H5T_COMPOUND, sizeof(ScaleReference)), "create a reference list type"),
                            H5Tclose);
    check_status(H5Tinsert(type.get(), "dataset", HOFFSET(ScaleReference, dataset), H5T_STD_REF_OBJ),
                 "create a reference list type");
    check_status(H5Tinsert(type.get(), "dimension", HOFFSET(ScaleReference, dimension), H5T_NATIVE_INT),
                 "create a reference list type");
    for (std::size_t i = 0; i < scales.handles.size(); ++i) {
        const auto& entries = scales.attached[i];
        if (entries.empty()) continue;
        const std::string what = "attribute 'REFERENCE_LIST' of dimension " + in_quotes(dataset.dimensions[i].name);
        const hsize_t size = entries.size();
        const hdf5::Handle space(check_id(H5Screate_simple(1, &size, nullptr), "create the dataspace of " + what),
                                 H5Sclose);
        const hid_t id =
            H5Acreate2(scales.handles[i].get(), "REFERENCE_LIST", type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT);
        const hdf5::Handle attribute(check_id(id, "create " + what), H5Aclose);
        check_status(H5Awrite(attribute.get(), type.get(), entries.data()), "write " + what);
    }
}

void FileWriter::write_variable(const Variable& variable, const Values& values, Scales& scales,
                                const std::vector<DeflatedChunk>& chunks) const {
    const std::string object = "variable " + in_quotes(variable.name);
    std::vector<hsize_t> shape;
    for (const std::string& name : variable.dimensions) {
        shape.push_back(scales.size(name));
    }
    const TypedData data = typed_data(values);
    const hdf5::Handle properties =
        creation_properties(shape, data.element_bytes,
                            data.element_bytes > 1 ? Compression::shuffle_and_deflate : Compression::deflate, object);
    const hdf5::Handle dataset = create_dataset(variable.name, data.file_type, shape, properties.get(), object);
    if (chunks.empty())
        check_status(H5Dwrite(dataset.get(), data.memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data.values),
                     "write the values of " + object);
    for (const DeflatedChunk& chunk : chunks)
        check_status(
            H5Dwrite_chunk(dataset.get(), H5P_DEFAULT, 0, chunk.offset.data(), chunk.bytes.size(), chunk.bytes.data()),
            "write a chunk of " + object);
    write_string_attribute(dataset.get(), "long_name", variable.long_name, object);
    write_string_attribute(dataset.get(), "units", variable.units, object);
    for (const Attribute& attribute : variable.attributes) {
        write_string_attribute(dataset.get(), attribute.name, attribute.value, object);
    }
    if (!variable.dimensions.empty()) write_dimension_list(dataset.get(), variable, scales, object);
}

void FileWriter::write(const Dataset& dataset) {
    for (const Attribute& attribute : dataset.global_attributes) {
        write_string_attribute(file_.get(), attribute.name, attribute.value, "the root group");
    }
    Scales scales;
    for (std::size_t i = 0; i < dataset.dimensions.size(); ++i) {
        const Dimension& dimension = dataset.dimensions[i];
        scales.handles.push_back(write_dimension(dimension, static_cast<int>(i)));
        scales.sizes.push_back(dimension.size);
        scales.index.emplace(dimension.name, i);
    }
    scales.attached.resize(scales.handles.size());
    // A pipeline: the chunked variables' chunks are deflated in parallel while HDF5 stores the variables
    // already deflated, in order, one at a time (the last stage runs on one thread at a time, so HDF5 is
    // never called concurrently), and each variable's deflated bytes are freed once stored. Deflating
    // everything first left HDF5's own writing after all of it, on the critical path.
    // A deferred variable (Dataset::deferred) is computed in the same parallel stage, so that only the
    // variables in flight hold their computed values.
    const std::size_t count = dataset.variables.size();
    std::size_t next = 0;
    struct Prepared {
        Values computed;  // a deferred variable's values; empty otherwise
        std::vector<DeflatedChunk> deflated;
    };
    auto prepare_variable = [&](std::size_t v) {
        Prepared prepared;
        const Variable& variable = dataset.variables[v];
        std::vector<hsize_t> shape;
        for (const std::string& name : variable.dimensions) {
            shape.push_back(scales.size(name));
        }
        const Values& values = values_of(dataset, variable, prepared.computed);
        const std::size_t size = std::visit([](const auto& array) { return array.size(); }, values);
        if (size != element_count(shape)) {
            throw std::runtime_error("variable " + in_quotes(variable.name) + " was computed with " +
                                     std::to_string(size) + " values but its dimensions hold " +
                                     std::to_string(element_count(shape)));
        }
        const TypedData data = typed_data(values);
        // Stored as they are in memory: only where the file's byte order is this machine's.
        if (std::endian::native != std::endian::little || element_count(shape) <= kCompressionThreshold) {
            return prepared;
        }
        const std::vector<hsize_t> chunk = chunk_shape(shape, data.element_bytes);
        if (chunks_are_contiguous(shape, chunk)) {
            prepared.deflated = deflate_chunks(data.values, data.element_bytes, shape, chunk, kDeflateLevel);
            // Stored from its chunks: the values are freed, their type (the file's type) kept.
            std::visit([](auto& array) { std::decay_t<decltype(array)>().swap(array); }, prepared.computed);
        }
        return prepared;
    };
    // The stages pass only a variable's index; what the parallel stage prepares waits in its slot. oneTBB
    // hands the tokens over, and runs each serial stage on any thread in turn, inside libtbb.so, where
    // ThreadSanitizer cannot see it: tsan_release/tsan_acquire state those orderings (nothing elsewhere).
    std::vector<Prepared> slots(count);
    const char before = 0, input_stage = 0, output_stage = 0;
    tsan_release(&before);
    tbb::parallel_pipeline(
        kVariablesInFlight,
        tbb::make_filter<void, std::size_t>(tbb::filter_mode::serial_in_order,
                                            [&](tbb::flow_control& control) -> std::size_t {
                                                tsan_acquire(&before);
                                                tsan_acquire(&input_stage);
                                                if (next == count) control.stop();
                                                const std::size_t v = next++;
                                                tsan_release(&input_stage);
                                                return v;
                                            }) &
            tbb::make_filter<std::size_t, std::size_t>(tbb::filter_mode::parallel,
                                                       [&](std::size_t v) {
                                                           tsan_acquire(&before);
                                                           slots[v] = prepare_variable(v);
                                                           tsan_release(&slots[v]);
                                                           return v;
                                                       }) &
            tbb::make_filter<std::size_t, void>(tbb::filter_mode::serial_in_order, [&](std::size_t v) {
                tsan_acquire(&before);
                tsan_acquire(&output_stage);
                tsan_acquire(&slots[v]);
                // Any thread may run this stage, and HDF5's error printing is set per thread.
                const hdf5::QuietErrors quiet;
                const Variable& variable = dataset.variables[v];
                const bool deferred = dataset.deferred.contains(variable.name);
                write_variable(variable, deferred ? slots[v].computed : variable.data, scales, slots[v].deflated);
                slots[v] = Prepared{};  // stored: its bytes freed
                tsan_release(&output_stage);
            }));
    tsan_acquire(&output_stage);
    write_reference_lists(dataset, scales);
}

void FileWriter::close() {
    check_status(file_.close(), "close the file (an HDF5 object is still open, or the final flush failed)");
}

}  // namespace

void validate_dataset(const Dataset& dataset) {
    const Problems problems = find_problems(dataset);
    if (problems.empty()) {
        return;
    }
    std::string message = "invalid netCDF dataset:";
    for (const std::string& problem : problems) {
        message += "\n  " + problem;
    }
    throw std::invalid_argument(message);
}

void write_netcdf4(const Dataset& dataset, const std::filesystem::path& path) {
    validate_dataset(dataset);
    const hdf5::QuietErrors quiet;
    FileWriter writer(path);
    writer.write(dataset);
    writer.close();
}

void overwrite_global_attribute(const std::filesystem::path& path, const std::string& name, const std::string& value) {
    const hdf5::QuietErrors quiet;
    const std::string what = path.string() + ": cannot overwrite attribute " + in_quotes(name);
    auto check = [&](auto status, const std::string& action) {
        if (status < 0) throw std::runtime_error(what + " (" + action + ")" + hdf5::error_detail());
        return status;
    };
    const hdf5::Handle access(check(H5Pcreate(H5P_FILE_ACCESS), "create a property list"), H5Pclose);
    check(H5Pset_libver_bounds(access.get(), H5F_LIBVER_V18, H5F_LIBVER_LATEST), "set libver bounds");
    check(H5Pset_fclose_degree(access.get(), H5F_CLOSE_SEMI), "set the file close degree");
    hdf5::Handle file(check(H5Fopen(path.c_str(), H5F_ACC_RDWR, access.get()), "open the file"), H5Fclose);
    {
        const hdf5::Handle attribute(check(H5Aopen(file.get(), name.c_str(), H5P_DEFAULT), "open it"), H5Aclose);
        const hdf5::Handle type(check(H5Aget_type(attribute.get()), "read its type"), H5Tclose);
        // Written by write_string_attribute: a variable-length string, so any new length fits.
        const char* text = value.c_str();
        check(H5Awrite(attribute.get(), type.get(), &text), "write it");
    }
    check(file.close(), "close the file");
}

void write_netcdf4_file(const Dataset& dataset, const std::filesystem::path& target, bool overwrite) {
    validate_dataset(dataset);
    publish_atomically(target, overwrite,
                       [&dataset](const std::filesystem::path& temp) { write_netcdf4(dataset, temp); });
}

}  // namespace carecast::output
