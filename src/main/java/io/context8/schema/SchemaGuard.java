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
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;

/**
 * Validates JSON text against one of the project's schemas ({@code schemas/*.json} on the classpath), compiled
 * once. Used as a route step where camel-json-validator's per-message cost matters: on the ingest path it took
 * about 39 us per frame against about 9 us here (docs/benchmarks.md), because the component converts the body
 * to a stream and re-reads it through its own per-exchange setup.
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
            this.schema = JsonSchemaFactory.getInstance(SpecVersionDetector.detect(node)).getSchema(node);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + classpathResource, e);
        }
    }

    /**
     * Checks the JSON text.
     *
     * @throws SchemaViolationException when it is not JSON or does not match the schema
     */
    public void validate(String json) {
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (IOException e) {
            throw new SchemaViolationException(name + ": not JSON");
        }
        Set<ValidationMessage> errors = schema.validate(node);
        if (!errors.isEmpty()) {
            throw new SchemaViolationException(name + ": " + errors.stream().map(ValidationMessage::getMessage)
                    .sorted().limit(5).collect(Collectors.joining("; ")));
        }
    }
}
