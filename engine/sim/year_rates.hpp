#pragma once
// The rates of one simulated year: the model's rates, changed by the interventions acting that year.
// Without interventions (the usual baseline) nothing is copied: the year uses the model's rates.
#include <memory>

#include "sim/model.hpp"

namespace carecast {

/// Factor on the base-year rate of new EHC plans in `interval` (YearRates::ehc_growth_factor).
double ehc_growth_factor(const Model& model, int interval);

class YearRates {
public:
    /// Rates for the interval from mid-(base_year + interval) to the next mid-year.
    YearRates(const Model& model, int interval);

    const DemographicRates& demography() const { return own_demography_ ? *own_demography_ : *demography_; }
    const CohortRates& cohorts() const { return own_cohorts_ ? *own_cohorts_ : *cohorts_; }
    /// Factor on the base-year rate of new EHC plans: the product of (1 + growth) over earlier years.
    double ehc_growth_factor() const { return ehc_growth_factor_; }

private:
    const DemographicRates* demography_;
    const CohortRates* cohorts_;
    std::unique_ptr<DemographicRates> own_demography_;
    std::unique_ptr<CohortRates> own_cohorts_;
    double ehc_growth_factor_ = 1.0;
};

}  // namespace carecast
