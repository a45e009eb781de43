#include "report/html_report.hpp"

#include <stdexcept>

#include "output/atomic_file.hpp"
#include "report/dataset_query.hpp"
#include "report/html_parts.hpp"
#include "report/indicators.hpp"

namespace carecast::report {

std::string render_report(const ReportInputs& in) {
    if (!in.run) throw std::logic_error("render_report: no run");
    const auto& d = *in.run;
    const auto set = compute_indicators(d);
    const std::string scenario = global_attribute(d, "scenario_name", "(unnamed scenario)");
    std::string html =
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>carecast: " +
        html::e(scenario) + "</title>\n<style>" + html::page_style() +
        "</style>\n<style id=\"print-style\" media=\"print\">" + html::page_print_style() +
        "</style>\n</head>\n<body>\n";
    html += html::header_section(in);
    html += html::headline_section(d, set);
    if (in.base) html += html::compare_section(in, set);  // the point of a comparison report comes first
    html += html::fan_section(set);
    html += html::observed_section(d, set);
    html += html::pyramid_section(d);
    html += html::area_section(d);
    html += html::care_home_section(d, set);
    html += html::money_section(set);
    html += html::market_section(d, set);
    html += html::assumptions_section(d, set);
    html += "<footer>Made by carecast " + html::e(global_attribute(d, "carecast_version", "?")) + " from " +
            html::e(in.run_name) + (in.base ? " and " + html::e(in.base_name) : "") +
            ". The report is self-contained: it loads nothing from the network.</footer>\n";
    html += html::page_scripts();
    html += "</body>\n</html>\n";
    return html;
}

void write_report(const ReportInputs& inputs, const std::filesystem::path& target, bool overwrite) {
    const auto html = render_report(inputs);
    output::publish_atomically(target, overwrite,
                               [&](const std::filesystem::path& temp) { output::write_new_file(temp, html); });
}

}  // namespace carecast::report