#pragma once
// The national data pack (scenarios/data/england, see its README.md): published figures for every
// English local authority, read and checked. `carecast init` and `carecast areas` use it; the
// simulation never does. Every problem names the pack file, line, area and year.
#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"

namespace carecast::derive {

/// Ages of the pack's single-year estimates: 0..90, the last open ("90 and over").
inline constexpr int pack_open_age = 90;
inline constexpr int pack_age_count = pack_open_age + 1;

struct PackArea {
    std::string code;       // ONS code, e.g. E06000047
    std::string name;       // e.g. County Durham
    std::string geography;  // "utla" (a council with social-care duties) or "lad" (a district)
    std::string utla_code;  // the council a district belongs to (itself for a utla)
    std::string region_code, region_name;
    std::string type;  // ONS type 2021: Unitary Authority, County, ...
    bool council() const { return geography == "utla"; }
};

/// Persons at 30 June by [sex * pack_age_count + age] (sex 0 female, 1 male; core/population.hpp).
using SexAgeCounts = std::array<std::int64_t, 2 * pack_age_count>;

/// ONS MYE3 components of change for the year to mid-`year_to_mid`.
struct ComponentsOfChange {
    int year_to_mid = 0;
    std::int64_t births = 0, deaths = 0, internal_in = 0, internal_out = 0, international_in = 0, international_out = 0,
                 other = 0, population_start = 0, population_end = 0;
    std::int64_t net_migration() const {
        return internal_in - internal_out + international_in - international_out + other;
    }
};

/// DfE SEN2 age bands (January counts of statements and EHC plans).
inline constexpr std::array<const char*, 5> sen2_bands = {"under_5", "5_to_10", "11_to_15", "16_to_19", "20_to_25"};
inline constexpr std::array<std::array<int, 2>, 5> sen2_band_ages = {{{0, 4}, {5, 10}, {11, 15}, {16, 19}, {20, 25}}};

class AreaPack {
public:
    /// Opens the pack in `dir` and reads its area list; tables are read when first needed.
    /// Throws InputError naming the file and line of any problem.
    static AreaPack open(const std::filesystem::path& dir);

    const std::filesystem::path& dir() const { return dir_; }
    const std::vector<PackArea>& areas() const { return areas_; }
    const PackArea* find(const std::string& code) const;
    /// Areas whose code equals `query`, or whose name equals it (case-insensitively); failing that,
    /// names containing it. `councils_only` leaves districts out.
    std::vector<const PackArea*> match(const std::string& query, bool councils_only) const;
    /// Up to `n` names closest to `query` (edit distance), for "did you mean".
    std::vector<const PackArea*> suggestions(const std::string& query, std::size_t n) const;
    /// Districts of council `utla_code` (empty for a unitary council, whose only district is itself).
    std::vector<const PackArea*> districts(const std::string& utla_code) const;

    /// Mid-year estimate of `code` at `year`, or nullopt if the pack has no such year for it.
    const SexAgeCounts* population(const std::string& code, int year) const;
    /// Years with a mid-year estimate for `code`, ascending.
    std::vector<int> population_years(const std::string& code) const;
    /// Years the pack's estimates cover for any area (the years a base year may take).
    std::vector<int> all_population_years() const;
    const ComponentsOfChange* components(const std::string& code, int year_to_mid) const;
    /// SEN2 count (statements + EHC plans) in January `year` by band (index into sen2_bands) or
    /// total (band -1); nullopt where not published for that code and year.
    std::optional<std::int64_t> ehc_plans(const std::string& la_code, int year, int band) const;
    /// ASCOF 2020-21 measure value (e.g. "2A2") for `la_code`; nullopt if suppressed or absent.
    std::optional<double> ascof(const std::string& la_code, const std::string& measure) const;
    /// The `#` source lines of a pack file (kept in every table derived from it).
    std::vector<std::string> source_lines(const std::string& file) const;

    /// File names inside the pack.
    static constexpr const char* areas_file = "areas.csv";
    static constexpr const char* utla_population_file = "mye_syoa_sex_utla_2011-2020.csv.gz";
    static constexpr const char* lad_population_files[2] = {"mye_syoa_sex_lad_2011-2016.csv.gz",
                                                            "mye_syoa_sex_lad_2017-2020.csv.gz"};
    static constexpr const char* components_file = "mye_components_2015-2020.csv";
    static constexpr const char* sen2_file = "sen2_ehc_plans_2014-2020.csv";
    static constexpr const char* ascof_file = "ascof_2020-21.csv.gz";

private:
    void load_populations(bool districts) const;
    void load_components() const;
    void load_sen2() const;
    void load_ascof() const;

    std::filesystem::path dir_;
    std::vector<PackArea> areas_;
    mutable bool utla_loaded_ = false, lad_loaded_ = false, components_loaded_ = false, sen2_loaded_ = false,
                 ascof_loaded_ = false;
    mutable std::map<std::pair<std::string, int>, SexAgeCounts> population_;
    mutable std::map<std::pair<std::string, int>, ComponentsOfChange> components_;
    mutable std::map<std::tuple<std::string, int, int>, std::int64_t> sen2_;
    mutable std::map<std::pair<std::string, std::string>, double> ascof_;
    mutable std::map<std::string, std::vector<std::string>> sources_;
};

/// Default location of the pack: $CARECAST_DATA_DIR/england if set, else the repository's
/// scenarios/data/england (compiled in).
std::filesystem::path default_pack_dir();

}  // namespace carecast::derive
