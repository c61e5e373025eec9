package io.context8.routes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.TemplatedRouteDefinition;
import org.apache.camel.spi.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.context8.routes.RouteFileContent.Rejection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Live reload of the routes folder ({@code context8.routes.reload}): a changed, added or removed route file takes
 * effect without a restart, and only the routes of that file restart.
 * <p>
 * A daemon thread reads the folder's files every {@value #POLL_MS} ms (the {@link RouteFiles} role rule applies, so
 * a file for a role this process does not run is ignored) and compares a SHA-256 of each file's content: polling,
 * not a {@code WatchService}, because file events are not delivered for bind mounts of Docker Desktop, network
 * file systems or a Kubernetes ConfigMap's symlink swap, and the JDK's watcher on macOS polls anyway (every 10 s);
 * a content hash, not the modification time, so a save that changes nothing (or a touch) restarts nothing. A file
 * is taken when its content is the same in two polls in a row (a file half written by an editor is not read as a
 * broken one); it is gone when it is missing in two polls in a row.
 * <p>
 * For one changed file: parse it ({@link RouteFileContent}) and check it ({@link RouteFileCheck}) before touching
 * anything running. A rejected file gets one WARN line (file, line when known, reason; no stack trace), its running
 * routes stay as they were (its last good content) and the same content is not tried again (unless the reason was
 * about other files, e.g. a route configuration that a file copied in at the same time defines: then it is tried
 * again after another file was applied or removed). Otherwise the routes of that file are stopped and removed and
 * the new ones added and started; should that fail, the last good content is put back (one WARN line). Each applied
 * reload logs one INFO line (file, routes stopped and started). Counted in
 * {@code context8_route_reloads_total{result=applied|rejected|removed}}.
 */
public final class RouteReloads implements AutoCloseable {

    /** Milliseconds between two reads of the folder. */
    public static final long POLL_MS = 500;

    private static final Logger LOG = LoggerFactory.getLogger(RouteReloads.class);

    /** What one file put into the context: its last good content and the ids of what came from it. */
    private record Loaded(byte[] content, String hash, Set<String> routeIds, Set<String> configurationIds,
            Set<String> templateIds) {
    }

    private final CamelContext camel;
    private final Path dir;
    private final Set<String> roles;
    private final boolean stdio;
    private final Counter applied;
    private final Counter rejected;
    private final Counter removed;

    private final List<Path> startFiles;
    private final Consumer<String> stopping;
    private final Map<Path, byte[]> startContents = new HashMap<>();
    private final Map<Path, Loaded> loaded = new HashMap<>();
    private final Map<Path, String> seen = new HashMap<>();
    private final Map<Path, String> rejectedHash = new HashMap<>();
    private final Set<Path> rejectedOnOtherFiles = new HashSet<>();
    private boolean changedThisPoll;
    private final Set<Path> missingOnce = new HashSet<>();
    private boolean baselined;
    private boolean folderUnreadable;
    private ScheduledExecutorService executor;

    /**
     * Watches {@code dir} for a process running {@code roles} ({@code stdio}: MCP over stdio); {@code startFiles}
     * are the files of the folder that Camel loads at start ({@link RouteFiles#loadedFiles}); {@code stopping} is
     * told the id of each route of a file before its routes are stopped (the report tap then stops feeding a sink
     * route, whose queue would otherwise keep its stop waiting until the shutdown timeout).
     */
    public RouteReloads(CamelContext camel, MeterRegistry meters, Path dir, Set<String> roles, boolean stdio,
            List<Path> startFiles, Consumer<String> stopping) {
        this.camel = camel;
        this.dir = dir;
        this.startFiles = List.copyOf(startFiles);
        this.stopping = stopping;
        this.roles = Set.copyOf(roles);
        this.stdio = stdio;
        this.applied = counter(meters, "applied");
        this.rejected = counter(meters, "rejected");
        this.removed = counter(meters, "removed");
    }

    private static Counter counter(MeterRegistry meters, String result) {
        return Counter.builder("context8.route.reloads")
                .description("Reloads of a route file of the routes folder: applied, rejected (kept the running"
                        + " routes), removed (the file was deleted)")
                .tag("result", result).register(meters);
    }

    /**
     * Reads the start-up files (before Camel has loaded them, or just after: a change in between is at worst
     * applied once more) and starts the polling thread; the first poll after the Camel context has started
     * records what each start-up file put into the context.
     */
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        for (Path file : startFiles) {
            byte[] content = read(file);
            if (content != null) {
                startContents.put(file, content);
            }
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "context8-route-reloads");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::pollSafely, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
        LOG.info("Reloading the route files of {} on change (checked every {} ms)", dir, POLL_MS);
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            // one line, and the next poll still runs (an exception would end the scheduled task)
            LOG.warn("Route reload of {} failed: {}", dir, Rejection.oneLine(String.valueOf(e)));
        }
    }

    /** One look at the folder: apply what changed. */
    private synchronized void poll() {
        if (!camel.isStarted() || camel.isStopping()) {
            return;
        }
        List<Path> files;
        try {
            files = RouteFiles.select(dir, roles, stdio);
            folderUnreadable = false;
        } catch (UncheckedIOException e) {
            if (!folderUnreadable) {
                LOG.warn("Routes folder {} cannot be read ({}): its routes keep running; retrying", dir,
                        e.getCause().getMessage());
                folderUnreadable = true;
            }
            return;
        }
        if (!baselined) {
            baseline();
            baselined = true;
        }
        Set<Path> present = new HashSet<>();
        changedThisPoll = false;
        for (Path file : files) {
            byte[] content = read(file);
            if (content == null) {
                continue;
            }
            present.add(file);
            missingOnce.remove(file);
            String hash = hash(content);
            String before = seen.put(file, hash);
            if (!hash.equals(before)) {
                continue; // changed since the last poll: take it once it has settled
            }
            Loaded current = loaded.get(file);
            if ((current != null && current.hash().equals(hash)) || hash.equals(rejectedHash.get(file))) {
                continue;
            }
            reload(file, content, hash, current);
        }
        for (Path file : new ArrayList<>(loaded.keySet())) {
            if (!present.contains(file) && !missingOnce.add(file)) {
                missingOnce.remove(file);
                remove(file);
            }
        }
        seen.keySet().retainAll(present);
        rejectedHash.keySet().retainAll(present);
        rejectedOnOtherFiles.retainAll(present);
        if (changedThisPoll) {
            // e.g. two files copied in together, the first naming a route configuration of the second: try again
            rejectedHash.keySet().removeAll(rejectedOnOtherFiles);
            rejectedOnOtherFiles.clear();
        }
    }

    /**
     * Records what each start-up file put into the context, with its content as read at {@link #start}. A file of
     * the folder that is not a start-up file (added since) is new to the polls that follow.
     */
    private void baseline() {
        Map<Path, byte[]> contents = startContents;
        Map<Path, RouteFileContent> parsed = new HashMap<>();
        Set<String> named = new HashSet<>();
        for (var e : contents.entrySet()) {
            Path file = e.getKey();
            byte[] content = e.getValue();
            seen.put(file, hash(content));
            try {
                RouteFileContent c = RouteFileContent.parse(camel, file, content);
                parsed.put(file, c);
                named.addAll(c.namedRouteIds());
            } catch (Rejection r) {
                LOG.warn("Route file {} does not parse now{}: {}; it is reloaded once it does", file,
                        at(r.line), r.reason());
                seen.put(file, ""); // not what was loaded: retried when it settles
            }
        }
        for (Path file : contents.keySet()) {
            RouteFileContent c = parsed.get(file);
            Set<String> routeIds = new LinkedHashSet<>();
            if (c != null) {
                for (String id : c.namedRouteIds()) {
                    if (camel.getRoute(id) != null || model().getRouteDefinition(id) != null) {
                        routeIds.add(id);
                    }
                }
            }
            for (Route r : camel.getRoutes()) {
                if (!named.contains(r.getRouteId()) && file.equals(fileOf(r.getSourceResource()))) {
                    routeIds.add(r.getRouteId()); // a route without an id of its own: by its source file
                }
            }
            String hash = seen.getOrDefault(file, "");
            loaded.put(file, new Loaded(contents.get(file), hash, routeIds,
                    c == null ? Set.of() : c.configurationIds(), c == null ? Set.of() : c.templateIds()));
        }
    }

    private void reload(Path file, byte[] content, String hash, Loaded current) {
        RouteFileContent next;
        Set<String> ownRoutes = current == null ? Set.of() : current.routeIds();
        try {
            next = RouteFileContent.parse(camel, file, content);
            RouteFileCheck.check(camel, next, ownRoutes,
                    current == null ? Set.of() : current.configurationIds(),
                    current == null ? Set.of() : current.templateIds());
        } catch (Rejection r) {
            reject(file, hash, r.line, r.reason(), (current == null ? "nothing was loaded from it"
                    : "its routes keep running as before") + (r.otherFiles ? " (tried again when another file changes)"
                    : ""));
            if (r.otherFiles) {
                rejectedOnOtherFiles.add(file);
            }
            return;
        }
        Set<String> stopped = running(ownRoutes);
        try {
            unload(current);
            Loaded now = load(next, content, hash, true);
            loaded.put(file, now);
            rejectedHash.remove(file);
            rejectedOnOtherFiles.remove(file);
            changedThisPoll = true;
            applied.increment();
            LOG.info("Route file {} reloaded: stopped {}, started {}", file, stopped, running(now.routeIds()));
        } catch (Exception e) {
            Rejection r = Rejection.of(file, e);
            undo(next);
            String kept = restore(file, current);
            reject(file, hash, r.line, r.reason(), kept);
        }
    }

    /** Puts the last good content of {@code file} back after a failed reload; says what runs now. */
    private String restore(Path file, Loaded previous) {
        loaded.remove(file);
        if (previous == null) {
            return "nothing was loaded from it";
        }
        try {
            RouteFileContent good = RouteFileContent.parse(camel, file, previous.content());
            loaded.put(file, load(good, previous.content(), previous.hash(), false));
            return "its previous routes were restarted";
        } catch (Exception e) {
            return "its previous routes could not be restarted either (" + Rejection.of(file, e).reason()
                    + "): they are stopped until the file is fixed";
        }
    }

    private void reject(Path file, String hash, int line, String reason, String outcome) {
        rejectedHash.put(file, hash);
        rejected.increment();
        LOG.warn("Route file {} rejected{}: {}; {}", file, at(line), reason, outcome);
    }

    private void remove(Path file) {
        Loaded current = loaded.remove(file);
        Set<String> stopped = running(current.routeIds());
        try {
            unload(current);
        } catch (Exception e) {
            LOG.warn("Route file {} removed but its routes could not all be removed: {}", file,
                    Rejection.of(file, e).reason());
        }
        changedThisPoll = true;
        removed.increment();
        LOG.info("Route file {} removed: stopped {}", file, stopped);
    }

    /**
     * Adds a file's route configurations, templates, routes and templated routes and starts the routes (the
     * supervising route controller starts only the routes there at start-up); returns what came from the file.
     * With {@code strict}, a route that fails to start fails the load; else it is left to the route controller,
     * which retries it with back-off as at start-up.
     */
    private Loaded load(RouteFileContent c, byte[] content, String hash, boolean strict) throws Exception {
        Model model = model();
        model.addRouteConfigurations(c.configurations());
        model.addRouteTemplateDefinitions(c.templates());
        model.addRouteDefinitions(c.routes());
        Set<String> routeIds = new LinkedHashSet<>();
        Set<String> manual = new HashSet<>();
        for (RouteDefinition r : c.routes()) {
            routeIds.add(r.getRouteId());
            if ("false".equals(camel.resolvePropertyPlaceholders(String.valueOf(r.getAutoStartup())))) {
                manual.add(r.getRouteId()); // autoStartup: false, as at start-up
            }
        }
        for (TemplatedRouteDefinition t : c.templatedRoutes()) {
            model.addRouteFromTemplatedRoute(t);
            routeIds.add(t.getRouteId());
        }
        for (String id : routeIds) {
            ServiceStatus status = camel.getRouteController().getRouteStatus(id);
            if (camel.getRoute(id) == null || manual.contains(id)
                    || (status != null && (status.isStarted() || status.isStarting()))) {
                continue;
            }
            try {
                camel.getRouteController().startRoute(id);
            } catch (Exception e) {
                if (strict) {
                    throw e;
                }
            }
        }
        return new Loaded(content, hash, routeIds, c.configurationIds(), c.templateIds());
    }

    /** Stops and removes what {@code current} put into the context. */
    private void unload(Loaded current) throws Exception {
        if (current == null) {
            return;
        }
        Model model = model();
        for (String id : current.routeIds()) {
            if (camel.getRoute(id) != null) {
                stopping.accept(id);
            }
        }
        for (String id : current.routeIds()) {
            removeRoute(model, id);
        }
        for (String id : current.configurationIds()) {
            RouteConfigurationDefinition d = model.getRouteConfigurationDefinition(id);
            if (d != null) {
                model.removeRouteConfiguration(d);
            }
        }
        for (String id : current.templateIds()) {
            RouteTemplateDefinition d = model.getRouteTemplateDefinition(id);
            if (d != null) {
                model.removeRouteTemplateDefinition(d);
            }
        }
    }

    /** Takes out whatever of {@code c} a failed load added. */
    private void undo(RouteFileContent c) {
        Model model = model();
        try {
            for (RouteDefinition r : c.routes()) {
                if (model.getRouteDefinitions().contains(r)) {
                    model.removeRouteDefinition(r); // stops the route (if it got one) and removes it
                }
            }
            for (TemplatedRouteDefinition t : c.templatedRoutes()) {
                if (t.getRouteId() != null) {
                    removeRoute(model, t.getRouteId());
                }
            }
            for (RouteConfigurationDefinition d : c.configurations()) {
                model.removeRouteConfiguration(d);
            }
            for (RouteTemplateDefinition d : c.templates()) {
                model.removeRouteTemplateDefinition(d);
            }
        } catch (Exception e) {
            LOG.warn("Route file {}: the routes of the failed reload could not all be removed: {}", c.file(),
                    Rejection.of(c.file(), e).reason());
        }
    }

    private void removeRoute(Model model, String id) throws Exception {
        RouteDefinition d = model.getRouteDefinition(id);
        if (d != null) {
            model.removeRouteDefinition(d); // stops the route and removes it from the context
        } else if (camel.getRoute(id) != null) {
            camel.getRouteController().stopRoute(id);
            camel.removeRoute(id);
        }
    }

    /** The ids of {@code ids} that are routes of the context now, sorted. */
    private Set<String> running(Set<String> ids) {
        Set<String> found = new TreeSet<>();
        for (String id : ids) {
            if (id != null && camel.getRoute(id) != null) {
                found.add(id);
            }
        }
        return found;
    }

    private Model model() {
        return camel.getCamelContextExtension().getContextPlugin(Model.class);
    }

    /** The file of the routes folder a resource was loaded from, else null. */
    static Path fileOf(Resource resource) {
        if (resource == null || resource.getLocation() == null) {
            return null;
        }
        String location = resource.getLocation();
        if (!location.startsWith("file:")) {
            return null;
        }
        try {
            return Path.of(location.substring("file:".length())).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String at(int line) {
        return line > 0 ? " at line " + line : "";
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.debug("Cannot read {}: {}", file, e.getMessage());
            return null;
        }
    }

    private static String hash(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
