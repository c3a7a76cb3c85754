//! Knobs beyond the BLAS standard, declared in `include/oxblas.h`.

use core::ffi::{c_char, c_int};
use std::ffi::CString;
use std::sync::OnceLock;

/// Sets the number of threads oxblas uses (`n < 1` means 1).
#[no_mangle]
pub extern "C" fn oxblas_set_num_threads(n: c_int) {
    crate::abi::guard("oxblas_set_num_threads", || {
        ox::set_num_threads(n.max(1) as usize)
    })
}

/// The number of threads oxblas uses.
#[no_mangle]
pub extern "C" fn oxblas_get_num_threads() -> c_int {
    crate::abi::guard("oxblas_get_num_threads", || ox::num_threads() as c_int)
}

/// A NUL-terminated description of the build and the machine (ISA chosen,
/// caches, block sizes, threads), owned by the library.
#[no_mangle]
pub extern "C" fn oxblas_get_config() -> *const c_char {
    static REPORT: OnceLock<CString> = OnceLock::new();
    crate::abi::guard("oxblas_get_config", || {
        REPORT
            .get_or_init(|| {
                let s = ox::config_report().replace('\0', " ");
                CString::new(s).unwrap_or_default()
            })
            .as_ptr()
    })
}
