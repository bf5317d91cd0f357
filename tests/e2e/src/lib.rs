//! Harness for the end-to-end tests: starts `tauri-driver` (which starts
//! WebKitWebDriver and the real built app) with a temporary database, and
//! drives the window with fantoccini.
//!
//! Environment:
//! - `TILLFLOW_APP`: the built app (default: `$CARGO_TARGET_DIR/debug/tillflow-app`,
//!   which must be built with `--features custom-protocol`);
//! - `TILLFLOW_SHOTS`: a directory to save screenshots of the screen (needs
//!   `import` from imagemagick and an X display, e.g. under `xvfb-run`).
//!
//! The app starts on a new temporary database with the demo shop
//! (`TILLFLOW_DEMO=1`) and its owner [`OWNER`] (PIN [`OWNER_PIN`]), added
//! through the core before the app starts and signed in on the lock screen,
//! with the till's drawer opened with a float of [`FLOAT`] (the shop takes
//! no cash before; [`App::launch_drawer_closed`] leaves it closed);
//! [`App::launch_fresh`] starts without, through the first-run set-up with
//! the same owner.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

pub type TestResult<T = ()> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

pub const KEY_ENTER: &str = "\u{E007}";
pub const KEY_ESCAPE: &str = "\u{E00C}";
pub const KEY_UP: &str = "\u{E013}";
pub const KEY_DOWN: &str = "\u{E015}";

/// tauri-driver's port (`TILLFLOW_E2E_PORT`, default 4444); WebKitWebDriver
/// takes the next one. Several suites on one machine need their own ports.
fn driver_port() -> u16 {
    std::env::var("TILLFLOW_E2E_PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(4444)
}
const WAIT: Duration = Duration::from_secs(15);

/// The shop's owner in every launched app, and their PIN.
pub const OWNER: &str = "Olga";
pub const OWNER_PIN: &str = "482913";

/// The float the drawer is opened with at launch.
pub const FLOAT: &str = "100.00";

/// Opens the till's drawer session on the database at `db` with [`FLOAT`],
/// as the owner would in the morning, when the shop needs one and none is
/// open.
pub async fn open_drawer(db: &Path) -> TestResult {
    let till = tillflow::Till::open(db, tillflow::storage::Durability::Full).await?;
    let now = chrono::Utc::now();
    let result = async {
        let status = till.drawer_status(now).await?;
        if status.session.is_none() && !status.closed_tenders.is_empty() {
            let float = tillflow::till::CashCount {
                total: Some(FLOAT.to_string()),
                pieces: Vec::new(),
            };
            till.open_session(&float, &tillflow::staff::Actor::trusted(OWNER), now)
                .await?;
        }
        Ok::<_, tillflow::Error>(())
    }
    .await;
    till.close().await;
    Ok(result?)
}

/// Gives the database at `db` (created when new) its owner [`OWNER`], as
/// the first start of the app would; a database that has them already is
/// left alone.
pub async fn ensure_owner(db: &Path) -> TestResult {
    let till = tillflow::Till::open(db, tillflow::storage::Durability::Full).await?;
    let now = chrono::Utc::now();
    let staff = till.staff_list(now).await?;
    let result = if staff.is_empty() {
        till.add_first_owner(OWNER, OWNER_PIN, now)
            .await
            .map(|_| ())
    } else if staff.iter().any(|m| m.name == OWNER) {
        Ok(())
    } else {
        till.close().await;
        return Err(format!("{} has staff but not {OWNER}", db.display()).into());
    };
    till.close().await;
    Ok(result?)
}

/// The running app under test. Dropping it ends the session and stops
/// tauri-driver with SIGTERM (SIGKILL would leave WebKitWebDriver behind).
pub struct App {
    pub client: Client,
    driver: Child,
    _dir: tempfile::TempDir,
    pub db: PathBuf,
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn app_binary() -> PathBuf {
    std::env::var_os("TILLFLOW_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            // Cargo's own target directory when CARGO_TARGET_DIR moves it.
            std::env::var_os("CARGO_TARGET_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| workspace_root().join("target"))
                .join("debug/tillflow-app")
        })
}

fn port_open(port: u16) -> bool {
    TcpStream::connect(("127.0.0.1", port)).is_ok()
}

fn terminate(child: &mut Child) {
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .stderr(Stdio::null())
        .status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// The `tillflow` CLI built next to the app (`TILLFLOW_CLI` overrides):
/// tests use it as another process writing to the app's database.
pub fn cli_binary() -> PathBuf {
    std::env::var_os("TILLFLOW_CLI")
        .map(PathBuf::from)
        .unwrap_or_else(|| app_binary().with_file_name("tillflow"))
}

impl App {
    pub async fn launch() -> TestResult<App> {
        App::launch_with(&[]).await
    }

    /// Launches with extra environment variables for the app (e.g. where
    /// "Save as PDF" writes: `TILLFLOW_DOCUMENTS_DIR`), signed in as the
    /// owner, the drawer open.
    pub async fn launch_with(env: &[(&str, &Path)]) -> TestResult<App> {
        let app = App::launch_locked(env).await?;
        app.sign_in(OWNER, OWNER_PIN).await?;
        app.wait_shown().await?;
        Ok(app)
    }

    /// Launches like [`App::launch_with`] but leaves the drawer closed (no
    /// session: the till takes no cash until it is opened).
    pub async fn launch_drawer_closed(env: &[(&str, &Path)]) -> TestResult<App> {
        let app = App::launch_locked_drawer_closed(env).await?;
        app.sign_in(OWNER, OWNER_PIN).await?;
        app.wait_shown().await?;
        Ok(app)
    }

    /// Launches like [`App::launch_with`] and returns at the lock screen.
    pub async fn launch_locked(env: &[(&str, &Path)]) -> TestResult<App> {
        let app = App::launch_locked_drawer_closed(env).await?;
        // The database the app opened: its own, or the one `env` names.
        let db = env
            .iter()
            .find(|(k, _)| *k == "TILLFLOW_DB")
            .map(|(_, v)| v.to_path_buf())
            .unwrap_or_else(|| app.db.clone());
        open_drawer(&db).await?;
        Ok(app)
    }

    /// [`App::launch_locked`] without opening the drawer.
    async fn launch_locked_drawer_closed(env: &[(&str, &Path)]) -> TestResult<App> {
        let app = app_binary().canonicalize().map_err(|e| {
            format!(
                "the app is not built at {} ({e}): run `cargo build -p tillflow-app --features custom-protocol`",
                app_binary().display()
            )
        })?;
        let app = App::start_with_owner(&app, env).await?;
        if let Err(e) = app.wait_for("[data-testid=lock-screen]").await {
            return Err(format!("the lock screen did not show: {e}").into());
        }
        Ok(app)
    }

    /// Signs `name` in on the lock screen with `pin` (typed in one burst
    /// with Enter, as a keyboard does at speed) and waits for the screen to go.
    pub async fn sign_in(&self, name: &str, pin: &str) -> TestResult {
        self.pick_on_lock_screen(name).await?;
        self.enter_pin("pin-input", pin).await?;
        self.wait_gone("[data-testid=lock-screen]").await
    }

    /// On the lock screen, opens `name`'s PIN pad (from the tiles, or
    /// straight away when it shows already).
    pub async fn pick_on_lock_screen(&self, name: &str) -> TestResult {
        self.wait_for("[data-testid=lock-screen]").await?;
        let who = self.texts("[data-testid=lock-who]").await?;
        if who.first().is_some_and(|w| w.trim() == name) {
            return Ok(());
        }
        if !who.is_empty() {
            self.click("[data-testid=lock-back]").await?;
        }
        self.click(&format!("[data-testid=staff-tile][data-name='{name}']"))
            .await?;
        self.wait_for_text("[data-testid=lock-who]", name).await?;
        Ok(())
    }

    /// Types `pin` and Enter into the PIN field `testid` (e.g. `pin-input`).
    pub async fn enter_pin(&self, testid: &str, pin: &str) -> TestResult {
        self.click(&format!("[data-testid={testid}]")).await?;
        self.scan(pin).await
    }

    /// Waits for the app's screens (the sidebar) after a sign-in.
    async fn wait_shown(&self) -> TestResult {
        let app = self;
        if let Err(e) = app.wait_for("[data-testid=nav-dashboard]").await {
            let probe = app
                .client
                .execute(
                    "const s = document.querySelector('script'); \
                     return import(s ? s.textContent.match(/import\\(\"([^\"]+)\"\\)/)[1] : '/') \
                       .then(m => { const el = document.createElement('div'); document.body.appendChild(el); return Promise.resolve(m.start(el)).then(() => 'started: ' + document.body.innerHTML.slice(0, 600), e => 'start error: ' + e + ' ' + e.stack); }, e => 'module error: ' + e + ' ' + e.stack);",
                    vec![],
                )
                .await
                .map(|v| v.to_string())
                .unwrap_or_else(|e| e.to_string());
            return Err(format!("the app did not show its UI ({e}); {probe}").into());
        }
        Ok(())
    }

    /// Launches on a new database without the demo shop and without staff:
    /// the window asks for the owner first (returns once it does).
    pub async fn launch_new() -> TestResult<App> {
        App::launch_new_with(&[]).await
    }

    /// [`App::launch_new`] with extra environment variables for the app.
    pub async fn launch_new_with(env: &[(&str, &Path)]) -> TestResult<App> {
        let app = app_binary()
            .canonicalize()
            .map_err(|e| format!("the app is not built at {} ({e})", app_binary().display()))?;
        let mut env = env.to_vec();
        env.push(("TILLFLOW_DEMO", Path::new("0")));
        let app = App::start(&app, &env).await?;
        app.wait_for("[data-testid=first-run-owner]").await?;
        Ok(app)
    }

    /// Launches on a new database without the demo shop, gives it its
    /// owner [`OWNER`] in the first step, and returns once the window shows
    /// the shop's set-up.
    pub async fn launch_fresh() -> TestResult<App> {
        App::launch_fresh_with(&[]).await
    }

    /// [`App::launch_fresh`] with extra environment variables for the app.
    pub async fn launch_fresh_with(env: &[(&str, &Path)]) -> TestResult<App> {
        let app = App::launch_new_with(env).await?;
        app.fill("[data-testid=owner-name]", OWNER).await?;
        app.fill("[data-testid=owner-pin]", OWNER_PIN).await?;
        app.fill("[data-testid=owner-pin-again]", OWNER_PIN).await?;
        app.click("[data-testid=owner-submit]").await?;
        app.wait_for("[data-testid=first-run]").await?;
        Ok(app)
    }

    /// [`App::start`] on a database that has its owner (the temporary one,
    /// or the `TILLFLOW_DB` in `env`).
    pub async fn start_with_owner(app: &Path, env: &[(&str, &Path)]) -> TestResult<App> {
        let dir = tempfile::tempdir()?;
        let db = env
            .iter()
            .find(|(k, _)| *k == "TILLFLOW_DB")
            .map(|(_, v)| v.to_path_buf())
            .unwrap_or_else(|| dir.path().join("e2e.db"));
        ensure_owner(&db).await?;
        App::start_in(dir, app, env).await
    }

    /// Starts `binary` (any Tauri app) under tauri-driver with `env` and a
    /// temporary database, and returns once the session is open (the page
    /// may still be loading).
    pub async fn start(app: &Path, env: &[(&str, &Path)]) -> TestResult<App> {
        App::start_in(tempfile::tempdir()?, app, env).await
    }

    async fn start_in(
        dir: tempfile::TempDir,
        app: &Path,
        env: &[(&str, &Path)],
    ) -> TestResult<App> {
        let (driver_port, native_port) = (driver_port(), driver_port() + 1);
        if port_open(driver_port) || port_open(native_port) {
            return Err(format!(
                "ports {driver_port}/{native_port} are busy: a tauri-driver or WebKitWebDriver is still running"
            )
            .into());
        }
        let db = dir.path().join("e2e.db");
        let driver = Command::new("tauri-driver")
            .args(["--port", &driver_port.to_string()])
            .args(["--native-port", &native_port.to_string()])
            .env("TILLFLOW_DB", &db)
            // The demo shop (the tests' data); `launch_fresh` overrides it.
            .env("TILLFLOW_DEMO", "1")
            // Window state belongs to the user, not to tests.
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .env("XDG_DATA_HOME", dir.path().join("data"))
            .envs(env.iter().map(|(k, v)| (*k, *v)))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| {
                format!("cannot start tauri-driver ({e}): `cargo install tauri-driver --locked`")
            })?;
        let mut guard = DriverGuard(Some(driver));
        let deadline = Instant::now() + WAIT;
        while !port_open(driver_port) {
            if Instant::now() > deadline {
                return Err("tauri-driver did not start listening".into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let caps = serde_json::json!({
            "browserName": "wry",
            "tauri:options": { "application": app }
        });
        let serde_json::Value::Object(caps) = caps else {
            return Err("capabilities".into());
        };
        let client = ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{driver_port}"))
            .await?;
        let driver = guard.0.take().ok_or("driver")?;
        let app = App {
            client,
            driver,
            _dir: dir,
            db,
        };
        Ok(app)
    }

    /// Ends the session and stops the driver (also done on drop, less politely).
    pub async fn close(mut self) -> TestResult {
        let client = self.client.clone();
        client.close().await?;
        terminate(&mut self.driver);
        Ok(())
    }

    /// Waits until an element matching `css` exists and returns it.
    pub async fn wait_for(&self, css: &str) -> TestResult<Element> {
        Ok(self
            .client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .map_err(|e| format!("waiting for `{css}`: {e}"))?)
    }

    /// Waits until an element matching `css` contains `text`.
    pub async fn wait_for_text(&self, css: &str, text: &str) -> TestResult<Element> {
        self.wait_for_text_within(css, text, WAIT.as_secs()).await
    }

    /// Waits until the texts of every `css` element, trimmed, equal `want`
    /// (in order); rows re-rendered between finding and reading are read again.
    pub async fn wait_texts(&self, css: &str, want: &[&str]) -> TestResult {
        let deadline = Instant::now() + WAIT;
        loop {
            let got = match self.texts(css).await {
                Ok(got) => got,
                Err(_) if Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
                Err(e) => return Err(e),
            };
            if got.iter().map(|s| s.trim()).eq(want.iter().copied()) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("`{css}`: {got:?}, expected {want:?}").into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// [`App::wait_for_text`] with its own time limit in seconds.
    pub async fn wait_for_text_within(
        &self,
        css: &str,
        text: &str,
        secs: u64,
    ) -> TestResult<Element> {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            for el in self.client.find_all(Locator::Css(css)).await? {
                if el.text().await.unwrap_or_default().contains(text) {
                    return Ok(el);
                }
            }
            if Instant::now() > deadline {
                let body = self.client.find(Locator::Css("body")).await?.text().await?;
                return Err(
                    format!("no `{css}` containing {text:?}; the page says:\n{body}").into(),
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until no element matches `css`.
    pub async fn wait_gone(&self, css: &str) -> TestResult {
        let deadline = Instant::now() + WAIT;
        while !self.client.find_all(Locator::Css(css)).await?.is_empty() {
            if Instant::now() > deadline {
                return Err(format!("`{css}` is still there").into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Ok(())
    }

    pub async fn click(&self, css: &str) -> TestResult {
        // A toast or a closing dialog may sit over the target for a moment,
        // or the screen re-renders it: find it again and retry.
        let deadline = Instant::now() + WAIT;
        loop {
            let el = self.wait_for(css).await?;
            settle(&el).await;
            match el.click().await {
                Ok(_) => return Ok(()),
                Err(e) if Instant::now() < deadline => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(150)).await;
                }
                Err(e) => return Err(format!("clicking `{css}`: {e}").into()),
            }
        }
    }

    /// Clicks the first `css` element whose text contains `text`.
    pub async fn click_text(&self, css: &str, text: &str) -> TestResult {
        self.wait_for_text(css, text).await?.click().await?;
        Ok(())
    }

    /// Replaces the value of an input.
    pub async fn fill(&self, css: &str, value: &str) -> TestResult {
        let el = self.wait_for(css).await?;
        el.clear().await?;
        el.send_keys(value).await?;
        Ok(())
    }

    pub async fn texts(&self, css: &str) -> TestResult<Vec<String>> {
        let mut out = Vec::new();
        for el in self.client.find_all(Locator::Css(css)).await? {
            out.push(el.text().await?);
        }
        Ok(out)
    }

    pub async fn attrs(&self, css: &str, attr: &str) -> TestResult<Vec<String>> {
        let mut out = Vec::new();
        for el in self.client.find_all(Locator::Css(css)).await? {
            out.push(el.attr(attr).await?.unwrap_or_default());
        }
        Ok(out)
    }

    /// Sets an input's value from script (date inputs do not take typed keys
    /// reliably) and tells the page, as typing would.
    pub async fn set_value(&self, css: &str, value: &str) -> TestResult {
        self.wait_for(css).await?;
        self.client
            .execute(
                "const el = document.querySelector(arguments[0]); el.focus(); el.value = arguments[1]; \
                 el.dispatchEvent(new Event('input', { bubbles: true })); \
                 el.dispatchEvent(new Event('change', { bubbles: true }));",
                vec![css.into(), value.into()],
            )
            .await?;
        Ok(())
    }

    /// Sends keys (e.g. [`KEY_ENTER`]) to the element matching `css`.
    pub async fn keys(&self, css: &str, keys: &str) -> TestResult {
        self.wait_for(css).await?.send_keys(keys).await?;
        Ok(())
    }

    /// Types `text` then Enter into the focused element in one burst, the
    /// way a keyboard-wedge barcode scanner does (keys a few ms apart).
    pub async fn scan(&self, text: &str) -> TestResult {
        // One WebDriver action sequence (key down/up per character, then
        // Enter, no pauses) to the focused element, as a keyboard-wedge
        // scanner types. Element send-keys here now and then lost the Enter.
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let enter = KEY_ENTER.chars().next().ok_or("no Enter key code")?;
        let mut keys = KeyActions::new("scanner".into());
        for ch in text.chars().chain(std::iter::once(enter)) {
            keys = keys
                .then(KeyAction::Down { value: ch })
                .then(KeyAction::Up { value: ch });
        }
        self.client.perform_actions(keys).await?;
        self.client.release_actions().await?;
        Ok(())
    }

    /// Drags the element `from` and drops it on the element `to` with real
    /// pointer input (press, move in small steps, release).
    pub async fn drag(&self, from: &str, to: &str, dy: f64) -> TestResult {
        use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
        let source = self.wait_for(from).await?;
        let target = self.wait_for(to).await?;
        let step = Some(Duration::from_millis(60));
        let mouse = MouseActions::new("mouse".into())
            .then(PointerAction::MoveToElement {
                element: source,
                duration: None,
                x: 0.0,
                y: 0.0,
            })
            .then(PointerAction::Down {
                button: MOUSE_BUTTON_LEFT,
            })
            .then(PointerAction::MoveBy {
                duration: step,
                x: 0.0,
                y: 4.0,
            })
            .then(PointerAction::MoveToElement {
                element: target.clone(),
                duration: step,
                x: 0.0,
                y: dy / 2.0,
            })
            .then(PointerAction::MoveToElement {
                element: target,
                duration: step,
                x: 0.0,
                y: dy,
            })
            .then(PointerAction::Up {
                button: MOUSE_BUTTON_LEFT,
            });
        self.client.perform_actions(mouse).await?;
        self.client.release_actions().await?;
        Ok(())
    }

    /// Navigates inside the app without reloading (e.g. `/orders`).
    pub async fn go(&self, route: &str) -> TestResult {
        self.client
            .execute(
                "const a = document.createElement('a'); a.href = arguments[0]; \
                 document.body.appendChild(a); a.click(); a.remove();",
                vec![serde_json::Value::String(route.into())],
            )
            .await?;
        // The router navigates asynchronously: two quick `go`s could otherwise
        // leave the first page on screen while the test reads it.
        let deadline = Instant::now() + WAIT;
        loop {
            let arrived = self
                .client
                .execute(
                    "return new URL(arguments[0], location.href).href === location.href;",
                    vec![serde_json::Value::String(route.into())],
                )
                .await?;
            if arrived.as_bool() == Some(true) {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(format!("navigation to `{route}` did not finish").into());
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Calls a shell command from the page, as the UI does, and returns its result.
    pub async fn invoke(
        &self,
        command: &str,
        args: serde_json::Value,
    ) -> TestResult<serde_json::Value> {
        self.invoke_outcome(command, args)
            .await?
            .map_err(|e| format!("{command} failed: {e}").into())
    }

    /// Calls a shell command from the page's script (as any script in the
    /// window could): its result, or its refusal (`{code, message, …}`).
    pub async fn invoke_outcome(
        &self,
        command: &str,
        args: serde_json::Value,
    ) -> TestResult<Result<serde_json::Value, serde_json::Value>> {
        let out = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1]; \
                 window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1]) \
                   .then(r => done({ ok: r }), e => done({ err: e }));",
                vec![command.into(), args],
            )
            .await?;
        match out.get("ok") {
            Some(v) => Ok(Ok(v.clone())),
            None => Ok(Err(out["err"].clone())),
        }
    }

    /// Closes the toasts (so a screenshot shows the screen under them).
    pub async fn dismiss_toasts(&self) -> TestResult {
        self.client
            .execute(
                "document.querySelectorAll('[data-testid=toast] button.close').forEach(b => b.click());",
                vec![],
            )
            .await?;
        self.wait_gone("[data-testid=toast]").await
    }

    /// [`App::shot`] once the window has painted what the last step did
    /// (under Xvfb the screen can still show the frame before it).
    pub async fn shot_painted(&self, name: &str) -> TestResult {
        for _ in 0..3 {
            self.client
                .execute("return document.body.offsetHeight;", vec![])
                .await?;
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
        self.shot(name).await
    }

    /// Saves a screenshot of the whole X screen as `<TILLFLOW_SHOTS>/<name>.png`.
    pub async fn shot(&self, name: &str) -> TestResult {
        let Some(dir) = std::env::var_os("TILLFLOW_SHOTS") else {
            return Ok(());
        };
        // Let transitions and fonts settle.
        tokio::time::sleep(Duration::from_millis(400)).await;
        std::fs::create_dir_all(&dir)?;
        let path = Path::new(&dir).join(format!("{name}.png"));
        let status = Command::new("import")
            .args(["-window", "root"])
            .arg(&path)
            .status()?;
        if !status.success() {
            return Err(format!("import failed for {}", path.display()).into());
        }
        Ok(())
    }
}

impl Drop for App {
    fn drop(&mut self) {
        terminate(&mut self.driver);
    }
}

/// Stops the driver if launching fails half-way.
struct DriverGuard(Option<Child>);

impl Drop for DriverGuard {
    fn drop(&mut self) {
        if let Some(c) = self.0.as_mut() {
            terminate(c);
        }
    }
}

/// Waits (up to 2 s) until `el` stays put: WebDriver clicks where the
/// element was, and a dialog still laying out may move it under the pointer
/// (a neighbour got the click about one story run in ten).
async fn settle(el: &Element) {
    let until = Instant::now() + Duration::from_secs(2);
    let mut last = el.rectangle().await.ok();
    while Instant::now() < until {
        tokio::time::sleep(Duration::from_millis(60)).await;
        let now = el.rectangle().await.ok();
        if now == last {
            return;
        }
        last = now;
    }
}
