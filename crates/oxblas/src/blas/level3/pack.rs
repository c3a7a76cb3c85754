//! Packing: copy a block of op(A) or op(B) into the panel layout the
//! micro-kernels stream through, applying conjugation on the way and padding
//! edge panels with zeros (so kernels always run full MR x NR tiles over k).
//!
//! ```text
//! A block (mc x kc) -> ceil(mc/MR) panels, each kc steps of MR contiguous rows
//! B block (kc x nc) -> ceil(nc/NR) panels, each kc steps of NR contiguous cols
//! ```
//!
//! Panel `q` starts at `q * MR * kc` (resp. `q * NR * kc`). The copy loops are
//! ordered so that the source is read along its unit stride when it has one.

use crate::kernels::prefetch_lines;
use crate::scalar::Scalar;

/// A read-only strided operand: element (i, j) at `ptr + i*rs + j*cs`,
/// conjugated when `conj`.
pub(crate) struct Operand<T> {
    pub ptr: *const T,
    pub rs: isize,
    pub cs: isize,
    pub conj: bool,
}

impl<T> Clone for Operand<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Operand<T> {}

// SAFETY: an Operand is a read-only view of T data shared by the threads of
// one GEMM call, which outlives them (parallel_for joins before returning).
unsafe impl<T: Sync> Sync for Operand<T> {}
// SAFETY: as above.
unsafe impl<T: Sync> Send for Operand<T> {}

impl<T> Operand<T> {
    #[inline(always)]
    pub fn at(&self, i: usize, j: usize) -> *const T {
        self.ptr
            .wrapping_offset(i as isize * self.rs + j as isize * self.cs)
    }
    /// The transposed operand.
    #[inline(always)]
    pub fn t(self) -> Operand<T> {
        Operand {
            ptr: self.ptr,
            rs: self.cs,
            cs: self.rs,
            conj: self.conj,
        }
    }
}

/// Packs the `rows x kc` block at `src` into panels of `w` rows (MR for A;
/// for B the caller passes the transposed operand and w = NR: packing B's
/// columns is packing B^T's rows). `dst` receives `ceil(rows/w) * w * kc`
/// elements.
///
/// # Safety
/// `src` must address a valid `rows x kc` block; `dst` must be valid for
/// writing `ceil(rows/w) * w * kc` elements.
pub(crate) unsafe fn pack_panels<T: Scalar>(
    w: usize,
    rows: usize,
    kc: usize,
    src: Operand<T>,
    dst: *mut T,
) {
    if src.rs == 1 {
        return if T::IS_COMPLEX && src.conj {
            pack_columns::<T, true>(w, rows, kc, src, dst)
        } else {
            pack_columns::<T, false>(w, rows, kc, src, dst)
        };
    }
    let mut i0 = 0;
    while i0 < rows {
        let r = w.min(rows - i0);
        let d = dst.add(i0 * kc);
        let s = Operand {
            ptr: src.at(i0, 0),
            ..src
        };
        pack_one_panel(w, r, kc, s, d);
        i0 += w;
    }
}

/// `pack_panels` for a source with contiguous rows (a column-major A, or
/// the transpose of a row-major B), one source column at a time: each
/// step reads one contiguous run of `rows` elements, which the hardware
/// prefetcher streams, where a panel at a time would read `w` elements of
/// every column in turn (a new page per column when the leading dimension
/// is large, so every line a latency-bound miss). `CONJ` conjugates on the
/// way (B^H in a conjugate-transposed product: its columns are B's rows;
/// before this path took it, zgemm CC spent 6% of its time packing).
///
/// # Safety
/// As `pack_panels`, with `src.rs == 1`.
unsafe fn pack_columns<T: Scalar, const CONJ: bool>(
    w: usize,
    rows: usize,
    kc: usize,
    src: Operand<T>,
    dst: *mut T,
) {
    // Rows in chunks of COLUMN_CHUNK_PANELS panels, each chunk over all of
    // kc: a chunk's k step writes that many destination lines, where the
    // whole of a wide block (B's NC columns: hundreds of panels) would
    // write a line to every panel per step, more write streams than the
    // core tracks.
    let chunk = w * COLUMN_CHUNK_PANELS;
    let mut r0 = 0;
    while r0 < rows {
        let r1 = rows.min(r0 + chunk);
        let chunk_src = Operand {
            ptr: src.ptr.wrapping_add(r0),
            ..src
        };
        pack_columns_chunk::<T, CONJ>(w, r1 - r0, kc, chunk_src, dst.add(r0 * kc));
        r0 = r1;
    }
}

/// Panels per chunk of `pack_columns`.
const COLUMN_CHUNK_PANELS: usize = 8;

/// One chunk of `pack_columns`: `rows` source rows into the panels at
/// `dst`.
///
/// # Safety
/// As `pack_columns`, for the chunk: `src` addresses a valid `rows x kc`
/// block and `dst` holds its `ceil(rows/w)` panels.
#[inline(always)]
// SAFETY: contract above, upheld by `pack_columns` (the only caller), whose chunks tile its block.
unsafe fn pack_columns_chunk<T: Scalar, const CONJ: bool>(
    w: usize,
    rows: usize,
    kc: usize,
    src: Operand<T>,
    dst: *mut T,
) {
    let full = rows - rows % w;
    let col_bytes = rows * core::mem::size_of::<T>();
    for p in 0..kc {
        let sp = src.ptr.wrapping_offset(p as isize * src.cs);
        if p + PACK_PREFETCH_COLUMNS < kc {
            prefetch_lines(
                src.ptr
                    .wrapping_offset((p + PACK_PREFETCH_COLUMNS) as isize * src.cs)
                    as *const u8,
                col_bytes,
            );
        }
        let mut i0 = 0;
        while i0 < full {
            let dp = dst.add(i0 * kc + p * w);
            for i in 0..w {
                *dp.add(i) = (*sp.add(i0 + i)).conj_if(CONJ);
            }
            i0 += w;
        }
        if full < rows {
            let dp = dst.add(full * kc + p * w);
            let r = rows - full;
            for i in 0..r {
                *dp.add(i) = (*sp.add(full + i)).conj_if(CONJ);
            }
            for i in r..w {
                *dp.add(i) = T::zero();
            }
        }
    }
}

/// How many source columns ahead `pack_columns` asks for. Each column of
/// a block is a short run (MC elements: 168 f64 = 21 lines) a full leading
/// dimension away from the last, too short for the hardware prefetcher to
/// learn before it ends; from a matrix in DRAM each run would then cost a
/// full miss latency. Eight columns ahead is a few microseconds of copying.
const PACK_PREFETCH_COLUMNS: usize = 8;

#[inline(always)]
// SAFETY: callers (pack_panels) pass a valid r x kc source and a destination of w*kc elements.
unsafe fn pack_one_panel<T: Scalar>(w: usize, r: usize, kc: usize, s: Operand<T>, d: *mut T) {
    let conj = T::IS_COMPLEX && s.conj;
    if s.rs == 1 && !conj {
        // Rows contiguous in the source: each k step is one short contiguous
        // copy (an inline loop the compiler vectorises; a memcpy call per
        // 200-byte chunk would cost more than the copy).
        for p in 0..kc {
            let sp = s.ptr.wrapping_offset(p as isize * s.cs);
            let dp = d.add(p * w);
            for i in 0..r {
                *dp.add(i) = *sp.add(i);
            }
        }
    } else if s.cs == 1 {
        // k contiguous in the source: read `r` streams along k, write each
        // k step's `w` values contiguously.
        for p in 0..kc {
            let dp = d.add(p * w);
            for i in 0..r {
                *dp.add(i) = (*s.ptr.wrapping_offset(i as isize * s.rs + p as isize)).conj_if(conj);
            }
        }
    } else {
        for p in 0..kc {
            for i in 0..r {
                *d.add(p * w + i) = (*s.at(i, p)).conj_if(conj);
            }
        }
    }
    if r < w {
        for p in 0..kc {
            for i in r..w {
                *d.add(p * w + i) = T::zero();
            }
        }
    }
}
