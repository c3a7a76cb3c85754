//! CBLAS Level 3.

use super::common::{arg, failed, fname, layout};
use crate::abi::*;
use crate::fortran::level3::*;
use crate::xerbla::XerblaNames;
use core::ffi::c_int;
use ox::{c32, c64, Op, Scalar};

fn idx(v: impl Int) -> usize {
    v.get() as usize
}

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn gemm<T: CArg, I: XerblaNames>(
    order: c_int,
    transa: c_int,
    transb: c_int,
    m: I,
    n: I,
    k: I,
    alpha: T::Arg,
    a: *const T,
    lda: I,
    b: *const T,
    ldb: I,
    beta: T::Arg,
    c: *mut T,
    ldc: I,
) {
    let name = fname::<T>("GEMM");
    let Some(l) = layout::<I>(&name, order) else {
        return;
    };
    let Some(ta) = arg::<I, _>(
        &name,
        l,
        2,
        transa,
        cblas_op,
        c"Illegal TransA setting, %d\n",
    ) else {
        return;
    };
    let Some(tb) = arg::<I, _>(
        &name,
        l,
        3,
        transb,
        cblas_op,
        c"Illegal TransB setting, %d\n",
    ) else {
        return;
    };
    let (mm, nn, kk, la, lb, lc) = (m.get(), n.get(), k.get(), lda.get(), ldb.get(), ldc.get());
    let info = match l {
        Layout::Col => check_gemm(Some(ta), Some(tb), mm, nn, kk, la, lb, lc),
        Layout::Row => check_gemm(Some(tb), Some(ta), nn, mm, kk, lb, la, lc),
    };
    if failed::<I>(&name, l, info) {
        return;
    }
    run_gemm(
        l,
        ta,
        tb,
        idx(m),
        idx(n),
        idx(k),
        T::read(alpha),
        a,
        idx(lda),
        b,
        idx(ldb),
        T::read(beta),
        c,
        idx(ldc),
    );
}

cblas!(gemm [order: c_int, transa: c_int, transb: c_int, m: I, n: I, k: I,
    alpha: <T as CArg>::Arg, a: *const T, lda: I, b: *const T, ldb: I, beta: <T as CArg>::Arg,
    c: *mut T, ldc: I] {
    cblas_sgemm cblas_sgemm64_: f32, cblas_dgemm cblas_dgemm64_: f64,
    cblas_cgemm cblas_cgemm64_: c32, cblas_zgemm cblas_zgemm64_: c64,
});

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn symm_any<T: CArg, I: XerblaNames>(
    herm: bool,
    order: c_int,
    side: c_int,
    uplo: c_int,
    m: I,
    n: I,
    alpha: T::Arg,
    a: *const T,
    lda: I,
    b: *const T,
    ldb: I,
    beta: T::Arg,
    c: *mut T,
    ldc: I,
) {
    let name = fname::<T>(if herm { "HEMM" } else { "SYMM" });
    let Some(l) = layout::<I>(&name, order) else {
        return;
    };
    let Some(s) = arg::<I, _>(&name, l, 2, side, cblas_side, c"Illegal Side setting, %d\n") else {
        return;
    };
    let Some(u) = arg::<I, _>(&name, l, 3, uplo, cblas_uplo, c"Illegal Uplo setting, %d\n") else {
        return;
    };
    let (mm, nn, la, lb, lc) = (m.get(), n.get(), lda.get(), ldb.get(), ldc.get());
    let info = match l {
        Layout::Col => check_symm(Some(s), Some(u), mm, nn, la, lb, lc),
        Layout::Row => check_symm(Some(flip_side(s)), Some(flip_uplo(u)), nn, mm, la, lb, lc),
    };
    if failed::<I>(&name, l, info) {
        return;
    }
    run_symm(
        herm,
        l,
        s,
        u,
        idx(m),
        idx(n),
        T::read(alpha),
        a,
        idx(lda),
        b,
        idx(ldb),
        T::read(beta),
        c,
        idx(ldc),
    );
}

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn symm<T: CArg, I: XerblaNames>(
    order: c_int,
    side: c_int,
    uplo: c_int,
    m: I,
    n: I,
    alpha: T::Arg,
    a: *const T,
    lda: I,
    b: *const T,
    ldb: I,
    beta: T::Arg,
    c: *mut T,
    ldc: I,
) {
    symm_any::<T, I>(
        false, order, side, uplo, m, n, alpha, a, lda, b, ldb, beta, c, ldc,
    )
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn hemm<T: CArg, I: XerblaNames>(
    order: c_int,
    side: c_int,
    uplo: c_int,
    m: I,
    n: I,
    alpha: T::Arg,
    a: *const T,
    lda: I,
    b: *const T,
    ldb: I,
    beta: T::Arg,
    c: *mut T,
    ldc: I,
) {
    symm_any::<T, I>(
        true, order, side, uplo, m, n, alpha, a, lda, b, ldb, beta, c, ldc,
    )
}
cblas!(symm [order: c_int, side: c_int, uplo: c_int, m: I, n: I, alpha: <T as CArg>::Arg,
    a: *const T, lda: I, b: *const T, ldb: I, beta: <T as CArg>::Arg, c: *mut T, ldc: I] {
    cblas_ssymm cblas_ssymm64_: f32, cblas_dsymm cblas_dsymm64_: f64,
    cblas_csymm cblas_csymm64_: c32, cblas_zsymm cblas_zsymm64_: c64,
});
cblas!(hemm [order: c_int, side: c_int, uplo: c_int, m: I, n: I, alpha: <T as CArg>::Arg,
    a: *const T, lda: I, b: *const T, ldb: I, beta: <T as CArg>::Arg, c: *mut T, ldc: I] {
    cblas_chemm cblas_chemm64_: c32, cblas_zhemm cblas_zhemm64_: c64,
});

/// syrk/herk/syr2k/her2k after the scalars are read.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
#[allow(dead_code)]
unsafe fn rank<T: CArg, I: XerblaNames>(
    base: &str,
    what: Rank<T>,
    order: c_int,
    uplo: c_int,
    trans: c_int,
    n: I,
    k: I,
    a: *const T,
    lda: I,
    b: *const T,
    ldb: I,
    c: *mut T,
    ldc: I,
) {
    let name = fname::<T>(base);
    let (kind, two) = match what {
        Rank::Syrk { .. } => (RankK::Sym, false),
        Rank::Syr2k { .. } => (RankK::Sym, true),
        Rank::Herk { .. } => (RankK::Herm, false),
        Rank::Her2k { .. } => (RankK::Herm, true),
    };
    let Some(l) = layout::<I>(&name, order) else {
        return;
    };
    let Some(u) = arg::<I, _>(&name, l, 2, uplo, cblas_uplo, c"Illegal Uplo setting, %d\n") else {
        return;
    };
    let parse = |v| rank_op::<T>(kind, cblas_op(v));
    let Some(op) = arg::<I, _>(&name, l, 3, trans, parse, c"Illegal Trans setting, %d\n") else {
        return;
    };
    let (nn, kk, la, lc) = (n.get(), k.get(), lda.get(), ldc.get());
    let lb = if two { ldb.get() } else { 1 };
    let info = match l {
        Layout::Col => check_rank(two, Some(u), Some(op), nn, kk, la, lb, lc),
        Layout::Row => {
            // The transposed problem: op(A) op(A)^T on A^T.
            let flipped = match (op, kind) {
                (Op::NoTrans, RankK::Sym) => Op::Trans,
                (Op::NoTrans, RankK::Herm) => Op::ConjTrans,
                _ => Op::NoTrans,
            };
            check_rank(two, Some(flip_uplo(u)), Some(flipped), nn, kk, la, lb, lc)
        }
    };
    if failed::<I>(&name, l, info) {
        return;
    }
    let ldb = if two { idx(ldb) } else { 1 };
    run_rank(
        l,
        what,
        u,
        op,
        idx(n),
        idx(k),
        a,
        idx(lda),
        b,
        ldb,
        c,
        idx(ldc),
    );
}

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn syrk<T: CArg, I: XerblaNames>(
    order: c_int,
    uplo: c_int,
    trans: c_int,
    n: I,
    k: I,
    alpha: T::Arg,
    a: *const T,
    lda: I,
    beta: T::Arg,
    c: *mut T,
    ldc: I,
) {
    let what = Rank::Syrk {
        alpha: T::read(alpha),
        beta: T::read(beta),
    };
    rank::<T, I>(
        "SYRK", what, order, uplo, trans, n, k, a, lda, a, lda, c, ldc,
    )
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn herk<T: CArg, I: XerblaNames>(
    order: c_int,
    uplo: c_int,
    trans: c_int,
    n: I,
    k: I,
    alpha: T::Real,
    a: *const T,
    lda: I,
    beta: T::Real,
    c: *mut T,
    ldc: I,
) {
    let what = Rank::<T>::Herk { alpha, beta };
    rank::<T, I>(
        "HERK", what, order, uplo, trans, n, k, a, lda, a, lda, c, ldc,
    )
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn syr2k<T: CArg, I: XerblaNames>(
    order: c_int,
    uplo: c_int,
    trans: c_int,
    n: I,
    k: I,
    alpha: T::Arg,
    a: *const T,
    lda: I,
    b: *const T,
    ldb: I,
    beta: T::Arg,
    c: *mut T,
    ldc: I,
) {
    let what = Rank::Syr2k {
        alpha: T::read(alpha),
        beta: T::read(beta),
    };
    rank::<T, I>(
        "SYR2K", what, order, uplo, trans, n, k, a, lda, b, ldb, c, ldc,
    )
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn her2k<T: CArg, I: XerblaNames>(
    order: c_int,
    uplo: c_int,
    trans: c_int,
    n: I,
    k: I,
    alpha: T::Arg,
    a: *const T,
    lda: I,
    b: *const T,
    ldb: I,
    beta: T::Real,
    c: *mut T,
    ldc: I,
) {
    let what = Rank::<T>::Her2k {
        alpha: T::read(alpha),
        beta,
    };
    rank::<T, I>(
        "HER2K", what, order, uplo, trans, n, k, a, lda, b, ldb, c, ldc,
    )
}

cblas!(syrk [order: c_int, uplo: c_int, trans: c_int, n: I, k: I, alpha: <T as CArg>::Arg,
    a: *const T, lda: I, beta: <T as CArg>::Arg, c: *mut T, ldc: I] {
    cblas_ssyrk cblas_ssyrk64_: f32, cblas_dsyrk cblas_dsyrk64_: f64,
    cblas_csyrk cblas_csyrk64_: c32, cblas_zsyrk cblas_zsyrk64_: c64,
});
cblas!(herk [order: c_int, uplo: c_int, trans: c_int, n: I, k: I, alpha: <T as Scalar>::Real,
    a: *const T, lda: I, beta: <T as Scalar>::Real, c: *mut T, ldc: I] {
    cblas_cherk cblas_cherk64_: c32, cblas_zherk cblas_zherk64_: c64,
});
cblas!(syr2k [order: c_int, uplo: c_int, trans: c_int, n: I, k: I, alpha: <T as CArg>::Arg,
    a: *const T, lda: I, b: *const T, ldb: I, beta: <T as CArg>::Arg, c: *mut T, ldc: I] {
    cblas_ssyr2k cblas_ssyr2k64_: f32, cblas_dsyr2k cblas_dsyr2k64_: f64,
    cblas_csyr2k cblas_csyr2k64_: c32, cblas_zsyr2k cblas_zsyr2k64_: c64,
});
cblas!(her2k [order: c_int, uplo: c_int, trans: c_int, n: I, k: I, alpha: <T as CArg>::Arg,
    a: *const T, lda: I, b: *const T, ldb: I, beta: <T as Scalar>::Real, c: *mut T, ldc: I] {
    cblas_cher2k cblas_cher2k64_: c32, cblas_zher2k cblas_zher2k64_: c64,
});

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn trxm<T: CArg, I: XerblaNames>(
    solve: bool,
    order: c_int,
    side: c_int,
    uplo: c_int,
    transa: c_int,
    diag: c_int,
    m: I,
    n: I,
    alpha: T::Arg,
    a: *const T,
    lda: I,
    b: *mut T,
    ldb: I,
) {
    let name = fname::<T>(if solve { "TRSM" } else { "TRMM" });
    let Some(l) = layout::<I>(&name, order) else {
        return;
    };
    let Some(s) = arg::<I, _>(&name, l, 2, side, cblas_side, c"Illegal Side setting, %d\n") else {
        return;
    };
    let Some(u) = arg::<I, _>(&name, l, 3, uplo, cblas_uplo, c"Illegal Uplo setting, %d\n") else {
        return;
    };
    let Some(o) = arg::<I, _>(
        &name,
        l,
        4,
        transa,
        cblas_op,
        c"Illegal Trans setting, %d\n",
    ) else {
        return;
    };
    let Some(d) = arg::<I, _>(&name, l, 5, diag, cblas_diag, c"Illegal Diag setting, %d\n") else {
        return;
    };
    let (mm, nn, la, lb) = (m.get(), n.get(), lda.get(), ldb.get());
    let info = match l {
        Layout::Col => check_trxm(Some(s), Some(u), Some(o), Some(d), mm, nn, la, lb),
        Layout::Row => check_trxm(
            Some(flip_side(s)),
            Some(flip_uplo(u)),
            Some(o),
            Some(d),
            nn,
            mm,
            la,
            lb,
        ),
    };
    if failed::<I>(&name, l, info) {
        return;
    }
    run_trxm(
        solve,
        l,
        s,
        u,
        o,
        d,
        idx(m),
        idx(n),
        T::read(alpha),
        a,
        idx(lda),
        b,
        idx(ldb),
    );
}

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn trmm<T: CArg, I: XerblaNames>(
    order: c_int,
    side: c_int,
    uplo: c_int,
    transa: c_int,
    diag: c_int,
    m: I,
    n: I,
    alpha: T::Arg,
    a: *const T,
    lda: I,
    b: *mut T,
    ldb: I,
) {
    trxm::<T, I>(
        false, order, side, uplo, transa, diag, m, n, alpha, a, lda, b, ldb,
    )
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn trsm<T: CArg, I: XerblaNames>(
    order: c_int,
    side: c_int,
    uplo: c_int,
    transa: c_int,
    diag: c_int,
    m: I,
    n: I,
    alpha: T::Arg,
    a: *const T,
    lda: I,
    b: *mut T,
    ldb: I,
) {
    trxm::<T, I>(
        true, order, side, uplo, transa, diag, m, n, alpha, a, lda, b, ldb,
    )
}
cblas!(trmm [order: c_int, side: c_int, uplo: c_int, transa: c_int, diag: c_int, m: I, n: I,
    alpha: <T as CArg>::Arg, a: *const T, lda: I, b: *mut T, ldb: I] {
    cblas_strmm cblas_strmm64_: f32, cblas_dtrmm cblas_dtrmm64_: f64,
    cblas_ctrmm cblas_ctrmm64_: c32, cblas_ztrmm cblas_ztrmm64_: c64,
});
cblas!(trsm [order: c_int, side: c_int, uplo: c_int, transa: c_int, diag: c_int, m: I, n: I,
    alpha: <T as CArg>::Arg, a: *const T, lda: I, b: *mut T, ldb: I] {
    cblas_strsm cblas_strsm64_: f32, cblas_dtrsm cblas_dtrsm64_: f64,
    cblas_ctrsm cblas_ctrsm64_: c32, cblas_ztrsm cblas_ztrsm64_: c64,
});

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn gemmt<T: CArg, I: XerblaNames>(
    order: c_int,
    uplo: c_int,
    transa: c_int,
    transb: c_int,
    n: I,
    k: I,
    alpha: T::Arg,
    a: *const T,
    lda: I,
    b: *const T,
    ldb: I,
    beta: T::Arg,
    c: *mut T,
    ldc: I,
) {
    let name = fname::<T>("GEMMT");
    let Some(l) = layout::<I>(&name, order) else {
        return;
    };
    let Some(u) = arg::<I, _>(&name, l, 2, uplo, cblas_uplo, c"Illegal Uplo setting, %d\n") else {
        return;
    };
    let Some(ta) = arg::<I, _>(
        &name,
        l,
        3,
        transa,
        cblas_op,
        c"Illegal TransA setting, %d\n",
    ) else {
        return;
    };
    let Some(tb) = arg::<I, _>(
        &name,
        l,
        4,
        transb,
        cblas_op,
        c"Illegal TransB setting, %d\n",
    ) else {
        return;
    };
    let (nn, kk, la, lb, lc) = (n.get(), k.get(), lda.get(), ldb.get(), ldc.get());
    let info = match l {
        Layout::Col => check_gemmt(Some(u), Some(ta), Some(tb), nn, kk, la, lb, lc),
        Layout::Row => check_gemmt(Some(flip_uplo(u)), Some(tb), Some(ta), nn, kk, lb, la, lc),
    };
    if failed::<I>(&name, l, info) {
        return;
    }
    run_gemmt(
        l,
        u,
        ta,
        tb,
        idx(n),
        idx(k),
        T::read(alpha),
        a,
        idx(lda),
        b,
        idx(ldb),
        T::read(beta),
        c,
        idx(ldc),
    );
}
cblas!(gemmt [order: c_int, uplo: c_int, transa: c_int, transb: c_int, n: I, k: I,
    alpha: <T as CArg>::Arg, a: *const T, lda: I, b: *const T, ldb: I, beta: <T as CArg>::Arg,
    c: *mut T, ldc: I] {
    cblas_sgemmt cblas_sgemmt64_: f32, cblas_dgemmt cblas_dgemmt64_: f64,
    cblas_cgemmt cblas_cgemmt64_: c32, cblas_zgemmt cblas_zgemmt64_: c64,
});
