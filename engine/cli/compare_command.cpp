// carecast compare BASE.h5 WHATIF.h5: what-if minus baseline for each key indicator and year, from
// differences paired by replicate (common random numbers), with a 95% confidence interval; optionally
// as CSV and as a workbook for a budget meeting (report/comparison_workbook.hpp).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include <boost/program_options.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "output/atomic_file.hpp"
#include "report/comparison_workbook.hpp"
#include "report/dataset_query.hpp"
#include "report/format.hpp"
#include "report/indicators.hpp"
#include "report/paired_comparison.hpp"

namespace carecast::cli {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

po::options_description compare_options() {
    po::options_description options("Options for `carecast compare BASE.h5 WHATIF.h5`");
    options.add_options()("help,h", "show this help")("base", po::value<std::string>()->value_name("BASE"),
                                                      "the baseline run (.nc or .h5)")(
        "whatif", po::value<std::string>()->value_name("WHATIF"), "the what-if run, same seed and replicates")(
        "all", "every indicator (default: the key indicators only)")(
        "years", po::value<std::string>()->value_name("LIST"), "only these years, e.g. 2020,2025,2030")(
        "csv", po::value<std::string>()->value_name("FILE"), "also write every indicator and year as CSV (.csv)")(
        "xlsx", po::value<std::string>()->value_name("FILE"),
        "also write a workbook (.xlsx): cost and MTFP pressure by budget line and financial year in cash and real "
        "terms, cost by client group, the population and cohorts by age band, every indicator")(
        "force", "overwrite the output files if they exist");
    return options;
}

std::vector<int> parse_years(const std::string& text) {
    std::vector<int> years;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        if (item.empty()) continue;
        years.push_back(static_cast<int>(parse_whole_number("years", item, 1800, 2300)));
    }
    if (years.empty())
        throw std::invalid_argument("--years needs a list of years such as 2020,2030 (got '" + text + "')");
    return years;
}

std::string pad(const std::string& text, std::size_t width, bool right) {
    // Width in characters, counting UTF-8 continuation bytes as nothing.
    std::size_t shown = 0;
    for (const unsigned char c : text) shown += (c & 0xC0) != 0x80;
    if (shown >= width) return text;
    const std::string fill(width - shown, ' ');
    return right ? fill + text : text + fill;
}

std::string comparison_csv(const std::vector<analysis::ComparisonRow>& rows) {
    using report::csv_field;
    using report::exact_number;
    std::string text =
        "\xEF\xBB\xBFindicator_id,indicator,year,year_basis,unit,replicates,baseline_mean,whatif_mean,"
        "difference_mean,difference_ci95_low,difference_ci95_high,difference_p5,difference_p95,"
        "distinguishable_from_zero\r\n";
    for (const auto& r : rows) {
        const auto& s = *r.base;
        const auto& d = r.difference;
        const std::vector<std::string> fields = {s.id,
                                                 s.label,
                                                 s.time_label(r.base_time),
                                                 report::time_basis(s.time_dimension),
                                                 s.unit,
                                                 std::to_string(d.replicates),
                                                 exact_number(d.base_mean),
                                                 exact_number(d.whatif_mean),
                                                 exact_number(d.mean),
                                                 exact_number(d.ci_low),
                                                 exact_number(d.ci_high),
                                                 exact_number(d.p5),
                                                 exact_number(d.p95),
                                                 d.distinguishable ? "yes" : "no"};
        for (std::size_t i = 0; i < fields.size(); ++i) text += (i ? "," : "") + csv_field(fields[i]);
        text += "\r\n";
    }
    return text;
}

}  // namespace

int compare_command(const std::vector<std::string>& args) {
    const auto options = compare_options();
    po::positional_options_description positional;
    positional.add("base", 1).add("whatif", 1);
    po::variables_map vm;
    if (const int status = parse_options(args, options, positional, vm); status >= 0) return status;
    if (vm.count("help")) {
        std::cout << "Usage: carecast compare BASE.h5 WHATIF.h5 [--all] [--years LIST] [--csv FILE] [--xlsx FILE] "
                     "[--force]\n\n"
                     "Both runs must use the same seed, replicates, years and areas: replicate r of the what-if is "
                     "paired with replicate r of the baseline (common random numbers).\n\n"
                  << options;
        return exit_ok;
    }
    if (!vm.count("base") || !vm.count("whatif"))
        return usage_error(
            "compare: need two runs: carecast compare BASE.h5 WHATIF.h5 (see `carecast compare --help`)");
    std::vector<int> years;
    try {
        if (vm.count("years")) years = parse_years(vm["years"].as<std::string>());
    } catch (const std::invalid_argument& e) {
        return usage_error(e.what());
    }
    std::optional<fs::path> csv, xlsx;
    const bool force = vm.count("force") > 0;
    for (const auto& [option, extension] : {std::pair<std::string, std::string>{"csv", ".csv"}, {"xlsx", ".xlsx"}}) {
        if (!vm.count(option)) continue;
        const fs::path target(vm[option].as<std::string>());
        if (target.extension() != extension)
            return usage_error("comparison file '" + target.string() + "' must end in " + extension);
        (option == "csv" ? csv : xlsx) = target;
    }
    for (const auto* target : {&csv, &xlsx}) {
        if (!*target) continue;
        if (fs::exists(**target) && !force) {
            std::cerr << "carecast: error: '" << (*target)->string() << "' exists; use --force to overwrite it\n";
            return exit_failure;
        }
        try {
            output::check_output_target(**target, force);
        } catch (const std::exception& e) {
            std::cerr << "carecast: error: " << e.what() << "\n";
            return exit_failure;
        }
    }
    const fs::path base_path = vm["base"].as<std::string>();
    const fs::path whatif_path = vm["whatif"].as<std::string>();
    output::Dataset base, whatif;
    if (!read_run_file(base_path, base) || !read_run_file(whatif_path, whatif)) return exit_failure;
    const auto problems = analysis::pairing_problems(base, whatif, base_path.string(), whatif_path.string());
    if (!problems.empty()) {
        for (const auto& p : problems) std::cerr << "carecast: error: cannot compare: " << p << "\n";
        return exit_failure;
    }
    const auto base_set = report::compute_indicators(base);
    const auto whatif_set = report::compute_indicators(whatif);
    const auto rows = analysis::compare_indicators(base_set, whatif_set);

    const auto replicates = report::global_attribute(base, "replicates", "?");
    std::cout << "What-if \"" << report::global_attribute(whatif, "scenario_name") << "\" (" << whatif_path.string()
              << ") minus baseline \"" << report::global_attribute(base, "scenario_name") << "\" ("
              << base_path.string() << ")\n"
              << "Seed " << report::global_attribute(base, "seed") << ", " << replicates
              << " paired replicates. Difference: mean of the paired differences; 95% CI: confidence interval for "
                 "that mean (Student t); P5 to P95: of the paired differences; * : the CI excludes zero.\n\n";
    const std::size_t w_label = 46;
    std::cout << pad("Indicator", w_label, false) << pad("Year", 9, false) << pad("Baseline", 13, true)
              << pad("What-if", 13, true) << pad("Difference", 13, true) << pad("95% CI", 28, true)
              << pad("P5 to P95", 28, true) << "\n";
    std::string previous;
    std::size_t shown = 0, marked = 0;
    for (const auto& row : rows) {
        const auto& s = *row.base;
        if (!vm.count("all") && !s.headline) continue;
        if (!years.empty() && std::find(years.begin(), years.end(), s.times[row.base_time]) == years.end()) continue;
        const auto& d = row.difference;
        const auto k = s.kind;
        // A variable without a replicate dimension (an envelope, a capacity) is an input: no interval.
        const std::string ci = s.replicates.empty() ? "(an input: exact)"
                               : d.replicates < 2   ? "(needs 2+ replicates)"
                                                    : report::format_difference(k, d.ci_low) + " to " +
                                                        report::format_difference(k, d.ci_high);
        if (s.id != previous && !previous.empty()) std::cout << "\n";
        previous = s.id;
        std::cout << pad(s.label.size() > w_label - 2 ? s.label.substr(0, w_label - 3) + "." : s.label, w_label, false)
                  << pad(s.time_label(row.base_time), 9, false) << pad(report::format_value(k, d.base_mean), 13, true)
                  << pad(report::format_value(k, d.whatif_mean), 13, true)
                  << pad(report::format_difference(k, d.mean), 13, true) << pad(ci, 28, true)
                  << pad(report::format_difference(k, d.p5) + " to " + report::format_difference(k, d.p95), 28, true)
                  << (d.distinguishable ? " *" : "") << "\n";
        ++shown;
        marked += d.distinguishable;
    }
    std::cout << "\n" << shown << " rows; " << marked << " distinguishable from zero (*).";
    if (!vm.count("all")) std::cout << " Key indicators only; --all shows every indicator.";
    std::cout << "\n";
    if (!csv && !xlsx) return exit_ok;
    if (!standard_output_works()) return exit_failure;  // the table is lost: write no file either
    try {
        // Both files or neither (publish_set_atomically): a reader never finds one without the other.
        std::vector<output::PendingFile> pending;
        const auto text = csv ? comparison_csv(rows) : std::string();
        if (csv) pending.push_back({*csv, [&](const fs::path& temp) { output::write_new_file(temp, text); }});
        if (xlsx)
            pending.push_back({*xlsx, [&](const fs::path& temp) {
                                   report::write_comparison_workbook(base, base_path.string(), whatif,
                                                                     whatif_path.string(), temp);
                               }});
        output::publish_set_atomically(pending, force);
    } catch (const std::exception& e) {
        std::cerr << "carecast: error: " << e.what() << "\n";
        return exit_failure;
    }
    if (xlsx) std::cout << "wrote " << xlsx->string() << "\n";
    if (csv) std::cout << "wrote " << csv->string() << "\n";
    return exit_ok;
}

}  // namespace carecast::cli
