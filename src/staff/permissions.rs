//! What a staff member may do: one permission per kind of action, and the
//! built-in roles' permission matrix (docs/staff.md prints it).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};

macro_rules! permissions {
    ($( $variant:ident = $key:literal, $label:literal; )*) => {
        /// One kind of action a role may or may not take.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Permission {
            $( #[doc = $label] $variant, )*
        }

        impl Permission {
            pub const ALL: &'static [Permission] = &[ $( Permission::$variant, )* ];

            /// The stable key (settings files, errors, IPC).
            pub fn key(self) -> &'static str {
                match self { $( Permission::$variant => $key, )* }
            }

            /// What the staff page and a refusal call it.
            pub fn label(self) -> &'static str {
                match self { $( Permission::$variant => $label, )* }
            }
        }
    };
}

permissions! {
    TakeOrders = "orders.take", "Take orders";
    TakePayments = "payments.take", "Take payments";
    FireTriggers = "orders.fire_trigger", "Fire worker triggers";
    MoveOrders = "orders.move", "Move an order by hand";
    CancelOrders = "orders.cancel", "Cancel an order";
    Refunds = "returns.refund", "Returns and refunds";
    Discounts = "orders.discount", "Give a discount";
    EditCustomers = "customers.edit", "Add and edit customers";
    MergeCustomers = "customers.merge", "Merge customers";
    EditSettings = "settings.edit", "Edit settings";
    Import = "data.import", "Import settings or CSV";
    Export = "data.export", "Export CSV (customer data)";
    ManageStock = "stock.manage", "Receive, adjust and transfer stock";
    Shipments = "shipments.manage", "Shipments";
    Print = "documents.print", "Print and reprint";
    Backups = "backups.manage", "Back up and restore";
    UnlockStaff = "staff.unlock", "Unlock a locked staff member";
    ManageStaff = "staff.manage", "Manage staff";
    ViewReports = "reports.view", "View the dashboard and reports";
    OverrideGuards = "orders.override_guard", "Move an order past a step's guard";
    OpenTill = "till.open", "Open the till with a float";
    ManageCash = "cash.manage", "Pay-ins, pay-outs, safe drops and no-sale openings";
    CloseTill = "till.close", "Close the till (count the drawer, Z report)";
    EditOrders = "orders.edit", "Edit an order (lines, customer, due date)";
}

impl Permission {
    pub fn parse(key: &str) -> Result<Permission> {
        Permission::ALL
            .iter()
            .copied()
            .find(|p| p.key() == key)
            .ok_or_else(|| Error::invalid("permission", format!("unknown permission '{key}'")))
    }
}

impl Serialize for Permission {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

impl<'de> Deserialize<'de> for Permission {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let key = String::deserialize(d)?;
        Permission::parse(&key).map_err(serde::de::Error::custom)
    }
}

/// The built-in roles.
pub const CASHIER: &str = "cashier";
pub const MANAGER: &str = "manager";
pub const OWNER: &str = "owner";
pub const BUILTIN_ROLES: [&str; 3] = [CASHIER, MANAGER, OWNER];

/// What a cashier may do: serve customers.
const CASHIER_MAY: &[Permission] = &[
    Permission::TakeOrders,
    Permission::TakePayments,
    Permission::FireTriggers,
    Permission::EditCustomers,
    Permission::Shipments,
    Permission::Print,
    Permission::ViewReports,
    Permission::OpenTill,
];

/// What a manager may do besides: correct, refund, stock, export, unlock.
const MANAGER_MAY: &[Permission] = &[
    Permission::MoveOrders,
    Permission::CancelOrders,
    Permission::Refunds,
    Permission::Discounts,
    Permission::EditOrders,
    Permission::MergeCustomers,
    Permission::Export,
    Permission::ManageStock,
    Permission::UnlockStaff,
    Permission::ManageCash,
    Permission::CloseTill,
];

/// The permissions of a built-in role; `None` for another name.
pub fn builtin_permissions(role: &str) -> Option<Vec<Permission>> {
    let mut list: Vec<Permission> = match role {
        CASHIER => CASHIER_MAY.to_vec(),
        MANAGER => CASHIER_MAY.iter().chain(MANAGER_MAY).copied().collect(),
        OWNER => Permission::ALL.to_vec(),
        _ => return None,
    };
    list.sort();
    Some(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_parse_back() {
        let mut keys: Vec<&str> = Permission::ALL.iter().map(|p| p.key()).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), Permission::ALL.len());
        for p in Permission::ALL {
            assert_eq!(Permission::parse(p.key()).ok(), Some(*p));
        }
        assert!(Permission::parse("orders.everything").is_err());
    }

    #[test]
    fn each_role_holds_the_one_below() {
        let cashier = builtin_permissions(CASHIER).unwrap_or_default();
        let manager = builtin_permissions(MANAGER).unwrap_or_default();
        let owner = builtin_permissions(OWNER).unwrap_or_default();
        assert!(cashier.iter().all(|p| manager.contains(p)));
        assert!(manager.iter().all(|p| owner.contains(p)));
        assert!(!cashier.contains(&Permission::CancelOrders));
        assert!(!manager.contains(&Permission::ManageStaff));
        assert_eq!(owner.len(), Permission::ALL.len());
        assert_eq!(builtin_permissions("baker"), None);
    }
}
