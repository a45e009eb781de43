// The base-year care-home stock with the need module is a steady state of the yearly flows: with a share
// r of the people at high need in homes, the flow in, ((1 - q) H + E) times the admission hazard, equals
// the flow out, R times the leave hazard (resident_share_of_high_need), and the council's admissions
// per person at high need are a ((1 - q)(1 - r) + e) (admissions_per_high_need). Checked by the balance
// itself, by limits worked by hand, and by the rescaled admission factor meeting the table.
#include <catch2/catch.hpp>

#include <cmath>

#include "cohorts/care_homes/care_home_steady_state.hpp"

using namespace carecast;

TEST_CASE("the resident share of high need balances the flows in and out", "[unit][care_homes]") {
    for (const double a : {0.05, 0.2, 0.5, 0.9})
        for (const double leave : {0.3, 0.7, 1.5})
            for (const double e : {0.0, 0.2, 0.6})
                for (const double q : {0.0, 0.1, 0.4}) {
                    const double r = resident_share_of_high_need(a, leave, e, q);
                    if (r >= 0.95) continue;  // capped: no balance to check
                    const double admission_hazard = -std::log(1 - a);
                    CAPTURE(a, leave, e, q, r);
                    CHECK(r * leave == Approx(((1 - q) * (1 - r) + e) * admission_hazard).epsilon(1e-12));
                }
}

TEST_CASE("the resident share of high need in limits worked by hand", "[unit][care_homes]") {
    // No admissions: nobody in a home.
    CHECK(resident_share_of_high_need(0.0, 0.5, 0.3, 0.1) == 0.0);
    // Nobody dies at home and nobody reaches high need in the year: x / (1 + x).
    const double x = -std::log(1 - 0.2) / 0.5;
    CHECK(resident_share_of_high_need(0.2, 0.5, 0.0, 0.0) == Approx(x / (1 + x)));
    // Stays of at most 10 years: a leave hazard of 0 counts as 0.1.
    CHECK(resident_share_of_high_need(0.2, 0.0, 0.0, 0.0) == Approx(resident_share_of_high_need(0.2, 0.1, 0.0, 0.0)));
    // At most 0.95.
    CHECK(resident_share_of_high_need(0.99, 0.05, 1.0, 0.0) == 0.95);
}

TEST_CASE("council admissions per person at high need come from those at home", "[unit][care_homes]") {
    const double council = 0.3, admission = 0.4, leave = 0.6, e = 0.25, q = 0.15;
    const double r = resident_share_of_high_need(admission, leave, e, q);
    CHECK(admissions_per_high_need(council, admission, leave, e, q) ==
          Approx(council * ((1 - q) * (1 - r) + e)).epsilon(1e-12));
    // Without deaths, entrants or residents the flow is the probability itself.
    CHECK(admissions_per_high_need(council, 0.0, leave, 0.0, 0.0) == Approx(council));
}
