//! The async runtime the CLI, the app and the benchmarks run the core on.
//!
//! sqlx runs every SQLite statement on a worker thread of its own, so each
//! statement is a hand-off between threads. On an idle multi-core machine each
//! hand-off to a thread on another CPU wakes that CPU from sleep (30–40 µs on
//! the 2-vCPU tills we measured), which made a three-statement transition cost
//! 0.2–0.4 ms instead of 0.1 ms. This runtime keeps its threads on one CPU, and
//! sqlx's workers — spawned from them — inherit it, so the hand-offs stay on
//! one CPU. The UI lives in the webview's own process and is not affected.
//!
//! On one CPU, each wake-up of the other thread (a statement sent, a result
//! returned) used to preempt the waker at once, so a batch of statements
//! bounced between the threads once per result. The runtime's threads (and
//! sqlx's workers, which inherit it) run under `SCHED_BATCH`: no wakeup
//! preemption, so a thread runs until it blocks and the other then takes
//! everything waiting for it. Measured with `cargo bench --bench engine`: a
//! transition 0.085–0.095 → 0.061–0.063 ms, intake 0.22–0.25 → 0.21 ms.
//!
//! Run the core in tasks spawned on this runtime (not in `block_on`, which runs
//! on the calling thread), and open the [`Till`](crate::Till) there too, so
//! its connections' workers are started from a pinned thread. The calling
//! thread is left alone (in the app it is the GTK main thread).

use tokio::runtime::{Builder, Runtime};

/// A multi-thread Tokio runtime with `workers` threads, all kept on the
/// first CPU the process may use (no-op where affinity is unsupported).
pub fn build(workers: usize) -> std::io::Result<Runtime> {
    let cpu = affinity::first_allowed_cpu();
    Builder::new_multi_thread()
        .worker_threads(workers.max(1))
        .enable_all()
        .on_thread_start(move || {
            if let Some(cpu) = cpu {
                affinity::pin_current_thread(cpu);
            }
            affinity::run_until_blocked();
        })
        .build()
}

/// Runs `f` on a new thread kept on the first allowed CPU under
/// `SCHED_BATCH`, and returns its result. Threads `f` starts inherit both:
/// open a [`Till`](crate::Till) in it (e.g. `handle.block_on(Till::open(…))`)
/// and the database's sqlx workers started meanwhile — the writer's among
/// them — stay on that CPU, while the runtime that later drives them does
/// not. The desktop app does this: its commands (PDF rendering, CSV export,
/// IPC) run on every CPU; the writer keeps one.
pub fn on_pinned_thread<T: Send>(f: impl FnOnce() -> T + Send) -> std::io::Result<T> {
    std::thread::scope(|scope| {
        let thread = std::thread::Builder::new()
            .name("tillflow-pinned".into())
            .spawn_scoped(scope, || {
                keep_this_thread_with_runtime();
                f()
            })?;
        // A panic in `f` goes on in the caller.
        Ok(thread
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })
}

/// Keeps the calling thread on the runtime's CPU: for a short-lived program
/// (the CLI) that runs the core in `block_on` on its main thread.
pub fn keep_this_thread_with_runtime() {
    if let Some(cpu) = affinity::first_allowed_cpu() {
        affinity::pin_current_thread(cpu);
    }
    affinity::run_until_blocked();
}

#[cfg(target_os = "linux")]
mod affinity {
    use std::mem::{size_of, zeroed};

    /// The lowest-numbered CPU this thread may run on.
    pub fn first_allowed_cpu() -> Option<usize> {
        // SAFETY: cpu_set_t is plain data; sched_getaffinity fills it for the
        // calling thread (pid 0) and CPU_ISSET only reads it.
        unsafe {
            let mut set: libc::cpu_set_t = zeroed();
            if libc::sched_getaffinity(0, size_of::<libc::cpu_set_t>(), &mut set) != 0 {
                return None;
            }
            (0..libc::CPU_SETSIZE as usize).find(|&c| libc::CPU_ISSET(c, &set))
        }
    }

    /// Keeps the calling thread on `cpu`; failure leaves it as it was.
    pub fn pin_current_thread(cpu: usize) {
        // SAFETY: as above; sched_setaffinity only reads the set.
        unsafe {
            let mut set: libc::cpu_set_t = zeroed();
            libc::CPU_SET(cpu, &mut set);
            let _ = libc::sched_setaffinity(0, size_of::<libc::cpu_set_t>(), &set);
        }
    }

    /// Lets the calling thread finish its time slice when it wakes another
    /// (`SCHED_BATCH`: no wakeup preemption; same priority otherwise).
    pub fn run_until_blocked() {
        let param = libc::sched_param { sched_priority: 0 };
        // SAFETY: sched_setscheduler reads `param`; pid 0 is this thread.
        let _ = unsafe { libc::sched_setscheduler(0, libc::SCHED_BATCH, &param) };
    }

    /// The scheduling policy of the calling thread.
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn policy() -> i32 {
        // SAFETY: no arguments besides this thread's id.
        unsafe { libc::sched_getscheduler(0) }
    }

    /// How many CPUs the calling thread may run on.
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn allowed_cpus() -> usize {
        // SAFETY: as above.
        unsafe {
            let mut set: libc::cpu_set_t = zeroed();
            if libc::sched_getaffinity(0, size_of::<libc::cpu_set_t>(), &mut set) != 0 {
                return 0;
            }
            libc::CPU_COUNT(&set) as usize
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod affinity {
    pub fn first_allowed_cpu() -> Option<usize> {
        None
    }
    pub fn pin_current_thread(_cpu: usize) {}
    pub fn run_until_blocked() {}
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn runtime_threads_and_the_threads_they_start_stay_on_one_cpu() {
        let handle = std::thread::spawn(|| {
            let rt = build(2).expect("runtime");
            let on_worker = rt
                .block_on(rt.spawn(async { affinity::allowed_cpus() }))
                .expect("task");
            let grandchild = rt
                .block_on(rt.spawn(async {
                    std::thread::spawn(affinity::allowed_cpus)
                        .join()
                        .expect("thread")
                }))
                .expect("task");
            (on_worker, grandchild)
        });
        let (on_worker, grandchild) = handle.join().expect("test thread");
        assert_eq!((on_worker, grandchild), (1, 1));
    }

    #[test]
    fn a_pinned_thread_and_the_threads_it_starts_keep_one_cpu_and_batch_policy() {
        let (cpus, policy) = on_pinned_thread(|| {
            std::thread::spawn(|| (affinity::allowed_cpus(), affinity::policy()))
                .join()
                .expect("thread")
        })
        .expect("pinned thread");
        assert_eq!((cpus, policy), (1, libc::SCHED_BATCH));
        assert_eq!(
            affinity::policy(),
            libc::SCHED_OTHER,
            "the caller is left alone"
        );
    }

    #[test]
    fn runtime_threads_and_the_threads_they_start_run_until_blocked() {
        let handle =
            std::thread::spawn(|| {
                let rt = build(1).expect("runtime");
                let on_worker = rt
                    .block_on(rt.spawn(async { affinity::policy() }))
                    .expect("task");
                let grandchild = rt
                    .block_on(rt.spawn(async {
                        std::thread::spawn(affinity::policy).join().expect("thread")
                    }))
                    .expect("task");
                (on_worker, grandchild, affinity::policy())
            });
        let (on_worker, grandchild, caller) = handle.join().expect("test thread");
        assert_eq!(
            (on_worker, grandchild),
            (libc::SCHED_BATCH, libc::SCHED_BATCH)
        );
        assert_eq!(
            caller,
            libc::SCHED_OTHER,
            "the calling thread is left alone"
        );
    }
}
