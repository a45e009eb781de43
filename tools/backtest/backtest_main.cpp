// carecast-backtest: back-tests every English council with social-care duties (or the ones named) from
// mid-2016, fitted on data up to 2016 only, against the published mid-2017 … mid-2020 estimates and the
// SEN2 January 2017 … 2020 EHC caseloads, beside two naive projections (docs/validation.md).
//
//   carecast-backtest -o backtest_out                  # all 152 councils (tools/backtest_councils.sh)
//   carecast-backtest --areas E06000047,E06000005 -o DIR
//
// writes DIR/errors.csv (council x measure x year), DIR/councils.csv (what each fit used) and
// DIR/summary.md (the tables of docs/validation.md), and prints the summary.
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include <boost/program_options.hpp>

#include "backtest_summary.hpp"
#include "core/diagnostics.hpp"

namespace {

using namespace carecast;
using namespace carecast::backtest;
namespace po = boost::program_options;
namespace fs = std::filesystem;

std::vector<const derive::PackArea*> chosen_areas(const derive::AreaPack& pack, const std::string& list) {
    std::vector<const derive::PackArea*> areas;
    if (list.empty()) {
        for (const auto& a : pack.areas())
            if (a.council()) areas.push_back(&a);
        return areas;
    }
    std::istringstream in(list);
    std::string code;
    while (std::getline(in, code, ',')) {
        const auto* a = pack.find(code);
        if (!a || !a->council())
            throw std::runtime_error("--areas: " + code + " is not an upper-tier council code in the pack");
        areas.push_back(a);
    }
    return areas;
}

}  // namespace

int main(int argc, char** argv) {
    po::options_description options("carecast-backtest: every council back-tested from mid-2016 (docs/validation.md)");
    options.add_options()("help,h", "show this help")("output,o", po::value<std::string>()->required(),
                                                      "folder for the CSVs and summary")(
        "areas", po::value<std::string>()->default_value(""),
        "comma-separated council codes (default: all upper-tier councils)")(
        "replicates", po::value<std::uint32_t>()->default_value(2),
        "EHC plans: replicates per council (0: population only)")("threads", po::value<int>()->default_value(2),
                                                                  "threads for the EHC simulation")(
        "data", po::value<std::string>(), "data folder holding england/ (default: the shipped scenarios/data)");
    po::variables_map vm;
    try {
        po::store(po::parse_command_line(argc, argv, options), vm);
        if (vm.count("help")) {
            std::cout << options;
            return 0;
        }
        po::notify(vm);
    } catch (const po::error& e) {
        std::cerr << "carecast-backtest: " << e.what() << "\n" << options;
        return 2;
    }
    try {
        const auto start = std::chrono::steady_clock::now();
        const fs::path data =
            vm.count("data") ? fs::path(vm["data"].as<std::string>()) : derive::default_pack_dir().parent_path();
        const fs::path out = vm["output"].as<std::string>();
        BacktestOptions o;
        o.replicates = vm["replicates"].as<std::uint32_t>();
        o.threads = vm["threads"].as<int>();
        o.national_dir = data;
        o.work_dir = out / "work";
        fs::create_directories(o.work_dir);
        const auto pack = derive::AreaPack::open(data / "england");
        std::vector<CouncilResult> results;
        for (const auto* area : chosen_areas(pack, vm["areas"].as<std::string>())) {
            results.push_back(backtest_council(pack, *area, o));
            std::cerr << "\r" << results.size() << " councils back-tested (" << area->code << ")   " << std::flush;
        }
        std::cerr << "\n";
        std::ofstream errors(out / "errors.csv"), councils(out / "councils.csv"), summary(out / "summary.md");
        write_errors_csv(errors, results);
        write_councils_csv(councils, results);
        std::ostringstream text;
        write_summary(text, results, o);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        text << "\nRun time " << static_cast<int>(seconds + 0.5) << " s (" << results.size() << " councils, "
             << o.replicates << " EHC replicates, " << o.threads << " threads).\n";
        summary << text.str();
        std::cout << text.str();
        if (!errors || !councils || !summary)
            throw std::runtime_error("could not write the results under " + out.string());
        return 0;
    } catch (const InputError& e) {
        std::cerr << e.diagnostics().to_string();
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "carecast-backtest: " << e.what() << "\n";
        return 1;
    }
}
