package io.context8.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class ArrayOrderBookTest extends OrderBookContractTest {
    @Override
    protected OrderBook newBook() {
        return new ArrayOrderBook(4); // small, so the contract also exercises growth
    }

    @Test
    void growsWhenFull() {
        ArrayOrderBook b = new ArrayOrderBook(2);
        for (int i = 1; i <= 5; i++) {
            b.apply(true, i * ONE, ONE);
        }
        assertThat(b.capacity(true)).isGreaterThanOrEqualTo(5);
        assertThat(b.levels(true)).isEqualTo(5);
        assertThat(b.bestBidPrice()).isEqualTo(5 * ONE);
    }

    @Test
    void applyDoesNotAllocateOnceSized() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean,
                "per-thread allocation counter not available");
        com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) mx;
        ArrayOrderBook b = new ArrayOrderBook(4096);
        long tid = Thread.currentThread().getId();
        run(b, 10_000); // warm up
        long before = sun.getThreadAllocatedBytes(tid);
        run(b, 200_000);
        long allocated = sun.getThreadAllocatedBytes(tid) - before;
        assertThat(allocated).as("bytes allocated by 200k apply() calls").isLessThan(1024);
    }

    private static void run(OrderBook b, int n) {
        long x = 12345;
        for (int i = 0; i < n; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            int r = (int) (x >>> 33);
            boolean bid = (r & 1) == 0;
            long price = (1000 + (r >>> 1) % 2000) * ONE;
            long qty = (r & 6) == 0 ? 0 : 1 + (r & 0xffff);
            b.apply(bid, bid ? price : price + 3000 * ONE, qty);
        }
    }
}
