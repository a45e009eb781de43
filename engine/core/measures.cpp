#include "core/measures.hpp"

#include <stdexcept>

namespace carecast {

MeasureId MeasureRegistry::add(MeasureInfo info) {
    for (const auto& m : measures_)
        if (m.name == info.name) throw std::logic_error("measure '" + info.name + "' registered twice");
    measures_.push_back(std::move(info));
    return static_cast<MeasureId>(measures_.size() - 1);
}

MeasureId MeasureRegistry::find(const std::string& name) const {
    for (std::size_t i = 0; i < measures_.size(); ++i)
        if (measures_[i].name == name) return static_cast<MeasureId>(i);
    throw std::out_of_range("no measure named '" + name + "'");
}

}  // namespace carecast
