//! CBLAS Level 2.

use super::common::{arg, failed, fname, layout};
use crate::abi::*;
use crate::fortran::level2::*;
use crate::xerbla::XerblaNames;
use core::ffi::c_int;
use ox::{c32, c64, Scalar};

fn idx(v: impl Int) -> usize {
    v.get() as usize
}

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn gemv<T: CArg, I: XerblaNames>(
    order: c_int,
    trans: c_int,
    m: I,
    n: I,
    alpha: T::Arg,
    a: *const T,
    lda: I,
    x: *const T,
    incx: I,
    beta: T::Arg,
    y: *mut T,
    incy: I,
) {
    let name = fname::<T>("GEMV");
    let Some(l) = layout::<I>(&name, order) else {
        return;
    };
    let Some(op) = arg::<I, _>(
        &name,
        l,
        2,
        trans,
        cblas_op,
        c"Illegal TransA setting, %d\n",
    ) else {
        return;
    };
    let (mm, nn) = if l == Layout::Col {
        (m.get(), n.get())
    } else {
        (n.get(), m.get())
    };
    if failed::<I>(
        &name,
        l,
        check_gemv(Some(op), mm, nn, lda.get(), incx.get(), incy.get()),
    ) {
        return;
    }
    run_gemv(
        l,
        op,
        idx(m),
        idx(n),
        T::read(alpha),
        a,
        idx(lda),
        x,
        incx.get(),
        T::read(beta),
        y,
        incy.get(),
    )
}
cblas!(gemv [order: c_int, trans: c_int, m: I, n: I, alpha: <T as CArg>::Arg, a: *const T, lda: I,
    x: *const T, incx: I, beta: <T as CArg>::Arg, y: *mut T, incy: I] {
    cblas_sgemv cblas_sgemv64_: f32, cblas_dgemv cblas_dgemv64_: f64,
    cblas_cgemv cblas_cgemv64_: c32, cblas_zgemv cblas_zgemv64_: c64,
});

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn gbmv<T: CArg, I: XerblaNames>(
    order: c_int,
    trans: c_int,
    m: I,
    n: I,
    kl: I,
    ku: I,
    alpha: T::Arg,
    a: *const T,
    lda: I,
    x: *const T,
    incx: I,
    beta: T::Arg,
    y: *mut T,
    incy: I,
) {
    let name = fname::<T>("GBMV");
    let Some(l) = layout::<I>(&name, order) else {
        return;
    };
    let Some(op) = arg::<I, _>(
        &name,
        l,
        2,
        trans,
        cblas_op,
        c"Illegal TransA setting, %d\n",
    ) else {
        return;
    };
    let (mm, nn, kkl, kku) = match l {
        Layout::Col => (m.get(), n.get(), kl.get(), ku.get()),
        Layout::Row => (n.get(), m.get(), ku.get(), kl.get()),
    };
    if failed::<I>(
        &name,
        l,
        check_gbmv(
            Some(op),
            mm,
            nn,
            kkl,
            kku,
            lda.get(),
            incx.get(),
            incy.get(),
        ),
    ) {
        return;
    }
    run_gbmv(
        l,
        op,
        idx(m),
        idx(n),
        idx(kl),
        idx(ku),
        T::read(alpha),
        a,
        idx(lda),
        x,
        incx.get(),
        T::read(beta),
        y,
        incy.get(),
    )
}
cblas!(gbmv [order: c_int, trans: c_int, m: I, n: I, kl: I, ku: I, alpha: <T as CArg>::Arg,
    a: *const T, lda: I, x: *const T, incx: I, beta: <T as CArg>::Arg, y: *mut T, incy: I] {
    cblas_sgbmv cblas_sgbmv64_: f32, cblas_dgbmv cblas_dgbmv64_: f64,
    cblas_cgbmv cblas_cgbmv64_: c32, cblas_zgbmv cblas_zgbmv64_: c64,
});

/// symv/hemv/sbmv/hbmv/spmv/hpmv; `k` only for band storage, `lda`
/// ignored for packed.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn symv_any<T: CArg, I: XerblaNames>(
    herm: bool,
    store: SymStore,
    order: c_int,
    uplo: c_int,
    n: I,
    k: I,
    alpha: T::Arg,
    a: *const T,
    lda: I,
    x: *const T,
    incx: I,
    beta: T::Arg,
    y: *mut T,
    incy: I,
) {
    let base = match (herm, store) {
        (false, SymStore::Full) => "SYMV",
        (true, SymStore::Full) => "HEMV",
        (false, SymStore::Band(_)) => "SBMV",
        (true, SymStore::Band(_)) => "HBMV",
        (false, SymStore::Packed) => "SPMV",
        (true, SymStore::Packed) => "HPMV",
    };
    let name = fname::<T>(base);
    let Some(l) = layout::<I>(&name, order) else {
        return;
    };
    let Some(u) = arg::<I, _>(&name, l, 2, uplo, cblas_uplo, c"Illegal Uplo setting, %d\n") else {
        return;
    };
    let band = matches!(store, SymStore::Band(_));
    let kk = band.then(|| k.get());
    let ld = (store != SymStore::Packed).then(|| lda.get());
    if failed::<I>(
        &name,
        l,
        check_symv(Some(u), n.get(), kk, ld, incx.get(), incy.get()),
    ) {
        return;
    }
    let store = if band { SymStore::Band(idx(k)) } else { store };
    let ld = if store == SymStore::Packed {
        1
    } else {
        idx(lda)
    };
    run_symv(
        herm,
        l,
        store,
        u,
        idx(n),
        T::read(alpha),
        a,
        ld,
        x,
        incx.get(),
        T::read(beta),
        y,
        incy.get(),
    )
}

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn symv<T: CArg, I: XerblaNames>(
    order: c_int,
    uplo: c_int,
    n: I,
    alpha: T::Arg,
    a: *const T,
    lda: I,
    x: *const T,
    incx: I,
    beta: T::Arg,
    y: *mut T,
    incy: I,
) {
    symv_any::<T, I>(
        false,
        SymStore::Full,
        order,
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
unsafe fn hemv<T: CArg, I: XerblaNames>(
    order: c_int,
    uplo: c_int,
    n: I,
    alpha: T::Arg,
    a: *const T,
    lda: I,
    x: *const T,
    incx: I,
    beta: T::Arg,
    y: *mut T,
    incy: I,
) {
    symv_any::<T, I>(
        true,
        SymStore::Full,
        order,
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
unsafe fn sbmv<T: CArg, I: XerblaNames>(
    order: c_int,
    uplo: c_int,
    n: I,
    k: I,
    alpha: T::Arg,
    a: *const T,
    lda: I,
    x: *const T,
    incx: I,
    beta: T::Arg,
    y: *mut T,
    incy: I,
) {
    symv_any::<T, I>(
        false,
        SymStore::Band(0),
        order,
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
unsafe fn hbmv<T: CArg, I: XerblaNames>(
    order: c_int,
    uplo: c_int,
    n: I,
    k: I,
    alpha: T::Arg,
    a: *const T,
    lda: I,
    x: *const T,
    incx: I,
    beta: T::Arg,
    y: *mut T,
    incy: I,
) {
    symv_any::<T, I>(
        true,
        SymStore::Band(0),
        order,
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
unsafe fn spmv<T: CArg, I: XerblaNames>(
    order: c_int,
    uplo: c_int,
    n: I,
    alpha: T::Arg,
    ap: *const T,
    x: *const T,
    incx: I,
    beta: T::Arg,
    y: *mut T,
    incy: I,
) {
    symv_any::<T, I>(
        false,
        SymStore::Packed,
        order,
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
unsafe fn hpmv<T: CArg, I: XerblaNames>(
    order: c_int,
    uplo: c_int,
    n: I,
    alpha: T::Arg,
    ap: *const T,
    x: *const T,
    incx: I,
    beta: T::Arg,
    y: *mut T,
    incy: I,
) {
    symv_any::<T, I>(
        true,
        SymStore::Packed,
        order,
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
cblas!(symv [order: c_int, uplo: c_int, n: I, alpha: <T as CArg>::Arg, a: *const T, lda: I,
    x: *const T, incx: I, beta: <T as CArg>::Arg, y: *mut T, incy: I] {
    cblas_ssymv cblas_ssymv64_: f32, cblas_dsymv cblas_dsymv64_: f64,
});
cblas!(hemv [order: c_int, uplo: c_int, n: I, alpha: <T as CArg>::Arg, a: *const T, lda: I,
    x: *const T, incx: I, beta: <T as CArg>::Arg, y: *mut T, incy: I] {
    cblas_chemv cblas_chemv64_: c32, cblas_zhemv cblas_zhemv64_: c64,
});
cblas!(sbmv [order: c_int, uplo: c_int, n: I, k: I, alpha: <T as CArg>::Arg, a: *const T, lda: I,
    x: *const T, incx: I, beta: <T as CArg>::Arg, y: *mut T, incy: I] {
    cblas_ssbmv cblas_ssbmv64_: f32, cblas_dsbmv cblas_dsbmv64_: f64,
});
cblas!(hbmv [order: c_int, uplo: c_int, n: I, k: I, alpha: <T as CArg>::Arg, a: *const T, lda: I,
    x: *const T, incx: I, beta: <T as CArg>::Arg, y: *mut T, incy: I] {
    cblas_chbmv cblas_chbmv64_: c32, cblas_zhbmv cblas_zhbmv64_: c64,
});
cblas!(spmv [order: c_int, uplo: c_int, n: I, alpha: <T as CArg>::Arg, ap: *const T, x: *const T,
    incx: I, beta: <T as CArg>::Arg, y: *mut T, incy: I] {
    cblas_sspmv cblas_sspmv64_: f32, cblas_dspmv cblas_dspmv64_: f64,
});
cblas!(hpmv [order: c_int, uplo: c_int, n: I, alpha: <T as CArg>::Arg, ap: *const T, x: *const T,
    incx: I, beta: <T as CArg>::Arg, y: *mut T, incy: I] {
    cblas_chpmv cblas_chpmv64_: c32, cblas_zhpmv cblas_zhpmv64_: c64,
});

/// trmv/trsv/tbmv/tbsv/tpmv/tpsv.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn trv_any<T: Scalar, I: XerblaNames>(
    solve: bool,
    store: SymStore,
    order: c_int,
    uplo: c_int,
    trans: c_int,
    diag: c_int,
    n: I,
    k: I,
    a: *const T,
    lda: I,
    x: *mut T,
    incx: I,
) {
    let base = match (store, solve) {
        (SymStore::Full, false) => "TRMV",
        (SymStore::Full, true) => "TRSV",
        (SymStore::Band(_), false) => "TBMV",
        (SymStore::Band(_), true) => "TBSV",
        (SymStore::Packed, false) => "TPMV",
        (SymStore::Packed, true) => "TPSV",
    };
    let name = fname::<T>(base);
    let Some(l) = layout::<I>(&name, order) else {
        return;
    };
    let Some(u) = arg::<I, _>(&name, l, 2, uplo, cblas_uplo, c"Illegal Uplo setting, %d\n") else {
        return;
    };
    let Some(op) = arg::<I, _>(
        &name,
        l,
        3,
        trans,
        cblas_op,
        c"Illegal TransA setting, %d\n",
    ) else {
        return;
    };
    let Some(d) = arg::<I, _>(&name, l, 4, diag, cblas_diag, c"Illegal Diag setting, %d\n") else {
        return;
    };
    let band = matches!(store, SymStore::Band(_));
    let kk = band.then(|| k.get());
    let ld = (store != SymStore::Packed).then(|| lda.get());
    if failed::<I>(
        &name,
        l,
        check_trv(Some(u), Some(op), Some(d), n.get(), kk, ld, incx.get()),
    ) {
        return;
    }
    let store = if band { SymStore::Band(idx(k)) } else { store };
    let ld = if store == SymStore::Packed {
        1
    } else {
        idx(lda)
    };
    run_trv(solve, l, store, u, op, d, idx(n), a, ld, x, incx.get())
}

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn trmv<T: Scalar, I: XerblaNames>(
    order: c_int,
    uplo: c_int,
    trans: c_int,
    diag: c_int,
    n: I,
    a: *const T,
    lda: I,
    x: *mut T,
    incx: I,
) {
    trv_any::<T, I>(
        false,
        SymStore::Full,
        order,
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
unsafe fn trsv<T: Scalar, I: XerblaNames>(
    order: c_int,
    uplo: c_int,
    trans: c_int,
    diag: c_int,
    n: I,
    a: *const T,
    lda: I,
    x: *mut T,
    incx: I,
) {
    trv_any::<T, I>(
        true,
        SymStore::Full,
        order,
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
unsafe fn tbmv<T: Scalar, I: XerblaNames>(
    order: c_int,
    uplo: c_int,
    trans: c_int,
    diag: c_int,
    n: I,
    k: I,
    a: *const T,
    lda: I,
    x: *mut T,
    incx: I,
) {
    trv_any::<T, I>(
        false,
        SymStore::Band(0),
        order,
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
unsafe fn tbsv<T: Scalar, I: XerblaNames>(
    order: c_int,
    uplo: c_int,
    trans: c_int,
    diag: c_int,
    n: I,
    k: I,
    a: *const T,
    lda: I,
    x: *mut T,
    incx: I,
) {
    trv_any::<T, I>(
        true,
        SymStore::Band(0),
        order,
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
unsafe fn tpmv<T: Scalar, I: XerblaNames>(
    order: c_int,
    uplo: c_int,
    trans: c_int,
    diag: c_int,
    n: I,
    ap: *const T,
    x: *mut T,
    incx: I,
) {
    trv_any::<T, I>(
        false,
        SymStore::Packed,
        order,
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
unsafe fn tpsv<T: Scalar, I: XerblaNames>(
    order: c_int,
    uplo: c_int,
    trans: c_int,
    diag: c_int,
    n: I,
    ap: *const T,
    x: *mut T,
    incx: I,
) {
    trv_any::<T, I>(
        true,
        SymStore::Packed,
        order,
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
cblas!(trmv [order: c_int, uplo: c_int, trans: c_int, diag: c_int, n: I, a: *const T, lda: I,
    x: *mut T, incx: I] {
    cblas_strmv cblas_strmv64_: f32, cblas_dtrmv cblas_dtrmv64_: f64,
    cblas_ctrmv cblas_ctrmv64_: c32, cblas_ztrmv cblas_ztrmv64_: c64,
});
cblas!(trsv [order: c_int, uplo: c_int, trans: c_int, diag: c_int, n: I, a: *const T, lda: I,
    x: *mut T, incx: I] {
    cblas_strsv cblas_strsv64_: f32, cblas_dtrsv cblas_dtrsv64_: f64,
    cblas_ctrsv cblas_ctrsv64_: c32, cblas_ztrsv cblas_ztrsv64_: c64,
});
cblas!(tbmv [order: c_int, uplo: c_int, trans: c_int, diag: c_int, n: I, k: I, a: *const T,
    lda: I, x: *mut T, incx: I] {
    cblas_stbmv cblas_stbmv64_: f32, cblas_dtbmv cblas_dtbmv64_: f64,
    cblas_ctbmv cblas_ctbmv64_: c32, cblas_ztbmv cblas_ztbmv64_: c64,
});
cblas!(tbsv [order: c_int, uplo: c_int, trans: c_int, diag: c_int, n: I, k: I, a: *const T,
    lda: I, x: *mut T, incx: I] {
    cblas_stbsv cblas_stbsv64_: f32, cblas_dtbsv cblas_dtbsv64_: f64,
    cblas_ctbsv cblas_ctbsv64_: c32, cblas_ztbsv cblas_ztbsv64_: c64,
});
cblas!(tpmv [order: c_int, uplo: c_int, trans: c_int, diag: c_int, n: I, ap: *const T, x: *mut T,
    incx: I] {
    cblas_stpmv cblas_stpmv64_: f32, cblas_dtpmv cblas_dtpmv64_: f64,
    cblas_ctpmv cblas_ctpmv64_: c32, cblas_ztpmv cblas_ztpmv64_: c64,
});
cblas!(tpsv [order: c_int, uplo: c_int, trans: c_int, diag: c_int, n: I, ap: *const T, x: *mut T,
    incx: I] {
    cblas_stpsv cblas_stpsv64_: f32, cblas_dtpsv cblas_dtpsv64_: f64,
    cblas_ctpsv cblas_ctpsv64_: c32, cblas_ztpsv cblas_ztpsv64_: c64,
});

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn ger_any<T: CArg, I: XerblaNames>(
    conj: bool,
    order: c_int,
    m: I,
    n: I,
    alpha: T::Arg,
    x: *const T,
    incx: I,
    y: *const T,
    incy: I,
    a: *mut T,
    lda: I,
) {
    let name = fname::<T>(if conj {
        "GERC"
    } else if T::IS_COMPLEX {
        "GERU"
    } else {
        "GER"
    });
    let Some(l) = layout::<I>(&name, order) else {
        return;
    };
    let info = match l {
        Layout::Col => check_ger(m.get(), n.get(), incx.get(), incy.get(), lda.get()),
        Layout::Row => check_ger(n.get(), m.get(), incy.get(), incx.get(), lda.get()),
    };
    if failed::<I>(&name, l, info) {
        return;
    }
    run_ger(
        conj,
        l,
        idx(m),
        idx(n),
        T::read(alpha),
        x,
        incx.get(),
        y,
        incy.get(),
        a,
        idx(lda),
    )
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn ger<T: CArg, I: XerblaNames>(
    order: c_int,
    m: I,
    n: I,
    alpha: T::Arg,
    x: *const T,
    incx: I,
    y: *const T,
    incy: I,
    a: *mut T,
    lda: I,
) {
    ger_any::<T, I>(false, order, m, n, alpha, x, incx, y, incy, a, lda)
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn gerc<T: CArg, I: XerblaNames>(
    order: c_int,
    m: I,
    n: I,
    alpha: T::Arg,
    x: *const T,
    incx: I,
    y: *const T,
    incy: I,
    a: *mut T,
    lda: I,
) {
    ger_any::<T, I>(true, order, m, n, alpha, x, incx, y, incy, a, lda)
}
cblas!(ger [order: c_int, m: I, n: I, alpha: <T as CArg>::Arg, x: *const T, incx: I, y: *const T,
    incy: I, a: *mut T, lda: I] {
    cblas_sger cblas_sger64_: f32, cblas_dger cblas_dger64_: f64,
    cblas_cgeru cblas_cgeru64_: c32, cblas_zgeru cblas_zgeru64_: c64,
});
cblas!(gerc [order: c_int, m: I, n: I, alpha: <T as CArg>::Arg, x: *const T, incx: I, y: *const T,
    incy: I, a: *mut T, lda: I] {
    cblas_cgerc cblas_cgerc64_: c32, cblas_zgerc cblas_zgerc64_: c64,
});

/// syr/her/spr/hpr/syr2/her2/spr2/hpr2; `lda` None for packed storage.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn syr_any<T: Scalar, I: XerblaNames>(
    what: Upd<T>,
    packed: bool,
    order: c_int,
    uplo: c_int,
    n: I,
    x: *const T,
    incx: I,
    y: *const T,
    incy: I,
    a: *mut T,
    lda: I,
) {
    let (two, herm) = match what {
        Upd::Syr(_) => (false, false),
        Upd::Her(_) => (false, true),
        Upd::Syr2(_) => (true, false),
        Upd::Her2(_) => (true, true),
    };
    let base = match (what, packed) {
        (Upd::Syr(_), false) => "SYR",
        (Upd::Her(_), false) => "HER",
        (Upd::Syr2(_), false) => "SYR2",
        (Upd::Her2(_), false) => "HER2",
        (Upd::Syr(_), true) => "SPR",
        (Upd::Her(_), true) => "HPR",
        (Upd::Syr2(_), true) => "SPR2",
        (Upd::Her2(_), true) => "HPR2",
    };
    let name = fname::<T>(base);
    let Some(l) = layout::<I>(&name, order) else {
        return;
    };
    let Some(u) = arg::<I, _>(&name, l, 2, uplo, cblas_uplo, c"Illegal Uplo setting, %d\n") else {
        return;
    };
    let iy = if two { incy.get() } else { 1 };
    // The reference hands her2/hpr2 on with x and y exchanged when row-major.
    let (ix, iy) = if l == Layout::Row && two && herm {
        (iy, incx.get())
    } else {
        (incx.get(), iy)
    };
    let ld = (!packed).then(|| lda.get());
    if failed::<I>(&name, l, check_syr(two, Some(u), n.get(), ix, iy, ld)) {
        return;
    }
    let iy = if two { incy.get() } else { 1 };
    let ld = if packed { 1 } else { idx(lda) };
    run_syr(what, l, packed, u, idx(n), x, incx.get(), y, iy, a, ld)
}

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn syr<T: Scalar, I: XerblaNames>(
    order: c_int,
    uplo: c_int,
    n: I,
    alpha: T,
    x: *const T,
    incx: I,
    a: *mut T,
    lda: I,
) {
    syr_any::<T, I>(
        Upd::Syr(alpha),
        false,
        order,
        uplo,
        n,
        x,
        incx,
        x,
        incx,
        a,
        lda,
    )
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn her<T: Scalar, I: XerblaNames>(
    order: c_int,
    uplo: c_int,
    n: I,
    alpha: T::Real,
    x: *const T,
    incx: I,
    a: *mut T,
    lda: I,
) {
    syr_any::<T, I>(
        Upd::Her(alpha),
        false,
        order,
        uplo,
        n,
        x,
        incx,
        x,
        incx,
        a,
        lda,
    )
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn spr<T: Scalar, I: XerblaNames>(
    order: c_int,
    uplo: c_int,
    n: I,
    alpha: T,
    x: *const T,
    incx: I,
    ap: *mut T,
) {
    syr_any::<T, I>(
        Upd::Syr(alpha),
        true,
        order,
        uplo,
        n,
        x,
        incx,
        x,
        incx,
        ap,
        n,
    )
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn hpr<T: Scalar, I: XerblaNames>(
    order: c_int,
    uplo: c_int,
    n: I,
    alpha: T::Real,
    x: *const T,
    incx: I,
    ap: *mut T,
) {
    syr_any::<T, I>(
        Upd::Her(alpha),
        true,
        order,
        uplo,
        n,
        x,
        incx,
        x,
        incx,
        ap,
        n,
    )
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn syr2<T: CArg, I: XerblaNames>(
    order: c_int,
    uplo: c_int,
    n: I,
    alpha: T::Arg,
    x: *const T,
    incx: I,
    y: *const T,
    incy: I,
    a: *mut T,
    lda: I,
) {
    syr_any::<T, I>(
        Upd::Syr2(T::read(alpha)),
        false,
        order,
        uplo,
        n,
        x,
        incx,
        y,
        incy,
        a,
        lda,
    )
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn her2<T: CArg, I: XerblaNames>(
    order: c_int,
    uplo: c_int,
    n: I,
    alpha: T::Arg,
    x: *const T,
    incx: I,
    y: *const T,
    incy: I,
    a: *mut T,
    lda: I,
) {
    syr_any::<T, I>(
        Upd::Her2(T::read(alpha)),
        false,
        order,
        uplo,
        n,
        x,
        incx,
        y,
        incy,
        a,
        lda,
    )
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn spr2<T: CArg, I: XerblaNames>(
    order: c_int,
    uplo: c_int,
    n: I,
    alpha: T::Arg,
    x: *const T,
    incx: I,
    y: *const T,
    incy: I,
    ap: *mut T,
) {
    syr_any::<T, I>(
        Upd::Syr2(T::read(alpha)),
        true,
        order,
        uplo,
        n,
        x,
        incx,
        y,
        incy,
        ap,
        n,
    )
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn hpr2<T: CArg, I: XerblaNames>(
    order: c_int,
    uplo: c_int,
    n: I,
    alpha: T::Arg,
    x: *const T,
    incx: I,
    y: *const T,
    incy: I,
    ap: *mut T,
) {
    syr_any::<T, I>(
        Upd::Her2(T::read(alpha)),
        true,
        order,
        uplo,
        n,
        x,
        incx,
        y,
        incy,
        ap,
        n,
    )
}
cblas!(syr [order: c_int, uplo: c_int, n: I, alpha: T, x: *const T, incx: I, a: *mut T, lda: I] {
    cblas_ssyr cblas_ssyr64_: f32, cblas_dsyr cblas_dsyr64_: f64,
});
cblas!(her [order: c_int, uplo: c_int, n: I, alpha: <T as Scalar>::Real, x: *const T, incx: I,
    a: *mut T, lda: I] {
    cblas_cher cblas_cher64_: c32, cblas_zher cblas_zher64_: c64,
});
cblas!(spr [order: c_int, uplo: c_int, n: I, alpha: T, x: *const T, incx: I, ap: *mut T] {
    cblas_sspr cblas_sspr64_: f32, cblas_dspr cblas_dspr64_: f64,
});
cblas!(hpr [order: c_int, uplo: c_int, n: I, alpha: <T as Scalar>::Real, x: *const T, incx: I,
    ap: *mut T] {
    cblas_chpr cblas_chpr64_: c32, cblas_zhpr cblas_zhpr64_: c64,
});
cblas!(syr2 [order: c_int, uplo: c_int, n: I, alpha: <T as CArg>::Arg, x: *const T, incx: I,
    y: *const T, incy: I, a: *mut T, lda: I] {
    cblas_ssyr2 cblas_ssyr264_: f32, cblas_dsyr2 cblas_dsyr264_: f64,
});
cblas!(her2 [order: c_int, uplo: c_int, n: I, alpha: <T as CArg>::Arg, x: *const T, incx: I,
    y: *const T, incy: I, a: *mut T, lda: I] {
    cblas_cher2 cblas_cher264_: c32, cblas_zher2 cblas_zher264_: c64,
});
cblas!(spr2 [order: c_int, uplo: c_int, n: I, alpha: <T as CArg>::Arg, x: *const T, incx: I,
    y: *const T, incy: I, ap: *mut T] {
    cblas_sspr2 cblas_sspr264_: f32, cblas_dspr2 cblas_dspr264_: f64,
});
cblas!(hpr2 [order: c_int, uplo: c_int, n: I, alpha: <T as CArg>::Arg, x: *const T, incx: I,
    y: *const T, incy: I, ap: *mut T] {
    cblas_chpr2 cblas_chpr264_: c32, cblas_zhpr2 cblas_zhpr264_: c64,
});
