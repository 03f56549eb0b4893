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

#[cfg(unix)]
pub fn install() {
    extern "C" fn on_bus_error(_: libc::c_int) {
        crate::tui::terminal::restore_from_signal();
        // SAFETY: write and _exit are async-signal-safe; MESSAGE is a static string.
        unsafe {
            libc::write(libc::STDERR_FILENO, MESSAGE.as_ptr().cast(), MESSAGE.len());
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
