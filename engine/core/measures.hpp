#pragma once
// Every count the model produces is a *measure*: a stock counted at mid-year, or a flow counted over
// the interval to the next mid-year, on the (area, sex, age) grid. Modules register their measures at
// start-up; counting, the output file and the accounting tests then work from this one list.
//
// A stock declares the flows that change it, so that for every cell
//     stock(y+1, age a+1) = stock(y, age a) + inflows(a+1) - outflows(a+1)
// (ages reached at the end of the interval; the oldest age is open). Tests check this exactly.
#include <cstdint>
#include <string>
#include <vector>

namespace carecast {

enum class MeasureKind { stock, flow };

struct MeasureInfo {
    std::string name;  // variable name in the output file
    MeasureKind kind = MeasureKind::flow;
    std::string long_name;  // CF long_name
    std::string units = "1";
    std::vector<std::string> inflows;   // stocks only: flows that add to it
    std::vector<std::string> outflows;  // stocks only: flows that subtract from it
};

/// Identifies a registered measure; an index into MeasureRegistry::measures().
using MeasureId = int;

class MeasureRegistry {
public:
    /// Registers a measure and returns its id. Names must be unique.
    MeasureId add(MeasureInfo info);
    const std::vector<MeasureInfo>& measures() const { return measures_; }
    const MeasureInfo& info(MeasureId id) const { return measures_.at(static_cast<std::size_t>(id)); }
    std::size_t size() const { return measures_.size(); }
    /// Id of the measure called `name`; throws std::out_of_range if none.
    MeasureId find(const std::string& name) const;

private:
    std::vector<MeasureInfo> measures_;
};

/// Registers a stock counted in people, with the flows that add to it and those that subtract from it.
MeasureId add_stock(MeasureRegistry& registry, const std::string& name, const std::string& long_name,
                    std::vector<std::string> inflows, std::vector<std::string> outflows);

/// Registers a flow in `units` ("1": people or events; "day").
MeasureId add_flow(MeasureRegistry& registry, const std::string& name, const std::string& long_name,
                   const std::string& units = "1");

}  // namespace carecast
