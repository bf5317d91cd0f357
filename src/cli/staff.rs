//! `tillflow staff …` and `tillflow roles`: people, PINs, locks and roles.
//! A PIN is read from standard input (one line), never from an argument.
//! With `--as NAME` a command acts as that staff member (PIN from
//! `TILLFLOW_PIN`, else the first line of standard input); without it, as
//! the built-in `cli` with owner rights.

use std::io::BufRead;

use chrono::{DateTime, Utc};
use clap::Subcommand;
use serde_json::json;
use tillflow::staff::{Actor, Permission};
use tillflow::{Error, Result, Till};

use super::output::Out;

#[derive(Subcommand, Debug)]
pub enum StaffCmd {
    /// Add a staff member; their PIN is read from standard input.
    Add {
        name: String,
        /// cashier, manager, owner or one of the shop's own roles.
        #[arg(long)]
        role: String,
    },
    /// Everyone, with their role and whether they are locked.
    List,
    /// Set a PIN (read from standard input).
    SetPin { name: String },
    /// Give a staff member another role.
    Role { name: String, role: String },
    /// Stop someone signing in (their history stays).
    Disable { name: String },
    /// Let a disabled staff member sign in again.
    Enable { name: String },
    /// End a lock after too many wrong PINs.
    Unlock { name: String },
}

/// One line of standard input, without its line break.
fn read_line(what: &str) -> Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| Error::Io(format!("{what}: {e}")))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

/// The PIN of a new or changed PIN, from standard input.
fn new_pin() -> Result<String> {
    let pin = read_line("PIN on standard input")?;
    if pin.is_empty() {
        return Err(Error::invalid(
            "pin",
            "give the PIN on standard input (e.g. `printf '482913\\n' | tillflow staff add …`)",
        ));
    }
    Ok(pin)
}

/// Who acts: `--as NAME` signed in with `TILLFLOW_PIN` (or a line of
/// standard input), else the built-in `cli` with owner rights.
pub async fn acting(till: &Till, name: Option<&str>, now: DateTime<Utc>) -> Result<Actor> {
    let Some(name) = name else {
        return Ok(Actor::cli());
    };
    let pin = match std::env::var("TILLFLOW_PIN") {
        Ok(pin) => pin,
        Err(_) => read_line("PIN for --as")?,
    };
    till.sign_in(name, &pin, now).await
}

pub async fn staff(
    till: &Till,
    cmd: StaffCmd,
    actor: &Actor,
    out: &Out,
    now: DateTime<Utc>,
) -> Result<()> {
    match cmd {
        StaffCmd::Add { name, role } => {
            let pin = new_pin()?;
            let m = till.add_staff(actor, &name, &role, &pin, now).await?;
            out.message(&m, &format!("Added {} ({})", m.name, m.role));
        }
        StaffCmd::List => {
            let list = till.staff_list(now).await?;
            if out.json {
                out.message(&list, "");
            } else {
                for m in &list {
                    let mut notes = Vec::new();
                    if !m.active {
                        notes.push("disabled".to_string());
                    }
                    if !m.has_pin {
                        notes.push("no PIN yet".to_string());
                    }
                    if let Some(until) = &m.locked_until {
                        notes.push(format!("locked until {until}"));
                    }
                    println!("{:<24} {:<8} {}", m.name, m.role, notes.join(", "));
                }
            }
        }
        StaffCmd::SetPin { name } => {
            let pin = new_pin()?;
            till.set_staff_pin(actor, &name, &pin, now).await?;
            out.message(
                &json!({"name": name, "pin_set": true}),
                &format!("PIN of {name} set"),
            );
        }
        StaffCmd::Role { name, role } => {
            till.set_staff_role(actor, &name, &role, now).await?;
            out.message(
                &json!({"name": name, "role": role}),
                &format!("{name} is now {role}"),
            );
        }
        StaffCmd::Disable { name } => {
            till.set_staff_active(actor, &name, false, now).await?;
            out.message(
                &json!({"name": name, "active": false}),
                &format!("{name} disabled"),
            );
        }
        StaffCmd::Enable { name } => {
            till.set_staff_active(actor, &name, true, now).await?;
            out.message(
                &json!({"name": name, "active": true}),
                &format!("{name} enabled"),
            );
        }
        StaffCmd::Unlock { name } => {
            till.unlock_staff(actor, &name, now).await?;
            out.message(
                &json!({"name": name, "unlocked": true}),
                &format!("{name} unlocked"),
            );
        }
    }
    Ok(())
}

/// The shop's roles (built-in, then its own) and their permissions.
pub fn roles(till: &Till, out: &Out) {
    let roles = till.roles();
    if out.json {
        let list: Vec<_> = roles
            .iter()
            .map(|r| {
                json!({"role": r.key, "name": r.name, "builtin": r.builtin,
                       "permissions": r.permissions})
            })
            .collect();
        return out.message(&list, "");
    }
    print!("{:<36}", "");
    for r in &roles {
        print!(" {:>9}", r.key);
    }
    println!();
    for p in Permission::ALL {
        print!("{:<36}", p.label());
        for r in &roles {
            let may = r.permissions.iter().any(|k| k == p.key());
            print!(" {:>9}", if may { "yes" } else { "-" });
        }
        println!();
    }
}
