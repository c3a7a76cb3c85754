//! Level 3: gemm, symm, hemm, syrk, herk, syr2k, her2k, trmm, trsm, gemmt.
//!
//! `check_*` return the reference BLAS `INFO` (0 when the arguments are
//! legal) and take the option arguments already parsed (`None` for an
//! illegal character). `run_*` assume checked arguments.

use crate::abi::*;
use crate::xerbla::{name6, report, XerblaNames};
use core::ffi::c_char;
use ox::{c32, c64, Diag, Op, Scalar, Side, Uplo};

#[inline]
fn max1(x: i64) -> i64 {
    x.max(1)
}

// ---- gemm ----------------------------------------------------------------------

pub(crate) fn check_gemm(
    ta: Option<Op>,
    tb: Option<Op>,
    m: i64,
    n: i64,
    k: i64,
    lda: i64,
    ldb: i64,
    ldc: i64,
) -> i32 {
    let Some(ta) = ta else { return 1 };
    let Some(tb) = tb else { return 2 };
    let nrowa = if ta == Op::NoTrans { m } else { k };
    let nrowb = if tb == Op::NoTrans { k } else { n };
    if m < 0 {
        3
    } else if n < 0 {
        4
    } else if k < 0 {
        5
    } else if lda < max1(nrowa) {
        8
    } else if ldb < max1(nrowb) {
        10
    } else if ldc < max1(m) {
        13
    } else {
        0
    }
}

/// # Safety
/// Checked arguments; pointers per the BLAS contract.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn run_gemm<T: Scalar>(
    l: Layout,
    ta: Op,
    tb: Op,
    m: usize,
    n: usize,
    k: usize,
    alpha: T,
    a: *const T,
    lda: usize,
    b: *const T,
    ldb: usize,
    beta: T,
    c: *mut T,
    ldc: usize,
) {
    if m == 0 || n == 0 {
        return;
    }
    let (ar, ac) = if ta == Op::NoTrans { (m, k) } else { (k, m) };
    let (br, bc) = if tb == Op::NoTrans { (k, n) } else { (n, k) };
    let a = mat(a, ar, ac, lda, l);
    let b = mat(b, br, bc, ldb, l);
    let c = mat_mut(c, m, n, ldc, l);
    core_result("gemm", ox::gemm(ta, tb, alpha, a, b, beta, c));
}

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn gemm<T: Scalar, I: XerblaNames>(
    transa: *const c_char,
    transb: *const c_char,
    m: *const I,
    n: *const I,
    k: *const I,
    alpha: *const T,
    a: *const T,
    lda: *const I,
    b: *const T,
    ldb: *const I,
    beta: *const T,
    c: *mut T,
    ldc: *const I,
) {
    let (ta, tb) = (op_of(ch(transa)), op_of(ch(transb)));
    let (m, n, k) = (rd(m), rd(n), rd(k));
    let (lda, ldb, ldc) = (rd(lda), rd(ldb), rd(ldc));
    let info = check_gemm(ta, tb, m, n, k, lda, ldb, ldc);
    if info != 0 {
        return report::<I>(&name6(T::KIND.prefix(), "GEMM"), info);
    }
    let (ta, tb) = (ta.unwrap(), tb.unwrap());
    run_gemm(
        Layout::Col,
        ta,
        tb,
        m as usize,
        n as usize,
        k as usize,
        val(alpha),
        a,
        lda as usize,
        b,
        ldb as usize,
        val(beta),
        c,
        ldc as usize,
    );
}

f77!(gemm [transa: *const c_char, transb: *const c_char, m: *const I, n: *const I, k: *const I,
    alpha: *const T, a: *const T, lda: *const I, b: *const T, ldb: *const I, beta: *const T,
    c: *mut T, ldc: *const I] {
    sgemm_ sgemm_64_: f32, dgemm_ dgemm_64_: f64, cgemm_ cgemm_64_: c32, zgemm_ zgemm_64_: c64,
});

// ---- symm / hemm -----------------------------------------------------------------

pub(crate) fn check_symm(
    side: Option<Side>,
    uplo: Option<Uplo>,
    m: i64,
    n: i64,
    lda: i64,
    ldb: i64,
    ldc: i64,
) -> i32 {
    let Some(side) = side else { return 1 };
    if uplo.is_none() {
        return 2;
    }
    let nrowa = if side == Side::Left { m } else { n };
    if m < 0 {
        3
    } else if n < 0 {
        4
    } else if lda < max1(nrowa) {
        7
    } else if ldb < max1(m) {
        9
    } else if ldc < max1(m) {
        12
    } else {
        0
    }
}

/// `herm`: hemm instead of symm.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn run_symm<T: Scalar>(
    herm: bool,
    l: Layout,
    side: Side,
    uplo: Uplo,
    m: usize,
    n: usize,
    alpha: T,
    a: *const T,
    lda: usize,
    b: *const T,
    ldb: usize,
    beta: T,
    c: *mut T,
    ldc: usize,
) {
    if m == 0 || n == 0 {
        return;
    }
    let ka = if side == Side::Left { m } else { n };
    let a = mat(a, ka, ka, lda, l);
    let b = mat(b, m, n, ldb, l);
    let c = mat_mut(c, m, n, ldc, l);
    if herm {
        core_result(
            "hemm",
            ox::blas::level3::hemm(side, uplo, alpha, a, b, beta, c),
        );
    } else {
        core_result(
            "symm",
            ox::blas::level3::symm(side, uplo, alpha, a, b, beta, c),
        );
    }
}

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn symm_any<T: Scalar, I: XerblaNames>(
    herm: bool,
    side: *const c_char,
    uplo: *const c_char,
    m: *const I,
    n: *const I,
    alpha: *const T,
    a: *const T,
    lda: *const I,
    b: *const T,
    ldb: *const I,
    beta: *const T,
    c: *mut T,
    ldc: *const I,
) {
    let (s, u) = (side_of(ch(side)), uplo_of(ch(uplo)));
    let (m, n, lda, ldb, ldc) = (rd(m), rd(n), rd(lda), rd(ldb), rd(ldc));
    let info = check_symm(s, u, m, n, lda, ldb, ldc);
    if info != 0 {
        let base = if herm { "HEMM" } else { "SYMM" };
        return report::<I>(&name6(T::KIND.prefix(), base), info);
    }
    run_symm(
        herm,
        Layout::Col,
        s.unwrap(),
        u.unwrap(),
        m as usize,
        n as usize,
        val(alpha),
        a,
        lda as usize,
        b,
        ldb as usize,
        val(beta),
        c,
        ldc as usize,
    );
}

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn symm<T: Scalar, I: XerblaNames>(
    side: *const c_char,
    uplo: *const c_char,
    m: *const I,
    n: *const I,
    alpha: *const T,
    a: *const T,
    lda: *const I,
    b: *const T,
    ldb: *const I,
    beta: *const T,
    c: *mut T,
    ldc: *const I,
) {
    symm_any::<T, I>(false, side, uplo, m, n, alpha, a, lda, b, ldb, beta, c, ldc)
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn hemm<T: Scalar, I: XerblaNames>(
    side: *const c_char,
    uplo: *const c_char,
    m: *const I,
    n: *const I,
    alpha: *const T,
    a: *const T,
    lda: *const I,
    b: *const T,
    ldb: *const I,
    beta: *const T,
    c: *mut T,
    ldc: *const I,
) {
    symm_any::<T, I>(true, side, uplo, m, n, alpha, a, lda, b, ldb, beta, c, ldc)
}

f77!(symm [side: *const c_char, uplo: *const c_char, m: *const I, n: *const I, alpha: *const T,
    a: *const T, lda: *const I, b: *const T, ldb: *const I, beta: *const T, c: *mut T, ldc: *const I] {
    ssymm_ ssymm_64_: f32, dsymm_ dsymm_64_: f64, csymm_ csymm_64_: c32, zsymm_ zsymm_64_: c64,
});
f77!(hemm [side: *const c_char, uplo: *const c_char, m: *const I, n: *const I, alpha: *const T,
    a: *const T, lda: *const I, b: *const T, ldb: *const I, beta: *const T, c: *mut T, ldc: *const I] {
    chemm_ chemm_64_: c32, zhemm_ zhemm_64_: c64,
});

// ---- syrk / herk / syr2k / her2k ------------------------------------------------------

/// Which rank-k update: the legal `TRANS` letters differ.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum RankK {
    /// syrk/syr2k: N, T (and C for real types).
    Sym,
    /// herk/her2k: N, C.
    Herm,
}

/// The legal operation for a rank-k update of type `T`, or None.
pub(crate) fn rank_op<T: Scalar>(kind: RankK, op: Option<Op>) -> Option<Op> {
    match (kind, op?) {
        (_, Op::NoTrans) => Some(Op::NoTrans),
        (RankK::Sym, Op::Trans) => Some(Op::Trans),
        (RankK::Sym, Op::ConjTrans) if !T::IS_COMPLEX => Some(Op::Trans),
        (RankK::Herm, Op::ConjTrans) => Some(Op::ConjTrans),
        _ => None,
    }
}

/// syrk/herk (`two == false`, no B) and syr2k/her2k (`two`).
pub(crate) fn check_rank(
    two: bool,
    uplo: Option<Uplo>,
    op: Option<Op>,
    n: i64,
    k: i64,
    lda: i64,
    ldb: i64,
    ldc: i64,
) -> i32 {
    if uplo.is_none() {
        return 1;
    }
    let Some(op) = op else { return 2 };
    let nrowa = if op == Op::NoTrans { n } else { k };
    if n < 0 {
        3
    } else if k < 0 {
        4
    } else if lda < max1(nrowa) {
        7
    } else if two && ldb < max1(nrowa) {
        9
    } else if ldc < max1(n) {
        if two {
            12
        } else {
            10
        }
    } else {
        0
    }
}

/// The four rank updates, sharing argument plumbing.
#[derive(Clone, Copy)]
pub(crate) enum Rank<T: Scalar> {
    Syrk { alpha: T, beta: T },
    Herk { alpha: T::Real, beta: T::Real },
    Syr2k { alpha: T, beta: T },
    Her2k { alpha: T, beta: T::Real },
}

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn run_rank<T: Scalar>(
    l: Layout,
    what: Rank<T>,
    uplo: Uplo,
    op: Op,
    n: usize,
    k: usize,
    a: *const T,
    lda: usize,
    b: *const T,
    ldb: usize,
    c: *mut T,
    ldc: usize,
) {
    if n == 0 {
        return;
    }
    let (ar, ac) = if op == Op::NoTrans { (n, k) } else { (k, n) };
    let av = mat(a, ar, ac, lda, l);
    let cv = mat_mut(c, n, n, ldc, l);
    match what {
        Rank::Syrk { alpha, beta } => {
            core_result(
                "syrk",
                ox::blas::level3::syrk(uplo, op, alpha, av, beta, cv),
            );
        }
        Rank::Herk { alpha, beta } => {
            core_result(
                "herk",
                ox::blas::level3::herk(uplo, op, alpha, av, beta, cv),
            );
        }
        Rank::Syr2k { alpha, beta } => {
            let bv = mat(b, ar, ac, ldb, l);
            core_result(
                "syr2k",
                ox::blas::level3::syr2k(uplo, op, alpha, av, bv, beta, cv),
            );
        }
        Rank::Her2k { alpha, beta } => {
            let bv = mat(b, ar, ac, ldb, l);
            core_result(
                "her2k",
                ox::blas::level3::her2k(uplo, op, alpha, av, bv, beta, cv),
            );
        }
    }
}

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn rank_f77<T: Scalar, I: XerblaNames>(
    base: &str,
    what: Rank<T>,
    uplo: *const c_char,
    trans: *const c_char,
    n: *const I,
    k: *const I,
    a: *const T,
    lda: *const I,
    b: *const T,
    ldb: *const I,
    c: *mut T,
    ldc: *const I,
) {
    let kind = match what {
        Rank::Syrk { .. } | Rank::Syr2k { .. } => RankK::Sym,
        _ => RankK::Herm,
    };
    let two = matches!(what, Rank::Syr2k { .. } | Rank::Her2k { .. });
    let u = uplo_of(ch(uplo));
    let op = rank_op::<T>(kind, op_of(ch(trans)));
    let (n, k, lda, ldc) = (rd(n), rd(k), rd(lda), rd(ldc));
    let ldb = if two { rd(ldb) } else { 1 };
    let info = check_rank(two, u, op, n, k, lda, ldb, ldc);
    if info != 0 {
        return report::<I>(&name6(T::KIND.prefix(), base), info);
    }
    run_rank(
        Layout::Col,
        what,
        u.unwrap(),
        op.unwrap(),
        n as usize,
        k as usize,
        a,
        lda as usize,
        b,
        ldb as usize,
        c,
        ldc as usize,
    );
}

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn syrk<T: Scalar, I: XerblaNames>(
    uplo: *const c_char,
    trans: *const c_char,
    n: *const I,
    k: *const I,
    alpha: *const T,
    a: *const T,
    lda: *const I,
    beta: *const T,
    c: *mut T,
    ldc: *const I,
) {
    let what = Rank::Syrk {
        alpha: val(alpha),
        beta: val(beta),
    };
    rank_f77::<T, I>("SYRK", what, uplo, trans, n, k, a, lda, a, lda, c, ldc)
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn herk<T: Scalar, I: XerblaNames>(
    uplo: *const c_char,
    trans: *const c_char,
    n: *const I,
    k: *const I,
    alpha: *const T::Real,
    a: *const T,
    lda: *const I,
    beta: *const T::Real,
    c: *mut T,
    ldc: *const I,
) {
    let what = Rank::<T>::Herk {
        alpha: val(alpha),
        beta: val(beta),
    };
    rank_f77::<T, I>("HERK", what, uplo, trans, n, k, a, lda, a, lda, c, ldc)
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn syr2k<T: Scalar, I: XerblaNames>(
    uplo: *const c_char,
    trans: *const c_char,
    n: *const I,
    k: *const I,
    alpha: *const T,
    a: *const T,
    lda: *const I,
    b: *const T,
    ldb: *const I,
    beta: *const T,
    c: *mut T,
    ldc: *const I,
) {
    let what = Rank::Syr2k {
        alpha: val(alpha),
        beta: val(beta),
    };
    rank_f77::<T, I>("SYR2K", what, uplo, trans, n, k, a, lda, b, ldb, c, ldc)
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn her2k<T: Scalar, I: XerblaNames>(
    uplo: *const c_char,
    trans: *const c_char,
    n: *const I,
    k: *const I,
    alpha: *const T,
    a: *const T,
    lda: *const I,
    b: *const T,
    ldb: *const I,
    beta: *const T::Real,
    c: *mut T,
    ldc: *const I,
) {
    let what = Rank::<T>::Her2k {
        alpha: val(alpha),
        beta: val(beta),
    };
    rank_f77::<T, I>("HER2K", what, uplo, trans, n, k, a, lda, b, ldb, c, ldc)
}

f77!(syrk [uplo: *const c_char, trans: *const c_char, n: *const I, k: *const I, alpha: *const T,
    a: *const T, lda: *const I, beta: *const T, c: *mut T, ldc: *const I] {
    ssyrk_ ssyrk_64_: f32, dsyrk_ dsyrk_64_: f64, csyrk_ csyrk_64_: c32, zsyrk_ zsyrk_64_: c64,
});
f77!(herk [uplo: *const c_char, trans: *const c_char, n: *const I, k: *const I,
    alpha: *const <T as Scalar>::Real, a: *const T, lda: *const I, beta: *const <T as Scalar>::Real,
    c: *mut T, ldc: *const I] {
    cherk_ cherk_64_: c32, zherk_ zherk_64_: c64,
});
f77!(syr2k [uplo: *const c_char, trans: *const c_char, n: *const I, k: *const I, alpha: *const T,
    a: *const T, lda: *const I, b: *const T, ldb: *const I, beta: *const T, c: *mut T, ldc: *const I] {
    ssyr2k_ ssyr2k_64_: f32, dsyr2k_ dsyr2k_64_: f64, csyr2k_ csyr2k_64_: c32, zsyr2k_ zsyr2k_64_: c64,
});
f77!(her2k [uplo: *const c_char, trans: *const c_char, n: *const I, k: *const I, alpha: *const T,
    a: *const T, lda: *const I, b: *const T, ldb: *const I, beta: *const <T as Scalar>::Real,
    c: *mut T, ldc: *const I] {
    cher2k_ cher2k_64_: c32, zher2k_ zher2k_64_: c64,
});

// ---- trmm / trsm -------------------------------------------------------------------------

pub(crate) fn check_trxm(
    side: Option<Side>,
    uplo: Option<Uplo>,
    op: Option<Op>,
    diag: Option<Diag>,
    m: i64,
    n: i64,
    lda: i64,
    ldb: i64,
) -> i32 {
    let Some(side) = side else { return 1 };
    if uplo.is_none() {
        return 2;
    }
    if op.is_none() {
        return 3;
    }
    if diag.is_none() {
        return 4;
    }
    let nrowa = if side == Side::Left { m } else { n };
    if m < 0 {
        5
    } else if n < 0 {
        6
    } else if lda < max1(nrowa) {
        9
    } else if ldb < max1(m) {
        11
    } else {
        0
    }
}

/// trmm (`solve == false`) or trsm.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn run_trxm<T: Scalar>(
    solve: bool,
    l: Layout,
    side: Side,
    uplo: Uplo,
    op: Op,
    diag: Diag,
    m: usize,
    n: usize,
    alpha: T,
    a: *const T,
    lda: usize,
    b: *mut T,
    ldb: usize,
) {
    if m == 0 || n == 0 {
        return;
    }
    let ka = if side == Side::Left { m } else { n };
    let a = mat(a, ka, ka, lda, l);
    let b = mat_mut(b, m, n, ldb, l);
    if solve {
        core_result(
            "trsm",
            ox::blas::level3::trsm(side, uplo, op, diag, alpha, a, b),
        );
    } else {
        core_result(
            "trmm",
            ox::blas::level3::trmm(side, uplo, op, diag, alpha, a, b),
        );
    }
}

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn trxm<T: Scalar, I: XerblaNames>(
    solve: bool,
    side: *const c_char,
    uplo: *const c_char,
    transa: *const c_char,
    diag: *const c_char,
    m: *const I,
    n: *const I,
    alpha: *const T,
    a: *const T,
    lda: *const I,
    b: *mut T,
    ldb: *const I,
) {
    let (s, u, o, d) = (
        side_of(ch(side)),
        uplo_of(ch(uplo)),
        op_of(ch(transa)),
        diag_of(ch(diag)),
    );
    let (m, n, lda, ldb) = (rd(m), rd(n), rd(lda), rd(ldb));
    let info = check_trxm(s, u, o, d, m, n, lda, ldb);
    if info != 0 {
        let base = if solve { "TRSM" } else { "TRMM" };
        return report::<I>(&name6(T::KIND.prefix(), base), info);
    }
    run_trxm(
        solve,
        Layout::Col,
        s.unwrap(),
        u.unwrap(),
        o.unwrap(),
        d.unwrap(),
        m as usize,
        n as usize,
        val(alpha),
        a,
        lda as usize,
        b,
        ldb as usize,
    );
}

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn trmm<T: Scalar, I: XerblaNames>(
    side: *const c_char,
    uplo: *const c_char,
    transa: *const c_char,
    diag: *const c_char,
    m: *const I,
    n: *const I,
    alpha: *const T,
    a: *const T,
    lda: *const I,
    b: *mut T,
    ldb: *const I,
) {
    trxm::<T, I>(false, side, uplo, transa, diag, m, n, alpha, a, lda, b, ldb)
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn trsm<T: Scalar, I: XerblaNames>(
    side: *const c_char,
    uplo: *const c_char,
    transa: *const c_char,
    diag: *const c_char,
    m: *const I,
    n: *const I,
    alpha: *const T,
    a: *const T,
    lda: *const I,
    b: *mut T,
    ldb: *const I,
) {
    trxm::<T, I>(true, side, uplo, transa, diag, m, n, alpha, a, lda, b, ldb)
}

f77!(trmm [side: *const c_char, uplo: *const c_char, transa: *const c_char, diag: *const c_char,
    m: *const I, n: *const I, alpha: *const T, a: *const T, lda: *const I, b: *mut T, ldb: *const I] {
    strmm_ strmm_64_: f32, dtrmm_ dtrmm_64_: f64, ctrmm_ ctrmm_64_: c32, ztrmm_ ztrmm_64_: c64,
});
f77!(trsm [side: *const c_char, uplo: *const c_char, transa: *const c_char, diag: *const c_char,
    m: *const I, n: *const I, alpha: *const T, a: *const T, lda: *const I, b: *mut T, ldb: *const I] {
    strsm_ strsm_64_: f32, dtrsm_ dtrsm_64_: f64, ctrsm_ ctrsm_64_: c32, ztrsm_ ztrsm_64_: c64,
});

// ---- gemmt ----------------------------------------------------------------------------------

pub(crate) fn check_gemmt(
    uplo: Option<Uplo>,
    ta: Option<Op>,
    tb: Option<Op>,
    n: i64,
    k: i64,
    lda: i64,
    ldb: i64,
    ldc: i64,
) -> i32 {
    if uplo.is_none() {
        return 1;
    }
    let Some(ta) = ta else { return 2 };
    let Some(tb) = tb else { return 3 };
    let nrowa = if ta == Op::NoTrans { n } else { k };
    let nrowb = if tb == Op::NoTrans { k } else { n };
    if n < 0 {
        4
    } else if k < 0 {
        5
    } else if lda < max1(nrowa) {
        8
    } else if ldb < max1(nrowb) {
        10
    } else if ldc < max1(n) {
        13
    } else {
        0
    }
}

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn run_gemmt<T: Scalar>(
    l: Layout,
    uplo: Uplo,
    ta: Op,
    tb: Op,
    n: usize,
    k: usize,
    alpha: T,
    a: *const T,
    lda: usize,
    b: *const T,
    ldb: usize,
    beta: T,
    c: *mut T,
    ldc: usize,
) {
    if n == 0 {
        return;
    }
    let (ar, ac) = if ta == Op::NoTrans { (n, k) } else { (k, n) };
    let (br, bc) = if tb == Op::NoTrans { (k, n) } else { (n, k) };
    let a = mat(a, ar, ac, lda, l);
    let b = mat(b, br, bc, ldb, l);
    let c = mat_mut(c, n, n, ldc, l);
    core_result(
        "gemmt",
        ox::blas::level3::gemmt(uplo, ta, tb, alpha, a, b, beta, c),
    );
}

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn gemmt<T: Scalar, I: XerblaNames>(
    uplo: *const c_char,
    transa: *const c_char,
    transb: *const c_char,
    n: *const I,
    k: *const I,
    alpha: *const T,
    a: *const T,
    lda: *const I,
    b: *const T,
    ldb: *const I,
    beta: *const T,
    c: *mut T,
    ldc: *const I,
) {
    let (u, ta, tb) = (uplo_of(ch(uplo)), op_of(ch(transa)), op_of(ch(transb)));
    let (n, k, lda, ldb, ldc) = (rd(n), rd(k), rd(lda), rd(ldb), rd(ldc));
    let info = check_gemmt(u, ta, tb, n, k, lda, ldb, ldc);
    if info != 0 {
        return report::<I>(&name6(T::KIND.prefix(), "GEMMT"), info);
    }
    run_gemmt(
        Layout::Col,
        u.unwrap(),
        ta.unwrap(),
        tb.unwrap(),
        n as usize,
        k as usize,
        val(alpha),
        a,
        lda as usize,
        b,
        ldb as usize,
        val(beta),
        c,
        ldc as usize,
    );
}

f77!(gemmt [uplo: *const c_char, transa: *const c_char, transb: *const c_char, n: *const I,
    k: *const I, alpha: *const T, a: *const T, lda: *const I, b: *const T, ldb: *const I,
    beta: *const T, c: *mut T, ldc: *const I] {
    sgemmt_ sgemmt_64_: f32, dgemmt_ dgemmt_64_: f64, cgemmt_ cgemmt_64_: c32, zgemmt_ zgemmt_64_: c64,
});
