//! Order search with the one filter, and the CSV export of what it finds
//! (streamed to a file, progress sent over a channel).

use std::io::Write;
use std::path::{Path, PathBuf};

use tauri::ipc::Channel;
use tauri::State;

use tillflow::export::ExportProgress;
use tillflow::orders::{OrderFilter, OrderPage};

use crate::contract::search::ExportedFile;
use crate::error::{CommandError, CommandResult};
use crate::session::Session;
use crate::till::Shop;

fn count(n: impl TryInto<u32>) -> u32 {
    n.try_into().unwrap_or(u32::MAX)
}

/// One page of the orders matching `filter` (how many match in all is
/// `orders_count`: the page does not wait for the count).
#[tauri::command(rename_all = "snake_case")]
pub async fn orders_search(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    filter: OrderFilter,
) -> CommandResult<OrderPage> {
    session.viewer()?;
    let mut page = shop.till().await?.search_orders(&filter).await?;
    let tz = shop.till().await?.time_zone()?;
    shop.till()
        .await?
        .mark_overdue(&mut page.orders, chrono::Utc::now(), tz);
    Ok(page)
}

/// How many orders match `filter` in all.
#[tauri::command(rename_all = "snake_case")]
pub async fn orders_count(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    filter: OrderFilter,
) -> CommandResult<u32> {
    session.viewer()?;
    Ok(count(
        shop.till().await?.count_orders(&filter).await?.max(0),
    ))
}

/// The file an export writes: a plain file name (no folders) in the
/// documents folder, `.csv` added when missing.
pub fn export_path(dir: &Path, file_name: &str) -> CommandResult<PathBuf> {
    let name = file_name.trim();
    if name.is_empty()
        || name.starts_with('.')
        || name.contains(['/', '\\', ':'])
        || name.chars().any(char::is_control)
    {
        return Err(CommandError::invalid(
            "file_name",
            "Give a file name without folders, e.g. orders.csv",
        ));
    }
    let name = if name.to_ascii_lowercase().ends_with(".csv") {
        name.to_string()
    } else {
        format!("{name}.csv")
    };
    Ok(dir.join(name))
}

pub fn io_error(path: &Path, e: std::io::Error) -> CommandError {
    CommandError::new("io", format!("cannot write {}: {e}", path.display()))
}

/// Writes the orders matching `filter` (paging ignored) as CSV into the
/// documents folder, one row per order or per line, reporting progress on
/// `on_progress`. The file appears only when complete.
#[tauri::command(rename_all = "snake_case")]
pub async fn orders_export_csv(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    filter: OrderFilter,
    lines: bool,
    file_name: String,
    on_progress: Channel<ExportProgress>,
) -> CommandResult<ExportedFile> {
    let actor = session.actor(chrono::Utc::now())?;
    let dir = tillflow::till::default_documents_dir();
    let path = export_path(&dir, &file_name)?;
    std::fs::create_dir_all(&dir).map_err(|e| io_error(&dir, e))?;
    let part = path.with_extension("csv.part");
    let file = std::fs::File::create(&part).map_err(|e| io_error(&part, e))?;
    let mut out = std::io::BufWriter::new(file);
    let result = shop
        .till()
        .await?
        .export_orders_csv(&actor, &filter, lines, &mut out, |p| {
            // A closed window only stops the progress bar, not the export.
            let _ = on_progress.send(p);
        })
        .await;
    let finished = result.map_err(CommandError::from).and_then(|summary| {
        out.flush().map_err(|e| io_error(&part, e))?;
        std::fs::rename(&part, &path).map_err(|e| io_error(&path, e))?;
        Ok(summary)
    });
    match finished {
        Ok(summary) => Ok(ExportedFile {
            path: path.display().to_string(),
            orders: count(summary.orders),
            rows: count(summary.rows),
        }),
        Err(e) => {
            let _ = std::fs::remove_file(&part);
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_names_stay_in_the_folder_and_end_in_csv() {
        let dir = Path::new("/docs");
        let ok = |n: &str| export_path(dir, n).expect(n);
        assert_eq!(ok("orders"), dir.join("orders.csv"));
        assert_eq!(ok(" June.CSV "), dir.join("June.CSV"));
        for bad in ["", "  ", "../x.csv", "a/b.csv", "a\\b", ".hidden", "c:x"] {
            assert_eq!(export_path(dir, bad).unwrap_err().code, "invalid", "{bad}");
        }
    }
}
