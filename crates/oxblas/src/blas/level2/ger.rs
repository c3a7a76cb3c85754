//! Rank-1 update `A += alpha x y^T` (`ger`, unconjugated) and
//! `A += alpha x y^H` (`gerc`).
//!
//! Column-major A: column j gets `(alpha y_j) x` from the axpy kernel,
//! skipped when `y_j == 0` as in the reference. Row-major A is updated as
//! its transpose, `A^T += alpha y x^T` (y conjugated for gerc). Large
//! updates split the columns between threads; columns are independent, so
//! results do not depend on the thread count.

use super::{check_inc, check_len, col_axpy, with_contig_x};
use crate::blas::level1::par::for_ranges_in;
use crate::error::Result;
use crate::kernels::vector::{kernels, GER_NC};
use crate::mat::MatMut;
use crate::scalar::Scalar;
use crate::vec::VecRef;

/// Columns up to this many bytes use the multi-column ger kernel.
const GER_COL_BYTES: usize = 4096;

/// `A += alpha x y^T` (sger, dger, cgeru, zgeru); A is `m x n`, x has m
/// elements, y n.
pub fn ger<T: Scalar>(alpha: T, x: VecRef<T>, y: VecRef<T>, a: MatMut<T>) -> Result<()> {
    ger_impl(false, "ger", alpha, x, y, a)
}

/// `A += alpha x y^H` (cgerc, zgerc; the same as [`ger`] for real T).
pub fn gerc<T: Scalar>(alpha: T, x: VecRef<T>, y: VecRef<T>, a: MatMut<T>) -> Result<()> {
    ger_impl(T::IS_COMPLEX, "gerc", alpha, x, y, a)
}

#[derive(Clone, Copy)]
struct Shared<T>(*mut T, *const T, *const T);
// SAFETY: each thread writes a disjoint set of columns of A; the vectors
// are only read.
unsafe impl<T> Sync for Shared<T> {}
// SAFETY: as above.
unsafe impl<T> Send for Shared<T> {}

impl<T> Shared<T> {
    /// By method, so closures capture the whole (Sync) struct.
    fn get(&self) -> (*mut T, *const T, *const T) {
        (self.0, self.1, self.2)
    }
}

fn ger_impl<T: Scalar>(
    conj: bool,
    routine: &'static str,
    alpha: T,
    x: VecRef<T>,
    y: VecRef<T>,
    mut a: MatMut<T>,
) -> Result<()> {
    let (m, n) = (a.nrows(), a.ncols());
    check_len("ger: x vs rows of A", m, x.len())?;
    check_len("ger: y vs columns of A", n, y.len())?;
    check_inc(routine, x.inc(), 5)?;
    check_inc(routine, y.inc(), 7)?;
    if m == 0 || n == 0 || alpha.is_zero() {
        return Ok(());
    }
    let (rs, cs) = (a.row_stride(), a.col_stride());
    let ap = a.as_mut_ptr();
    // Column-major form: B (mb x nb) += alpha u w^T, with u contiguous.
    let transposed = rs != 1 && cs == 1 && m > 1;
    let (u, w, mb, nb, brs, bcs, conj_u, conj_w) = if transposed {
        (y, x, n, m, 1, rs, conj, false)
    } else {
        (x, y, m, n, rs, cs, false, conj)
    };
    let bytes = m * n * core::mem::size_of::<T>();
    with_contig_x(u, conj_u, |up| {
        let (wp, incw) = (w.as_ptr(), w.inc());
        let sh = Shared(ap, up, wp);
        let k = kernels::<T>(crate::arch::isa());
        let grouped = brs == 1 && mb * core::mem::size_of::<T>() <= GER_COL_BYTES;
        let cols = |j0: usize, j1: usize| {
            let (ap, up, wp) = sh.get();
            // Short contiguous columns go GER_NC at a time through the ger
            // kernel (one load of u per GER_NC columns); long ones (and
            // strided ones) one by one: a single sequential stream through
            // A keeps the prefetchers ahead once A is beyond L2, which
            // measured faster than interleaving GER_NC column streams.
            let mut group = [core::ptr::null_mut::<T>(); GER_NC];
            let mut ws = [T::zero(); GER_NC];
            let mut g = 0;
            for j in j0..j1 {
                // SAFETY: j < nb inside w and the view; column j of B has mb
                // elements with stride brs; u has mb contiguous elements.
                unsafe {
                    let wj = *wp.offset(j as isize * incw);
                    if wj.is_zero() {
                        continue;
                    }
                    let (s, col) = (alpha * wj.conj_if(conj_w), ap.offset(j as isize * bcs));
                    if !grouped {
                        col_axpy(mb, s, up, col, brs);
                        continue;
                    }
                    (group[g], ws[g]) = (col, s);
                    g += 1;
                    if g == GER_NC {
                        (k.ger)(mb, up, group.as_ptr(), ws.as_ptr());
                        g = 0;
                    }
                }
            }
            for c in 0..g {
                // SAFETY: a column gathered above, of mb contiguous elements.
                unsafe { col_axpy(mb, ws[c], up, group[c], 1) };
            }
        };
        // Column ranges: one per thread at L2 sizes, claimed dynamically
        // beyond (see `level1::par`; pool pieces run with this thread's ISA).
        for_ranges_in(nb, 1, bytes, &cols);
    });
    Ok(())
}
