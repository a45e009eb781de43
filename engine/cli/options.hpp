#pragma once
// Shared command-line parsing: Boost.Program_options with abbreviation guessing off, so `--rep` is an
// error rather than a silent `--replicates` (notes/ecosystem.md, B8).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "output/dataset.hpp"

namespace carecast::cli {

/// Parses `args` into `vm`; returns -1 on success or the exit status after printing a usage error.
int parse_options(const std::vector<std::string>& args, const boost::program_options::options_description& options,
                  const boost::program_options::positional_options_description& positional,
                  boost::program_options::variables_map& vm);

/// Parses a whole number in [lo, hi] for option `name`. Boost would silently wrap "-1" into a huge
/// unsigned value, so numbers are read here; throws std::invalid_argument with a usage message.
std::uint64_t parse_whole_number(const std::string& name, const std::string& text, std::uint64_t lo, std::uint64_t hi);

/// Flushes stdout; if that fails, prints an error and returns false (its output is lost).
bool standard_output_works();

/// Prints `carecast: error: message` to stderr and returns the usage exit status.
int usage_error(const std::string& message);

/// Reads a finished run's output file and checks it (output::verify_run_dataset); throws
/// std::runtime_error naming the file and what is wrong.
output::Dataset read_verified_run(const std::filesystem::path& path);

/// Reads and checks a finished run's output file into `dataset`; on failure prints `carecast: error: ...` naming
/// the file and returns false (the caller exits with exit_failure).
bool read_run_file(const std::filesystem::path& path, output::Dataset& dataset);

}  // namespace carecast::cli
