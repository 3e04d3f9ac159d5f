// The MLP's forward pass, backward pass and initialisation, shared by mlp.cpp and trainer.cpp (private header).
#pragma once

#include <cstddef>
#include <vector>

#include "losslab/train.hpp"

namespace losslab {

namespace detail {

bool finiteAll(const double* v, std::size_t n);
double sumOfSquares(const double* v, std::size_t n);
// Forward pass of `layers` over `input`, loops in a fixed order (see train.hpp); records the first layer whose
// pre-activation or activation is not finite.
// scratch: any vector (resized as needed).
void forward(const std::vector<Trainer::Layer>& layers, Activation act, const double* params,
             const Trainer::Matrix& input, std::vector<Trainer::Matrix>& z, std::vector<Trainer::Matrix>& a,
             std::vector<double>& scratch, NonFinite* nonFinite);
std::vector<double> initialParameters(const TrainerConfig& c, const std::vector<Trainer::Layer>& layers);
void reviveDeadUnits(const TrainerConfig& c, const Dataset& d, const std::vector<Trainer::Layer>& layers,
                     std::vector<double>* params);

}  // namespace detail
}  // namespace losslab
