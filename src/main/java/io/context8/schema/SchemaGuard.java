package io.context8.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.OutputFormat;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;

/**
 * Validates JSON against one of the project's schemas ({@code schemas/*.json} on the classpath), compiled once.
 * Used as a route step where camel-json-validator's per-message cost matters: on the ingest path it took about
 * 39 us per frame, because the component converts the body to a stream and parses it again through its own
 * per-exchange setup; here the tree the normalizer built is validated as it is, and the schemas' decimal and
 * symbol patterns are checked by {@link KnownPatterns} (docs/benchmarks.md).
 */
public final class SchemaGuard {

    private final String name;
    private final JsonSchema schema;
    private final ObjectMapper mapper;

    public SchemaGuard(String classpathResource, ObjectMapper mapper) {
        this.name = classpathResource;
        this.mapper = mapper;
        try (InputStream in = SchemaGuard.class.getClassLoader().getResourceAsStream(classpathResource)) {
            if (in == null) {
                throw new IllegalArgumentException("schema not on the classpath: " + classpathResource);
            }
            JsonNode node = mapper.readTree(in);
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                    .regularExpressionFactory(new KnownPatterns()).build();
            this.schema = JsonSchemaFactory.getInstance(SpecVersionDetector.detect(node)).getSchema(node, config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + classpathResource, e);
        }
    }

    /**
     * Checks a JSON tree. The common case (valid) runs in the validator's boolean mode, which stops at the first
     * failure and builds no messages; only an invalid tree is validated again for a readable reason.
     *
     * @throws SchemaViolationException when it does not match the schema
     */
    public void validate(JsonNode node) {
        if (node == null) {
            throw new SchemaViolationException(name + ": no JSON");
        }
        if (schema.validate(node, OutputFormat.BOOLEAN)) {
            return;
        }
        Set<ValidationMessage> errors = schema.validate(node);
        throw new SchemaViolationException(name + ": " + (errors.isEmpty() ? "does not match"
                : errors.stream().map(ValidationMessage::getMessage).sorted().limit(5)
                        .collect(Collectors.joining("; "))));
    }

    /**
     * Checks JSON text.
     *
     * @throws SchemaViolationException when it is not JSON or does not match the schema
     */
    public void validateText(String json) {
        JsonNode node;
        try {
            node = json == null ? null : mapper.readTree(json);
        } catch (IOException e) {
            throw new SchemaViolationException(name + ": not JSON");
        }
        validate(node);
    }
}
