// State of the MSE explorer: the data seed, the reader's line, and whether the outlier is in the data.
export const X_DOMAIN = [-6, 6];
export const Y_DOMAIN = [-6, 6]; // same span as x: the plot is square, so a residual square looks square
export const SLOPE_RANGE = [-3, 3];
export const INTERCEPT_RANGE = [-8, 8];
export const HANDLE_X = [-3, 3]; // the line's two drag handles sit above these x values
// Values a handle can take: every line the slope and intercept ranges allow, at x = ±3 (3·3 + 8 = 17).
export const HANDLE_RANGE = [-17, 17];
export const HANDLE_STEP = 0.1; // arrow keys; Page Up / Page Down move 1

export const schema = {
  seed: { type: 'int', min: 1, max: 99999, default: 7 },
  slope: { type: 'number', min: SLOPE_RANGE[0], max: SLOPE_RANGE[1], default: 0 },
  intercept: { type: 'number', min: INTERCEPT_RANGE[0], max: INTERCEPT_RANGE[1], default: 1 },
  outlier: { type: 'bool', default: false },
};
