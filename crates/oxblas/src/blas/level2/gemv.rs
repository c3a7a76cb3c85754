//! General matrix-vector product `y = alpha op(A) x + beta y`, and the
//! engine (`gemv_acc`) the triangular and symmetric routines share.
//!
//! A column-major panel runs one of two kernels (see `kernels::vector`):
//! `op(A) = A` the column-blocked axpy form (y += A (alpha x), y in
//! registers across 8 columns), `op(A) = A^T` the multi-dot form (8 dot
//! products sharing each load of x). A row-major A is the transpose of a
//! column-major one, so `NoTrans` on it runs the dot form and vice versa.
//!
//! Large products (8 MiB of A and more) run on two or more threads. The dot
//! form splits the columns (entries of y), each computed independently of
//! where its block starts. The axpy form splits the columns too, into a
//! number of blocks fixed by the size alone, each accumulating into its own
//! partial y, added in block order. Either way every entry of y gets the
//! same sequence of operations for any thread count, so results are
//! bitwise identical whatever the thread count.

use super::{check_inc, check_len, scale_y, with_contig_x, with_contig_y};
use crate::arch::isa;
use crate::blas::level1::par::{for_blocks, for_ranges_in, l2_sized};
use crate::blas::Op;
use crate::error::Result;
use crate::kernels::vector::kernels;
use crate::mat::MatRef;
use crate::mem::{with_buffer, Slot};
use crate::scalar::Scalar;
use crate::threads::num_threads;
use crate::vec::{VecMut, VecRef};

/// Bytes of A each extra thread must get before a product is split into
/// dynamically claimed column blocks. L2-sized products (`l2_sized`: 256
/// KiB up to twice this) split into one fixed block per thread instead, so
/// that each core keeps its half of A in its L2 from call to call: the
/// transposed form by column ranges (`for_ranges_in`), the axpy form into
/// two column blocks whose partial sums are added in order.
const PAR_BYTES_PER_THREAD: usize = 1 << 20;

/// Bytes of A per column block of a split axpy-form product, beyond the
/// two blocks any product worth two threads gets.
const GROUP_BYTES: usize = 4 << 20;

/// `y = alpha op(A) x + beta y` (sgemv, dgemv, cgemv, zgemv). A is `m x n`;
/// x has `n` elements and y `m` for `Op::NoTrans`, the reverse otherwise.
///
/// Quick return when `m == 0`, `n == 0` (y untouched) or `alpha == 0` and
/// `beta == 1`. `beta == 0` sets y without reading it; `alpha == 0` reads
/// neither A nor x; columns with `x_j == 0` are skipped in the `NoTrans`
/// case, as in the reference.
pub fn gemv<T: Scalar>(
    op: Op,
    alpha: T,
    a: MatRef<T>,
    x: VecRef<T>,
    beta: T,
    mut y: VecMut<T>,
) -> Result<()> {
    let (m, n) = (a.nrows(), a.ncols());
    let (lx, ly) = if op == Op::NoTrans { (n, m) } else { (m, n) };
    check_len("gemv: x vs op(A) columns", lx, x.len())?;
    check_len("gemv: y vs op(A) rows", ly, y.len())?;
    check_inc("gemv", x.inc(), 8)?;
    check_inc("gemv", y.inc(), 11)?;
    if m == 0 || n == 0 || (alpha.is_zero() && beta.is_one()) {
        return Ok(());
    }
    scale_y(beta, &mut y);
    if alpha.is_zero() {
        return Ok(());
    }
    gemv_acc(op != Op::NoTrans, op == Op::ConjTrans, alpha, a, x, &mut y);
    Ok(())
}

/// `y += alpha op(A) x`, `op(A)` = A, A^T (`trans`), conj(A) or A^H
/// (`conj`), for any strides; sizes already checked.
pub(crate) fn gemv_acc<T: Scalar>(
    trans: bool,
    conj: bool,
    alpha: T,
    a: MatRef<T>,
    x: VecRef<T>,
    y: &mut VecMut<T>,
) {
    let (m, n) = (a.nrows(), a.ncols());
    if m == 0 || n == 0 {
        return;
    }
    let conj = conj && T::IS_COMPLEX;
    // Column-major panel B and whether op applies to B or B^T.
    let (lda, trans_b) = if a.row_stride() == 1 {
        (a.col_stride(), trans)
    } else if a.col_stride() == 1 {
        (a.row_stride(), !trans)
    } else {
        return gemv_packed(trans, conj, alpha, a, x, y);
    };
    let (mb, nb) = if trans_b == trans { (m, n) } else { (n, m) };
    let ap = a.as_ptr();
    if !trans_b {
        // y (mb) += B (alpha x): y must be contiguous.
        let (xp, incx) = (x.as_ptr(), x.inc());
        // SAFETY: B is the mb x nb column-major panel of the view; x has nb
        // elements with increment incx; y has mb contiguous elements.
        with_contig_y(y, |yp| unsafe {
            gemv_colmajor(false, conj, mb, nb, alpha, ap, lda, xp, incx, yp, 1)
        });
    } else {
        // y_j (nb) += alpha op(B[:, j]) . x (mb): x must be contiguous.
        let (yp, incy) = (y.as_mut_ptr(), y.inc());
        // SAFETY: as above with the roles of x and y exchanged.
        with_contig_x(x, false, |xp| unsafe {
            gemv_colmajor(true, conj, mb, nb, alpha, ap, lda, xp, 1, yp, incy)
        });
    }
}

/// Raw pointers shared by the threads of one product; each thread writes a
/// disjoint part of y.
#[derive(Clone, Copy)]
struct Shared<T>(*const T, *const T, *mut T);
// SAFETY: A and x are only read; y is split into disjoint parts per thread.
unsafe impl<T> Sync for Shared<T> {}
// SAFETY: as above.
unsafe impl<T> Send for Shared<T> {}

impl<T> Shared<T> {
    /// By method, so closures capture the whole (Sync) struct rather than
    /// its pointer fields one by one.
    fn get(&self) -> (*const T, *const T, *mut T) {
        (self.0, self.1, self.2)
    }
}

/// Threads worth using for `bytes` of matrix.
fn threads_for(bytes: usize) -> usize {
    num_threads().min(bytes / PAR_BYTES_PER_THREAD).max(1)
}

/// `y += alpha op(B) x` for the `m x n` column-major panel B at `a` with
/// column stride `lda`; op = identity or conj (`conj`), transposed when
/// `trans`. Not transposed: y has m contiguous elements, x n with stride
/// `incx`. Transposed: x has m contiguous elements, y n with stride `incy`.
///
/// # Safety
/// Every element the shapes describe must be valid (B, x readable, y
/// writable and not overlapping them).
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn gemv_colmajor<T: Scalar>(
    trans: bool,
    conj: bool,
    m: usize,
    n: usize,
    alpha: T,
    a: *const T,
    lda: isize,
    x: *const T,
    incx: isize,
    y: *mut T,
    incy: isize,
) {
    if m == 0 || n == 0 {
        return;
    }
    let k = kernels::<T>(isa());
    let ci = usize::from(conj);
    let bytes = m * n * core::mem::size_of::<T>();
    // Column blocks of the axpy form: from the size only (see below);
    // L2-sized A runs two, one per thread (the same each call, see
    // `level1::par`).
    let l2 = l2_sized(bytes);
    let groups = if bytes >= 2 * PAR_BYTES_PER_THREAD {
        (bytes / GROUP_BYTES).clamp(2, 8)
    } else if l2 {
        2
    } else {
        1
    };
    let nt = if l2 {
        num_threads().min(groups)
    } else {
        threads_for(bytes)
    };
    if trans {
        // Dot form: ranges of whole columns (multiples of 8, contiguous
        // memory): one per thread at L2 sizes, about 8 per thread claimed
        // dynamically beyond (see `level1::par`).
        let sh = Shared(a, x, y);
        return for_ranges_in(n, 8, bytes, &|lo, hi| {
            let (a, x, y) = sh.get();
            // SAFETY: columns lo..hi of B and entries lo..hi of y, disjoint
            // between ranges; every range is computed once.
            unsafe {
                (k.gemv_t[ci])(
                    m,
                    hi - lo,
                    a.offset(lo as isize * lda),
                    lda,
                    x,
                    alpha,
                    T::one(),
                    y.offset(lo as isize * incy),
                    incy,
                )
            };
        });
    }
    if nt <= 1 && groups < 2 {
        return (k.gemv_n[ci])(m, n, a, lda, alpha, x, incx, y);
    }
    gemv_n_grouped(k, ci, m, n, alpha, a, lda, x, incx, y, groups, nt, l2)
}

/// The axpy form of a large product: column-major memory splits well only
/// by columns, so the columns are cut into `groups` blocks (a number set
/// by the size alone, never by the thread count); block 0 accumulates into
/// y, block g > 0 into a zeroed scratch vector, and the scratch vectors
/// are then added to y in block order. The operations on every entry of y
/// are thus the same for any number of threads.
///
/// # Safety
/// As [`gemv_colmajor`] (not transposed).
#[allow(clippy::too_many_arguments)]
unsafe fn gemv_n_grouped<T: Scalar>(
    k: &'static crate::kernels::vector::Kernels<T>,
    ci: usize,
    m: usize,
    n: usize,
    alpha: T,
    a: *const T,
    lda: isize,
    x: *const T,
    incx: isize,
    y: *mut T,
    groups: usize,
    nt: usize,
    fixed: bool,
) {
    with_buffer(
        Slot::A,
        (groups - 1) * m * core::mem::size_of::<T>() + 64,
        |buf| {
            let parts: *mut T = buf.as_mut_ptr();
            let sh = Shared(a, x, parts);
            let yy = Shared(a, x, y);
            for_blocks(groups, nt, fixed, &|g| {
                let (a, x, parts) = sh.get();
                let (j0, j1) = (n * g / groups, n * (g + 1) / groups);
                let dst = if g == 0 {
                    yy.get().2
                } else {
                    // SAFETY: scratch vector g - 1 of m elements (the buffer holds
                    // groups - 1 of them), written by this block alone.
                    unsafe {
                        let p = parts.add((g - 1) * m);
                        core::ptr::write_bytes(p, 0, m);
                        p
                    }
                };
                // SAFETY: columns j0..j1 of B, x entries j0..j1; dst is y (block
                // 0) or this block's scratch vector, written by this block only.
                unsafe {
                    (k.gemv_n[ci])(
                        m,
                        j1 - j0,
                        a.offset(j0 as isize * lda),
                        lda,
                        alpha,
                        x.offset(j0 as isize * incx),
                        incx,
                        dst,
                    )
                };
            });
            for g in 1..groups {
                // SAFETY: scratch vector g - 1 is complete; y has m elements.
                unsafe { (k.axpy)(m, T::one(), parts.add((g - 1) * m), y) };
            }
        },
    );
}

/// Bytes of A packed at a time when its strides suit no kernel.
const PACK_BYTES: usize = 256 << 10;

/// `y += alpha op(A) x` for views with no unit stride (e.g. NumPy
/// `a[::2, ::3]` or `a[::-1, ::-1]`): blocks of whole columns are copied to
/// a column-major scratch panel and run through the kernels. Reading A
/// twice (once strided) still beats scalar loops over strided data.
fn gemv_packed<T: Scalar>(
    trans: bool,
    conj: bool,
    alpha: T,
    a: MatRef<T>,
    x: VecRef<T>,
    y: &mut VecMut<T>,
) {
    let (m, n) = (a.nrows(), a.ncols());
    let sz = core::mem::size_of::<T>();
    let nb = (PACK_BYTES / sz / m).clamp(1, n);
    with_buffer(Slot::A, m * nb * sz + 64, |buf| {
        let p: *mut T = buf.as_mut_ptr();
        let mut j0 = 0;
        while j0 < n {
            let jb = nb.min(n - j0);
            for j in 0..jb {
                for i in 0..m {
                    // SAFETY: (i, j0 + j) is inside the view; the buffer holds
                    // m * nb elements.
                    unsafe { p.add(i + j * m).write(*a.ptr_at(i, j0 + j)) };
                }
            }
            // SAFETY: the buffer now holds an initialised m x jb column-major
            // panel, alive for this closure.
            let blk = unsafe { MatRef::from_raw_parts(p as *const T, m, jb, 1, m as isize) };
            if trans {
                gemv_acc(true, conj, alpha, blk, x, &mut y.rb_mut().subvector(j0, jb));
            } else {
                gemv_acc(false, conj, alpha, blk, x.subvector(j0, jb), y);
            }
            j0 += jb;
        }
    });
}
