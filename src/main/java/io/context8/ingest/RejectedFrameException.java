package io.context8.ingest;

/** A REST response that is not a usable depth snapshot (an error body, malformed JSON, invalid levels). */
public class RejectedFrameException extends RuntimeException {
    private final String reason;

    public RejectedFrameException(String reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
