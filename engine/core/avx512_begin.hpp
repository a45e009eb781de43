// Opens a source file's AVX-512 twins (no include guard: every such file of a unity build includes it,
// and closes with core/avx512_end.hpp). Defines CARECAST_AVX512_PATHS: 1 on x86-64, where
// <immintrin.h> is included and functions compiled with __attribute__((target("avx512f,..."))) may be
// called on a CPU that has those instructions; 0 elsewhere, where only the portable twins exist.
//
// GCC 12 reports its own AVX-512 intrinsics as reading uninitialised values (_mm512_undefined, GCC bug
// 105593, fixed in GCC 13): a false warning, silenced up to core/avx512_end.hpp (pushed here, popped
// there, so the rest of a unity build keeps it).
#if defined(__x86_64__)
#include <immintrin.h>
#define CARECAST_AVX512_PATHS 1
#else
#define CARECAST_AVX512_PATHS 0
#endif

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
