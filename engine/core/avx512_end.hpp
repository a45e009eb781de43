// Closes what core/avx512_begin.hpp opened (no include guard: see there).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#undef CARECAST_AVX512_PATHS
