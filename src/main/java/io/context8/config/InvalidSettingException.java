package io.context8.config;

/**
 * A setting that cannot work, found before anything starts: reported as one line on stderr
 * ({@code context8: <VARIABLE>: <problem>}) and exit status {@value #EXIT_STATUS}, without a stack trace
 * ({@link InvalidSettingReporter}). The message never holds a secret (a Redis URL is shown masked).
 */
public final class InvalidSettingException extends RuntimeException {

    /** Exit status of a process stopped by an invalid setting (a usage error, as for command-line tools). */
    public static final int EXIT_STATUS = 2;

    private final String variable;

    /** {@code variable}: the environment variable a user sets, e.g. {@code CONTEXT8_SYMBOLS}. */
    public InvalidSettingException(String variable, String problem) {
        super(variable + ": " + problem, null, false, false);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }

    /** The line printed to stderr. */
    public String line() {
        return "context8: " + getMessage();
    }

    /** The invalid setting in {@code failure}'s cause chain, or null. */
    public static InvalidSettingException in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidSettingException e) {
                return e;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
