package dev.lossref.api.json;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;

/**
 * The JSON fast path: the arrays of numbers that are members of the top-level object of a body read whole
 * are parsed by {@link NumberBlockParser} (large ones on all cores) and cut out of the body; Jackson reads
 * what is left, where each cut array stands as {@code []}, and the strict readers take the parsed arrays
 * when they meet those stand-ins.
 *
 * <p>Why: Jackson reads numbers one token at a time on one thread, through a String or a char buffer each;
 * for a 79 MB softmax cross-entropy request that was about 0.9 s of a 1.8 s round trip, and for a small one
 * a fifth of the service's CPU, with most of its garbage. The top-level object is walked by a plain byte
 * scan that knows JSON strings, so brackets inside strings are never mistaken for arrays, and only whole
 * member values are ever cut.
 *
 * <p>The fast path changes no answer and no error: a reader that finds anything unusual in a cut array
 * (a string, a ragged row, {@code 1e999}, a missing comma) throws {@link FastPathDeclined}, and the request
 * is read again, whole, by Jackson and the strict readers, which report it as they always do. A cut array
 * that no reader claimed (its field is of another type) sends the request the same way.
 */
public final class NumberArrays {

    /** The deserialization attribute under which the readers find the cut arrays. */
    public static final Object ATTRIBUTE = NumberArrays.class;

    private final byte[] document;
    /** The cut arrays, parsed, by the offset of their stand-in {@code []} in {@link #document}. */
    private final Map<Long, NumberBlock> blocks;

    private int claimed;

    private NumberArrays(byte[] document, Map<Long, NumberBlock> blocks) {
        this.document = document;
        this.blocks = blocks;
    }

    /**
     * Finds the arrays of numbers of a JSON object body, or returns {@code null} when there are none
     * or the body is not a well-formed object at the top level (Jackson then reads and judges it whole).
     * Numbers longer than {@code maxNumberLength} characters are left to Jackson's limit; the numbers of
     * every cut array are charged to {@code budget}.
     *
     * @throws TooManyElementsException if an array holds more numbers than the budget's limit
     */
    public static NumberArrays cut(byte[] body, int maxNumberLength, ElementBudget budget) {
        Map<Long, NumberBlock> blocks = new HashMap<>();
        ByteArrayOutputStream document = new ByteArrayOutputStream(1 << 12);
        int pos = skipWhitespace(body, 0);
        if (pos >= body.length || body[pos] != '{') {
            return null;
        }
        int copiedUpTo = 0;
        pos = skipWhitespace(body, pos + 1);
        while (pos < body.length && body[pos] != '}') {
            if (body[pos] != '"') {
                return null;
            }
            pos = skipString(body, pos);
            if (pos < 0) {
                return null;
            }
            pos = skipWhitespace(body, pos);
            if (pos >= body.length || body[pos] != ':') {
                return null;
            }
            pos = skipWhitespace(body, pos + 1);
            NumberBlockParser.Parsed parsed = pos < body.length && body[pos] == '['
                    ? NumberBlockParser.parse(body, pos, maxNumberLength, budget.limit())
                    : null;
            int end;
            if (parsed != null) {
                budget.charge(parsed.block().size());
                document.write(body, copiedUpTo, pos - copiedUpTo);
                blocks.put((long) document.size(), parsed.block());
                document.write('[');
                document.write(']');
                end = parsed.end();
                copiedUpTo = end;
            } else {
                end = skipValue(body, pos);
            }
            if (end < 0) {
                return null;
            }
            pos = skipWhitespace(body, end);
            if (pos < body.length && body[pos] == ',') {
                pos = skipWhitespace(body, pos + 1);
            } else if (pos >= body.length || body[pos] != '}') {
                return null;
            }
        }
        if (blocks.isEmpty()) {
            return null;
        }
        document.write(body, copiedUpTo, body.length - copiedUpTo);
        return new NumberArrays(document.toByteArray(), blocks);
    }

    /** The body with every cut array replaced by {@code []}: what Jackson reads. */
    public byte[] document() {
        return document;
    }

    /** Whether every cut array was claimed by a reader; if not, the request must be read again whole. */
    public boolean allClaimed() {
        return claimed == blocks.size();
    }

    /**
     * The cut array that stands at the parser's current {@code [}, or {@code null} when the array there
     * is an ordinary one; the parser is left on the stand-in's closing bracket.
     */
    static NumberBlock claim(JsonParser parser, DeserializationContext context) {
        if (!(context.getAttribute(ATTRIBUTE) instanceof NumberArrays arrays)) {
            return null;
        }
        NumberBlock block = arrays.blocks.get(parser.currentTokenLocation().getByteOffset());
        if (block == null) {
            return null;
        }
        parser.nextToken();
        arrays.claimed++;
        return block;
    }

    /** The end of the JSON value at {@code start} (its syntax is Jackson's to judge), or -1 if it never ends. */
    private static int skipValue(byte[] body, int start) {
        if (start < body.length && body[start] == '"') {
            return skipString(body, start);
        }
        int depth = 0;
        for (int pos = start; pos < body.length; pos++) {
            byte b = body[pos];
            if (b == '"') {
                int after = skipString(body, pos);
                if (after < 0) {
                    return -1;
                }
                pos = after - 1;
            } else if (b == '[' || b == '{') {
                depth++;
            } else if (b == ']' || b == '}') {
                if (depth == 0) {
                    return pos;
                }
                if (--depth == 0) {
                    return pos + 1;
                }
            } else if (b == ',' && depth == 0) {
                return pos;
            }
        }
        return depth == 0 ? body.length : -1;
    }

    /** The position after the string whose opening quote is at {@code start}, or -1 if it never closes. */
    private static int skipString(byte[] body, int start) {
        for (int pos = start + 1; pos < body.length; pos++) {
            if (body[pos] == '\\') {
                pos++;
            } else if (body[pos] == '"') {
                return pos + 1;
            }
        }
        return -1;
    }

    private static int skipWhitespace(byte[] body, int start) {
        int pos = start;
        while (pos < body.length && (body[pos] == ' ' || body[pos] == '\n' || body[pos] == '\r' || body[pos] == '\t')) {
            pos++;
        }
        return pos;
    }
}
