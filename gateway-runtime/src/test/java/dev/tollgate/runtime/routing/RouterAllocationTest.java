package dev.tollgate.runtime.routing;

import static dev.tollgate.runtime.routing.RouteBuilder.route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tollgate.model.config.Route;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checks what {@link Router#match} allocates, counted in bytes with the JVM's per-thread
 * allocation counter rather than timed. The budgets assume a 64-bit HotSpot JVM with compressed
 * object pointers. There a match creates the per-call state (32 B) and the result (24 B). A
 * pattern with parameters adds 48 B for the map and its value array, and each captured
 * substring adds about 48 B. Another JVM layout can exceed these budgets without a change in
 * the router.
 */
class RouterAllocationTest {

    private static final int WARM_UP = 20_000;
    private static final int MEASURED = 10_000;

    /** Counts matches so that the JIT compiler cannot drop the calls as unused. */
    private static long matchedCount;

    /** Builds {@code count} routes of four shapes. The requests in the table hit routes 0 to 3. */
    private static Router routes(int count) {
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            routes.add(switch (i % 4) {
                case 0 -> route("exact-" + i).paths("/svc" + i + "/items").build();
                case 1 -> route("param-" + i).paths("/svc" + i + "/items/{id}/lines/{line}").methods("GET").build();
                case 2 -> route("catch-all-" + i).paths("/svc" + i + "/files/**").build();
                default -> route("wildcard-" + i).hosts("*.t" + i + ".example.test").paths("/api").build();
            });
        }
        return Router.compile(routes);
    }

    @ParameterizedTest(name = "{0} {1}{2} within {3} bytes")
    @CsvSource(delimiter = '|', textBlock = """
            GET | -                 | /svc0/items          | 64
            GET | -                 | /svc1/items/7/lines/2 | 224
            GET | -                 | /svc2/files/a/b.txt  | 112
            GET | a.t3.example.test | /api                 | 64
            GET | other.test        | /nothing/here        | 40
            """)
    void matchAllocatesSmallConstant(String method, String host, String path, int budgetBytes) {
        RequestAttributes request = SimpleRequestAttributes.of(method, "-".equals(host) ? null : host, path);

        long fewRoutesBytes = bytesPerMatch(routes(10), request);
        long manyRoutesBytes = bytesPerMatch(routes(10_000), request);

        assertThat(fewRoutesBytes).as("bytes per match among 10 routes").isLessThanOrEqualTo(budgetBytes);
        assertThat(manyRoutesBytes).as("bytes per match among 10,000 routes").isCloseTo(fewRoutesBytes, within(8L));
    }

    private static long bytesPerMatch(Router router, RequestAttributes request) {
        com.sun.management.ThreadMXBean threads = threadBean();
        matchRepeatedly(router, request, WARM_UP);
        long threadId = Thread.currentThread().threadId();

        long before = threads.getThreadAllocatedBytes(threadId);
        matchRepeatedly(router, request, MEASURED);
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        return Math.round((double) allocated / MEASURED);
    }

    private static void matchRepeatedly(Router router, RequestAttributes request, int count) {
        for (int i = 0; i < count; i++) {
            if (router.match(request) != null) {
                matchedCount++;
            }
        }
    }

    private static com.sun.management.ThreadMXBean threadBean() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "JVM does not count allocated bytes per thread");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "JVM does not count allocated bytes per thread");
        return threads;
    }
}
