# Writes generated/carecast/version.hpp with the source tree's git revision, at every build (target
# carecast_version in CMakeLists.txt), so that `carecast --version` and every output file name the
# revision that was built, not the one CMake was configured at. "-dirty" marks tracked files changed
# since that commit. configure_file rewrites the header only when its text changes, so an unchanged
# revision rebuilds nothing.
#   cmake -DSOURCE_DIR=... -DINPUT=version.hpp.in -DOUTPUT=version.hpp -DPROJECT_VERSION=x.y.z -P version_header.cmake
execute_process(COMMAND git rev-parse --short=12 HEAD
                WORKING_DIRECTORY ${SOURCE_DIR}
                OUTPUT_VARIABLE CARECAST_GIT_REVISION OUTPUT_STRIP_TRAILING_WHITESPACE
                RESULT_VARIABLE rev_status ERROR_QUIET)
if(NOT rev_status EQUAL 0 OR NOT CARECAST_GIT_REVISION)
  set(CARECAST_GIT_REVISION "unknown")
else()
  execute_process(COMMAND git status --porcelain --untracked-files=no
                  WORKING_DIRECTORY ${SOURCE_DIR}
                  OUTPUT_VARIABLE changes OUTPUT_STRIP_TRAILING_WHITESPACE
                  RESULT_VARIABLE status_status ERROR_QUIET)
  if(status_status EQUAL 0 AND changes)
    string(APPEND CARECAST_GIT_REVISION "-dirty")
  endif()
endif()
configure_file(${INPUT} ${OUTPUT} @ONLY)
