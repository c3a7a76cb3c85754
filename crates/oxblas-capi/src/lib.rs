//! liboxblas.so: the C and Fortran door of oxblas.
//!
//! * Fortran BLAS (`dgemm_`): lower case, trailing underscore, every argument
//!   by reference, hidden `CHARACTER` lengths (appended by gfortran) accepted
//!   and ignored; complex functions return their value in registers as C
//!   `_Complex` does (gfortran's convention).
//! * CBLAS (`cblas_dgemm`), row- and column-major.
//! * Fortran LAPACK (`dgetrf_`, ...; `src/lapack/`): the routines the core
//!   implements, with LAPACK's argument lists, INFO and workspace queries.
//! * ILP64 twins in the same library: `dgemm_64_` and `cblas_dgemm64_` take
//!   64-bit integers.
//!
//! Each routine is written once, generic over the scalar type `T` and the
//! integer type `I`; the [`f77!`] and [`cblas!`] macros stamp out the
//! exported symbols. A door checks arguments in the reference BLAS order
//! (reporting through `xerbla_`, see [`xerbla`]), returns early on empty
//! problems, builds strided views and calls the core. Panics are caught at
//! the boundary ([`abi::guard`]).

// Every routine is generic over `<T, I>` so that one macro exports it; some
// routines use only one of the two (rotg has no integers, dsdot one type).
#![allow(
    clippy::too_many_arguments,
    clippy::missing_safety_doc,
    clippy::extra_unused_type_parameters
)]

/// Exports generic Fortran routine `$imp::<T, I>` as `$name` (LP64, `I = i32`)
/// and `$name64` (ILP64, `I = i64`) for each scalar type `$t`. The parameter
/// and result types may mention `T` and `I`.
macro_rules! f77 {
    ($imp:ident [$($args:tt)*] -> $ret:ty { $($names:tt)* }) => {
        f77!(@each ($ret) $imp [$($args)*] { $($names)* });
    };
    ($imp:ident [$($args:tt)*] { $($names:tt)* }) => {
        f77!(@each (()) $imp [$($args)*] { $($names)* });
    };
    (@each $ret:tt $imp:ident $args:tt { $($name:ident $name64:ident : $t:ty),+ $(,)? }) => {
        $(
            f77!(@one $ret $imp $args $name, i32, $t);
            f77!(@one $ret $imp $args $name64, i64, $t);
        )+
    };
    (@one ($ret:ty) $imp:ident [$($arg:ident : $ty:ty),* $(,)?] $name:ident, $int:ty, $t:ty) => {
        const _: () = {
            #[allow(dead_code)]
            type T = $t;
            #[allow(dead_code)]
            type I = $int;
            // SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
            #[doc = concat!("`", stringify!($name), "`.")]
            #[no_mangle]
            #[allow(clippy::unused_unit)]
            pub unsafe extern "C" fn $name($($arg: $ty),*) -> $ret {
                // SAFETY: the caller upholds the BLAS contract for this
                // routine's arguments, which is what `$imp` requires.
                $crate::abi::guard(stringify!($name), || unsafe { $imp::<T, I>($($arg),*) })
            }
        };
    };
}

/// As [`f77!`], for CBLAS symbols: `$name` takes `int` sizes, `$name64`
/// `int64_t` ones.
macro_rules! cblas {
    ($($t:tt)*) => { f77!($($t)*); };
}

pub mod abi;
mod cblas;
mod extras;
mod fortran;
mod lapack;
pub mod xerbla;
