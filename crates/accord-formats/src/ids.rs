//! Turning free-form names (`19'' LCD`, `0 kW,`, `departure airport`) into accord ids.
//!
//! accord ids are 1–64 characters from `[A-Za-z0-9_.-]`. GENIUS and GeniusWeb names are
//! arbitrary strings, so each name is *sanitised* (other characters become `_`, runs of
//! `_` collapse, leading/trailing `_` go) and made unique within its scope by a numeric
//! suffix. The original string is kept as the option label or issue name, and the writers
//! use it, so nothing is lost.

use std::collections::HashSet;

/// Hands out unique ids within one scope (issues of a scenario, options of an issue, ...).
#[derive(Debug, Default)]
pub(crate) struct IdAllocator {
    used: HashSet<String>,
}

const MAX_ID: usize = 64;

/// The sanitised form of `name` (may be empty when `name` has no usable character).
pub(crate) fn sanitize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut last_us = true; // suppress leading underscores
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
            out.push(c);
            last_us = false;
        } else if !last_us {
            out.push('_');
            last_us = true;
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    if out.len() > MAX_ID {
        out.truncate(MAX_ID);
        while out.ends_with('_') {
            out.pop();
        }
    }
    out
}

impl IdAllocator {
    /// A unique id for `name`; `fallback` (e.g. `issue3`) is used when nothing of the name survives.
    pub(crate) fn alloc(&mut self, name: &str, fallback: &str) -> String {
        let mut base = sanitize(name);
        if base.is_empty() {
            base = sanitize(fallback);
        }
        if base.is_empty() {
            base = "x".to_string();
        }
        if self.used.insert(base.clone()) {
            return base;
        }
        let mut n = 2u64;
        loop {
            let suffix = format!("_{n}");
            let mut stem = base.clone();
            while stem.len() + suffix.len() > MAX_ID {
                stem.pop();
            }
            let cand = format!("{stem}{suffix}");
            if self.used.insert(cand.clone()) {
                return cand;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitises_odd_names() {
        assert_eq!(sanitize("19'' LCD"), "19_LCD");
        assert_eq!(sanitize("0 kW,"), "0_kW");
        assert_eq!(sanitize("$4.37"), "4.37");
        assert_eq!(sanitize("departure airport"), "departure_airport");
        assert_eq!(sanitize("   "), "");
    }

    #[test]
    fn dedupes() {
        let mut a = IdAllocator::default();
        assert_eq!(a.alloc("a b", "o1"), "a_b");
        assert_eq!(a.alloc("a,b", "o2"), "a_b_2");
        assert_eq!(a.alloc("!!", "o3"), "o3");
        let long = "y".repeat(80);
        let first = a.alloc(&long, "o4");
        assert_eq!(first.len(), 64);
        let second = a.alloc(&long, "o5");
        assert!(second.len() <= 64 && second.ends_with("_2"));
    }
}
