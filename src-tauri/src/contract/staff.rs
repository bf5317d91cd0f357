//! Who is signed in, for the lock screen and the sidebar. Staff members
//! are the core's [`StaffMember`]: never a PIN or its hash (the test below
//! walks every type a command or event can send to the window).

use serde::Serialize;
use tillflow::staff::StaffMember;
use ts_rs::TS;

/// The signed-in person and what their role lets them do.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SignedIn {
    pub member: StaffMember,
    /// Permission keys (`orders.cancel`, …): the screens hide or mark what
    /// the person may not do; the core refuses it anyway.
    pub permissions: Vec<String>,
}

/// What the lock screen needs: who is signed in, whom to offer as tiles,
/// whether the shop still needs its owner, and when to lock by itself.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SessionStatus {
    pub signed_in: Option<SignedIn>,
    /// Active staff members, by name (the lock screen's tiles).
    pub staff: Vec<StaffMember>,
    /// No staff member at all yet: the window asks for the owner.
    pub needs_owner: bool,
    /// False on a new database: after the owner, the first-run set-up.
    pub configured: bool,
    /// Idle minutes before the window locks (the shop's setting).
    pub auto_lock_minutes: u32,
    /// The idle time the window uses, in seconds: `auto_lock_minutes` × 60,
    /// unless a debug build was started with `TILLFLOW_AUTO_LOCK_SECS`.
    pub auto_lock_secs: u32,
}

#[cfg(test)]
mod tests {
    //! No command's result and no event's payload may carry a PIN or a
    //! hash: a field whose name has a `pin` or `hash` word (`pin`,
    //! `pin_hash`, `hash`, `new_pin`) in any type reachable from them fails,
    //! unless it is a boolean (`has_pin` says whether one is set).

    use std::collections::{BTreeMap, BTreeSet};

    /// The declarations of a bindings file: type name → its text.
    fn declarations(ts: &str) -> BTreeMap<String, String> {
        let ts = strip_comments(ts);
        let mut out = BTreeMap::new();
        for chunk in ts.split("export ").skip(1) {
            let chunk = chunk.trim();
            let rest = chunk
                .strip_prefix("type ")
                .or_else(|| chunk.strip_prefix("interface "));
            let Some(rest) = rest else { continue };
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.insert(name, rest.to_string());
        }
        out
    }

    fn strip_comments(ts: &str) -> String {
        let mut out = String::new();
        let mut rest = ts;
        while let Some(at) = rest.find("/*") {
            out.push_str(&rest[..at]);
            rest = rest[at..]
                .find("*/")
                .map_or("", |end| &rest[at + end + 2..]);
        }
        out.push_str(rest);
        out.lines()
            .map(|l| l.split("//").next().unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn words(text: &str) -> Vec<&str> {
        text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
            .collect()
    }

    /// `(field, type)` pairs of a declaration's body, nested objects too.
    fn fields(decl: &str) -> Vec<(String, String)> {
        let body = match (decl.find('='), decl.find('{')) {
            (Some(eq), Some(brace)) if eq < brace => &decl[eq + 1..],
            (Some(eq), None) => &decl[eq + 1..],
            (_, Some(brace)) => &decl[brace..],
            _ => decl,
        };
        let mut out = Vec::new();
        for part in body.split([',', ';', '{', '}', '\n']) {
            let Some((name, ty)) = part.split_once(':') else {
                continue;
            };
            let name = name.trim().trim_end_matches('?').trim_matches('"');
            if !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                out.push((name.to_string(), ty.trim().to_string()));
            }
        }
        out
    }

    fn secret(field: &str, ty: &str) -> bool {
        let named = field.to_lowercase().split('_').any(|w| {
            matches!(
                w,
                "pin" | "pins" | "hash" | "hashes" | "pinhash" | "passcode"
            )
        });
        // `has_pin: boolean` and the shop's `pin_length` say nothing of a PIN.
        named && ty != "boolean" && !field.ends_with("_length")
    }

    /// Every field that could carry a PIN or hash in what `ts` lets a
    /// command return or an event send: `Type.field` each.
    fn leaks(ts: &str) -> Vec<String> {
        let decls = declarations(ts);
        let commands = decls.get("Commands").cloned().unwrap_or_default();
        let mut todo: Vec<String> = commands
            .split("result:")
            .skip(1)
            .flat_map(|r| words(r.split('}').next().unwrap_or("")))
            .map(String::from)
            .collect();
        // The error and the events' payloads reach the window too.
        todo.extend(["CommandError", "Changed", "PrintReport"].map(String::from));
        let mut seen = BTreeSet::new();
        let mut found = Vec::new();
        while let Some(name) = todo.pop() {
            let Some(decl) = decls.get(&name) else {
                continue;
            };
            if !seen.insert(name.clone()) {
                continue;
            }
            for (field, ty) in fields(decl) {
                if secret(&field, &ty) {
                    found.push(format!("{name}.{field}"));
                }
            }
            let body = decl.split_once('=').map_or(decl.as_str(), |(_, b)| b);
            todo.extend(
                words(body)
                    .into_iter()
                    .filter(|w| decls.contains_key(*w))
                    .map(String::from),
            );
        }
        found.sort();
        found
    }

    #[test]
    fn no_response_type_carries_a_pin_or_a_hash() {
        let ts = crate::bindings::render();
        // The walk reaches the staff types at all.
        assert!(
            ts.contains("has_pin: boolean"),
            "StaffMember is in the bindings"
        );
        assert_eq!(leaks(&ts), Vec::<String>::new());
    }

    #[test]
    fn the_walk_finds_a_pin_or_hash_however_deep() {
        let ts = "export type Leaky = { member: Inner, ok: boolean };\n\n\
                  export type Inner = { name: string, \n/**\n * secret\n */\npin_hash: string | null, has_pin: boolean };\n\n\
                  export type Shipping = { shipping: string, pin: number };\n\n\
                  export type Event = { hash: string };\n\n\
                  export interface Commands {\n\tstaff_get: { args: { pin: string }; result: Array<Leaky> };\n\
                  \tship: { args: Record<string, never>; result: Shipping };\n}\n";
        assert_eq!(leaks(ts), ["Inner.pin_hash", "Shipping.pin"]);
        // What the real bindings would say with the hash in StaffMember.
        let real = crate::bindings::render()
            .replace("has_pin: boolean", "has_pin: boolean, pin_hash: string");
        assert_eq!(leaks(&real), ["StaffMember.pin_hash"]);
    }
}
