// A deliberate data race through carecast::run_in_parallel: every block adds to one variable.
// tools/sanitize.sh thread expects ThreadSanitizer to report it, which shows that the ordering
// run_in_parallel states and the suppressions in tools/tsan.supp do not hide a race between blocks.
#include <cstddef>
#include <vector>

#include "core/parallel.hpp"

int main() {
    std::vector<long> values(1 << 20);
    long total = 0;
    carecast::run_in_parallel(
        tbb::blocked_range<std::size_t>(0, values.size(), 1024),
        [&](const tbb::blocked_range<std::size_t>& r) {
            for (auto i = r.begin(); i != r.end(); ++i) values[i] = static_cast<long>(i);
            total += static_cast<long>(r.size());  // the race
        },
        tbb::simple_partitioner());
    return total > 0 ? 0 : 1;
}
