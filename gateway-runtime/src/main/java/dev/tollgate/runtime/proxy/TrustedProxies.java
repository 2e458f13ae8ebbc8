package dev.tollgate.runtime.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The CIDR blocks of {@code gateway.trustedProxies}: a TCP peer inside one of them may speak for
 * the client in {@code Forwarded}, {@code X-Forwarded-*} and {@code X-Real-IP}. Matching compares
 * address bytes, so it never resolves a name.
 */
public final class TrustedProxies {

    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /**
     * Parses CIDR blocks such as {@code 10.0.0.0/8}, {@code fd00::/8} or a single address.
     *
     * @throws IllegalArgumentException naming the block when one is not an IP literal with a valid
     *     prefix length
     */
    public static TrustedProxies parse(List<String> cidrs) {
        List<Block> blocks = new ArrayList<>();
        for (String cidr : cidrs) {
            blocks.add(Block.parse(cidr));
        }
        return new TrustedProxies(blocks);
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** Returns true when the peer is an IP socket address inside one of the blocks. */
    public boolean contains(SocketAddress peer) {
        if (blocks.isEmpty() || !(peer instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return false;
        }
        byte[] address = inet.getAddress().getAddress();
        for (Block block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private record Block(byte[] network, int prefixBits) {

        static Block parse(String cidr) {
            if (cidr == null || cidr.isBlank()) {
                throw new IllegalArgumentException("trusted proxy must be a CIDR block such as 10.0.0.0/8, was blank");
            }
            int slash = cidr.indexOf('/');
            String literal = slash < 0 ? cidr : cidr.substring(0, slash);
            if (!looksLikeIpLiteral(literal)) {
                throw new IllegalArgumentException("trusted proxy \"" + cidr + "\" is not an IP address or CIDR block");
            }
            byte[] network;
            try {
                // Only IP literals reach this call, so it never does a DNS lookup.
                network = InetAddress.getByName(literal).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("trusted proxy \"" + cidr + "\" is not an IP address", e);
            }
            int maxBits = network.length * 8;
            int bits = maxBits;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(cidr.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("trusted proxy \"" + cidr + "\" has a prefix length that is not a number", e);
                }
                if (bits < 0 || bits > maxBits) {
                    throw new IllegalArgumentException("trusted proxy \"" + cidr + "\" has a prefix length outside 0.." + maxBits);
                }
            }
            return new Block(network, bits);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int fullBytes = prefixBits / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int remainingBits = prefixBits % 8;
            if (remainingBits == 0) {
                return true;
            }
            int mask = (0xFF << (8 - remainingBits)) & 0xFF;
            return (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }

        private static boolean looksLikeIpLiteral(String literal) {
            if (literal.isEmpty()) {
                return false;
            }
            for (int i = 0; i < literal.length(); i++) {
                char c = literal.charAt(i);
                boolean allowed = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
                        || c == '.' || c == ':';
                if (!allowed) {
                    return false;
                }
            }
            return literal.indexOf(':') >= 0 || literal.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
        }
    }
}
