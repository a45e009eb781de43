// Runs a fuzz target's LLVMFuzzerTestOneInput on the files named on the command line, without
// libFuzzer: the targets then build with any compiler, so every build (and CI's test step) compiles
// them and replays a few inputs (ctest "fuzz: targets replay their seeds"). Also a way to re-run one
// crash file under a debugger.
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s INPUT...\n", argv[0]);
        return 2;
    }
    for (int i = 1; i < argc; ++i) {
        std::ifstream in(argv[i], std::ios::binary);
        if (!in) {
            std::fprintf(stderr, "%s: cannot open %s\n", argv[0], argv[i]);
            return 2;
        }
        const std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        LLVMFuzzerTestOneInput(bytes.data(), bytes.size());
    }
    std::printf("replayed %d input(s)\n", argc - 1);
    return 0;
}
