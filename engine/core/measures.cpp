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

MeasureId add_stock(MeasureRegistry& registry, const std::string& name, const std::string& long_name,
                    std::vector<std::string> inflows, std::vector<std::string> outflows) {
    return registry.add({name, MeasureKind::stock, long_name, "1", std::move(inflows), std::move(outflows)});
}

MeasureId add_flow(MeasureRegistry& registry, const std::string& name, const std::string& long_name,
                   const std::string& units) {
    return registry.add({name, MeasureKind::flow, long_name, units, {}, {}});
}

}  // namespace carecast
