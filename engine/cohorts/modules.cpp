#include "cohorts/modules.hpp"

namespace carecast {
namespace {

void add_columns(const auto& columns, std::vector<std::size_t>& out) {
    std::apply([&](auto... c) { (out.push_back(population_column_index(c)), ...); }, columns);
}

}  // namespace

std::vector<std::size_t> columns_in_use(const CohortConfig& config) {
    std::vector<std::size_t> out;
    if (!any_cohort_enabled(config)) {
        add_columns(demography_columns, out);
        return out;
    }
    for (std::size_t k = 0; k < population_column_count; ++k) out.push_back(k);
    return out;
}

void register_cohort_measures(const CohortConfig& config, MeasureRegistry& registry, MeasureIds& ids) {
    CohortModules::for_each([&]<typename M>() {
        if (is_enabled<M>(config)) M::register_measures(registry, ids);
    });
}

std::vector<ReportRow> cohort_report_rows() {
    std::vector<ReportRow> rows;
    CohortModules::for_each([&]<typename M>() {
        const auto own = M::report_rows();
        rows.insert(rows.end(), own.begin(), own.end());
    });
    return rows;
}

}  // namespace carecast
