package dev.passerelle.core.format;

import java.util.Optional;
import org.jsoup.nodes.Element;

/** Which entity a sanitised HTML element stands for, if any (colours, sizes and tables stand for none). */
final class EntityMapping {

    private EntityMapping() {}

    static Optional<EntityType> typeOf(Element el) {
        return switch (el.normalName()) {
            case "b", "strong", "h1", "h2", "h3", "h4", "h5", "h6" -> Optional.of(EntityType.BOLD);
            case "i", "em" -> Optional.of(EntityType.ITALIC);
            case "u" -> Optional.of(EntityType.UNDERLINE);
            case "del", "s", "strike" -> Optional.of(EntityType.STRIKETHROUGH);
            case "blockquote" -> Optional.of(EntityType.BLOCKQUOTE);
            case "pre" -> Optional.of(new EntityType.Pre(languageOf(el)));
            // <pre><code> is one code block; the inner <code> is not inline code as well.
            case "code" -> el.parent() != null && el.parent().normalName().equals("pre")
                    ? Optional.empty() : Optional.of(EntityType.CODE);
            case "span" -> el.hasAttr("data-mx-spoiler")
                    ? Optional.of(new EntityType.Spoiler(Optional.of(el.attr("data-mx-spoiler").strip())
                            .filter(r -> !r.isEmpty())))
                    : Optional.empty();
            case "a" -> linkOf(el.attr("href").strip());
            default -> Optional.empty();
        };
    }

    private static Optional<EntityType> linkOf(String href) {
        if (href.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> user = MatrixLinks.userIdOf(href);
        if (user.isPresent()) {
            return Optional.of(new EntityType.UserMention(user.get()));
        }
        return MatrixLinks.hasAllowedScheme(href) ? Optional.of(new EntityType.Link(href)) : Optional.empty();
    }

    private static Optional<String> languageOf(Element pre) {
        for (Element child : pre.children()) {
            if (child.normalName().equals("code")) {
                return child.classNames().stream()
                        .filter(c -> c.startsWith("language-") && c.length() > "language-".length())
                        .map(c -> c.substring("language-".length()))
                        .findFirst();
            }
        }
        return Optional.empty();
    }
}
