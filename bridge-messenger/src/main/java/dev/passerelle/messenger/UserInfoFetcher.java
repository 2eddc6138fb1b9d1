package dev.passerelle.messenger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.core.spi.MediaSource;
import dev.passerelle.core.spi.RemoteAvatar;
import dev.passerelle.core.spi.UserInfo;
import dev.passerelle.messenger.graph.GraphException;
import dev.passerelle.messenger.graph.PageApi;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ghost profiles: a person's name and picture from the User Profile API (where the Page may read them), the
 * Page's own from its profile. A profile Meta does not let the Page read gives a ghost without a name, not a failure.
 */
final class UserInfoFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(UserInfoFetcher.class);

    private final PageApi page;

    UserInfoFetcher(PageApi page) {
        this.page = page;
    }

    /**
     * @throws GraphException only when Meta refuses the Page's token (#190); other failures give an empty profile,
     *                        so that a message is never held up by its sender's name
     */
    UserInfo fetch(String remoteUserId) throws GraphException {
        try {
            if (remoteUserId.equals(page.pageId())) {
                JsonNode p = page.pageProfile();
                return new UserInfo(text(p, "name"), avatar(p.path("picture").path("data").path("url").asText("")),
                        false);
            }
            JsonNode p = page.userProfile(remoteUserId);
            Optional<String> name = text(p, "name").or(() -> {
                String full = (p.path("first_name").asText("") + " " + p.path("last_name").asText("")).trim();
                return full.isEmpty() ? Optional.empty() : Optional.of(full);
            });
            return new UserInfo(name, avatar(p.path("profile_pic").asText("")), false);
        } catch (GraphException e) {
            if (e.isInvalidToken()) {
                throw e;
            }
            LOG.info("The profile of {} cannot be read by page {} (#{}: {}); the ghost stays unnamed for now",
                    remoteUserId, page.pageId(), e.code(), e.getMessage());
            return new UserInfo(Optional.empty(), Optional.empty(), false);
        } catch (IOException e) {
            LOG.info("The profile of {} could not be fetched: {}", remoteUserId, e.getMessage());
            return new UserInfo(Optional.empty(), Optional.empty(), false);
        }
    }

    // Meta's picture URLs carry changing signatures: the path names the picture.
    private Optional<RemoteAvatar> avatar(String url) {
        if (url.isEmpty()) {
            return Optional.empty();
        }
        URI uri = URI.create(url);
        MediaSource source = () -> page.download(uri);
        return Optional.of(new RemoteAvatar(uri.getHost() + uri.getPath(), source));
    }

    private static Optional<String> text(JsonNode node, String field) {
        return Optional.of(node.path(field).asText("")).filter(s -> !s.isBlank());
    }
}
