//! The imports inside `src/` form no circle, and no lower module imports a
//! higher one. Read from the source files themselves: every `crate::…`
//! path (and `tillflow::…` in the command line, `super::…` between the
//! files of `src/till/`), in `use` statements and in code, outside
//! comments and `#[cfg(test)]` modules.
//!
//! The layers, lowest first (a module may import its own layer and those
//! below, never one above):
//!
//! 1. foundation — `error`, `money`, `limits`, `locale`, `triggers`, `audit`, `csv`, `runtime`:
//!    nothing of the domain.
//! 2. domain — `fulfillment`, `documents`, `printing`, `settings`,
//!    `workflow`, `inventory`, `payments`, `shipments`, `orders`, `returns`,
//!    `import`, `backup`, `machine`, `rules`, `dashboard`, `staff`, `customers`: the rules, pure; no storage, no till.
//! 3. storage — `storage` (all SQL), `export` (streams rows out of it).
//! 4. facade — `till`: what every caller uses.
//! 5. tools — `synthetic` (the developer data generator), `cli` (the
//!    command line, in the binary).
//!
//! Within `src/till/`: `mod.rs` (the `Till` and its caches), `change.rs`
//! (the shape of an order change) and `steps.rs` (the steps changes share)
//! are the core; every other file is one area of operations and imports
//! only the core, never another area. Re-exports in `mod.rs`
//! (`pub use area::Type`) are the facade, not imports.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const LAYERS: &[&[&str]] = &[
    &[
        "error", "money", "limits", "locale", "triggers", "audit", "csv", "runtime",
    ],
    &[
        "fulfillment",
        "documents",
        "printing",
        "settings",
        "workflow",
        "inventory",
        "journal",
        "payments",
        "shipments",
        "orders",
        "returns",
        "import",
        "backup",
        "machine",
        "messages",
        "rules",
        "dashboard",
        "staff",
        "customers",
    ],
    &["storage", "export"],
    &["till"],
    &["synthetic", "cli"],
];

/// The files of the till everything else there may import.
const TILL_CORE: &[&str] = &["mod", "change", "steps"];

/// What the crate root re-exports, by the module it comes from.
const ROOT_ITEMS: &[(&str, &str)] = &[
    ("Error", "error"),
    ("Result", "error"),
    ("Till", "till"),
    ("EventResult", "till"),
];

type Graph = BTreeMap<String, BTreeSet<String>>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The source without comments and without `#[cfg(test)]` modules.
fn code_of(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]")
            && lines
                .peek()
                .is_some_and(|l| l.trim_start().starts_with("mod "))
        {
            break;
        }
        if trimmed.starts_with("//") {
            continue;
        }
        let code = match line.find("//") {
            // A `//` inside a string (a URL) is rare in paths' lines; cut it anyway.
            Some(i) => &line[..i],
            None => line,
        };
        out.push_str(code);
        out.push('\n');
    }
    out
}

/// The first segment of every path starting with `prefix` (`crate::`,
/// `super::`…), braces expanded: `crate::{a::x, b}` gives `a` and `b`.
fn first_segments(code: &str, prefix: &str) -> Vec<String> {
    let mut found = Vec::new();
    let bytes = code.as_bytes();
    let mut from = 0;
    while let Some(i) = code[from..].find(prefix) {
        let start = from + i;
        from = start + prefix.len();
        let before = start.checked_sub(1).map(|b| bytes[b] as char);
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue; // `super::super::`, `a_crate::`
        }
        let rest = &code[from..];
        if let Some(inner) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut item = String::new();
            let mut items = Vec::new();
            for c in inner.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' if depth == 1 => items.push(std::mem::take(&mut item)),
                    _ => {}
                }
                if depth >= 1 && !(c == ',' && depth == 1) {
                    item.push(c);
                }
            }
            items.push(item);
            for item in items {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() && name != "self" {
                    found.push(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.push(name);
            }
        }
    }
    found
}

/// Top-level module of a file under `src/`: `src/storage/orders.rs` → `storage`.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.trim_end_matches(".rs");
    (name != "lib" && name != "main").then(|| name.to_string())
}

fn resolve(segment: &str) -> String {
    ROOT_ITEMS
        .iter()
        .find(|(item, _)| *item == segment)
        .map(|(_, m)| m.to_string())
        .unwrap_or_else(|| segment.to_string())
}

/// The graph of imports between the top-level modules of `src/`, and the
/// graph between the files of `src/till/`.
fn graphs(src: &Path) -> (Graph, Graph) {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let modules: BTreeSet<String> = files.iter().filter_map(|f| module_of(src, f)).collect();
    let till_dir = src.join("till");
    let till_files: BTreeSet<String> = files
        .iter()
        .filter(|f| f.parent() == Some(till_dir.as_path()))
        .filter_map(|f| f.file_stem()?.to_str().map(String::from))
        .collect();
    let mut top = Graph::new();
    let mut till = Graph::new();
    for file in &files {
        let Some(module) = module_of(src, file) else {
            continue;
        };
        let code = code_of(&std::fs::read_to_string(file).expect("read"));
        // The command line is in the binary: the library is `tillflow::`.
        let root = if module == "cli" {
            "tillflow::"
        } else {
            "crate::"
        };
        let deps = top.entry(module.clone()).or_default();
        for seg in first_segments(&code, root) {
            let target = resolve(&seg);
            if target != module && modules.contains(&target) {
                deps.insert(target);
            }
        }
        if file.parent() == Some(till_dir.as_path()) {
            let stem = file.file_stem().and_then(|s| s.to_str()).expect("stem");
            let deps = till.entry(stem.to_string()).or_default();
            let mut targets = Vec::new();
            if stem == "mod" {
                // `mod x;` and `pub use x::…` are the facade; other uses count.
                for line in code.lines() {
                    let t = line.trim_start();
                    let facade = ["mod ", "pub mod ", "pub use ", "pub(crate) use "];
                    if facade.iter().any(|f| t.starts_with(f)) {
                        continue;
                    }
                    for name in &till_files {
                        let path = format!("{name}::");
                        let used = line.match_indices(&path).any(|(i, _)| {
                            let before = line[..i].chars().next_back();
                            !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':')
                                || line[..i].ends_with("self::")
                        });
                        if used {
                            targets.push(name.clone());
                        }
                    }
                }
            } else {
                targets.extend(first_segments(&code, "super::"));
                targets.extend(first_segments(&code, "crate::till::"));
            }
            for t in targets {
                let t = if till_files.contains(&t) {
                    t
                } else {
                    "mod".to_string()
                };
                if t != stem {
                    deps.insert(t);
                }
            }
        }
    }
    (top, till)
}

/// A circle in `graph`, if there is one, as the path around it.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &Graph,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(node.to_string(), 1);
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            match state.get(next.as_str()).copied().unwrap_or(0) {
                1 => {
                    let at = stack.iter().position(|n| n == next).expect("on stack");
                    let mut cycle = stack[at..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                0 => {
                    if let Some(c) = visit(next, graph, state, stack) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(node.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for node in graph.keys() {
        if state.get(node.as_str()).copied().unwrap_or(0) == 0 {
            if let Some(c) = visit(node, graph, &mut state, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// Every rule broken in `src` (empty when none).
fn problems(src: &Path) -> Vec<String> {
    let (top, till) = graphs(src);
    let mut out = Vec::new();
    for (module, deps) in &top {
        let Some(own) = layer_of(module) else {
            out.push(format!("src/{module} is in no layer: add it to LAYERS"));
            continue;
        };
        for dep in deps {
            match layer_of(dep) {
                Some(l) if l > own => out.push(format!(
                    "{module} (layer {}) imports {dep} (layer {})",
                    own + 1,
                    l + 1
                )),
                _ => {}
            }
        }
    }
    if let Some(c) = find_cycle(&top) {
        out.push(format!("import circle between modules: {}", c.join(" → ")));
    }
    if let Some(c) = find_cycle(&till) {
        out.push(format!("import circle in src/till: {}", c.join(" → ")));
    }
    for (file, deps) in &till {
        if TILL_CORE.contains(&file.as_str()) {
            continue;
        }
        for dep in deps {
            if !TILL_CORE.contains(&dep.as_str()) {
                out.push(format!(
                    "src/till/{file}.rs imports the area src/till/{dep}.rs"
                ));
            }
        }
    }
    out
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn src_has_no_import_circle_and_no_upward_import() {
    let found = problems(&src());
    assert!(found.is_empty(), "module graph:\n{}", found.join("\n"));
}

#[test]
fn the_graph_sees_the_imports_that_exist() {
    let (top, till) = graphs(&src());
    let has = |g: &Graph, a: &str, b: &str| g.get(a).is_some_and(|d| d.contains(b));
    assert!(has(&top, "storage", "orders"));
    assert!(has(&top, "till", "storage"));
    assert!(has(&top, "cli", "till"));
    assert!(has(&top, "money", "error"));
    assert!(has(&till, "orders", "change"));
    assert!(has(&till, "shipments", "steps"));
    assert!(has(&till, "change", "steps"));
}

/// A copy of `src/` with `extra` appended to `file`.
fn src_with(file: &str, extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    for f in files {
        let rel = f.strip_prefix(src()).expect("under src");
        let to = dir.path().join(rel);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        let mut text = std::fs::read_to_string(&f).expect("read");
        if rel == Path::new(file) {
            text.push_str(extra);
        }
        std::fs::write(to, text).expect("write");
    }
    dir
}

#[test]
fn a_circle_or_an_upward_import_fails() {
    let circle = src_with("error.rs", "\nuse crate::money::Currency;\n");
    let found = problems(circle.path());
    assert!(
        found
            .iter()
            .any(|p| p.starts_with("import circle between modules")),
        "{found:?}"
    );

    let upward = src_with(
        "shipments/mod.rs",
        "\nfn f(_: crate::storage::WriteTx) {}\n",
    );
    let found = problems(upward.path());
    assert!(
        found.contains(&"shipments (layer 2) imports storage (layer 3)".to_string()),
        "{found:?}"
    );

    let grouped = src_with(
        "orders/mod.rs",
        "\nuse crate::{money::Currency, till::Till};\n",
    );
    let found = problems(grouped.path());
    assert!(
        found.contains(&"orders (layer 2) imports till (layer 4)".to_string()),
        "{found:?}"
    );

    let area = src_with("till/returns.rs", "\nuse super::payments::X;\n");
    let found = problems(area.path());
    assert!(
        found.contains(&"src/till/returns.rs imports the area src/till/payments.rs".to_string()),
        "{found:?}"
    );

    let till_circle = src_with("till/steps.rs", "\nuse super::change::OrderChange;\n");
    let found = problems(till_circle.path());
    assert!(
        found
            .iter()
            .any(|p| p.starts_with("import circle in src/till")),
        "{found:?}"
    );
}
