#pragma once
// HDF5 helpers shared by the netCDF-4 writer and reader (internal to engine/output): an owning handle,
// a scope that turns HDF5's printed error stack into exceptions, and the stack's innermost message.
#include <hdf5.h>

#include <string>
#include <utility>

namespace carecast::output::hdf5 {

// netCDF-C (libhdf5/nc4hdf.c) and h5netcdf (dimensions.py) mark a dimension without a coordinate
// variable with this NAME (the writer appends the length formatted "%10d").
constexpr const char* kBareDimensionName = "This is a netCDF dimension but not a netCDF variable.";

/// Owns an HDF5 identifier and closes it with the matching H5?close function.
class Handle {
public:
    using Closer = herr_t (*)(hid_t);
    Handle(hid_t id, Closer closer) noexcept : id_(id), closer_(closer) {}
    Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)), closer_(other.closer_) {}
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    Handle& operator=(Handle&&) = delete;
    ~Handle() { close(); }

    hid_t get() const noexcept { return id_; }
    /// Closes now and returns the HDF5 status (negative on failure), which a destructor cannot report.
    herr_t close() noexcept {
        const herr_t status = id_ >= 0 ? closer_(id_) : 0;
        id_ = H5I_INVALID_HID;
        return status;
    }

private:
    hid_t id_;
    Closer closer_;
};

/// Silences HDF5's automatic error-stack printing for this scope; errors become exceptions instead.
class QuietErrors {
public:
    QuietErrors() {
        H5Eget_auto2(H5E_DEFAULT, &function_, &data_);
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    }
    ~QuietErrors() { H5Eset_auto2(H5E_DEFAULT, function_, data_); }
    QuietErrors(const QuietErrors&) = delete;
    QuietErrors& operator=(const QuietErrors&) = delete;

private:
    H5E_auto2_t function_ = nullptr;
    void* data_ = nullptr;
};

/// The most specific message on HDF5's error stack (which is then cleared), as ": message".
inline std::string error_detail() {
    std::string detail;
    H5Ewalk2(
        H5E_DEFAULT, H5E_WALK_UPWARD,
        [](unsigned depth, const H5E_error2_t* error, void* out) -> herr_t {
            if (depth == 0 && error->desc != nullptr) *static_cast<std::string*>(out) = error->desc;
            return 0;
        },
        &detail);
    H5Eclear2(H5E_DEFAULT);
    // A failed system call is described with a time, descriptor, buffer address...: keep its error.
    const auto system_error = detail.find("error message = '");
    if (system_error != std::string::npos) {
        const auto start = system_error + 17;
        const auto end = detail.find('\'', start);
        detail = detail.substr(0, detail.find(':')) + ": " + detail.substr(start, end - start);
    }
    if (const auto newline = detail.find('\n'); newline != std::string::npos) detail.resize(newline);
    return detail.empty() ? std::string() : ": " + detail;
}

}  // namespace carecast::output::hdf5
