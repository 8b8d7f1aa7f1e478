package movierec.core.split;

import movierec.core.data.Interactions;

/**
 * A training part and the held-out answers per user (sorted item indices; empty when nothing was held
 * out). {@code hash} covers the data, the protocol and the seed: runs with equal hashes were scored
 * on the same answers.
 */
public record Split(SplitProtocol protocol, Interactions train, int[][] truth, String hash) {}
