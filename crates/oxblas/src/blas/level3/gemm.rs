//! GEMM: `C = alpha * op(A) * op(B) + beta * C`, one generic driver.
//!
//! Paths, chosen by shape only (never by thread count, so results are
//! bitwise identical for every thread count):
//!
//! * trivial: `m == 0 || n == 0` returns; `alpha == 0 || k == 0` only scales C
//!   by beta (beta == 0 writes zeros without reading C) and reads neither A
//!   nor B.
//! * unpacked (one k block, `k <= KC`, and A within half of L2, or a tiny
//!   product): A and B are read in place by the micro-kernels (A's edge rows
//!   by masked kernels), threads split C's panels. With a single k block the
//!   arithmetic per element is exactly that of the blocked path, so which of
//!   the two runs never changes a bit.
//! * blocked: Goto/BLIS five loops (see `blocking.rs`) with packed A blocks
//!   and B either packed or, when its columns are contiguous along k, read
//!   in place; parallel over the output: threads form a `tm x tn` grid over
//!   C's rows and B's NR-panels, each packs the B panels of its cell into
//!   its own buffer (no barriers: a late thread delays nobody), and k is
//!   never split.
//!
//! Row-major C (unit column stride) is handled by computing the transposed
//! product `C^T = op(B)^T op(A)^T`, so the kernels always see column-major C.

use super::blocking::{blocking, k_block};
use super::common::op_operand;
use super::pack::{pack_panels, Operand};
use crate::arch::{caches, isa};
use crate::error::{Error, Result};
use crate::kernels::GemmKernel;
use crate::mat::{MatMut, MatRef};
use crate::mem::{with_buffer, Slot};
use crate::scalar::Scalar;
use crate::threads::{num_threads, parallel_for};

/// How an operand enters the product (BLAS `TRANS` argument).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Op {
    /// `A`
    NoTrans,
    /// `A^T`
    Trans,
    /// `A^H` (conjugate transpose; same as `Trans` for real types)
    ConjTrans,
}

/// Below this `m*n*k` (with k <= KC), the unpacked path is used even when A
/// does not fit the L2 budget: the call is too short for packing to pay.
const SMALL_WORK: usize = 96 * 96 * 96;
/// Work (`m*n*k` in f64 multiply-adds: complex counted 4x, f32 half) at
/// which another thread joins: about 4.5 us per thread at full speed. A
/// worker that is not running by then costs nothing but the publication
/// (the caller claims its piece, see threads.rs).
const WORK_PER_THREAD: usize = 64 * 64 * 64;

/// `C = alpha * op(A) * op(B) + beta * C` on strided views.
///
/// `op(A)` must be `m x k` and `op(B)` `k x n` where C is `m x n`.
pub fn gemm<T: Scalar>(
    op_a: Op,
    op_b: Op,
    alpha: T,
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    beta: T,
    mut c: MatMut<'_, T>,
) -> Result<()> {
    let (m, n) = (c.nrows(), c.ncols());
    let (oa, am, ak) = op_operand(&a, op_a);
    let (ob, bk, bn) = op_operand(&b, op_b);
    if am != m || ak != bk || bn != n {
        return Err(Error::DimensionMismatch {
            what: "gemm: op(A) x op(B) vs C",
            expected: (m, n),
            found: (am, bn),
        });
    }
    if ak != bk {
        return Err(Error::DimensionMismatch {
            what: "gemm: inner dimensions",
            expected: (am, ak),
            found: (bk, bn),
        });
    }
    let (rs_c, cs_c) = (c.row_stride(), c.col_stride());
    // SAFETY: the views were built by checked constructors (or by callers of
    // the unsafe ones, who vouched for them) and their shapes agree, so every
    // element gemm_raw touches is inside A, B and C; C's view is exclusive.
    unsafe { gemm_raw(m, n, ak, alpha, oa, ob, beta, c.as_mut_ptr(), rs_c, cs_c) };
    Ok(())
}

/// `C = beta * C` with the BLAS rule that beta == 0 writes zeros (NaN and Inf
/// in C do not survive) and beta == 1 touches nothing.
///
/// # Safety
/// `c` must address a valid, exclusive `m x n` block with strides rs, cs.
pub(crate) unsafe fn scale_c<T: Scalar>(
    m: usize,
    n: usize,
    beta: T,
    c: *mut T,
    rs: isize,
    cs: isize,
) {
    if beta.is_one() {
        return;
    }
    // Walk the shorter stride innermost (a row-major C, or the transposed
    // views of TRSM's right side, would otherwise be walked across lines).
    let (m, n, rs, cs) = if rs.unsigned_abs() <= cs.unsigned_abs() {
        (m, n, rs, cs)
    } else {
        (n, m, cs, rs)
    };
    for j in 0..n {
        let col = c.offset(j as isize * cs);
        for i in 0..m {
            let p = col.offset(i as isize * rs);
            *p = if beta.is_zero() { T::zero() } else { beta * *p };
        }
    }
}

/// The driver on raw operands; the checked entry points call this.
///
/// # Safety
/// `a` must address a valid `m x k` block, `b` a valid `k x n` block, `c` a
/// valid exclusive `m x n` block with no two elements aliasing, none of C
/// overlapping A or B.
#[allow(clippy::too_many_arguments)]
#[inline]
pub(crate) unsafe fn gemm_raw<T: Scalar>(
    m: usize,
    n: usize,
    k: usize,
    alpha: T,
    a: Operand<T>,
    b: Operand<T>,
    beta: T,
    c: *mut T,
    rs_c: isize,
    cs_c: isize,
) {
    if m == 0 || n == 0 {
        return;
    }
    if alpha.is_zero() || k == 0 {
        return scale_c(m, n, beta, c, rs_c, cs_c);
    }
    // Kernels prefer unit row stride in C; a row-major C becomes column-major
    // by transposing the whole product.
    let (m, n, a, b, rs_c, cs_c) = if cs_c.unsigned_abs() == 1 && rs_c.unsigned_abs() != 1 {
        (n, m, b.t(), a.t(), cs_c, rs_c)
    } else {
        (m, n, a, b, rs_c, cs_c)
    };
    // The small single-threaded product with nothing to copy goes straight
    // to the tile loop, its arguments in registers (see `small_in_place`).
    let kern = T::gemm_kernel(isa());
    if rs_c == 1
        && a.rs == 1
        && !(T::IS_COMPLEX && (a.conj || b.conj))
        && n % kern.nr == 0
        && is_small::<T>(m, n, k, blocking::<T>(kern.isa).kc)
    {
        return small_in_place(
            kern, m, n, k, alpha, a.ptr, a.cs, b.ptr, b.rs, b.cs, beta, c, cs_c,
        );
    }
    gemm_dispatch(m, n, k, alpha, a, b, beta, c, rs_c, cs_c)
}

/// Work (`m*n*k` multiply-adds) weighed by its time, in f64 multiply-adds:
/// a complex multiply-add is four real ones, and a vector holds twice as
/// many f32 as f64.
#[inline(always)]
fn weighed_work<T: Scalar>(work: usize) -> usize {
    let w = if T::IS_COMPLEX {
        work.saturating_mul(4)
    } else {
        work
    };
    w / (8 / core::mem::size_of::<T::Real>())
}

/// The small products that run unpacked on one thread (no thread count, no
/// cache sizes consulted): one k block, and too little work to pack or to
/// share with another thread.
#[inline(always)]
fn is_small<T: Scalar>(m: usize, n: usize, k: usize, kc: usize) -> bool {
    let work = m.saturating_mul(n).saturating_mul(k);
    k <= kc && work <= SMALL_WORK && weighed_work::<T>(work) < WORK_PER_THREAD
}

/// Picks the path for a non-trivial product with a column-major (or
/// general-strided) C. Kept out of line (`gemm_raw` is inlined into its
/// callers, and only its first checks should be).
///
/// # Safety
/// As `gemm_raw`, with `m, n, k > 0` and alpha nonzero.
#[allow(clippy::too_many_arguments)]
#[inline(never)]
// SAFETY: contract of `gemm_raw` (valid A, B, exclusive C), forwarded unchanged.
unsafe fn gemm_dispatch<T: Scalar>(
    m: usize,
    n: usize,
    k: usize,
    alpha: T,
    a: Operand<T>,
    b: Operand<T>,
    beta: T,
    c: *mut T,
    rs_c: isize,
    cs_c: isize,
) {
    let p = Product {
        m,
        n,
        k,
        alpha,
        a,
        b,
        beta,
        c,
        rs_c,
        cs_c,
    };
    let kern = T::gemm_kernel(isa());
    let bl = blocking::<T>(kern.isa);
    let work = m.saturating_mul(n).saturating_mul(k);
    let flops_work = weighed_work::<T>(work);
    // Small products: one thread, unpacked (those with nothing to copy
    // took `small_in_place` already).
    if is_small::<T>(m, n, k, bl.kc) {
        return gemm_unpacked(kern, 1, p);
    }
    // A second thread once the work reaches WORK_PER_THREAD, a third at twice that, ...
    let nt = num_threads().min(flops_work / WORK_PER_THREAD + 1);
    // One k block and A small enough to stay in L2: read everything in
    // place. With k <= KC both paths do the same arithmetic per element
    // (one accumulation over all of k, then alpha and beta), so this choice
    // cannot change a result bit; it only saves the packing.
    let a_bytes = m
        .saturating_mul(k)
        .saturating_mul(core::mem::size_of::<T>());
    if k <= bl.kc && (a_bytes <= caches().l2 / 2 || work <= SMALL_WORK) {
        return gemm_unpacked(kern, nt, p);
    }
    gemm_blocked(kern, nt, p);
}

/// The small single-threaded product with nothing to copy: A with
/// contiguous columns, neither operand conjugated, C column-major, and whole
/// NR panels of B (`n % NR == 0`), all read in place. The same tiles and
/// kernels as `gemm_unpacked` on one thread (so the same bits), but every
/// argument travels in a register: a 16x16x16 product takes about 90 ns, and
/// the descriptor structs of the general path, written to the stack and read
/// back piecewise (store-to-load forwarding fails on a 16-byte read of two
/// 8-byte writes), cost about a fifth of that.
///
/// # Safety
/// As `gemm_raw`, with the layout above, `m, n, k > 0`, `k <= KC`.
#[allow(clippy::too_many_arguments)]
#[inline(never)]
// SAFETY: contract of `gemm_raw`; the layout conditions are checked by its only caller.
unsafe fn small_in_place<T: Scalar>(
    kern: &GemmKernel<T>,
    m: usize,
    n: usize,
    k: usize,
    alpha: T,
    a: *const T,
    a_cs: isize,
    b: *const T,
    b_rs: isize,
    b_cs: isize,
    beta: T,
    c: *mut T,
    cs_c: isize,
) {
    let (mr, nr) = (kern.mr, kern.nr);
    let mut j0 = 0;
    // A short C (one vector of rows) runs W columns per call.
    if let Some((w, wide)) = kern.wide {
        if m <= kern.rows_per_vector {
            while j0 + w <= n {
                let bp = b.wrapping_offset(j0 as isize * b_cs);
                let cp = c.offset(j0 as isize * cs_c);
                wide(k, a, a_cs, bp, b_rs, b_cs, cp, 1, cs_c, m, w, alpha, beta);
                j0 += w;
            }
        }
    }
    let lanes = kern.rows_per_vector;
    while j0 < n {
        let bp = b.wrapping_offset(j0 as isize * b_cs);
        let cj = c.offset(j0 as isize * cs_c);
        let mut i0 = 0;
        while i0 < m {
            let mb = balanced_rows(m - i0, mr, lanes);
            let f = if mb == mr {
                kern.strided_b
            } else {
                kern.masked[(mb - 1) / lanes]
            };
            f(
                k,
                a.add(i0),
                a_cs,
                bp,
                b_rs,
                b_cs,
                cj.add(i0),
                1,
                cs_c,
                mb,
                nr,
                alpha,
                beta,
            );
            i0 += mb;
        }
        j0 += nr;
    }
}

/// Rows of the next row tile when `left` rows remain, tiles of at most `mr`
/// rows and vectors of `lanes`: a full tile, unless that would leave a tile
/// of one vector or less; then the last two tiles share the rows evenly
/// (whole vectors first). A one-vector tile loads one vector of A per NR
/// broadcasts of B, so for m = 64 in f32 (MR = 48) two 32-row tiles run
/// about 4% faster than 48 + 16. Each element of C is still one FMA chain
/// over k, so the split changes no result bit.
#[inline]
fn balanced_rows(left: usize, mr: usize, lanes: usize) -> usize {
    if left <= mr {
        left
    } else if left - mr <= lanes {
        (left / 2).next_multiple_of(lanes)
    } else {
        mr
    }
}

/// Unpacked path (one k block): A and B are read in place (A's edge rows
/// through masked kernels sized to the rows left, so nothing past a column
/// is read); only a conjugated or row-strided A, a conjugated B, and B's
/// last partial column panel are copied, once, before the threads start.
/// Threads split C's column panels (or row tiles when there are few panels).
// SAFETY: contract of `gemm_raw`, checked by its caller before dispatch.
unsafe fn gemm_unpacked<T: Scalar>(kern: &GemmKernel<T>, nt: usize, p: Product<T>) {
    let Product {
        m,
        n,
        k,
        alpha,
        a,
        b,
        beta,
        c,
        rs_c,
        cs_c,
    } = p;
    let (mr, nr) = (kern.mr, kern.nr);
    let a_direct = a.rs == 1 && !(T::IS_COMPLEX && a.conj);
    let b_direct = !(T::IS_COMPLEX && b.conj);
    // Columns read in place (full NR panels of an unconjugated B).
    let full_cols = if b_direct { n - n % nr } else { 0 };
    // Scratch: packed A (unless read in place), then packed B (all of it, or
    // only the last partial panel).
    let a_elems = if a_direct { 0 } else { m.div_ceil(mr) * mr * k };
    let b_elems = (n - full_cols).next_multiple_of(nr) * k;
    let bytes = (a_elems + b_elems + 16) * core::mem::size_of::<T>();
    let run = |a_buf: *mut T| {
        let b_buf = a_buf.wrapping_add(a_elems);
        if !a_direct {
            pack_panels(mr, m, k, a, a_buf);
        }
        if full_cols < n {
            let j0 = full_cols;
            pack_panels(
                nr,
                n - j0,
                k,
                Operand {
                    ptr: b.at(0, j0),
                    ..b
                }
                .t(),
                b_buf,
            );
        }
        let tiles = UnpackedTiles {
            kern,
            p,
            a_buf: if a_direct {
                None
            } else {
                Some(a_buf as *const T)
            },
            b_edge: b_buf,
            full_cols,
        };
        if nt <= 1 {
            // The small-size common case: no thread pool, no grid; a short
            // C (one vector of rows) runs its leading columns through the
            // wide kernel, W at a time.
            let mut j_start = 0;
            if let Some((w, wide)) = kern.wide {
                if a_direct && b_direct && m <= kern.rows_per_vector && n >= w {
                    debug_assert!(w % nr == 0);
                    let nw = n / w;
                    for jw in 0..nw {
                        let j0 = jw * w;
                        wide(
                            k,
                            a.ptr,
                            a.cs,
                            b.at(0, j0),
                            b.rs,
                            b.cs,
                            c.offset(j0 as isize * cs_c),
                            rs_c,
                            cs_c,
                            m,
                            w,
                            alpha,
                            beta,
                        );
                    }
                    j_start = nw * w;
                }
            }
            return tiles.run(0, m, j_start, n);
        }
        let (m_tiles, n_panels) = (m.div_ceil(mr), n.div_ceil(nr));
        let body = |tid: usize, nt: usize| {
            let (tm, tn) = thread_grid(nt, m, mr, n, nr);
            let (t0, t1) = split(m_tiles, tm, tid % tm);
            let (q0, q1) = split(n_panels, tn, tid / tm);
            // SAFETY: the threads' (row tile, column panel) ranges are
            // disjoint, so each writes a disjoint part of C.
            unsafe { tiles.run(t0 * mr, (t1 * mr).min(m), q0 * nr, (q1 * nr).min(n)) };
        };
        parallel_for(nt, &body);
    };
    if a_elems + b_elems == 0 {
        // Nothing to copy (the common small case): no buffer at all.
        run(core::ptr::null_mut())
    } else {
        with_buffer(Slot::Scratch, bytes, |buf| run(buf.as_mut_ptr()))
    }
}

/// One product `C = alpha * op(A) * op(B) + beta * C` on raw operands, as
/// `gemm_raw` received it.
struct Product<T> {
    m: usize,
    n: usize,
    k: usize,
    alpha: T,
    a: Operand<T>,
    b: Operand<T>,
    beta: T,
    c: *mut T,
    rs_c: isize,
    cs_c: isize,
}

impl<T: Copy> Clone for Product<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Copy> Copy for Product<T> {}

// SAFETY: shared read-only by the threads of one call, which all end before
// gemm_raw returns (parallel_for joins); each thread writes a disjoint part
// of C, chosen by the driver.
unsafe impl<T: Sync> Sync for Product<T> {}

/// The tile loop of the unpacked path (one k block): everything a thread
/// needs to compute its share of C's MR x NR tiles.
struct UnpackedTiles<'k, T: 'static> {
    kern: &'k GemmKernel<T>,
    p: Product<T>,
    /// A packed in MR panels, or None when A is read in place.
    a_buf: Option<*const T>,
    /// B's panels from column `full_cols` on, packed (NR wide, zero padded).
    b_edge: *mut T,
    full_cols: usize,
}

// SAFETY: shared read-only by the threads of one call, which outlive none of
// the pointed-to data (parallel_for joins); each thread writes a disjoint
// set of C's tiles, chosen by the caller of `run`.
unsafe impl<T: Sync> Sync for UnpackedTiles<'_, T> {}

impl<T: Scalar> UnpackedTiles<'_, T> {
    /// Computes C's rows `i_start..i_end` of columns `j_start..j_end`, in
    /// MR x NR tiles from (i_start, j_start) (both multiples of MR, NR).
    ///
    /// # Safety
    /// The fields must describe a valid product as `gemm_unpacked` sets it
    /// up; no other thread may write the same part of C concurrently.
    #[inline]
    // SAFETY: the fields describe a product set up by `gemm_unpacked`; callers give disjoint C ranges.
    unsafe fn run(&self, i_start: usize, i_end: usize, j_start: usize, j_end: usize) {
        let kern = self.kern;
        let Product {
            m,
            n,
            k,
            alpha,
            a,
            b,
            beta,
            c,
            rs_c,
            cs_c,
        } = self.p;
        let (mr, nr) = (kern.mr, kern.nr);
        let mut j0 = j_start;
        while j0 < j_end {
            let nb = nr.min(n - j0);
            let (bp, b_rs, b_cs) = if j0 < self.full_cols {
                (b.at(0, j0), b.rs, b.cs)
            } else {
                (
                    self.b_edge.add((j0 - self.full_cols) * k) as *const T,
                    nr as isize,
                    1,
                )
            };
            let mut i0 = i_start;
            while i0 < i_end {
                // Packed A panels start at multiples of MR; A read in place
                // can take the balanced split.
                let mb = if self.a_buf.is_some() {
                    mr.min(m - i0)
                } else {
                    balanced_rows(i_end - i0, mr, kern.rows_per_vector)
                };
                let cp = c.offset(i0 as isize * rs_c + j0 as isize * cs_c);
                let (ap, a_cs) = match self.a_buf {
                    Some(buf) => (buf.add(i0 * k), mr as isize),
                    None => (a.at(i0, 0), a.cs),
                };
                let f = if mb == mr {
                    kern.strided_b
                } else {
                    kern.masked[(mb - 1) / kern.rows_per_vector]
                };
                f(
                    k, ap, a_cs, bp, b_rs, b_cs, cp, rs_c, cs_c, mb, nb, alpha, beta,
                );
                i0 += mb;
            }
            j0 += nr;
        }
    }
}

/// Splits `count` units into `parts` contiguous ranges; range `idx`.
#[inline]
fn split(count: usize, parts: usize, idx: usize) -> (usize, usize) {
    (count * idx / parts, count * (idx + 1) / parts)
}

/// Multiply-adds that streaming one element of A or B costs a thread (in
/// `thread_grid`'s model).
const STREAM_COST: usize = 8;

/// The largest of the `parts` ranges that `split` cuts from `len` elements
/// in units of `w` (the last unit may be partial), in elements.
fn widest(len: usize, w: usize, parts: usize) -> usize {
    let units = len.div_ceil(w);
    (0..parts)
        .map(|i| {
            let (a, b) = split(units, parts, i);
            (b * w).min(len) - (a * w).min(len)
        })
        .max()
        .unwrap_or(0)
}

/// The `tm x tn` thread grid over an `m x n` C (rows in MR tiles, columns
/// in NR panels) that minimises the largest per-thread cost: its cell in
/// elements (a 64-row C in 48-row tiles splits 48 + 16 by rows, 32 + 32 by
/// columns) plus the rows of A and columns of B it must stream, each per k
/// step worth about `STREAM_COST` multiply-adds (so a tall, narrow C splits
/// by rows: split by columns, every thread would read and pack all of A).
/// Among equals the one with more row groups.
fn thread_grid(nt: usize, m: usize, mr: usize, n: usize, nr: usize) -> (usize, usize) {
    let mut best = (1, nt);
    let mut best_cost = usize::MAX;
    for tm in 1..=nt {
        if !nt.is_multiple_of(tm) {
            continue;
        }
        let tn = nt / tm;
        let (rows, cols) = (widest(m, mr, tm), widest(n, nr, tn));
        let cost = rows * cols + STREAM_COST * (rows + cols);
        if cost <= best_cost {
            best_cost = cost;
            best = (tm, tn);
        }
    }
    best
}

/// Goto/BLIS blocked GEMM on `nt` threads (fewer if the pool grants fewer).
// SAFETY: contract of `gemm_raw` (valid A, B, exclusive C), forwarded to each thread's disjoint cell of C.
unsafe fn gemm_blocked<T: Scalar>(kern: &GemmKernel<T>, nt: usize, p: Product<T>) {
    let Product { m, n, a, b, .. } = p;
    let mut bl = blocking::<T>(kern.isa);
    bl.kc = k_block(p.k, bl.kc);
    let (mr, nr, kc) = (bl.mr, bl.nr, bl.kc);
    // B with k-contiguous columns (column-major B, or a row-major op(B)^T)
    // is read in place by the strided-B kernel: a KC x NR micro-panel of it
    // is as cache-friendly as a packed one, and skipping the copy saves a
    // pass over B. Only its last partial panel is copied (zero-padded).
    let b_in_place = b.rs == 1 && !(T::IS_COMPLEX && b.conj);
    // With few columns in C each element of A is used only n times, so a
    // packing pass over A costs a good part of the product: read A in place
    // (edge rows through the masked kernels). Not when A's column stride is
    // a multiple of 4 KiB (and there is more than one column panel to reuse
    // the block): then every column of an A block starts at the same offset
    // in its page, maps to the same L1 sets and a few L2 sets, and the block
    // falls out of L2 between panels, every reuse a miss to L3 (a cache
    // simulation of 4096x64x512 shows 11x the L2 misses of the packed
    // block); packing (along columns, see pack.rs) streams it once instead.
    let a_aliases = (a.cs.unsigned_abs() * core::mem::size_of::<T>()).is_multiple_of(4096);
    let a_in_place =
        a.rs == 1 && !(T::IS_COMPLEX && a.conj) && (n <= nr || (n <= 16 * nr && !a_aliases));
    // Smaller NC than n when n is small (never pack more than needed),
    // and blocks of even width when n needs several.
    let nc = super::blocking::column_block(n, bl.nc, nr);
    let m_tiles = m.div_ceil(mr);
    let body = |tid: usize, nt: usize| {
        let (tm, tn) = thread_grid(nt, m, mr, nc.min(n), nr);
        let (im, jn) = (tid % tm, tid / tm);
        let (t0, t1) = split(m_tiles, tm, im);
        let (m0, m1) = (t0 * mr, (t1 * mr).min(m));
        let mc = bl.mc.min((m1 - m0).next_multiple_of(mr)).max(mr);
        // Each thread packs the B panels it reads into its own buffer: no
        // barrier, so a thread that starts late (or never: the caller then
        // runs its share) holds up nobody. Threads sharing columns pack
        // them twice, a copy that costs about 1/(rows per thread) of the
        // product.
        let share = nc.div_ceil(nr).div_ceil(tn) + 1;
        let b_bytes = if b_in_place {
            64
        } else {
            (kc * share * nr + 16) * core::mem::size_of::<T>()
        };
        // A block, then (B in place) a private copy of B's edge panel.
        let a_bytes = (mc * kc + nr * kc + 16) * core::mem::size_of::<T>();
        with_buffer(Slot::B, b_bytes, |bbuf| {
            let b_buf: *mut T = bbuf.as_mut_ptr();
            with_buffer(Slot::A, a_bytes, |abuf| {
                let a_buf: *mut T = abuf.as_mut_ptr();
                // SAFETY: the buffers hold what is asked of them above; this
                // thread writes only its own rows m0..m1 x panels q0..q1 of
                // C (the grid's cells are disjoint).
                unsafe {
                    blocked_share(
                        kern, &bl, &p, nc, tn, jn, m0, m1, mc, a_buf, b_buf, b_in_place, a_in_place,
                    )
                }
            })
        })
    };
    parallel_for(nt, &body);
}

/// One thread's cell of the blocked product: C's rows `m0..m1` and, in each
/// NC block, the NR panels `split(panels, tn, jn)`.
///
/// # Safety
/// As `gemm_raw`, plus: `a_buf` holds `mc*kc + nr*kc` elements, `b_buf`
/// (unless B is read in place) this cell's panels of one KC x NC block; no
/// other thread writes the same cell of C.
#[allow(clippy::too_many_arguments)]
// SAFETY: contract above; each buffer holds what the loops below index, and only this cell of C is written.
unsafe fn blocked_share<T: Scalar>(
    kern: &GemmKernel<T>,
    bl: &super::blocking::Blocking,
    p: &Product<T>,
    nc: usize,
    tn: usize,
    jn: usize,
    m0: usize,
    m1: usize,
    mc: usize,
    a_buf: *mut T,
    b_buf: *mut T,
    b_in_place: bool,
    a_in_place: bool,
) {
    let (mr, nr, kc) = (bl.mr, bl.nr, bl.kc);
    let Product {
        n,
        k,
        alpha,
        a,
        b,
        beta,
        c,
        rs_c,
        cs_c,
        ..
    } = *p;
    let edge_buf = a_buf.add(mc * kc);
    let mut jc = 0;
    while jc < n {
        let ncb = nc.min(n - jc);
        let panels = ncb.div_ceil(nr);
        let (q0, q1) = split(panels, tn, jn);
        let mut pc = 0;
        while pc < k && q1 > q0 && m1 > m0 {
            let kcb = kc.min(k - pc);
            if !b_in_place {
                // This cell's panels of B(pc, jc), packed privately.
                let cols = (q1 * nr).min(ncb) - q0 * nr;
                let src = Operand {
                    ptr: b.at(pc, jc + q0 * nr),
                    ..b
                };
                pack_panels(nr, cols, kcb, src.t(), b_buf);
            } else if q1 * nr > ncb {
                let j0 = (q1 - 1) * nr;
                let src = Operand {
                    ptr: b.at(pc, jc + j0),
                    ..b
                };
                pack_panels(nr, ncb - j0, kcb, src.t(), edge_buf);
            }
            let beta_k = if pc == 0 { beta } else { T::one() };
            let mut ic = m0;
            while ic < m1 {
                let mcb = mc.min(m1 - ic);
                if !a_in_place {
                    pack_panels(
                        mr,
                        mcb,
                        kcb,
                        Operand {
                            ptr: a.at(ic, pc),
                            ..a
                        },
                        a_buf,
                    );
                }
                for q in q0..q1 {
                    let j0 = q * nr;
                    let nb = nr.min(ncb - j0);
                    let (bp, b_rs, b_cs, kernel) = if !b_in_place {
                        (
                            b_buf.add((q - q0) * nr * kcb) as *const T,
                            nr as isize,
                            1,
                            kern.packed_b,
                        )
                    } else if nb < nr {
                        (edge_buf as *const T, nr as isize, 1, kern.strided_b)
                    } else {
                        (b.at(pc, jc + j0), b.rs, b.cs, kern.strided_b)
                    };
                    let mut ir = 0;
                    while ir < mcb {
                        let mb = mr.min(mcb - ir);
                        let cp = c.offset((ic + ir) as isize * rs_c + (jc + j0) as isize * cs_c);
                        let (ap, a_cs) = if !a_in_place {
                            (a_buf.add(ir * kcb) as *const T, mr as isize)
                        } else {
                            (a.at(ic + ir, pc), a.cs)
                        };
                        // An edge tile runs the kernel sized to its rows
                        // (it reads B through strides, packed or not), not
                        // a full MR tile over zero padding.
                        let kernel = if mb == mr {
                            kernel
                        } else {
                            kern.masked[(mb - 1) / kern.rows_per_vector]
                        };
                        kernel(
                            kcb, ap, a_cs, bp, b_rs, b_cs, cp, rs_c, cs_c, mb, nb, alpha, beta_k,
                        );
                        ir += mr;
                    }
                }
                ic += mcb;
            }
            pc += kcb;
        }
        jc += ncb;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_prefers_the_long_side() {
        assert_eq!(thread_grid(2, 100, 1, 2, 1), (2, 1));
        assert_eq!(thread_grid(2, 1, 1, 100, 1), (1, 2));
        // Equal cells: the split that streams less (B is the larger side).
        assert_eq!(thread_grid(2, 86, 1, 256, 1), (1, 2));
        assert_eq!(thread_grid(4, 50, 1, 50, 1), (2, 2));
        assert_eq!(thread_grid(1, 7, 1, 9, 1), (1, 1));
        assert_eq!(thread_grid(2, 2064, 24, 1024, 8), (2, 1));
    }

    #[test]
    fn grid_weighs_partial_tiles() {
        // 64 rows in 48-row tiles: 48 + 16 by rows, so split the columns.
        assert_eq!(thread_grid(2, 64, 48, 64, 8), (1, 2));
        assert_eq!(widest(64, 48, 2), 48);
        assert_eq!(widest(64, 8, 2), 32);
        assert_eq!(widest(5, 8, 2), 5);
        // Tall and narrow: split the rows, or each thread streams all of A.
        assert_eq!(thread_grid(2, 4096, 24, 64, 8), (2, 1));
        assert_eq!(thread_grid(2, 64, 24, 4096, 8), (1, 2));
    }

    #[test]
    fn split_covers_everything() {
        for count in 0..20 {
            for parts in 1..5 {
                let mut next = 0;
                for i in 0..parts {
                    let (a, b) = split(count, parts, i);
                    assert_eq!(a, next);
                    next = b;
                }
                assert_eq!(next, count);
            }
        }
    }
}
