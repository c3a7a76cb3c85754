//! The peers: where each library is on this machine (discovery), which
//! configurations of it to run, how a child process loads it (libloading by
//! absolute path) and how one GEMM call reaches it for each element type.

use std::ffi::{c_char, c_int, c_void, CStr};
use std::path::{Path, PathBuf};
use std::process::Command;

use libloading::Library;
use oxblas::{MatMut, MatRef, Op};

use crate::rows::Row;

/// Which library a configuration runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Oxblas,
    OpenBlas,
    Blis,
    Mkl,
    Faer,
}

impl Family {
    pub fn key(self) -> &'static str {
        match self {
            Family::Oxblas => "oxblas",
            Family::OpenBlas => "openblas",
            Family::Blis => "blis",
            Family::Mkl => "mkl",
            Family::Faer => "faer",
        }
    }
    pub fn parse(s: &str) -> Option<Family> {
        [
            Family::Oxblas,
            Family::OpenBlas,
            Family::Blis,
            Family::Mkl,
            Family::Faer,
        ]
        .into_iter()
        .find(|f| f.key() == s)
    }
}

/// One column of the table: a library plus the environment it runs under.
#[derive(Clone, Debug)]
pub struct PeerConfig {
    /// Short column label, e.g. `OB-deb:SKX`.
    pub label: String,
    /// The library's label without the configuration suffix, e.g. `OB-deb`.
    pub base: String,
    pub family: Family,
    pub lib: Option<PathBuf>,
    /// Symbol prefix (`scipy_` for PyPI's scipy-openblas32).
    pub prefix: String,
    /// The configuration's own variables (threads are set separately).
    pub env: Vec<(String, String)>,
    /// Prepended to LD_LIBRARY_PATH in the child (MKL's companions).
    pub lib_dir: Option<PathBuf>,
    /// Human description for the report header.
    pub desc: String,
    /// The sub-configuration the child must report, else the env had no effect.
    pub expect_core: Option<String>,
    /// Filled in by the probe child: `core`, `version`, ... as reported by the library.
    pub info: Vec<(String, String)>,
}

impl PeerConfig {
    fn new(
        family: Family,
        base: &str,
        suffix: &str,
        lib: Option<PathBuf>,
        desc: String,
    ) -> PeerConfig {
        let label = if suffix.is_empty() {
            base.to_string()
        } else {
            format!("{base}:{suffix}")
        };
        PeerConfig {
            label,
            base: base.to_string(),
            family,
            lib,
            prefix: String::new(),
            env: Vec::new(),
            lib_dir: None,
            desc,
            expect_core: None,
            info: Vec::new(),
        }
    }
    fn with_env(mut self, k: &str, v: &str) -> PeerConfig {
        self.env.push((k.into(), v.into()));
        self.desc = format!("{}, {k}={v}", self.desc);
        self
    }
    pub fn info(&self, key: &str) -> Option<&str> {
        self.info
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Variables that pick a peer's code path: cleared in every child so that
/// only the configuration's own settings apply.
pub const CONFIG_VARS: &[&str] = &[
    "OPENBLAS_CORETYPE",
    "OPENBLAS_VERBOSE",
    "BLIS_ARCH_TYPE",
    "BLIS_ARCH_DEBUG",
    "MKL_ENABLE_INSTRUCTIONS",
    "MKL_DEBUG_CPU_TYPE",
    "MKL_CBWR",
    "MKL_INTERFACE_LAYER",
];

/// Thread-count variables: cleared in every child, then set for its family.
pub const THREAD_VARS: &[&str] = &[
    "OXBLAS_NUM_THREADS",
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "GOTO_NUM_THREADS",
    "BLIS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "MKL_THREADING_LAYER",
    "RAYON_NUM_THREADS",
];

/// How a child of `family` is told to use `threads` threads.
pub fn thread_env(family: Family, threads: usize) -> Vec<(String, String)> {
    let t = threads.to_string();
    let mut env = vec![("OMP_NUM_THREADS".to_string(), t.clone())];
    match family {
        Family::Oxblas => env.push(("OXBLAS_NUM_THREADS".into(), t)),
        Family::OpenBlas => env.push(("OPENBLAS_NUM_THREADS".into(), t)),
        Family::Blis => env.push(("BLIS_NUM_THREADS".into(), t)),
        Family::Mkl => {
            env.push(("MKL_NUM_THREADS".into(), t));
            // One thread: MKL's sequential layer, no OpenMP runtime at all.
            // More: Intel OpenMP (libiomp5, shipped by the PyPI package).
            let layer = if threads == 1 { "SEQUENTIAL" } else { "INTEL" };
            env.push(("MKL_THREADING_LAYER".into(), layer.into()));
            env.push(("MKL_INTERFACE_LAYER".into(), "LP64".into()));
        }
        Family::Faer => env.push(("RAYON_NUM_THREADS".into(), t)),
    }
    env
}

/// The candidate configurations found on this machine, and what was skipped.
#[derive(Default)]
pub struct Discovery {
    pub configs: Vec<PeerConfig>,
    pub notes: Vec<String>,
}

fn python() -> String {
    std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_string())
}

fn python_eval(code: &str) -> Result<String, String> {
    let out = Command::new(python())
        .arg("-c")
        .arg(code)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", python()))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(err
            .lines()
            .last()
            .unwrap_or("python failed")
            .trim()
            .to_string());
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The first file in `dir` whose name starts with `stem` and holds `.so`,
/// preferring the highest soname version.
fn find_so(dir: &Path, stem: &str) -> Option<PathBuf> {
    let mut hits: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.starts_with(stem) && name.contains(".so")
        })
        .collect();
    hits.sort();
    hits.pop()
}

fn multiarch_dir() -> PathBuf {
    PathBuf::from(format!("/usr/lib/{}-linux-gnu", std::env::consts::ARCH))
}

fn existing(paths: &[PathBuf]) -> Option<PathBuf> {
    paths
        .iter()
        .find(|p| p.exists())
        .map(|p| p.canonicalize().unwrap_or_else(|_| p.to_path_buf()))
}

fn openblas_configs(base: &str, lib: PathBuf, prefix: &str, what: &str) -> Vec<PeerConfig> {
    let desc = format!("{what} {}", lib.display());
    let mk = |suffix: &str| {
        let mut c = PeerConfig::new(
            Family::OpenBlas,
            base,
            suffix,
            Some(lib.clone()),
            desc.clone(),
        );
        c.prefix = prefix.to_string();
        c
    };
    vec![
        mk(""),
        mk("SKX").with_env("OPENBLAS_CORETYPE", "SkylakeX"),
        mk("CPL").with_env("OPENBLAS_CORETYPE", "Cooperlake"),
        mk("Zen").with_env("OPENBLAS_CORETYPE", "Zen"),
    ]
}

/// Every configuration that could run here, before probing.
pub fn discover() -> Discovery {
    let mut d = Discovery::default();
    d.configs.push(PeerConfig::new(
        Family::Oxblas,
        "oxblas",
        "",
        None,
        "oxblas (this workspace), in-process".into(),
    ));

    // OpenBLAS, PyPI scipy-openblas32 (LP64, `scipy_` prefix).
    match python_eval("import scipy_openblas32; print(scipy_openblas32.get_lib_dir())") {
        Ok(dir) => match find_so(Path::new(&dir), "libscipy_openblas") {
            Some(lib) => d.configs.extend(openblas_configs(
                "OB-pypi",
                lib,
                "scipy_",
                "OpenBLAS (PyPI scipy-openblas32)",
            )),
            None => d.notes.push(format!(
                "skipped OpenBLAS (PyPI): no libscipy_openblas*.so in {dir}"
            )),
        },
        Err(e) => d
            .notes
            .push(format!("skipped OpenBLAS (PyPI scipy-openblas32): {e}")),
    }

    // OpenBLAS, Debian libopenblas0-pthread.
    let ma = multiarch_dir();
    match existing(&[ma.join("openblas-pthread/libopenblas.so.0")]) {
        Some(lib) => d.configs.extend(openblas_configs(
            "OB-deb",
            lib,
            "",
            "OpenBLAS (Debian libopenblas0-pthread)",
        )),
        None => d.notes.push(format!(
            "skipped OpenBLAS (Debian): {} not found",
            ma.join("openblas-pthread/libopenblas.so.0").display()
        )),
    }

    // BLIS, Debian libblis4-pthread. BLIS 0.9 reads BLIS_ARCH_TYPE with atoi,
    // so it takes the arch_t number (0 = skx, 6 = zen3), not the name: the
    // probe checks that the child reports the expected sub-configuration.
    match existing(&[
        ma.join("blis-pthread/libblis.so.4"),
        ma.join("libblis.so.4"),
    ]) {
        Some(lib) => {
            let desc = format!("BLIS (Debian libblis4) {}", lib.display());
            let mk = |suffix: &str| {
                PeerConfig::new(
                    Family::Blis,
                    "BLIS",
                    suffix,
                    Some(lib.clone()),
                    desc.clone(),
                )
            };
            let mut skx = mk("skx").with_env("BLIS_ARCH_TYPE", "0");
            skx.expect_core = Some("skx".into());
            let mut zen3 = mk("zen3").with_env("BLIS_ARCH_TYPE", "6");
            zen3.expect_core = Some("zen3".into());
            d.configs.extend([mk(""), skx, zen3]);
        }
        None => d
            .notes
            .push("skipped BLIS: libblis.so.4 not found (apt-get install libblis4-pthread)".into()),
    }

    // MKL, PyPI `mkl`: <sys.prefix>/lib/libmkl_rt.so.N.
    match python_eval("import sys; print(sys.prefix)") {
        Ok(prefix) => {
            let dir = PathBuf::from(prefix).join("lib");
            match find_so(&dir, "libmkl_rt.so") {
                Some(lib) => {
                    let desc = format!("MKL (PyPI mkl) {}", lib.display());
                    let mk = |suffix: &str| {
                        let mut c = PeerConfig::new(
                            Family::Mkl,
                            "MKL",
                            suffix,
                            Some(lib.clone()),
                            desc.clone(),
                        );
                        c.lib_dir = Some(dir.clone());
                        c
                    };
                    d.configs.extend([
                        mk(""),
                        mk("avx512").with_env("MKL_ENABLE_INSTRUCTIONS", "AVX512"),
                        mk("cpu5").with_env("MKL_DEBUG_CPU_TYPE", "5"),
                    ]);
                }
                None => d.notes.push(format!(
                    "skipped MKL: no libmkl_rt.so* in {} (pip install mkl)",
                    dir.display()
                )),
            }
        }
        Err(e) => d.notes.push(format!("skipped MKL: {e}")),
    }

    if cfg!(feature = "faer") {
        d.configs.push(PeerConfig::new(
            Family::Faer,
            "faer",
            "",
            None,
            if cfg!(feature = "faer-avx512") {
                "faer 0.24 (crates.io) with x86-v4 (AVX-512) kernels, in-process, Par::Seq / Par::rayon(t)".into()
            } else {
                "faer 0.24 (crates.io), features std+rayon, SIMD level chosen at run time (pulp), in-process, Par::Seq / Par::rayon(t)".into()
            },
        ));
    } else {
        d.notes
            .push("skipped faer: not built in (cargo build --features faer)".into());
    }
    d
}

// ---------------------------------------------------------------------------
// Loading, in the child.

const CBLAS_COL_MAJOR: c_int = 102;

fn cblas_trans(op: Op) -> c_int {
    match op {
        Op::NoTrans => 111,
        Op::Trans => 112,
        Op::ConjTrans => 113,
    }
}

type RealGemm<T> = unsafe extern "C" fn(
    c_int,
    c_int,
    c_int,
    c_int,
    c_int,
    c_int,
    T,
    *const T,
    c_int,
    *const T,
    c_int,
    T,
    *mut T,
    c_int,
);
type ComplexGemm = unsafe extern "C" fn(
    c_int,
    c_int,
    c_int,
    c_int,
    c_int,
    c_int,
    *const c_void,
    *const c_void,
    c_int,
    *const c_void,
    c_int,
    *const c_void,
    *mut c_void,
    c_int,
);

/// A CBLAS library and its four GEMM entry points.
pub struct CblasLib {
    s: RealGemm<f32>,
    d: RealGemm<f64>,
    c: ComplexGemm,
    z: ComplexGemm,
    /// Keeps the code behind the pointers above mapped.
    lib: Library,
    prefix: String,
}

impl CblasLib {
    fn open(path: &Path, prefix: &str) -> Result<CblasLib, String> {
        // SAFETY: loading a shared library runs its initialisers. These are
        // the BLAS libraries we mean to measure, each in a process of its own
        // that loads nothing else of the kind.
        let lib = unsafe { Library::new(path) }
            .map_err(|e| format!("cannot load {}: {e}", path.display()))?;
        let name = |t: char| format!("{prefix}cblas_{t}gemm");
        // SAFETY: each symbol is the CBLAS `?gemm` of an LP64 library, whose C
        // prototype is exactly the function type it is read as; the pointers
        // are stored next to `lib`, which outlives every call through them.
        unsafe {
            let s = *lib
                .get::<RealGemm<f32>>(name('s').as_bytes())
                .map_err(|e| e.to_string())?;
            let d = *lib
                .get::<RealGemm<f64>>(name('d').as_bytes())
                .map_err(|e| e.to_string())?;
            let c = *lib
                .get::<ComplexGemm>(name('c').as_bytes())
                .map_err(|e| e.to_string())?;
            let z = *lib
                .get::<ComplexGemm>(name('z').as_bytes())
                .map_err(|e| e.to_string())?;
            Ok(CblasLib {
                s,
                d,
                c,
                z,
                lib,
                prefix: prefix.to_string(),
            })
        }
    }

    /// The library's symbol `{prefix}{name}` as a function pointer.
    ///
    /// # Safety
    /// `F` must be the exact function-pointer type of that symbol; the
    /// pointer must not be used after `self` is dropped.
    pub unsafe fn sym<F: Copy>(&self, name: &str) -> Result<F, String> {
        let full = format!("{}{name}", self.prefix);
        // SAFETY: the caller vouches for the type (see the contract above).
        unsafe { self.lib.get::<F>(full.as_bytes()) }
            .map(|s| *s)
            .map_err(|_| format!("no symbol {full}"))
    }

    /// A `const char *f(void)` of the library, if it has one.
    fn string_fn(&self, sym: &str) -> Option<String> {
        // SAFETY: the OpenBLAS/BLIS functions read here take no argument and
        // return a pointer to a static NUL-terminated string (or null).
        unsafe {
            let f = self
                .lib
                .get::<unsafe extern "C" fn() -> *const c_char>(sym.as_bytes())
                .ok()?;
            let p = f();
            (!p.is_null()).then(|| CStr::from_ptr(p).to_string_lossy().trim().to_string())
        }
    }

    /// An `int f(void)` of the library, if it has one.
    fn int_fn(&self, sym: &str) -> Option<i64> {
        // SAFETY: the functions read here take no argument and return an int.
        unsafe {
            self.lib
                .get::<unsafe extern "C" fn() -> c_int>(sym.as_bytes())
                .ok()
                .map(|f| f() as i64)
        }
    }

    /// What the library says about itself: chosen core, version, threads.
    fn info(&self, family: Family) -> Vec<(String, String)> {
        let mut info = Vec::new();
        let p = &self.prefix;
        match family {
            Family::OpenBlas => {
                if let Some(core) = self.string_fn(&format!("{p}openblas_get_corename")) {
                    info.push(("core".into(), core));
                }
                if let Some(cfg) = self.string_fn(&format!("{p}openblas_get_config")) {
                    info.push(("version".into(), cfg));
                }
                if let Some(t) = self.int_fn(&format!("{p}openblas_get_num_threads")) {
                    info.push(("threads".into(), t.to_string()));
                }
            }
            Family::Blis => {
                // SAFETY: BLIS 0.9 API: bli_init(void); bli_arch_query_id(void)
                // returns the arch_t (a C enum, int) of the sub-configuration in
                // use; bli_arch_string(arch_t) returns a static string for it;
                // bli_thread_get_num_threads(void) returns dim_t (int64).
                // SAFETY: the signatures above match BLIS 0.9's exports.
                unsafe {
                    if let Ok(init) = self.lib.get::<unsafe extern "C" fn()>(b"bli_init") {
                        init();
                    }
                    let id = self
                        .lib
                        .get::<unsafe extern "C" fn() -> c_int>(b"bli_arch_query_id");
                    let name = self
                        .lib
                        .get::<unsafe extern "C" fn(c_int) -> *const c_char>(b"bli_arch_string");
                    if let (Ok(id), Ok(name)) = (id, name) {
                        let p = name(id());
                        if !p.is_null() {
                            info.push((
                                "core".into(),
                                CStr::from_ptr(p).to_string_lossy().into_owned(),
                            ));
                        }
                    }
                    if let Ok(f) = self
                        .lib
                        .get::<unsafe extern "C" fn() -> i64>(b"bli_thread_get_num_threads")
                    {
                        info.push(("threads".into(), f().to_string()));
                    }
                }
                if let Some(v) = self.string_fn("bli_info_get_version_str") {
                    info.push(("version".into(), format!("BLIS {v}")));
                }
            }
            Family::Mkl => {
                let mut buf = [0 as c_char; 256];
                // SAFETY: MKL_Get_Version_String(char *buf, int len) writes at
                // most `len` bytes, NUL-terminated, into `buf`.
                unsafe {
                    if let Ok(f) = self
                        .lib
                        .get::<unsafe extern "C" fn(*mut c_char, c_int)>(b"MKL_Get_Version_String")
                    {
                        f(buf.as_mut_ptr(), buf.len() as c_int - 1);
                        let v = CStr::from_ptr(buf.as_ptr())
                            .to_string_lossy()
                            .trim()
                            .to_string();
                        info.push(("version".into(), v));
                    }
                }
                if let Some(t) = self.int_fn("MKL_Get_Max_Threads") {
                    info.push(("threads".into(), t.to_string()));
                }
            }
            _ => {}
        }
        info
    }
}

/// The peer as a child process holds it.
pub enum Loaded {
    Oxblas,
    Cblas(CblasLib),
    #[cfg(feature = "faer")]
    Faer,
}

pub fn load(
    family: Family,
    lib: Option<&Path>,
    prefix: &str,
) -> Result<(Loaded, Vec<(String, String)>), String> {
    match family {
        Family::Oxblas => Ok((
            Loaded::Oxblas,
            vec![("version".into(), oxblas::config_report())],
        )),
        Family::OpenBlas | Family::Blis | Family::Mkl => {
            let path = lib.ok_or("no library path given")?;
            let cb = CblasLib::open(path, prefix)?;
            let info = cb.info(family);
            Ok((Loaded::Cblas(cb), info))
        }
        #[cfg(feature = "faer")]
        Family::Faer => Ok((
            Loaded::Faer,
            vec![("version".into(), "faer (crates.io)".into())],
        )),
        #[cfg(not(feature = "faer"))]
        Family::Faer => Err("faer is not built in (cargo feature `faer`)".into()),
    }
}

#[cfg(feature = "faer")]
pub trait FaerBound:
    faer::traits::ComplexField + faer::traits::Conjugate<Canonical = Self>
{
}
#[cfg(feature = "faer")]
impl<T: faer::traits::ComplexField + faer::traits::Conjugate<Canonical = T>> FaerBound for T {}
#[cfg(not(feature = "faer"))]
pub trait FaerBound {}
#[cfg(not(feature = "faer"))]
impl<T> FaerBound for T {}

/// An element type every peer can multiply.
pub trait PeerScalar: oxblas::Scalar + FaerBound {
    /// # Safety
    /// The pointers and leading dimensions must describe matrices of the
    /// shapes the CBLAS arguments say.
    // SAFETY: contract stated above; implementations only forward to CBLAS.
    #[allow(clippy::too_many_arguments)]
    unsafe fn cblas_gemm(
        lib: &CblasLib,
        ta: c_int,
        tb: c_int,
        m: c_int,
        n: c_int,
        k: c_int,
        alpha: Self,
        a: *const Self,
        lda: c_int,
        b: *const Self,
        ldb: c_int,
        beta: Self,
        c: *mut Self,
        ldc: c_int,
    );
}

macro_rules! real_peer {
    ($t:ty, $field:ident) => {
        impl PeerScalar for $t {
            // SAFETY: forwards the caller's pointers (see the trait contract).
            unsafe fn cblas_gemm(
                lib: &CblasLib,
                ta: c_int,
                tb: c_int,
                m: c_int,
                n: c_int,
                k: c_int,
                alpha: $t,
                a: *const $t,
                lda: c_int,
                b: *const $t,
                ldb: c_int,
                beta: $t,
                c: *mut $t,
                ldc: c_int,
            ) {
                // SAFETY: the caller vouches for the shapes (see the trait);
                // the pointer is the library's cblas_?gemm, kept mapped by `lib`.
                unsafe {
                    (lib.$field)(
                        CBLAS_COL_MAJOR,
                        ta,
                        tb,
                        m,
                        n,
                        k,
                        alpha,
                        a,
                        lda,
                        b,
                        ldb,
                        beta,
                        c,
                        ldc,
                    )
                }
            }
        }
    };
}

macro_rules! complex_peer {
    ($t:ty, $field:ident) => {
        impl PeerScalar for $t {
            // SAFETY: forwards the caller's pointers (see the trait contract).
            unsafe fn cblas_gemm(
                lib: &CblasLib,
                ta: c_int,
                tb: c_int,
                m: c_int,
                n: c_int,
                k: c_int,
                alpha: $t,
                a: *const $t,
                lda: c_int,
                b: *const $t,
                ldb: c_int,
                beta: $t,
                c: *mut $t,
                ldc: c_int,
            ) {
                // CBLAS passes complex scalars by address; num_complex's
                // repr(C) {re, im} is C99's complex layout.
                let (alpha, beta) = (
                    &alpha as *const $t as *const c_void,
                    &beta as *const $t as *const c_void,
                );
                // SAFETY: the caller vouches for the shapes (see the trait);
                // alpha and beta live on this stack frame for the call; the
                // pointer is the library's cblas_?gemm, kept mapped by `lib`.
                unsafe {
                    (lib.$field)(
                        CBLAS_COL_MAJOR,
                        ta,
                        tb,
                        m,
                        n,
                        k,
                        alpha,
                        a as *const c_void,
                        lda,
                        b as *const c_void,
                        ldb,
                        beta,
                        c as *mut c_void,
                        ldc,
                    )
                }
            }
        }
    };
}

real_peer!(f32, s);
real_peer!(f64, d);
complex_peer!(oxblas::c32, c);
complex_peer!(oxblas::c64, z);

fn to_int(x: usize) -> Result<c_int, String> {
    c_int::try_from(x).map_err(|_| format!("dimension {x} does not fit a 32-bit BLAS int"))
}

impl Loaded {
    /// `C = op(A) op(B)` (alpha = 1, beta = 0) for `row`, with A, B, C
    /// column-major and leading dimension = stored rows.
    pub fn gemm<T: PeerScalar>(
        &self,
        row: &Row,
        a: &[T],
        b: &[T],
        c: &mut [T],
        threads: usize,
    ) -> Result<(), String> {
        let (ar, ac) = row.a_dims();
        let (br, bc) = row.b_dims();
        let (lda, ldb, ldc) = (ar.max(1), br.max(1), row.m.max(1));
        if a.len() < lda * ac || b.len() < ldb * bc || c.len() < ldc * row.n {
            return Err("buffers too small for the row's shape".into());
        }
        let _ = threads;
        match self {
            Loaded::Oxblas => {
                let av = MatRef::col_major(a, ar, ac, lda).map_err(|e| format!("{e:?}"))?;
                let bv = MatRef::col_major(b, br, bc, ldb).map_err(|e| format!("{e:?}"))?;
                let cv = MatMut::col_major(c, row.m, row.n, ldc).map_err(|e| format!("{e:?}"))?;
                oxblas::gemm(row.op_a, row.op_b, T::one(), av, bv, T::zero(), cv)
                    .map_err(|e| format!("{e:?}"))
            }
            Loaded::Cblas(lib) => {
                let (m, n, k) = (to_int(row.m)?, to_int(row.n)?, to_int(row.k)?);
                let (lda, ldb, ldc) = (to_int(lda)?, to_int(ldb)?, to_int(ldc)?);
                // SAFETY: the lengths were checked above against the stored
                // shapes (ar x ac, br x bc, m x n) and leading dimensions that
                // the CBLAS call is given; C is borrowed exclusively.
                unsafe {
                    T::cblas_gemm(
                        lib,
                        cblas_trans(row.op_a),
                        cblas_trans(row.op_b),
                        m,
                        n,
                        k,
                        T::one(),
                        a.as_ptr(),
                        lda,
                        b.as_ptr(),
                        ldb,
                        T::zero(),
                        c.as_mut_ptr(),
                        ldc,
                    )
                };
                Ok(())
            }
            #[cfg(feature = "faer")]
            Loaded::Faer => {
                crate::faer_peer::gemm(row, a, b, c, threads);
                Ok(())
            }
        }
    }
}
