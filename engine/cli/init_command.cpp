// carecast init AREA -o DIR and carecast areas: set up any English council from the national data pack.
#include <iostream>

#include <boost/program_options.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "derive/council_files.hpp"

namespace carecast::cli {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;
using namespace carecast::derive;

fs::path data_dir(const po::variables_map& vm) {
    if (vm.count("data")) return vm["data"].as<std::string>();
    return default_pack_dir().parent_path();
}

/// The council (or district) named by `query`; an unknown or ambiguous name is an InputError with
/// suggestions.
const PackArea& find_area(const AreaPack& pack, const std::string& query) {
    auto matches = pack.match(query, false);
    if (matches.size() == 1) return *matches.front();
    Diagnostics diagnostics;
    std::string message;
    if (matches.empty()) {
        message = "no English council or district matches '" + query + "'. Did you mean:";
        for (const auto* a : pack.suggestions(query, 5))
            message += "\n    " + a->code + "  " + a->name + " (" + a->type + ")";
        message += "\n  (`carecast areas` lists them all)";
    } else {
        message =
            "'" + query + "' matches " + std::to_string(matches.size()) + " areas; give the code or the full name:";
        for (const auto* a : matches) message += "\n    " + a->code + "  " + a->name + " (" + a->type + ")";
    }
    diagnostics.error("AREA", 0, 0, message);
    throw InputError(diagnostics);
}

void report_derivation(const DerivedArea& d) {
    std::cout << d.area->code << "  " << d.area->name << ": base mid-" << d.base_year << ", mortality factor "
              << d.mortality_factor << ", fertility factor " << d.fertility_factor << "\n";
    for (const auto& s : d.sources)
        std::cout << "  " << (s.local ? "local    " : "national ") << s.parameter << ": " << s.note << "\n";
    for (const auto& w : d.warnings) std::cout << "  warning: " << w << "\n";
}

}  // namespace

int areas_command(const std::vector<std::string>& args) {
    po::options_description options("Options for `carecast areas [FILTER]`");
    options.add_options()("help,h", "show this help")("filter", po::value<std::string>(),
                                                      "only areas whose name or code contains this")(
        "districts", "list districts too (for --by-district)")(
        "data", po::value<std::string>()->value_name("DIR"), "data folder holding england/ (default: the shipped one)");
    po::positional_options_description positional;
    positional.add("filter", 1);
    po::variables_map vm;
    if (const int status = parse_options(args, options, positional, vm); status >= 0) return status;
    if (vm.count("help")) {
        std::cout
            << "Usage: carecast areas [FILTER] [--districts]\n\nLists the English councils with social-care duties "
               "(upper tier) that `carecast init` can set up.\n\n"
            << options;
        return exit_ok;
    }
    try {
        const auto pack = AreaPack::open(data_dir(vm) / "england");
        const auto matches = vm.count("filter") ? pack.match(vm["filter"].as<std::string>(), !vm.count("districts"))
                                                : std::vector<const PackArea*>{};
        std::size_t n = 0;
        for (const auto& a : pack.areas()) {
            if (!vm.count("districts") && !a.council()) continue;
            if (vm.count("filter") && std::find(matches.begin(), matches.end(), &a) == matches.end()) continue;
            std::cout << a.code << "  " << a.name << "  (" << a.type << (a.council() ? "" : ", in " + a.utla_code)
                      << ", " << a.region_name << ")\n";
            ++n;
        }
        std::cerr << n << " areas\n";
        return n ? exit_ok : exit_failure;
    } catch (const InputError& e) {
        std::cerr << e.diagnostics().to_string();
        return exit_failure;
    }
}

int init_command(const std::vector<std::string>& args, const std::string& command_line) {
    po::options_description options("Options for `carecast init AREA... -o DIR`");
    options.add_options()("help,h", "show this help")(
        "area", po::value<std::vector<std::string>>()->value_name("AREA"),
        "ONS code (E06000034) or name (Thurrock), matched case-insensitively; `england` for every council; "
        "several areas make one multi-area scenario")(
        "output,o", po::value<std::string>()->value_name("DIR"),
        "folder to write the scenario and its tables into (created if absent)")(
        "base-year", po::value<std::string>()->value_name("YEAR"),
        "base year (default: the latest in the data; earlier for back-tests)")(
        "horizon-year", po::value<std::string>()->value_name("YEAR"), "last year projected (default: base year + 20)")(
        "by-district", "split a county council into its districts (one area each)")(
        "data", po::value<std::string>()->value_name("DIR"),
        "data folder holding england/ and the national tables (default: the shipped one)")(
        "force", "replace files in DIR that differ");
    po::positional_options_description positional;
    positional.add("area", -1);
    po::variables_map vm;
    if (const int status = parse_options(args, options, positional, vm); status >= 0) return status;
    if (vm.count("help")) {
        std::cout
            << "Usage: carecast init AREA... -o DIR [--base-year YEAR] [--by-district]\n\n"
               "Writes a ready-to-run, commented baseline scenario for an English council and the tables derived\n"
               "for it from the national data pack (population, mortality, fertility, migration, EHC plans,\n"
               "care-home admissions), each value marked local or national. `carecast areas` lists councils.\n"
               "Exit status: 0 written, 1 bad input (nothing written), 2 usage error.\n\n"
            << options;
        return exit_ok;
    }
    if (!vm.count("area"))
        return usage_error("init: name the council (an ONS code or a name; `carecast areas` lists them)");
    if (!vm.count("output")) return usage_error("init: say where to write: -o DIR");
    InitOptions init;
    init.command_line = "carecast " + command_line.substr(command_line.find("init"));
    try {
        if (vm.count("base-year"))
            init.derivation.base_year =
                static_cast<int>(parse_whole_number("--base-year", vm["base-year"].as<std::string>(), 1900, 2100));
        if (vm.count("horizon-year"))
            init.horizon_year = static_cast<int>(
                parse_whole_number("--horizon-year", vm["horizon-year"].as<std::string>(), 1900, 2200));
    } catch (const std::invalid_argument& e) {
        return usage_error(e.what());
    }
    const fs::path data = data_dir(vm);
    init.derivation.national_dir = data;
    init.local_dir = data / "local";
    try {
        const auto pack = AreaPack::open(data / "england");
        const auto queries = vm["area"].as<std::vector<std::string>>();
        std::vector<const PackArea*> areas;
        for (const auto& q : queries) {
            if (q == "england" || q == "England") {
                for (const auto& a : pack.areas())
                    if (a.council()) areas.push_back(&a);
                continue;
            }
            const PackArea& area = find_area(pack, q);
            if (vm.count("by-district")) {
                const auto districts = pack.districts(area.code);
                if (districts.empty()) {
                    Diagnostics diagnostics;
                    diagnostics.error("AREA", 0, 0,
                                      area.code + " (" + area.name + ") is a " + area.type +
                                          ": it has no districts to split into (--by-district is for county councils)");
                    throw InputError(diagnostics);
                }
                areas.insert(areas.end(), districts.begin(), districts.end());
            } else {
                areas.push_back(&area);
            }
        }
        FileSet files;
        if (areas.size() == 1 && !vm.count("by-district")) {
            const auto derived = derive_area(pack, *areas.front(), init.derivation);
            report_derivation(derived);
            files = council_files(pack, derived, init);
        } else {
            std::vector<DerivedArea> derived;
            for (const auto* a : areas) derived.push_back(derive_area(pack, *a, init.derivation));
            const bool england = queries.size() == 1 && (queries.front() == "england" || queries.front() == "England");
            const std::string name = england ? "england"
                                     : vm.count("by-district")
                                         ? area_slug(find_area(pack, queries.front()).name) + "_by_district"
                                         : "areas_" + std::to_string(areas.size());
            const std::string title = england                   ? "England (every council with social-care duties)"
                                      : vm.count("by-district") ? find_area(pack, queries.front()).name + " by district"
                                                                : std::to_string(areas.size()) + " councils";
            for (const auto& d : derived) report_derivation(d);
            files = multi_area_files(pack, derived, name, title, init);
        }
        const auto written = write_file_set(vm["output"].as<std::string>(), files, vm.count("force") > 0);
        for (const auto& [rel, text] : files)
            if (rel.extension() == ".txtpb" && rel.parent_path().empty())
                std::cout << "wrote " << (fs::path(vm["output"].as<std::string>()) / rel).string() << " ("
                          << files.size() << " files, " << written.size() << " new or changed)\n";
        return exit_ok;
    } catch (const InputError& e) {
        std::cerr << e.diagnostics().to_string();
        std::cerr << "carecast init: nothing was written\n";
        return exit_failure;
    }
}

}  // namespace carecast::cli
