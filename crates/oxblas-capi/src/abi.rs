//! The shared vocabulary of both ABIs: Fortran integer widths, option
//! characters, CBLAS enumerations, the panic guard, and raw-pointer views.

use core::ffi::c_char;
use ox::{c32, c64, Diag, MatMut, MatRef, Op, Scalar, Side, Uplo, VecMut, VecRef};

/// A Fortran/CBLAS integer: `i32` for the LP64 symbols, `i64` for the ILP64
/// `_64_` / `64_` symbols. Everything is checked in `i64`.
pub trait Int: Copy + Default + 'static {
    fn get(self) -> i64;
    /// For results (indices) that fit by construction.
    fn from_i64(v: i64) -> Self;
}
impl Int for i32 {
    #[inline(always)]
    fn get(self) -> i64 {
        self as i64
    }
    #[inline(always)]
    fn from_i64(v: i64) -> Self {
        v as i32
    }
}
impl Int for i64 {
    #[inline(always)]
    fn get(self) -> i64 {
        self
    }
    #[inline(always)]
    fn from_i64(v: i64) -> Self {
        v
    }
}

/// Reads a Fortran integer argument (passed by reference).
///
/// # Safety
/// `p` must point to a readable integer, as the Fortran ABI guarantees.
// SAFETY: the contract in the doc comment above is the caller's, as the BLAS interface promises it for every array argument.
#[inline(always)]
pub unsafe fn rd<I: Int>(p: *const I) -> i64 {
    (*p).get()
}

/// Reads a Fortran scalar argument (passed by reference).
///
/// # Safety
/// `p` must point to a readable `T`.
// SAFETY: the contract in the doc comment above is the caller's, as the BLAS interface promises it for every array argument.
#[inline(always)]
pub unsafe fn val<T: Copy>(p: *const T) -> T {
    *p
}

/// Fortran `LSAME`: the first character, case-insensitively (ASCII).
///
/// # Safety
/// `p` must point to at least one readable byte.
// SAFETY: the contract in the doc comment above is the caller's, as the BLAS interface promises it for every array argument.
#[inline(always)]
pub unsafe fn ch(p: *const c_char) -> u8 {
    (*p as u8).to_ascii_uppercase()
}

pub fn op_of(c: u8) -> Option<Op> {
    match c {
        b'N' => Some(Op::NoTrans),
        b'T' => Some(Op::Trans),
        b'C' => Some(Op::ConjTrans),
        _ => None,
    }
}
pub fn uplo_of(c: u8) -> Option<Uplo> {
    match c {
        b'U' => Some(Uplo::Upper),
        b'L' => Some(Uplo::Lower),
        _ => None,
    }
}
pub fn diag_of(c: u8) -> Option<Diag> {
    match c {
        b'U' => Some(Diag::Unit),
        b'N' => Some(Diag::NonUnit),
        _ => None,
    }
}
pub fn side_of(c: u8) -> Option<Side> {
    match c {
        b'L' => Some(Side::Left),
        b'R' => Some(Side::Right),
        _ => None,
    }
}

// ---- CBLAS enumerations (values fixed by the CBLAS standard) --------------

pub const CBLAS_ROW_MAJOR: i32 = 101;
pub const CBLAS_COL_MAJOR: i32 = 102;

/// Storage order of every matrix argument of one call.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Layout {
    Col,
    Row,
}

pub fn layout_of(v: i32) -> Option<Layout> {
    match v {
        CBLAS_ROW_MAJOR => Some(Layout::Row),
        CBLAS_COL_MAJOR => Some(Layout::Col),
        _ => None,
    }
}
pub fn cblas_op(v: i32) -> Option<Op> {
    match v {
        111 => Some(Op::NoTrans),
        112 => Some(Op::Trans),
        113 => Some(Op::ConjTrans),
        _ => None,
    }
}
pub fn cblas_uplo(v: i32) -> Option<Uplo> {
    match v {
        121 => Some(Uplo::Upper),
        122 => Some(Uplo::Lower),
        _ => None,
    }
}
pub fn cblas_diag(v: i32) -> Option<Diag> {
    match v {
        131 => Some(Diag::NonUnit),
        132 => Some(Diag::Unit),
        _ => None,
    }
}
pub fn cblas_side(v: i32) -> Option<Side> {
    match v {
        141 => Some(Side::Left),
        142 => Some(Side::Right),
        _ => None,
    }
}

/// The Fortran letter for an operation (what the reference CBLAS passes on).
pub fn op_char(op: Op) -> u8 {
    match op {
        Op::NoTrans => b'N',
        Op::Trans => b'T',
        Op::ConjTrans => b'C',
    }
}
pub fn flip_uplo(u: Uplo) -> Uplo {
    match u {
        Uplo::Upper => Uplo::Lower,
        Uplo::Lower => Uplo::Upper,
    }
}
pub fn flip_side(s: Side) -> Side {
    match s {
        Side::Left => Side::Right,
        Side::Right => Side::Left,
    }
}

// ---- Scalars as CBLAS passes them ------------------------------------------

/// How CBLAS passes a scalar of type `Self`: real scalars by value, complex
/// ones through a `const void *`.
pub trait CArg: Scalar {
    type Arg: Copy;
    /// # Safety
    /// For complex types `a` must point to a readable value.
    // SAFETY: the contract in the doc comment above is the caller's, as the BLAS interface promises it for every array argument.
    unsafe fn read(a: Self::Arg) -> Self;
}
impl CArg for f32 {
    type Arg = f32;
    // SAFETY: a by-value float needs nothing.
    #[inline(always)]
    unsafe fn read(a: f32) -> f32 {
        a
    }
}
impl CArg for f64 {
    type Arg = f64;
    // SAFETY: a by-value double needs nothing.
    #[inline(always)]
    unsafe fn read(a: f64) -> f64 {
        a
    }
}
impl CArg for c32 {
    type Arg = *const c32;
    // SAFETY: CBLAS passes complex scalars by a valid pointer (trait contract).
    #[inline(always)]
    unsafe fn read(a: *const c32) -> c32 {
        *a
    }
}
impl CArg for c64 {
    type Arg = *const c64;
    // SAFETY: CBLAS passes complex scalars by a valid pointer (trait contract).
    #[inline(always)]
    unsafe fn read(a: *const c64) -> c64 {
        *a
    }
}

// ---- The panic guard ---------------------------------------------------------

/// Runs `f`, turning a panic into a message on stderr and `R::default()`: no
/// unwinding may cross into C or Fortran frames.
#[inline(always)]
pub fn guard<R: Default>(name: &str, f: impl FnOnce() -> R) -> R {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(_) => {
            eprintln!(
                " ** oxblas: internal error in {name}; the call had no effect or a partial one"
            );
            R::default()
        }
    }
}

/// Reports an error the core returned after the door's own checks passed
/// (which would be a bug in the door or the core: the checks mirror the
/// reference BLAS).
pub fn core_result(name: &str, r: ox::Result<()>) {
    if let Err(e) = r {
        eprintln!(" ** oxblas: {name}: {e}");
    }
}

// ---- Views over raw pointers --------------------------------------------------

/// Row and column strides of a matrix stored with leading dimension `ld`.
#[inline(always)]
pub fn strides(layout: Layout, ld: usize) -> (isize, isize) {
    match layout {
        Layout::Col => (1, ld as isize),
        Layout::Row => (ld as isize, 1),
    }
}

/// A read-only `rows x cols` view of `p` with leading dimension `ld`.
///
/// # Safety
/// The caller has checked `ld >= max(1, rows)` (column-major) or
/// `ld >= max(1, cols)` (row-major) as the BLAS contract requires, so every
/// element lies inside the caller's array, which the BLAS contract makes
/// readable for the duration of the call.
// SAFETY: the contract in the doc comment above is the caller's, as the BLAS interface promises it for every array argument.
#[inline(always)]
pub unsafe fn mat<'a, T>(
    p: *const T,
    rows: usize,
    cols: usize,
    ld: usize,
    l: Layout,
) -> MatRef<'a, T> {
    let (rs, cs) = strides(l, ld);
    MatRef::from_raw_parts(p, rows, cols, rs, cs)
}

/// A mutable view; same contract as [`mat`], plus exclusivity (the BLAS
/// contract forbids output arrays overlapping inputs).
// SAFETY: the contract in the doc comment above is the caller's, as the BLAS interface promises it for every array argument.
#[inline(always)]
pub unsafe fn mat_mut<'a, T>(
    p: *mut T,
    rows: usize,
    cols: usize,
    ld: usize,
    l: Layout,
) -> MatMut<'a, T> {
    let (rs, cs) = strides(l, ld);
    MatMut::from_raw_parts(p, rows, cols, rs, cs)
}

/// A BLAS vector argument: `n` elements from `p` with increment `inc`,
/// starting at the far end when `inc < 0` as the reference BLAS does.
///
/// # Safety
/// The BLAS contract: `p` addresses `1 + (n-1)*|inc|` readable elements.
// SAFETY: the contract in the doc comment above is the caller's, as the BLAS interface promises it for every array argument.
#[inline(always)]
pub unsafe fn vecr<'a, T>(p: *const T, n: usize, inc: i64) -> VecRef<'a, T> {
    let inc = inc as isize;
    VecRef::from_raw_parts(p.add(ox::vec::blas_start(n, inc)), n, inc)
}

/// Mutable BLAS vector argument; as [`vecr`], writable and exclusive.
///
/// # Safety
/// As [`vecr`], and the elements are writable and not aliased by any other
/// argument of the call (the BLAS contract for output vectors).
// SAFETY: the contract in the doc comment above is the caller's, as the BLAS interface promises it for every array argument.
#[inline(always)]
pub unsafe fn vecm<'a, T>(p: *mut T, n: usize, inc: i64) -> VecMut<'a, T> {
    let inc = inc as isize;
    VecMut::from_raw_parts(p.add(ox::vec::blas_start(n, inc)), n, inc)
}

// ---- Core results ---------------------------------------------------------------

/// A core routine's result, whether it returns `()`/`V` or `Result<V>`: the
/// door's checks make errors impossible, so an error is reported on stderr
/// (a bug in oxblas) and a neutral value returned.
pub trait Out<V> {
    fn out(self, name: &str) -> V;
}
impl<V> Out<V> for V {
    #[inline(always)]
    fn out(self, _name: &str) -> V {
        self
    }
}
impl<V: Default> Out<V> for ox::Result<V> {
    #[inline(always)]
    fn out(self, name: &str) -> V {
        match self {
            Ok(v) => v,
            Err(e) => {
                eprintln!(" ** oxblas: {name}: {e}");
                V::default()
            }
        }
    }
}

/// Conjugates the elements of a vector in place (identity for real types).
pub fn conj_in_place<T: Scalar>(v: &mut VecMut<'_, T>) {
    if T::IS_COMPLEX {
        for i in 0..v.len() {
            let x = v.get(i);
            v.set(i, x.conj());
        }
    }
}

/// A contiguous conjugated copy of a vector.
pub fn conj_copy<T: Scalar>(v: VecRef<'_, T>) -> Vec<T> {
    (0..v.len()).map(|i| v.get(i).conj()).collect()
}

/// As [`Out`] for routines with no value: `()` or `Result<()>`.
pub trait Done {
    fn done(self, name: &str);
}
impl Done for () {
    #[inline(always)]
    fn done(self, _name: &str) {}
}
impl Done for ox::Result<()> {
    #[inline(always)]
    fn done(self, name: &str) {
        core_result(name, self)
    }
}
