//! The operating system's printers.
//!
//! * **Linux and macOS (CUPS)**: `lpstat -e` / `lpstat -d` list printers and the
//!   default; `lp -d PRINTER -n COPIES -t TITLE -` prints a PDF read from
//!   standard input (CUPS converts it for the printer); `lp -o raw` passes
//!   ESC/POS bytes through untouched.
//! * **Windows**: printers are listed with PowerShell (`Win32_Printer`). A PDF is
//!   written to the temp directory and printed either with a silent PDF
//!   printing program configured on the till in `TILLFLOW_WINDOWS_PDF_COMMAND`
//!   (SumatraPDF syntax: `-print-to PRINTER -silent FILE`) or, without one,
//!   through the shell's `PrintTo` verb of the default PDF application.
//!   Raw bytes for a receipt printer are written to its share,
//!   `\\localhost\PRINTER` (share the printer under that name), or sent to a
//!   network / device [`super::ThermalTarget`] instead.
//!
//! Both paths are plain functions of the platform, compiled everywhere, so the
//! Windows command lines are unit-tested on Linux too.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::command::CommandLine;
use super::{spool_dir, Media, PrintError, PrintSettings};

/// Which printing system this build talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    /// CUPS (`lp`, `lpstat`): Linux, macOS and other Unixes.
    Cups,
    /// The Windows print spooler.
    Windows,
}

impl Platform {
    pub fn current() -> Platform {
        if cfg!(windows) {
            Platform::Windows
        } else {
            Platform::Cups
        }
    }
}

/// A printer known to the system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Printer {
    pub name: String,
    pub is_default: bool,
}

fn timeout(settings: &PrintSettings) -> Duration {
    Duration::from_secs(settings.timeout_secs.max(1))
}

/// The system's printers, the default one marked.
pub fn list_printers(settings: &PrintSettings) -> Result<Vec<Printer>, PrintError> {
    let limit = timeout(settings);
    match Platform::current() {
        Platform::Cups => {
            let names = match CommandLine::new("lpstat", &["-e"]).run(None, limit) {
                Ok(out) => out
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(String::from)
                    .collect(),
                Err(PrintError::CommandMissing { program, message }) => {
                    return Err(PrintError::CommandMissing { program, message })
                }
                // Older CUPS has no -e: fall back on the printer status lines.
                Err(_) => {
                    parse_lpstat_printers(&CommandLine::new("lpstat", &["-p"]).run(None, limit)?)
                }
            };
            // "no system default destination" exits non-zero on some versions.
            let default = CommandLine::new("lpstat", &["-d"])
                .run(None, limit)
                .ok()
                .and_then(|out| parse_lpstat_default(&out));
            Ok(names
                .into_iter()
                .map(|name| Printer {
                    is_default: default.as_deref() == Some(name.as_str()),
                    name,
                })
                .collect())
        }
        Platform::Windows => {
            let out = windows_list_command().run(None, limit)?;
            Ok(parse_windows_printers(&out))
        }
    }
}

/// Printer names from `lpstat -p` ("printer NAME is idle.  enabled since …").
pub fn parse_lpstat_printers(output: &str) -> Vec<String> {
    output
        .lines()
        .filter_map(|line| line.strip_prefix("printer "))
        .filter_map(|rest| rest.split_whitespace().next())
        .map(String::from)
        .collect()
}

/// The default printer from `lpstat -d` ("system default destination: NAME").
pub fn parse_lpstat_default(output: &str) -> Option<String> {
    output
        .lines()
        .find_map(|line| line.split_once("system default destination:"))
        .map(|(_, name)| name.trim().to_string())
        .filter(|name| !name.is_empty())
}

fn windows_list_command() -> CommandLine {
    CommandLine::new(
        "powershell",
        &[
            "-NoProfile",
            "-NonInteractive",
            "-Command",
            "Get-CimInstance Win32_Printer | ForEach-Object { \"$($_.Name)`t$($_.Default)\" }",
        ],
    )
}

fn parse_windows_printers(output: &str) -> Vec<Printer> {
    output
        .lines()
        .filter_map(|line| {
            let (name, default) = line.trim_end().rsplit_once('\t')?;
            Some(Printer {
                name: name.to_string(),
                is_default: default.eq_ignore_ascii_case("true"),
            })
        })
        .collect()
}

/// Print a PDF on `printer` (`None` = the system default). Returns the
/// spooler's job reference (e.g. "TestPDF-12").
pub fn print_pdf(
    pdf: &[u8],
    printer: Option<&str>,
    title: &str,
    media: Option<Media>,
    settings: &PrintSettings,
) -> Result<String, PrintError> {
    match Platform::current() {
        Platform::Cups => {
            let out = lp_command(printer, settings.copies, title, media, None)
                .run(Some(pdf), timeout(settings))?;
            Ok(parse_lp_job(&out))
        }
        Platform::Windows => {
            // The Windows PDF handler reads the file after we return: it stays in %TEMP%.
            let path = spool_file("pdf");
            std::fs::write(&path, pdf).map_err(|e| PrintError::Io {
                path: path.display().to_string(),
                message: e.to_string(),
            })?;
            print_pdf_file(&path, printer, title, settings)
        }
    }
}

/// Print a PDF file already on disk.
pub fn print_pdf_file(
    path: &Path,
    printer: Option<&str>,
    title: &str,
    settings: &PrintSettings,
) -> Result<String, PrintError> {
    let file = path.display().to_string();
    match Platform::current() {
        Platform::Cups => {
            let out = lp_command(printer, settings.copies, title, None, Some(&file))
                .run(None, timeout(settings))?;
            Ok(parse_lp_job(&out))
        }
        Platform::Windows => {
            let command = windows_print_command(&file, printer, windows_pdf_command().as_deref());
            for _ in 0..settings.copies.max(1) {
                command.run(None, timeout(settings))?;
            }
            Ok(file)
        }
    }
}

/// Send raw bytes (ESC/POS) to a system queue without any conversion.
pub fn print_raw_to_queue(
    bytes: &[u8],
    queue: &str,
    settings: &PrintSettings,
) -> Result<String, PrintError> {
    match Platform::current() {
        Platform::Cups => {
            let command = CommandLine::new("lp", &["-d", queue, "-o", "raw", "-t", "receipt", "-"]);
            Ok(parse_lp_job(&command.run(Some(bytes), timeout(settings))?))
        }
        Platform::Windows => {
            let share = format!(r"\\localhost\{queue}");
            std::fs::write(&share, bytes).map_err(|e| PrintError::Device {
                target: share.clone(),
                message: e.to_string(),
            })?;
            Ok(share)
        }
    }
}

/// `lp [-d PRINTER] -n COPIES -t TITLE [-o media=Custom.WxHmm] (FILE | -)`.
fn lp_command(
    printer: Option<&str>,
    copies: u32,
    title: &str,
    media: Option<Media>,
    file: Option<&str>,
) -> CommandLine {
    let mut command = CommandLine::new("lp", &[]);
    if let Some(name) = printer {
        command = command.arg("-d").arg(name);
    }
    if let Some(media) = media {
        command = command
            .arg("-o")
            .arg(format!("media={}", media.cups_media()));
    }
    command
        .arg("-n")
        .arg(copies.max(1).to_string())
        .arg("-t")
        .arg(title)
        .arg(file.unwrap_or("-"))
}

/// The job id from lp's "request id is QUEUE-12 (1 file(s))".
fn parse_lp_job(output: &str) -> String {
    output
        .split_once("request id is ")
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .unwrap_or_else(|| output.trim())
        .to_string()
}

/// The silent PDF printing program chosen on this till, if any.
fn windows_pdf_command() -> Option<String> {
    std::env::var("TILLFLOW_WINDOWS_PDF_COMMAND")
        .ok()
        .filter(|p| !p.trim().is_empty())
}

fn windows_print_command(file: &str, printer: Option<&str>, program: Option<&str>) -> CommandLine {
    match program {
        Some(program) => {
            let command = CommandLine::new(program, &[]);
            let command = match printer {
                Some(name) => command.arg("-print-to").arg(name),
                None => command.arg("-print-to-default"),
            };
            command.arg("-silent").arg(file)
        }
        None => {
            let quote = |s: &str| format!("'{}'", s.replace('\'', "''"));
            let script = match printer {
                Some(name) => format!(
                    "Start-Process -FilePath {} -Verb PrintTo -ArgumentList {} -WindowStyle Hidden",
                    quote(file),
                    quote(&format!("\"{name}\""))
                ),
                None => format!(
                    "Start-Process -FilePath {} -Verb Print -WindowStyle Hidden",
                    quote(file)
                ),
            };
            CommandLine::new("powershell", &["-NoProfile", "-NonInteractive", "-Command"])
                .arg(script)
        }
    }
}

/// A fresh file name in the spool directory.
fn spool_file(extension: &str) -> std::path::PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    spool_dir().join(format!(
        "tillflow-print-{}-{n}.{extension}",
        std::process::id()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lpstat() {
        let p = "printer TestPDF is idle.  enabled since Wed 25 Nov\nprinter Kitchen disabled since x -\n\treason\n";
        assert_eq!(parse_lpstat_printers(p), vec!["TestPDF", "Kitchen"]);
        assert_eq!(
            parse_lpstat_default("system default destination: TestPDF\n"),
            Some("TestPDF".to_string())
        );
        assert_eq!(
            parse_lpstat_default("no system default destination\n"),
            None
        );
        assert_eq!(
            parse_lp_job("request id is TestPDF-7 (1 file(s))\n"),
            "TestPDF-7"
        );
    }

    #[test]
    fn builds_lp_command() {
        let c = lp_command(Some("Front desk"), 2, "Invoice TF-1", None, None);
        assert_eq!(c.program, "lp");
        assert_eq!(
            c.args,
            ["-d", "Front desk", "-n", "2", "-t", "Invoice TF-1", "-"]
        );
        let c = lp_command(None, 0, "x", None, Some("/tmp/a.pdf"));
        assert_eq!(c.args, ["-n", "1", "-t", "x", "/tmp/a.pdf"]);
        let receipt = Media::from_mm(80.0, 151.26);
        let c = lp_command(Some("Till"), 1, "Receipt TF-2", Some(receipt), None);
        assert_eq!(
            c.args,
            [
                "-d",
                "Till",
                "-o",
                "media=Custom.80x151.3mm",
                "-n",
                "1",
                "-t",
                "Receipt TF-2",
                "-"
            ]
        );
    }

    #[test]
    fn builds_windows_commands() {
        let c = windows_print_command(r"C:\Temp\a.pdf", Some("HP O'Neil"), None);
        assert_eq!(c.program, "powershell");
        assert_eq!(
            c.args.last().map(String::as_str),
            Some(
                r#"Start-Process -FilePath 'C:\Temp\a.pdf' -Verb PrintTo -ArgumentList '"HP O''Neil"' -WindowStyle Hidden"#
            )
        );
        let c = windows_print_command("a.pdf", Some("HP"), Some("SumatraPDF.exe"));
        assert_eq!(c.args, ["-print-to", "HP", "-silent", "a.pdf"]);
        let printers =
            parse_windows_printers("Microsoft Print to PDF\tFalse\r\nHP LaserJet\tTrue\r\n");
        assert_eq!(printers.len(), 2);
        assert!(printers[1].is_default && printers[1].name == "HP LaserJet");
    }
}
