//! The rows other than GEMM (BLAS levels 1-3, LAPACK), in double precision:
//! their seeded inputs (`Data`), one call of each routine for every peer
//! (`bind`: oxblas's Rust API, a CBLAS / Fortran-LAPACK symbol of a loaded
//! library, or faer), and an independent check of a result (`check`: naive
//! loops or sampled residuals in the benchmark's own code).

use std::ffi::{c_char, c_int};

use oxblas::blas::{level1, level2, level3};
use oxblas::lapack::{cholesky, lu, qr};
use oxblas::{Diag, MatMut, MatRef, Op, Side, Uplo, VecMut, VecRef};

use crate::peers::Loaded;
use crate::rng;
use crate::rows::{Routine, Row};

/// alpha of axpy and ger: small, so that the repeated in-place calls of a
/// timing loop leave the data bounded.
const ALPHA: f64 = 1e-3;

/// The buffers of one row. Which routine reads what:
/// Level 1: x = `a`, y = `b` (axpy's output), result in `res`;
/// gemv/symv: A = `a`, x = `b`, y = `c`; ger: x = `a`, y = `b`, A = `c`;
/// trsv: L = `a`, x = `c`; syrk: A = `a`, C = `c`; trsm/trmm: L = `a`,
/// B = `c`; symm: A = `a`, B = `b`, C = `c`; getrf/potrf/geqrf: A = `c`;
/// getri: A = `a` (kept), its LU = `c` (faer: its LU in `c0` and its
/// permutation in `perm` are read, A^-1 written to `c`); gesv: A = `a`,
/// b / x = `c`.
/// `a0`/`c0`, when not empty, are restored into `a`/`c` before each call.
pub struct Data {
    pub a: Vec<f64>,
    pub a0: Vec<f64>,
    pub b: Vec<f64>,
    pub c: Vec<f64>,
    pub c0: Vec<f64>,
    /// LAPACK row interchanges, 1-based.
    pub ipiv: Vec<c_int>,
    /// A row permutation instead of `ipiv` (faer): row i of P A is row
    /// `perm[i]` of A.
    pub perm: Vec<usize>,
    pub tau: Vec<f64>,
    pub res: f64,
}

/// A general matrix: entries uniform in [-1, 1).
fn general(row: &Row, what: &str, len: usize) -> Vec<f64> {
    rng::fill(rng::seed_of(&format!("{}/{what}", row.label())), len)
}

/// Diagonally dominant n x n (symmetric when `sym`): off-diagonal entries
/// in [-1, 1) / n, diagonal in [1.5, 2.5): well conditioned triangles, and
/// positive definite when symmetric (Gershgorin).
fn dominant(row: &Row, n: usize, sym: bool) -> Vec<f64> {
    let mut a = general(row, "A", n * n);
    for j in 0..n {
        for i in 0..n {
            a[i + j * n] = if i == j {
                2.0 + 0.5 * a[i + j * n]
            } else if sym && i < j {
                a[j + i * n]
            } else {
                a[i + j * n] / n as f64
            };
        }
    }
    a
}

impl Data {
    pub fn new(row: &Row) -> Data {
        use Routine::*;
        let n = row.n;
        let nn = n * n;
        let mut d = Data {
            a: Vec::new(),
            a0: Vec::new(),
            b: Vec::new(),
            c: Vec::new(),
            c0: Vec::new(),
            ipiv: Vec::new(),
            perm: Vec::new(),
            tau: Vec::new(),
            res: 0.0,
        };
        let g = |what: &str, len: usize| general(row, what, len);
        match row.routine {
            Dot | Axpy | Nrm2 => {
                d.a = g("x", n);
                d.b = g("y", n);
            }
            Gemv | Symv => {
                d.a = g("A", nn);
                d.b = g("x", n);
                d.c = vec![0.0; n];
            }
            Ger => {
                d.a = g("x", n);
                d.b = g("y", n);
                d.c = g("A", nn);
            }
            Trsv => {
                d.a = dominant(row, n, false);
                d.c0 = g("x", n);
            }
            Syrk => {
                d.a = g("A", nn);
                d.c = vec![0.0; nn];
            }
            Trsm | Trmm => {
                d.a = dominant(row, n, false);
                d.c0 = g("B", nn);
            }
            Symm => {
                d.a = g("A", nn);
                d.b = g("B", nn);
                d.c = vec![0.0; nn];
            }
            Getrf | Geqrf => d.c0 = g("A", nn),
            Potrf => d.c0 = dominant(row, n, true),
            Getri => {
                d.a = g("A", nn);
                d.c = d.a.clone();
            }
            Gesv => {
                d.a0 = g("A", nn);
                d.c0 = g("b", n);
            }
            Gemm => {}
        }
        if matches!(row.routine, Getrf | Getri | Gesv) {
            d.ipiv = vec![0; n];
        }
        if row.routine == Geqrf {
            d.tau = vec![0.0; n];
        }
        d.restore();
        d
    }

    /// Puts back the inputs that a call overwrites (`a0`, `c0`).
    pub fn restore(&mut self) {
        for (x, x0) in [(&mut self.a, &self.a0), (&mut self.c, &self.c0)] {
            if !x0.is_empty() {
                x.clear();
                x.extend_from_slice(x0);
            }
        }
    }

    /// What a peer's result is compared on against oxblas's.
    pub fn output(&self, row: &Row) -> &[f64] {
        match row.routine {
            Routine::Dot | Routine::Nrm2 => std::slice::from_ref(&self.res),
            Routine::Axpy => &self.b,
            _ => &self.c,
        }
    }
}

/// One call of a row's routine on `Data`, bound to one peer.
pub type Call<'a> = Box<dyn FnMut(&mut Data) -> Result<(), String> + 'a>;

fn ox<T>(r: oxblas::Result<T>) -> Result<T, String> {
    r.map_err(|e| format!("{e:?}"))
}

fn info_ok(routine: &str, info: c_int) -> Result<(), String> {
    if info == 0 {
        Ok(())
    } else {
        Err(format!("{routine} returned info = {info}"))
    }
}

/// A column-major n x n view.
fn square(x: &[f64], n: usize) -> Result<MatRef<'_, f64>, String> {
    ox(MatRef::col_major(x, n, n, n))
}

fn bind_oxblas<'a>(row: &Row) -> Call<'a> {
    use Routine::*;
    let (routine, n, op) = (row.routine, row.n, row.op_a);
    let mut piv: Vec<usize> = vec![0; n];
    match routine {
        Dot => Box::new(move |d| {
            d.res = ox(level1::dot(
                VecRef::from_contiguous(&d.a),
                VecRef::from_contiguous(&d.b),
            ))?;
            Ok(())
        }),
        Axpy => Box::new(move |d| {
            ox(level1::axpy(
                ALPHA,
                VecRef::from_contiguous(&d.a),
                VecMut::from_contiguous(&mut d.b),
            ))
        }),
        Nrm2 => Box::new(move |d| {
            d.res = level1::nrm2(VecRef::from_contiguous(&d.a));
            Ok(())
        }),
        Gemv | Symv => Box::new(move |d| {
            let (x, y) = (
                VecRef::from_contiguous(&d.b),
                VecMut::from_contiguous(&mut d.c),
            );
            if routine == Gemv {
                ox(level2::gemv(op, 1.0, square(&d.a, n)?, x, 0.0, y))
            } else {
                ox(level2::symv(Uplo::Lower, 1.0, square(&d.a, n)?, x, 0.0, y))
            }
        }),
        Ger => Box::new(move |d| {
            let a = ox(MatMut::col_major(&mut d.c, n, n, n))?;
            ox(level2::ger(
                ALPHA,
                VecRef::from_contiguous(&d.a),
                VecRef::from_contiguous(&d.b),
                a,
            ))
        }),
        Trsv => Box::new(move |d| {
            let x = VecMut::from_contiguous(&mut d.c);
            ox(level2::trsv(
                Uplo::Lower,
                Op::NoTrans,
                Diag::NonUnit,
                square(&d.a, n)?,
                x,
            ))
        }),
        Syrk => Box::new(move |d| {
            let c = ox(MatMut::col_major(&mut d.c, n, n, n))?;
            ox(level3::syrk(
                Uplo::Lower,
                Op::NoTrans,
                1.0,
                square(&d.a, n)?,
                0.0,
                c,
            ))
        }),
        Trsm | Trmm => Box::new(move |d| {
            let b = ox(MatMut::col_major(&mut d.c, n, n, n))?;
            let (l, u, o, g) = (Side::Left, Uplo::Lower, Op::NoTrans, Diag::NonUnit);
            if routine == Trsm {
                ox(level3::trsm(l, u, o, g, 1.0, square(&d.a, n)?, b))
            } else {
                ox(level3::trmm(l, u, o, g, 1.0, square(&d.a, n)?, b))
            }
        }),
        Symm => Box::new(move |d| {
            let c = ox(MatMut::col_major(&mut d.c, n, n, n))?;
            ox(level3::symm(
                Side::Left,
                Uplo::Lower,
                1.0,
                square(&d.a, n)?,
                square(&d.b, n)?,
                0.0,
                c,
            ))
        }),
        Getrf => Box::new(move |d| {
            let info = ox(lu::getrf(
                ox(MatMut::col_major(&mut d.c, n, n, n))?,
                &mut piv,
            ))?;
            for (q, &p) in d.ipiv.iter_mut().zip(&piv) {
                *q = p as c_int + 1;
            }
            info_ok("getrf", info as c_int)
        }),
        Potrf => Box::new(move |d| {
            let a = ox(MatMut::col_major(&mut d.c, n, n, n))?;
            info_ok("potrf", ox(cholesky::potrf(Uplo::Lower, a))? as c_int)
        }),
        Geqrf => Box::new(move |d| {
            ox(qr::geqrf(
                ox(MatMut::col_major(&mut d.c, n, n, n))?,
                &mut d.tau,
            ))
        }),
        Getri => Box::new(move |d| {
            for (p, &q) in piv.iter_mut().zip(&d.ipiv) {
                *p = (q - 1) as usize;
            }
            let info = ox(lu::getri(ox(MatMut::col_major(&mut d.c, n, n, n))?, &piv))?;
            info_ok("getri", info as c_int)
        }),
        Gesv => Box::new(move |d| {
            let a = ox(MatMut::col_major(&mut d.a, n, n, n))?;
            let b = ox(MatMut::col_major(&mut d.c, n, 1, n))?;
            let info = ox(lu::gesv(a, &mut piv, b))?;
            for (q, &p) in d.ipiv.iter_mut().zip(&piv) {
                *q = p as c_int + 1;
            }
            info_ok("gesv", info as c_int)
        }),
        Gemm => Box::new(|_| Err("gemm rows run through child::run_row".into())),
    }
}

// CBLAS constants (column-major, and the enums' values).
const COL: c_int = 102;
const NOTRANS: c_int = 111;
const TRANS: c_int = 112;
const LOWER: c_int = 122;
const NONUNIT: c_int = 131;
const LEFT: c_int = 141;

type DotFn = unsafe extern "C" fn(c_int, *const f64, c_int, *const f64, c_int) -> f64;
type AxpyFn = unsafe extern "C" fn(c_int, f64, *const f64, c_int, *mut f64, c_int);
type Nrm2Fn = unsafe extern "C" fn(c_int, *const f64, c_int) -> f64;
type GemvFn = unsafe extern "C" fn(
    c_int,
    c_int,
    c_int,
    c_int,
    f64,
    *const f64,
    c_int,
    *const f64,
    c_int,
    f64,
    *mut f64,
    c_int,
);
type GerFn = unsafe extern "C" fn(
    c_int,
    c_int,
    c_int,
    f64,
    *const f64,
    c_int,
    *const f64,
    c_int,
    *mut f64,
    c_int,
);
type TrsvFn =
    unsafe extern "C" fn(c_int, c_int, c_int, c_int, c_int, *const f64, c_int, *mut f64, c_int);
type SymvFn = unsafe extern "C" fn(
    c_int,
    c_int,
    c_int,
    f64,
    *const f64,
    c_int,
    *const f64,
    c_int,
    f64,
    *mut f64,
    c_int,
);
type SyrkFn = unsafe extern "C" fn(
    c_int,
    c_int,
    c_int,
    c_int,
    c_int,
    f64,
    *const f64,
    c_int,
    f64,
    *mut f64,
    c_int,
);
type TrxmFn = unsafe extern "C" fn(
    c_int,
    c_int,
    c_int,
    c_int,
    c_int,
    c_int,
    c_int,
    f64,
    *const f64,
    c_int,
    *mut f64,
    c_int,
);
type SymmFn = unsafe extern "C" fn(
    c_int,
    c_int,
    c_int,
    c_int,
    c_int,
    f64,
    *const f64,
    c_int,
    *const f64,
    c_int,
    f64,
    *mut f64,
    c_int,
);
// Fortran LAPACK (LP64): every argument by address; potrf's character
// argument carries gfortran's hidden length at the end.
type GetrfFn = unsafe extern "C" fn(
    *const c_int,
    *const c_int,
    *mut f64,
    *const c_int,
    *mut c_int,
    *mut c_int,
);
type PotrfFn =
    unsafe extern "C" fn(*const c_char, *const c_int, *mut f64, *const c_int, *mut c_int, usize);
type GeqrfFn = unsafe extern "C" fn(
    *const c_int,
    *const c_int,
    *mut f64,
    *const c_int,
    *mut f64,
    *mut f64,
    *const c_int,
    *mut c_int,
);
type GetriFn = unsafe extern "C" fn(
    *const c_int,
    *mut f64,
    *const c_int,
    *const c_int,
    *mut f64,
    *const c_int,
    *mut c_int,
);
type GesvFn = unsafe extern "C" fn(
    *const c_int,
    *const c_int,
    *mut f64,
    *const c_int,
    *mut c_int,
    *mut f64,
    *const c_int,
    *mut c_int,
);

/// The optimal workspace of a LAPACK routine (its lwork = -1 query).
fn lwork_of(query: impl FnOnce(&mut f64, &c_int, &mut c_int), n: usize) -> usize {
    let (mut w, mut info) = (0.0f64, 0);
    query(&mut w, &-1, &mut info);
    if info == 0 && w >= 1.0 {
        w as usize
    } else {
        64 * n.max(1)
    }
}

fn bind_cblas<'a>(lib: &'a crate::peers::CblasLib, row: &Row) -> Result<Call<'a>, String> {
    use Routine::*;
    let n = c_int::try_from(row.n).map_err(|_| "n does not fit a 32-bit BLAS int".to_string())?;
    let nu = row.n;
    // Every buffer below is checked against the row's sizes before each
    // call, so that a CBLAS call never reads or writes past a Vec.
    fn need(ok: bool) -> Result<(), String> {
        if ok {
            Ok(())
        } else {
            Err("buffers do not match the row's shape".into())
        }
    }
    let (sq, vecs) = (nu * nu, nu);
    let name = |s: &str| format!("cblas_d{s}");
    // Each `lib.sym` below reads the CBLAS or Fortran-LAPACK routine of an
    // LP64 library as its exact C prototype; the closures that keep the
    // pointer live in a `Call<'a>` that borrows `lib`, so the code stays
    // mapped while they can run. Each call first checks (`need`) the
    // buffers against the dimensions and leading dimensions it passes;
    // outputs are borrowed exclusively from `d`, and every `Data` buffer is
    // a separate Vec, so no input overlaps an output.
    Ok(match row.routine {
        Dot => {
            // SAFETY: `cblas_ddot` has exactly the C prototype `DotFn` (LP64); `f` is
            // only called from the returned Call, which borrows `lib` (the code
            // stays mapped).
            let f: DotFn = unsafe { lib.sym(&name("dot"))? };
            Box::new(move |d| {
                need(d.a.len() >= vecs && d.b.len() >= vecs)?;
                // SAFETY: need() checked that x (`a`) and y (`b`) hold n elements (inc 1);
                // both are only read.
                d.res = unsafe { f(n, d.a.as_ptr(), 1, d.b.as_ptr(), 1) };
                Ok(())
            })
        }
        Axpy => {
            // SAFETY: `cblas_daxpy` has exactly the C prototype `AxpyFn` (LP64); `f` is
            // only called from the returned Call, which borrows `lib` (the code
            // stays mapped).
            let f: AxpyFn = unsafe { lib.sym(&name("axpy"))? };
            Box::new(move |d| {
                need(d.a.len() >= vecs && d.b.len() >= vecs)?;
                // SAFETY: need() checked that x (`a`) and y (`b`) hold n elements (inc 1);
                // only y is written, through the exclusive borrow of `d.b`.
                unsafe { f(n, ALPHA, d.a.as_ptr(), 1, d.b.as_mut_ptr(), 1) };
                Ok(())
            })
        }
        Nrm2 => {
            // SAFETY: `cblas_dnrm2` has exactly the C prototype `Nrm2Fn` (LP64); `f` is
            // only called from the returned Call, which borrows `lib` (the code
            // stays mapped).
            let f: Nrm2Fn = unsafe { lib.sym(&name("nrm2"))? };
            Box::new(move |d| {
                need(d.a.len() >= vecs)?;
                // SAFETY: need() checked that x (`a`) holds n elements (inc 1); it is only
                // read.
                d.res = unsafe { f(n, d.a.as_ptr(), 1) };
                Ok(())
            })
        }
        Gemv => {
            // SAFETY: `cblas_dgemv` has exactly the C prototype `GemvFn` (LP64); `f` is
            // only called from the returned Call, which borrows `lib` (the code
            // stays mapped).
            let f: GemvFn = unsafe { lib.sym(&name("gemv"))? };
            let t = if row.op_a == Op::NoTrans {
                NOTRANS
            } else {
                TRANS
            };
            Box::new(move |d| {
                need(d.a.len() >= sq && d.b.len() >= vecs && d.c.len() >= vecs)?;
                let (a, x, y) = (d.a.as_ptr(), d.b.as_ptr(), d.c.as_mut_ptr());
                // SAFETY: need() checked A (`a`: n*n, lda = n), x (`b`) and y (`c`: n
                // each); only y is written, through the exclusive borrow of `d.c`.
                unsafe { f(COL, t, n, n, 1.0, a, n, x, 1, 0.0, y, 1) };
                Ok(())
            })
        }
        Ger => {
            // SAFETY: `cblas_dger` has exactly the C prototype `GerFn` (LP64); `f` is
            // only called from the returned Call, which borrows `lib` (the code
            // stays mapped).
            let f: GerFn = unsafe { lib.sym(&name("ger"))? };
            Box::new(move |d| {
                need(d.a.len() >= vecs && d.b.len() >= vecs && d.c.len() >= sq)?;
                let (x, y, a) = (d.a.as_ptr(), d.b.as_ptr(), d.c.as_mut_ptr());
                // SAFETY: need() checked x (`a`), y (`b`: n each) and A (`c`: n*n,
                // lda = n); only A is written, through the exclusive borrow of `d.c`.
                unsafe { f(COL, n, n, ALPHA, x, 1, y, 1, a, n) };
                Ok(())
            })
        }
        Trsv => {
            // SAFETY: `cblas_dtrsv` has exactly the C prototype `TrsvFn` (LP64); `f` is
            // only called from the returned Call, which borrows `lib` (the code
            // stays mapped).
            let f: TrsvFn = unsafe { lib.sym(&name("trsv"))? };
            Box::new(move |d| {
                need(d.a.len() >= sq && d.c.len() >= vecs)?;
                let (a, x) = (d.a.as_ptr(), d.c.as_mut_ptr());
                // SAFETY: need() checked L (`a`: n*n, lda = n) and x (`c`: n); only x is
                // written, through the exclusive borrow of `d.c`.
                unsafe { f(COL, LOWER, NOTRANS, NONUNIT, n, a, n, x, 1) };
                Ok(())
            })
        }
        Symv => {
            // SAFETY: `cblas_dsymv` has exactly the C prototype `SymvFn` (LP64); `f` is
            // only called from the returned Call, which borrows `lib` (the code
            // stays mapped).
            let f: SymvFn = unsafe { lib.sym(&name("symv"))? };
            Box::new(move |d| {
                need(d.a.len() >= sq && d.b.len() >= vecs && d.c.len() >= vecs)?;
                let (a, x, y) = (d.a.as_ptr(), d.b.as_ptr(), d.c.as_mut_ptr());
                // SAFETY: need() checked A (`a`: n*n, lda = n), x (`b`) and y (`c`: n
                // each); only y is written, through the exclusive borrow of `d.c`.
                unsafe { f(COL, LOWER, n, 1.0, a, n, x, 1, 0.0, y, 1) };
                Ok(())
            })
        }
        Syrk => {
            // SAFETY: `cblas_dsyrk` has exactly the C prototype `SyrkFn` (LP64); `f` is
            // only called from the returned Call, which borrows `lib` (the code
            // stays mapped).
            let f: SyrkFn = unsafe { lib.sym(&name("syrk"))? };
            Box::new(move |d| {
                need(d.a.len() >= sq && d.c.len() >= sq)?;
                let (a, c) = (d.a.as_ptr(), d.c.as_mut_ptr());
                // SAFETY: need() checked A (`a`) and C (`c`): n*n each, lda = ldc = n; only
                // C is written, through the exclusive borrow of `d.c`.
                unsafe { f(COL, LOWER, NOTRANS, n, n, 1.0, a, n, 0.0, c, n) };
                Ok(())
            })
        }
        Trsm | Trmm => {
            // SAFETY: `cblas_dtrsm` and `cblas_dtrmm` both have exactly the C prototype
            // `TrxmFn` (LP64); `f` is only called from the returned Call, which
            // borrows `lib` (the code stays mapped).
            let f: TrxmFn = unsafe { lib.sym(&name(row.routine.name()))? };
            Box::new(move |d| {
                need(d.a.len() >= sq && d.c.len() >= sq)?;
                let (a, b) = (d.a.as_ptr(), d.c.as_mut_ptr());
                // SAFETY: need() checked L (`a`) and B (`c`): n*n each, lda = ldb = n; only
                // B is written, through the exclusive borrow of `d.c`.
                unsafe { f(COL, LEFT, LOWER, NOTRANS, NONUNIT, n, n, 1.0, a, n, b, n) };
                Ok(())
            })
        }
        Symm => {
            // SAFETY: `cblas_dsymm` has exactly the C prototype `SymmFn` (LP64); `f` is
            // only called from the returned Call, which borrows `lib` (the code
            // stays mapped).
            let f: SymmFn = unsafe { lib.sym(&name("symm"))? };
            Box::new(move |d| {
                need(d.a.len() >= sq && d.b.len() >= sq && d.c.len() >= sq)?;
                let (a, b, c) = (d.a.as_ptr(), d.b.as_ptr(), d.c.as_mut_ptr());
                // SAFETY: need() checked A (`a`), B (`b`) and C (`c`): n*n each, leading
                // dimensions n; only C is written, through the exclusive borrow of `d.c`.
                unsafe { f(COL, LEFT, LOWER, n, n, 1.0, a, n, b, n, 0.0, c, n) };
                Ok(())
            })
        }
        Getrf => {
            // SAFETY: `dgetrf_` has exactly the C prototype `GetrfFn` (LP64); `f` is
            // only called from the returned Call, which borrows `lib` (the code
            // stays mapped).
            let f: GetrfFn = unsafe { lib.sym("dgetrf_")? };
            Box::new(move |d| {
                need(d.c.len() >= sq && d.ipiv.len() >= vecs)?;
                let mut info = 0;
                // SAFETY: need() checked A (`c`: n*n, lda = n) and ipiv (n = min(m, n)
                // entries), both borrowed exclusively; n and info are live locals.
                unsafe { f(&n, &n, d.c.as_mut_ptr(), &n, d.ipiv.as_mut_ptr(), &mut info) };
                info_ok("dgetrf", info)
            })
        }
        Potrf => {
            // SAFETY: `dpotrf_` has exactly the C prototype `PotrfFn` (LP64); `f` is
            // only called from the returned Call, which borrows `lib` (the code
            // stays mapped).
            let f: PotrfFn = unsafe { lib.sym("dpotrf_")? };
            Box::new(move |d| {
                need(d.c.len() >= sq)?;
                let (mut info, uplo) = (0, b'L' as c_char);
                // SAFETY: need() checked A (`c`: n*n, lda = n), borrowed exclusively; `uplo`
                // is one live char (hidden length 1 passed last), n and info live locals.
                unsafe { f(&uplo, &n, d.c.as_mut_ptr(), &n, &mut info, 1) };
                info_ok("dpotrf", info)
            })
        }
        Geqrf => {
            // SAFETY: `dgeqrf_` has exactly the C prototype `GeqrfFn` (LP64); `f` is
            // only called from the returned Call, which borrows `lib` (the code
            // stays mapped).
            let f: GeqrfFn = unsafe { lib.sym("dgeqrf_")? };
            let mut tau = [0.0f64; 1];
            let lwork = lwork_of(
                // SAFETY: a workspace query (lwork = -1) reads no matrix
                // entry and writes only `w` (the optimal lwork) and info.
                |w, lw, info| unsafe {
                    f(&n, &n, tau.as_mut_ptr(), &n, tau.as_mut_ptr(), w, lw, info)
                },
                nu,
            );
            let mut work = vec![0.0f64; lwork];
            let lw = lwork as c_int;
            Box::new(move |d| {
                need(d.c.len() >= sq && d.tau.len() >= vecs && work.len() >= lwork)?;
                let (a, t, w) = (d.c.as_mut_ptr(), d.tau.as_mut_ptr(), work.as_mut_ptr());
                let mut info = 0;
                // SAFETY: need() checked A (`c`: n*n, lda = n), tau (n = min(m, n)) and
                // work (lw entries): three separate, exclusively borrowed buffers.
                unsafe { f(&n, &n, a, &n, t, w, &lw, &mut info) };
                info_ok("dgeqrf", info)
            })
        }
        Getri => {
            // SAFETY: `dgetri_` has exactly the C prototype `GetriFn` (LP64); `f` is
            // only called from the returned Call, which borrows `lib` (the code
            // stays mapped).
            let f: GetriFn = unsafe { lib.sym("dgetri_")? };
            let (mut a, ipiv) = ([0.0f64; 1], [1 as c_int; 1]);
            let lwork = lwork_of(
                // SAFETY: a workspace query reads no entry, writes `w` and info.
                |w, lw, info| unsafe { f(&n, a.as_mut_ptr(), &n, ipiv.as_ptr(), w, lw, info) },
                nu,
            );
            let mut work = vec![0.0f64; lwork];
            let lw = lwork as c_int;
            Box::new(move |d| {
                need(d.c.len() >= sq && d.ipiv.len() >= vecs && work.len() >= lwork)?;
                // The pivots come from this library's dgetrf (prepare_getri);
                // out of range ones would make dgetri write outside `c`.
                need(d.ipiv[..nu].iter().all(|&p| p >= 1 && p <= n))?;
                let (a, p, w) = (d.c.as_mut_ptr(), d.ipiv.as_ptr(), work.as_mut_ptr());
                let mut info = 0;
                // SAFETY: need() checked the LU (`c`: n*n, lda = n), work (lw entries) and
                // ipiv (n entries, each in 1..=n, as dgetri indexes columns with them).
                unsafe { f(&n, a, &n, p, w, &lw, &mut info) };
                info_ok("dgetri", info)
            })
        }
        Gesv => {
            // SAFETY: `dgesv_` has exactly the C prototype `GesvFn` (LP64); `f` is
            // only called from the returned Call, which borrows `lib` (the code
            // stays mapped).
            let f: GesvFn = unsafe { lib.sym("dgesv_")? };
            Box::new(move |d| {
                need(d.a.len() >= sq && d.c.len() >= vecs && d.ipiv.len() >= vecs)?;
                let (a, p, b) = (d.a.as_mut_ptr(), d.ipiv.as_mut_ptr(), d.c.as_mut_ptr());
                let mut info = 0;
                // SAFETY: need() checked A (`a`: n*n, lda = n), b (`c`: n, nrhs = 1,
                // ldb = n) and ipiv (n entries): separate, exclusively borrowed buffers.
                unsafe { f(&n, &1, a, &n, p, b, &n, &mut info) };
                info_ok("dgesv", info)
            })
        }
        Gemm => return Err("gemm rows run through child::run_row".into()),
    })
}

/// One call of `row`'s routine for `peer`; `Err` (the reason) when the
/// peer does not have it, which the report shows as n/a.
pub fn bind<'a>(peer: &'a Loaded, row: &Row, threads: usize) -> Result<Call<'a>, String> {
    let _ = threads;
    match peer {
        Loaded::Oxblas => Ok(bind_oxblas(row)),
        Loaded::Cblas(lib) => bind_cblas(lib, row),
        #[cfg(feature = "faer")]
        Loaded::Faer => crate::faer_peer::bind(row, threads),
    }
}

/// For a getri row: factors `d`'s A (kept in `a`) with `peer`'s own getrf
/// and makes the LU factors what each getri call starts from (`c0`).
pub fn prepare_getri(peer: &Loaded, row: &Row, threads: usize, d: &mut Data) -> Result<(), String> {
    let lu_row = Row::square(row.ty, Routine::Getrf, Op::NoTrans, row.n);
    let mut getrf = bind(peer, &lu_row, threads)?;
    // getrf works on `c`: hand it a copy of A, keep A itself in `a`.
    d.c0 = d.a.clone();
    d.restore();
    getrf(d)?;
    // LAPACK getri reads the pivots in `ipiv`; faer's getrf leaves a row
    // permutation in `perm` instead, which faer's getri reads.
    #[cfg(feature = "faer")]
    let takes_perm = matches!(peer, Loaded::Faer);
    #[cfg(not(feature = "faer"))]
    let takes_perm = false;
    if !d.perm.is_empty() && !takes_perm {
        return Err("getri needs LAPACK pivots".into());
    }
    d.c0 = d.c.clone();
    Ok(())
}

// ---------------------------------------------------------------------------
// Independent checks.

/// Max |got - exact| over max magnitude (the sum of |terms| of the exact
/// value), for (got, exact, magnitude) triples; NaN anywhere fails.
fn rel_err(items: impl Iterator<Item = (f64, f64, f64)>) -> f64 {
    let (mut diff, mut size) = (0.0f64, 0.0f64);
    for (got, exact, mag) in items {
        let d = (got - exact).abs();
        diff = if d.is_nan() {
            f64::INFINITY
        } else {
            diff.max(d)
        };
        size = size.max(mag);
    }
    diff / size.max(f64::MIN_POSITIVE)
}

/// Sum of `f(p)` and of `|f(p)|` over `ps`.
fn sum_abs(ps: impl Iterator<Item = usize>, f: impl Fn(usize) -> f64) -> (f64, f64) {
    ps.fold((0.0, 0.0), |(s, m), p| {
        let v = f(p);
        (s + v, m + v.abs())
    })
}

/// 64 pseudo-random (i, j) in [0, n)^2 (i >= j when `lower`).
fn samples(row: &Row, n: usize, lower: bool) -> Vec<(usize, usize)> {
    let mut r = rng::SplitMix64::new(rng::seed_of(&row.label()) ^ 0xC0FFEE);
    (0..64)
        .map(|_| {
            let i = (r.next_u64() % n as u64) as usize;
            let j = (r.next_u64() % n as u64) as usize;
            if lower {
                (i.max(j), i.min(j))
            } else {
                (i, j)
            }
        })
        .collect()
}

/// The tolerance of every check and comparison: 8 n eps (n = the length of
/// the sums behind each entry).
pub fn tolerance(row: &Row) -> f64 {
    8.0 * row.n.max(1) as f64 * f64::EPSILON
}

/// Row permutation from LAPACK interchanges (1-based): row i of P A is row
/// perm[i] of A. None when an entry is out of range (a mis-loaded peer).
fn perm_of(ipiv: &[c_int], n: usize) -> Option<Vec<usize>> {
    let mut perm: Vec<usize> = (0..n).collect();
    for (k, &p) in ipiv.iter().enumerate().take(n) {
        let p = usize::try_from(p).ok()?.checked_sub(1)?;
        if p >= n {
            return None;
        }
        perm.swap(k, p);
    }
    Some(perm)
}

/// Relative error of `got` (after one call on fresh inputs) against the
/// pristine inputs `orig`, by naive loops or sampled residuals; and the
/// tolerance.
pub fn check(row: &Row, orig: &Data, got: &Data) -> (f64, f64) {
    use Routine::*;
    let n = row.n;
    let at = |m: &[f64], i: usize, j: usize| m[i + j * n];
    let sym = |m: &[f64], i: usize, j: usize| m[i.max(j) + i.min(j) * n];
    let tol = tolerance(row);
    let (a, b) = (&orig.a, &orig.b);
    let err = match row.routine {
        Dot => {
            let (s, m) = sum_abs(0..n, |i| a[i] * b[i]);
            rel_err([(got.res, s, m)].into_iter())
        }
        Nrm2 => {
            let s = a.iter().map(|x| x * x).sum::<f64>().sqrt();
            rel_err([(got.res, s, s)].into_iter())
        }
        Axpy => rel_err((0..n).map(|i| {
            let e = b[i] + ALPHA * a[i];
            (got.b[i], e, b[i].abs() + (ALPHA * a[i]).abs())
        })),
        Gemv => rel_err((0..n).map(|i| {
            let (s, m) = if row.op_a == Op::NoTrans {
                sum_abs(0..n, |j| at(a, i, j) * b[j])
            } else {
                sum_abs(0..n, |j| at(a, j, i) * b[j])
            };
            (got.c[i], s, m)
        })),
        Symv => rel_err((0..n).map(|i| {
            let (s, m) = sum_abs(0..n, |j| sym(a, i, j) * b[j]);
            (got.c[i], s, m)
        })),
        Ger => rel_err((0..n * n).map(|q| {
            let (i, j) = (q % n, q / n);
            let (c0, u) = (orig.c[q], ALPHA * a[i] * b[j]);
            (got.c[q], c0 + u, c0.abs() + u.abs())
        })),
        Trsv => rel_err((0..n).map(|i| {
            let (s, m) = sum_abs(0..=i, |p| at(a, i, p) * got.c[p]);
            (s, orig.c[i], m + orig.c[i].abs())
        })),
        Syrk => rel_err(samples(row, n, true).into_iter().map(|(i, j)| {
            let (s, m) = sum_abs(0..n, |p| at(a, i, p) * at(a, j, p));
            (at(&got.c, i, j), s, m)
        })),
        Trsm => rel_err(samples(row, n, false).into_iter().map(|(i, j)| {
            let (s, m) = sum_abs(0..=i, |p| at(a, i, p) * at(&got.c, p, j));
            let bij = at(&orig.c, i, j);
            (s, bij, m + bij.abs())
        })),
        Trmm => rel_err(samples(row, n, false).into_iter().map(|(i, j)| {
            let (s, m) = sum_abs(0..=i, |p| at(a, i, p) * at(&orig.c, p, j));
            (at(&got.c, i, j), s, m)
        })),
        Symm => rel_err(samples(row, n, false).into_iter().map(|(i, j)| {
            let (s, m) = sum_abs(0..n, |p| sym(a, i, p) * at(b, p, j));
            (at(&got.c, i, j), s, m)
        })),
        Getrf => {
            let perm = if got.perm.is_empty() {
                perm_of(&got.ipiv, n)
            } else {
                Some(got.perm.clone())
            };
            let Some(perm) = perm else {
                return (f64::INFINITY, tol);
            };
            let lu = &got.c;
            rel_err(samples(row, n, false).into_iter().map(|(i, j)| {
                // (L U)(i, j), L unit lower, U upper, both in `lu`.
                let (s, m) = sum_abs(0..=i.min(j), |p| {
                    let l = if p == i { 1.0 } else { at(lu, i, p) };
                    l * at(lu, p, j)
                });
                (s, at(&orig.c, perm[i], j), m)
            }))
        }
        Potrf => rel_err(samples(row, n, true).into_iter().map(|(i, j)| {
            let (s, m) = sum_abs(0..=j, |p| at(&got.c, i, p) * at(&got.c, j, p));
            (s, at(&orig.c, i, j), m)
        })),
        Geqrf => rel_err(samples(row, n, false).into_iter().map(|(i, j)| {
            // R^T R = A^T A whatever the signs of R's rows.
            let (s, _) = sum_abs(0..=i.min(j), |p| at(&got.c, p, i) * at(&got.c, p, j));
            let (e, m) = sum_abs(0..n, |p| at(&orig.c, p, i) * at(&orig.c, p, j));
            (s, e, m)
        })),
        Getri => rel_err(samples(row, n, false).into_iter().map(|(i, j)| {
            let (s, m) = sum_abs(0..n, |p| at(a, i, p) * at(&got.c, p, j));
            (s, if i == j { 1.0 } else { 0.0 }, m)
        })),
        Gesv => rel_err((0..n).map(|i| {
            let (s, m) = sum_abs(0..n, |j| at(&orig.a, i, j) * got.c[j]);
            (s, orig.c[i], m + orig.c[i].abs())
        })),
        Gemm => f64::INFINITY,
    };
    (err, tol)
}

/// Max |got - reference| / max |reference| (a peer against oxblas).
pub fn compare(got: &[f64], reference: &[f64], tol: f64) -> (f64, f64) {
    if got.len() != reference.len() {
        return (f64::INFINITY, tol);
    }
    (
        rel_err(got.iter().zip(reference).map(|(&g, &r)| (g, r, r.abs()))),
        tol,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rows::{all_rows, Suite, Ty};

    fn rows_at(n: usize) -> Vec<Row> {
        all_rows(true, &[Suite::Blas, Suite::Lapack])
            .into_iter()
            .map(|r| Row::square(Ty::D, r.routine, r.op_a, n))
            .collect()
    }

    /// oxblas's results pass the independent checks, at an odd size.
    #[test]
    fn oxblas_passes_every_check() {
        for row in rows_at(37) {
            let mut d = Data::new(&row);
            if row.routine == Routine::Getri {
                prepare_getri(&Loaded::Oxblas, &row, 1, &mut d).unwrap();
            }
            bind(&Loaded::Oxblas, &row, 1).unwrap()(&mut d).unwrap();
            let (err, tol) = check(&row, &Data::new(&row), &d);
            assert!(err <= tol, "{}: err {err:e} > tol {tol:e}", row.label());
        }
    }

    /// faer's LAPACK rows (LU, Cholesky, QR, the inverse from its own LU,
    /// LU + solve) pass the same independent checks; the others are n/a.
    #[cfg(feature = "faer")]
    #[test]
    fn faer_passes_every_check() {
        let mut bound = Vec::new();
        for n in [37, 130] {
            for row in rows_at(n) {
                let Ok(mut call) = bind(&Loaded::Faer, &row, 1) else {
                    continue;
                };
                if bound.contains(&(n, row.routine)) {
                    continue; // the same routine at another size of the suite
                }
                bound.push((n, row.routine));
                let mut d = Data::new(&row);
                if row.routine == Routine::Getri {
                    prepare_getri(&Loaded::Faer, &row, 1, &mut d).unwrap();
                }
                call(&mut d).unwrap();
                let (err, tol) = check(&row, &Data::new(&row), &d);
                assert!(
                    err <= tol,
                    "faer {}: err {err:e} > tol {tol:e}",
                    row.label()
                );
            }
        }
        assert_eq!(
            bound.len(),
            2 * 5,
            "faer rows: getrf, potrf, geqrf, getri, gesv"
        );
    }

    /// A wrong result (one entry of the output perturbed, or the
    /// untouched input) fails the check.
    #[test]
    fn wrong_results_fail() {
        for row in rows_at(37) {
            if row.routine == Routine::Getri {
                continue; // needs its LU first; covered by the one above
            }
            let orig = Data::new(&row);
            // Not calling the routine at all: the output is its input.
            let (err, tol) = check(&row, &orig, &Data::new(&row));
            assert!(err > tol, "{}: unchanged output passed", row.label());
            let mut d = Data::new(&row);
            bind(&Loaded::Oxblas, &row, 1).unwrap()(&mut d).unwrap();
            d.res += 1.0;
            for x in d.c.iter_mut().chain(d.b.iter_mut()) {
                *x += 1.0;
            }
            let (err, tol) = check(&row, &orig, &d);
            assert!(err > tol, "{}: perturbed output passed", row.label());
        }
    }

    #[test]
    fn nan_fails_comparison() {
        let (err, tol) = compare(&[1.0, f64::NAN], &[1.0, 2.0], 1e-12);
        assert!(err > tol);
        let (err, tol) = compare(&[1.0, 2.0], &[1.0, 2.0], 1e-12);
        assert!(err <= tol);
    }

    #[test]
    fn specs_round_trip() {
        for row in all_rows(false, &Suite::ALL) {
            assert_eq!(Row::parse_spec(&row.spec()), Some(row), "{}", row.spec());
        }
    }

    #[test]
    fn lapack_pivots_to_permutation() {
        // Swap rows 0 and 2, then 1 and 2: P A = rows (2, 0, 1) of A.
        assert_eq!(perm_of(&[3, 3, 3], 3), Some(vec![2, 0, 1]));
        assert_eq!(perm_of(&[0, 1, 1], 3), None);
        assert_eq!(perm_of(&[4, 2, 3], 3), None);
    }
}
