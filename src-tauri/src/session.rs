//! Who is signed in at this window. The shell holds the resolved identity
//! (an [`Actor`] the core made from a name and PIN): no command takes an
//! actor from the webview, so script in the window cannot act as someone
//! else. A manager's approval is held for the next write only.

use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};
use tillflow::staff::{Actor, Permission};

use crate::error::CommandError;

/// How long an approval waits for the action it was given for.
const APPROVAL_SECS: i64 = 120;

struct Approval {
    actor: Actor,
    permission: Permission,
    until: DateTime<Utc>,
}

#[derive(Default)]
struct State {
    signed_in: Option<Actor>,
    approval: Option<Approval>,
}

/// Managed state: the signed-in person, if any, and a pending approval.
#[derive(Default)]
pub struct Session {
    state: Mutex<State>,
}

fn locked() -> CommandError {
    CommandError::new("unauthenticated", "The till is locked: sign in first")
}

impl Session {
    fn with<T>(&self, f: impl FnOnce(&mut State) -> T) -> T {
        // A poisoned lock only means a panic elsewhere; the state is plain data.
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut state)
    }

    /// `actor` signed in (after the core checked their PIN).
    pub fn sign_in(&self, actor: Actor) {
        self.with(|s| {
            s.signed_in = Some(actor);
            s.approval = None;
        });
    }

    /// Locks the till: nobody is signed in, a pending approval is dropped.
    pub fn lock(&self) {
        self.with(|s| *s = State::default());
    }

    /// The signed-in person, if any.
    pub fn current(&self) -> Option<Actor> {
        self.with(|s| s.signed_in.clone())
    }

    /// The signed-in person, for reads: `unauthenticated` while locked.
    pub fn viewer(&self) -> Result<Actor, CommandError> {
        self.current().ok_or_else(locked)
    }

    /// Who acts in a write: the signed-in person, with a pending approval
    /// (given in the last two minutes) used up by this action.
    pub fn actor(&self, now: DateTime<Utc>) -> Result<Actor, CommandError> {
        self.with(|s| {
            let actor = s.signed_in.clone().ok_or_else(locked)?;
            match s.approval.take() {
                Some(a) if a.until > now => Ok(a.actor),
                _ => Ok(actor),
            }
        })
    }

    /// Holds `approved` (the signed-in person approved by a manager for
    /// `permission`) for the next write.
    pub fn hold_approval(&self, approved: Actor, permission: Permission, now: DateTime<Utc>) {
        self.with(|s| {
            s.approval = Some(Approval {
                actor: approved,
                permission,
                until: now + Duration::seconds(APPROVAL_SECS),
            })
        });
    }

    /// The permission a pending approval was given for, if any.
    pub fn pending_approval(&self, now: DateTime<Utc>) -> Option<Permission> {
        self.with(|s| {
            s.approval
                .as_ref()
                .filter(|a| a.until > now)
                .map(|a| a.permission)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_approval_serves_one_write_and_locking_forgets_everyone() {
        let session = Session::default();
        let now = Utc::now();
        assert_eq!(
            session.actor(now).expect_err("locked").code,
            "unauthenticated"
        );
        let sam = Actor::staff(2, "Sam", "cashier").expect("cashier");
        let lee = Actor::staff(1, "Lee", "manager").expect("manager");
        session.sign_in(sam.clone());
        session.hold_approval(
            sam.approved(lee, Permission::CancelOrders),
            Permission::CancelOrders,
            now,
        );
        assert_eq!(
            session.pending_approval(now),
            Some(Permission::CancelOrders)
        );
        let once = session.actor(now).expect("approved");
        assert_eq!(once.audit_name(), "Sam (approved by Lee)");
        assert_eq!(session.actor(now).expect("signed in").audit_name(), "Sam");
        session.hold_approval(
            sam.approved(
                Actor::staff(1, "Lee", "manager").expect("m"),
                Permission::CancelOrders,
            ),
            Permission::CancelOrders,
            now,
        );
        let later = now + Duration::seconds(APPROVAL_SECS + 1);
        assert_eq!(session.actor(later).expect("expired").audit_name(), "Sam");
        session.lock();
        assert!(session.viewer().is_err());
    }
}
