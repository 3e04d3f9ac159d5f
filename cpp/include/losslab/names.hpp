// One table-driven parser for every option that names a choice (reduction, kinds, optimizers, activations, ...):
// each choice is a row { "name", Enum::Value } of a table next to its enum's parse function, and the error lists
// the table, so a new choice is one new row.
//   parseName("createTrainer", "activation", "gelu", kActivations)
//   -> createTrainer: activation = 'gelu' is not one of 'sigmoid', 'tanh', 'relu'
#pragma once

#include <cstddef>
#include <string>

#include "losslab/error.hpp"

namespace losslab {

template <typename Enum>
struct Named {
  const char* name;
  Enum value;
};

// The first `count` rows of `table` are the accepted names (count < N hides the rest, e.g. 'batchmean').
template <typename Enum, std::size_t N>
Enum parseName(const char* function, const char* option, const std::string& text, const Named<Enum> (&table)[N],
               std::size_t count = N) {
  for (std::size_t i = 0; i < count; ++i) {
    if (text == table[i].name) return table[i].value;
  }
  std::string list;
  for (std::size_t i = 0; i < count; ++i) list += std::string(i == 0 ? "'" : ", '") + table[i].name + "'";
  fail(function, std::string(option) + " = '" + text + "' is not one of " + list);
}

template <typename Enum, std::size_t N>
const char* nameOf(Enum value, const Named<Enum> (&table)[N]) {
  for (const Named<Enum>& row : table) {
    if (row.value == value) return row.name;
  }
  return "";
}

}  // namespace losslab
