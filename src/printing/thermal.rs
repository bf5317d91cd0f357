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
