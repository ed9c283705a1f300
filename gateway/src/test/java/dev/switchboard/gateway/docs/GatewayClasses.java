package dev.switchboard.gateway.docs;

import dev.switchboard.gateway.delivery.DeliveryConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every class compiled from the gateway's main sources, loaded without initialisation. The docs
 * checks derive what exists (configuration, REST routes) from these instead of from a list kept by
 * hand, so a new {@code @ConfigMapping} or resource is checked the day it is added.
 */
final class GatewayClasses {

    private GatewayClasses() {
    }

    static List<Class<?>> all() {
        Path root = classesDirectory();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> root.relativize(p).toString())
                    .filter(name -> !name.endsWith("package-info.class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .sorted()
                    .map(GatewayClasses::load)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path classesDirectory() {
        try {
            Path location = Path.of(DeliveryConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isDirectory(location)) {
                throw new IllegalStateException("gateway classes are not a directory: " + location);
            }
            return location;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, GatewayClasses.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("compiled class cannot be loaded: " + name, e);
        }
    }
}
