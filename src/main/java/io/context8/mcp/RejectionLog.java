package io.context8.mcp;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line, never a stack trace, per rejected client request (4xx), at most {@value #LINES_PER_WINDOW} per
 * {@value #WINDOW_MS} ms; the next line written after a window says how many were left out. A flood of
 * malformed requests then costs a few lines, not megabytes of traces.
 */
public final class RejectionLog {

    static final int LINES_PER_WINDOW = 10;
    static final long WINDOW_MS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(RejectionLog.class);
    private static final RejectionLog SHARED = new RejectionLog();

    private final AtomicLong windowStart = new AtomicLong();
    private final AtomicLong inWindow = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();

    /** The process-wide instance (the filter and the MCP endpoint share one budget). */
    public static RejectionLog shared() {
        return SHARED;
    }

    /** Logs (or counts) one rejection: the status, where, and a short reason from this code (no client text). */
    public void rejected(int status, String method, String path, String reason) {
        long now = System.currentTimeMillis();
        long start = windowStart.get();
        if (now - start >= WINDOW_MS && windowStart.compareAndSet(start, now)) {
            inWindow.set(0);
        }
        if (inWindow.incrementAndGet() > LINES_PER_WINDOW) {
            suppressed.incrementAndGet();
            return;
        }
        long skipped = suppressed.getAndSet(0);
        LOG.info("Rejected request {} {} {}: {}{}", status, safe(method), safe(path), reason,
                skipped > 0 ? " (" + skipped + " more rejections not logged)" : "");
    }

    /** Client text, cut short and stripped of control characters, so a line stays one line. */
    static String safe(String text) {
        if (text == null) {
            return "-";
        }
        String t = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return t.replaceAll("[\\p{Cntrl}]", "?");
    }
}
