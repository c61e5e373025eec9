package io.context8.tools;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import javax.imageio.ImageIO;

/**
 * Renders the panels of the provisioned Grafana dashboard ({@code deploy/grafana/dashboards/context8.json}) to a
 * PNG with Java2D, headless, from Prometheus text scraped off a running context8 during a replay (Grafana needs
 * Docker, which these machines lack). Each panel computes what its PromQL computes, from the raw samples:
 * {@code rate()} as the counter delta over a 5 s window, {@code histogram_quantile()} by linear interpolation in
 * the window's bucket deltas, gauges as scraped. While capturing it calls {@code get_report} over MCP (5/s for
 * the first symbol, 1/s for a symbol that has no report) so the MCP panels have traffic. The samples stay in
 * memory; only the PNG is written.
 * <pre>
 * java -cp target/test-classes io.context8.tools.DashboardPng http://127.0.0.1:8080 180 docs/dashboard.png BTCUSDT ETHUSDT
 * </pre>
 */
public final class DashboardPng {

    record Sample(String name, Map<String, String> labels, double value) {
    }

    record Scrape(double t, List<Sample> samples) {
    }

    private static final int WINDOW = 5;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int seconds = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        String hit = args.length > 3 ? args[3] : "BTCUSDT";
        String miss = args.length > 4 ? args[4] : "ETHUSDT";
        List<Scrape> scrapes = new ArrayList<>();
        long t0 = System.nanoTime();
        Instant start = Instant.now();
        for (int i = 0; i < seconds; i++) {
            long tick = t0 + i * 1_000_000_000L;
            for (int k = 0; k < 5; k++) {
                mcpCall(base, k == 0 ? miss : hit);
                sleepUntil(tick + (k + 1) * 200_000_000L);
            }
            scrapes.add(new Scrape((System.nanoTime() - t0) / 1e9, parse(get(base + "/actuator/prometheus"))));
        }
        render(scrapes, out, "context8 dashboard, rendered from a replay captured " + start + " (" + seconds + " s)");
        System.out.println("wrote " + out + " from " + scrapes.size() + " scrapes");
    }

    // --- panels: the dashboard's expressions, computed from the samples ---

    record Series(String name, double[] y) {
    }

    record Panel(String title, String unit, List<Series> series) {
    }

    static List<Panel> panels(List<Scrape> s) {
        List<Panel> p = new ArrayList<>();
        p.add(new Panel("Stream lag (ms) by symbol", "ms", gauge(s, "context8_stream_lag_ms", "symbol", "")));
        p.add(new Panel("Events/s by type", "/s", rate(s, "context8_events_total", "type", x -> true, "")));
        List<Series> calc = new ArrayList<>(quantile(s, "context8_calc_latency_ms_bucket", 0.99, "metric", "p99 "));
        calc.addAll(mean(s, "context8_calc_latency_ms", "metric", "mean "));
        p.add(new Panel("Calc latency (ms), p99 and mean", "ms", calc));
        p.add(new Panel("Report age (ms) by symbol", "ms", gauge(s, "context8_report_age_ms", "symbol", "")));
        List<Series> mcp = new ArrayList<>();
        mcp.addAll(quantile(filter(s, "method", "tools/call"), "context8_mcp_request_duration_ms_bucket", 0.5, "method", "p50 "));
        mcp.addAll(quantile(filter(s, "method", "tools/call"), "context8_mcp_request_duration_ms_bucket", 0.99, "method", "p99 "));
        p.add(new Panel("MCP latency (ms), p50 and p99", "ms", mcp));
        List<Series> req = new ArrayList<>(rate(s, "context8_mcp_requests_total", "status", x -> true, ""));
        req.addAll(rate(s, "context8_mcp_cache_misses_total", "symbol", x -> true, "cache miss "));
        p.add(new Panel("MCP requests/s by status, cache misses/s", "/s", nonZero(req)));
        List<Series> health = new ArrayList<>(gauge(s, "context8_health_score", "symbol", ""));
        health.addAll(scaled(gauge(s, "context8_ingestion_status", "symbol", "ingestion "), 100));
        p.add(new Panel("Health score (0-100) and ingestion status (100 ok, 50 degraded, 0 down)", "", health));
        List<Series> anomalies = new ArrayList<>(increase(s, "context8_anomalies_total", "type", ""));
        anomalies.addAll(increase(s, "context8_book_incidents_total", "type", "book "));
        anomalies.addAll(increase(s, "context8_errors_total", "type", "error "));
        p.add(new Panel("Anomalies and errors (since start)", "", nonZero(anomalies)));
        p.add(new Panel("Camel route exchanges/s", "/s",
                nonZero(rate(s, "camel_exchanges_total", "routeId", x -> true, ""))));
        return p;
    }

    static List<Scrape> filter(List<Scrape> s, String label, String value) {
        List<Scrape> out = new ArrayList<>();
        for (Scrape x : s) {
            out.add(new Scrape(x.t, x.samples.stream().filter(v -> !v.labels.containsKey(label)
                    || value.equals(v.labels.get(label))).toList()));
        }
        return out;
    }

    static List<Series> nonZero(List<Series> in) {
        return in.stream().filter(x -> {
            for (double v : x.y) {
                if (!Double.isNaN(v) && v != 0) {
                    return true;
                }
            }
            return false;
        }).toList();
    }

    /** Sum of matching samples per group at each scrape. */
    static Map<String, double[]> sums(List<Scrape> s, String name, String by, Predicate<Sample> where) {
        Map<String, double[]> m = new TreeMap<>();
        for (int i = 0; i < s.size(); i++) {
            for (Sample x : s.get(i).samples) {
                if (x.name.equals(name) && where.test(x)) {
                    double[] y = m.computeIfAbsent(x.labels.getOrDefault(by, ""), k -> nan(s.size()));
                    y[i] = (Double.isNaN(y[i]) ? 0 : y[i]) + x.value;
                }
            }
        }
        return m;
    }

    static List<Series> gauge(List<Scrape> s, String name, String by, String prefix) {
        List<Series> out = new ArrayList<>();
        sums(s, name, by, x -> true).forEach((k, y) -> out.add(new Series(prefix + k, y)));
        return out;
    }

    static List<Series> scaled(List<Series> series, double factor) {
        List<Series> out = new ArrayList<>();
        for (Series x : series) {
            double[] y = x.y().clone();
            for (int i = 0; i < y.length; i++) {
                y[i] *= factor;
            }
            out.add(new Series(x.name(), y));
        }
        return out;
    }

    static List<Series> rate(List<Scrape> s, String name, String by, Predicate<Sample> where, String prefix) {
        List<Series> out = new ArrayList<>();
        sums(s, name, by, where).forEach((k, y) -> out.add(new Series(prefix + k, windowed(s, y, (a, b, dt) -> (b - a) / dt))));
        return out;
    }

    static List<Series> increase(List<Scrape> s, String name, String by, String prefix) {
        List<Series> out = new ArrayList<>();
        sums(s, name, by, x -> true).forEach((k, y) -> {
            double first = Double.NaN;
            double[] inc = nan(y.length);
            for (int i = 0; i < y.length; i++) {
                if (!Double.isNaN(y[i])) {
                    first = Double.isNaN(first) ? y[i] : first;
                    inc[i] = y[i] - first;
                }
            }
            out.add(new Series(prefix + k, inc));
        });
        return out;
    }

    static List<Series> mean(List<Scrape> s, String base, String by, String prefix) {
        Map<String, double[]> sum = sums(s, base + "_sum", by, x -> true);
        Map<String, double[]> count = sums(s, base + "_count", by, x -> true);
        List<Series> out = new ArrayList<>();
        sum.forEach((k, y) -> {
            double[] ds = windowed(s, y, (a, b, dt) -> b - a);
            double[] dc = windowed(s, count.get(k), (a, b, dt) -> b - a);
            double[] m = nan(y.length);
            for (int i = 0; i < m.length; i++) {
                m[i] = dc[i] > 0 ? ds[i] / dc[i] : Double.NaN;
            }
            out.add(new Series(prefix + k, m));
        });
        return out;
    }

    /** histogram_quantile over the window's bucket increases, per group. */
    static List<Series> quantile(List<Scrape> s, String bucket, double q, String by, String prefix) {
        Map<String, TreeMap<Double, double[]>> groups = new TreeMap<>();
        for (int i = 0; i < s.size(); i++) {
            for (Sample x : s.get(i).samples) {
                if (x.name.equals(bucket)) {
                    double le = "+Inf".equals(x.labels.get("le")) ? Double.POSITIVE_INFINITY : Double.parseDouble(x.labels.get("le"));
                    double[] y = groups.computeIfAbsent(x.labels.getOrDefault(by, ""), k -> new TreeMap<>())
                            .computeIfAbsent(le, k -> nan(s.size()));
                    y[i] = (Double.isNaN(y[i]) ? 0 : y[i]) + x.value;
                }
            }
        }
        List<Series> out = new ArrayList<>();
        groups.forEach((g, buckets) -> {
            double[] r = nan(s.size());
            Map<Double, double[]> inc = new LinkedHashMap<>();
            buckets.forEach((le, y) -> inc.put(le, windowed(s, y, (a, b, dt) -> b - a)));
            for (int i = 0; i < r.length; i++) {
                double total = inc.get(Double.POSITIVE_INFINITY) == null ? Double.NaN : inc.get(Double.POSITIVE_INFINITY)[i];
                if (!(total > 0)) {
                    continue;
                }
                double rank = q * total;
                double prevLe = 0;
                double prevCount = 0;
                for (Map.Entry<Double, double[]> e : inc.entrySet()) {
                    double c = e.getValue()[i];
                    if (c >= rank) {
                        r[i] = Double.isInfinite(e.getKey()) ? prevLe
                                : prevLe + (e.getKey() - prevLe) * (c == prevCount ? 1 : (rank - prevCount) / (c - prevCount));
                        break;
                    }
                    prevLe = e.getKey();
                    prevCount = c;
                }
            }
            out.add(new Series(prefix + g, r));
        });
        return out;
    }

    interface Window {
        double apply(double before, double now, double dt);
    }

    static double[] windowed(List<Scrape> s, double[] y, Window f) {
        double[] r = nan(y.length);
        for (int i = WINDOW; i < y.length; i++) {
            if (!Double.isNaN(y[i]) && !Double.isNaN(y[i - WINDOW])) {
                r[i] = f.apply(y[i - WINDOW], y[i], s.get(i).t - s.get(i - WINDOW).t);
            }
        }
        return r;
    }

    static double[] nan(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }

    // --- drawing ---

    private static final Color BG = new Color(0x11, 0x12, 0x17);
    private static final Color PANEL = new Color(0x18, 0x1b, 0x1f);
    private static final Color GRID = new Color(0x2c, 0x30, 0x35);
    private static final Color TEXT = new Color(0xcc, 0xcc, 0xdc);
    private static final Color[] PALETTE = {new Color(0x73, 0xbf, 0x69), new Color(0xf2, 0xcc, 0x0c),
            new Color(0x56, 0x94, 0xf2), new Color(0xff, 0x98, 0x30), new Color(0xf2, 0x49, 0x5c),
            new Color(0xb8, 0x77, 0xd9), new Color(0x8a, 0xb8, 0xff), new Color(0x96, 0xd9, 0x8d)};

    static void render(List<Scrape> scrapes, Path out, String title) throws IOException {
        List<Panel> panels = panels(scrapes);
        int pw = 620;
        int ph = 340;
        int cols = 3;
        int rows = (panels.size() + cols - 1) / cols;
        BufferedImage img = new BufferedImage(cols * pw + 20, rows * ph + 50, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(BG);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(TEXT);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, 12, 28);
        double[] t = scrapes.stream().mapToDouble(Scrape::t).toArray();
        for (int i = 0; i < panels.size(); i++) {
            drawPanel(g, panels.get(i), t, 10 + (i % cols) * pw, 40 + (i / cols) * ph, pw - 10, ph - 10);
        }
        g.dispose();
        ImageIO.write(img, "png", out.toFile());
    }

    static void drawPanel(Graphics2D g, Panel p, double[] t, int x, int y, int w, int h) {
        g.setColor(PANEL);
        g.fillRect(x, y, w, h);
        g.setColor(TEXT);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(p.title, x + 8, y + 18);
        int legendRows = Math.min(4, (p.series.size() + 2) / 3);
        int left = x + 60;
        int top = y + 30;
        int right = x + w - 12;
        int bottom = y + h - 28 - legendRows * 15;
        double max = 0;
        for (Series s : p.series) {
            for (double v : s.y) {
                if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        max = niceCeil(max);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int k = 0; k <= 4; k++) {
            int yy = bottom - (bottom - top) * k / 4;
            g.setColor(GRID);
            g.drawLine(left, yy, right, yy);
            g.setColor(TEXT);
            String label = fmt(max * k / 4) + (p.unit.isEmpty() ? "" : " " + p.unit);
            g.drawString(label, left - 6 - g.getFontMetrics().stringWidth(label), yy + 4);
        }
        double tmax = t.length == 0 ? 1 : t[t.length - 1];
        for (int k = 0; k <= 6; k++) {
            int xx = left + (right - left) * k / 6;
            g.setColor(GRID);
            g.drawLine(xx, top, xx, bottom);
            g.setColor(TEXT);
            String label = Math.round(tmax * k / 6) + " s";
            g.drawString(label, xx - g.getFontMetrics().stringWidth(label) / 2, bottom + 14);
        }
        if (p.series.isEmpty()) {
            g.drawString("no data", (left + right) / 2 - 20, (top + bottom) / 2);
        }
        g.setStroke(new BasicStroke(1.6f));
        int lx = x + 8;
        int ly = bottom + 30;
        for (int si = 0; si < p.series.size(); si++) {
            Series s = p.series.get(si);
            Color c = PALETTE[si % PALETTE.length];
            g.setColor(c);
            int px = -1;
            int py = -1;
            for (int i = 0; i < s.y.length; i++) {
                double v = s.y[i];
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    px = -1;
                    continue;
                }
                int xx = left + (int) Math.round((right - left) * t[i] / tmax);
                int yy = bottom - (int) Math.round((bottom - top) * (max == 0 ? 0 : v / max));
                if (px >= 0) {
                    g.drawLine(px, py, xx, yy);
                }
                px = xx;
                py = yy;
            }
            if (si < legendRows * 3) {
                int col = si % 3;
                int row = si / 3;
                int bx = lx + col * (w / 3);
                int by = ly + row * 15;
                g.fillRect(bx, by - 8, 10, 8);
                g.setColor(TEXT);
                String name = s.name.length() > 30 ? s.name.substring(0, 29) + "…" : s.name;
                g.drawString(name, bx + 14, by);
            }
        }
        g.setStroke(new BasicStroke(1f));
    }

    static double niceCeil(double v) {
        if (v <= 0) {
            return 1;
        }
        double e = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * e >= v) {
                return m * e;
            }
        }
        return 10 * e;
    }

    static String fmt(double v) {
        if (v >= 1000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v >= 10 || v == 0) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    // --- capture ---

    static List<Sample> parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            String name;
            Map<String, String> labels = new HashMap<>();
            if (brace >= 0 && brace < space) {
                name = line.substring(0, brace);
                String body = line.substring(brace + 1, line.lastIndexOf('}'));
                for (String kv : body.split("\",")) {
                    int eq = kv.indexOf('=');
                    if (eq > 0) {
                        labels.put(kv.substring(0, eq).trim(), kv.substring(eq + 2).replaceAll("\"$", ""));
                    }
                }
            } else {
                name = line.substring(0, space);
            }
            try {
                out.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1))));
            } catch (NumberFormatException e) {
                // skip
            }
        }
        return out;
    }

    static String get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static void mcpCall(String base, String symbol) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"get_report\","
                + "\"arguments\":{\"symbol\":\"" + symbol + "\"}}}";
        try {
            HTTP.send(HttpRequest.newBuilder(URI.create(base + "/mcp")).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // counted by the server if it got there; the capture goes on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleepUntil(long nanos) throws InterruptedException {
        long ms = (nanos - System.nanoTime()) / 1_000_000;
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }
}
