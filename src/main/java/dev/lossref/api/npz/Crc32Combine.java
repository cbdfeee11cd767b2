package dev.lossref.api.npz;

/**
 * The CRC-32 of two byte sequences one after the other, from the CRC-32 of each and the length of the
 * second, so that the parts of a large entry can be checksummed on several cores. This is zlib's
 * {@code crc32_combine} (since 1.2.12): a CRC-32 is the message as a polynomial over GF(2), times x^32,
 * modulo the CRC polynomial p (bits reflected, as {@link java.util.zip.CRC32} has them), and so on; appending
 * n bytes multiplies the first part's CRC by x^(8n) mod p before the second part's CRC is added (xor).
 */
final class Crc32Combine {

    /** The CRC-32 polynomial, reflected. */
    private static final int POLY = 0xedb88320;
    /** x^(2^k) mod p for k from 0, so that x^n mod p is a product of at most 64 of them. */
    private static final int[] X_TO_TWO_TO_THE = new int[32];

    static {
        int p = 1 << 30; // x^1
        X_TO_TWO_TO_THE[0] = p;
        for (int k = 1; k < X_TO_TWO_TO_THE.length; k++) {
            X_TO_TWO_TO_THE[k] = p = multiplyModP(p, p);
        }
    }

    private Crc32Combine() {}

    /** The CRC-32 of A then B, from {@code crcA}, {@code crcB} and B's length in bytes. */
    static int combine(int crcA, int crcB, long lengthB) {
        return multiplyModP(xToTheEightN(lengthB), crcA) ^ crcB;
    }

    /** a b mod p, a not zero (bit 31 holds x^0). */
    private static int multiplyModP(int a, int b) {
        int product = 0;
        for (int m = 1 << 31; ; m >>>= 1) {
            if ((a & m) != 0) {
                product ^= b;
                if ((a & (m - 1)) == 0) {
                    return product;
                }
            }
            b = (b & 1) != 0 ? (b >>> 1) ^ POLY : b >>> 1;
        }
    }

    /** x^(8 n) mod p. */
    private static int xToTheEightN(long n) {
        int p = 1 << 31; // x^0
        for (int k = 3; n != 0; n >>>= 1, k++) {
            if ((n & 1) != 0) {
                p = multiplyModP(X_TO_TWO_TO_THE[k & 31], p);
            }
        }
        return p;
    }
}
