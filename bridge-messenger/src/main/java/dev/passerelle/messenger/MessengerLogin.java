package dev.passerelle.messenger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.core.spi.InputField;
import dev.passerelle.core.spi.LoginException;
import dev.passerelle.core.spi.LoginProcess;
import dev.passerelle.core.spi.LoginStep;
import dev.passerelle.core.spi.NewLogin;
import dev.passerelle.messenger.MessengerConfig.PageConfig;
import dev.passerelle.messenger.graph.GraphException;
import dev.passerelle.messenger.graph.PageApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The {@code page} login: the Page's id, then (unless the config holds it) a Page access token, checked with
 * {@code GET /me}: it must be the token of that Page. Only the users the config allows for the Page may log in to
 * it. The token typed is the login's secret (stored encrypted); a token from the config stays in the config.
 */
final class MessengerLogin implements LoginProcess {

    static final String FLOW = "page";

    private final MessengerConfig config;
    private final String userId;
    private final BiFunction<String, String, PageApi> pageApi;
    private LoginStep current;
    private Optional<PageConfig> page = Optional.empty();

    /** @param pageApi the Graph API of a page id with a token */
    MessengerLogin(MessengerConfig config, String userId, BiFunction<String, String, PageApi> pageApi) {
        this.config = config;
        this.userId = userId;
        this.pageApi = pageApi;
    }

    @Override
    public LoginStep start() {
        current = new LoginStep.UserInput("page", "Enter the id of the Facebook Page whose Messenger inbox you "
                + "want to answer (Page settings → About → Page ID).", List.of(new InputField("page_id",
                InputField.Kind.TEXT, "Page ID", "The Page's numeric id", Optional.of("\\d+"))));
        return current;
    }

    @Override
    public LoginStep submit(Map<String, String> fields) throws LoginException {
        if (current == null) {
            throw new LoginException("PASSERELLE.MESSENGER.BAD_STATE", "The login has not started");
        }
        return switch (current.stepId()) {
            case "page" -> page(fields.getOrDefault("page_id", "").trim());
            case "token" -> complete(page.orElseThrow(), fields.getOrDefault("access_token", "").trim(), true);
            default -> throw new LoginException("PASSERELLE.MESSENGER.BAD_STATE", "This login step takes no answer");
        };
    }

    private LoginStep page(String pageId) throws LoginException {
        PageConfig p = config.pages().get(pageId);
        if (p == null) {
            throw new LoginException("PASSERELLE.MESSENGER.UNKNOWN_PAGE", "The Page " + pageId + " is not in the "
                    + "bridge's config: a bridge admin adds it under networks.messenger.pages (with its app secret "
                    + "and verify token) first.");
        }
        if (!p.allows(userId)) {
            throw new LoginException("PASSERELLE.MESSENGER.NOT_ALLOWED", "You may not answer for the Page " + pageId
                    + ": ask a bridge admin to add you to its allowed_users.");
        }
        page = Optional.of(p);
        if (p.accessToken().isPresent()) {
            return complete(p, p.accessToken().get(), false);
        }
        current = new LoginStep.UserInput("token", "Paste a Page access token of the Page " + pageId
                + " (developers.facebook.com → your app → Messenger → Settings → Access tokens → Generate). It is "
                + "removed from this room once read.", List.of(new InputField("access_token", InputField.Kind.TOKEN,
                "Page access token", "A token of the Page with the pages_messaging permission", Optional.empty())));
        return current;
    }

    private LoginStep complete(PageConfig p, String token, boolean typed) throws LoginException {
        if (token.isEmpty()) {
            throw new LoginException("PASSERELLE.MESSENGER.BAD_TOKEN", "The access token is empty.");
        }
        JsonNode me;
        try {
            me = pageApi.apply(p.pageId(), token).me();
        } catch (GraphException e) {
            if (e.isInvalidToken()) {
                throw new LoginException("PASSERELLE.MESSENGER.BAD_TOKEN", "Messenger does not accept this access "
                        + "token (" + e.getMessage() + "). " + SendErrors.NEW_TOKEN_HELP);
            }
            throw new LoginException("PASSERELLE.MESSENGER.CHECK_FAILED", "Messenger refused the token check (#"
                    + e.code() + "): " + e.getMessage());
        } catch (IOException e) {
            throw new LoginException("PASSERELLE.MESSENGER.UNREACHABLE", "Messenger could not be reached to check "
                    + "the token (" + e.getMessage() + "); try again later.");
        }
        if (!p.pageId().equals(me.path("id").asText())) {
            throw new LoginException("PASSERELLE.MESSENGER.NOT_A_PAGE_TOKEN", "This token belongs to "
                    + me.path("id").asText("another account") + ", not to the Page " + p.pageId()
                    + ": use a Page access token of that Page, not a user token.");
        }
        String name = me.path("name").asText(p.pageId());
        byte[] secret = typed ? token.getBytes(StandardCharsets.UTF_8) : new byte[0];
        current = new LoginStep.Complete("complete", new NewLogin(p.pageId(), name, secret));
        return current;
    }

    @Override
    public LoginStep awaitNext(Duration timeout) {
        return current;
    }

    @Override
    public void cancel() {
        current = null;
    }
}
