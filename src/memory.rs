//! Handing freed memory back to the system. glibc keeps freed memory for reuse, so what a
//! first run's indexing let go stayed resident: beside the index being built (its peak), and
//! after it, in a reader left open all day.

/// Releases the memory free now back to the system, where the allocator can (glibc).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn give_back_freed() {
    // SAFETY: malloc_trim takes no pointers and only releases memory free already.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn give_back_freed() {}

/// [`give_back_freed`] once laid out rows were let go, when they were enough to matter (some
/// megabytes): a huge story left stayed resident (tester DO).
pub fn give_back_rows(dropped: usize) {
    const WORTH_IT: usize = 10_000;
    if dropped >= WORTH_IT {
        give_back_freed();
    }
}
