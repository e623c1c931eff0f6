// Order statistics for the benchmark samples.

/** The value below which `p` percent of `values` lie (nearest rank). */
export const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
};

/** The middle value of `values` (the mean of the two middle ones for an even count). */
export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Milliseconds since `start` (a `performance.now()` reading). */
export const since = (start) => performance.now() - start;

/** `min / median / max` of per-round ratios, for the spread column: `1.01x / 1.04x / 1.12x`. */
export const spread = (ratios) =>
  [Math.min(...ratios), median(ratios), Math.max(...ratios)]
    .map((ratio) => `${ratio.toFixed(2)}x`)
    .join(" / ");
