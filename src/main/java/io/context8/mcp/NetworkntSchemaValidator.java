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
 * <p>
 * Validate once: content that is a {@link FrozenJson frozen} tree and was found valid is remembered by identity
 * (the last {@value #REMEMBERED} such results), so the SDK's output check of a {@code structuredContent} that
 * the tool already validated, or that an earlier call already returned, costs a lookup instead of a second
 * validation. Mutable content is validated every time.
 */
public final class NetworkntSchemaValidator implements JsonSchemaValidator {

    private static final int MAX_CACHED = 64;
    static final int REMEMBERED = 32;

    private final ObjectMapper mapper;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final Map<Object, JsonSchema> cache = new ConcurrentHashMap<>();
    /** Ring of (schema key, frozen content, its JSON text) found valid; guarded by itself. */
    private final Object[][] valid = new Object[REMEMBERED][];
    private int nextValid;

    public NetworkntSchemaValidator(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object content) {
        if (schema == null || content == null) {
            return ValidationResponse.asInvalid("schema and content are required");
        }
        Object key = schemaKey(schema);
        boolean frozen = FrozenJson.isFrozen(content);
        if (frozen) {
            String json = rememberedJson(key, content);
            if (json != null) {
                return ValidationResponse.asValid(json);
            }
        }
        JsonNode node;
        try {
            node = content instanceof String s ? mapper.readTree(s) : mapper.valueToTree(content);
        } catch (IOException | IllegalArgumentException e) {
            return ValidationResponse.asInvalid("content is not JSON");
        }
        Set<ValidationMessage> errors = compiled(key, schema).validate(node);
        if (errors.isEmpty()) {
            String json = node.toString();
            if (frozen) {
                remember(key, content, json);
            }
            return ValidationResponse.asValid(json);
        }
        return ValidationResponse.asInvalid(errors.stream().map(ValidationMessage::getMessage).sorted()
                .collect(Collectors.joining("; ")));
    }

    private static Object schemaKey(Map<String, Object> schema) {
        Object id = schema.get("$id");
        return id instanceof String s ? s : schema;
    }

    private String rememberedJson(Object key, Object content) {
        synchronized (valid) {
            for (Object[] entry : valid) {
                if (entry != null && entry[1] == content && (entry[0] == key || entry[0].equals(key))) {
                    return (String) entry[2];
                }
            }
            return null;
        }
    }

    private void remember(Object key, Object content, String json) {
        synchronized (valid) {
            valid[nextValid] = new Object[] {key, content, json};
            nextValid = (nextValid + 1) % REMEMBERED;
        }
    }

    private JsonSchema compiled(Object key, Map<String, Object> schema) {
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
