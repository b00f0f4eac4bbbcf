//! Diagnostics: what is wrong with a scenario file, where, and how to fix it.
//!
//! Validation works on the parsed document and records each problem with a *path*
//! (`preferences.ua.weights.donbas`). The loader then resolves the path to a line and
//! column in the original text (TOML through `toml`'s spanned document, JSON through a
//! small scanner), so every message can point at the offending line.

use std::fmt;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file cannot be used.
    Error,
    /// The file can be used, but something looks wrong.
    Warning,
}

/// One step of a path into a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSeg {
    /// A table key.
    Key(String),
    /// An array index.
    Index(usize),
}

/// A path into a document, e.g. `parties[2].capability`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocPath(pub Vec<PathSeg>);

impl DocPath {
    /// The root.
    pub fn root() -> Self {
        DocPath(Vec::new())
    }

    /// This path extended by a key.
    #[must_use]
    pub fn key(&self, k: &str) -> Self {
        let mut v = self.0.clone();
        v.push(PathSeg::Key(k.to_string()));
        DocPath(v)
    }

    /// This path extended by an index.
    #[must_use]
    pub fn index(&self, i: usize) -> Self {
        let mut v = self.0.clone();
        v.push(PathSeg::Index(i));
        DocPath(v)
    }
}

impl fmt::Display for DocPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                PathSeg::Key(k) if i == 0 => write!(f, "{k}")?,
                PathSeg::Key(k) => write!(f, ".{k}")?,
                PathSeg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// A line and column, both counted from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Location {
    /// Line, from 1.
    pub line: usize,
    /// Column (in characters), from 1.
    pub column: usize,
}

/// One problem found in a scenario.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The id involved, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Where in the document (dotted path).
    #[serde(serialize_with = "ser_path")]
    pub path: DocPath,
    /// The file name, once known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Line and column, once resolved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// The source line, for display.
    #[serde(skip)]
    pub snippet: Option<String>,
}

fn ser_path<S: serde::Serializer>(p: &DocPath, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&p.to_string())
}

impl Diagnostic {
    /// An error at a path.
    pub fn error(path: DocPath, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            hint: None,
            id: None,
            path,
            file: None,
            location: None,
            snippet: None,
        }
    }

    /// A warning at a path.
    pub fn warning(path: DocPath, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    /// Adds a hint.
    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Names the id involved.
    #[must_use]
    pub fn with_id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Sets file, location and snippet from a source text and a byte offset.
    pub fn locate_offset(&mut self, file: &str, text: &str, offset: usize) {
        self.file = Some(file.to_string());
        let offset = offset.min(text.len());
        let before = &text[..floor_char_boundary(text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        self.location = Some(Location { line, column });
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        self.snippet = Some(
            text[line_start..line_end]
                .trim_end_matches('\r')
                .to_string(),
        );
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}: {}", self.message)?;
        let file = self.file.as_deref().unwrap_or("<input>");
        match self.location {
            Some(loc) => writeln!(f, "  --> {file}:{}:{}", loc.line, loc.column)?,
            None => writeln!(f, "  --> {file}")?,
        }
        if let (Some(snippet), Some(loc)) = (&self.snippet, self.location) {
            let num = loc.line.to_string();
            let pad = " ".repeat(num.len());
            writeln!(f, "{pad} |")?;
            writeln!(f, "{num} | {snippet}")?;
            let caret_pad: String = snippet
                .chars()
                .take(loc.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            writeln!(f, "{pad} | {caret_pad}^")?;
        }
        if !self.path.0.is_empty() {
            writeln!(f, "   = at: {}", self.path)?;
        }
        if let Some(h) = &self.hint {
            writeln!(f, "   = hint: {h}")?;
        }
        Ok(())
    }
}

/// Finds the byte span of the value at `path` in a TOML text. Falls back to the longest
/// prefix of the path that exists.
#[cfg(test)]
pub(crate) fn toml_offset(text: &str, path: &DocPath) -> Option<usize> {
    let doc = toml::de::DeTable::parse(text).ok()?;
    Some(toml_offset_in(&doc, path))
}

/// [`toml_offset`] on a text parsed once with `DeTable::parse` (a file with many
/// diagnostics is parsed once, not once per diagnostic).
pub(crate) fn toml_offset_in(doc: &toml::Spanned<toml::de::DeTable<'_>>, path: &DocPath) -> usize {
    use toml::de::{DeTable, DeValue};
    let mut best = doc.span().start;
    let mut table: &DeTable<'_> = doc.get_ref();
    let mut current: Option<&toml::Spanned<DeValue<'_>>> = None;
    for seg in &path.0 {
        // A key into an array: the array is the shorthand of a table holding it
        // (`values.x = [[0, 1]]` for `values.x = { points = [[0, 1]] }`); look through it.
        if let (PathSeg::Key(_), Some(DeValue::Array(_))) =
            (seg, current.map(toml::Spanned::get_ref))
        {
            continue;
        }
        let next = match (seg, current.map(toml::Spanned::get_ref)) {
            (PathSeg::Key(k), None) => table.get(k.as_str()),
            (PathSeg::Key(k), Some(DeValue::Table(t))) => t.get(k.as_str()),
            (PathSeg::Index(i), Some(DeValue::Array(a))) => a.get(*i),
            _ => None,
        };
        let Some(next) = next else { break };
        best = next.span().start;
        if let DeValue::Table(t) = next.get_ref() {
            table = t;
        }
        current = Some(next);
    }
    best
}

/// Finds the byte offset of the value at `path` in a JSON text (longest existing prefix).
pub(crate) fn json_offset(text: &str, path: &DocPath) -> Option<usize> {
    let mut s = JsonScan {
        b: text.as_bytes(),
        i: 0,
    };
    s.ws();
    let mut best = s.i;
    for seg in &path.0 {
        match seg {
            PathSeg::Key(k) => {
                // Look through an array standing for a table holding it (see `toml_offset`).
                if s.peek() == Some(b'[') {
                    continue;
                }
                if !s.eat(b'{') {
                    break;
                }
                let mut found = false;
                loop {
                    s.ws();
                    if s.peek() != Some(b'"') {
                        break;
                    }
                    let key = s.string()?;
                    s.ws();
                    if !s.eat(b':') {
                        return Some(best);
                    }
                    s.ws();
                    if key == *k {
                        found = true;
                        break;
                    }
                    s.skip_value()?;
                    s.ws();
                    if !s.eat(b',') {
                        break;
                    }
                }
                if !found {
                    break;
                }
            }
            PathSeg::Index(n) => {
                if !s.eat(b'[') {
                    break;
                }
                let mut ok = true;
                for _ in 0..*n {
                    s.ws();
                    if s.skip_value().is_none() {
                        ok = false;
                        break;
                    }
                    s.ws();
                    if !s.eat(b',') {
                        ok = false;
                        break;
                    }
                }
                s.ws();
                if !ok || s.peek() == Some(b']') {
                    break;
                }
            }
        }
        best = s.i;
    }
    Some(best)
}

struct JsonScan<'a> {
    b: &'a [u8],
    i: usize,
}

impl JsonScan<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }
    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.i += 1;
        }
    }
    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn string(&mut self) -> Option<String> {
        let start = self.i;
        if !self.eat(b'"') {
            return None;
        }
        loop {
            match self.peek()? {
                b'\\' => self.i += 2,
                b'"' => {
                    self.i += 1;
                    break;
                }
                _ => self.i += 1,
            }
        }
        let raw = std::str::from_utf8(self.b.get(start..self.i)?).ok()?;
        serde_json::from_str(raw).ok()
    }
    fn skip_value(&mut self) -> Option<()> {
        self.ws();
        match self.peek()? {
            b'"' => {
                self.string()?;
            }
            open @ (b'{' | b'[') => {
                let close = if open == b'{' { b'}' } else { b']' };
                self.i += 1;
                loop {
                    self.ws();
                    if self.eat(close) {
                        break;
                    }
                    if open == b'{' {
                        self.string()?;
                        self.ws();
                        if !self.eat(b':') {
                            return None;
                        }
                    }
                    self.skip_value()?;
                    self.ws();
                    if !self.eat(b',') {
                        self.ws();
                        if !self.eat(close) {
                            return None;
                        }
                        break;
                    }
                }
            }
            _ => {
                while let Some(c) = self.peek() {
                    if matches!(c, b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t') {
                        break;
                    }
                    self.i += 1;
                }
            }
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_path_is_found() {
        let text = "{\n  \"a\": [1, {\"b\": 2}],\n  \"c\": {\"d\": \"x\"}\n}";
        let p = DocPath::root().key("a").index(1).key("b");
        let off = json_offset(text, &p).unwrap_or(0);
        assert_eq!(&text[off..off + 1], "2");
        let p = DocPath::root().key("c").key("d");
        let off = json_offset(text, &p).unwrap_or(0);
        assert_eq!(&text[off..off + 3], "\"x\"");
        // A missing key falls back to the longest prefix.
        let p = DocPath::root().key("c").key("zz");
        let off = json_offset(text, &p).unwrap_or(0);
        assert_eq!(&text[off..off + 1], "{");
    }

    #[test]
    fn toml_path_is_found() {
        let text = "[scenario]\nid = \"x\"\n\n[[parties]]\nid = \"a\"\n\n[[parties]]\nid = \"b\"\ncapability = 3\n";
        let p = DocPath::root().key("parties").index(1).key("capability");
        let off = toml_offset(text, &p).unwrap_or(0);
        assert_eq!(&text[off..off + 1], "3");
    }

    #[test]
    fn location_counts_lines_and_columns() {
        let mut d = Diagnostic::error(DocPath::root(), "x");
        d.locate_offset("f.toml", "ab\ncdé f\n", 8);
        assert_eq!(d.location, Some(Location { line: 2, column: 5 }));
        assert_eq!(d.snippet.as_deref(), Some("cdé f"));
    }
}
