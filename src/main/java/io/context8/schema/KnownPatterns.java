package io.context8.schema;

import java.util.Map;
import java.util.function.Predicate;

import com.networknt.schema.regex.JDKRegularExpressionFactory;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;

/**
 * Regular expressions for the schema validator: the handful of {@code pattern}s the project's schemas use for
 * every price, quantity and symbol (tens of checks per order-book frame) are checked by equivalent hand-written
 * scanners; any other pattern goes to {@code java.util.regex}. Equivalence with the regular expressions is
 * tested ({@code KnownPatternsTest}); the scanners are stricter in one respect: {@code $} in Java also matches
 * before a final line break, the scanners accept no line break at all.
 */
public final class KnownPatterns implements RegularExpressionFactory {

    /** Non-negative decimal text, as in {@code schemas/*.json#/definitions/decimal}. */
    public static final String DECIMAL = "^[0-9]{1,20}(\\.[0-9]{1,18})?$";
    /** Decimal text with an optional leading minus. */
    public static final String SIGNED_DECIMAL = "^-?[0-9]{1,20}(\\.[0-9]{1,18})?$";
    /** Exchange symbol: uppercase letters and digits. */
    public static final String SYMBOL = "^[A-Z0-9]{2,20}$";
    /** Venue id: lowercase letters, digits and underscores. */
    public static final String VENUE = "^[a-z0-9_]{2,20}$";

    private static final Map<String, Predicate<String>> SCANNERS = Map.of(
            DECIMAL, s -> isDecimal(s, false),
            SIGNED_DECIMAL, s -> isDecimal(s, true),
            SYMBOL, KnownPatterns::isSymbol,
            VENUE, KnownPatterns::isVenue);

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Predicate<String> scanner = SCANNERS.get(regex);
        return scanner != null ? scanner::test : JDKRegularExpressionFactory.getInstance().getRegularExpression(regex);
    }

    /** Plain decimal text: 1-20 digits, optionally a dot and 1-18 digits; a leading minus only when signed. */
    public static boolean isDecimal(String s, boolean signed) {
        int n = s.length();
        int i = 0;
        if (signed && n > 0 && s.charAt(0) == '-') {
            i = 1;
        }
        int intDigits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            intDigits++;
        }
        if (intDigits == 0 || intDigits > 20) {
            return false;
        }
        if (i == n) {
            return true;
        }
        if (s.charAt(i) != '.') {
            return false;
        }
        i++;
        int frac = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            frac++;
        }
        return i == n && frac > 0 && frac <= 18;
    }

    /** 2-20 uppercase ASCII letters or digits. */
    public static boolean isSymbol(String s) {
        if (s.length() < 2 || s.length() > 20) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || isDigit(c))) {
                return false;
            }
        }
        return true;
    }

    /** 2-20 lowercase ASCII letters, digits or underscores. */
    public static boolean isVenue(String s) {
        if (s.length() < 2 || s.length() > 20) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || isDigit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
