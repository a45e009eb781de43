// Publishing outputs: sets published whole or not at all, temporaries removed on signals and when
// stale, targets refused before any work (issue 11).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "output/atomic_file.hpp"

namespace fs = std::filesystem;
using carecast::output::PendingFile;

namespace {

struct Folder {
    fs::path path = fs::temp_directory_path() / ("carecast-atomic-" + std::to_string(::getpid()) + "-" +
                                                 std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    Folder() { fs::create_directories(path); }
    ~Folder() { fs::remove_all(path); }
    std::size_t entries() const { return static_cast<std::size_t>(std::distance(fs::directory_iterator(path), {})); }
};

std::string read(const fs::path& p) {
    std::ifstream in(p);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void write(const fs::path& p, const std::string& text) {
    std::ofstream(p) << text;
}

}  // namespace

TEST_CASE("a set of files is published whole or not at all", "[output]") {
    const Folder folder;
    const auto a = folder.path / "a.csv", b = folder.path / "b.csv";
    const auto text = [](const std::string& t) {
        return [t](const fs::path& temp) { carecast::output::write_new_file(temp, t); };
    };
    carecast::output::publish_set_atomically({{a, text("A1")}, {b, text("B1")}}, false);
    CHECK(read(a) == "A1");
    CHECK(read(b) == "B1");

    // The second file fails: the first is not replaced either, and no temporary is left.
    const auto failing = [](const fs::path&) { throw std::runtime_error("disk full"); };
    CHECK_THROWS_WITH(carecast::output::publish_set_atomically({{a, text("A2")}, {b, failing}}, true), "disk full");
    CHECK(read(a) == "A1");
    CHECK(read(b) == "B1");
    CHECK(folder.entries() == 2);

    // Without --force an existing member refuses the whole set before anything is written.
    CHECK_THROWS(
        carecast::output::publish_set_atomically({{folder.path / "c.csv", text("C")}, {b, text("B2")}}, false));
    CHECK_FALSE(fs::exists(folder.path / "c.csv"));
    CHECK(folder.entries() == 2);
}

TEST_CASE("output targets that cannot be written are refused up front", "[output]") {
    const Folder folder;
    fs::create_directory(folder.path / "dir.nc");
    CHECK_THROWS_WITH(carecast::output::check_output_target(folder.path / "dir.nc", true),
                      Catch::Contains("is a directory"));
    fs::create_symlink(folder.path / "nowhere" / "x.nc", folder.path / "dangling.nc");
    CHECK_THROWS_WITH(carecast::output::check_output_target(folder.path / "dangling.nc", true),
                      Catch::Contains("symbolic link to a file that does not exist"));
    CHECK_THROWS_WITH(carecast::output::check_output_target("/dev/null", true), Catch::Contains("not a regular file"));
    CHECK_THROWS_WITH(carecast::output::check_output_target(folder.path / "no" / "x.nc", true),
                      Catch::Contains("does not exist"));
    CHECK_NOTHROW(carecast::output::check_output_target(folder.path / "new.nc", false));
}

TEST_CASE("temporaries of dead processes are removed, those of live ones kept", "[output]") {
    const Folder folder;
    const auto target = folder.path / "out.nc";
    write(folder.path / "out.nc.tmp.999999999", "dead");
    write(folder.path / "out.nc.tmp.1", "init is alive");
    write(folder.path / ("out.nc.tmp." + std::to_string(::getpid())), "our own pid: left by a killed earlier process");
    const auto removed = carecast::output::remove_stale_temporaries(target);
    CHECK(removed.size() == 2);
    CHECK(fs::exists(folder.path / "out.nc.tmp.1"));
    CHECK(folder.entries() == 1);
}

TEST_CASE("SIGINT or SIGTERM while writing removes the temporary file", "[output]") {
    for (const int signal_number : {SIGINT, SIGTERM}) {
        const Folder folder;
        const auto target = folder.path / "out.nc";
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            carecast::output::remove_temporaries_on_signals();
            carecast::output::publish_atomically(target, false, [&](const fs::path& temp) {
                carecast::output::write_new_file(temp, "half-written");
                ::raise(signal_number);
            });
            ::_exit(0);  // not reached
        }
        int status = 0;
        REQUIRE(::waitpid(child, &status, 0) == child);
        CHECK(WIFSIGNALED(status));
        CHECK(WTERMSIG(status) == signal_number);
        CHECK(folder.entries() == 0);
    }
}

TEST_CASE("write_new_file checks every write and never replaces a file", "[output]") {
    const Folder folder;
    const auto path = folder.path / "x";
    carecast::output::write_new_file(path, "one");
    CHECK_THROWS(carecast::output::write_new_file(path, "two"));
    CHECK(read(path) == "one");
    if (fs::exists("/dev/full")) CHECK_THROWS(carecast::output::write_new_file("/dev/full", "x"));
}
