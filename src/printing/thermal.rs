//! Thermal (ESC/POS) printers: raw bytes to a network printer (TCP 9100), a
//! device path (`/dev/usb/lp0`, `/dev/ttyUSB0`, `\\.\COM3`) or a raw system
//! queue, and the cash-drawer kick.

use std::io::Write;
use std::net::{TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{print_raw_to_queue, PrintError, PrintSettings};
use crate::documents::DRAWER_KICK;

/// The port of raw ("JetDirect") printing.
pub const DEFAULT_RAW_PORT: u16 = 9100;

/// How to reach a thermal printer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ThermalTarget {
    /// A network printer: `host:port`, usually port 9100.
    Network { host: String, port: u16 },
    /// A device file the printer is attached to.
    Device(#[cfg_attr(feature = "ts", ts(type = "string"))] PathBuf),
    /// A system print queue fed with raw bytes (`lp -o raw`).
    Queue(String),
}

impl std::fmt::Display for ThermalTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ThermalTarget::Network { host, port } => write!(f, "{host}:{port}"),
            ThermalTarget::Device(path) => write!(f, "{}", path.display()),
            ThermalTarget::Queue(name) => write!(f, "queue {name}"),
        }
    }
}

/// The ports of raw printing a network printer may use: 9100–9102, and on
/// this machine also those listed in `TILLFLOW_RAW_PRINT_PORTS` (e.g.
/// `"515,6101"`), which the owner sets on the till itself: a settings file
/// can never open other ports.
pub fn allowed_ports() -> Vec<u16> {
    let mut ports = vec![9100, 9101, 9102];
    if let Ok(extra) = std::env::var("TILLFLOW_RAW_PRINT_PORTS") {
        ports.extend(
            extra
                .split(',')
                .filter_map(|p| p.trim().parse::<u16>().ok()),
        );
    }
    ports
}

/// Whether `path` is where a printer device can be: `/dev/usb/lp*`,
/// `/dev/ttyUSB*`, `/dev/ttyS*`, `/dev/ttyACM*`, or `COMn` / `LPTn`
/// (optionally `\\.\COMn`). Never an ordinary file.
pub fn is_printer_device(path: &std::path::Path) -> bool {
    let Some(text) = path.to_str() else {
        return false;
    };
    let numbered = |rest: &str| !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit());
    let unix = ["/dev/usb/lp", "/dev/ttyUSB", "/dev/ttyS", "/dev/ttyACM"];
    if unix
        .iter()
        .any(|p| text.strip_prefix(p).is_some_and(numbered))
    {
        return true;
    }
    let windows = text
        .strip_prefix(r"\\.\")
        .unwrap_or(text)
        .to_ascii_uppercase();
    ["COM", "LPT"]
        .iter()
        .any(|p| windows.strip_prefix(p).is_some_and(numbered))
}

impl ThermalTarget {
    /// Refuses a target a settings file must not name: a path that is not a
    /// printer device, or a port outside [`allowed_ports`].
    pub fn check_allowed(&self) -> Result<(), String> {
        match self {
            ThermalTarget::Network { port, .. } if !allowed_ports().contains(port) => Err(format!(
                "port {port} is not a raw printing port (9100–9102; other ports are enabled on the till itself with TILLFLOW_RAW_PRINT_PORTS)"
            )),
            ThermalTarget::Device(path) if !is_printer_device(path) => Err(format!(
                "{} is not a printer device (/dev/usb/lpN, /dev/ttyUSBN, /dev/ttySN, /dev/ttyACMN, COMn, LPTn)",
                path.display()
            )),
            _ => Ok(()),
        }
    }
}

/// Send raw bytes to a thermal printer; returns a description of where they went.
pub fn send_raw(
    target: &ThermalTarget,
    bytes: &[u8],
    settings: &PrintSettings,
) -> Result<String, PrintError> {
    let limit = Duration::from_secs(settings.timeout_secs.max(1));
    let device_err = |message: String| PrintError::Device {
        target: target.to_string(),
        message,
    };
    match target {
        ThermalTarget::Network { host, port } => {
            let addrs: Vec<_> = (host.as_str(), *port)
                .to_socket_addrs()
                .map_err(|e| device_err(format!("cannot resolve: {e}")))?
                .collect();
            let mut last_error = String::from("no address");
            for addr in addrs {
                match TcpStream::connect_timeout(&addr, limit) {
                    Ok(mut stream) => {
                        stream
                            .set_write_timeout(Some(limit))
                            .map_err(|e| device_err(e.to_string()))?;
                        stream
                            .write_all(bytes)
                            .and_then(|()| stream.flush())
                            .map_err(|e| device_err(format!("write: {e}")))?;
                        // Closing the write side tells the printer the job is complete.
                        let _ = stream.shutdown(std::net::Shutdown::Write);
                        return Ok(target.to_string());
                    }
                    Err(e) => last_error = format!("connect {addr}: {e}"),
                }
            }
            Err(device_err(last_error))
        }
        ThermalTarget::Device(path) => {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| device_err(format!("open: {e}")))?;
            file.write_all(bytes)
                .and_then(|()| file.flush())
                .map_err(|e| device_err(format!("write: {e}")))?;
            Ok(target.to_string())
        }
        ThermalTarget::Queue(name) => print_raw_to_queue(bytes, name, settings),
    }
}

/// Open the cash drawer attached to a thermal printer (`ESC p 0 25 250`).
pub fn open_cash_drawer(
    target: &ThermalTarget,
    settings: &PrintSettings,
) -> Result<(), PrintError> {
    let mut bytes = vec![0x1B, b'@'];
    bytes.extend_from_slice(&DRAWER_KICK);
    send_raw(target, &bytes, settings).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_printer_devices_and_raw_ports_are_allowed() {
        for ok in [
            "/dev/usb/lp0",
            "/dev/ttyUSB1",
            "/dev/ttyS0",
            "/dev/ttyACM12",
            "COM3",
            r"\\.\COM10",
            "LPT1",
        ] {
            assert!(is_printer_device(std::path::Path::new(ok)), "{ok}");
        }
        for bad in [
            "/etc/passwd",
            "/dev/usb/lp",
            "/dev/usb/lp0/../../etc/x",
            "/home/me/.bashrc",
            "COM",
            "CON",
            "/dev/sda",
            "lp0",
        ] {
            assert!(!is_printer_device(std::path::Path::new(bad)), "{bad}");
        }
        let net = |port| ThermalTarget::Network {
            host: "127.0.0.1".into(),
            port,
        };
        assert!(net(9100).check_allowed().is_ok());
        assert!(net(9102).check_allowed().is_ok());
        assert!(net(22).check_allowed().is_err());
        assert!(ThermalTarget::Device("/tmp/x".into())
            .check_allowed()
            .is_err());
        assert!(ThermalTarget::Queue("Receipts".into())
            .check_allowed()
            .is_ok());
    }
}
