package io.context8.routes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.LineNumberAware;
import org.apache.camel.Route;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.EndpointRequiredDefinition;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.RouteTemplateParameterDefinition;
import org.apache.camel.model.TemplatedRouteDefinition;
import org.apache.camel.model.TemplatedRouteParameterDefinition;

import io.context8.routes.RouteFileContent.Rejection;

/**
 * The checks a changed route file passes before anything running is touched (the first failure is the
 * {@link Rejection}): its route ids are unique in the file and against the routes of the other files, as are its
 * route configuration and template ids; every {@code routeConfigurationId} exists; every static endpoint URI
 * resolves its placeholders and names a known component; every {@code bean} {@code ref} (and {@code bean:} URI)
 * names a bean of the registry; every templated route names a known template and gives its required parameters;
 * a route configuration the file no longer defines is not used by a route of another file. A rejection that
 * depends on other files ({@link Rejection#onOtherFiles}) is tried again after another file changed.
 */
final class RouteFileCheck {

    private RouteFileCheck() {
    }

    /**
     * Checks {@code next}, the new content of a file whose routes, configurations and templates now in the context
     * are {@code ownRoutes}, {@code ownConfigurations}, {@code ownTemplates} (empty for an added file).
     */
    static void check(CamelContext camel, RouteFileContent next, Set<String> ownRoutes, Set<String> ownConfigurations,
            Set<String> ownTemplates) {
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);

        Set<String> otherRoutes = new HashSet<>();
        for (Route r : camel.getRoutes()) {
            otherRoutes.add(r.getRouteId());
        }
        for (RouteDefinition d : model.getRouteDefinitions()) {
            if (d.getRouteId() != null) {
                otherRoutes.add(d.getRouteId());
            }
        }
        otherRoutes.removeAll(ownRoutes);
        Set<String> named = new HashSet<>();
        for (RouteDefinition r : next.routes()) {
            if (r.hasCustomIdAssigned()) {
                uniqueRouteId(next, r.getRouteId(), line(r), named, otherRoutes);
            }
        }
        for (TemplatedRouteDefinition t : next.templatedRoutes()) {
            if (t.getRouteId() != null) {
                uniqueRouteId(next, t.getRouteId(), -1, named, otherRoutes);
            }
        }

        Set<String> configurations = others(RouteFileContent.ids(model.getRouteConfigurationDefinitions(),
                RouteConfigurationDefinition::getId), ownConfigurations);
        for (String id : next.configurationIds()) {
            if (!configurations.add(id)) {
                throw Rejection.onOtherFiles(next.file(), -1, "route configuration id " + id + " is already used by another"
                        + " file");
            }
        }
        Set<String> templates = others(RouteFileContent.ids(model.getRouteTemplateDefinitions(),
                RouteTemplateDefinition::getId), ownTemplates);
        for (String id : next.templateIds()) {
            if (!templates.add(id)) {
                throw Rejection.onOtherFiles(next.file(), -1, "route template id " + id + " is already used by another file");
            }
        }
        dropsNoConfigurationInUse(next, model, ownRoutes, ownConfigurations);

        for (RouteDefinition r : next.routes()) {
            for (String id : configurationIdsOf(r)) {
                if (!configurations.contains(id)) {
                    throw Rejection.onOtherFiles(next.file(), line(r), "route " + r.getRouteId()
                            + ": unknown routeConfigurationId " + id);
                }
            }
            endpoint(camel, next, r.getInput().getEndpointUri(), line(r.getInput()));
            for (EndpointRequiredDefinition e : ProcessorDefinitionHelper.filterTypeInOutputs(r.getOutputs(),
                    EndpointRequiredDefinition.class)) {
                endpoint(camel, next, e.getEndpointUri(), e instanceof LineNumberAware l ? l.getLineNumber() : -1);
            }
            for (BeanDefinition b : ProcessorDefinitionHelper.filterTypeInOutputs(r.getOutputs(), BeanDefinition.class)) {
                if (b.getRef() != null) {
                    bean(camel, next, resolve(camel, next, b.getRef(), line(b)), line(b));
                }
            }
        }
        for (TemplatedRouteDefinition t : next.templatedRoutes()) {
            template(next, t, model);
        }
    }

    /** {@code all} without {@code own}, as a new modifiable set. */
    private static Set<String> others(Set<String> all, Set<String> own) {
        Set<String> others = new HashSet<>(all);
        others.removeAll(own);
        return others;
    }

    private static void uniqueRouteId(RouteFileContent next, String id, int line, Set<String> named,
            Set<String> otherRoutes) {
        if (!named.add(id)) {
            throw new Rejection(next.file(), line, "route id " + id + " appears twice in the file");
        }
        if (otherRoutes.contains(id)) {
            throw Rejection.onOtherFiles(next.file(), line, "route id " + id + " is already used by a route of another file");
        }
    }

    /** A route configuration of this file that the new content drops must not be used by another file's route. */
    private static void dropsNoConfigurationInUse(RouteFileContent next, Model model, Set<String> ownRoutes,
            Set<String> ownConfigurations) {
        Set<String> dropped = new HashSet<>(ownConfigurations);
        dropped.removeAll(next.configurationIds());
        if (dropped.isEmpty()) {
            return;
        }
        for (RouteDefinition d : model.getRouteDefinitions()) {
            if (d.getRouteId() == null || ownRoutes.contains(d.getRouteId())) {
                continue;
            }
            for (String id : configurationIdsOf(d)) {
                if (dropped.contains(id)) {
                    throw Rejection.onOtherFiles(next.file(), -1, "route configuration " + id + " is removed but route "
                            + d.getRouteId() + " of another file uses it");
                }
            }
        }
    }

    /** The exact ids of a route's {@code routeConfigurationId} (a comma list; patterns with {@code *} left out). */
    private static List<String> configurationIdsOf(RouteDefinition r) {
        List<String> ids = new ArrayList<>();
        if (r.getRouteConfigurationId() != null) {
            for (String id : r.getRouteConfigurationId().split(",")) {
                String trimmed = id.trim();
                if (!trimmed.isEmpty() && !trimmed.contains("*")) {
                    ids.add(trimmed);
                }
            }
        }
        return ids;
    }

    private static void endpoint(CamelContext camel, RouteFileContent next, String uri, int line) {
        if (uri == null || uri.contains("${")) {
            return; // a dynamic endpoint (toD) is resolved per exchange
        }
        String resolved = resolve(camel, next, uri, line);
        int colon = resolved.indexOf(':');
        if (colon <= 0) {
            throw new Rejection(next.file(), line, "endpoint " + uri + " has no component (scheme:...)");
        }
        String scheme = resolved.substring(0, colon);
        Object component;
        try {
            component = camel.getComponent(scheme);
        } catch (RuntimeException e) {
            throw new Rejection(next.file(), line, "endpoint " + uri + ": component " + scheme + " fails: "
                    + Rejection.oneLine(String.valueOf(e.getMessage())));
        }
        if (component == null) {
            throw new Rejection(next.file(), line, "endpoint " + uri + ": unknown component " + scheme);
        }
        if (scheme.equals("bean") || scheme.equals("ref")) {
            String rest = resolved.substring(colon + 1);
            int q = rest.indexOf('?');
            bean(camel, next, q < 0 ? rest : rest.substring(0, q), line);
        }
    }

    private static void bean(CamelContext camel, RouteFileContent next, String ref, int line) {
        String name = ref.startsWith("#bean:") ? ref.substring(6) : ref.startsWith("#") ? ref.substring(1) : ref;
        if (name.startsWith("#class:") || name.startsWith("class:") || name.startsWith("type:")) {
            return;
        }
        if (camel.getRegistry().lookupByName(name) == null) {
            throw new Rejection(next.file(), line, "unknown bean " + name);
        }
    }

    private static String resolve(CamelContext camel, RouteFileContent next, String text, int line) {
        try {
            return camel.resolvePropertyPlaceholders(text);
        } catch (RuntimeException e) {
            throw new Rejection(next.file(), line, Rejection.oneLine(String.valueOf(e.getMessage())));
        }
    }

    private static void template(RouteFileContent next, TemplatedRouteDefinition t, Model model) {
        String ref = t.getRouteTemplateRef();
        RouteTemplateDefinition template = null;
        for (RouteTemplateDefinition own : next.templates()) {
            if (own.getId() != null && own.getId().equals(ref)) {
                template = own;
            }
        }
        if (template == null && ref != null) {
            template = model.getRouteTemplateDefinition(ref);
        }
        if (template == null) {
            throw Rejection.onOtherFiles(next.file(), -1, "templated route " + t.getRouteId() + ": unknown route template "
                    + ref);
        }
        Set<String> given = new HashSet<>();
        if (t.getParameters() != null) {
            for (TemplatedRouteParameterDefinition p : t.getParameters()) {
                given.add(p.getName());
            }
        }
        if (template.getTemplateParameters() != null) {
            for (RouteTemplateParameterDefinition p : template.getTemplateParameters()) {
                if (p.isRequired() && p.getDefaultValue() == null && !given.contains(p.getName())) {
                    throw new Rejection(next.file(), -1, "templated route " + t.getRouteId() + ": template " + ref
                            + " needs the parameter " + p.getName());
                }
            }
        }
    }

    private static int line(ProcessorDefinition<?> d) {
        return d.getLineNumber();
    }

    private static int line(org.apache.camel.model.FromDefinition d) {
        return d.getLineNumber();
    }
}
