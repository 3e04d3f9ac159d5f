// Embedding (metric-learning) losses on rows of vectors, with PyTorch 1.13 float64 semantics.
//
// Shapes: a batch of N embeddings of width D is a flat row-major array of N*D numbers; `dim` = D, and `dim` = 0
// means a single row (D = the array's length). Gradients are with respect to the FIRST argument only.
#pragma once

#include <cstddef>

#include "losslab/reduction.hpp"
#include "losslab/span.hpp"

namespace losslab {

struct TripletMarginOptions {
  std::size_t dim = 0;   // D; 0 = one row
  double margin = 1.0;   // any finite number
  double p = 2.0;        // the norm's degree, > 0 (Infinity = max norm)
  double eps = 1e-6;     // added to every difference before the norm (torch's pairwise_distance)
  bool swap = false;     // use min(d(a, n), d(p, n)) as the negative distance (Balntas et al. 2016)
  Reduction reduction = Reduction::Mean;  // Mean divides by N
};

// Triplet margin loss, F.triplet_margin_loss (Schroff et al. 2015, FaceNet; Balntas et al. 2016 for `swap`):
//   d(x, y) = || x - y + eps ||_p   (torch's pairwise_distance adds eps to the difference, not to the norm)
//   l_i = max(0, margin + d(a_i, p_i) - d(a_i, n_i))
// d/da of ||v||_p is torch's norm backward: p = 1: sign(v); p = 2: v / ||v|| (0 where ||v|| = 0); p = Infinity:
// sign(v) shared equally among the entries with |v_j| = max; otherwise sign(v) |v|^{p-1} / ||v||^{p-1}. The clamp
// passes the gradient where its argument is >= 0 (torch's clamp_min backward), and with `swap` a tie between the
// two negative distances splits the gradient in half (torch's minimum backward).
LossResult tripletMargin(Span anchor, Span positive, Span negative, const TripletMarginOptions& options = {});

struct CosineEmbeddingOptions {
  std::size_t dim = 0;   // D; 0 = one row
  double margin = 0.0;   // for y = -1 pairs; torch suggests [-1, 1], any finite number works
  Reduction reduction = Reduction::Mean;  // Mean divides by N
};

// Cosine embedding loss, F.cosine_embedding_loss, with y_i in {1, -1}:
//   cos_i = <x1_i, x2_i> / sqrt((|x1_i|^2 + e)(|x2_i|^2 + e))   (torch adds EPSILON e = 1e-12f, the float, to each
//                                                                squared magnitude, so a zero row gives cos 0)
//   l_i = 1 - cos_i (y = 1),  max(0, cos_i - margin) (y = -1)
//   dcos/dx1 = x2 / denom - cos x1 / (|x1|^2 + e).
LossResult cosineEmbedding(Span x1, Span x2, Span y, const CosineEmbeddingOptions& options = {});

struct InfoNceOptions {
  std::size_t dim = 0;        // D; 0 = one row
  double temperature = 0.07;  // > 0 (CLIP's initial value)
  bool symmetric = true;      // average the a->b and b->a directions, as CLIP does
};

// InfoNCE / CLIP contrastive loss (van den Oord et al. 2018; Radford et al. 2021) for N paired rows a_i, b_i:
//   â_i = a_i / max(|a_i|, 1e-12)  (F.normalize), same for b;  S = â b̂^T / temperature  (N x N)
//   one-way:   L = mean_i CE(S_i, i) = mean_i [logsumexp_j S_ij - S_ii]
//   symmetric: L = (mean_i CE(S_i., i) + mean_j CE(S_.j, j)) / 2
// dL/dS = w (softmax_rows(S) - I) + w (softmax_cols(S) - I) (w = 1/N one-way, 1/(2N) each symmetric), then back
// through the normalisation, with g_i = dL/dâ_i = sum_j dL/dS_ij b̂_j / temperature:
//   dL/da_i = (g_i - (â_i . g_i) â_i) / |a_i|  for |a_i| >= 1e-12,
//   dL/da_i = g_i / 1e-12 below (torch's clamp blocks the rest).
// Returns a scalar loss (reduction Mean semantics).
LossResult infoNCE(Span a, Span b, const InfoNceOptions& options = {});

}  // namespace losslab
