//! Test helpers: a seeded RNG, matrices in every storage layout, and naive
//! reference loops written independently of the library.
#![allow(dead_code)]

use oxblas::{MatMut, MatRef, RealScalar, Scalar};

/// xorshift64*: deterministic, seeded per test.
pub struct Rng(u64);
impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in [-1, 1).
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 52) as f64 - 1.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    pub fn scalar<T: Scalar>(&mut self) -> T {
        let re = self.uniform();
        let im = self.uniform();
        T::from_parts(T::Real::from_f64(re), T::Real::from_f64(im))
    }
}

/// How a test matrix is laid out in its buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Column-major, leading dimension nrows + 3.
    ColMajor,
    /// Row-major, leading dimension ncols + 2.
    RowMajor,
    /// Column-major with row stride 2 and column stride 2*nrows + 5.
    Strided,
    /// Rows and columns both reversed (NumPy a[::-1, ::-1] of column-major).
    Reversed,
}
pub const LAYOUTS: [Layout; 4] = [
    Layout::ColMajor,
    Layout::RowMajor,
    Layout::Strided,
    Layout::Reversed,
];

/// A matrix stored in a buffer (with padding that must never change).
pub struct Mat<T> {
    pub buf: Vec<T>,
    pub offset: usize,
    pub nrows: usize,
    pub ncols: usize,
    pub rs: isize,
    pub cs: isize,
}

impl<T: Scalar> Mat<T> {
    pub fn new(nrows: usize, ncols: usize, layout: Layout, fill: impl FnMut() -> T) -> Mat<T> {
        let (m, n) = (nrows as isize, ncols as isize);
        let (len, offset, rs, cs) = match layout {
            Layout::ColMajor => (((m + 3) * n.max(1)) as usize, 0, 1, m + 3),
            Layout::RowMajor => ((m.max(1) * (n + 2)) as usize, 0, n + 2, 1),
            Layout::Strided => (((2 * m + 5) * n.max(1)) as usize, 0, 2, 2 * m + 5),
            Layout::Reversed => {
                let ld = m + 1;
                let len = (ld * n.max(1)) as usize;
                let off = if m == 0 || n == 0 {
                    0
                } else {
                    ((m - 1) + (n - 1) * ld) as usize
                };
                (len, off, -1, -ld)
            }
        };
        // Padding gets a sentinel so writes outside the view are detected.
        let mut buf =
            vec![T::from_parts(T::Real::from_f64(777.0), T::Real::from_f64(-555.0)); len.max(1)];
        let mut mat = Mat {
            buf: Vec::new(),
            offset,
            nrows,
            ncols,
            rs,
            cs,
        };
        let mut fill = fill;
        for j in 0..ncols {
            for i in 0..nrows {
                buf[mat.index(i, j)] = fill();
            }
        }
        mat.buf = buf;
        mat
    }
    pub fn index(&self, i: usize, j: usize) -> usize {
        (self.offset as isize + i as isize * self.rs + j as isize * self.cs) as usize
    }
    pub fn at(&self, i: usize, j: usize) -> T {
        self.buf[self.index(i, j)]
    }
    pub fn as_ref(&self) -> MatRef<'_, T> {
        MatRef::from_slice(
            &self.buf,
            self.offset,
            self.nrows,
            self.ncols,
            self.rs,
            self.cs,
        )
        .unwrap()
    }
    pub fn as_mut(&mut self) -> MatMut<'_, T> {
        MatMut::from_slice(
            &mut self.buf,
            self.offset,
            self.nrows,
            self.ncols,
            self.rs,
            self.cs,
        )
        .unwrap()
    }
    /// Every buffer element not inside the view.
    pub fn padding(&self) -> Vec<T> {
        let mut inside = vec![false; self.buf.len()];
        for j in 0..self.ncols {
            for i in 0..self.nrows {
                inside[self.index(i, j)] = true;
            }
        }
        self.buf
            .iter()
            .zip(inside)
            .filter(|(_, x)| !x)
            .map(|(v, _)| *v)
            .collect()
    }
    pub fn clone_layout(&self) -> Mat<T> {
        Mat {
            buf: self.buf.clone(),
            offset: self.offset,
            nrows: self.nrows,
            ncols: self.ncols,
            rs: self.rs,
            cs: self.cs,
        }
    }
}

pub fn abs<T: Scalar>(x: T) -> f64 {
    let (r, i) = (x.re().to_f64(), x.im().to_f64());
    (r * r + i * i).sqrt()
}

pub fn eps<T: Scalar>() -> f64 {
    T::Real::EPSILON.to_f64()
}

/// A BLAS vector of `n` elements with increment `inc` (any sign) inside a
/// buffer with sentinel padding between and around the elements.
pub struct Vector<T> {
    pub buf: Vec<T>,
    pub n: usize,
    pub inc: isize,
    /// Sentinel padding before the first stored element.
    pub lead: usize,
}

impl<T: Scalar> Vector<T> {
    pub fn new(n: usize, inc: isize, mut fill: impl FnMut() -> T) -> Vector<T> {
        let lead = 2;
        let span = if n == 0 {
            0
        } else {
            (n - 1) * inc.unsigned_abs() + 1
        };
        let sentinel = T::from_parts(T::Real::from_f64(-999.0), T::Real::from_f64(333.0));
        let mut v = Vector {
            buf: vec![sentinel; lead + span + 3],
            n,
            inc,
            lead,
        };
        for i in 0..n {
            let k = v.index(i);
            v.buf[k] = fill();
        }
        v
    }
    pub fn from_values(vals: &[T], inc: isize) -> Vector<T> {
        let mut it = vals.iter().copied();
        Vector::new(vals.len(), inc, || it.next().unwrap())
    }
    /// Buffer index of element i, with the reference BLAS meaning of a
    /// negative increment (start at the far end).
    pub fn index(&self, i: usize) -> usize {
        let start = if self.inc < 0 && self.n > 0 {
            (self.n - 1) * self.inc.unsigned_abs()
        } else {
            0
        };
        (self.lead as isize + start as isize + i as isize * self.inc) as usize
    }
    pub fn at(&self, i: usize) -> T {
        self.buf[self.index(i)]
    }
    pub fn set(&mut self, i: usize, v: T) {
        let k = self.index(i);
        self.buf[k] = v;
    }
    pub fn values(&self) -> Vec<T> {
        (0..self.n).map(|i| self.at(i)).collect()
    }
    pub fn as_ref(&self) -> oxblas::VecRef<'_, T> {
        oxblas::VecRef::from_blas(&self.buf[self.lead..], self.n, self.inc).unwrap()
    }
    pub fn as_mut(&mut self) -> oxblas::VecMut<'_, T> {
        let lead = self.lead;
        oxblas::VecMut::from_blas(&mut self.buf[lead..], self.n, self.inc).unwrap()
    }
    /// Every buffer element that is not one of the n elements.
    pub fn padding(&self) -> Vec<T> {
        let mut inside = vec![false; self.buf.len()];
        for i in 0..self.n {
            inside[self.index(i)] = true;
        }
        self.buf
            .iter()
            .zip(inside)
            .filter(|(_, x)| !x)
            .map(|(v, _)| *v)
            .collect()
    }
}

/// Bitwise equality of two scalars (NaN equal to the same NaN).
pub fn same_bits<T: Scalar>(a: T, b: T) -> bool {
    a.re().to_f64().to_bits() == b.re().to_f64().to_bits()
        && a.im().to_f64().to_bits() == b.im().to_f64().to_bits()
}

/// Runs `f` once per ISA this CPU supports, with that ISA selected.
pub fn for_each_isa(mut f: impl FnMut(oxblas::arch::Isa)) {
    for isa in oxblas::arch::Isa::all_supported() {
        oxblas::arch::with_isa(isa, || f(isa));
    }
}

// ---------------------------------------------------------------------------
// LAPACK test helpers (tests/lapack_lu.rs, tests/lapack_cholesky.rs): dense
// reference matrices in c64, whatever the type under test, so residuals are
// computed in double precision (complex) by naive loops.

/// A column-major c64 matrix for reference computations.
#[derive(Clone, Debug)]
pub struct Dm {
    pub m: usize,
    pub n: usize,
    pub a: Vec<oxblas::c64>,
}

pub fn to_c64<T: Scalar>(x: T) -> oxblas::c64 {
    oxblas::c64::new(x.re().to_f64(), x.im().to_f64())
}

pub fn from_c64<T: Scalar>(z: oxblas::c64) -> T {
    T::from_parts(T::Real::from_f64(z.re), T::Real::from_f64(z.im))
}

impl Dm {
    pub fn zeros(m: usize, n: usize) -> Dm {
        Dm {
            m,
            n,
            a: vec![oxblas::c64::new(0.0, 0.0); m * n],
        }
    }
    pub fn identity(n: usize) -> Dm {
        let mut d = Dm::zeros(n, n);
        for i in 0..n {
            d.set(i, i, oxblas::c64::new(1.0, 0.0));
        }
        d
    }
    pub fn get(&self, i: usize, j: usize) -> oxblas::c64 {
        self.a[i + j * self.m]
    }
    pub fn set(&mut self, i: usize, j: usize, v: oxblas::c64) {
        self.a[i + j * self.m] = v;
    }
    /// Copy of a view of any type.
    pub fn of<T: Scalar>(a: MatRef<'_, T>) -> Dm {
        let mut d = Dm::zeros(a.nrows(), a.ncols());
        for j in 0..a.ncols() {
            for i in 0..a.nrows() {
                d.set(i, j, to_c64(a.get(i, j)));
            }
        }
        d
    }
    /// The matrix rounded to T, stored in `layout`.
    pub fn to_mat<T: Scalar>(&self, layout: Layout) -> Mat<T> {
        let mut it = self.a.iter();
        Mat::new(self.m, self.n, layout, || from_c64(*it.next().unwrap()))
    }
    /// The matrix rounded to T and back (what the routine under test sees).
    pub fn rounded<T: Scalar>(&self) -> Dm {
        let mut d = self.clone();
        for z in d.a.iter_mut() {
            *z = to_c64(from_c64::<T>(*z));
        }
        d
    }
    pub fn mul(&self, b: &Dm) -> Dm {
        assert_eq!(self.n, b.m);
        let mut c = Dm::zeros(self.m, b.n);
        for j in 0..b.n {
            for k in 0..self.n {
                let bkj = b.get(k, j);
                if bkj.re == 0.0 && bkj.im == 0.0 {
                    continue;
                }
                let col = &self.a[k * self.m..(k + 1) * self.m];
                let out = &mut c.a[j * self.m..(j + 1) * self.m];
                for (o, &x) in out.iter_mut().zip(col) {
                    *o += x * bkj;
                }
            }
        }
        c
    }
    pub fn sub(&self, b: &Dm) -> Dm {
        let mut c = self.clone();
        for (x, y) in c.a.iter_mut().zip(&b.a) {
            *x -= *y;
        }
        c
    }
    pub fn adjoint(&self) -> Dm {
        let mut c = Dm::zeros(self.n, self.m);
        for j in 0..self.n {
            for i in 0..self.m {
                c.set(j, i, self.get(i, j).conj());
            }
        }
        c
    }
    /// Largest column sum of moduli.
    pub fn norm1(&self) -> f64 {
        (0..self.n)
            .map(|j| (0..self.m).map(|i| self.get(i, j).norm()).sum::<f64>())
            .fold(0.0, f64::max)
    }
    pub fn has_nan(&self) -> bool {
        self.a.iter().any(|z| z.re.is_nan() || z.im.is_nan())
    }
    /// Random entries, uniform in [-1, 1) (both parts when complex).
    pub fn random(rng: &mut Rng, m: usize, n: usize, complex: bool) -> Dm {
        let mut d = Dm::zeros(m, n);
        for z in d.a.iter_mut() {
            let re = rng.uniform();
            let im = if complex { rng.uniform() } else { 0.0 };
            *z = oxblas::c64::new(re, im);
        }
        d
    }
    /// `H M` for the Householder reflector `H = I - 2 v v^H / (v^H v)`.
    pub fn reflect_rows(&mut self, v: &[oxblas::c64]) {
        let vv: f64 = v.iter().map(|z| z.norm_sqr()).sum();
        for j in 0..self.n {
            let m = self.m;
            let col = &mut self.a[j * m..(j + 1) * m];
            let s: oxblas::c64 = v.iter().zip(col.iter()).map(|(x, y)| x.conj() * y).sum();
            let f = s * (2.0 / vv);
            for (x, y) in col.iter_mut().zip(v) {
                *x -= y * f;
            }
        }
    }
    /// A random unitary (real: orthogonal) n x n matrix: three reflectors.
    pub fn random_unitary(rng: &mut Rng, n: usize, complex: bool) -> Dm {
        let mut q = Dm::identity(n);
        for _ in 0..3 {
            let v = Dm::random(rng, n, 1, complex);
            q.reflect_rows(&v.a);
        }
        q
    }
    /// `U diag(s) V^H` with random unitary U, V (m x n, s.len() = min(m, n)).
    pub fn with_singular_values(rng: &mut Rng, m: usize, n: usize, s: &[f64], complex: bool) -> Dm {
        let mut d = Dm::zeros(m, n);
        for (i, &x) in s.iter().enumerate() {
            d.set(i, i, oxblas::c64::new(x, 0.0));
        }
        let u = Dm::random_unitary(rng, m, complex);
        let v = Dm::random_unitary(rng, n, complex);
        u.mul(&d).mul(&v.adjoint())
    }
    /// Hermitian `Q diag(s) Q^H` with a random unitary Q (exactly Hermitian:
    /// the lower triangle mirrored, the diagonal real).
    pub fn hermitian_with_eigenvalues(rng: &mut Rng, s: &[f64], complex: bool) -> Dm {
        let n = s.len();
        let q = Dm::random_unitary(rng, n, complex);
        let mut d = Dm::zeros(n, n);
        for (i, &x) in s.iter().enumerate() {
            d.set(i, i, oxblas::c64::new(x, 0.0));
        }
        let mut h = q.mul(&d).mul(&q.adjoint());
        h.make_hermitian();
        h
    }
    /// Mirrors the lower triangle into the upper one and zeroes the
    /// imaginary part of the diagonal.
    pub fn make_hermitian(&mut self) {
        for j in 0..self.n {
            let d = self.get(j, j);
            self.set(j, j, oxblas::c64::new(d.re, 0.0));
            for i in j + 1..self.n {
                let v = self.get(i, j);
                self.set(j, i, v.conj());
            }
        }
    }
    /// `diag(r) self diag(c)`: row i scaled by `r[i]`, column j by `c[j]`
    /// (a graded matrix when the factors span many decades).
    pub fn scaled(&self, r: &[f64], c: &[f64]) -> Dm {
        assert!(r.len() == self.m && c.len() == self.n);
        let mut d = self.clone();
        for (j, &cj) in c.iter().enumerate() {
            for (i, &ri) in r.iter().enumerate() {
                let v = d.get(i, j) * (ri * cj);
                d.set(i, j, v);
            }
        }
        d
    }
    /// Hermitian positive semidefinite of rank `r` (exactly, before
    /// rounding): `Q diag(s) Q^H` with s in [1, 2] for the first `r`
    /// eigenvalues and 0 for the others. Q is the identity plus a rank-6
    /// term (three reflectors), so the leading `r x r` block stays well
    /// conditioned and the Schur complement of that block is zero (what a
    /// Cholesky factorisation meets there is rounding noise).
    pub fn psd_with_rank(rng: &mut Rng, n: usize, r: usize, complex: bool) -> Dm {
        let s: Vec<f64> = (0..n)
            .map(|i| {
                if i < r {
                    1.0 + (i as f64 + 0.5) / r as f64
                } else {
                    0.0
                }
            })
            .collect();
        Dm::hermitian_with_eigenvalues(rng, &s, complex)
    }
    /// Reference Gaussian elimination with partial pivoting (no blocking,
    /// written independently of the library): returns (phase of det,
    /// log |det|); phase 0 and -inf for a singular matrix.
    pub fn slogdet(&self) -> (oxblas::c64, f64) {
        let n = self.n;
        let mut a = self.clone();
        let mut phase = oxblas::c64::new(1.0, 0.0);
        let mut log = 0.0;
        for k in 0..n {
            let p = (k..n)
                .max_by(|&x, &y| a.get(x, k).norm().total_cmp(&a.get(y, k).norm()))
                .unwrap();
            if a.get(p, k).norm() == 0.0 {
                return (oxblas::c64::new(0.0, 0.0), f64::NEG_INFINITY);
            }
            if p != k {
                for j in 0..n {
                    let (x, y) = (a.get(k, j), a.get(p, j));
                    a.set(k, j, y);
                    a.set(p, j, x);
                }
                phase = -phase;
            }
            let piv = a.get(k, k);
            log += piv.norm().ln();
            phase *= piv / piv.norm();
            for i in k + 1..n {
                let l = a.get(i, k) / piv;
                for j in k + 1..n {
                    let v = a.get(i, j) - l * a.get(k, j);
                    a.set(i, j, v);
                }
            }
        }
        (phase, log)
    }
}

/// `n` factors from `10^hi` to `10^lo`, geometrically spaced (`10^hi` when
/// n = 1): the row or column scaling of a graded matrix.
pub fn geometric(n: usize, hi: f64, lo: f64) -> Vec<f64> {
    (0..n)
        .map(|i| {
            let t = if n <= 1 {
                0.0
            } else {
                i as f64 / (n - 1) as f64
            };
            10f64.powf(hi + (lo - hi) * t)
        })
        .collect()
}

/// A random permutation of `v` (Fisher-Yates with the test's RNG).
pub fn shuffled<X>(rng: &mut Rng, mut v: Vec<X>) -> Vec<X> {
    for i in (1..v.len()).rev() {
        let j = rng.below(i + 1);
        v.swap(i, j);
    }
    v
}

// ---- Level 2 storage helpers (band, packed) ----

use oxblas::blas::Uplo;

/// A NaN in every component.
pub fn nan_of<T: Scalar>() -> T {
    T::from_parts(T::Real::from_f64(f64::NAN), T::Real::from_f64(f64::NAN))
}

/// Band storage of an m x n band matrix: `(kl + ku + 1 + 2) x n` with the
/// entries outside the band (and the two extra rows) NaN.
#[allow(clippy::needless_range_loop)]
pub fn band_of<T: Scalar>(
    full: &[Vec<T>],
    m: usize,
    n: usize,
    kl: usize,
    ku: usize,
    layout: Layout,
) -> Mat<T> {
    let mut b = Mat::new(kl + ku + 3, n, layout, nan_of::<T>);
    for j in 0..n {
        for i in j.saturating_sub(ku)..m.min(j + kl + 1) {
            let k = b.index(ku + i - j, j);
            b.buf[k] = full[i][j];
        }
    }
    b
}

/// Column-major packed copy of the `uplo` triangle, plus 3 sentinels.
#[allow(clippy::needless_range_loop)]
pub fn packed_of<T: Scalar>(a: &[Vec<T>], uplo: Uplo) -> Vec<T> {
    let n = a.len();
    let mut ap = Vec::new();
    for j in 0..n {
        let rows = if uplo == Uplo::Upper { 0..j + 1 } else { j..n };
        for i in rows {
            ap.push(a[i][j]);
        }
    }
    ap.extend([T::from_real(T::Real::from_f64(-7.0)); 3]);
    ap
}

/// Dense copy of a packed triangle (zeros elsewhere).
#[allow(clippy::needless_range_loop)]
pub fn unpacked_of<T: Scalar>(ap: &[T], n: usize, uplo: Uplo) -> Vec<Vec<T>> {
    let mut a = vec![vec![T::zero(); n]; n];
    let mut k = 0;
    for j in 0..n {
        let rows = if uplo == Uplo::Upper { 0..j + 1 } else { j..n };
        for i in rows {
            a[i][j] = ap[k];
            k += 1;
        }
    }
    a
}
