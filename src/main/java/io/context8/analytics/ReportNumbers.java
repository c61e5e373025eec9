package io.context8.analytics;

import java.io.IOException;
import java.util.OptionalDouble;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;

import io.context8.book.DecimalText;

/**
 * The report's number rules (docs/metrics.md, "Numbers"), as a generator that writes every double as plain
 * decimal text: prices rounded to the symbol's tick, derived prices (mid, micro-price, averages) to a tenth of
 * it, quantities to its step, quote amounts (notionals) to {@value #QUOTE_SIGNIFICANT} significant digits, bps
 * to {@value #BPS_SIGNIFICANT} significant digits, ratios to {@value #RATIO_DECIMALS}, health scores to
 * {@value #SCORE_DECIMALS}, and any other double (also one written with {@code writeNumber(double)} or
 * {@code writeNumberField(name, double)}) to {@value #OTHER_SIGNIFICANT} significant digits. Never exponent
 * notation; NaN and infinities are written as null. Writes through a reused char buffer: no allocation per
 * number. Not thread-safe (one per report being written).
 */
final class ReportNumbers extends JsonGeneratorDelegate {

    static final int QUOTE_SIGNIFICANT = 8;
    static final int OTHER_SIGNIFICANT = 6;
    /** bps keep 4 significant digits: BTCUSDT's one-tick spread is 0.0016 bps, which 2 decimals wrote as 0. */
    static final int BPS_SIGNIFICANT = 4;
    static final int RATIO_DECIMALS = 4;
    static final int SCORE_DECIMALS = 1;

    private final char[] buf;
    private final long tick;
    private final long step;

    /**
     * @param tick price tick, scaled (1 = 10⁻⁸ when unknown)
     * @param step quantity step, scaled (1 when unknown)
     */
    ReportNumbers(JsonGenerator g, char[] buf, long tick, long step) {
        super(g, false);
        this.buf = buf;
        this.tick = Math.max(1, tick);
        this.step = Math.max(1, step);
    }

    @Override
    public void writeNumber(double v) throws IOException {
        if (Double.isFinite(v)) {
            delegate.writeNumber(buf, 0, DecimalText.significant(v, OTHER_SIGNIFICANT, buf));
        } else {
            delegate.writeNull();
        }
    }

    @Override
    public void writeNumber(float v) throws IOException {
        writeNumber((double) v);
    }

    /** A price of the book or a trade: rounded to the tick. */
    void price(String name, double v) throws IOException {
        delegate.writeFieldName(name);
        price(v);
    }

    void price(double v) throws IOException {
        onStep(v, tick);
    }

    void price(String name, OptionalDouble v) throws IOException {
        price(name, v.orElse(Double.NaN));
    }

    /** A price computed from others (mid, micro-price, an average): to a tenth of the tick (a mid is exact). */
    void derivedPrice(String name, double v) throws IOException {
        delegate.writeFieldName(name);
        onStep(v, Math.max(1, tick / 10));
    }

    void derivedPrice(String name, OptionalDouble v) throws IOException {
        derivedPrice(name, v.orElse(Double.NaN));
    }

    /** A value already on the 10⁻⁸ scale (profile bins): noise removed, nothing rounded away. */
    void exact(String name, double v) throws IOException {
        delegate.writeFieldName(name);
        onStep(v, 1);
    }

    /** A quantity in base units (also sums and signed flows): rounded to the step. */
    void qty(String name, double v) throws IOException {
        delegate.writeFieldName(name);
        qty(v);
    }

    void qty(double v) throws IOException {
        onStep(v, step);
    }

    /** {@code v} rounded to a multiple of {@code scaledStep} (10⁻⁸ units); null when not finite. */
    private void onStep(double v, long scaledStep) throws IOException {
        if (Double.isFinite(v)) {
            delegate.writeNumber(buf, 0, DecimalText.rounded(v, scaledStep, buf));
        } else {
            delegate.writeNull();
        }
    }

    void qty(String name, OptionalDouble v) throws IOException {
        qty(name, v.orElse(Double.NaN));
    }

    /** An amount in quote currency (notional): {@value #QUOTE_SIGNIFICANT} significant digits. */
    void quote(String name, double v) throws IOException {
        fixed(name, v, QUOTE_SIGNIFICANT, true);
    }

    void quote(String name, OptionalDouble v) throws IOException {
        quote(name, v.orElse(Double.NaN));
    }

    /** Basis points: {@value #BPS_SIGNIFICANT} significant digits. */
    void bps(String name, double v) throws IOException {
        fixed(name, v, BPS_SIGNIFICANT, true);
    }

    void bps(String name, OptionalDouble v) throws IOException {
        bps(name, v.orElse(Double.NaN));
    }

    /** A dimensionless ratio or percentage: {@value #RATIO_DECIMALS} decimals. */
    void ratio(String name, double v) throws IOException {
        fixed(name, v, RATIO_DECIMALS, false);
    }

    void ratio(String name, OptionalDouble v) throws IOException {
        ratio(name, v.orElse(Double.NaN));
    }

    /** A 0-100 health score: {@value #SCORE_DECIMALS} decimal. */
    void score(String name, double v) throws IOException {
        fixed(name, v, SCORE_DECIMALS, false);
    }

    /**
     * An anomaly's evidence number, by the naming convention of its key: {@code price}, {@code *_qty},
     * {@code *_bps}, {@code *depth_near} (quote notional), {@code *_to_visible} (ratio); else other.
     */
    void evidence(String name, double v) throws IOException {
        if (name.endsWith("_bps")) {
            bps(name, v);
        } else if (name.equals("price")) {
            price(name, v);
        } else if (name.endsWith("_qty")) {
            qty(name, v);
        } else if (name.endsWith("depth_near")) {
            quote(name, v);
        } else if (name.endsWith("_to_visible")) {
            ratio(name, v);
        } else {
            delegate.writeFieldName(name);
            writeNumber(v);
        }
    }

    private void fixed(String name, double v, int digits, boolean significant) throws IOException {
        delegate.writeFieldName(name);
        if (!Double.isFinite(v)) {
            delegate.writeNull();
        } else if (significant) {
            delegate.writeNumber(buf, 0, DecimalText.significant(v, digits, buf));
        } else {
            delegate.writeNumber(buf, 0, DecimalText.decimals(v, digits, buf));
        }
    }
}
