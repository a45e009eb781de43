#pragma once
// The files `carecast init` writes for a council: a commented, ready-to-run baseline scenario and its
// derived tables, plus copies of the national tables it reads, so the folder stands on its own.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "derive/area_derivation.hpp"

namespace carecast::derive {

struct InitOptions {
    DerivationOptions derivation;
    int horizon_year = 0;  // 0: base year + 20
    std::uint64_t seed = schema_default<RunSettings, std::uint64_t>(RunSettings::kSeedFieldNumber);
    std::uint32_t replicates = schema_default<RunSettings, std::uint32_t>(RunSettings::kReplicatesFieldNumber);
    std::filesystem::path local_dir;  // local figures of particular councils (data/local/<code>/)
    std::string command_line;         // recorded in the scenario's header
};

/// File contents keyed by path relative to the output folder.
using FileSet = std::map<std::filesystem::path, std::string>;

/// Name used in file names: "County Durham" -> "county_durham".
std::string area_slug(const std::string& name);

/// Every file of one council's baseline (scenario, derived tables, national copies), in memory.
FileSet council_files(const AreaPack& pack, const DerivedArea& area, const InitOptions& options);

/// Every file of one multi-area scenario (England, a list of councils, or a county by district):
/// per-area tables with an `area` column and an area-parameters table (one row per area).
FileSet multi_area_files(const AreaPack& pack, const std::vector<DerivedArea>& areas, const std::string& name,
                         const std::string& title, const InitOptions& options);

/// Writes `files` under `dir`: nothing is written unless every file can be (existing files with
/// different contents are refused unless `force`); each file is published atomically. Returns the
/// paths written.
std::vector<std::filesystem::path> write_file_set(const std::filesystem::path& dir, const FileSet& files, bool force);

}  // namespace carecast::derive
