//! Argument plumbing shared by the CBLAS wrappers.

use crate::abi::{layout_of, Layout};
use crate::xerbla::{name6, report_cblas, report_from_cblas, Name6, XerblaNames};
use core::ffi::{c_int, CStr};
use ox::Scalar;

/// The Fortran name (`"DGEMM "`) of routine `base` for `T`.
pub(crate) fn fname<T: Scalar>(base: &str) -> Name6 {
    name6(T::KIND.prefix(), base)
}

/// The layout, or reports an illegal one (CBLAS position 1).
pub(crate) fn layout<I: XerblaNames>(name: &Name6, v: c_int) -> Option<Layout> {
    let l = layout_of(v);
    if l.is_none() {
        report_cblas::<I>(name, 1, false, c"Illegal layout setting, %d\n", v);
    }
    l
}

/// Parses a CBLAS enumeration argument at position `pos`, reporting it when
/// illegal.
pub(crate) fn arg<I: XerblaNames, E>(
    name: &Name6,
    l: Layout,
    pos: i32,
    v: c_int,
    parse: impl Fn(c_int) -> Option<E>,
    what: &CStr,
) -> Option<E> {
    let e = parse(v);
    if e.is_none() {
        report_cblas::<I>(name, pos, l == Layout::Row, what, v);
    }
    e
}

/// Reports a Fortran-level `info` found on the arguments as handed on (true
/// when `info != 0`).
pub(crate) fn failed<I: XerblaNames>(name: &Name6, l: Layout, info: i32) -> bool {
    if info != 0 {
        report_from_cblas::<I>(name, info, l == Layout::Row);
    }
    info != 0
}
