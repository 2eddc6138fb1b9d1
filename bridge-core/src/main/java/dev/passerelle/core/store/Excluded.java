package dev.passerelle.core.store;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** The SET part of an upsert: each listed column takes the value the conflicting insert would have written. */
final class Excluded {

    private Excluded() {
    }

    static Map<Field<?>, Field<?>> of(Field<?>... fields) {
        Map<Field<?>, Field<?>> set = new LinkedHashMap<>();
        for (Field<?> field : fields) {
            set.put(field, DSL.excluded(field));
        }
        return set;
    }
}
