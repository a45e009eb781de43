#include "output/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
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

/// Refuses targets that cannot or must not be written, before any work is done.
void check_target(const fs::path& target, bool overwrite) {
    const fs::path directory = directory_of(target);
    if (!fs::is_directory(directory)) {
        throw std::runtime_error("cannot write " + target.string() + ": directory " + directory.string() +
                                 " does not exist");
    }
    const fs::file_status status = fs::symlink_status(target);
    if (!fs::exists(status)) {
        return;
    }
    if (fs::is_directory(status)) {
        throw std::runtime_error("cannot write " + target.string() + ": it is a directory");
    }
    if (!overwrite) {
        throw target_exists_error(target);
    }
}

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
    ::close(fd);
    const bool unsupported = error == EINVAL || error == ENOTSUP;
    if (status != 0 && !(tolerate_unsupported && unsupported)) {
        throw_errno(error, "cannot fsync " + path.string());
    }
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

}  // namespace

void publish_atomically(const fs::path& target, bool overwrite,
                        const std::function<void(const fs::path& temp)>& write) {
    check_target(target, overwrite);
    const fs::path temp = temp_path_for(target);
    if (fs::exists(fs::symlink_status(temp))) {
        throw std::runtime_error("cannot write " + target.string() + ": temporary file " + temp.string() +
                                 " already exists (left by an interrupted run?); remove it and retry");
    }
    try {
        write(temp);
        if (!fs::is_regular_file(temp)) {
            throw std::runtime_error("cannot write " + target.string() + ": the writer did not create " +
                                     temp.string());
        }
        fsync_path(temp, O_RDONLY, false);
        rename_into_place(temp, target, overwrite);
    } catch (...) {
        std::error_code ignored;
        fs::remove(temp, ignored);
        throw;
    }
    fsync_path(directory_of(target), O_RDONLY | O_DIRECTORY, true);
}

}  // namespace carecast::output
