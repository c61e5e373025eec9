package io.context8.ingest;

/** A REST depth snapshot older than the first buffered diff: Binance's procedure says fetch again. */
public class StaleSnapshotException extends RuntimeException {
    public StaleSnapshotException(String message) {
        super(message);
    }
}
