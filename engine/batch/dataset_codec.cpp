#include "batch/dataset_codec.hpp"

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <type_traits>
#include <variant>

namespace carecast::batch {
namespace {

using output::Attribute;
using output::Dataset;
using output::Dimension;
using output::Values;
using output::Variable;

class Writer {
public:
    void number(std::uint64_t value) { raw(&value, sizeof value); }
    void text(const std::string& value) {
        number(value.size());
        raw(value.data(), value.size());
    }
    template <typename T>
    void array(const std::vector<T>& values) {
        static_assert(std::is_trivially_copyable_v<T>);
        number(values.size());
        raw(values.data(), values.size() * sizeof(T));
    }
    void texts(const std::vector<std::string>& values) {
        number(values.size());
        for (const auto& value : values) text(value);
    }
    void attributes(const std::vector<Attribute>& values) {
        number(values.size());
        for (const auto& attribute : values) {
            text(attribute.name);
            text(attribute.value);
        }
    }
    std::string bytes;

private:
    void raw(const void* data, std::size_t size) {
        if (size != 0) bytes.append(static_cast<const char*>(data), size);
    }
};

class Reader {
public:
    explicit Reader(const std::string& bytes) : bytes_(bytes) {}
    std::uint64_t number() {
        std::uint64_t value = 0;
        raw(&value, sizeof value);
        return value;
    }
    std::string text() {
        const std::uint64_t size = length(1);
        std::string value(size, '\0');
        raw(value.data(), size);
        return value;
    }
    template <typename T>
    std::vector<T> array() {
        const std::uint64_t size = length(sizeof(T));
        std::vector<T> values(size);
        raw(values.data(), size * sizeof(T));
        return values;
    }
    std::vector<std::string> texts() {
        std::vector<std::string> values(length(sizeof(std::uint64_t)));
        for (auto& value : values) value = text();
        return values;
    }
    std::vector<Attribute> attributes() {
        std::vector<Attribute> values(length(2 * sizeof(std::uint64_t)));
        for (auto& attribute : values) {
            attribute.name = text();
            attribute.value = text();
        }
        return values;
    }
    bool at_end() const { return position_ == bytes_.size(); }

private:
    /// A count of elements of at least `element_bytes` each, checked against the bytes remaining.
    std::uint64_t length(std::size_t element_bytes) {
        const std::uint64_t size = number();
        if (size > (bytes_.size() - position_) / element_bytes) throw std::runtime_error("malformed bytes from a rank");
        return size;
    }
    void raw(void* data, std::size_t size) {
        if (size > bytes_.size() - position_) throw std::runtime_error("truncated bytes from a rank");
        if (size != 0) std::memcpy(data, bytes_.data() + position_, size);
        position_ += size;
    }
    const std::string& bytes_;
    std::size_t position_ = 0;
};

}  // namespace

std::string encode_dataset(const Dataset& dataset) {
    Writer out;
    out.number(dataset.dimensions.size());
    for (const Dimension& dimension : dataset.dimensions) {
        out.text(dimension.name);
        out.number(dimension.size);
        out.text(dimension.long_name);
        out.text(dimension.units);
        out.array(dimension.int_coordinates);
        out.texts(dimension.string_coordinates);
    }
    out.number(dataset.variables.size());
    for (const Variable& variable : dataset.variables) {
        out.text(variable.name);
        out.texts(variable.dimensions);
        out.text(variable.long_name);
        out.text(variable.units);
        Values computed;  // a deferred variable's values, computed for the bytes (they arrive held)
        const Values& values = output::values_of(dataset, variable, computed);
        out.number(values.index());
        std::visit([&out](const auto& array) { out.array(array); }, values);
        out.attributes(variable.attributes);
    }
    out.attributes(dataset.global_attributes);
    return std::move(out.bytes);
}

Dataset decode_dataset(const std::string& bytes) {
    Reader in(bytes);
    Dataset dataset;
    const std::uint64_t dimensions = in.number();
    if (dimensions > bytes.size()) throw std::runtime_error("malformed dataset bytes");
    for (std::uint64_t i = 0; i < dimensions; ++i) {
        Dimension dimension;
        dimension.name = in.text();
        dimension.size = in.number();
        dimension.long_name = in.text();
        dimension.units = in.text();
        dimension.int_coordinates = in.array<std::int32_t>();
        dimension.string_coordinates = in.texts();
        dataset.dimensions.push_back(std::move(dimension));
    }
    const std::uint64_t variables = in.number();
    if (variables > bytes.size()) throw std::runtime_error("malformed dataset bytes");
    for (std::uint64_t i = 0; i < variables; ++i) {
        Variable variable;
        variable.name = in.text();
        variable.dimensions = in.texts();
        variable.long_name = in.text();
        variable.units = in.text();
        switch (in.number()) {
            case 0:
                variable.data = in.array<std::int32_t>();
                break;
            case 1:
                variable.data = in.array<std::int64_t>();
                break;
            case 2:
                variable.data = in.array<double>();
                break;
            default:
                throw std::runtime_error("malformed dataset bytes (unknown value type)");
        }
        variable.attributes = in.attributes();
        dataset.variables.push_back(std::move(variable));
    }
    dataset.global_attributes = in.attributes();
    if (!in.at_end()) throw std::runtime_error("malformed dataset bytes (trailing data)");
    return dataset;
}

std::string encode_area_part(const AreaPart& part, const std::string& host) {
    Writer out;
    out.text(host);
    out.number(part.first_area);
    out.number(part.area_count);
    out.number(part.replicates.size());
    for (const ReplicateCounts& counts : part.replicates) {
        out.number(counts.values.size());
        for (const auto& values : counts.values) out.array(values);
        out.array(counts.stays);
        out.array(counts.parameters);
        out.array(counts.money_draws);
    }
    return std::move(out.bytes);
}

AreaPart decode_area_part(const std::string& bytes, std::string& host) {
    Reader in(bytes);
    host = in.text();
    AreaPart part;
    const std::uint64_t first = in.number();
    const std::uint64_t count = in.number();
    const std::uint64_t replicates = in.number();
    if (first > UINT32_MAX || count > UINT32_MAX || replicates > bytes.size())
        throw std::runtime_error("malformed area part bytes");
    part.first_area = static_cast<std::uint32_t>(first);
    part.area_count = static_cast<std::uint32_t>(count);
    part.replicates.resize(replicates);
    for (ReplicateCounts& counts : part.replicates) {
        const std::uint64_t measures = in.number();
        if (measures > bytes.size()) throw std::runtime_error("malformed area part bytes");
        for (std::uint64_t m = 0; m < measures; ++m) counts.values.push_back(in.array<std::int32_t>());
        counts.stays = in.array<CompletedStay>();
        counts.parameters = in.array<double>();
        counts.money_draws = in.array<double>();
    }
    if (!in.at_end()) throw std::runtime_error("malformed area part bytes (trailing data)");
    return part;
}

}  // namespace carecast::batch
