#pragma once
// A person who dies or moves away leaves every stock they are in; this counts those exits so that
// each stock's accounting identity holds (care-home stays and carers count their own exits).
#include "cohorts/modules.hpp"  // MeasureIds, complete (count_demographic_exit reads it)
#include "cohorts/person_year.hpp"

namespace carecast {

/// Counts a death (`died`) or else an emigration in the demographic flows, at the cell the person would
/// have reached at the end of the interval.
inline void count_demographic_exit(const MeasureIds& ids, bool died, std::size_t cell_end, Tally& tally) {
    tally.add(died ? ids.deaths : ids.emigrants, cell_end);
}

/// Counts `p`'s death (or emigration) in the demographic flows and in every enabled module's stock they
/// were in (a disabled module's columns are not read: they may be empty).
void count_exit(const YearContext& c, const PersonYear& p, const Population& population, Tally& tally);

}  // namespace carecast
