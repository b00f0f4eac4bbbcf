//! A small HTML builder that escapes every piece of text on the way in.
//!
//! Markup can only come from `&'static str` (literals in this crate) or from another
//! [`Html`]; anything built from scenario data goes through [`Html::text`] or an attribute
//! value, both escaped. Links to scenario URLs go through [`safe_url`], which accepts only
//! `http` and `https` addresses.

use std::fmt::Write as _;

/// HTML elements that never have content.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param",
];

/// A fragment of HTML that is safe to embed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Html(String);

/// Escapes text for HTML (and XML): `& < > " '`, and drops control characters that XML
/// forbids (tabs and line breaks are kept).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    escape_into(&mut out, s);
    out
}

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => {}
            // Non-characters that XML forbids.
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

/// The address if it is an absolute `http` or `https` URL (after trimming), else `None`.
/// Anything else (`javascript:`, `data:`, relative paths) is never made a link.
pub fn safe_url(url: &str) -> Option<&str> {
    let u = url.trim();
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    let ok = (lower.starts_with("https://") || lower.starts_with("http://"))
        && !u.chars().any(|c| c.is_control() || c.is_whitespace());
    ok.then_some(u)
}

/// An id usable in `id=` and `href="#..."`: ASCII letters, digits, `-` and `_`; other
/// characters become `-`.
pub fn anchor(prefix: &str, id: &str) -> String {
    let mut out = String::with_capacity(prefix.len() + id.len() + 1);
    out.push_str(prefix);
    out.push('-');
    for c in id.chars() {
        if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
            out.push(c);
        } else {
            let _ = write!(out, "-{:x}", u32::from(c));
        }
    }
    out
}

impl Html {
    /// An empty fragment.
    pub fn new() -> Self {
        Html(String::new())
    }

    /// Markup written in this crate.
    pub fn raw(&mut self, markup: &'static str) -> &mut Self {
        self.0.push_str(markup);
        self
    }

    /// Text, escaped.
    pub fn text(&mut self, s: &str) -> &mut Self {
        escape_into(&mut self.0, s);
        self
    }

    /// An opening tag with attributes (values escaped).
    pub fn open(&mut self, tag: &'static str, attrs: &[(&'static str, &str)]) -> &mut Self {
        self.0.push('<');
        self.0.push_str(tag);
        for (k, v) in attrs {
            self.0.push(' ');
            self.0.push_str(k);
            self.0.push_str("=\"");
            escape_into(&mut self.0, v);
            self.0.push('"');
        }
        self.0.push('>');
        self
    }

    /// An element without content: `<br/>` for HTML's void elements (written so that it
    /// also parses as XML), `<span ...></span>` for the others (a self-closed `<span/>`
    /// would stay open in HTML).
    pub fn void(&mut self, tag: &'static str, attrs: &[(&'static str, &str)]) -> &mut Self {
        self.open(tag, attrs);
        if VOID.contains(&tag) {
            self.0.pop();
            self.0.push_str("/>");
            self
        } else {
            self.close(tag)
        }
    }

    /// A closing tag.
    pub fn close(&mut self, tag: &'static str) -> &mut Self {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
        self
    }

    /// An element holding escaped text.
    pub fn elem(
        &mut self,
        tag: &'static str,
        attrs: &[(&'static str, &str)],
        text: &str,
    ) -> &mut Self {
        self.open(tag, attrs).text(text).close(tag)
    }

    /// A link to an external address when it is a safe `http(s)` URL, else the text alone.
    pub fn link(&mut self, url: Option<&str>, text: &str) -> &mut Self {
        match url.and_then(safe_url) {
            Some(u) => self.elem("a", &[("href", u), ("rel", "noopener noreferrer")], text),
            None => self.text(text),
        }
    }

    /// Another fragment.
    pub fn push(&mut self, other: &Html) -> &mut Self {
        self.0.push_str(&other.0);
        self
    }

    /// A chart as inline SVG in a `<figure>` with a caption; a chart that cannot be drawn
    /// becomes a one-line note.
    pub fn figure(&mut self, chart: &crate::Chart, caption: &str) -> &mut Self {
        match chart.svg() {
            Ok(svg) => {
                // plotters escapes every text it writes, and the tooltips are escaped.
                self.raw("<figure>");
                self.0.push_str(&svg);
                self.elem("figcaption", &[], caption).raw("</figure>")
            }
            Err(e) => self.elem("p", &[("class", "note")], &format!("Chart not drawn: {e}")),
        }
    }

    /// Whether nothing was written.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The markup.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The markup, owned.
    pub fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<script>alert("x" & 'y')</script>"#),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
        assert_eq!(escape("a\u{1}b\tc"), "ab\tc");
    }

    #[test]
    fn only_http_urls_become_links() {
        assert_eq!(
            safe_url(" https://example.org/a?b=1 "),
            Some("https://example.org/a?b=1")
        );
        assert_eq!(safe_url("HTTP://example.org"), Some("HTTP://example.org"));
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url("data:text/html,<b>"), None);
        assert_eq!(safe_url("https://a b"), None);
        let mut h = Html::new();
        h.link(Some("javascript:alert(1)"), "<x>");
        assert_eq!(h.as_str(), "&lt;x&gt;");
        let mut h = Html::new();
        h.link(Some("https://e.org/?a=1&b=\"2\""), "t");
        assert_eq!(
            h.as_str(),
            "<a href=\"https://e.org/?a=1&amp;b=&quot;2&quot;\" rel=\"noopener noreferrer\">t</a>"
        );
    }

    #[test]
    fn only_void_elements_self_close() {
        let mut h = Html::new();
        h.void("br", &[]).void("span", &[("class", "sw")]);
        assert_eq!(h.as_str(), "<br/><span class=\"sw\"></span>");
    }

    #[test]
    fn anchors_are_plain_ascii() {
        assert_eq!(anchor("src", "reuters_1123"), "src-reuters_1123");
        assert_eq!(anchor("p", "a\"b<é"), "p-a-22b-3c-e9");
    }
}
