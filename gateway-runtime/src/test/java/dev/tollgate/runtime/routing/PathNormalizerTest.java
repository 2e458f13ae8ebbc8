package dev.tollgate.runtime.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PathNormalizerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /                  | /
            /a/b               | /a/b
            /a/b/              | /a/b/
            /a/./b             | /a/b
            /a/../b            | /b
            /a/b/../../c       | /c
            /a/%2e%2e/b        | /b
            /a/%2E%2E/b        | /b
            /a/.%2e/b          | /b
            /a/%2E/b           | /a/b
            /a/%2e/b           | /a/b
            /a/.               | /a/
            /a/..              | /
            /%2e               | /
            /a/..b/c           | /a/..b/c
            /a/.b              | /a/.b
            /a/b..             | /a/b..
            /a/%2F/b           | /a/%2F/b
            /a/%2f/b           | /a/%2F/b
            /a%2F..b%2Fc       | /a%2F..b%2Fc
            /a/%5c/b           | /a/%5C/b
            /%7Euser           | /~user
            /%7euser           | /~user
            /%41%62%2D%5F%2E%30 | /Ab-_.0
            /a%20b             | /a%20b
            /a%2520b           | /a%2520b
            /caf%c3%a9         | /caf%C3%A9
            /a+b               | /a+b
            /a;v=1/b:c@d       | /a;v=1/b:c@d
            //a                | /a
            /a//b              | /a/b
            /a//               | /a/
            //                 | /
            ///..//x           | BAD
            """)
    void normalizesPath(String raw, String expected) {
        if (expected.equals("BAD")) {
            assertThatThrownBy(() -> PathNormalizer.normalize(raw)).isInstanceOf(BadPathException.class);
            return;
        }

        assertThat(PathNormalizer.normalize(raw)).isEqualTo(expected);
    }

    static Stream<Arguments> charactersOutsidePathSyntax() {
        return Stream.of(
                Arguments.of("/a b", "/a%20b"),
                Arguments.of("/a\\b", "/a%5Cb"),
                Arguments.of("/a\"b<c>", "/a%22b%3Cc%3E"),
                Arguments.of("/{x}|^`", "/%7Bx%7D%7C%5E%60"),
                Arguments.of("/café", "/caf%C3%A9"),
                Arguments.of("/\uD83D\uDE00", "/%F0%9F%98%80"),
                Arguments.of("/a?b#c", "/a%3Fb%23c"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("charactersOutsidePathSyntax")
    void encodesCharactersOutsidePathSyntax(String raw, String expected) {
        assertThat(PathNormalizer.normalize(raw)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            /../x              | climbs above the root
            /a/../../x         | climbs above the root
            /%2e%2e/x          | climbs above the root
            /a/%2E%2E/%2e%2E/x | climbs above the root
            /..                | climbs above the root
            /a%zz              | invalid percent-encoding at index 2
            /a%g1/b            | invalid percent-encoding at index 2
            /a%2               | incomplete percent-encoding at index 2
            /a%                | incomplete percent-encoding at index 2
            /%00               | encoded control character %00 at index 1
            /a%0a              | encoded control character %0A at index 2
            /%7F               | encoded control character %7F at index 1
            a/b                | must start with "/"
            /s/..%2fadmin      | dot segment "..%2Fadmin" next to an encoded separator
            /s/x%2F..%2F..%2Fy | dot segment "x%2F..%2F..%2Fy" next to an encoded separator
            /s/%2e%2e%5Cadmin  | dot segment "..%5Cadmin" next to an encoded separator
            /s/a%2F.           | dot segment "a%2F." next to an encoded separator
            /s/.%2Fa           | dot segment ".%2Fa" next to an encoded separator
            /a%2F..%2Fb        | dot segment "a%2F..%2Fb" next to an encoded separator
            /s/a\\..\\b           | dot segment "a%5C..%5Cb" next to an encoded separator
            *                  | must start with "/"
            """)
    void rejectsBadPath(String raw, String message) {
        assertThatThrownBy(() -> PathNormalizer.normalize(raw))
                .isInstanceOf(BadPathException.class)
                .hasMessageContaining(message);
    }

    @Test
    void rejectsRawControlCharacters() {
        assertThatThrownBy(() -> PathNormalizer.normalize("/a\u0000b"))
                .isInstanceOf(BadPathException.class)
                .hasMessageContaining("control character U+0000 at index 2");
        assertThatThrownBy(() -> PathNormalizer.normalize("/a\tb"))
                .isInstanceOf(BadPathException.class)
                .hasMessageContaining("control character U+0009");
        assertThatThrownBy(() -> PathNormalizer.normalize("/a\u007F"))
                .isInstanceOf(BadPathException.class)
                .hasMessageContaining("control character U+007F");
    }

    @Test
    void rejectsMissingPath() {
        assertThatThrownBy(() -> PathNormalizer.normalize(null))
                .isInstanceOf(BadPathException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> PathNormalizer.normalize(""))
                .isInstanceOf(BadPathException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void messageNeverEchoesControlCharacters() {
        assertThatThrownBy(() -> PathNormalizer.normalize("/a\u0000b\r\n"))
                .isInstanceOf(BadPathException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u0000", "\r", "\n"));
    }

    @Test
    void normalPathIsReturnedWithoutCopy() {
        String path = "/api/orders/42;v=1/a.b~c";

        assertThat(PathNormalizer.normalize(path)).isSameAs(path);
    }

    @Test
    void normalizingTwiceChangesNothing() {
        String[] raws = {"/a/%2e/b/../c%2f", "//x/%7e/%c3%a9", "/a b/\\", "/a/./", "/%2F%2e%2Ex/"};
        for (String raw : raws) {
            String once = PathNormalizer.normalize(raw);

            assertThat(PathNormalizer.normalize(once)).as(raw).isEqualTo(once);
        }
    }

    @Test
    void canonicalEncodingLeavesSegmentsAlone() {
        assertThat(PathNormalizer.canonicalEncoding("/v2/./a%7e%2f b//")).isEqualTo("/v2/./a~%2F%20b//");
    }
}
