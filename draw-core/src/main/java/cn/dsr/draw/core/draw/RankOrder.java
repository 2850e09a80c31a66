package cn.dsr.draw.core.draw;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Orders a population by rank (32-byte hashes compared as unsigned big-endian integers),
 * ties broken by index — the population is sorted by entity, so index order is entity order.
 *
 * <p>Rather than sorting objects holding 32-byte arrays, each entity becomes one {@code long}:
 * the leading bits of its rank with its index in the low bits, sorted as primitives. Entities
 * whose leading bits coincide form runs that are re-ordered on their full ranks, so the result
 * is exactly the order the format defines.
 */
final class RankOrder {

    /** Writes the 32-byte rank of entity {@code index} into {@code out}. */
    @FunctionalInterface
    interface Ranks {
        void rank(int index, byte[] out);
    }

    private RankOrder() {
    }

    static int[] of(int n, Ranks ranks) {
        int indexBits = 32 - Integer.numberOfLeadingZeros(Math.max(0, n - 1));
        long indexMask = (1L << indexBits) - 1;
        long[] keys = new long[n];
        byte[] rank = new byte[32];
        for (int i = 0; i < n; i++) {
            ranks.rank(i, rank);
            // Flipping the sign bit makes signed long order equal unsigned rank order.
            keys[i] = ((leadingLong(rank) & ~indexMask) | i) ^ Long.MIN_VALUE;
        }
        Arrays.sort(keys);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = (int) (keys[i] & indexMask);
        }
        for (int start = 0, end; start < n; start = end) {
            end = start + 1;
            while (end < n && (keys[end] & ~indexMask) == (keys[start] & ~indexMask)) {
                end++;
            }
            if (end - start > 1) {
                orderOnFullRanks(order, start, end, ranks);
            }
        }
        return order;
    }

    private static void orderOnFullRanks(int[] order, int start, int end, Ranks ranks) {
        Integer[] run = new Integer[end - start];
        byte[][] full = new byte[end - start][];
        for (int i = 0; i < run.length; i++) {
            run[i] = i;
            full[i] = new byte[32];
            ranks.rank(order[start + i], full[i]);
        }
        Arrays.sort(run, Comparator.<Integer, byte[]>comparing(i -> full[i], Arrays::compareUnsigned)
                .thenComparingInt(i -> order[start + i]));
        int[] sorted = new int[run.length];
        for (int i = 0; i < run.length; i++) {
            sorted[i] = order[start + run[i]];
        }
        System.arraycopy(sorted, 0, order, start, sorted.length);
    }

    private static long leadingLong(byte[] b) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }
}
