package dev.tollgate.console.app;

import java.util.List;

/**
 * Start-up settings of the console, from command-line options and the environment. Options win
 * over the environment.
 *
 * @param url admin API base URL, or null to open on the connections area
 * @param token admin token, or null
 */
public record LaunchOptions(String url, String token, boolean help) {

    public static final String USAGE = """
            Usage: tollgate-console [--url URL] [--token TOKEN]
              --url URL      admin API of the runtime, e.g. http://127.0.0.1:9090 (or TOLLGATE_URL)
              --token TOKEN  admin token (or TOLLGATE_TOKEN); prefer the variable, since options show in ps
              --help         print this help""";

    public static final LaunchOptions NONE = new LaunchOptions(null, null, false);

    public boolean connectsAtStart() {
        return url != null && !url.isBlank() && token != null && !token.isBlank();
    }

    public static LaunchOptions parse(List<String> args, String urlFromEnvironment, String tokenFromEnvironment) {
        String url = urlFromEnvironment;
        String token = tokenFromEnvironment;
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--url" -> url = valueAfter(args, i++, arg);
                case "--token" -> token = valueAfter(args, i++, arg);
                case "--help", "-h" -> help = true;
                default -> {
                    if (arg.startsWith("--url=")) {
                        url = arg.substring("--url=".length());
                    } else if (arg.startsWith("--token=")) {
                        token = arg.substring("--token=".length());
                    } else {
                        throw new IllegalArgumentException("unknown option \"" + arg + "\"");
                    }
                }
            }
        }
        return new LaunchOptions(url, token, help);
    }

    private static String valueAfter(List<String> args, int index, String option) {
        if (index + 1 >= args.size() || args.get(index + 1).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index + 1);
    }

    @Override
    public String toString() {
        return "LaunchOptions[url=" + url + ", token=" + (token == null ? "none" : "<redacted>") + ", help=" + help + "]";
    }
}
