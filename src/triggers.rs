//! The catalogue of trigger events. A workflow step names one of these as its
//! *auto-progress trigger*: when the event happens while an order sits in that
//! step, the order moves to the next step.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Who raises a trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "TriggerSource"))]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A worker presses a button for it.
    Worker,
    /// The system raises it when the thing happens (a payment, a print, a shipment).
    System,
}

macro_rules! triggers {
    ($( $variant:ident = $key:literal, $label:literal, $source:ident, $state:literal, $doc:literal; )*) => {
        /// A trigger event. Keys are stable: they are stored and written in settings files.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum Trigger {
            $( #[doc = $doc] #[serde(rename = $key)] $variant, )*
        }

        impl Trigger {
            pub const ALL: &'static [Trigger] = &[ $( Trigger::$variant, )* ];

            pub fn key(self) -> &'static str {
                match self { $( Trigger::$variant => $key, )* }
            }

            /// Button / timeline label.
            pub fn label(self) -> &'static str {
                match self { $( Trigger::$variant => $label, )* }
            }

            pub fn source(self) -> Source {
                match self { $( Trigger::$variant => Source::$source, )* }
            }

            /// Describes a state rather than a moment: an order entering a step
            /// with this trigger moves on at once if the state already holds.
            pub fn is_state(self) -> bool {
                match self { $( Trigger::$variant => $state, )* }
            }

            pub fn description(self) -> &'static str {
                match self { $( Trigger::$variant => $doc, )* }
            }
        }
    };
}

triggers! {
    OrderCreated = "order.created", "Order created", System, false, "The order was created at intake.";
    OrderUpdated = "order.updated", "Order updated", Worker, false, "The order's details were updated through the update wizard.";
    PaymentCaptured = "payment.captured", "Payment captured", System, false, "A payment (any amount) was recorded.";
    OrderPaidInFull = "order.paid_in_full", "Paid in full", System, true, "The balance is zero (state: moves on at once when already paid).";
    QuoteSent = "quote.sent", "Quote sent", Worker, false, "The quotation was sent to the customer.";
    QuoteApproved = "quote.approved", "Quote approved", Worker, false, "The customer approved the quotation.";
    ItemsTagged = "items.tagged", "Items tagged", Worker, false, "The items were tagged / labelled at intake.";
    WorkStarted = "work.started", "Work started", Worker, false, "Production work started.";
    WorkCompleted = "work.completed", "Work completed", Worker, false, "Production work finished.";
    OrderMarkedReady = "order.marked_ready", "Mark ready", Worker, false, "The order is ready for pickup or dispatch.";
    CustomerNotified = "customer.notified", "Customer notified", Worker, false, "The customer was told the order is ready.";
    OrderPickedUp = "order.picked_up", "Picked up", Worker, false, "The customer collected the order.";
    InvoicePrinted = "invoice.printed", "Invoice printed", System, false, "An invoice was printed.";
    PackingSlipPrinted = "packing_slip.printed", "Packing slip printed", System, false, "A packing slip was printed.";
    ReceiptPrinted = "receipt.printed", "Receipt printed", System, false, "A receipt was printed.";
    ShipmentCreated = "shipment.created", "Shipment created", System, false, "A shipment was created for the order.";
    ShipmentShipped = "shipment.shipped", "Shipped", System, false, "A shipment was handed to the carrier.";
    ShipmentDelivered = "shipment.delivered", "Delivered", System, false, "A shipment was delivered.";
    ReturnReceived = "return.received", "Return received", System, false, "Returned items were received.";
    ManualAdvance = "manual.advance", "Advance", Worker, false, "A worker advanced the order by hand.";
}

impl Trigger {
    pub fn parse(key: &str) -> Result<Trigger> {
        Trigger::ALL
            .iter()
            .copied()
            .find(|t| t.key() == key)
            .ok_or_else(|| Error::invalid("event", format!("unknown trigger event '{key}'")))
    }
}

impl std::fmt::Display for Trigger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}
