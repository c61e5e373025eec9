package io.context8.schema;

/** JSON that does not match its schema. */
public class SchemaViolationException extends RuntimeException {
    public SchemaViolationException(String message) {
        super(message, null, false, false);
    }
}
