package dev.switchboard.gateway.docs;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappingInterface;
import io.smallrye.config.ConfigMappings;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The gateway's own configuration as the code declares it, read through SmallRye Config's mapping
 * metadata (the same names and defaults the running gateway uses), plus the places that read a
 * property outside a mapping: {@code @ConfigProperty} injection points and {@code ${name:default}}
 * expressions of {@code @Scheduled}.
 */
final class CodeConfiguration {

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^:}]+)(?::([^}]*))?}");
    private static final Map<Type, String> TYPE_WORDS = Map.of(
            Duration.class, "duration",
            int.class, "integer",
            Integer.class, "integer",
            long.class, "integer",
            boolean.class, "boolean",
            String.class, "string",
            URI.class, "URL",
            Path.class, "path",
            MemorySize.class, "size",
            double.class, "number");

    /** A property read outside any mapping, with the default that place falls back to. */
    record ExtraRead(String name, Optional<String> defaultValue, String readBy) {
    }

    private CodeConfiguration() {
    }

    /** Every mapped property with the given prefix (e.g. {@code switchboard.}), by name. */
    static Map<String, CodeProperty> mappedProperties(List<Class<?>> classes, String prefix) {
        Map<String, CodeProperty> properties = new TreeMap<>();
        for (Class<?> type : classes) {
            ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
            if (mapping == null || !mapping.prefix().startsWith(prefix)) {
                continue;
            }
            ConfigMappings.getProperties(ConfigMappings.ConfigClass.configClass(type, mapping.prefix()))
                    .forEach((path, property) -> {
                        String name = path.replace(".*.", ".<name>.").replace(".*", ".<name>");
                        properties.put(name, describe(name, property, type));
                    });
        }
        return properties;
    }

    /** {@code @ConfigProperty} injection points and {@code @Scheduled} expressions naming such a property. */
    static List<ExtraRead> extraReads(List<Class<?>> classes, String prefix) {
        List<ExtraRead> reads = new ArrayList<>();
        for (Class<?> type : classes) {
            Stream.of(type.getDeclaredFields()).forEach(f -> configProperty(f, type.getName() + "#" + f.getName(), reads));
            Stream.concat(Stream.of(type.getDeclaredConstructors()), Stream.of(type.getDeclaredMethods()))
                    .forEach(e -> parameters(e, type, reads));
            for (Method method : type.getDeclaredMethods()) {
                for (Scheduled scheduled : method.getAnnotationsByType(Scheduled.class)) {
                    String where = type.getName() + "#" + method.getName() + " @Scheduled";
                    expressions(scheduled.every(), where, reads);
                    expressions(scheduled.delayed(), where, reads);
                    expressions(scheduled.cron(), where, reads);
                }
            }
        }
        return reads.stream().filter(r -> r.name().startsWith(prefix)).toList();
    }

    private static void parameters(Executable executable, Class<?> type, List<ExtraRead> reads) {
        for (Parameter parameter : executable.getParameters()) {
            configProperty(parameter, type.getName() + "#" + executable.getName() + "(" + parameter.getName() + ")", reads);
        }
    }

    private static void configProperty(AnnotatedElement element, String where, List<ExtraRead> reads) {
        ConfigProperty property = element.getAnnotation(ConfigProperty.class);
        if (property != null) {
            Optional<String> fallback = property.defaultValue().equals(ConfigProperty.UNCONFIGURED_VALUE)
                    ? Optional.empty() : Optional.of(property.defaultValue());
            reads.add(new ExtraRead(property.name(), fallback, where));
        }
    }

    private static void expressions(String text, String where, List<ExtraRead> reads) {
        Matcher m = EXPRESSION.matcher(text);
        while (m.find()) {
            reads.add(new ExtraRead(m.group(1), Optional.ofNullable(m.group(2)), where));
        }
    }

    /** An enum is written as its values, the way SmallRye accepts them: {@code one of oidc, none}. */
    static String enumWord(Class<?> type) {
        return "one of " + Stream.of(type.getEnumConstants())
                .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining(", "));
    }

    private static CodeProperty describe(String name, ConfigMappingInterface.Property property, Class<?> mapping) {
        Type type = property.getMethod().getGenericReturnType();
        boolean optional = false;
        if (type instanceof ParameterizedType p && p.getRawType() == Optional.class) {
            type = p.getActualTypeArguments()[0];
            optional = true;
        }
        String word = type instanceof Class<?> c && c.isEnum() ? enumWord(c) : TYPE_WORDS.get(type);
        if (word == null) {
            throw new IllegalStateException("%s (%s) has type %s, which the reference has no word for: add it to %s"
                    .formatted(name, mapping.getName(), type, CodeConfiguration.class.getSimpleName()));
        }
        Optional<String> defaultValue = property.hasDefaultValue() ? Optional.of(property.getDefaultValue()) : Optional.empty();
        return new CodeProperty(name, word, defaultValue, optional, mapping.getName());
    }
}
