package dev.lossref.api;

import dev.lossref.core.Violation;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * What is wrong with a query string that Tomcat refused to read as parameters. Tomcat parses the query on the first
 * call for a parameter and then fails every call, without saying which parameter broke it in words a client can
 * use; this reads the raw query again by the same rules ({@code &} between parameters, {@code =} between name and
 * value, {@code +} for a space, {@code %} and two hexadecimal digits for a byte, the bytes as UTF-8) and names the
 * first parameter that breaks them.
 */
final class QueryParameters {

    private QueryParameters() {}

    /**
     * The violation of the first parameter Tomcat could not read: its name when the name reads, else the query;
     * when every parameter reads, the query has more of them than Tomcat reads.
     */
    static Violation firstUnreadable(String rawQuery) {
        for (String parameter : (rawQuery == null ? "" : rawQuery).split("&")) {
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            if (name.isEmpty() && equals >= 0) {
                return new Violation("query", "has a value without a parameter name: \"" + parameter + "\"");
            }
            if (!decodes(name)) {
                return new Violation(
                        "query", "has a parameter name that is not percent-encoded UTF-8: \"" + name + "\"");
            }
            if (equals >= 0 && !decodes(parameter.substring(equals + 1))) {
                return new Violation(
                        decode(name), "must be percent-encoded UTF-8, got \"" + parameter.substring(equals + 1) + "\"");
            }
        }
        return new Violation("query", "has more parameters than the service reads (server.tomcat.max-parameter-count)");
    }

    private static boolean decodes(String text) {
        try {
            decode(text);
            return true;
        } catch (IllegalArgumentException notUtf8) {
            return false;
        }
    }

    /** The text a query's part stands for; {@link IllegalArgumentException} when it stands for none. */
    private static String decode(String text) {
        ByteBuffer bytes = ByteBuffer.allocate(text.length());
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '%') {
                if (k + 3 > text.length()) {
                    throw new IllegalArgumentException("a '%' without two digits");
                }
                bytes.put((byte) HexFormat.fromHexDigits(text, k + 1, k + 3));
                k += 2;
            } else {
                bytes.put((byte) (c == '+' ? ' ' : c));
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes.flip())
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            throw new IllegalArgumentException(notUtf8);
        }
    }
}
