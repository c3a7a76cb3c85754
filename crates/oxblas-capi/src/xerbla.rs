//! Error reporting: `xerbla_`, `cblas_xerbla` and the CBLAS globals.
//!
//! The reference BLAS reports an illegal argument by calling `XERBLA(SRNAME,
//! INFO)`; programs (and the netlib testers) may define their own `xerbla_`
//! to intercept it. A shared library cannot rely on symbol interposition for
//! its *own* calls (they may be bound inside the library), so oxblas looks the
//! handler up at run time with `dlsym(RTLD_DEFAULT, ...)`: global lookup
//! order puts the executable first, so a program's own `xerbla_` wins, and
//! when none exists the lookup finds oxblas's own. The same holds for
//! `cblas_xerbla` and for the globals `RowMajorStrg` and `CBLAS_CallFromC`
//! that the netlib CBLAS testers define and read.
//!
//! The CBLAS error protocol (as in the reference CBLAS):
//! * errors in CBLAS-only arguments (layout, enumerations) go straight to
//!   `cblas_xerbla(pos, "cblas_dgemm", form, value)`;
//! * errors found by the Fortran-level checks on the (for row-major, swapped)
//!   arguments go to `xerbla_("DGEMM ", info)` with `CBLAS_CallFromC = 1` and
//!   `RowMajorStrg` telling whether the arguments were swapped; a CBLAS-aware
//!   `xerbla_` forwards them as `cblas_xerbla(info + 1, "cblas_dgemm")`, which
//!   maps swapped positions back. The globals are written only on this error
//!   path, so correct calls from many threads share no mutable state.
//!
//! oxblas's own handlers print and return; they never end the process.

use crate::abi::Int;
use core::ffi::{c_char, c_int, c_void, CStr};
use core::sync::atomic::{AtomicI32, Ordering};

extern "C" {
    fn dlsym(handle: *mut c_void, symbol: *const c_char) -> *mut c_void;
}
/// glibc's `RTLD_DEFAULT` is the null handle.
const RTLD_DEFAULT: *mut c_void = core::ptr::null_mut();

/// Set to 1 while a CBLAS routine reports an error through `xerbla_`.
#[no_mangle]
#[allow(non_upper_case_globals)]
pub static CBLAS_CallFromC: AtomicI32 = AtomicI32::new(0);
/// Set to 1 while a row-major CBLAS routine reports such an error.
#[no_mangle]
#[allow(non_upper_case_globals)]
pub static RowMajorStrg: AtomicI32 = AtomicI32::new(0);

/// First definition of `name` in global lookup order, if any.
fn lookup(name: &CStr) -> *mut c_void {
    // SAFETY: dlsym with RTLD_DEFAULT and a NUL-terminated name only reads.
    unsafe { dlsym(RTLD_DEFAULT, name.as_ptr()) }
}

/// The `int` global `name` as the program sees it (the executable's if it
/// defines one), else `own`.
fn global(name: &CStr, own: &'static AtomicI32) -> &'static AtomicI32 {
    let p = lookup(name);
    if p.is_null() {
        own
    } else {
        // SAFETY: a data symbol of that name is a C `int` by the CBLAS
        // convention; AtomicI32 has the layout of i32 and lives as long as
        // the process (symbols of loaded objects stay mapped while we run).
        unsafe { &*(p as *const AtomicI32) }
    }
}

pub(crate) fn set_globals(row: bool, from_c: bool) {
    global(c"RowMajorStrg", &RowMajorStrg).store(row as i32, Ordering::Relaxed);
    global(c"CBLAS_CallFromC", &CBLAS_CallFromC).store(from_c as i32, Ordering::Relaxed);
}

/// Per integer width: which handler names to look up.
pub trait XerblaNames: Int {
    const XERBLA: &'static CStr;
    const CBLAS_XERBLA: &'static CStr;
}
impl XerblaNames for i32 {
    const XERBLA: &'static CStr = c"xerbla_";
    const CBLAS_XERBLA: &'static CStr = c"cblas_xerbla";
}
impl XerblaNames for i64 {
    const XERBLA: &'static CStr = c"xerbla_64_";
    const CBLAS_XERBLA: &'static CStr = c"cblas_xerbla64_";
}

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
type XerblaFn<I> = unsafe extern "C" fn(*const c_char, *const I, usize);
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
type CblasXerblaFn<I> = unsafe extern "C" fn(I, *const c_char, *const c_char, ...);

/// `"DGEMM "`: the six-character, blank-padded name Fortran passes.
pub type Name6 = [u8; 6];

/// The Fortran name of routine `base` for the scalar type with `prefix`.
pub fn name6(prefix: char, base: &str) -> Name6 {
    let mut n = [b' '; 6];
    n[0] = prefix.to_ascii_uppercase() as u8;
    for (d, s) in n[1..].iter_mut().zip(base.bytes()) {
        *d = s.to_ascii_uppercase();
    }
    n
}

/// `"cblas_dgemm\0"` from `"DGEMM "`.
fn cblas_name(name: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    out[..6].copy_from_slice(b"cblas_");
    let trimmed: Vec<u8> = name
        .iter()
        .copied()
        .take(24)
        .take_while(|&c| c != 0)
        .collect::<Vec<_>>();
    let end = trimmed
        .iter()
        .rposition(|&c| c != b' ')
        .map_or(0, |p| p + 1);
    for (i, c) in trimmed[..end].iter().enumerate() {
        out[6 + i] = c.to_ascii_lowercase();
    }
    out
}

/// Reports Fortran-level error `info` in routine `name` (a Fortran caller).
pub fn report<I: XerblaNames>(name: &Name6, info: i32) {
    let f = lookup(I::XERBLA);
    let info = I::from_i64(info as i64);
    if f.is_null() {
        own_xerbla::<I>(name, info.get());
    } else {
        // SAFETY: a function named xerbla_ (xerbla_64_) has the Fortran
        // signature XERBLA(CHARACTER*(*) SRNAME, INTEGER INFO) with the
        // hidden length last; name is 6 readable bytes.
        unsafe {
            let f: XerblaFn<I> = core::mem::transmute(f);
            f(name.as_ptr() as *const c_char, &info, name.len());
        }
    }
}

/// Reports Fortran-level error `info` found on the arguments a CBLAS routine
/// (row-major: swapped as the reference CBLAS swaps them) hands on.
pub fn report_from_cblas<I: XerblaNames>(name: &Name6, info: i32, row: bool) {
    set_globals(row, true);
    report::<I>(name, info);
    set_globals(false, false);
}

/// Reports an illegal CBLAS-only argument (layout or enumeration) at CBLAS
/// position `pos` of routine `name` (the Fortran name, e.g. `"DGEMM "`).
pub fn report_cblas<I: XerblaNames>(name: &Name6, pos: i32, row: bool, what: &CStr, value: c_int) {
    let rout = cblas_name(name);
    set_globals(row, true);
    call_cblas_xerbla::<I>(pos as i64, &rout, what, value);
    set_globals(false, false);
}

fn call_cblas_xerbla<I: XerblaNames>(info: i64, rout: &[u8; 32], form: &CStr, value: c_int) {
    let f = lookup(I::CBLAS_XERBLA);
    if f.is_null() {
        own_cblas_xerbla(info, rout.as_ptr() as *const c_char);
    } else {
        // SAFETY: cblas_xerbla(int info, const char *rout, const char *form, ...)
        // is the CBLAS handler's signature (CBLAS_INT for the 64-bit one);
        // rout and form are NUL-terminated and outlive the call.
        unsafe {
            let f: CblasXerblaFn<I> = core::mem::transmute(f);
            f(
                I::from_i64(info),
                rout.as_ptr() as *const c_char,
                form.as_ptr(),
                value,
            );
        }
    }
}

/// oxblas's `xerbla_`: forwards to `cblas_xerbla` for errors raised on behalf
/// of a CBLAS call, otherwise prints the reference message. Never exits.
fn own_xerbla<I: XerblaNames>(name: &[u8], info: i64) {
    let from_c = global(c"CBLAS_CallFromC", &CBLAS_CallFromC).load(Ordering::Relaxed) != 0;
    if from_c {
        let rout = cblas_name(name);
        call_cblas_xerbla::<I>(info + 1, &rout, c"", 0);
    } else {
        let n = String::from_utf8_lossy(name);
        eprintln!(
            " ** On entry to {} parameter number {:2} had an illegal value",
            n.trim_end(),
            info
        );
    }
}

/// For a row-major call, the reference CBLAS swaps some arguments before the
/// Fortran-level checks; this maps the position of a swapped argument back.
fn unswap(info: i64, rout: &str) -> i64 {
    let pairs: &[(i64, i64)] = if rout.contains("gemm") {
        &[(4, 5), (9, 11)]
    } else if rout.contains("symm") || rout.contains("hemm") {
        &[(4, 5)]
    } else if rout.contains("trmm") || rout.contains("trsm") {
        &[(6, 7)]
    } else if rout.contains("gemv") {
        &[(3, 4)]
    } else if rout.contains("gbmv") {
        &[(3, 4), (5, 6)]
    } else if rout.contains("ger") {
        &[(2, 3), (6, 8)]
    } else if (rout.contains("her2") || rout.contains("hpr2")) && !rout.contains("her2k") {
        &[(6, 8)]
    } else {
        &[]
    };
    for &(a, b) in pairs {
        if info == a {
            return b;
        }
        if info == b {
            return a;
        }
    }
    info
}

/// oxblas's `cblas_xerbla`: prints the CBLAS message and returns.
fn own_cblas_xerbla(info: i64, rout: *const c_char) {
    // SAFETY: every caller passes a NUL-terminated routine name.
    let r = unsafe { CStr::from_ptr(rout) }.to_string_lossy();
    let row = global(c"RowMajorStrg", &RowMajorStrg).load(Ordering::Relaxed) != 0;
    let info = if row { unswap(info, &r) } else { info };
    eprintln!(" ** Parameter {info} to routine {r} was incorrect");
}

/// Fortran `XERBLA(SRNAME, INFO)` (LP64). Prints and returns.
///
/// # Safety
/// `srname` must address `len` readable bytes and `info` a readable integer.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
#[no_mangle]
pub unsafe extern "C" fn xerbla_(srname: *const c_char, info: *const i32, len: usize) {
    crate::abi::guard("xerbla_", || {
        // SAFETY: the Fortran ABI passes the name's length as the hidden
        // argument and INFO by reference.
        let name = unsafe { core::slice::from_raw_parts(srname as *const u8, len.min(64)) };
        own_xerbla::<i32>(name, unsafe { *info } as i64)
    })
}

/// Fortran `XERBLA` for the ILP64 (`_64_`) routines.
///
/// # Safety
/// As [`xerbla_`].
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
#[no_mangle]
pub unsafe extern "C" fn xerbla_64_(srname: *const c_char, info: *const i64, len: usize) {
    crate::abi::guard("xerbla_64_", || {
        // SAFETY: as in xerbla_.
        let name = unsafe { core::slice::from_raw_parts(srname as *const u8, len.min(64)) };
        own_xerbla::<i64>(name, unsafe { *info })
    })
}

/// `void cblas_xerbla(int p, const char *rout, const char *form, ...)`.
///
/// Declared without the variadic tail: on the C calling conventions oxblas
/// supports, a callee may ignore trailing variadic arguments. The `form`
/// message is not expanded; the position and routine are printed.
///
/// # Safety
/// `rout` must be NUL-terminated.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
#[no_mangle]
pub unsafe extern "C" fn cblas_xerbla(info: c_int, rout: *const c_char, _form: *const c_char) {
    crate::abi::guard("cblas_xerbla", || own_cblas_xerbla(info as i64, rout))
}

/// The 64-bit-integer twin of [`cblas_xerbla`].
///
/// # Safety
/// As [`cblas_xerbla`].
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
#[no_mangle]
pub unsafe extern "C" fn cblas_xerbla64_(info: i64, rout: *const c_char, _form: *const c_char) {
    crate::abi::guard("cblas_xerbla64_", || own_cblas_xerbla(info, rout))
}

/// `LOGICAL FUNCTION LSAME(CA, CB)`: case-insensitive comparison of two
/// characters (LAPACK builds call it from the BLAS library).
///
/// # Safety
/// Both pointers must address a readable byte.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
#[no_mangle]
pub unsafe extern "C" fn lsame_(
    ca: *const c_char,
    cb: *const c_char,
    _la: usize,
    _lb: usize,
) -> c_int {
    // SAFETY: the Fortran ABI passes each CHARACTER argument by reference.
    let (a, b) = unsafe { (*ca as u8, *cb as u8) };
    a.eq_ignore_ascii_case(&b) as c_int
}

/// `XERBLA_ARRAY(SRNAME_ARRAY, SRNAME_LEN, INFO)`: XERBLA for callers (such
/// as C code) holding the name in a character array.
///
/// # Safety
/// `name` must address `*len` readable bytes; `len`, `info` readable ints.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
#[no_mangle]
pub unsafe extern "C" fn xerbla_array_(
    name: *const c_char,
    len: *const i32,
    info: *const i32,
    _l: usize,
) {
    crate::abi::guard("xerbla_array_", || {
        // SAFETY: the caller upholds xerbla_array's contract, which is
        // this function's.
        unsafe { xerbla_array::<i32>(name, len, info) }
    })
}

/// `XERBLA_ARRAY` for the ILP64 (`_64_`) routines: 64-bit `SRNAME_LEN` and
/// `INFO`, reported through `xerbla_64_`.
///
/// # Safety
/// As [`xerbla_array_`].
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
#[no_mangle]
pub unsafe extern "C" fn xerbla_array_64_(
    name: *const c_char,
    len: *const i64,
    info: *const i64,
    _l: usize,
) {
    crate::abi::guard("xerbla_array_64_", || {
        // SAFETY: as in xerbla_array_.
        unsafe { xerbla_array::<i64>(name, len, info) }
    })
}

/// The body of `xerbla_array_` / `xerbla_array_64_`: copies at most 32
/// characters of the name (LAPACK's SRNAME length) and calls the XERBLA of
/// the same integer width (the program's, if it defines one).
///
/// # Safety
/// `name` must address `*len` readable bytes; `len`, `info` readable `I`s.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn xerbla_array<I: XerblaNames>(name: *const c_char, len: *const I, info: *const I) {
    // SAFETY: arguments by reference per the Fortran ABI.
    let (n, i) = unsafe { ((*len).get().clamp(0, 32) as usize, *info) };
    let mut buf = [b' '; 32];
    // SAFETY: n <= *len readable bytes.
    let src = unsafe { core::slice::from_raw_parts(name as *const u8, n) };
    buf[..n].copy_from_slice(src);
    let f = lookup(I::XERBLA);
    if f.is_null() {
        own_xerbla::<I>(&buf[..n.max(1)], i.get());
    } else {
        // SAFETY: see `report`.
        unsafe {
            let f: XerblaFn<I> = core::mem::transmute(f);
            f(buf.as_ptr() as *const c_char, &i, n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(&name6('d', "GEMM"), b"DGEMM ");
        assert_eq!(&name6('z', "her2k"), b"ZHER2K");
        let c = cblas_name(b"DGER  ");
        assert_eq!(CStr::from_bytes_until_nul(&c).unwrap(), c"cblas_dger");
    }

    #[test]
    fn row_major_positions_map_back() {
        assert_eq!(unswap(11, "cblas_dgemm"), 9);
        assert_eq!(unswap(4, "cblas_zgemv"), 3);
        assert_eq!(unswap(8, "cblas_zher2"), 6);
        assert_eq!(unswap(8, "cblas_zher2k"), 8);
        assert_eq!(unswap(6, "cblas_dgbmv"), 5);
        assert_eq!(unswap(7, "cblas_dsyrk"), 7);
    }
}
