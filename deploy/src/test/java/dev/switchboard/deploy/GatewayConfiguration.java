package dev.switchboard.deploy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What configuration the gateway reads, taken from its code rather than from a list kept by hand:
 * every {@code @ConfigMapping} interface in its classes (property names derived the way SmallRye
 * Config derives them, {@code *} for a map key), every key of its {@code application.properties},
 * the environment variables that file names as {@code ${NAME:default}} placeholders, and the Quarkus
 * settings the configuration reference lists for operators (the gateway's docs tests check each of
 * those against Quarkus's own configuration model, so a misspelt one fails there).
 * An environment variable is accepted when it is such a placeholder or when Quarkus's
 * environment-variable naming rule turns one of those property names into it.
 */
final class GatewayConfiguration {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:[^}]*)?}");
    private static final Pattern PROFILE = Pattern.compile("^%[^.]+\\.");
    private static final Pattern REFERENCE_ROW = Pattern.compile("^\\| `(quarkus\\.[a-z0-9.-]+)` \\|");

    private final Set<String> placeholders;
    private final List<Pattern> envPatterns;

    private GatewayConfiguration(Set<String> properties, Set<String> placeholders) {
        this.placeholders = Set.copyOf(placeholders);
        this.envPatterns = properties.stream().map(GatewayConfiguration::envPattern).toList();
    }

    /** Reads the gateway's compiled classes, its {@code application.properties} and the configuration reference. */
    static GatewayConfiguration of(Path gatewayClasses, Path applicationProperties, Path configurationReference) {
        Set<String> properties = new LinkedHashSet<>();
        Set<String> placeholders = new LinkedHashSet<>();
        for (Class<?> mapping : configMappings(gatewayClasses)) {
            String prefix = mapping.getAnnotation(ConfigMapping.class).prefix();
            collect(prefix, mapping, properties);
        }
        Properties file = new Properties();
        try (InputStream in = Files.newInputStream(applicationProperties)) {
            file.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String key : file.stringPropertyNames()) {
            properties.add(PROFILE.matcher(key).replaceFirst(""));
            Matcher m = PLACEHOLDER.matcher(file.getProperty(key));
            while (m.find()) {
                placeholders.add(m.group(1));
            }
        }
        try {
            for (String line : Files.readAllLines(configurationReference)) {
                Matcher row = REFERENCE_ROW.matcher(line);
                if (row.find()) {
                    properties.add(row.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new GatewayConfiguration(properties, placeholders);
    }

    /** Whether the gateway reads the environment variable {@code name}. */
    boolean readsEnv(String name) {
        return placeholders.contains(name) || envPatterns.stream().anyMatch(p -> p.matcher(name).matches());
    }

    /** Quarkus's rule: upper case, every character that is not a letter or digit becomes {@code _}. */
    private static Pattern envPattern(String property) {
        StringBuilder regex = new StringBuilder();
        for (String part : property.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append("[A-Z0-9_]+");
            }
            regex.append(Pattern.quote(part.toUpperCase().replaceAll("[^A-Z0-9]", "_")));
        }
        return Pattern.compile(regex.toString());
    }

    private static void collect(String prefix, Class<?> group, Set<String> into) {
        for (Method method : group.getMethods()) {
            if (method.getParameterCount() > 0 || Modifier.isStatic(method.getModifiers()) || method.isDefault()) {
                continue;
            }
            String name = prefix;
            if (!method.isAnnotationPresent(WithParentName.class)) {
                WithName withName = method.getAnnotation(WithName.class);
                name = join(prefix, withName != null ? withName.value() : kebab(method.getName()));
            }
            collectType(name, method.getGenericReturnType(), into);
        }
    }

    private static void collectType(String name, Type type, Set<String> into) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (raw == Map.class) {
                collectType(join(name, "*"), arguments[1], into);
                return;
            }
            if (raw == Optional.class || List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)) {
                collectType(name, arguments[0], into);
                return;
            }
        }
        if (type instanceof Class<?> cls && cls.isInterface() && isGroup(cls)) {
            collect(name, cls, into);
            return;
        }
        into.add(name);
    }

    /** A nested configuration group, as opposed to a value type such as {@code Duration} or {@code MemorySize}. */
    private static boolean isGroup(Class<?> cls) {
        return cls.getName().startsWith("dev.switchboard.");
    }

    private static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static List<Class<?>> configMappings(Path classes) {
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> cls = Class.forName(name, false, GatewayConfiguration.class.getClassLoader());
                if (cls.isAnnotationPresent(ConfigMapping.class)) {
                    found.add(cls);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("gateway class not on the test class path: " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            throw new AssertionError("no @ConfigMapping interface under " + classes + ": build the gateway first");
        }
        return found;
    }
}
