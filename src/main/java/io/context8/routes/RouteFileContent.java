package io.context8.routes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.TemplatedRouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/**
 * What one route file defines, parsed by Camel's own routes loader (the YAML DSL) without adding anything to the
 * context: its routes, templated routes (a route made from a template), route configurations and route templates.
 * Parsing a file twice gives fresh definitions each time (Camel prepares and mutates the ones it adds).
 */
record RouteFileContent(Path file, List<RouteDefinition> routes, List<TemplatedRouteDefinition> templatedRoutes,
        List<RouteConfigurationDefinition> configurations, List<RouteTemplateDefinition> templates) {

    /** Camel's resource location of a file of the routes folder, as {@code camel.main.routes-include-pattern}. */
    static String location(Path file) {
        return "file:" + file;
    }

    /** Parses {@code content} as the route file {@code file}; a file that does not parse is a {@link Rejection}. */
    static RouteFileContent parse(CamelContext camel, Path file, byte[] content) {
        Resource resource = ResourceHelper.fromBytes(location(file), content);
        List<RouteDefinition> routes = new ArrayList<>();
        List<TemplatedRouteDefinition> templated = new ArrayList<>();
        List<RouteConfigurationDefinition> configurations = new ArrayList<>();
        List<RouteTemplateDefinition> templates = new ArrayList<>();
        try {
            for (RoutesBuilder builder : PluginHelper.getRoutesLoader(camel).findRoutesBuilders(List.of(resource))) {
                if (!(builder instanceof RouteBuilder rb)) {
                    throw new Rejection(file, -1, "not a route builder: " + builder.getClass().getName());
                }
                // route configurations first, as Camel's own loader does (the routes refer to them)
                if (rb instanceof RouteConfigurationBuilder rcb) {
                    rcb.setCamelContext(camel);
                    rcb.getRouteConfigurationCollection().setCamelContext(camel);
                    rcb.configuration();
                    configurations.addAll(rcb.getRouteConfigurationCollection().getRouteConfigurations());
                }
                routes.addAll(rb.configureRoutes(camel).getRoutes());
                templated.addAll(rb.getTemplatedRouteCollection().getTemplatedRoutes());
                templates.addAll(rb.getRouteTemplateCollection().getRouteTemplates());
                if (!rb.configureRests(camel).getRests().isEmpty()) {
                    throw new Rejection(file, -1, "rest definitions are not reloaded (restart to change them)");
                }
            }
        } catch (Rejection r) {
            throw r;
        } catch (Exception e) {
            throw Rejection.of(file, e);
        }
        return new RouteFileContent(file, routes, templated, configurations, templates);
    }

    /** The route ids this file names: its routes' explicit ids and its templated routes' ids. */
    Set<String> namedRouteIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (RouteDefinition r : routes) {
            if (r.hasCustomIdAssigned() && r.getRouteId() != null) {
                ids.add(r.getRouteId());
            }
        }
        for (TemplatedRouteDefinition t : templatedRoutes) {
            if (t.getRouteId() != null) {
                ids.add(t.getRouteId());
            }
        }
        return ids;
    }

    /** The ids of this file's route configurations. */
    Set<String> configurationIds() {
        return ids(configurations, RouteConfigurationDefinition::getId);
    }

    /** The ids of this file's route templates. */
    Set<String> templateIds() {
        return ids(templates, RouteTemplateDefinition::getId);
    }

    /** The non-null ids of {@code definitions}, in file order. */
    static <T> Set<String> ids(List<T> definitions, Function<T, String> id) {
        Set<String> ids = new LinkedHashSet<>();
        for (T d : definitions) {
            if (id.apply(d) != null) {
                ids.add(id.apply(d));
            }
        }
        return ids;
    }

    /** Why a file's content is not applied: the file, the line (1-based, -1 when unknown) and the reason. */
    static final class Rejection extends RuntimeException {
        private static final long serialVersionUID = 1L;

        final transient Path file;
        final int line;
        /** The reason is about other files (an id they use, a configuration or template they define). */
        final boolean otherFiles;

        Rejection(Path file, int line, String reason) {
            this(file, line, reason, false);
        }

        private Rejection(Path file, int line, String reason, boolean otherFiles) {
            super(reason, null, false, false);
            this.file = file;
            this.line = line;
            this.otherFiles = otherFiles;
        }

        /** A rejection that a change of another file may lift (e.g. it adds the route configuration named). */
        static Rejection onOtherFiles(Path file, int line, String reason) {
            return new Rejection(file, line, reason, true);
        }

        /** The reason and the line of a failure of Camel or of the YAML parser, on one line. */
        static Rejection of(Path file, Throwable failure) {
            int line = -1;
            String reason = null;
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof MarkedYamlEngineException y) {
                    line = y.getProblemMark().or(y::getContextMark).map(m -> m.getLine() + 1).orElse(line);
                    reason = y.getProblem() != null ? y.getProblem() : y.getContext();
                    break;
                }
                reason = t.getMessage() != null ? t.getMessage() : reason;
            }
            if (reason == null) {
                reason = failure.getClass().getSimpleName();
            }
            return new Rejection(file, line, oneLine(reason));
        }

        /** {@code text} with its line breaks and runs of blanks folded into single spaces. */
        static String oneLine(String text) {
            return text.replaceAll("\\s+", " ").trim();
        }

        String reason() {
            return getMessage();
        }
    }
}
