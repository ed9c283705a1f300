package dev.switchboard.gateway.docs;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The gateway's JAX-RS routes (method + path template), read from the resource classes' annotations. */
final class RestRoutes {

    record Route(String method, String template) {

        /**
         * A documented path matches when every segment does: a literal matches the same literal or a
         * template parameter; a documented placeholder ({@code {id}}, {@code <id>}) only a parameter.
         */
        boolean matches(Optional<String> documentedMethod, String path) {
            if (documentedMethod.isPresent() && !documentedMethod.get().equals(method)) {
                return false;
            }
            return segmentsMatch(segments(path), segments(template).length);
        }

        /** A path named without a method may also be the base of routes, e.g. {@code /api/v1/delivery}. */
        boolean isBaseOf(String path) {
            String[] want = segments(path);
            return want.length < segments(template).length && segmentsMatch(want, want.length);
        }

        private boolean segmentsMatch(String[] want, int length) {
            String[] have = segments(template);
            if (want.length != length || length > have.length) {
                return false;
            }
            for (int i = 0; i < want.length; i++) {
                boolean parameter = have[i].startsWith("{");
                boolean placeholder = want[i].startsWith("{") || want[i].startsWith("<");
                if (!(parameter || !placeholder && want[i].equals(have[i]))) {
                    return false;
                }
            }
            return true;
        }

        private static String[] segments(String path) {
            String trimmed = path.replaceAll("^/+|/+$", "");
            return trimmed.isEmpty() ? new String[0] : trimmed.split("/+");
        }
    }

    private RestRoutes() {
    }

    static List<Route> of(List<Class<?>> classes) {
        List<Route> routes = new ArrayList<>();
        for (Class<?> type : classes) {
            Path root = type.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                httpMethod(method).ifPresent(http -> {
                    Path sub = method.getAnnotation(Path.class);
                    routes.add(new Route(http, join(root.value(), sub == null ? "" : sub.value())));
                });
            }
        }
        return routes;
    }

    private static Optional<String> httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return Optional.of(http.value());
            }
        }
        return Optional.empty();
    }

    private static String join(String root, String sub) {
        String path = "/" + root.replaceAll("^/+|/+$", "") + (sub.isEmpty() ? "" : "/" + sub.replaceAll("^/+|/+$", ""));
        return path.replaceAll("/+", "/");
    }
}
