package dev.switchboard.gateway.targets.mapping;

/** What a target does with one SCIM attribute: fill it from a template, or leave it out. */
public sealed interface MappingOverride {

    record Template(MappingTemplate template) implements MappingOverride {
    }

    record Drop() implements MappingOverride {
    }

    /** {@code null} in the spec is the operator's way to write "drop": turned into a value here, once. */
    static MappingOverride fromSpec(String template) {
        return template == null ? new Drop() : new Template(MappingTemplate.parse(template));
    }
}
