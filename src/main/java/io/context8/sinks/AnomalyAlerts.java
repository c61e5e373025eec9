package io.context8.sinks;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Body;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code anomaly-alert-webhook} sink's step: report JSON in, the JSON bodies of the alerts it starts or ends
 * out (usually none), each {@code {event, symbol, type, severity, note, evidence, report_time, market_time}}
 * ({@link AnomalyTransitions} decides). One instance per sink route.
 */
public final class AnomalyAlerts {

    private final ObjectMapper json = new ObjectMapper();
    private final AnomalyTransitions transitions;

    /** @param minSeverity {@code low}, {@code medium} or {@code high} */
    public AnomalyAlerts(String minSeverity) {
        this.transitions = new AnomalyTransitions(AnomalyTransitions.severity(minSeverity));
    }

    /** The alert bodies of this report, in order. */
    public List<String> onReport(@Body String report) throws JsonProcessingException {
        List<String> bodies = new ArrayList<>();
        for (AnomalyTransitions.Alert a : transitions.onReport(json.readTree(report))) {
            ObjectNode o = json.createObjectNode();
            o.put("event", a.event().json());
            o.put("symbol", a.symbol());
            o.put("type", a.type());
            o.put("severity", a.severity().json());
            o.put("note", a.note());
            o.set("evidence", a.evidence() == null ? json.nullNode() : a.evidence());
            o.put("report_time", a.reportTime());
            o.put("market_time", a.marketTime());
            bodies.add(json.writeValueAsString(o));
        }
        return bodies;
    }
}
