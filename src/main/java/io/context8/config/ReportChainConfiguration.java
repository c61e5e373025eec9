package io.context8.config;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.context8.analytics.AnalyticsEngine;
import io.context8.analytics.steps.AssessFlashCrashRiskStep;
import io.context8.analytics.steps.AssessIngestionStep;
import io.context8.analytics.steps.DetectIcebergsStep;
import io.context8.analytics.steps.DetectSpoofingStep;
import io.context8.analytics.steps.FindWallsAndVacuumsStep;
import io.context8.analytics.steps.MeasureBookStep;
import io.context8.analytics.steps.MeasureDepthBandsStep;
import io.context8.analytics.steps.MeasureFlowStep;
import io.context8.analytics.steps.MeasureProfileStep;
import io.context8.analytics.steps.ScoreHealthStep;
import io.context8.analytics.steps.SnapshotBookStep;
import io.context8.analytics.steps.WriteReportStep;

/**
 * The beans of the route {@code build-market-report}'s steps (bean name = the {@code ref:} in the route), and the
 * watcher that feeds per event only the detectors whose step is in a running route.
 */
@Configuration(proxyBeanMethods = false)
public class ReportChainConfiguration {

    /** Bean names of the detector steps, in the order of {@link AnalyticsEngine#detectors}. */
    static final List<String> DETECTOR_BEANS = List.of("detectSpoofing", "detectIcebergs", "assessFlashCrashRisk");

    /** Bean name of the step write-report: a route that has it is the report chain. */
    static final String WRITE_REPORT_BEAN = "writeReport";

    @Bean
    SnapshotBookStep snapshotBook() {
        return new SnapshotBookStep();
    }

    @Bean
    MeasureBookStep measureBook() {
        return new MeasureBookStep();
    }

    @Bean
    MeasureDepthBandsStep measureDepthBands() {
        return new MeasureDepthBandsStep();
    }

    @Bean
    FindWallsAndVacuumsStep findWallsAndVacuums() {
        return new FindWallsAndVacuumsStep();
    }

    @Bean
    MeasureProfileStep measureProfile() {
        return new MeasureProfileStep();
    }

    @Bean
    MeasureFlowStep measureFlow() {
        return new MeasureFlowStep();
    }

    @Bean
    DetectSpoofingStep detectSpoofing() {
        return new DetectSpoofingStep();
    }

    @Bean
    DetectIcebergsStep detectIcebergs() {
        return new DetectIcebergsStep();
    }

    @Bean
    AssessFlashCrashRiskStep assessFlashCrashRisk() {
        return new AssessFlashCrashRiskStep();
    }

    @Bean
    AssessIngestionStep assessIngestion() {
        return new AssessIngestionStep();
    }

    @Bean
    ScoreHealthStep scoreHealth() {
        return new ScoreHealthStep();
    }

    @Bean
    WriteReportStep writeReport() {
        return new WriteReportStep();
    }

    @Bean
    DetectorSteps detectorSteps(AnalyticsEngine engine) {
        return new DetectorSteps(engine);
    }

    /**
     * On start and whenever a route is added or removed: which detector steps the running routes call (a bean step
     * with the detector's {@code ref}, at any depth), so that a detector removed from the route is not fed per
     * event. Decided only while a route with the step write-report runs (not while the routes are being added at
     * start, nor when no report is built at all). Logs each change once.
     */
    static final class DetectorSteps extends EventNotifierSupport {

        private static final Logger LOG = LoggerFactory.getLogger(DetectorSteps.class);

        private final AnalyticsEngine engine;
        private List<String> fed = DETECTOR_BEANS;

        DetectorSteps(AnalyticsEngine engine) {
            this.engine = engine;
        }

        @Override
        public boolean isEnabled(CamelEvent event) {
            return event instanceof CamelEvent.CamelContextStartedEvent || event instanceof CamelEvent.RouteAddedEvent
                    || event instanceof CamelEvent.RouteRemovedEvent;
        }

        @Override
        public void notify(CamelEvent event) {
            CamelContext context = event instanceof CamelEvent.CamelContextEvent c ? c.getContext()
                    : ((CamelEvent.RouteEvent) event).getRoute().getCamelContext();
            if (!context.isStarted() && !(event instanceof CamelEvent.CamelContextStartedEvent)) {
                return; // routes added while the context starts: counted once at CamelContextStartedEvent
            }
            List<String> refs = beanRefs(context);
            if (!refs.contains(WRITE_REPORT_BEAN)) {
                return; // no route with the report steps (yet, while the routes start): nothing to decide
            }
            List<String> found = DETECTOR_BEANS.stream().filter(refs::contains).toList();
            if (!found.equals(fed)) {
                LOG.info("Detectors fed per event: {} (their steps are in the running routes)",
                        found.isEmpty() ? "none" : String.join(", ", found));
            }
            fed = found;
            engine.detectors(found.contains(DETECTOR_BEANS.get(0)), found.contains(DETECTOR_BEANS.get(1)),
                    found.contains(DETECTOR_BEANS.get(2)));
        }

        /** The bean {@code ref}s of the running routes' bean steps, at any depth. */
        static List<String> beanRefs(CamelContext context) {
            List<String> refs = new ArrayList<>();
            ModelCamelContext model = (ModelCamelContext) context;
            for (Route route : context.getRoutes()) {
                RouteDefinition def = model.getRouteDefinition(route.getRouteId());
                if (def != null) {
                    collectRefs(def.getOutputs(), refs);
                }
            }
            return refs;
        }

        private static void collectRefs(List<ProcessorDefinition<?>> outputs, List<String> refs) {
            for (ProcessorDefinition<?> p : outputs) {
                if (p instanceof BeanDefinition b && b.getRef() != null) {
                    refs.add(b.getRef());
                }
                collectRefs(p.getOutputs(), refs);
            }
        }
    }
}
