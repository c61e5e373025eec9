package io.context8.recording;

/**
 * One line of a recording: the local receive timestamp, as written by the recorder, and the frame text
 * exactly as received (a combined-stream message, or a REST depth snapshot body).
 *
 * @param localTimestamp receive time in the recording's own unit (nanoseconds or microseconds since the epoch)
 * @param frame          the frame text, unmodified
 */
public record RecordedFrame(long localTimestamp, String frame) {

    /** True for an inline REST depth snapshot body ({@code {"lastUpdateId":...}}). */
    public boolean isDepthSnapshot() {
        return frame.startsWith("{\"lastUpdateId\"");
    }

    /** The receive time in epoch nanoseconds, whatever unit the recording used. */
    public long localEpochNanos() {
        return RecordingFile.toEpochNanos(localTimestamp);
    }
}
