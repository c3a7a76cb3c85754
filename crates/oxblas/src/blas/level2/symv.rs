//! Symmetric and Hermitian matrix-vector products `y = alpha A x + beta y`
//! with only one triangle of A stored.
//!
//! Each stored off-diagonal element `a_ij` contributes twice, to `y_i`
//! (times `x_j`) and to `y_j` (times `x_i`; conjugated for Hermitian A).
//! Columns are taken `nc` at a time (the kernel's width): the part of the
//! group outside its diagonal block runs the fused `symv` panel kernel,
//! which does both contributions from one load of A, so the triangle is
//! read once; the small diagonal blocks run the reference scalar loop,
//! except for real types, whose group kernel (`symv_grp`) takes the
//! diagonal block too, with masked loads, so a group is one kernel call
//! (the scalar diagonal blocks were a quarter of the time at n = 256).
//! Triangles of 2 MiB and more are split into column blocks of equal area
//! run on the threads (results independent of the thread count, see
//! `Sym::apply`).

// Index loops over register blocks read closer to the machine they model.
#![allow(clippy::needless_range_loop)]

use super::{check_inc, check_len, check_square, re, scale_y, with_contig_x, with_contig_y};
use crate::arch::isa;
use crate::blas::level1::par::for_blocks;
use crate::blas::Uplo;
use crate::error::Result;
use crate::kernels::vector::{kernels, Kernels};
use crate::mat::MatRef;
use crate::mem::{with_buffer, Slot};
use crate::scalar::Scalar;
use crate::threads::num_threads;
use crate::vec::{VecMut, VecRef};

/// `y = alpha A x + beta y`, A symmetric `n x n` with the `uplo` triangle
/// stored (ssymv, dsymv, and complex symmetric csymv/zsymv as in LAPACK).
pub fn symv<T: Scalar>(
    uplo: Uplo,
    alpha: T,
    a: MatRef<T>,
    x: VecRef<T>,
    beta: T,
    y: VecMut<T>,
) -> Result<()> {
    symv_impl(false, "symv", uplo, alpha, a, x, beta, y)
}

/// `y = alpha A x + beta y`, A Hermitian `n x n` with the `uplo` triangle
/// stored; the imaginary parts of the diagonal are not read (chemv,
/// zhemv; the same as [`symv`] for real T).
pub fn hemv<T: Scalar>(
    uplo: Uplo,
    alpha: T,
    a: MatRef<T>,
    x: VecRef<T>,
    beta: T,
    y: VecMut<T>,
) -> Result<()> {
    symv_impl(T::IS_COMPLEX, "hemv", uplo, alpha, a, x, beta, y)
}

#[allow(clippy::too_many_arguments)]
fn symv_impl<T: Scalar>(
    herm: bool,
    routine: &'static str,
    uplo: Uplo,
    alpha: T,
    a: MatRef<T>,
    x: VecRef<T>,
    beta: T,
    mut y: VecMut<T>,
) -> Result<()> {
    let n = a.nrows();
    check_square("symv/hemv: A", n, a.ncols())?;
    check_len("symv/hemv: x", n, x.len())?;
    check_len("symv/hemv: y", n, y.len())?;
    check_inc(routine, x.inc(), 7)?;
    check_inc(routine, y.inc(), 10)?;
    if n == 0 || (alpha.is_zero() && beta.is_one()) {
        return Ok(());
    }
    scale_y(beta, &mut y);
    if alpha.is_zero() {
        return Ok(());
    }
    let s = Sym::new(herm, uplo, a);
    // SAFETY: the view is n x n, x and y have n contiguous elements.
    with_contig_x(x, false, |xp| {
        with_contig_y(&mut y, |yp| unsafe { s.apply(n, alpha, xp, yp) })
    });
    Ok(())
}

/// A stored triangle, made column-major when the view is row-major: the
/// transpose of a symmetric matrix is itself, and of a Hermitian one its
/// conjugate, so the triangle flips and the conjugation moves from the
/// reflected contribution (`ct`) to the direct one (`cn`).
pub(super) struct Sym<T> {
    pub a: *const T,
    pub rs: isize,
    pub cs: isize,
    pub upper: bool,
    pub herm: bool,
    /// Conjugate `a_ij` in its contribution to `y_i`.
    pub cn: bool,
    /// Conjugate `a_ij` in its contribution to `y_j`.
    pub ct: bool,
}

impl<T: Scalar> Sym<T> {
    pub fn new(herm: bool, uplo: Uplo, a: MatRef<T>) -> Sym<T> {
        let (rs, cs) = (a.row_stride(), a.col_stride());
        let upper = uplo == Uplo::Upper;
        if a.nrows() <= 1 || rs == 1 || cs != 1 {
            let rs = if a.nrows() <= 1 { 1 } else { rs };
            Sym {
                a: a.as_ptr(),
                rs,
                cs,
                upper,
                herm,
                cn: false,
                ct: herm,
            }
        } else {
            Sym {
                a: a.as_ptr(),
                rs: 1,
                cs: rs,
                upper: !upper,
                herm,
                cn: herm,
                ct: false,
            }
        }
    }

    #[inline(always)]
    // SAFETY: callers pass (i, j) inside the stored triangle of the n x n view this panel was built from.
    unsafe fn at(&self, i: usize, j: usize) -> T {
        *self.a.offset(i as isize * self.rs + j as isize * self.cs)
    }

    /// The diagonal entry as the routine reads it.
    #[inline(always)]
    // SAFETY: j < n, so (j, j) is inside the view (see `at`).
    unsafe fn diag(&self, j: usize) -> T {
        let d = self.at(j, j);
        if self.herm {
            re(d)
        } else {
            d
        }
    }

    /// `y += alpha A x` over the diagonal block `[j0, j1)`, adding
    /// `alpha * t[c]` (the panel's reflected sums) to `y_{j0+c}`.
    // SAFETY: j0 <= j1 <= n; x and y hold n elements and t holds j1 - j0 (the caller's panel contract).
    unsafe fn diag_block(&self, j0: usize, j1: usize, alpha: T, x: *const T, y: *mut T, t: &[T]) {
        for j in j0..j1 {
            let t1 = alpha * *x.add(j);
            let mut t2 = t.get(j - j0).copied().unwrap_or_else(T::zero);
            *y.add(j) += t1 * self.diag(j);
            let rows = if self.upper { j0..j } else { j + 1..j1 };
            for i in rows {
                let a = self.at(i, j);
                *y.add(i) += t1 * a.conj_if(self.cn);
                t2 += a.conj_if(self.ct) * *x.add(i);
            }
            *y.add(j) += alpha * t2;
        }
    }

    /// `y += alpha A x` on contiguous x, y of n elements.
    ///
    /// Large triangles are cut into `blocks` column ranges of about equal
    /// area, a number fixed by the size alone (never the thread count):
    /// block 0 accumulates into y, block b > 0 into its own zeroed scratch
    /// vector, and the scratch vectors are added to y in block order, so
    /// every entry of y sees the same operations for any thread count.
    /// The blocks are claimed by the threads dynamically.
    ///
    /// # Safety
    /// The triangle's view is n x n; x, y have n elements, not overlapping.
    pub unsafe fn apply(&self, n: usize, alpha: T, x: *const T, y: *mut T) {
        if self.rs != 1 {
            return self.diag_block(0, n, alpha, x, y, &[]);
        }
        let k = kernels::<T>(isa());
        let nc = k.symv_nc;
        debug_assert!(nc <= 8);
        // Upper: the partial group first, so that every full group has its
        // panel (rows 0..j0) above it. Lower: full groups first.
        let first = if self.upper { n % nc } else { 0 };
        let sz = core::mem::size_of::<T>();
        let tri = n * n / 2 * sz;
        let blocks = if tri >= 2 * PAR_BLOCK_BYTES {
            (tri / BLOCK_BYTES).clamp(2, MAX_BLOCKS)
        } else if tri >= L2_SPLIT_BYTES {
            2
        } else {
            1
        };
        if blocks < 2 {
            return self.columns(k, n, first, 0, n, alpha, x, y);
        }
        // Block boundaries: columns [0, b) hold a fraction g / blocks of the
        // triangle, moved onto the group grid (first + multiples of nc).
        let mut bounds = [0usize; MAX_BLOCKS + 1];
        for g in 1..blocks {
            let f = g as f64 / blocks as f64;
            let j = if self.upper {
                n as f64 * f.sqrt()
            } else {
                n as f64 * (1.0 - (1.0 - f).sqrt())
            } as usize;
            let j = (first + (j.saturating_sub(first) / nc) * nc).clamp(bounds[g - 1], n);
            bounds[g] = j;
        }
        bounds[blocks] = n;
        let nt = num_threads().min(blocks);
        with_buffer(Slot::A, (blocks - 1) * n * sz + 64, |buf| {
            let parts: *mut T = buf.as_mut_ptr();
            let sh = Shared(self, x, y, parts);
            let block = |g: usize| {
                let (s, x, y, parts) = sh.get();
                let dst = if g == 0 {
                    y
                } else {
                    // SAFETY: scratch vector g - 1 of n elements (the buffer
                    // holds blocks - 1 of them), written by this block alone.
                    unsafe {
                        let p = parts.add((g - 1) * n);
                        core::ptr::write_bytes(p, 0, n);
                        p
                    }
                };
                // SAFETY: columns bounds[g]..bounds[g + 1] of the n x n
                // triangle; dst has n elements, written by this block only.
                unsafe { s.columns(k, n, first, bounds[g], bounds[g + 1], alpha, x, dst) };
            };
            // L2-sized: each thread keeps the same block (see `level1::par`).
            for_blocks(blocks, nt, tri < 2 * PAR_BLOCK_BYTES, &block);
            for g in 1..blocks {
                // SAFETY: scratch vector g - 1 is complete; y has n elements.
                unsafe { (k.axpy)(n, T::one(), parts.add((g - 1) * n), y) };
            }
        });
    }

    /// The contributions of columns `[lo, hi)` (group boundaries: 0, or
    /// `first` plus a multiple of the kernel width) to `y += alpha A x`.
    ///
    /// # Safety
    /// As [`Sym::apply`]; `lo <= hi <= n`.
    #[allow(clippy::too_many_arguments)]
    unsafe fn columns(
        &self,
        k: &Kernels<T>,
        n: usize,
        first: usize,
        lo: usize,
        hi: usize,
        alpha: T,
        x: *const T,
        y: *mut T,
    ) {
        let nc = k.symv_nc;
        let panel = k.symv[usize::from(self.cn)][usize::from(self.ct)];
        // Real types: whole groups, diagonal blocks included, in SIMD.
        let grp = if T::IS_COMPLEX {
            None
        } else {
            k.symv_grp[usize::from(self.upper)]
        };
        let mut xs = [T::zero(); 8];
        let mut t = [T::zero(); 8];
        let mut j0 = lo;
        if lo == 0 && first > 0 {
            self.diag_block(0, first.min(hi), alpha, x, y, &[]);
            j0 = first.min(hi);
        }
        while j0 < hi {
            let j1 = (j0 + nc).min(hi);
            if j1 - j0 < nc {
                self.diag_block(j0, j1, alpha, x, y, &[]);
                break;
            }
            for c in 0..nc {
                xs[c] = (alpha * *x.add(j0 + c)).conj_if(self.cn);
            }
            let col = self.a.offset(j0 as isize * self.cs);
            if let Some(grp) = grp {
                // The group with its diagonal block in one kernel call.
                if self.upper {
                    grp(j1, col, self.cs, xs.as_ptr(), x, y, t.as_mut_ptr());
                } else {
                    grp(
                        n - j0,
                        col.add(j0),
                        self.cs,
                        xs.as_ptr(),
                        x.add(j0),
                        y.add(j0),
                        t.as_mut_ptr(),
                    );
                }
                for c in 0..nc {
                    *y.add(j0 + c) += alpha * t[c];
                }
                j0 = j1;
                continue;
            }
            if self.upper {
                panel(j0, col, self.cs, xs.as_ptr(), x, y, t.as_mut_ptr());
            } else {
                panel(
                    n - j1,
                    col.add(j1),
                    self.cs,
                    xs.as_ptr(),
                    x.add(j1),
                    y.add(j1),
                    t.as_mut_ptr(),
                );
            }
            self.diag_block(j0, j1, alpha, x, y, &t[..nc]);
            j0 = j1;
        }
    }
}

/// Bytes of the triangle per block of a split product (see [`Sym::apply`]):
/// from two blocks' worth on, blocks are claimed dynamically by the threads.
const PAR_BLOCK_BYTES: usize = 512 << 10;
/// From this many bytes of triangle up to two `PAR_BLOCK_BYTES`, the
/// product splits into two blocks, one per thread on two threads (the same
/// thread each call, so each block stays in its core's L2); below, it runs
/// whole on the calling thread. The block count depends on the size alone,
/// so the result is the same for any thread count.
const L2_SPLIT_BYTES: usize = 128 << 10;
/// Bytes of the triangle per block beyond the first two.
const BLOCK_BYTES: usize = 1 << 20;
/// At most this many blocks (and scratch vectors).
const MAX_BLOCKS: usize = 8;

/// What the threads of one product share: the triangle and x are only
/// read; each block writes y (block 0) or its own scratch vector.
#[derive(Clone, Copy)]
struct Shared<'a, T>(&'a Sym<T>, *const T, *mut T, *mut T);
// SAFETY: as above, the blocks write disjoint memory.
unsafe impl<T> Sync for Shared<'_, T> {}
// SAFETY: as above.
unsafe impl<T> Send for Shared<'_, T> {}

impl<'a, T> Shared<'a, T> {
    /// By method, so closures capture the whole (Sync) struct.
    fn get(&self) -> (&'a Sym<T>, *const T, *mut T, *mut T) {
        (self.0, self.1, self.2, self.3)
    }
}
