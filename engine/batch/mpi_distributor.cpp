// The MPI implementation of WorkDistributor; compiled only when CARECAST_WITH_MPI.
#include <mpi.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <deque>
#include <exception>
#include <limits>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "batch/work_distributor.hpp"

namespace carecast::batch {
namespace {

constexpr int kResultTag = 5501;

void check(int status, const char* call) {
    if (status == MPI_SUCCESS) return;
    char text[MPI_MAX_ERROR_STRING];
    int length = 0;
    MPI_Error_string(status, text, &length);
    throw std::runtime_error(std::string("MPI error in ") + call + ": " +
                             std::string(text, static_cast<std::size_t>(length)));
}

/// Waits for `request` without spinning: Open MPI busy-polls inside blocking calls, which would take a
/// core from the TBB threads of this rank (or of another rank on the node) while rank 0 plans or writes.
void wait_politely(MPI_Request& request, const char* call) {
    for (;;) {
        int done = 0;
        check(MPI_Test(&request, &done, MPI_STATUS_IGNORE), call);
        if (done) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

/// A unit's result as one message: unit number, status byte (0 ok, 1 failed), then the bytes or the
/// error message.
std::string pack(std::uint64_t unit, bool ok, const std::string& payload) {
    std::string message(sizeof unit + 1, '\0');
    std::memcpy(message.data(), &unit, sizeof unit);
    message[sizeof unit] = ok ? 0 : 1;
    message += payload;
    if (message.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
        throw std::runtime_error("unit " + std::to_string(unit) + ": result of " + std::to_string(message.size()) +
                                 " bytes is too large for one MPI message (use fewer replicates per unit)");
    return message;
}

class MpiDistributor final : public WorkDistributor {
public:
    MpiDistributor() {
        int provided = 0;
        check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
        MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
        MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
        MPI_Comm_size(MPI_COMM_WORLD, &size_);
    }
    ~MpiDistributor() override { MPI_Finalize(); }
    MpiDistributor(const MpiDistributor&) = delete;
    MpiDistributor& operator=(const MpiDistributor&) = delete;

    int rank() const override { return rank_; }
    int size() const override { return size_; }

    void broadcast(std::string& text) override {
        std::uint64_t length = text.size();
        MPI_Request request;
        check(MPI_Ibcast(&length, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD, &request), "MPI_Ibcast");
        wait_politely(request, "MPI_Ibcast");
        text.resize(length);
        if (length > static_cast<std::uint64_t>(std::numeric_limits<int>::max()))
            throw std::runtime_error("broadcast too large");
        if (length == 0) return;
        check(MPI_Ibcast(text.data(), static_cast<int>(length), MPI_CHAR, 0, MPI_COMM_WORLD, &request), "MPI_Ibcast");
        wait_politely(request, "MPI_Ibcast");
    }

    std::vector<std::string> run(std::size_t unit_count, const std::function<std::string(std::size_t)>& compute,
                                 const std::function<void(std::size_t, const std::string&)>& deliver) override {
        return rank_ == 0 ? run_root(unit_count, compute, deliver) : run_worker(unit_count, compute);
    }

    [[noreturn]] void abort(int exit_status) override {
        MPI_Abort(MPI_COMM_WORLD, exit_status);
        std::exit(exit_status);
    }

private:
    std::string label(std::size_t unit) const {
        return "unit " + std::to_string(unit) + " (rank " +
               std::to_string(static_cast<int>(unit % static_cast<std::size_t>(size_))) + ")";
    }

    /// Receives one result message from any rank and hands it on.
    void receive_one(const std::function<void(std::size_t, const std::string&)>& deliver,
                     std::vector<std::string>& failures) {
        MPI_Status status;
        for (int waiting = 0;;) {  // MPI_Probe would spin; see wait_politely
            check(MPI_Iprobe(MPI_ANY_SOURCE, kResultTag, MPI_COMM_WORLD, &waiting, &status), "MPI_Iprobe");
            if (waiting) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        int count = 0;
        check(MPI_Get_count(&status, MPI_BYTE, &count), "MPI_Get_count");
        std::string message(static_cast<std::size_t>(count), '\0');
        check(
            MPI_Recv(message.data(), count, MPI_BYTE, status.MPI_SOURCE, kResultTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE),
            "MPI_Recv");
        std::uint64_t unit = 0;
        if (message.size() < sizeof unit + 1) {
            failures.push_back("rank " + std::to_string(status.MPI_SOURCE) + ": malformed result message");
            return;
        }
        std::memcpy(&unit, message.data(), sizeof unit);
        const bool ok = message[sizeof unit] == 0;
        const std::string payload = message.substr(sizeof unit + 1);
        if (!ok) {
            failures.push_back(label(unit) + ": " + payload);
            return;
        }
        try {
            deliver(unit, payload);
        } catch (const std::exception& e) {
            failures.push_back(label(unit) + ": " + e.what());
        }
    }

    /// Pending results already sent by other ranks, without waiting.
    void drain(const std::function<void(std::size_t, const std::string&)>& deliver, std::vector<std::string>& failures,
               std::size_t& remaining) {
        while (remaining > 0) {
            int waiting = 0;
            check(MPI_Iprobe(MPI_ANY_SOURCE, kResultTag, MPI_COMM_WORLD, &waiting, MPI_STATUS_IGNORE), "MPI_Iprobe");
            if (!waiting) return;
            receive_one(deliver, failures);
            --remaining;
        }
    }

    std::vector<std::string> run_root(std::size_t unit_count, const std::function<std::string(std::size_t)>& compute,
                                      const std::function<void(std::size_t, const std::string&)>& deliver) {
        std::vector<std::string> failures;
        const auto ranks = static_cast<std::size_t>(size_);
        std::size_t remaining = 0;  // units other ranks will send
        for (std::size_t unit = 0; unit < unit_count; ++unit)
            if (unit % ranks != 0) ++remaining;
        for (std::size_t unit = 0; unit < unit_count; unit += ranks) {
            try {
                deliver(unit, compute(unit));
            } catch (const std::exception& e) {
                failures.push_back(label(unit) + ": " + e.what());
            }
            drain(deliver, failures, remaining);  // so other ranks' sends complete while rank 0 works
        }
        for (; remaining > 0; --remaining) receive_one(deliver, failures);
        return failures;
    }

    std::vector<std::string> run_worker(std::size_t unit_count,
                                        const std::function<std::string(std::size_t)>& compute) {
        std::vector<std::string> failures;
        std::deque<std::string> messages;  // kept alive (and in place) until their sends complete
        std::vector<MPI_Request> requests;
        const auto ranks = static_cast<std::size_t>(size_);
        for (std::size_t unit = static_cast<std::size_t>(rank_); unit < unit_count; unit += ranks) {
            std::string message;
            try {
                message = pack(unit, true, compute(unit));
            } catch (const std::exception& e) {
                failures.push_back(label(unit) + ": " + e.what());
                message = pack(unit, false, e.what());
            }
            messages.push_back(std::move(message));
            requests.emplace_back();
            check(MPI_Isend(messages.back().data(), static_cast<int>(messages.back().size()), MPI_BYTE, 0, kResultTag,
                            MPI_COMM_WORLD, &requests.back()),
                  "MPI_Isend");
        }
        for (MPI_Request& request : requests) wait_politely(request, "MPI_Isend");
        return failures;
    }

    int rank_ = 0;
    int size_ = 1;
};

}  // namespace

std::unique_ptr<WorkDistributor> make_mpi_distributor() {
    return std::make_unique<MpiDistributor>();
}

}  // namespace carecast::batch
