package jaxon.ops;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;

/**
 * The threefry2x32 block cipher (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3",
 * 20 rounds) and the ways JAX turns a key (two uint32 words) into bits, new keys and folded keys.
 * JAX has two layouts for the counters fed to the cipher, selected by jax_threefry_partitionable:
 * the original one hashes iota(n) split into two halves; the partitionable one hashes the 64-bit
 * counter (i >> 32, i) of each element and xors the two output words.
 */
public final class Threefry {
    private Threefry() {
    }

    /**
     * One block: encrypts the counter pair (x0, x1) under the key (k0, k1); returns y0 in the high
     * and y1 in the low word. Five groups of four rounds (rotations 13 15 26 6, then 17 29 16 24),
     * each followed by a key injection from the schedule k0, k1, k2 = k0 ^ k1 ^ 0x1BD11BDA.
     */
    public static long block(int k0, int k1, int x0, int x1) {
        int k2 = k0 ^ k1 ^ 0x1BD11BDA;
        x0 += k0;
        x1 += k1;
        x0 += x1;
        x1 = Integer.rotateLeft(x1, 13) ^ x0;
        x0 += x1;
        x1 = Integer.rotateLeft(x1, 15) ^ x0;
        x0 += x1;
        x1 = Integer.rotateLeft(x1, 26) ^ x0;
        x0 += x1;
        x1 = Integer.rotateLeft(x1, 6) ^ x0;
        x0 += k1;
        x1 += k2 + 1;
        x0 += x1;
        x1 = Integer.rotateLeft(x1, 17) ^ x0;
        x0 += x1;
        x1 = Integer.rotateLeft(x1, 29) ^ x0;
        x0 += x1;
        x1 = Integer.rotateLeft(x1, 16) ^ x0;
        x0 += x1;
        x1 = Integer.rotateLeft(x1, 24) ^ x0;
        x0 += k2;
        x1 += k0 + 2;
        x0 += x1;
        x1 = Integer.rotateLeft(x1, 13) ^ x0;
        x0 += x1;
        x1 = Integer.rotateLeft(x1, 15) ^ x0;
        x0 += x1;
        x1 = Integer.rotateLeft(x1, 26) ^ x0;
        x0 += x1;
        x1 = Integer.rotateLeft(x1, 6) ^ x0;
        x0 += k0;
        x1 += k1 + 3;
        x0 += x1;
        x1 = Integer.rotateLeft(x1, 17) ^ x0;
        x0 += x1;
        x1 = Integer.rotateLeft(x1, 29) ^ x0;
        x0 += x1;
        x1 = Integer.rotateLeft(x1, 16) ^ x0;
        x0 += x1;
        x1 = Integer.rotateLeft(x1, 24) ^ x0;
        x0 += k1;
        x1 += k2 + 4;
        x0 += x1;
        x1 = Integer.rotateLeft(x1, 13) ^ x0;
        x0 += x1;
        x1 = Integer.rotateLeft(x1, 15) ^ x0;
        x0 += x1;
        x1 = Integer.rotateLeft(x1, 26) ^ x0;
        x0 += x1;
        x1 = Integer.rotateLeft(x1, 6) ^ x0;
        x0 += k2;
        x1 += k0 + 5;
        return ((long) x0 << 32) | (x1 & 0xFFFFFFFFL);
    }

    private static int high(long y) {
        return (int) (y >>> 32);
    }

    private static int low(long y) {
        return (int) y;
    }

    /**
     * JAX's threefry_2x32(key, count) for count = iota(n) + offset: the counters are padded to an
     * even length and split into halves that form the cipher's two input words; the outputs are
     * concatenated and the padding dropped.
     */
    static int[] hashIota(int k0, int k1, int n) {
        int half = (n + 1) / 2;
        int[] out = new int[n];
        int full = n / 2; // pairs whose second counter is in range (all but a padded last one)
        Parallel.forChunks(half, (from, to) -> {
            int i = from;
            if (Simd.ready()) {
                for (int lanes = Simd.intLanes(); i + lanes <= Math.min(to, full); i += lanes) {
                    Simd.threefry(k0, k1, i, 1, half + i, false, out, i, out, half + i);
                }
            }
            for (; i < to; i++) {
                int second = half + i;
                long y = block(k0, k1, i, second < n ? second : 0);
                out[i] = high(y);
                if (second < n) {
                    out[second] = low(y);
                }
            }
        });
        return out;
    }

    /** n uint32 words of random bits from the key, in the layout the flag selects. */
    @TruffleBoundary
    public static int[] bits(int k0, int k1, int n, boolean partitionable) {
        if (!partitionable) {
            return hashIota(k0, k1, n);
        }
        int[] out = new int[n];
        Parallel.forChunks(n, (from, to) -> {
            int i = from;
            if (Simd.ready()) {
                for (int lanes = Simd.intLanes(); i + lanes <= to; i += lanes) {
                    Simd.threefry(k0, k1, 0, 0, i, true, out, i, null, 0);
                }
            }
            for (; i < to; i++) {
                long y = block(k0, k1, 0, i);
                out[i] = high(y) ^ low(y);
            }
        });
        return out;
    }

    /** split(key, n): n new keys, flattened as (n, 2). */
    @TruffleBoundary
    public static int[] split(int k0, int k1, int n, boolean partitionable) {
        if (!partitionable) {
            return hashIota(k0, k1, 2 * n);
        }
        int[] out = new int[2 * n];
        for (int i = 0; i < n; i++) {
            long y = block(k0, k1, 0, i);
            out[2 * i] = high(y);
            out[2 * i + 1] = low(y);
        }
        return out;
    }

    /** fold_in(key, data): the cipher applied to the seed key of data, (0, data). */
    public static int[] foldIn(int k0, int k1, int data) {
        long y = block(k0, k1, 0, data);
        return new int[]{high(y), low(y)};
    }

    /** The key of a seed: its high and low 32 bits (JAX without x64 sees only the low ones). */
    public static int[] seed(long seed) {
        return new int[]{0, (int) seed};
    }

}
