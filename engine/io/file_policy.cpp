#include "io/file_policy.hpp"

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

namespace carecast {
namespace {

namespace fs = std::filesystem;

std::string megabytes(std::uintmax_t bytes) {
    return std::to_string(bytes >> 20) + " MB";
}

/// `path` made absolute, with `..` and links resolved as far as it exists.
fs::path resolved(const fs::path& path) {
    std::error_code error;
    auto result = fs::weakly_canonical(fs::absolute(path, error), error);
    return error ? fs::absolute(path).lexically_normal() : result;
}

bool is_within(const fs::path& path, const fs::path& root) {
    const auto relative = path.lexically_relative(root);
    return !relative.empty() && *relative.begin() != "..";
}

}  // namespace

bool is_regular_file_nothrow(const fs::path& path) {
    std::error_code ignored;
    return fs::is_regular_file(path, ignored);
}

/// Problems common to every file carecast reads: it exists, is regular, is not too large.
std::string regular_file_problem(const fs::path& path, std::uintmax_t max_bytes) {
    std::error_code error;
    const auto status = fs::status(path, error);
    if (error && error != std::errc::no_such_file_or_directory)
        return "cannot open '" + path.string() + "': " + error.message();  // a name too long, a loop of links
    if (!fs::exists(status)) return "cannot open '" + path.string() + "': no such file";
    if (!fs::is_regular_file(status))
        return "cannot read '" + path.string() + "': it is not a regular file (a directory, device or pipe)";
    const auto size = fs::file_size(path, error);
    if (error) return "cannot read '" + path.string() + "': " + error.message();
    if (size > max_bytes)
        return "cannot read '" + path.string() + "': it is larger than " + megabytes(max_bytes) +
               ", more than such a file can sensibly be";
    return {};
}

std::optional<std::string> read_regular_file(const fs::path& path, std::uintmax_t max_bytes, std::string& problem) {
    problem = regular_file_problem(path, max_bytes);
    if (!problem.empty()) return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        problem = "cannot open '" + path.string() + "'";
        return std::nullopt;
    }
    std::string text;
    text.reserve(static_cast<std::size_t>(fs::file_size(path)));
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > max_bytes) {  // grew while being read
            problem = "cannot read '" + path.string() + "': it is larger than " + megabytes(max_bytes);
            return std::nullopt;
        }
    }
    if (in.bad()) {
        problem = "cannot read '" + path.string() + "'";
        return std::nullopt;
    }
    return text;
}

std::string data_file_problem(const fs::path& path, const std::vector<fs::path>& roots) {
    if (auto problem = regular_file_problem(path, kMaxDataFileBytes); !problem.empty()) return problem;
    const fs::path real = resolved(path);
    for (const auto& root : roots)
        if (is_within(real, resolved(root))) return {};
    std::string allowed;
    for (const auto& root : roots) allowed += (allowed.empty() ? "'" : ", '") + resolved(root).string() + "'";
    return "'" + path.string() + "' is outside the folders data files may be read from (" + allowed +
           "); move it there, or allow its folder with `data_root` in the scenario or CARECAST_DATA_ROOT";
}

std::vector<fs::path> data_roots_from_environment() {
    std::vector<fs::path> roots;
    const char* value = std::getenv("CARECAST_DATA_ROOT");
    if (value == nullptr) return roots;
    std::stringstream in(value);
    std::string item;
    while (std::getline(in, item, ':'))
        if (!item.empty()) roots.emplace_back(item);
    return roots;
}

std::string shown_text(const std::string& text, std::size_t limit) {
    std::string out;
    for (const unsigned char c : text) {
        if (out.size() >= limit) return out + "...";
        out += (c >= 0x20 && c < 0x7f) ? static_cast<char>(c) : '?';
    }
    return out;
}

}  // namespace carecast
