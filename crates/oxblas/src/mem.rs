//! Packing buffers: 64-byte aligned, owned per thread, grown on demand and
//! reused, so the GEMM hot path neither allocates per call nor takes a lock.

use std::alloc::{alloc, dealloc, Layout};
use std::cell::Cell;

/// Alignment of packed panels: a cache line, and a full zmm register.
const ALIGN: usize = 64;

pub(crate) struct AlignedBuf {
    ptr: *mut u8,
    bytes: usize,
    /// The alignment it was allocated with (freed with the same layout).
    align: usize,
}

/// Buffers from this size on are aligned to, and sized in, 2 MiB huge pages
/// and offered to the kernel's transparent huge pages (`madvise`): a packed
/// B block of several MiB then costs a few TLB entries instead of thousands
/// of 4 KiB ones (where THP is `never` the advice is ignored, harmlessly).
const HUGE: usize = 2 << 20;

#[cfg(target_os = "linux")]
extern "C" {
    fn madvise(addr: *mut core::ffi::c_void, len: usize, advice: i32) -> i32;
}

impl AlignedBuf {
    fn new(bytes: usize) -> AlignedBuf {
        let huge = bytes >= HUGE;
        let (bytes, align) = if huge {
            (bytes.next_multiple_of(HUGE), HUGE)
        } else {
            (bytes.max(ALIGN).next_multiple_of(ALIGN), ALIGN)
        };
        let layout = Layout::from_size_align(bytes, align).expect("packing buffer size overflows");
        // SAFETY: layout has non-zero size.
        let ptr = unsafe { alloc(layout) };
        if ptr.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        #[cfg(target_os = "linux")]
        if huge {
            // SAFETY: [ptr, ptr + bytes) is this allocation, page aligned;
            // MADV_HUGEPAGE (14) only changes how the kernel backs it.
            unsafe { madvise(ptr.cast(), bytes, 14) };
        }
        AlignedBuf { ptr, bytes, align }
    }
    pub(crate) fn as_mut_ptr<T>(&mut self) -> *mut T {
        self.ptr as *mut T
    }
}

impl Drop for AlignedBuf {
    fn drop(&mut self) {
        // SAFETY: ptr was allocated in `new` with exactly this size and alignment.
        unsafe {
            dealloc(
                self.ptr,
                Layout::from_size_align_unchecked(self.bytes, self.align),
            )
        }
    }
}

/// Which per-thread buffer: packed A blocks, packed B panels, or scratch for
/// the small-matrix path.
#[derive(Clone, Copy)]
pub(crate) enum Slot {
    A = 0,
    B = 1,
    Scratch = 2,
    /// Level 3 temporaries that hold a GEMM operand (SYMM's expanded A)
    /// while GEMM itself uses the other slots.
    Operand = 3,
}

thread_local! {
    static SLOTS: [Cell<Option<AlignedBuf>>; 4] =
        const { [Cell::new(None), Cell::new(None), Cell::new(None), Cell::new(None)] };
}

/// Runs `f` with this thread's buffer for `slot`, at least `bytes` long.
/// The buffer is taken out of its slot for the duration, so a nested use of
/// the same slot (never done by oxblas itself) gets a fresh one instead of
/// aliasing.
pub(crate) fn with_buffer<R>(slot: Slot, bytes: usize, f: impl FnOnce(&mut AlignedBuf) -> R) -> R {
    let taken = SLOTS.with(|s| s[slot as usize].take());
    let mut buf = match taken {
        Some(b) if b.bytes >= bytes => b,
        _ => AlignedBuf::new(bytes),
    };
    let r = f(&mut buf);
    SLOTS.with(|s| s[slot as usize].set(Some(buf)));
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buffers_keep_their_alignment() {
        for (bytes, align) in [
            (1, ALIGN),
            (HUGE - 63, ALIGN),
            (HUGE - 1, ALIGN),
            (HUGE, HUGE),
            (HUGE + 1, HUGE),
        ] {
            let mut b = AlignedBuf::new(bytes);
            assert_eq!(b.align, align, "{bytes} bytes");
            assert!(b.bytes >= bytes);
            assert_eq!(b.as_mut_ptr::<u8>() as usize % align, 0);
            // Writable over its whole length.
            // SAFETY: the buffer holds b.bytes bytes.
            unsafe { core::ptr::write_bytes(b.as_mut_ptr::<u8>(), 0xab, b.bytes) };
        }
    }
}
