package io.context8.metrics;

/** Helpers for the primitive ring buffers of the metric windows. */
final class Rings {

    private Rings() {
    }

    /**
     * A copy of the {@code size} elements of ring {@code a} starting at {@code head}, unrolled to index 0, in an
     * array of twice the capacity: allocates (the documented growth of a ring).
     */
    static long[] doubled(long[] a, int head, int size) {
        long[] out = new long[a.length * 2];
        int first = Math.min(size, a.length - head);
        System.arraycopy(a, head, out, 0, first);
        System.arraycopy(a, 0, out, first, size - first);
        return out;
    }
}
