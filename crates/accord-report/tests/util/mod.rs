//! Helpers shared by the integration tests: scenarios, checks, headless Chromium.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use accord_analysis::Analysis;
use accord_model::{BUILTIN_SCENARIOS, Format, Scenario, load_doc, load_str};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Whether the tests run in CI (where nothing may be skipped).
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// The embedded default scenario.
pub fn default_scenario() -> Scenario {
    let b = &BUILTIN_SCENARIOS[0];
    load_str(b.toml, b.file, Format::Toml)
        .expect("the default scenario loads")
        .scenario
}

/// `scenarios/examples/small.toml`.
pub fn small() -> Scenario {
    let path = root().join("scenarios/examples/small.toml");
    let text = std::fs::read_to_string(&path).expect("small.toml is readable");
    load_str(&text, "small.toml", Format::Toml)
        .expect("small.toml loads")
        .scenario
}

/// The shared domain corpus (`../shared/domains` beside the project), or `None` (which
/// fails the test under CI).
pub fn shared_domains() -> Option<PathBuf> {
    let dir = root().join("../shared/domains");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        !in_ci(),
        "the shared corpus is missing at {}",
        dir.display()
    );
    eprintln!("skipped: the shared corpus is not at {}", dir.display());
    None
}

/// A GENIUS or GeniusWeb domain folder of the shared corpus, imported and validated.
pub fn domain(dir: &Path) -> Scenario {
    let imported = accord_formats::load_folder(dir, accord_formats::Semantics::Genius)
        .unwrap_or_else(|e| panic!("{} imports: {e}", dir.display()));
    load_doc(imported.doc, &dir.display().to_string())
        .unwrap_or_else(|e| panic!("{} validates: {e}", dir.display()))
        .scenario
}

/// The analysis the CLI runs.
pub fn analyze(s: &Scenario) -> Analysis {
    accord_analysis::analyze(s).expect("the scenario compiles")
}

/// Parses the report as XML (it is written to parse as both HTML and XML), checks that it
/// references nothing outside itself, and returns the ids of its sections.
pub fn check_self_contained(html: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse_with_options(
        html,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..roxmltree::ParsingOptions::default()
        },
    )
    .unwrap_or_else(|e| panic!("the report is not well-formed: {e}"));
    let mut sections = Vec::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        let tag = node.tag_name().name();
        assert!(
            !matches!(
                tag,
                "script"
                    | "link"
                    | "img"
                    | "iframe"
                    | "object"
                    | "embed"
                    | "image"
                    | "use"
                    | "video"
                    | "audio"
                    | "source"
                    | "base"
                    | "form"
            ),
            "the report has a <{tag}> element"
        );
        for attr in node.attributes() {
            let name = attr.name();
            let value = attr.value().trim().to_ascii_lowercase();
            assert!(!name.starts_with("on"), "event handler `{name}` on <{tag}>");
            match name {
                "href" => {
                    assert_eq!(tag, "a", "href on <{tag}>: {value}");
                    assert!(
                        value.starts_with('#')
                            || value.starts_with("https://")
                            || value.starts_with("http://"),
                        "link to `{value}`"
                    );
                }
                "src" | "srcset" | "action" | "formaction" | "poster" | "data" | "background" => {
                    panic!("<{tag} {name}=\"{value}\"> loads something")
                }
                "style" => assert!(!value.contains("url("), "style with url(): {value}"),
                _ => {}
            }
        }
        if tag == "style" {
            let css = node.text().unwrap_or_default().to_ascii_lowercase();
            assert!(!css.contains("@import"), "CSS @import");
            assert!(!css.contains("url("), "CSS url()");
            assert!(!css.contains("@font-face"), "web font");
        }
        if tag == "section" {
            sections.push(node.attribute("id").unwrap_or_default().to_string());
        }
        if tag == "svg" {
            assert!(
                node.attribute("viewBox").is_some(),
                "an inline SVG without viewBox cannot scale"
            );
        }
    }
    let lower = html.to_ascii_lowercase();
    for bad in ["@import", "url(http", "<script", "javascript:"] {
        assert!(!lower.contains(bad), "the report contains `{bad}`");
    }
    let meta = doc
        .descendants()
        .find(|n| {
            n.has_tag_name("meta") && n.attribute("http-equiv") == Some("Content-Security-Policy")
        })
        .expect("a Content-Security-Policy");
    assert!(
        meta.attribute("content")
            .unwrap_or_default()
            .starts_with("default-src 'none'")
    );
    sections
}

/// Chromium's binary: `ACCORD_CHROMIUM`, else the first of `chromium`, `chromium-browser`,
/// `google-chrome` on PATH.
pub fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("ACCORD_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Chromium's binary, or `None` after saying why the test is skipped; under `CI=true` a
/// missing Chromium fails the test.
pub fn chromium_or_skip() -> Option<PathBuf> {
    let c = chromium();
    if c.is_none() {
        assert!(
            !in_ci(),
            "Chromium is required in CI: apt-get update && apt-get install -y chromium"
        );
        eprintln!(
            "skipped: no Chromium on PATH (apt-get install -y chromium, or set ACCORD_CHROMIUM)"
        );
    }
    c
}

/// What one headless Chromium run gave.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
}

/// Runs headless Chromium on a local file with no network, and `extra` flags.
pub fn run_chromium(chrome: &Path, page: &Path, profile: &Path, extra: &[&str]) -> Run {
    let url = format!(
        "file://{}",
        page.canonicalize().expect("page exists").display()
    );
    let mut cmd = Command::new(chrome);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--enable-logging=stderr",
        "--v=0",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .args(extra)
    .arg(&url)
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("chromium starts");
    let out_pipe = child.stdout.take();
    let err_pipe = child.stderr.take();
    let read = |p: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut s = String::new();
            if let Some(mut p) = p {
                let _ = std::io::Read::read_to_string(&mut p, &mut s);
            }
            s
        })
    };
    let t_out = read(out_pipe.map(|p| Box::new(p) as Box<dyn std::io::Read + Send>));
    let t_err = read(err_pipe.map(|p| Box::new(p) as Box<dyn std::io::Read + Send>));
    let start = Instant::now();
    loop {
        match child.try_wait().expect("wait for chromium") {
            Some(_) => break,
            None if start.elapsed() > Duration::from_secs(120) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("chromium did not finish within 120 s");
            }
            None => std::thread::sleep(Duration::from_millis(50)),
        }
    }
    Run {
        stdout: t_out.join().unwrap_or_default(),
        stderr: t_err.join().unwrap_or_default(),
    }
}

/// Console messages and uncaught errors in Chromium's log (a script-free page has none;
/// a resource blocked by the Content-Security-Policy would show up here).
pub fn console_errors(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter(|l| {
            l.contains(":CONSOLE")
                || l.contains("Uncaught")
                || l.contains("Content Security Policy")
        })
        .map(str::to_string)
        .collect()
}

/// Decodes an RGB(A) PNG: (width, height, pixels as RGB triples).
pub fn decode_png(bytes: &[u8]) -> (u32, u32, Vec<[u8; 3]>) {
    let mut dec = png::Decoder::new(bytes);
    dec.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = dec.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let channels = info.color_type.samples();
    let px = buf[..info.buffer_size()]
        .chunks_exact(channels)
        .map(|c| match channels {
            1 | 2 => [c[0], c[0], c[0]],
            _ => [c[0], c[1], c[2]],
        })
        .collect();
    (info.width, info.height, px)
}

/// Standard deviation of the luminance and number of distinct colours of an image.
pub fn variety(px: &[[u8; 3]]) -> (f64, usize) {
    let lum: Vec<f64> = px
        .iter()
        .map(|p| 0.299 * f64::from(p[0]) + 0.587 * f64::from(p[1]) + 0.114 * f64::from(p[2]))
        .collect();
    let n = lum.len().max(1) as f64;
    let mean = lum.iter().sum::<f64>() / n;
    let sd = (lum.iter().map(|l| (l - mean).powi(2)).sum::<f64>() / n).sqrt();
    let mut colours: Vec<[u8; 3]> = px.to_vec();
    colours.sort_unstable();
    colours.dedup();
    (sd, colours.len())
}
