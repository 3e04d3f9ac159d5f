// Two GCC-only switches for the translation units of vectorised loops (kernels.cpp, dense.cpp); include this first.
//  - no-trapping-math: GCC will not turn `c ? a : b` on doubles into a vector select while floating-point traps are
//    honoured, and vexp's clamps are such selects. Nothing in the core ever enables traps, and the flag changes no
//    result (it is not -ffast-math: no reassociation, NaN and Infinity behave as before).
//  - LOSSLAB_CLONES = target_clones("avx2", "default"): one copy of a loop for AVX2 (4 doubles per instruction) and
//    one for the x86-64 baseline (SSE2, 2 doubles), picked once at load time by the CPU. Both copies do the same
//    operations in the same order on each element (no fused multiply-add: C++17 strict mode does not contract), so
//    results are bit-identical whichever runs.
// Other compilers (clang for wasm, with -msimd128, and for the fuzzer) compile the same loops without the switches.
#pragma once
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-trapping-math")
#if defined(__x86_64__) && defined(__linux__)
#define LOSSLAB_CLONES __attribute__((target_clones("avx2", "default")))
#endif
#endif
#ifndef LOSSLAB_CLONES
#define LOSSLAB_CLONES
#endif
