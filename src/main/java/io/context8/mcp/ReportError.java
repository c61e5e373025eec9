package io.context8.mcp;

/** Machine-readable failure codes shared by the MCP tool and the plain HTTP report endpoint. */
public enum ReportError {
    /** The argument is not an uppercase symbol of 2-20 characters A-Z/0-9. */
    INVALID_SYMBOL("invalid_symbol", 400),
    /** Another argument is missing, of the wrong type or out of range (the message says which). */
    INVALID_ARGUMENT("invalid_argument", 400),
    /** A valid symbol for which no report is published (not configured, or not computed yet). */
    SYMBOL_NOT_INDEXED("symbol_not_indexed", 404),
    /** The report store could not be reached in time. */
    BACKEND_UNAVAILABLE("backend_unavailable", 503),
    /** Anything else; details are logged, never returned. */
    INTERNAL_ERROR("internal_error", 500);

    private final String code;
    private final int httpStatus;

    ReportError(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
