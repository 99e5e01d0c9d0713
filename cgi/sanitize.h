/*
 * sanitize.h - article HTML cut down to an allowlist, at import.
 *
 * Bodies carry raw HTML from the sources.  sanitize_html() parses it
 * with gumbo, an HTML5 parser, as a page's <body>, and writes back
 * only text and the allowed elements and attributes, well-formed:
 * every element it opens it closes, in order.  It keeps no state, so
 * the importer's reader thread and its writer may call it at once.
 */
#ifndef FINEWS_SANITIZE_H
#define FINEWS_SANITIZE_H

#include <stddef.h>

/* The version of the rules below.  A store whose posts were rendered
 * under another (its site key "render") has them rendered again by the
 * next import: raise it whenever the output would change. */
#define SANITIZE_VERSION "2"

/*
 * The sanitized HTML of html[0..len) (malloc'ed, never NULL).  Kept:
 * text; p, br, hr, h1-h6, strong, b, em, i, u, s, sub, sup, small, code,
 * pre, blockquote, ul, ol, li, table, caption, thead, tbody, tfoot, tr,
 * th, td, span, div; a with an http(s) or relative href (and title),
 * given rel="noopener nofollow"; img with an http(s) src (alt, title,
 * width, height), given loading="lazy"; class on p, span and div (names
 * of [A-Za-z0-9_-] only); colspan and rowspan on cells, start on ol.
 * Each table is written inside <div class="table-wrap" role="region"
 * aria-label="(its caption, else 表格)" tabindex="0"> (a box that
 * scrolls on a narrow screen), a cell holding a number alone as
 * <td class="num">.
 * Block containers (center, section, article, figure, form, ...) become
 * div; other unknown elements are unwrapped, their content kept; of
 * svg, math, noscript, button, object and a few more only the text is
 * kept.  Gone with their content: script, style, template, iframe,
 * select, embed and other elements that hold no text to read;
 * comments; every other attribute (style, on...), and javascript:,
 * data: and other URLs.  Valid UTF-8 in, valid UTF-8 out.
 */
char *sanitize_html(const char *html, size_t len);

/* The src of the first <img> in html, sanitize_html()'s output (where
 * each image is written "<img src=\"…\"" and nothing else can look so),
 * unescaped, malloc'ed; NULL when it has none. */
char *sanitize_first_image(const char *html);

#endif
