package io.context8.mcp;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The process's real standard output, kept for MCP messages in stdio mode: {@link #reserveStdout()} runs first
 * thing in {@code main} and points {@code System.out} at standard error, so that nothing else (a library
 * printing, a log appender) can ever write to the stream the client parses.
 */
public final class StdioStreams {

    private static volatile OutputStream mcpOut;

    private StdioStreams() {
    }

    /** Keeps the real stdout for MCP and sends everything else written to {@code System.out} to stderr. */
    public static synchronized void reserveStdout() {
        if (mcpOut == null) {
            mcpOut = new FileOutputStream(FileDescriptor.out);
            System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        }
    }

    /** The stream MCP messages go to (the real stdout, even when {@link #reserveStdout()} was not called). */
    public static synchronized OutputStream mcpOut() {
        if (mcpOut == null) {
            mcpOut = new FileOutputStream(FileDescriptor.out);
        }
        return mcpOut;
    }
}
