package io.context8.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.context8.analytics.steps.ReportChain;
import io.context8.analytics.steps.ReportStep;
import io.context8.analytics.steps.WriteReportStep;
import io.context8.redis.StreamEntry;
import io.context8.testsupport.RedisServerProcess;
import io.context8.testsupport.TestSettings;

/**
 * The route {@code build-market-report} in the running application, by node id (AdviceWith before the context
 * starts): the built-in route's bean steps are the chain's, in order; with {@code measure-profile} and
 * {@code detect-spoofing} woven out, every other step still runs (a mock after each, by its node id), the report
 * equals the Java chain without those two steps, names them in {@code not_computed}, and the spoofing detector is
 * no longer fed per event while the other two are.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "context8.roles=analytics",
        "context8.redis.embedded=false",
        "context8.symbols=CHAINUSDT",
        "context8.stream.key=chainroute:binance"})
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportChainRouteTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long T0 = 1_723_161_255_000L;
    private static final List<String> REMOVED = List.of("measure-profile", "detect-spoofing");

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", RedisServerProcess.shared()::url);
    }

    @Autowired
    CamelContext camel;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    AnalyticsEngine engine;

    @EndpointInject("mock:built-report")
    MockEndpoint built;

    /** The built-in route's bean steps (node id, ref), read before the advice. */
    private static List<String[]> builtIn;

    @BeforeEach
    void adviseAndStart() throws Exception {
        if (builtIn != null) {
            return;
        }
        List<BeanDefinition> beans = new ArrayList<>();
        collect(((ModelCamelContext) camel).getRouteDefinition("build-market-report").getOutputs(), beans);
        List<String[]> found = new ArrayList<>();
        for (BeanDefinition b : beans) {
            found.add(new String[] {b.getId(), b.getRef()});
        }
        AdviceWith.adviceWith(camel, "build-market-report", a -> {
            a.weaveById("publish-report").replace().to("mock:built-report");
            for (String id : REMOVED) {
                a.weaveById(id).remove();
            }
            for (String id : ReportChain.BUILT_IN.stepIds()) {
                if (!REMOVED.contains(id)) {
                    a.weaveById(id).after().to("mock:step-" + id);
                }
            }
        });
        camel.start();
        builtIn = found;
    }

    @Test
    @Order(1)
    @DisplayName("the built-in route's bean steps are the chain's steps in order, each bean the step of its id")
    void routeStepsAreTheChain() {
        assertThat(builtIn).extracting(b -> b[0]).containsExactlyElementsOf(ReportChain.BUILT_IN.stepIds());
        for (String[] b : builtIn) {
            Object bean = camel.getRegistry().lookupByName(b[1]);
            if (bean instanceof ReportStep step) {
                assertThat(step.id()).as("bean " + b[1]).isEqualTo(b[0]);
            } else {
                assertThat(bean).as("bean " + b[1]).isInstanceOf(WriteReportStep.class);
                assertThat(b[0]).isEqualTo(WriteReportStep.ID);
            }
        }
    }

    @Test
    @Order(2)
    @DisplayName("two steps woven out: the others run, the report is the Java chain's without them, not_computed names them")
    void routeWithoutTwoSteps() throws Exception {
        List<MockEndpoint> steps = new ArrayList<>();
        for (String id : ReportChain.BUILT_IN.stepIds()) {
            if (!REMOVED.contains(id)) {
                MockEndpoint m = camel.getEndpoint("mock:step-" + id, MockEndpoint.class);
                m.expectedMinimumMessageCount(1);
                steps.add(m);
            }
        }
        // the application's own heartbeat reports of CHAINUSDT (no data) go through the route too
        producer.sendBody("direct:build-market-report", draft());
        MockEndpoint.assertIsSatisfied(10, java.util.concurrent.TimeUnit.SECONDS, steps.toArray(new MockEndpoint[0]));
        String viaRoute = built.getExchanges().stream()
                .filter(e -> "BTCUSDT".equals(e.getMessage().getHeader("context8Symbol")))
                .map(e -> e.getMessage().getBody(String.class)).findFirst().orElseThrow();

        ReportChain java = ReportChain.BUILT_IN;
        for (String id : REMOVED) {
            java = java.without(id);
        }
        assertThat(viaRoute).isEqualTo(java.run(draft()).json());
        JsonNode r = MAPPER.readTree(viaRoute);
        assertThat(r.get("not_computed").toString()).isEqualTo("[\"profile\",\"spoofing\"]");
        assertThat(r.at("/liquidity/profile").isNull()).isTrue();
        assertThat(r.at("/liquidity/walls")).isNotEmpty();
        assertThat(MAPPER.readTree(ReportChain.BUILT_IN.run(draft()).json()).at("/liquidity/profile/poc").isNumber())
                .isTrue();
    }

    @Test
    @Order(3)
    @DisplayName("detect-spoofing not in the route: the spoofing detector is not fed per event, the others are")
    void detectorFeeding() {
        SymbolAnalytics s = engine.symbol("CHAINUSDT");
        assertThat(s.feedsSpoofing()).isFalse();
        assertThat(s.feedsIcebergs()).isTrue();
        assertThat(s.feedsFlashCrash()).isTrue();
    }

    /** The draft of a fresh engine after two minutes of a generated market with a wall (fixed clock). */
    private static ReportDraft draft() {
        SyntheticMarket m = new SyntheticMarket("BTCUSDT", 5, T0).snapshot(300).calm(60_000);
        m.diff("[[\"99.70\",\"60\"]]", "[]");
        m.calm(60_000);
        long[] now = {T0};
        AnalyticsEngine e = new AnalyticsEngine(List.of("BTCUSDT"), "binance", TestSettings.analytics(), MAPPER,
                () -> now[0]);
        e.onIngestStatus("{\"websocket\":\"receiving\"}");
        List<StreamEntry> out = m.out;
        for (int i = 0; i < out.size(); i += 50) {
            now[0] += 500;
            ReportChain.reports(e.onBatch(out.subList(i, Math.min(out.size(), i + 50))));
        }
        now[0] += 2_000; // past the heartbeat: one report due
        return e.onBatch(List.of()).get(0);
    }

    /** The bean steps of a route, at any depth, leaving out its error handlers. */
    private static void collect(List<ProcessorDefinition<?>> outputs, List<BeanDefinition> into) {
        for (ProcessorDefinition<?> p : outputs) {
            if (p instanceof OnExceptionDefinition) {
                continue;
            }
            if (p instanceof BeanDefinition b) {
                into.add(b);
            }
            collect(p.getOutputs(), into);
        }
    }
}
