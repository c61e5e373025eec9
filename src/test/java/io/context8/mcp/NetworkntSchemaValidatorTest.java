package io.context8.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SDK validator on json-schema-validator 1.5.x, with the real report schema and the tool's input schema. */
class NetworkntSchemaValidatorTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    final NetworkntSchemaValidator validator = new NetworkntSchemaValidator(MAPPER);
    final Map<String, Object> reportSchema = ReportTool.loadOutputSchema(new JacksonMcpJsonMapper(MAPPER));

    @ParameterizedTest(name = "{0} matches the report schema")
    @ValueSource(strings = {"report-btcusdt.json", "report-ethusdt-warming.json"})
    void validReports(String resource) {
        var r = validator.validate(reportSchema, InMemoryReportReader.resource(resource));
        assertThat(r.valid()).as(r.errorMessage()).isTrue();
        assertThat(r.jsonStructuredOutput()).contains("\"schema_version\":1");
    }

    @Test
    void missingFieldIsInvalid() throws IOException {
        ObjectNode report = (ObjectNode) MAPPER.readTree(InMemoryReportReader.resource("report-btcusdt.json"));
        report.remove("book");
        var r = validator.validate(reportSchema, MAPPER.convertValue(report, Map.class));
        assertThat(r.valid()).isFalse();
        assertThat(r.errorMessage()).contains("book");
    }

    @Test
    void unknownFieldIsInvalid() throws IOException {
        ObjectNode report = (ObjectNode) MAPPER.readTree(InMemoryReportReader.resource("report-btcusdt.json"));
        report.put("surprise", 1);
        assertThat(validator.validate(reportSchema, MAPPER.convertValue(report, Map.class)).valid()).isFalse();
    }

    @Test
    void oneOfNullOrObjectIsEnforced() throws IOException {
        ObjectNode report = (ObjectNode) MAPPER.readTree(InMemoryReportReader.resource("report-btcusdt.json"));
        ((ObjectNode) report.get("book")).put("best_bid", "97000");
        assertThat(validator.validate(reportSchema, MAPPER.convertValue(report, Map.class)).valid()).isFalse();
    }

    @ParameterizedTest(name = "input {0}")
    @ValueSource(strings = {"{\"symbol\":\"BTCUSDT\"}", "{\"symbol\":\"1INCHUSDT\"}"})
    void validInputs(String args) throws IOException {
        assertThat(validator.validate(ReportTool.inputSchema(), MAPPER.readValue(args, Map.class)).valid()).isTrue();
    }

    @ParameterizedTest(name = "input {0}")
    @ValueSource(strings = {"{}", "{\"symbol\":\"btcusdt\"}", "{\"symbol\":7}", "{\"symbol\":\"A\"}",
        "{\"symbol\":\"ABCDEFGHIJKLMNOPQRSTU\"}", "{\"symbol\":\"BTCUSDT\",\"x\":1}"})
    void invalidInputs(String args) throws IOException {
        assertThat(validator.validate(ReportTool.inputSchema(), MAPPER.readValue(args, Map.class)).valid()).isFalse();
    }

    @Test
    void contentThatIsNotJsonIsInvalid() {
        assertThat(validator.validate(ReportTool.inputSchema(), "{nope").valid()).isFalse();
    }

    @Test
    void compiledSchemasAreReused() {
        for (int i = 0; i < 3; i++) {
            assertThat(validator.validate(Map.of("type", "array"), List.of(i)).valid()).isTrue();
        }
    }

    @Test
    void mutableContentIsValidatedOnEveryCall() {
        Map<String, Object> schema = Map.of("type", "object", "required", List.of("a"));
        Map<String, Object> content = new java.util.LinkedHashMap<>(Map.of("a", 1));
        assertThat(validator.validate(schema, content).valid()).isTrue();
        content.remove("a");
        assertThat(validator.validate(schema, content).valid()).isFalse();
    }

    @Test
    void frozenContentFoundValidIsValidOnlyForThatSchema() throws IOException {
        Map<String, Object> report = FrozenJson.freeze(
                MAPPER.readValue(InMemoryReportReader.resource("report-btcusdt.json"), Map.class));
        var first = validator.validate(reportSchema, report);
        var again = validator.validate(reportSchema, report);
        assertThat(first.valid()).isTrue();
        assertThat(again.valid()).isTrue();
        assertThat(again.jsonStructuredOutput()).isEqualTo(first.jsonStructuredOutput());
        assertThat(validator.validate(Map.of("type", "object", "required", List.of("nope")), report).valid())
                .isFalse();
    }

    @Test
    void frozenContentFoundInvalidIsNotRemembered() throws IOException {
        ObjectNode tree = (ObjectNode) MAPPER.readTree(InMemoryReportReader.resource("report-btcusdt.json"));
        tree.remove("book");
        Map<String, Object> bad = FrozenJson.freeze(MAPPER.convertValue(tree, Map.class));
        assertThat(validator.validate(reportSchema, bad).valid()).isFalse();
        assertThat(validator.validate(reportSchema, bad).valid()).isFalse();
    }
}
