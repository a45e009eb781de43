#pragma once
// Couples and unpaid carers. Partner links are made in the base year; a partner of a person with
// dementia may become their carer (a partner-carer, linked to them); other adults start and stop
// caring at rates that keep the Census age profile. When a partner-carer dies, moves away or enters a
// care home, the person cared for loses that care (flag lost_carer, which raises their care-home
// admission hazard the following year).
//
// Reads: partner, age, sex, carer, dementia (through Outcome). Writes: carer, flags (lost_carer).
#include "cohorts/person_year.hpp"

namespace carecast {

/// Pass 2 of the yearly step for person i: caring starts and ends, partner-carers, loss of a carer,
/// and the end of partnerships. Reads only pass-1 outcomes of the partner.
/// `words` are the person's caring words from pass 1 (slots caring .. caring_hours).
void carers_year(const YearContext& c, std::size_t i, Population& population, const std::vector<std::uint8_t>& outcomes,
                 const std::uint32_t* words, Tally& tally);

/// Base-year couples: adults partnered with the shares by age and sex, men matched to women
/// `mean_age_gap` years younger (nearest available age).
void initialise_couples(const CohortRates& rates, std::uint64_t seed, std::uint32_t replicate, int base_year,
                        Population& population);

/// Base-year carers: by the prevalence profile, plus partner-carers of people with dementia.
void initialise_carers(const CohortRates& rates, std::uint64_t seed, std::uint32_t replicate, int base_year,
                       Population& population);

}  // namespace carecast
