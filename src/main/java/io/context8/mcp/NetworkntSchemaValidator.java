package io.context8.mcp;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;

/**
 * The MCP SDK's {@link JsonSchemaValidator} on json-schema-validator 1.5.x, the line camel-json-validator
 * needs (the SDK's own validator is built on 2.x, which shares its package and is excluded in the pom).
 * Schemas without {@code $schema} are read as 2020-12 (MCP's default dialect); others by their declared
 * dialect (the report schema is draft-07). Compiled schemas are cached by {@code $id}, else by content.
 */
public final class NetworkntSchemaValidator implements JsonSchemaValidator {

    private static final int MAX_CACHED = 64;

    private final ObjectMapper mapper;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final Map<Object, JsonSchema> cache = new ConcurrentHashMap<>();

    public NetworkntSchemaValidator(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object content) {
        if (schema == null || content == null) {
            return ValidationResponse.asInvalid("schema and content are required");
        }
        JsonNode node;
        try {
            node = content instanceof String s ? mapper.readTree(s) : mapper.valueToTree(content);
        } catch (IOException | IllegalArgumentException e) {
            return ValidationResponse.asInvalid("content is not JSON");
        }
        Set<ValidationMessage> errors = compiled(schema).validate(node);
        if (errors.isEmpty()) {
            return ValidationResponse.asValid(node.toString());
        }
        return ValidationResponse.asInvalid(errors.stream().map(ValidationMessage::getMessage).sorted()
                .collect(Collectors.joining("; ")));
    }

    private JsonSchema compiled(Map<String, Object> schema) {
        Object id = schema.get("$id");
        Object key = id instanceof String s ? s : schema;
        JsonSchema cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        if (cache.size() >= MAX_CACHED) {
            cache.clear(); // schemas are a handful of constants; this only guards against a caller's churn
        }
        JsonSchema compiled = factory.getSchema(mapper.valueToTree(schema));
        cache.put(key, compiled);
        return compiled;
    }
}
