package org.causalheads.kgmi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a result was produced: what was done ({@code kind}) and every parameter and seed, in order.
 * {@link #toString()} is one line a notebook can print under a figure.
 *
 * @param kind       what was produced, e.g. {@code "problem"} or {@code "run"}
 * @param parameters parameter name to value, in insertion order
 */
public record Provenance(String kind, Map<String, String> parameters) {

    public Provenance {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** A provenance extended with more parameters (later keys win). */
    public Provenance with(String newKind, Map<String, String> more) {
        Map<String, String> m = new LinkedHashMap<>(parameters);
        m.putAll(more);
        return new Provenance(newKind, m);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kind).append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.append('}').toString();
    }
}
