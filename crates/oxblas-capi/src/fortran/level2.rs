//! Level 2: matrix-vector operations.
//!
//! `check_*` return the reference `INFO`; `run_*` take a [`Layout`] so the
//! CBLAS door shares them. Full-storage matrices in row-major order are plain
//! strided views. Band and packed storage in row-major order are the
//! column-major storage of the transpose; where that transpose brings a
//! conjugate (Hermitian matrices, `ConjTrans` of a triangle) the identity
//! `conj(M) x = conj(M conj(x))` is applied with a conjugated copy of `x`.

use crate::abi::*;
use crate::xerbla::{name6, report, XerblaNames};
use core::ffi::c_char;
use ox::{c32, c64, Diag, Op, Scalar, Uplo, VecMut, VecRef};

pub(crate) use ox::blas::level2 as l2;

#[inline]
fn max1(x: i64) -> i64 {
    x.max(1)
}
#[inline]
fn u(x: i64) -> usize {
    x as usize
}

/// For band/packed row-major storage: the operation on the transposed
/// storage, and whether a conjugation (done by the caller) is needed.
pub(crate) fn transposed_op<T: Scalar>(op: Op) -> (Op, bool) {
    match op {
        Op::NoTrans => (Op::Trans, false),
        Op::Trans => (Op::NoTrans, false),
        Op::ConjTrans => (Op::NoTrans, T::IS_COMPLEX),
    }
}

/// `y = alpha conj(M) x + beta y` through `f` computing `alpha M x + beta y`.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn conj_mv<T: Scalar>(
    alpha: T,
    x: VecRef<'_, T>,
    beta: T,
    mut y: VecMut<'_, T>,
    f: impl FnOnce(T, VecRef<'_, T>, T, VecMut<'_, T>),
) {
    let xc = conj_copy(x);
    conj_in_place(&mut y);
    f(
        alpha.conj(),
        VecRef::from_contiguous(&xc),
        beta.conj(),
        y.rb_mut(),
    );
    conj_in_place(&mut y);
}

// ---- gemv / gbmv ------------------------------------------------------------------

pub(crate) fn check_gemv(op: Option<Op>, m: i64, n: i64, lda: i64, incx: i64, incy: i64) -> i32 {
    if op.is_none() {
        1
    } else if m < 0 {
        2
    } else if n < 0 {
        3
    } else if lda < max1(m) {
        6
    } else if incx == 0 {
        8
    } else if incy == 0 {
        11
    } else {
        0
    }
}

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn run_gemv<T: Scalar>(
    l: Layout,
    op: Op,
    m: usize,
    n: usize,
    alpha: T,
    a: *const T,
    lda: usize,
    x: *const T,
    incx: i64,
    beta: T,
    y: *mut T,
    incy: i64,
) {
    if m == 0 || n == 0 || (alpha.is_zero() && beta.is_one()) {
        return;
    }
    let (lx, ly) = if op == Op::NoTrans { (n, m) } else { (m, n) };
    let a = mat(a, m, n, lda, l);
    l2::gemv(op, alpha, a, vecr(x, lx, incx), beta, vecm(y, ly, incy)).done("gemv")
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn gemv<T: Scalar, I: XerblaNames>(
    trans: *const c_char,
    m: *const I,
    n: *const I,
    alpha: *const T,
    a: *const T,
    lda: *const I,
    x: *const T,
    incx: *const I,
    beta: *const T,
    y: *mut T,
    incy: *const I,
) {
    let op = op_of(ch(trans));
    let (m, n, lda, incx, incy) = (rd(m), rd(n), rd(lda), rd(incx), rd(incy));
    let info = check_gemv(op, m, n, lda, incx, incy);
    if info != 0 {
        return report::<I>(&name6(T::KIND.prefix(), "GEMV"), info);
    }
    run_gemv(
        Layout::Col,
        op.unwrap(),
        u(m),
        u(n),
        *alpha,
        a,
        u(lda),
        x,
        incx,
        *beta,
        y,
        incy,
    )
}
f77!(gemv [trans: *const c_char, m: *const I, n: *const I, alpha: *const T, a: *const T,
    lda: *const I, x: *const T, incx: *const I, beta: *const T, y: *mut T, incy: *const I] {
    sgemv_ sgemv_64_: f32, dgemv_ dgemv_64_: f64, cgemv_ cgemv_64_: c32, zgemv_ zgemv_64_: c64,
});

pub(crate) fn check_gbmv(
    op: Option<Op>,
    m: i64,
    n: i64,
    kl: i64,
    ku: i64,
    lda: i64,
    incx: i64,
    incy: i64,
) -> i32 {
    if op.is_none() {
        1
    } else if m < 0 {
        2
    } else if n < 0 {
        3
    } else if kl < 0 {
        4
    } else if ku < 0 {
        5
    } else if lda < kl + ku + 1 {
        8
    } else if incx == 0 {
        10
    } else if incy == 0 {
        13
    } else {
        0
    }
}

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn run_gbmv<T: Scalar>(
    l: Layout,
    op: Op,
    m: usize,
    n: usize,
    kl: usize,
    ku: usize,
    alpha: T,
    a: *const T,
    lda: usize,
    x: *const T,
    incx: i64,
    beta: T,
    y: *mut T,
    incy: i64,
) {
    if m == 0 || n == 0 || (alpha.is_zero() && beta.is_one()) {
        return;
    }
    let (lx, ly) = if op == Op::NoTrans { (n, m) } else { (m, n) };
    let (x, y) = (vecr(x, lx, incx), vecm(y, ly, incy));
    match l {
        Layout::Col => {
            let band = mat(a, kl + ku + 1, n, lda, Layout::Col);
            l2::gbmv(op, m, n, kl, ku, alpha, band, x, beta, y).done("gbmv")
        }
        Layout::Row => {
            // Row-major band storage of A is column-major band storage of
            // A^T (n x m, kl and ku exchanged).
            let band = mat(a, kl + ku + 1, m, lda, Layout::Col);
            let (op_t, conj) = transposed_op::<T>(op);
            let f = |al: T, x: VecRef<'_, T>, be: T, y: VecMut<'_, T>| {
                l2::gbmv(op_t, n, m, ku, kl, al, band, x, be, y).done("gbmv")
            };
            if conj {
                conj_mv(alpha, x, beta, y, f)
            } else {
                f(alpha, x, beta, y)
            }
        }
    }
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn gbmv<T: Scalar, I: XerblaNames>(
    trans: *const c_char,
    m: *const I,
    n: *const I,
    kl: *const I,
    ku: *const I,
    alpha: *const T,
    a: *const T,
    lda: *const I,
    x: *const T,
    incx: *const I,
    beta: *const T,
    y: *mut T,
    incy: *const I,
) {
    let op = op_of(ch(trans));
    let (m, n, kl, ku, lda, incx, incy) =
        (rd(m), rd(n), rd(kl), rd(ku), rd(lda), rd(incx), rd(incy));
    let info = check_gbmv(op, m, n, kl, ku, lda, incx, incy);
    if info != 0 {
        return report::<I>(&name6(T::KIND.prefix(), "GBMV"), info);
    }
    run_gbmv(
        Layout::Col,
        op.unwrap(),
        u(m),
        u(n),
        u(kl),
        u(ku),
        *alpha,
        a,
        u(lda),
        x,
        incx,
        *beta,
        y,
        incy,
    )
}
f77!(gbmv [trans: *const c_char, m: *const I, n: *const I, kl: *const I, ku: *const I,
    alpha: *const T, a: *const T, lda: *const I, x: *const T, incx: *const I, beta: *const T,
    y: *mut T, incy: *const I] {
    sgbmv_ sgbmv_64_: f32, dgbmv_ dgbmv_64_: f64, cgbmv_ cgbmv_64_: c32, zgbmv_ zgbmv_64_: c64,
});

// ---- symv / hemv, sbmv / hbmv, spmv / hpmv ------------------------------------------------

/// Full (`Some(lda)`), band (`k`, lda) or packed (`None`) symmetric storage.
pub(crate) fn check_symv(
    uplo: Option<Uplo>,
    n: i64,
    k: Option<i64>,
    lda: Option<i64>,
    incx: i64,
    incy: i64,
) -> i32 {
    // Positions shift by one for the band form (K) and by -1 for packed (no LDA).
    let band = k.is_some() as i32;
    if uplo.is_none() {
        return 1;
    }
    if n < 0 {
        return 2;
    }
    if let Some(k) = k {
        if k < 0 {
            return 3;
        }
    }
    match (lda, k) {
        (Some(lda), Some(k)) if lda < k + 1 => return 6,
        (Some(lda), None) if lda < max1(n) => return 5,
        _ => {}
    }
    let base = match (lda, k) {
        (None, _) => 6, // packed: INCX is argument 6
        _ => 7 + band,
    };
    if incx == 0 {
        base
    } else if incy == 0 {
        base + 3
    } else {
        0
    }
}

/// Which symmetric-storage matrix-vector product.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum SymStore {
    Full,
    Band(usize),
    Packed,
}

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn run_symv<T: Scalar>(
    herm: bool,
    l: Layout,
    store: SymStore,
    uplo: Uplo,
    n: usize,
    alpha: T,
    a: *const T,
    lda: usize,
    x: *const T,
    incx: i64,
    beta: T,
    y: *mut T,
    incy: i64,
) {
    if n == 0 || (alpha.is_zero() && beta.is_one()) {
        return;
    }
    let (x, y) = (vecr(x, n, incx), vecm(y, n, incy));
    if store == SymStore::Full {
        // Any strides: row-major is just a view.
        let a = mat(a, n, n, lda, l);
        if herm {
            l2::hemv(uplo, alpha, a, x, beta, y).done("hemv");
        } else {
            l2::symv(uplo, alpha, a, x, beta, y).done("symv");
        }
        return;
    }
    // Row-major band/packed storage of the `uplo` triangle is column-major
    // storage of the other triangle of A^T = A (symmetric) or conj(A) (Hermitian).
    let (uplo, conj) = match l {
        Layout::Col => (uplo, false),
        Layout::Row => (flip_uplo(uplo), herm && T::IS_COMPLEX),
    };
    let f = |al: T, x: VecRef<'_, T>, be: T, y: VecMut<'_, T>| match store {
        SymStore::Band(k) => {
            let band = mat(a, k + 1, n, lda, Layout::Col);
            if herm {
                l2::hbmv(uplo, k, al, band, x, be, y).done("hbmv");
            } else {
                l2::sbmv(uplo, k, al, band, x, be, y).done("sbmv");
            }
        }
        _ => {
            let ap = core::slice::from_raw_parts(a, n * (n + 1) / 2);
            if herm {
                l2::hpmv(uplo, n, al, ap, x, be, y).done("hpmv");
            } else {
                l2::spmv(uplo, n, al, ap, x, be, y).done("spmv");
            }
        }
    };
    if conj {
        conj_mv(alpha, x, beta, y, f)
    } else {
        f(alpha, x, beta, y)
    }
}

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn symv_f77<T: Scalar, I: XerblaNames>(
    herm: bool,
    store: SymStore,
    uplo: *const c_char,
    n: *const I,
    k: *const I,
    alpha: *const T,
    a: *const T,
    lda: *const I,
    x: *const T,
    incx: *const I,
    beta: *const T,
    y: *mut T,
    incy: *const I,
) {
    let up = uplo_of(ch(uplo));
    let n = rd(n);
    let k = if let SymStore::Band(_) = store {
        Some(rd(k))
    } else {
        None
    };
    let lda = if store == SymStore::Packed {
        None
    } else {
        Some(rd(lda))
    };
    let (incx, incy) = (rd(incx), rd(incy));
    let info = check_symv(up, n, k, lda, incx, incy);
    if info != 0 {
        let base = match (herm, store) {
            (false, SymStore::Full) => "SYMV",
            (true, SymStore::Full) => "HEMV",
            (false, SymStore::Band(_)) => "SBMV",
            (true, SymStore::Band(_)) => "HBMV",
            (false, SymStore::Packed) => "SPMV",
            (true, SymStore::Packed) => "HPMV",
        };
        return report::<I>(&name6(T::KIND.prefix(), base), info);
    }
    let store = match store {
        SymStore::Band(_) => SymStore::Band(u(k.unwrap())),
        s => s,
    };
    run_symv(
        herm,
        Layout::Col,
        store,
        up.unwrap(),
        u(n),
        *alpha,
        a,
        u(lda.unwrap_or(1)),
        x,
        incx,
        *beta,
        y,
        incy,
    )
}

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn symv<T: Scalar, I: XerblaNames>(
    uplo: *const c_char,
    n: *const I,
    alpha: *const T,
    a: *const T,
    lda: *const I,
    x: *const T,
    incx: *const I,
    beta: *const T,
    y: *mut T,
    incy: *const I,
) {
    symv_f77::<T, I>(
        false,
        SymStore::Full,
        uplo,
        n,
        n,
        alpha,
        a,
        lda,
        x,
        incx,
        beta,
        y,
        incy,
    )
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn hemv<T: Scalar, I: XerblaNames>(
    uplo: *const c_char,
    n: *const I,
    alpha: *const T,
    a: *const T,
    lda: *const I,
    x: *const T,
    incx: *const I,
    beta: *const T,
    y: *mut T,
    incy: *const I,
) {
    symv_f77::<T, I>(
        true,
        SymStore::Full,
        uplo,
        n,
        n,
        alpha,
        a,
        lda,
        x,
        incx,
        beta,
        y,
        incy,
    )
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn sbmv<T: Scalar, I: XerblaNames>(
    uplo: *const c_char,
    n: *const I,
    k: *const I,
    alpha: *const T,
    a: *const T,
    lda: *const I,
    x: *const T,
    incx: *const I,
    beta: *const T,
    y: *mut T,
    incy: *const I,
) {
    symv_f77::<T, I>(
        false,
        SymStore::Band(0),
        uplo,
        n,
        k,
        alpha,
        a,
        lda,
        x,
        incx,
        beta,
        y,
        incy,
    )
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn hbmv<T: Scalar, I: XerblaNames>(
    uplo: *const c_char,
    n: *const I,
    k: *const I,
    alpha: *const T,
    a: *const T,
    lda: *const I,
    x: *const T,
    incx: *const I,
    beta: *const T,
    y: *mut T,
    incy: *const I,
) {
    symv_f77::<T, I>(
        true,
        SymStore::Band(0),
        uplo,
        n,
        k,
        alpha,
        a,
        lda,
        x,
        incx,
        beta,
        y,
        incy,
    )
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn spmv<T: Scalar, I: XerblaNames>(
    uplo: *const c_char,
    n: *const I,
    alpha: *const T,
    ap: *const T,
    x: *const T,
    incx: *const I,
    beta: *const T,
    y: *mut T,
    incy: *const I,
) {
    symv_f77::<T, I>(
        false,
        SymStore::Packed,
        uplo,
        n,
        n,
        alpha,
        ap,
        n,
        x,
        incx,
        beta,
        y,
        incy,
    )
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn hpmv<T: Scalar, I: XerblaNames>(
    uplo: *const c_char,
    n: *const I,
    alpha: *const T,
    ap: *const T,
    x: *const T,
    incx: *const I,
    beta: *const T,
    y: *mut T,
    incy: *const I,
) {
    symv_f77::<T, I>(
        true,
        SymStore::Packed,
        uplo,
        n,
        n,
        alpha,
        ap,
        n,
        x,
        incx,
        beta,
        y,
        incy,
    )
}

f77!(symv [uplo: *const c_char, n: *const I, alpha: *const T, a: *const T, lda: *const I,
    x: *const T, incx: *const I, beta: *const T, y: *mut T, incy: *const I] {
    ssymv_ ssymv_64_: f32, dsymv_ dsymv_64_: f64,
});
f77!(hemv [uplo: *const c_char, n: *const I, alpha: *const T, a: *const T, lda: *const I,
    x: *const T, incx: *const I, beta: *const T, y: *mut T, incy: *const I] {
    chemv_ chemv_64_: c32, zhemv_ zhemv_64_: c64,
});
f77!(sbmv [uplo: *const c_char, n: *const I, k: *const I, alpha: *const T, a: *const T,
    lda: *const I, x: *const T, incx: *const I, beta: *const T, y: *mut T, incy: *const I] {
    ssbmv_ ssbmv_64_: f32, dsbmv_ dsbmv_64_: f64,
});
f77!(hbmv [uplo: *const c_char, n: *const I, k: *const I, alpha: *const T, a: *const T,
    lda: *const I, x: *const T, incx: *const I, beta: *const T, y: *mut T, incy: *const I] {
    chbmv_ chbmv_64_: c32, zhbmv_ zhbmv_64_: c64,
});
f77!(spmv [uplo: *const c_char, n: *const I, alpha: *const T, ap: *const T, x: *const T,
    incx: *const I, beta: *const T, y: *mut T, incy: *const I] {
    sspmv_ sspmv_64_: f32, dspmv_ dspmv_64_: f64,
});
f77!(hpmv [uplo: *const c_char, n: *const I, alpha: *const T, ap: *const T, x: *const T,
    incx: *const I, beta: *const T, y: *mut T, incy: *const I] {
    chpmv_ chpmv_64_: c32, zhpmv_ zhpmv_64_: c64,
});

// ---- triangular: trmv trsv tbmv tbsv tpmv tpsv ------------------------------------------------

/// `k`: band width (tb*), `lda`: None for packed (tp*).
pub(crate) fn check_trv(
    uplo: Option<Uplo>,
    op: Option<Op>,
    diag: Option<Diag>,
    n: i64,
    k: Option<i64>,
    lda: Option<i64>,
    incx: i64,
) -> i32 {
    if uplo.is_none() {
        return 1;
    }
    if op.is_none() {
        return 2;
    }
    if diag.is_none() {
        return 3;
    }
    if n < 0 {
        return 4;
    }
    if let Some(k) = k {
        if k < 0 {
            return 5;
        }
    }
    match (lda, k) {
        (Some(lda), Some(k)) if lda < k + 1 => return 7,
        (Some(lda), None) if lda < max1(n) => return 6,
        _ => {}
    }
    if incx == 0 {
        match (lda, k) {
            (None, _) => 7,
            (Some(_), Some(_)) => 9,
            (Some(_), None) => 8,
        }
    } else {
        0
    }
}

/// Triangular matrix-vector product (`solve == false`) or solve.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn run_trv<T: Scalar>(
    solve: bool,
    l: Layout,
    store: SymStore,
    uplo: Uplo,
    op: Op,
    diag: Diag,
    n: usize,
    a: *const T,
    lda: usize,
    x: *mut T,
    incx: i64,
) {
    if n == 0 {
        return;
    }
    let mut x = vecm(x, n, incx);
    if store == SymStore::Full {
        let a = mat(a, n, n, lda, l);
        if solve {
            l2::trsv(uplo, op, diag, a, x).done("trsv");
        } else {
            l2::trmv(uplo, op, diag, a, x).done("trmv");
        }
        return;
    }
    let (uplo, op, conj) = match l {
        Layout::Col => (uplo, op, false),
        Layout::Row => {
            let (o, c) = transposed_op::<T>(op);
            (flip_uplo(uplo), o, c)
        }
    };
    if conj {
        conj_in_place(&mut x);
    }
    match store {
        SymStore::Band(k) => {
            let band = mat(a, k + 1, n, lda, Layout::Col);
            if solve {
                l2::tbsv(uplo, op, diag, k, band, x.rb_mut()).done("tbsv");
            } else {
                l2::tbmv(uplo, op, diag, k, band, x.rb_mut()).done("tbmv");
            }
        }
        _ => {
            let ap = core::slice::from_raw_parts(a, n * (n + 1) / 2);
            if solve {
                l2::tpsv(uplo, op, diag, n, ap, x.rb_mut()).done("tpsv");
            } else {
                l2::tpmv(uplo, op, diag, n, ap, x.rb_mut()).done("tpmv");
            }
        }
    }
    if conj {
        conj_in_place(&mut x);
    }
}

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn trv_f77<T: Scalar, I: XerblaNames>(
    solve: bool,
    store: SymStore,
    uplo: *const c_char,
    trans: *const c_char,
    diag: *const c_char,
    n: *const I,
    k: *const I,
    a: *const T,
    lda: *const I,
    x: *mut T,
    incx: *const I,
) {
    let (up, op, dg) = (uplo_of(ch(uplo)), op_of(ch(trans)), diag_of(ch(diag)));
    let n = rd(n);
    let k = if let SymStore::Band(_) = store {
        Some(rd(k))
    } else {
        None
    };
    let lda = if store == SymStore::Packed {
        None
    } else {
        Some(rd(lda))
    };
    let incx = rd(incx);
    let info = check_trv(up, op, dg, n, k, lda, incx);
    if info != 0 {
        let base = match (store, solve) {
            (SymStore::Full, false) => "TRMV",
            (SymStore::Full, true) => "TRSV",
            (SymStore::Band(_), false) => "TBMV",
            (SymStore::Band(_), true) => "TBSV",
            (SymStore::Packed, false) => "TPMV",
            (SymStore::Packed, true) => "TPSV",
        };
        return report::<I>(&name6(T::KIND.prefix(), base), info);
    }
    let store = match store {
        SymStore::Band(_) => SymStore::Band(u(k.unwrap())),
        s => s,
    };
    run_trv(
        solve,
        Layout::Col,
        store,
        up.unwrap(),
        op.unwrap(),
        dg.unwrap(),
        u(n),
        a,
        u(lda.unwrap_or(1)),
        x,
        incx,
    )
}

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn trmv<T: Scalar, I: XerblaNames>(
    uplo: *const c_char,
    trans: *const c_char,
    diag: *const c_char,
    n: *const I,
    a: *const T,
    lda: *const I,
    x: *mut T,
    incx: *const I,
) {
    trv_f77::<T, I>(
        false,
        SymStore::Full,
        uplo,
        trans,
        diag,
        n,
        n,
        a,
        lda,
        x,
        incx,
    )
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn trsv<T: Scalar, I: XerblaNames>(
    uplo: *const c_char,
    trans: *const c_char,
    diag: *const c_char,
    n: *const I,
    a: *const T,
    lda: *const I,
    x: *mut T,
    incx: *const I,
) {
    trv_f77::<T, I>(
        true,
        SymStore::Full,
        uplo,
        trans,
        diag,
        n,
        n,
        a,
        lda,
        x,
        incx,
    )
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn tbmv<T: Scalar, I: XerblaNames>(
    uplo: *const c_char,
    trans: *const c_char,
    diag: *const c_char,
    n: *const I,
    k: *const I,
    a: *const T,
    lda: *const I,
    x: *mut T,
    incx: *const I,
) {
    trv_f77::<T, I>(
        false,
        SymStore::Band(0),
        uplo,
        trans,
        diag,
        n,
        k,
        a,
        lda,
        x,
        incx,
    )
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn tbsv<T: Scalar, I: XerblaNames>(
    uplo: *const c_char,
    trans: *const c_char,
    diag: *const c_char,
    n: *const I,
    k: *const I,
    a: *const T,
    lda: *const I,
    x: *mut T,
    incx: *const I,
) {
    trv_f77::<T, I>(
        true,
        SymStore::Band(0),
        uplo,
        trans,
        diag,
        n,
        k,
        a,
        lda,
        x,
        incx,
    )
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn tpmv<T: Scalar, I: XerblaNames>(
    uplo: *const c_char,
    trans: *const c_char,
    diag: *const c_char,
    n: *const I,
    ap: *const T,
    x: *mut T,
    incx: *const I,
) {
    trv_f77::<T, I>(
        false,
        SymStore::Packed,
        uplo,
        trans,
        diag,
        n,
        n,
        ap,
        n,
        x,
        incx,
    )
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn tpsv<T: Scalar, I: XerblaNames>(
    uplo: *const c_char,
    trans: *const c_char,
    diag: *const c_char,
    n: *const I,
    ap: *const T,
    x: *mut T,
    incx: *const I,
) {
    trv_f77::<T, I>(
        true,
        SymStore::Packed,
        uplo,
        trans,
        diag,
        n,
        n,
        ap,
        n,
        x,
        incx,
    )
}

f77!(trmv [uplo: *const c_char, trans: *const c_char, diag: *const c_char, n: *const I,
    a: *const T, lda: *const I, x: *mut T, incx: *const I] {
    strmv_ strmv_64_: f32, dtrmv_ dtrmv_64_: f64, ctrmv_ ctrmv_64_: c32, ztrmv_ ztrmv_64_: c64,
});
f77!(trsv [uplo: *const c_char, trans: *const c_char, diag: *const c_char, n: *const I,
    a: *const T, lda: *const I, x: *mut T, incx: *const I] {
    strsv_ strsv_64_: f32, dtrsv_ dtrsv_64_: f64, ctrsv_ ctrsv_64_: c32, ztrsv_ ztrsv_64_: c64,
});
f77!(tbmv [uplo: *const c_char, trans: *const c_char, diag: *const c_char, n: *const I,
    k: *const I, a: *const T, lda: *const I, x: *mut T, incx: *const I] {
    stbmv_ stbmv_64_: f32, dtbmv_ dtbmv_64_: f64, ctbmv_ ctbmv_64_: c32, ztbmv_ ztbmv_64_: c64,
});
f77!(tbsv [uplo: *const c_char, trans: *const c_char, diag: *const c_char, n: *const I,
    k: *const I, a: *const T, lda: *const I, x: *mut T, incx: *const I] {
    stbsv_ stbsv_64_: f32, dtbsv_ dtbsv_64_: f64, ctbsv_ ctbsv_64_: c32, ztbsv_ ztbsv_64_: c64,
});
f77!(tpmv [uplo: *const c_char, trans: *const c_char, diag: *const c_char, n: *const I,
    ap: *const T, x: *mut T, incx: *const I] {
    stpmv_ stpmv_64_: f32, dtpmv_ dtpmv_64_: f64, ctpmv_ ctpmv_64_: c32, ztpmv_ ztpmv_64_: c64,
});
f77!(tpsv [uplo: *const c_char, trans: *const c_char, diag: *const c_char, n: *const I,
    ap: *const T, x: *mut T, incx: *const I] {
    stpsv_ stpsv_64_: f32, dtpsv_ dtpsv_64_: f64, ctpsv_ ctpsv_64_: c32, ztpsv_ ztpsv_64_: c64,
});

// ---- rank-1 and rank-2 updates ------------------------------------------------------------------

pub(crate) fn check_ger(m: i64, n: i64, incx: i64, incy: i64, lda: i64) -> i32 {
    if m < 0 {
        1
    } else if n < 0 {
        2
    } else if incx == 0 {
        5
    } else if incy == 0 {
        7
    } else if lda < max1(m) {
        9
    } else {
        0
    }
}

/// ger (geru) or, `conj`, gerc; full storage, any layout.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn run_ger<T: Scalar>(
    conj: bool,
    l: Layout,
    m: usize,
    n: usize,
    alpha: T,
    x: *const T,
    incx: i64,
    y: *const T,
    incy: i64,
    a: *mut T,
    lda: usize,
) {
    if m == 0 || n == 0 || alpha.is_zero() {
        return;
    }
    let (x, y, a) = (vecr(x, m, incx), vecr(y, n, incy), mat_mut(a, m, n, lda, l));
    if conj {
        l2::gerc(alpha, x, y, a).done("gerc");
    } else {
        l2::ger(alpha, x, y, a).done("ger");
    }
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn ger_f77<T: Scalar, I: XerblaNames>(
    conj: bool,
    m: *const I,
    n: *const I,
    alpha: *const T,
    x: *const T,
    incx: *const I,
    y: *const T,
    incy: *const I,
    a: *mut T,
    lda: *const I,
) {
    let (m, n, incx, incy, lda) = (rd(m), rd(n), rd(incx), rd(incy), rd(lda));
    let info = check_ger(m, n, incx, incy, lda);
    if info != 0 {
        let base = if conj {
            "GERC"
        } else if T::IS_COMPLEX {
            "GERU"
        } else {
            "GER"
        };
        return report::<I>(&name6(T::KIND.prefix(), base), info);
    }
    run_ger(
        conj,
        Layout::Col,
        u(m),
        u(n),
        *alpha,
        x,
        incx,
        y,
        incy,
        a,
        u(lda),
    )
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn ger<T: Scalar, I: XerblaNames>(
    m: *const I,
    n: *const I,
    alpha: *const T,
    x: *const T,
    incx: *const I,
    y: *const T,
    incy: *const I,
    a: *mut T,
    lda: *const I,
) {
    ger_f77::<T, I>(false, m, n, alpha, x, incx, y, incy, a, lda)
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn gerc<T: Scalar, I: XerblaNames>(
    m: *const I,
    n: *const I,
    alpha: *const T,
    x: *const T,
    incx: *const I,
    y: *const T,
    incy: *const I,
    a: *mut T,
    lda: *const I,
) {
    ger_f77::<T, I>(true, m, n, alpha, x, incx, y, incy, a, lda)
}
f77!(ger [m: *const I, n: *const I, alpha: *const T, x: *const T, incx: *const I, y: *const T,
    incy: *const I, a: *mut T, lda: *const I] {
    sger_ sger_64_: f32, dger_ dger_64_: f64, cgeru_ cgeru_64_: c32, zgeru_ zgeru_64_: c64,
});
f77!(gerc [m: *const I, n: *const I, alpha: *const T, x: *const T, incx: *const I, y: *const T,
    incy: *const I, a: *mut T, lda: *const I] {
    cgerc_ cgerc_64_: c32, zgerc_ zgerc_64_: c64,
});

/// syr/her/spr/hpr (`two == false`) and syr2/her2/spr2/hpr2: `lda` None
/// for packed storage.
pub(crate) fn check_syr(
    two: bool,
    uplo: Option<Uplo>,
    n: i64,
    incx: i64,
    incy: i64,
    lda: Option<i64>,
) -> i32 {
    if uplo.is_none() {
        1
    } else if n < 0 {
        2
    } else if incx == 0 {
        5
    } else if two && incy == 0 {
        7
    } else if lda.is_some_and(|lda| lda < max1(n)) {
        if two {
            9
        } else {
            7
        }
    } else {
        0
    }
}

/// The eight symmetric/Hermitian rank updates.
#[derive(Clone, Copy)]
pub(crate) enum Upd<T: Scalar> {
    Syr(T),
    Her(T::Real),
    Syr2(T),
    Her2(T),
}

impl<T: Scalar> Upd<T> {
    fn is_zero(self) -> bool {
        match self {
            Upd::Syr(a) | Upd::Syr2(a) | Upd::Her2(a) => a.is_zero(),
            Upd::Her(a) => a.is_zero(),
        }
    }
    fn base(self, packed: bool) -> &'static str {
        match (self, packed) {
            (Upd::Syr(_), false) => "SYR",
            (Upd::Her(_), false) => "HER",
            (Upd::Syr2(_), false) => "SYR2",
            (Upd::Her2(_), false) => "HER2",
            (Upd::Syr(_), true) => "SPR",
            (Upd::Her(_), true) => "HPR",
            (Upd::Syr2(_), true) => "SPR2",
            (Upd::Her2(_), true) => "HPR2",
        }
    }
    fn two(self) -> bool {
        matches!(self, Upd::Syr2(_) | Upd::Her2(_))
    }
    fn herm(self) -> bool {
        matches!(self, Upd::Her(_) | Upd::Her2(_))
    }
}

/// `packed`: `a` holds n(n+1)/2 elements; else a full matrix with `lda`.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn run_syr<T: Scalar>(
    what: Upd<T>,
    l: Layout,
    packed: bool,
    uplo: Uplo,
    n: usize,
    x: *const T,
    incx: i64,
    y: *const T,
    incy: i64,
    a: *mut T,
    lda: usize,
) {
    if n == 0 || what.is_zero() {
        return;
    }
    let xv = vecr(x, n, incx);
    let yv = if what.two() { vecr(y, n, incy) } else { xv };
    if !packed {
        let av = mat_mut(a, n, n, lda, l);
        match what {
            Upd::Syr(al) => {
                l2::syr(uplo, al, xv, av).done("syr");
            }
            Upd::Her(al) => {
                l2::her(uplo, al, xv, av).done("her");
            }
            Upd::Syr2(al) => {
                l2::syr2(uplo, al, xv, yv, av).done("syr2");
            }
            Upd::Her2(al) => {
                l2::her2(uplo, al, xv, yv, av).done("her2");
            }
        }
        return;
    }
    // Row-major packed `uplo` = column-major packed other triangle of A^T,
    // which is A (symmetric) or conj(A) (Hermitian: update with conj(x), conj(y)
    // and, for hpr2, conj(alpha)).
    let ap = core::slice::from_raw_parts_mut(a, n * (n + 1) / 2);
    let (uplo, conj) = match l {
        Layout::Col => (uplo, false),
        Layout::Row => (flip_uplo(uplo), what.herm() && T::IS_COMPLEX),
    };
    let (xc, yc);
    let (xv, yv) = if conj {
        xc = conj_copy(xv);
        yc = conj_copy(yv);
        (VecRef::from_contiguous(&xc), VecRef::from_contiguous(&yc))
    } else {
        (xv, yv)
    };
    match what {
        Upd::Syr(al) => {
            l2::spr(uplo, n, al, xv, ap).done("spr");
        }
        Upd::Her(al) => {
            l2::hpr(uplo, n, al, xv, ap).done("hpr");
        }
        Upd::Syr2(al) => {
            l2::spr2(uplo, n, al, xv, yv, ap).done("spr2");
        }
        Upd::Her2(al) => {
            let al = if conj { al.conj() } else { al };
            l2::hpr2(uplo, n, al, xv, yv, ap).done("hpr2");
        }
    }
}

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn syr_f77<T: Scalar, I: XerblaNames>(
    what: Upd<T>,
    packed: bool,
    uplo: *const c_char,
    n: *const I,
    x: *const T,
    incx: *const I,
    y: *const T,
    incy: *const I,
    a: *mut T,
    lda: *const I,
) {
    let up = uplo_of(ch(uplo));
    let (n, incx) = (rd(n), rd(incx));
    let incy = if what.two() { rd(incy) } else { 1 };
    let lda = if packed { None } else { Some(rd(lda)) };
    let info = check_syr(what.two(), up, n, incx, incy, lda);
    if info != 0 {
        return report::<I>(&name6(T::KIND.prefix(), what.base(packed)), info);
    }
    run_syr(
        what,
        Layout::Col,
        packed,
        up.unwrap(),
        u(n),
        x,
        incx,
        y,
        incy,
        a,
        u(lda.unwrap_or(1)),
    )
}

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn syr<T: Scalar, I: XerblaNames>(
    uplo: *const c_char,
    n: *const I,
    alpha: *const T,
    x: *const T,
    incx: *const I,
    a: *mut T,
    lda: *const I,
) {
    syr_f77::<T, I>(Upd::Syr(*alpha), false, uplo, n, x, incx, x, incx, a, lda)
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn her<T: Scalar, I: XerblaNames>(
    uplo: *const c_char,
    n: *const I,
    alpha: *const T::Real,
    x: *const T,
    incx: *const I,
    a: *mut T,
    lda: *const I,
) {
    syr_f77::<T, I>(Upd::Her(*alpha), false, uplo, n, x, incx, x, incx, a, lda)
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn spr<T: Scalar, I: XerblaNames>(
    uplo: *const c_char,
    n: *const I,
    alpha: *const T,
    x: *const T,
    incx: *const I,
    ap: *mut T,
) {
    syr_f77::<T, I>(Upd::Syr(*alpha), true, uplo, n, x, incx, x, incx, ap, n)
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn hpr<T: Scalar, I: XerblaNames>(
    uplo: *const c_char,
    n: *const I,
    alpha: *const T::Real,
    x: *const T,
    incx: *const I,
    ap: *mut T,
) {
    syr_f77::<T, I>(Upd::Her(*alpha), true, uplo, n, x, incx, x, incx, ap, n)
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn syr2<T: Scalar, I: XerblaNames>(
    uplo: *const c_char,
    n: *const I,
    alpha: *const T,
    x: *const T,
    incx: *const I,
    y: *const T,
    incy: *const I,
    a: *mut T,
    lda: *const I,
) {
    syr_f77::<T, I>(Upd::Syr2(*alpha), false, uplo, n, x, incx, y, incy, a, lda)
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn her2<T: Scalar, I: XerblaNames>(
    uplo: *const c_char,
    n: *const I,
    alpha: *const T,
    x: *const T,
    incx: *const I,
    y: *const T,
    incy: *const I,
    a: *mut T,
    lda: *const I,
) {
    syr_f77::<T, I>(Upd::Her2(*alpha), false, uplo, n, x, incx, y, incy, a, lda)
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn spr2<T: Scalar, I: XerblaNames>(
    uplo: *const c_char,
    n: *const I,
    alpha: *const T,
    x: *const T,
    incx: *const I,
    y: *const T,
    incy: *const I,
    ap: *mut T,
) {
    syr_f77::<T, I>(Upd::Syr2(*alpha), true, uplo, n, x, incx, y, incy, ap, n)
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn hpr2<T: Scalar, I: XerblaNames>(
    uplo: *const c_char,
    n: *const I,
    alpha: *const T,
    x: *const T,
    incx: *const I,
    y: *const T,
    incy: *const I,
    ap: *mut T,
) {
    syr_f77::<T, I>(Upd::Her2(*alpha), true, uplo, n, x, incx, y, incy, ap, n)
}

f77!(syr [uplo: *const c_char, n: *const I, alpha: *const T, x: *const T, incx: *const I,
    a: *mut T, lda: *const I] {
    ssyr_ ssyr_64_: f32, dsyr_ dsyr_64_: f64,
});
f77!(her [uplo: *const c_char, n: *const I, alpha: *const <T as Scalar>::Real, x: *const T,
    incx: *const I, a: *mut T, lda: *const I] {
    cher_ cher_64_: c32, zher_ zher_64_: c64,
});
f77!(spr [uplo: *const c_char, n: *const I, alpha: *const T, x: *const T, incx: *const I, ap: *mut T] {
    sspr_ sspr_64_: f32, dspr_ dspr_64_: f64,
});
f77!(hpr [uplo: *const c_char, n: *const I, alpha: *const <T as Scalar>::Real, x: *const T,
    incx: *const I, ap: *mut T] {
    chpr_ chpr_64_: c32, zhpr_ zhpr_64_: c64,
});
f77!(syr2 [uplo: *const c_char, n: *const I, alpha: *const T, x: *const T, incx: *const I,
    y: *const T, incy: *const I, a: *mut T, lda: *const I] {
    ssyr2_ ssyr2_64_: f32, dsyr2_ dsyr2_64_: f64,
});
f77!(her2 [uplo: *const c_char, n: *const I, alpha: *const T, x: *const T, incx: *const I,
    y: *const T, incy: *const I, a: *mut T, lda: *const I] {
    cher2_ cher2_64_: c32, zher2_ zher2_64_: c64,
});
f77!(spr2 [uplo: *const c_char, n: *const I, alpha: *const T, x: *const T, incx: *const I,
    y: *const T, incy: *const I, ap: *mut T] {
    sspr2_ sspr2_64_: f32, dspr2_ dspr2_64_: f64,
});
f77!(hpr2 [uplo: *const c_char, n: *const I, alpha: *const T, x: *const T, incx: *const I,
    y: *const T, incy: *const I, ap: *mut T] {
    chpr2_ chpr2_64_: c32, zhpr2_ zhpr2_64_: c64,
});
