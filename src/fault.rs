//! The index cache is read through memory maps. Another program cutting a cache file short
//! while ribao runs makes ribao's next read of what was cut a SIGBUS, which killed it at once
//! with the reader's terminal left in raw mode on the alternate screen. The handler puts the
//! terminal back, says what happened and exits; the next start finds the cache damaged and
//! rebuilds it.

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

#[cfg(unix)]
pub fn install() {
    extern "C" fn on_bus_error(_: libc::c_int) {
        crate::tui::terminal::restore_from_signal();
        // A read of a set OnceLock is a load: no lock, no allocation.
        let message = NAMED.get().map_or(MESSAGE, String::as_str);
        // SAFETY: write and _exit are async-signal-safe; the message is never freed.
        unsafe {
            libc::write(libc::STDERR_FILENO, message.as_ptr().cast(), message.len());
            libc::_exit(BUS_ERROR_STATUS);
        }
    }
    // SAFETY: a zeroed sigaction with an empty mask is a valid one; the handler makes only
    // async-signal-safe calls.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = on_bus_error as extern "C" fn(libc::c_int) as libc::sighandler_t;
        libc::sigemptyset(&mut action.sa_mask);
        libc::sigaction(libc::SIGBUS, &action, std::ptr::null_mut());
    }
}

#[cfg(not(unix))]
pub fn install() {}
