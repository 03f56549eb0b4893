//! Signals of a fault that ends ribao, handled so the reader's terminal is put back and the
//! user told. The index cache is read through memory maps: another program cutting a cache
//! file short while ribao runs makes ribao's next read of what was cut a SIGBUS, which killed
//! it at once with the reader's terminal left in raw mode on the alternate screen. The
//! handler puts the terminal back, says what happened and exits; the next start finds the
//! cache damaged and rebuilds it. An abort is let end ribao, once the terminal is back.

/// Exit status of a process ended by SIGBUS, as a shell reports it.
#[cfg(unix)]
const BUS_ERROR_STATUS: i32 = 128 + libc::SIGBUS;

#[cfg(unix)]
const MESSAGE: &str = "ribao: another program cut short a file of ribao's index cache while \
ribao was reading it, so ribao stopped; its next start rebuilds the cache\n";

/// [`MESSAGE`] naming the cache's folder, made before any of it is mapped: the handler may
/// not allocate.
#[cfg(unix)]
static NAMED: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Names the index cache's folder in what a SIGBUS says (the first one named: a process
/// reads one store's).
pub fn name_cache(dir: &std::path::Path) {
    #[cfg(unix)]
    NAMED.get_or_init(|| {
        format!(
            "ribao: another program cut short a file of ribao's index cache in {} while \
             ribao was reading it, so ribao stopped; its next start rebuilds the cache\n",
            crate::text::sanitize(&dir.to_string_lossy())
        )
    });
    #[cfg(not(unix))]
    let _ = dir;
}

/// Message of an abort that ended the reader: what the Rust runtime printed was drawn on the
/// reader's screen and went with it.
#[cfg(unix)]
const ABORTED: &str = "ribao: aborted (running out of memory under `ulimit -v` is one cause)\n";

/// Lets only the first fault through: it puts the terminal back and ends ribao. A later one
/// waits for that end, which ends it too: a search reads on every core, so several threads
/// may fault at once (tester EC: one exited while the first was still restoring, and left
/// the terminal raw on the alternate screen).
#[cfg(unix)]
fn wait_unless_first() {
    use std::sync::atomic::{AtomicBool, Ordering};
    static STOPPING: AtomicBool = AtomicBool::new(false);
    if STOPPING.swap(true, Ordering::SeqCst) {
        loop {
            // SAFETY: pause is async-signal-safe.
            unsafe { libc::pause() };
        }
    }
}

#[cfg(unix)]
pub fn install() {
    extern "C" fn on_bus_error(_: libc::c_int) {
        wait_unless_first();
        crate::tui::terminal::restore_from_signal();
        // A read of a set OnceLock is a load: no lock, no allocation.
        let message = NAMED.get().map_or(MESSAGE, String::as_str);
        // SAFETY: write and _exit are async-signal-safe; the message is never freed.
        unsafe {
            libc::write(libc::STDERR_FILENO, message.as_ptr().cast(), message.len());
            libc::_exit(BUS_ERROR_STATUS);
        }
    }
    // An abort (an allocation past `ulimit -v` is one) left the reader's terminal on the
    // alternate screen with no cursor (tester EB). Then it ends ribao as it would have: the
    // signal raised again, to its default action, once this handler returns.
    extern "C" fn on_abort(_: libc::c_int) {
        wait_unless_first();
        // SAFETY: write, signal and raise are async-signal-safe; the message is static.
        unsafe {
            if crate::tui::terminal::restore_from_signal() {
                libc::write(libc::STDERR_FILENO, ABORTED.as_ptr().cast(), ABORTED.len());
            }
            libc::signal(libc::SIGABRT, libc::SIG_DFL);
            libc::raise(libc::SIGABRT);
        }
    }
    // Caught, so that a write past `ulimit -f` fails (EFBIG) and is said as a full disk's is,
    // where the signal killed ribao unsaid (tester EB). Caught, not ignored: an ignored
    // signal stays so in the programs ribao starts (a browser), a handler does not.
    extern "C" fn on_file_too_large(_: libc::c_int) {}
    // SAFETY: a zeroed sigaction with an empty mask is a valid one; the handlers make only
    // async-signal-safe calls.
    unsafe {
        for (signal, handler) in [
            (libc::SIGBUS, on_bus_error as extern "C" fn(libc::c_int)),
            (libc::SIGABRT, on_abort),
            (libc::SIGXFSZ, on_file_too_large),
        ] {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = handler as libc::sighandler_t;
            libc::sigemptyset(&mut action.sa_mask);
            // Neither fault's handler is broken into by the other's on its thread, which
            // would wait on the first forever (a review).
            libc::sigaddset(&mut action.sa_mask, libc::SIGBUS);
            libc::sigaddset(&mut action.sa_mask, libc::SIGABRT);
            libc::sigaction(signal, &action, std::ptr::null_mut());
        }
    }
}

#[cfg(not(unix))]
pub fn install() {}
