package dev.tollgate.runtime.upstream;

/** A 64-bit string hash for the consistent-hash ring, computed without allocating. */
final class Hashing {

    private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private Hashing() {
    }

    /**
     * Hashes the UTF-16 code units of {@code text} with 64-bit FNV-1a (both bytes of each unit) and
     * then mixes the result with MurmurHash3's {@code fmix64} finalizer, so that keys differing in
     * one character land far apart on the ring.
     */
    static long hash64(CharSequence text) {
        long hash = FNV_OFFSET_BASIS;
        for (int i = 0; i < text.length(); i++) {
            char unit = text.charAt(i);
            hash ^= unit & 0xff;
            hash *= FNV_PRIME;
            hash ^= unit >>> 8;
            hash *= FNV_PRIME;
        }
        return fmix64(hash);
    }

    /** MurmurHash3's 64-bit finalizer (Austin Appleby, public domain). */
    static long fmix64(long value) {
        long mixed = value;
        mixed ^= mixed >>> 33;
        mixed *= 0xff51afd7ed558ccdL;
        mixed ^= mixed >>> 33;
        mixed *= 0xc4ceb9fe1a85ec53L;
        mixed ^= mixed >>> 33;
        return mixed;
    }
}
