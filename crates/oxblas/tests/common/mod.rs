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
