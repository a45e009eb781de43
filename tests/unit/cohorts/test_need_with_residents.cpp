// The need table (Health Survey for England: private households) gives the shares of the people at home;
// care-home residents, all at high need, come on top of it (need_with_residents). Checked by the balance
// of people at home and in homes, by limits worked by hand and by a worked example.
#include <catch2/catch.hpp>

#include <array>

#include "cohorts/need/need_rates.hpp"

using namespace carecast;

TEST_CASE("need with residents: the people at home keep the table's shares, the residents come on top",
          "[unit][need]") {
    const std::array<std::array<double, 3>, 3> tables{{{0.2, 0.13, 0.013}, {0.77, 0.59, 0.094}, {0.9, 0.8, 0.5}}};
    for (const auto& at_home : tables)
        for (const double rho : {0.0, 0.1, 0.4, 0.7, 0.95}) {
            const auto everyone = need_with_residents(at_home, rho);
            const double in_homes = care_home_share_of_everyone(at_home[2], rho);
            CAPTURE(at_home[0], at_home[1], at_home[2], rho, in_homes);
            // A share rho of everyone at high need lives in a home.
            CHECK(in_homes == Approx(rho * everyone[2]).margin(1e-15));
            // The people at home have the table's shares at each level or above.
            for (std::size_t k = 0; k < 3; ++k) CHECK((everyone[k] - in_homes) / (1 - in_homes) == Approx(at_home[k]));
            // Shares stay nested and no lower than the table's.
            CHECK(everyone[0] >= everyone[1]);
            CHECK(everyone[1] >= everyone[2]);
            for (std::size_t k = 0; k < 3; ++k) CHECK(everyone[k] >= at_home[k] - 1e-15);
        }
}

TEST_CASE("need with residents in limits worked by hand", "[unit][need]") {
    const std::array<double, 3> at_home{0.77, 0.59, 0.094};
    // Nobody in a home: everyone's shares are the table's.
    CHECK(need_with_residents(at_home, 0.0) == at_home);
    CHECK(care_home_share_of_everyone(0.094, 0.0) == 0.0);
    // Nobody at high need at home: nobody in a home either (the share is of the people at high need).
    CHECK(care_home_share_of_everyone(0.0, 0.6) == 0.0);
    // Everyone at home at high need: everyone is, and rho of them live in a home.
    CHECK(care_home_share_of_everyone(1.0, 0.6) == Approx(0.6));
    // The share of high need in homes is at most 0.95 (resident_share_of_high_need's cap).
    CHECK(care_home_share_of_everyone(0.094, 1.0) == Approx(care_home_share_of_everyone(0.094, 0.95)));
    // Women 85+ in County Durham, roughly: 9.4% at high need at home and 60% of high need in homes give
    // 20.6% at high need in all, 12.4% of everyone in a home: h = 0.094 / (1 - 0.6 x 0.906).
    const double h = 0.094 / (1 - 0.6 * 0.906);
    CHECK(need_with_residents(at_home, 0.6)[2] == Approx(h));
    CHECK(care_home_share_of_everyone(0.094, 0.6) == Approx(0.6 * h));
    CHECK(need_with_residents(at_home, 0.6)[1] == Approx((1 - 0.6 * h) * 0.59 + 0.6 * h));
}
