//! Raw blocks for the recursive LAPACK drivers (LU, Cholesky, triangular).
//!
//! A recursive factorisation splits one matrix into quarters that are read
//! and written by different BLAS calls at the same time (`A22 -= A21*A12`
//! reads two quarters and writes a third). A [`Blk`] is the shape of such a
//! quarter without a borrow; the drivers turn disjoint blocks into
//! `MatRef`/`MatMut` views for the level 3 calls, each under a `// SAFETY:`
//! comment saying why the blocks do not overlap.
//!
//! [`Dense`] is a small column-major temporary for the leaves of the
//! recursions (a diagonal block copied in, worked on, copied back), which
//! frees the leaf kernels from the caller's strides.

use crate::mat::{MatMut, MatRef};
use crate::scalar::{RealScalar, Scalar};

/// Runs `f` compiled for the widest vector ISA the machine has (the leaf
/// kernels are `#[inline(always)]` loops over slices, so they vectorise
/// for the ISA of the function they are inlined into; pass the closure as
/// `#[inline(always)] || ...` so that it is inlined too). The arithmetic is
/// the same for every ISA: no FMA contraction, only wider vectors.
#[inline(always)]
pub(crate) fn on_isa<R>(f: impl FnOnce() -> R) -> R {
    #[cfg(target_arch = "x86_64")]
    {
        use crate::arch::{isa, Isa};
        #[target_feature(enable = "avx512f")]
        unsafe fn avx512<R>(f: impl FnOnce() -> R) -> R {
            f()
        }
        #[target_feature(enable = "avx2")]
        unsafe fn avx2<R>(f: impl FnOnce() -> R) -> R {
            f()
        }
        match isa() {
            // SAFETY: isa() reports only features the CPU has.
            Isa::Avx512 => unsafe { avx512(f) },
            // SAFETY: as above.
            Isa::Avx2 => unsafe { avx2(f) },
            Isa::Portable => f(),
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    f()
}

/// An `m x n` block: element (i, j) at `ptr + i*rs + j*cs`.
pub(crate) struct Blk<T> {
    pub ptr: *mut T,
    pub m: usize,
    pub n: usize,
    pub rs: isize,
    pub cs: isize,
}

impl<T> Clone for Blk<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Blk<T> {}

// SAFETY: a Blk is handed to the workers of one `parallel_for` only for
// element-disjoint work (each thread its own columns), and the matrix it
// points into outlives the call; T: Send makes moving the values sound.
unsafe impl<T: Send> Sync for Blk<T> {}
// SAFETY: as above.
unsafe impl<T: Send> Send for Blk<T> {}

impl<T: Scalar> Blk<T> {
    /// The block covering a whole mutable view.
    pub fn of(a: &mut MatMut<'_, T>) -> Blk<T> {
        Blk {
            ptr: a.as_mut_ptr(),
            m: a.nrows(),
            n: a.ncols(),
            rs: a.row_stride(),
            cs: a.col_stride(),
        }
    }
    /// Pointer to element (i, j) (no dereference, so any (i, j) is fine).
    #[inline(always)]
    pub fn at(self, i: usize, j: usize) -> *mut T {
        self.ptr
            .wrapping_offset(i as isize * self.rs + j as isize * self.cs)
    }
    /// # Safety
    /// (i, j) inside the block, block valid.
    #[inline(always)]
    pub unsafe fn get(self, i: usize, j: usize) -> T {
        *self.at(i, j)
    }
    /// # Safety
    /// (i, j) inside the block, block valid and not aliased.
    #[inline(always)]
    pub unsafe fn set(self, i: usize, j: usize, v: T) {
        *self.at(i, j) = v
    }
    /// The `m x n` sub-block at (i, j).
    #[inline]
    pub fn sub(self, i: usize, j: usize, m: usize, n: usize) -> Blk<T> {
        debug_assert!(i + m <= self.m && j + n <= self.n, "sub-block out of range");
        Blk {
            ptr: self.at(i, j),
            m,
            n,
            ..self
        }
    }
    /// The transposed block (same elements).
    #[inline]
    pub fn t(self) -> Blk<T> {
        Blk {
            ptr: self.ptr,
            m: self.n,
            n: self.m,
            rs: self.cs,
            cs: self.rs,
        }
    }
    /// A read-only view.
    ///
    /// # Safety
    /// The block is valid, and nothing writes its elements while the view lives.
    #[inline]
    pub unsafe fn rf<'a>(self) -> MatRef<'a, T> {
        MatRef::from_raw_parts(self.ptr, self.m, self.n, self.rs, self.cs)
    }
    /// A mutable view.
    ///
    /// # Safety
    /// The block is valid, has no aliasing elements, and nothing else reads
    /// or writes its elements while the view lives.
    #[inline]
    pub unsafe fn mt<'a>(self) -> MatMut<'a, T> {
        MatMut::from_raw_parts(self.ptr, self.m, self.n, self.rs, self.cs)
    }
}

/// A column-major `m x n` temporary (leading dimension `m`).
pub(crate) struct Dense<T> {
    pub buf: Vec<T>,
    pub m: usize,
}

impl<T: Scalar> Dense<T> {
    pub fn zeros(m: usize, n: usize) -> Dense<T> {
        Dense {
            buf: vec![T::zero(); m * n],
            m,
        }
    }
    #[inline(always)]
    pub fn get(&self, i: usize, j: usize) -> T {
        self.buf[i + j * self.m]
    }
    #[inline(always)]
    pub fn set(&mut self, i: usize, j: usize, v: T) {
        self.buf[i + j * self.m] = v;
    }
    /// Copy of the `lower` (i >= j) or upper (i <= j) triangle of a square
    /// block; the other triangle stays zero.
    ///
    /// # Safety
    /// `a` valid for reads.
    pub unsafe fn copy_tri(a: Blk<T>, lower: bool) -> Dense<T> {
        let n = a.n;
        let mut d = Dense::zeros(n, n);
        for j in 0..n {
            let (i0, i1) = if lower { (j, n) } else { (0, j + 1) };
            for i in i0..i1 {
                d.set(i, j, a.get(i, j));
            }
        }
        d
    }
    /// Copy of the whole block (columns copied as slices when contiguous).
    ///
    /// # Safety
    /// `a` valid for reads.
    pub unsafe fn copy_full(a: Blk<T>) -> Dense<T> {
        let (m, n) = (a.m, a.n);
        let mut d = Dense::zeros(m, n);
        for j in 0..n {
            let dj = &mut d.buf[j * m..(j + 1) * m];
            if a.rs == 1 {
                dj.copy_from_slice(core::slice::from_raw_parts(a.at(0, j), m));
            } else {
                for (i, v) in dj.iter_mut().enumerate() {
                    *v = a.get(i, j);
                }
            }
        }
        d
    }
    /// Writes the whole block back (the inverse of [`Dense::copy_full`]).
    ///
    /// # Safety
    /// `a` valid for writes, same shape, not overlapping `self`.
    pub unsafe fn store_full(&self, a: Blk<T>) {
        let (m, n) = (a.m, a.n);
        for j in 0..n {
            let dj = &self.buf[j * m..(j + 1) * m];
            if a.rs == 1 {
                core::slice::from_raw_parts_mut(a.at(0, j), m).copy_from_slice(dj);
            } else {
                for (i, v) in dj.iter().enumerate() {
                    a.set(i, j, *v);
                }
            }
        }
    }
    /// Writes the triangle back (the diagonal too unless `skip_diag`).
    ///
    /// # Safety
    /// `a` valid for writes, same shape.
    pub unsafe fn store_tri(&self, a: Blk<T>, lower: bool, skip_diag: bool) {
        let n = a.n;
        for j in 0..n {
            let (i0, i1) = if lower { (j, n) } else { (0, j + 1) };
            for i in i0..i1 {
                if !(skip_diag && i == j) {
                    a.set(i, j, self.get(i, j));
                }
            }
        }
    }
}

/// Split point of a recursion on `n > 1`: about half, rounded to a multiple
/// of 8 (or of 16 past 64) so that the GEMMs below see aligned panel counts.
pub(crate) fn split(n: usize) -> usize {
    let q = if n > 64 { 16 } else { 8 };
    (n / 2).next_multiple_of(q).min(n - 1).max(1)
}

/// `1 / z` without avoidable overflow or underflow (Smith's algorithm for
/// complex z; plain division for real z).
#[inline]
pub(crate) fn recip<T: Scalar>(z: T) -> T {
    if !T::IS_COMPLEX {
        return T::one() / z;
    }
    let (a, b) = (z.re(), z.im());
    let one = T::Real::one();
    if a.abs() >= b.abs() {
        let r = b / a;
        let d = a + b * r;
        T::from_parts(one / d, -r / d)
    } else {
        let r = a / b;
        let d = b + a * r;
        T::from_parts(r / d, -one / d)
    }
}

/// Smallest normal number of the real type (LAPACK's `sfmin`: 1/sfmin does
/// not overflow).
pub(crate) fn sfmin<T: Scalar>() -> T::Real {
    if core::mem::size_of::<T::Real>() == 4 {
        T::Real::from_f64(f32::MIN_POSITIVE as f64)
    } else {
        T::Real::from_f64(f64::MIN_POSITIVE)
    }
}

/// Complex values per block in the lane-split loops below.
const LANES: usize = 8;

/// `x[i] = f(x[i], l[i])` on complex slices as blocks of LANES values split
/// into real and imaginary lanes: the loop vectoriser does not split
/// interleaved (re, im) pairs by itself, and num-complex's `Mul` stays
/// scalar, so the leaf kernels' column loops go through here.
/// `f(xr, xi, lr, li) -> (xr', xi')`.
#[inline(always)]
fn complex_lanes<T: Scalar>(
    x: &mut [T],
    l: &[T],
    f: impl Fn(T::Real, T::Real, T::Real, T::Real) -> (T::Real, T::Real),
) {
    let n = x.len().min(l.len());
    // SAFETY: a complex Scalar is `Complex<T::Real>`, `#[repr(C)] {re, im}`
    // (see scalar.rs), so n complex values are 2n reals in the same memory;
    // x and l are distinct borrows.
    let (xr, lr) = unsafe {
        (
            core::slice::from_raw_parts_mut(x.as_mut_ptr() as *mut T::Real, 2 * n),
            core::slice::from_raw_parts(l.as_ptr() as *const T::Real, 2 * n),
        )
    };
    let mut xc = xr.chunks_exact_mut(2 * LANES);
    let mut lc = lr.chunks_exact(2 * LANES);
    let zero = T::Real::zero();
    for (xp, lp) in (&mut xc).zip(&mut lc) {
        let (mut a, mut b, mut u, mut v) =
            ([zero; LANES], [zero; LANES], [zero; LANES], [zero; LANES]);
        for k in 0..LANES {
            a[k] = lp[2 * k];
            b[k] = lp[2 * k + 1];
            u[k] = xp[2 * k];
            v[k] = xp[2 * k + 1];
        }
        for k in 0..LANES {
            (u[k], v[k]) = f(u[k], v[k], a[k], b[k]);
        }
        for k in 0..LANES {
            xp[2 * k] = u[k];
            xp[2 * k + 1] = v[k];
        }
    }
    for (xp, lp) in xc
        .into_remainder()
        .chunks_exact_mut(2)
        .zip(lc.remainder().chunks_exact(2))
    {
        (xp[0], xp[1]) = f(xp[0], xp[1], lp[0], lp[1]);
    }
}

/// Column substitution `X <- L^-1 X` for the lower triangle L (n x n at
/// `l`, contiguous columns `ldl` apart) and X (n x nc at `x`, contiguous
/// columns `ldx` apart); `rd` holds the reciprocals of L's diagonal, `None`
/// for a unit diagonal. Real types take four columns of X at a time, so
/// that each entry of L is loaded once per four updates and the loop
/// overhead of the short columns is shared. A zero multiplier is skipped,
/// as the reference TRSM does (0 * Inf in L stays out); the arithmetic
/// does not depend on the batching.
///
/// # Safety
/// L's lower triangle valid for reads; X valid for reads and writes, its
/// columns disjoint from each other and from L.
#[inline(always)]
pub(crate) unsafe fn lower_solve<T: Scalar>(
    l: *const T,
    ldl: isize,
    n: usize,
    rd: Option<&[T]>,
    x: *mut T,
    ldx: isize,
    nc: usize,
) {
    #[inline(always)]
    unsafe fn below<'a, T>(l: *const T, ldl: isize, n: usize, k: usize) -> &'a [T] {
        core::slice::from_raw_parts(l.offset(k as isize * ldl).add(k + 1), n - k - 1)
    }
    #[inline(always)]
    unsafe fn column<'a, T>(x: *mut T, ldx: isize, n: usize, c: usize) -> &'a mut [T] {
        core::slice::from_raw_parts_mut(x.offset(c as isize * ldx), n)
    }
    let scaled = |v: T, k: usize| match rd {
        Some(r) => v * r[k],
        None => v,
    };
    let mut c = 0;
    if !T::IS_COMPLEX {
        while c + 4 <= nc {
            let mut xs = [0, 1, 2, 3].map(|q| column(x, ldx, n, c + q));
            for k in 0..n {
                let lk = below(l, ldl, n, k);
                // As the reference TRSM: a zero x[k] is neither scaled nor
                // used (0 * (1/NaN) or 0 * Inf would spread NaN into
                // entries the reference leaves finite).
                let mut m = [T::zero(); 4];
                let mut live = [false; 4];
                for ((mq, lq), xq) in m.iter_mut().zip(live.iter_mut()).zip(xs.iter_mut()) {
                    *lq = !xq[k].is_zero();
                    if *lq {
                        *mq = scaled(xq[k], k);
                        xq[k] = *mq;
                    }
                }
                if !live.iter().all(|&v| v) {
                    for ((xq, v), lq) in xs.iter_mut().zip(m).zip(live) {
                        if lq {
                            axpy_sub(&mut xq[k + 1..], lk, v);
                        }
                    }
                    continue;
                }
                let r = lk.len();
                let [x0, x1, x2, x3] = &mut xs;
                let (y0, y1) = (&mut x0[k + 1..k + 1 + r], &mut x1[k + 1..k + 1 + r]);
                let (y2, y3) = (&mut x2[k + 1..k + 1 + r], &mut x3[k + 1..k + 1 + r]);
                for i in 0..r {
                    let li = lk[i];
                    y0[i] -= li * m[0];
                    y1[i] -= li * m[1];
                    y2[i] -= li * m[2];
                    y3[i] -= li * m[3];
                }
            }
            c += 4;
        }
    }
    for c in c..nc {
        let xc = column(x, ldx, n, c);
        for k in 0..n {
            if xc[k].is_zero() {
                continue;
            }
            let v = scaled(xc[k], k);
            xc[k] = v;
            axpy_sub(&mut xc[k + 1..], below(l, ldl, n, k), v);
        }
    }
}

/// `x -= l * c` elementwise (the leaf kernels' axpy).
#[inline(always)]
pub(crate) fn axpy_sub<T: Scalar>(x: &mut [T], l: &[T], c: T) {
    if !T::IS_COMPLEX {
        for (x, l) in x.iter_mut().zip(l) {
            *x -= *l * c;
        }
        return;
    }
    let (cr, ci) = (c.re(), c.im());
    complex_lanes(x, l, |u, v, a, b| {
        (u - (a * cr - b * ci), v - (a * ci + b * cr))
    });
}

/// `x -= l0 c0; x -= l1 c1; x -= l2 c2; x -= l3 c3` in one pass over x
/// (`l` holds the four columns, `ld` apart), with the rounding of the four
/// `axpy_sub` calls it replaces: each element is read and written once per
/// four columns instead of four times.
#[inline(always)]
pub(crate) fn axpy4_sub<T: Scalar>(x: &mut [T], l: &[T], ld: usize, c: [T; 4]) {
    let n = x.len();
    if T::IS_COMPLEX {
        for (q, &cq) in c.iter().enumerate() {
            axpy_sub(x, &l[q * ld..q * ld + n], cq);
        }
        return;
    }
    let (l0, l1, l2, l3) = (
        &l[..n],
        &l[ld..ld + n],
        &l[2 * ld..2 * ld + n],
        &l[3 * ld..3 * ld + n],
    );
    for i in 0..n {
        x[i] = x[i] - l0[i] * c[0] - l1[i] * c[1] - l2[i] * c[2] - l3[i] * c[3];
    }
}

/// `x *= c` elementwise.
#[inline(always)]
pub(crate) fn scale<T: Scalar>(x: &mut [T], c: T) {
    if !T::IS_COMPLEX {
        for x in x.iter_mut() {
            *x *= c;
        }
        return;
    }
    let (cr, ci) = (c.re(), c.im());
    let n = x.len();
    // SAFETY: as in complex_lanes.
    let xr = unsafe { core::slice::from_raw_parts_mut(x.as_mut_ptr() as *mut T::Real, 2 * n) };
    let mut xc = xr.chunks_exact_mut(2 * LANES);
    let zero = T::Real::zero();
    for xp in &mut xc {
        let (mut u, mut v) = ([zero; LANES], [zero; LANES]);
        for k in 0..LANES {
            u[k] = xp[2 * k];
            v[k] = xp[2 * k + 1];
        }
        for k in 0..LANES {
            xp[2 * k] = u[k] * cr - v[k] * ci;
            xp[2 * k + 1] = u[k] * ci + v[k] * cr;
        }
    }
    for xp in xc.into_remainder().chunks_exact_mut(2) {
        let (u, v) = (xp[0], xp[1]);
        xp[0] = u * cr - v * ci;
        xp[1] = u * ci + v * cr;
    }
}

/// `sum_k conj(a_k) b_k` with LANES independent partial sums (a single
/// running sum would be one long dependency chain of additions, which the
/// compiler may not reorder).
#[inline(always)]
pub(crate) fn dotc<T: Scalar>(a: &[T], b: &[T]) -> T {
    let n = a.len().min(b.len());
    let zero = T::Real::zero();
    if !T::IS_COMPLEX {
        let mut acc = [T::zero(); LANES];
        let (ca, cb) = (a[..n].chunks_exact(LANES), b[..n].chunks_exact(LANES));
        let (ra, rb) = (ca.remainder(), cb.remainder());
        for (x, y) in ca.zip(cb) {
            for k in 0..LANES {
                acc[k] += x[k] * y[k];
            }
        }
        let mut s = T::zero();
        for (x, y) in ra.iter().zip(rb) {
            s += *x * *y;
        }
        return acc.iter().fold(s, |s, &v| s + v);
    }
    // SAFETY: as in complex_lanes (read-only views).
    let (ar, br) = unsafe {
        (
            core::slice::from_raw_parts(a.as_ptr() as *const T::Real, 2 * n),
            core::slice::from_raw_parts(b.as_ptr() as *const T::Real, 2 * n),
        )
    };
    let (mut re, mut im) = ([zero; LANES], [zero; LANES]);
    let (ca, cb) = (ar.chunks_exact(2 * LANES), br.chunks_exact(2 * LANES));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for k in 0..LANES {
            let (p, q, u, v) = (x[2 * k], x[2 * k + 1], y[2 * k], y[2 * k + 1]);
            re[k] += p * u + q * v;
            im[k] += p * v - q * u;
        }
    }
    let (mut sr, mut si) = (zero, zero);
    for (x, y) in ra.chunks_exact(2).zip(rb.chunks_exact(2)) {
        sr += x[0] * y[0] + x[1] * y[1];
        si += x[0] * y[1] - x[1] * y[0];
    }
    for k in 0..LANES {
        sr += re[k];
        si += im[k];
    }
    T::from_parts(sr, si)
}
