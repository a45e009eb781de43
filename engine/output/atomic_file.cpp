#include "output/atomic_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <system_error>

namespace carecast::output {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void throw_errno(int error, const std::string& what) {
    throw std::system_error(error, std::generic_category(), what);
}

std::runtime_error target_exists_error(const fs::path& target) {
    return std::runtime_error(target.string() + " exists; use --force to overwrite it");
}

fs::path directory_of(const fs::path& target) {
    const fs::path parent = target.parent_path();
    return parent.empty() ? fs::path(".") : parent;
}

// ---------------------------------------------------------------------------------------------
// Temporaries being written, removed by the signal handler. Fixed storage: a handler may only call
// async-signal-safe functions (unlink, signal, raise), so it reads plain char arrays.

constexpr std::size_t kSlots = 64;
constexpr std::size_t kPathBytes = 4096;
struct Slot {
    std::atomic<bool> used{false};
    char path[kPathBytes] = {};
};
std::array<Slot, kSlots> slots;
std::mutex slots_mutex;
constexpr std::array<int, 4> kCleanupSignals = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};

extern "C" void remove_temporaries_and_die(int signal_number) {
    for (Slot& slot : slots)
        if (slot.used.load(std::memory_order_acquire)) ::unlink(slot.path);
    ::signal(signal_number, SIG_DFL);
    ::raise(signal_number);
}

/// Registers `temp` for removal on a signal for as long as it lives.
class TemporaryRegistration {
public:
    explicit TemporaryRegistration(const fs::path& temp) {
        const std::string text = fs::absolute(temp).string();
        if (text.size() >= kPathBytes) return;  // too long to register; still removed on errors
        std::lock_guard lock(slots_mutex);
        for (std::size_t i = 0; i < kSlots; ++i) {
            if (slots[i].used.load(std::memory_order_relaxed)) continue;
            std::memcpy(slots[i].path, text.c_str(), text.size() + 1);
            slots[i].used.store(true, std::memory_order_release);
            slot_ = static_cast<int>(i);
            return;
        }
    }
    ~TemporaryRegistration() {
        if (slot_ < 0) return;
        std::lock_guard lock(slots_mutex);
        slots[static_cast<std::size_t>(slot_)].used.store(false, std::memory_order_release);
    }
    TemporaryRegistration(const TemporaryRegistration&) = delete;
    TemporaryRegistration& operator=(const TemporaryRegistration&) = delete;

private:
    int slot_ = -1;
};

// ---------------------------------------------------------------------------------------------

fs::path temp_path_for(const fs::path& target) {
    return fs::path(target.string() + ".tmp." + std::to_string(::getpid()));
}

/// Flushes a file's or directory's data and metadata to stable storage.
void fsync_path(const fs::path& path, int open_flags, bool tolerate_unsupported) {
    const int fd = ::open(path.c_str(), open_flags | O_CLOEXEC);
    if (fd < 0) {
        throw_errno(errno, "cannot open " + path.string() + " to fsync it");
    }
    const int status = ::fsync(fd);
    const int error = errno;
    const int closed = ::close(fd);
    const bool unsupported = error == EINVAL || error == ENOTSUP;
    if (status != 0 && !(tolerate_unsupported && unsupported)) {
        throw_errno(error, "cannot fsync " + path.string());
    }
    if (closed != 0 && !tolerate_unsupported) throw_errno(errno, "cannot close " + path.string());
}

/// Renames without replacing an existing target (atomically where the filesystem supports it).
void rename_no_replace(const fs::path& temp, const fs::path& target) {
#ifdef RENAME_NOREPLACE
    if (::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, target.c_str(), RENAME_NOREPLACE) == 0) {
        return;
    }
    if (errno == EEXIST) {
        throw target_exists_error(target);
    }
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
        throw_errno(errno, "cannot rename " + temp.string() + " to " + target.string());
    }
#endif
    if (fs::exists(fs::symlink_status(target))) {
        throw target_exists_error(target);
    }
    if (::rename(temp.c_str(), target.c_str()) != 0) {
        throw_errno(errno, "cannot rename " + temp.string() + " to " + target.string());
    }
}

void rename_into_place(const fs::path& temp, const fs::path& target, bool overwrite) {
    if (!overwrite) {
        rename_no_replace(temp, target);
        return;
    }
    if (::rename(temp.c_str(), target.c_str()) != 0) {
        throw_errno(errno, "cannot rename " + temp.string() + " to " + target.string());
    }
}

/// Prepares `target`'s temporary: refuses a bad target, clears stale temporaries.
fs::path prepare_temporary(const fs::path& target, bool overwrite) {
    check_output_target(target, overwrite);
    remove_stale_temporaries(target);
    const fs::path temp = temp_path_for(target);
    if (fs::exists(fs::symlink_status(temp))) {
        throw std::runtime_error("cannot write " + target.string() + ": cannot remove the temporary file " +
                                 temp.string());
    }
    return temp;
}

/// Runs `write(temp)` and checks that it made a regular file, then fsyncs it.
void write_temporary(const fs::path& target, const fs::path& temp,
                     const std::function<void(const fs::path& temp)>& write) {
    write(temp);
    if (!fs::is_regular_file(fs::symlink_status(temp))) {
        throw std::runtime_error("cannot write " + target.string() + ": the writer did not create " + temp.string());
    }
    fsync_path(temp, O_RDONLY, false);
}

}  // namespace

void check_output_target(const fs::path& target, bool overwrite) {
    const fs::path directory = directory_of(target);
    if (!fs::is_directory(directory)) {
        throw std::runtime_error("cannot write " + target.string() + ": directory " + directory.string() +
                                 " does not exist");
    }
    std::error_code error;
    const fs::file_status status = fs::symlink_status(target, error);
    if (!fs::exists(status)) {
        return;
    }
    if (fs::is_symlink(status) && !fs::exists(fs::status(target, error))) {
        throw std::runtime_error("cannot write " + target.string() +
                                 ": it is a symbolic link to a file that does not exist; remove it or choose "
                                 "another name");
    }
    if (fs::is_directory(fs::status(target, error))) {
        throw std::runtime_error("cannot write " + target.string() + ": it is a directory");
    }
    if (!fs::is_regular_file(fs::status(target, error))) {
        throw std::runtime_error("cannot write " + target.string() +
                                 ": it exists and is not a regular file (a device, pipe or socket)");
    }
    if (!overwrite) {
        throw target_exists_error(target);
    }
}

std::vector<fs::path> remove_stale_temporaries(const fs::path& target) {
    std::vector<fs::path> removed;
    const std::string prefix = target.filename().string() + ".tmp.";
    std::error_code error;
    for (fs::directory_iterator it(directory_of(target), error), end; !error && it != end; it.increment(error)) {
        const std::string file = it->path().filename().string();
        if (!file.starts_with(prefix)) continue;
        const std::string pid_text = file.substr(prefix.size());
        if (pid_text.empty() || pid_text.size() > 9 || pid_text.find_first_not_of("0123456789") != std::string::npos)
            continue;
        const auto pid = static_cast<pid_t>(std::stol(pid_text));
        const bool ours = pid == ::getpid();  // left by a killed process that had our pid: no one writes it
        if (!ours && (::kill(pid, 0) == 0 || errno != ESRCH)) continue;  // alive, or not ours to judge
        std::error_code ignored;
        if (fs::remove(it->path(), ignored)) removed.push_back(it->path());
    }
    return removed;
}

void publish_atomically(const fs::path& target, bool overwrite,
                        const std::function<void(const fs::path& temp)>& write) {
    const fs::path temp = prepare_temporary(target, overwrite);
    const TemporaryRegistration registration(temp);
    try {
        write_temporary(target, temp, write);
        rename_into_place(temp, target, overwrite);
    } catch (...) {
        std::error_code ignored;
        fs::remove(temp, ignored);
        throw;
    }
    fsync_path(directory_of(target), O_RDONLY | O_DIRECTORY, true);
}

void publish_set_atomically(const std::vector<PendingFile>& files, bool overwrite) {
    std::vector<fs::path> temps;
    std::vector<std::unique_ptr<TemporaryRegistration>> registrations;
    std::vector<fs::path> backups;    // hard links to the targets replaced, to restore them
    std::vector<std::size_t> placed;  // indices renamed into place
    std::error_code ignored;
    for (const auto& file : files) check_output_target(file.target, overwrite);  // refuse before writing
    try {
        for (const auto& file : files) {
            temps.push_back(prepare_temporary(file.target, overwrite));
            registrations.push_back(std::make_unique<TemporaryRegistration>(temps.back()));
            write_temporary(file.target, temps.back(), file.write);
        }
        for (std::size_t i = 0; i < files.size(); ++i) {
            const fs::path& target = files[i].target;
            fs::path backup;
            if (fs::exists(fs::symlink_status(target))) {
                backup = fs::path(target.string() + ".old." + std::to_string(::getpid()));
                fs::remove(backup, ignored);
                if (::link(target.c_str(), backup.c_str()) != 0)
                    throw_errno(errno, "cannot keep a copy of " + target.string() + " while replacing it");
                registrations.push_back(std::make_unique<TemporaryRegistration>(backup));
            }
            backups.push_back(backup);
            rename_into_place(temps[i], target, overwrite);
            placed.push_back(i);
        }
    } catch (...) {
        for (const fs::path& temp : temps) fs::remove(temp, ignored);
        for (const std::size_t i : placed) {
            if (backups[i].empty())
                fs::remove(files[i].target, ignored);
            else
                fs::rename(backups[i], files[i].target, ignored);
        }
        for (const fs::path& backup : backups)
            if (!backup.empty()) fs::remove(backup, ignored);
        throw;
    }
    for (const fs::path& backup : backups)
        if (!backup.empty()) fs::remove(backup, ignored);
    for (const auto& file : files) fsync_path(directory_of(file.target), O_RDONLY | O_DIRECTORY, true);
}

void write_new_file(const fs::path& path, const void* bytes, std::size_t size) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) throw_errno(errno, "cannot create " + path.string());
    const auto fail = [&](const std::string& what) {
        const int error = errno;
        ::close(fd);
        ::unlink(path.c_str());
        throw_errno(error, what + path.string());
    };
    const char* next = static_cast<const char*>(bytes);
    std::size_t left = size;
    while (left > 0) {
        const ssize_t written = ::write(fd, next, left);
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) {
            if (written == 0) errno = ENOSPC;
            fail("cannot write ");
        }
        next += written;
        left -= static_cast<std::size_t>(written);
    }
    if (::fsync(fd) != 0 && errno != EINVAL && errno != ENOTSUP) fail("cannot fsync ");
    if (::close(fd) != 0) {
        const int error = errno;
        ::unlink(path.c_str());
        throw_errno(error, "cannot close " + path.string());
    }
}

void write_new_file(const fs::path& path, const std::string& text) {
    write_new_file(path, text.data(), text.size());
}

void remove_temporaries_on_signals() {
    static std::once_flag once;
    std::call_once(once, [] {
        for (const int signal_number : kCleanupSignals) {
            struct sigaction action {};
            action.sa_handler = remove_temporaries_and_die;
            sigemptyset(&action.sa_mask);
            struct sigaction previous {};
            if (::sigaction(signal_number, nullptr, &previous) == 0 && previous.sa_handler == SIG_IGN) continue;
            ::sigaction(signal_number, &action, nullptr);
        }
    });
}

}  // namespace carecast::output
