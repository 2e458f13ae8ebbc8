package dev.tollgate.runtime.proxy;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids for {@code X-Request-Id}: a client's id is kept when it is 1 to 128 characters of
 * {@code [A-Za-z0-9._:-]}, anything else is replaced by 128 random bits written as 32 hex digits.
 *
 * <p>The random bits come from {@link ThreadLocalRandom}: ids must be unique enough to find one
 * request in the logs, not unguessable, and a secure generator would cost a lock on the hot path.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final int MAX_LENGTH = 128;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {}

    /** Returns {@code clientValue} when it is a valid id, otherwise a newly generated one. */
    public static String keepOrGenerate(String clientValue) {
        return isValid(clientValue) ? clientValue : generate();
    }

    public static boolean isValid(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isIdCharacter(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    public static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] digits = new char[32];
        writeHex(random.nextLong(), digits, 0);
        writeHex(random.nextLong(), digits, 16);
        return new String(digits);
    }

    private static void writeHex(long bits, char[] digits, int offset) {
        for (int i = 15; i >= 0; i--) {
            digits[offset + i] = HEX[(int) (bits & 0xF)];
            bits >>>= 4;
        }
    }

    private static boolean isIdCharacter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == ':' || c == '-';
    }
}
