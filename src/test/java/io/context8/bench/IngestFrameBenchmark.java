package io.context8.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.context8.ingest.BinanceNormalizer;
import io.context8.ingest.NormalizedFrame;
import io.context8.recording.RecordedFrame;
import io.context8.recording.RecordingFile;
import io.context8.schema.SchemaGuard;
import io.context8.testsupport.SharedData;

/**
 * The ingest route's per-frame work on the real BTCUSDT recording (first file, in recorded order, REST snapshot
 * excluded): normalization alone (frame to envelope tree), and the whole step as the route runs it: normalize, validate
 * the tree, write its JSON text; and validation alone, of the tree and of the text. One op = one frame.
 * Run on demand only (needs the shared recordings); see docs/benchmarks.md for the command.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IngestFrameBenchmark {

    private String[] frames;
    private BinanceNormalizer normalizer;
    private SchemaGuard guard;
    private int next;
    private long now = 1_723_100_000_000L;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        List<String> list = new ArrayList<>();
        try (RecordingFile.Reader r = RecordingFile.open(SharedData.recording2024a())) {
            while (r.hasNext()) {
                RecordedFrame f = r.next();
                if (!f.isDepthSnapshot()) {
                    list.add(f.frame());
                }
            }
        }
        frames = list.toArray(String[]::new);
        ObjectMapper mapper = new ObjectMapper();
        normalizer = new BinanceNormalizer(mapper, "binance");
        guard = new SchemaGuard("schemas/market-event.schema.json", mapper);
        List<String> env = new ArrayList<>();
        for (String f : frames) {
            if (normalizer.normalize(f, now) instanceof NormalizedFrame.Event e) {
                env.add(e.json());
            }
        }
        envelopes = env.toArray(String[]::new);
        trees = new com.fasterxml.jackson.databind.JsonNode[envelopes.length];
        for (int i = 0; i < envelopes.length; i++) {
            trees[i] = mapper.readTree(envelopes[i]);
        }
    }

    private String[] envelopes;
    private com.fasterxml.jackson.databind.JsonNode[] trees;
    private int e;

    @Benchmark
    public void validateText() {
        guard.validateText(envelopes[e]);
        e = e + 1 == envelopes.length ? 0 : e + 1;
    }

    @Benchmark
    public void validateTree() {
        guard.validate(trees[e]);
        e = e + 1 == trees.length ? 0 : e + 1;
    }

    private String nextFrame() {
        String f = frames[next];
        next = next + 1 == frames.length ? 0 : next + 1;
        return f;
    }

    @Benchmark
    public void normalize(Blackhole bh) {
        bh.consume(normalizer.normalize(nextFrame(), now++));
    }

    @Benchmark
    public void normalizeAndValidate(Blackhole bh) {
        NormalizedFrame n = normalizer.normalize(nextFrame(), now++);
        if (n instanceof NormalizedFrame.Event e) {
            guard.validate(e.envelope());
            bh.consume(e.json());
        }
        bh.consume(n);
    }
}
