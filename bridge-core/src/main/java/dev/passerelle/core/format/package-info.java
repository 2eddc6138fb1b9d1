/**
 * Message formatting between the networks and Matrix.
 *
 * <p>Every connector converts between its own format and {@link dev.passerelle.core.format.FormattedText}
 * only: plain text plus typed {@link dev.passerelle.core.format.Entity} ranges in UTF-16 offsets (the family
 * of types is {@link dev.passerelle.core.format.EntityType}). This package converts between that and Matrix's
 * {@code org.matrix.custom.html}:
 * <ul>
 *   <li>{@link dev.passerelle.core.format.MatrixHtmlRenderer} — network → Matrix: {@code body},
 *       {@code formatted_body} and {@code m.mentions}, as a {@link dev.passerelle.core.format.MatrixFormattedContent};</li>
 *   <li>{@link dev.passerelle.core.format.MatrixHtmlParser} — Matrix → network, sanitising the HTML with
 *       {@link dev.passerelle.core.format.MatrixHtmlSanitizer} (jsoup) first.</li>
 * </ul>
 * Start reading at {@code FormattedText}, then the renderer and the parser. Package-private helpers:
 * {@code HtmlEmitter} writes balanced HTML for overlapping entities, {@code HtmlTextWalker} lays HTML out as
 * text the way a browser would, {@code EntityOrder} keeps entities canonical, {@code MatrixLinks} knows pills.
 * {@code parse(render(text))} gives {@code text} back for everything HTML can express (see FormatRoundTripTest).
 * What it cannot: newlines at the very start or end (dropped), tabs and carriage returns outside code blocks
 * (HTML folds them into a space), a code block or quote that does not sit on lines of its own (the parser puts
 * it there), a quote whose text ends with a newline, links inside links, and U+00A0 (read back as a space,
 * because clients write {@code &nbsp;} for ordinary spaces).
 */
package dev.passerelle.core.format;
