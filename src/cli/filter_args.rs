//! The order filter flags shared by `orders list`, `orders search` and
//! `export csv`.

use chrono::NaiveDate;
use tillflow::fulfillment::FulfillmentState;
use tillflow::money::Currency;
use tillflow::orders::{OrderFilter, OrderSort};
use tillflow::{Error, Result};

#[derive(clap::Args, Debug, Default, Clone)]
pub struct FilterArgs {
    /// Exact order number.
    #[arg(long)]
    number: Option<String>,
    /// Customer name (each word a prefix of a word of the name).
    #[arg(long)]
    customer: Option<String>,
    /// Customer phone prefix (digits; spaces and + ignored).
    #[arg(long)]
    phone: Option<String>,
    /// Customer e-mail prefix.
    #[arg(long)]
    email: Option<String>,
    #[arg(long)]
    status: Option<String>,
    #[arg(long)]
    stage: Option<String>,
    #[arg(long = "type")]
    order_type: Option<String>,
    /// Only orders taking stock from this site (key).
    #[arg(long)]
    site: Option<String>,
    /// Only orders in this fulfillment state (open, ready_to_ship,
    /// partially_shipped, partially_closed, closed, canceled, returned,
    /// failed, abandoned).
    #[arg(long)]
    fulfillment: Option<String>,
    /// Created on or after this day (YYYY-MM-DD, UTC).
    #[arg(long)]
    from: Option<String>,
    /// Created on or before this day (YYYY-MM-DD, UTC).
    #[arg(long)]
    to: Option<String>,
    /// Only orders with a balance to pay.
    #[arg(long)]
    balance_due: bool,
    /// Only orders with at least this balance (e.g. 12.50).
    #[arg(long)]
    min_balance: Option<String>,
    /// Words in notes and wizard answers, or a number, name, phone, e-mail.
    #[arg(long)]
    text: Option<String>,
    /// Only orders still in progress.
    #[arg(long)]
    open: bool,
    /// newest, oldest, due or balance.
    #[arg(long, default_value = "newest")]
    sort: String,
}

fn day(text: Option<String>, field: &str) -> Result<Option<NaiveDate>> {
    text.map(|t| {
        NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d")
            .map_err(|_| Error::invalid(field, format!("'{t}' is not a date (YYYY-MM-DD)")))
    })
    .transpose()
}

impl FilterArgs {
    /// The filter these flags describe; amounts in `currency`.
    pub fn filter(self, currency: &Currency) -> Result<OrderFilter> {
        Ok(OrderFilter {
            number: self.number,
            customer: self.customer,
            phone: self.phone,
            email: self.email,
            status: self.status,
            stage: self.stage,
            order_type: self.order_type,
            site: self.site,
            fulfillment_state: self
                .fulfillment
                .map(|f| {
                    FulfillmentState::parse(&f).ok_or_else(|| {
                        Error::invalid("fulfillment", format!("'{f}' is not a fulfillment state"))
                    })
                })
                .transpose()?,
            created_from: day(self.from, "from")?,
            created_to: day(self.to, "to")?,
            balance_due: self.balance_due,
            min_balance: self
                .min_balance
                .map(|m| currency.parse(&m, "min-balance"))
                .transpose()?,
            text: self.text,
            open_only: self.open,
            sort: OrderSort::parse(&self.sort)?,
            limit: None,
            after: None,
            ..OrderFilter::default()
        })
    }
}
