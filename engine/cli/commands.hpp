#pragma once
// The `carecast` subcommands. Each returns the process exit status:
// 0 success, 1 invalid input or failure, 2 usage error.
#include <string>
#include <vector>

namespace carecast::cli {

inline constexpr int exit_ok = 0;
inline constexpr int exit_failure = 1;
inline constexpr int exit_usage = 2;

int run_command(const std::vector<std::string>& args, const std::string& command_line);
int validate_command(const std::vector<std::string>& args);
int export_command(const std::vector<std::string>& args);
int report_command(const std::vector<std::string>& args);
int compare_command(const std::vector<std::string>& args);
int batch_command(const std::vector<std::string>& args, const std::string& command_line);
int verify_command(const std::vector<std::string>& args);
int merge_command(const std::vector<std::string>& args, const std::string& command_line);
int init_command(const std::vector<std::string>& args, const std::string& command_line);
int areas_command(const std::vector<std::string>& args);

}  // namespace carecast::cli
