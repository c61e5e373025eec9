package io.context8.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON-RPC error objects built without the SDK, whose {@code JSONRPCResponse} refuses a null id (parse
 * errors and transport-level rejections have no usable id).
 */
final class JsonRpcErrors {

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonRpcErrors() {
    }

    /** An error response object; {@code id} may be null (written as JSON null). */
    static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("jsonrpc", "2.0");
        root.set("id", id == null ? JsonNodeFactory.instance.nullNode() : id);
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return root;
    }

    /** An id-less error as an HTTP reply. */
    static HttpReply httpReply(int status, int code, String message) {
        return HttpReply.json(status, toJson(error(null, code, message)));
    }

    static String toJson(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // a tree of plain nodes always serializes
            throw new IllegalStateException("unserializable JSON tree", e);
        }
    }
}
