package dev.passerelle.core.format;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The canonical order of entities (and so the nesting order in HTML): earlier first, then longer first, then
 * blocks outside links outside styles. Touching or overlapping entities of the same style are merged, so two
 * texts that look the same compare equal. Mentions are never merged: each is one pill.
 */
final class EntityOrder {

    static final Comparator<Entity> CANONICAL = Comparator.comparingInt(Entity::offset)
            .thenComparing(Comparator.comparingInt(Entity::length).reversed())
            .thenComparingInt(e -> rank(e.type()))
            .thenComparing(e -> e.type().toString());

    private EntityOrder() {}

    /** Lower ranks nest outside higher ones when two entities cover the same range. */
    static int rank(EntityType type) {
        return switch (type) {
            case EntityType.Blockquote b -> 0;
            case EntityType.Pre p -> 1;
            case EntityType.Link l -> 2;
            case EntityType.UserMention m -> 3;
            case EntityType.Spoiler s -> 4;
            case EntityType.Bold b -> 5;
            case EntityType.Italic i -> 6;
            case EntityType.Underline u -> 7;
            case EntityType.Strikethrough s -> 8;
            case EntityType.Code c -> 9;
        };
    }

    /** Blocks start on their own line and may not sit inside an inline style in HTML. */
    static boolean isBlock(EntityType type) {
        return type instanceof EntityType.Blockquote || type instanceof EntityType.Pre;
    }

    static List<Entity> canonical(List<Entity> entities) {
        var sorted = new ArrayList<>(entities);
        sorted.sort(CANONICAL);
        var merged = new ArrayList<Entity>(sorted.size());
        for (Entity e : sorted) {
            int into = mergeTarget(merged, e);
            if (into < 0) {
                merged.add(e);
            } else {
                Entity m = merged.get(into);
                merged.set(into, new Entity(m.offset(), Math.max(m.end(), e.end()) - m.offset(), m.type()));
            }
        }
        merged.sort(CANONICAL);
        return List.copyOf(merged);
    }

    // Entities arrive sorted by offset, so an earlier one of the same type that reaches e's start absorbs it.
    private static int mergeTarget(List<Entity> merged, Entity e) {
        if (e.type() instanceof EntityType.UserMention) {
            return -1;
        }
        for (int i = merged.size() - 1; i >= 0; i--) {
            Entity m = merged.get(i);
            if (m.type().equals(e.type()) && m.end() >= e.offset()) {
                return i;
            }
        }
        return -1;
    }
}
