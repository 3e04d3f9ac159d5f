// A read-only view of contiguous doubles: the core takes its inputs this way so the same code serves
// std::vector (native tests, benchmarks) and buffers copied in from JavaScript without another copy.
#pragma once

#include <cstddef>
#include <vector>

namespace losslab {

struct Span {
  const double* data = nullptr;
  std::size_t size = 0;

  Span() = default;
  Span(const double* d, std::size_t n) : data(d), size(n) {}
  Span(const std::vector<double>& v) : data(v.data()), size(v.size()) {}  // NOLINT: implicit on purpose

  double operator[](std::size_t i) const { return data[i]; }
  bool empty() const { return size == 0; }
  const double* begin() const { return data; }
  const double* end() const { return data + size; }
};

}  // namespace losslab
