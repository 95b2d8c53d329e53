package dev.hearth.workflow.model;

import java.util.List;
import java.util.Map;

/** A job container or a service container. */
public record Container(String image, String options, Map<String, String> env, List<String> ports,
                        List<String> volumes, Map<String, String> credentials, Position position) {
    public Container {
        env = Ordered.copy(env);
        ports = List.copyOf(ports);
        volumes = List.copyOf(volumes);
        credentials = Ordered.copy(credentials);
    }
}
