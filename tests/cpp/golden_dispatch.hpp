// Runs one golden case through the native core: the same function names, positional arguments and option names as
// the JS API, so one JSON fixture serves this suite and the Vitest one. The result has the JS API's shape.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace losslab::test {

// Throws losslab::Error on bad input (error cases) and std::out_of_range for a function it does not know.
nlohmann::json runGoldenCase(const std::string& fn, const nlohmann::json& args, const nlohmann::json& options);

bool knowsFunction(const std::string& fn);

}  // namespace losslab::test
