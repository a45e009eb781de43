#include "io/text_file.hpp"

#include <fstream>
#include <sstream>

#include <zlib.h>

#include "io/file_policy.hpp"

namespace carecast {
namespace {

bool gzip_name(const std::filesystem::path& path) {
    return path.extension() == ".gz";
}

/// Inflates a whole gzip file; every zlib error, and a stream that ends before its trailer (a
/// truncated download), is an error naming the file.
std::optional<std::string> read_gzip(const std::filesystem::path& path, const std::string& display_name,
                                     Diagnostics& diagnostics) {
    std::ifstream in(path, std::ios::binary);
    std::string compressed((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    z_stream z{};
    if (inflateInit2(&z, 15 + 32) != Z_OK) {  // 15 + 32: gzip or zlib header, detected
        diagnostics.error(display_name, 0, 0, "cannot start gzip decompression");
        return std::nullopt;
    }
    z.next_in = reinterpret_cast<Bytef*>(compressed.data());
    z.avail_in = static_cast<uInt>(compressed.size());
    std::string out;
    char buffer[1 << 16];
    int status = Z_OK;
    while (status == Z_OK) {
        z.next_out = reinterpret_cast<Bytef*>(buffer);
        z.avail_out = sizeof buffer;
        status = inflate(&z, Z_NO_FLUSH);
        out.append(buffer, sizeof buffer - z.avail_out);
        if (out.size() > kMaxDataFileBytes) {  // a decompression bomb, or not a data table
            inflateEnd(&z);
            diagnostics.error(display_name, 0, 0,
                              "decompresses to more than " + std::to_string(kMaxDataFileBytes >> 20) +
                                  " MB, more than a data table can sensibly be");
            return std::nullopt;
        }
        if (status == Z_STREAM_END && z.avail_in > 0) status = inflateReset(&z);  // concatenated members
        if (status == Z_BUF_ERROR && z.avail_in == 0) break;                      // input ended early
    }
    inflateEnd(&z);
    if (status != Z_STREAM_END) {
        diagnostics.error(display_name, 0, 0,
                          std::string("is not a complete gzip file (") +
                              (status == Z_BUF_ERROR ? "truncated: the data ends before the gzip trailer"
                                                     : "corrupted: " + std::string(z.msg ? z.msg : "bad data")) +
                              "); copy it again from the data pack");
        return std::nullopt;
    }
    return out;
}

}  // namespace

std::optional<std::string> read_text_file(const std::filesystem::path& path, const std::string& display_name,
                                          Diagnostics& diagnostics) {
    // Regular files of bounded size only: a FIFO would hang and /dev/zero grow without bound.
    if (const auto problem = regular_file_problem(path, kMaxDataFileBytes); !problem.empty()) {
        diagnostics.error(display_name, 0, 0,
                          problem.starts_with("cannot open")
                              ? "cannot open file (does it exist? path is resolved relative to the scenario file)"
                              : problem);
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        diagnostics.error(display_name, 0, 0,
                          "cannot open file (does it exist? path is resolved "
                          "relative to the scenario file)");
        return std::nullopt;
    }
    if (gzip_name(path)) return read_gzip(path, display_name, diagnostics);
    std::ostringstream text;
    text << in.rdbuf();
    return std::move(text).str();
}

}  // namespace carecast
